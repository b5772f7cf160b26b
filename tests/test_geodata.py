"""Validation at the boundary: each bad file or feature gives a message naming the file, the
feature and the field; good features in the same file still load."""

import dataclasses
import json

import pytest

from dashboard import config, geodata
from dashboard.geodata import read_layer
from layers.base import LayerSpec
from layers.text import Text

SPEC = LayerSpec(
    id="t", label=Text("测试", "Test"), geometry="point", source="t.geojson", required_fields=("name_zh", "kind")
)
BBOX = config.defaults()["data"]["bbox"]
GOOD = {
    "type": "Feature",
    "properties": {"id": "ok-1", "name_zh": "好", "kind": "a"},
    "geometry": {"type": "Point", "coordinates": [113.5, 34.8]},
}


KEEP = object()


def feat(props=None, geometry=KEEP, **over):
    f = json.loads(json.dumps(GOOD))
    f["properties"].update(props or {})
    if geometry is not KEEP:
        f["geometry"] = geometry
    f.update(over)
    return f


def write(tmp_path, doc, encoding="utf-8"):
    path = tmp_path / "t.geojson"
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
    path.write_bytes(text.encode(encoding))
    return path


def fc(*features, **extra):
    return {"type": "FeatureCollection", "features": list(features), **extra}


@pytest.mark.parametrize(
    "features, expected",
    [
        ([feat({"id": None})], "feature #2 · field 'id': missing id"),  # no id at all
        ([feat({"id": "a b"})], "id must be letters, digits"),  # id goes into DOM keys
        ([feat(), feat()], "feature ok-1 · field 'id': duplicate id"),  # ids must be unique
        ([feat({"name_zh": ""})], "feature ok-1 · field 'name_zh': required field is missing"),
        ([feat({"kind": None})], "field 'kind': required field is missing"),
        ([feat(geometry={"type": "Point", "coordinates": [34.8, 113.5]})], "look like lat/lon swapped"),
        ([feat(geometry={"type": "Point", "coordinates": [116.4, 39.9]})], "outside the Zhengzhou area"),
        (
            [feat(geometry={"type": "Polygon", "coordinates": [[[113.5, 34.8], [113.6, 34.8], [113.5, 34.8]]]})],
            "geometry type Polygon not allowed",
        ),  # wrong kind for a point layer
        ([feat(geometry={"type": "Point", "coordinates": ["x"]})], "must be finite numbers"),
        ([feat(geometry={"type": "Point", "coordinates": [113.5]})], "geometry cannot be read"),
        ([feat(geometry=None)], "has no geometry"),
        ([feat({"confidence": "sure"})], "confidence must be one of"),
    ],
)
def test_bad_feature_is_named_and_skipped_while_good_ones_load(tmp_path, features, expected):
    good = feat({"id": "keeper"})
    data = read_layer(SPEC, write(tmp_path, fc(good, *features)), BBOX)
    messages = [str(p) for p in data.problems]
    assert any(expected in m for m in messages), messages
    assert all(m.startswith("t.geojson") for m in messages)
    assert "keeper" in set(data.gdf["id"]), "the other features still draw"


@pytest.mark.parametrize(
    "doc, expected",
    [
        ('{"type": "FeatureCollection", "features": [', "not valid JSON"),  # truncated file
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
        (
            fc(feat(), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}),
            "declares CRS urn:ogc:def:crs:EPSG::3857; expected WGS-84",
        ),  # never guess a CRS
    ],
)
def test_bad_file_gives_one_clear_message_and_no_features(tmp_path, doc, expected):
    data = read_layer(SPEC, write(tmp_path, doc), BBOX)
    assert data.gdf.empty
    assert any(expected in str(p) for p in data.problems), [str(p) for p in data.problems]


def test_missing_file_is_reported_not_raised(tmp_path):
    data = read_layer(SPEC, tmp_path / "nope.geojson", BBOX)
    assert data.gdf.empty and "file not found" in str(data.problems[0])


def test_gbk_file_is_read_with_a_warning_and_nothing_lost(tmp_path):
    data = read_layer(SPEC, write(tmp_path, fc(feat({"name_zh": "沟赵园区"})), encoding="gbk"), BBOX)
    assert list(data.gdf["name_zh"]) == ["沟赵园区"]
    assert data.problems[0].severity == "warning" and "GBK" in str(data.problems[0])


def test_legacy_crs84_member_is_accepted(tmp_path):
    doc = fc(feat(), crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}})
    data = read_layer(SPEC, write(tmp_path, doc), BBOX)
    assert data.problems == [] and len(data.gdf) == 1 and data.gdf.crs.to_epsg() == 4326


def test_self_intersecting_polygon_is_repaired_with_a_warning(tmp_path):
    spec = LayerSpec(id="p", label=Text("面", "P"), geometry="polygon", source="p.geojson", required_fields=())
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[113.5, 34.8], [113.6, 34.9], [113.6, 34.8], [113.5, 34.9], [113.5, 34.8]]],
    }
    data = read_layer(spec, write(tmp_path, fc(feat(geometry=bowtie))), BBOX)
    assert data.gdf.geometry.iloc[0].is_valid
    assert "repaired" in str(data.problems[0])


def test_script_tag_in_a_name_is_kept_as_text(tmp_path):
    data = read_layer(SPEC, write(tmp_path, fc(feat({"name_zh": "<script>alert(1)</script>"}))), BBOX)
    assert data.gdf["name_zh"].iloc[0] == "<script>alert(1)</script>", "stored verbatim; escaped at render"


