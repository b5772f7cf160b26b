"""The weekly meeting on the desk page (internal only): play back a kept ledger version on the map
and in the KPI strip, charts over the weeks, and the ledger back to its owners (.xlsx downloads).

Playback swaps only the projects layer: the page's map stays byte-stable and the layer reaches the
browser by URL through `feature_group_to_add` (dashboard/layerdata.py), so an older version is a
new URL in the overlay groups, never a new map. A visitor's page (led is None) gets none of it."""

from __future__ import annotations

import copy

import streamlit as st

from dashboard import catalog, config, ledger, memo, warmap
from dashboard.meeting import charts, history, returns
from dashboard.store import LEDGER, Version, open_store, store_url
from dashboard.store.page import ERRORS
from dashboard.strings import t

PLAYBACK = "playback_version"
WEEKS_OPEN = "weeks_open"  # the weeks section is open (its charts are built only then)
LIVE = 0  # the slider's right end: the ledger as it is now (follows new versions)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def when(ver: Version) -> str:
    """A version's time on this server's clock, to the minute."""
    return ver.created_at.astimezone().strftime("%Y-%m-%d %H:%M")


def current_version(cfg: config.Config) -> int | None:
    try:
        return open_store(store_url(cfg)).current_version(LEDGER)
    except ERRORS:
        return None


@st.cache_data(show_spinner=False, max_entries=128)
def _read(url: str, number: int, content_hash: str, fids_digest: str, _fids, _cfg: config.Config, _ver: Version):
    # (url, number, content_hash, fids_digest) is the key: a kept version never changes, nor its
    # as-of day; the ids by their digest (hashing 100,000 firm ids each rerun cost seconds)
    return history.read_version(_cfg, _ver, feature_ids=_fids)


def version_ledger(cfg: config.Config, cat: catalog.Catalog, ver: Version) -> ledger.LedgerResult | None:
    """Version `ver` read like the live ledger (statuses as of the day it was kept); cached."""
    fids = warmap.map_feature_ids(cat.layers)
    got = _read(
        store_url(cfg), ver.version, ver.content_hash, warmap.map_feature_ids_digest(cat.layers), fids, cfg, ver
    )
    return got if got is not None and got.complete else None


def weeks_block(
    cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str
) -> tuple[catalog.Catalog, ledger.LedgerResult | None]:
    """The playback slider and the weeks' section; returns the catalog and ledger the page shows
    (the played-back version's, or the live ones). Nothing at all for a visitor (led is None)."""
    if led is None:
        return cat, led
    kept = history.versions(cfg)
    shown_cat, shown = cat, led
    # one container, whatever it holds: the elements after it (the map) keep their place in the
    # page, or the browser would mount a new map when the slider or its note comes or goes
    with st.container():
        chosen = playback(cfg, kept, lang)
        if chosen is not None:
            old = version_ledger(cfg, cat, chosen)
            if old is None:
                st.warning(t("playback_unreadable", lang, n=chosen.version))
            else:
                shown, shown_cat = old, cat.with_layer(warmap.project_layer(old.rows, cat.layers, lang))
                at = t("playback_showing", lang, n=chosen.version, time=when(chosen), date=old.as_of.isoformat())
                st.info(at)
    # built only while open (on_change="rerun"): a closed expander's four Vega charts still cost
    # the browser ≈ 0.3 s of work before it even starts the map (issue 12, first paint)
    box = st.expander(t("weeks_section", lang), expanded=False, key=WEEKS_OPEN, on_change="rerun")
    with box:
        if box.open:
            charts_block(cfg, cat, kept, shown, chosen, lang)
            returns_block(led, lang)
    return shown_cat, shown


def playback(cfg: config.Config, kept: list[Version], lang: str) -> Version | None:
    """The slider over the kept versions' times; the version chosen, None for now (live)."""
    live = current_version(cfg)
    older = [v for v in kept if v.version != live]
    if not older or live is None:
        return None
    by_number = {v.version: v for v in kept}
    options = [v.version for v in older] + [LIVE]
    if st.session_state.get(PLAYBACK) not in options:  # a version no longer kept, or a new current one
        st.session_state.pop(PLAYBACK, None)

    def label(n: int) -> str:
        if n == LIVE:
            return t("playback_live", lang, n=live, time=when(by_number[live])) if live in by_number else "—"
        return t("playback_version", lang, n=n, time=when(by_number[n]))

    number = st.select_slider(
        t("playback", lang), options, value=LIVE, key=PLAYBACK, format_func=label, help=t("playback_help", lang)
    )
    return None if number == LIVE else by_number[number]


