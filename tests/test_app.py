"""The page under AppTest: runs clean, one toggle per layer, the search box fills the panel,
the map component is sent no external URL, and bad data is reported without a traceback."""

import json
import os
import re

import pytest

from dashboard import catalog, config, mapscripts
from layers import REGISTRY
from tests.helpers import click_map, copy_data, drawn, html_text, map_args, run


def test_page_runs_without_exception_and_shows_the_title():
    at = run()
    assert not at.exception
    assert "郑州高新区" in at.title[0].value


def test_one_sidebar_toggle_per_layer_with_its_chinese_name():
    at = run()
    labels = [t.label for t in at.sidebar.toggle]
    for lid in ("parks", "supercomputing", "radiation", "enterprises"):
        assert labels.count(REGISTRY[lid].label.zh) == 1


def test_picking_building_11_in_the_search_box_fills_the_panel():
    at = run()
    assert "11号楼" not in html_text(at)
    at.selectbox(key="pick").set_value("supercomputing/sc-building-11").run()
    text = html_text(at)
    assert "11号楼(拟选址)" in text and "层高" in text and "待核实" in text and "来源" in text
    assert "sc-building-11" in json.dumps(map_args(at)["feature_group"]), "the map highlights it too"


def test_english_switch_translates_the_page_and_the_panel():
    at = run(query={"lang": "en"})
    at.selectbox(key="pick").set_value("supercomputing/sc-building-11").run()
    assert at.title[0].value.startswith("Zhengzhou High-tech Zone")
    assert "Building 11 (candidate)" in html_text(at) and "Source" in html_text(at)


def test_map_component_is_sent_no_external_url():
    args = map_args(run())
    links = args["js_links"] + args["css_links"]
    assert links, "the map needs its scripts"
    ours = [link for link in links if link.startswith(mapscripts.ROUTE + "/")]  # our scripts, from this server
    assert all(link.startswith("../../app/static/vendor/") for link in links if link not in ours), links
    assert ours and all(mapscripts.at(link) for link in ours)
    blob = json.dumps({k: args[k] for k in ("script", "header", "html", "feature_group")})
    assert not re.search(r"https?://(?!127\.0\.0\.1)", blob.replace("http://www.w3.org", "")), (
        "no CDN or remote URL anywhere in what the component runs"
    )


def test_switching_a_layer_off_removes_it_from_the_map():
    at = run()
    assert "sc-building-11" in drawn(at)
    next(t for t in at.sidebar.toggle if t.label == "超算中心候选址").set_value(False).run()
    assert "sc-building-11" not in drawn(at)
    assert "park-gouzhao" in drawn(at), "the other layers stay"


def test_a_sent_link_opens_with_the_feature_selected_and_the_address_follows_the_selection():
    at = run(query={"select": "supercomputing/sc-building-11"})
    assert "11号楼(拟选址)" in html_text(at)
    assert map_args(at)["center"] is not None, "the map is centred on it"
    at.selectbox(key="pick").set_value("parks/park-gouzhao").run()
    assert at.query_params["select"] == "parks/park-gouzhao", "copying the address shares this view"


def test_planner_can_download_the_zone_and_the_filtered_table(signed_in):
    at = run(query={"select": "radiation/zone-radiation"})
    labels = [d.proto.label for d in at.get("download_button")]
    assert "下载辐射区范围(GeoJSON, WGS-84)" in labels and "下载当前筛选的项目表(CSV)" in labels


def test_a_link_to_an_unknown_feature_opens_the_page_without_a_selection():
    at = run(query={"select": "parks/<script>"})
    assert not at.exception and 'class="panel-name"' not in html_text(at)
    assert "select" not in at.query_params


def test_map_click_selects_the_feature_by_its_id():
    at = click_map(run(), {"layer": "supercomputing", "id": "sc-building-7"}, lat=34.8036, lng=113.5082)
    assert "7号楼(拟选址)" in html_text(at)
    assert at.selectbox(key="pick").value == "supercomputing/sc-building-7", "search box follows the click"
    assert at.query_params["select"] == "supercomputing/sc-building-7", "and the address bar"
    assert map_args(at)["center"] is None, "a click does not pan the map from under the mouse"


