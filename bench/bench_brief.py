"""Investor brief: time to make each file (wall and CPU) and its size. Prints numbers; asserts nothing.

.venv/bin/python bench/bench_brief.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import audience, brief, candidates, catalog, config  # noqa: E402
from dashboard.brief import fonts  # noqa: E402
from dashboard.selection import Selection  # noqa: E402


def timed(make):
    wall, cpu = time.perf_counter(), time.process_time()
    out = make()
    return time.perf_counter() - wall, time.process_time() - cpu, len(out)


def main() -> None:
    fonts.make_subset(fonts.find())  # made once at set-up; not part of a click
    cat = audience.view(catalog.load_catalog(config.load(config.DEFAULT_PATH)), "public")
    opts = brief.Options(comparison=candidates.load(config.ROOT / "data" / "candidates.toml", cat.facts))
    brief.png_bytes(cat, None, "zh", opts)  # warm: district file read, matplotlib's font cache
    cases = [Selection("supercomputing", "sc-building-7"), Selection("parks", "park-tianjianhu"), None]
    print(f"{'feature':28} {'file':12} {'wall s':>7} {'cpu s':>7} {'KiB':>6}")
    for sel in cases:
        for label, make in (
            ("pdf zh", lambda sel=sel: brief.pdf_bytes(cat, sel, ("zh",), opts)),
            ("pdf zh+en", lambda sel=sel: brief.pdf_bytes(cat, sel, ("zh", "en"), opts)),
            ("png zh", lambda sel=sel: brief.png_bytes(cat, sel, "zh", opts)),
        ):
            wall, cpu, size = timed(make)
            print(f"{str(sel or 'whole map'):28} {label:12} {wall:7.2f} {cpu:7.2f} {size / 1024:6.0f}")


if __name__ == "__main__":
    main()
