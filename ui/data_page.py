"""The editors' data page (`?page=data`): pick a layer or the ledger, upload a file, choose its
coordinate system, preview (map over the current version, diff, validation report), publish. The
ledger likewise: its rows, the located ones on the map over the current version's, the diff of
项目编号, the report.
Versions, rollback and the audit log: ui/data_history.py. Editors and admins only — decided here,
on the server: anyone else gets a notice and nothing of the page."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import auth, config, page_map, upload, warmap
from dashboard.auth import Session
from dashboard.store import LEDGER, StoreError, importer, open_store, store_url
from dashboard.store import page as store_page
from dashboard.store.store import Store
from dashboard.strings import both, t
from layers import REGISTRY
from layers.base import LayerSpec
from ui.data_history import flash, history, show_flash

PAGE = "data"
TARGET, UPLOAD, CRS, CRS_CODE = "data_target", "data_upload", "data_crs", "data_crs_code"
PREVIEW, PUBLISH = "data_preview", "data_publish"


def is_data_page() -> bool:
    return st.query_params.get("page") == PAGE


def data_link(session: Session | None, lang: str) -> None:
    """The sidebar's link to the data page, for editors and admins only."""
    if auth.can(session, "editor"):
        st.link_button(both("data_link"), f"./?page={PAGE}&lang={lang}", icon=":material/database:", width="stretch")


def data_page(cfg: config.Config, session: Session | None, lang: str) -> None:
    st.title(t("data_title", lang))
    st.link_button(t("data_back", lang), f"./?lang={lang}", icon=":material/map:")
    if session is None or not auth.can(session, "editor"):
        st.warning(t("data_editors_only", lang))
        return
    store_page.data_state(cfg)  # the watched files are versions before anything is uploaded over them
    store = open_store(store_url(cfg))
    show_flash(lang)
    targets = [lid for lid in cfg["layers"]["enabled"] if lid in REGISTRY and REGISTRY[lid].source] + [LEDGER]
    name = st.selectbox(
        t("data_target", lang),
        targets,
        key=TARGET,
        format_func=lambda n: t("data_ledger", lang) if n == LEDGER else REGISTRY[n].label.get(lang),
    )
    if name == LEDGER:
        ledger_upload(cfg, store, session, lang)
    else:
        layer_upload(cfg, store, REGISTRY[name], session, lang)
    history(store, name, session, lang)


def crs_picker(lang: str) -> str | None:
    """The file's coordinate system: None = as the file declares; else an EPSG code, gcj02 or bd09."""
    choices = [*upload.CRS_CHOICES, "other"]
    labels = upload.CRS_LABELS | {"": t("data_crs_file", lang), "other": t("data_crs_other", lang)}
    picked = st.selectbox(t("data_crs", lang), choices, key=CRS, format_func=lambda c: labels[c])
    if picked == "other":
        code = st.text_input(t("data_crs_code", lang), key=CRS_CODE).strip()
        return f"EPSG:{code}" if code.isdigit() else (code or None)
    return picked or None


def _needs_preview(key: tuple, lang: str) -> bool:
    """A new file or CRS is previewed at once; the button previews again (after a stale publish)."""
    again = st.button(t("data_preview", lang), key="data_repreview", icon=":material/refresh:")
    return again or st.session_state.get(PREVIEW, (None,))[0] != key


def _progress(lang: str):
    """st.progress fed by the importer's progress callback (reading, reprojecting, validating, diffing)."""
    bar = st.progress(0.0, text=t("step_reading", lang))

    def step(name: str, fraction: float) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0), text=t(f"step_{name}", lang))

    return bar, step


def layer_upload(cfg: config.Config, store: Store, spec: LayerSpec, session: Session, lang: str) -> None:
    file = st.file_uploader(t("data_file", lang), type=upload.UPLOAD_TYPES, key=f"{UPLOAD}_{spec.id}")
    crs = crs_picker(lang)
    if file is None:
        return
    key = (spec.id, file.file_id, crs)
    if _needs_preview(key, lang):
        bar, step = _progress(lang)
        path = upload.save_upload(file.name, file.getvalue())
        try:
            got: importer.Preview | importer.Refused = importer.preview(
                store, spec, path, cfg["data"]["bbox"], crs, progress=step
            )
        except importer.Refused as err:
            got = err
        bar.empty()
        st.session_state[PREVIEW] = (key, got)
    got = st.session_state[PREVIEW][1]
    if isinstance(got, importer.Refused):
        refused(got, lang)
    else:
        layer_preview(cfg, store, got, session, lang)


def refused(err: importer.Refused, lang: str) -> None:
    st.error("\n\n".join([t("data_refused", lang), *(p.render(lang) for p in err.problems)]))
    if any(p.field == "crs" for p in err.problems):  # the file declares no CRS: the guess, as a guess
        if err.guess:
            codes = "、".join(upload.CRS_LABELS.get(c, c) for c in err.guess)
            st.info(t("data_guess", lang, codes=codes))
        else:
            st.info(t("data_no_guess", lang))


