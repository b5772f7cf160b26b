"""Issue 8's load: many concurrent viewers against one server on this machine. Prints numbers,
asserts nothing.

    .venv/bin/python bench/load_50.py [--sessions 50] [--minutes 10] [--think 1.0]

Each session is a websocket-level client speaking Streamlit's own protocol (the BackMsg /
ForwardMsg protobufs a browser sends and receives), signed in as a viewer (the internal view,
with the war map): it loads the page, then, until the time is up, clicks a feature (the value
streamlit-folium reports for a click), toggles a layer and switches the language, pausing
`--think` seconds between actions. Browsers would measure the same server work but 50 of them do
not fit on a 2-core machine beside the server; the map's drawing in the browser is measured by
bench/bench_render.py.

Reported: errors (an exception element, a script that did not finish, a lost connection, no
answer within 30 s), the latency of each action (from sending it to the server's
script_finished) — click → panel is the click's, checked to carry the panel — and the server's
RSS: before the sessions, at its peak, and the difference per session. Loopback only; the server
is a child of this script with a throwaway accounts database, stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from html import escape
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard import catalog, config  # noqa: E402
from dashboard.auth.tokens import COOKIE  # noqa: E402
from tests.browser.server import running_app  # noqa: E402

TIMEOUT_S = 30.0
FINISHED = (0, 3)  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []


def features() -> list[tuple[str, str, str]]:
    """(layer, id, zh name) of every feature a viewer can click."""
    cat = catalog.load_catalog(config.load(config.ROOT / "config.toml"))
    return [
        (lid, row.id, str(getattr(row, "name_zh", "")))
        for lid, data in cat.layers.items()
        if data.spec.selectable
        for row in data.gdf.itertuples(index=False)
    ]


def _element_ids(msg: ForwardMsg, ids: dict[str, str]) -> None:
    """Widget ids by user key (Streamlit ids end with '-<key>')."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return
    el = msg.delta.new_element
    kind = el.WhichOneof("type")
    inner = getattr(el, kind) if kind else None
    wid = getattr(inner, "id", "") if inner is not None else ""
    if isinstance(wid, str) and wid.startswith("$$ID"):
        # the page's one component is the map (streamlit-folium hashes its key)
        ids["map" if kind == "component_instance" else wid.rsplit("-", 1)[-1]] = wid


def _html_of(msg: ForwardMsg) -> str:
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        el = msg.delta.new_element
        if el.WhichOneof("type") == "html":
            return el.html.body
    return ""


class Session:
    def __init__(self, n: int, url: str, cookie: str, stats: Stats) -> None:
        self.n, self.stats = n, stats
        self.uri = url.replace("http://", "ws://") + "/_stcore/stream"
        self.cookie = f"{COOKIE}={cookie}"
        self.ids: dict[str, str] = {}
        self.states: dict[str, WidgetState] = {}
        self.lang = "中文"

    async def run_once(self, ws, action: str, expect: str = "") -> None:
        back = BackMsg()
        back.rerun_script.query_string = "" if action == "load" else f"lang={'zh' if self.lang == '中文' else 'en'}"
        back.rerun_script.widget_states.widgets.extend(self.states.values())
        start = time.perf_counter()
        await ws.send(back.SerializeToString())
        seen = False
        while True:
            raw = await asyncio.wait_for(ws.recv(), TIMEOUT_S)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            _element_ids(msg, self.ids)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
                self.stats.errors.append(f"session {self.n} {action}: {msg.delta.new_element.exception.message}")
            seen = seen or (bool(expect) and expect in _html_of(msg))
            if kind == "script_finished":
                if msg.script_finished == 2:  # FINISHED_EARLY_FOR_RERUN: ours is the next run
                    continue
                if msg.script_finished not in FINISHED:
                    self.stats.errors.append(f"session {self.n} {action}: script finished with {msg.script_finished}")
                break
        self.stats.latency[action].append(time.perf_counter() - start)
        if expect and not seen:
            self.stats.errors.append(f"session {self.n} {action}: the panel did not show {expect!r}")

    def click(self, layer: str, fid: str) -> None:
        value = {
            "last_active_drawing": {"type": "Feature", "properties": {"layer": layer, "id": fid}},
            "last_object_clicked": {"lat": 34.8, "lng": 113.5},
        }
        wid = self.ids["map"]
        self.states[wid] = WidgetState(id=wid, json_value=json.dumps(value))

    def toggle(self, rng: random.Random) -> None:
        keys = [k for k in self.ids if k.startswith("layer_")]
        key = rng.choice(keys)
        wid = self.ids[key]
        old = self.states.get(wid)
        self.states[wid] = WidgetState(id=wid, bool_value=not (old.bool_value if old else True))

    def switch_language(self) -> None:
        self.lang = "English" if self.lang == "中文" else "中文"
        wid = self.ids["lang_radio"]
        self.states[wid] = WidgetState(id=wid, string_value=self.lang)

    async def live(self, deadline: float, think: float, feats: list) -> None:
        rng = random.Random(self.n)
        await asyncio.sleep(rng.uniform(0, min(10.0, think * 10)))  # sessions arrive over a few seconds
        try:
            async with websockets.connect(self.uri, additional_headers={"Cookie": self.cookie}, max_size=None) as ws:
                await self.run_once(ws, "load")
                step = 0
                while time.monotonic() < deadline:
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
                    kind = ("click", "click", "toggle", "language")[step % 4]
                    if kind == "click":
                        layer, fid, name = rng.choice(feats)
                        self.click(layer, fid)
                        await self.run_once(ws, "click", expect=f'<div class="panel-name">{escape(name)}</div>')
                    elif kind == "toggle":
                        self.toggle(rng)
                        await self.run_once(ws, "toggle")
                    else:
                        self.switch_language()
                        await self.run_once(ws, "language")
                    step += 1
        except TimeoutError:
            self.stats.errors.append(f"session {self.n}: no answer within {TIMEOUT_S:.0f} s")
        except (websockets.ConnectionClosed, OSError, KeyError) as err:
            self.stats.errors.append(f"session {self.n}: {type(err).__name__}: {err}")


