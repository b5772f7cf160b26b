"""Start the dashboard with `streamlit run` on a free loopback port, wait for health, stop it.
Used by the browser-test fixtures and the benchmarks."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served(str):
    """The app's base URL; `pid`: the server's process (the benchmarks read its memory)."""

    pid: int


@contextlib.contextmanager
def running_app(env: dict | None = None, timeout: float = 90.0, script: str = "launcher.py", root: Path = ROOT):
    """`script` under `root`: the benchmarks also serve other code (an older commit, the tutorial app)."""
    port = free_port()
    env = dict(env or {})
    scratch = tempfile.TemporaryDirectory(prefix="htz-app-")
    # a store of its own (not the test's os.environ one), accounts included: a test never touches
    # data/ (nor sees its first-admin password), and two servers with different data must not take
    # each other's files in as versions. Two servers share one store only when a test says so.
    env.setdefault("HTZ_STORE_URL", f"sqlite:///{Path(scratch.name) / 'store.sqlite3'}")
    # the old accounts file to take in once: none (a developer's data/auth.sqlite3 stays out)
    env.setdefault("HTZ_AUTH_DB", str(Path(scratch.name) / "no-old-accounts.sqlite3"))
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    # the log goes to a file (in the scratch folder): an unread pipe could fill up and stall the server
    with open(Path(scratch.name) / "streamlit.log", "w+") as log:
        proc = subprocess.Popen(cmd, cwd=root, env=os.environ | env, stdout=log, stderr=subprocess.STDOUT)
        url = Served(f"http://127.0.0.1:{port}")
        url.pid = proc.pid
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"streamlit exited: {Path(log.name).read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not become healthy in time")
                time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
            scratch.cleanup()
