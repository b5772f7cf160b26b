"""The meeting-room screen (?mode=screen): no sidebar widget, nothing to click; the tour moves the map.
A signed-in screen shows the internal war map; otherwise the public tour (internal stops skipped)."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence

import streamlit as st
from streamlit_folium import st_folium

from dashboard import (
    audience,
    basemaps,
    catalog,
    config,
    ledger,
    memo,
    page_map,
    screen,
    screen_legend,
    screen_notice,
    warmap,
)
from dashboard.strings import t
from layers import REGISTRY
from ui.state import MAP_KEY

TOURS: memo.ByIdentity = memo.ByIdentity()  # every rerun of every page asks; the data seldom changes


def tour_stops(cfg: config.Config, cat: catalog.Catalog, lang: str, shift=None, aud: str = audience.INTERNAL):
    """(stops, problems) of the configured tour on this catalog; built once per data version."""
    stops = cfg["tour"]["stops"]
    if aud == audience.PUBLIC:  # internal stops skipped; a feature the public view lacks is left out
        stops = audience.public_stops(stops, REGISTRY)
    objects = (shift, *(d.gdf for d in cat.layers.values()))
    key = (lang, repr(stops), tuple(cat.layers))
    return TOURS.get(objects, key, lambda: screen.resolve_stops(stops, cat.layers, lang, shift))


def drawn(cat: catalog.Catalog) -> catalog.Catalog:
    """The catalog without the layers that draw nothing (a broken file): the legend does not list them
    and a tour stop about them is left out (and reported)."""
    return dataclasses.replace(cat, layers={k: d for k, d in cat.layers.items() if screen_notice.located(d)})


def notices(cfg, cat: catalog.Catalog, shown: catalog.Catalog, internal: bool, lang: str, pin_lines: list[str]) -> str:
    """The pinned version (or why the screen is live after all) and the data's problems: in full but
    short for a signed-in screen, one neutral line for a visitor's (a layer that should draw does not)."""
    aud = audience.INTERNAL if internal else audience.PUBLIC
    if internal:
        problems = screen_notice.problems_html(cat.problems + tour_stops(cfg, shown, lang, aud=aud)[1], lang)
    else:  # a visitor's projects layer holds only rows marked 公开: none is no problem
        missing = [k for k in cat.layers if k not in shown.layers and k != warmap.LAYER]
        problems = screen_notice.public_html(missing, lang)
    return screen_notice.notes_html(screen_notice.pin_html(pin_lines), problems)


def screen_page(
    cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str, pin_lines: Sequence[str] = ()
) -> None:
    """The meeting-room screen: no sidebar widget, nothing to click; the tour moves the map.
    `pin_lines`: what the screen says about a pinned ledger version (ui/screen_pin.py)."""
    scale = cfg["screen"]["scale"]
    st.html(warmap.CSS + screen.PAGE_CSS + screen_notice.CSS)
    shown = drawn(cat)
    if led is not None:
        top = warmap.ledger_kpis(led, lang)
    else:  # the public tour: the title instead of the internal KPIs
        top = (
            f'<div class="kpi-strip"><div class="kpi-head"><div class="kpi-title">{html.escape(t("app_title", lang))}'
            "</div></div></div>"
        )
    targets = warmap.targets_html(None if led is None else led.rows, cat.programme, lang)
    notes = notices(cfg, cat, shown, led is not None, lang, list(pin_lines))
    st.html(f'<div class="screen-top">{top}</div><div class="screen-bottom">{targets}</div>{notes}')
    cat = shown

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
        legend=screen_legend.legend_html,
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
