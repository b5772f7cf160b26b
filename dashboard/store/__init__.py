"""The data store (versions, current pointers, audit log) and the import of any GIS file.

Public API (the upload page and scripts/import.py use these):
- `open_store(url)` → Store (one per url and process); `store_url(cfg)` reads `[store] url`
- `Store`: state, versions, read_layer, layer_features, ledger, audit_log, publish_layer,
  publish_ledger, rollback; errors StoreError / StaleVersion (a `.text` in zh + en)
- `importer.preview(store, spec, path, bbox, crs=None)` → Preview (report, diff, base version);
  `importer.publish(store, preview, by=...)` → Published
- `sync.sync_files(store, cfg)`: watched files → versions; `sync.layer_data(...)`: what the page draws
"""

from __future__ import annotations

import functools
import os

from dashboard.store import importer  # noqa: E402  (after the names importer imports from here)
from dashboard.store.store import LEDGER, AuditEntry, Published, StaleVersion, Store, StoreError, Version

__all__ = [
    "importer",
    "LEDGER",
    "AuditEntry",
    "Published",
    "StaleVersion",
    "Store",
    "StoreError",
    "Version",
    "open_store",
    "store_url",
]


def store_url(cfg) -> str:
    """`$HTZ_STORE_URL`, else `[store] url`; a relative SQLite path is relative to the project folder."""
    from dashboard.config import ROOT

    url = os.environ.get("HTZ_STORE_URL") or cfg["store"]["url"]
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix) :].startswith("/") and url != "sqlite:///:memory:":
        path = ROOT / url[len(prefix) :]
        path.parent.mkdir(parents=True, exist_ok=True)
        url = prefix + str(path)
    return url


@functools.cache
def open_store(url: str) -> Store:
    """One Store (one engine, one connection pool) per url in this process."""
    return Store(url)
