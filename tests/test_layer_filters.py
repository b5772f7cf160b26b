"""dashboard/layer_filters.py: which firms and projects pass, and the two things that keep the map
from being re-created by a filter (the same frame for the same choice; the renderer chosen from
the unfiltered count)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from dashboard import layer_filters, layerdata, mapfetch
from dashboard.catalog import Catalog
from dashboard.facts import FactBook
from dashboard.geodata import LayerData
from dashboard.programme import Programme
from dashboard.text import Text
from layers import REGISTRY

CHAIN = (Text("传感器", "Sensors"), Text("北斗导航", "BeiDou"), Text("信息安全", "Security"))


def firms(rows: list[tuple[str, str, str]]) -> LayerData:
    gdf = gpd.GeoDataFrame(
        {"id": [r[0] for r in rows], "kind": [r[1] for r in rows], "chain_link": [r[2] for r in rows]},
        geometry=[shapely.Point(113.5 + i * 1e-4, 34.8) for i in range(len(rows))],
        crs="EPSG:4326",
    )
    return LayerData(REGISTRY["enterprises"], gdf)


def catalog(data: LayerData) -> Catalog:
    return Catalog({data.spec.id: data}, FactBook({}, {}), programme=Programme(chain=CHAIN))


SAMPLE = [
    ("a", "enterprise", "信息安全"),
    ("b", "institute", "传感器"),
    ("c", "enterprise", "传感器"),
    ("d", "enterprise", "云计算"),
]


def ids(cat: Catalog) -> list[str]:
    return list(cat.layers["enterprises"].gdf["id"])


def test_links_and_kinds_narrow_together_and_no_choice_keeps_the_same_catalog():
    cat = catalog(firms(SAMPLE))
    assert layer_filters.filter_enterprises(cat) is cat
    assert ids(layer_filters.filter_enterprises(cat, ["传感器"])) == ["b", "c"]
    assert ids(layer_filters.filter_enterprises(cat, ["传感器"], ["enterprise"])) == ["c"]
    assert ids(layer_filters.filter_enterprises(cat, [], ["institute"])) == ["b"]


def test_chain_links_come_in_the_chains_order_then_unknown_ones():
    assert layer_filters.chain_links(firms(SAMPLE), CHAIN) == ["传感器", "信息安全", "云计算"]


def test_the_same_choice_gives_the_same_frame_so_the_published_data_is_reused():
    cat = catalog(firms(SAMPLE))
    one = layer_filters.filter_enterprises(cat, ["传感器"]).layers["enterprises"]
    again = layer_filters.filter_enterprises(cat, ["传感器"]).layers["enterprises"]
    other = layer_filters.filter_enterprises(cat, ["信息安全"]).layers["enterprises"]
    assert again is one and other is not one
    store = layerdata.Store()
    assert layerdata.publish(one, None, "osm", store) == layerdata.publish(again, None, "osm", store)
    assert layerdata.publish(other, None, "osm", store) != layerdata.publish(one, None, "osm", store)


def test_a_filtered_layer_counts_its_unfiltered_features_for_the_renderer():
    many = firms([(f"f{i}", "enterprise", "传感器" if i < 10 else "信息安全") for i in range(mapfetch.CANVAS_FROM)])
    few = layer_filters.filter_enterprises(catalog(many), ["传感器"]).layers["enterprises"]
    assert layerdata.count(few) == 10
    assert layer_filters.drawn_total(few) == mapfetch.CANVAS_FROM, "the map keeps its canvas renderer"


def test_only_ids_keeps_the_projects_the_table_shows():
    data = firms(SAMPLE)
    cat = catalog(data)
    assert layer_filters.only_ids(cat, "enterprises", ["a"], everything=True) is cat
    assert ids(layer_filters.only_ids(cat, "enterprises", pd.Series(["a", "d"]), everything=False)) == ["a", "d"]
    assert ids(layer_filters.only_ids(cat, "enterprises", [], everything=False)) == []
