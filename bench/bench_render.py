"""Measure what a user waits for; prints numbers, asserts nothing.

    .venv/bin/python bench/bench_render.py [--runs 10] [--browser-runs 5]

1. Script run time per rerun (Streamlit AppTest, in-process): first run (cold caches) and
   warm reruns, plus the size of what the map component is sent.
2. Time to map in a real browser (Debian chromium): navigation start → map script done →
   every layer drawn, for a fresh page load; served by a streamlit process this script starts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.browser.chromium import launch  # noqa: E402
from tests.browser.server import running_app  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def script_runs(n: int) -> None:
    t0 = time.perf_counter()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    first = time.perf_counter() - t0
    comp = next(c for c in at.get("component_instance") if "streamlit_folium" in c.proto.component_name)
    size = len(comp.proto.json_args.encode())
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    print(f"script run, first (cold caches): {first * 1000:.0f} ms")
    print(
        f"script run, rerun: median {statistics.median(times) * 1000:.0f} ms, "
        f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {n} reruns"
    )
    print(f"map component payload: {size / 1024:.0f} KiB")


def browser_loads(n: int, query: str) -> None:
    with running_app() as url, launch() as browser:
        ready, drawn = [], []
        for _ in range(n):
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            t0 = time.perf_counter()
            page.goto(url + query)
            page.wait_for_selector(MAP_FRAME, state="attached", timeout=60_000)
            frame = page.query_selector(MAP_FRAME).content_frame()
            frame.wait_for_function("typeof window.map === 'object'", timeout=60_000)
            ready.append(time.perf_counter() - t0)
            frame.wait_for_function(
                """() => { const s = new Set();
                for (const l of Object.values(window.map._layers))
                    if (l.feature && l.feature.properties.layer) s.add(l.feature.properties.layer);
                return s.size >= 4; }""",
                timeout=60_000,
            )
            drawn.append(time.perf_counter() - t0)
            page.close()
        print(
            f"browser {query}: map script done median {statistics.median(ready) * 1000:.0f} ms; "
            f"all layers drawn median {statistics.median(drawn) * 1000:.0f} ms "
            f"(min {min(drawn) * 1000:.0f}, max {max(drawn) * 1000:.0f}) over {n} loads"
        )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--browser-runs", type=int, default=5)
    ap.add_argument("--query", default="/?basemap=offline")
    a = ap.parse_args()
    script_runs(a.runs)
    browser_loads(a.browser_runs, a.query)
