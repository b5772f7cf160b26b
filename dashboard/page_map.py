"""The map a page shows, assembled in one place for the desk page and the meeting-room screen:
base map (view, legend, controls), basemap, the page's own dressing, offline assets, overlays.
No streamlit here: the page passes the Tianditu key and hands the result to st_folium."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium

from dashboard import basemaps, layer_filters, mapbundle, mapfetch, mapview, offline_assets, sites
from dashboard.catalog import Catalog
from dashboard.config import Config
from dashboard.geodata import LayerData
from dashboard.mapview import Shift
from dashboard.meeting import marks
from dashboard.selection import Selection

Dress = Callable[[folium.Map, "Shift | None"], None]  # adds page-specific parts before localizing
Publish = Callable[[LayerData, "Shift | None"], str]  # a layer's data → the URL the browser fetches it from
LegendHtml = Callable[[list, str, str], str]  # (layer specs, lang, extra lines) → the legend's HTML


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
    publish: Publish | None = None,
    legend: LegendHtml = mapview.legend_html,
) -> PageMap:
    """The page's map. `legend_first`: a layer id listed first in the legend (the screen puts the
    project statuses first); `dress(m, shift)`: extra parts, e.g. the screen's CSS and tour;
    `publish(data, shift)`: layers go to the browser by URL, fetched once per data version
    (dashboard/layerdata.py), instead of inline in every rerun; `legend`: how the legend is written
    (the screen's is compact)."""
    specs = [d.spec for d in cat.layers.values()]
    if legend_first:
        specs.sort(key=lambda s: s.id != legend_first)
    view = cfg["map"]
    m = mapview.base_map(
        view["center"],
        view["zoom"],
        view["min_zoom"],
        view["max_zoom"],
        legend(specs, lang, sites.demo_legend(cat.layers.values(), lang) + marks.legend(cat.layers.values(), lang)),
        lang,
        scale=scale,
        canvas=sum(layer_filters.drawn_total(d) for d in cat.layers.values()) >= mapfetch.CANVAS_FROM,  # not by filter
    )
    if publish is not None:
        mapfetch.add_loader(m)
    shift = basemaps.add(m, basemap, lang, cfg=cfg, tk=tk, scale=scale)
    if dress is not None:
        dress(m, shift)
    offline_assets.localize(m)
    mapbundle.bundle(m)  # one script file, not ten in a row
    if publish is not None:
        return PageMap(m, fetched_groups(cat, visible, lang, selected, scale, shift, publish), shift)
    groups = mapview.overlay_groups(
        cat.layers.values(),
        visible,
        lang,
        (selected.layer, selected.fid) if selected else None,
        scale=scale,
        shift=shift,
    )
    rings = marks.ring_group(cat.layers.get("projects") if "projects" in visible else None, scale, shift, lang)
    return PageMap(m, groups if rings is None else [*groups[:-1], rings, groups[-1]], shift)


def fetched_groups(cat: Catalog, visible, lang, selected, scale, shift, publish: Publish) -> list[folium.FeatureGroup]:
    """Each visible layer as a URL (in draw order), then the selection highlight, inline: it is tiny."""
    shown = sorted((d for d in cat.layers.values() if d.spec.id in visible), key=lambda d: d.spec.z_order)
    groups = [
        mapfetch.fetched_group(
            d.spec,
            publish(d, shift),
            lang,
            scale,
            labels=mapview.labelled(d),
            cells=mapfetch.in_cells(d),
        )
        for d in shown
    ]
    sel = selected if selected and selected.layer in visible else None
    highlight = mapview.selection_group(
        cat.layers.get(sel.layer) if sel else None, sel.fid if sel else None, scale, shift
    )
    return [*groups, mapfetch.end_of_batch(highlight)]
