"""One spreadsheet cell as read from xlsx or csv, and the plain conversions every column uses."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cell:
    value: Any = None
    percent: bool = False  # an xlsx number formatted as a percentage (0.6 shown as 60 %)


EMPTY = Cell()


def text(value: Any) -> str:
    """The cell as the user reads it: '' for empty, 2022.0 → '2022', a date cell → ISO."""
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


def nfkc(value: Any) -> str:
    """Trimmed, full-width folded to ASCII (Excel on Chinese Windows types ２０２０ and （%）)."""
    return unicodedata.normalize("NFKC", text(value)).strip()


def number(value: Any, *, strip: str = "") -> float | None:
    """None for empty; ValueError when not a finite number (the characters in `strip` are dropped)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        f = float(value)
    else:
        s = unicodedata.normalize("NFKC", str(value)).strip()
        if s == "":
            return None
        for ch in strip:
            s = s.replace(ch, "")
        f = float(s.strip())  # ValueError for 'abc'
    if not math.isfinite(f):
        raise ValueError(value)
    return f
