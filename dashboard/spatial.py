"""The planner's questions about a shape: how big is it, and what lies inside or overlaps it.

A shape is a polygon, rectangle or circle drawn on the map (Leaflet.draw, read back through
st_folium), a buffer around a selected feature (by a distance, or by an area solved like the
radiation zone), or a saved sketch. Everything is WGS-84 lon/lat in and out; buffers and the
inside/overlap tests are done in the metric CRS of dashboard/zone.py and areas are geodesic
(pyproj.Geod), never in degrees. A drawing comes from the browser, so it is checked like any
other input before it is used. No streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import shapely

from dashboard.geodata import LayerData
from dashboard.selection import Selection
from dashboard.text import pick
from dashboard.zone import QUAD_SEGS, area_zone, geodesic_area_km2, to_metric, to_wgs84

MU_M2 = 2000 / 3  # 1 亩 = 666.67 m²
MAX_VERTICES = 2000  # a hand-drawn shape has tens; more is not a drawing
MAX_RADIUS_M = 50_000.0
MAX_BUFFER_M = 20_000.0
KINDS = ("polygon", "rectangle", "circle", "buffer")


@dataclass(frozen=True)
class Shape:
    geometry: shapely.Geometry  # WGS-84 lon/lat polygon
    kind: str  # one of KINDS
    meta: dict = field(default_factory=dict)  # circle: center, radius_m; buffer: of, distance_m, area_km2


@dataclass(frozen=True)
class Area:
    m2: float

    @property
    def km2(self) -> float:
        return self.m2 / 1e6

    @property
    def mu(self) -> float:
        return self.m2 / MU_M2


@dataclass(frozen=True)
class Hit:
    sel: Selection
    name: str
    inside: bool  # True: wholly inside; False: overlaps the edge
    lon: float  # a point on the feature (its representative point)
    lat: float
    geometry: shapely.Geometry


@dataclass(frozen=True)
class LayerHits:
    layer: str
    label: str
    hits: list[Hit]


def area(geom) -> Area:
    return Area(geodesic_area_km2(geom) * 1e6)


def _lonlat(value) -> tuple[float, float] | None:
    if not isinstance(value, list | tuple) or len(value) < 2:
        return None
    x, y = value[0], value[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (x, y)):
        return None
    return (float(x), float(y)) if -180 <= x <= 180 and -90 <= y <= 90 else None


def circle(lon: float, lat: float, radius_m: float) -> shapely.Geometry:
    """A circle of `radius_m` metres on the ground around (lon, lat), as a 256-gon."""
    return to_wgs84(to_metric(shapely.Point(lon, lat)).buffer(radius_m, quad_segs=QUAD_SEGS))


def from_drawing(drawing: Mapping | None) -> Shape | None:
    """A shape from st_folium's `last_active_drawing`, or None when it is not a usable drawing.

    Polygons and rectangles come as a Polygon; a circle as a Point with `properties.radius` in
    metres (streamlit-folium adds it). Our own features carry `layer`: a click, not a drawing."""
    if not isinstance(drawing, Mapping):
        return None
    props = drawing.get("properties") if isinstance(drawing.get("properties"), Mapping) else {}
    geom = drawing.get("geometry") if isinstance(drawing.get("geometry"), Mapping) else {}
    assert isinstance(props, Mapping) and isinstance(geom, Mapping)
    if props.get("layer") or not props.get("planner"):  # marked by planner.js on draw:created
        return None
    kind = str(props["shape"]) if props.get("shape") in KINDS else "polygon"
    if geom.get("type") == "Point" and kind == "circle":
        center, radius = _lonlat(geom.get("coordinates")), props.get("radius")
        ok = isinstance(radius, int | float) and not isinstance(radius, bool) and 0 < radius <= MAX_RADIUS_M
        if center is None or not ok or radius is None:
            return None
        return Shape(circle(*center, float(radius)), "circle", {"center": list(center), "radius_m": float(radius)})
    if geom.get("type") != "Polygon" or kind == "circle":
        return None
    rings = geom.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        return None
    shell = [_lonlat(p) for p in rings[0][: MAX_VERTICES + 1]]
    if len(rings[0]) > MAX_VERTICES or len(shell) < 4 or any(p is None for p in shell):
        return None
    poly = shapely.make_valid(shapely.Polygon(shell))
    if poly.is_empty or poly.area == 0:
        return None
    return Shape(poly, kind, {})


def buffer(sel: Selection, geom, distance_m: float) -> Shape:
    """`geom` (WGS-84) widened by `distance_m` metres on the ground."""
    if not 0 < distance_m <= MAX_BUFFER_M:
        raise ValueError(f"distance_m must be in (0, {MAX_BUFFER_M}], got {distance_m}")
    out = to_wgs84(to_metric(geom).buffer(distance_m, quad_segs=QUAD_SEGS))
    return Shape(out, "buffer", {"of": str(sel), "distance_m": float(distance_m)})


def buffer_to_area(sel: Selection, geom, area_km2: float) -> Shape:
    """The buffer around `geom` whose total geodesic area is `area_km2` (solved as the radiation
    zone is: dashboard/zone.area_zone)."""
    zone = area_zone(geom, area_km2, "footprint")
    meta = {"of": str(sel), "distance_m": zone.distance_m, "area_km2": float(area_km2)}
    return Shape(zone.geometry, "buffer", meta)


def lies_inside(layers: Iterable[LayerData], shape_wgs84, lang: str) -> list[LayerHits]:
    """Per layer (in the order given), the features inside the shape or overlapping it, inside
    ones first, then by name. Tested in the metric CRS; layers with no hit are left out."""
    shape_m = to_metric(shape_wgs84)
    shapely.prepare(shape_m)
    out = []
    for data in layers:
        gdf = data.gdf
        if gdf.empty:
            continue
        hits = []
        for row in gdf.itertuples(index=False):
            geom = row.geometry
            if geom is None or geom.is_empty:
                continue
            metric = to_metric(geom)
            if not shape_m.intersects(metric):
                continue
            name = pick(getattr(row, "name_zh", "") or "", getattr(row, "name_en", "") or "", lang) or str(row.id)
            point = geom.representative_point()
            hits.append(
                Hit(Selection(data.spec.id, str(row.id)), str(name), shape_m.contains(metric), point.x, point.y, geom)
            )
        if hits:
            hits.sort(key=lambda h: (not h.inside, h.name))
            out.append(LayerHits(data.spec.id, data.spec.label.get(lang), hits))
    return out
