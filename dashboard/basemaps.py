"""Basemaps: what lies under the overlays, and the display shift the overlays need.

- `resolve(name, tk)`: the basemap actually drawn for a choice (Tianditu without a key → offline).
  The page's select box (app.py `basemap_picker`) reads `?basemap=` on a session's first run.
- `add(m, name, lang)`: puts the basemap on the folium map as one script (`BasemapScript`,
  JS in dashboard/basemap.js) and returns the shift overlays need (None: tiles are WGS-84).

Every map carries the offline vector basemap (Zhengzhou's districts from
zhengzhou_districts.geojson in [data] geo_dir, city outline, graticule, district names) drawn below
the tile pane, non-interactive. Tiles, if chosen, cover it; if they fail in the browser they
are removed and the offline map is what remains, with a notice. On a Gaode (GCJ-02) basemap
the offline map is drawn shifted like the overlays, so a fallback never separates the
boundaries from the features drawn on them.

Tianditu's key (`tk`) comes from st.secrets["tianditu_tk"] (passed in by the page) or the TIANDITU_TK environment
variable, never from the repository. It is a browser key by Tianditu's design: it ends up in
the tile URLs the browser requests.
"""

from __future__ import annotations

import functools
import json
import os
from html import escape
from pathlib import Path
from urllib.parse import quote

import folium
import numpy as np
import shapely
import xyzservices.providers as xyz
from branca.element import Element
from shapely.geometry import mapping

from dashboard import audience, config, districts, layerdata
from dashboard.gcj02 import shift_geometry
from dashboard.map_elements import JsScript
from dashboard.mapview import Shift, header
from dashboard.strings import t

CHOICES = config.BASEMAPS
KEY = "basemap"  # session-state key of the select box and name of the URL parameter
GCJ02 = ("gaode", "gaode-satellite")
DISTRICTS_FILE = districts.FILE  # in [data] geo_dir, beside the layer files
JS = (Path(__file__).with_name("basemap.js")).read_text(encoding="utf-8")
GRATICULE_STEP = 0.05  # degrees, drawn over the [data] bbox


def to_gcj02(geom):
    """WGS-84 → GCJ-02, for drawing on Gaode tiles (display only; stored data stay WGS-84)."""
    return shift_geometry(geom, to="gcj02")


# Looks of the offline map: light for desks, dark (light lines on a dark ground) for projectors.
LOOKS = {
    "light": {
        "name": "light",
        "background": "#e6ebef",
        "fill": "#fbfaf6",
        "line": "#8f9ca8",
        "city": "#55626e",
        "graticule": "#c9d1d8",
        "labelClass": "bm-light",
    },
    "dark": {
        "name": "dark",
        "background": "#0b1219",
        "fill": "#142130",
        "line": "#7890a8",
        "city": "#c4d4e3",
        "graticule": "#2b4259",
        "labelClass": "bm-dark",
    },
}

CSS = """
<style>
  .bm-label { position: absolute; transform: translate(-50%%, -50%%); white-space: nowrap;
      font-size: %(label)spx; font-weight: 600; letter-spacing: .12em; pointer-events: none; }
  .bm-label.bm-light { color: #4a5866; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
  .bm-label.bm-dark { color: #d5e2ee; text-shadow: 0 0 3px #0b1219, 0 0 3px #0b1219, 0 0 2px #0b1219; }
  /* dashboard.mapview's overlay labels are dark on a white halo: invert them on the dark look */
  .bm-look-dark .map-label { color: #f3f7fa; text-shadow: 0 0 3px #000, 0 0 3px #000, 0 0 2px #000; }
  .bm-notice { background: #fff8e1; color: #4d3b00; border-left: 4px solid #e0a800; border-radius: 4px;
      padding: 6px 10px; font-size: %(notice)spx; line-height: 1.45; max-width: 24em;
      box-shadow: 0 1px 4px rgba(0,0,0,.3); }
  .bm-notice-main { font-weight: 700; }
  .bm-notice-sub { color: #6b5a1e; font-size: .9em; }
</style>
"""


# --- the choice -------------------------------------------------------------------------------


