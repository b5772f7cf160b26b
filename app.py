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

import dataclasses
import datetime as dt
from pathlib import Path

import streamlit as st

from dashboard import audience, catalog, config, ledger, memo, snapshots, warmap
from dashboard.store import page as store_page
from dashboard.strings import t
from ui import screen_pin
from ui.changes import mark_changes
from ui.data_page import data_link, data_page, is_data_page
from ui.desk import desk_page
from ui.screen import screen_page
from ui.sidebar import current_session, sign_in_block
from ui.sites import site_filters, sites_table
from ui.state import LANG_ASKED

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


def versions(paths: list[Path]) -> tuple[str, ...]:
    """The files' contents (sha256): a save within the same second is a change, a touch is not."""
    return snapshots.digests(paths)


@st.cache_resource(show_spinner=False, max_entries=4)
def load_catalog(_cfg: config.Config, cfg_key: str, files_key: tuple) -> catalog.Catalog:
    # _cfg is not hashed; cfg_key (its values) and files_key (its files' contents, the store's
    # versions) are the cache key. A resource, not data: every rerun gets the same (read-only)
    # catalog instead of unpickling a copy, so a rerun's cost does not grow with the features, and
    # the layer data published for the map is found again by its frame (dashboard/layerdata.publish).
    return store_page.load_catalog(_cfg)  # each layer's current version in the store


@st.cache_resource
def ledger_store() -> snapshots.Snapshots[ledger.LedgerResult]:
    """Each ledger file's last complete read, shared by every session of this server."""
    return snapshots.Snapshots()


def load_ledger(
    name: str, path: str, version: str, today: str, feature_ids: tuple[str, ...], bbox: tuple[float, ...]
) -> ledger.LedgerResult:
    """The ledger as last read completely (a file mid-save keeps the previous rows, with a note);
    `name`: the ledger's own file, the same whichever stored version `path` holds."""
    got = ledger_store().read(
        name,
        [Path(path)],
        (today, feature_ids, bbox),
        lambda: ledger.load_ledger(Path(path), today=dt.date.fromisoformat(today), feature_ids=feature_ids, bbox=bbox),
        lambda r: r.complete,
    )
    return got.value if got.waiting is None else dataclasses.replace(got.value, waiting=got.waiting)


def ledger_key(cfg: config.Config) -> tuple[str, str, str]:
    """What the war map depends on besides the map data: the ledger file, its content, the date."""
    path = store_page.ledger_file(cfg)
    return str(path), versions([path])[0], dt.date.today().isoformat()


def data_key(cfg: config.Config) -> tuple:
    """Everything the page is drawn from: the ledger (and the date), the layer files, facts, and the
    store's current versions (first: it takes changed files in as new versions)."""
    state = store_page.data_state(cfg)
    return ledger_key(cfg), (versions(catalog.source_files(cfg)), state)


def watch_data(cfg: config.Config, seen: tuple) -> None:
    """Run every [ledger] poll_s seconds (a fragment): a saved file or a new day redraws the page,
    so the meeting-room screen, which nobody touches, shows edits without a reload."""
    if data_key(cfg) != seen:
        st.rerun()


# rebuilt only for new data: the same catalog and ledger read give the same objects (dashboard/memo.py)
VIEWS: memo.ByIdentity[catalog.Catalog] = memo.shared("audience views")
PROJECT_LAYERS: memo.ByIdentity = memo.shared("project layers")


def project_layer(rows, cat: catalog.Catalog, lang: str, aud: str):
    """The projects layer for these ledger rows on this catalog, once per (data, language, audience)."""
    objects = (rows, *(d.gdf for d in cat.layers.values()))
    if aud == audience.PUBLIC:
        return PROJECT_LAYERS.get(objects, aud, lambda: warmap.public_project_layer(rows, cat.layers))
    return PROJECT_LAYERS.get(objects, (aud, lang), lambda: warmap.project_layer(rows, cat.layers, lang))


def join_projects(
    cfg: config.Config, cat: catalog.Catalog, lang: str, key: tuple[str, str, str], aud: str, pinned: bool = False
):
    """The catalog with the projects layer, and the ledger read (None: no war map here). A public
    session gets only the rows marked 公开, with their public fields, and no ledger at all. `pinned`:
    `key` is a kept version (a pinned screen), read under its own name, not the live file's."""
    path, version, today = key
    if "projects" not in cfg["layers"]["enabled"]:
        return cat, None
    fids = warmap.map_feature_ids(cat.layers)  # sorted, worked out once per catalog
    name = path if pinned else str(warmap.ledger_file(cfg))
    result = load_ledger(name, path, version, today, fids, tuple(cfg["data"]["bbox"]))
    waiting = result.waiting or (None if pinned else store_page.ledger_waiting(cfg))
    result = dataclasses.replace(result, waiting=waiting) if waiting is not result.waiting else result
    if aud == audience.PUBLIC:
        return cat.with_layer(project_layer(result.rows, cat, lang, aud)), None
    return cat.with_layer(project_layer(result.rows, cat, lang, aud)), result


def main() -> None:
    cfg_path = config.DEFAULT_PATH
    try:
        cfg = load_config(str(cfg_path), mtimes([cfg_path])[0])
    except config.ConfigError as err:
        st.error(f"{t('config_error')} / config.toml is invalid")
        st.code(str(err), language=None)
        st.stop()

    lang = st.query_params.get("lang", cfg["ui"]["language"])
    st.session_state.setdefault(LANG_ASKED, st.query_params.get("lang"))  # before the radio rewrites it
    lang = lang if lang in ("zh", "en") else "zh"
    if not SCREEN:
        with st.sidebar:
            choice = st.radio(
                t("language", lang),
                ["中文", "English"],  # each language named in its own script: 中文 stays Chinese in English
                index=0 if lang == "zh" else 1,
                horizontal=True,
                key="lang_radio",
            )
            lang = "en" if choice == "English" else "zh"
            st.query_params["lang"] = lang
            session = sign_in_block(cfg, lang)
            data_link(session, lang)  # editors and admins only
    if SCREEN:
        session = current_session(cfg)
    if not SCREEN and is_data_page():  # ?page=data: the editors' data page, decided on the server
        data_page(cfg, session, lang)
        return
    aud = audience.of(session)  # decided here, on the server: a public page is built from public data only

    seen = data_key(cfg)
    key, files = seen
    loaded = load_catalog(cfg, repr(cfg.values), files)
    cat = VIEWS.get((loaded,), aud, lambda: audience.view(loaded, aud))
    # ?version=N on a signed-in screen: that ledger version, held still (a visitor's screen has no ledger)
    pin = screen_pin.requested(cfg, lang) if SCREEN and aud == audience.INTERNAL else screen_pin.Pin()
    cat, led = join_projects(cfg, cat, lang, pin.key or key, aud, pinned=pin.key is not None)
    cat = mark_changes(cfg, cat, led, lang)  # 本周变化 ringed on the map (internal only: led is None for a visitor)
    if led is not None and led.waiting is not None:  # desk and screen: the rows shown are not the file's
        st.warning(led.waiting.render(lang))
    if SCREEN:
        screen_page(cfg, cat, led, lang, pin.lines)
    else:
        cat = site_filters(cat, lang)  # 招商载体: area, use, status (sidebar)
        desk_page(cfg, cat, led, lang)
        sites_table(cat, lang)
    if pin.key is None:  # a pinned screen holds still: no poll reruns it
        st.fragment(watch_data, run_every=cfg["ledger"]["poll_s"])(cfg, seen)


main()
