"""郑州高新区资产一张图 — the Streamlit page: wiring, widgets and caching only.

Data flow: config.toml → layer registry → validated data (cached by file mtime) → folium
groups → st_folium → selection in st.session_state → side panel.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from dashboard import basemaps, catalog, config, mapview, offline_assets
from dashboard.strings import t

st.set_page_config(page_title="高新区资产一张图", page_icon="🗺️", layout="wide")

PANEL_CSS = """<style>
.panel-name{font-size:1.35rem;font-weight:700;line-height:1.3}
.panel-name-en{color:#555;margin-bottom:.3rem}
.panel-layer{color:#666;font-size:.85rem;margin-bottom:.4rem}
.approx{background:#fff8e1;border-left:4px solid #e0c36a;padding:.35rem .5rem;font-size:.85rem;margin:.4rem 0}
.approx-badge{display:inline-block;font-size:.8em;padding:0 4px;border-radius:3px;background:#fff3cd;
  color:#7a5a00;border:1px solid #e0c36a}
.fact{margin:.55rem 0;line-height:1.5}
.fact-kind{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:3px;background:#e8eef3;color:#234}
.fact-outcome{background:#e6dcf2;color:#3d1f66}.fact-tbc{background:#fdecea;color:#8a1c12}
.fact-target{background:#f4f9f4}
.fact-src{color:#777;font-size:.78rem}
.tbc{color:#b3261e;font-weight:600}
table.target,table.panel-rows{border-collapse:collapse;margin:.25rem 0;font-size:.9rem}
table.target th,table.target td,table.panel-rows th,table.panel-rows td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
table.panel-rows th{white-space:nowrap;background:#f6f6f6}
</style>"""


def mtimes(paths: list[Path]) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else -1.0 for p in paths)


@st.cache_data(show_spinner=False)
def load_config(mtime: float) -> config.Config:  # mtime: cache key only
    return config.load()


@st.cache_data(show_spinner=False)
def load_catalog(_cfg: config.Config, cfg_key: str, mtime_key: tuple[float, ...]) -> catalog.Catalog:
    # _cfg is not hashed; cfg_key (its values) and mtime_key (its files) are the cache key.
    return catalog.load_catalog(_cfg)


def selection_from_click() -> None:
    """A map click reruns the page; take the clicked feature as the selection, once."""
    returned = st.session_state.get("map")
    hit = catalog.picked(returned)
    click = (returned or {}).get("last_object_clicked")
    token = (hit, str(click))
    if hit and token != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = token
        st.session_state["selected"] = hit
        st.session_state["pick"] = "/".join(hit)


def selection_from_box() -> None:
    value = st.session_state.get("pick")
    st.session_state["selected"] = tuple(value.split("/", 1)) if value else None
    st.session_state["focus"] = st.session_state["selected"]


def main() -> None:
    cfg_path = config.DEFAULT_PATH
    try:
        cfg = load_config(mtimes([cfg_path])[0])
    except config.ConfigError as err:
        st.error(f"{t('config_error')} / config.toml is invalid")
        st.code(str(err), language=None)
        st.stop()

    lang = st.query_params.get("lang", cfg["ui"]["language"])
    lang = lang if lang in ("zh", "en") else "zh"
    with st.sidebar:
        choice = st.radio(t("language", lang), ["中文", "English"], index=0 if lang == "zh" else 1,
                          horizontal=True, key="lang_radio")
        lang = "en" if choice == "English" else "zh"
        st.query_params["lang"] = lang

    cat = load_catalog(cfg, repr(cfg.values), mtimes(catalog.source_files(cfg)))
    selection_from_click()

    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    if cat.problems:
        with st.expander(t("data_problems", lang, n=len(cat.problems)), expanded=True):
            st.caption(t("data_problems_help", lang))
            for p in cat.problems:
                st.text(str(p))

    with st.sidebar:
        st.subheader(t("layers", lang))
        visible = {lid for lid, data in cat.layers.items()
                   if st.toggle(data.spec.label(lang), value=data.spec.visible, key=f"layer_{lid}")}
        basemap = basemaps.choose(st.sidebar, cfg, lang)

    selected = st.session_state.get("selected")
    if selected and cat.feature(*selected) is None:
        selected = None
    map_col, panel_col = st.columns([7, 3], gap="medium")
    with panel_col:
        opts = catalog.options(cat, lang)
        labels = {f"{lid}/{fid}": label for lid, fid, label in opts}
        st.selectbox(t("select_feature", lang), [""] + list(labels), key="pick",
                     format_func=lambda k: labels.get(k, t("select_none", lang)),
                     on_change=selection_from_box)
        st.html(PANEL_CSS)
        html = catalog.panel(cat, *selected, lang) if selected else None
        if html:
            st.html(html)
        else:
            st.info(t("panel_empty", lang))
    with map_col:
        m = mapview.base_map(cfg["map"]["center"], cfg["map"]["zoom"], cfg["map"]["min_zoom"],
                             cfg["map"]["max_zoom"], mapview.legend_html(
                                 [d.spec for d in cat.layers.values()], lang), lang)
        shift = basemaps.add(m, basemap, lang)
        offline_assets.localize(m)
        groups = mapview.overlay_groups(cat.layers.values(), visible, lang, selected, shift=shift)
        focus = st.session_state.get("focus")
        center = None
        if focus and cat.feature(*focus):
            c = cat.layers[focus[0]].gdf.set_index("id").geometry[focus[1]].centroid
            center = (c.y, c.x)
        st_folium(m, key="map", height=cfg["map"]["height_px"], use_container_width=True,
                  feature_group_to_add=groups, center=center,
                  returned_objects=["last_object_clicked", "last_active_drawing"])


main()
