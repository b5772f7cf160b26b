"""Project ledger (工作台账) behind the weekly war map (作战图).

The offices keep one spreadsheet, one row per project. This package reads it (read.py), checks
every row (validate.py against the column table in columns.py), computes each project's status
(status.py, from 完成时限 parsed in deadlines.py) for the ledger's as-of date, and hands back a tidy
DataFrame plus the problems the page shows beside it. No streamlit here: pure functions of inputs.

Which file: ``find_ledger`` looks for ``projects.xlsx`` and ``projects.csv`` (Excel lock files
``~$…`` are ignored). If both exist, **the one modified last wins** — the one somebody just saved —
and on a tie the ``.xlsx``; ``load_ledger`` then adds a note naming the other file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.decode import Undecodable
from dashboard.ledger import read, workbook
from dashboard.ledger.cells import nfkc
from dashboard.ledger.columns import LAND_STAGES, LEDGER_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS, ROW_COLUMNS
from dashboard.ledger.deadlines import parse_deadline
from dashboard.ledger.status import (
    AT_RISK,
    DONE,
    NO_DEADLINE,
    OK,
    OVERDUE,
    RULE_PARAMS,
    STATUSES,
    TYPED_WORDS,
    compute_status,
    kpis,
    refresh_status,
    rule_text,
)
from dashboard.ledger.validate import Context, Report, frame, header_positions, validate_rows
from dashboard.problems import Problem
from dashboard.text import Text

__all__ = [
    "AT_RISK",
    "DONE",
    "LAND_STAGES",
    "LEDGER_COLUMNS",
    "NO_DEADLINE",
    "OK",
    "OPTIONAL_COLUMNS",
    "OVERDUE",
    "REQUIRED_COLUMNS",
    "ROW_COLUMNS",
    "RULE_PARAMS",
    "STATUSES",
    "TYPED_WORDS",
    "DEFAULT_BBOX",
    "LedgerResult",
    "compute_status",
    "find_ledger",
    "kpis",
    "load_ledger",
    "parse_deadline",
    "refresh_status",
    "rule_text",
]

#: the Zhengzhou area, WGS-84 (config.toml's [data] bbox default); the app passes the configured one
DEFAULT_BBOX = (112.7, 34.2, 114.3, 35.0)


@dataclass
class LedgerResult:
    rows: pd.DataFrame
    errors: list[Problem] = field(default_factory=list)  # severity "error": row left out / file unread
    notes: list[Problem] = field(default_factory=list)  # severity "note": informational, rows stay
    path: Path | None = None
    file_format: str = ""  # 'xlsx' | 'csv' | ''
    encoding: str | None = None  # CSV only
    as_of: dt.date = field(default_factory=dt.date.today)  # the date the statuses are computed for
    as_of_declared: bool = False  # True: the ledger declares it (a historical ledger)
    waiting: Problem | None = None  # set when the file on disk is mid-save: these rows are the last complete read

    @property
    def complete(self) -> bool:
        """Read as a whole: no error about the file itself (unreadable, cut, empty). A file with
        bad rows is complete (its rows are listed); one that does not open is not."""
        return not any(p.row is None for p in self.errors)

    @property
    def ok(self) -> bool:
        return not self.errors


def find_ledger(folder: str | Path, stem: str = "projects") -> Path | None:
    """The ledger file to read: the newest of projects.xlsx / projects.csv, a tie → xlsx."""
    folder = Path(folder)
    found = [p for p in (folder / f"{stem}.xlsx", folder / f"{stem}.csv") if p.is_file()]
    # max() keeps the first of equal keys, and .xlsx is listed first
    return max(found, key=lambda p: p.stat().st_mtime_ns) if found else None


def load_ledger(
    path: str | Path,
    *,
    today: dt.date | None = None,
    feature_ids: Iterable[str] | None = None,
    bbox: Iterable[float] | None = None,
) -> LedgerResult:
    """Read, validate and compute the ledger at ``path`` (.xlsx or .csv). Never raises for a bad file.

    ``today``: the current date (default: the real one); statuses are computed for it unless the
    ledger declares its own as-of date. ``feature_ids``: ids of the features drawn on the map
    (``warmap.map_feature_ids``); a row without coordinates whose 项目编号 is one of them gets
    ``location='feature'``. ``bbox``: [min_lon, min_lat, max_lon, max_lat] of ``[data] bbox``."""
    path = Path(path)
    result = LedgerResult(
        rows=frame([]), path=path, file_format=path.suffix.lower().lstrip("."), as_of=today or dt.date.today()
    )
    report = Report(path.name)
    table = _read(path, result, report)
    if table is not None:
        fids = {nfkc(f) for f in feature_ids} if feature_ids is not None else None
        _note_other_file(path, report)
        _validate(read.non_empty(table), result, report, fids, tuple(bbox or DEFAULT_BBOX))
    result.errors, result.notes = report.errors, report.notes
    return result


def _read(path: Path, result: LedgerResult, report: Report) -> read.Table | None:
    """The file's rows, or None with a file-level error."""
    if not path.is_file():
        report.error(Text("找不到台账文件：{f}", "ledger file not found: {f}").format(f=path.name))
        return None
    try:
        if result.file_format in read.XLSX:
            sheet = workbook.read_sheet(path)
            for note in sheet.notes:
                report.note(note)
            for row_no, column, message in sheet.cell_errors:
                report.error(message, row_no, column)
            return sheet.rows
        if result.file_format in read.CSV:
            table, result.encoding = read.read_csv(path)
            report.note(Text("文件编码：{e}", "file encoding: {e}").format(e=result.encoding))
            return table
        report.error(
            Text(
                "不支持的台账文件类型：{f}（请用 .xlsx 或 .csv）", "not a ledger file type: {f} (use .xlsx or .csv)"
            ).format(f=path.name)
        )
    except Undecodable as err:  # names the first unreadable byte, its line and column
        report.error(err.message)
    except workbook.WorkbookError as err:
        report.error(err.message)
    except Exception as exc:  # corrupt workbook, .xls renamed to .xlsx, csv.Error …
        report.error(
            Text("无法读取台账文件 {f}：{e}", "ledger file {f} cannot be read: {e}").format(
                f=path.name, e=f"{type(exc).__name__}: {exc}"
            )
        )
    return None


