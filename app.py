"""郑州高新区资产一张图 — the Streamlit page: wiring, widgets and caching only.

Data flow: config.toml → layer registry → validated data (cached by file mtime) → folium
groups → st_folium → selection in st.session_state → side panel. The project ledger joins the
catalog as the projects layer (cached by file mtime and today's date: the status depends on both,
unless the ledger declares its own as-of date).

Two pages: the desk page (sidebar, layers, search, side panel, projects table) and the
meeting-room screen (`?mode=screen`: no chrome, dark, full-screen map, KPI strip, tour).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from dashboard import auth, basemaps, catalog, config, facts, ledger, mapview, offline_assets, screen, warmap
from dashboard.strings import both, t

SCREEN = st.query_params.get("mode") == "screen"
st.set_page_config(page_title="高新区资产一张图", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed" if SCREEN else "auto")


TABLE_KEY = "projects_table"
FILTERS = (("park", "f_park"), ("status", "f_status"), ("unit", "f_unit"))


def mtimes(paths: list[Path]) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else -1.0 for p in paths)


@st.cache_data(show_spinner=False)
def load_config(path: str, mtime: float) -> config.Config:  # mtime: cache key only
    return config.load(Path(path))


@st.cache_data(show_spinner=False)
def load_catalog(_cfg: config.Config, cfg_key: str, mtime_key: tuple[float, ...]) -> catalog.Catalog:
    # _cfg is not hashed; cfg_key (its values) and mtime_key (its files) are the cache key.
    return catalog.load_catalog(_cfg)


@st.cache_data(show_spinner=False)
def load_ledger(path: str, mtime: float, today: str, feature_ids: tuple[str, ...],
                bbox: tuple[float, ...]) -> ledger.LedgerResult:
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


def join_projects(cfg: config.Config, cat: catalog.Catalog, lang: str, key: tuple[str, float, str]):
    """The catalog with the projects layer, and the ledger read (None: no war map here)."""
    path, mtime, today = key
    if "projects" not in cfg["layers"]["enabled"]:
        return cat, None
    fids = tuple(sorted(warmap.map_feature_ids(cat.layers)))
    result = load_ledger(path, mtime, today, fids, tuple(cfg["data"]["bbox"]))
    return warmap.with_projects(cat, warmap.project_layer(result.rows, cat.layers, lang)), result


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
    name = st.selectbox(t("basemap", lang), basemaps.CHOICES, key=key,
                        format_func=lambda c: t(f"basemap_{c}", lang), on_change=lambda: state.update({bad: None}))
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


def selection_from_link(cat: catalog.Catalog) -> None:
    """A sent link (?select=layer/id) selects and centres that feature, on a session's first run."""
    state = st.session_state
    if state.get("_link_read"):
        return
    state["_link_read"] = True
    hit = tuple(st.query_params.get("select", "").split("/", 1))
    if len(hit) == 2 and cat.feature(*hit) is not None:
        state["selected"] = state["focus"] = hit
        state["pick"] = "/".join(hit)


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


def selection_from_table(ids: list[str]) -> None:
    """A row picked in the projects table selects that project (map highlight, pan, panel), once.

    Runs before the widgets are drawn: `ids` are the rows the table showed (its filters are
    unchanged in the run that carries a new row selection)."""
    state = st.session_state
    rows = list(((state.get(TABLE_KEY) or {}).get("selection") or {}).get("rows") or [])
    if rows == state.get("_last_table_rows", []):
        return
    state["_last_table_rows"] = rows
    if rows and rows[0] < len(ids):
        hit = (warmap.LAYER, ids[rows[0]])
        state["selected"] = state["focus"] = hit
        state["pick"] = "/".join(hit)


def selection_from_box() -> None:
    value = st.session_state.get("pick")
    st.session_state["selected"] = tuple(value.split("/", 1)) if value else None
    st.session_state["focus"] = st.session_state["selected"]


def filtered(rows):
    return warmap.filter_rows(rows, **{col: st.session_state.get(key) or () for col, key in FILTERS})


