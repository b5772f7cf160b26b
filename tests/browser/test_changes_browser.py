"""本周变化 in a real browser (Debian chromium): a ledger saved, then a changed one while the desk
page is open: the changed project gets its dashed violet ring on the map without a map reload,
and the section lists the change."""

import os
import time

import pytest

from tests.browser.screen_probe import POLL_MS, map_frame
from tests.browser.server import ROOT, running_app
from tests.helpers import row, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("signed_in")]  # 本周变化 is internal

WHERE = {"经度": "113.50", "纬度": "34.80"}
RINGED = """(id) => Object.values(window.map._layers).some(l => l._map && l.options.color === '#7c3aed' &&
    Object.values(window.map._layers).some(p => p.feature && p._map && p.feature.properties.id === id &&
      p.getLatLng && p.getLatLng().equals(l.getLatLng())))"""


@pytest.fixture
def live_ledger(tmp_path, auth_db):
    """A server reading a ledger in tmp_path, checked every second."""
    ledger = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1", 完成时限="2099-12-31", **WHERE)])
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        text.replace('path = "data/ledger"', f'path = "{ledger.as_posix()}"').replace("poll_s = 5", "poll_s = 1"),
        encoding="utf-8",
    )
    with running_app(env={"HTZ_CONFIG": str(cfg), "HTZ_AUTH_DB": str(auth_db)}) as url:
        yield url, ledger


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
    write_csv(ledger, [row(项目编号="P-1", 完成时限="2020-01-01", **WHERE)])
    os.utime(ledger, (time.time(), time.time() + 2))
    frame.wait_for_function(RINGED, arg="P-1", timeout=30_000, polling=POLL_MS)
    assert frame.evaluate("window.sameMap === true"), "the ring came with the data, the map was not reloaded"
    item = page.locator('.changes-group[data-group="deadline"] li')
    item.wait_for(timeout=30_000)
    assert item.inner_text() == "P-1 测试项目:完成时限 2099-12-31 → 2020-01-01(累计调整 1 次),正常 → 逾期"
    assert page.page_errors == []
