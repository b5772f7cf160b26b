"""The accounts database (SQLite, stdlib): users, sessions, failed sign-ins.

One short connection per operation (the server answers from several threads); every write runs
in a transaction. Times are Unix seconds (float) from the caller's clock, so tests inject time.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dashboard.config import ROLES

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    hash TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created REAL NOT NULL,
    expires REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS failures (
    time REAL NOT NULL,
    user TEXT NOT NULL,
    client TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_user ON failures (user, time);
CREATE INDEX IF NOT EXISTS failures_client ON failures (client, time);
"""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    hash: str
    created: float


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():  # it holds password hashes: readable by its owner only
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)  # explicit BEGIN below
        try:
            db.execute("PRAGMA foreign_keys = ON")
            yield db
        finally:
            db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error): a write that reads first cannot race."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # users -----------------------------------------------------------------------------------
    def user(self, name: str) -> User | None:
        with self._connect() as db:
            row = db.execute("SELECT name, role, hash, created FROM users WHERE name = ?", (name,)).fetchone()
        return User(*row) if row else None

    def users(self) -> list[User]:
        with self._connect() as db:
            rows = db.execute("SELECT name, role, hash, created FROM users ORDER BY name").fetchall()
        return [User(*r) for r in rows]

    def add_user(self, name: str, role: str, hash_: str, now: float, only_if_empty: bool = False) -> bool:
        """Add a user; False if the name exists (or, with only_if_empty, if any user exists)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        with self.transaction() as db:
            if only_if_empty and db.execute("SELECT 1 FROM users LIMIT 1").fetchone():
                return False
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                return False
            db.execute("INSERT INTO users VALUES (?, ?, ?, ?)", (name, role, hash_, now))
        return True

    def set_hash(self, name: str, hash_: str) -> bool:
        """New password hash; every session of the user ends (a changed password signs out)."""
        with self.transaction() as db:
            changed = db.execute("UPDATE users SET hash = ? WHERE name = ?", (hash_, name)).rowcount
            db.execute("UPDATE sessions SET revoked = 1 WHERE user = ?", (name,))
        return bool(changed)

    def remove_user(self, name: str) -> bool:
        with self.transaction() as db:
            return bool(db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount)

    # sessions --------------------------------------------------------------------------------
    def add_session(self, sid: str, user: str, now: float, expires: float) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO sessions (id, user, created, expires) VALUES (?, ?, ?, ?)", (sid, user, now, expires)
            )
            db.execute("DELETE FROM sessions WHERE expires < ?", (now,))  # keep the table small

    def live_session(self, sid: str, now: float) -> tuple[str, str, float] | None:
        """(user, role, expires) of an unrevoked, unexpired session of an existing user."""
        with self._connect() as db:
            return db.execute(
                "SELECT s.user, u.role, s.expires FROM sessions s JOIN users u ON u.name = s.user"
                " WHERE s.id = ? AND s.revoked = 0 AND s.expires > ?",
                (sid, now),
            ).fetchone()

    def revoke_session(self, sid: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET revoked = 1 WHERE id = ?", (sid,))

    # failed sign-ins -------------------------------------------------------------------------
    def add_failure(self, now: float, user: str, client: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO failures VALUES (?, ?, ?)", (now, user, client))

    def failures_since(self, since: float, user: str, client: str) -> tuple[int, int]:
        """Failed sign-ins after `since`: (for this user name, from this client address)."""
        with self._connect() as db:
            by_user = db.execute("SELECT COUNT(*) FROM failures WHERE user = ? AND time > ?", (user, since)).fetchone()[
                0
            ]
            by_client = db.execute(
                "SELECT COUNT(*) FROM failures WHERE client = ? AND time > ?", (client, since)
            ).fetchone()[0]
        return by_user, by_client
