"""本周变化 on the page (internal only: nothing here runs for a visitor, whose ledger `led` is None):
the changed projects marked on the map (`mark_changes`, before the page is drawn) and the desk
page's section — the baseline picker, the grouped lists and the weekly report's paragraph in
Chinese and English with a copy button (`changes_section`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from dashboard import catalog, config, ledger, warmap
from dashboard.meeting import baseline, history, marks, report
from dashboard.meeting.changes import Change, deadline_moves, diff
from dashboard.store import Version, store_url
from dashboard.strings import t

BASELINE_KEY = "changes_baseline"
AUTO = 0  # the picker's first choice: the version current at the last meeting (version numbers start at 1)
CSS = """<style>
.changes-group{margin:.2rem 0 .5rem}.changes-group ul{margin:.1rem 0 0 1.1rem;padding:0}
.changes-group[data-group="new"] b{color:#1d4ed8}.changes-group[data-group="closed"] b{color:#555}
.changes-group[data-group="deadline"] b,.changes-group[data-group="status"] b{color:#b3261e}
</style>"""


@dataclass(frozen=True)
class Outcome:
    kept: list[Version]  # every kept ledger version, oldest first
    auto: Version | None  # the version current at the last meeting (the rule)
    meeting: dt.datetime
    base: Version | None  # the one compared with: `auto`, or the user's pick
    changes: list[Change] = field(default_factory=list)


@st.cache_data(show_spinner=False, max_entries=256)
def _rows(_cfg: config.Config, _ver: Version, url: str, number: int, content_hash: str) -> pd.DataFrame | None:
    """A kept version's rows (statuses as of the day it was kept); url, number and hash: the key."""
    got = history.read_version(_cfg, _ver)
    return got.rows if got is not None else None


@st.cache_data(show_spinner=False, max_entries=16)
def _diff(_cfg: config.Config, _kept: list[Version], key: tuple, base: int, now: pd.DataFrame) -> list[Change]:
    """The changes from version `base` to the rows shown now; `key` names the kept versions."""
    url = store_url(_cfg)
    frames = {v.version: _rows(_cfg, v, url, v.version, v.content_hash) for v in _kept}
    before = frames.get(base)
    if before is None:
        return []
    moves = deadline_moves([f for f in frames.values() if f is not None] + [now])
    return diff(before, now, moves)


def outcome(cfg: config.Config, led: ledger.LedgerResult) -> Outcome:
    kept = history.versions(cfg)
    weekday, at = baseline.meeting_clock(cfg)
    meeting = baseline.last_meeting(dt.datetime.now().astimezone(), weekday, at)
    auto = baseline.baseline(kept, meeting)
    chosen = st.session_state.get(BASELINE_KEY, AUTO)
    base = next((v for v in kept if v.version == chosen), auto)
    if base is None or len(kept) < 2:
        return Outcome(kept, auto, meeting, base)
    key = tuple((v.version, v.content_hash) for v in kept)
    return Outcome(kept, auto, meeting, base, _diff(cfg, kept, key, base.version, led.rows))


def mark_changes(
    cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str
) -> catalog.Catalog:
    """The catalog with changed projects flagged for the map (a ring, until the next meeting) and
    the tour; a visitor's catalog (no ledger) is returned as it is."""
    if led is None or warmap.LAYER not in cat.layers:
        return cat
    changes = outcome(cfg, led).changes
    return cat.with_layer(marks.marked(cat.layers[warmap.LAYER], changes, lang)) if changes else cat


def _label(ver: Version, lang: str) -> str:
    return t("changes_version", lang, n=ver.version, time=baseline.local_time(ver), file=ver.source_name)


def baseline_picker(out: Outcome, lang: str) -> None:
    """A selectbox: the last meeting's version (default) or any kept version, newest first."""
    by_number = {v.version: v for v in out.kept}
    meeting = out.meeting.strftime("%Y-%m-%d %H:%M")

    def label(n: int) -> str:
        if n == AUTO and out.auto is not None:  # the rule's pick: at the meeting, or the oldest when none is that old
            key = "changes_baseline_auto" if out.auto.created_at <= out.meeting else "changes_baseline_oldest"
            return t(key, lang, meeting=meeting, version=_label(out.auto, lang))
        return _label(by_number[n], lang)

    st.selectbox(
        t("changes_baseline", lang),
        [AUTO, *sorted(by_number, reverse=True)],
        key=BASELINE_KEY,
        format_func=label,
        help=t("changes_baseline_help", lang),
    )


def changes_section(cfg: config.Config, led: ledger.LedgerResult | None, lang: str) -> None:
    """本周变化 on the desk page (signed-in sessions only)."""
    if led is None:
        return
    out = outcome(cfg, led)
    st.subheader(t("changes_title", lang))
    if out.base is None:
        st.info(t("changes_no_version", lang))
        return
    if len(out.kept) < 2:
        st.info(t("changes_one_version", lang, time=baseline.local_time(out.base)))
        return
    baseline_picker(out, lang)
    since, number = baseline.local_time(out.base), out.base.version
    if out.changes:
        st.caption(
            t("changes_compared", lang, n=number, time=since, count=len(out.changes))
            + " "
            + t("changes_map_note", lang)
        )
        st.html(CSS + report.section_html(out.changes, lang))
    else:
        st.success(t("changes_none", lang, time=since, n=number))
    st.caption(t("changes_report", lang))
    for code in ("zh", "en"):  # st.code: a copy button, offline
        st.code(report.paragraph(out.changes, since, number, code), language=None, wrap_lines=True)
