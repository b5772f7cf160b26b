"""An .xlsx ledger as offices save it, read into numbered rows of cells.

* **Which sheet:** the first *visible* sheet whose first ten rows hold the header (a hidden sheet
  placed first, a cover sheet, the 说明 sheet are passed over); the page says which it read.
* **Merged cells:** every cell of a merge holds the merge's value (Excel stores it only in the
  top-left cell, so 所属园区 merged over five rows would otherwise name the park on one).
* **Formulas:** their cached value is used (what Excel last showed). A formula saved without one
  (written by a script, never opened in Excel) is read as empty and reported by cell.
* **Protected files:** a password-protected workbook (an OLE2 container holding an
  ``EncryptedPackage``) or an old .xls renamed .xlsx gets a message that says so, not "BadZipFile".
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.ledger.cells import Cell
from dashboard.ledger.columns import HEADER_MARKS, norm_header
from dashboard.text import Text

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
NOTES_SHEETS = ("说明", "填写说明")


class WorkbookError(ValueError):
    """The file is not a workbook this reader can open; `message` says why, in both languages."""

    def __init__(self, message: Text):
        super().__init__(message.en)
        self.message = message


@dataclass
class Sheet:
    rows: list[tuple[int, list[Cell]]]  # (Excel row number, cells)
    notes: list[Text] = field(default_factory=list)
    # (Excel row number, column letter, message): cells read as empty that had a value in Excel
    cell_errors: list[tuple[int, str, Text]] = field(default_factory=list)


def refuse_containers(path: Path) -> None:
    """WorkbookError for a protected workbook or an old binary .xls (both OLE2, not zip)."""
    with path.open("rb") as f:
        head = f.read(8)
        if head != OLE2_MAGIC:
            return
        body = f.read(4 * 1024 * 1024)
    if ENCRYPTED in body:
        raise WorkbookError(
            Text(
                "工作簿设有打开密码(已加密),无法读取;请在 Excel 中取消密码(文件→信息→保护工作簿)后另存",
                "the workbook is password-protected (encrypted) and cannot be read; remove the password in Excel "
                "(File → Info → Protect Workbook) and save it again",
            )
        )
    raise WorkbookError(
        Text(
            "这是旧版 Excel 97-2003(.xls)文件;请在 Excel 中另存为 .xlsx",
            "this is an old Excel 97-2003 (.xls) file; save it as .xlsx in Excel",
        )
    )


def _has_header(ws) -> bool:
    for row in ws.iter_rows(min_row=1, max_row=10, values_only=True):
        if {norm_header(v) for v in row} & set(HEADER_MARKS):
            return True
    return False


def _pick_sheet(wb) -> tuple[Any, list[Text]]:
    """The ledger sheet and a note naming it (and what was passed over)."""
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    candidates = visible or list(wb.worksheets)
    chosen = next((ws for ws in candidates if _has_header(ws)), candidates[0])
    others = [ws.title for ws in wb.worksheets if ws is not chosen and ws.title not in NOTES_SHEETS]
    if not others:
        return chosen, []
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"]
    note = Text(
        "读取工作表“{s}”(第一个含表头的可见工作表),忽略:{o}",
        "read sheet “{s}” (the first visible sheet with the header); ignored: {o}",
    ).format(s=chosen.title, o="、".join(others))
    if hidden:
        note = note + Text(";隐藏的工作表:{h}", "; hidden sheets: {h}").format(h="、".join(hidden))
    return chosen, [note]


def _merged_values(ws) -> dict[tuple[int, int], object]:
    """(row, column) → the merge's value, for every cell of every merged range."""
    out: dict[tuple[int, int], object] = {}
    for rng in ws.merged_cells.ranges:
        value = ws.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                out[(r, c)] = value
    return out


def _has_formulas(path: Path) -> bool:
    """Whether any sheet stores a formula (<f> element): only then is the file read a second time."""
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return any(b"<f>" in (data := z.read(n)) or b"<f " in data for n in sheets)


def _uncached_formulas(path: Path, title: str, rows) -> list[tuple[int, str, Text]]:
    """Cells that hold a formula but no cached value (read as empty)."""
    from openpyxl import load_workbook

    empty = {(n, i) for n, cells in rows for i, c in enumerate(cells) if c.value is None}
    if not empty or not _has_formulas(path):
        return []
    wb = load_workbook(path, data_only=False)
    try:
        out = []
        for cell in (c for row in wb[title].iter_rows(min_row=1) for c in row):
            v = cell.value
            if (cell.row, cell.column - 1) in empty and isinstance(v, str) and v.startswith("="):
                message = Text(
                    "单元格 {c} 的公式没有保存计算结果,按空值读取;请在 Excel 中打开并保存一次",
                    "cell {c} holds a formula with no saved result, read as empty; open and save the file in Excel once",
                ).format(c=cell.coordinate)
                out.append((cell.row, cell.column_letter, message))
        return out
    finally:
        wb.close()


def read_sheet(path: Path) -> Sheet:
    """The ledger sheet of the workbook at `path`. WorkbookError when it cannot be opened."""
    from openpyxl import load_workbook

    refuse_containers(path)
    # normal (not read-only) mode: iter_rows() covers every row from 1, so the index is Excel's row
    wb = load_workbook(path, data_only=True)
    try:
        ws, notes = _pick_sheet(wb)
        merged = _merged_values(ws)
        rows = [(i, [_cell(c, merged) for c in row]) for i, row in enumerate(ws.iter_rows(min_row=1), start=1)]
        title = ws.title
    finally:
        wb.close()
    return Sheet(rows, notes, _uncached_formulas(path, title, rows))


def _cell(c, merged: dict) -> Cell:
    v = merged.get((c.row, c.column), c.value) if merged else c.value
    is_number = isinstance(v, (int, float)) and not isinstance(v, bool)
    return Cell(v, is_number and "%" in (c.number_format or ""))
