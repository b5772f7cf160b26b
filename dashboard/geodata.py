"""Load a layer's GeoJSON and validate it at the boundary.

Like folium's `process_data`, everything is normalised here so nothing downstream has to
guess: WGS-84 lon/lat, one id per feature, the fields the layer needs, coordinates inside
the Zhengzhou area. A bad feature is reported with the file, the feature and the field, and
skipped; the rest of the file and every other layer still draw. The CRS is never guessed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import shape

from dashboard.decode import decode as decode_bytes
from dashboard.decode import is_utf8
from dashboard.problems import Problem
from dashboard.text import Text
from layers.base import ID_PATTERN, LayerSpec

ALLOWED_TYPES = {
    "polygon": {"Polygon", "MultiPolygon"},
    "point": {"Point", "MultiPoint"},
    "mixed": {"Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString", "MultiLineString"},
}
# RFC 7946 GeoJSON has no `crs` member (it is WGS-84). Legacy files may name one; these mean
# WGS-84 lon/lat (CGCS2000 geographic differs from WGS-84 by centimetres).
WGS84_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "EPSG:4326",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4490",
    "urn:ogc:def:crs:EPSG::4490",
}
CONFIDENCE = ("surveyed", "digitised", "approximate")


@dataclass
class LayerData:
    spec: LayerSpec
    gdf: gpd.GeoDataFrame
    problems: list[Problem] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def empty_gdf() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")


def decode(raw: bytes, name: str) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without BOM), else another encoding (GBK …) with a warning: nothing is lost."""
    try:
        text, encoding = decode_bytes(raw)
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 or GBK text (byte {err.start})") from None
    if is_utf8(encoding):
        return text, []
    return text, [
        Problem(
            name,
            Text(
                f"文件为 {encoding} 编码,已按此读取;GeoJSON 须为 UTF-8,请另存为 UTF-8",
                f"file is {encoding}-encoded, read as such; GeoJSON must be UTF-8 — please re-save it as UTF-8",
            ),
            severity="warning",
        )
    ]


def crs_name(doc: dict) -> str | None:
    crs = doc.get("crs")
    if crs is None:
        return None
    if isinstance(crs, dict):
        return str((crs.get("properties") or {}).get("name", crs))
    return str(crs)


def _coords_inside(geom, bbox) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return bbox[0] <= minx and maxx <= bbox[2] and bbox[1] <= miny and maxy <= bbox[3]


def _check_feature(i: int, feat, spec: LayerSpec, name: str, bbox, seen: set[str]):
    """Return (properties, geometry) for a good feature, or a Problem for a bad one."""
    label = f"#{i + 1}"
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        return Problem(name, Text("不是 GeoJSON 要素(Feature)", "not a GeoJSON Feature"), label)
    props = feat.get("properties") or {}
    if not isinstance(props, dict):
        return Problem(name, Text("properties 必须是对象", "properties must be an object"), label)
    fid = props.get(spec.id_field, feat.get("id"))
    if fid is None or str(fid).strip() == "":
        return Problem(name, Text("缺少 id", "missing id"), label, spec.id_field)
    fid = str(fid)
    if not ID_PATTERN.match(fid):
        return Problem(
            name,
            Text(
                f"id 只能由字母、数字、'-'、'_' 或 '.' 组成,实为 {fid[:40]!r}",
                f"id must be letters, digits, '-', '_' or '.', got {fid[:40]!r}",
            ),
            label,
            spec.id_field,
        )
    label = fid
    if fid in seen:
        return Problem(
            name, Text("id 重复(保留第一个)", "duplicate id (the first feature with it is kept)"), label, spec.id_field
        )
    for req in spec.required_fields:
        value = props.get(req)
        if value is None or (isinstance(value, str) and not value.strip()):
            return Problem(name, Text("必填字段缺失或为空", "required field is missing or empty"), label, req)
    conf = props.get("confidence")
    if conf is not None and conf not in CONFIDENCE:
        return Problem(
            name,
            Text(
                f"confidence 须为 {'、'.join(CONFIDENCE)} 之一,实为 {conf!r}",
                f"confidence must be one of {', '.join(CONFIDENCE)}, got {conf!r}",
            ),
            label,
            "confidence",
        )
    try:
        geom = shape(feat["geometry"]) if feat.get("geometry") else None
    except Exception as err:  # shapely raises several types for malformed coordinates
        return Problem(name, Text(f"几何无法读取({err})", f"geometry cannot be read ({err})"), label, "geometry")
    if geom is None or geom.is_empty:
        return Problem(name, Text("要素没有几何", "feature has no geometry"), label, "geometry")
    if geom.geom_type not in ALLOWED_TYPES[spec.geometry]:
        allowed = ", ".join(sorted(ALLOWED_TYPES[spec.geometry]))
        return Problem(
            name,
            Text(
                f"本图层不允许几何类型 {geom.geom_type}(允许:{allowed})",
                f"geometry type {geom.geom_type} not allowed in this layer ({allowed})",
            ),
            label,
            "geometry",
        )
    if not _coords_inside(geom, bbox):
        swapped = shapely.transform(geom, lambda xy: xy[:, ::-1])
        if _coords_inside(swapped, bbox):
            return Problem(
                name,
                Text(
                    "坐标疑似经纬度颠倒(GeoJSON 为 [经度, 纬度])",
                    "coordinates look like lat/lon swapped (GeoJSON is [lon, lat])",
                ),
                label,
                "geometry",
            )
        b = ", ".join(f"{v:.4f}" for v in geom.bounds)
        return Problem(
            name,
            Text(f"坐标({b})超出郑州范围 {bbox}", f"coordinates ({b}) lie outside the Zhengzhou area {bbox}"),
            label,
            "geometry",
        )
    return props | {"id": fid}, geom


