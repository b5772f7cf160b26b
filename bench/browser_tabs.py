"""Why bench_scale.py's "10 sessions" step opens websocket sessions, not browser tabs (issue 12):
opens N Chromium tabs of a workload's page one after another, each kept open and waited on until
every firm is drawn, and prints per tab the time, the server's CPU seconds and RSS, and Chromium's
RSS. Asserts nothing.

    .venv/bin/python bench/workload.py /tmp/big/100k --workload 100k
    .venv/bin/python bench/browser_tabs.py /tmp/big/100k/config.toml --firms 100004 [--tabs 10]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import open_page, rss_mb, viewer_cookie  # noqa: E402
from tests.browser.chromium import launch  # noqa: E402
from tests.browser.server import running_app  # noqa: E402


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def chromium_mb() -> float:
    """RSS of this script's Chromium processes (summed: shared pages count more than once)."""
    rows = [
        r.split(None, 3)
        for r in subprocess.run(["ps", "-eo", "pid,ppid,rss,comm"], capture_output=True, text=True).stdout.splitlines()[
            1:
        ]
    ]
    kids, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {int(r[0]) for r in rows if int(r[1]) in frontier} - kids
        kids |= frontier
    return sum(int(r[2]) for r in rows if int(r[0]) in kids and "chrom" in r[3]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("config", type=Path)
    ap.add_argument("--firms", type=int, required=True, help="firms drawn when the page is complete")
    ap.add_argument("--tabs", type=int, default=10)
    a = ap.parse_args()
    db = f"sqlite:///{tempfile.mkdtemp(prefix='htz-tabs-')}/store.sqlite3"
    with running_app(env={"HTZ_CONFIG": str(a.config), "HTZ_STORE_URL": db}, timeout=600) as url:
        cookie = viewer_cookie(db)
        with launch() as browser:
            pages = []
            for i in range(a.tabs):
                c0, t0 = cpu_s(url.pid), time.perf_counter()
                try:
                    pages.append(open_page(browser, url, cookie, a.firms, 90_000)[0])
                    what, drawn = f"drawn in {time.perf_counter() - t0:.1f} s", True
                except Exception as err:  # a tab that never finished is the finding
                    what, drawn = f"{type(err).__name__} after {time.perf_counter() - t0:.0f} s", False
                print(
                    f"tab {i + 1}: {what}; server CPU {cpu_s(url.pid) - c0:.1f} s, RSS {rss_mb(url.pid):.0f} MB;"
                    f" Chromium RSS {chromium_mb():.0f} MB; load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                if not drawn:
                    break


if __name__ == "__main__":
    main()
