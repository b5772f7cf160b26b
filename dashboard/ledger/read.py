"""Reading a ledger file into numbered rows of cells, and finding its header and its as-of date.

* ``.xlsx``: the first visible sheet holding the header (workbook.py: merged cells, cached
  formula values, protected files). Real Excel date cells, cells formatted as a percentage
  (0.6 shown as 60 % → 60) and numbers stored as text are all accepted.
* ``.csv``: the encoding is detected (dashboard/decode.py: UTF-16 BOM, UTF-8 with or without BOM,
  GBK/GB18030 …); delimiter: comma, or tab / semicolon when the first line uses those instead.
* Row numbers are the ones Excel shows; fully empty rows are skipped.
* The header row is the first of the first ten rows naming 项目编号 or 项目名称, so a title line
  above it is fine.
* As of (状态基准日): a live ledger's statuses are computed for today. A historical ledger declares
  its date on a line ABOVE the header: first cell 状态基准日, 基准日期 or ``as of``, next cell the
  day (``2019-03-19``, ``2019年3月19日`` or a date cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from dashboard.decode import decode
from dashboard.ledger.cells import Cell, nfkc, text
from dashboard.ledger.columns import HEADER_MARKS, norm_header
from dashboard.ledger.deadlines import parse_day

Table = list[tuple[int, list[Cell]]]  # (Excel row number, cells)
XLSX, CSV = ("xlsx", "xlsm"), ("csv", "txt", "tsv")
AS_OF_WORDS = ("状态基准日", "基准日期", "asof")


def read_csv(path: Path) -> tuple[Table, str]:
    """Every record of the file, and the encoding it was read in."""
    content, encoding = decode(path.read_bytes())
    # the delimiter the header uses most: the first lines (a title, an as-of line) may hold few
    lines = [ln for ln in content.splitlines()[:12] if ln.strip()] or [""]
    delim = max([",", "\t", ";"], key=lambda d: max(ln.count(d) for ln in lines))
    if max(ln.count(delim) for ln in lines) == 0:
        delim = ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delim)
    return [(i, [Cell(v) for v in rec]) for i, rec in enumerate(reader, start=1)], encoding


def non_empty(table: Table) -> Table:
    return [(n, cells) for n, cells in table if any(text(c.value) for c in cells)]


def header_index(table: Table) -> int:
    """Index of the header row among the first ten rows (0 when none names a marking column)."""
    for i, (_, cells) in enumerate(table[:10]):
        if {norm_header(c.value) for c in cells} & set(HEADER_MARKS):
            return i
    return 0


def find_as_of(above_header: Table) -> tuple[int, dt.date | None] | None:
    """(row number, declared day or None when unreadable) of an as-of line, None when there is none."""
    for row_no, cells in above_header:
        values = [c.value for c in cells if text(c.value)]
        if values and nfkc(values[0]).replace(" ", "").rstrip(":").lower() in AS_OF_WORDS:
            try:
                return row_no, parse_day(values[1]) if len(values) > 1 else None
            except ValueError:
                return row_no, None
    return None
