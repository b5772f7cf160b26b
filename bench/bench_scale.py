"""The dashboard at the zone's real size (issue 12); prints numbers, asserts nothing.

    .venv/bin/python bench/bench_scale.py run --variant new [--root DIR] [--workloads sample,10k,100k]
    .venv/bin/python bench/bench_scale.py run --variant tutorial --workloads sample,10k
    .venv/bin/python bench/bench_scale.py report          # the table side by side + docs/scale.png
    .venv/bin/python bench/bench_scale.py all             # all of it: before (39abdeb), new, tutorial, report

`run` serves `--root`'s code (default: this checkout; `git archive <commit> | tar -x -C DIR` gives
an older one) on each workload of bench/workload.py, signed in (the war map's 2,000 projects are
internal), in headless Debian chromium, and stores the medians in bench/results/<variant>.json.
Measured, median of `--loads` page loads / clicks:
- navigation → every firm drawn (each firm on the map, or counted in a cluster);
- bytes pushed for that: websocket frames + layer data fetched by the map;
- a click on 7号楼 / 11号楼 (alternating) → the side panel names it; bytes pushed per click;
- whether pan + zoom rerun the script (bytes pushed after them);
- server RSS with 1 and with 10 sessions open (10 websocket sessions: see ten_sessions).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from bench import workload  # noqa: E402
from dashboard import geodata  # noqa: E402
from tests.browser.chromium import launch  # noqa: E402
from tests.browser.server import running_app  # noqa: E402

RESULTS = ROOT / "bench" / "results"
BEFORE = "39abdeb"  # the code the issue measured: before layers went by URL and before the 5,000-feature cap
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DATA_ROUTE = "/layerdata/"
POLL_S = 5  # config.toml [ledger] poll_s: the page's data poll, a fragment rerun on a timer
# firms drawn: a feature on the map, or a cluster's count (a cluster stands for its firms)
FIRMS_DRAWN = """() => { let n = 0;
  for (const l of Object.values(window.map._layers)) {
    if (l._map && l.feature && l.feature.properties.layer === 'enterprises') n += 1;
    else if (l._map && l.getChildCount && l._htzFirms) n += l.getChildCount();
    else if (l._map && l._htzCount) n += l._htzCount;  // a square's disc (layerload.js counts big layers)
    else if (l._map && l instanceof L.Marker && !l.feature && l.getTooltip && l.getTooltip()) n += 1;
  }
  return n; }"""
WHERE = """fid => { for (const l of Object.values(window.map._layers)) {
  if (l._map && l.feature && l.feature.properties.id === fid) {
    const c = window.map.latLngToContainerPoint(l.getLatLng()); return [c.x, c.y]; } } return null; }"""

# checked on every animation frame: a locator's wait polls at up to 500 ms steps, coarser than a click
PANEL_NAMES = """name => [...document.querySelectorAll('.panel .panel-name')]
  .some(e => e.textContent.includes(name) && e.offsetParent !== null)"""
SHOWN_TEXT = """text => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
  .some(e => e.textContent.includes(text))"""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def viewer_cookie(store_url: str) -> str:
    from tests.helpers import account_cookie

    return account_cookie(store_url, "bench-viewer", "viewer")


class Recorder:
    """Bytes the page receives (websocket frames and the map's layer-data fetches) and the reruns it
    asks for (each one's fragment id; "" for a whole-page run)."""

    def __init__(self, page):
        self.bytes = 0
        self.reruns: list[str] = []
        page.on("websocket", self._socket)
        page.on("requestfinished", self._fetched)

    def _socket(self, ws) -> None:
        ws.on("framereceived", self._frame)
        ws.on("framesent", self._sent)

    def _sent(self, payload) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        if msg.WhichOneof("type") == "rerun_script":
            self.reruns.append(msg.rerun_script.fragment_id)

    def _frame(self, payload) -> None:
        self.bytes += len(payload if isinstance(payload, bytes) else payload.encode())

    def _fetched(self, req) -> None:
        if DATA_ROUTE in req.url:  # as sent: compressed
            self.bytes += req.sizes()["responseBodySize"]


def new_page(browser, url: str, cookie: str | None):
    """A 1920×1080 zh-CN page of its own, signed in with `cookie` (None: a visitor)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    if cookie:
        from dashboard.auth.tokens import COOKIE

        context.add_cookies([{"name": COOKIE, "value": cookie, "url": url, "httpOnly": True, "sameSite": "Lax"}])
    return context.new_page()


def load_map(page, url: str, firms: int, timeout_ms: int, polling: int = 200):
    """Navigate to the desk page and wait until `firms` firms are drawn; returns the map's frame."""
    page.goto(url + "/?basemap=offline", timeout=timeout_ms)
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=timeout_ms)
    frame = page.query_selector(MAP_FRAME).content_frame()
    frame.wait_for_function("typeof window.map === 'object' && window.map._loaded", timeout=timeout_ms, polling=polling)
    frame.wait_for_function(f"({FIRMS_DRAWN})() >= {firms}", timeout=timeout_ms, polling=polling)
    return frame


def open_page(browser, url: str, cookie: str | None, firms: int, timeout_ms: int):
    page = new_page(browser, url, cookie)
    rec = Recorder(page)
    t0 = time.perf_counter()
    frame = load_map(page, url, firms, timeout_ms)
    return page, frame, rec, time.perf_counter() - t0


def settle(page, rec: Recorder, quiet_s: float = 1.0) -> None:
    """Wait until no byte has arrived for `quiet_s` (the rerun's messages are all in)."""
    last, since = rec.bytes, time.perf_counter()
    while time.perf_counter() - since < quiet_s:
        page.wait_for_timeout(100)
        if rec.bytes != last:
            last, since = rec.bytes, time.perf_counter()


def click_building(page, frame, rec: Recorder, fid: str, name: str, timeout_ms: int) -> tuple[float, int]:
    xy = frame.evaluate(WHERE, fid)
    box = page.query_selector(MAP_FRAME).bounding_box()
    before = rec.bytes
    t0 = time.perf_counter()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    page.wait_for_function(PANEL_NAMES, arg=name, polling="raf", timeout=timeout_ms)
    took = time.perf_counter() - t0
    settle(page, rec)
    return took, rec.bytes - before


def click_tutorial(page, frame, rec: Recorder, timeout_ms: int) -> tuple[float, int]:
    xy = frame.evaluate("""() => { for (const l of Object.values(window.map._layers)) if (l instanceof L.Marker)
        { const c = window.map.latLngToContainerPoint(l.getLatLng()), t = document.createElement('div');
          t.innerHTML = l.getTooltip().getContent(); return [c.x, c.y, t.textContent.trim()]; } }""")
    box = page.query_selector(MAP_FRAME).bounding_box()
    before = rec.bytes
    t0 = time.perf_counter()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1] - 20)  # the pin's body, above its point
    page.wait_for_function(SHOWN_TEXT, arg=str(xy[2]).strip(), polling="raf", timeout=timeout_ms)
    took = time.perf_counter() - t0
    settle(page, rec)
    return took, rec.bytes - before


