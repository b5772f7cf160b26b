"""What the page reads from the store, behind three functions app.py calls: `data_state` (the poll:
sync the watched files, return the current versions), `load_catalog` (each layer's current
version, falling back to its file with a problem when the store is unavailable) and `ledger_file`
(the current ledger version as a file for dashboard.ledger to read)."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import sqlalchemy as sa

from dashboard import catalog, warmap
from dashboard.config import Config
from dashboard.geodata import LayerData, read_layer
from dashboard.problems import Problem
from dashboard.snapshots import waiting_note
from dashboard.store import open_store, store_url
from dashboard.store.store import Store
from dashboard.store.sync import ledger_complete, pending, sync_files, unavailable
from layers.base import LayerSpec

ERRORS = (sa.exc.SQLAlchemyError, OSError)


def _store(cfg: Config) -> Store:
    return open_store(store_url(cfg))


def data_state(cfg: Config) -> tuple:
    """Sync the watched files into the store and return every current version (the cache key of
    what the page draws); ("unavailable", reason) when the store cannot be reached."""
    try:
        store = _store(cfg)
        sync_files(store, cfg, warmap.ledger_file(cfg))
        return store.state()
    except ERRORS as err:
        return ("unavailable", type(err).__name__)


def load_catalog(cfg: Config) -> catalog.Catalog:
    try:
        store = _store(cfg)
    except ERRORS as err:
        cat = catalog.load_catalog(cfg)
        cat.problems.insert(0, unavailable(err))
        return cat
    failed: list[Exception] = []

    def read(spec: LayerSpec, path: Path, bbox) -> LayerData:
        try:
            data = store.read_layer(spec, bbox)
        except ERRORS as err:
            failed.append(err)
            data = None
        return data if data is not None else read_layer(spec, path, bbox)

    cat = catalog.load_catalog(cfg, read=read)
    if failed:
        cat.problems.insert(0, unavailable(failed[0]))
    return cat


def ledger_waiting(cfg: Config) -> Problem | None:
    """A note when the ledger file on disk is caught mid-save (incomplete, so not taken in as a
    version): the page keeps showing the last complete version and says it is waiting."""
    path = warmap.ledger_file(cfg)
    try:
        waiting = path.exists() and pending(_store(cfg), path) and not ledger_complete(path)
    except ERRORS:
        return None
    return waiting_note(path.name, changed=False, since=None) if waiting else None


def ledger_file(cfg: Config) -> Path:
    """The ledger's current version as a file; the file itself when the store has none or is unavailable."""
    return ledger_version_file(cfg) or warmap.ledger_file(cfg)


def ledger_version_file(cfg: Config, number: int | None = None) -> Path | None:
    """Ledger version `number` (default: the current one) written once to a cache folder under its own
    file name, so its problems name the file the editor knows; None when the store has no such version."""
    try:
        got = _store(cfg).ledger(number)
    except ERRORS:
        return None
    if got is None:
        return None
    ver, raw = got
    key = hashlib.sha256(store_url(cfg).encode()).hexdigest()[:12]
    out = Path(tempfile.gettempdir()) / f"htz-store-{key}" / f"ledger-v{ver.version}" / ver.source_name
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(out.suffix + ".part")
        tmp.write_bytes(raw)
        tmp.replace(out)
    return out
