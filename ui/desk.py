"""The desk page: title, KPI strip and targets, sidebar (layers, basemap), the map, the search box and
side panel, and — for signed-in users — the projects table and the data's problems."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import (
    basemaps,
    catalog,
    config,
    exports,
    facts,
    layerdata,
    ledger,
    mapfetch,
    page_map,
    page_notes,
    panels,
    phone,
    warmap,
)
from dashboard.selection import Selection
from dashboard.strings import t
from ui import planner, screen_pin
from ui.brief import PRINT_CSS, brief_block, comparison_card
from ui.changes import changes_section
from ui.layer_filters import enterprise_filters, project_filters
from ui.screen import tour_stops
from ui.sidebar import basemap_picker
from ui.state import (
    FIND,
    FOCUS,
    LANG_ASKED,
    LOCKED,
    MAP_KEY,
    PICK,
    TABLE_KEY,
    current,
    on_map_click,
    on_pick,
    on_table_select,
    read_link,
)
from ui.weeks import weeks_block

FILTERS = (("park", "f_park"), ("status", "f_status"), ("unit", "f_unit"))


def table_choices() -> dict[str, list]:
    """The projects table's filters as chosen (their widgets are drawn below the map, but their
    values are known at the start of the run: the map gets the same projects as the table)."""
    return {col: st.session_state.get(key) or [] for col, key in FILTERS}


def filtered(rows):
    return warmap.filter_rows(rows, **table_choices())


def desk_page(cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str) -> None:
    read_link(cat)
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    if led is not None:  # internal: a visitor is not shown the data's problems (file names, ids)
        problems_box(cat.problems + tour_stops(cfg, cat, lang)[1] + request_notes(lang), lang)
    cat, led = weeks_block(cfg, cat, led, lang)  # internal only: a kept version played back, charts, returns
    st.html(facts.PANEL_CSS + warmap.CSS + phone.PAGE_CSS + PRINT_CSS)
    kpis = "" if led is None else warmap.ledger_kpis(led, lang)
    st.html(kpis + warmap.targets_html(None if led is None else led.rows, cat.programme, lang))

    with st.sidebar:
        st.link_button(
            t("screen_mode", lang),
            f"./?mode=screen&lang={lang}",
            help=t("screen_help", lang),
            icon=":material/tv:",
            width="stretch",
        )
        if led is not None:  # signed in: the screen can be pinned to the ledger version shown here
            screen_pin.pin_link(cfg, lang)
        st.subheader(t("layers", lang))
        visible = {
            lid
            for lid, data in cat.layers.items()
            if st.toggle(data.spec.label.get(lang), value=data.spec.visible, key=f"layer_{lid}")
        }
        cat = enterprise_filters(cat, lang)  # chain link, kind: the map and the search box
        basemap = basemap_picker(cfg, lang)
    if led is not None:  # the projects table's filters filter the map's projects too
        cat = project_filters(cat, filtered(led.rows)["id"], table_choices())

    map_and_panel(cfg, cat, lang, basemap, visible, planner.enabled(cfg))
    if led is not None:
        changes_section(cfg, led, lang)  # 本周变化
        projects_table(cat, led, lang)
        war_map_origin(cat, lang)


@st.fragment
def map_and_panel(
    cfg: config.Config, cat: catalog.Catalog, lang: str, basemap: str, visible: set[str], tools: bool = False
) -> None:
    """The map and the side panel: a fragment, so a click on the map (or a pick in the search box)
    reruns only these two, not the whole page. Layers go to the browser by URL, once per data
    version (dashboard/layerdata.py): a rerun sends only what changed, e.g. the highlight."""
    selected = current(cat)
    if selected:  # the address bar always holds a link to what is on screen
        st.query_params["select"] = str(selected)
    else:
        st.query_params.pop("select", None)
    map_col, panel_col = st.columns([7, 3], gap="medium")
    with panel_col:
        side_panel(cat, selected, lang)
        comparison_card(cfg, cat, selected, lang)
        brief_block(cfg, cat, selected, lang)
        if tools:  # signed-in only: measure, draw, buffer, sketches (ui/planner.py)
            planner.planner_block(cfg, cat, selected, lang, basemap)
    with map_col:
        view = page_map.build(
            cfg,
            cat,
            lang,
            basemap,
            tk=basemaps.tianditu_key(st.secrets),
            visible=visible,
            selected=selected,
            publish=lambda data, shift: layerdata.publish(data, shift, basemap),
            dress=planner.dress(lang) if tools else None,
        )
        focus = current(cat, FOCUS)
        st_folium(
            view.map,
            key=MAP_KEY,
            height=cfg["map"]["height_px"],
            use_container_width=True,
            feature_group_to_add=view.groups + ([planner.map_group(view.shift)] if tools else []),
            center=cat.position(*focus) if focus else None,
            returned_objects=["last_object_clicked", "last_active_drawing"],
            on_change=on_map_click,
        )
        for data in (cat.layers[lid] for lid in visible if lid in cat.layers):
            if mapfetch.in_cells(data):  # what the map does with a big point layer (dashboard/layerload.js)
                n = f"{layerdata.count(data):,}"
                st.caption(t("cells_note", lang, layer=data.spec.label.get(lang), n=n))


def request_notes(lang: str) -> list:
    """Notes on how the page was asked for: an unknown ?lang= (kept from the session's first run,
    before the language radio rewrites it) and an unparsable secrets.toml."""
    notes = [page_notes.unknown_lang(st.session_state.get(LANG_ASKED), lang), page_notes.secrets_problem(st.secrets)]
    return [n for n in notes if n is not None]


def problems_box(problems: list, lang: str) -> None:
    if problems:
        with st.expander(t("data_problems", lang, n=len(problems)), expanded=True):
            st.caption(t("data_problems_help", lang))
            for p in problems:
                st.text(p.render(lang))


def side_panel(cat: catalog.Catalog, selected: Selection | None, lang: str) -> None:
    """The search box and the panel of the selected feature."""
    if st.session_state.get(LOCKED):
        st.warning(t("signin_needed", lang))
    search_box(cat, selected, lang)
    html = panels.render(cat, selected.layer, selected.fid, lang) if selected else None
    if not html or selected is None:
        st.info(t("panel_empty", lang))
        return
    st.html(html)
    if cat.layers[selected.layer].spec.panel == "zone" and cat.zone is not None:
        st.download_button(
            t("zone_download", lang),
            catalog.zone_geojson(cat, lang),
            key="zone_download",
            file_name="radiation_zone_wgs84.geojson",
            mime="application/geo+json",
        )


def search_box(cat: catalog.Catalog, selected: Selection | None, lang: str) -> None:
    """A select box of at most catalog.LISTED features (its options are re-sent on every click:
    10,000 of them were ~0.7 MB a click), plus the selected one, so the box follows the selection.
    When there are more, a text box narrows them by name or id and a caption says how many match."""
    listed, total = catalog.find(cat, lang, limit=catalog.LISTED)
    if total > catalog.LISTED and (query := st.text_input(t("find_query", lang), key=FIND)):
        listed, total = catalog.find(cat, lang, query, limit=catalog.LISTED)
    labels = {str(sel): label for sel, label in listed}
    if selected is not None and str(selected) not in labels:
        labels = {str(selected): catalog.label(cat, selected, lang)} | labels
    st.selectbox(
        t("select_feature", lang),
        [""] + list(labels),
        key=PICK,
        format_func=lambda k: labels.get(k, t("select_none", lang)),
        on_change=on_pick,
    )
    if total > len(listed):
        st.caption(t("find_more", lang, shown=len(listed), n=f"{total:,}"))


def projects_table(cat: catalog.Catalog, led: ledger.LedgerResult, lang: str) -> None:
    st.subheader(t("projects_table", lang))
    options = warmap.filter_options(led.rows)
    for (col, key), box in zip(FILTERS, st.columns(len(FILTERS)), strict=False):
        box.multiselect(
            t(f"filter_{col}", lang),
            options[col],
            key=key,
            placeholder=t("filter_all", lang),
            format_func=(lambda s: warmap.status_text(s, lang)) if col == "status" else str,
        )
    shown = filtered(led.rows)
    ids = list(shown["id"])
    st.dataframe(
        warmap.styled_table(shown, lang),
        key=TABLE_KEY,
        on_select=lambda: on_table_select(ids),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )
    st.caption(t("table_help", lang))
    if len(shown) > warmap.STYLED_UP_TO:
        st.caption(t("table_plain", lang, n=warmap.STYLED_UP_TO))
    if any(table_choices().values()):
        st.caption(t("filter_map_note", lang, n=len(shown), total=len(led.rows)))

    # + 经度/纬度 where the map draws each project, 来源, 存在问题; formula-leading cells neutralised
    def export():
        return warmap.export_table(shown, warmap.drawn_at(cat.layers.get(warmap.LAYER)), lang)

    csv_box, xlsx_box = st.columns(2)
    csv_box.download_button(
        t("table_download", lang),
        key="table_download",
        file_name="projects_filtered.csv",
        mime="text/csv",
        data=lambda: exports.csv_bytes(export()),  # built when pressed: not on every rerun of every viewer
    )
    xlsx_box.download_button(
        t("table_download_xlsx", lang),
        key="table_download_xlsx",
        file_name="projects_filtered.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        data=lambda: exports.xlsx_bytes(export()),  # built when pressed
    )
    if led.errors:
        with st.expander(t("ledger_errors", lang, n=len(led.errors)), expanded=True):
            st.text("\n".join(p.render(lang) for p in led.errors))
    if led.notes:  # e.g. the sample's 12 rows without a location: informative, folded away
        with st.expander(t("ledger_notes", lang, n=len(led.notes)), expanded=False):
            st.text("\n".join(p.render(lang) for p in led.notes))


def war_map_origin(cat: catalog.Catalog, lang: str) -> None:
    """What the war map is, in the article's words (挂图作战, 定人定责定时, the weekly meeting, the land
    stages): internal facts under data/facts.toml's `war-map`, each with its quote on demand."""
    items = cat.facts.for_feature(facts.WAR_MAP)
    if items:
        with st.expander(t("war_map_origin", lang, n=len(items)), expanded=False):
            st.html(facts.render_facts(items, lang))
