"""Role of a user signed in through an identity provider (st.login → st.user claims).

Config ([auth.oidc]): `role_claim` names the claim holding the user's groups (a list or one
string); `roles` maps a group to viewer / editor / admin. The highest matching role wins; a
user with no mapped group gets no role (stays on the public view).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dashboard.config import ROLES


def role_from_claims(claims: Mapping[str, Any], oidc_cfg: Mapping[str, Any]) -> str | None:
    value = claims.get(oidc_cfg.get("role_claim", "groups"))
    groups = [value] if isinstance(value, str) else list(value or []) if isinstance(value, (list, tuple)) else []
    table = oidc_cfg.get("roles", {})
    found = [table[g] for g in groups if isinstance(g, str) and table.get(g) in ROLES]
    return max(found, key=ROLES.index) if found else None


def session_from_claims(claims: Mapping[str, Any], oidc_cfg: Mapping[str, Any], now: float, hours: float):
    """A Session for a user the identity provider signed in (st.user), if a claim maps to a role."""
    from dashboard.auth.accounts import Session  # here: accounts imports the config this module needs

    if not claims.get("is_logged_in"):
        return None
    role = role_from_claims(claims, oidc_cfg)
    if role is None:
        return None
    name = claims.get("email") or claims.get("preferred_username") or claims.get("name") or claims.get("sub")
    return Session(str(name or "?"), role, now + hours * 3600)
