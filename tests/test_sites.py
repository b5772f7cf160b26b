"""招商载体 (dashboard/sites.py, the audience of its fields, its panel and demo marking): area in m²
and 亩, the filters, a visitor's catalog without price or contact, 演示数据 wherever a demo row shows."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from dashboard import audience, config, mapview, panels, sites
from dashboard.catalog import load_catalog
from dashboard.geodata import read_layer
from layers import REGISTRY

CFG = config.load()
SPEC = REGISTRY["sites"]
SAMPLE = CFG.path_of("geo_dir") / "sites.geojson"


def frame(*rows: dict) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(list(rows), geometry=[r.pop("geometry") for r in rows], crs="EPSG:4326")


def test_the_sample_holds_only_demo_rows_that_validate_and_are_marked_as_such():
    data = read_layer(SPEC, SAMPLE, CFG["data"]["bbox"])
    assert data.problems == [] and len(data.gdf) == 4
    assert all(sites.flag(v) for v in data.gdf["demo"]), "the article names no parcel: every sample row is demo"
    assert data.gdf["basis"].str.contains("演示数据").all()


def test_a_polygons_area_is_geodesic_in_m2_and_a_stated_area_wins():
    # 0.01° × 0.01° at 34.8° N ≈ 1113 m × 914 m ≈ 1.017 km² (a degree-square area would be nonsense)
    parcel = {"geometry": box(113.50, 34.80, 113.51, 34.81)}
    assert sites.area_m2(parcel) == pytest.approx(1.017e6, rel=0.01)
    assert sites.area_m2(parcel | {"area_m2": "20000"}) == 20000.0
    assert sites.area_m2({"geometry": Point(113.5, 34.8)}) is None, "a point has no area unless stated"


def test_the_panel_gives_area_in_m2_and_mu_and_the_words_of_use_status_and_stage():
    props = {"area_m2": 6666.7, "use": "研发", "status": "洽谈中", "land_stage": "征", "floors": 12.0}
    rows = dict(sites.panel_rows(props, "en"))
    assert rows["Area"] == "6,667 m² (10.0 mu)"
    assert (rows["Use"], rows["Status"], rows["Land stage"], rows["Floors"]) == (
        "R&D",
        "in negotiation",
        "expropriation",
        "12",
    )
    assert dict(sites.panel_rows({"use": "物流"}, "zh"))["用途"] == "物流", "an unknown use shows as the file gives it"


@pytest.mark.parametrize(
    "area, uses, statuses, expected, why",
    [
        (None, (), (), ["a", "b", "c"], "no filter: everything"),
        ((0, 50000), (), (), ["a"], "a range leaves out the larger parcel and the point of unknown area"),
        (None, ("研发",), (), ["b", "c"], "by use"),
        (None, (), ("可供",), ["a", "c"], "by status"),
        (None, ("研发",), ("可供",), ["c"], "use and status together"),
    ],
)
def test_filters_by_area_use_and_status(area, uses, statuses, expected, why):
    gdf = frame(
        {"id": "a", "use": "工业", "status": "可供", "geometry": box(113.50, 34.80, 113.501, 34.801)},
        {"id": "b", "use": "研发", "status": "洽谈中", "geometry": box(113.50, 34.80, 113.51, 34.81)},
        {"id": "c", "use": "研发", "status": "可供", "geometry": Point(113.52, 34.82)},
    )
    assert list(sites.filter_sites(gdf, area, uses, statuses)["id"]) == expected, why


def catalog_with(tmp_path, features: list[dict]):
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["features"] = features
    geo = tmp_path / "geo"
    geo.mkdir()
    for f in CFG.path_of("geo_dir").glob("*.geojson"):
        (geo / f.name).write_bytes(f.read_bytes())
    (geo / "sites.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    enabled = ["parks", "supercomputing", "radiation", "sites", "enterprises"]
    return load_catalog(config.validate({"data": {"geo_dir": str(geo)}, "layers": {"enabled": enabled}}))


def site(fid: str, public: bool) -> dict:
    props = {
        "id": fid,
        "name_zh": fid,
        "name_en": fid,
        "kind": "parcel",
        "use": "工业",
        "status": "可供",
        "basis": "test",
        "confidence": "surveyed",
        "price_range": f"PRICE-{fid}",
        "contact_unit": f"CONTACT-{fid}",
        "public": public,
    }
    geom = {"type": "Polygon", "coordinates": [[[113.5, 34.8], [113.501, 34.8], [113.501, 34.801], [113.5, 34.8]]]}
    return {"type": "Feature", "properties": props, "geometry": geom}


def test_a_visitors_catalog_has_no_price_or_contact_of_a_site_not_marked_public(tmp_path):
    cat = catalog_with(tmp_path, [site("s-closed", False), site("s-open", True)])
    internal = cat.layers["sites"].gdf.set_index("id")
    assert internal.loc["s-closed", "price_range"] == "PRICE-s-closed", "internal users see every field"
    public = audience.view(cat, audience.PUBLIC).layers["sites"].gdf.set_index("id")
    assert "PRICE-s-closed" not in public.to_string() and "CONTACT-s-closed" not in public.to_string()
    assert public.loc["s-open", "price_range"] == "PRICE-s-open", "a site marked public shows its price"
    assert internal.loc["s-closed", "price_range"] == "PRICE-s-closed", "the cached catalog is not touched"


def test_the_internal_columns_are_left_out_when_no_site_is_public():
    cat = load_catalog(CFG)
    public = audience.view(cat, audience.PUBLIC).layers["sites"].gdf
    assert "price_range" not in public.columns and "contact_unit" not in public.columns


def test_demo_rows_are_badged_in_tooltip_legend_and_panel():
    cat = load_catalog(CFG)
    data = cat.layers["sites"]
    fc = mapview.feature_collection(data, "zh")
    assert all("演示数据" in f["properties"]["_tip"] for f in fc["features"])
    assert "演示数据" in sites.demo_legend(cat.layers.values(), "zh")
    html = panels.render(cat, "sites", "site-demo-a", "en")
    assert html is not None and "demo-badge" in html and "Demo data" in html
    assert "m² (" in html, "the parcel's area, computed from its outline, in m² and mu"


def test_real_rows_get_no_demo_badge(tmp_path):
    cat = catalog_with(tmp_path, [site("s-real", True)])
    fc = mapview.feature_collection(cat.layers["sites"], "zh")
    assert "演示数据" not in fc["features"][0]["properties"]["_tip"]
    assert sites.demo_legend(cat.layers.values(), "zh") == ""
    assert "demo-badge" not in (panels.render(cat, "sites", "s-real", "zh") or "")


@pytest.mark.parametrize("lang,badge,lon", [("zh", "演示数据", "经度"), ("en", "demo", "lon")])
def test_the_sites_export_has_a_demo_column_numbers_and_points_a_gis_reads(tmp_path, lang, badge, lon):
    import io

    import pandas as pd

    from dashboard import exports

    gdf = frame(
        {"id": "real", "name_zh": "甲", "demo": False, "use": "工业", "geometry": box(113.50, 34.80, 113.501, 34.801)},
        {"id": "demo", "name_zh": "乙", "demo": True, "use": "研发", "geometry": Point(113.52, 34.82)},
    )
    table = sites.export_table(gdf, lang)
    assert list(table[badge]) == ["", badge], "only the demo row is badged, in its own column"
    assert table.iloc[0, 2] == round(sites.area_m2(gdf.iloc[0].to_dict()), 1) and pd.isna(table.iloc[1, 2])
    path = tmp_path / "sites.csv"
    path.write_bytes(exports.csv_bytes(table))
    lat = "纬度" if lang == "zh" else "lat"
    points = gpd.read_file(path, X_POSSIBLE_NAMES=lon, Y_POSSIBLE_NAMES=lat, KEEP_GEOM_COLUMNS="NO")
    assert points.geometry.iloc[0].within(gdf.geometry.iloc[0]), "a parcel's point lies on the parcel"
    assert points.geometry.iloc[1].equals(Point(113.52, 34.82))
    assert list(points[badge].fillna("")) == ["", badge]
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(table)), encoding="utf-8-sig", keep_default_na=False)
    assert list(back[badge]) == ["", badge], "the badge survives the round trip"
