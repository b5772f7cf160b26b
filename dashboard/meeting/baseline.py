"""Which kept ledger version 本周变化 compares with: the one current at the last weekly meeting
(`[meeting]` weekday and time in config.toml, the server's local time). No streamlit here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dashboard.config import WEEKDAYS, Config
from dashboard.store import Version


def meeting_clock(cfg: Config) -> tuple[int, dt.time]:
    """The meeting's weekday (0 = Monday) and time of day from `[meeting]`."""
    hour, minute = cfg["meeting"]["time"].split(":")
    return WEEKDAYS.index(cfg["meeting"]["weekday"]), dt.time(int(hour), int(minute))


def last_meeting(now: dt.datetime, weekday: int, at: dt.time) -> dt.datetime:
    """The latest meeting start at or before `now` (in `now`'s time zone): a meeting that starts
    this very minute is the last one; a minute before it, last week's is."""
    day = now.date() - dt.timedelta(days=(now.weekday() - weekday) % 7)
    start = dt.datetime.combine(day, at, tzinfo=now.tzinfo)
    return start if start <= now else start - dt.timedelta(days=7)


def baseline(versions: Sequence[Version], meeting: dt.datetime) -> Version | None:
    """The newest version kept at or before `meeting` (what the meeting saw); when none is that old,
    the oldest version; None when nothing is kept."""
    if not versions:
        return None
    ordered = sorted(versions, key=lambda v: (v.created_at, v.version))
    before = [v for v in ordered if v.created_at <= meeting]
    return before[-1] if before else ordered[0]


def local_time(ver: Version) -> str:
    """When a version was kept, on this server's clock, to the minute (as the page lists it)."""
    return ver.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
