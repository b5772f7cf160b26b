"""The meeting-room screen running all day, compressed: step the tour many times, make the page
rerun a few times (a saved ledger), reload it a few times, and print the browser's JS heap, DOM
nodes and event listeners and the streamlit server's RSS before and after. Prints numbers,
asserts nothing.

    .venv/bin/python bench/soak_tour.py [--steps 500] [--reruns 5] [--reloads 3]

Serves a copy of the sample ledger (the repository's file is not touched) through a copy of
config.toml (HTZ_CONFIG), with the ledger checked every second. Browser figures come from the
DevTools protocol (Performance.getMetrics, after HeapProfiler.collectGarbage), for the page and
the map iframe together (same origin: one renderer, one JS heap).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from layers.projects import status_color  # noqa: E402
from tests.browser.chromium import launch  # noqa: E402
from tests.browser.screen_probe import FILL_OF, POLL_MS, map_frame, wait_tour  # noqa: E402
from tests.browser.server import running_app  # noqa: E402

# a sample row whose status the soak flips to make the page rerun with a visible change
# (the sample's statuses are as of its declared 2019-03-19: 2022 is on track, 2018 overdue)
FLIP_ID, FLIP_FROM, FLIP_TO = "park-tianjianhu", "2022年", "2018年"


def server_rss_kib() -> int:
    """VmRSS of the streamlit process this script started (a child of this process)."""
    for pid in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        for child in pid.read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"streamlit" in cmdline:
                status = Path(f"/proc/{child}/status").read_text()
                return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])
    raise RuntimeError("streamlit server process not found")


def browser_metrics(cdp) -> dict:
    cdp.send("HeapProfiler.collectGarbage")
    m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
    return {
        "heap_mib": m["JSHeapUsedSize"] / 2**20,
        "nodes": int(m["Nodes"]),
        "listeners": int(m["JSEventListeners"]),
        "documents": int(m["Documents"]),
    }


def report(label: str, cdp) -> dict:
    b = browser_metrics(cdp)
    rss = server_rss_kib() / 1024
    print(
        f"{label:<28} JS heap {b['heap_mib']:7.2f} MiB   DOM nodes {b['nodes']:6d}   "
        f"listeners {b['listeners']:5d}   documents {b['documents']:3d}   server RSS {rss:7.1f} MiB",
        flush=True,
    )
    return b | {"rss_mib": rss}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=500, help="tour key presses")
    ap.add_argument("--reruns", type=int, default=5, help="ledger saves, each rerunning the page")
    ap.add_argument("--reloads", type=int, default=3, help="full page reloads (new sessions)")
    ap.add_argument("--size", default="1920x1080")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))

    tmp = Path(tempfile.mkdtemp(prefix="htz-soak-"))
    ledger = tmp / "projects.csv"
    shutil.copy(ROOT / "data" / "ledger" / "projects.csv", ledger)
    cfg = tmp / "config.toml"
    cfg.write_text(
        (ROOT / "config.toml")
        .read_text(encoding="utf-8")
        .replace('path = "data/ledger"', f'path = "{ledger.as_posix()}"')
        .replace("poll_s = 5", "poll_s = 1"),
        encoding="utf-8",
    )
    original = ledger.read_text(encoding="utf-8-sig")
    assert f"{FLIP_ID}," in original and f",{FLIP_FROM}," in original, "sample ledger changed: update FLIP_*"

    with running_app(env={"HTZ_CONFIG": str(cfg)}) as url, launch() as browser:
        page = browser.new_page(viewport={"width": w, "height": h})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")

        def load():
            page.goto(url + "/?mode=screen")
            frame = map_frame(page)
            wait_tour(frame)
            frame.wait_for_function(f"({FILL_OF})(['projects', '{FLIP_ID}']) !== null", polling=POLL_MS)
            return frame

        frame = load()
        for _ in range(10):  # warm up: first flights, tooltips, fonts
            page.keyboard.press("PageDown")
        page.wait_for_timeout(1500)
        before = report("before", cdp)

        t0 = time.monotonic()
        for i in range(args.steps):
            if i % 2:
                page.keyboard.press("PageDown")  # focus in the page
            else:
                frame.locator(".leaflet-container").press("ArrowRight")  # focus in the map
            if i % 100 == 99:
                page.keyboard.press("p")
                page.keyboard.press("p")
        print(f"{args.steps} steps in {time.monotonic() - t0:.1f}s; tourIndex now {frame.evaluate('window.tourIndex')}")
        page.wait_for_timeout(1500)
        report(f"after {args.steps} steps", cdp)

        for i in range(args.reruns):  # the row flips red (deadline moved back), then green again, ...
            late = i % 2 == 0
            ledger.write_text(
                original.replace(f",{FLIP_FROM},", f",{FLIP_TO},", 1) if late else original, encoding="utf-8-sig"
            )
            st = ledger.stat()
            os.utime(ledger, (st.st_atime, st.st_mtime + 2 * (i + 1)))
            want = status_color("overdue" if late else "ok")
            frame.wait_for_function(
                f"({FILL_OF})(['projects', '{FLIP_ID}']) === '{want}'", timeout=30_000, polling=POLL_MS
            )
        report(f"after {args.reruns} reruns", cdp)

        for _ in range(args.reloads):
            frame = load()
        page.wait_for_timeout(1500)
        after = report(f"after {args.reloads} reloads", cdp)
        print(
            f"change: JS heap {after['heap_mib'] - before['heap_mib']:+.2f} MiB, DOM nodes "
            f"{after['nodes'] - before['nodes']:+d}, listeners {after['listeners'] - before['listeners']:+d}, "
            f"server RSS {after['rss_mib'] - before['rss_mib']:+.1f} MiB; page errors: {errors or 'none'}"
        )
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
