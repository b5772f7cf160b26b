"""The 招商载体 layer's sidebar filters (area range, use, status) and its table: the map, the search
box and the table show only the sites that pass. Widgets only; the rules are dashboard/sites.py."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import catalog, exports, layer_filters, sites
from dashboard.strings import t
from dashboard.text import pick

AREA, USE, STATUS = "site_area", "site_use", "site_status"


def site_filters(cat: catalog.Catalog, lang: str) -> catalog.Catalog:
    """The catalog with the sites layer filtered by the sidebar's choices (unchanged without it)."""
    data = cat.layers.get(sites.LAYER)
    if data is None or data.gdf.empty:
        return cat
    gdf = data.gdf
    with st.sidebar.expander(t("site_filters", lang), expanded=False):
        known = sites.areas(gdf).dropna()
        area = None
        if len(known):
            top = float(math.ceil(known.max() / 1000) * 1000)
            chosen = st.slider(
                t("site_filter_area", lang),
                0.0,
                top,
                (0.0, top),
                step=top / 100 or 1.0,
                key=AREA,
                help=t("site_filter_area_help", lang),
            )
            area = None if chosen == (0.0, top) else chosen
        uses = st.multiselect(
            t("site_use", lang),
            sites.choices(gdf, "use"),
            key=USE,
            placeholder=t("filter_all", lang),
            format_func=lambda v: sites.word(sites.USES, "site_use", v, lang),
        )
        statuses = st.multiselect(
            t("site_status", lang),
            sites.choices(gdf, "status"),
            key=STATUS,
            placeholder=t("filter_all", lang),
            format_func=lambda v: sites.word(sites.STATUSES, "site_status", v, lang),
        )
        shown = sites.filter_sites(gdf, area, uses, statuses)
        st.caption(t("site_filter_shown", lang, n=len(shown), total=len(gdf)))
    if len(shown) == len(gdf):
        return cat  # the cached layer as it is: its published data is reused, not rebuilt
    keep = pd.Series(gdf.index.isin(shown.index), index=gdf.index)
    meta = {"demo": sites.is_demo(gdf)}  # the legend keeps its demo line whatever is shown
    return cat.with_layer(layer_filters.narrowed(data, keep, (area, tuple(uses), tuple(statuses)), meta))


def sites_table(cat: catalog.Catalog, lang: str) -> None:
    """The sites the filters let through, as a table (demo rows say so in their own column)."""
    data = cat.layers.get(sites.LAYER)
    if data is None or data.gdf.empty:
        return
    rows = []
    for props in data.gdf.to_dict("records"):
        a = sites.area_m2(props)
        rows.append(
            {
                t("site_name", lang): pick(props.get("name_zh"), props.get("name_en"), lang),
                t("site_area", lang): t("site_area_value", lang, m2=a, mu=a / sites.SQM_PER_MU)
                if a
                else t("tbc", lang),
                t("site_use", lang): sites.word(sites.USES, "site_use", props.get("use"), lang),
                t("site_status", lang): sites.word(sites.STATUSES, "site_status", props.get("status"), lang),
                t("site_stage", lang): sites.word(sites.STAGES, "site_stage", props.get("land_stage"), lang),
                t("demo", lang): t("demo", lang) if sites.flag(props.get("demo")) else "",
            }
        )
    with st.expander(t("site_table", lang), expanded=False):
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="sites_table")
        export = lambda: sites.export_table(data.gdf, lang)  # noqa: E731 — with the 演示数据 column and 经度/纬度
        csv_box, xlsx_box = st.columns(2)
        csv_box.download_button(
            t("site_download", lang),
            lambda: exports.csv_bytes(export()),  # built when pressed: not on every rerun of every viewer
            key="sites_download",
            file_name="sites_filtered.csv",
            mime="text/csv",
        )
        xlsx_box.download_button(
            t("site_download_xlsx", lang),
            lambda: exports.xlsx_bytes(export(), sheet="sites"),
            key="sites_download_xlsx",
            file_name="sites_filtered.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
