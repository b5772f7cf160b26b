"""The desk page's sidebar pieces: the basemap picker and who is signed in."""

from __future__ import annotations

import html
import re
import time

import streamlit as st

from dashboard import auth, basemaps, config
from dashboard.strings import t


def basemap_picker(cfg: config.Config, lang: str) -> str:
    """The sidebar's basemap select box and its notes; returns the basemap to draw.

    `?basemap=` decides on a session's first run (an unknown value → config.toml's default, with
    a note), then the select box; the choice is written back so a copied link reproduces it."""
    state, params, key, bad = st.session_state, st.query_params, basemaps.KEY, "_basemap_unknown"
    default = cfg["map"]["basemap"]
    if key not in state:
        asked = params.get(key)
        state[key] = asked if asked in basemaps.CHOICES else default
        state[bad] = None if asked is None or asked in basemaps.CHOICES else asked
    name = st.selectbox(
        t("basemap", lang),
        basemaps.CHOICES,
        key=key,
        format_func=lambda c: t(f"basemap_{c}", lang),
        on_change=lambda: state.update({bad: None}),
    )
    params[key] = name
    if state.get(bad):
        shown = re.sub(r"[^\w.-]", "", state[bad])[:40]  # it came from a URL: no markup
        st.warning(t("basemap_unknown", lang, value=shown, default=default, choices=", ".join(basemaps.CHOICES)))
    drawn, why = basemaps.resolve(name, basemaps.tianditu_key(st.secrets))
    if why:
        st.warning(t(why, lang))
    elif drawn in basemaps.GCJ02:
        st.caption(t("basemap_gcj02_note", lang))
    return drawn


def current_session(cfg: config.Config) -> auth.Session | None:
    """Our signed cookie (launcher.py's /signin), else — where [auth.oidc] maps roles — the user an
    identity provider signed in through st.login, with the role its claims map to."""
    session = auth.session_from_cookies(st.context.cookies)
    if session is None and cfg["auth"]["oidc"].get("roles"):
        claims = st.user.to_dict() if hasattr(st.user, "to_dict") else {}
        session = auth.session_from_claims(claims, cfg["auth"]["oidc"], time.time(), cfg["auth"]["session_hours"])
    return session


def sign_in_block(cfg: config.Config, lang: str) -> auth.Session | None:
    """Sidebar: who is signed in and a sign-out button, or a link to /signin (launcher.py's route)
    and, where an identity provider is configured, its sign-in button (st.login)."""
    session = current_session(cfg)
    if session is None:
        href = html.escape(auth.signin_href(st.query_params.to_dict()))
        st.markdown(
            f'<a href="{href}" target="_self">{html.escape(t("signin_link", lang))}</a>', unsafe_allow_html=True
        )
        if cfg["auth"]["oidc"].get("roles"):
            st.button(t("signin_oidc", lang), key="signin_oidc", on_click=st.login)
    else:
        st.text(t("signed_in_as", lang, name=session.user, role=t(f"role_{session.role}", lang)))
        if st.button(t("sign_out", lang), key="sign_out"):
            st.logout()  # → /auth/logout: the route revokes the session and clears the cookie
    return session
