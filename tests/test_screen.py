"""Screen mode without streamlit: tour stops (config validation and resolution against the data,
problems named by stop), the screen map script and the page and map CSS."""

import datetime as dt
import json

import pytest
from streamlit_folium import generate_leaflet_string

from dashboard import (
    catalog,
    config,
    ledger,
    mapview,
    offline_assets,
    screen,
    screen_labels,
    screen_legend,
    screen_notice,
    warmap,
)
from tests.helpers import row, write_csv

CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)
CAT_ROWS = ledger.load_ledger(warmap.ledger_file(CFG), today=dt.date(2026, 11, 25)).rows


@pytest.fixture(scope="module")
def layer(tmp_path_factory):
    """A projects layer with one located project and one without a location (P-nowhere)."""
    path = write_csv(
        tmp_path_factory.mktemp("ledger") / "projects.csv",
        [
            row(项目编号="P-late", 完成时限="2026-06-30", 经度="113.50", 纬度="34.80"),
            row(项目编号="P-nowhere", 完成时限="待定"),
        ],
    )
    rows = ledger.load_ledger(path, today=dt.date(2026, 11, 25)).rows
    return warmap.project_layer(rows, CAT.layers)


# --------------------------------------------------------------------------- tour config

STOP = {"layer": "parks", "caption_zh": "园区"}


@pytest.mark.parametrize(
    "stops, fragment",
    [
        (
            [STOP, {"layer": "parks", "zom": 3, "caption_zh": "x"}],
            "[tour] stops #2 zom: unknown key; known: layer, feature, zoom, caption_zh, caption_en",
        ),  # typo
        ([{"layer": "parks"}], "[tour] stops #1 caption_zh: missing"),  # a stop says what it shows
        ([{"layer": "parks", "feature": "park-gouzhao", "caption_zh": "x"}], "stops #1: give either layer or feature"),
        ([{"caption_zh": "x"}], "stops #1: give either layer or feature"),
        ([STOP | {"zoom": 30}], "[tour] stops #1 zoom = 30: expected a whole number 3–20"),
        ("parks", "[tour] stops: expected a list of [[tour.stops]] tables"),
    ],
)
def test_bad_tour_stop_is_refused_naming_it(stops, fragment):
    with pytest.raises(config.ConfigError) as err:
        config.validate({"tour": {"stops": stops}})
    assert fragment in str(err.value)


def test_good_stop_takes_defaults():
    stop = config.validate({"tour": {"stops": [STOP]}})["tour"]["stops"][0]
    assert stop == {"layer": "parks", "feature": "", "zoom": None, "caption_zh": "园区", "caption_en": ""}


def test_stops_naming_no_data_are_left_out_with_a_message(layer):
    layers = CAT.with_layer(layer).layers
    stops = config.validate(
        {
            "tour": {
                "stops": [
                    STOP,
                    {"feature": "park-nowhere", "caption_zh": "x"},
                    {"feature": "P-nowhere", "caption_zh": "x"},
                    {"layer": "ghosts", "caption_zh": "x"},
                ]
            }
        }
    )["tour"]["stops"]
    resolved, problems = screen.resolve_stops(stops, layers, "zh")
    assert [s["caption"] for s in resolved] == ["园区"]
    messages = [str(p) for p in problems]
    assert "tour.stops #2" in messages[0] and "'park-nowhere' is on no layer" in messages[0]
    assert "tour.stops #3" in messages[1] and "'P-nowhere' has no location" in messages[1]
    assert "tour.stops #4" in messages[2] and "'ghosts' is not on the map" in messages[2]


def test_stop_resolves_to_bounds_or_centre_and_zoom_in_the_chosen_language():
    stops = config.validate(
        {"tour": {"stops": [{"feature": "sc-zzu-built", "zoom": 15, "caption_zh": "郑大", "caption_en": "ZZU"}]}}
    )["tour"]["stops"]
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
    stops = [
        {
            "caption": "</script><script>alert(1)</script>",
            "bounds": [[34.8, 113.5], [34.81, 113.51]],
            "zoom": None,
            "center": [34.805, 113.505],
        }
    ]
    assert "</script><script>" not in generate_leaflet_string(screen_map(stops))


def test_screen_css_hides_streamlit_chrome_and_sizes_by_viewport():
    for testid in ("stHeader", "stToolbar", "stSidebar", "stSidebarCollapsedControl", "stDecoration"):
        assert f'[data-testid="{testid}"]' in screen.PAGE_CSS.split("display: none")[0]
    assert 'iframe[title="streamlit_folium.st_folium"]' in screen.PAGE_CSS
    assert "calc(100vh - var(--strip-top) - var(--strip-bottom))" in screen.PAGE_CSS
    assert "font-size: 1.15vw" in screen.PAGE_CSS, "sizes follow the width: 1366 px shows the 1920 layout shrunk"
    css = screen.map_css(2.0).render()
    assert "calc(36px * var(--fit, 1))" in css, "caption: 18 px × scale 2, grown by the screen's width"


# --------------------------------------------------------------------------- compact legend, stop labels


def test_screen_legend_names_a_shared_word_once_and_marks_each_layers_rows():
    specs = [d.spec for d in CAT.layers.values()]
    html = screen_legend.legend_html([warmap.project_layer(CAT_ROWS, CAT.layers, "zh").spec, *specs], "zh")
    assert html.count("项目") == 1 and "正常" in html and "逾期" in html, "项目 once, then the statuses"
    assert html.count('class="lg-layer"') == len(specs) + 1
    assert 'data-layer="enterprises"' in html and "legend-title" not in html
    assert screen_legend.shared_head(["园区(示意范围)", "产业园(示意范围)"]) == ""


def test_a_feature_stop_is_about_its_layer_and_labels_what_lies_inside_it():
    focus = screen_labels.focus({"layer": "", "feature": "sc-unicom-base"}, CAT.layers, "zh")
    names = [x["text"] for x in focus["labels"]]
    assert focus["layer"] == "supercomputing"
    assert names[0].startswith("中国联通") and any("7号楼" in n for n in names) and any("11号楼" in n for n in names)
    assert not any("郑州大学" in n for n in names) and all(x["approx"] for x in focus["labels"])


def test_a_layer_stop_labels_its_features_but_not_a_layer_the_map_labels_already():
    firms = screen_labels.focus({"layer": "enterprises"}, CAT.layers, "en")["labels"]
    assert {x["text"] for x in firms} == set(CAT.layers["enterprises"].gdf["name_en"])
    assert all(x["point"] for x in firms)
    assert screen_labels.focus({"layer": "parks"}, CAT.layers, "zh") == {"layer": "parks", "labels": []}


def test_problem_notice_is_short_escaped_and_a_visitors_names_nothing():
    from dashboard.problems import Problem

    problems = [
        Problem("a.geojson", "read as GBK", severity="warning"),
        Problem("b.geojson", "<b>x</b>" + "y" * 200),
        Problem("c.geojson", "bad"),
    ]
    html = screen_notice.problems_html(problems, "en")
    assert "3 data problems" in html and "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "c.geojson" in html and "a.geojson" not in html and "and 1 more" in html, "errors first"
    assert "y" * 100 not in html and "…" in html
    public = screen_notice.public_html(["parks"], "zh")
    assert "部分数据暂时无法显示" in public and "parks" not in public
    assert screen_notice.problems_html([], "zh") == screen_notice.public_html([], "zh") == ""
