#!/usr/bin/env python3
"""Import time of a 10,000-feature file and the store's size (prints numbers; asserts nothing).

    .venv/bin/python bench/import_10k.py [--postgis]   # --postgis: also on a throwaway PostGIS cluster

The file: 10,000 polygons (small squares inside the zone, the parks layer's fields), as GeoJSON in
WGS-84 and as a zipped Shapefile in EPSG:4547. Steps timed: preview (read, reproject, validate,
diff against the current version), publish, the page's read of the current version.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import geopandas as gpd
import numpy as np
import sqlalchemy as sa
from shapely.geometry import box

from dashboard.store import Store, importer
from layers import REGISTRY

BBOX = [112.7, 34.2, 114.3, 35.0]
N = 10_000


def make_files(folder: Path) -> tuple[Path, Path]:
    rng = np.random.default_rng(9)
    xs, ys = rng.uniform(113.40, 113.62, N), rng.uniform(34.74, 34.88, N)
    gdf = gpd.GeoDataFrame(
        {
            "id": [f"p-{i:05d}" for i in range(N)],
            "name_zh": [f"地块{i}" for i in range(N)],
            "name_en": [f"Parcel {i}" for i in range(N)],
            "kind": "park",
            "basis": "bench: synthetic",
            "confidence": "digitised",
        },
        geometry=[box(x, y, x + 0.001, y + 0.001) for x, y in zip(xs, ys, strict=True)],
        crs="EPSG:4326",
    )
    geojson = folder / "parcels.geojson"
    gdf.to_file(geojson, driver="GeoJSON", engine="pyogrio")
    shp = folder / "shp"
    shp.mkdir()
    gdf.to_crs("EPSG:4547").to_file(shp / "parcels.shp", engine="pyogrio")
    return geojson, Path(shutil.make_archive(str(folder / "parcels_4547"), "zip", shp))


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def size_of(store: Store, url: str) -> int:
    if store.backend == "sqlite":
        return Path(url.removeprefix("sqlite:///")).stat().st_size
    with store.engine.connect() as conn:
        return conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar()


def run(url: str, files: tuple[Path, Path]) -> None:
    store, spec = Store(url), REGISTRY["parks"]
    for path in files:
        pre, t_pre = timed(lambda p=path: importer.preview(store, spec, p, BBOX))
        got, t_pub = timed(lambda p=pre: importer.publish(store, p, by="bench"))
        data, t_read = timed(lambda: store.read_layer(spec, BBOX))
        print(
            f"  {store.backend:<10} {path.name:<22} {path.stat().st_size / 2**20:6.2f} MiB  "
            f"preview {t_pre:5.2f} s  publish {t_pub:5.2f} s  read current {t_read:5.2f} s  "
            f"v{got.version.version} {len(data.gdf)} features, {len(pre.diff.changed)} changed"
        )
    print(f"  {store.backend:<10} store size after 2 versions of {N:,} features: {size_of(store, url) / 2**20:.1f} MiB")
    store.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--postgis", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        run(f"sqlite:///{tmp}/store.sqlite3", files)
        if args.postgis:
            from tests.postgis import Cluster

            cluster = Cluster()
            try:
                run(cluster.new_database(), files)
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
