"""The planner's draw tool in a real browser: a polygon drawn round 11号楼 with real mouse clicks
is answered beside the map with 11号楼 inside and the polygon's geodesic area (within 0.5 % of the
area computed here from the clicked vertices); a visitor's map has no draw tool."""

import re

import pytest
from playwright.sync_api import expect
from pyproj import Geod

from tests.browser.test_click_browser import draw_polygon, open_map, set_view

pytestmark = pytest.mark.browser

B11 = (34.8022, 113.5118)  # data/geo/supercomputing.geojson, sc-building-11 (lat, lon)
SCREENSHOT = "/tmp/planner-polygon.png"


def test_a_polygon_drawn_round_11_lists_it_inside_with_its_geodesic_area(signed_in, server_url):
    page = signed_in
    frame = open_map(page, server_url)
    set_view(frame, *B11, 17)
    centre = frame.evaluate("c => { const p = window.map.latLngToContainerPoint(c); return [p.x, p.y]; }", list(B11))
    corners = [(-70, -50), (80, -60), (90, 70), (-60, 80)]
    points = [(centre[0] + dx, centre[1] + dy) for dx, dy in corners]
    draw_polygon(page, frame, points)
    lonlat = frame.evaluate(
        "ps => ps.map(p => { const l = window.map.containerPointToLatLng(p); return [l.lng, l.lat]; })", points
    )
    expected, _ = Geod(ellps="WGS84").polygon_area_perimeter([p[0] for p in lonlat], [p[1] for p in lonlat])
    hit = page.get_by_role("button", name=re.compile(r"^11号楼.*在内"))
    expect(hit).to_be_visible(timeout=30_000)
    shown = page.get_by_text(re.compile(r"^面积 [\d,]+ m²")).inner_text()
    area = float(re.search(r"面积 ([\d,]+) m²", shown).group(1).replace(",", ""))
    assert area == pytest.approx(abs(expected), rel=0.005), (shown, expected)
    page.screenshot(path=SCREENSHOT)
    hit.click()
    expect(page.get_by_text("11号楼", exact=False).first).to_be_visible()


def test_a_visitors_map_has_no_draw_or_measure_tool(page, server_url):
    frame = open_map(page, server_url)
    assert frame.locator(".leaflet-draw").count() == 0
    assert frame.locator(".leaflet-control-measure").count() == 0
