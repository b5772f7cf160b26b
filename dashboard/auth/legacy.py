"""Taking in the accounts of the old accounts file (SQLite at [auth] db, before the accounts moved
into the data store), once: users with their argon2 hashes, their live sessions and the cookie
secret beside the file, so nobody has to sign in again. A name the store already holds is kept as
the store has it. The audit log records the taking-in; that entry is what makes it happen once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from dashboard.auth.store import ACCOUNTS, AccountStore, audit
from dashboard.auth.tokens import secret_path
from dashboard.store import schema as t

TAKEN_IN = "accounts-taken-in"


def _read(path: Path, now: float) -> tuple[list[tuple], list[tuple]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        users = db.execute("SELECT name, role, hash, created FROM users").fetchall()
        live = db.execute(
            "SELECT id, user, created, expires FROM sessions WHERE revoked = 0 AND expires > ?", (now,)
        ).fetchall()
    finally:
        db.close()
    return users, live


def take_in(store: AccountStore, path: Path, now: float) -> int | None:
    """Copy the old file's accounts into the store, unless this file was taken in before (or does
    not exist). Returns how many accounts were added, or None when nothing was done."""
    if not path.is_file():
        return None
    done_q = sa.select(t.audit.c.id).where(
        t.audit.c.name == ACCOUNTS, t.audit.c.action == TAKEN_IN, t.audit.c.source_name == str(path)
    )
    with store.engine.connect() as conn:
        if conn.execute(done_q).first():
            return None
    users, live = _read(path, now)
    try:
        with store.engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # replicas starting together: one takes it in
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(724012)"))
            if conn.execute(done_q).first():
                return None
            have = set(conn.execute(sa.select(t.accounts.c.name)).scalars())
            new = [u for u in users if u[0] not in have]
            for name, role, hash_, created in new:
                conn.execute(t.accounts.insert().values(name=name, role=role, hash=hash_, created=created))
            for sid, user, created, expires in live:
                if user in {u[0] for u in new}:
                    conn.execute(t.sessions.insert().values(id=sid, account=user, created=created, expires=expires))
            names = ", ".join(u[0] for u in new) or "-"
            audit(conn, "system", TAKEN_IN, f"{len(new)} of {len(users)}: {names}", str(path))
    except sa.exc.IntegrityError:  # another process took it in at the same moment
        return None
    old_secret = secret_path(path)
    store.secret(offered=old_secret.read_text(encoding="ascii").strip() if old_secret.is_file() else None)
    return len(new)
