"""The public view on a visitor's phone: 390×844 CSS px, a touch screen, device scale 3 (real
chromium in mobile emulation). The map and the panel are stacked, no visible text is smaller than
12 CSS px, nothing scrolls sideways, the legend leaves the map visible (folded to its title; a tap
opens it), and a TAP on a feature selects it like a click and fills the panel."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_core_browser import MAP_FRAME, map_frame, wait_drawn
from tests.browser.visible_text import texts

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
    "locale": "en-GB",
}
MIN_PX = 12  # smallest type read on a phone without zooming

# page pixels of a feature's marker, in the map iframe's coordinates
WHERE = """fid => {
  const l = Object.values(window.map._layers).find(l => l._map && l.feature && l.feature.properties.id === fid
      && l.feature.properties.layer);
  const p = window.map.latLngToContainerPoint(l.getLatLng ? l.getLatLng() : l.getBounds().getCenter());
  return [p.x, p.y];
}"""
# nothing wider than the screen: the document and Streamlit's own scrolling main area
SIDEWAYS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {doc: document.documentElement.scrollWidth, main: main ? main.scrollWidth : 0, width: innerWidth};
}"""


@pytest.fixture
def phone(browser, server_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.page_errors = []
    page.on("pageerror", lambda err: page.page_errors.append(str(err)))
    page.goto(server_url + "/?basemap=offline&lang=en")
    yield page
    context.close()


def box(locator) -> dict:
    b = locator.bounding_box()
    assert b is not None, locator
    return b


def test_on_a_phone_the_map_and_panel_stack_and_a_tap_selects_a_feature(phone):
    frame = map_frame(phone)
    wait_drawn(frame, "d.supercomputing && d.parks && d.enterprises")
    the_map = phone.locator(MAP_FRAME)
    search = phone.locator('[data-testid="stSelectbox"]', has_text="Find a feature")
    m, s = box(the_map), box(search)
    assert s["y"] >= m["y"] + m["height"] - 1, "the panel is below the map, not beside it"
    assert m["width"] >= 300 and m["x"] >= 0 and m["x"] + m["width"] <= 390, "the map spans the screen"
    assert m["height"] <= 0.8 * 844, "the page can still be scrolled past the map with a thumb"

    the_map.scroll_into_view_if_needed()
    x, y = frame.evaluate(WHERE, "sc-building-11")
    m = box(the_map)
    assert 0 < y < min(m["height"], 844 - m["y"]), "the building is on screen to be tapped"
    phone.touchscreen.tap(m["x"] + x, m["y"] + y)
    panel = phone.locator(".panel")
    expect(panel).to_contain_text("Building 11 (candidate)", timeout=30_000)
    expect(phone.locator(".panel .panel-name")).to_have_text("Building 11 (candidate)")

    sizes = phone.evaluate(SIDEWAYS)
    assert sizes["doc"] <= sizes["width"] and sizes["main"] <= sizes["width"], sizes
    small = sorted(
        {(t["text"][:40], t["px"]) for f in (phone.main_frame, frame) for t in texts(f) if t["px"] and t["px"] < MIN_PX}
    )
    assert small == [], f"text under {MIN_PX} px on a phone: {small}"
    assert phone.page_errors == []


def test_on_a_phone_the_legend_is_folded_to_its_title_and_a_tap_opens_it(phone):
    frame = map_frame(phone)
    wait_drawn(frame, "d.parks")
    the_map = phone.locator(MAP_FRAME)
    the_map.scroll_into_view_if_needed()
    legend, title = frame.locator(".map-legend"), frame.locator(".map-legend .legend-title")
    m, folded = box(the_map), box(legend)
    assert folded["width"] * folded["height"] < 0.1 * m["width"] * m["height"], "folded: the map stays visible"
    expect(frame.get_by_text("Candidate building")).to_be_hidden()

    t = box(title)
    phone.touchscreen.tap(t["x"] + t["width"] / 2, t["y"] + t["height"] / 2)
    expect(frame.get_by_text("Candidate building")).to_be_visible()
    expect(title).to_have_attribute("aria-expanded", "true")
    opened = box(legend)
    assert opened["y"] >= m["y"] and opened["height"] <= 0.6 * m["height"], "open, it still leaves the map"
    small = sorted({(t["text"][:40], t["px"]) for t in texts(frame) if t["px"] and t["px"] < MIN_PX})
    assert small == [], f"legend text under {MIN_PX} px: {small}"
    assert phone.page_errors == []


def test_at_a_desk_the_legend_is_open_and_folds_from_its_title(page, server_url):
    page.goto(server_url + "/?basemap=offline&lang=en")
    frame = map_frame(page)
    expect(frame.get_by_text("Candidate building")).to_be_visible(timeout=30_000)
    assert frame.locator(".map-legend.folded").count() == 0
    # a planner drawing near it folds it to its title, and opens it again the same way
    title = frame.locator(".map-legend .legend-title")
    title.click()
    expect(frame.get_by_text("Candidate building")).to_be_hidden()
    expect(title).to_have_attribute("aria-expanded", "false")
    title.click()
    expect(frame.get_by_text("Candidate building")).to_be_visible()
