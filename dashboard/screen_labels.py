"""What a tour stop is about, for the screen: its layer (the legend shows that layer's rows) and a name
label on each of its features, large enough for the room (issue 10: "nobody in the room can tell which
dot is which"). Only the stop's own features get labels; a layer the map labels anyway (the parks)
gets none twice. The labels are written by screen.js with textContent: names are never HTML."""

from __future__ import annotations

import pandas as pd

from dashboard.geodata import LayerData
from dashboard.mapview import label_anchor, labelled
from dashboard.sites import flag
from dashboard.text import pick

MAX_LABELS = 12  # a stop about a layer of hundreds of features labels none of them: a wall of names helps nobody


def _label(row, lang: str, shift) -> dict | None:
    geom = row.geometry
    if geom is None or geom.is_empty:
        return None
    geom = shift(geom) if shift else geom
    point = geom.geom_type == "Point"  # a point's label beside it, an area's above its top edge
    x, y = (geom.x, geom.y) if point else (label_anchor(geom)[0], geom.bounds[3])
    name = pick(getattr(row, "name_zh", "") or "", getattr(row, "name_en", "") or "", lang)
    if not name:
        return None
    approx = getattr(row, "confidence", "") == "approximate"
    demo = flag(getattr(row, "demo", None))  # a demo row is never mistaken for a real site
    return {"at": [round(y, 6), round(x, 6)], "text": str(name), "point": point, "approx": approx, "demo": demo}


def inside(gdf, area, fid: str):
    """The rows of `gdf` (other than `fid`) lying within `area` (none when it is not an area)."""
    if area is None or area.is_empty or area.geom_type not in ("Polygon", "MultiPolygon"):
        return gdf.iloc[0:0]
    within = gdf.geometry.apply(lambda g: g is not None and not g.is_empty and area.contains(g))
    return gdf[within & (gdf["id"] != fid)]


def focus(stop: dict, layers: dict[str, LayerData], lang: str, shift=None) -> dict:
    """{"layer": the layer the stop is about, "labels": [{at, text, point, approx, demo}, ...]} for screen.js."""
    if stop.get("layer"):
        lid = stop["layer"]
        rows = layers[lid].gdf if lid in layers else None
    else:
        hit = [(k, d.gdf[d.gdf["id"] == stop.get("feature")]) for k, d in layers.items() if not d.gdf.empty]
        lid, rows = next(((k, r) for k, r in hit if not r.empty), ("", None))
        if rows is not None:  # and what lies inside it on its layer: the campus and its Buildings 7 and 11
            rows = pd.concat([rows, inside(layers[lid].gdf, rows.geometry.iloc[0], str(stop.get("feature")))])
    if rows is None or labelled(layers[lid]) or len(rows) > MAX_LABELS:
        return {"layer": lid, "labels": []}
    labels = [_label(row, lang, shift) for row in rows.itertuples(index=False)]
    return {"layer": lid, "labels": [x for x in labels if x is not None]}
