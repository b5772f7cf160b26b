"""The war map without streamlit: ledger → projects layer, KPI strip, table filters, project panel,
tour stops (config validation and resolution against the data), screen-mode map script and CSS."""

import datetime as dt
import json

import pytest
import shapely
from streamlit_folium import generate_leaflet_string

from dashboard import catalog, config, ledger, mapview, offline_assets, screen, selection, warmap
from dashboard.ledger import (STATUS_AT_RISK, STATUS_COLORS, STATUS_DONE, STATUS_NO_DEADLINE, STATUS_OK,
                              STATUS_OVERDUE)
from tests.helpers import row, write_csv

TODAY = dt.date(2026, 11, 25)
CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)

# one row per status and per way of being located
ROWS = [
    row(项目编号="P-late", 项目名称="逾期项目", 完成时限="2026-06-30", 经度="113.50", 纬度="34.80",
        责任单位="区建设局", 用地阶段="征"),
    row(项目编号="P-risk", 项目名称="滞后项目", 完成时限="2026-12-10", **{"当前进度(%)": "20"},
        所属园区="双桥园区", 经度="113.52", 纬度="34.81"),
    row(项目编号="P-done", 项目名称="已完成项目", 完成时限="2025-01-01", **{"当前进度(%)": "100"}),
    row(项目编号="park-gouzhao", 项目名称="按要素定位的项目", 完成时限="2027-06-30"),   # id of a park
    row(项目编号="P-nowhere", 项目名称="无位置项目", 完成时限="待定", **{"当前进度(%)": ""}),
]


@pytest.fixture(scope="module")
def led(tmp_path_factory):
    path = write_csv(tmp_path_factory.mktemp("ledger") / "projects.csv", ROWS)
    return ledger.load_ledger(path, today=TODAY, feature_ids=warmap.map_feature_ids(CAT.layers))


@pytest.fixture(scope="module")
def layer(led):
    return warmap.project_layer(led.rows, CAT.layers)


def by_id(layer, fid):
    return layer.gdf.set_index("id").loc[fid]


# --------------------------------------------------------------------------- projects layer

def test_every_valid_row_is_a_feature_coloured_by_its_computed_status(led, layer):
    assert led.errors == []
    kinds = dict(zip(layer.gdf["id"], layer.gdf["kind"]))
    assert kinds == {"P-late": "overdue", "P-risk": "at_risk", "P-done": "done", "park-gouzhao": "ok",
                     "P-nowhere": "no_deadline"}
    fills = {k: s.fill_color for k, s in layer.spec.styles.items()}
    assert fills == {"ok": STATUS_COLORS[STATUS_OK], "at_risk": STATUS_COLORS[STATUS_AT_RISK],
                     "overdue": STATUS_COLORS[STATUS_OVERDUE], "done": STATUS_COLORS[STATUS_DONE],
                     "no_deadline": STATUS_COLORS[STATUS_NO_DEADLINE]}


def test_rows_are_drawn_at_their_coordinates_or_their_feature_and_the_rest_not_at_all(layer):
    assert by_id(layer, "P-late").geometry.equals(shapely.Point(113.50, 34.80))
    park = CAT.layers["parks"].gdf.set_index("id").geometry["park-gouzhao"]
    assert park.contains(by_id(layer, "park-gouzhao").geometry), "a project named by a park's id sits inside it"
    assert by_id(layer, "P-nowhere").geometry is None and by_id(layer, "P-done").geometry is None
    drawn = [f["properties"]["id"] for f in mapview.feature_collection(layer, "zh")["features"]]
    assert sorted(drawn) == ["P-late", "P-risk", "park-gouzhao"], "rows without location: table only"


def test_anchor_of_a_concave_feature_lies_inside_it():
    u_shape = shapely.Polygon([(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)])
    assert not u_shape.contains(u_shape.centroid)
    assert u_shape.contains(warmap.anchor(u_shape))


def test_project_tooltip_shows_status_and_deadline_escaped(tmp_path):
    path = write_csv(tmp_path / "p.csv", [row(项目名称="<b>x</b>", 经度="113.5", 纬度="34.8")])
    lay = warmap.project_layer(ledger.load_ledger(path, today=TODAY).rows, CAT.layers)
    tip = mapview.feature_collection(lay, "zh")["features"][0]["properties"]["_tip"]
    assert "&lt;b&gt;x&lt;/b&gt;" in tip and "<b>x</b>" not in tip
    assert "正常 · 完成时限 2027-06-30" in tip


