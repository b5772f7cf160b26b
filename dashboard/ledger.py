"""Project ledger (工作台账) behind the weekly war map (作战图).

The offices keep one spreadsheet, one row per project.  This module reads it, validates
every row, computes each project's status from its deadline, its progress and today's date,
and hands back a tidy DataFrame plus a list of problems the UI can show next to it.
It does not import streamlit; everything here is a pure function of its inputs.

Public API
----------
``find_ledger(folder) -> Path | None``
    Which file to read when the folder holds ``projects.xlsx`` and/or ``projects.csv``.
``load_ledger(path, *, today=None, feature_ids=None) -> LedgerResult``
    ``.rows`` (DataFrame, columns below), ``.errors`` and ``.notes`` (lists of
    ``(row_number, message)``), ``.path``, ``.file_format``, ``.encoding``.
``compute_status(deadline, progress, today) -> str``
    The status rule table below, nothing else.
``refresh_status(rows, today) -> DataFrame``
    Same rows, status recomputed for another day (the file cache is keyed by mtime,
    the status also depends on the date).
``kpis(rows, today) -> dict``
    Counts for the header tiles.
``parse_deadline(value) -> date | None``
    The 完成时限 parser (raises ``ValueError`` on text it cannot read).

Which file (rule)
-----------------
``find_ledger`` looks for ``projects.xlsx`` and ``projects.csv`` (Excel lock files
``~$…`` are ignored).  If only one exists it is used.  If both exist, **the one modified
last wins** — that is the one somebody just saved — and on a tie the ``.xlsx`` wins.
``load_ledger`` then adds a note naming the other file, so a stale copy is visible.

File format
-----------
* ``.xlsx``: the first worksheet.  Real Excel date cells, cells formatted as a
  percentage (0.6 shown as 60 % → 60) and numbers stored as text are all accepted.
* ``.csv``: encoding detected, never asked: UTF-16 by its BOM (Excel's "Unicode text"),
  else UTF-8 (with or without BOM), else GB18030 (a superset of GBK, which is what Excel
  writes on Chinese Windows for "CSV (逗号分隔)"), else charset-normalizer's best guess.
  Delimiter: comma, or tab / semicolon when the header line uses those instead.
  The sample ledger is written as UTF-8 **with** BOM so Excel opens it without mojibake.
* The header row is the first row (of the first ten) that contains 项目编号 or 项目名称,
  so a title line above the header is fine.  Row numbers in messages are the row numbers
  Excel shows (header in row 1 in the usual layout).  Fully empty rows are skipped.
* Header names are matched after trimming and NFKC (full-width ``（%）`` = ``(%)``);
  a few aliases are accepted (``当前进度``, ``进度(%)`` …).

Columns
-------
Required (a missing one is a file-level error on the header row and no rows are returned):
项目编号, 项目名称, 所属园区, 责任单位, 责任岗位, 完成时限, 当前进度(%) — the war map's
"定人、定责、定时".  Optional (a missing one is a note): 状态, 下一节点, 存在问题, 用地阶段,
经度, 纬度, 来源.  ``来源`` is an extra column of ours: where the row's facts come from
(e.g. the news report and its date), so a reported fact can be told from a placeholder.
Other columns are ignored (with a note).

DataFrame ``rows`` (one per valid row, file order):
    row (Excel row number), id, name, park, unit, post, deadline (datetime64, NaT = none),
    deadline_text (as typed; 待定 when empty), progress (float, NaN = not reported),
    status (computed), status_typed (the 状态 cell as typed), next_step, problems,
    land_stage ('批'|'征'|'供'|'用'|''), lon, lat (float WGS-84, NaN = none),
    location ('ledger' = own coordinates, 'feature' = id matches a map feature,
    '' = no location: table only), source.
Text columns hold '' (never NaN) when empty.

Validation (a bad row is left out of ``rows`` and every problem is listed)
--------------------------------------------------------------------------
empty 项目编号 or 项目名称; 项目编号 repeated (the later row is rejected); 当前进度(%) not a
number or outside 0–100 (``60%`` is fine); 完成时限 unreadable; 经度/纬度 not numbers, only
one of them, outside the Zhengzhou area (lon 112.7–114.3, lat 34.2–35.0) or apparently
swapped; 用地阶段 not one of 批/征/供/用 (empty or 不涉及 = none).  Messages are Chinese and
name the column and the bad value (unescaped: the UI escapes).  Coordinates must be
WGS-84; GCJ-02 / BD-09 values copied from Amap / Baidu are ~500 m off and cannot be
detected here.

Notes (informational, the row stays): a row without coordinates ("无位置"), the detected
encoding, ignored columns, a typed 状态 that differs from the computed one.

完成时限 formats
----------------
Excel dates; ``2020-06-30``, ``2020/6/30``, ``2020.6.30``, ``20200630`` (a time part is
ignored); ``2020年6月30日``; month: ``2020年6月``, ``2020-06``, ``2020年6月底(前)`` → last day;
half year: ``2020年上半年``, ``2020H1`` → 06-30, ``下半年`` / ``H2`` → 12-31; quarter:
``2020年第二季度``, ``2020Q2`` → quarter end; year: ``2022``, ``2022年``, ``2022年底(前)``,
``2022年内`` → 12-31; an Excel serial number (20000–80000).  Empty, 待定, 未定, -, —, /
→ no deadline.  Anything else (e.g. ``6/30/2020``, ``2025年前``) is an error: better to
ask than to guess.  ``deadline_text`` keeps the original text for display.

Status rule table (``compute_status``; first matching rule wins)
----------------------------------------------------------------
======  ==========================================================  ========
rule    condition                                                    status
======  ==========================================================  ========
1       progress = 100                                               已完成
2       no deadline (empty / 待定)                                    时限待定
3       today > deadline (the deadline day itself is not late)       逾期
4       deadline within 30 days and progress < 80 or not reported    滞后
5       deadline within 90 days and progress < 50 (reported)         滞后
6       otherwise                                                    正常
======  ==========================================================  ========

"Not reported" progress (empty cell) is unknown, not zero: it never makes a project
完成, it makes it 逾期 once the deadline has passed (rule 3) and 滞后 in the last 30 days
(rule 4).  A task without a deadline is 时限待定 (its own colour), never 正常: the meeting's
rule is 定时, and a missing deadline must show as a gap, not as "on track".  正常 means "no
rule flags it", not "confirmed on track"; the UI shows 进度未填报 beside it.  There is no start date in the ledger, so there is
no linear-schedule rule; rules 4–5 are the explainable stand-in.

The typed 状态 column (decision): status is **computed**, never typed.  The single thing
the dates cannot tell is that a project is finished, so a typed 已完成 with an *empty*
当前进度 counts as 已完成.  Everything else typed (正常, 滞后, 逾期, 暂停 …) is kept in
``status_typed`` for display only; a typed 逾期 never overrides the computed status, and
a disagreement is reported as a note.  Colours: 正常 green, 滞后 amber, 逾期 red,
时限待定 cyan, 已完成 grey (``STATUS_COLORS``).
"""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

