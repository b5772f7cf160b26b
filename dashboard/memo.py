"""Per-process memos for what every session's rerun would otherwise rebuild. No streamlit here.

Why: a server's reruns share one core (the GIL); with 50 viewers, every ms a rerun spends rebuilding
what did not change (the projects layer from the same ledger read, a public view of the same
catalog, the tour's problems) is paid 50 times over. The inputs are the cached, read-only objects
the page already shares (st.cache_resource, dashboard/snapshots.py), so their identity says "same
data": a new data version is a new object and misses.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class ByIdentity(Generic[T]):
    """Values keyed by the identity of some objects plus hashable values, bounded (oldest dropped).
    The objects are kept while their value is: an id is never reused for another object meanwhile."""

    def __init__(self, keep: int = 32):
        self._items: OrderedDict[tuple, tuple[tuple, T]] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep

    def get(self, objects: tuple, key: Hashable, make: Callable[[], T]) -> T:
        full = (tuple(id(o) for o in objects), key)
        with self._lock:
            hit = self._items.get(full)
            if hit is not None:
                self._items.move_to_end(full)
                return hit[1]
        value = make()  # outside the lock: two sessions may both build it once; both get a valid value
        with self._lock:
            self._items[full] = (objects, value)
            while len(self._items) > self._keep:
                self._items.popitem(last=False)
        return value


_shared: dict[str, ByIdentity] = {}
_shared_lock = threading.Lock()


def shared(name: str, keep: int = 32) -> ByIdentity:
    """The process's memo called `name`. For the page script: app.py's globals are made anew on every
    rerun, so a memo it holds itself would be empty each time."""
    with _shared_lock:
        return _shared.setdefault(name, ByIdentity(keep))