CHARTS = memo.shared("weeks charts", keep=16)  # the same specs for every viewer until the ledger changes


def charts_block(
    cfg: config.Config,
    cat: catalog.Catalog,
    kept: list[Version],
    shown: ledger.LedgerResult,
    chosen: Version | None,
    lang: str,
) -> None:
    """Projects by status week by week; the shown version by unit, by park, overdue by how long."""
    key = (tuple((v.version, v.content_hash) for v in kept), chosen and chosen.version, shown.as_of, lang)
    specs = CHARTS.get((shown.rows,), key, lambda: chart_specs(cfg, cat, kept, shown, chosen, lang))
    if specs["week"] is None:
        st.caption(t("weeks_none", lang))
    else:
        st.vega_lite_chart(spec=copy.deepcopy(specs["week"]), theme=None, width="stretch")
        st.caption(t("chart_by_week_help", lang))
    for box, (spec, height) in zip(st.columns(2), specs["breakdown"], strict=True):
        box.vega_lite_chart(spec=copy.deepcopy(spec), theme=None, width="stretch", height=height)  # a row per unit
    if specs["age"] is not None:
        st.vega_lite_chart(spec=copy.deepcopy(specs["age"]), theme=None, width="stretch")
    else:
        st.caption(t("chart_overdue_none", lang))


def chart_specs(cfg, cat, kept: list[Version], shown: ledger.LedgerResult, chosen: Version | None, lang: str) -> dict:
    """The charts as Vega-Lite specs (Altair's validation and conversion cost more than drawing them),
    made once per (ledger versions, version shown, language); copied before Streamlit gets them."""
    out: dict = {"week": None, "breakdown": [], "age": None}
    if kept:
        weekly = charts.last_of_each_week((history.local_date(v), v) for v in kept)
        frames = [(monday, got.rows) for monday, v in weekly if (got := version_ledger(cfg, cat, v)) is not None]
        out["week"] = charts.week_chart(charts.status_by_week(frames, lang), lang).to_dict()
    at = t("playback_version", lang, n=chosen.version, time=when(chosen)) if chosen else shown.as_of.isoformat()
    for column, title, axis in (("unit", "chart_by_unit", "chart_unit"), ("park", "chart_by_park", "chart_park")):
        frame = charts.counts_by(shown.rows, column, lang)
        chart = charts.breakdown_chart(frame, t(title, lang, when=at), t(axis, lang), lang)
        out["breakdown"].append((chart.to_dict(), chart.height))
    ages = charts.overdue_by_age(shown.rows, shown.as_of, lang)
    if ages["n"].sum():
        out["age"] = charts.age_chart(ages, t("chart_overdue_age", lang, when=at), lang).to_dict()
    return out


def returns_block(led: ledger.LedgerResult, lang: str) -> None:
    """The live ledger with its problems marked, and the 督办清单: built when the button is pressed."""
    st.markdown(f"**{t('returns_title', lang)}**")  # the expander's own sub-part, not a page heading
    marked_box, list_box = st.columns(2)
    if led.complete and led.path is not None:
        marked_box.download_button(
            t("returns_ledger", lang),
            lambda: returns.marked_ledger(led, lang),
            file_name=f"{led.path.stem}_问题标注.xlsx",
            mime=XLSX,
            key="returns_ledger",
            help=t("returns_ledger_help", lang),
        )
    else:
        marked_box.caption(t("returns_unreadable", lang, why="; ".join(p.render(lang) for p in led.errors[:1])))
    list_box.download_button(
        t("returns_supervision", lang),
        lambda: returns.supervision_list(led.rows, led.as_of, lang),
        file_name=f"督办清单_{led.as_of.isoformat()}.xlsx",
        mime=XLSX,
        key="returns_supervision",
        help=t("returns_supervision_help", lang),
    )
