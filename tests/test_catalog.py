"""The catalog: every enabled layer loaded in config order, the radiation zone derived, facts and
the programme read; what is wrong reported as problems in both languages; a layer made at run
time joined without touching the cached catalog; the zone exported for planners' GIS."""

import json

import pytest
from shapely.geometry import shape

from dashboard import catalog, config
from dashboard.geodata import LayerData, empty_gdf
from dashboard.selection import Selection
from dashboard.zone import geodesic_area_km2
from layers import REGISTRY

CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)


def with_values(**sections) -> config.Config:
    return config.validate(dict(sections.items()))


def test_layers_follow_config_order_and_the_programme_is_read():
    assert list(CAT.layers) == [i for i in CFG["layers"]["enabled"] if i != "projects"]
    assert CAT.problems == []
    assert [t.target.zh for t in CAT.programme.targets] == ["20家", "300家", "预计2022年建设完成", "2025年建成"]
    assert [c.zh for c in CAT.programme.chain][:2] == ["传感器", "北斗导航"]


def test_an_unknown_layer_and_a_missing_park_are_reported_in_both_languages():
    cfg = with_values(layers={"enabled": ["supercomputing", "radiation", "roads"]})
    problems = catalog.load_catalog(cfg).problems
    texts = [(p.render("zh"), p.render("en")) for p in problems]
    assert any("未知图层 'roads'" in zh and "unknown layer 'roads'" in en for zh, en in texts), texts
    assert any("不在园区图层中" in zh and "is not in the parks layer" in en for zh, en in texts), texts


def test_with_layer_joins_a_layer_and_leaves_the_cached_catalog_alone():
    extra = LayerData(REGISTRY["projects"], empty_gdf())
    joined = CAT.with_layer(extra)
    assert "projects" in joined.layers and "projects" not in CAT.layers
    assert list(joined.layers)[: len(CAT.layers)] == list(CAT.layers)


def test_search_box_lists_every_selectable_feature_with_its_layer():
    options = dict(catalog.options(CAT, "en"))
    assert options[Selection("supercomputing", "sc-building-11")].endswith("· Supercomputing candidate sites")
    assert Selection("radiation", catalog.ZONE_ID) in options


def test_find_lists_at_most_the_limit_and_counts_every_match():
    everything = catalog.options(CAT, "zh")
    listed, total = catalog.find(CAT, "zh", limit=3)
    assert listed == everything[:3] and total == len(everything)
    hits, n = catalog.find(CAT, "en", "building 1", limit=50)  # any case, zh or en name
    assert {sel.fid for sel, _ in hits} == {"sc-building-11"} and n == 1
    assert catalog.find(CAT, "zh", "sc-building-7", limit=50)[1] == 1, "an id is found too"
    assert catalog.find(CAT, "zh", "<no such name>", limit=50) == ([], 0)


def test_label_names_a_feature_and_its_layer():
    sel = Selection("supercomputing", "sc-building-11")
    assert catalog.label(CAT, sel, "en") == dict(catalog.options(CAT, "en"))[sel]
    assert catalog.label(CAT, Selection("parks", "gone"), "en") == "gone"


def test_a_feature_centres_the_map_on_itself():
    lat, lon = CAT.position("supercomputing", "sc-building-11")
    assert 34.7 < lat < 34.9 and 113.4 < lon < 113.7
    assert CAT.position("parks", "park-ghost") is None and CAT.feature("roads", "x") is None


def test_zone_download_is_wgs84_geojson_of_the_configured_area():
    doc = json.loads(catalog.zone_geojson(CAT))
    feat = doc["features"][0]
    assert geodesic_area_km2(shape(feat["geometry"])) == pytest.approx(2.0, rel=0.005)
    assert feat["properties"]["method"] == "footprint" and feat["properties"]["distance_m"] > 0
    minx, miny = shape(feat["geometry"]).bounds[:2]
    assert 113 < minx < 114 and 34 < miny < 35, "lon/lat, not metres"


def test_zone_download_in_english_names_the_zone_in_both_languages_and_says_the_rest_in_english():
    props = json.loads(catalog.zone_geojson(CAT, "en"))["features"][0]["properties"]
    assert props["name_en"].startswith("Radiation zone of") and "辐射区" in props["name_zh"]
    assert props["basis"].startswith("computed from") and props["source"].startswith("Zhengzhou High-tech Zone news")
