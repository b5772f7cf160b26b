"""Planners' sketches in the store, on BOTH back ends: saved, listed, reopened, renamed, deleted,
shared (another server sees them), with who and when in the audit log."""

from __future__ import annotations

import pytest
import shapely

from dashboard.store import Store, StoreError
from dashboard.store import sketches as sk

SQUARE = shapely.box(113.510, 34.801, 113.513, 34.803)


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    yield s
    s.dispose()


def test_a_saved_sketch_reopens_as_drawn_for_another_user_on_another_server(store, store_url):
    saved = sk.save(
        store, " 11号楼周边 ", "buffer", SQUARE, {"of": "supercomputing/sc-building-11", "distance_m": 500.0}, by="amy"
    )
    other = Store(store_url)  # a second replica: sketches are shared through the store
    (got,) = sk.list_all(other)
    assert got.id == saved.id and got.name == "11号楼周边" and got.kind == "buffer" and got.created_by == "amy"
    assert got.geometry.equals_exact(SQUARE, 0) and got.meta["distance_m"] == 500.0
    assert sk.get(other, saved.id).name == "11号楼周边"
    other.dispose()


def test_rename_and_delete_are_audited_with_who_and_what(store):
    a = sk.save(store, "A", "polygon", SQUARE, {}, by="amy")
    sk.save(store, "B", "circle", SQUARE, {"radius_m": 100.0}, by="bo")
    sk.rename(store, a.id, "A2", by="bo")
    sk.delete(store, a.id, by="cy")
    assert [s.name for s in sk.list_all(store)] == ["B"]
    log = [(e.who, e.action, e.version, e.source_name) for e in store.audit_log(sk.AUDIT_NAME)]
    assert log == [
        ("cy", "sketch_delete", a.id, "A2"),
        ("bo", "sketch_rename", a.id, "A2"),
        ("bo", "sketch_save", a.id + 1, "B"),
        ("amy", "sketch_save", a.id, "A"),
    ]
    assert all(e.at is not None for e in store.audit_log(sk.AUDIT_NAME))


@pytest.mark.parametrize("name", ["", "   ", "\x00\n", "x" * 101])
def test_an_empty_or_too_long_name_is_refused(store, name):
    with pytest.raises(StoreError):
        sk.save(store, name, "polygon", SQUARE, {}, by="amy")
    assert sk.list_all(store) == []


def test_renaming_a_deleted_sketch_says_so(store):
    a = sk.save(store, "A", "polygon", SQUARE, {}, by="amy")
    sk.delete(store, a.id, by="amy")
    with pytest.raises(StoreError, match="deleted"):
        sk.rename(store, a.id, "B", by="amy")