def read_layer(spec: LayerSpec, path: Path, bbox) -> LayerData:
    """Read and validate one layer file. Never raises for bad data: problems are returned."""
    name = path.name
    try:
        text, problems = decode(path.read_bytes(), name)
        doc = json.loads(text)
    except FileNotFoundError:
        return LayerData(spec, empty_gdf(), [Problem(name, Text("文件不存在", "file not found"))])
    except json.JSONDecodeError as err:
        return LayerData(
            spec,
            empty_gdf(),
            [
                Problem(
                    name,
                    Text(
                        f"不是有效的 JSON:第 {err.lineno} 行第 {err.colno} 列,{err.msg}",
                        f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}",
                    ),
                )
            ],
        )
    except (OSError, ValueError) as err:
        return LayerData(spec, empty_gdf(), [Problem(name, Text(f"无法读取:{err}", f"cannot be read: {err}"))])
    return layer_from_doc(spec, doc, name, bbox, problems)


def layer_from_doc(spec: LayerSpec, doc, name: str, bbox, problems: list[Problem] | None = None) -> LayerData:
    """Validate a parsed GeoJSON document: the one validation path for layer files, the store's
    versions and uploads (dashboard/store). Never raises for bad data: problems are returned."""
    problems = list(problems or [])
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return LayerData(
            spec,
            empty_gdf(),
            problems
            + [Problem(name, Text("不是 GeoJSON 要素集(FeatureCollection)", "not a GeoJSON FeatureCollection"))],
        )
    crs = crs_name(doc)
    if crs is not None and crs not in WGS84_NAMES:
        return LayerData(
            spec,
            empty_gdf(),
            problems
            + [
                Problem(
                    name,
                    Text(
                        f"声明的坐标系为 {crs};须为 WGS-84 经纬度(EPSG:4326),请先转换,如 ogr2ogr -t_srs EPSG:4326",
                        f"declares CRS {crs}; expected WGS-84 lon/lat (EPSG:4326) — reproject it, "
                        "e.g. ogr2ogr -t_srs EPSG:4326",
                    ),
                    field="crs",
                )
            ],
        )
    rows: list[dict] = []
    geoms: list = []
    seen: set[str] = set()
    for i, feat in enumerate(doc.get("features") or []):
        checked = _check_feature(i, feat, spec, name, bbox, seen)
        if isinstance(checked, Problem):
            problems.append(checked)
            continue
        props, geom = checked
        if not geom.is_valid:
            why = shapely.is_valid_reason(geom)
            problems.append(
                Problem(
                    name,
                    Text(f"无效几何已修复({why})", f"invalid geometry repaired ({why})"),
                    props["id"],
                    "geometry",
                    severity="warning",
                )
            )
            geom = shapely.make_valid(geom)
        seen.add(props["id"])
        rows.append(props)
        geoms.append(geom)
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326") if rows else empty_gdf()
    meta = doc["metadata"] if isinstance(doc.get("metadata"), dict) else {}
    return LayerData(spec, gdf, problems, meta)
