"""Build the folium map from validated layer data. No streamlit here.

The map is split in two on purpose (measured streamlit-folium behaviour,
../shared/DESIGN.md §4):
- `base_map`: view, basemap, scale bar, fullscreen, legend. Its script must stay byte-stable
  across reruns, or streamlit-folium remounts the component and the view jumps back.
- `overlay_groups`: one FeatureGroup per visible layer plus the selection highlight, passed as
  `feature_group_to_add`, which the component swaps in place without reloading the map.
Only `id`, `kind` and a pre-escaped tooltip go to the browser: folium's tooltips write
property values into innerHTML, so raw data never reaches them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from typing import Any

import folium
import shapely
from branca.element import Element
from folium import plugins

from dashboard.geodata import LayerData
from dashboard.map_elements import NARROW_PX, JsScript, Legend, PlainAttribution, ReleaseSwappedOverlays, ScaleBar
from dashboard.sites import flag
from dashboard.strings import pick, t
from layers.base import LayerSpec, Style

SELECTION_COLOR = "#ffd400"
# a click goes to the most specific feature under the pointer (why: see the file's header)
CLICK_JS = Path(__file__).with_name("mapclick.js").read_text(encoding="utf-8")
Shift = Callable  # geometry -> geometry, for basemaps in another datum (GCJ-02); identity by default


def header(m: folium.Map) -> Element:
    """The map document's <head> (branca types `get_root()` as a plain Element; it is a Figure)."""
    root: Any = m.get_root()
    return root.header


def _style_dict(style: Style, scale: float) -> dict:
    d = {
        "color": style.color,
        "fillColor": style.fill_color,
        "weight": style.weight * scale,
        "fill": style.fill_opacity > 0,  # an unfilled ring lets clicks reach what lies inside it
        "fillOpacity": style.fill_opacity,
        "opacity": 0.95,
        "radius": style.radius * scale,
    }
    if style.dash:
        d["dashArray"] = " ".join(str(round(float(x) * scale)) for x in style.dash.split())
    return d


def tooltip_html(props: dict, lang: str) -> str:
    """Escaped tooltip: the name in the chosen language, the other beneath, 示意 when approximate."""
    first = pick(props.get("name_zh"), props.get("name_en"), lang)
    second = props.get("name_en") if lang == "zh" else props.get("name_zh")
    html = f"<b>{escape(str(first))}</b>"
    if second and second != first:
        html += f'<br><span class="tip-sub">{escape(str(second))}</span>'
    if props.get("confidence") == "approximate":
        html += f' <span class="approx-badge">{escape(t("approx", lang))}</span>'
    if flag(props.get("demo")):  # a demo row (招商载体 sample): never mistaken for a real site
        html += f' <span class="demo-badge">{escape(t("demo", lang))}</span>'
    if props.get("tip_note"):  # e.g. a project's status and deadline
        html += f'<br><span class="tip-sub">{escape(str(props["tip_note"]))}</span>'
    return html


