"""The meeting-room screen (?mode=screen): no sidebar widget, nothing to click; the tour moves the map.
A signed-in screen shows the internal war map; otherwise the public tour (internal stops skipped)."""

from __future__ import annotations

import html

import streamlit as st
from streamlit_folium import st_folium

from dashboard import audience, basemaps, catalog, config, ledger, page_map, screen, warmap
from dashboard.strings import t
from layers import REGISTRY
from ui.state import MAP_KEY


def tour_stops(cfg: config.Config, cat: catalog.Catalog, lang: str, shift=None, aud: str = audience.INTERNAL):
    stops = cfg["tour"]["stops"]
    if aud == audience.PUBLIC:  # internal stops skipped; a feature the public view lacks is left out
        stops = audience.public_stops(stops, REGISTRY)
    return screen.resolve_stops(stops, cat.layers, lang, shift)


def screen_page(cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str) -> None:
    """The meeting-room screen: no sidebar widget, nothing to click; the tour moves the map."""
    scale = cfg["screen"]["scale"]
    st.html(warmap.CSS + screen.PAGE_CSS)
    if led is not None:
        top = warmap.ledger_kpis(led, lang)
    else:  # the public tour: the title instead of the internal KPIs
        top = (
            f'<div class="kpi-strip"><div class="kpi-head"><div class="kpi-title">{html.escape(t("app_title", lang))}'
            "</div></div></div>"
        )
    targets = warmap.targets_html(None if led is None else led.rows, cat.programme, lang)
    st.html(f'<div class="screen-top">{top}</div><div class="screen-bottom">{targets}</div>')

    def dress(m, shift) -> None:  # the tour's stops are placed on the basemap's datum
        aud = audience.INTERNAL if led is not None else audience.PUBLIC
        screen.dress(m, tour_stops(cfg, cat, lang, shift, aud)[0], cfg["tour"]["interval_s"], lang, scale)

    view = page_map.build(
        cfg,
        cat,
        lang,
        cfg["screen"]["basemap"],
        tk=basemaps.tianditu_key(st.secrets),
        visible={lid for lid, d in cat.layers.items() if d.spec.visible},
        scale=scale,
        legend_first=warmap.LAYER,
        dress=dress,
    )  # statuses first in the legend
    # returned_objects=[]: the tour's moves must not rerun the page
    st_folium(
        view.map,
        key=MAP_KEY,
        height=cfg["map"]["height_px"],
        use_container_width=True,
        feature_group_to_add=view.groups,
        returned_objects=[],
    )
