"""The data store: every published version of each layer and of the ledger, which one is current,
and an audit log. SQLAlchemy Core, one code path for SQLite (default) and PostgreSQL + PostGIS.

A publish inserts the version and switches the layer's current pointer in ONE transaction, by
compare-and-swap on the version the editor's preview was made against (`base`): a crash leaves
the previous version current, and a stale preview is refused (StaleVersion), never overwrites.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlalchemy as sa

from dashboard.geodata import LayerData, layer_from_doc
from dashboard.problems import Problem
from dashboard.store import schema as t
from dashboard.store.features import Feature, content_hash, from_layer, to_doc
from dashboard.text import Text
from layers.base import LayerSpec

LEDGER = "ledger"  # the ledger's name in `current` and the audit log (no layer has this id)
INSERT_CHUNK = 10_000  # feature rows per INSERT


class StoreError(Exception):
    """A publish or rollback that the store refused; `text` is the message in both languages."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class StaleVersion(StoreError):
    pass


@dataclass(frozen=True)
class Version:
    name: str  # layer id, or LEDGER
    version: int
    content_hash: str
    created_at: dt.datetime
    created_by: str
    source_name: str
    feature_count: int | None = None  # None for the ledger


@dataclass(frozen=True)
class Published:
    version: Version
    new: bool  # False: the content equals the current version's, nothing was written


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    who: str
    action: str
    name: str
    version: int
    source_name: str
    detail: str


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite returns naive UTC


def problems_json(problems: list[Problem]) -> str:
    keep = ("file", "feature", "field", "row", "severity")
    return json.dumps(
        [{k: getattr(p, k) for k in keep} | {"zh": p.text.zh, "en": p.text.en} for p in problems], ensure_ascii=False
    )


def problems_from_json(raw: str) -> list[Problem]:
    out = []
    for d in json.loads(raw or "[]"):
        zh, en = d.pop("zh"), d.pop("en")
        out.append(Problem(message=Text(zh, en), **d))
    return out


