"""Sign-in: anyone without a session sees the public view; a signed-in user the internal view.

Other code uses:
- `session_from_cookies(st.context.cookies) -> Session | None` (user, role, expires) on every run;
- `accounts_from_config(cfg)` for the launcher's routes and scripts/users.py; `accounts_at(url)` for
  the accounts of the data store at `url` (tests, benchmarks);
- `ROLES` (viewer: internal read; editor: + data changes; admin: + accounts), `can(session, role)`.
No streamlit import here: the routes live in dashboard/auth/web.py (Starlette, for launcher.py).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

from dashboard import config
from dashboard.auth.accounts import Accounts, Limits, Outcome, Session, SignIn
from dashboard.auth.legacy import take_in
from dashboard.auth.oidc import role_from_claims, session_from_claims
from dashboard.auth.store import AccountStore
from dashboard.auth.tokens import COOKIE, Signer
from dashboard.config import ROLES
from dashboard.store import open_store, store_url

__all__ = [
    "COOKIE",
    "ROLES",
    "Accounts",
    "Limits",
    "Outcome",
    "Session",
    "SignIn",
    "accounts_at",
    "accounts_from_config",
    "can",
    "legacy_db_path",
    "default_accounts",
    "role_from_claims",
    "session_from_claims",
    "session_from_cookies",
    "signin_href",
]


def legacy_db_path(cfg: config.Config) -> Path:
    """The old accounts file, taken into the store once: $HTZ_AUTH_DB or [auth] db (project folder)."""
    return Path(os.environ.get("HTZ_AUTH_DB") or cfg.path_of("db", "auth"))


def accounts_at(url: str, limits: Limits | None = None, legacy: Path | None = None) -> Accounts:
    """The accounts of the data store at `url` (the same engine as its versions and audit log).
    `legacy`: an old accounts file to take in first, once. The cookie secret: $HTZ_SECRET, else
    the store's own."""
    accounts = AccountStore(open_store(url).engine)
    if legacy is not None:
        take_in(accounts, legacy, time.time())
    secret = os.environ.get("HTZ_SECRET") or accounts.secret()
    return Accounts(accounts, Signer(secret), limits=limits or Limits())


def accounts_from_config(cfg: config.Config) -> Accounts:
    a = cfg["auth"]
    limits = Limits(max_failures=a["max_failures"], window_s=a["window_s"], session_hours=a["session_hours"])
    return accounts_at(store_url(cfg), limits, legacy=legacy_db_path(cfg))


@functools.lru_cache(maxsize=4)
def _accounts_for(config_path: str, url: str, legacy: str) -> Accounts:
    return accounts_from_config(config.load(Path(config_path)))


def default_accounts() -> Accounts:
    """This process's accounts (config.toml or $HTZ_CONFIG; $HTZ_STORE_URL), built once per store."""
    env = os.environ
    return _accounts_for(
        str(env.get("HTZ_CONFIG") or config.DEFAULT_PATH), env.get("HTZ_STORE_URL", ""), env.get("HTZ_AUTH_DB", "")
    )


def session_from_cookies(cookies: Mapping[str, str], accounts: Accounts | None = None) -> Session | None:
    """The live session the browser's cookie names, or None (the public view)."""
    value = cookies.get(COOKIE)
    # no cookie, no database: a public visit never opens it (under AppTest the value is a mock)
    if not isinstance(value, str) or not value:
        return None
    return (accounts or default_accounts()).session(value)


def signin_href(query: Mapping[str, str]) -> str:
    """The sign-in page's address, returning afterwards to the page with these query parameters."""
    back = "/" + ("?" + urlencode(dict(query)) if query else "")
    return "/signin?" + urlencode({"next": back})


def can(session: Session | None, role: str) -> bool:
    """True if the session's role is `role` or above (viewer < editor < admin)."""
    return session is not None and ROLES.index(session.role) >= ROLES.index(role)