def test_joined_catalog_selects_searches_and_pans_to_projects(layer):
    cat = CAT.with_layer(layer)
    assert "projects" not in CAT.layers, "the cached catalog is left as it was"
    assert selection.Selection("projects", "P-nowhere") in {sel for sel, _ in catalog.options(cat, "zh")}
    assert cat.position("projects", "P-nowhere") is None
    lat, lon = cat.position("projects", "P-late")
    assert (round(lat, 5), round(lon, 5)) == (34.8, 113.5)
    assert selection.from_click({"last_active_drawing": {"properties": {"layer": "projects", "id": "P-late"}}}) \
        == selection.Selection("projects", "P-late")
    group = mapview.selection_group(cat.layers["projects"], "P-nowhere")
    assert not group._children, "nothing to highlight for a project without location"


# --------------------------------------------------------------------------- KPI strip, table, panel

def test_kpi_strip_counts_projects_by_status_and_location(led):
    html = warmap.kpi_html(led.rows, TODAY, "zh", "projects.csv")
    counts = {s: html.split(f'<span class="kpi-l">{s}</span>')[0].rsplit('<span class="kpi-n">', 1)[1]
              for s in ledger.STATUSES}
    assert counts == {STATUS_OK: "1</span>", STATUS_AT_RISK: "1</span>", STATUS_OVERDUE: "1</span>",
                      STATUS_NO_DEADLINE: "1</span>", STATUS_DONE: "1</span>"}
    assert "上图 3 · 仅表格 2" in html and "状态按 2026-11-25 计算" in html


def test_targets_are_the_articles_beside_what_the_data_knows(led):
    html = warmap.targets_html(led.rows, CAT.programme, "zh")
    for target in ("20家", "300家", "2022年建成", "2025年"):
        assert target in html
    assert html.count("待核实") == 4, "the data knows none of them: never a number the source lacks"


def test_target_known_shows_a_reported_progress_from_the_ledger(tmp_path):
    path = write_csv(tmp_path / "p.csv", [row(项目编号="park-tianjianhu", **{"当前进度(%)": "60"})])
    html = warmap.targets_html(ledger.load_ledger(path, today=TODAY).rows, CAT.programme, "zh")
    assert "台账进度 60%" in html and html.count("待核实") == 3


@pytest.mark.parametrize("filters, ids", [
    ({}, {"P-late", "P-risk", "P-done", "park-gouzhao", "P-nowhere"}),              # no filter: all
    ({"status": [STATUS_OVERDUE]}, {"P-late"}),
    ({"park": ["双桥园区"]}, {"P-risk"}),
    ({"unit": ["区建设局"], "status": [STATUS_OK]}, set()),                          # filters combine (AND)
    ({"status": [STATUS_OVERDUE, STATUS_DONE]}, {"P-late", "P-done"}),               # choices combine (OR)
])
def test_table_filters_narrow_the_rows(led, filters, ids):
    assert set(warmap.filter_rows(led.rows, **filters)["id"]) == ids


def test_table_shows_progress_or_not_reported_and_location(led):
    tab = warmap.table(led.rows, "zh").set_index("项目编号")
    assert tab.loc["P-risk", "当前进度"] == "20%" and tab.loc["P-nowhere", "当前进度"] == "未填报"
    assert tab.loc["P-nowhere", "位置"].startswith("仅表格")
    assert warmap.table(led.rows, "en").columns[2] == "Status"


def test_project_panel_names_owner_post_deadline_progress_and_escapes(layer):
    props = by_id(layer, "P-late").to_dict() | {"id": "P-late", "problems": "<script>alert(1)</script>"}
    html = warmap.project_panel(props, "zh")
    for text in ("区建设局", "责任岗位", "2026-06-30", "未填报", "下一节点", "逾期", "台账坐标"):
        assert text in html, text
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_land_stage_chip_highlights_the_current_stage():
    chip = warmap.land_chip("征", "zh")
    assert '<span class="stage done">批</span>→<span class="stage now">征</span>' in chip
    assert '<span class="stage">供</span>' in chip
    assert "未填报" in warmap.land_chip("", "zh") and "now" not in warmap.land_chip("", "zh")


# --------------------------------------------------------------------------- tour config

STOP = {"layer": "parks", "caption_zh": "园区"}


@pytest.mark.parametrize("stops, fragment", [
    ([STOP, {"layer": "parks", "zom": 3, "caption_zh": "x"}],
     "[tour] stops #2 zom: unknown key; known: layer, feature, zoom, caption_zh, caption_en"),  # typo
    ([{"layer": "parks"}], "[tour] stops #1 caption_zh: missing"),                      # a stop says what it shows
    ([{"layer": "parks", "feature": "park-gouzhao", "caption_zh": "x"}], "stops #1: give either layer or feature"),
    ([{"caption_zh": "x"}], "stops #1: give either layer or feature"),
    ([STOP | {"zoom": 30}], "[tour] stops #1 zoom = 30: expected a whole number 3–20"),
    ("parks", "[tour] stops: expected a list of [[tour.stops]] tables"),
])
def test_bad_tour_stop_is_refused_naming_it(stops, fragment):
    with pytest.raises(config.ConfigError) as err:
        config.validate({"tour": {"stops": stops}})
    assert fragment in str(err.value)