def tianditu_key(secrets=None) -> str | None:
    """Tianditu's `tk`: secrets["tianditu_tk"] (the page passes st.secrets), else $TIANDITU_TK."""
    try:
        key = secrets.get("tianditu_tk") if secrets is not None else None
    except FileNotFoundError:  # no secrets.toml (StreamlitSecretNotFoundError subclasses it)
        key = None
    key = key or os.environ.get("TIANDITU_TK")
    return key.strip() if isinstance(key, str) and key.strip() else None


def resolve(name: str, tk: str | None) -> tuple[str, str | None]:
    """The basemap actually drawn for choice `name`, and the string key of why it differs."""
    if name not in CHOICES:
        raise ValueError(f"unknown basemap {name!r}; known: {', '.join(CHOICES)}")
    if name.startswith("tianditu") and not tk:
        return "offline", "basemap_no_key"
    return name, None


# --- the map ------------------------------------------------------------------------------


def _xyz(provider) -> dict:
    return {
        "url": provider.url,
        "options": {"attribution": provider.html_attribution, "maxNativeZoom": provider.max_zoom, "maxZoom": 20},
    }


def _tianditu(layer: str, tk: str, attribution: str = "") -> dict:
    # Tianditu's WMTS in Web Mercator (TILEMATRIXSET=w: vec_w, cva_w, img_w, cia_w), t0–t7.
    url = (
        f"https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
        f"&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
        f"&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={quote(tk, safe='')}"
    )
    return {
        "url": url,
        "options": {"subdomains": "01234567", "attribution": attribution, "maxNativeZoom": 18, "maxZoom": 20},
    }


def tile_layers(name: str, tk: str | None = None, approval_no: str = "", lang: str = "zh") -> list[dict]:
    """Leaflet tile layers (url, options) of basemap `name`, bottom first; [] for offline.
    Tianditu's attribution is in `lang` (its name and 审图号 stay beside the English)."""
    if name in ("offline", "offline-dark"):
        return []
    if name == "osm":
        return [_xyz(xyz.OpenStreetMap.Mapnik)]
    if name == "gaode":
        return [_xyz(xyz.Gaode.Normal)]
    if name == "gaode-satellite":
        return [_xyz(xyz.Gaode.Satellite)]
    if not tk:
        raise ValueError(f"basemap {name!r} needs a Tianditu key")
    attribution = t("tianditu_attr", lang) + (
        t("tianditu_approval", lang, no=escape(approval_no)) if approval_no else ""
    )
    base, labels = ("vec", "cva") if name == "tianditu" else ("img", "cia")
    return [_tianditu(base, tk, attribution), _tianditu(labels, tk)]


def _rounded(geom, shift: Shift | None):
    # 5 decimals ≈ 1 m (the boundaries are simplified to 17 m anyway): a smaller map script
    geom = shift(geom) if shift else geom
    return shapely.transform(geom, lambda c: np.round(c, 5))


def offline_data(lang: str, gcj02: bool = False, cfg: config.Config | None = None) -> dict:
    """`_offline_data` for the district file in [data] geo_dir as it is now (an edited file is
    read again), the graticule over [data] bbox (`cfg`: the defaults if None). A broken district
    file draws the graticule alone (districts.read reports it)."""
    return _offline_data(*_offline_key(lang, gcj02, cfg))


def _offline_key(lang: str, gcj02: bool, cfg: config.Config | None) -> tuple:
    values = cfg.values if cfg is not None else config.defaults()
    return lang, gcj02, tuple(values["data"]["bbox"]), districts.read(district_path(cfg))


SHAPES = ("districts", "city", "graticule")  # fetched by basemap.js; labels and attribution stay inline


