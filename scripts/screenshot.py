"""Screenshot the running dashboard in headless Chromium, the way a person would see it.

    python scripts/screenshot.py --url "http://127.0.0.1:8501/?lang=zh" --size 1920x1080 --out shot.png

Waits until the map script has run (window.map exists in the map iframe), then saves a PNG
and prints any page errors and requests to hosts other than the app's own.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.chromium import launch  # noqa: E402

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
FIND = (
    "Object.values(window.map._layers).find(l => l.feature && l.feature.properties.id === %r "
    "&& l.feature.properties.layer)"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--out", required=True)
    ap.add_argument("--wait-ms", type=int, default=1500, help="extra settle time after the map is ready")
    ap.add_argument("--click-feature", help="feature id to click on the map before the screenshot")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    own = urlparse(args.url).netloc
    with launch() as browser:
        page = browser.new_page(viewport={"width": w, "height": h})
        errors, foreign = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: (
                foreign.append(r.url)
                if urlparse(r.url).netloc not in (own, "") and not r.url.startswith(("data:", "blob:"))
                else None
            ),
        )
        page.goto(args.url)
        page.wait_for_selector(MAP_FRAME, timeout=60000)
        frame = page.query_selector(MAP_FRAME).content_frame()
        frame.wait_for_function("typeof window.map === 'object'", timeout=60000)
        if args.click_feature:  # a real mouse click where Leaflet drew the feature
            frame.wait_for_function(FIND % args.click_feature + " !== undefined", timeout=30000)
            x, y = frame.evaluate(
                "() => { const l = %s; const p = window.map.latLngToContainerPoint("
                "l.getLatLng ? l.getLatLng() : l.getCenter()); return [p.x, p.y]; }" % (FIND % args.click_feature)
            )
            box = page.query_selector(MAP_FRAME).bounding_box()
            page.mouse.click(box["x"] + x, box["y"] + y)
            page.locator(".panel").wait_for(timeout=30000)
        page.wait_for_timeout(args.wait_ms)
        page.screenshot(path=args.out)
        print(f"saved {args.out}; page errors: {errors or 'none'}; foreign requests: {len(foreign)}")
        for u in sorted(set(foreign))[:20]:
            print("  ", u)


if __name__ == "__main__":
    main()
