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

from dashboard.decode import Undecodable, is_utf8
from dashboard.decode import decode as decode_bytes
from dashboard.layer_geometry import fast_points, geometry, valid
from dashboard.problems import Problem
from dashboard.text import Text
from layers.base import ID_PATTERN, LayerSpec

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
# Text a user reads: a number GIS exported here is read as text; a longer name is cut, with a warning.
TEXT_FIELDS = ("name_zh", "name_en", "kind", "basis", "basis_en", "chain_link")
MAX_NAME = 200
# Size limits: a layer is a handful of features drawn in a browser; a file past these is a mistake
# (or an attack) and would take minutes and gigabytes to draw, so the rest is left out, with a message.
MAX_FEATURES, MAX_BYTES = 5000, 20 * 1024 * 1024  # 20 MB ≈ 1.5 s of json parsing on the 2-core machine
MAX_POINTS, MAX_POINT_BYTES = 200_000, 96 * 1024 * 1024  # a point layer's: see limits()


def limits(spec: LayerSpec) -> tuple[int, int]:
    """(features, bytes) a layer file may hold; a point layer (the firms) far more: it is fetched
    once by URL and counted in squares at low zoom (dashboard/layerload.js)."""
    return (MAX_POINTS, MAX_POINT_BYTES) if spec.geometry == "point" else (MAX_FEATURES, MAX_BYTES)


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
    text, encoding = decode_bytes(raw)  # Undecodable names the first unreadable byte (a ValueError)
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


def _text_props(props: dict, name: str, label: str) -> tuple[dict, list[Problem]]:
    """Text fields as text: a number (a name GIS exported as 2022) becomes '2022'; a list or an
    object is refused; a name past MAX_NAME characters is cut, with a warning."""
    for key in TEXT_FIELDS:  # the common case, once per feature of a 200,000-feature file: no copy
        if not _plain_text(props.get(key)):
            break
    else:
        return props, []
    out, problems = dict(props), []
    for key in TEXT_FIELDS:
        value = out.get(key)
        if isinstance(value, (bool, list, dict)):
            problems.append(
                Problem(
                    name,
                    Text(f"须为文字,实为 {type(value).__name__}", f"must be text, got {type(value).__name__}"),
                    label,
                    key,
                )
            )
        elif isinstance(value, (int, float)):
            out[key] = format(value, "g") if isinstance(value, float) else str(value)
        elif isinstance(value, str) and key.startswith("name") and len(value) > MAX_NAME:
            out[key] = value[:MAX_NAME] + "…"
            problems.append(
                Problem(
                    name,
                    Text(
                        f"名称过长({len(value)} 字),只显示前 {MAX_NAME} 字;请缩短",
                        f"name too long ({len(value)} characters), only the first {MAX_NAME} are shown; shorten it",
                    ),
                    label,
                    key,
                    severity="warning",
                )
            )
    return out, problems


def _plain_text(value) -> bool:
    """Nothing for _text_props to change or report: no value, or text no longer than MAX_NAME."""
    return value is None or (type(value) is str and len(value) <= MAX_NAME)


def _check_feature(i: int, feat, spec: LayerSpec, name: str, bbox, seen: set[str], points: dict):
    """Return (properties, geometry, notes) for a good feature, or a Problem for a bad one.
    `points`: the geometries already built and checked for plain points (see fast_points)."""
    label = f"#{i + 1}"
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        return Problem(name, Text("不是 GeoJSON 要素(Feature)", "not a GeoJSON Feature"), label)
    props = feat.get("properties") or {}
    if not isinstance(props, dict):
        return Problem(name, Text("properties 必须是对象", "properties must be an object"), label)
    fid = _feature_id(props, feat, spec, name, label, seen)
    if isinstance(fid, Problem):
        return fid
    props, text_problems = _text_props(props, name, fid)
    bad = next((p for p in text_problems if p.severity == "error"), None) or _props_problem(props, spec, name, fid)
    if bad is not None:
        return bad
    geom = points[i] if i in points else valid(geometry(feat, spec, name, fid, bbox), fid, name, text_problems)
    if isinstance(geom, Problem):
        return geom
    return props | {"id": fid}, geom, text_problems


def _feature_id(props: dict, feat: dict, spec: LayerSpec, name: str, label: str, seen: set[str]) -> str | Problem:
    """The feature's id (text, well-formed, not seen before in the file), or why not."""
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
    if fid in seen:
        return Problem(
            name, Text("id 重复(保留第一个)", "duplicate id (the first feature with it is kept)"), fid, spec.id_field
        )
    return fid


