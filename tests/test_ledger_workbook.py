"""Excel ledgers as offices save them: the visible sheet holding the header is read (and named),
merged cells give their value to every row, a formula without a saved result is reported by
cell, a date typed 2300 for 2030 is refused with a message, a protected workbook is named so."""

import datetime as dt

from openpyxl import Workbook

from dashboard.ledger import LEDGER_COLUMNS, load_ledger
from dashboard.ledger.workbook import ENCRYPTED, OLE2_MAGIC
from tests.helpers import row


def book(*rows, title="台账"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(list(LEDGER_COLUMNS))
    for r in rows:
        ws.append(r)
    return wb, ws


def test_a_hidden_sheet_placed_first_is_passed_over_for_the_visible_ledger(tmp_path):
    wb, ws = book(row(项目编号="REAL"))
    hidden = wb.create_sheet("旧数据", 0)
    hidden.append(list(LEDGER_COLUMNS))
    hidden.append(row(项目编号="OLD"))
    hidden.sheet_state = "hidden"
    wb.active = 1
    wb.save(tmp_path / "p.xlsx")
    res = load_ledger(tmp_path / "p.xlsx")
    assert list(res.rows["id"]) == ["REAL"]
    assert any("read sheet “台账”" in n.render("en") and "hidden sheets: 旧数据" in n.render("en") for n in res.notes)


def test_a_cover_sheet_without_the_header_is_passed_over(tmp_path):
    wb, _ = book(row(项目编号="REAL"))
    cover = wb.create_sheet("封面", 0)
    cover["A1"] = "2026年重点项目"
    wb.save(tmp_path / "p.xlsx")
    assert list(load_ledger(tmp_path / "p.xlsx").rows["id"]) == ["REAL"]


def test_merged_cells_give_their_value_to_every_row_of_the_merge(tmp_path):
    wb, ws = book(*(row(项目编号=f"P-{i}", 所属园区="沟赵园区" if i == 0 else "") for i in range(3)))
    col = LEDGER_COLUMNS.index("所属园区") + 1
    ws.merge_cells(start_row=2, start_column=col, end_row=4, end_column=col)
    wb.save(tmp_path / "p.xlsx")
    res = load_ledger(tmp_path / "p.xlsx")
    assert list(res.rows["park"]) == ["沟赵园区"] * 3


def test_a_formula_without_a_saved_result_is_reported_by_cell(tmp_path):
    wb, ws = book(row(项目编号="P-1"), row(项目编号="P-2"))
    col = LEDGER_COLUMNS.index("当前进度(%)") + 1
    ws.cell(3, col).value = "=40+20"  # openpyxl saves formulas without a cached value, as scripts do
    wb.save(tmp_path / "p.xlsx")
    res = load_ledger(tmp_path / "p.xlsx")
    cell = ws.cell(3, col).coordinate
    (err,) = [e for e in res.errors if e.row == 3]
    assert f"cell {cell} holds a formula with no saved result, read as empty" in err.render("en")
    assert "公式没有保存计算结果" in err.render("zh")


def test_a_date_in_2300_is_refused_with_a_message_and_the_page_keeps_the_others(tmp_path):
    wb, _ = book(row(项目编号="BAD", 完成时限=dt.datetime(2300, 6, 30)), row(项目编号="OK"))
    wb.save(tmp_path / "p.xlsx")
    res = load_ledger(tmp_path / "p.xlsx")
    assert list(res.rows["id"]) == ["OK"]
    (err,) = res.errors
    assert err.row == 2 and "outside 1990–2100, likely a typo" in err.render("en")


def test_a_password_protected_workbook_is_named_so(tmp_path):
    path = tmp_path / "projects.xlsx"
    path.write_bytes(OLE2_MAGIC + b"\0" * 504 + ENCRYPTED + b"\0" * 100)
    (err,) = load_ledger(path).errors
    assert "password-protected" in err.render("en") and "BadZipFile" not in err.render("en")
    assert "设有打开密码" in err.render("zh")


def test_an_old_xls_renamed_xlsx_is_named_so(tmp_path):
    path = tmp_path / "projects.xlsx"
    path.write_bytes(OLE2_MAGIC + b"\0" * 600)
    (err,) = load_ledger(path).errors
    assert "old Excel 97-2003 (.xls) file; save it as .xlsx" in err.render("en")
