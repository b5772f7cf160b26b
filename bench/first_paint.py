"""Where a first paint goes (issue 12): one timeline per page load; prints numbers, asserts nothing.

    .venv/bin/python bench/first_paint.py [--workload 10k] [--loads 5] [--visitor]

Serves bench/workload.py's workload (signed in unless --visitor) and, for each load in headless
Chromium, prints when: the websocket opened, the map's element arrived, the page asked for the
map's iframe, the map's scripts, the layer data, and every firm was drawn; then the medians of all
loads but the first (the server's cold read).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import workload  # noqa: E402
from bench.bench_scale import load_map, new_page, viewer_cookie  # noqa: E402
from dashboard import geodata  # noqa: E402
from tests.browser.chromium import launch  # noqa: E402
from tests.browser.server import running_app  # noqa: E402

MARKS = ("websocket", "map element", "map iframe", "map scripts", "layer data", "drawn")


def component_arrived(payload) -> bool:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
    return msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == "component_instance"


def one_load(browser, url: str, cookie: str | None, firms: int) -> dict[str, float]:
    page, seen, t0 = new_page(browser, url, cookie), {}, time.perf_counter()

    def mark(name: str) -> None:
        seen.setdefault(name, time.perf_counter() - t0)

    def socket(ws) -> None:
        mark("websocket")
        ws.on("framereceived", lambda p: component_arrived(p) and mark("map element"))

    def asked(req) -> None:
        for part, name in (
            ("st_folium/index.html", "map iframe"),
            ("/mapscripts/", "map scripts"),
            ("/layerdata/", "layer data"),
        ):
            if part in req.url:
                mark(name)

    page.on("websocket", socket)
    page.on("request", asked)
    load_map(page, url, firms, 180_000, polling=50)  # every 50 ms: finer than the steps it times
    mark("drawn")
    page.context.close()
    return seen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workload", default="10k", choices=list(workload.WORKLOADS))
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--visitor", action="store_true", help="not signed in: the public page")
    a = ap.parse_args()
    firms, parcels, projects = workload.WORKLOADS[a.workload]
    tmp = Path(tempfile.mkdtemp(prefix="htz-paint-"))
    cfg = workload.make(tmp, firms, parcels, projects)
    db = f"sqlite:///{tmp / 'store.sqlite3'}"
    rows = []
    with running_app(env={"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": db}, timeout=600) as url:
        cookie = None if a.visitor else viewer_cookie(db)
        with launch() as browser:
            for i in range(a.loads):
                rows.append(one_load(browser, url, cookie, min(firms + 4, geodata.MAX_POINTS)))
                print(
                    f"load {i + 1}: " + "  ".join(f"{m} {rows[-1].get(m, float('nan')):.2f}" for m in MARKS), flush=True
                )
    warm = rows[1:] or rows
    print(
        "median of the warm loads (s): "
        + "  ".join(f"{m} {statistics.median(r[m] for r in warm if m in r):.2f}" for m in MARKS)
    )


if __name__ == "__main__":
    main()
