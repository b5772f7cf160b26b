"""Seeded synthetic workloads at the zone's real size (issue 12), written to a data folder + config.

    .venv/bin/python bench/workload.py OUT_DIR [--firms 10000] [--parcels 2000] [--projects 2000]

`make(out, firms=…, parcels=…, projects=…)` copies the sample data, adds `firms` synthetic points to
the enterprises layer, `parcels` synthetic polygons to the parks layer and `projects` located rows
to the ledger, and writes `out/config.toml`: point HTZ_CONFIG at it and the app serves that data.
Every synthetic feature is marked 示意/synthetic in its own fields: nothing here is a fact.
The same seed gives the same files (byte for byte), so runs of the benchmark compare like with like.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBOX = (113.47, 34.78, 113.58, 34.85)  # around the sample's features, inside [data] bbox
CHAIN = ("传感器", "北斗导航", "超算中心", "大数据应用", "信息安全")
WORKLOADS = {  # name: (firms, parcels, projects)
    "sample": (0, 0, 0),
    "10k": (10_000, 2_000, 2_000),
    "100k": (100_000, 2_000, 2_000),
    "200k-file": (200_000, 0, 0),
}


def _point(rng: random.Random) -> tuple[float, float]:
    return round(rng.uniform(BBOX[0], BBOX[2]), 6), round(rng.uniform(BBOX[1], BBOX[3]), 6)


def firm(i: int, rng: random.Random) -> dict:
    lon, lat = _point(rng)
    return {
        "type": "Feature",
        "id": f"syn-firm-{i}",
        "properties": {
            "id": f"syn-firm-{i}",
            "name_zh": f"合成企业{i:06d}",
            "name_en": f"Synthetic firm {i:06d}",
            "kind": "institute" if i % 10 == 0 else "enterprise",
            "chain_link": CHAIN[i % len(CHAIN)],
            "basis": "合成测试数据(bench/workload.py),非真实企业",
            "confidence": "approximate",
        },
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def parcel(i: int, rng: random.Random) -> dict:
    lon, lat = _point(rng)
    w, h = rng.uniform(0.0008, 0.002), rng.uniform(0.0006, 0.0015)  # ≈ 70–180 m by 65–165 m
    ring = [[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]
    return {
        "type": "Feature",
        "id": f"syn-parcel-{i}",
        "properties": {
            "id": f"syn-parcel-{i}",
            "name_zh": f"合成地块{i:05d}",
            "name_en": f"Synthetic parcel {i:05d}",
            "kind": "park",
            "basis": "合成测试数据(bench/workload.py),非真实地块",
            "confidence": "approximate",
        },
        "geometry": {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]},
    }


def _add_features(src: Path, dst: Path, extra: list[dict]) -> None:
    doc = json.loads(src.read_text(encoding="utf-8"))
    doc["features"] += extra
    dst.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _ledger(base: Path, dst: Path, n: int, rng: random.Random) -> None:
    """The sample ledger plus `n` located rows (internal: owners and deadlines are placeholders)."""
    src = base / "data" / "ledger" / "projects.csv"
    with src.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[1]
    for i in range(n):
        lon, lat = _point(rng)
        row = dict.fromkeys(header, "")
        row.update(
            {
                "项目编号": f"SYN-P-{i:05d}",
                "项目名称": f"合成项目{i:05d}",
                "所属园区": "沟赵园区",
                "责任单位": "合成单位",
                "责任岗位": "待定",
                "完成时限": f"20{19 + i % 6}-{1 + i % 12:02d}-15",
                "当前进度(%)": str(i % 101),
                "经度": f"{lon}",
                "纬度": f"{lat}",
                "来源": "合成测试数据",
            }
        )
        rows.append([row[c] for c in header])
    with dst.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


def make(out: Path, firms: int = 0, parcels: int = 0, projects: int = 0, seed: int = 12, base: Path = ROOT) -> Path:
    """Write the workload to `out` (geo/, ledger.csv, config.toml); returns the config's path.
    `base`: the checkout whose sample data and config.toml it starts from (an older commit's code
    refuses a newer config's sections)."""
    rng = random.Random(seed)
    geo = out / "geo"
    if geo.exists():
        shutil.rmtree(geo)
    shutil.copytree(base / "data" / "geo", geo)
    _add_features(
        base / "data/geo/enterprises.geojson", geo / "enterprises.geojson", [firm(i, rng) for i in range(firms)]
    )
    _add_features(base / "data/geo/parks.geojson", geo / "parks.geojson", [parcel(i, rng) for i in range(parcels)])
    _ledger(base, out / "projects.csv", projects, rng)
    cfg = (base / "config.toml").read_text(encoding="utf-8")
    cfg = re.sub(r'(?m)^geo_dir = "data/geo"', f'geo_dir = "{geo}"', cfg)
    cfg = re.sub(r'(?m)^path = "data/ledger"', f'path = "{out / "projects.csv"}"', cfg)
    for key in ("facts", "programme"):
        cfg = re.sub(rf'(?m)^{key} = "data/', f'{key} = "{base}/data/', cfg)
    path = out / "config.toml"
    path.write_text(cfg, encoding="utf-8")
    return path


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--workload", choices=sorted(WORKLOADS), default="10k")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    print(make(a.out, *WORKLOADS[a.workload]))
