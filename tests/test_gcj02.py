"""Tests for dashboard.gcj02 (WGS-84 <-> GCJ-02).

Independent reference: the PyPI package ``prcoords`` (PRCoords 1.0.2, CC0, pure Python,
no dependencies) -- a test-only dependency, never imported by the app.
Distances are measured geodesically with pyproj.Geod (WGS-84 ellipsoid).
"""

from __future__ import annotations

import numpy as np
import prcoords
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import (
    GeometryCollection,
    LineString,
    MultiLineString,
    MultiPoint,
    MultiPolygon,
    Point,
    Polygon,
)

from dashboard import gcj02

GEOD = Geod(ellps="WGS84")

# The High-tech Zone's extent (and a margin around it), 0.01 deg step: 36 x 21 = 756 points.
LONS = np.round(np.arange(113.35, 113.70 + 1e-9, 0.01), 6)
LATS = np.round(np.arange(34.70, 34.90 + 1e-9, 0.01), 6)
GRID_LON, GRID_LAT = (a.ravel() for a in np.meshgrid(LONS, LATS))


def _dist_m(lon1, lat1, lon2, lat2) -> np.ndarray:
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def test_forward_matches_reference_over_zone_grid():
    lon, lat = gcj02.wgs84_to_gcj02(GRID_LON, GRID_LAT)
    ref = [prcoords.wgs_gcj((la, lo)) for lo, la in zip(GRID_LON, GRID_LAT, strict=False)]
    ref_lon = np.array([r.lon for r in ref])
    ref_lat = np.array([r.lat for r in ref])
    err = _dist_m(lon, lat, ref_lon, ref_lat)
    assert err.max() < 0.5, f"max forward error {err.max():.3g} m"


def test_inverse_matches_reference_iterative_inverse():
    g_lon, g_lat = gcj02.wgs84_to_gcj02(GRID_LON, GRID_LAT)
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat)
    ref = [prcoords.gcj_wgs_bored((la, lo)) for lo, la in zip(g_lon, g_lat, strict=False)]
    err = _dist_m(w_lon, w_lat, [r.lon for r in ref], [r.lat for r in ref])
    assert err.max() < 0.5, f"max inverse-vs-reference error {err.max():.3g} m"


def test_inverse_round_trip_below_one_centimetre():
    g_lon, g_lat = gcj02.wgs84_to_gcj02(GRID_LON, GRID_LAT)
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat)
    err = _dist_m(w_lon, w_lat, GRID_LON, GRID_LAT)
    assert err.max() < 1.0  # the brief's bound
    assert err.max() < 0.01, f"round trip {err.max():.3g} m; iteration should reach < 1 cm"


def test_inverse_is_better_than_one_step_approximation():
    # The one-step inverse (cnmaps, prcoords.gcj_wgs) is metre-level; ours must beat it.
    g_lon, g_lat = gcj02.wgs84_to_gcj02(GRID_LON, GRID_LAT)
    rough = [prcoords.gcj_wgs((la, lo)) for lo, la in zip(g_lon, g_lat, strict=False)]
    rough_err = _dist_m([r.lon for r in rough], [r.lat for r in rough], GRID_LON, GRID_LAT)
    w_lon, w_lat = gcj02.gcj02_to_wgs84(g_lon, g_lat)
    ours = _dist_m(w_lon, w_lat, GRID_LON, GRID_LAT)
    assert ours.max() < rough_err.max() / 10


def test_shift_size_in_the_zone():
    lon, lat = gcj02.wgs84_to_gcj02(113.53, 34.81)
    assert lon - 113.53 == pytest.approx(0.0061, abs=0.0003)
    assert lat - 34.81 == pytest.approx(-0.0011, abs=0.0003)
    d = _dist_m(113.53, 34.81, lon, lat)
    assert 540 < float(d) < 600, f"shift {float(d):.1f} m"


def test_scalar_in_scalar_out_and_vector_matches_scalar():
    lon, lat = gcj02.wgs84_to_gcj02(113.53, 34.81)
    assert isinstance(lon, float) and isinstance(lat, float)
    vlon, vlat = gcj02.wgs84_to_gcj02(GRID_LON[:5], GRID_LAT[:5])
    for i in range(5):
        assert (vlon[i], vlat[i]) == gcj02.wgs84_to_gcj02(GRID_LON[i], GRID_LAT[i])


