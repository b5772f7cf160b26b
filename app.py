"""郑州高新区资产一张图 — the Streamlit page: wiring, widgets and caching only.

Data flow: config.toml → layer registry → validated data (cached by file content hash) → folium
groups → st_folium → a Selection (map click, table row, search box or ?select= link, each a
callback into `select`) in st.session_state → side panel (dashboard/panels.py, by layer). The project
ledger joins the catalog as the projects layer (read by content hash and today's date, dashboard/snapshots.py: the status
depends on both, unless the ledger declares its own as-of date).

Two pages: the desk page (sidebar, layers, search, side panel, projects table) and the
meeting-room screen (`?mode=screen`: no chrome, dark, full-screen map, KPI strip, tour).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from dashboard import (
    audience,
    auth,
    basemaps,
    catalog,
    config,
    exports,
    facts,
    ledger,
    page_map,
    page_notes,
    panels,
    screen,
    selection,
    snapshots,
    warmap,
)
from dashboard.selection import Selection
from dashboard.strings import both, t
from layers import REGISTRY

SCREEN = st.query_params.get("mode") == "screen"
st.set_page_config(
    page_title=t("tab_title", st.query_params.get("lang", "zh")),
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="collapsed" if SCREEN else "auto",
)


SELECTED, FOCUS = "selection", "map_focus"  # the selected feature; the one the map centres on
LOCKED = "link_needs_signin"  # a sent link named something this session may not see
LANG_ASKED = "_lang_asked"  # ?lang= as the session first asked for it (a note when unknown)
PICK, MAP_KEY, TABLE_KEY = "pick", "map", "projects_table"  # widget keys: search box, map, table
FILTERS = (("park", "f_park"), ("status", "f_status"), ("unit", "f_unit"))


def mtimes(paths: list[Path]) -> tuple[float, ...]:
    return tuple(p.stat().st_mtime if p.exists() else -1.0 for p in paths)


def versions(paths: list[Path]) -> tuple[str, ...]:
    """The files' contents (sha256): a save within the same second is a change, a touch is not."""
    return snapshots.digests(paths)


@st.cache_data(show_spinner=False)
def load_config(path: str, mtime: float) -> config.Config:  # mtime: cache key only
    return config.load(Path(path))


@st.cache_data(show_spinner=False)
def load_catalog(_cfg: config.Config, cfg_key: str, files_key: tuple[str, ...]) -> catalog.Catalog:
    # _cfg is not hashed; cfg_key (its values) and files_key (its files' contents) are the cache key.
    return catalog.load_catalog(_cfg)


@st.cache_resource
def ledger_store() -> snapshots.Snapshots[ledger.LedgerResult]:
    """Each ledger file's last complete read, shared by every session of this server."""
    return snapshots.Snapshots()


def load_ledger(
    path: str, version: str, today: str, feature_ids: tuple[str, ...], bbox: tuple[float, ...]
) -> ledger.LedgerResult:
    """The ledger as last read completely (a file mid-save keeps the previous rows, with a note)."""
    got = ledger_store().read(
        path,
        [Path(path)],
        (today, feature_ids, bbox),
        lambda: ledger.load_ledger(Path(path), today=dt.date.fromisoformat(today), feature_ids=feature_ids, bbox=bbox),
        lambda r: r.complete,
    )
    return got.value if got.waiting is None else dataclasses.replace(got.value, waiting=got.waiting)


def ledger_key(cfg: config.Config) -> tuple[str, str, str]:
    """What the war map depends on besides the map data: the ledger file, its content, the date."""
    path = warmap.ledger_file(cfg)
    return str(path), versions([path])[0], dt.date.today().isoformat()


def data_key(cfg: config.Config) -> tuple:
    """Everything the page is drawn from on disk: the ledger (and the date), the layer files, facts."""
    return ledger_key(cfg), versions(catalog.source_files(cfg))


