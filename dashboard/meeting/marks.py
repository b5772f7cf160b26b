"""本周变化 on the map: changed projects carry a flag (`changed`) that the layer's payload sends as
`c` and dashboard/layerload.js draws as a dashed violet ring, with the change named in the
tooltip; and the screen tour's stop that shows them. The flag lives in the layer's data, so the
map's HTML stays byte-stable: a new set of changes is a new payload URL. No streamlit here."""

from __future__ import annotations

import dataclasses

from dashboard import screen
from dashboard.geodata import LayerData
from dashboard.meeting import report
from dashboard.meeting.changes import REMOVED, Change

FLAG = "changed"  # the column layerdata.payload sends as `c`


def marked(data: LayerData, changes: list[Change], lang: str) -> LayerData:
    """The projects layer with its changed items flagged and their change added to the tooltip (the
    changes kept in its meta for the screen's tour stop)."""
    by_id = {c.id: c for c in changes if c.group != REMOVED}
    if not by_id or data.gdf.empty:
        return data
    gdf = data.gdf.copy()
    hit = gdf["id"].isin(list(by_id))
    gdf[FLAG] = hit
    if "tip_note" in gdf:
        gdf.loc[hit, "tip_note"] = [
            " · ".join(x for x in (str(note or ""), report.tip(by_id[fid], lang)) if x)
            for fid, note in zip(gdf.loc[hit, "id"], gdf.loc[hit, "tip_note"], strict=True)
        ]
    return dataclasses.replace(data, gdf=gdf, meta={**data.meta, "changes": changes})


def tour_stop(data: LayerData | None, lang: str, shift=None) -> list[dict]:
    """[the tour's "changes since the last meeting" stop] for a layer `marked` has flagged, framing
    its changed items; [] when nothing changed or no changed item is located."""
    changes = data.meta.get("changes") if data is not None else None
    if data is None or not changes or FLAG not in data.gdf:
        return []
    shown = data.gdf[data.gdf[FLAG].fillna(False).astype(bool)]
    caption = report.tour_caption(changes, lang)
    stop = {"layer": "changes", "feature": "", "zoom": None, "caption_zh": caption, "caption_en": caption}
    stops, _ = screen.resolve_stops([stop], {"changes": dataclasses.replace(data, gdf=shown)}, lang, shift)
    return stops
