"""Layers go to the browser once per data version (dashboard/layerdata.py, issue 12): a click re-sends
no unchanged layer, and an internal layer's data URL is refused to a visitor. Signed in (the war
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
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda p: seen["ws"].append(p if isinstance(p, bytes) else p.encode())),
    )
    page.on("requestfinished", lambda r: seen["data"].append(r.url) if ROUTE in r.url else None)
    return seen


# the selection highlight (not clickable) rings this feature: the click's rerun has reached the map
HIGHLIGHTED = """fid => Object.values(window.map._layers).some(l => l._map && l.feature
    && l.options.interactive === false && l.feature.properties.id === fid)"""


def test_a_click_resends_no_unchanged_layer(page, server_url):
    seen = record(page)
    frame = open_map(page, server_url)
    fetched = list(seen["data"])
    assert len(fetched) == len(set(fetched)) >= 4, "each layer fetched once"
    start = len(seen["ws"])
    click(page, frame, frame.evaluate(WHERE, "sc-building-11"))
    expect(page.locator(".panel .panel-name")).to_have_text("11号楼(拟选址)", timeout=30_000)
    frame.wait_for_function(HIGHLIGHTED, arg="sc-building-11", timeout=30_000)
    sent = b"".join(seen["ws"][start:])
    for unchanged in (b"ent-h3c", b"park-gouzhao", b"zone-radiation"):  # ids of layers the click leaves as they are
        assert unchanged not in sent, f"{unchanged!r} re-sent ({len(sent)} bytes after the click)"
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