def layer_preview(cfg: config.Config, store: Store, pre: importer.Preview, session: Session, lang: str) -> None:
    st.caption(
        t("data_summary", lang, file=pre.source_name, n=len(pre.data.gdf), crs=pre.crs_used, base=pre.base or "—")
    )
    current = store.read_layer(REGISTRY[pre.layer], cfg["data"]["bbox"]) if pre.base is not None else None
    preview_map(cfg, upload.preview_catalog(REGISTRY[pre.layer], current, pre.data, lang), pre.data.gdf, lang)
    changes(pre.diff, lang)
    report(pre.problems, lang)
    publish_button(pre.refused, lambda: importer.publish(store, pre, by=session.user), pre.layer, lang)


def preview_map(cfg: config.Config, cat, new_gdf, lang: str, height: int = 480) -> None:
    """The upload (red) over the current version (grey, dashed) on the offline basemap, centred on the upload."""
    view = page_map.build(cfg, cat, lang, "offline", tk=None, visible=set(cat.layers))
    placed = new_gdf[new_gdf.geometry.notna() & ~new_gdf.geometry.is_empty] if not new_gdf.empty else new_gdf
    focus = placed.union_all().centroid if not placed.empty else None
    st_folium(
        view.map,
        key="data_map",
        height=height,
        use_container_width=True,
        feature_group_to_add=view.groups,
        center=(focus.y, focus.x) if focus is not None else None,
        returned_objects=[],
    )


def changes(diff, lang: str) -> None:
    st.subheader(t("data_diff", lang))
    if diff.empty:
        st.info(t("data_diff_none", lang))
    else:
        st.dataframe(upload.diff_rows(diff, lang), hide_index=True, width="stretch", key="data_diff_table")


def report(problems: list, lang: str) -> None:
    if not problems:
        st.success(t("data_report_ok", lang))
        return
    with st.expander(t("data_report", lang, n=len(problems)), expanded=True):
        st.text("\n".join(p.render(lang) for p in problems))


def publish_button(blocked: bool, publish, name: str, lang: str) -> None:
    """Publish (atomic in the store); a stale preview is refused with the store's message."""
    if blocked:
        st.error(t("data_blocked", lang))
        return

    def go() -> None:
        try:
            got = publish()
        except StoreError as err:  # StaleVersion included: nothing was overwritten
            flash("error", err.text.get(lang))
            return
        st.session_state.pop(PREVIEW, None)
        key = "data_published" if got.new else "data_same"
        flash("success" if got.new else "info", t(key, lang, layer=name, v=got.version.version))

    st.button(t("data_publish", lang), key=PUBLISH, type="primary", on_click=go)


def ledger_upload(cfg: config.Config, store: Store, session: Session, lang: str) -> None:
    file = st.file_uploader(t("data_ledger_file", lang), type=upload.LEDGER_TYPES, key=f"{UPLOAD}_{LEDGER}")
    if file is None:
        return
    key = (LEDGER, file.file_id, lang)  # the rows' tooltips are in the page's language
    if _needs_preview(key, lang):
        bar, step = _progress(lang)
        path = upload.save_upload(file.name, file.getvalue())
        layers = store_page.load_catalog(cfg).layers  # a project sits on the map feature with its id
        got = upload.preview_ledger(store, path, cfg["data"]["bbox"], layers, lang, progress=step)
        bar.empty()
        st.session_state[PREVIEW] = (key, got)
    pre: upload.LedgerPreview = st.session_state[PREVIEW][1]
    st.caption(t("data_ledger_summary", lang, file=pre.source_name, n=len(pre.result.rows)))
    ledger_rows(pre, lang)
    preview_map(cfg, pre.catalog(lang), pre.located.gdf if pre.located is not None else pre.result.rows, lang, 400)
    changes(pre.diff, lang)
    report(pre.result.errors + pre.result.notes, lang)
    publish_button(pre.refused, lambda: upload.publish_ledger(store, pre, by=session.user), LEDGER, lang)


def ledger_rows(pre: upload.LedgerPreview, lang: str) -> None:
    """The uploaded rows as the war map's table will show them, and how many the map can place."""
    st.subheader(t("data_ledger_rows", lang))
    if pre.result.rows.empty:
        st.info(t("data_ledger_no_rows", lang))
        return
    st.dataframe(warmap.table(pre.result.rows, lang), hide_index=True, width="stretch", key="data_ledger_table")
    gdf = pre.located.gdf if pre.located is not None else None
    placed = 0 if gdf is None or gdf.empty else int((gdf.geometry.notna() & ~gdf.geometry.is_empty).sum())
    st.caption(t("data_ledger_located", lang, n=placed, total=len(pre.result.rows)))