def watch_data(cfg: config.Config, seen: tuple) -> None:
    """Run every [ledger] poll_s seconds (a fragment): a saved file or a new day redraws the page,
    so the meeting-room screen, which nobody touches, shows edits without a reload."""
    if data_key(cfg) != seen:
        st.rerun()


def join_projects(cfg: config.Config, cat: catalog.Catalog, lang: str, key: tuple[str, str, str], aud: str):
    """The catalog with the projects layer, and the ledger read (None: no war map here). A public
    session gets only the rows marked 公开, with their public fields, and no ledger at all."""
    path, version, today = key
    if "projects" not in cfg["layers"]["enabled"]:
        return cat, None
    fids = tuple(sorted(warmap.map_feature_ids(cat.layers)))
    result = load_ledger(path, version, today, fids, tuple(cfg["data"]["bbox"]))
    if aud == audience.PUBLIC:
        return cat.with_layer(warmap.public_project_layer(result.rows, cat.layers)), None
    return cat.with_layer(warmap.project_layer(result.rows, cat.layers, lang)), result


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


# --- the selection: one writer, every source a callback -------------------------------------


def select(sel: Selection | None, focus: bool = True) -> None:
    """The one place the selection is stored. The panel, the map's highlight, the search box and
    the address bar follow it; `focus`: the map also centres on it (not for a map click: the
    feature is already in view, and a pan would pull the map from under the mouse)."""
    state = st.session_state
    state[SELECTED] = sel
    state[PICK] = str(sel) if sel else ""
    if focus:
        state[FOCUS] = sel


def read_link(cat: catalog.Catalog) -> None:
    """A sent link (?select=layer/id) selects and centres that feature, on a session's first run.
    A feature this session may not see is not named back: the page only asks to sign in."""
    if SELECTED not in st.session_state:
        sel = selection.parse(st.query_params.get("select"))
        found = sel is not None and cat.feature(*sel) is not None
        st.session_state[LOCKED] = sel is not None and not found
        select(sel if found else None)


def on_map_click() -> None:
    hit = selection.from_click(st.session_state.get(MAP_KEY))
    if hit:
        select(hit, focus=False)


def on_pick() -> None:
    select(selection.parse(st.session_state.get(PICK)))


def on_table_select(ids: list[str]) -> None:
    """`ids`: the projects as the table showed them when the row was picked."""
    hit = selection.from_row(warmap.LAYER, ids, st.session_state.get(TABLE_KEY))
    if hit:
        select(hit)


def current(cat: catalog.Catalog, key: str = SELECTED) -> Selection | None:
    """The stored selection (or focus), if the data still holds that feature."""
    sel = st.session_state.get(key)
    return sel if sel and cat.feature(*sel) is not None else None


def filtered(rows):
    return warmap.filter_rows(rows, **{col: st.session_state.get(key) or () for col, key in FILTERS})


def tour_stops(cfg: config.Config, cat: catalog.Catalog, lang: str, shift=None, aud: str = audience.INTERNAL):
    stops = cfg["tour"]["stops"]
    if aud == audience.PUBLIC:  # internal stops skipped; a feature the public view lacks is left out
        stops = audience.public_stops(stops, REGISTRY)
    return screen.resolve_stops(stops, cat.layers, lang, shift)


