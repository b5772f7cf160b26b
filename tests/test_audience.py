"""dashboard/audience.py and the public projects layer: what a visitor's page is built from."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard import audience, catalog, config, ledger, warmap
from layers import REGISTRY
from tests.helpers import row, write_csv

CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)


@pytest.fixture
def rows(tmp_path):
    path = write_csv(
        tmp_path / "p.csv",
        [
            row(项目编号="P-IN", 项目名称="内部", 责任单位="UNIT-X", 经度="113.50", 纬度="34.81"),
            row(
                项目编号="park-tianjianhu",
                项目名称="一期",
                公开范围="公开",
                责任单位="UNIT-Y",
                存在问题="PROBLEM-Y",
                **{"项目名称(英文)": "Phase 1"},
            ),
        ],
    )
    return ledger.load_ledger(path, today=dt.date(2026, 11, 25), feature_ids=warmap.map_feature_ids(CAT.layers)).rows


def test_signed_in_sessions_are_internal_and_the_rest_public():
    assert audience.of(None) == audience.PUBLIC
    assert audience.of(object()) == audience.INTERNAL


def test_the_public_view_leaves_out_internal_layers_facts_and_problems(rows):
    cat = CAT.with_layer(warmap.project_layer(rows, CAT.layers))
    public = audience.view(cat, audience.PUBLIC)
    assert "projects" not in public.layers and set(public.layers) == set(CAT.layers)
    assert "war-map" not in public.facts.by_feature and "war-map" in cat.facts.by_feature
    assert public.problems == []
    assert audience.view(cat, audience.INTERNAL) is cat
    with pytest.raises(ValueError):
        audience.view(cat, "everyone")


def test_a_visitor_gets_only_rows_marked_public_and_only_their_public_fields(rows):
    layer = warmap.public_project_layer(rows, CAT.layers)
    assert list(layer.gdf["id"]) == ["park-tianjianhu"] and layer.spec.audience == "public"
    sent = set(layer.gdf.columns) - {"geometry"}
    assert sent == {"id", "name_zh", "name_en", "park", "kind", "confidence", "basis", "basis_en"}
    assert "UNIT-Y" not in layer.gdf.to_json() and "PROBLEM-Y" not in layer.gdf.to_json()
    assert layer.gdf.geometry.iloc[0] is not None, "placed on the park like on the war map"
    assert "Tianjian Lake" in layer.gdf["basis_en"].iloc[0], "the basis of its position, in English"


def test_the_public_tour_skips_stops_naming_an_internal_layer():
    stops = [{"layer": "projects"}, {"layer": "parks"}, {"feature": "sc-building-7"}]
    assert audience.public_stops(stops, REGISTRY) == stops[1:]