@functools.lru_cache(maxsize=8)
def _shapes_json(lang: str, gcj02: bool, bbox: tuple[float, ...], found: districts.Districts) -> bytes:
    """The geometry basemap.js fetches (districts, city, graticule), serialised once per version."""
    data = _offline_data(lang, gcj02, bbox, found)
    return json.dumps({k: data[k] for k in SHAPES}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def district_path(cfg: config.Config | None = None) -> Path:
    values = cfg.values if cfg is not None else config.defaults()
    return config.ROOT / values["data"]["geo_dir"] / DISTRICTS_FILE


@functools.lru_cache(maxsize=8)
def _offline_data(lang: str, gcj02: bool, bbox: tuple[float, ...], found: districts.Districts) -> dict:
    """The offline map's geometry (GeoJSON dicts) and district labels [lat, lon, escaped name].

    From the checked district file (`found`, WGS-84); shifted to GCJ-02 if `gcj02`; graticule
    over `bbox`. Only names go to the browser (no `id`/`layer` properties: nothing here is
    selectable). Cached and shared: do not mutate the result.
    """
    shift = to_gcj02 if gcj02 else None
    shapes, city, labels = [], [], []
    for d in found.items:
        out = {"type": "Feature", "properties": {"name": d.name}, "geometry": mapping(_rounded(d.geometry, shift))}
        if d.kind == "city":
            city.append(out)
            continue
        shapes.append(out)
        # the centre of the largest circle inside the district: a label well inside it
        at = _rounded(shapely.get_point(shapely.maximum_inscribed_circle(d.geometry, 0.0005), 0), shift)
        labels.append([at.y, at.x, escape(d.name if lang == "zh" else d.name_en)])
    x0, y0, x1, y1 = bbox
    step = GRATICULE_STEP
    lines = [[(x, y0), (x, y1)] for x in np.arange(np.ceil(x0 / step) * step, x1, step)]
    lines += [[(x0, y), (x1, y)] for y in np.arange(np.ceil(y0 / step) * step, y1, step)]
    # vertices every 0.1° so a GCJ-02 shift (which varies slowly) bends the lines correctly
    grid = shapely.segmentize(shapely.MultiLineString(lines), 0.1)
    graticule = {"type": "Feature", "properties": {}, "geometry": mapping(_rounded(grid, shift))}
    package, version, licence = found.attribution()
    attr = t("basemap_offline_attr", lang, package=package, version=version, licence=licence) if package else ""
    return {
        "districts": {"type": "FeatureCollection", "features": shapes},
        "city": {"type": "FeatureCollection", "features": city},
        "graticule": graticule,
        "labels": labels,
        "attribution": escape(attr),
    }


def add(
    m: folium.Map, name: str, lang: str, *, cfg: config.Config | None = None, tk: str | None = None, scale: float = 1.0
) -> Shift | None:
    """Add basemap `name` to `m`; return the geometry shift overlays need (None: WGS-84 tiles).

    `cfg` gives [basemaps] and [data] bbox (defaults if None); `tk` the Tianditu key (read
    with `tianditu_key()` if None); `scale` the type size (the meeting-room screen's scale).
    A Tianditu choice without a key draws the offline map. No streamlit here: the page passes `tk`.
    """
    values = cfg.values if cfg is not None else config.defaults()
    opts = values["basemaps"]
    tk = tk or tianditu_key()
    name, _ = resolve(name, tk)
    shift = to_gcj02 if name in GCJ02 else None
    look = LOOKS["dark" if name == "offline-dark" else "light"]
    key = _offline_key(lang, name in GCJ02, cfg)
    # the geometry (~200 KB) is fetched by URL like the layers, so a rerun does not resend it
    offline = {k: v for k, v in _offline_data(*key).items() if k not in SHAPES} | {"look": look}
    offline["url"] = layerdata.url(layerdata.STORE.put(_shapes_json(*key), audience.PUBLIC))
    JsScript(
        JS,
        {
            "tiles": tile_layers(name, tk, opts["tianditu_approval_no"], lang),
            "timeoutMs": round(opts["fallback_timeout_s"] * 1000),
            "offline": offline,
            # a Chinese page adds the English beneath (a visitor may be reading it); an English one is English
            "notice": {"main": t("basemap_fallback", lang), "sub": t("basemap_fallback", "en") if lang == "zh" else ""},
        },
        name="BasemapScript",
    ).add_to(m)
    sizes = {"label": round(15 * scale), "notice": round(13 * scale)}
    header(m).add_child(Element(CSS % sizes), name="basemap_css")
    return shift
