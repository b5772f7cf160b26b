"""The weekly meeting in a real browser (ui/weeks.py): playing back three kept ledger versions
changes the drawn statuses without reloading the map, and the KPI strip follows; the weeks'
charts draw their Chinese labels with the CJK font and ask the internet for nothing."""

import datetime as dt

import pytest

from dashboard.auth.tokens import COOKIE
from dashboard.store import LEDGER, open_store
from layers.projects import status_color
from tests.browser.screen_probe import FILL_OF, POLL_MS, map_frame
from tests.browser.server import ROOT, running_app
from tests.helpers import account_cookie, row, write_csv

pytestmark = pytest.mark.browser  # all of it is internal: `served` signs the page in

SOON = (dt.date.today() + dt.timedelta(days=10)).isoformat()  # due in 10 days at 10 %: at risk
P1 = {"项目编号": "P-1", "经度": "113.50", "纬度": "34.80"}
P2 = {"项目编号": "P-2", "经度": "113.52", "纬度": "34.81", "完成时限": "2020-01-01"}

# the chart font draws 逾期 as glyphs: its pixels differ from two unassigned code points (both tofu)
DRAWS_CJK = """(font) => {
  const ink = (text) => { const c = document.createElement('canvas'); c.width = 80; c.height = 30;
    const g = c.getContext('2d'); g.font = '20px ' + font; g.fillText(text, 2, 22);
    return Array.from(g.getImageData(0, 0, 80, 30).data).join(','); };
  return ink('逾期') !== ink('\\u0378\\u0379') && ink('逾期') !== ink('');
}"""


@pytest.fixture(scope="module")
def three_versions(tmp_path_factory):
    """A server whose store keeps v1 (P-1 overdue), v2 (P-1 at risk) and the file, v3 (P-1 on
    track, P-2 overdue), taken in on the first run."""
    tmp = tmp_path_factory.mktemp("weeks")
    url = f"sqlite:///{tmp / 'store.sqlite3'}"
    store = open_store(url)
    for n, kw in ((1, {"完成时限": "2020-01-01"}), (2, {"完成时限": SOON, "当前进度(%)": "10"})):
        raw = write_csv(tmp / f"v{n}.csv", [row(**P1, **kw)]).read_bytes()
        store.publish_ledger(raw, by="test", source_name="projects.csv", base=store.current_version(LEDGER))
    ledger = write_csv(tmp / "projects.csv", [row(**P1, 完成时限="2099-12-31"), row(**P2)])
    cfg = tmp / "config.toml"
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    cfg.write_text(text.replace('path = "data/ledger"', f'path = "{ledger.as_posix()}"'), encoding="utf-8")
    with running_app(env={"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": url}) as served:
        yield served, account_cookie(url, "weeks-viewer", "viewer")  # its own store: its own accounts


@pytest.fixture
def served(page, three_versions) -> str:
    """The three-version server's URL, with `page` signed in on it as a viewer."""
    url, cookie = three_versions
    page.context.add_cookies([{"name": COOKIE, "value": cookie, "url": url, "httpOnly": True, "sameSite": "Lax"}])
    return url


def fill_is(frame, fid: str, color: str | None) -> None:
    want = "=== null" if color is None else f"=== {color!r}"
    frame.wait_for_function(
        f"(args) => ({FILL_OF})(args) {want}", arg=["projects", fid], timeout=30_000, polling=POLL_MS
    )


def overdue_tile(page) -> str:
    return page.locator(".kpi-strip .st-overdue .kpi-n").first.inner_text()


def test_playback_of_three_versions_redraws_the_statuses_without_reloading_the_map(page, served):
    page.goto(served + "/?basemap=offline")
    frame = map_frame(page)
    fill_is(frame, "P-2", status_color("overdue"))
    fill_is(frame, "P-1", status_color("ok"))
    frame.evaluate("window.sameMap = true")
    slider = page.get_by_role("slider", name="回放台账版本")
    slider.focus()
    page.keyboard.press("Home")  # v1
    fill_is(frame, "P-1", status_color("overdue"))
    fill_is(frame, "P-2", None)  # not in the ledger yet
    page.locator('[data-testid="stAlert"]', has_text="v1").wait_for(timeout=30_000)
    assert overdue_tile(page) == "1"
    slider.focus()
    page.keyboard.press("ArrowRight")  # v2
    fill_is(frame, "P-1", status_color("at_risk"))
    page.wait_for_function("() => document.querySelector('.kpi-strip .st-overdue .kpi-n').textContent === '0'")
    slider.focus()
    page.keyboard.press("End")  # now
    fill_is(frame, "P-1", status_color("ok"))
    fill_is(frame, "P-2", status_color("overdue"))
    assert frame.evaluate("window.sameMap === true"), "the projects were swapped, the map not reloaded"
    assert page.page_errors == []


def test_the_weeks_charts_draw_chinese_labels_and_ask_the_internet_for_nothing(page, served):
    page.goto(served + "/?basemap=offline")
    map_frame(page)
    page.get_by_text("每周图表与台账返还").click()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(3).locator("canvas, svg").first.wait_for(timeout=60_000)
    assert charts.count() == 4
    assert page.evaluate(DRAWS_CJK, '"Noto Sans CJK SC", sans-serif'), "install fonts-noto-cjk"
    page.get_by_role("button", name="下载督办清单(.xlsx)").first.wait_for()
    assert page.foreign_requests == [], page.foreign_requests
    assert page.page_errors == []
