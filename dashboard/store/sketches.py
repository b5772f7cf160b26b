"""Planners' sketches in the store: save, list, read, rename, delete — one code path for SQLite
and PostGIS (WKB geometry, like the layers' features). Every change is written to the audit log
(name "sketches", version = the sketch's id) in the same transaction. No streamlit here."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass

import shapely
import sqlalchemy as sa

from dashboard.store import schema as t
from dashboard.store.store import Store, StoreError, _utc, now
from dashboard.text import Text

AUDIT_NAME = "sketches"
MAX_NAME = 100
MAX_SKETCHES = 500  # listed on the page: a shared scratch pad, not an archive


@dataclass(frozen=True)
class Sketch:
    id: int
    name: str
    kind: str
    geometry: shapely.Geometry  # WGS-84
    meta: dict
    created_at: dt.datetime
    created_by: str


def clean_name(name: str) -> str:
    """The name as stored: trimmed, no control characters, 1..MAX_NAME characters."""
    text = "".join(c for c in str(name) if unicodedata.category(c)[0] != "C").strip()
    if not text:
        raise StoreError(Text("请填写草图名称", "give the sketch a name"))
    if len(text) > MAX_NAME:
        raise StoreError(Text(f"名称过长(最多 {MAX_NAME} 字)", f"the name is too long (at most {MAX_NAME} characters)"))
    return text


def _audit(conn: sa.Connection, who: str, action: str, sketch_id: int, name: str, detail: str = "") -> None:
    conn.execute(
        t.audit.insert().values(
            at=now(), who=who, action=action, name=AUDIT_NAME, version=sketch_id, source_name=name, detail=detail
        )
    )


def save(store: Store, name: str, kind: str, geometry, meta: dict, *, by: str) -> Sketch:
    name = clean_name(name)
    when = now()
    with store.engine.begin() as conn:
        key = conn.execute(
            t.sketches.insert().values(
                name=name,
                kind=kind,
                meta=json.dumps(meta, ensure_ascii=False),
                wkb=shapely.to_wkb(geometry),
                created_at=when,
                created_by=by,
            )
        ).inserted_primary_key
        assert key is not None
        new_id = int(key[0])
        _audit(conn, by, "sketch_save", new_id, name, kind)
    return Sketch(new_id, name, kind, geometry, meta, when, by)


def _sketch(row) -> Sketch:
    return Sketch(
        row.id,
        row.name,
        row.kind,
        shapely.from_wkb(bytes(row.wkb)),
        json.loads(row.meta),
        _utc(row.created_at),
        row.created_by,
    )


def list_all(store: Store) -> list[Sketch]:
    """Every sketch, the newest first."""
    q = sa.select(t.sketches).order_by(t.sketches.c.id.desc()).limit(MAX_SKETCHES)
    with store.engine.connect() as conn:
        return [_sketch(r) for r in conn.execute(q)]


def get(store: Store, sketch_id: int) -> Sketch | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(t.sketches).where(t.sketches.c.id == sketch_id)).first()
    return None if row is None else _sketch(row)


def rename(store: Store, sketch_id: int, name: str, *, by: str) -> None:
    name = clean_name(name)
    with store.engine.begin() as conn:
        old = conn.execute(sa.select(t.sketches.c.name).where(t.sketches.c.id == sketch_id)).scalar()
        if old is None:
            raise StoreError(Text("草图已被删除", "the sketch has been deleted"))
        conn.execute(t.sketches.update().where(t.sketches.c.id == sketch_id).values(name=name))
        _audit(conn, by, "sketch_rename", sketch_id, name, f"{old} → {name}")


def delete(store: Store, sketch_id: int, *, by: str) -> None:
    with store.engine.begin() as conn:
        old = conn.execute(sa.select(t.sketches.c.name).where(t.sketches.c.id == sketch_id)).scalar()
        if old is None:
            return  # already gone (another planner deleted it): nothing to do
        conn.execute(t.sketches.delete().where(t.sketches.c.id == sketch_id))
        _audit(conn, by, "sketch_delete", sketch_id, old)
