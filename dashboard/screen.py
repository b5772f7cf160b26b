"""Meeting-room screen mode (?mode=screen): no Streamlit chrome, a dark page, the map filling
the viewport between a KPI strip and a targets line, type and lines sized for the back of the
room, and the tour. No streamlit here.

Sizes: the page side uses CSS clamp() with vw units; the map side uses mapview's `scale` (how
much larger than the desk view at 1920 px wide) times `--fit` (the iframe's width / 1920, set by
screen.js), so 3840×2160 shows everything twice as large as 1920×1080 — the same share of the
screen, the same legibility from the same seat.
The tour runs in the browser (screen.js): stepping never reruns the page or reloads the map.
"""

from __future__ import annotations

from pathlib import Path

import folium
import shapely
from branca.element import Element

from dashboard import screen_labels
from dashboard.geodata import LayerData
from dashboard.map_elements import JsScript
from dashboard.mapview import header
from dashboard.problems import Problem
from dashboard.strings import t
from dashboard.text import Text, pick

JS = Path(__file__).with_name("screen.js").read_text(encoding="utf-8")
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TOUR_MAX_ZOOM = 16  # fitting a single point would otherwise zoom to the map's maximum

# The page: Streamlit's header, toolbar, sidebar and footer hidden; the map iframe fixed between
# the top strip (KPIs) and the bottom strip (targets). Both strips have a fixed height in vw, so
# the iframe's height is known to CSS: calc(100vh - top - bottom). Every size is in vw (no px
# floor): a 1366×768 screen shows the 1920×1080 layout shrunk, nothing clipped, the same share of
# the screen as a 4K one. The bottom strip holds three lines of targets (English needs them); the
# title's as-of line may wrap to two lines; labels never wrap inside a tile.
PAGE_CSS = f"""<style>
:root {{ --strip-top: 5.4vw; --strip-bottom: 4.7vw; }}
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], footer, #MainMenu {{ display: none !important; }}
html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background: #0b1219 !important; color: #e6edf3; overflow: hidden !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
{MAP_IFRAME} {{ position: fixed !important; left: 0; top: var(--strip-top); z-index: 1; border: 0;
  width: 100vw !important; height: calc(100vh - var(--strip-top) - var(--strip-bottom)) !important; }}
.screen-top, .screen-bottom {{ position: fixed; left: 0; right: 0; z-index: 2; overflow: hidden;
  background: #0b1219; display: flex; align-items: center; padding: 0 1.2vw; box-sizing: border-box; }}
.screen-top {{ top: 0; height: var(--strip-top); border-bottom: 1px solid #23364a; }}
.screen-bottom {{ bottom: 0; height: var(--strip-bottom); border-top: 1px solid #23364a; }}
.screen-top .kpi-strip {{ flex-wrap: nowrap; margin: 0; gap: 1.4vw; align-items: center; width: 100%; }}
.screen-top .kpi-head {{ margin-right: auto; flex: 1 1 auto; min-width: 0; }}
.screen-top .kpi {{ flex: 0 0 auto; }}
.screen-top .kpi-title {{ font-size: 1.75vw; line-height: 1.3; color: #fff; }}
.screen-top .kpi-asof {{ font-size: 1.15vw; line-height: 1.25; color: #a9bccf; }}
.screen-top .kpi {{ border-left-width: .35vw; padding: 0 .7vw; }}
.screen-top .kpi-n {{ font-size: 2.3vw; line-height: 1.3; }}
.screen-top .kpi-l {{ font-size: 1.15vw; line-height: 1.25; color: #d3dde7; white-space: nowrap; }}
.screen-top .kpi-total .kpi-n {{ color: #fff; }}
.screen-bottom .kpi-targets {{ font-size: 1.15vw; margin: 0; gap: 0 2vw; line-height: 1.25;
  white-space: nowrap; color: #d3dde7; }}
.screen-bottom .kpi-targets b {{ color: #fff; }}
.screen-bottom .kpi-targets .tbc {{ color: #ff8a80; }}
.screen-bottom .kpi-src {{ color: #a9bccf; }}
</style>"""

