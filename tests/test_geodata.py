"""Validation at the boundary: each bad file or feature gives a message naming the file, the
feature and the field; good features in the same file still load."""

import json

import pytest

from dashboard import config
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
        ([feat(geometry={"type": "Point", "coordinates": ["x"]})], "geometry cannot be read"),
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