def feature_collection(data: LayerData, lang: str, shift: Shift | None = None) -> dict:
    """GeoJSON for the browser: geometry (display-shifted if asked), id, kind, tooltip only.
    Features without geometry (a project listed in the table only) are left out."""
    feats = []
    for row in data.gdf.itertuples(index=False):
        if row.geometry is None or row.geometry.is_empty:
            continue
        props = row._asdict()
        geom = shift(row.geometry) if shift else row.geometry
        feats.append(
            {
                "type": "Feature",
                "geometry": json.loads(folium.utilities.json.dumps(geom.__geo_interface__)),
                "properties": {
                    "id": props["id"],
                    "kind": props.get("kind") or "",
                    "layer": data.spec.id,
                    "_tip": tooltip_html(props, lang),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def layer_group(
    data: LayerData, lang: str, scale: float = 1.0, shift: Shift | None = None, labels: bool = False
) -> folium.FeatureGroup:
    spec = data.spec
    fg = folium.FeatureGroup(name=spec.label.get(lang), show=True)
    fc = feature_collection(data, lang, shift)
    if not fc["features"]:
        return fg
    styles = {k: _style_dict(s, scale) for k, s in spec.styles.items()}
    default = _style_dict(spec.style, scale)
    folium.GeoJson(
        fc,
        name=spec.id,
        style_function=lambda f: styles.get(f["properties"]["kind"], default),
        highlight_function=lambda f: {"weight": 5 * scale, "fillOpacity": 0.45},
        marker=folium.CircleMarker(radius=spec.style.radius * scale, fill=True),
        tooltip=folium.GeoJsonTooltip(fields=["_tip"], labels=False, sticky=True, class_name="map-tip"),
        zoom_on_click=False,
    ).add_to(fg)
    if labels:
        add_labels(fg, data, lang, shift)
    return fg


def label_anchor(geom) -> tuple[float, float]:
    """Near the top of a polygon, inside it: nested parks keep their labels apart."""
    minx, miny, maxx, maxy = geom.bounds
    x, y = geom.centroid.x, maxy - 0.1 * (maxy - miny)
    p = shapely.Point(x, y)
    return (x, y) if geom.contains(p) else (geom.representative_point().x, geom.representative_point().y)


def add_labels(fg: folium.FeatureGroup, data: LayerData, lang: str, shift: Shift | None = None) -> None:
    """Permanent name labels (for polygons a reader should find without hovering)."""
    for row in data.gdf.itertuples(index=False):
        geom = shift(row.geometry) if shift else row.geometry
        x, y = label_anchor(geom)
        name = pick(getattr(row, "name_zh", ""), getattr(row, "name_en", ""), lang)
        folium.Marker(
            [y, x],
            interactive=False,
            icon=folium.DivIcon(
                html=f'<span class="map-label">{escape(str(name))}</span>',
                icon_size=(0, 0),
                class_name="map-label-anchor",
            ),
        ).add_to(fg)


def selection_group(
    data: LayerData | None, fid: str | None, scale: float = 1.0, shift: Shift | None = None
) -> folium.FeatureGroup:
    """A bright outline around the selected feature, drawn above everything else."""
    fg = folium.FeatureGroup(name="selection")
    if data is None or fid is None or data.gdf.empty:
        return fg
    hit = data.gdf[data.gdf["id"] == fid]
    if hit.empty or hit.geometry.iloc[0] is None or hit.geometry.iloc[0].is_empty:
        return fg
    geom = hit.geometry.iloc[0]
    geom = shift(geom) if shift else geom
    # a ring just outside the layer's largest marker (projects are drawn as big rings themselves)
    radius = max(16, max(s.radius for s in [data.spec.style, *data.spec.styles.values()]) + 7) * scale
    folium.GeoJson(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"id": fid, "layer": data.spec.id},
                    "geometry": geom.__geo_interface__,
                }
            ],
        },
        # "interactive" in the style too: folium builds a point's marker from its style, not from
        # the GeoJSON's options, and a clickable highlight would take clicks meant for what it rings
        style_function=lambda f: {
            "color": SELECTION_COLOR,
            "weight": 5 * scale,
            "fill": False,
            "radius": radius,
            "opacity": 1,
            "dashArray": None,
            "interactive": False,
        },
        marker=folium.CircleMarker(radius=radius),
        interactive=False,
    ).add_to(fg)
    return fg


LABELLED, LABELS_UP_TO = ("parks",), 50  # permanent name labels: for a handful of parks, not for 2,000 parcels


def labelled(data: LayerData) -> bool:
    """Whether the map writes the layer's names on it (desk and screen alike)."""
    return data.spec.id in LABELLED and len(data.gdf) <= LABELS_UP_TO


def overlay_groups(
    datas: Iterable[LayerData],
    visible: set[str],
    lang: str,
    selected: tuple[str, str] | None,
    scale: float = 1.0,
    shift: Shift | None = None,
) -> list[folium.FeatureGroup]:
    """FeatureGroups for the visible layers in draw order, then the selection highlight."""
    by_id = {d.spec.id: d for d in datas}
    groups = [
        layer_group(d, lang, scale, shift, labels=labelled(d))
        for d in sorted(by_id.values(), key=lambda d: d.spec.z_order)
        if d.spec.id in visible
    ]
    sel_layer, sel_id = selected if selected else (None, None)
    groups.append(selection_group(by_id.get(sel_layer) if sel_layer in visible else None, sel_id, scale, shift))
    return groups


def _swatch(style: Style, point: bool) -> str:
    border = f"{'dashed' if style.dash else 'solid'} {style.color}"
    if point:  # a marker as drawn: its fill at its own opacity inside its outline (a ring stays a ring)
        r, g, b = (int(style.fill_color[i : i + 2], 16) for i in (1, 3, 5))
        return (
            f'<i class="sw" style="border-radius:50%;background:rgba({r},{g},{b},{style.fill_opacity});'
            f'border:calc({min(style.weight, 4):g}px * var(--fit, 1)) {border}"></i>'
        )
    return (
        f'<i class="sw" style="background:{style.fill_color};'
        f'border:2px {border};opacity:{max(style.fill_opacity, 0.35)}"></i>'
    )


def legend_swatch(spec: LayerSpec, style: Style) -> str:
    """A legend row's swatch: a marker for a point layer (and a mixed layer's opaque markers), else an area."""
    is_point = spec.geometry == "point" or (spec.geometry == "mixed" and style.radius and style.fill_opacity > 0.9)
    return _swatch(style, bool(is_point))


def legend_approx(lang: str) -> str:
    return (
        f'<div class="legend-approx"><span class="approx-badge">{escape(t("approx", lang))}</span> '
        f"{escape(t('legend_approx', lang))}</div>"
    )


