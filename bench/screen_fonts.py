"""The meeting-room screen at 1366×768, 1920×1080 and 3840×2160: screenshots, the smallest visible
text (page and map iframe), the map's share of the viewport, the legend's share of the map and any
caption or strip label that is cut (clipped or past the viewport). Prints numbers, asserts nothing.

    .venv/bin/python bench/screen_fonts.py [--out-dir /tmp/htz-screen] [--lang zh]

Starts its own streamlit server (tests/browser/server.py) and headless Debian chromium.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.chromium import launch  # noqa: E402
from tests.browser.screen_probe import (  # noqa: E402
    VISIBLE_TEXT_SIZES,
    clipped,
    legend_share,
    map_frame,
    map_share,
    wait_tour,
)
from tests.browser.server import running_app  # noqa: E402

SIZES = ((1366, 768), (1920, 1080), (3840, 2160))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", default="/tmp/htz-screen")
    ap.add_argument("--lang", default="zh")
    ap.add_argument("--show", type=int, default=5, help="how many of the smallest texts to list")
    args = ap.parse_args()
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with running_app() as url, launch() as browser:
        for w, h in SIZES:
            page = browser.new_page(viewport={"width": w, "height": h})
            errors = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(f"{url}/?mode=screen&lang={args.lang}")
            frame = map_frame(page)
            wait_tour(frame)
            page.wait_for_timeout(2500)  # let the first flight and the tiles settle for the picture
            shot = out / f"screen_{w}x{h}_{args.lang}.png"
            page.screenshot(path=str(shot))
            print(f"{w}x{h}: {shot}; map covers {map_share(page):.1%} of the viewport; page errors: {errors or 'none'}")
            print(
                f"  legend covers {legend_share(frame):.1%} of the map (first stop); cut labels: {clipped(page, frame) or 'none'}"
            )
            for where, target in (("page", page), ("map", frame)):
                sizes = target.evaluate(VISIBLE_TEXT_SIZES)
                print(
                    f"  {where}: smallest text {sizes[0][0]:.1f}px ({len(sizes)} visible texts)"
                    if sizes
                    else f"  {where}: no visible text"
                )
                for px, text, cls in sizes[: args.show]:
                    print(f"    {px:6.1f}px  {text!r}  .{cls}")
            page.close()


if __name__ == "__main__":
    main()
