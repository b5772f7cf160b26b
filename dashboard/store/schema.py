"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Geometries are WKB (`LargeBinary`) on both back ends: one code path reads and writes them. On
PostgreSQL a generated PostGIS column `geom geometry(Geometry, 4326)` (GiST-indexed) is derived
from the WKB, so QGIS/ogr2ogr and SQL see real geometries; the app never writes it.
"""

from __future__ import annotations

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
    sa.Column("action", sa.String(32), nullable=False),  # publish | rollback | file
    sa.Column("name", sa.String(64), nullable=False),  # layer id or "ledger"
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

POSTGIS_DDL = (
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "ALTER TABLE features ADD COLUMN IF NOT EXISTS geom geometry(Geometry, 4326) "
    "GENERATED ALWAYS AS (ST_SetSRID(ST_GeomFromWKB(wkb), 4326)) STORED",
    "CREATE INDEX IF NOT EXISTS features_geom_idx ON features USING GIST (geom)",
)


def create(engine: sa.Engine) -> None:
    """Create what is missing (idempotent; several replicas may start at once)."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # one creator at a time: concurrent CREATE TABLE IF NOT EXISTS can still collide
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(724011)"))
        metadata.create_all(conn)
        if conn.dialect.name == "postgresql":
            for ddl in POSTGIS_DDL:
                conn.execute(sa.text(ddl))
