"""Atomic reads from the viewer's side: a data file is shown as it was last read *completely*.

An office saving the ledger over the network, or a script writing it, leaves the file half-written
for a moment; a page that polls it then would show rows missing or a progress value cut. So:

* a change is detected by the file's **content hash** (sha256), not its modification time: a
  completed save within the same second (same mtime) is still picked up, a touch is not a change;
* a new version replaces the one on screen only when it was read completely: its hash did not
  change while it was being read, and it parses (the caller's `complete` says so);
* otherwise the last good version stays on screen with a note that the page waits for a complete
  save; the page's poll retries it, and the first complete read replaces it.

One store per process (the file is the same for every session), safe across session threads.
No streamlit here.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from dashboard.problems import Problem
from dashboard.text import Text

T = TypeVar("T")
MISSING = "-"  # the digest of a file that does not exist


FRESH_S = 1.0  # a digest is reused this long while the file's stat is unchanged (see `digest`)
_digests: dict[str, tuple[tuple, str, float]] = {}  # path → (stat signature, digest, when hashed)
_digests_lock = threading.Lock()


def _signature(path: Path) -> tuple | None:
    try:
        st = Path(path).stat()
    except OSError:
        return None
    # ctime too: a save that puts the old modification time back (os.utime) still changes it
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def digest(path: Path) -> str:
    """sha256 of the file's bytes; MISSING when there is no file. Every session's poll asks (50
    viewers: 10 a second): a file whose stat is unchanged is hashed again only after FRESH_S, once
    for all sessions of the process; any write changes its stat and is hashed at once."""
    sig = _signature(path)
    if sig is None:
        return MISSING
    key, now = str(path), time.monotonic()
    with _digests_lock:
        hit = _digests.get(key)
    if hit is not None and hit[0] == sig and now - hit[2] < FRESH_S:
        return hit[1]
    value = _hash(path)
    if _signature(path) == sig:  # not changed while it was read
        with _digests_lock:
            _digests[key] = (sig, value, now)
    return value


def _hash(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with Path(path).open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return MISSING
    return h.hexdigest()


def digests(paths: Sequence[Path]) -> tuple[str, ...]:
    return tuple(digest(p) for p in paths)


@dataclass(frozen=True)
class Read(Generic[T]):
    value: T
    waiting: Problem | None = None  # set while the file on disk is not (yet) a complete save


@dataclass
class _Entry(Generic[T]):
    key: Hashable
    value: T
    at: float  # when it was read (time.time())


def waiting_note(name: str, changed: bool, since: float | None) -> Problem:
    shown = time.strftime("%H:%M:%S", time.localtime(since)) if since else None
    why = (
        Text("文件正在写入(读取期间内容发生变化)", "the file changed while it was being read (a save in progress)")
        if changed
        else Text("文件不完整或无法解析", "the file is incomplete or does not parse")
    )
    keep = (
        Text(f";仍显示 {shown} 读取的完整版本", f"; still showing the complete version read at {shown}")
        if shown
        else Text("", "")
    )
    return Problem(
        name,
        why + keep + Text(";等待完整保存后自动更新", "; waiting for a complete save, the page updates by itself"),
        severity="warning",
    )


class Snapshots(Generic[T]):
    """name → the last good value (with its content key) and the last failed one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._good: dict[str, _Entry[T]] = {}
        self._bad: dict[str, _Entry[Read[T]]] = {}

    def read(
        self,
        name: str,
        paths: Sequence[Path],
        params: Hashable,
        load: Callable[[], T],
        complete: Callable[[T], bool],
    ) -> Read[T]:
        """The value of `load()` for the files `paths` as they are now (with `params`, e.g. today's
        date): read again only when their content changed; kept from the last good read while the
        new content is not complete."""
        before = digests(paths)
        key = (before, params)
        with self._lock:
            good, bad = self._good.get(name), self._bad.get(name)
        if good is not None and good.key == key:
            return Read(good.value)
        if bad is not None and bad.key == key:  # the same broken file: no need to parse it again
            return bad.value
        value = load()
        changed = digests(paths) != before
        if not changed and complete(value):
            with self._lock:
                self._good[name] = _Entry(key, value, time.time())
                self._bad.pop(name, None)
            return Read(value)
        note = waiting_note(Path(paths[0]).name if paths else name, changed, good.at if good else None)
        result = Read(good.value if good is not None else value, note)
        if not changed:  # a file that changes will be read again anyway
            with self._lock:
                self._bad[name] = _Entry(key, result, time.time())
        return result

    def forget(self, name: str) -> None:
        with self._lock:
            self._good.pop(name, None)
            self._bad.pop(name, None)