@pytest.mark.parametrize(
    "lon, lat, reason",
    [
        (2.35, 48.86, "Paris: far outside the box"),
        (-74.0, 40.7, "New York: western hemisphere"),
        (151.2, -33.9, "Sydney: southern hemisphere"),
        (71.99, 34.8, "just west of the box's western edge 72.004"),
        (113.53, 55.9, "just north of the box's northern edge 55.8271"),
        (113.53, 0.80, "just south of the box's southern edge 0.8293"),
        (137.9, 34.8, "just east of the box's eastern edge 137.8347"),
    ],
)
def test_points_outside_china_are_left_unshifted(lon, lat, reason):
    assert not prcoords.sanity_in_china_p(prcoords.Coords(lat, lon)), reason
    assert gcj02.out_of_china(lon, lat), reason
    assert gcj02.wgs84_to_gcj02(lon, lat) == (lon, lat), reason
    assert gcj02.gcj02_to_wgs84(lon, lat) == (lon, lat), reason
    assert gcj02.shift_geometry(Point(lon, lat)).equals(Point(lon, lat)), reason


@pytest.mark.parametrize(
    "lon, lat, reason",
    [
        (113.53, 34.81, "the High-tech Zone"),
        (72.1, 39.5, "Kashgar area, near the box's western edge"),
        (126.6, 45.8, "Harbin, north-east"),
        (110.3, 20.0, "Haikou, south"),
    ],
)
def test_points_inside_china_are_shifted(lon, lat, reason):
    assert not gcj02.out_of_china(lon, lat), reason
    assert float(_dist_m(lon, lat, *gcj02.wgs84_to_gcj02(lon, lat))) > 50, reason


def test_nan_passes_through():
    lon, lat = gcj02.gcj02_to_wgs84(np.array([np.nan, 113.5]), np.array([np.nan, 34.8]))
    assert np.isnan(lon[0]) and np.isnan(lat[0]) and np.isfinite(lon[1])


# --- geometries -----------------------------------------------------------------------

_SQ = [(113.50, 34.78), (113.56, 34.78), (113.56, 34.83), (113.50, 34.83), (113.50, 34.78)]
_HOLE = [(113.52, 34.80), (113.54, 34.80), (113.54, 34.81), (113.52, 34.81), (113.52, 34.80)]
_POLY_HOLE = Polygon(_SQ, [_HOLE])
_SQ2 = [(113.60, 34.86), (113.62, 34.86), (113.62, 34.88), (113.60, 34.86)]

GEOMS = [
    pytest.param(Point(113.53, 34.81), id="Point"),
    pytest.param(LineString([(113.40, 34.75), (113.65, 34.88)]), id="LineString"),
    pytest.param(_POLY_HOLE, id="Polygon-with-hole"),
    pytest.param(MultiPoint([(113.40, 34.75), (113.65, 34.88)]), id="MultiPoint"),
    pytest.param(
        MultiLineString([[(113.40, 34.75), (113.45, 34.76)], [(113.6, 34.8), (113.61, 34.9)]]),
        id="MultiLineString",
    ),
    pytest.param(MultiPolygon([_POLY_HOLE, Polygon(_SQ2)]), id="MultiPolygon-with-hole"),
    pytest.param(
        GeometryCollection([Point(113.53, 34.81), _POLY_HOLE, LineString(_SQ2)]),
        id="GeometryCollection",
    ),
]


def _ring_structure(geom):
    """Nested description of parts/rings/vertex counts, independent of coordinates."""
    if isinstance(geom, Polygon):
        return ("Polygon", len(geom.exterior.coords), tuple(len(r.coords) for r in geom.interiors))
    if hasattr(geom, "geoms"):
        return (geom.geom_type, tuple(_ring_structure(g) for g in geom.geoms))
    return (geom.geom_type, len(geom.coords))


