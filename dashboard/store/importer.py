"""Import a GIS file into a layer: read any format, reproject to WGS-84, validate by the one path
(dashboard.geodata.layer_from_doc), diff against the current version; publish only on request.

`preview` never writes; `publish` makes a preview current unless the layer changed since (the
preview's `base`). Formats: GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ (GDAL via pyogrio),
CSV/XLSX with coordinate columns.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import CRS

from dashboard.decode import Undecodable
from dashboard.geodata import WGS84_NAMES, LayerData, crs_name, decode, layer_from_doc
from dashboard.problems import Problem
from dashboard.store import crs as crsmod
from dashboard.store.features import Diff, diff, from_layer
from dashboard.store.store import Published, Store, StoreError
from dashboard.text import Text
from layers.base import LayerSpec

GDAL_SUFFIXES = {".geojson", ".json", ".zip", ".shp", ".gpkg", ".kml", ".kmz"}
TABLE_SUFFIXES = {".csv", ".xlsx"}
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "经度")
LAT_NAMES = ("lat", "latitude", "y", "纬度")

Progress = Callable[[str, float], None]  # (step: reading | reprojecting | validating | diffing, 0–1)


class Refused(ValueError):
    """The file cannot be read as a layer at all (format, CRS): `problems` say why."""

    def __init__(self, problems: list[Problem], guess: list[str] | None = None):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
        self.guess = guess or []


@dataclass
class Preview:
    layer: str
    source_name: str
    data: LayerData  # validated, WGS-84
    crs_used: str  # what the coordinates were read as
    base: int | None  # the layer's current version when the preview was made
    diff: Diff = field(default_factory=Diff)
    file_hash: str = ""

    @property
    def problems(self) -> list[Problem]:
        return self.data.problems

    @property
    def refused(self) -> bool:
        """A file with any error, or with no feature, is not published: nothing changes."""
        return self.data.gdf.empty or any(p.severity == "error" for p in self.problems)


def _refuse(name: str, zh: str, en: str, field_: str | None = None, guess: list[str] | None = None) -> Refused:
    return Refused([Problem(name, Text(zh, en), field=field_)], guess)


def _columns(df: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    return next((c for c in df.columns if str(c).strip().lower() in names), None)


def read_table(path: Path) -> gpd.GeoDataFrame:
    """CSV (UTF-8 or GBK) / XLSX with lon/lat (经度/纬度, x/y) columns → points without a CRS."""
    if path.suffix.lower() == ".csv":
        try:
            text, _ = decode(path.read_bytes(), path.name)
        except Undecodable as err:  # refused with the first unreadable byte's line and column
            raise Refused([Problem(path.name, err.message)]) from None
        import io

        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    else:
        df = pd.read_excel(path, dtype=str, keep_default_na=False)
    xcol, ycol = _columns(df, LON_NAMES), _columns(df, LAT_NAMES)
    if xcol is None or ycol is None:
        raise _refuse(
            path.name,
            f"找不到坐标列(经度:{'/'.join(LON_NAMES)};纬度:{'/'.join(LAT_NAMES)})",
            f"no coordinate columns (x: {'/'.join(LON_NAMES)}; y: {'/'.join(LAT_NAMES)})",
        )
    xs, ys = pd.to_numeric(df[xcol], errors="coerce"), pd.to_numeric(df[ycol], errors="coerce")
    props = df.drop(columns=[xcol, ycol]).replace("", None)
    return gpd.GeoDataFrame(props, geometry=gpd.points_from_xy(xs, ys), crs=None)


def read_any(path: Path) -> tuple[gpd.GeoDataFrame, dict]:
    """(frame with the CRS the file declares or None, the GeoJSON `metadata` member if any)."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return read_table(path), {}
    if suffix not in GDAL_SUFFIXES:
        known = ", ".join(sorted(GDAL_SUFFIXES | TABLE_SUFFIXES))
        raise _refuse(
            path.name, f"不支持的文件类型 {suffix};可用:{known}", f"unsupported file type {suffix}; use {known}"
        )
    try:  # GDAL opens a .zip Shapefile as it is
        gdf = gpd.read_file(_kmz_inner(path) if suffix == ".kmz" else path, engine="pyogrio")
    except Refused:
        raise
    except Exception as err:  # GDAL (and zipfile) raise their own error types for every format
        raise _refuse(path.name, f"无法读取:{err}", f"cannot be read: {err}") from None
    return (_kml_fields(gdf) if suffix in (".kml", ".kmz") else gdf), {}


