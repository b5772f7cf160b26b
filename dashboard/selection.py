"""The selected feature: one value, built from whatever picked it. No streamlit here.

Every source of a selection — a map click, a row of the projects table, the search box, a sent
link (`?select=layer/id`) — turns into a `Selection`; the page has one function that stores it.
The "layer/id" text (search-box value, URL parameter) is made by `str()` and read by `parse`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    layer: str
    fid: str

    def __str__(self) -> str:
        return f"{self.layer}/{self.fid}"

    def __iter__(self):  # (layer, fid): unpacks where a layer and an id are asked for
        return iter((self.layer, self.fid))


def parse(text: object) -> Selection | None:
    """ "layer/id" (a search-box value or a URL parameter) → Selection; None for anything else."""
    if not isinstance(text, str):
        return None
    layer, sep, fid = text.partition("/")
    return Selection(layer, fid) if sep and layer and fid else None


def from_click(returned: Mapping | None) -> Selection | None:
    """The feature a map click picked, from st_folium's return value.

    The component puts the clicked layer's `toGeoJSON()` in `last_active_drawing`; our features
    carry `layer` and `id` properties (written by dashboard.mapview). A click on anything else
    (the offline basemap's districts carry neither) picks nothing.
    """
    drawing = (returned or {}).get("last_active_drawing") or {}
    props = drawing.get("properties") or {}
    layer, fid = props.get("layer"), props.get("id")
    if isinstance(layer, str) and isinstance(fid, str) and layer and fid:
        return Selection(layer, fid)
    return None


def from_row(layer: str, ids: Sequence[str], state: Mapping | None) -> Selection | None:
    """The feature of the row picked in a table, from st.dataframe's selection state.

    `ids` are the feature ids of the rows as the table showed them (filtered, in order); a
    cleared selection or a row number the table no longer has picks nothing."""
    rows = list(((state or {}).get("selection") or {}).get("rows") or [])
    if rows and 0 <= rows[0] < len(ids):
        return Selection(layer, str(ids[rows[0]]))
    return None
