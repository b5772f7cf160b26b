"""完成时限 (the deadline column): what a typed deadline means.

Formats: Excel dates; ``2020-06-30``, ``2020/6/30``, ``2020.6.30``, ``20200630`` (a time part is
ignored); ``2020年6月30日``; month: ``2020年6月``, ``2020-06``, ``2020年6月底(前)`` → last day;
half year: ``2020年上半年``, ``2020H1`` → 06-30, ``下半年`` / ``H2`` → 12-31; quarter:
``2020年第二季度``, ``2020Q2`` → quarter end; year: ``2022``, ``2022年``, ``2022年底(前)``,
``2022年内`` → 12-31; an Excel serial number (20000–80000).  Empty, 待定, 未定, -, —, /
→ no deadline.  Anything else (e.g. ``6/30/2020``, ``2025年前``) is an error: better to
ask than to guess.  ``deadline_text`` keeps the original text for display.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from typing import Any

import pandas as pd

from dashboard.ledger.cells import text

NO_DEADLINE_TEXT = "待定"
NO_DEADLINE_WORDS = {"", "待定", "未定", "-", "—", "——", "/", "无"}


def to_date(value: Any) -> dt.date | None:
    """A date from a date, datetime or Timestamp; None for None / NaT / NaN."""
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


_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _ymd(y: str, m: str, d: str) -> dt.date:
    return dt.date(int(y), int(m), int(d))  # ValueError for 2020-02-30


_DEADLINE_PATTERNS: list[tuple[re.Pattern, Any]] = [
    # 2020-06-30, 2020/6/30, 2020.6.30 (optional time part)
    (
        re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
        lambda m: _ymd(*m.groups()),
    ),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), lambda m: _ymd(*m.groups())),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:前)?"), lambda m: _ymd(*m.groups())),
    # month → last day
    (re.compile(r"(\d{4})年(\d{1,2})月(?:份)?(?:[底末](?:前)?)?"), lambda m: _month_end(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), lambda m: _month_end(int(m[1]), int(m[2]))),
    # half year
    (
        re.compile(r"(\d{4})年?(上|下)半年(?:[底末](?:前)?)?"),
        lambda m: dt.date(int(m[1]), 6, 30) if m[2] == "上" else dt.date(int(m[1]), 12, 31),
    ),
    (
        re.compile(r"(\d{4})\s*[-]?\s*H([12])", re.I),
        lambda m: dt.date(int(m[1]), 6, 30) if m[2] == "1" else dt.date(int(m[1]), 12, 31),
    ),
    # quarter
    (
        re.compile(r"(\d{4})年?第?([一二三四1-4])季度(?:[底末](?:前)?)?"),
        lambda m: _month_end(int(m[1]), 3 * _CN_DIGIT[m[2]]),
    ),
    (re.compile(r"(\d{4})\s*[-]?\s*Q([1-4])", re.I), lambda m: _month_end(int(m[1]), 3 * int(m[2]))),
    # year → 12-31
    (re.compile(r"(\d{4})(?:年(?:年?[底末](?:前)?|内)?)?"), lambda m: dt.date(int(m[1]), 12, 31)),
]


def _from_number(x: float) -> dt.date:
    if x != int(x):
        raise ValueError
    n = int(x)
    if 1900 <= n <= 2100:
        return dt.date(n, 12, 31)
    if 20000 <= n <= 80000:  # Excel serial day number
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
        return to_date(value)
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


def deadline_display(value: Any, parsed: dt.date | None) -> str:
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)) and parsed is not None:
        return parsed.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and parsed is not None:
        return str(int(value)) if 1900 <= value <= 2100 else parsed.isoformat()
    shown = text(value)
    return NO_DEADLINE_TEXT if shown in NO_DEADLINE_WORDS else shown


_DAY_PATTERNS = _DEADLINE_PATTERNS[:3]  # the patterns naming one day


YEARS = (1990, 2100)  # a date outside is a typo (2300 for 2030), and past 2262 pandas cannot hold it


def in_range(day: dt.date | None) -> bool:
    return day is None or YEARS[0] <= day.year <= YEARS[1]


def parse_day(value: Any) -> dt.date:
    """One exact day (a date cell, ``2019-03-19``, ``2019/3/19``, ``2019年3月19日``), for the ledger's
    状态基准日; ValueError for anything vaguer: a month or a year is not a day."""
    if isinstance(value, (dt.datetime, dt.date, pd.Timestamp)):
        day = to_date(value)
        if day is not None and in_range(day):
            return day
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value)))
    for pattern, build in _DAY_PATTERNS:
        m = pattern.fullmatch(compact)
        if m and YEARS[0] <= int(m[1]) <= YEARS[1]:
            return build(m)
    raise ValueError(value)
