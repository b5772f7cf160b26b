"""Fixtures shared by the unit and AppTest modules (helpers without fixtures: tests/helpers.py)."""

import os

import pytest

from tests import postgis
from tests.helpers import sign_in


@pytest.fixture
def signed_in(monkeypatch):
    """The page runs for a signed-in viewer: the internal view (war map, ledger, data problems)."""
    sign_in(monkeypatch)


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    """Every test's page gets its own throwaway data store, accounts included (never data/store.sqlite3,
    and no old accounts file: a developer's data/auth.sqlite3 is never taken in)."""
    monkeypatch.setenv("HTZ_STORE_URL", f"sqlite:///{tmp_path}/store.sqlite3")
    monkeypatch.setenv("HTZ_AUTH_DB", str(tmp_path / "no-old-accounts.sqlite3"))


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL + PostGIS cluster for the session (tests/postgis.py)."""
    if os.environ.get(postgis.SKIP_ENV) == "1":
        pytest.skip(f"{postgis.SKIP_ENV}=1: PostGIS tests skipped on this machine (never in CI)")
    cluster = postgis.Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgis"])
def store_url(request, tmp_path):
    """The store's URL on each back end: SQLite in tmp_path, and a fresh PostGIS database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.sqlite3"
    return request.getfixturevalue("pg_cluster").new_database()
