"""Checks across a catalog's files: one id in two layers, facts for an unknown id, a chain link
outside the chain; each a message in both languages, the page still drawn."""

import geopandas as gpd
from shapely.geometry import Point

from dashboard import catalog, catalog_checks, config, facts_read
from dashboard.geodata import LayerData
from dashboard.programme import Programme
from layers import REGISTRY
from layers.text import Text


def layer(lid: str, ids: list[str], **cols) -> LayerData:
    gdf = gpd.GeoDataFrame({"id": ids, **cols}, geometry=[Point(113.5, 34.8)] * len(ids), crs="EPSG:4326")
    return LayerData(REGISTRY[lid], gdf)


def test_one_id_in_two_layers_stays_with_the_first_layer_and_the_other_is_reported():
    layers = {"parks": layer("parks", ["p-1", "same"]), "enterprises": layer("enterprises", ["same", "e-1"])}
    (problem,) = catalog_checks.shared_ids(layers)
    assert list(layers["parks"].gdf["id"]) == ["p-1", "same"]
    assert list(layers["enterprises"].gdf["id"]) == ["e-1"], "the clashing feature is left out"
    assert problem.render("en").startswith(
        "enterprises.geojson · feature same · field 'id': id already used in layer 'parks'"
    )
    assert "已用于图层 'parks'" in problem.render("zh")


def test_facts_for_an_id_no_layer_has_are_reported():
    src = {"sources": {"a": {"zh": "报道", "en": "Report", "date": "2019", "publisher": "某报"}}}
    item = {"kind": "note", "zh": "z", "en": "e", "source": "a", "date": "2019"}
    book = facts_read.parse(src | {"facts": {"p-1": [item], "typo-id": [item], "war-map": [item]}})
    (problem,) = catalog_checks.orphan_facts(book, {"parks": layer("parks", ["p-1"])}, "facts.toml")
    assert problem.feature == "typo-id" and "check the id's spelling" in problem.render("en")


def test_an_unknown_chain_link_is_reported():
    prog = Programme(chain=(Text("传感器", "Sensors"), Text("北斗导航", "BeiDou")))
    layers = {"enterprises": layer("enterprises", ["e-1", "e-2"], chain_link=["传感器", "区块链"])}
    (problem,) = catalog_checks.unknown_chain_links(layers, prog)
    assert (problem.feature, problem.field) == ("e-2", "chain_link")
    assert "'区块链' 不在产业链中(传感器、北斗导航)" in problem.render("zh")


def test_the_bundled_data_passes_every_check():
    cfg = config.load(config.ROOT / "config.toml")
    cat = catalog.load_catalog(cfg)
    assert cat.problems == []
    assert cat.facts.problems == ()
