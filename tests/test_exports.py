"""Exports opened in Excel: a ledger cell that begins with = + - @, a tab or a carriage return is
text in the CSV and the XLSX, never a formula (OWASP CSV injection); other cells are unchanged."""

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import exports, layerdata, ledger, warmap
from tests.helpers import row, write_csv

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)"]


@pytest.fixture
def table(tmp_path):
    rows = [row(**{"项目编号": f"P-{i}", "项目名称": v, "下一节点": "正常文字"}) for i, v in enumerate(HOSTILE)]
    result = ledger.load_ledger(write_csv(tmp_path / "projects.csv", rows))
    assert sorted(result.rows["name"]) == sorted(HOSTILE), result.errors
    return warmap.table(result.rows, "zh")


def test_csv_export_writes_formula_leading_cells_as_text(table):
    text = exports.csv_bytes(table).decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    names = [r["项目名称"] for r in records]
    assert sorted(names) == sorted("'" + v for v in HOSTILE)
    assert {r["下一节点"] for r in records} == {"正常文字"}, "ordinary text is left alone"


def test_xlsx_export_holds_text_cells_not_formulas(table):
    ws = load_workbook(io.BytesIO(exports.xlsx_bytes(table))).active
    header = [c.value for c in ws[1]]
    col = header.index("项目名称") + 1
    cells = [ws.cell(r, col) for r in range(2, ws.max_row + 1)]
    assert all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    assert sorted(c.value for c in cells) == sorted("'" + v for v in HOSTILE)


def test_tab_and_carriage_return_leading_cells_are_neutralised_too():
    assert [exports.neutralise(v) for v in ("\t=1", "\r=1")] == ["'\t=1", "'\r=1"]


def test_numbers_stay_numbers():
    assert exports.neutralise(-3) == -3 and exports.neutralise("3-4") == "3-4"


def test_control_characters_from_a_csv_ledger_do_not_break_the_xlsx_export():
    frame = pd.DataFrame({"项目名称": ["甲\x1f乙", "=\x07x"]})
    ws = load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    assert [ws["A2"].value, ws["A3"].value] == ["甲乙", "'=x"]


# --------------------------------------------------------------------------- back into GIS (issue 13)


@pytest.fixture(scope="module")
def sample():
    """The sample ledger's projects export (zh and en) and the projects layer the map draws."""
    import datetime as dt

    from dashboard import catalog, config

    cfg = config.load(config.DEFAULT_PATH)
    cat = catalog.load_catalog(cfg)
    fids = tuple(sorted(warmap.map_feature_ids(cat.layers)))
    bbox = tuple(cfg["data"]["bbox"])
    led = ledger.load_ledger(warmap.ledger_file(cfg), today=dt.date(2026, 11, 25), feature_ids=fids, bbox=bbox)
    layer = warmap.project_layer(led.rows, cat.layers)
    drawn = warmap.drawn_at(layer)
    return {lang: warmap.export_table(led.rows, drawn, lang) for lang in ("zh", "en")}, layer, led.rows


def _csv_back(data: bytes, lon: str, lat: str) -> pd.DataFrame:
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for col in (lon, lat):
        back[col] = pd.to_numeric(back[col].replace("", None))
    return back


def test_the_projects_export_keeps_coordinates_source_and_problems(sample):
    exports_by_lang, layer, rows = sample
    zh = exports_by_lang["zh"]
    assert {"经度", "纬度", "来源", "存在问题"} <= set(zh.columns)
    assert {"lon", "lat", "Source", "Open problems"} <= set(exports_by_lang["en"].columns)
    assert list(zh["存在问题"]) == list(rows["problems"]) and any(zh["存在问题"])
    assert list(zh["来源"]) == list(rows["source"]) and all(zh["来源"])
    located = zh[zh["经度"].notna()]
    assert len(located) == layerdata.count(layer) > 0, "every project on the map has its coordinates"


def test_the_csv_export_reads_back_as_the_same_rows(sample):
    for lang, (lon, lat) in (("zh", ("经度", "纬度")), ("en", ("lon", "lat"))):
        frame = sample[0][lang]
        back = _csv_back(exports.csv_bytes(frame), lon, lat)
        pd.testing.assert_frame_equal(back, frame, check_dtype=False)


def test_the_xlsx_export_reads_back_as_the_same_rows(sample):
    frame = sample[0]["zh"]
    ws = load_workbook(io.BytesIO(exports.xlsx_bytes(frame))).active
    values = list(ws.values)
    assert list(values[0]) == list(frame.columns)
    assert [list(r) for r in values[1:]] == _cells(frame), "an empty cell reads back as empty"


def _cells(frame: pd.DataFrame) -> list[list]:
    """The frame's rows as a worksheet holds them: an empty text or a missing number is no value."""
    return [[None if v == "" or pd.isna(v) else v for v in r] for r in frame.itertuples(index=False)]


def test_a_gis_reads_the_csv_export_as_points_where_the_map_draws_the_projects(sample, tmp_path):
    import geopandas as gpd

    frames, layer, _rows = sample
    path = tmp_path / "projects_filtered.csv"
    path.write_bytes(exports.csv_bytes(frames["zh"]))
    points = gpd.read_file(path, X_POSSIBLE_NAMES="经度", Y_POSSIBLE_NAMES="纬度", KEEP_GEOM_COLUMNS="NO")
    drawn = {fid: g for fid, g in zip(layer.gdf["id"], layer.gdf.geometry, strict=True) if g is not None}
    got = {fid: g for fid, g in zip(points["项目编号"], points.geometry, strict=True) if g is not None}
    assert got.keys() == drawn.keys() and got
    assert all(got[fid].distance(drawn[fid]) < 1e-6 for fid in got), "within 0.1 m of the map's point"
    assert list(points["项目名称"]) == list(frames["zh"]["项目名称"]), "the same rows, in the same order"