def tour_stops(cfg: config.Config, cat: catalog.Catalog, lang: str, shift=None):
    return screen.resolve_stops(cfg["tour"]["stops"], cat.layers, lang, shift)


def desk_page(cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str,
              today: dt.date) -> None:
    if led is not None:
        selection_from_table(list(filtered(led.rows)["id"]))
    selection_from_link(cat)
    selection_from_click()

    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    problems = cat.problems + tour_stops(cfg, cat, lang)[1]
    if problems:
        with st.expander(t("data_problems", lang, n=len(problems)), expanded=True):
            st.caption(t("data_problems_help", lang))
            for p in problems:
                st.text(str(p))
    st.html(facts.PANEL_CSS + warmap.CSS)
    if led is not None:
        st.html(warmap.kpi_html(led.rows, led.as_of, lang, led.path.name, len(led.errors), led.as_of_declared)
                + warmap.targets_html(led.rows, lang))

    with st.sidebar:
        st.link_button(t("screen_mode", lang), f"./?mode=screen&lang={lang}", help=t("screen_help", lang),
                       icon=":material/tv:", width="stretch")
        st.subheader(t("layers", lang))
        visible = {lid for lid, data in cat.layers.items()
                   if st.toggle(data.spec.label(lang), value=data.spec.visible, key=f"layer_{lid}")}
        basemap = basemap_picker(cfg, lang)

    selected = st.session_state.get("selected")
    if selected and cat.feature(*selected) is None:
        selected = None
    if selected:  # the address bar always holds a link to what is on screen
        st.query_params["select"] = "/".join(selected)
    else:
        st.query_params.pop("select", None)
    map_col, panel_col = st.columns([7, 3], gap="medium")
    with panel_col:
        opts = catalog.options(cat, lang)
        labels = {f"{lid}/{fid}": label for lid, fid, label in opts}
        st.selectbox(t("select_feature", lang), [""] + list(labels), key="pick",
                     format_func=lambda k: labels.get(k, t("select_none", lang)),
                     on_change=selection_from_box)
        html = catalog.panel(cat, *selected, lang) if selected else None
        if html:
            st.html(html)
            if selected[0] == "radiation" and cat.zone is not None:
                st.download_button(t("zone_download", lang), catalog.zone_geojson(cat), key="zone_download",
                                   file_name="radiation_zone_wgs84.geojson", mime="application/geo+json")
        else:
            st.info(t("panel_empty", lang))
    with map_col:
        m = mapview.base_map(cfg["map"]["center"], cfg["map"]["zoom"], cfg["map"]["min_zoom"],
                             cfg["map"]["max_zoom"], mapview.legend_html(
                                 [d.spec for d in cat.layers.values()], lang), lang)
        shift = basemaps.add(m, basemap, lang, cfg=cfg, tk=basemaps.tianditu_key(st.secrets))
        offline_assets.localize(m)
        groups = mapview.overlay_groups(cat.layers.values(), visible, lang, selected, shift=shift)
        focus = st.session_state.get("focus")
        center = cat.position(*focus) if focus and cat.feature(*focus) else None
        st_folium(m, key="map", height=cfg["map"]["height_px"], use_container_width=True,
                  feature_group_to_add=groups, center=center,
                  returned_objects=["last_object_clicked", "last_active_drawing"])
    if led is not None:
        projects_table(led, lang)


