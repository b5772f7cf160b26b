"""Tables leaving the dashboard as files (CSV, XLSX), safe to open in Excel.

A cell that begins with = + - @, a tab or a carriage return is read by Excel (and LibreOffice,
WPS) as a formula: a ledger cell typed as ``=HYPERLINK(...)`` would run when the export is opened.
The OWASP rule: such text cells get a leading single quote, so they are shown as text. Numbers
stay numbers."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` with a leading ' when it is text Excel would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell and header neutralised."""
    out = frame.map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM: Excel on Chinese Windows opens it as is."""
    return safe(frame).to_csv(index=False).encode("utf-8-sig")


def _printable(value):
    """A worksheet cannot hold control characters (a CSV ledger can): they are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "projects") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe(frame).map(_printable).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
