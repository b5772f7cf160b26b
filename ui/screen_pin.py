"""A screen that holds still during the meeting (issue 10): `?mode=screen&version=N` shows ledger
version N of the store and stops following the ledger until it is opened without `version`. Only a
signed-in screen: a visitor's has no ledger, and ignores the parameter. The desk page's sidebar
offers the link to the version it shows."""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from dashboard import config
from dashboard.meeting import history
from dashboard.store import LEDGER, open_store, store_url
from dashboard.store import page as store_page
from dashboard.strings import t

PARAM = "version"


@dataclass(frozen=True)
class Pin:
    version: int | None = None  # the ledger version shown; None: live
    key: tuple[str, str, str] | None = None  # app.join_projects' ledger key: (file, content key, as-of day)
    lines: list[str] = field(default_factory=list)  # what the screen says about it, in the page's language


def requested(cfg: config.Config, lang: str) -> Pin:
    """The pin `?version=` asks for (call it only for a signed-in screen). An unknown or malformed
    version: live data, and a line saying so."""
    asked = st.query_params.get(PARAM)
    if asked is None or asked == "":
        return Pin()
    if not asked.isdigit():
        return Pin(lines=[t("screen_pin_bad", lang)])
    n = int(asked)
    ver = next((v for v in history.versions(cfg) if v.version == n), None)
    path = store_page.ledger_version_file(cfg, n) if ver is not None else None
    if ver is None or path is None:
        return Pin(lines=[t("screen_pin_unknown", lang, n=n)])
    kept = ver.created_at.astimezone()
    # statuses as of the day the version was kept: what the meeting saw then (as history.read_version)
    key = (str(path), f"ledger-v{n}:{ver.content_hash}", history.local_date(ver).isoformat())
    return Pin(n, key, [t("screen_pinned", lang, n=n, time=kept.strftime("%Y-%m-%d %H:%M"))])


def current_version(cfg: config.Config) -> int | None:
    """The ledger version the page shows now (the store's current pointer); None without a store."""
    try:
        return open_store(store_url(cfg)).current_version(LEDGER)
    except store_page.ERRORS:
        return None


def pin_link(cfg: config.Config, lang: str) -> None:
    """The desk sidebar's "pin the screen to this version" link (signed-in pages only)."""
    n = current_version(cfg)
    if n is not None:
        st.link_button(
            t("screen_pin", lang, n=n),
            f"./?mode=screen&{PARAM}={n}&lang={lang}",
            help=t("screen_pin_help", lang),
            icon=":material/push_pin:",
            width="stretch",
        )
