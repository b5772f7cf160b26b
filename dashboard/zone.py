"""The radiation zone: the area around a park whose *total* area is a given number of km².

2 km² is an area, not a radius. Around a point it is a circle of radius √(A/π) (≈ 798 m for
2 km²); around a footprint it is the buffer whose total area is A, with the buffer distance
solved numerically. Buffers are drawn in a metric CRS (CGCS2000 3° Gauss–Krüger, CM 114°E,
0.5° from the zone, so lengths are true to 1e-5), never in degrees or Web Mercator; the
distance is solved against the geodesic area on the WGS-84 ellipsoid, so the number a planner
reads is the number on the ground.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Geod, Transformer

METRIC_CRS = "EPSG:4547"  # CGCS2000 / 3-degree Gauss-Kruger CM 114E
_TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
_GEOD = Geod(ellps="WGS84")
QUAD_SEGS = 64  # segments per quarter circle: the 256-gon's area is 0.01 % below the circle's


@dataclass(frozen=True)
class Zone:
    geometry: shapely.Geometry  # WGS-84 lon/lat
    area_km2: float  # geodesic area of `geometry`
    target_km2: float
    distance_m: float  # circle radius, or buffer distance around the footprint
    method: str  # "point" or "footprint"


def to_metric(geom):
    return shapely.transform(geom, lambda xy: _stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1])))


def to_wgs84(geom):
    return shapely.transform(geom, lambda xy: _stack(_TO_WGS84.transform(xy[:, 0], xy[:, 1])))


def _stack(xy):
    return np.column_stack(xy)


def geodesic_area_km2(geom_wgs84) -> float:
    # counter-clockwise shells and clockwise holes, so holes subtract
    area, _ = _GEOD.geometry_area_perimeter(shapely.orient_polygons(geom_wgs84))
    return abs(area) / 1e6


def area_zone(geom_wgs84, area_km2: float, anchor: str = "footprint") -> Zone:
    """Zone of total geodesic area `area_km2` around `geom_wgs84` (a point or a footprint).

    anchor="point" uses the geometry's centre whatever its shape; "footprint" buffers the
    geometry itself (a point is a circle either way).
    """
    if area_km2 <= 0:
        raise ValueError(f"area_km2 must be positive, got {area_km2}")
    base = to_metric(geom_wgs84)
    if anchor == "point" or base.area == 0:
        base, method = base.centroid, "point"
    elif anchor == "footprint":
        method = "footprint"
    else:
        raise ValueError(f"anchor must be 'point' or 'footprint', got {anchor!r}")

    def area_at(d: float) -> float:
        return geodesic_area_km2(to_wgs84(base.buffer(d, quad_segs=QUAD_SEGS)))

    own = geodesic_area_km2(to_wgs84(base)) if method == "footprint" else 0.0
    if own >= area_km2:
        raise ValueError(f"the footprint alone covers {own:.3f} km², not less than the zone's {area_km2} km²")
    lo, hi = 0.0, math.sqrt(area_km2 * 1e6 / math.pi) * 1.1
    while area_at(hi) < area_km2:  # a long thin footprint needs more room than a circle
        hi *= 2
    for _ in range(60):  # bisection: area grows monotonically with the distance
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if area_at(mid) < area_km2 else (lo, mid)
        if hi - lo < 0.01:
            break
    d = (lo + hi) / 2
    zone = to_wgs84(base.buffer(d, quad_segs=QUAD_SEGS))
    return Zone(zone, geodesic_area_km2(zone), area_km2, d, method)
