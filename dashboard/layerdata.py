"""Layer data the browser fetches by URL, once per data version (issue 12). No streamlit here.

Why: streamlit-folium resends the whole map script and every overlay group on each rerun that
changes them (../shared/DESIGN.md §7), so 10,000 firms inline cost megabytes per click. Instead
the page puts each layer's compact payload here, under the hash of its content, and the map
fetches `/layerdata/<hash>.json` (served by launcher.py through `route`), keeps it, and draws it
on its own; a rerun sends only the small URL. A new data version is a new hash, so a response is
cached forever.

The boundary holds here too: a payload is stored with the audience it was built for, and the
route sends an internal one only to a request whose session cookie is signed in. The payload is
built from the catalog a session may see (dashboard/audience.py), so a public one holds nothing
internal; the hash alone is not treated as a secret.

Compact: per feature only geometry (rounded to 1e-6° ≈ 0.1 m) and id, kind, names, 示意 and a
note; the tooltip is built in the browser with textContent (dashboard/layerload.js).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import shapely

from dashboard.geodata import LayerData
from dashboard.layer_geometry import geojson_geometries
from dashboard.sites import flag

ROUTE = "/layerdata"
DIGITS = 6  # 1e-6° ≈ 0.1 m: finer than any screen shows
PROPERTY_COLUMNS = ("id", "kind", "name_zh", "name_en", "confidence", "tip_note", "demo", "changed")
KEEP = 64  # payloads kept (layers × languages × basemaps × versions); the oldest is dropped first


def _round(coords):
    if isinstance(coords, (int, float)):
        return round(coords, DIGITS)
    return [_round(c) for c in coords]


def _rounded_xy(x: float, y: float) -> list[float]:
    return [round(x, DIGITS), round(y, DIGITS)]


def _geometry(geom) -> dict:
    if geom.geom_type == "Point":
        return {"type": "Point", "coordinates": [round(geom.x, DIGITS), round(geom.y, DIGITS)]}
    gi = geom.__geo_interface__
    return {"type": gi["type"], "coordinates": _round(gi["coordinates"])}


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _column(gdf, name: str) -> list:
    return gdf[name].tolist() if name in gdf else [None] * len(gdf)


def _properties(data: LayerData, keep) -> list[dict]:
    """The compact properties of the kept rows (see payload), column by column."""
    gdf = data.gdf
    cols = {c: [v for v, k in zip(_column(gdf, c), keep, strict=True) if k] for c in PROPERTY_COLUMNS}
    out = []
    for i, fid in enumerate(cols["id"]):
        props: dict[str, object] = {"id": _text(fid), "kind": _text(cols["kind"][i]), "layer": data.spec.id}
        for key, col in (("n", "name_zh"), ("e", "name_en"), ("t", "tip_note")):
            if text := _text(cols[col][i]):
                props[key] = text
        if cols["confidence"][i] == "approximate":
            props["a"] = 1
        for key, col in (("d", "demo"), ("c", "changed")):
            if cols[col][i] is not None and flag(cols[col][i]):
                props[key] = 1
        out.append(props)
    return out


def payload(data: LayerData, shift: Callable | None = None) -> bytes:
    """The layer as GeoJSON with compact properties: id, kind, layer, n (name zh), e (name en),
    a (1: approximate), d (1: demo data, badged), c (1: changed since the last meeting, ringed),
    t (a note, e.g. a project's status and deadline). Features without
    geometry (a project in the table only) are left out."""
    geoms = data.gdf.geometry.values
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms)) if len(geoms) else np.zeros(0, bool)
    kept = geoms[keep]
    if shift is not None:
        kept = np.array([shift(g) for g in kept], dtype=object)
    feats = [
        {"type": "Feature", "geometry": g, "properties": p}
        for g, p in zip(geojson_geometries(kept, _geometry, _rounded_xy), _properties(data, keep), strict=True)
    ]
    doc = {"type": "FeatureCollection", "features": feats}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# Counts by frame (id → (weak reference, count)): every rerun of the map asks several times per
# layer, and a count walks every geometry (100,000 firms: ~10 ms a click). Weak: an old data
# version's frame is not kept alive by its count.
_counts: dict[int, tuple[weakref.ref, int]] = {}
_counts_lock = threading.Lock()


def count(data: LayerData) -> int:
    """Features the layer draws (with a geometry), worked out once per frame."""
    gdf = data.gdf
    with _counts_lock:
        hit = _counts.get(id(gdf))
    if hit is not None and hit[0]() is gdf:
        return hit[1]
    geoms = gdf.geometry
    n = int((~(geoms.isna() | shapely.is_empty(geoms.values))).sum()) if len(geoms) else 0
    with _counts_lock:
        for key in [k for k, (ref, _) in _counts.items() if ref() is None]:  # frames gone since
            del _counts[key]
        _counts[id(gdf)] = (weakref.ref(gdf), n)
    return n


class Store:
    """Payloads by content hash, with the audience each was built for (thread-safe, bounded)."""

    def __init__(self, keep: int = KEEP):
        self._items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep

    def put(self, body: bytes, audience: str) -> str:
        """Store `body` (gzip-compressed once here) and return its hash, the name in its URL."""
        digest = hashlib.sha256(audience.encode() + b"\0" + body).hexdigest()[:32]
        with self._lock:
            if digest in self._items:
                self._items.move_to_end(digest)
            else:
                self._items[digest] = (gzip.compress(body, 6, mtime=0), audience)
                while len(self._items) > self._keep:
                    self._items.popitem(last=False)
        return digest

    def get(self, digest: str) -> tuple[bytes, str] | None:
        with self._lock:
            return self._items.get(digest)


STORE = Store()  # one per server process: the page script puts, launcher.py's route gets


def url(digest: str) -> str:
    return f"{ROUTE}/{digest}.json"


_memo: OrderedDict[tuple, tuple[object, str]] = OrderedDict()  # (frame id, …) → (frame, hash)
_memo_lock = threading.Lock()


def publish(data: LayerData, shift: Callable | None, shift_key: str, store: Store = STORE) -> str:
    """The URL of the layer's payload, stored in `store` for the layer's audience. Built once per
    data version: a rerun with the same (cached) frame costs a dictionary look-up, not a pass over
    its features. `shift_key` names the display shift (the basemap)."""
    key = (id(data.gdf), data.spec.id, data.spec.audience, shift_key)
    with _memo_lock:
        hit = _memo.get(key)
    if hit is not None and hit[0] is data.gdf and store.get(hit[1]) is not None:
        return url(hit[1])
    digest = store.put(payload(data, shift), data.spec.audience)
    with _memo_lock:
        _memo[key] = (data.gdf, digest)  # holding the frame keeps its id from being reused
        while len(_memo) > KEEP:
            _memo.popitem(last=False)
    return url(digest)
