"""Charts leadership reads at a glance, over the ledger's kept versions: projects by status week
by week, by owner unit and by park for one chosen version, and overdue projects by how long they
are overdue. The data shaping is pure (DataFrames in, DataFrames out); the charts are Vega-Lite
specs built with Altair, which Streamlit ships and draws with its own bundled Vega (offline).
No streamlit here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

import altair as alt
import pandas as pd

from dashboard import ledger
from dashboard.strings import t
from dashboard.warmap import status_text
from layers.projects import status_color

# the map's font stack: Noto Sans CJK (Debian fonts-noto-cjk) draws the Chinese labels
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
# (upper bound in days, label key): how long a project is overdue, a leader's "how bad"
T = TypeVar("T")
AGE_BUCKETS = ((7, "age_week"), (30, "age_month"), (90, "age_quarter"), (365, "age_year"), (None, "age_more"))


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week (the meeting is weekly)."""
    return day - dt.timedelta(days=day.weekday())


def last_of_each_week(kept: Iterable[tuple[dt.date, T]]) -> list[tuple[dt.date, T]]:
    """(Monday, item) for each week holding a version: the week's last one (input oldest first)."""
    by_week: dict[dt.date, T] = {}
    for day, item in kept:
        by_week[week_start(day)] = item  # a later version of the same week replaces an earlier one
    return sorted(by_week.items(), key=lambda item: item[0])


def status_by_week(kept: Iterable[tuple[dt.date, pd.DataFrame]], lang: str) -> pd.DataFrame:
    """One row per (week, status) with projects: week (Monday, ISO), status (code), label, n."""
    out = [
        {"week": monday.isoformat(), "status": s, "label": status_text(s, lang), "n": n}
        for monday, rows in last_of_each_week(kept)
        for s, n in _status_counts(rows).items()
    ]
    return pd.DataFrame(out, columns=["week", "status", "label", "n"])


def counts_by(rows: pd.DataFrame, column: str, lang: str) -> pd.DataFrame:
    """Projects by `column` (unit, park) and status: key, status, label, n; a blank key is named."""
    keys = rows[column].where(rows[column].str.strip() != "", t("chart_blank", lang))
    grouped = rows.assign(key=keys).groupby(["key", "status"]).size()
    out = [
        {"key": key, "status": s, "label": status_text(s, lang), "n": int(n)}
        for (key, s), n in grouped.items()
        if s in ledger.STATUSES
    ]
    return pd.DataFrame(out, columns=["key", "status", "label", "n"])


def days_overdue(rows: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """Days past the deadline of each overdue project (index kept; other rows left out)."""
    late = rows[(rows["status"] == ledger.OVERDUE) & rows["deadline"].notna()]
    return (pd.Timestamp(as_of) - late["deadline"]).dt.days.clip(lower=1)


def overdue_by_age(rows: pd.DataFrame, as_of: dt.date, lang: str) -> pd.DataFrame:
    """Overdue projects by how long overdue: bucket (label), order, n — every bucket, 0 included."""
    days = days_overdue(rows, as_of)
    out, low = [], 0
    for order, (high, key) in enumerate(AGE_BUCKETS):
        n = int(((days > low) & (days <= high)).sum()) if high is not None else int((days > low).sum())
        out.append({"bucket": t(key, lang), "order": order, "n": n})
        low = high or low
    return pd.DataFrame(out, columns=["bucket", "order", "n"])


def _status_counts(rows: pd.DataFrame) -> dict[str, int]:
    counts = rows["status"].value_counts()
    return {s: int(counts[s]) for s in ledger.STATUSES if s in counts}


# --------------------------------------------------------------------------- Vega-Lite specs


def _status_colour(lang: str) -> alt.Color:
    """The status colours of the map and the KPI strip, legend in rule order."""
    labels = [status_text(s, lang) for s in ledger.STATUSES]
    return alt.Color(
        "label:N",
        title=t("chart_status", lang),
        scale=alt.Scale(domain=labels, range=[status_color(s) for s in ledger.STATUSES]),
        sort=labels,
    )


def _order() -> alt.Order:
    return alt.Order("rank:Q")  # stacks in rule order, 正常 at the bottom


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(rank=[ledger.STATUSES.index(s) for s in frame["status"]])


def _dressed(chart: alt.Chart, title: str, height: int) -> alt.Chart:
    return (
        chart.properties(title=title, height=height, width="container")
        .configure(font=FONT)
        .configure_axis(labelFontSize=13, titleFontSize=13, labelLimit=220)
        .configure_legend(labelFontSize=13, titleFontSize=13, orient="bottom")
        .configure_title(fontSize=15, anchor="start")
    )


def week_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Stacked bars: projects by status, one bar per week."""
    chart = (
        alt.Chart(_ranked(frame))
        .mark_bar(size=48)  # one week or fifty: a bar stays a bar, not a wall
        .encode(
            x=alt.X("week:O", title=t("chart_week", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("n:Q", title=t("chart_count", lang), stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=_status_colour(lang),
            order=_order(),
            tooltip=[alt.Tooltip("week:O", title=t("chart_week", lang)), "label:N", "n:Q"],
        )
    )
    return _dressed(chart, t("chart_by_week", lang), 260)


def breakdown_chart(frame: pd.DataFrame, title: str, axis_title: str, lang: str) -> alt.Chart:
    """Horizontal stacked bars: projects of each unit (or park) by status, the largest first."""
    chart = (
        alt.Chart(_ranked(frame))
        .mark_bar()
        .encode(
            y=alt.Y("key:N", title=axis_title, sort="-x"),
            x=alt.X("sum(n):Q", title=t("chart_count", lang), axis=alt.Axis(tickMinStep=1)),
            color=_status_colour(lang),
            order=_order(),
            tooltip=[alt.Tooltip("key:N", title=axis_title), "label:N", "n:Q"],
        )
    )
    # autosize "fit" puts the title, axis and legend inside the height too: 130 px for them
    return _dressed(chart, title, 130 + 34 * max(frame["key"].nunique(), 2))


def age_chart(frame: pd.DataFrame, title: str, lang: str) -> alt.Chart:
    """Bars: overdue projects by how long overdue, in the overdue red."""
    buckets: Sequence[str] = list(frame.sort_values("order")["bucket"])
    chart = (
        alt.Chart(frame)
        .mark_bar(color=status_color(ledger.OVERDUE))
        .encode(
            x=alt.X("bucket:N", title=t("chart_days", lang), sort=buckets, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("n:Q", title=t("chart_count", lang), axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("bucket:N", title=t("chart_days", lang)), "n:Q"],
        )
    )
    return _dressed(chart, title, 220)
