"""A point layer past mapfetch.CELLS_FROM (issue 12: 100,000 firms) is counted in squares where many
of its points are in view, and drawn one by one, clickable, closer in (dashboard/layerload.js).
Its own server with 25,000 synthetic firms (bench/workload.py, marked 合成/synthetic); a visitor's
page (the firms are public)."""

import pytest
from playwright.sync_api import expect

from bench import workload
from dashboard import mapfetch
from tests.browser.server import running_app
from tests.browser.test_core_browser import MAP_FRAME, map_frame

pytestmark = pytest.mark.browser

FIRMS = 25_000 + 4  # the synthetic ones and the sample's
# (firms counted in discs, discs, firms drawn one by one)
COUNTED = """() => { let n = 0, discs = 0, single = 0;
  for (const l of Object.values(window.map._layers)) {
    if (l._map && l._htzCount) { n += l._htzCount; discs += 1; }
    else if (l._map && l.feature && l.feature.properties.layer === 'enterprises') single += 1;
  }
  return [n, discs, single]; }"""
# zoomed in past z, and drawn for the new zoom (discs of that zoom, or single firms)
REDRAWN = """z => { const now = window.map.getZoom(); if (now <= z) return false;
  const layers = Object.values(window.map._layers).filter(l => l._map);
  return layers.some(l => l._htzZoom === now || (l.feature && l.feature.properties.layer === 'enterprises'))
    && !layers.some(l => l._htzCount && l._htzZoom !== now); }"""
# the biggest disc in the map's middle (clear of the legend and the controls)
BIGGEST_DISC = """() => { let best = null, at = null; const size = window.map.getSize();
  for (const l of Object.values(window.map._layers)) {
    if (!(l._map && l._htzCount) || (best && l._htzCount <= best._htzCount)) continue;
    const c = window.map.latLngToContainerPoint(l.getLatLng());
    if (c.x > 300 && c.y > 200 && c.x < size.x - 300 && c.y < size.y - 200) { best = l; at = [c.x, c.y]; }
  } return at; }"""
# a synthetic firm drawn as itself, away from the map's edges and its controls
A_FIRM = """() => { const size = window.map.getSize();
  for (const l of Object.values(window.map._layers)) {
    if (!(l._map && l.feature && String(l.feature.properties.id || '').startsWith('syn-firm-'))) continue;
    const c = window.map.latLngToContainerPoint(l.getLatLng());
    if (c.x > 200 && c.y > 150 && c.x < size.x - 200 && c.y < size.y - 150) return [c.x, c.y, l.feature.properties.n];
  } return null; }"""


@pytest.fixture(scope="module")
def big_url(tmp_path_factory):
    cfg = workload.make(tmp_path_factory.mktemp("cells"), firms=FIRMS - 4)
    with running_app(env={"HTZ_CONFIG": str(cfg)}, timeout=180) as url:
        yield url


def click_at(page, xy) -> None:
    box = page.query_selector(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])


def test_many_firms_are_counted_in_squares_and_zooming_in_shows_each_one_clickable(page, big_url):
    assert FIRMS > mapfetch.CELLS_FROM
    page.goto(big_url + "/?basemap=offline")
    frame = map_frame(page)
    frame.wait_for_function(f"({COUNTED})()[0] === {FIRMS}", timeout=120_000)
    counted, discs, single = frame.evaluate(COUNTED)
    assert 1 < discs < 1000 and single == 0, "the whole zone in view: squares, not 25,004 dots"
    expect(page.get_by_text("25,004 个点", exact=False)).to_be_visible()  # the page says what it does
    for _ in range(4):  # a click on a disc zooms in, until few enough firms are in view
        if frame.evaluate(COUNTED)[2]:
            break
        zoom = frame.evaluate("() => window.map.getZoom()")
        click_at(page, frame.evaluate(BIGGEST_DISC))
        frame.wait_for_function(REDRAWN, arg=zoom, timeout=30_000)
    frame.wait_for_function(f"({COUNTED})()[2] > 0", timeout=30_000)
    assert frame.evaluate(COUNTED)[2] <= mapfetch.DETAIL_UP_TO * 1.6, "only the firms near the view"
    x, y, name = frame.evaluate(A_FIRM)
    click_at(page, [x, y])
    expect(page.locator(".panel .panel-name")).to_contain_text(name, timeout=30_000)
    assert page.page_errors == []