@pytest.mark.parametrize("geom", GEOMS)
@pytest.mark.parametrize("to", ["gcj02", "wgs84"])
def test_shift_geometry_keeps_type_and_rings_and_moves_every_vertex(geom, to):
    out = gcj02.shift_geometry(geom, to=to)
    assert out.geom_type == geom.geom_type
    assert _ring_structure(out) == _ring_structure(geom)
    before = shapely.get_coordinates(geom)
    after = shapely.get_coordinates(out)
    moved = _dist_m(before[:, 0], before[:, 1], after[:, 0], after[:, 1])
    assert (moved > 500).all() and (moved < 650).all(), moved
    assert out.is_valid == geom.is_valid
    # each vertex moved exactly as the point function says
    fn = gcj02.wgs84_to_gcj02 if to == "gcj02" else gcj02.gcj02_to_wgs84
    exp_lon, exp_lat = fn(before[:, 0], before[:, 1])
    np.testing.assert_allclose(after, np.column_stack([exp_lon, exp_lat]), rtol=0, atol=1e-12)


@pytest.mark.parametrize("geom", GEOMS)
def test_shift_geometry_round_trip(geom):
    back = gcj02.shift_geometry(gcj02.shift_geometry(geom, "gcj02"), "wgs84")
    np.testing.assert_allclose(shapely.get_coordinates(back), shapely.get_coordinates(geom), rtol=0, atol=1e-9)


def test_shift_geometry_keeps_z_and_passes_none_and_empty():
    out = gcj02.shift_geometry(Point(113.53, 34.81, 123.0))
    assert out.has_z and out.z == 123.0
    arr = gcj02.shift_geometry(np.array([Point(113.53, 34.81), None, Polygon()], dtype=object))
    assert arr[1] is None and arr[2].is_empty and arr[0].x > 113.535


def test_shift_geometry_rejects_unknown_target():
    with pytest.raises(ValueError):
        gcj02.shift_geometry(Point(113.5, 34.8), to="bd09")


def test_shift_gdf_returns_shifted_copy_and_leaves_input_alone():
    gpd = pytest.importorskip("geopandas")
    src = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[Point(113.53, 34.81), _POLY_HOLE], crs="EPSG:4326")
    orig = src.copy()
    out = gcj02.shift_gdf(src)
    assert out is not src
    assert src.geometry.geom_equals_exact(orig.geometry, tolerance=0).all()  # untouched
    assert list(out["name"]) == ["a", "b"] and out.crs.equals("EPSG:4326")
    assert out.attrs["datum"] == "gcj02"
    assert out.geometry.iloc[0].equals_exact(gcj02.shift_geometry(Point(113.53, 34.81)), 1e-12)
    assert len(out.geometry.iloc[1].interiors) == 1


def test_shift_gdf_reprojects_metric_input_to_lonlat_first():
    gpd = pytest.importorskip("geopandas")
    src = gpd.GeoDataFrame(geometry=[Point(113.53, 34.81)], crs="EPSG:4326").to_crs(32649)
    out = gcj02.shift_gdf(src)
    assert out.crs.equals("EPSG:4326")
    exp = gcj02.wgs84_to_gcj02(113.53, 34.81)
    assert out.geometry.iloc[0].x == pytest.approx(exp[0], abs=1e-8)
    assert out.geometry.iloc[0].y == pytest.approx(exp[1], abs=1e-8)


def test_bd09_matches_prcoords_over_the_zone():
    """BD-09 (Baidu), used by scripts/import.py --crs bd09: forward and inverse agree with prcoords."""
    geod = Geod(ellps="WGS84")
    for lo, la in zip(GRID_LON, GRID_LAT, strict=False):
        ref = prcoords.gcj_bd(prcoords.Coords(la, lo))
        lon, lat = gcj02.gcj02_to_bd09(lo, la)
        assert geod.inv(lon, lat, ref.lon, ref.lat)[2] < 0.01
        back = prcoords.bd_gcj(prcoords.Coords(la, lo))
        lon, lat = gcj02.bd09_to_gcj02(lo, la)
        assert geod.inv(lon, lat, back.lon, back.lat)[2] < 0.01