MIXED = LayerSpec(
    id="m", label=Text("混合", "Mixed"), geometry="mixed", source="t.geojson", required_fields=("name_zh",)
)
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Polygon", "coordinates": [[[113.5, 34.8], [113.6, NAN], [113.6, 34.9], [113.5, 34.8]]]},
        {"type": "LineString", "coordinates": [[113.5, 34.8], [INF, 34.9]]},
        {"type": "MultiPoint", "coordinates": [[113.5, 34.8], [113.6, -INF]]},
        {"type": "Point", "coordinates": [NAN, NAN]},
    ],
)
def test_nan_or_infinity_in_coordinates_is_refused_by_name(tmp_path, geometry):
    # json.dumps writes NaN / Infinity tokens, as some GIS exports do
    bad = feat({"id": "bad"}, geometry=geometry)
    data = read_layer(MIXED, write(tmp_path, fc(feat({"id": "keeper"}), bad)), BBOX)
    assert [str(p) for p in data.problems] == [
        "t.geojson · feature bad · field 'geometry': coordinates must be finite numbers (found NaN, Infinity or "
        "a non-number); fix this feature's coordinates in GIS"
    ]
    assert list(data.gdf["id"]) == ["keeper"]
    assert data.gdf.geometry.is_valid.all()


def test_numbers_where_text_is_expected_are_read_as_text(tmp_path):
    num = feat({"id": "num", "name_zh": 2022, "kind": 7, "name_en": 1.5})
    data = read_layer(SPEC, write(tmp_path, fc(num)), BBOX)
    row = data.gdf.iloc[0]
    assert (row["name_zh"], row["kind"], row["name_en"]) == ("2022", "7", "1.5")
    assert data.problems == []


def test_a_list_where_text_is_expected_is_refused_with_a_message(tmp_path):
    data = read_layer(SPEC, write(tmp_path, fc(feat({"id": "keeper"}), feat({"id": "lst", "name_zh": [1, 2]}))), BBOX)
    assert [p.render("zh") for p in data.problems] == ["t.geojson · 要素 lst · 字段“name_zh”:须为文字,实为 list"]
    assert list(data.gdf["id"]) == ["keeper"]


def test_a_very_long_name_is_cut_with_a_warning(tmp_path):
    data = read_layer(SPEC, write(tmp_path, fc(feat({"name_zh": "名" * 100_000}))), BBOX)
    assert len(data.gdf.iloc[0]["name_zh"]) == geodata.MAX_NAME + 1
    (p,) = data.problems
    assert p.severity == "warning" and "name too long (100000 characters)" in str(p)


def test_an_empty_layer_is_reported(tmp_path):
    data = read_layer(SPEC, write(tmp_path, fc()), BBOX)
    assert [str(p) for p in data.problems] == ["t.geojson: the layer has no features: nothing of it is drawn"]


def test_too_many_features_are_limited_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(geodata, "MAX_POINTS", 3)  # SPEC is a point layer
    many = [feat({"id": f"f{i}"}) for i in range(5)]
    data = read_layer(SPEC, write(tmp_path, fc(*many)), BBOX)
    assert list(data.gdf["id"]) == ["f0", "f1", "f2"]
    assert "too many features (5, limit 3): only the first 3 are drawn" in str(data.problems[0])


def test_a_point_layer_may_hold_more_than_other_layers():
    polygons = dataclasses.replace(SPEC, geometry="polygon")
    assert geodata.limits(SPEC) == (geodata.MAX_POINTS, geodata.MAX_POINT_BYTES)
    assert geodata.limits(polygons) == (geodata.MAX_FEATURES, geodata.MAX_BYTES)
    assert geodata.MAX_POINTS >= 200_000 > geodata.MAX_FEATURES, "the zone's firms, counted in squares at low zoom"


def test_a_file_past_the_size_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(geodata, "MAX_POINT_BYTES", 100)
    data = read_layer(SPEC, write(tmp_path, fc(*[feat({"id": f"f{i}"}) for i in range(5)])), BBOX)
    assert data.gdf.empty
    assert "file too large" in str(data.problems[0])


def test_a_point_file_keeps_every_check_its_file_order_and_its_coordinates(tmp_path):
    # plain points are built in one vectorised pass (dashboard/layer_geometry.fast_points): the
    # bad ones among them must still be named, and the rest kept exactly, in file order
    good = [
        feat({"id": f"p{i}"}, geometry={"type": "Point", "coordinates": [113.5 + i * 1e-6, 34.8]}) for i in range(6)
    ]
    bad = {
        "b-bool": ([True, 34.8], "must be finite numbers"),
        "b-nan": ([float("nan"), 34.8], "must be finite numbers"),
        "b-swap": ([34.8, 113.5], "look like lat/lon swapped"),
        "dup": ([116.4, 39.9], "outside the Zhengzhou area"),  # its id then goes to the next, good one
    }
    middle = [feat({"id": k}, geometry={"type": "Point", "coordinates": c}) for k, (c, _) in bad.items()]
    with_z = feat({"id": "z"}, geometry={"type": "Point", "coordinates": [113.5, 34.8, 90.0]})
    data = read_layer(SPEC, write(tmp_path, fc(*good[:3], *middle, feat({"id": "dup"}), with_z, *good[3:])), BBOX)
    assert list(data.gdf["id"]) == ["p0", "p1", "p2", "dup", "z", "p3", "p4", "p5"]
    assert [g.x for g in data.gdf.geometry[:3]] == [113.5, 113.5 + 1e-6, 113.5 + 2e-6]
    messages = [str(p) for p in data.problems]
    for fid, (_, why) in bad.items():
        assert any(f"feature {fid}" in m and why in m for m in messages), (fid, messages)
    assert len(messages) == len(bad)
