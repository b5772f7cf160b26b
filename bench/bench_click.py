"""Click on a building → the side panel names it (issue 12), on the sample and the 10k workload, in
one run; prints numbers, asserts nothing. Also lists what the browser sends after each click (every
rerun request: which widget changed, whether it is the map fragment's or the data poll's), so a
second send or a needless rerun shows.

    .venv/bin/python bench/bench_click.py [--root DIR] [--workloads sample,10k] [--clicks 6] [--watch 4]

Served signed in (the war map's projects are internal) on bench/workload.py's data; `--root`: the
code to serve (`git archive <commit> | tar -x -C DIR` gives an older one).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402

from bench import workload  # noqa: E402
from bench.bench_scale import (  # noqa: E402
    Recorder,
    click_building,
    load_average,
    load_map,
    new_page,
    settle,
    viewer_cookie,
)
from dashboard import geodata  # noqa: E402
from tests.browser.chromium import launch  # noqa: E402
from tests.browser.server import running_app  # noqa: E402

BUILDINGS = [("sc-building-7", "7号楼"), ("sc-building-11", "11号楼")]


class Sent:
    """The rerun requests the page sends: (seconds since `mark`, what changed)."""

    def __init__(self, page) -> None:
        self.log: list[tuple[float, str]] = []
        self.t0 = 0.0
        self.widgets: dict[str, bytes] = {}  # last value of each widget, to tell what changed
        page.on("websocket", lambda ws: ws.on("framesent", self._frame))
        self.page = page

    def mark(self) -> None:
        self.log = []
        self.t0 = self.page.evaluate("performance.now()")

    def _frame(self, payload) -> None:
        msg = BackMsg()
        try:
            msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        except Exception:
            return
        if msg.WhichOneof("type") != "rerun_script":
            return
        rs = msg.rerun_script
        changed = []
        for w in rs.widget_states.widgets:
            value = w.SerializeToString()
            if self.widgets.get(w.id) != value:
                self.widgets[w.id] = value
                changed.append(f"{w.id.rsplit('-', 1)[-1][:12]}={shown(w)}")
        what = f"{'auto ' if rs.is_auto_rerun else ''}{'fragment' if rs.fragment_id else 'page'}: {changed or 'nothing changed'}"
        t = self.page.evaluate("performance.now()") - self.t0
        self.log.append((t / 1000, what))


def shown(w) -> str:
    """A widget state, short: the map's value by the feature it names."""
    kind = w.WhichOneof("value")
    value = getattr(w, kind) if kind else None
    if kind == "json_value":
        props = (json.loads(value).get("last_active_drawing") or {}).get("properties") or {}
        return f"map click on {props.get('layer')}/{props.get('id')}"
    return str(value)[:60]


def open_page(browser, url: str, cookie: str, firms: int):
    """bench_scale.open_page, with the sends watched from the first (a websocket is only seen if
    watched before it opens)."""
    page = new_page(browser, url, cookie)
    rec, sent = Recorder(page), Sent(page)
    return page, load_map(page, url, firms, 180_000), rec, sent


def clicks_on(url: str, cookie: str, firms: int, n: int, watch_s: float) -> dict:
    with launch() as browser:
        page, frame, rec, sent = open_page(browser, url, cookie, firms)
        settle(page, rec, 2.0)
        took, sends = [], []
        for i in range(n):
            fid, name = BUILDINGS[i % 2]
            sent.mark()
            s, _ = click_building(page, frame, rec, fid, name, 60_000)
            page.wait_for_timeout(int(watch_s * 1000))
            took.append(s)
            sends.append(list(sent.log))
            print(f"  click {i + 1} ({name}): {s * 1000:.0f} ms; sent: {sent.log}", flush=True)
        page.context.close()
    return {"click_ms": [round(t * 1000) for t in took], "median_ms": round(statistics.median(took) * 1000)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(ROOT))
    ap.add_argument("--workloads", default="sample,10k")
    ap.add_argument("--clicks", type=int, default=6)
    ap.add_argument("--watch", type=float, default=4.0, help="seconds to watch for sends after a click")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="htz-click-"))
    out = {}
    for name in a.workloads.split(","):
        firms, parcels, projects = workload.WORKLOADS[name]
        cfg = workload.make(tmp / name, firms, parcels, projects, base=Path(a.root))
        db = f"sqlite:///{tmp / name / 'store.sqlite3'}"
        print(f"{name}: serving {a.root} (load average {load_average()})", flush=True)
        with running_app(env={"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": db}, root=Path(a.root), timeout=600) as url:
            drawn = min(firms + 4, geodata.MAX_POINTS)
            out[name] = clicks_on(url, viewer_cookie(db), drawn, a.clicks, a.watch)
        print(f"{name}: {json.dumps(out[name])}", flush=True)
    if "sample" in out and "10k" in out:
        print(f"10k / sample: {out['10k']['median_ms'] / out['sample']['median_ms']:.2f}×")


if __name__ == "__main__":
    main()
