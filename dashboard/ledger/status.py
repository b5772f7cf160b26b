"""A project's status: computed from 完成时限, 当前进度 and the ledger's date, never typed.

Status codes are ASCII and are the identity everywhere (rows["status"], the map's `kind`, filters);
their words are in dashboard/strings.py (``status_<code>``), their colours in layers/projects.py.

Rule table (``compute_status``; the first matching rule wins)
------------------------------------------------------------
1  progress = 100                                                  done
2  no deadline (empty / 待定)                                       no_deadline
3  as-of date > deadline (the deadline day itself is not late)     overdue
4  deadline within NEAR_DAYS and progress < NEAR_MIN_PROGRESS or not reported    at_risk
5  deadline within WATCH_DAYS and progress < WATCH_MIN_PROGRESS (reported)       at_risk
6  otherwise                                                       ok

"Not reported" progress (an empty cell) is unknown, not zero: it never makes a project done, it
makes it overdue once the deadline has passed (rule 3) and at risk in the last NEAR_DAYS (rule 4).
A task without a deadline is no_deadline (its own colour), never ok: the meeting's rule is 定时,
and a missing deadline must show as a gap, not as "on track". ok means "no rule flags it", not
"confirmed on track"; the UI shows 进度未填报 beside it. There is no start date in the ledger, so
no linear-schedule rule; rules 4–5 are the explainable stand-in.

The typed 状态 column: the one thing the dates cannot tell is that a project is finished, so a
typed 已完成 with an *empty* 当前进度 counts as done. Everything else typed (正常, 滞后, 逾期,
暂停 …) is kept in ``status_typed`` for display only; a disagreement is reported as a note.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from dashboard.ledger.deadlines import to_date
from dashboard.strings import t
from dashboard.text import Text

OK, AT_RISK, OVERDUE, NO_DEADLINE, DONE = "ok", "at_risk", "overdue", "no_deadline", "done"
STATUSES = (OK, AT_RISK, OVERDUE, NO_DEADLINE, DONE)  # rule-table order: tiles, filters

# rule 4 and rule 5 of the table
NEAR_DAYS, NEAR_MIN_PROGRESS = 30, 80.0
WATCH_DAYS, WATCH_MIN_PROGRESS = 90, 50.0
RULE_PARAMS = {
    "near_days": NEAR_DAYS,
    "near_pct": f"{NEAR_MIN_PROGRESS:g}",
    "watch_days": WATCH_DAYS,
    "watch_pct": f"{WATCH_MIN_PROGRESS:g}",
}

#: words people type in 状态 → code (暂停 is recognised, shown, and never changes the status)
PAUSED = "paused"
TYPED_WORDS = {"正常": OK, "滞后": AT_RISK, "逾期": OVERDUE, "已完成": DONE, "时限待定": NO_DEADLINE, "暂停": PAUSED}


def label(code: str) -> Text:
    """A status code's words in both languages."""
    return Text(t(f"status_{code}", "zh"), t(f"status_{code}", "en"))


def rule_text(lang: str) -> str:
    """The rule shown under a project, written from the constants above (never typed twice)."""
    return t("status_rule", lang, **RULE_PARAMS)


def _to_progress(value: Any) -> float | None:
    if value is None:
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def compute_status(deadline: Any, progress: Any, today: dt.date) -> str:
    """The status code from the rule table. ``deadline``: a date, or None / NaT for 待定;
    ``progress``: 0–100, or None / NaN when not reported; ``today``: the as-of date."""
    d, p = to_date(deadline), _to_progress(progress)
    today = to_date(today) or dt.date.today()
    if p is not None and p >= 100:
        return DONE  # rule 1
    if d is None:
        return NO_DEADLINE  # rule 2
    days_left = (d - today).days
    if days_left < 0:
        return OVERDUE  # rule 3
    if days_left <= NEAR_DAYS and (p is None or p < NEAR_MIN_PROGRESS):
        return AT_RISK  # rule 4
    if days_left <= WATCH_DAYS and p is not None and p < WATCH_MIN_PROGRESS:
        return AT_RISK  # rule 5
    return OK  # rule 6


def row_status(deadline: Any, progress: Any, typed: str, today: dt.date) -> str:
    """compute_status plus the one typed override: 已完成 with progress not reported."""
    if TYPED_WORDS.get((typed or "").strip()) == DONE and _to_progress(progress) is None:
        return DONE
    return compute_status(deadline, progress, today)


def refresh_status(rows: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Copy of ``rows`` with ``status`` recomputed for ``today`` (the as-of date)."""
    out = rows.copy()
    if len(out):
        out["status"] = [
            row_status(d, p, s, today)
            for d, p, s in zip(out["deadline"], out["progress"], out["status_typed"], strict=False)
        ]
    return out


def kpis(rows: pd.DataFrame, today: dt.date) -> dict:
    """Header-tile counts, the status recomputed for ``today`` (the as-of date).

    Keys: total, by_status ({code: n} for every code), overdue, at_risk, done, ok, with_location,
    without_location, progress_unknown, no_deadline, due_within_30_days (open projects whose
    deadline is today … today + NEAR_DAYS)."""
    rows = refresh_status(rows, today)
    by_status = {s: int((rows["status"] == s).sum()) for s in STATUSES}
    total = int(len(rows))
    with_loc = int((rows["location"] != "").sum()) if total else 0
    return {
        "total": total,
        "by_status": by_status,
        "overdue": by_status[OVERDUE],
        "at_risk": by_status[AT_RISK],
        "done": by_status[DONE],
        "ok": by_status[OK],
        "with_location": with_loc,
        "without_location": total - with_loc,
        "progress_unknown": int(rows["progress"].isna().sum()) if total else 0,
        "no_deadline": int(rows["deadline"].isna().sum()) if total else 0,
        "due_within_30_days": _due_soon(rows, today) if total else 0,
    }


def _due_soon(rows: pd.DataFrame, today: dt.date) -> int:
    start = pd.Timestamp(today)
    open_ = rows["status"] != DONE
    return int((open_ & (rows["deadline"] >= start) & (rows["deadline"] <= start + pd.Timedelta(days=NEAR_DAYS))).sum())
