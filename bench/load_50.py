"""Issue 8's load: many concurrent viewers against one server on this machine. Prints numbers,
asserts nothing. One command (10 minutes, 50 sessions):

    .venv/bin/python bench/load_50.py [--sessions 50] [--minutes 10] [--every 10]

Each session is a websocket-level client speaking Streamlit's own protocol (the BackMsg /
ForwardMsg protobufs a browser sends and receives), signed in as a viewer (the internal view, with
the war map, the weeks charts and the projects table: the heaviest page a viewer gets). It loads the
page, then, until the time is up, acts once every `--every` seconds (jittered 0.5–1.5×): click a
feature, click another, toggle a layer, switch the language, in turn. As a browser does, a click
reruns only the map-and-panel fragment (its rerun carries the fragment's id), a toggle or a language
switch reruns the page, and the data poll (`[ledger] poll_s`) reruns its fragment when the server
asks for it (an auto_rerun message). After a whole run, the states of widgets that run did not
draw are dropped, as a browser drops them: without that, the map's value under its other-language
id was sent again and selected an old feature when the language came back (77 false errors in
the first 10-minute run).

Why one action per 10 s: a viewer who clicks a feature reads its panel (names, facts with their
source and date) before the next click; 10 s is a brisk reader. 50 such viewers ask the server
for 5 page runs a second plus 10 polls a second (poll_s = 5) — far more than a real meeting.
`--every 1` is a stress test: it measures how the server degrades, not what viewers see.

Reported: errors (an exception element, a script that did not finish, a lost connection, no answer
within 30 s), each action's latency (sent → the server's script_finished; a click's is click →
panel, checked to carry the clicked feature's name), the server's CPU seconds per run (from
/proc: it does not depend on what else the machine runs), the load average before and after (the
machine is shared: other processes slow every figure but the CPU one), and the server's RSS before
the sessions, at its peak, and per session. Loopback only; the server is a child of this script
with a throwaway store and accounts database, stopped at the end. Browsers would measure the same
server work, but 50 of them do not fit on a 2-core machine beside the server; the map's drawing in
the browser is measured by bench/bench_render.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
EARLY = 2  # FINISHED_EARLY_FOR_RERUN: a rerun the server queued itself follows
ACTIONS = ("click", "click", "toggle", "language")


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []


def features() -> list[tuple[str, str, str]]:
    """(layer, id, zh name, en name) of every feature a viewer can click."""
    cat = catalog.load_catalog(config.load(config.ROOT / "config.toml"))
    return [
        (lid, row.id, str(getattr(row, "name_zh", "")), str(getattr(row, "name_en", "")))
        for lid, data in cat.layers.items()
        if data.spec.selectable
        for row in data.gdf.itertuples(index=False)
    ]


class Session:
    """One viewer: a reader task takes every message in; `run` sends one rerun and waits for its end."""

    def __init__(self, n: int, url: str, cookie: str, stats: Stats) -> None:
        self.n, self.stats = n, stats
        self.uri = url.replace("http://", "ws://") + "/_stcore/stream"
        self.cookie = f"{COOKIE}={cookie}"
        self.ids: dict[str, str] = {}  # widget ids by user key ("map": the map component)
        self.map_fragment = ""
        self.poll: tuple[float, str] | None = None  # (interval s, fragment id) as the server asked
        self.states: dict[str, WidgetState] = {}
        self.rendered: set[str] = set()  # widget ids the running script has drawn
        self.lang = "中文"
        self.clicked: tuple[str, str] = ("", "")
        self.lock = asyncio.Lock()
        self.done: asyncio.Future | None = None
        self.expect, self.seen = "", False

    def take(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "auto_rerun":
            self.poll = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg)
        elif kind == "script_finished" and msg.script_finished != EARLY and self.done and not self.done.done():
            self.done.set_result(msg.script_finished)

    def _element(self, msg: ForwardMsg) -> None:
        el = msg.delta.new_element
        kind = el.WhichOneof("type")
        if kind == "exception":
            self.stats.errors.append(f"session {self.n}: {el.exception.type}: {el.exception.message[:200]}")
        elif kind == "html" and self.expect and 'class="panel-name"' in el.html.body and self.expect in el.html.body:
            self.seen = True
        inner = getattr(el, kind) if kind else None
        wid = getattr(inner, "id", "") if inner is not None else ""
        if isinstance(wid, str) and wid.startswith("$$ID"):
            self.rendered.add(wid)
            if kind == "component_instance":  # the page's one component is the map
                self.ids["map"], self.map_fragment = wid, msg.delta.fragment_id
            else:  # Streamlit ids end with '-<key>'
                self.ids[wid.rsplit("-", 1)[-1]] = wid

    async def read(self, ws) -> None:
        async for raw in ws:
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            self.take(msg)

    async def run(self, ws, action: str, fragment: str = "", expect: str = "") -> None:
        async with self.lock:
            back = BackMsg()
            back.rerun_script.query_string = "" if action == "load" else f"lang={'zh' if self.lang == '中文' else 'en'}"
            back.rerun_script.widget_states.widgets.extend(self.states.values())
            back.rerun_script.fragment_id = fragment
            back.rerun_script.is_auto_rerun = action == "poll"
            self.done, self.expect, self.seen = asyncio.get_running_loop().create_future(), expect, False
            self.rendered = set()
            start = time.perf_counter()
            await ws.send(back.SerializeToString())
            status = await asyncio.wait_for(self.done, TIMEOUT_S)
            self.stats.latency[action].append(time.perf_counter() - start)
            if not fragment and status in FINISHED:
                # as a browser does after a whole run: the states of widgets it did not draw are dropped
                # (the map's id changes with the language: an old id's value sent again would select
                # that old feature when the language comes back)
                self.states = {k: v for k, v in self.states.items() if k in self.rendered}
        if status not in FINISHED:
            self.stats.errors.append(f"session {self.n} {action}: script finished with {status}")
        if expect and not self.seen:
            self.stats.errors.append(f"session {self.n} {action}: the panel did not show {expect!r}")

    async def act(self, ws, kind: str, rng: random.Random, feats: list) -> None:
        if kind == "click":  # the value streamlit-folium reports for a click on a feature
            # another feature than the one selected: a browser sends no new value for the same feature
            layer, fid, zh, en = rng.choice([f for f in feats if f[:2] != self.clicked])
            self.clicked = (layer, fid)
            name = en if self.lang == "English" and en else zh
            value = {"last_active_drawing": {"type": "Feature", "properties": {"layer": layer, "id": fid}}}
            value["last_object_clicked"] = {"lat": 34.8, "lng": 113.5}
            self.states[self.ids["map"]] = WidgetState(id=self.ids["map"], json_value=json.dumps(value))
            await self.run(ws, "click", self.map_fragment, f">{escape(name)}</div>")
        elif kind == "toggle":
            wid = self.ids[rng.choice([k for k in self.ids if k.startswith("layer_")])]
            old = self.states.get(wid)
            self.states[wid] = WidgetState(id=wid, bool_value=not (old.bool_value if old else True))
            await self.run(ws, "toggle")
        else:
            self.lang = "English" if self.lang == "中文" else "中文"
            self.states[self.ids["lang_radio"]] = WidgetState(id=self.ids["lang_radio"], string_value=self.lang)
            await self.run(ws, "language")

    async def polls(self, ws, deadline: float) -> None:
        while time.monotonic() + (self.poll[0] if self.poll else 1.0) < deadline:
            if self.poll is None:
                await asyncio.sleep(1.0)
                continue
            await asyncio.sleep(self.poll[0])
            try:
                await self.run(ws, "poll", self.poll[1])
            except TimeoutError:
                self.stats.errors.append(f"session {self.n} poll: no answer within {TIMEOUT_S:.0f} s")

    async def live(self, deadline: float, every: float, feats: list) -> None:
        rng = random.Random(self.n)
        await asyncio.sleep(rng.uniform(0, min(every, 10.0)))  # sessions arrive spread over one action interval
        try:
            async with websockets.connect(self.uri, additional_headers={"Cookie": self.cookie}, max_size=None) as ws:
                reader = asyncio.create_task(self.read(ws))
                poller = asyncio.create_task(self.polls(ws, deadline))
                await self.run(ws, "load")
                step = rng.randrange(len(ACTIONS))
                while (pause := rng.uniform(0.5, 1.5) * every) < deadline - time.monotonic():
                    await asyncio.sleep(pause)
                    await self.act(ws, ACTIONS[step % len(ACTIONS)], rng, feats)
                    step += 1
                await asyncio.sleep(max(0.0, deadline - time.monotonic()))  # the polls go on to the end
                poller.cancel()
                reader.cancel()
        except TimeoutError:
            self.stats.errors.append(f"session {self.n}: no answer within {TIMEOUT_S:.0f} s")
        except (websockets.ConnectionClosed, OSError, KeyError) as err:
            self.stats.errors.append(f"session {self.n}: {type(err).__name__}: {err}")


class Server:
    """The streamlit server's process (this script's one child): memory and CPU time from /proc."""

    def __init__(self) -> None:
        kids = _children(os.getpid())
        if len(kids) != 1:
            raise RuntimeError(f"expected one child process (the server), found {kids}")
        self.pid = kids[0]

    def rss_kib(self) -> int:
        total = 0
        for p in [self.pid, *_children(self.pid)]:
            with contextlib.suppress(OSError):  # a process that ended meanwhile
                lines = Path(f"/proc/{p}/status").read_text().splitlines()
                total += sum(int(x.split()[1]) for x in lines if x.startswith("VmRSS:"))
        return total

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        out += [int(c) for c in task.read_text().split()]
    return out


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def sample_rss(server: Server, until: float, peak: list[int]) -> None:
    while time.monotonic() < until:
        peak[0] = max(peak[0], server.rss_kib())
        await asyncio.sleep(1.0)


def pct(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


async def load(url: str, cookie: str, sessions: int, minutes: float, every: float) -> None:
    feats = features()
    stats = Stats()
    server = Server()
    warm = Session(-1, url, cookie, Stats())  # one run first: the baseline holds the loaded data
    async with websockets.connect(warm.uri, additional_headers={"Cookie": warm.cookie}, max_size=None) as ws:
        reader = asyncio.create_task(warm.read(ws))
        await warm.run(ws, "load")
        reader.cancel()
    base, cpu0, load0 = server.rss_kib(), server.cpu_s(), loadavg()
    deadline = time.monotonic() + minutes * 60
    peak = [base]
    started = time.monotonic()
    await asyncio.gather(
        sample_rss(server, deadline + 5, peak),
        *(Session(i, url, cookie, stats).live(deadline, every, feats) for i in range(sessions)),
    )
    took, cpu = time.monotonic() - started, server.cpu_s() - cpu0
    print(f"{sessions} sessions, one action each per {every:g} s, for {minutes:g} min (ran {took:.0f} s)")
    print(f"  load average (1, 5, 15 min): {load0} before, {loadavg()} after; {os.cpu_count()} cores")
    report(stats, sessions, cpu, took, (base, peak[0], server.rss_kib()))


def report(stats: Stats, sessions: int, cpu: float, took: float, rss: tuple[int, int, int]) -> None:
    runs = sum(len(v) for v in stats.latency.values())
    print(f"  {runs} page runs, {len(stats.errors)} errors")
    for kind in ("load", "click", "toggle", "language", "poll"):
        v = stats.latency.get(kind, [])
        if v:
            print(
                f"  {kind:9s} n={len(v):5d}  p50 {statistics.median(v):.3f} s  p95 {pct(v, 95):.3f} s"
                f"  max {max(v):.3f} s"
            )
    print(
        f"  server CPU: {cpu:.0f} s in {took:.0f} s ({cpu / took:.0%} of one core),"
        f" {1000 * cpu / max(runs, 1):.0f} ms per page run on average (polls included)"
    )
    base, peak, end = rss
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
    ap.add_argument("--every", type=float, default=10.0, help="mean seconds between a session's actions")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="htz-load-") as tmp:
        db = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"  # the server's store, its accounts included
        with running_app(env={"HTZ_STORE_URL": db}) as url:
            cookie = viewer_cookie(db)
            asyncio.run(load(url, cookie, args.sessions, args.minutes, args.every))


if __name__ == "__main__":
    main()