def test_good_stop_takes_defaults():
    stop = config.validate({"tour": {"stops": [STOP]}})["tour"]["stops"][0]
    assert stop == {"layer": "parks", "feature": "", "zoom": None, "caption_zh": "园区", "caption_en": ""}


def test_stops_naming_no_data_are_left_out_with_a_message(layer):
    layers = CAT.with_layer(layer).layers
    stops = config.validate({"tour": {"stops": [
        STOP, {"feature": "park-nowhere", "caption_zh": "x"}, {"feature": "P-nowhere", "caption_zh": "x"},
        {"layer": "ghosts", "caption_zh": "x"}]}})["tour"]["stops"]
    resolved, problems = screen.resolve_stops(stops, layers, "zh")
    assert [s["caption"] for s in resolved] == ["园区"]
    messages = [str(p) for p in problems]
    assert "tour.stops #2" in messages[0] and "'park-nowhere' is on no layer" in messages[0]
    assert "tour.stops #3" in messages[1] and "'P-nowhere' has no location" in messages[1]
    assert "tour.stops #4" in messages[2] and "'ghosts' is not on the map" in messages[2]


def test_stop_resolves_to_bounds_or_centre_and_zoom_in_the_chosen_language():
    stops = config.validate({"tour": {"stops": [
        {"feature": "sc-zzu-built", "zoom": 15, "caption_zh": "郑大", "caption_en": "ZZU"}]}})["tour"]["stops"]
    (stop,), _ = screen.resolve_stops(stops, CAT.layers, "en")
    point = CAT.layers["supercomputing"].gdf.set_index("id").geometry["sc-zzu-built"]
    assert stop["caption"] == "ZZU" and stop["zoom"] == 15
    assert stop["center"] == [round(point.y, 6), round(point.x, 6)]


def test_shipped_tour_stops_all_resolve_on_the_sample_data(layer):
    resolved, problems = screen.resolve_stops(CFG["tour"]["stops"], CAT.with_layer(layer).layers, "zh")
    assert problems == [] and len(resolved) == len(CFG["tour"]["stops"]) >= 3


# --------------------------------------------------------------------------- screen mode map and CSS

def screen_map(stops):
    m = mapview.base_map(CFG["map"]["center"], 13, 9, 18, "legend", "zh", scale=2.0)
    m.get_root().header.add_child(screen.map_css(2.0), name="screen_css")
    screen.screen_script(stops, 20, "zh").add_to(m)
    offline_assets.localize(m)
    return m


def test_screen_map_script_is_byte_stable_and_carries_the_stops():
    stops, _ = screen.resolve_stops(CFG["tour"]["stops"], CAT.layers, "zh")
    script = generate_leaflet_string(screen_map(stops))
    assert script == generate_leaflet_string(screen_map(stops)), "a changed script remounts the map"
    cfg = json.loads(script.split("}\n)(map_div, ")[1].split(");")[0])
    assert cfg["intervalMs"] == 20000 and cfg["stops"][0]["caption"] == stops[0]["caption"]
    assert "window.tourIndex" in script and "PageDown" in script


def test_stop_captions_cannot_break_out_of_the_script():
    stops = [{"caption": "</script><script>alert(1)</script>", "bounds": [[34.8, 113.5], [34.81, 113.51]],
              "zoom": None, "center": [34.805, 113.505]}]
    assert "</script><script>" not in generate_leaflet_string(screen_map(stops))


def test_screen_css_hides_streamlit_chrome_and_sizes_by_viewport():
    for testid in ("stHeader", "stToolbar", "stSidebar", "stSidebarCollapsedControl", "stDecoration"):
        assert f'[data-testid="{testid}"]' in screen.PAGE_CSS.split("display: none")[0]
    assert 'iframe[title="streamlit_folium.st_folium"]' in screen.PAGE_CSS
    assert "calc(100vh - var(--strip-top) - var(--strip-bottom))" in screen.PAGE_CSS
    assert "clamp(" in screen.PAGE_CSS and "vw" in screen.PAGE_CSS
    css = screen.map_css(2.0).render()
    assert "calc(36px * var(--fit, 1))" in css, "caption: 18 px × scale 2, grown by the screen's width"
