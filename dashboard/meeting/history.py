"""The ledger's kept versions, read back from the store: every distinct saved or uploaded ledger is a
version with its time (dashboard/store). No streamlit here; the page caches what it needs."""

from __future__ import annotations

import datetime as dt

from dashboard import ledger
from dashboard.config import Config
from dashboard.store import LEDGER, Version, open_store, store_url
from dashboard.store.page import ERRORS, ledger_version_file


def versions(cfg: Config) -> list[Version]:
    """Every kept ledger version, oldest first ([] when the store has none or cannot be read)."""
    try:
        found = open_store(store_url(cfg)).versions(LEDGER)
    except ERRORS:
        return []
    return sorted(found, key=lambda v: v.version)


def local_date(ver: Version) -> dt.date:
    """The day a version was kept, on this server's clock (the meeting's weekday is local time)."""
    return ver.created_at.astimezone().date()


def read_version(
    cfg: Config, ver: Version, *, feature_ids=None, bbox=None, today: dt.date | None = None
) -> ledger.LedgerResult | None:
    """Version `ver` read like the live ledger; statuses as of `today`, by default the day it was
    kept (what the meeting saw then), unless the file declares its own as-of date."""
    path = ledger_version_file(cfg, ver.version)
    if path is None:
        return None
    return ledger.load_ledger(
        path, today=today or local_date(ver), feature_ids=feature_ids, bbox=bbox or cfg["data"]["bbox"]
    )
