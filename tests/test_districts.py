"""The offline basemap's district file, read defensively: a broken file or feature is reported
in both languages and the offline map still draws (the graticule, the good districts)."""

import json
import shutil

import pytest

from dashboard import basemaps, catalog, config, districts
from tests.helpers import copy_data, run

GOOD = json.loads((config.ROOT / "data" / "geo" / districts.FILE).read_text(encoding="utf-8"))


def geo_copy(tmp_path):
    geo = tmp_path / "geo"
    shutil.copytree(config.ROOT / "data" / "geo", geo)
    return geo, config.validate({"data": {"geo_dir": str(geo)}})


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"type": "FeatureCollection", "features": [', "cannot be read"),
        ('{"type": "FeatureCollection"}', "not a GeoJSON FeatureCollection"),
        (b"\xff\xfe\x00garbage", "cannot be read"),
    ],
)
def test_a_broken_district_file_draws_the_offline_map_without_districts(tmp_path, content, expected):
    geo, cfg = geo_copy(tmp_path)
    path = geo / districts.FILE
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    data = basemaps.offline_data("zh", cfg=cfg)
    assert data["districts"]["features"] == [] and data["labels"] == []
    assert data["graticule"]["geometry"]["coordinates"], "the graticule still draws"
    (problem,) = districts.read(path).problems
    assert expected in problem.render("en") and "scripts/extract_districts.py" in problem.render("zh")


def test_a_bad_district_is_left_out_and_the_others_drawn(tmp_path):
    geo, cfg = geo_copy(tmp_path)
    doc = json.loads(json.dumps(GOOD))
    doc["features"][1]["geometry"]["coordinates"][0][0][0] = float("nan")
    del doc["features"][2]["properties"]["name"]
    (geo / districts.FILE).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    names = [label[2] for label in basemaps.offline_data("zh", cfg=cfg)["labels"]]
    assert "中原区" not in names and len(names) == len(GOOD["features"]) - 3  # minus city, NaN, nameless
    problems = [p.render("en") for p in districts.read(geo / districts.FILE).problems]
    assert problems[0].startswith(f"{districts.FILE} · feature 中原区: geometry")
    assert problems[1].startswith(f"{districts.FILE} · feature #3: no name")


def test_a_missing_district_file_is_reported_in_the_catalog(tmp_path):
    geo, cfg = geo_copy(tmp_path)
    (geo / districts.FILE).unlink()
    problems = [p.render("zh") for p in catalog.load_catalog(cfg).problems]
    assert problems == [
        f"{districts.FILE}:文件不存在;离线底图不绘制该部分;请用 scripts/extract_districts.py 重新生成该文件"
    ]


def test_the_page_lives_with_a_broken_district_file(tmp_path, monkeypatch, signed_in):
    geo = copy_data(tmp_path, monkeypatch)
    (geo / districts.FILE).write_text("{", encoding="utf-8")
    at = run()
    assert not at.exception
    assert any(districts.FILE in t.value and "离线底图" in t.value for t in at.text)
