"""A layer version's content: validated features ⇄ store rows (WKB), its content hash, and the
diff between two versions (added, removed, changed ids with the fields that changed)."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field

import pandas as pd
import shapely
from shapely.geometry import mapping

from dashboard.geodata import LayerData
from dashboard.layer_geometry import geojson_geometries

# Two outlines closer than this (degrees, ≈ 1 cm here) are the same outline in a diff.
SAME_GEOMETRY_DEG = 1e-7


@dataclass(frozen=True)
class Feature:
    fid: str
    properties: dict  # JSON-ready, `id` included
    wkb: bytes


def from_layer(data: LayerData) -> list[Feature]:
    """The valid features of a validated layer, in file order (missing values left out)."""
    if data.gdf.empty:
        return []
    gdf = data.gdf
    names = [c for c in gdf.columns if c != gdf.geometry.name]
    columns = [gdf[c].tolist() for c in names]  # Python values, column by column (fast; rows are not)
    wkbs = shapely.to_wkb(gdf.geometry.values)  # one vectorised pass (gdf.to_json took seconds at 200,000)
    records = ({k: v for k, v in zip(names, row, strict=True) if not _missing(v)} for row in zip(*columns, strict=True))
    return [Feature(str(props["id"]), props, wkb) for props, wkb in zip(records, wkbs, strict=True)]


def _missing(value) -> bool:
    """A cell the feature does not have (GeoJSON's na="drop"): None, NaN or pandas' NA."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def to_doc(rows: list[Feature], meta: dict) -> dict:
    """A GeoJSON FeatureCollection (WGS-84) of stored features, for the one validation path."""
    feats = [
        {"type": "Feature", "id": r.fid, "properties": r.properties, "geometry": g}
        for r, g in zip(
            rows, geojson_geometries(shapely.from_wkb([r.wkb for r in rows]), mapping) if rows else [], strict=True
        )
    ]
    return {"type": "FeatureCollection", "metadata": meta, "features": feats}


def content_hash(rows: list[Feature]) -> str:
    """sha256 of what a version holds (ids, properties, geometry), not of the file's bytes."""
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps([r.fid, r.properties], sort_keys=True, ensure_ascii=False).encode())
        h.update(r.wkb)
    return h.hexdigest()


@dataclass
class Diff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # id → changed fields ("geometry" too)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def lines(self) -> list[str]:
        out = [f"+ {fid}" for fid in self.added] + [f"- {fid}" for fid in self.removed]
        return out + [f"~ {fid}: {', '.join(fields)}" for fid, fields in self.changed.items()]


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def _same_outline(a: bytes, b: bytes) -> bool:
    """Same vertices within SAME_GEOMETRY_DEG, whatever the ring orientation or start (a Shapefile
    writes exterior rings clockwise, GeoJSON counter-clockwise)."""
    ga, gb = shapely.normalize(shapely.from_wkb(a)), shapely.normalize(shapely.from_wkb(b))
    return bool(ga.equals_exact(gb, SAME_GEOMETRY_DEG))


def diff(old: list[Feature], new: list[Feature]) -> Diff:
    before, after = {r.fid: r for r in old}, {r.fid: r for r in new}
    out = Diff(added=[fid for fid in after if fid not in before], removed=[fid for fid in before if fid not in after])
    for fid in (f for f in after if f in before):
        a, b = before[fid], after[fid]
        keys = sorted(set(a.properties) | set(b.properties))
        fields = [k for k in keys if not _same(a.properties.get(k), b.properties.get(k))]
        if a.wkb != b.wkb and not _same_outline(a.wkb, b.wkb):
            fields.append("geometry")
        if fields:
            out.changed[fid] = fields
    return out
