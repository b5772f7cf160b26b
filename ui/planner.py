"""The planner's block beside the map (signed-in users only, decided on the server): the drawn
shape or buffer with its geodesic area and what lies inside it (click a name to select it),
exports, and the shared sketches. The logic is in dashboard/spatial.py, the map part in
dashboard/planner_map.py, the sketches in dashboard/store/sketches.py."""

from __future__ import annotations

import json
import re

import streamlit as st

from dashboard import audience, basemaps, catalog, config, gcj02, planner_map, shape_exports, spatial
from dashboard.selection import Selection
from dashboard.spatial import Shape
from dashboard.store import StoreError, open_store, store_url
from dashboard.store import sketches as sk
from dashboard.strings import t
from ui.sidebar import current_session
from ui.state import MAP_KEY, select

SHAPE, SEEN = "planner_shape", "planner_seen"  # the current shape; the last drawing taken in
_MD = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
SHOWN_PER_LAYER = 30  # the export holds all of them


def md_escape(text: str) -> str:
    """Data text inside a widget label (Streamlit reads labels as Markdown): shown as typed."""
    return _MD.sub(r"\\\1", text)


def enabled(cfg: config.Config) -> bool:
    """The tools are for signed-in (internal) sessions only; a visitor's page has none of them."""
    return audience.of(current_session(cfg)) == audience.INTERNAL


def dress(lang: str):
    """page_map.build's `dress`: the tools become part of the (byte-stable) base map."""
    return lambda m, shift: planner_map.add_tools(m, lang, shift)


def take_drawing(basemap: str) -> None:
    """A new drawing returned by the map becomes the current shape (in WGS-84: on a GCJ-02
    basemap the drawing is in the tiles' datum and is shifted back)."""
    drawing = (st.session_state.get(MAP_KEY) or {}).get("last_active_drawing")
    raw = json.dumps(drawing, sort_keys=True)
    if drawing is None or raw == st.session_state.get(SEEN):
        return
    shape = spatial.from_drawing(drawing)
    if shape is None:
        return
    st.session_state[SEEN] = raw
    if basemap in basemaps.GCJ02:
        shape = Shape(gcj02.shift_geometry(shape.geometry, to="wgs84"), shape.kind, shape.meta)
    st.session_state[SHAPE] = shape


def planner_block(cfg: config.Config, cat: catalog.Catalog, selected: Selection | None, lang: str, basemap: str):
    """The block; returns the overlay group that draws the current shape (for feature_group_to_add)."""
    take_drawing(basemap)
    st.subheader(t("planner_title", lang))
    st.caption(t("planner_help", lang))
    buffer_form(cat, selected, lang)
    shape = st.session_state.get(SHAPE)
    if shape is not None:
        answer(cat, shape, lang)
    sketches_box(cfg, shape, lang)
    return shape


def describe(cat: catalog.Catalog, shape: Shape, lang: str) -> str:
    if shape.kind == "circle":
        return t("planner_kind_circle", lang, radius_m=shape.meta["radius_m"])
    if shape.kind == "buffer":
        of = shape.meta.get("of", "")
        sel = Selection(*of.split("/", 1)) if "/" in of else None
        props = cat.feature(*sel) if sel else None
        name = (props.get("name_zh") if lang == "zh" else props.get("name_en")) if props else None
        return t("planner_kind_buffer", lang, name=name or of, distance_m=shape.meta.get("distance_m", 0))
    return t(f"planner_kind_{shape.kind}", lang)


def answer(cat: catalog.Catalog, shape: Shape, lang: str) -> None:
    """Area and what lies inside, per layer, each name a button that selects the feature."""
    size = spatial.area(shape.geometry)
    st.markdown(f"**{md_escape(describe(cat, shape, lang))}**")
    st.text(t("planner_area", lang, m2=size.m2, km2=size.km2, mu=size.mu))
    found = spatial.lies_inside(cat.layers.values(), shape.geometry, lang)
    total = sum(len(g.hits) for g in found)
    st.text(t("planner_found", lang, n=total) if total else t("planner_nothing", lang))
    if total:
        st.caption(t("planner_pick_help", lang))
    for group in found:
        with st.expander(t("planner_layer_count", lang, label=group.label, n=len(group.hits)), expanded=True):
            for hit in group.hits[:SHOWN_PER_LAYER]:
                mark = t("planner_inside" if hit.inside else "planner_overlaps", lang)
                st.button(
                    f"{md_escape(hit.name)} · {mark}",
                    key=f"planner_hit_{hit.sel}",
                    on_click=select,
                    args=(hit.sel,),
                    width="stretch",
                )
            if len(group.hits) > SHOWN_PER_LAYER:
                st.caption(t("planner_more", lang, n=len(group.hits) - SHOWN_PER_LAYER))
    export_buttons(shape, found, describe(cat, shape, lang), lang)
    st.button(t("planner_clear", lang), key="planner_clear", on_click=st.session_state.pop, args=(SHAPE, None))