# --------------------------------------------------------------------------- constants

STATUS_OK = "正常"
STATUS_AT_RISK = "滞后"
STATUS_OVERDUE = "逾期"
STATUS_DONE = "已完成"
STATUS_NO_DEADLINE = "时限待定"
STATUSES = (STATUS_OK, STATUS_AT_RISK, STATUS_OVERDUE, STATUS_NO_DEADLINE, STATUS_DONE)
STATUS_COLORS = {
    STATUS_OK: "#2e7d32",           # green
    STATUS_AT_RISK: "#f59e0b",      # amber
    STATUS_OVERDUE: "#c62828",      # red
    STATUS_NO_DEADLINE: "#0097a7",  # cyan: a gap in 定时, neither on track nor late
    STATUS_DONE: "#9e9e9e",         # grey
}
STATUS_EN = {STATUS_OK: "on track", STATUS_AT_RISK: "at risk", STATUS_OVERDUE: "overdue",
             STATUS_NO_DEADLINE: "no deadline", STATUS_DONE: "done"}
#: typed values of 状态 that are recognised (anything else gets a note)
TYPED_STATUSES = STATUSES + ("暂停",)

# rule 4 and rule 5 of the status table
NEAR_DAYS, NEAR_MIN_PROGRESS = 30, 80.0
WATCH_DAYS, WATCH_MIN_PROGRESS = 90, 50.0