def pan_zoom(page, frame, rec: Recorder) -> tuple[int, int]:
    """Bytes pushed and reruns asked for in the 2 s after a pan and a zoom, leaving out the page's
    data poll: the fragments that reran while nobody did anything for longer than its period."""
    settle(page, rec)
    idle = len(rec.reruns)
    page.wait_for_timeout(POLL_S * 1000 + 1500)
    poll = set(rec.reruns[idle:])
    before, asked = rec.bytes, len(rec.reruns)
    frame.evaluate(
        "() => { window.map.panBy([200, 120], {animate: false}); window.map.setZoom(window.map.getZoom() + 1, {animate: false}); }"
    )
    page.wait_for_timeout(2000)
    settle(page, rec, 1.0)
    return rec.bytes - before, len([f for f in rec.reruns[asked:] if f not in poll])


def measure(url, cookie, firms: int, loads: int, tutorial: bool, timeout_ms: int, sessions: bool = True) -> dict:
    out: dict = {"firms": firms}
    with launch() as browser:
        first, pushed, clicks, click_bytes = [], [], [], []
        for i in range(loads):
            page, frame, rec, took = open_page(browser, url, cookie, firms, timeout_ms)
            settle(page, rec)
            first.append(took)
            pushed.append(rec.bytes)
            if i == 0:
                out["rss_1_session_mb"] = rss_mb(url.pid)
                try:
                    for j in range(loads):
                        fid, name = [("sc-building-7", "7号楼"), ("sc-building-11", "11号楼")][j % 2]
                        c, b = (
                            click_tutorial(page, frame, rec, timeout_ms)
                            if tutorial
                            else click_building(page, frame, rec, fid, name, timeout_ms)
                        )
                        clicks.append(c)
                        click_bytes.append(b)
                except PlaywrightTimeout:  # the panel never followed: "> timeout" in the table
                    out["click_timeout_s"] = timeout_ms / 1000
                out["pan_zoom_bytes"], out["pan_zoom_reruns"] = pan_zoom(page, frame, rec)
            page.context.close()
        out.update(first_paint_s=statistics.median(first), pushed_bytes=statistics.median(pushed))
        if clicks:
            out.update(click_s=statistics.median(clicks), click_bytes=statistics.median(click_bytes))
    if sessions:
        out.update(ten_sessions(url, cookie))
    return out


