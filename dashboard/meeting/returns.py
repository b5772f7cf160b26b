"""The ledger goes back to its owners, as .xlsx workbooks (no streamlit here):

- `marked_ledger`: the ledger file as it is, every row at the row number the page's problems name,
  each refused or doubtful cell (the read's errors and notes with a row and a field) filled and
  given a comment with the reason, and a 问题说明 column at the end of each row with a problem, so
  each 责任单位 fixes the data at source.
- `supervision_list` (督办清单): one sheet per 责任单位 with its overdue and at-risk items, for
  supervision letters. Sheet names follow Excel's rules (≤ 31 characters, none of []:*?/\\, unique).

Every text cell is neutralised like dashboard/exports.py (a cell typed as =HYPERLINK(...) stays text).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from dashboard import ledger
from dashboard.exports import _printable, neutralise
from dashboard.ledger import read, workbook
from dashboard.ledger.cells import nfkc
from dashboard.ledger.validate import Report, header_positions
from dashboard.meeting.charts import days_overdue
from dashboard.problems import Problem
from dashboard.strings import t
from dashboard.warmap import status_text

AUTHOR = "郑州高新区资产一张图"
REFUSED = PatternFill("solid", fgColor="FFC7CE")  # Excel's "bad" red: the row was left out for it
DOUBTFUL = PatternFill("solid", fgColor="FFEB9C")  # Excel's "neutral" amber: shown, but look at it
SHEET_MAX, SHEET_BAD = 31, re.compile(r"[\[\]:*?/\\]")
SUPERVISED = (ledger.OVERDUE, ledger.AT_RISK)


class Unreadable(ValueError):
    """The ledger file cannot be read as a table (the page says why)."""


def _cell_value(value):
    return neutralise(_printable(value))


def raw_table(path: Path) -> read.Table:
    """The ledger file's rows as read (Excel row numbers, cells), like dashboard/ledger reads them."""
    kind = path.suffix.lower().lstrip(".")
    try:
        if kind in read.XLSX:
            return workbook.read_sheet(path).rows
        if kind in read.CSV:
            return read.read_csv(path)[0]
    except Exception as exc:  # a workbook error, a bad encoding …: the page shows the reason
        raise Unreadable(f"{path.name}: {type(exc).__name__}: {exc}") from exc
    raise Unreadable(path.name)


def _columns(table: read.Table) -> tuple[int | None, dict[str, int]]:
    """(header row number, column header → 0-based position) of the file's header."""
    rows = read.non_empty(table)
    if not rows:
        return None, {}
    row_no, cells = rows[read.header_index(rows)]
    pos = header_positions(row_no, cells, Report("")) or {}
    found = {nfkc(c.value): i for i, c in enumerate(cells) if nfkc(c.value)}
    return row_no, found | pos


def _position(field: str | None, cells, columns: dict[str, int]) -> int | None:
    """The cell a problem is about: its column, else a cell of its row naming the field (状态基准日)."""
    if not field:
        return None
    if field in columns:
        return columns[field]
    return next((i for i, c in enumerate(cells) if nfkc(c.value) == field), None)


def _by_row(problems: Iterable[Problem]) -> dict[int | None, list[Problem]]:
    rows: dict[int | None, list[Problem]] = defaultdict(list)
    for p in problems:
        rows[p.row].append(p)
    return rows


def _say(p: Problem, lang: str) -> str:
    field = f"[{p.field}] " if p.field else ""
    return field + p.text.get(lang)


def marked_ledger(led: ledger.LedgerResult, lang: str = "zh") -> bytes:
    """The ledger file `led` was read from, its problems marked (see the module's header)."""
    if led.path is None:
        raise Unreadable("-")
    table = raw_table(led.path)
    header_row, columns = _columns(table)
    width = max((len(cells) for _, cells in table), default=0)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "台账"
    problems = _by_row([*led.errors, *led.notes])
    for row_no, cells in table:
        for i, cell in enumerate(cells):
            if cell.value is not None and cell.value != "":
                ws.cell(row_no, i + 1, _cell_value(cell.value))
        _mark_row(ws, row_no, cells, columns, problems.get(row_no, []), width + 1, lang)
    if header_row is not None:
        head = ws.cell(header_row, width + 1, t("returns_problems_col", lang))
        head.font = Font(bold=True)
        if problems.get(None):  # about the whole file (its encoding, a stale copy beside it)
            head.comment = Comment("\n".join(_say(p, lang) for p in problems[None]), AUTHOR, 200, 360)
    ws.column_dimensions[ws.cell(1, width + 1).column_letter].width = 60
    return _bytes(wb)