NO_DEADLINE_TEXT = "待定"
NO_DEADLINE_WORDS = {"", "待定", "未定", "-", "—", "——", "/", "无"}

LAND_STAGES = ("批", "征", "供", "用")  # approval → expropriation → supply → use
LAND_STAGE_ALIASES = {
    "批": "批", "报批": "批", "审批": "批",
    "征": "征", "征收": "征", "征地": "征",
    "供": "供", "供地": "供", "供应": "供",
    "用": "用", "用地": "用", "使用": "用",
    "": "", "不涉及": "", "无": "", "-": "", "—": "", "/": "",
}

# Zhengzhou area, WGS-84
LON_RANGE = (112.7, 114.3)
LAT_RANGE = (34.2, 35.0)

#: Chinese header → internal column name
COLUMNS = {
    "项目编号": "id",
    "项目名称": "name",
    "所属园区": "park",
    "责任单位": "unit",
    "责任岗位": "post",
    "完成时限": "deadline_text",
    "当前进度(%)": "progress",
    "状态": "status_typed",
    "下一节点": "next_step",
    "存在问题": "problems",
    "用地阶段": "land_stage",
    "经度": "lon",
    "纬度": "lat",
    "来源": "source",
}
REQUIRED_COLUMNS = ("项目编号", "项目名称", "所属园区", "责任单位", "责任岗位", "完成时限", "当前进度(%)")
OPTIONAL_COLUMNS = ("状态", "下一节点", "存在问题", "用地阶段", "经度", "纬度", "来源")
#: the column order of the sample file / template
LEDGER_COLUMNS = REQUIRED_COLUMNS[:5] + ("完成时限", "当前进度(%)", "状态", "下一节点",
                                         "存在问题", "用地阶段", "经度", "纬度", "来源")
HEADER_ALIASES = {
    "当前进度": "当前进度(%)", "当前进度%": "当前进度(%)", "进度(%)": "当前进度(%)",
    "进度": "当前进度(%)", "编号": "项目编号", "时限": "完成时限", "完成时间": "完成时限",
    "经度(WGS-84)": "经度", "纬度(WGS-84)": "纬度", "经度(WGS84)": "经度", "纬度(WGS84)": "纬度",
}

ROW_COLUMNS = ["row", "id", "name", "park", "unit", "post", "deadline", "deadline_text",
               "progress", "status", "status_typed", "next_step", "problems", "land_stage",
               "lon", "lat", "location", "source"]
_TEXT_COLUMNS = ["id", "name", "park", "unit", "post", "deadline_text", "status",
                 "status_typed", "next_step", "problems", "land_stage", "location", "source"]
_FLOAT_COLUMNS = ["progress", "lon", "lat"]

Issue = tuple  # (row_number: int | None, message: str)


@dataclass
class LedgerResult:
    rows: pd.DataFrame
    errors: list = field(default_factory=list)   # [(row_number | None, message)]
    notes: list = field(default_factory=list)    # [(row_number | None, message)]
    path: Path | None = None
    file_format: str = ""                        # 'xlsx' | 'csv' | ''
    encoding: str | None = None                  # CSV only

    @property
    def ok(self) -> bool:
        return not self.errors


def format_issue(row: int | None, message: str) -> str:
    """``(5, '…')`` → ``'第5行：…'``; file-level issues have no row prefix."""
    return message if row is None else f"第{row}行：{message}"


