"""重点项目: the weekly war map's projects (作战图), from the project ledger (工作台账), coloured by status.

Derived, never stored under data/geo: dashboard/warmap.py builds it from the ledger each time the
file changes. A project is drawn at its own 经度/纬度, or at the map feature whose id equals its
项目编号; a project with neither is listed in the table only. The status is computed from the
deadline and the ledger's as-of date (dashboard/ledger/status.py), never typed.

A feature's `kind` is its status code (ok, at_risk, overdue, no_deadline, done: the same codes as
dashboard/ledger/status.py; a test checks they agree — layers/ imports nothing from dashboard/).
"""

from layers.base import Kind, LayerSpec, Style
from layers.text import Text

# status code: (colour, legend zh, legend en) — each style beside its legend text
CHANGED_RING = "#7c3aed"  # 本周变化: the ring round a changed item (violet: no status or layer colour)

STATUS_KINDS = {
    "ok": ("#2e7d32", "项目 · 正常", "Project · on track"),  # green
    "at_risk": ("#f59e0b", "项目 · 滞后", "Project · at risk"),  # amber
    "overdue": ("#c62828", "项目 · 逾期", "Project · overdue"),  # red
    "no_deadline": (
        "#0097a7",
        "项目 · 时限待定",
        "Project · no deadline",
    ),  # cyan: a gap in 定时, neither on track nor late
    "done": ("#9e9e9e", "项目 · 已完成", "Project · done"),  # grey
}

SPEC = LayerSpec(
    id="projects",
    label=Text("重点项目(作战图)", "Key projects (war map)"),
    geometry="point",
    source=None,
    required_fields=(),
    # a thick ring in the status colour: not to be mistaken for the solid dots of other layers
    # (the supercomputing candidate buildings are red dots too); unfilled, so clicks inside reach
    # the feature under it
    kinds={
        code: Kind(Style(color=c, fill_color=c, weight=5, fill_opacity=0, radius=14), Text(zh, en))
        for code, (c, zh, en) in STATUS_KINDS.items()
    },
    z_order=80,
    audience="internal",  # owners, deadlines, problems: the internal war map
    panel="project",  # owner, post, deadline, progress, land stage
)


# What a visitor may see of the ledger: the rows marked 公开 (with an English name), as plain points
# with their name, park and position — no owner, post, deadline, progress, status or problem.
PUBLIC_SPEC = LayerSpec(
    id="projects",
    label=Text("重点项目", "Key projects"),
    geometry="point",
    source=None,
    required_fields=(),
    kinds={
        "project": Kind(
            Style(color="#ffffff", fill_color="#37474f", weight=2, fill_opacity=0.95, radius=8),
            Text("重点项目(公开)", "Key project (public)"),
        )
    },
    z_order=80,
    audience="public",
    panel="facts",
)


def status_color(code: str) -> str:
    """The colour a status is drawn in (map rings, KPI tiles, badges, the table)."""
    return SPEC.kinds[code].style.fill_color
