"""The ids of the features on the map, worked out once per set of layer frames (issue 12): the page
asks for them on every rerun (a project placed on a feature of the same id), and a pass over
100,000 firms, sorted and hashed into a cache key, cost seconds a rerun. No streamlit here."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from dashboard.geodata import LayerData

KEEP = 16  # sets of frames remembered (catalog versions × filters); the oldest is dropped first
_memo: OrderedDict[tuple[int, ...], tuple[list, tuple[str, ...], str]] = OrderedDict()
_lock = threading.Lock()


def of(layers: dict[str, LayerData], skip: str) -> tuple[tuple[str, ...], str]:
    """(the sorted ids of every layer but `skip`, a digest of them). The memo holds the frames, so
    an id() in its key cannot name another frame later."""
    frames = [d.gdf for lid, d in layers.items() if lid != skip]
    key = tuple(id(f) for f in frames)
    with _lock:
        hit = _memo.get(key)
    if hit is not None and all(a is b for a, b in zip(hit[0], frames, strict=True)):
        return hit[1], hit[2]
    ids = tuple(sorted({str(fid) for f in frames if not f.empty for fid in f["id"]}))
    digest = hashlib.sha256("\0".join(ids).encode("utf-8")).hexdigest()
    with _lock:
        _memo[key] = (frames, ids, digest)
        while len(_memo) > KEEP:
            _memo.popitem(last=False)
    return ids, digest