def desk_page(
    cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str, today: dt.date
) -> None:
    read_link(cat)
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    if led is not None:  # internal: a visitor is not shown the data's problems (file names, ids)
        problems_box(cat.problems + tour_stops(cfg, cat, lang)[1] + request_notes(lang), lang)
    st.html(facts.PANEL_CSS + warmap.CSS)
    kpis = (
        ""
        if led is None
        else warmap.kpi_html(led.rows, led.as_of, lang, led.path.name, len(led.errors), led.as_of_declared)
    )
    st.html(kpis + warmap.targets_html(None if led is None else led.rows, cat.programme, lang))

    with st.sidebar:
        st.link_button(
            t("screen_mode", lang),
            f"./?mode=screen&lang={lang}",
            help=t("screen_help", lang),
            icon=":material/tv:",
            width="stretch",
        )
        st.subheader(t("layers", lang))
        visible = {
            lid
            for lid, data in cat.layers.items()
            if st.toggle(data.spec.label.get(lang), value=data.spec.visible, key=f"layer_{lid}")
        }
        basemap = basemap_picker(cfg, lang)

    selected = current(cat)
    if selected:  # the address bar always holds a link to what is on screen
        st.query_params["select"] = str(selected)
    else:
        st.query_params.pop("select", None)
    map_col, panel_col = st.columns([7, 3], gap="medium")
    with panel_col:
        side_panel(cat, selected, lang)
    with map_col:
        view = page_map.build(
            cfg, cat, lang, basemap, tk=basemaps.tianditu_key(st.secrets), visible=visible, selected=selected
        )
        focus = current(cat, FOCUS)
        st_folium(
            view.map,
            key=MAP_KEY,
            height=cfg["map"]["height_px"],
            use_container_width=True,
            feature_group_to_add=view.groups,
            center=cat.position(*focus) if focus else None,
            returned_objects=["last_object_clicked", "last_active_drawing"],
            on_change=on_map_click,
        )
    if led is not None:
        projects_table(led, lang)


def request_notes(lang: str) -> list:
    """Notes on how the page was asked for: an unknown ?lang= (kept from the session's first run,
    before the language radio rewrites it) and an unparsable secrets.toml."""
    notes = [page_notes.unknown_lang(st.session_state.get(LANG_ASKED), lang), page_notes.secrets_problem(st.secrets)]
    return [n for n in notes if n is not None]


def problems_box(problems: list, lang: str) -> None:
    if problems:
        with st.expander(t("data_problems", lang, n=len(problems)), expanded=True):
            st.caption(t("data_problems_help", lang))
            for p in problems:
                st.text(p.render(lang))


def side_panel(cat: catalog.Catalog, selected: Selection | None, lang: str) -> None:
    """The search box and the panel of the selected feature."""
    if st.session_state.get(LOCKED):
        st.warning(t("signin_needed", lang))
    labels = {str(sel): label for sel, label in catalog.options(cat, lang)}
    st.selectbox(
        t("select_feature", lang),
        [""] + list(labels),
        key=PICK,
        format_func=lambda k: labels.get(k, t("select_none", lang)),
        on_change=on_pick,
    )
    html = panels.render(cat, *selected, lang) if selected else None
    if not html:
        st.info(t("panel_empty", lang))
        return
    st.html(html)
    if cat.layers[selected.layer].spec.panel == "zone" and cat.zone is not None:
        st.download_button(
            t("zone_download", lang),
            catalog.zone_geojson(cat),
            key="zone_download",
            file_name="radiation_zone_wgs84.geojson",
            mime="application/geo+json",
        )


def projects_table(led: ledger.LedgerResult, lang: str) -> None:
    st.subheader(t("projects_table", lang))
    options = warmap.filter_options(led.rows)
    for (col, key), box in zip(FILTERS, st.columns(len(FILTERS)), strict=False):
        box.multiselect(
            t(f"filter_{col}", lang),
            options[col],
            key=key,
            placeholder=t("filter_all", lang),
            format_func=(lambda s: warmap.status_text(s, lang)) if col == "status" else str,
        )
    shown = filtered(led.rows)
    ids = list(shown["id"])
    st.dataframe(
        warmap.styled_table(shown, lang),
        key=TABLE_KEY,
        on_select=lambda: on_table_select(ids),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )
    st.caption(t("table_help", lang))
    export = warmap.table(shown, lang)  # formula-leading cells neutralised (dashboard/exports.py)
    csv_box, xlsx_box = st.columns(2)
    csv_box.download_button(
        t("table_download", lang),
        key="table_download",
        file_name="projects_filtered.csv",
        mime="text/csv",
        data=exports.csv_bytes(export),
    )
    xlsx_box.download_button(
        t("table_download_xlsx", lang),
        key="table_download_xlsx",
        file_name="projects_filtered.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        data=exports.xlsx_bytes(export),
    )
    if led.errors:
        with st.expander(t("ledger_errors", lang, n=len(led.errors)), expanded=True):
            st.text("\n".join(p.render(lang) for p in led.errors))
    if led.notes:  # e.g. the sample's 12 rows without a location: informative, folded away
        with st.expander(t("ledger_notes", lang, n=len(led.notes)), expanded=False):
            st.text("\n".join(p.render(lang) for p in led.notes))