def rss_kib(pid: int) -> int:
    """VmRSS of the process `pid` and its children (the streamlit server)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out += [int(c) for c in task.read_text().split()]
    return out


def server_pid() -> int:
    kids = _children(os.getpid())
    if len(kids) != 1:
        raise RuntimeError(f"expected one child process (the server), found {kids}")
    return kids[0]


async def sample_rss(pid: int, until: float, peak: list[int]) -> None:
    while time.monotonic() < until:
        peak[0] = max(peak[0], rss_kib(pid))
        await asyncio.sleep(1.0)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


async def load(url: str, cookie: str, sessions: int, minutes: float, think: float) -> None:
    feats = features()
    stats = Stats()
    pid = server_pid()
    # one warm-up run so the baseline holds the loaded data, not an empty process
    warm = Session(-1, url, cookie, Stats())
    async with websockets.connect(warm.uri, additional_headers={"Cookie": warm.cookie}, max_size=None) as ws:
        await warm.run_once(ws, "load")
    base = rss_kib(pid)
    deadline = time.monotonic() + minutes * 60
    peak = [base]
    started = time.monotonic()
    await asyncio.gather(
        sample_rss(pid, deadline + 5, peak),
        *(Session(i, url, cookie, stats).live(deadline, think, feats) for i in range(sessions)),
    )
    took = time.monotonic() - started
    report(stats, sessions, minutes, took, base, peak[0], rss_kib(pid))


def report(stats: Stats, sessions: int, minutes: float, took: float, base: int, peak: int, end: int) -> None:
    actions = sum(len(v) for v in stats.latency.values())
    print(
        f"{sessions} sessions for {minutes:g} min (ran {took:.0f} s): {actions} page runs, {len(stats.errors)} errors"
    )
    for kind in ("load", "click", "toggle", "language"):
        v = stats.latency.get(kind, [])
        if v:
            print(
                f"  {kind:9s} n={len(v):5d}  p50 {statistics.median(v):.2f} s  p95 {pct(v, 95):.2f} s  max {max(v):.2f} s"
            )
    print(
        f"  server RSS: {base / 1024:.0f} MiB before, peak {peak / 1024:.0f} MiB, {end / 1024:.0f} MiB at the end;"
        f" {(peak - base) / 1024 / sessions:.1f} MiB per session at peak"
    )
    for err in stats.errors[:20]:
        print("  error:", err)


def viewer_cookie(store_url: str) -> str:
    from tests.helpers import account_cookie

    return account_cookie(store_url, "load-viewer", "viewer")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between a session's actions, s")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="htz-load-") as tmp:
        db = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"  # the server's store, its accounts included
        with running_app(env={"HTZ_STORE_URL": db}) as url:
            cookie = viewer_cookie(db)
            asyncio.run(load(url, cookie, args.sessions, args.minutes, args.think))


if __name__ == "__main__":
    main()
