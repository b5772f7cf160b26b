"""The accounts live in the data store, on both back ends (SQLite and PostGIS): account changes in
the audit log, a disabled account, the cookie secret shared by every server on one store, and the
old accounts file taken in once."""

from __future__ import annotations

import sqlite3

import pytest
from argon2 import PasswordHasher

from dashboard.auth import Outcome, accounts_at
from dashboard.auth.passwords import Passwords
from dashboard.auth.tokens import Signer, secret_path
from dashboard.store import open_store

FAST = Passwords(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def no_env_secret(monkeypatch):
    monkeypatch.delenv("HTZ_SECRET", raising=False)


def fast(acc):
    acc.passwords = FAST
    return acc


def account_audit(url: str) -> list[tuple[str, str, str]]:
    """(who, action, detail) of the account changes, oldest first."""
    return [(a.who, a.action, a.detail) for a in reversed(open_store(url).audit_log("accounts"))]


def test_every_account_change_is_in_the_audit_log(store_url):
    acc = fast(accounts_at(store_url))
    acc.add_user("ann", "viewer", PASSWORD, by="root", via="scripts/users.py")
    acc.set_role("ann", "editor", by="root")
    acc.set_password("ann", "another password", by="root")
    acc.set_disabled("ann", True, by="root")
    acc.set_disabled("ann", False, by="root")
    acc.remove_user("ann", by="root")
    assert account_audit(store_url) == [
        ("root", "account-created", "ann: viewer"),
        ("root", "account-role", "ann: viewer → editor"),
        ("root", "account-password", "ann"),
        ("root", "account-disabled", "ann"),
        ("root", "account-enabled", "ann"),
        ("root", "account-removed", "ann"),
    ]
    assert "another password" not in str(open_store(store_url).audit_log())


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(store_url):
    acc = fast(accounts_at(store_url))
    acc.add_user("ann", "editor", PASSWORD)
    cookie = acc.sign_in("ann", PASSWORD, "10.0.0.1").cookie
    assert acc.session(cookie).role == "editor"
    acc.set_disabled("ann", True, by="admin")
    assert acc.session(cookie) is None
    assert acc.sign_in("ann", PASSWORD, "10.0.0.1") == acc.sign_in("nobody", PASSWORD, "10.0.0.2")  # same answer
    acc.set_disabled("ann", False, by="admin")
    assert acc.sign_in("ann", PASSWORD, "10.0.0.1").outcome is Outcome.OK


def test_a_role_change_shows_in_the_live_session(store_url):
    acc = fast(accounts_at(store_url))
    acc.add_user("ann", "viewer", PASSWORD)
    cookie = acc.sign_in("ann", PASSWORD, "10.0.0.1").cookie
    acc.set_role("ann", "editor", by="admin")
    assert acc.session(cookie).role == "editor"


def test_two_servers_on_one_store_share_accounts_and_sessions(store_url):
    # each server process opens the store itself; here two Accounts stand for two replicas
    one, two = fast(accounts_at(store_url)), fast(accounts_at(store_url))
    one.add_user("ann", "viewer", PASSWORD)
    cookie = two.sign_in("ann", PASSWORD, "10.0.0.1").cookie
    assert one.session(cookie).user == "ann"
    one.sign_out(cookie)
    assert two.session(cookie) is None


def test_the_secret_is_made_once_in_the_store_unless_the_environment_gives_one(store_url, monkeypatch):
    first = accounts_at(store_url).store.secret()
    assert len(first) >= 40 and accounts_at(store_url).store.secret() == first
    monkeypatch.setenv("HTZ_SECRET", "from the environment")
    acc = fast(accounts_at(store_url))
    acc.add_user("ann", "viewer", PASSWORD)
    cookie = acc.sign_in("ann", PASSWORD, "10.0.0.1").cookie
    assert Signer("from the environment").session_id(cookie) is not None


def test_a_new_sqlite_store_is_private(tmp_path):
    accounts_at(f"sqlite:///{tmp_path}/fresh.sqlite3")
    assert (tmp_path / "fresh.sqlite3").stat().st_mode & 0o777 == 0o600


OLD_SCHEMA = """
CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE sessions (id TEXT PRIMARY KEY, user TEXT NOT NULL, created REAL NOT NULL, expires REAL NOT NULL,
                       revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE failures (time REAL NOT NULL, user TEXT NOT NULL, client TEXT NOT NULL);
"""


def old_accounts_file(tmp_path):
    """An accounts file as the app kept it before the accounts moved into the store."""
    path = tmp_path / "auth.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(OLD_SCHEMA)
    db.execute("INSERT INTO users VALUES ('li', 'editor', ?, 1700000000.0)", (FAST.hash(PASSWORD),))
    db.execute("INSERT INTO users VALUES ('wang', 'viewer', ?, 1700000000.0)", (FAST.hash("wang's password"),))
    db.execute("INSERT INTO sessions VALUES ('old-session', 'li', 1700000000.0, 4102444800.0, 0)")
    db.commit()
    db.close()
    secret_path(path).write_text("the old secret", encoding="ascii")
    return path


def test_the_old_accounts_file_is_taken_in_once(store_url, tmp_path):
    old = old_accounts_file(tmp_path)
    acc = fast(accounts_at(store_url, legacy=old))
    assert [(u.name, u.role) for u in acc.store.users()] == [("li", "editor"), ("wang", "viewer")]
    assert acc.sign_in("li", PASSWORD, "10.0.0.1").outcome is Outcome.OK  # the argon2 hash came along
    # a browser signed in before the move stays signed in: its session and the old secret came along
    assert acc.session(Signer("the old secret").sign("old-session")).user == "li"
    acc.remove_user("wang", by="admin")
    again = accounts_at(store_url, legacy=old)  # the next start: the file is not read again
    assert [u.name for u in again.store.users()] == ["li"]
    taken = [a for a in open_store(store_url).audit_log("accounts") if a.action == "accounts-taken-in"]
    assert len(taken) == 1 and taken[0].source_name == str(old) and "li, wang" in taken[0].detail


def test_an_account_the_store_has_is_kept_over_the_old_files(store_url, tmp_path):
    acc = fast(accounts_at(store_url))
    acc.add_user("li", "admin", "the store's password")
    fast(accounts_at(store_url, legacy=old_accounts_file(tmp_path)))
    assert acc.store.user("li").role == "admin"
    assert acc.sign_in("li", "the store's password", "10.0.0.1").outcome is Outcome.OK
