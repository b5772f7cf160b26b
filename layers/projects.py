"""重点项目: the weekly war map's projects (作战图), from the project ledger (工作台账), coloured by status.

Derived, never stored under data/geo: dashboard/warmap.py builds it from the ledger each time the
file changes. A project is drawn at its own 经度/纬度, or at the map feature whose id equals its
项目编号; a project with neither is listed in the table only. The status is computed from the
deadline and today's date (dashboard/ledger.py), never typed.
"""

from dashboard.ledger import (STATUS_AT_RISK, STATUS_COLORS, STATUS_DONE, STATUS_EN, STATUS_NO_DEADLINE,
                              STATUS_OK, STATUS_OVERDUE)
from layers.base import Kind, LayerSpec, Style
from layers.text import Text

# feature `kind` for each status: ASCII, it travels to the browser as a property
KIND_OF_STATUS = {STATUS_OK: "ok", STATUS_AT_RISK: "at_risk", STATUS_OVERDUE: "overdue",
                  STATUS_NO_DEADLINE: "no_deadline", STATUS_DONE: "done"}

SPEC = LayerSpec(
    id="projects",
    label=Text("重点项目(作战图)", "Key projects (war map)"),
    geometry="point",
    source=None,
    required_fields=(),
    # a thick ring in the status colour: not to be mistaken for the solid dots of other layers
    # (the supercomputing candidate buildings are red dots too)
    kinds={kind: Kind(Style(color=STATUS_COLORS[status], fill_color=STATUS_COLORS[status], weight=5,
                            fill_opacity=0, radius=14),  # a ring: clicks inside reach the feature under it
                      Text(f"项目 · {status}", f"Project · {STATUS_EN[status]}"))
           for status, kind in KIND_OF_STATUS.items()},
    z_order=80,
    audience="internal",  # owners, deadlines, problems: the internal war map
    panel="project",      # owner, post, deadline, progress, land stage
)
