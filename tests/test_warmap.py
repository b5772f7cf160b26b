"""The war map without streamlit: ledger → projects layer, KPI strip, table filters, project panel."""

import datetime as dt

import pytest
import shapely

from dashboard import catalog, config, ledger, mapview, selection, warmap
from dashboard.ledger import DONE, OK, OVERDUE
from layers.projects import status_color
from tests.helpers import row, write_csv

TODAY = dt.date(2026, 11, 25)
CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)

# one row per status and per way of being located
ROWS = [
    row(
        项目编号="P-late",
        项目名称="逾期项目",
        完成时限="2026-06-30",
        经度="113.50",
        纬度="34.80",
        责任单位="区建设局",
        用地阶段="征",
    ),
    row(
        项目编号="P-risk",
        项目名称="滞后项目",
        完成时限="2026-12-10",
        **{"当前进度(%)": "20"},
        所属园区="双桥园区",
        经度="113.52",
        纬度="34.81",
    ),
    row(项目编号="P-done", 项目名称="已完成项目", 完成时限="2025-01-01", **{"当前进度(%)": "100"}),
    row(项目编号="park-gouzhao", 项目名称="按要素定位的项目", 完成时限="2027-06-30"),  # id of a park
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
    kinds = dict(zip(layer.gdf["id"], layer.gdf["kind"], strict=False))
    assert kinds == {
        "P-late": "overdue",
        "P-risk": "at_risk",
        "P-done": "done",
        "park-gouzhao": "ok",
        "P-nowhere": "no_deadline",
    }
    fills = {k: s.fill_color for k, s in layer.spec.styles.items()}
    assert fills == {
        "ok": "#2e7d32",
        "at_risk": "#f59e0b",
        "overdue": "#c62828",
        "done": "#9e9e9e",
        "no_deadline": "#0097a7",
    }
    assert set(fills) == set(ledger.STATUSES), "the layer's kinds are the ledger's status codes"
    assert fills == {s: status_color(s) for s in ledger.STATUSES}


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
    assert selection.from_click(
        {"last_active_drawing": {"properties": {"layer": "projects", "id": "P-late"}}}
    ) == selection.Selection("projects", "P-late")
    group = mapview.selection_group(cat.layers["projects"], "P-nowhere")
    assert not group._children, "nothing to highlight for a project without location"


# --------------------------------------------------------------------------- KPI strip, table, panel


def test_kpi_strip_counts_projects_by_status_and_location(led):
    html = warmap.kpi_html(led.rows, TODAY, "zh", "projects.csv")
    counts = {
        w: html.split(f'<span class="kpi-l">{w}</span>')[0].rsplit('<span class="kpi-n">', 1)[1]
        for w in ("正常", "滞后", "逾期", "时限待定", "已完成")
    }
    assert set(counts.values()) == {"1</span>"}
    assert "上图 3 · 仅表格 2" in html and "状态按 2026-11-25 计算" in html


def test_targets_are_the_articles_beside_what_the_data_knows(led):
    html = warmap.targets_html(led.rows, CAT.programme, "zh")
    for target in ("20家", "300家", "预计2022年建设完成", "2025年建成"):
        assert target in html
    assert html.count("待核实") == 4, "the data knows none of them: never a number the source lacks"


def test_target_known_shows_a_reported_progress_from_the_ledger(tmp_path):
    path = write_csv(tmp_path / "p.csv", [row(项目编号="park-tianjianhu", **{"当前进度(%)": "60"})])
    html = warmap.targets_html(ledger.load_ledger(path, today=TODAY).rows, CAT.programme, "zh")
    assert "台账进度 60%" in html and html.count("待核实") == 3


@pytest.mark.parametrize(
    "filters, ids",
    [
        ({}, {"P-late", "P-risk", "P-done", "park-gouzhao", "P-nowhere"}),  # no filter: all
        ({"status": [OVERDUE]}, {"P-late"}),
        ({"park": ["双桥园区"]}, {"P-risk"}),
        ({"unit": ["区建设局"], "status": [OK]}, set()),  # filters combine (AND)
        ({"status": [OVERDUE, DONE]}, {"P-late", "P-done"}),  # choices combine (OR)
    ],
)
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


def test_project_panel_notes_a_typed_status_only_when_it_differs(tmp_path):
    path = write_csv(
        tmp_path / "p.csv",
        [row(项目编号="A", 完成时限="2030-01-01", 状态="正常"), row(项目编号="B", 完成时限="2030-01-01", 状态="逾期")],
    )
    lay = warmap.project_layer(ledger.load_ledger(path, today=TODAY).rows, CAT.layers)
    agree, differ = (warmap.project_panel(by_id(lay, i).to_dict() | {"id": i}, "zh") for i in ("A", "B"))
    assert "填报状态" not in agree, "typed 正常 is the computed ok: nothing to note"
    assert "填报状态" in differ and "“逾期”(仅作显示" in differ
    assert "30 天内到期且进度&lt;80%" in agree, "the rule under the project, from the constants (escaped)"
