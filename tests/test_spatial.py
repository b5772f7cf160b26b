"""dashboard.spatial: a drawn shape's geodesic area and what lies inside it; buffers by distance
and by area; a drawing from the browser is checked before use."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from pyproj import Geod

from dashboard import catalog, config, spatial
from dashboard.selection import Selection

CAT = catalog.load_catalog(config.load(config.DEFAULT_PATH))
B11 = Selection("supercomputing", "sc-building-11")
GEOD = Geod(ellps="WGS84")


def drawing(geometry: dict, **props) -> dict:
    return {"type": "Feature", "properties": {"planner": 1, **props}, "geometry": geometry}


def square_around(lon: float, lat: float, d: float) -> dict:
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_drawn_polygon_round_11_lists_it_inside_with_its_geodesic_area():
    shape = spatial.from_drawing(drawing(square_around(113.5118, 34.8022, 0.001), shape="polygon"))
    assert shape is not None and shape.kind == "polygon"
    lons, lats = zip(*shape.geometry.exterior.coords, strict=True)
    expected, _ = GEOD.polygon_area_perimeter(lons, lats)
    assert spatial.area(shape.geometry).m2 == pytest.approx(abs(expected), rel=1e-9)
    found = {h.sel: h for g in spatial.lies_inside(CAT.layers.values(), shape.geometry, "zh") for h in g.hits}
    assert found[B11].inside and found[B11].name.startswith("11号楼")
    assert Selection("supercomputing", "sc-building-7") not in found  # ≈ 330 m west: outside


def test_area_units_mu_is_666_67_square_metres():
    a = spatial.Area(666_666.67)
    assert a.km2 == pytest.approx(0.66666667) and a.mu == pytest.approx(1000, abs=0.01)


def test_a_circle_comes_back_as_a_point_and_a_radius_and_has_that_area():
    shape = spatial.from_drawing(
        drawing({"type": "Point", "coordinates": [113.5118, 34.8022]}, shape="circle", radius=300)
    )
    assert shape is not None and shape.kind == "circle" and shape.meta["radius_m"] == 300
    assert spatial.area(shape.geometry).m2 == pytest.approx(math.pi * 300**2, rel=2e-4)
    # every vertex 300 m from the centre on the ellipsoid
    lons, lats = np.array(shape.geometry.exterior.coords).T
    _, _, dist = GEOD.inv(np.full(lons.size, 113.5118), np.full(lats.size, 34.8022), lons, lats)
    assert np.allclose(dist, 300, rtol=1e-4)


@pytest.mark.parametrize(
    "value, why",
    [
        (None, "nothing drawn"),
        ({"type": "Feature", "properties": {"layer": "parks", "id": "p"}, "geometry": None}, "a click on a feature"),
        ({"type": "Feature", "properties": {}, "geometry": square_around(113.5, 34.8, 0.01)}, "a district clicked"),
        (drawing({"type": "Point", "coordinates": [113.5, 34.8]}, shape="circle"), "a circle without radius"),
        (drawing({"type": "Point", "coordinates": [113.5, 34.8]}, shape="circle", radius=-5), "a negative radius"),
        (drawing({"type": "Point", "coordinates": [113.5, 34.8]}, shape="circle", radius=1e9), "a huge radius"),
        (drawing({"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}), "too few vertices"),
        (drawing({"type": "Polygon", "coordinates": [[[0, 0], ["x", 1], [1, 1], [0, 0]]]}), "a non-number"),
        (drawing({"type": "Polygon", "coordinates": [[[0, 0], [1e9, 1], [1, 1], [0, 0]]]}), "out of range"),
        (drawing({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]}), "no area"),
        (drawing({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}), "a line"),
        (drawing({"type": "Polygon", "coordinates": [[[0, 0]] * 3000]}), "thousands of vertices"),
    ],
)
def test_what_is_not_a_usable_drawing_is_refused(value, why):
    assert spatial.from_drawing(value) is None, why


def test_a_500_m_buffer_round_11_lists_what_a_direct_geodesic_computation_lists():
    geom = CAT.feature(*B11)["geometry"]
    shape = spatial.buffer(B11, geom, 500)
    listed = {h.sel for g in spatial.lies_inside(CAT.layers.values(), shape.geometry, "zh") for h in g.hits}
    expected = set()
    for data in CAT.layers.values():
        for row in data.gdf.itertuples(index=False):
            if row.geometry is not None and not row.geometry.is_empty and _geodesic_distance(geom, row.geometry) <= 500:
                expected.add(Selection(data.spec.id, row.id))
    assert B11 in expected and len(expected) > 1
    assert listed == expected


def _geodesic_distance(point, geom) -> float:
    """Metres from `point` to the nearest point of `geom` on the WGS-84 ellipsoid (0 inside),
    with the boundary densified to 1e-5° (≈ 1 m)."""
    if geom.contains(point):
        return 0.0
    pts = shapely.get_coordinates(shapely.segmentize(geom.boundary if geom.area else geom, 1e-5))
    _, _, dist = GEOD.inv(np.full(len(pts), point.x), np.full(len(pts), point.y), pts[:, 0], pts[:, 1])
    return float(dist.min())


def test_a_buffer_by_area_has_that_geodesic_area():
    geom = CAT.feature(*B11)["geometry"]
    shape = spatial.buffer_to_area(B11, geom, 0.5)
    assert spatial.area(shape.geometry).km2 == pytest.approx(0.5, rel=1e-3)
    assert shape.meta["of"] == str(B11) and shape.meta["distance_m"] == pytest.approx(
        math.sqrt(0.5e6 / math.pi), rel=2e-3
    )


def test_a_feature_on_the_edge_is_listed_as_overlapping_not_inside():
    campus = CAT.feature("supercomputing", "sc-unicom-base")["geometry"]
    half = shapely.box(campus.bounds[0] - 0.001, campus.bounds[1] - 0.001, campus.centroid.x, campus.bounds[3] + 0.001)
    hits = {h.sel.fid: h for g in spatial.lies_inside(CAT.layers.values(), half, "en") for h in g.hits}
    assert hits["sc-unicom-base"].inside is False
