"""The radiation zone is an AREA of 2 km², not a 2 km radius (../shared/FACTS.md §2, ../shared/DESIGN.md §3)."""

import math

import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from dashboard.zone import area_zone, geodesic_area_km2

PARK = box(113.494, 34.8132, 113.499, 34.8164)  # ≈ 0.45 × 0.35 km, like the sample footprint


@pytest.mark.parametrize(
    "geom, anchor, why",
    [
        (Point(113.4965, 34.8148), "point", "a point: circle of radius √(A/π)"),
        (PARK, "footprint", "a footprint: buffer solved so the total area is A"),
        (PARK, "point", "a footprint with anchor=point: circle round its centre"),
        (box(113.49, 34.814, 113.51, 34.8145), "footprint", "a long thin footprint needs a wider search"),
        (
            Polygon(
                box(113.490, 34.810, 113.496, 34.814).exterior.coords,
                [box(113.492, 34.811, 113.494, 34.813).exterior.coords],
            ),
            "footprint",
            "a footprint with a hole",
        ),
    ],
)
@pytest.mark.parametrize("area", [2.0, 0.5])
def test_zone_has_the_configured_geodesic_area(geom, anchor, why, area):
    zone = area_zone(geom, area, anchor)
    assert geodesic_area_km2(zone.geometry) == pytest.approx(area, rel=0.005), why
    assert zone.geometry.contains(geom.centroid)


def test_two_km2_around_a_point_is_a_798_m_radius_not_2_km():
    zone = area_zone(Point(113.4965, 34.8148), 2.0, "point")
    assert zone.method == "point"
    assert zone.distance_m == pytest.approx(math.sqrt(2e6 / math.pi), abs=2)  # ≈ 797.9 m
    two_km_radius = math.pi * 2**2
    assert two_km_radius == pytest.approx(12.57, abs=0.01) and zone.area_km2 < two_km_radius / 6


def test_footprint_buffer_is_shorter_than_the_point_radius():
    zone = area_zone(PARK, 2.0, "footprint")
    assert zone.method == "footprint"
    assert 400 < zone.distance_m < math.sqrt(2e6 / math.pi)
    assert zone.geometry.contains(PARK)


def test_zone_geometry_is_wgs84_lon_lat():
    minx, miny, maxx, maxy = area_zone(PARK, 2.0).geometry.bounds
    assert 113.4 < minx < maxx < 113.6 and 34.7 < miny < maxy < 34.9


def test_footprint_larger_than_the_zone_is_refused():
    big = box(113.45, 34.78, 113.55, 34.85)
    with pytest.raises(ValueError, match="footprint alone covers"):
        area_zone(big, 2.0)


def test_geodesic_area_subtracts_holes():
    outer = box(113.4, 34.7, 113.5, 34.8)
    holed = Polygon(outer.exterior.coords, [box(113.42, 34.72, 113.45, 34.75).exterior.coords])
    assert geodesic_area_km2(holed) < geodesic_area_km2(outer)
    assert geodesic_area_km2(shapely.geometry.polygon.orient(outer, -1)) == pytest.approx(geodesic_area_km2(outer))
