"""The map a page shows, assembled in one place for the desk page and the meeting-room screen:
base map (view, legend, controls), basemap, the page's own dressing, offline assets, overlays.
No streamlit here: the page passes the Tianditu key and hands the result to st_folium."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium

from dashboard import basemaps, mapview, offline_assets, sites
from dashboard.catalog import Catalog
from dashboard.config import Config
from dashboard.mapview import Shift
from dashboard.selection import Selection

Dress = Callable[[folium.Map, "Shift | None"], None]  # adds page-specific parts before localizing


@dataclass
class PageMap:
    map: folium.Map
    groups: list[folium.FeatureGroup]  # for st_folium's feature_group_to_add
    shift: Shift | None  # the basemap's display shift (GCJ-02), None for WGS-84


def build(
    cfg: Config,
    cat: Catalog,
    lang: str,
    basemap: str,
    *,
    tk: str | None,
    visible: set[str],
    selected: Selection | None = None,
    scale: float = 1.0,
    legend_first: str | None = None,
    dress: Dress | None = None,
) -> PageMap:
    """The page's map. `legend_first`: a layer id listed first in the legend (the screen puts the
    project statuses first); `dress(m, shift)`: extra parts, e.g. the screen's CSS and tour."""
    specs = [d.spec for d in cat.layers.values()]
    if legend_first:
        specs.sort(key=lambda s: s.id != legend_first)
    view = cfg["map"]
    m = mapview.base_map(
        view["center"],
        view["zoom"],
        view["min_zoom"],
        view["max_zoom"],
        mapview.legend_html(specs, lang, sites.demo_legend(cat.layers.values(), lang)),
        lang,
        scale=scale,
    )
    shift = basemaps.add(m, basemap, lang, cfg=cfg, tk=tk, scale=scale)
    if dress is not None:
        dress(m, shift)
    offline_assets.localize(m)
    groups = mapview.overlay_groups(
        cat.layers.values(),
        visible,
        lang,
        (selected.layer, selected.fid) if selected else None,
        scale=scale,
        shift=shift,
    )
    return PageMap(m, groups, shift)
