"""The server's cold read of a workload, step by step (issue 12): prints seconds and peak RSS per
step, and with --profile the top functions by cumulative time. Asserts nothing.

    .venv/bin/python bench/workload.py /tmp/big/200k --workload 200k-file
    .venv/bin/python bench/profile_cold.py /tmp/big/200k/config.toml [--profile]

Steps as the page takes them on a fresh server: the poll (files into the store: a file read,
validated, published), the catalog (each layer's stored version read back and validated), and the
map's layer payloads (built, hashed, compressed). A new throwaway store each run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import config, layerdata  # noqa: E402
from dashboard.store import page as store_page  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def steps(cfg) -> None:
    t = time.perf_counter()
    store_page.data_state(cfg)
    print(f"poll (files → store):   {time.perf_counter() - t:6.2f} s   peak {peak_mb():6.0f} MB", flush=True)
    t = time.perf_counter()
    cat = store_page.load_catalog(cfg)
    print(f"catalog (store → gdf):  {time.perf_counter() - t:6.2f} s   peak {peak_mb():6.0f} MB", flush=True)
    t = time.perf_counter()
    for data in cat.layers.values():
        layerdata.publish(data, None, "offline")
    print(f"layer payloads:         {time.perf_counter() - t:6.2f} s   peak {peak_mb():6.0f} MB", flush=True)
    for lid, data in cat.layers.items():
        print(f"  {lid}: {len(data.gdf)} features, {len(data.problems)} problems")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("config", type=Path)
    ap.add_argument("--profile", action="store_true")
    a = ap.parse_args()
    os.environ["HTZ_STORE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='htz-cold-')}/store.sqlite3"
    cfg = config.load(a.config)
    if not a.profile:
        steps(cfg)
    else:
        prof = cProfile.Profile()
        prof.runcall(steps, cfg)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
