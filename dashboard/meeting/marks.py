"""本周变化 on the map: changed projects carry a flag (`changed`) that the layer's payload sends as
`c` and dashboard/layerload.js draws as a dashed violet ring, with the change named in the
tooltip; and the screen tour's stop that shows them. The flag lives in the layer's data, so the
map's HTML stays byte-stable: a new set of changes is a new payload URL. No streamlit here."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from html import escape

import folium
from branca.element import MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from dashboard import screen
from dashboard.geodata import LayerData
from dashboard.mapview import _style_dict
from dashboard.meeting import report
from dashboard.meeting.changes import REMOVED, Change
from dashboard.strings import t
from layers.projects import CHANGED_RING

FLAG = "changed"  # the column layerdata.payload sends as `c`
RING = CHANGED_RING  # dashboard/layerload.js draws it, mapfetch sends it


def legend(datas: Iterable[LayerData], lang: str) -> str:
    """The map legend's line for the ring, on every internal war map (whether or not anything changed:
    the legend is part of the base map, which must not change when the data does)."""
    if not any(d.spec.id == "projects" and d.spec.audience == "internal" for d in datas):
        return ""
    swatch = f'<i class="sw" style="border-radius:50%;border:calc(2px * var(--fit, 1)) dashed {RING}"></i>'
    return f'<div class="legend-changed">{swatch}{escape(t("changes_legend", lang))}</div>'


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
    return [{**s, "layer": data.spec.id} for s in stops]  # the legend shows the projects' rows


class LeadStops(MacroElement):
    """In the ring group: hands the screen's tour (dashboard/screen.js) its leading stop, the changes
    since the last meeting ([] when none), outside the base map, so new changes do not reload it."""

    _template = Template("""
    {% macro script(this, kwargs) %}
    if (window.htzTour) { window.htzTour.lead({{ this.stops_json }}); }
    {% endmacro %}
    """)

    def __init__(self, stops: list[dict]):
        super().__init__()
        self._name = "LeadStops"
        self.stops_json = htmlsafe_json_dumps(stops, separators=(",", ":"), sort_keys=True)


def ring_group(data: LayerData | None, scale: float = 1.0, shift=None, lang: str = "zh") -> folium.FeatureGroup | None:
    """The rings as an inline overlay group, for a map whose layers are not fetched by URL (the
    meeting-room screen): the same ring layerload.js draws, under no click, and the tour's changes
    stop. On every internal war map, empty when nothing changed: the map's groups keep their number
    when the changes come and go."""
    if data is None or data.spec.audience != "internal":
        return None
    fg = folium.FeatureGroup(name="changes", show=True, control=False)
    LeadStops(tour_stop(data, lang, shift)).add_to(fg)
    flagged = data.gdf[data.gdf[FLAG].fillna(False).astype(bool)] if FLAG in data.gdf else data.gdf.iloc[0:0]
    for _, f in flagged.iterrows():
        if f.geometry is None or f.geometry.is_empty or f.geometry.geom_type != "Point":
            continue
        st = _style_dict(data.spec.styles.get(f["kind"], data.spec.style), scale)
        g, w = shift(f.geometry) if shift else f.geometry, max(2.0, st["weight"] * 0.6)
        folium.CircleMarker(
            [round(g.y, 6), round(g.x, 6)],
            radius=st["radius"] * 1.6,
            color=RING,
            weight=w,
            dash_array=f"{3 * w:g} {2 * w:g}",
            fill=False,
            interactive=False,
        ).add_to(fg)
    return fg
