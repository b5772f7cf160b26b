"""A 20,000-row ledger (issue 12 measured 15 s per first run, 7 s per rerun): how long reading it
takes, and the desk page's first run and reruns with it. Prints numbers, asserts nothing.

    .venv/bin/python bench/bench_ledger.py [--projects 20000] [--styled-all]

The ledger is bench/workload.py's seeded one (the sample ledger + `--projects` located synthetic
rows). The page runs under AppTest, signed in as a viewer (the projects table is internal), with a
throwaway store. `--styled-all` puts back what the page did before: pandas' Styler (the status colours)
on every row of the projects table, whatever its length — the "before" figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def read_times(path: Path, n: int = 3) -> list[float]:
    from dashboard import ledger

    return [timed(lambda: ledger.load_ledger(path, today=dt.date(2019, 3, 19))) for _ in range(n)]


def page_times(reruns: int = 3) -> tuple[float, list[float]]:
    from dashboard import auth
    from dashboard.auth.accounts import Session
    from tests.helpers import run

    auth.session_from_cookies = lambda cookies: Session("bench", "viewer", 4102444800.0)
    start = time.perf_counter()
    at = run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].message}")
    return first, [timed(at.run) for _ in range(reruns)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--projects", type=int, default=20000)
    ap.add_argument("--styled-all", action="store_true", help="the Styler on every row, as before")
    args = ap.parse_args()
    from bench import workload

    with tempfile.TemporaryDirectory(prefix="htz-ledger-") as tmp:
        cfg = workload.make(Path(tmp), projects=args.projects)
        os.environ["HTZ_CONFIG"] = str(cfg)  # before dashboard.config is imported: its DEFAULT_PATH
        os.environ["HTZ_STORE_URL"] = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        os.environ["HTZ_AUTH_DB"] = str(Path(tmp) / "no-accounts.sqlite3")
        if args.styled_all:
            from dashboard import warmap

            warmap.STYLED_UP_TO = 10**9
        ledger_file = cfg.parent / "projects.csv"
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
        reads = read_times(ledger_file)
        first, reruns = page_times()
    print(
        f"{args.projects} synthetic + sample rows{' (Styler on every row: before)' if args.styled_all else ''};"
        f" load average {load}, {os.cpu_count()} cores"
    )
    print(f"  load_ledger (read, validate, status): median {statistics.median(reads):.2f} s of {len(reads)}")
    print(
        f"  desk page, signed in: first run {first:.2f} s (imports and the store's first sync included),"
        f" reruns {', '.join(f'{r:.2f}' for r in reruns)} s"
    )


if __name__ == "__main__":
    main()