def legend_html(specs: Iterable[LayerSpec], lang: str, extra: str = "") -> str:
    rows = [
        f"<div>{legend_swatch(spec, style)}{escape(text)}</div>" for spec in specs for text, style in spec.legend(lang)
    ]
    rows.append(legend_approx(lang))
    return f'<div class="legend-title">{escape(t("legend", lang))}</div>' + "".join(rows) + extra


MAP_CSS = """
<style>
  /* no "font boosting" on phones: the attribution was blown up past the map's edge */
  html { -webkit-text-size-adjust: 100%%; text-size-adjust: 100%%; }
  .leaflet-container { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
      "PingFang SC", sans-serif; background: #dfe6ea; }
  .leaflet-tooltip.map-tip { font-size: calc(%(tip)spx * var(--fit, 1)); line-height: 1.35; }
  .map-label { position: absolute; transform: translate(-50%%, -50%%); white-space: nowrap;
      font-size: calc(%(label)spx * var(--fit, 1)); font-weight: 700; color: #0f3b33; pointer-events: none;
      text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
  /* max(): never under 12 px, the smallest type read on a phone without zooming */
  .tip-sub { color: #555; font-size: max(12px, 0.85em); }
  .approx-badge { display: inline-block; font-size: max(12px, 0.8em); padding: 0 4px; border-radius: 3px;
      background: #fff3cd; color: #7a5a00; border: 1px solid #e0c36a; font-weight: 500; }
  .demo-badge { display: inline-block; font-size: max(12px, 0.8em); padding: 0 4px; border-radius: 3px;
      background: #fde2e1; color: #8a1c14; border: 1px solid #e8a29c; font-weight: 600; }
  .map-legend { background: rgba(255,255,255,.92); padding: 8px 10px; border-radius: 6px;
      font-size: calc(%(legend)spx * var(--fit, 1)); line-height: 1.6; box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 22em;
      max-height: 55vh; overflow-y: auto; }  /* below the zoom and draw buttons, not over them */
  .map-legend .legend-title { font-weight: 700; margin-bottom: 2px; }
  .map-legend .sw { display: inline-block; width: 1em; height: 1em; margin-right: 6px;
      vertical-align: -0.15em; box-sizing: border-box; }
  .leaflet-control-scale-line { font-size: calc(%(scale)spx * var(--fit, 1)); }
  .map-legend.foldable .legend-title { cursor: pointer; margin-bottom: 0; }
  .map-legend.foldable .legend-title::after { content: " \\25BE"; }
  .map-legend.folded .legend-title::after { content: " \\25B8"; }
  .map-legend.folded > :not(.legend-title) { display: none; }
  @media (max-width: %(narrow)spx) {  /* a phone: the page makes the frame shorter (dashboard/phone.py): fill it */
    #map_div.leaflet-container { height: 100vh !important; }
    .map-legend { max-width: calc(100vw - 64px); max-height: 50vh; overflow-y: auto; }
    .map-label { white-space: normal; width: max-content; max-width: 9em; text-align: center; }
    .leaflet-container .leaflet-control-attribution { font-size: 12px; }  /* one line, not two, under the map */
    .leaflet-bottom.leaflet-left { margin-bottom: 18px; }  /* legend and scale bar above that line */
  }
</style>
"""


def base_map(
    center: list[float],
    zoom: int,
    min_zoom: int,
    max_zoom: int,
    legend: str,
    lang: str,
    scale: float = 1.0,
    canvas: bool = False,
) -> folium.Map:
    """The stable part of the map: view, scale bar, fullscreen button, legend and CSS.

    Basemap tiles are added by dashboard.basemaps; min/max zoom are set here because a map
    may have no tile layer at all (offline), and MarkerCluster needs them then. `canvas`: every
    vector on one canvas (thousands of features; one renderer, so none covers another's mouse).
    """
    # With tiles=None folium drops min_zoom/max_zoom; pass them as Leaflet options instead.
    m = folium.Map(
        location=center,
        zoom_start=zoom,
        minZoom=min_zoom,
        maxZoom=max_zoom,
        tiles=None,
        control_scale=False,
        prefer_canvas=canvas,
    )
    ReleaseSwappedOverlays().add_to(m)
    PlainAttribution().add_to(m)
    JsScript(CLICK_JS, name="MostSpecificClick", served=True).add_to(m)  # fetched once: issue 12
    ScaleBar(scale).add_to(m)
    sizes = {k: round(v * scale) for k, v in {"tip": 14, "label": 13, "legend": 13, "scale": 12}.items()}
    header(m).add_child(Element(MAP_CSS % (sizes | {"narrow": NARROW_PX})))
    plugins.Fullscreen(position="topleft", title=t("fullscreen", lang), title_cancel=t("fullscreen_exit", lang)).add_to(
        m
    )
    Legend(legend).add_to(m)
    return m
