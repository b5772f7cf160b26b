"""Sign-in, sessions, sign-out and account changes over the accounts store: the rules, in one place.

- At most `max_failures` failed sign-ins per `window_s` per user name AND per client address;
  the limit is checked before any password hash is computed, and while it holds even the right
  password is refused.
- An unknown user and a wrong password give the same answer and cost the same (a dummy hash).
- Each failure is logged with time, user name and client address — never the password.
"""

from __future__ import annotations

import enum
import logging
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dashboard.auth.passwords import Passwords
from dashboard.auth.store import AccountStore
from dashboard.auth.tokens import COOKIE, Signer, new_session_id

log = logging.getLogger("dashboard.auth")

FIRST_ADMIN = "admin"


@dataclass(frozen=True)
class Session:
    user: str
    role: str
    expires: float  # Unix seconds


class Outcome(enum.Enum):
    OK = "ok"
    REFUSED = "refused"  # unknown user or wrong password: one answer for both
    LOCKED = "locked"  # too many failures for this user or this client; wait for the window


@dataclass(frozen=True)
class SignIn:
    outcome: Outcome
    cookie: str | None = None  # the signed session id to set, on OK
    max_age: int = 0  # the cookie's lifetime in seconds, on OK


@dataclass(frozen=True)
class Limits:
    max_failures: int = 5
    window_s: float = 300
    session_hours: float = 12


class Accounts:
    def __init__(
        self,
        store: AccountStore,
        signer: Signer,
        passwords: Passwords | None = None,
        limits: Limits = Limits(),
        clock: Callable[[], float] = time.time,
    ):
        self.store, self.signer, self.limits, self.clock = store, signer, limits, clock
        self.passwords = passwords or Passwords()

    def locked(self, user: str, client: str) -> bool:
        by_user, by_client = self.store.failures_since(self.clock() - self.limits.window_s, user, client)
        return max(by_user, by_client) >= self.limits.max_failures

    def sign_in(self, user: str, password: str, client: str) -> SignIn:
        if self.locked(user, client):  # before hashing: a locked-out guess costs nothing
            log.warning("sign-in refused (locked out): user=%r client=%s", user, client)
            return SignIn(Outcome.LOCKED)
        known = self.store.user(user)
        usable = known.hash if known and not known.disabled else None  # disabled: the same answer, same cost
        if not self.passwords.verify(usable, password):
            self.store.add_failure(self.clock(), user, client)
            log.warning("sign-in failed: user=%r client=%s", user, client)
            return SignIn(Outcome.REFUSED)
        now = self.clock()
        lifetime = self.limits.session_hours * 3600
        sid = new_session_id()
        self.store.add_session(sid, user, now, now + lifetime)
        log.info("signed in: user=%r client=%s", user, client)
        return SignIn(Outcome.OK, self.signer.sign(sid), int(lifetime))

    def session(self, cookie: str | None) -> Session | None:
        """The live session a cookie value names, or None (missing, forged, expired, revoked)."""
        sid = self.signer.session_id(cookie)
        row = self.store.live_session(sid, self.clock()) if sid else None
        return Session(*row) if row else None

    def session_from_cookies(self, cookies: Mapping[str, str]) -> Session | None:
        return self.session(cookies.get(COOKIE))

    def sign_out(self, cookie: str | None) -> None:
        sid = self.signer.session_id(cookie)
        if sid:
            self.store.revoke_session(sid)

    # account changes: `by` (who did it) and `via` (which tool) go to the audit log
    def add_user(self, name: str, role: str, password: str, by: str = "", via: str = "") -> bool:
        return self.store.add_user(name, role, self.passwords.hash(password), self.clock(), by=by, via=via)

    def set_password(self, name: str, password: str, by: str = "", via: str = "") -> bool:
        return self.store.set_hash(name, self.passwords.hash(password), by=by, via=via)

    def set_role(self, name: str, role: str, by: str, via: str = "") -> bool:
        return self.store.set_role(name, role, by=by, via=via)

    def set_disabled(self, name: str, disabled: bool, by: str, via: str = "") -> bool:
        return self.store.set_disabled(name, disabled, by=by, via=via)

    def remove_user(self, name: str, by: str = "", via: str = "") -> bool:
        return self.store.remove_user(name, by=by, via=via)

    def ensure_first_admin(self, announce: Callable[[str], None] = print) -> str | None:
        """With no account at all, create `admin` with a random password and announce it once.

        The password is shown only here (the server's terminal), like a fresh Jenkins or Grafana
        would; it is not logged and no default password exists. Returns it, or None if accounts exist.
        """
        if self.store.users():  # the usual case: no hash computed at start
            return None
        password = secrets.token_urlsafe(12)
        if not self.store.add_user(
            FIRST_ADMIN,
            "admin",
            self.passwords.hash(password),
            self.clock(),
            only_if_empty=True,
            by="system",
            via="first start",
        ):
            return None
        announce(
            f"\n  No account existed: created user '{FIRST_ADMIN}' (role admin) with password\n"
            f"      {password}\n  Sign in at /signin and change it: scripts/users.py passwd {FIRST_ADMIN}\n"
        )
        return password
