"""The planner's tools on the map (internal view only): measure, pointer coordinates, draw, and
the current shape (a drawing, a buffer or a reopened sketch) as an overlay group.

The tools are part of the base map, so they are built the same way on every rerun (the map's
script stays byte-stable); the shape goes through st_folium's feature_group_to_add, so showing a
new one swaps groups and never re-creates the map. No streamlit here."""

from __future__ import annotations

from pathlib import Path

import folium
from folium import plugins

from dashboard.map_elements import JsScript
from dashboard.mapview import Shift
from dashboard.spatial import MU_M2, Shape
from dashboard.strings import t

PLANNER_JS = Path(__file__).with_name("planner.js").read_text(encoding="utf-8")
SHAPE_COLOR = "#d63384"
DRAW_OPTIONS = {  # polygon, rectangle, circle; no lines or markers (nothing to ask "what lies inside")
    "polyline": False,
    "marker": False,
    "circlemarker": False,
    "polygon": {"allowIntersection": False, "showArea": False, "shapeOptions": {"color": SHAPE_COLOR}},
    "rectangle": {"showArea": False, "shapeOptions": {"color": SHAPE_COLOR}},
    "circle": {"showRadius": True, "metric": True, "shapeOptions": {"color": SHAPE_COLOR}},
}


def add_tools(m: folium.Map, lang: str, shift: Shift | None) -> None:
    """Measure (m/km, m²/亩), pointer coordinates (click to copy), draw polygon/rectangle/circle.
    `shift`: the basemap's display shift; on a GCJ-02 basemap the pointer is read in both datums."""
    plugins.MeasureControl(
        position="topleft",
        primary_length_unit="meters",
        secondary_length_unit="kilometers",
        primary_area_unit="sqmeters",
        secondary_area_unit="mu",
        units={"mu": {"factor": 1 / MU_M2, "display": "亩" if lang == "zh" else "mu (亩)", "decimals": 2}},
        localization="cn" if lang == "zh" else "en",  # leaflet-measure's own Chinese (测量距离和面积 …)
    ).add_to(m)
    plugins.MousePosition(
        position="bottomright",
        separator=", ",
        lng_first=True,
        num_digits=6,
        prefix="GCJ-02" if shift is not None else "WGS-84",
        empty_string=t("planner_pointer", lang),
    ).add_to(m)
    plugins.Draw(
        position="topleft",
        show_geometry_on_click=False,
        draw_options=DRAW_OPTIONS,
        edit_options={"edit": False, "remove": False},
    ).add_to(m)
    JsScript(
        PLANNER_JS, {"copy_hint": t("planner_copy_hint", lang), "gcj02": shift is not None}, name="Planner", served=True
    ).add_to(m)


def shape_group(shape: Shape | None, shift: Shift | None) -> folium.FeatureGroup:
    """The current shape, outlined; not clickable, so a click inside it still selects a feature."""
    fg = folium.FeatureGroup(name="planner-shape")
    if shape is None:
        return fg
    geom = shift(shape.geometry) if shift else shape.geometry
    folium.GeoJson(
        {"type": "Feature", "properties": {"planner": 1}, "geometry": geom.__geo_interface__},
        style_function=lambda f: {
            "color": SHAPE_COLOR,
            "weight": 3,
            "fill": True,
            "fillOpacity": 0.08,
            "dashArray": "6 4",
            "interactive": False,
        },
        interactive=False,
    ).add_to(fg)
    return fg
