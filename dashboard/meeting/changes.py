"""本周变化: what changed in the ledger between the baseline version and now, item by item (rows
matched by 项目编号). Each changed item is listed once, under the group of its weightiest change
(GROUPS order: a deadline moved into the past is a deadline move that also turned it 逾期), with
every other change beside it. No streamlit here; the words are in dashboard/meeting/report.py."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard import ledger

NEW, CLOSED, DEADLINE, STATUS, OWNER, PROGRESS, REMOVED = (
    "new",
    "closed",
    "deadline",
    "status",
    "owner",
    "progress",
    "removed",
)
GROUPS = (NEW, CLOSED, DEADLINE, STATUS, OWNER, PROGRESS, REMOVED)  # the section's order

Pair = tuple  # (before, after)


@dataclass(frozen=True)
class Change:
    id: str
    name: str
    group: str  # one of GROUPS
    status: Pair | None = None  # status codes; for a new item (None, now), for a removed one (then, None)
    deadline: Pair | None = None  # 完成时限 as written (deadline_text)
    moves: int = 0  # times this item's 完成时限 moved since it first appeared (all kept versions)
    progress: Pair | None = None  # percent, None = not reported
    unit: Pair | None = None  # 责任单位
    post: Pair | None = None  # 责任岗位
    deadline_now: str = ""  # a new item's 完成时限


def _progress(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def deadline_key(row: dict) -> str:
    """What counts as the deadline: the date when one is parsed (2027-6-30 = 2027-06-30), else the text."""
    d = row.get("deadline")
    return d.date().isoformat() if isinstance(d, pd.Timestamp) and not pd.isna(d) else str(row.get("deadline_text"))


def _pair(before, after) -> Pair | None:
    return None if before == after else (before, after)


def _by_id(rows: pd.DataFrame) -> dict[str, dict]:
    return {r["id"]: r for r in rows.to_dict("records")}


def _changed(old: dict, new: dict, moves: int) -> Change | None:
    status = _pair(old["status"], new["status"])
    moved = deadline_key(old) != deadline_key(new)
    facets: dict[str, Any] = {
        "status": status,
        "deadline": (old["deadline_text"], new["deadline_text"]) if moved else None,
        "progress": _pair(_progress(old["progress"]), _progress(new["progress"])),
        "unit": _pair(old["unit"], new["unit"]),
        "post": _pair(old["post"], new["post"]),
    }
    if not any(facets.values()):
        return None
    if status and status[1] == ledger.DONE:
        group = CLOSED
    elif moved:
        group = DEADLINE
    elif status:
        group = STATUS
    elif facets["unit"] or facets["post"]:
        group = OWNER
    else:
        group = PROGRESS
    return Change(new["id"], new["name"], group, moves=moves if moved else 0, **facets)


def diff(before: pd.DataFrame, after: pd.DataFrame, moves: dict[str, int] | None = None) -> list[Change]:
    """The changed items, in GROUPS order, each group in the ledger's order. `moves`: deadline moves
    per id over all kept versions (`deadline_moves`)."""
    old, new, moves = _by_id(before), _by_id(after), moves or {}
    out = []
    for fid, row in new.items():
        if fid not in old:
            out.append(Change(fid, row["name"], NEW, status=(None, row["status"]), deadline_now=row["deadline_text"]))
        elif (change := _changed(old[fid], row, moves.get(fid, 1))) is not None:
            out.append(change)
    out += [
        Change(fid, row["name"], REMOVED, status=(row["status"], None)) for fid, row in old.items() if fid not in new
    ]
    return sorted(out, key=lambda c: GROUPS.index(c.group))  # stable: the ledger's order within a group


def deadline_moves(versions: Iterable[pd.DataFrame]) -> dict[str, int]:
    """For each item, how many times its 完成时限 changed from one kept version to the next one it
    appears in (oldest first), since it first appeared."""
    last: dict[str, str] = {}
    moves: dict[str, int] = {}
    for rows in versions:
        for r in rows.to_dict("records"):
            key = deadline_key(r)
            if r["id"] in last and last[r["id"]] != key:
                moves[r["id"]] = moves.get(r["id"], 0) + 1
            last[r["id"]] = key
    return moves


def changed_ids(changes: Iterable[Change]) -> set[str]:
    """Items still in the ledger that changed (what the map marks)."""
    return {c.id for c in changes if c.group != REMOVED}
