"""The core dashboard in a real browser (Debian chromium): every layer drawn with no page
error and no request off the machine; a mouse click on 11号楼 fills the panel; a layer
switched off leaves the map."""

import pytest

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Ids of the features drawn in the map iframe, grouped by layer (from the GeoJSON properties
# our overlays carry), once the map script has run to its end.
DRAWN = """() => {
  const out = {};
  for (const l of Object.values(window.map._layers)) {
    const p = l.feature && l.feature.properties;
    if (p && p.layer && l._map) (out[p.layer] = out[p.layer] || []).push(p.id);
  }
  return out;
}"""


def map_frame(page):
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=120_000)
    frame = page.query_selector(MAP_FRAME).content_frame()
    frame.wait_for_function("typeof window.map === 'object' && window.map._loaded", timeout=120_000)
    return frame


def wait_drawn(frame, predicate_js: str):
    """Wait until the set of drawn features satisfies `predicate_js` (a JS expression over `d`)."""
    frame.wait_for_function(f"(() => {{ const d = ({DRAWN})(); return {predicate_js}; }})()", timeout=30_000)
    return frame.evaluate(DRAWN)


def test_map_draws_every_layer_with_no_page_error_and_no_external_request(page, server_url):
    page.goto(server_url + "/?basemap=offline")
    frame = map_frame(page)
    drawn = wait_drawn(frame, "d.parks && d.supercomputing && d.radiation && d.enterprises")
    assert set(drawn["parks"]) == {"park-gouzhao", "park-shuangqiao", "park-tianjianhu"}
    assert {"sc-building-7", "sc-building-11"} <= set(drawn["supercomputing"])
    assert drawn["radiation"] == ["zone-radiation"]
    assert len(drawn["enterprises"]) == 4
    # the legend, scale bar and fullscreen button are on the map
    assert "超算中心拟选址楼宇" in frame.inner_text(".map-legend")
    assert frame.locator(".leaflet-control-scale-line").inner_text().strip().endswith(("m", "km"))
    assert frame.locator(".leaflet-control-zoom-fullscreen, .fullscreen-icon").count() >= 1
    assert page.page_errors == []
    assert page.foreign_requests == [], "offline basemap: nothing may leave the machine"


def test_mouse_click_on_building_11_fills_the_panel(page, server_url):
    page.goto(server_url + "/?basemap=offline")
    frame = map_frame(page)
    wait_drawn(frame, "d.supercomputing && d.supercomputing.includes('sc-building-11')")
    # where Leaflet drew 11号楼 in the default view (other features lie close by), in page pixels
    x, y = frame.evaluate("""() => {
        const l = Object.values(window.map._layers).find(
            l => l.feature && l.feature.properties.id === 'sc-building-11' && l.getLatLng);
        const p = window.map.latLngToContainerPoint(l.getLatLng());
        return [p.x, p.y];
    }""")
    box = page.query_selector(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    panel = page.locator(".panel")
    panel.wait_for(timeout=30_000)
    assert "11号楼(拟选址)" in panel.inner_text()
    text = panel.inner_text()
    for fact in ("层高", "承重", "待核实", "来源", "郑州大学"):
        assert fact in text, fact
    assert page.page_errors == []


def test_switching_a_layer_off_removes_it_from_the_map(page, server_url):
    page.goto(server_url + "/?basemap=offline")
    frame = map_frame(page)
    wait_drawn(frame, "d.supercomputing && d.parks")
    page.get_by_text("超算中心候选址", exact=True).click()
    drawn = wait_drawn(frame, "!d.supercomputing && d.parks")
    assert "supercomputing" not in drawn and len(drawn["parks"]) == 3
    assert page.page_errors == []
