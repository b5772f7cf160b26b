"""Exports opened in Excel: a ledger cell that begins with = + - @, a tab or a carriage return is
text in the CSV and the XLSX, never a formula (OWASP CSV injection); other cells are unchanged."""

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import exports, ledger, warmap
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
