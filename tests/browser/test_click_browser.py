"""A mouse click goes to the most specific feature under the pointer (dashboard/mapclick.js), and
the attribution carries no flag. Real chromium at 1920×1080, real mouse clicks; positions come
from the map's own projection. Each test first checks that the case is the hard one (the
feature meant lies under or inside a bigger one drawn over it by layer order).
A click reaches Python as one value, sent at once (not after streamlit-folium's 250 ms debounce),
and a drawing made after a click still reaches Python."""

import re

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


# Counts what the map's component sends to Python (window.t_sent: each value, with how many runs
# of streamlit-folium's own debounced send came before it) and those runs (window.t_debounced):
# that function reads the map's bounds first, from its bundle (static/js/main.<hash>.js), so "it
# has run" is known without a timer.
COUNT_SENDS = """() => {
  const st = window.Streamlit, send = st.setComponentValue.bind(st);
  window.t_sent = [];
  st.setComponentValue = v => { window.t_sent.push({v: JSON.parse(JSON.stringify(v)), after: window.t_debounced}); return send(v); };
  const bounds = window.map.getBounds;
  window.t_debounced = 0;
  window.map.getBounds = function () {
    if (/static[/]js[/]main[.][0-9a-f]+[.]js/.test(new Error().stack)) { window.t_debounced += 1; }
    return bounds.apply(this, arguments);
  };
}"""
SENT_IDS = """() => window.t_sent.map(s => {
  const d = s.v.last_active_drawing; return d && d.properties && d.properties.id ? d.properties.id : d && d.geometry.type;
})"""
# A feature's drawn position, as a container point.
WHERE = """([lid, fid]) => { const p = window.map.latLngToContainerPoint(window.t_layer(lid, fid).getLatLng());
  return [p.x, p.y]; }"""


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


def draw_polygon(page, frame, points):
    """A polygon drawn with the map's draw tool (Leaflet.draw), with real mouse clicks."""
    frame.locator(".leaflet-draw-draw-polygon").click()
    for i, xy in enumerate(points):
        # Leaflet.draw drops a click that comes within 50 ms (a timer) of the last vertex: a busy
        # machine delays that timer, so each vertex is waited for before the next click
        page.wait_for_timeout(150)
        click(page, frame, xy)
        frame.wait_for_function("n => document.querySelectorAll('.leaflet-editing-icon').length >= n", arg=i + 1)
    page.wait_for_timeout(150)
    click(page, frame, points[0])  # a click on the first vertex closes the polygon


def click_and_settle(page, frame, xy, debounced: int) -> None:
    """A click, then until streamlit-folium's debounced send has run (its `debounced`-th run)."""
    click(page, frame, xy)
    frame.wait_for_function("n => window.t_debounced >= n", arg=debounced)


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


def test_a_click_on_a_building_sends_one_value_at_once_and_the_panel_names_it(page, server_url):
    frame = open_map(page, server_url)
    frame.evaluate(COUNT_SENDS)
    click_and_settle(page, frame, frame.evaluate(WHERE, ["supercomputing", "sc-building-7"]), 1)
    expect_panel(page, "7号楼(拟选址)")
    click_and_settle(page, frame, frame.evaluate(WHERE, ["supercomputing", "sc-building-11"]), 2)
    expect_panel(page, "11号楼(拟选址)")
    # one value per click, the click's own, sent before the debounced send ran (which then found
    # nothing new), with the keys streamlit-folium itself sends
    assert frame.evaluate(SENT_IDS) == ["sc-building-7", "sc-building-11"]
    assert frame.evaluate("() => window.t_sent.map(s => s.after)") == [0, 1], "not at once: after the debounce"
    assert list(frame.evaluate("() => window.t_sent[0].v")) == ["last_object_clicked", "last_active_drawing"]


def test_a_polygon_drawn_after_a_click_still_reaches_python(page, server_url):
    frame = open_map(page, server_url)
    b11 = geometry("supercomputing", "sc-building-11")
    set_view(frame, b11.y, b11.x, 17)
    frame.evaluate(COUNT_SENDS)
    centre = frame.evaluate(WHERE, ["supercomputing", "sc-building-11"])
    click_and_settle(page, frame, centre, 1)
    expect_panel(page, "11号楼(拟选址)")
    draw_polygon(page, frame, [(centre[0] + dx, centre[1] + dy) for dx, dy in [(-70, -50), (80, -60), (90, 70)]])
    expect(page.get_by_role("button", name=re.compile(r"^11号楼.*在内"))).to_be_visible(timeout=30_000)
    assert frame.evaluate(SENT_IDS) == ["sc-building-11", "Polygon"]


def test_a_click_on_a_map_running_past_the_windows_bottom_selects_what_is_under_the_pointer(page, server_url):
    """Leaflet focuses the map on mousedown; a browser scrolls to show what gets the focus, so the
    page jumped between mousedown and click and the click landed on another spot of the map."""
    frame = open_map(page, server_url)
    xy = frame.evaluate(WHERE, ["supercomputing", "sc-building-7"])
    box = page.query_selector(MAP_FRAME).bounding_box()
    page.set_viewport_size({"width": 1920, "height": int(box["y"] + xy[1] + 120)})  # 7号楼 in view, 120 px up
    page.wait_for_function("() => window.innerHeight < 1000")
    box = page.query_selector(MAP_FRAME).bounding_box()
    below = box["y"] + box["height"] - page.evaluate("window.innerHeight")
    assert below > 60, "the case to guard: the map runs well past the window's bottom"
    click(page, frame, frame.evaluate(WHERE, ["supercomputing", "sc-building-7"]))
    expect_panel(page, "7号楼(拟选址)")


# The overlay pane's SVG paths from bottom to top, each named by its feature (the highlight: "hl").
PAINT_ORDER = """() => {
  const names = new Map();
  for (const l of Object.values(window.map._layers)) {
    if (l._path && l.feature) names.set(l._path,
      l.options.interactive === false ? 'hl' : l.feature.properties.layer + '/' + l.feature.properties.id);
  }
  return [...document.querySelectorAll('.leaflet-overlay-pane path')].map(p => names.get(p)).filter(Boolean);
}"""


def test_after_clicks_the_highlight_is_on_top_and_the_layers_keep_their_order(page, server_url):
    """A click re-adds only the highlight (mapclick.js then restacks only it, not every feature): it
    is drawn on top, and every other feature keeps its place (points over rings over parks)."""
    frame = open_map(page, server_url)
    before = frame.evaluate(PAINT_ORDER)
    assert before.index("supercomputing/sc-building-7") > before.index("parks/" + CAT.layers["parks"].gdf["id"].iloc[0])
    for building, name in (("sc-building-7", "7号楼(拟选址)"), ("sc-building-11", "11号楼(拟选址)")):
        click(page, frame, frame.evaluate(ON_DOT_AND_RING, [["supercomputing", building], RING, 10]))
        expect_panel(page, name)
        frame.wait_for_function(f"() => ({PAINT_ORDER})().at(-1) === 'hl'")
        after = frame.evaluate(PAINT_ORDER)
        assert [n for n in after if n != "hl"] == before, "the data layers' order is unchanged"
