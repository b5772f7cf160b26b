"""The public/internal boundary holds on the server: a visitor's browser is never SENT an internal value.

A server runs on a ledger and a facts file with marker strings in every internal field (an internal
ledger row, the internal fields of a row marked 公开, an internal fact, the ledger's file name). Every
websocket frame a public session receives while it loads the page, clicks every feature, opens the
search box, follows a sent link to an internal project, switches to English and downloads the zone is
recorded, with the page's HTML and the download: no marker may appear. The same steps signed in as a
viewer DO receive the markers, so the check can fail.
"""

from __future__ import annotations

import contextlib
import csv
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from dashboard.auth import accounts_at
from dashboard.layerdata import ROUTE
from dashboard.ledger import LEDGER_COLUMNS
from tests.browser.server import ROOT, running_app

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
INSIDE = {"经度": "113.5035", "纬度": "34.8120"}  # a point in the Tianjian Lake park, inside the zone
INTERNAL_ROW = {
    "项目编号": "P-MARK-1",
    "项目名称": "MARKER-NAME 内部项目",
    "所属园区": "MARKER-PARK",
    "责任单位": "MARKER-UNIT",
    "责任岗位": "MARKER-POST",
    "完成时限": "2031-05-17",
    "当前进度(%)": "37",
    "下一节点": "MARKER-NEXT",
    "存在问题": "MARKER-PROBLEM",
    "来源": "MARKER-SOURCE",
    **INSIDE,
}
PUBLIC_ROW = {
    "项目编号": "P-PUB-1",
    "项目名称": "公开测试项目",
    "项目名称(英文)": "Public test project",
    "公开范围": "公开",
    "所属园区": "沟赵园区",
    "责任单位": "MARKER-PUB-UNIT",
    "责任岗位": "MARKER-PUB-POST",
    "完成时限": "2032-02-29",
    "当前进度(%)": "61",
    "下一节点": "MARKER-PUB-NEXT",
    "存在问题": "MARKER-PUB-PROBLEM",
    "来源": "MARKER-PUB-SOURCE",
    "经度": "113.5060",
    "纬度": "34.8105",
}
INTERNAL_FACT = """
[[facts.park-gouzhao]]
kind = "note"
zh = "MARKER-FACT-ZH"
en = "MARKER-FACT-EN"
source = "editor"
date = "2026-11"
audience = "internal"
"""
MARKERS = [
    "MARKER",
    "P-MARK-1",
    "2031-05-17",
    "2032-02-29",
    # the internal war-map facts of the real facts file, and the KPI strip's title
    "第三次周例会",
    "重点项目作战图",
    "Key-project war map",
]
VIEWER, PASSWORD = "marker-viewer", "a viewer's password"


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """A server on the marked data, and its accounts database (with a viewer)."""
    tmp = tmp_path_factory.mktemp("marked")
    shutil.copytree(ROOT / "data" / "sources", tmp / "sources")
    (tmp / "facts.toml").write_text(
        (ROOT / "data" / "facts.toml").read_text(encoding="utf-8") + INTERNAL_FACT, encoding="utf-8"
    )
    with (tmp / "MARKER-LEDGER.csv").open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(LEDGER_COLUMNS)
        for row in (INTERNAL_ROW, PUBLIC_ROW):
            w.writerow([row.get(c, "") for c in LEDGER_COLUMNS])
    cfg = (ROOT / "config.toml").read_text(encoding="utf-8")
    cfg = re.sub(r'(?m)^path = "data/ledger".*$', f'path = "{tmp / "MARKER-LEDGER.csv"}"', cfg)
    cfg = re.sub(r"(?m)^facts = .*$", f'facts = "{tmp / "facts.toml"}"', cfg)
    (tmp / "config.toml").write_text(cfg, encoding="utf-8")
    store = f"sqlite:///{tmp / 'store.sqlite3'}"
    with running_app(env={"HTZ_CONFIG": str(tmp / "config.toml"), "HTZ_STORE_URL": store}) as url:
        accounts_at(store).add_user(VIEWER, "viewer", PASSWORD)
        yield url


def record_frames(page) -> list[bytes]:
    """Every websocket frame the page receives, and the body of every layer the map fetches by URL
    (dashboard/layerdata.py: layers travel over HTTP, once per data version)."""
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda p: frames.append(p if isinstance(p, bytes) else p.encode())),
    )

    def fetched(response) -> None:
        if ROUTE in response.url:
            # a response the page dropped (it navigated away) has no body: nothing was received
            with contextlib.suppress(PlaywrightError):
                frames.append(response.body())

    page.on("response", fetched)
    return frames