def ten_sessions(url, cookie: str | None, n: int = 10) -> dict:
    """Server RSS with `n` sessions open at once: real websocket sessions (bench/load_50.py's client,
    Streamlit's own protocol), opened one after another, each page run to its end, all kept open.
    Not ten Chromium tabs: each tab of the 100k page adds ~0.65 GB to Chromium (6.8 GB for ten,
    bench/browser_tabs.py) while the server adds < 1 MB and 0.7 s of CPU per
    tab; on the shared 2-core machine the tabs, not the server, ran out of time (the step timed out
    twice). The server's work per session is the same with a websocket client."""
    from bench.load_50 import Session, Stats

    async def go() -> dict:
        stats, rss, socks, tasks = Stats(), [rss_mb(url.pid)], [], []
        for i in range(n):
            s = Session(i, url, cookie or "", stats)
            ws = await websockets.connect(s.uri, additional_headers={"Cookie": s.cookie}, max_size=None)
            socks.append(ws)
            tasks.append(asyncio.create_task(s.read(ws)))
            await s.run(ws, "load")
            rss.append(rss_mb(url.pid))
        got = {
            "rss_10_sessions_mb": rss[-1],
            "rss_per_extra_session_mb": (rss[-1] - rss[1]) / (n - 1),
            "rss_sessions_mb": [round(r) for r in rss],
            "session_load_s": [round(x, 2) for x in stats.latency["load"]],  # each first page run
        }
        if stats.errors:
            got["rss_10_sessions_error"] = stats.errors[0][:200]
        for task in tasks:
            task.cancel()
        for ws in socks:
            await ws.close()
        return got

    try:
        return asyncio.run(go())
    except Exception as err:
        return {"rss_10_sessions_error": f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"}


def run(a) -> None:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{a.variant}.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    tmp = Path(tempfile.mkdtemp(prefix="htz-scale-"))
    for name in a.workloads.split(","):
        firms, parcels, projects = workload.WORKLOADS[name]
        cfg = workload.make(tmp / name, firms, parcels, projects, base=Path(a.root))  # its own config
        db = f"sqlite:///{tmp / name / 'store.sqlite3'}"  # the server's store, its accounts included
        env = {"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": db}
        script, root = ("tutorial_app.py", tutorial_root()) if a.variant == "tutorial" else ("launcher.py", a.root)
        print(f"{a.variant} {name}: serving {a.root}  (load average {load_average()})", flush=True)
        t0, load_before = time.perf_counter(), load_average()
        # the firms drawn: this code draws a point layer's first geodata.MAX_POINTS and says so
        drawn = min(firms + 4, geodata.MAX_POINTS) if a.variant == "new" else firms + 4
        try:
            with running_app(env=env, script=script, root=Path(root), timeout=600) as url:
                cookie = None if a.variant == "tutorial" else viewer_cookie(db)
                r = measure(url, cookie, drawn, a.loads, a.variant == "tutorial", a.timeout * 1000, a.sessions)
        except Exception as err:  # a workload that breaks the code is a result too
            r = {"firms": drawn, "error": f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"}
        r["wall_s"], r["file_features"] = time.perf_counter() - t0, firms + 4
        r["load_average"] = f"{load_before} → {load_average()}"  # the machine is shared: read numbers with it
        print(json.dumps(r), flush=True)
        results[name] = r
        path.write_text(json.dumps(results, indent=1))


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def tutorial_root() -> Path:
    """A folder with the tutorial app at its top: Streamlit serves `static/` from beside the main
    script, so from bench/ the map found no Leaflet and stayed blank. The rest are links to here."""
    root = Path(tempfile.mkdtemp(prefix="htz-tutorial-"))
    for name in ("static", "dashboard", "layers", "data", "config.toml", ".streamlit"):
        (root / name).symlink_to(ROOT / name)
    (root / "tutorial_app.py").write_text((ROOT / "bench" / "tutorial_app.py").read_text(encoding="utf-8"))
    return root


def fmt(r: dict | None, key: str) -> str:
    if not r:
        return "—"
    if "error" in r:
        return "fails" if key == "first_paint_s" else ""
    if key == "click_s" and "click_timeout_s" in r:
        return f"> {r['click_timeout_s']:.0f} s"
    v = r.get(key)
    if v is None:
        return "—"
    if key.endswith("_s"):
        return f"{v:.2f} s"
    if key.endswith("reruns"):
        return str(v)
    if key.endswith("bytes"):
        return f"{v / 1e6:.2f} MB" if v >= 1e6 else f"{v / 1e3:.0f} KB"
    return f"{v:.1f} MB" if key == "rss_per_extra_session_mb" else f"{v:.0f} MB"


ROWS = [
    ("navigation → every firm drawn", "first_paint_s"),
    ("bytes pushed for it", "pushed_bytes"),
    ("click on a building → panel", "click_s"),
    ("bytes pushed per click", "click_bytes"),
    ("bytes in the 2 s after pan + zoom", "pan_zoom_bytes"),
    ("reruns asked for by pan + zoom (the 5 s data poll left out)", "pan_zoom_reruns"),
    ("server RSS, 1 session", "rss_1_session_mb"),
    ("server RSS, 10 sessions", "rss_10_sessions_mb"),
    ("server RSS per extra session", "rss_per_extra_session_mb"),
]


def report(_a) -> None:
    res = {
        v: json.loads((RESULTS / f"{v}.json").read_text())
        for v in ("before", "new", "tutorial")
        if (RESULTS / f"{v}.json").exists()
    }
    cols = [(v, w) for w in workload.WORKLOADS for v in ("before", "new", "tutorial") if w in res.get(v, {})]
    print("| | " + " | ".join(f"{w}: {v}" for v, w in cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for label, key in ROWS:
        print(f"| {label} | " + " | ".join(fmt(res[v][w], key) for v, w in cols) + " |")
    for v, w in cols:
        if "error" in res[v][w]:
            print(f"{w} / {v}: {res[v][w]['error']}")
        if "rss_10_sessions_error" in res[v][w]:
            print(f"{w} / {v}, 10 sessions: {res[v][w]['rss_10_sessions_error']}")
    print("load average (1, 5, 15 min) at the start → end of each run:")
    for v, w in cols:
        print(f"  {w} / {v}: {res[v][w].get('load_average', '?')}")
    plot(res)


def run_all(a) -> None:
    """Everything in one command: the code before this work (git archive BEFORE), this code and the
    tutorial pattern on the workloads, then the table and the plot."""
    before = Path(tempfile.mkdtemp(prefix="htz-before-"))
    subprocess.run(f"git -C {ROOT} archive {BEFORE} | tar -x -C {before}", shell=True, check=True)
    plan = [
        ("before", before, "sample,10k", a.loads, False),
        ("new", ROOT, "sample,10k,100k,200k-file", a.loads, True),
        ("tutorial", ROOT, "sample,10k", 1, False),  # 10k: about a minute a page; its click never comes
    ]
    for variant, root, workloads, loads, sessions in plan:
        if variant in a.skip.split(","):
            continue
        run(
            argparse.Namespace(
                variant=variant, root=str(root), workloads=workloads, loads=loads, timeout=a.timeout, sessions=sessions
            )
        )
    report(a)


def plot(res: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for v, style in (("before", "o--"), ("new", "o-"), ("tutorial", "x:")):
        pts = sorted((r["firms"], r) for r in res.get(v, {}).values() if "error" not in r)
        if pts:
            xs = [p[0] for p in pts]
            ax1.plot(xs, [p[1]["first_paint_s"] for p in pts], style, label=v)
            ax2.plot(xs, [p[1]["pushed_bytes"] / 1e6 for p in pts], style, label=v)
    for ax, title in ((ax1, "navigation → every firm drawn (s)"), (ax2, "bytes pushed for it (MB)")):
        ax.set_xscale("log")
        ax.set_xlabel("firms on the map")
        ax.set_title(title)
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    out = ROOT / "docs" / "scale.png"
    fig.savefig(out, dpi=110)
    print(f"plot: {out}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--variant", choices=("before", "new", "tutorial"), required=True)
    r.add_argument("--root", default=str(ROOT))
    r.add_argument("--workloads", default="sample,10k,100k")
    r.add_argument("--loads", type=int, default=5)
    r.add_argument("--timeout", type=int, default=180, help="seconds per wait")
    r.set_defaults(fn=run)
    r.add_argument("--sessions", action=argparse.BooleanOptionalAction, default=True, help="RSS with 10 sessions")
    sub.add_parser("report").set_defaults(fn=report)
    al = sub.add_parser("all", help="before, new and tutorial, then the table and the plot")
    al.add_argument("--loads", type=int, default=3)
    al.add_argument("--timeout", type=int, default=90, help="seconds per wait")
    al.add_argument("--skip", default="", help="variants not run again (their stored results are shown)")
    al.set_defaults(fn=run_all)
    a = ap.parse_args()
    a.fn(a)
