"""dashboard/meeting/returns.py: the ledger back to its owners. The marked workbook opens in openpyxl
with each problem's comment on the cell it names, at the row number the page names, and a 问题说明
column; the 督办清单 has one sheet per 责任单位 with its overdue and at-risk items, names fit Excel."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from dashboard import ledger
from dashboard.ledger import LEDGER_COLUMNS
from dashboard.meeting import returns
from tests.helpers import row, write_csv

DAY = dt.date(2026, 11, 26)
PLACED = {"经度": "113.50", "纬度": "34.80"}


def col(header: str) -> int:
    return LEDGER_COLUMNS.index(header) + 1


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture
def marked(tmp_path: Path):
    rows = [
        row(项目编号="P-1", 完成时限="2027-06-30", **PLACED),
        row(项目编号="P-2", **{"当前进度(%)": "abc"}, **PLACED),  # refused: not a number
        row(项目编号="P-3", 状态="已完成", **PLACED),  # doubtful: typed 已完成, computed 正常
        row(项目编号="P-4", 项目名称='=HYPERLINK("http://x")', **PLACED),
    ]
    led = ledger.load_ledger(write_csv(tmp_path / "projects.csv", rows), today=DAY)
    return led, book(returns.marked_ledger(led, "zh")).active


def test_a_refused_cell_is_red_with_its_reason_as_a_comment(marked):
    led, ws = marked
    cell = ws.cell(3, col("当前进度(%)"))  # row 3 of the file, as the page names it
    assert cell.value == "abc"
    assert cell.fill.fgColor.rgb.endswith(returns.REFUSED.fgColor.rgb[-6:])
    assert cell.comment is not None and "不是数字" in cell.comment.text and "abc" in cell.comment.text
    assert [p.row for p in led.errors] == [3]


def test_a_doubtful_cell_is_amber_with_its_reason_and_clean_cells_carry_nothing(marked):
    _, ws = marked
    typed = ws.cell(4, col("状态"))
    assert typed.value == "已完成" and typed.comment is not None and "不一致" in typed.comment.text
    assert typed.fill.fgColor.rgb.endswith(returns.DOUBTFUL.fgColor.rgb[-6:])
    commented = {c.coordinate for r in ws.iter_rows() for c in r if c.comment}
    problems_col = ws.cell(1, len(LEDGER_COLUMNS) + 1).column_letter
    assert commented - {f"{problems_col}1"} == {ws.cell(3, col("当前进度(%)")).coordinate, typed.coordinate}


def test_each_row_with_a_problem_says_it_in_the_problems_column(marked):
    _, ws = marked
    last = len(LEDGER_COLUMNS) + 1
    assert ws.cell(1, last).value == "问题说明"
    assert ws.cell(2, last).value is None, "P-1 has no problem"
    assert "[当前进度(%)]" in ws.cell(3, last).value and "不是数字" in ws.cell(3, last).value
    assert "[状态]" in ws.cell(4, last).value


def test_the_returned_file_keeps_every_row_and_a_formula_stays_text(marked):
    _, ws = marked
    assert [ws.cell(r, 1).value for r in range(1, 6)] == ["项目编号", "P-1", "P-2", "P-3", "P-4"]
    assert ws.cell(5, col("项目名称")).value == '\'=HYPERLINK("http://x")'
    assert ws.cell(5, col("项目名称")).data_type == "s"


def test_the_comments_are_in_english_for_an_english_page(tmp_path):
    path = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1", **{"当前进度(%)": "abc"}, **PLACED)])
    ws = book(returns.marked_ledger(ledger.load_ledger(path, today=DAY), "en")).active
    assert "not a number" in ws.cell(2, col("当前进度(%)")).comment.text
    assert ws.cell(1, len(LEDGER_COLUMNS) + 1).value.startswith("问题说明")


def test_an_xlsx_ledger_is_returned_at_its_own_row_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["重点项目台账"])  # a title line above the header: row numbers shift by one
    ws.append(LEDGER_COLUMNS)
    ws.append(row(项目编号="P-1", 完成时限="明年", **PLACED))
    path = tmp_path / "projects.xlsx"
    wb.save(path)
    led = ledger.load_ledger(path, today=DAY)
    out = book(returns.marked_ledger(led, "zh")).active
    assert [p.row for p in led.errors] == [3]
    assert out.cell(3, col("完成时限")).value == "明年" and out.cell(3, col("完成时限")).comment is not None


def supervision(tmp_path: Path, *rows) -> openpyxl.Workbook:
    led = ledger.load_ledger(write_csv(tmp_path / "projects.csv", list(rows)), today=DAY)
    return book(returns.supervision_list(led.rows, led.as_of, "zh"))


def test_supervision_list_has_one_sheet_per_unit_with_its_overdue_and_at_risk_items(tmp_path):
    wb = supervision(
        tmp_path,
        row(项目编号="P-1", 责任单位="区建设局", 完成时限="2026-01-01"),
        row(项目编号="P-2", 责任单位="区建设局", 完成时限="2020-01-01"),
        row(项目编号="P-3", 责任单位="区建设局", 完成时限="2099-12-31"),  # on track: not listed
        row(项目编号="P-4", 责任单位="区财政金融局", 完成时限="2026-12-10", **{"当前进度(%)": "10"}),  # at risk
    )
    assert wb.sheetnames == ["区建设局", "区财政金融局"]
    ws = wb["区建设局"]
    assert "督办清单" in ws.cell(1, 1).value and "2026-11-26" in ws.cell(1, 1).value
    header = [c.value for c in ws[2]]
    ids = [r[0] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert ids == ["P-2", "P-1"], "the longest overdue first"
    late = [r[header.index("逾期天数")] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert late == [2521, 329]
    status = [r[header.index("状态")] for r in wb["区财政金融局"].iter_rows(min_row=3, values_only=True)]
    assert status == ["滞后"]


def test_supervision_list_without_items_says_so(tmp_path):
    wb = supervision(tmp_path, row(项目编号="P-1", 完成时限="2099-12-31"))
    assert wb.sheetnames == ["无逾期或滞后事项"]


@pytest.mark.parametrize(
    "name, taken, want",
    [
        ("区建设局", set(), "区建设局"),
        ("a/b:c*d?e[f]g\\h", set(), "a_b_c_d_e_f_g_h"),  # Excel refuses []:*?/\
        ("'引号'", set(), "引号"),  # nor may a name begin or end with an apostrophe
        ("History", set(), "History_"),  # reserved
        ("", set(), "_"),
        ("x" * 40, set(), "x" * 31),
        ("区建设局", {"区建设局"}, "区建设局(2)"),
        ("y" * 40, {"y" * 31}, "y" * 28 + "(2)"),  # the suffix fits within 31
        ("ABC", {"abc"}, "ABC(2)"),  # Excel compares names ignoring case
    ],
)
def test_sheet_names_follow_excels_rules(name, taken, want):
    got = returns.sheet_name(name, set(taken))
    assert got == want and len(got) <= 31


def test_supervision_sheet_names_are_made_valid_and_kept_apart(tmp_path):
    long_unit = "区城市管理局/区住房和城乡建设局(联合专班)重点项目推进组第一小组"
    wb = supervision(
        tmp_path,
        row(项目编号="P-1", 责任单位=long_unit, 完成时限="2020-01-01"),
        row(项目编号="P-2", 责任单位=long_unit + "二", 完成时限="2020-01-01"),
    )
    assert len(wb.sheetnames) == 2 and len(set(wb.sheetnames)) == 2
    assert all(len(n) <= 31 and "/" not in n for n in wb.sheetnames)
    assert long_unit in wb.worksheets[0].cell(1, 1).value, "the title keeps the unit's full name"
