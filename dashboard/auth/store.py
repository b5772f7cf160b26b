"""The accounts in the data store (dashboard/store: SQLite by default, PostgreSQL for replicas):
users, sessions, failed sign-ins, the cookie secret. SQLAlchemy Core on the store's own engine.

Every account change (created, role changed, password reset, disabled, enabled, removed) is
written to the store's audit log in the same transaction, under the name "accounts".
Times are Unix seconds (float) from the caller's clock, so tests inject time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from dashboard.config import ROLES
from dashboard.store import schema as t

ACCOUNTS = "accounts"  # the name account changes are audited under (no layer has this id)
SECRET_KEY = "session_secret"


@dataclass(frozen=True)
class User:
    name: str
    role: str
    hash: str
    created: float
    disabled: bool = False


def _user(row) -> User:
    return User(row.name, row.role, row.hash, row.created, bool(row.disabled))


def audit(conn: sa.Connection, by: str, action: str, detail: str, via: str = "") -> None:
    conn.execute(
        t.audit.insert().values(
            at=dt.datetime.now(dt.UTC), who=by, action=action, name=ACCOUNTS, version=0, source_name=via, detail=detail
        )
    )


class AccountStore:
    def __init__(self, engine: sa.Engine):
        self.engine = engine  # the data store's (open_store(url).engine): its tables exist

    # users -----------------------------------------------------------------------------------
    def user(self, name: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.accounts).where(t.accounts.c.name == name)).first()
        return _user(row) if row else None

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            return [_user(r) for r in conn.execute(sa.select(t.accounts).order_by(t.accounts.c.name))]

    def add_user(
        self, name: str, role: str, hash_: str, now: float, only_if_empty: bool = False, by: str = "", via: str = ""
    ) -> bool:
        """Add a user; False if the name exists (or, with only_if_empty, if any user exists)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        try:
            with self.engine.begin() as conn:
                if only_if_empty and conn.execute(sa.select(t.accounts.c.name).limit(1)).first():
                    return False
                if conn.execute(sa.select(t.accounts.c.name).where(t.accounts.c.name == name)).first():
                    return False
                conn.execute(t.accounts.insert().values(name=name, role=role, hash=hash_, created=now))
                audit(conn, by or name, "account-created", f"{name}: {role}", via)
        except sa.exc.IntegrityError:  # the same name added at the same moment elsewhere
            return False
        return True

    def _change(self, name: str, values: dict, by: str, action: str, detail: str, via: str, end_sessions: bool) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(t.accounts.update().where(t.accounts.c.name == name).values(**values)).rowcount
            if not done:
                return False
            if end_sessions:
                conn.execute(t.sessions.update().where(t.sessions.c.account == name).values(revoked=True))
            audit(conn, by, action, detail, via)
        return True

    def set_hash(self, name: str, hash_: str, by: str = "", via: str = "") -> bool:
        """New password hash; every session of the user ends (a changed password signs out)."""
        return self._change(name, {"hash": hash_}, by or name, "account-password", f"{name}", via, True)

    def set_role(self, name: str, role: str, by: str, via: str = "") -> bool:
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        known = self.user(name)
        if known is None:
            return False
        detail = f"{name}: {known.role} → {role}"
        return self._change(name, {"role": role}, by, "account-role", detail, via, False)

    def set_disabled(self, name: str, disabled: bool, by: str, via: str = "") -> bool:
        """A disabled account cannot sign in and its sessions end at once; enabling undoes only that."""
        action = "account-disabled" if disabled else "account-enabled"
        return self._change(name, {"disabled": disabled}, by, action, name, via, disabled)

    def remove_user(self, name: str, by: str = "", via: str = "") -> bool:
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.account == name))
            done = conn.execute(t.accounts.delete().where(t.accounts.c.name == name)).rowcount
            if done:
                audit(conn, by or name, "account-removed", name, via)
        return bool(done)

    # sessions --------------------------------------------------------------------------------
    def add_session(self, sid: str, user: str, now: float, expires: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.sessions.insert().values(id=sid, account=user, created=now, expires=expires))
            conn.execute(t.sessions.delete().where(t.sessions.c.expires < now))  # keep the table small

    def live_session(self, sid: str, now: float) -> tuple[str, str, float] | None:
        """(user, role, expires) of an unrevoked, unexpired session of an existing, enabled user."""
        s, a = t.sessions, t.accounts
        q = (
            sa.select(s.c.account, a.c.role, s.c.expires)
            .join(a, a.c.name == s.c.account)
            .where(s.c.id == sid, s.c.revoked == sa.false(), s.c.expires > now, a.c.disabled == sa.false())
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        return (row[0], row[1], row[2]) if row else None

    def revoke_session(self, sid: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.sessions.update().where(t.sessions.c.id == sid).values(revoked=True))

    # failed sign-ins -------------------------------------------------------------------------
    def add_failure(self, now: float, user: str, client: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.sign_in_failures.insert().values(time=now, account=user, client=client))

    def failures_since(self, since: float, user: str, client: str) -> tuple[int, int]:
        """Failed sign-ins after `since`: (for this user name, from this client address)."""
        f = t.sign_in_failures

        def count(conn, where) -> int:
            return conn.execute(sa.select(sa.func.count()).select_from(f).where(where, f.c.time > since)).scalar() or 0

        with self.engine.connect() as conn:
            return count(conn, f.c.account == user), count(conn, f.c.client == client)

    # the session cookie's signing secret ----------------------------------------------------
    def secret(self, offered: str | None = None) -> str:
        """The store's secret, made once (`offered`, e.g. a taken-in file's, else random): every
        replica on this store signs and checks cookies alike."""
        q = sa.select(t.settings.c.value).where(t.settings.c.key == SECRET_KEY)
        with self.engine.connect() as conn:
            found = conn.execute(q).scalar()
        if found:
            return found
        try:
            with self.engine.begin() as conn:
                conn.execute(t.settings.insert().values(key=SECRET_KEY, value=offered or secrets.token_urlsafe(48)))
        except sa.exc.IntegrityError:
            pass  # another process made it first: use theirs
        with self.engine.connect() as conn:
            return str(conn.execute(q).scalar())