def export_buttons(shape: Shape, found, name: str, lang: str) -> None:
    frames = {"shape": shape_exports.shape_frame(shape, name), "inside": shape_exports.hits_frame(found, lang)}
    for what, frame in frames.items():
        st.caption(t("planner_export_shape" if what == "shape" else "planner_export_hits", lang))
        cols = st.columns(3)
        files = (
            ("GeoJSON", "geojson", "application/geo+json", lambda f: shape_exports.geojson_bytes(f)),
            ("CSV", "csv", "text/csv", lambda f: shape_exports.csv_bytes(f)),
            ("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
        )
        for col, (label, ext, mime, make) in zip(cols, files, strict=True):
            data = make(frame) if make else shape_exports.xlsx_bytes(frame, sheet=what)
            col.download_button(
                label,
                data,
                key=f"planner_{what}_{ext}",
                file_name=f"planner_{what}.{ext}",
                mime=mime,
                on_click="ignore",
            )


def buffer_form(cat: catalog.Catalog, selected: Selection | None, lang: str) -> None:
    with st.expander(t("planner_buffer", lang), expanded=selected is not None):
        by = st.radio(
            t("planner_buffer_by", lang),
            ["distance", "area"],
            key="planner_buffer_by",
            horizontal=True,
            format_func=lambda k: t(f"planner_by_{k}", lang),
        )
        default, step = (500.0, 50.0) if by == "distance" else (2.0, 0.1)
        value = st.number_input(
            t("planner_buffer_value", lang), min_value=0.01, value=default, step=step, key=f"planner_value_{by}"
        )
        props = cat.feature(*selected) if selected else None
        geom = props.get("geometry") if props else None
        if geom is None or geom.is_empty:
            st.caption(t("planner_buffer_needs", lang))
            return
        if st.button(t("planner_make_buffer", lang), key="planner_make_buffer"):
            assert selected is not None
            try:
                make = spatial.buffer if by == "distance" else spatial.buffer_to_area
                st.session_state[SHAPE] = make(selected, geom, float(value))
            except ValueError as err:
                st.warning(t("planner_buffer_failed", lang, why=str(err)))


def sketches_box(cfg: config.Config, shape: Shape | None, lang: str) -> None:
    """Save the current shape as a named sketch; open, rename or delete the shared ones."""
    session = current_session(cfg)
    who = session.user if session else "?"
    with st.expander(t("planner_sketches", lang), expanded=False):
        try:
            store = open_store(store_url(cfg))
            saved = sk.list_all(store)
        except Exception as err:  # the page stays usable without its store
            st.warning(t("planner_sketch_no_store", lang, why=type(err).__name__))
            return
        if shape is not None:
            name = st.text_input(t("planner_sketch_name", lang), key="planner_sketch_name", max_chars=sk.MAX_NAME)
            if st.button(t("planner_sketch_save", lang), key="planner_sketch_save"):
                _store_call(lang, lambda: sk.save(store, name, shape.kind, shape.geometry, shape.meta, by=who))
                st.success(t("planner_sketch_saved", lang, name=name.strip()))
                saved = sk.list_all(store)
        if not saved:
            st.caption(t("planner_sketch_none", lang))
            return
        labels = {
            s.id: t("planner_sketch_label", lang, name=s.name, who=s.created_by, when=f"{s.created_at:%Y-%m-%d %H:%M}")
            for s in saved
        }
        ids: list[int] = list(labels)
        chosen = st.selectbox(
            t("planner_sketch_pick", lang), ids, key="planner_sketch_pick", format_func=lambda i: labels[i]
        )
        pick = chosen if chosen is not None else ids[0]
        new_name = st.text_input(
            t("planner_sketch_new_name", lang), key="planner_sketch_new_name", max_chars=sk.MAX_NAME
        )
        open_col, rename_col, delete_col = st.columns(3)
        if open_col.button(t("planner_sketch_open", lang), key="planner_sketch_open"):
            got = sk.get(store, pick)
            if got is not None:
                st.session_state[SHAPE] = Shape(got.geometry, got.kind, got.meta)
                st.rerun()  # the whole page: scope="fragment" raises if the click came with a full rerun
        if rename_col.button(t("planner_sketch_rename", lang), key="planner_sketch_rename"):
            _store_call(lang, lambda: sk.rename(store, pick, new_name, by=who))
            st.rerun()
        if delete_col.button(t("planner_sketch_delete", lang), key="planner_sketch_delete"):
            sk.delete(store, pick, by=who)
            st.rerun()


def _store_call(lang: str, call) -> None:
    try:
        call()
    except StoreError as err:
        st.warning(err.text.get(lang))
        st.stop()


def map_group(shift):
    """The current shape's overlay group (empty when there is none)."""
    return planner_map.shape_group(st.session_state.get(SHAPE), shift)
