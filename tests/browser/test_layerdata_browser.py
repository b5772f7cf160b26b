"""Layers go to the browser once per data version (dashboard/layerdata.py, issue 12): a click sends
only what changed, and an internal layer's data URL is refused to a visitor. Signed in (the war
map's projects are the internal layer)."""

import json

import pytest
from playwright.sync_api import expect

from dashboard.layerdata import ROUTE
from tests.browser.test_click_browser import click, open_map

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("signed_in")]

WHERE = """fid => { for (const l of Object.values(window.map._layers)) {
  if (l._map && l.feature && l.feature.properties.id === fid) {
    const c = window.map.latLngToContainerPoint(l.getLatLng()); return [c.x, c.y]; } } return null; }"""


def record(page) -> dict:
    seen: dict = {"ws": [], "data": []}
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: seen["ws"].append(len(p))))
    page.on("requestfinished", lambda r: seen["data"].append(r.url) if ROUTE in r.url else None)
    return seen


def idle(page):
    """The script run is over: Streamlit's running indicator is gone."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def test_a_click_sends_under_50_kb_and_no_layer_data_again(page, server_url):
    seen = record(page)
    frame = open_map(page, server_url)
    idle(page)
    fetched = list(seen["data"])
    assert len(fetched) == len(set(fetched)) >= 4, "each layer fetched once"
    before = sum(seen["ws"])
    click(page, frame, frame.evaluate(WHERE, "sc-building-11"))
    expect(page.locator(".panel .panel-name")).to_have_text("11号楼(拟选址)", timeout=30_000)
    idle(page)
    assert 0 < sum(seen["ws"]) - before < 50_000, "the click's rerun sends only what changed"
    assert seen["data"] == fetched, "no layer's data is fetched again"
    assert page.page_errors == []


def test_the_internal_layers_data_is_refused_to_a_visitor(page, server_url, browser):
    bodies: dict = {}
    page.on("response", lambda r: bodies.setdefault(r.url, r) if ROUTE in r.url else None)
    open_map(page, server_url)
    projects = [u for u, r in bodies.items() if '"layer":"projects"' in r.text()]
    assert projects, "the signed-in map fetched the war map's projects"
    visitor = browser.new_context()  # no cookie
    try:
        resp = visitor.request.get(projects[0])
        assert resp.status == 403 and "projects" not in resp.text()
        public = [u for u in bodies if u not in projects][0]
        assert visitor.request.get(public).status == 200 and json.loads(visitor.request.get(public).text())
    finally:
        visitor.close()
