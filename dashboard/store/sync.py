"""Files stay a source: a watched layer file or ledger file whose CONTENT (sha256 of its bytes, not
its modification time) changed since the store last saw it becomes a new version.

The last hash seen per file is kept in the store, so a rollback stays in force until the file
itself changes again. A file whose content equals the current version adds nothing.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from dashboard import snapshots
from dashboard.config import Config
from dashboard.geodata import read_layer
from dashboard.problems import Problem
from dashboard.store.store import LEDGER, StaleVersion, Store, Version
from dashboard.text import Text
from layers import REGISTRY

FILE_USER = "file"  # `created_by` of versions that came from a watched file


def layer_files(cfg: Config) -> dict[str, Path]:
    """layer id → its watched file, for the enabled layers that have one."""
    geo_dir = cfg.path_of("geo_dir")
    specs = [REGISTRY[lid] for lid in cfg["layers"]["enabled"] if lid in REGISTRY]
    return {spec.id: geo_dir / spec.source for spec in specs if spec.source}


_confirmed: dict[tuple[str, str], tuple[str, float]] = {}  # (store, path) → (digest the store holds, when asked)


def _changed(store: Store, path: Path) -> tuple[bytes, str] | None:
    """(bytes, sha256) of a file the store has not seen with this content; None if unchanged or missing.
    Every session's poll asks: the file's digest (snapshots.digest) and the store's answer for it are
    shared by the sessions of this process for snapshots.FRESH_S."""
    if (digest := snapshots.digest(path)) == snapshots.MISSING:
        return None
    key, now = (repr(store.engine.url), str(path)), time.monotonic()
    held = _confirmed.get(key)
    if held is not None and held[0] == digest and now - held[1] < snapshots.FRESH_S:
        return None
    seen = store.file_hash_seen(str(path))
    if seen == digest:
        _confirmed[key] = (digest, now)
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    got = hashlib.sha256(raw).hexdigest()  # of the bytes published, whatever the file holds by now
    return None if seen == got else (raw, got)


def ledger_complete(path: Path) -> bool:
    """The ledger file reads as a whole (bad rows allowed: they are listed), not cut or empty."""
    from dashboard.ledger import load_ledger  # here: the ledger package is heavy and only needed now

    return load_ledger(path).complete


def pending(store: Store, path: Path) -> bool:
    """The file on disk has content the store has not taken in (a save in progress, or not yet polled)."""
    return _changed(store, path) is not None


def sync_files(store: Store, cfg: Config, ledger_path: Path | None = None) -> list[Version]:
    """Publish every changed watched file; returns the new versions. A file that validates to no
    feature at all is not published (the page reports its problems from the file itself)."""
    bbox, out = cfg["data"]["bbox"], []
    for lid, path in layer_files(cfg).items():
        if (changed := _changed(store, path)) is None:
            continue
        digest = changed[1]
        data = read_layer(REGISTRY[lid], path, bbox)
        if data.gdf.empty:
            continue
        try:
            got = store.publish_layer(
                data,
                by=FILE_USER,
                source_name=path.name,
                base=store.current_version(lid),
                action="file",
                source=(str(path), digest),
            )
        except StaleVersion:
            continue  # another replica published meanwhile: the next poll looks again
        if got.new:
            out.append(got.version)
    if ledger_path is not None and (changed := _changed(store, ledger_path)) is not None:
        raw, digest = changed
        if not ledger_complete(ledger_path):
            return out  # caught mid-save: not a version; the next poll looks again (page: ledger_waiting)
        try:
            got = store.publish_ledger(
                raw,
                by=FILE_USER,
                source_name=ledger_path.name,
                base=store.current_version(LEDGER),
                action="file",
                source=(str(ledger_path), digest),
            )
        except StaleVersion:
            return out
        if got.new:
            out.append(got.version)
    return out


def unavailable(err: Exception) -> Problem:
    return Problem(
        "store",
        Text(
            f"数据库不可用,改为直接读取文件(无版本、无审计):{type(err).__name__}",
            f"the data store is unavailable, the files are read directly (no versions, no audit): {type(err).__name__}",
        ),
        severity="warning",
    )
