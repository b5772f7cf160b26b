"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Geometries are WKB (`LargeBinary`) on both back ends: one code path reads and writes them. On
PostgreSQL a generated PostGIS column `geom geometry(Geometry, 4326)` (GiST-indexed) is derived
from the WKB, so QGIS/ogr2ogr and SQL see real geometries; the app never writes it.
"""

from __future__ import annotations

import os

import sqlalchemy as sa

metadata = sa.MetaData()

# Every published version of every layer. Rows are never updated or deleted.
layer_versions = sa.Table(
    "layer_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("layer", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),  # sha256 of the canonical features
    sa.Column("source_hash", sa.String(64)),  # sha256 of the file's bytes it came from
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(128), nullable=False),
    sa.Column("source_name", sa.String(512), nullable=False),
    sa.Column("feature_count", sa.Integer, nullable=False),
    sa.Column("meta", sa.Text, nullable=False),  # the FeatureCollection's `metadata` (JSON)
    sa.Column("problems", sa.Text, nullable=False),  # the validation report when published (JSON)
    sa.UniqueConstraint("layer", "version"),
)

features = sa.Table(
    "features",
    metadata,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("layer_versions.id"), primary_key=True),
    sa.Column("ord", sa.Integer, primary_key=True),  # the order in the file
    sa.Column("fid", sa.String(128), nullable=False),
    sa.Column("properties", sa.Text, nullable=False),  # JSON object
    sa.Column("wkb", sa.LargeBinary, nullable=False),  # WGS-84 lon/lat
)

# Every version of the ledger file, its bytes as saved (xlsx or csv).
ledger_versions = sa.Table(
    "ledger_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("version", sa.Integer, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(128), nullable=False),
    sa.Column("source_name", sa.String(512), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

# Which version is current, per layer (and "ledger" for the ledger): switched in the transaction
# that inserts the version, by compare-and-swap on the previous value.
current = sa.Table(
    "current",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("switched_at", sa.DateTime(timezone=True), nullable=False),
)

# The last content seen in each source file: a file becomes a version only when it changes, so a
# rollback is not undone by the unchanged file at the next start.
source_files = sa.Table(
    "source_files",
    metadata,
    sa.Column("path", sa.String(1024), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(128), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),  # publish | rollback | file | account-…
    sa.Column("name", sa.String(64), nullable=False),  # layer id, "ledger" or "accounts"
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("source_name", sa.String(512), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
)

# Planners' sketches (a drawn shape or a buffer, with a name), shared among internal users.
# Updated in place (rename) and deleted; who did what is in `audit` (name "sketches").
sketches = sa.Table(
    "sketches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),  # polygon | rectangle | circle | buffer
    sa.Column("meta", sa.Text, nullable=False),  # JSON: circle centre/radius, buffer of/distance
    sa.Column("wkb", sa.LargeBinary, nullable=False),  # WGS-84 lon/lat
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(128), nullable=False),
)

# Sign-in accounts (dashboard/auth/store.py): here so that every replica shares them. Times are
# Unix seconds from the caller's clock (tests inject time). Account changes go to `audit`.
accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("name", sa.String(128), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("hash", sa.String(256), nullable=False),  # argon2id, never the password
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="accounts_role"),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("account", sa.String(128), sa.ForeignKey("accounts.name", ondelete="CASCADE"), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("expires", sa.Float, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
)

sign_in_failures = sa.Table(
    "sign_in_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("time", sa.Float, nullable=False),
    sa.Column("account", sa.String(128), nullable=False),
    sa.Column("client", sa.String(128), nullable=False),
    sa.Index("sign_in_failures_account", "account", "time"),
    sa.Index("sign_in_failures_client", "client", "time"),
)

# Values made once and shared by every replica (the session cookie's signing secret).
settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

POSTGIS_DDL = (
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "ALTER TABLE features ADD COLUMN IF NOT EXISTS geom geometry(Geometry, 4326) "
    "GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromWKB(wkb), 4326)) STORED",
    "CREATE INDEX IF NOT EXISTS features_geom_idx ON features USING GIST (geom)",
)


def create(engine: sa.Engine) -> None:
    """Create what is missing (idempotent; several replicas may start at once)."""
    _private_sqlite_file(engine)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # one creator at a time: concurrent CREATE TABLE IF NOT EXISTS can still collide
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(724011)"))
        metadata.create_all(conn)
        if conn.dialect.name == "postgresql":
            for ddl in POSTGIS_DDL:
                conn.execute(sa.text(ddl))


def _private_sqlite_file(engine: sa.Engine) -> None:
    """A new SQLite store is readable by its owner only: it holds the password hashes."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if path and path != ":memory:" and not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
