"""The selection in the page's session: one writer (`select`), every source a callback (map click,
search box, table row, the ?select= link read once per session), and the widget keys they share."""

from __future__ import annotations

import streamlit as st

from dashboard import catalog, selection, warmap
from dashboard.selection import Selection
from layers import REGISTRY

SELECTED, FOCUS = "selection", "map_focus"  # the selected feature; the one the map centres on
LOCKED = "link_needs_signin"  # a sent link named something this session may not see
LANG_ASKED = "_lang_asked"  # ?lang= as the session first asked for it (a note when unknown)
PICK, MAP_KEY, TABLE_KEY = "pick", "map", "projects_table"  # widget keys: search box, map, table
FIND = "find"  # the search box's text (shown when there are more features than it lists)


def select(sel: Selection | None, focus: bool = True) -> None:
    """The one place the selection is stored. The panel, the map's highlight, the search box and
    the address bar follow it; `focus`: the map also centres on it (not for a map click: the
    feature is already in view, and a pan would pull the map from under the mouse)."""
    state = st.session_state
    state[SELECTED] = sel
    state[PICK] = str(sel) if sel else ""
    if focus:
        state[FOCUS] = sel


def read_link(cat: catalog.Catalog) -> None:
    """A sent link (?select=layer/id) selects and centres that feature, on a session's first run.
    A feature of a layer this session may not see is not named back: the page only asks to sign in
    (a feature missing from a layer the session has just opens the page without a selection)."""
    if SELECTED not in st.session_state:
        sel = selection.parse(st.query_params.get("select"))
        found = sel is not None and cat.feature(*sel) is not None
        st.session_state[LOCKED] = sel is not None and not found and _held_back(cat, sel.layer)
        select(sel if found else None)


def _held_back(cat: catalog.Catalog, layer: str) -> bool:
    """This session is sent less of `layer` than there is: none of it, or its public part only."""
    spec = REGISTRY.get(layer)
    shown = cat.layers.get(layer)
    return spec is not None and (shown is None or shown.spec.audience != spec.audience)


def on_map_click() -> None:
    hit = selection.from_click(st.session_state.get(MAP_KEY))
    if hit:
        select(hit, focus=False)


def on_pick() -> None:
    select(selection.parse(st.session_state.get(PICK)))


def on_table_select(ids: list[str]) -> None:
    """`ids`: the projects as the table showed them when the row was picked."""
    hit = selection.from_row(warmap.LAYER, ids, st.session_state.get(TABLE_KEY))
    if hit:
        select(hit)


def current(cat: catalog.Catalog, key: str = SELECTED) -> Selection | None:
    """The stored selection (or focus), if the data still holds that feature."""
    sel = st.session_state.get(key)
    return sel if sel and cat.feature(*sel) is not None else None