# Inside the map iframe. %(...)s sizes are px at 1920 px wide (scale applied); --fit grows them.
_MAP_CSS = """<style>
  #map_div { width: 100%% !important; height: 100vh !important; }
  .leaflet-container { background: #0b1219; }
  .leaflet-control-zoom { display: none; }  /* no mouse in the meeting room; the tour moves the map */
  /* the compact legend (dashboard/screen_legend.py): rows side by side, no title, a quarter of the width
     kept free for the problem notice (bottom right: dashboard/screen_notice.py) */
  .map-legend { background: rgba(11,18,25,.88); color: #e6edf3; max-width: 72vw; display: flex;
      flex-wrap: wrap; align-items: center; column-gap: .9em; row-gap: 0; box-shadow: 0 0 0 1px #23364a;
      font-size: calc(%(legend)spx * var(--fit, 1)); line-height: 1.3; padding: .25em .5em; }
  .map-legend .lg-group, .map-legend .lg-item, .map-legend > div { white-space: nowrap; }
  .map-legend .lg-group { display: flex; align-items: center; column-gap: .6em; }
  .map-legend .sw { margin-right: .3em; }
  .map-legend .lg-layer { display: contents; }
  .map-legend .approx-badge, .map-legend .demo-badge { font-size: 1em; }  /* not smaller than the room's smallest */
  .tour-label { position: absolute; white-space: nowrap; pointer-events: none;
      font-size: calc(%(label)spx * var(--fit, 1)); font-weight: 700; line-height: 1.25; color: #fff;
      background: rgba(11,18,25,.85); border: 1px solid #5b7a96; border-radius: .3em; padding: .05em .4em; }
  .tour-label { transform: translate(-50%%, calc(-100%% - 6px * var(--fit, 1))); }  /* above an area's top edge */
  .tour-label.at-point { transform: translate(calc(22px * var(--fit, 1)), -50%%); }  /* beside its marker */
  .map-label { color: #f4fbf9; text-shadow: 0 0 3px #000, 0 0 3px #000, 0 0 2px #000; }
  .leaflet-container .bm-label { font-size: calc(%(district)spx * var(--fit, 1)); }
  .leaflet-container .leaflet-control-attribution, .leaflet-container .leaflet-control-attribution a {
      font-size: calc(%(small)spx * var(--fit, 1)); background: rgba(11,18,25,.75); color: #a9bccf; }
  .leaflet-control-scale-line { background: rgba(11,18,25,.75); color: #e6edf3; border-color: #e6edf3; }
  /* centred by auto margins between left and right 0 (not left 50%%: that halves the room to wrap in) */
  .tour-caption { position: absolute; top: calc(14px * var(--fit, 1)); left: 0; right: 0; margin: 0 auto;
      width: fit-content; max-width: calc(100%% - 48px * var(--fit, 1)); box-sizing: border-box; text-align: center;
      z-index: 1000; pointer-events: none; line-height: 1.3; background: rgba(11,18,25,.9); color: #fff;
      border: 1px solid #3a536b; border-radius: .35em; padding: .25em .8em;
      font-size: calc(%(caption)spx * var(--fit, 1)); font-weight: 700; }
  .tour-caption .tour-count { color: #a9bccf; font-weight: 600; margin-right: .7em; }
</style>"""


def map_css(scale: float) -> Element:
    """The screen-mode CSS for the map iframe's header (add it after the basemap's own)."""
    sizes = {
        k: round(v * scale) for k, v in {"district": 15, "small": 12, "caption": 18, "legend": 11, "label": 14}.items()
    }
    return Element(_MAP_CSS % sizes)


def screen_script(stops: list[dict], interval_s: float, lang: str) -> JsScript:
    """dashboard/screen.js run on the map with its settings (fit and tour, see the module doc)."""
    return JsScript(
        JS,
        {
            "stops": stops,
            "intervalMs": round(interval_s * 1000),
            "maxZoom": TOUR_MAX_ZOOM,
            "pausedLabel": t("tour_paused", lang),
            "approxLabel": t("approx", lang),
            "demoLabel": t("demo", lang),
        },
        name="ScreenScript",
    )


def dress(m: folium.Map, stops: list[dict], interval_s: float, lang: str, scale: float) -> None:
    """Make a map the screen's: its CSS (after the basemap's own, so it wins) and the tour."""
    header(m).add_child(map_css(scale), name="screen_css")
    screen_script(stops, interval_s, lang).add_to(m)


def _bounds(geoms, shift) -> list[list[float]] | None:
    geoms = [shift(g) if shift else g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.GeometryCollection(geoms).bounds
    return [[round(miny, 6), round(minx, 6)], [round(maxy, 6), round(maxx, 6)]]


def resolve_stops(
    stops: list[dict], layers: dict[str, LayerData], lang: str, shift=None
) -> tuple[list[dict], list[Problem]]:
    """[[tour.stops]] → what screen.js needs: caption, bounds (and centre + zoom if given), the layer
    it is about and its features' labels (dashboard/screen_labels.py).

    A stop naming a layer that is not shown, a feature id that is on no layer, or a project
    without a location is left out, with a problem naming the stop and what was looked for."""
    out, problems = [], []
    for n, stop in enumerate(stops, 1):
        where = f"tour.stops #{n}"
        if stop["layer"]:
            data = layers.get(stop["layer"])
            bounds = _bounds(list(data.gdf.geometry), shift) if data is not None else None
            if bounds is None:
                problems.append(
                    Problem(
                        "config.toml",
                        Text(
                            f"图层 {stop['layer']!r} 不在地图上或没有可定位的要素;地图上的图层:{'、'.join(layers)}",
                            f"layer {stop['layer']!r} is not on the map or has nothing located; "
                            f"layers shown: {', '.join(layers)}",
                        ),
                        field=where,
                    )
                )
                continue
        else:
            fid = stop["feature"]
            hits = [
                d.gdf.geometry[d.gdf["id"] == fid].iloc[0]
                for d in layers.values()
                if not d.gdf.empty and (d.gdf["id"] == fid).any()
            ]
            bounds = _bounds(hits, shift)
            if bounds is None:
                why = (
                    Text("没有位置", "has no location")
                    if hits
                    else Text("不在地图的任何图层上", "is on no layer of the map")
                )
                problems.append(
                    Problem("config.toml", Text(f"要素 {fid!r} ", f"feature {fid!r} ") + why, feature=fid, field=where)
                )
                continue
        (s, w), (nn, e) = bounds
        caption = pick(stop["caption_zh"], stop["caption_en"], lang)
        out.append(
            {
                "caption": caption,
                "bounds": bounds,
                "zoom": stop["zoom"],
                "center": [round((s + nn) / 2, 6), round((w + e) / 2, 6)],
                **screen_labels.focus(stop, layers, lang, shift),  # its layer (for the legend) and labels
            }
        )
    return out, problems