# --------------------------------------------------------------------------- status

def _to_date(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"not a date: {value!r}")


def _to_progress(value: Any) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def compute_status(deadline: Any, progress: Any, today: dt.date) -> str:
    """Status from the rule table in the module docstring.

    ``deadline``: date / datetime / Timestamp, or None / NaT for 待定.
    ``progress``: 0–100, or None / NaN when not reported.
    """
    d = _to_date(deadline)
    p = _to_progress(progress)
    today = _to_date(today) or dt.date.today()
    if p is not None and p >= 100:
        return STATUS_DONE                                   # rule 1
    if d is None:
        return STATUS_NO_DEADLINE                            # rule 2
    days_left = (d - today).days
    if days_left < 0:
        return STATUS_OVERDUE                                # rule 3
    if days_left <= NEAR_DAYS and (p is None or p < NEAR_MIN_PROGRESS):
        return STATUS_AT_RISK                                # rule 4
    if days_left <= WATCH_DAYS and p is not None and p < WATCH_MIN_PROGRESS:
        return STATUS_AT_RISK                                # rule 5
    return STATUS_OK                                         # rule 6


def _row_status(deadline: Any, progress: Any, typed: str, today: dt.date) -> str:
    """compute_status plus the one typed override: 已完成 with progress not reported."""
    if (typed or "").strip() == STATUS_DONE and _to_progress(progress) is None:
        return STATUS_DONE
    return compute_status(deadline, progress, today)


