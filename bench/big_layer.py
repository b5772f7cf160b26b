"""Class 8 of issue 8: a layer file of 200,000 features. Prints how long reading it takes and what
the page is told; nothing asserts a time. Writes its files to a temporary folder.

    .venv/bin/python bench/big_layer.py [--features 200000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import config, geodata  # noqa: E402
from layers import REGISTRY  # noqa: E402


def feature(i: int) -> dict:
    props = {"id": f"f{i}", "name_zh": f"企业{i}", "name_en": f"Firm {i}", "kind": "firm"}
    props |= {"chain_link": "传感器", "basis": "x", "confidence": "approximate"}
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [113.5, 34.8]}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--features", type=int, default=200_000)
    n = ap.parse_args().features
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "enterprises.geojson"
        doc = {"type": "FeatureCollection", "features": [feature(i) for i in range(n)]}
        path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        del doc
        start = time.perf_counter()
        data = geodata.read_layer(REGISTRY["enterprises"], path, config.defaults()["data"]["bbox"])
        took = time.perf_counter() - start
        print(f"{n} features, {path.stat().st_size / 1e6:.1f} MB: read in {took:.2f} s, {len(data.gdf)} drawn")
        for p in data.problems[:3]:
            print("  ", p.render("en"))
    print(
        f"max RSS of this process (incl. building the file): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
