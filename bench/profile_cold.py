"""The server's cold read of a workload, step by step (issue 12): prints seconds and peak RSS per
step, and with --profile the top functions by cumulative time. Asserts nothing.

    .venv/bin/python bench/workload.py /tmp/big/200k --workload 200k-file
    .venv/bin/python bench/profile_cold.py /tmp/big/200k/config.toml [--profile]
    .venv/bin/python bench/profile_cold.py /tmp/big/200k/config.toml --server [--root DIR]

--server: the whole server instead (`--root`'s code, default this checkout; `git archive <commit> |
tar -x -C DIR` gives an older one): seconds from its start to the end of the first page run of a
signed-in websocket session, its peak RSS (VmHWM), and its RSS with 10 sessions open.

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


def status_mb(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def server(config_path: Path, root: Path) -> None:
    from bench.bench_scale import ten_sessions, viewer_cookie
    from tests.browser.server import running_app

    db = f"sqlite:///{tempfile.mkdtemp(prefix='htz-cold-')}/store.sqlite3"
    t0 = time.perf_counter()
    with running_app(env={"HTZ_CONFIG": str(config_path), "HTZ_STORE_URL": db}, root=root, timeout=600) as url:
        up = time.perf_counter() - t0
        cookie = viewer_cookie(db)
        t = time.perf_counter()
        got = ten_sessions(url, cookie)
        print(
            f"server up in {up:.1f} s; 10 sessions opened in {time.perf_counter() - t:.1f} s (the first: the cold read)"
        )
        print(f"each session's first page run (s): {got.get('session_load_s')}")
        print(f"RSS per session opened: {got.get('rss_sessions_mb')}; peak RSS {status_mb(url.pid, 'VmHWM'):.0f} MB")
        print(got.get("rss_10_sessions_error", "no errors"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("config", type=Path)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--server", action="store_true")
    ap.add_argument("--root", type=Path, default=ROOT)
    a = ap.parse_args()
    if a.server:
        server(a.config, a.root)
        sys.exit()
    os.environ["HTZ_STORE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='htz-cold-')}/store.sqlite3"
    cfg = config.load(a.config)
    if not a.profile:
        steps(cfg)
    else:
        prof = cProfile.Profile()
        prof.runcall(steps, cfg)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