def _mark_row(ws: Worksheet, row_no: int, cells, columns, found: list[Problem], col: int, lang: str) -> None:
    """Fill and comment each cell with a problem; the row's reasons in its 问题说明 cell."""
    if not found:
        return
    by_cell: dict[int, list[Problem]] = defaultdict(list)
    for p in found:
        at = _position(p.field, cells, columns)
        if at is not None:
            by_cell[at].append(p)
    for at, ps in by_cell.items():
        cell = ws.cell(row_no, at + 1)
        cell.fill = REFUSED if any(p.severity == "error" for p in ps) else DOUBTFUL
        cell.comment = Comment("\n".join(p.text.get(lang) for p in ps), AUTHOR, 120, 320)
    note = ws.cell(row_no, col, _cell_value("; ".join(_say(p, lang) for p in found)))
    note.alignment = Alignment(wrap_text=True, vertical="top")
    note.fill = REFUSED if any(p.severity == "error" for p in found) else DOUBTFUL


# --------------------------------------------------------------------------- 督办清单


def sheet_name(name: str, taken: set[str]) -> str:
    """`name` as a valid worksheet name, not yet in `taken` (compared as Excel does, ignoring case)."""
    base = SHEET_BAD.sub("_", name).strip().strip("'") or "_"
    if base.lower() == "history":  # reserved by Excel
        base += "_"
    candidate, n = base[:SHEET_MAX], 1
    while candidate.lower() in taken:
        n += 1
        suffix = f"({n})"
        candidate = base[: SHEET_MAX - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def supervision_rows(rows: pd.DataFrame, as_of: dt.date, lang: str) -> pd.DataFrame:
    """The overdue and at-risk items, the most overdue first, with the columns a letter quotes."""
    items = rows[rows["status"].isin(SUPERVISED)]
    late = days_overdue(items, as_of).reindex(items.index)
    out = pd.DataFrame(
        {
            "unit": items["unit"],
            t("col_id", lang): items["id"],
            t("col_name", lang): items["name"],
            t("col_park", lang): items["park"],
            t("col_post", lang): items["post"],
            t("col_deadline_text", lang): items["deadline_text"],
            t("col_progress", lang): items["progress"],
            t("col_status", lang): [status_text(s, lang) for s in items["status"]],
            t("returns_days_overdue", lang): late.astype("Int64"),
            t("col_next_step", lang): items["next_step"],
            t("col_problems", lang): items["problems"],
        }
    )
    return out.assign(_late=late.fillna(-1)).sort_values(["_late"], ascending=False).drop(columns="_late")


def supervision_list(rows: pd.DataFrame, as_of: dt.date, lang: str = "zh") -> bytes:
    """督办清单: one sheet per 责任单位 (the units in name order), each with its items."""
    items = supervision_rows(rows, as_of, lang)
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    taken: set[str] = set()
    units = sorted(set(items["unit"]))
    for unit in units:
        shown = unit.strip() or t("returns_no_unit", lang)
        ws = wb.create_sheet(sheet_name(shown, taken))
        title = t("returns_sheet_title", lang, unit=shown, date=as_of.isoformat())
        _write(ws, title, items[items["unit"] == unit].drop(columns="unit"))
    if not units:
        ws = wb.create_sheet(sheet_name(t("returns_no_items", lang), taken))
        ws.cell(1, 1, t("returns_no_items", lang))
    return _bytes(wb)


def _write(ws: Worksheet, title: str, frame: pd.DataFrame) -> None:
    """A title line, then the header (bold) and the rows."""
    ws.cell(1, 1, _cell_value(title)).font = Font(bold=True, size=13)
    for j, name in enumerate(frame.columns, start=1):
        ws.cell(2, j, _cell_value(name)).font = Font(bold=True)
        ws.column_dimensions[ws.cell(2, j).column_letter].width = 18
    for i, values in enumerate(frame.itertuples(index=False), start=3):
        for j, value in enumerate(values, start=1):
            if value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA:
                ws.cell(i, j, _cell_value(value))


def _bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
