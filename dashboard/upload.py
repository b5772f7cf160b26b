"""What the editors' data page needs besides the store's own API (dashboard/store): an uploaded file
on disk under its own name, the coordinate systems offered, the ledger's preview and publish, the
preview map's two layers and the diff as table rows. No streamlit here.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard import facts, ledger, warmap
from dashboard.catalog import Catalog
from dashboard.geodata import LayerData
from dashboard.store import LEDGER, Published, Store, StoreError
from dashboard.store.features import Diff
from dashboard.strings import t
from dashboard.text import Text
from layers.base import LayerSpec, Style

# The systems offered first ("" = what the file declares); any other EPSG code can be typed.
CRS_CHOICES = ("", "EPSG:4326", "EPSG:4490", "EPSG:4547", "EPSG:4526", "EPSG:32649", "EPSG:3857", "gcj02", "bd09")
CRS_LABELS = {
    "EPSG:4326": "EPSG:4326 WGS-84 经纬度 lon/lat",
    "EPSG:4490": "EPSG:4490 CGCS2000 经纬度 lon/lat",
    "EPSG:4547": "EPSG:4547 CGCS2000 3° 高斯-克吕格 CM 114°E",
    "EPSG:4526": "EPSG:4526 CGCS2000 3° 高斯-克吕格 zone 38",
    "EPSG:32649": "EPSG:32649 WGS-84 UTM 49N",
    "EPSG:3857": "EPSG:3857 Web Mercator",
    "gcj02": "GCJ-02 高德/腾讯 Gaode",
    "bd09": "BD-09 百度 Baidu",
}
UPLOAD_TYPES = ["geojson", "json", "zip", "gpkg", "kml", "kmz", "csv", "xlsx"]
LEDGER_TYPES = ["xlsx", "csv"]
CURRENT_STYLE = Style(color="#555555", fill_color="#9e9e9e", weight=2.0, fill_opacity=0.15, dash="6 4", radius=7)
NEW_STYLE = Style(color="#d62728", fill_color="#ff6b6b", weight=3.0, fill_opacity=0.3, radius=8)


def save_upload(name: str, data: bytes, folder: Path | None = None) -> Path:
    """The uploaded bytes as a file under their own name (its suffix tells the reader the format;
    the name is reduced to safe characters: it came from a browser)."""
    safe = re.sub(r"[^\w.\-]+", "_", Path(name).name).lstrip(".") or "upload"
    out = Path(folder or tempfile.mkdtemp(prefix="htz-upload-")) / safe
    out.write_bytes(data)
    return out


def preview_catalog(spec: LayerSpec, current: LayerData | None, new: LayerData, lang: str) -> Catalog:
    """The preview map's data: the current version (grey, dashed, below) and the upload (red, above)."""

    def restyle(data: LayerData, suffix: str, label: str, style: Style, z: int) -> LayerData:
        s = LayerSpec(
            id=f"{spec.id}-{suffix}",
            label=Text(label, label),
            geometry=spec.geometry,
            style=style,
            z_order=z,
            selectable=False,
        )
        return dataclasses.replace(data, spec=s)

    layers = {}
    if current is not None and not current.gdf.empty:
        layers["current"] = restyle(current, "current", t("data_map_current", lang), CURRENT_STYLE, 10)
    layers["new"] = restyle(new, "new", t("data_map_new", lang), NEW_STYLE, 90)
    return Catalog({d.spec.id: d for d in layers.values()}, facts.FactBook({}, {}))


def diff_rows(d: Diff, lang: str) -> pd.DataFrame:
    """The diff as a table: id, what happened, the fields that changed."""
    rows = [(fid, t("data_added", lang), "") for fid in d.added]
    rows += [(fid, t("data_removed", lang), "") for fid in d.removed]
    rows += [(fid, t("data_changed", lang), ", ".join(fields)) for fid, fields in d.changed.items()]
    return pd.DataFrame(rows, columns=["id", t("data_col_change", lang), t("data_col_fields", lang)])


@dataclass
class LedgerPreview:
    source_name: str
    raw: bytes
    result: ledger.LedgerResult
    base: int | None  # the ledger's current version when the preview was made
    diff: Diff
    located: LayerData | None = None  # the upload's rows on the map (own 经度/纬度, or their feature)
    current: LayerData | None = None  # the current version's rows, likewise

    def catalog(self, lang: str) -> Catalog:
        """The preview map: the current rows (grey, dashed) under the uploaded ones (red)."""
        new = self.located if self.located is not None else warmap.project_layer(self.result.rows.iloc[:0], {})
        return preview_catalog(warmap.SPEC, self.current, new, lang)

    @property
    def refused(self) -> bool:
        return self.result.rows.empty


def _records(rows: pd.DataFrame) -> dict[str, dict]:
    """id → row; the Excel row number is left out (moving a row is no change)."""
    return {str(r["id"]): r for r in rows.drop(columns=["row", "geometry"], errors="ignore").to_dict("records")}


def _no_progress(step: str, fraction: float) -> None:
    pass


def preview_ledger(
    store: Store,
    path: Path,
    bbox,
    layers: dict[str, LayerData] | None = None,
    lang: str = "zh",
    progress: Callable[[str, float], None] = _no_progress,
) -> LedgerPreview:
    """The ledger file validated (the rules of the watched file) and compared with the current
    version; with `layers` (the map's features), both versions' rows placed on the map.
    `progress(step, fraction)`: reading, validating, diffing, done — for a progress bar."""
    progress("reading", 0.05)
    base = store.current_version(LEDGER)
    raw = path.read_bytes()
    fids = warmap.map_feature_ids(layers) if layers is not None else None  # a row may sit on a feature
    progress("validating", 0.3)
    result = ledger.load_ledger(path, bbox=bbox, feature_ids=fids)
    progress("diffing", 0.6)
    got = store.ledger(base) if base is not None else None
    old_file = save_upload(got[0].source_name, got[1]) if got is not None else None
    old = ledger.load_ledger(old_file, bbox=bbox, feature_ids=fids) if old_file is not None else None
    d = ledger_diff(_records(result.rows), _records(old.rows) if old is not None else {})
    located = current = None
    if layers is not None:
        located = warmap.project_layer(result.rows, layers, lang)
        current = warmap.project_layer(old.rows, layers, lang) if old is not None else None
    progress("done", 1.0)
    return LedgerPreview(path.name, raw, result, base, d, located, current)


def ledger_diff(new: dict[str, dict], old: dict[str, dict]) -> Diff:
    """Added, removed and changed 项目编号 (with the fields that changed)."""
    d = Diff(added=[k for k in new if k not in old], removed=[k for k in old if k not in new])
    for k in (k for k in new if k in old):
        fields = [f for f in sorted(set(new[k]) | set(old[k])) if str(new[k].get(f)) != str(old[k].get(f))]
        if fields:
            d.changed[k] = fields
    return d


def publish_ledger(store: Store, pre: LedgerPreview, *, by: str) -> Published:
    """Like importer.publish: StaleVersion if the ledger changed since the preview."""
    if pre.refused:
        raise StoreError(Text("台账没有有效行,未发布,未更改任何内容", "no valid row in the ledger: nothing changed"))
    return store.publish_ledger(pre.raw, by=by, source_name=pre.source_name, base=pre.base)
