"""A mouse click goes to the most specific feature under the pointer (dashboard/mapclick.js), and
the attribution carries no flag. Real chromium at 1920×1080, real mouse clicks; positions come
from the map's own projection. Each test first checks that the case is the hard one (the
feature meant lies under or inside a bigger one drawn over it by layer order)."""

import pytest
import shapely
from playwright.sync_api import expect

from dashboard import catalog, config
from tests.browser.test_core_browser import MAP_FRAME, map_frame, wait_drawn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("signed_in"),
]  # the overdue project's ring is on the internal war map

CAT = catalog.load_catalog(config.load(config.DEFAULT_PATH))
RING = ["projects", "sc-unicom-base"]  # the overdue project's ring, drawn over 7号楼 and 11号楼
ZONE = CAT.layers["radiation"].gdf["name_zh"].iloc[0]  # its name follows the configured area

# The drawn layer of a feature.
JS_HELPERS = """() => {
window.t_layer = (lid, fid) => Object.values(window.map._layers).find(
    l => l._map && l.feature && l.feature.properties.layer === lid && l.feature.properties.id === fid);
}"""

# A point on a dot (within `reach` px of its centre, nearest first) that also lies on another
# feature's ring stroke as drawn: where the two overlap on screen. null if they do not.
ON_DOT_AND_RING = """([dot, ring, reach]) => {
  const [dl, rl] = [window.t_layer(...dot), window.t_layer(...ring)];
  const p = window.map.latLngToContainerPoint(dl.getLatLng());
  const c = window.map.latLngToContainerPoint(rl.getLatLng());
  for (let off = 0; off <= reach; off++) {
    for (let a = 0; a < 360; a += 15) {
      const q = L.point(p.x + off * Math.cos(a * Math.PI / 180), p.y + off * Math.sin(a * Math.PI / 180));
      if (Math.abs(q.distanceTo(c) - rl._radius) < rl.options.weight / 2 - 0.5) return [q.x, q.y];
    }
  }
  return null;
}"""

# The first candidate [lat, lng] on screen, on the map (not under a control), and `margin` px
# clear of every marker's outline, as a container point.
CLEAR_OF_MARKERS = """([cands, margin]) => {
  const size = window.map.getSize();
  const markers = Object.values(window.map._layers).filter(l => l._map && l.feature && l._point);
  for (const [lat, lng] of cands) {
    const p = window.map.latLngToContainerPoint([lat, lng]);
    if (p.x < 60 || p.y < 60 || p.x > size.x - 60 || p.y > size.y - 60) continue;
    const el = document.elementFromPoint(p.x, p.y);
    if (!el || el.closest('.leaflet-control-container')) continue;
    if (markers.every(m => p.distanceTo(m._point) > m._radius + m.options.weight + margin)) return [p.x, p.y, lat, lng];
  }
  return null;
}"""


def open_map(page, server_url, query=""):
    page.goto(server_url + "/?basemap=offline" + query)
    frame = map_frame(page)
    wait_drawn(frame, "d.supercomputing && d.parks && d.radiation && d.projects")
    frame.evaluate(JS_HELPERS)
    return frame


def set_view(frame, lat, lng, zoom):
    frame.evaluate("([c, z]) => window.map.setView(c, z, {animate: false})", [[lat, lng], zoom])
    frame.wait_for_function("z => window.map.getZoom() === z", arg=zoom)


def click(page, frame, xy):
    box = page.query_selector(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])


def hover(page, xy):
    box = page.query_selector(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + xy[0], box["y"] + xy[1])


def grid_inside(geom, n=40) -> list[list[float]]:
    """[lat, lng] points of an n×n grid over geom's bounds that lie inside it, inner ones first."""
    minx, miny, maxx, maxy = geom.bounds
    pts = [
        shapely.Point(minx + (maxx - minx) * (i + 0.5) / n, miny + (maxy - miny) * (j + 0.5) / n)
        for i in range(n)
        for j in range(n)
    ]
    inside = [p for p in pts if geom.contains(p)]
    inside.sort(key=lambda p: -geom.boundary.distance(p))
    return [[p.y, p.x] for p in inside]


def geometry(layer: str, fid: str):
    gdf = CAT.layers[layer].gdf
    return gdf[gdf["id"] == fid].geometry.iloc[0]