def _props_problem(props: dict, spec: LayerSpec, name: str, fid: str) -> Problem | None:
    """A required field missing or empty, or a confidence outside its words; None when fine."""
    for req in spec.required_fields:
        value = props.get(req)
        if value is None or (isinstance(value, str) and not value.strip()):
            return Problem(name, Text("必填字段缺失或为空", "required field is missing or empty"), fid, req)
    conf = props.get("confidence")
    if conf is not None and conf not in CONFIDENCE:
        return Problem(
            name,
            Text(
                f"confidence 须为 {'、'.join(CONFIDENCE)} 之一,实为 {conf!r}",
                f"confidence must be one of {', '.join(CONFIDENCE)}, got {conf!r}",
            ),
            fid,
            "confidence",
        )
    return None


def _load_doc(path: Path, name: str, max_bytes: int) -> tuple[dict | None, list[Problem]]:
    """The parsed JSON document, or None with the reason (missing, too large, not JSON, …)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            mb = f"{size / 1024 / 1024:.0f}"
            return None, [
                Problem(
                    name,
                    Text(
                        f"文件过大({mb} MB,上限 {max_bytes // 1024 // 1024} MB),未读取;请按区域拆分或简化几何",
                        f"file too large ({mb} MB, limit {max_bytes // 1024 // 1024} MB), not read; "
                        "split it by area or simplify its geometry",
                    ),
                )
            ]
        text, problems = decode(path.read_bytes(), name)
        return json.loads(text), problems
    except FileNotFoundError:
        return None, [Problem(name, Text("文件不存在", "file not found"))]
    except json.JSONDecodeError as err:
        return None, [
            Problem(
                name,
                Text(
                    f"不是有效的 JSON:第 {err.lineno} 行第 {err.colno} 列,{err.msg}",
                    f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}",
                ),
            )
        ]
    except Undecodable as err:
        return None, [Problem(name, err.message)]
    except (OSError, ValueError, RecursionError) as err:
        return None, [Problem(name, Text(f"无法读取:{err}", f"cannot be read: {err}"))]


def _doc_problem(doc, name: str) -> Problem | None:
    """Why a parsed document is not a usable FeatureCollection, or None."""
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return Problem(name, Text("不是 GeoJSON 要素集(FeatureCollection)", "not a GeoJSON FeatureCollection"))
    if not isinstance(doc.get("features") or [], list):
        return Problem(name, Text("features 必须是数组", "features must be an array"), field="features")
    crs = crs_name(doc)
    if crs is not None and crs not in WGS84_NAMES:
        return Problem(
            name,
            Text(
                f"声明的坐标系为 {crs};须为 WGS-84 经纬度(EPSG:4326),请先转换,如 ogr2ogr -t_srs EPSG:4326",
                f"declares CRS {crs}; expected WGS-84 lon/lat (EPSG:4326) — reproject it, "
                "e.g. ogr2ogr -t_srs EPSG:4326",
            ),
            field="crs",
        )
    return None


def _limited(features: list, name: str, problems: list[Problem], limit: int) -> list:
    """At most `limit` features; the rest are left out with one message."""
    if len(features) <= limit:
        return features
    n = len(features)
    zh = f"要素过多({n} 个,上限 {limit}):只绘制前 {limit} 个;请拆分图层或简化数据"
    en = f"too many features ({n}, limit {limit}): only the first {limit} are drawn; split the layer or thin the data"
    problems.append(Problem(name, Text(zh, en), field="features"))
    return features[:limit]


def read_layer(spec: LayerSpec, path: Path, bbox) -> LayerData:
    """Read and validate one layer file. Never raises for bad data: problems are returned."""
    name = path.name
    doc, problems = _load_doc(path, name, limits(spec)[1])
    if doc is None:
        return LayerData(spec, empty_gdf(), problems)
    return layer_from_doc(spec, doc, name, bbox, problems)


def layer_from_doc(spec: LayerSpec, doc, name: str, bbox, problems: list[Problem] | None = None) -> LayerData:
    """Validate a parsed GeoJSON document: the one validation path for layer files, the store's
    versions and uploads (dashboard/store). Never raises for bad data: problems are returned."""
    problems = list(problems or [])
    bad = _doc_problem(doc, name)
    if bad is not None:
        return LayerData(spec, empty_gdf(), problems + [bad])
    rows, geoms, seen = [], [], set[str]()
    features = _limited(doc.get("features") or [], name, problems, limits(spec)[0])
    points = fast_points(features, spec, bbox)
    for i, feat in enumerate(features):
        checked = _check_feature(i, feat, spec, name, bbox, seen, points)
        if isinstance(checked, Problem):
            problems.append(checked)
            continue
        props, geom, notes = checked
        problems += notes
        seen.add(props["id"])
        rows.append(props)
        geoms.append(geom)
    if not rows and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem(
                name,
                Text("图层没有要素:地图上不显示该图层", "the layer has no features: nothing of it is drawn"),
                severity="warning",
            )
        )
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326") if rows else empty_gdf()
    meta = doc.get("metadata")
    return LayerData(spec, gdf, problems, meta if isinstance(meta, dict) else {})
