"""Layer filters on the page (AppTest, issue 13): the sidebar's firm filters and the projects
table's filters narrow what the map is given (the features behind each layer's URL) and the
search box, without re-creating the map: its base script stays byte-identical, and the same
choice gives the same layer URL."""

from __future__ import annotations

import gzip
import json
import re

from dashboard.layerdata import ROUTE, STORE
from tests.helpers import map_args, run

FIRMS = {"ent-h3c", "ent-vkom", "ent-hanwei", "ent-xinda"}


def layer_urls(at) -> dict[str, str]:
    """layer id → the URL its overlay group asks the browser to fetch."""
    fg = map_args(at)["feature_group"]
    urls = re.findall(re.escape(ROUTE) + r"/[0-9a-f]+\.json", fg)
    return {_features(u)[0]["properties"]["layer"]: u for u in urls if _features(u)}


def _features(url: str) -> list[dict]:
    body, _aud = STORE.get(url.rsplit("/", 1)[1].removesuffix(".json"))
    return json.loads(gzip.decompress(body))["features"]


def drawn_ids(at, layer: str) -> set[str]:
    """The ids of the features the map draws for `layer` (what its URL serves)."""
    url = layer_urls(at).get(layer)
    return {f["properties"]["id"] for f in _features(url)} if url else set()


def options(at) -> list[str]:
    return list(at.selectbox(key="pick").options)


def test_the_chain_link_filter_narrows_the_map_and_the_search_box_without_recreating_the_map():
    at = run()
    assert drawn_ids(at, "enterprises") == FIRMS
    script, url = map_args(at)["script"], layer_urls(at)["enterprises"]
    at.multiselect(key="ent_link").set_value(["北斗导航"]).run()
    assert drawn_ids(at, "enterprises") == {"ent-vkom"}
    assert layer_urls(at)["enterprises"] != url, "filtered data: a new URL"
    assert map_args(at)["script"] == script, "the base map is not re-created by a filter"
    assert any("威科姆" in o for o in options(at)) and not any("汉威" in o for o in options(at))
    assert any("显示 1 / 4 家" in c.value for c in at.caption)
    at.multiselect(key="ent_link").set_value([]).run()
    assert layer_urls(at)["enterprises"] == url, "cleared: the unfiltered layer's URL again"


def test_the_kind_filter_keeps_the_institute_and_a_rerun_sends_the_map_the_same_groups():
    at = run(query={"lang": "en"})
    at.multiselect(key="ent_kind").set_value(["institute"]).run()
    assert drawn_ids(at, "enterprises") == {"ent-xinda"}
    groups = map_args(at)["feature_group"]
    assert map_args(at.run())["feature_group"] == groups, "the same choice: byte-identical groups"


def test_the_chain_links_are_offered_in_the_chains_order_in_the_pages_language():
    at = run(query={"lang": "en"})
    box = at.multiselect(key="ent_link")
    assert box.options == ["Sensors", "BeiDou navigation", "Big-data applications", "Information security"]


def test_the_projects_tables_filters_filter_the_map_too(signed_in):
    at = run()
    everything = drawn_ids(at, "projects")
    script = map_args(at)["script"]
    at.multiselect(key="f_status").set_value(["ok"]).run()
    table = at.dataframe(key="projects_table").value
    on_map = drawn_ids(at, "projects")
    assert on_map and on_map < everything
    assert on_map <= set(table["项目编号"]), "the map holds only the projects the table shows"
    assert everything & set(table["项目编号"]) == on_map, "and every one of them that has a place"
    assert map_args(at)["script"] == script
    assert any("表格与地图上只有筛选出的" in c.value for c in at.caption)
    projects = sorted(o.rsplit(" · ", 1)[0] for o in options(at) if o.endswith(" · 重点项目(作战图)"))
    assert projects == sorted(table["项目名称"]), "the search box follows"
