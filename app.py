"""郑州高新区资产一张图 — the Streamlit page: wiring and caching only (its pieces: ui/).

Data flow: config.toml → layer registry → validated data (cached by file mtime) → folium
groups → st_folium → a Selection (map click, table row, search box or ?select= link, each a
callback into `select`) in st.session_state → side panel (dashboard/panels.py, by layer). The project
ledger joins the catalog as the projects layer (cached by file mtime and today's date: the status
depends on both, unless the ledger declares its own as-of date).

Two pages: the desk page (sidebar, layers, search, side panel, projects table) and the
meeting-room screen (`?mode=screen`: no chrome, dark, full-screen map, KPI strip, tour).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from dashboard import audience, catalog, config, ledger, warmap
from dashboard.strings import t
from ui.desk import desk_page
from ui.screen import screen_page
from ui.sidebar import current_session, sign_in_block

SCREEN = st.query_params.get("mode") == "screen"
st.set_page_config(
    page_title=t("tab_title", st.query_params.get("lang", "zh")),
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if SCREEN else "auto",
)


def mtimes(paths: list[Path]) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else -1.0 for p in paths)


@st.cache_data(show_spinner=False)
def load_config(path: str, mtime: float) -> config.Config:  # mtime: cache key only
    return config.load(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def load_catalog(_cfg: config.Config, cfg_key: str, mtime_key: tuple[float, ...]) -> catalog.Catalog:
    # _cfg is not hashed; cfg_key (its values) and mtime_key (its files) are the cache key.
    # A resource, not data: every rerun gets the same (read-only) catalog instead of unpickling a
    # copy, so a rerun's cost does not grow with the features, and the layer data published for
    # the map is found again by its frame (dashboard/layerdata.publish).
    return catalog.load_catalog(_cfg)


@st.cache_data(show_spinner=False)
def load_ledger(
    path: str, mtime: float, today: str, feature_ids: tuple[str, ...], bbox: tuple[float, ...]
) -> ledger.LedgerResult:
    # mtime and today: cache key only (a saved file or a new day recomputes the status)
    return ledger.load_ledger(Path(path), today=dt.date.fromisoformat(today), feature_ids=feature_ids, bbox=bbox)


def ledger_key(cfg: config.Config) -> tuple[str, float, str]:
    """What the war map depends on besides the map data: the ledger file, its mtime, the date."""
    path = warmap.ledger_file(cfg)
    return str(path), mtimes([path])[0], dt.date.today().isoformat()


def data_key(cfg: config.Config) -> tuple:
    """Everything the page is drawn from on disk: the ledger (and the date), the layer files, facts."""
    return ledger_key(cfg), mtimes(catalog.source_files(cfg))


def watch_data(cfg: config.Config, seen: tuple) -> None:
    """Run every [ledger] poll_s seconds (a fragment): a saved file or a new day redraws the page,
    so the meeting-room screen, which nobody touches, shows edits without a reload."""
    if data_key(cfg) != seen:
        st.rerun()


def join_projects(cfg: config.Config, cat: catalog.Catalog, lang: str, key: tuple[str, float, str], aud: str):
    """The catalog with the projects layer, and the ledger read (None: no war map here). A public
    session gets only the rows marked 公开, with their public fields, and no ledger at all."""
    path, mtime, today = key
    if "projects" not in cfg["layers"]["enabled"]:
        return cat, None
    fids = tuple(sorted(warmap.map_feature_ids(cat.layers)))
    result = load_ledger(path, mtime, today, fids, tuple(cfg["data"]["bbox"]))
    if aud == audience.PUBLIC:
        return cat.with_layer(warmap.public_project_layer(result.rows, cat.layers)), None
    return cat.with_layer(warmap.project_layer(result.rows, cat.layers, lang)), result


def main() -> None:
    cfg_path = config.DEFAULT_PATH
    try:
        cfg = load_config(str(cfg_path), mtimes([cfg_path])[0])
    except config.ConfigError as err:
        st.error(f"{t('config_error')} / config.toml is invalid")
        st.code(str(err), language=None)
        st.stop()

    lang = st.query_params.get("lang", cfg["ui"]["language"])
    lang = lang if lang in ("zh", "en") else "zh"
    if not SCREEN:
        with st.sidebar:
            choice = st.radio(
                t("language", lang),
                ["中文", "English"],
                index=0 if lang == "zh" else 1,
                horizontal=True,
                key="lang_radio",
            )
            lang = "en" if choice == "English" else "zh"
            st.query_params["lang"] = lang
            session = sign_in_block(cfg, lang)
    if SCREEN:
        session = current_session(cfg)
    aud = audience.of(session)  # decided here, on the server: a public page is built from public data only

    seen = data_key(cfg)
    key, files = seen
    cat = audience.view(load_catalog(cfg, repr(cfg.values), files), aud)
    cat, led = join_projects(cfg, cat, lang, key, aud)
    (screen_page if SCREEN else desk_page)(cfg, cat, led, lang)
    st.fragment(watch_data, run_every=cfg["ledger"]["poll_s"])(cfg, seen)


main()