def expect_panel(page, name: str):
    """The side panel names the feature the click was meant for (and nothing else)."""
    expect(page.locator(".panel .panel-name")).to_have_text(name, timeout=30_000)
    assert page.page_errors == []


@pytest.mark.parametrize("building,name", [("sc-building-7", "7号楼(拟选址)"), ("sc-building-11", "11号楼(拟选址)")])
def test_click_on_a_building_under_the_project_ring_selects_the_building(page, server_url, building, name):
    frame = open_map(page, server_url)
    xy = frame.evaluate(ON_DOT_AND_RING, [["supercomputing", building], RING, 10])
    assert xy, "the case to guard: the project's ring crosses the building's dot"
    hover(page, xy)
    expect(frame.locator(".map-tip")).to_contain_text(name.split("(")[0])  # the tooltip names it too
    click(page, frame, xy)
    expect_panel(page, name)


def test_a_click_on_a_map_partly_below_the_fold_selects_what_is_under_the_pointer(page, server_url):
    # Leaflet focuses the map on a press; the focus used to scroll the page to show the whole map,
    # so the release landed elsewhere (on the 200,000-firm page, on a count disc that zoomed in)
    page.set_viewport_size({"width": 1920, "height": 900})
    frame = open_map(page, server_url)
    box = page.query_selector(MAP_FRAME).bounding_box()
    assert box["y"] + box["height"] > 900 + 100, "the case to guard: the map's bottom is below the fold"
    xy = frame.evaluate(
        "() => { const p = window.map.latLngToContainerPoint(window.t_layer('supercomputing', 'sc-building-7').getLatLng()); return [p.x, p.y]; }"
    )
    assert box["y"] + xy[1] < 900, "7号楼 itself is on screen"
    zoom = frame.evaluate("() => window.map.getZoom()")
    click(page, frame, xy)
    expect_panel(page, "7号楼(拟选址)")
    assert frame.evaluate("() => window.map.getZoom()") == zoom


def test_zoomed_out_the_building_still_wins_over_the_ring(page, server_url):
    frame = open_map(page, server_url)
    b7 = geometry("supercomputing", "sc-building-7")
    set_view(frame, b7.y, b7.x, 11)
    xy = frame.evaluate(ON_DOT_AND_RING, [["supercomputing", "sc-building-7"], RING, 10])
    assert xy, "the case to guard: the project's ring crosses the building's dot"
    click(page, frame, xy)
    expect_panel(page, "7号楼(拟选址)")


def test_click_in_the_radiation_zone_outside_the_park_selects_the_zone(page, server_url):
    frame = open_map(page, server_url)
    band = geometry("radiation", "zone-radiation").difference(geometry("parks", "park-tianjianhu"))
    hit = frame.evaluate(CLEAR_OF_MARKERS, [grid_inside(band), 6])
    assert hit, "no clear point of the zone on screen"
    assert geometry("parks", "park-gouzhao").contains(shapely.Point(hit[3], hit[2])), (
        "the case to guard: a (larger) park covers the zone there"
    )
    hover(page, hit[:2])
    expect(frame.locator(".map-tip")).to_contain_text(ZONE)
    click(page, frame, hit[:2])
    expect_panel(page, ZONE)


def test_click_in_the_park_away_from_points_selects_the_park_not_the_zone(page, server_url):
    frame = open_map(page, server_url)
    park = geometry("parks", "park-tianjianhu")
    set_view(frame, park.centroid.y, park.centroid.x, 15)  # at zoom 13 the project's ring covers the park
    hit = frame.evaluate(CLEAR_OF_MARKERS, [grid_inside(park), 6])
    assert hit, "no clear point of the park on screen"
    click(page, frame, hit[:2])
    expect_panel(page, "郑州天健湖大数据产业园")


def test_attribution_credits_leaflet_without_a_flag(page, server_url):
    frame = open_map(page, server_url)
    attribution = frame.locator(".leaflet-control-attribution")
    expect(attribution).to_contain_text("Leaflet")
    assert "🇺🇦" not in attribution.inner_text()
    assert attribution.locator("svg").count() == 0
    assert attribution.locator("a[href*='leafletjs.com']").count() == 0, "no link off the machine"
