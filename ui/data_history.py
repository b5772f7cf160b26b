"""The data page's lower half: every version of a layer (or the ledger) with time, who, file and
count; a rollback to any version in one step; the audit log. And the page's one-shot messages
(a publish or rollback happens in a callback; its outcome shows on the rerun that follows)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.auth import Session
from dashboard.store import StoreError
from dashboard.store.store import Store
from dashboard.strings import t

FLASH = "data_flash"
ROLLBACK_TO = "data_rollback_to"


def flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def show_flash(lang: str) -> None:
    kind, text = st.session_state.pop(FLASH, (None, ""))
    if kind:
        getattr(st, kind)(text)


def versions_table(store: Store, name: str, lang: str) -> pd.DataFrame:
    cur = store.current_version(name)
    rows = [
        {
            t("data_col_version", lang): v.version,
            t("data_col_current", lang): "✓" if v.version == cur else "",
            t("data_col_time", lang): f"{v.created_at:%Y-%m-%d %H:%M:%S}",
            t("data_col_who", lang): v.created_by,
            t("data_col_file", lang): v.source_name,
            t("data_col_count", lang): "" if v.feature_count is None else str(v.feature_count),
        }
        for v in reversed(store.versions(name))
    ]
    return pd.DataFrame(rows)


def audit_table(store: Store, name: str, lang: str) -> pd.DataFrame:
    rows = [
        {
            t("data_col_time", lang): f"{a.at:%Y-%m-%d %H:%M:%S}",
            t("data_col_who", lang): a.who,
            t("data_col_action", lang): a.action,
            t("data_col_version", lang): a.version,
            t("data_col_file", lang): a.source_name,
            t("data_col_detail", lang): a.detail,
        }
        for a in store.audit_log(name, limit=200)
    ]
    return pd.DataFrame(rows)


def history(store: Store, name: str, session: Session, lang: str) -> None:
    st.subheader(t("data_versions", lang))
    versions = store.versions(name)
    if not versions:
        st.info(t("data_none_yet", lang))
        return
    st.dataframe(versions_table(store, name, lang), hide_index=True, width="stretch", key="data_versions")
    cur = store.current_version(name)
    others = [v.version for v in reversed(versions) if v.version != cur]
    if others:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.selectbox(t("data_rollback_to", lang), others, key=ROLLBACK_TO)
        args = (store, name, cur, session.user, lang)
        right.button(t("data_rollback", lang), key="data_rollback", on_click=rollback, args=args)
    st.subheader(t("data_audit", lang))
    st.dataframe(audit_table(store, name, lang), hide_index=True, width="stretch", key="data_audit")


def rollback(store: Store, name: str, cur: int | None, who: str, lang: str) -> None:
    """To the version picked, in one step; refused (nothing changed) if the layer changed since
    the page showed it."""
    try:
        ver = store.rollback(name, int(st.session_state[ROLLBACK_TO]), by=who, base=cur)
    except StoreError as err:
        flash("error", err.text.get(lang))
        return
    flash("success", t("data_rolled_back", lang, layer=name, v=ver.version))
