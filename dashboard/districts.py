"""The offline basemap's district file (zhengzhou_districts.geojson in [data] geo_dir), read and
checked: a broken file or feature is reported and left out, and the offline map still draws (its
graticule, and whatever districts are good). Never raises. Drawn by dashboard/basemaps.py."""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry import shape

from dashboard.problems import Problem
from dashboard.text import Text

FILE = "zhengzhou_districts.geojson"
_FIX = Text(
    "离线底图不绘制该部分;请用 scripts/extract_districts.py 重新生成该文件",
    "the offline basemap is drawn without it; regenerate the file with scripts/extract_districts.py",
)


@dataclass(frozen=True)
class District:
    name: str
    name_en: str
    kind: str  # "city" (the outline) or "district"
    geometry: shapely.Geometry


@dataclass(frozen=True, eq=False)  # hashed by identity: _read's cache hands out one object per file version
class Districts:
    items: tuple[District, ...] = ()
    meta: dict = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def attribution(self) -> tuple[str, str, str]:
        """(package, version, licence) of the boundaries, '' where the file does not say."""
        src = self.meta.get("source")
        src = src if isinstance(src, dict) else {}
        licence = str(self.meta.get("licence") or "").split()
        return str(src.get("package", "")), str(src.get("version", "")), licence[0] if licence else ""


def _problem(what: Text, feature: str | None = None) -> Problem:
    return Problem(FILE, Text(f"{what.zh};{_FIX.zh}", f"{what.en}; {_FIX.en}"), feature, severity="warning")


def _district(i: int, feat) -> District | Problem:
    """One good district (or the city outline), or why not."""
    props = feat.get("properties") if isinstance(feat, dict) else None
    props = props if isinstance(props, dict) else {}
    name = props.get("name")
    if not isinstance(name, str) or not name.strip():
        return _problem(Text("缺少名称 name", "no name"), f"#{i + 1}")
    try:
        geom = shape(feat["geometry"])
        bounds = geom.bounds
    except Exception:  # shapely raises several types for malformed geometry
        return _problem(Text("几何无法读取", "geometry cannot be read"), name)
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon") or not all(map(math.isfinite, bounds)):
        return _problem(Text("几何须为有限坐标的面", "geometry must be a polygon with finite coordinates"), name)
    name_en = props.get("name_en")
    name_en = name_en if isinstance(name_en, str) else name
    kind = "city" if props.get("kind") == "city" else "district"
    return District(name[:60], name_en[:60], kind, geom if geom.is_valid else shapely.make_valid(geom))


def read(path: Path) -> Districts:
    """The district file at `path` as it is now (re-read when its modification time changes)."""
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return Districts(problems=(_problem(Text("文件不存在", "file not found")),))
    return _read(str(path), mtime)


@functools.lru_cache(maxsize=4)
def _read(path: str, mtime: int) -> Districts:  # mtime: cache key only
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        return Districts(problems=(_problem(Text(f"无法读取({err})", f"cannot be read ({err})")),))
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list):
        return Districts(problems=(_problem(Text("不是 GeoJSON 要素集", "not a GeoJSON FeatureCollection")),))
    items, problems = list[District](), list[Problem]()
    for i, feat in enumerate(features):
        got = _district(i, feat)
        if isinstance(got, Problem):
            problems.append(got)
        else:
            items.append(got)
    meta = doc.get("metadata")
    return Districts(tuple(items), meta if isinstance(meta, dict) else {}, tuple(problems))
