"""Overlay groups that carry a URL instead of data (issue 12): the map fetches each layer once per
data version and keeps it (dashboard/layerload.js; the data: dashboard/layerdata.py). No streamlit."""

from __future__ import annotations

from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from dashboard import layerdata
from dashboard.geodata import LayerData
from dashboard.map_elements import JsScript
from dashboard.mapview import _style_dict
from dashboard.strings import t
from layers.base import LayerSpec
from layers.projects import CHANGED_RING

LOAD_JS = Path(__file__).with_name("layerload.js").read_text(encoding="utf-8")
CANVAS_FROM = 1000  # features on the map from which every vector is drawn on one canvas
# A point layer past CELLS_FROM features is counted in squares of CELL_PX pixels wherever more than
# DETAIL_UP_TO of its points are in view (dashboard/layerload.js): 100,000 firms as single points
# take the browser seconds to build and draw and are a blur at the zone's scale; 10,000 took 0.6 s
# of a 3.3 s first paint (issue 12), counting them in squares a few milliseconds.
CELL_PX, DETAIL_UP_TO = 64, 5_000
CELLS_FROM = DETAIL_UP_TO  # a layer that could never have more points in view is always drawn whole


def in_cells(data: LayerData) -> bool:
    """Whether the map counts this layer in squares at low zoom (the page says so)."""
    return data.spec.geometry == "point" and layerdata.count(data) > CELLS_FROM


def add_loader(m: folium.Map) -> None:
    """The loader in the base map (byte-stable: it holds no data)."""
    JsScript(LOAD_JS, name="LayerLoad", served=True).add_to(m)


class WantLayer(MacroElement):
    """In an overlay group: asks dashboard/layerload.js for a layer by URL (settings: see
    `fetched_group`); with None, only marks a batch of groups (the selection group does)."""

    _template = Template("""
    {% macro script(this, kwargs) %}
    if (window.htzLayers) { window.htzLayers.want({{ this._parent._parent.get_name() }}, {{ this.settings_json }}); }
    {% endmacro %}
    """)

    def __init__(self, settings: dict | None):
        super().__init__()
        self._name = "WantLayer"
        self.settings_json = htmlsafe_json_dumps(settings, separators=(",", ":"), sort_keys=True)


def fetched_group(
    spec: LayerSpec, url: str, lang: str, scale: float = 1.0, labels: bool = False, cells: bool = False
) -> folium.FeatureGroup:
    """A layer's overlay group that carries only its data's URL and its style: the browser fetches
    the data once and keeps it (dashboard/layerload.js); `cells`: counted in squares where many of
    its points are in view (see CELLS_FROM)."""
    fg = folium.FeatureGroup(name=spec.label.get(lang), show=True)
    settings = {
        "url": url,
        "layer": spec.id,
        "lang": lang,
        "styles": {k: _style_dict(s, scale) for k, s in spec.styles.items()},
        "style": _style_dict(spec.style, scale),
        "hover_weight": 5 * scale,
        "labels": labels,
        "approx": t("approx", lang),
        "demo": t("demo", lang),
        "ring": CHANGED_RING,  # a changed item's ring (本周变化)
    }
    if cells:
        settings["cells"] = {"px": CELL_PX, "detail": DETAIL_UP_TO, "tip": t("cell_tip", lang)}
    WantLayer(settings).add_to(fg)
    return fg


def end_of_batch(fg: folium.FeatureGroup) -> folium.FeatureGroup:
    """Mark the last group of a batch (the selection's): layers no group asked for go off the map,
    also when no layer is visible at all."""
    WantLayer(None).add_to(fg)
    return fg