def test_past_its_limit_the_search_box_lists_a_few_and_a_text_box_finds_the_rest(monkeypatch):
    monkeypatch.setattr(catalog, "LISTED", 3)  # as with 10,000 firms: the box would re-send them all on each click
    at = run()
    assert len(at.selectbox(key="pick").options) == 1 + 3
    assert "共" in at.caption[-1].value or any("共" in c.value for c in at.caption), "the page says more are there"
    at.text_input(key="find").input("11号楼").run()
    assert [o for o in at.selectbox(key="pick").options if "11号楼" in o], "typing finds it"
    at.selectbox(key="pick").set_value("supercomputing/sc-building-11").run()
    assert "11号楼(拟选址)" in html_text(at)
    at = click_map(at, {"layer": "parks", "id": "park-gouzhao"})
    assert at.selectbox(key="pick").value == "parks/park-gouzhao", "a clicked feature joins the list: the box follows"


def test_a_point_layer_counted_in_squares_is_named_under_the_map(monkeypatch):
    from dashboard import mapfetch

    assert "按方格计数" not in "".join(c.value for c in run().caption), "the sample's four firms are drawn one by one"
    monkeypatch.setattr(mapfetch, "CELLS_FROM", 2)  # as with 100,000 firms
    at = run()
    assert any(c.value.startswith("企业") and "按方格计数" in c.value for c in at.caption)
    assert '"cells"' in map_args(at)["feature_group"], "the map is told to count them"


def test_a_click_on_a_basemap_district_keeps_the_selection():
    at = click_map(run(query={"select": "parks/park-gouzhao"}), {"name": "中原区"})  # districts carry a name only
    assert at.selectbox(key="pick").value == "parks/park-gouzhao"
    assert "沟赵园区" in html_text(at)


def test_an_edited_layer_file_shows_on_the_next_run_without_a_restart(tmp_path, monkeypatch):
    geo = copy_data(tmp_path, monkeypatch)
    at = run()
    assert any("双桥园区" in o for o in at.selectbox(key="pick").options)
    path = geo / "parks.geojson"
    path.write_text(path.read_text(encoding="utf-8").replace("双桥园区", "双桥片区"), encoding="utf-8")
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))  # a later save, even on a coarse clock
    at.run()
    options = at.selectbox(key="pick").options
    assert any("双桥片区" in o for o in options) and not any("双桥园区" in o for o in options)


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """A copy of the sample data with the parks file broken, and a config pointing at it."""
    geo = copy_data(tmp_path, monkeypatch)
    (geo / "parks.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    doc = json.loads((geo / "enterprises.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name_zh"] = "<script>alert('x')</script>"
    doc["features"][1]["geometry"]["coordinates"] = doc["features"][1]["geometry"]["coordinates"][::-1]
    (geo / "enterprises.geojson").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return geo


def test_broken_and_bad_data_is_reported_and_other_layers_still_draw(broken_data, signed_in):
    at = run()
    assert not at.exception
    problems = [t.value for t in at.text]  # in the page's language
    assert any("parks.geojson" in p and "不是有效的 JSON" in p for p in problems), problems
    assert any("enterprises.geojson" in p and "经纬度颠倒" in p for p in problems), problems
    fg = drawn(at)
    assert "sc-building-11" in fg, "supercomputing still draws"
    assert "park-gouzhao" not in fg
    # the name travels as JSON data, fetched by URL, never inside the map's script; the browser
    # puts it in the tooltip with textContent (dashboard/layerload.js), so it is never parsed as HTML
    assert "<script>alert" not in map_args(at)["feature_group"] and '"<script>alert' in fg


def test_invalid_config_gives_a_message_not_a_traceback(tmp_path, monkeypatch):
    bad = tmp_path / "config.toml"
    bad.write_text("[map]\nzom = 12\n", encoding="utf-8")
    monkeypatch.setattr(config, "DEFAULT_PATH", bad)
    at = run()
    assert not at.exception
    assert "config.toml" in at.error[0].value
    assert "zom: unknown key; known:" in at.code[0].value
