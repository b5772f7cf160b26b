"""A layer feature's geometry checked at the boundary (dashboard/geodata.py): finite numbers
(checked before shapely), the layer's kind, inside the Zhengzhou box (lat/lon swaps named), valid
(repaired with a warning). Plain points are built for a whole file in one vectorised pass."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from dashboard.problems import Problem
from dashboard.text import Text
from layers.base import LayerSpec

ALLOWED_TYPES = {
    "polygon": {"Polygon", "MultiPolygon"},
    "point": {"Point", "MultiPoint"},
    "mixed": {"Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString", "MultiLineString"},
}
NUMBER = (int, float)  # exact types: a bool is not a coordinate


def _coords_inside(geom, bbox) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return bbox[0] <= minx and maxx <= bbox[2] and bbox[1] <= miny and maxy <= bbox[3]


def _finite_coords(coords, depth: int = 0) -> bool:
    """True when `coords` is nested lists of finite numbers (NaN/Infinity must never reach GEOS or
    Leaflet: GEOS raises, Leaflet drops the whole layer)."""
    if depth > 6 or not isinstance(coords, (list, tuple)):
        return False
    if coords and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords):
        return all(math.isfinite(c) for c in coords)
    return all(_finite_coords(c, depth + 1) for c in coords)


def _geometry_problem(geometry, name: str, label: str) -> Problem | None:
    """A Problem when a geometry's coordinates are not finite numbers (checked before shapely)."""
    if not isinstance(geometry, dict):
        return None  # handled as "no geometry"
    parts = geometry.get("geometries") if geometry.get("type") == "GeometryCollection" else [geometry]
    ok = isinstance(parts, list) and all(isinstance(g, dict) and _finite_coords(g.get("coordinates")) for g in parts)
    if ok:
        return None
    return Problem(
        name,
        Text(
            "坐标须为有限数字(发现 NaN、Infinity 或非数字);请在 GIS 中修正该要素的坐标",
            "coordinates must be finite numbers (found NaN, Infinity or a non-number); fix this feature's coordinates in GIS",
        ),
        label,
        "geometry",
    )


def geometry(feat: dict, spec: LayerSpec, name: str, fid: str, bbox):
    """The feature's geometry (finite, of the layer's kind, inside the box), or why not."""
    bad_coords = _geometry_problem(feat.get("geometry"), name, fid)
    if bad_coords is not None:
        return bad_coords
    try:
        geom = shape(feat["geometry"]) if feat.get("geometry") else None
    except Exception as err:  # shapely raises several types for malformed coordinates
        return Problem(name, Text(f"几何无法读取({err})", f"geometry cannot be read ({err})"), fid, "geometry")
    if geom is None or geom.is_empty:
        return Problem(name, Text("要素没有几何", "feature has no geometry"), fid, "geometry")
    if geom.geom_type not in ALLOWED_TYPES[spec.geometry]:
        allowed = ", ".join(sorted(ALLOWED_TYPES[spec.geometry]))
        return Problem(
            name,
            Text(
                f"本图层不允许几何类型 {geom.geom_type}(允许:{allowed})",
                f"geometry type {geom.geom_type} not allowed in this layer ({allowed})",
            ),
            fid,
            "geometry",
        )
    return geom if _coords_inside(geom, bbox) else _outside(geom, bbox, name, fid)


def _plain_xy(feat) -> list | tuple | None:
    """A feature's [x, y] when its geometry is a 2-D point of two numbers, else None."""
    geometry = feat.get("geometry") if isinstance(feat, dict) else None
    if type(geometry) is not dict or geometry.get("type") != "Point":
        return None
    c = geometry.get("coordinates")
    if not isinstance(c, (list, tuple)) or len(c) != 2:
        return None
    return c if type(c[0]) in NUMBER and type(c[1]) in NUMBER else None


def fast_points(features: list, spec: LayerSpec, bbox) -> dict[int, shapely.Point]:
    """{index: Point} for the features whose geometry is a plain 2-D point of finite numbers inside
    the box, built in one vectorised pass (a firm layer holds up to MAX_POINTS of them; one shape()
    each took seconds). A point is always valid. Every other geometry, bad ones included, takes the
    per-feature path (_geometry), which names what is wrong."""
    if "Point" not in ALLOWED_TYPES[spec.geometry]:
        return {}
    index, xy = [], []
    for i, feat in enumerate(features):
        if (c := _plain_xy(feat)) is not None:
            index.append(i)
            xy.append(c)
    if not xy:
        return {}
    arr = np.asarray(xy, dtype=float)
    x, y = arr[:, 0], arr[:, 1]
    inside = np.isfinite(arr).all(axis=1) & (bbox[0] <= x) & (x <= bbox[2]) & (bbox[1] <= y) & (y <= bbox[3])
    keep = np.flatnonzero(inside)
    return dict(zip((index[k] for k in keep), shapely.points(arr[keep]), strict=True))


def geojson_geometries(
    geoms, other: Callable[[Any], dict], point: Callable[[float, float], list] = lambda x, y: [x, y]
) -> list[dict]:
    """GeoJSON geometry dicts of a shapely array: plain 2-D points from one vectorised pass (their
    coordinates through `point`), every other geometry through `other` (200,000 firms: seconds → ms)."""
    plain = (shapely.get_type_id(geoms) == 0) & ~shapely.has_z(geoms)
    xy = iter(shapely.get_coordinates(geoms[plain]).tolist())
    return [
        {"type": "Point", "coordinates": point(*next(xy))} if p else other(g) for p, g in zip(plain, geoms, strict=True)
    ]


def _outside(geom, bbox, name: str, fid: str) -> Problem:
    """Why a geometry lies outside the box: lat/lon swapped, or simply elsewhere."""
    swapped = shapely.transform(geom, lambda xy: xy[:, ::-1])
    if _coords_inside(swapped, bbox):
        return Problem(
            name,
            Text(
                "坐标疑似经纬度颠倒(GeoJSON 为 [经度, 纬度])",
                "coordinates look like lat/lon swapped (GeoJSON is [lon, lat])",
            ),
            fid,
            "geometry",
        )
    b = ", ".join(f"{v:.4f}" for v in geom.bounds)
    return Problem(
        name,
        Text(f"坐标({b})超出郑州范围 {bbox}", f"coordinates ({b}) lie outside the Zhengzhou area {bbox}"),
        fid,
        "geometry",
    )


def valid(geom, fid: str, name: str, problems: list[Problem]):
    """The geometry, repaired with a warning when invalid (a Problem passes through)."""
    if isinstance(geom, Problem) or geom.is_valid:
        return geom
    why = shapely.is_valid_reason(geom)
    problems.append(
        Problem(
            name,
            Text(f"无效几何已修复({why})", f"invalid geometry repaired ({why})"),
            fid,
            "geometry",
            severity="warning",
        )
    )
    return shapely.make_valid(geom)
