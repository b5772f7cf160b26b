"""The sidebar's layer filters beside the layer toggles: firms by chain link and kind; and the
projects table's filters (park, status, unit: ui/desk.py) applied to the map too. Widgets only;
the rules are dashboard/layer_filters.py."""

from __future__ import annotations

import streamlit as st

from dashboard import catalog, layer_filters, warmap
from dashboard.strings import t

LINK, KIND = "ent_link", "ent_kind"


def enterprise_filters(cat: catalog.Catalog, lang: str) -> catalog.Catalog:
    """The catalog with the firms the sidebar's choices let through (unchanged without a choice)."""
    data = cat.layers.get(layer_filters.ENTERPRISES)
    if data is None or data.gdf.empty:
        return cat
    chain = {c.zh: c.get(lang) for c in cat.programme.chain}
    with st.expander(t("ent_filters", lang), expanded=False):
        links = st.multiselect(
            t("ent_filter_link", lang),
            layer_filters.chain_links(data, cat.programme.chain),
            key=LINK,
            placeholder=t("filter_all", lang),
            format_func=lambda v: chain.get(v, v),
        )
        kinds = st.multiselect(
            t("ent_filter_kind", lang),
            layer_filters.kinds(data),
            key=KIND,
            placeholder=t("filter_all", lang),
            format_func=lambda k: data.spec.kinds[k].legend.get(lang) if k in data.spec.kinds else k,
        )
        out = layer_filters.filter_enterprises(cat, links, kinds)
        shown = len(out.layers[layer_filters.ENTERPRISES].gdf)
        st.caption(t("ent_filter_shown", lang, n=shown, total=len(data.gdf)))
    return out


def project_filters(cat: catalog.Catalog, shown_ids, chosen: dict[str, list]) -> catalog.Catalog:
    """The catalog with only the projects the table's filters let through (`shown_ids`); `chosen`:
    the filters' values (none set: the catalog unchanged)."""
    everything = not any(chosen.values())
    return layer_filters.only_ids(cat, warmap.LAYER, shown_ids, everything)