def _note_other_file(path: Path, report: Report) -> None:
    """A stale copy beside the file read is named, so nobody edits the wrong one."""
    other = path.with_suffix(".csv" if path.suffix.lower() != ".csv" else ".xlsx")
    if other.is_file():
        a, b = other.stat().st_mtime_ns, path.stat().st_mtime_ns
        age = (
            Text("较新", "newer")
            if a > b
            else Text("较旧", "older")
            if a < b
            else Text("修改时间相同", "same modification time")
        )
        report.note(
            Text(
                f"同目录还有 {other.name}（{age.zh}），本次读取 {path.name}",
                f"the folder also holds {other.name} ({age.en}); read: {path.name}",
            )
        )


def _validate(table: read.Table, result: LedgerResult, report: Report, fids, bbox) -> None:
    if not table:
        report.error(Text("台账为空：没有表头和数据行", "the ledger is empty: no header, no rows"))
        return
    h = read.header_index(table)
    _declared_as_of(table[:h], result, report)
    header_row, header_cells = table[h]
    pos = header_positions(header_row, header_cells, report)
    if pos is not None:
        result.rows = validate_rows(table[h + 1 :], pos, Context(result.as_of, bbox, fids), report)


def _declared_as_of(above_header: read.Table, result: LedgerResult, report: Report) -> None:
    """A historical ledger's 状态基准日 replaces today; an unreadable one is an error (today is used)."""
    found = read.find_as_of(above_header)
    if found is None:
        return
    row_no, day = found
    if day is None:
        report.error(
            Text(
                "状态基准日无法识别：应为一个具体日期，如 2019-03-19；状态按今天计算",
                "the as-of date cannot be read: give one day, e.g. 2019-03-19; statuses use today",
            ),
            row_no,
            "状态基准日",
        )
        return
    result.as_of, result.as_of_declared = day, True
    report.note(
        Text(
            f"台账声明状态基准日 {day.isoformat()}：状态按该日计算（历史台账）",
            f"the ledger declares its as-of date {day.isoformat()}: statuses are computed for that day "
            "(historical ledger)",
        ),
        row_no,
        "状态基准日",
    )