def refresh_status(rows: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Copy of ``rows`` with ``status`` recomputed for ``today``."""
    out = rows.copy()
    if len(out):
        out["status"] = [
            _row_status(d, p, t, today)
            for d, p, t in zip(out["deadline"], out["progress"], out["status_typed"])
        ]
    return out


def kpis(rows: pd.DataFrame, today: dt.date) -> dict:
    """Header-tile counts; the status is recomputed for ``today``.

    Keys: total, by_status ({status: n} for every status), overdue, at_risk, done, ok,
    with_location, without_location, progress_unknown, no_deadline,
    due_within_30_days (open projects whose deadline is today … today+30).
    """
    rows = refresh_status(rows, today)
    by_status = {s: int((rows["status"] == s).sum()) for s in STATUSES}
    total = int(len(rows))
    with_loc = int((rows["location"] != "").sum()) if total else 0
    due_soon = 0
    if total:
        t = pd.Timestamp(today)
        open_ = rows["status"] != STATUS_DONE
        due_soon = int((open_ & (rows["deadline"] >= t)
                        & (rows["deadline"] <= t + pd.Timedelta(days=NEAR_DAYS))).sum())
    return {
        "total": total,
        "by_status": by_status,
        "overdue": by_status[STATUS_OVERDUE],
        "at_risk": by_status[STATUS_AT_RISK],
        "done": by_status[STATUS_DONE],
        "ok": by_status[STATUS_OK],
        "with_location": with_loc,
        "without_location": total - with_loc,
        "progress_unknown": int(rows["progress"].isna().sum()) if total else 0,
        "no_deadline": int(rows["deadline"].isna().sum()) if total else 0,
        "due_within_30_days": due_soon,
    }


# --------------------------------------------------------------------------- deadline

_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _ymd(y: str, m: str, d: str) -> dt.date:
    return dt.date(int(y), int(m), int(d))   # ValueError for 2020-02-30


_DEADLINE_PATTERNS: list[tuple[re.Pattern, Any]] = [
    # 2020-06-30, 2020/6/30, 2020.6.30 (optional time part)
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
     lambda m: _ymd(*m.groups())),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), lambda m: _ymd(*m.groups())),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:前)?"), lambda m: _ymd(*m.groups())),
    # month → last day
    (re.compile(r"(\d{4})年(\d{1,2})月(?:份)?(?:[底末](?:前)?)?"),
     lambda m: _month_end(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), lambda m: _month_end(int(m[1]), int(m[2]))),
    # half year
    (re.compile(r"(\d{4})年?(上|下)半年(?:[底末](?:前)?)?"),
     lambda m: dt.date(int(m[1]), 6, 30) if m[2] == "上" else dt.date(int(m[1]), 12, 31)),
    (re.compile(r"(\d{4})\s*[-]?\s*H([12])", re.I),
     lambda m: dt.date(int(m[1]), 6, 30) if m[2] == "1" else dt.date(int(m[1]), 12, 31)),
    # quarter
    (re.compile(r"(\d{4})年?第?([一二三四1-4])季度(?:[底末](?:前)?)?"),
     lambda m: _month_end(int(m[1]), 3 * _CN_DIGIT[m[2]])),
    (re.compile(r"(\d{4})\s*[-]?\s*Q([1-4])", re.I),
     lambda m: _month_end(int(m[1]), 3 * int(m[2]))),
    # year → 12-31
    (re.compile(r"(\d{4})(?:年(?:年?[底末](?:前)?|内)?)?"), lambda m: dt.date(int(m[1]), 12, 31)),
]


def _from_number(x: float) -> dt.date:
    if x != int(x):
        raise ValueError
    n = int(x)
    if 1900 <= n <= 2100:
        return dt.date(n, 12, 31)
    if 20000 <= n <= 80000:                          # Excel serial day number
        return _EXCEL_EPOCH + dt.timedelta(days=n)
    if 19000101 <= n <= 21001231:
        return _ymd(str(n)[:4], str(n)[4:6], str(n)[6:])
    raise ValueError


def parse_deadline(value: Any) -> dt.date | None:
    """Parse a 完成时限 cell; None for no deadline; ValueError when unreadable."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        return _to_date(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and math.isnan(value):
            return None
        return _from_number(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text in NO_DEADLINE_WORDS:
        return None
    compact = re.sub(r"\s+", "", text) if "年" in text or "月" in text else text
    for pattern, build in _DEADLINE_PATTERNS:
        m = pattern.fullmatch(compact)
        if m:
            y = int(m[1])
            if not 1900 <= y <= 2100:
                raise ValueError(text)
            return build(m)
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return _from_number(float(text))
    raise ValueError(text)


def _deadline_display(value: Any, parsed: dt.date | None) -> str:
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)) and parsed is not None:
        return parsed.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and parsed is not None:
        return str(int(value)) if 1900 <= value <= 2100 else parsed.isoformat()
    text = _text(value)
    if text in NO_DEADLINE_WORDS:
        return NO_DEADLINE_TEXT
    return text