def projects_table(led: ledger.LedgerResult, lang: str) -> None:
    st.subheader(t("projects_table", lang))
    options = warmap.filter_options(led.rows)
    for (col, key), box in zip(FILTERS, st.columns(len(FILTERS))):
        box.multiselect(t(f"filter_{col}", lang), options[col], key=key, placeholder=t("filter_all", lang),
                        format_func=(lambda s: warmap.status_text(s, lang)) if col == "status" else str)
    st.dataframe(warmap.styled_table(filtered(led.rows), lang), key=TABLE_KEY, on_select="rerun",
                 selection_mode="single-row", hide_index=True, width="stretch")
    st.caption(t("table_help", lang))
    st.download_button(t("table_download", lang), key="table_download", file_name="projects_filtered.csv",
                       mime="text/csv",  # UTF-8 with BOM: Excel on Chinese Windows opens it as is
                       data=warmap.table(filtered(led.rows), lang).to_csv(index=False).encode("utf-8-sig"))
    if led.errors:
        with st.expander(t("ledger_errors", lang, n=len(led.errors)), expanded=True):
            st.text("\n".join(p.render(lang) for p in led.errors))
    if led.notes:  # e.g. the sample's 12 rows without a location: informative, folded away
        with st.expander(t("ledger_notes", lang, n=len(led.notes)), expanded=False):
            st.text("\n".join(p.render(lang) for p in led.notes))


def screen_page(cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str,
                today: dt.date) -> None:
    """The meeting-room screen: no sidebar widget, nothing to click; the tour moves the map."""
    scale = cfg["screen"]["scale"]
    st.html(warmap.CSS + screen.PAGE_CSS)
    if led is not None:
        kpis = warmap.kpi_html(led.rows, led.as_of, lang, led.path.name, len(led.errors), led.as_of_declared)
        st.html(f'<div class="screen-top">{kpis}'
                f'</div><div class="screen-bottom">{warmap.targets_html(led.rows, lang)}</div>')
    specs = sorted((d.spec for d in cat.layers.values()), key=lambda s: s.id != warmap.LAYER)  # statuses first
    m = mapview.base_map(cfg["map"]["center"], cfg["map"]["zoom"], cfg["map"]["min_zoom"], cfg["map"]["max_zoom"],
                         mapview.legend_html(specs, lang), lang, scale=scale)
    name = cfg["screen"]["basemap"]
    shift = basemaps.add(m, name if name in basemaps.CHOICES else "offline", lang, cfg=cfg,
                         tk=basemaps.tianditu_key(st.secrets), scale=scale)
    m.get_root().header.add_child(screen.map_css(scale), name="screen_css")  # after the basemap's CSS
    stops, _ = tour_stops(cfg, cat, lang, shift)
    screen.screen_script(stops, cfg["tour"]["interval_s"], lang).add_to(m)
    offline_assets.localize(m)
    visible = {lid for lid, d in cat.layers.items() if d.spec.visible}
    groups = mapview.overlay_groups(cat.layers.values(), visible, lang, None, scale=scale, shift=shift)
    # returned_objects=[]: the tour's moves must not rerun the page
    st_folium(m, key="map", height=cfg["map"]["height_px"], use_container_width=True,
              feature_group_to_add=groups, returned_objects=[])


def sign_in_block(lang: str) -> auth.Session | None:
    """Sidebar: who is signed in and a sign-out button, or a link to /signin (launcher.py's route)."""
    session = auth.session_from_cookies(st.context.cookies)
    if session is None:
        href = html.escape(auth.signin_href(st.query_params.to_dict()))
        st.markdown(f'<a href="{href}" target="_self">{html.escape(both("signin_link"))}</a>',
                    unsafe_allow_html=True)
    else:
        st.text(t("signed_in_as", lang, name=session.user, role=t(f"role_{session.role}", lang)))
        if st.button(both("sign_out"), key="sign_out"):
            st.logout()  # → /auth/logout: the route revokes the session and clears the cookie
    return session


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
            choice = st.radio(t("language", lang), ["中文", "English"], index=0 if lang == "zh" else 1,
                              horizontal=True, key="lang_radio")
            lang = "en" if choice == "English" else "zh"
            st.query_params["lang"] = lang
            sign_in_block(lang)  # its Session (None: public view) is for the audience wiring

    seen = data_key(cfg)
    key, files = seen
    cat = load_catalog(cfg, repr(cfg.values), files)
    cat, led = join_projects(cfg, cat, lang, key)
    today = dt.date.fromisoformat(key[2])
    (screen_page if SCREEN else desk_page)(cfg, cat, led, lang, today)
    st.fragment(watch_data, run_every=cfg["ledger"]["poll_s"])(cfg, seen)


main()