def map_frame(page):
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=120_000)
    frame = page.query_selector(MAP_FRAME).content_frame()
    frame.wait_for_function("typeof window.map === 'object' && window.map._loaded", timeout=120_000)
    return frame


# where each drawn feature can be clicked, in the map iframe's pixels (points: the marker; shapes:
# their centre), where nothing of the map's own (legend, controls) lies over it
CLICK_POINTS = """() => {
  const out = [];
  for (const l of Object.values(window.map._layers)) {
    const p = l.feature && l.feature.properties;
    if (!p || !p.layer || !l._map) continue;
    const ll = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
    const c = window.map.latLngToContainerPoint(ll);
    // only where a click reaches one of our features (not the legend or a control drawn over it)
    const el = document.elementFromPoint(c.x, c.y);
    if (!el || !(el.classList.contains('leaflet-interactive') || el.tagName === 'CANVAS')) continue;
    out.push([p.layer + '/' + p.id, c.x, c.y]);
  }
  return out;
}"""


def click_everything(page) -> list[str]:
    frame = map_frame(page)
    frame.wait_for_function("Object.values(window.map._layers).some(l => l.feature)", timeout=30_000)
    box = page.query_selector(MAP_FRAME).bounding_box()
    clicked = []
    for key, x, y in frame.evaluate(CLICK_POINTS):
        if 0 < x < box["width"] and 0 < y < box["height"]:
            page.mouse.click(box["x"] + x, box["y"] + y)
            page.wait_for_timeout(0)  # yield to the page's event loop between clicks
            clicked.append(key)
            page.locator(".panel").first.wait_for(timeout=30_000)
    return clicked


def page_text(page) -> str:
    return page.content() + "".join(f.content() for f in page.frames if f != page.main_frame)


def visit_everything(page, url: str, downloads: list[bytes]) -> None:
    page.goto(url + "/?basemap=offline")
    clicked = click_everything(page)
    assert len(clicked) >= 8, clicked
    # the search box's options
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.keyboard.press("Escape")
    # English, and the zone's download
    page.goto(url + "/?basemap=offline&lang=en&select=radiation/zone-radiation")
    map_frame(page)
    with page.expect_download(timeout=120_000) as dl:
        page.get_by_role("button", name=re.compile("Download the zone")).click()
    downloads.append(Path(dl.value.path()).read_bytes())


def found(blobs: list[bytes]) -> set[str]:
    blob = b"\n".join(blobs)
    return {m for m in MARKERS if m.encode() in blob}


def test_a_public_session_is_sent_no_internal_value(browser, marked):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    frames = record_frames(page)
    downloads: list[bytes] = []
    visit_everything(page, marked, downloads)
    html = page_text(page).encode()
    context.close()
    assert len(frames) > 20, "the websocket frames were recorded"
    assert b"Public test project" in b"".join(frames), "the row marked 公开 is shown (its public fields)"
    assert b"Gouzhao Park" in b"".join(frames), "the layers fetched by URL are recorded too"
    assert found(frames) == set(), "internal values in the websocket frames"
    assert found(downloads) == set() and found([html]) == set()


def test_a_sent_link_to_an_internal_project_asks_a_visitor_to_sign_in(browser, marked):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    frames = record_frames(page)
    page.goto(marked + "/?lang=en&select=projects/P-MARK-1")
    page.get_by_text(re.compile("only signed-in internal users", re.I)).first.wait_for(timeout=120_000)
    map_frame(page)
    html = page_text(page)
    context.close()
    # its id is in the visitor's own link (and the sign-in link's way back): nothing else of it is sent
    assert found(frames) <= {"P-MARK-1"} and "MARKER" not in html


def test_a_signed_in_viewer_is_sent_the_war_map(browser, marked):
    """The positive control: the same data, signed in, does reach the browser."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(marked + "/signin")
    page.fill("#user", VIEWER)
    page.fill("#password", PASSWORD)
    frames = record_frames(page)
    page.click("button[type=submit]")
    page.get_by_text("重点项目作战图").first.wait_for(timeout=120_000)
    map_frame(page)
    context.close()
    assert {"MARKER", "P-MARK-1", "2031-05-17", "重点项目作战图"} <= found(frames)