# --------------------------------------------------------------------------- cells

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _number(value: Any, *, strip: str = "") -> float | None:
    """None for empty; ValueError when not a finite number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        f = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if text == "":
            return None
        for ch in strip:
            text = text.replace(ch, "")
        f = float(text.strip())          # ValueError for 'abc'
    if not math.isfinite(f):
        raise ValueError
    return f


def _norm_header(value: Any) -> str:
    h = unicodedata.normalize("NFKC", _text(value))
    h = re.sub(r"\s+", "", h)
    return HEADER_ALIASES.get(h, h)


# --------------------------------------------------------------------------- reading

@dataclass
class _Cell:
    value: Any
    percent: bool = False      # xlsx cell formatted as a percentage


def _read_xlsx(path: Path) -> tuple[list[tuple[int, list[_Cell]]], list[Issue]]:
    from openpyxl import load_workbook

    notes: list[Issue] = []
    # normal (not read-only) mode: iter_rows() then covers every row from 1 to max_row,
    # so the enumeration index is the row number Excel shows
    wb = load_workbook(path, data_only=True)
    try:
        ws = wb.worksheets[0]
        others = [w.title for w in wb.worksheets[1:] if w.title not in ("说明", "填写说明")]
        if others:
            notes.append((None, f"只读取第一个工作表“{ws.title}”，忽略：" + "、".join(others)))
        out = []
        for r_idx, row in enumerate(ws.iter_rows(min_row=1), start=1):
            cells = []
            for c in row:
                v = c.value
                fmt = c.number_format or ""
                cells.append(_Cell(v, isinstance(v, (int, float)) and not isinstance(v, bool)
                                   and "%" in fmt))
            out.append((r_idx, cells))
    finally:
        wb.close()
    return out, notes


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        text = data.decode("utf-8-sig")
        return text, ("UTF-8 (BOM)" if data.startswith(b"\xef\xbb\xbf") else "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnicodeDecodeError("unknown", data, 0, len(data), "no encoding fits")
    return str(best), best.encoding


def _read_csv(path: Path) -> tuple[list[tuple[int, list[_Cell]]], str]:
    text, encoding = _decode(path.read_bytes())
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delim = max([",", "\t", ";"], key=first.count) if first else ","
    if first.count(delim) == 0:
        delim = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    return [(i, [_Cell(v) for v in rec]) for i, rec in enumerate(reader, start=1)], encoding


# --------------------------------------------------------------------------- validation

def _in(r: tuple[float, float], v: float) -> bool:
    return r[0] <= v <= r[1]


def _empty_rows() -> pd.DataFrame:
    return _frame([])


def _frame(records: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(records, columns=ROW_COLUMNS)
    df["row"] = df["row"].astype("int64")
    for c in _TEXT_COLUMNS:
        df[c] = df[c].fillna("").astype("str")
    for c in _FLOAT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df["deadline"] = pd.to_datetime(df["deadline"]).astype("datetime64[ns]")
    return df.reset_index(drop=True)


def _validate(table: list[tuple[int, list[_Cell]]], today: dt.date,
              feature_ids: set[str] | None) -> tuple[pd.DataFrame, list[Issue], list[Issue]]:
    errors: list[Issue] = []
    notes: list[Issue] = []
    table = [(n, cells) for n, cells in table if any(_text(c.value) for c in cells)]
    if not table:
        return _empty_rows(), [(None, "台账为空：没有表头和数据行")], notes

    # header: first of the first ten non-empty rows naming 项目编号 or 项目名称
    h_idx = 0
    for i, (_, cells) in enumerate(table[:10]):
        names = {_norm_header(c.value) for c in cells}
        if "项目编号" in names or "项目名称" in names:
            h_idx = i
            break
    header_row, header_cells = table[h_idx]
    headers = [_norm_header(c.value) for c in header_cells]
    pos: dict[str, int] = {}
    dupes, extras = [], []
    for i, h in enumerate(headers):
        if not h:
            continue
        if h in COLUMNS:
            if h in pos:
                dupes.append(h)
            else:
                pos[h] = i
        else:
            extras.append(h)
    missing = [c for c in REQUIRED_COLUMNS if c not in pos]
    if missing or dupes:
        if missing:
            errors.append((header_row, "缺少必填列：" + "、".join(missing)
                           + "（表头需包含：" + "、".join(REQUIRED_COLUMNS) + "）"))
        if dupes:
            errors.append((header_row, "列名重复：" + "、".join(dict.fromkeys(dupes))))
        return _empty_rows(), errors, notes
    absent = [c for c in OPTIONAL_COLUMNS if c not in pos]
    if absent:
        notes.append((header_row, "未提供可选列：" + "、".join(absent)))
    if extras:
        notes.append((header_row, "以下列不识别，已忽略：" + "、".join(extras)))

    seen_ids: dict[str, int] = {}
    records = []
    for row_no, cells in table[h_idx + 1:]:
        def cell(col: str) -> _Cell:
            i = pos.get(col)
            return cells[i] if i is not None and i < len(cells) else _Cell(None)

        errs: list[str] = []
        rid = unicodedata.normalize("NFKC", _text(cell("项目编号").value)).strip()
        name = _text(cell("项目名称").value)
        if not rid:
            errs.append("项目编号为空")
        elif rid in seen_ids:
            errs.append(f"项目编号“{rid}”与第{seen_ids[rid]}行重复")
        else:
            seen_ids[rid] = row_no
        if not name:
            errs.append("项目名称为空")

        # progress
        pc = cell("当前进度(%)")
        progress = None
        try:
            progress = _number(pc.value, strip="%")
            if progress is not None and pc.percent:
                progress = round(progress * 100, 6)   # 0.6 shown as 60 %
            if progress is not None and not 0 <= progress <= 100:
                errs.append(f"当前进度(%) 应在 0–100 之间：“{_text(pc.value)}”")
                progress = None
        except (ValueError, TypeError):
            errs.append(f"当前进度(%) 不是数字：“{_text(pc.value)}”")

        # deadline
        dv = cell("完成时限").value
        deadline = None
        try:
            deadline = parse_deadline(dv)
        except (ValueError, TypeError, OverflowError):
            errs.append(f"完成时限无法识别：“{_text(dv)}”（可写 2020-06-30、2020年6月30日、"
                        "2020年上半年、2020H1、2022年 或 待定）")

        # land stage
        lv = unicodedata.normalize("NFKC", _text(cell("用地阶段").value)).replace(" ", "")
        land = LAND_STAGE_ALIASES.get(lv)
        if land is None:
            errs.append(f"用地阶段无法识别：“{_text(cell('用地阶段').value)}”（应为 批、征、供、用 之一，或留空/不涉及）")
            land = ""

        # coordinates
        lon = lat = None
        lon_raw, lat_raw = cell("经度").value, cell("纬度").value
        coord_ok = True
        for label, raw in (("经度", lon_raw), ("纬度", lat_raw)):
            try:
                v = _number(raw, strip="°")
            except (ValueError, TypeError):
                errs.append(f"{label}不是数字：“{_text(raw)}”")
                coord_ok = False
                continue
            if label == "经度":
                lon = v
            else:
                lat = v
        if coord_ok:
            if (lon is None) != (lat is None):
                given, other = ("经度", "纬度") if lon is not None else ("纬度", "经度")
                errs.append(f"只填了{given}（“{_text(lon_raw if lon is not None else lat_raw)}”），"
                            f"缺{other}：经度、纬度须同时填写或同时留空")
                lon = lat = None
            elif lon is not None and lat is not None:
                if not (_in(LON_RANGE, lon) and _in(LAT_RANGE, lat)):
                    if _in(LON_RANGE, lat) and _in(LAT_RANGE, lon):
                        errs.append(f"经度/纬度似乎填反了（looks swapped）：经度“{_text(lon_raw)}”，"
                                    f"纬度“{_text(lat_raw)}”")
                    else:
                        bad = []
                        if not _in(LON_RANGE, lon):
                            bad.append(f"经度“{_text(lon_raw)}”")
                        if not _in(LAT_RANGE, lat):
                            bad.append(f"纬度“{_text(lat_raw)}”")
                        errs.append("、".join(bad) + f" 超出郑州范围（经度 {LON_RANGE[0]}–{LON_RANGE[1]}，"
                                    f"纬度 {LAT_RANGE[0]}–{LAT_RANGE[1]}，WGS-84）")
                    lon = lat = None

        if errs:
            errors.extend((row_no, e) for e in errs)
            continue

        typed = _text(cell("状态").value)
        status = _row_status(deadline, progress, typed, today)
        if typed and typed not in TYPED_STATUSES:
            notes.append((row_no, f"状态“{typed}”不是可识别的值（{'、'.join(TYPED_STATUSES)}），"
                                  f"仅作显示；计算状态为“{status}”"))
        elif typed == "暂停":
            notes.append((row_no, f"填报状态“暂停”仅作显示，状态仍按时限和进度计算为“{status}”"))
        elif typed and typed != status:
            notes.append((row_no, f"填报状态“{typed}”与计算状态“{status}”不一致，以计算结果为准"))

        if lon is not None:
            location = "ledger"
        elif feature_ids is not None and rid in feature_ids:
            location = "feature"
        else:
            location = ""
            if feature_ids is None:
                notes.append((row_no, f"“{name}”无坐标（no location）：若项目编号与地图要素一致则按要素定位，否则仅在表格中显示"))
            else:
                notes.append((row_no, f"“{name}”无位置（no location）：仅在表格中显示，不上图"))

        records.append({
            "row": row_no, "id": rid, "name": name,
            "park": _text(cell("所属园区").value), "unit": _text(cell("责任单位").value),
            "post": _text(cell("责任岗位").value),
            "deadline": pd.Timestamp(deadline) if deadline else pd.NaT,
            "deadline_text": _deadline_display(dv, deadline),
            "progress": progress if progress is not None else math.nan,
            "status": status, "status_typed": typed,
            "next_step": _text(cell("下一节点").value), "problems": _text(cell("存在问题").value),
            "land_stage": land,
            "lon": lon if lon is not None else math.nan, "lat": lat if lat is not None else math.nan,
            "location": location, "source": _text(cell("来源").value),
        })
    return _frame(records), errors, notes


# --------------------------------------------------------------------------- public

def find_ledger(folder: str | Path, stem: str = "projects") -> Path | None:
    """The ledger file to read (rule in the module docstring): newest wins, tie → xlsx."""
    folder = Path(folder)
    found = [p for p in (folder / f"{stem}.xlsx", folder / f"{stem}.csv") if p.is_file()]
    if not found:
        return None
    # max() keeps the first of equal keys, and .xlsx is listed first
    return max(found, key=lambda p: p.stat().st_mtime_ns)


def load_ledger(path: str | Path, *, today: dt.date | None = None,
                feature_ids: Iterable[str] | None = None) -> LedgerResult:
    """Read, validate and compute the ledger at ``path`` (.xlsx or .csv).

    ``today`` defaults to the current date.  ``feature_ids``: ids of the map's features
    (the ids of the features drawn on the map, ``warmap.map_feature_ids``); rows without coordinates whose 项目编号 is one of
    them get ``location='feature'``.  Never raises for a bad file: problems come back
    as file-level errors ``(None, message)`` with an empty ``rows``.
    """
    path = Path(path)
    today = today or dt.date.today()
    fids = {unicodedata.normalize("NFKC", str(f)).strip() for f in feature_ids} \
        if feature_ids is not None else None
    fmt = path.suffix.lower().lstrip(".")
    result = LedgerResult(rows=_empty_rows(), path=path, file_format=fmt)
    if not path.is_file():
        result.errors.append((None, f"找不到台账文件：{path.name}"))
        return result
    pre_notes: list[Issue] = []
    try:
        if fmt in ("xlsx", "xlsm"):
            table, pre_notes = _read_xlsx(path)
        elif fmt in ("csv", "txt", "tsv"):
            table, result.encoding = _read_csv(path)
            pre_notes.append((None, f"文件编码：{result.encoding}"))
        else:
            result.errors.append((None, f"不支持的台账文件类型：{path.name}（请用 .xlsx 或 .csv）"))
            return result
    except UnicodeDecodeError:
        result.errors.append((None, f"无法识别文件编码：{path.name}（请另存为 UTF-8 或 GBK 的 CSV）"))
        return result
    except Exception as exc:  # corrupt workbook, .xls renamed to .xlsx, csv.Error …
        result.errors.append((None, f"无法读取台账文件 {path.name}：{type(exc).__name__}: {exc}"))
        return result

    other = path.with_suffix(".csv" if fmt != "csv" else ".xlsx")
    if other.is_file():
        a, b = other.stat().st_mtime_ns, path.stat().st_mtime_ns
        newer = "较新" if a > b else ("较旧" if a < b else "修改时间相同")
        pre_notes.append((None, f"同目录还有 {other.name}（{newer}），本次读取 {path.name}"))

    rows, errors, notes = _validate(table, today, fids)
    result.rows = rows
    result.errors.extend(errors)
    result.notes.extend(pre_notes + notes)
    return result
