"""The ledger's columns: ONE table (header, key, required, parser, aliases), every list derived.

Required (a missing one is a file-level error and no rows are returned): 项目编号, 项目名称,
所属园区, 责任单位, 责任岗位, 完成时限, 当前进度(%) — the war map's "定人、定责、定时".
Optional (a missing one is a note): 状态, 下一节点, 存在问题, 用地阶段, 经度, 纬度, 来源,
公开范围 (公开 = a visitor may see the row's public fields; empty or 内部 = internal), 项目名称(英文).
``来源`` is an extra column of ours: where the row's facts come from (the news report and its
date), so a reported fact can be told from a placeholder. Other columns are ignored with a note.
Header names are matched after trimming and NFKC (full-width ``（%）`` = ``(%)``); the aliases
below are accepted too.

Row DataFrame (``ROW_COLUMNS``, one row per valid ledger row, file order): row (Excel row number),
then each column's outputs, then location ('ledger' = own coordinates, 'feature' = its id names a
map feature, '' = table only). deadline is datetime64 (NaT = none), deadline_text is as typed
(待定 when empty), progress/lon/lat are float (NaN = not given), status is a code (status.py),
status_typed the 状态 cell as typed. Text columns hold '' (never NaN).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dashboard.ledger.cells import Cell, nfkc, number, text
from dashboard.ledger.deadlines import YEARS, in_range, parse_deadline
from dashboard.text import Text


class CellError(ValueError):
    """A cell its column cannot read; the message names the value, in both languages."""

    def __init__(self, message: Text):
        super().__init__(message.zh)
        self.message = message


def as_text(cell: Cell) -> str:
    return text(cell.value)


def as_id(cell: Cell) -> str:
    return nfkc(cell.value)


def as_progress(cell: Cell) -> float | None:
    """0–100; ``60%`` is fine, and so is an xlsx 0.6 formatted as a percentage."""
    shown = text(cell.value)
    try:
        p = number(cell.value, strip="%")
    except (ValueError, TypeError):
        raise CellError(Text("不是数字：“{v}”", "not a number: “{v}”").format(v=shown)) from None
    if p is not None and cell.percent:
        p = round(p * 100, 6)
    if p is not None and not 0 <= p <= 100:
        raise CellError(Text("应在 0–100 之间：“{v}”", "must be 0–100: “{v}”").format(v=shown))
    return p


def as_deadline(cell: Cell):
    try:
        day = parse_deadline(cell.value)
    except (ValueError, TypeError, OverflowError):
        raise CellError(
            Text(
                "无法识别：“{v}”（可写 2020-06-30、2020年6月30日、2020年上半年、2020H1、2022年 或 待定）",
                "cannot be read: “{v}” (write 2020-06-30, 2020年6月30日, 2020年上半年, 2020H1, 2022年 or 待定)",
            ).format(v=text(cell.value))
        ) from None
    if not in_range(day):
        lo, hi = YEARS
        raise CellError(
            Text(
                f"日期“{{v}}”不在 {lo}–{hi} 年之间,疑为笔误(如 2300 应为 2030);请更正",
                f"date “{{v}}” is outside {lo}–{hi}, likely a typo (2300 for 2030?); correct it",
            ).format(v=text(cell.value))
        )
    return day


LAND_STAGES = ("批", "征", "供", "用")  # approval → expropriation → supply → use
LAND_STAGE_ALIASES = {
    "批": "批",
    "报批": "批",
    "审批": "批",
    "征": "征",
    "征收": "征",
    "征地": "征",
    "供": "供",
    "供地": "供",
    "供应": "供",
    "用": "用",
    "用地": "用",
    "使用": "用",
    "": "",
    "不涉及": "",
    "无": "",
    "-": "",
    "—": "",
    "/": "",
}


def as_land_stage(cell: Cell) -> str:
    stage = LAND_STAGE_ALIASES.get(nfkc(cell.value).replace(" ", ""))
    if stage is None:
        raise CellError(
            Text(
                "无法识别：“{v}”（应为 批、征、供、用 之一，或留空/不涉及）",
                "cannot be read: “{v}” (one of 批, 征, 供, 用, or empty / 不涉及)",
            ).format(v=text(cell.value))
        )
    return stage


def as_coordinate(cell: Cell) -> float | None:
    try:
        return number(cell.value, strip="°")
    except (ValueError, TypeError):
        raise CellError(Text("不是数字：“{v}”", "not a number: “{v}”").format(v=text(cell.value))) from None


AUDIENCE_WORDS = {
    "公开": "public",
    "是": "public",
    "public": "public",
    "": "internal",
    "内部": "internal",
    "否": "internal",
    "internal": "internal",
}


def as_audience(cell: Cell) -> str:
    """Who may see the row: internal unless marked 公开 (then only its public fields are sent)."""
    audience = AUDIENCE_WORDS.get(nfkc(cell.value).replace(" ", "").lower())
    if audience is None:
        raise CellError(
            Text(
                "无法识别：“{v}”（应为 公开 或 内部，留空即内部）",
                "cannot be read: “{v}” (公开 = public or 内部 = internal; empty = internal)",
            ).format(v=text(cell.value))
        )
    return audience


@dataclass(frozen=True)
class Column:
    header: str  # as in the sample ledger
    key: str  # the parsed value's name
    required: bool
    parse: Callable[[Cell], Any]  # Cell → value, CellError when unreadable
    aliases: tuple[str, ...] = ()
    out: tuple[tuple[str, str], ...] = ()  # row DataFrame columns (name, text|float|date); default: key, text

    @property
    def outputs(self) -> tuple[tuple[str, str], ...]:
        return self.out or ((self.key, "text"),)


COLUMNS = (
    Column("项目编号", "id", True, as_id, ("编号",)),
    Column("项目名称", "name", True, as_text),
    Column("所属园区", "park", True, as_text),
    Column("责任单位", "unit", True, as_text),
    Column("责任岗位", "post", True, as_text),
    Column(
        "完成时限",
        "deadline",
        True,
        as_deadline,
        ("时限", "完成时间"),
        (("deadline", "date"), ("deadline_text", "text")),
    ),
    Column(
        "当前进度(%)",
        "progress",
        True,
        as_progress,
        ("当前进度", "当前进度%", "进度(%)", "进度"),
        (("progress", "float"),),
    ),
    Column("状态", "status_typed", False, as_text, (), (("status", "text"), ("status_typed", "text"))),
    Column("下一节点", "next_step", False, as_text),
    Column("存在问题", "problems", False, as_text),
    Column("用地阶段", "land_stage", False, as_land_stage),
    Column("经度", "lon", False, as_coordinate, ("经度(WGS-84)", "经度(WGS84)"), (("lon", "float"),)),
    Column("纬度", "lat", False, as_coordinate, ("纬度(WGS-84)", "纬度(WGS84)"), (("lat", "float"),)),
    Column("来源", "source", False, as_text),
    # a row marked 公开 with an English name is shown to visitors: name, park and position only
    Column("公开范围", "audience", False, as_audience, ("公开", "可见范围")),
    Column("项目名称(英文)", "name_en", False, as_text, ("英文名称", "项目英文名称", "英文名")),
)


def _norm(value: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value)))


BY_HEADER = {c.header: c for c in COLUMNS}
#: the column order of the sample file / template
LEDGER_COLUMNS = tuple(c.header for c in COLUMNS)
REQUIRED_COLUMNS = tuple(c.header for c in COLUMNS if c.required)
OPTIONAL_COLUMNS = tuple(c.header for c in COLUMNS if not c.required)
HEADER_ALIASES = {_norm(a): c.header for c in COLUMNS for a in (c.header, *c.aliases)}
_EXTRA = (("row", "int"),), (("location", "text"),)
_OUTPUTS = _EXTRA[0] + tuple(o for c in COLUMNS for o in c.outputs) + _EXTRA[1]
ROW_COLUMNS = [name for name, _ in _OUTPUTS]
TEXT_COLUMNS = [name for name, kind in _OUTPUTS if kind == "text"]
FLOAT_COLUMNS = [name for name, kind in _OUTPUTS if kind == "float"]
#: what marks the header row (a title line above it is fine)
HEADER_MARKS = ("项目编号", "项目名称")


def norm_header(value: Any) -> str:
    """A header cell as its column's header (aliases and full-width forms folded), else as typed."""
    h = _norm(value)
    return HEADER_ALIASES.get(h, h)
