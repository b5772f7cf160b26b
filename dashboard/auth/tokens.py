"""The session cookie: an itsdangerous-signed random session id (the row holds user and expiry).

The signing secret is never in the repository: $HTZ_SECRET, else a random secret made once in the
data store (AccountStore.secret), so sessions survive a restart and every replica checks alike.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "htz_session"
_SALT = "htz-session"


def secret_path(db_path: Path) -> Path:
    """Where the old accounts file kept its secret (taken into the store once: dashboard/auth/legacy.py)."""
    return Path(db_path).with_suffix(".secret")


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


class Signer:
    def __init__(self, secret: str):
        self._s = URLSafeSerializer(secret, salt=_SALT)

    def sign(self, session_id: str) -> str:
        return self._s.dumps(session_id)

    def session_id(self, cookie: str | None) -> str | None:
        """The session id inside a cookie value, or None if it is missing, forged or malformed."""
        if not cookie:
            return None
        try:
            sid = self._s.loads(cookie)
        except BadSignature:
            return None
        return sid if isinstance(sid, str) else None