class Store:
    def __init__(self, url: str, before_commit: Callable[[], None] | None = None):
        """`before_commit` runs inside every publish transaction just before it commits (tests
        use it to kill the process mid-publish)."""
        args = {"timeout": 30} if url.startswith("sqlite") else {}
        self.engine = sa.create_engine(url, pool_pre_ping=True, connect_args=args)
        self.before_commit = before_commit
        t.create(self.engine)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ reading

    def state(self) -> tuple[tuple[str, int], ...]:
        """Every current pointer: what the page polls (a change on any replica changes it)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.current.c.name, t.current.c.version).order_by(t.current.c.name))
            return tuple((r.name, r.version) for r in rows)

    def current_version(self, name: str) -> int | None:
        with self.engine.connect() as conn:
            return _current(conn, name)

    def versions(self, name: str) -> list[Version]:
        """Every version of a layer (or LEDGER), oldest first."""
        table = t.ledger_versions if name == LEDGER else t.layer_versions
        q = sa.select(table).order_by(table.c.version)
        if name != LEDGER:
            q = q.where(table.c.layer == name)
        with self.engine.connect() as conn:
            return [_version(name, r) for r in conn.execute(q)]

    def layer_features(self, layer: str, version: int | None = None) -> tuple[Version, list[Feature], dict] | None:
        """(version, features, metadata) of a layer's current (or given) version; None if none."""
        with self.engine.connect() as conn:
            row = _layer_row(conn, layer, version)
            if row is None:
                return None
            q = sa.select(t.features).where(t.features.c.version_id == row.id).order_by(t.features.c.ord)
            rows = conn.execute(q).all()
        # one json.loads for all the rows' properties: 200,000 calls took seconds
        props = json.loads("[" + ",".join(r.properties for r in rows) + "]") if rows else []
        feats = [Feature(r.fid, p, bytes(r.wkb)) for r, p in zip(rows, props, strict=True)]
        return _version(layer, row), feats, json.loads(row.meta)

    def read_layer(self, spec: LayerSpec, bbox, version: int | None = None) -> LayerData | None:
        """A stored version as the page draws it: validated by the one validation path, with the
        report it was published with. None when the store holds no version of the layer."""
        got = self.layer_features(spec.id, version)
        if got is None:
            return None
        ver, feats, meta = got
        with self.engine.connect() as conn:
            row = _layer_row(conn, spec.id, ver.version)
        data = layer_from_doc(spec, to_doc(feats, meta), ver.source_name, bbox)
        data.problems[:0] = problems_from_json(row.problems if row is not None else "[]")
        data.meta = meta | {"store_version": ver.version}
        return data

    def ledger(self, version: int | None = None) -> tuple[Version, bytes] | None:
        with self.engine.connect() as conn:
            number = version if version is not None else _current(conn, LEDGER)
            q = sa.select(t.ledger_versions).where(t.ledger_versions.c.version == number)
            row = conn.execute(q).first()
        return None if row is None else (_version(LEDGER, row), bytes(row.data))

    def audit_log(self, name: str | None = None, limit: int = 500) -> list[AuditEntry]:
        """The newest entries first."""
        q = sa.select(t.audit).order_by(t.audit.c.id.desc()).limit(limit)
        if name is not None:
            q = q.where(t.audit.c.name == name)
        with self.engine.connect() as conn:
            return [
                AuditEntry(_utc(r.at), r.who, r.action, r.name, r.version, r.source_name, r.detail)
                for r in conn.execute(q)
            ]

    def file_hash_seen(self, path: str) -> str | None:
        with self.engine.connect() as conn:
            q = sa.select(t.source_files.c.content_hash).where(t.source_files.c.path == path)
            return conn.execute(q).scalar()

    # ------------------------------------------------------------------ writing

    def publish_layer(
        self,
        data: LayerData,
        *,
        by: str,
        source_name: str,
        base: int | None,
        action: str = "publish",
        source: tuple[str, str] | None = None,
    ) -> Published:
        """Make the valid features of `data` the layer's current version, if `base` is still current.
        `source`: (file path, sha256 of its bytes) when the version comes from a watched file."""
        layer, feats = data.spec.id, from_layer(data)
        digest = content_hash(feats)
        with self._transaction() as conn:
            cur = _check_base(conn, layer, base)
            cur_row = _layer_row(conn, layer, cur) if cur is not None else None
            if source is not None:
                _mark_file(conn, *source)
            if cur_row is not None and cur_row.content_hash == digest:
                return Published(_version(layer, cur_row), new=False)
            number = _next(conn, t.layer_versions, t.layer_versions.c.layer == layer)
            vid = conn.execute(
                t.layer_versions.insert().values(
                    layer=layer,
                    version=number,
                    content_hash=digest,
                    source_hash=source[1] if source else None,
                    created_at=now(),
                    created_by=by,
                    source_name=source_name,
                    feature_count=len(feats),
                    meta=json.dumps(data.meta, ensure_ascii=False, default=str),
                    problems=problems_json(data.problems),
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            for start in range(0, len(feats), INSERT_CHUNK):  # in chunks: 200,000 rows' parameters at once took ~0.1 GB
                conn.execute(
                    t.features.insert(),
                    [
                        {
                            "version_id": vid,
                            "ord": i,
                            "fid": f.fid,
                            "properties": json.dumps(f.properties, ensure_ascii=False),
                            "wkb": f.wkb,
                        }
                        for i, f in enumerate(feats[start : start + INSERT_CHUNK], start)
                    ],
                )
            return Published(self._switch(conn, layer, cur, number, by, action, source_name), new=True)

    def publish_ledger(
        self,
        raw: bytes,
        *,
        by: str,
        source_name: str,
        base: int | None,
        action: str = "publish",
        source: tuple[str, str] | None = None,
    ) -> Published:
        digest = hashlib.sha256(raw).hexdigest()
        with self._transaction() as conn:
            cur = _check_base(conn, LEDGER, base)
            if source is not None:
                _mark_file(conn, *source)
            if cur is not None:
                row = conn.execute(sa.select(t.ledger_versions).where(t.ledger_versions.c.version == cur)).first()
                if row is not None and row.content_hash == digest:
                    return Published(_version(LEDGER, row), new=False)
            number = _next(conn, t.ledger_versions, sa.true())
            conn.execute(
                t.ledger_versions.insert().values(
                    version=number,
                    content_hash=digest,
                    created_at=now(),
                    created_by=by,
                    source_name=source_name,
                    data=raw,
                )
            )
            return Published(self._switch(conn, LEDGER, cur, number, by, action, source_name), new=True)

    def rollback(self, name: str, version: int, *, by: str, base: int | None = None) -> Version:
        """Make an earlier (or any) version current again, in one step. `base`: as for publish."""
        with self._transaction() as conn:
            cur = _check_base(conn, name, base) if base is not None else _current(conn, name, lock=True)
            if not any(v.version == version for v in self._versions_in(conn, name)):
                raise StoreError(Text(f"{name} 没有第 {version} 版", f"{name} has no version {version}"))
            return self._switch(conn, name, cur, version, by, "rollback", f"v{version}")

    # ------------------------------------------------------------------ inside a transaction

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        """One write transaction. Two publishes racing for the same next version number (or the
        first pointer) collide on a unique key: the loser is refused as stale, nothing is lost."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.IntegrityError:
            raise StaleVersion(
                Text(
                    "同时有另一发布,未覆盖任何内容;请重新预览",
                    "another publish happened at the same time; nothing was overwritten — preview again",
                )
            ) from None

    def _versions_in(self, conn: sa.Connection, name: str) -> list[Version]:
        table = t.ledger_versions if name == LEDGER else t.layer_versions
        q = sa.select(table)
        if name != LEDGER:
            q = q.where(table.c.layer == name)
        return [_version(name, r) for r in conn.execute(q)]

    def _switch(self, conn, name: str, cur: int | None, number: int, by: str, action: str, source_name: str) -> Version:
        """Point `name` at version `number` if it still points at `cur`; audit; commit hook."""
        when = now()
        if cur is None:  # a concurrent first publish makes this INSERT fail: see _refusing_races
            conn.execute(t.current.insert().values(name=name, version=number, switched_at=when))
        else:
            done = conn.execute(
                t.current.update()
                .where(t.current.c.name == name, t.current.c.version == cur)
                .values(version=number, switched_at=when)
            )
            if done.rowcount != 1:
                raise _stale(name, cur)
        detail = f"{cur if cur is not None else '-'} → {number}"
        conn.execute(
            t.audit.insert().values(
                at=when, who=by, action=action, name=name, version=number, source_name=source_name, detail=detail
            )
        )
        if self.before_commit is not None:
            self.before_commit()
        ver = next(v for v in self._versions_in(conn, name) if v.version == number)
        return ver


def _current(conn: sa.Connection, name: str, lock: bool = False) -> int | None:
    q = sa.select(t.current.c.version).where(t.current.c.name == name)
    if lock and conn.dialect.name == "postgresql":
        q = q.with_for_update()
    return conn.execute(q).scalar()


def _check_base(conn: sa.Connection, name: str, base: int | None) -> int | None:
    cur = _current(conn, name, lock=True)
    if cur != base:
        raise _stale(name, base, cur)
    return cur


def _stale(name: str, base: int | None, cur: int | None = None) -> StaleVersion:
    seen = "无" if base is None else f"第 {base} 版"
    seen_en = "none" if base is None else f"version {base}"
    now_ = "" if cur is None else f"(现为第 {cur} 版)"
    now_en = "" if cur is None else f" (it is now version {cur})"
    return StaleVersion(
        Text(
            f"{name} 在预览之后已被他人更改{now_}:预览基于{seen}。请重新预览后再发布,未覆盖任何内容。",
            f"{name} changed after your preview{now_en}: the preview was made against {seen_en}. "
            "Preview again, then publish; nothing was overwritten.",
        )
    )


def _next(conn: sa.Connection, table: sa.Table, where) -> int:
    top = conn.execute(sa.select(sa.func.max(table.c.version)).where(where)).scalar()
    return (top or 0) + 1


def _layer_row(conn: sa.Connection, layer: str, version: int | None):
    number = version if version is not None else _current(conn, layer)
    if number is None:
        return None
    q = sa.select(t.layer_versions).where(t.layer_versions.c.layer == layer, t.layer_versions.c.version == number)
    return conn.execute(q).first()


def _mark_file(conn: sa.Connection, path: str, digest: str) -> None:
    when = now()
    done = conn.execute(
        t.source_files.update().where(t.source_files.c.path == path).values(content_hash=digest, seen_at=when)
    )
    if done.rowcount == 0:
        conn.execute(t.source_files.insert().values(path=path, content_hash=digest, seen_at=when))


def _version(name: str, row) -> Version:
    count = getattr(row, "feature_count", None)
    return Version(name, row.version, row.content_hash, _utc(row.created_at), row.created_by, row.source_name, count)
