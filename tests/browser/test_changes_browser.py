"""本周变化 in a real browser (Debian chromium): a ledger saved, then a changed one while the desk
page is open: the changed project gets its dashed violet ring on the map without a map reload,
and the section lists the change."""

import os
import time

import pytest

from dashboard.auth.tokens import COOKIE
from tests.browser.screen_probe import POLL_MS, map_frame
from tests.browser.server import ROOT, running_app
from tests.helpers import account_cookie, row, write_csv

pytestmark = pytest.mark.browser  # 本周变化 is internal: the fixture signs in

WHERE = {"经度": "113.50", "纬度": "34.80"}
RINGED = """(id) => Object.values(window.map._layers).some(l => l._map && l.options.color === '#7c3aed' &&
    Object.values(window.map._layers).some(p => p.feature && p._map && p.feature.properties.id === id &&
      p.getLatLng && p.getLatLng().equals(l.getLatLng())))"""


@pytest.fixture
def live_ledger(tmp_path, page):
    """A server reading a ledger in tmp_path, checked every second, with a store of its own (its
    ledger's versions and a viewer signed in on it)."""
    ledger = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1", 完成时限="2099-12-31", **WHERE)])
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        text.replace('path = "data/ledger"', f'path = "{ledger.as_posix()}"').replace("poll_s = 5", "poll_s = 1"),
        encoding="utf-8",
    )
    store = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    with running_app(env={"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": store}) as url:
        cookie = account_cookie(store, "live-viewer", "viewer")  # replaces the main server's (same host)
        page.context.add_cookies([{"name": COOKIE, "value": cookie, "url": url, "httpOnly": True, "sameSite": "Lax"}])
        yield url, ledger


def save_changed(ledger) -> None:
    """P-1's deadline moved into the past (正常 → 逾期), saved as a new file content."""
    write_csv(ledger, [row(项目编号="P-1", 完成时限="2020-01-01", **WHERE)])
    os.utime(ledger, (time.time(), time.time() + 2))


def test_a_saved_change_rings_the_project_and_is_listed(page, live_ledger):
    url, ledger = live_ledger
    page.goto(url + "/?basemap=offline")
    frame = map_frame(page)
    page.get_by_text("目前只保存了一个台账版本").wait_for(timeout=30_000)
    frame.wait_for_function(
        "Object.values(window.map._layers).some(l => l.feature && l.feature.properties.id === 'P-1')",
        timeout=30_000,
        polling=POLL_MS,
    )
    assert not frame.evaluate(RINGED, "P-1")
    frame.evaluate("window.sameMap = true")
    save_changed(ledger)
    frame.wait_for_function(RINGED, arg="P-1", timeout=30_000, polling=POLL_MS)
    assert frame.evaluate("window.sameMap === true"), "the ring came with the data, the map was not reloaded"
    item = page.locator('.changes-group[data-group="deadline"] li')
    item.wait_for(timeout=30_000)
    assert item.inner_text() == "P-1 测试项目:完成时限 2099-12-31 → 2020-01-01(累计调整 1 次),正常 → 逾期"
    assert page.page_errors == []


def test_the_screen_tour_starts_with_the_changes_once_there_are_some(page, live_ledger):
    url, ledger = live_ledger
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(url + "/?mode=screen")
    frame = map_frame(page)
    frame.wait_for_function("window.tourIndex === 0", timeout=60_000, polling=POLL_MS)
    first = frame.inner_text(".tour-caption .tour-text")
    assert "本周变化" not in first, "one kept version: nothing changed, the tour starts as configured"
    frame.evaluate("window.sameMap = true")
    save_changed(ledger)
    caption = frame.locator(".tour-caption .tour-text")
    caption.filter(has_text="本周变化").wait_for(timeout=30_000)
    assert frame.evaluate("window.tourIndex") == 0, "the changes stop comes first"
    assert caption.inner_text().startswith("本周变化:1 个项目"), caption.inner_text()
    assert frame.evaluate("window.sameMap === true"), "the new stop came without a map reload"
    assert page.page_errors == []