def screen_page(
    cfg: config.Config, cat: catalog.Catalog, led: ledger.LedgerResult | None, lang: str, today: dt.date
) -> None:
    """The meeting-room screen: no sidebar widget, nothing to click; the tour moves the map."""
    scale = cfg["screen"]["scale"]
    st.html(warmap.CSS + screen.PAGE_CSS)
    if led is not None:
        top = warmap.kpi_html(led.rows, led.as_of, lang, led.path.name, len(led.errors), led.as_of_declared)
    else:  # the public tour: the title instead of the internal KPIs
        top = (
            f'<div class="kpi-strip"><div class="kpi-head"><div class="kpi-title">{html.escape(t("app_title", lang))}'
            "</div></div></div>"
        )
    targets = warmap.targets_html(None if led is None else led.rows, cat.programme, lang)
    st.html(f'<div class="screen-top">{top}</div><div class="screen-bottom">{targets}</div>')

    def dress(m, shift) -> None:  # the tour's stops are placed on the basemap's datum
        aud = audience.INTERNAL if led is not None else audience.PUBLIC
        screen.dress(m, tour_stops(cfg, cat, lang, shift, aud)[0], cfg["tour"]["interval_s"], lang, scale)

    view = page_map.build(
        cfg,
        cat,
        lang,
        cfg["screen"]["basemap"],
        tk=basemaps.tianditu_key(st.secrets),
        visible={lid for lid, d in cat.layers.items() if d.spec.visible},
        scale=scale,
        legend_first=warmap.LAYER,
        dress=dress,
    )  # statuses first in the legend
    # returned_objects=[]: the tour's moves must not rerun the page
    st_folium(
        view.map,
        key=MAP_KEY,
        height=cfg["map"]["height_px"],
        use_container_width=True,
        feature_group_to_add=view.groups,
        returned_objects=[],
    )


def sign_in_block(lang: str) -> auth.Session | None:
    """Sidebar: who is signed in and a sign-out button, or a link to /signin (launcher.py's route)."""
    session = auth.session_from_cookies(st.context.cookies)
    if session is None:
        href = html.escape(auth.signin_href(st.query_params.to_dict()))
        st.markdown(f'<a href="{href}" target="_self">{html.escape(both("signin_link"))}</a>', unsafe_allow_html=True)
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
    st.session_state.setdefault(LANG_ASKED, st.query_params.get("lang"))  # before the radio rewrites it
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
            session = sign_in_block(lang)
    if SCREEN:
        session = auth.session_from_cookies(st.context.cookies)
    aud = audience.of(session)  # decided here, on the server: a public page is built from public data only

    seen = data_key(cfg)
    key, files = seen
    cat = audience.view(load_catalog(cfg, repr(cfg.values), files), aud)
    cat, led = join_projects(cfg, cat, lang, key, aud)
    if led is not None and led.waiting is not None:  # desk and screen: the rows shown are not the file's
        st.warning(led.waiting.render(lang))
    today = dt.date.fromisoformat(key[2])
    (screen_page if SCREEN else desk_page)(cfg, cat, led, lang, today)
    st.fragment(watch_data, run_every=cfg["ledger"]["poll_s"])(cfg, seen)


main()