def _kmz_inner(path: Path) -> str:
    """The KML inside a KMZ, by GDAL's zip path: LIBKML opening the .kmz itself drops ExtendedData
    whose schema is declared in the document (GDAL 3.x as shipped with pyogrio)."""
    with zipfile.ZipFile(path) as z:
        kml = next((n for n in z.namelist() if n.lower().endswith(".kml")), None)
    if kml is None:
        raise _refuse(path.name, "KMZ 中没有 KML 文件", "no KML file inside the KMZ")
    return f"/vsizip/{path}/{kml}"


# LIBKML's own per-placemark fields (display state, not data).
KML_HOUSEKEEPING = [
    "timestamp",
    "begin",
    "end",
    "altitudeMode",
    "tessellate",
    "extrude",
    "visibility",
    "drawOrder",
    "icon",
]


def _kml_fields(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """LIBKML reads the <Placemark id> as `id` and an ExtendedData `id` as `id2`: the data's id wins."""
    out = gdf.drop(columns=[c for c in KML_HOUSEKEEPING if c in gdf.columns])
    if "id2" in out.columns:
        out = out.rename(columns={"id": "kml_placemark_id", "id2": "id"})
    return out


def _geojson_doc(path: Path) -> tuple[dict, list[Problem]] | None:
    """A GeoJSON file that is WGS-84 as it stands, parsed like a watched file (metadata kept); None otherwise."""
    if path.suffix.lower() not in (".geojson", ".json"):
        return None
    try:
        text, problems = decode(path.read_bytes(), path.name)
        doc = json.loads(text)
    except (ValueError, OSError):
        return None  # GDAL gets to say what is wrong
    if not isinstance(doc, dict) or (crs_name(doc) or "EPSG:4326") not in WGS84_NAMES:
        return None
    return doc, problems


def to_layer(
    spec: LayerSpec, path: Path, bbox, crs: str | None = None, progress: Progress | None = None
) -> tuple[LayerData, str]:
    """Read, reproject and validate a file as layer `spec`: (validated layer, the CRS used). Refused if unreadable."""
    step = progress or (lambda _s, _f: None)
    step("reading", 0.0)
    if crs is None and (plain := _geojson_doc(path)) is not None:
        step("validating", 0.5)
        return layer_from_doc(spec, plain[0], path.name, bbox, plain[1]), "EPSG:4326 (GeoJSON)"
    gdf, meta = read_any(path)
    if crs is not None:
        try:
            target: CRS | str = crsmod.parse(crs)
        except ValueError as err:
            raise _refuse(path.name, f"坐标系无法识别:{err}", str(err), "crs") from None
    elif gdf.crs is None:
        g = crsmod.guess(gdf, bbox)
        hint_zh = f";据坐标范围推测(仅为推测,请确认):{'、'.join(g)}" if g else ";坐标范围不像任何常用坐标系"
        hint_en = (
            f"; a GUESS from the coordinate ranges (confirm it): {', '.join(g)}"
            if g
            else "; the ranges fit no usual system"
        )
        raise _refuse(
            path.name,
            "文件未声明坐标系,请指定(--crs)" + hint_zh,
            "the file declares no CRS: name one (--crs)" + hint_en,
            "crs",
            g,
        )
    else:
        target = gdf.crs
    step("reprojecting", 0.25)
    wgs = crsmod.to_wgs84(gdf, target)
    step("validating", 0.5)
    doc = json.loads(wgs.to_json(na="drop", drop_id=True, ensure_ascii=False, default=str))
    doc.pop("crs", None)
    doc["metadata"] = meta | {"imported_from": path.name, "crs_declared": crsmod.label(target)}
    return layer_from_doc(spec, doc, path.name, bbox), crsmod.label(target)


def preview(
    store: Store, spec: LayerSpec, path: Path, bbox, crs: str | None = None, progress: Progress | None = None
) -> Preview:
    """Everything the editor sees before publishing; writes nothing."""
    base = store.current_version(spec.id)
    data, used = to_layer(spec, path, bbox, crs, progress)
    if progress:
        progress("diffing", 0.8)
    got = store.layer_features(spec.id, base) if base is not None else None
    d = diff(got[1] if got else [], from_layer(data))
    if progress:
        progress("done", 1.0)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Preview(spec.id, path.name, data, used, base, d, digest)


def publish(store: Store, pre: Preview, *, by: str) -> Published:
    """Make a preview current; StaleVersion if the layer changed since the preview, StoreError if refused."""
    if pre.refused:
        raise StoreError(
            Text(
                "文件未通过校验,未发布,未更改任何内容",
                "the file did not pass validation: not published, nothing changed",
            )
        )
    return store.publish_layer(pre.data, by=by, source_name=pre.source_name, base=pre.base)
