"""The meeting-room screen in a real browser (Debian chromium): at 4K no sidebar and the map
covers the screen; presenter keys step the tour in the page and in the map; an overdue project
is red; type grows with the screen; a saved ledger turns a project red within seconds, without
reloading the map; on the desk page a row picked in the projects table is ringed and centred."""

import os
import time

import pytest

from dashboard import mapview
from dashboard.auth.tokens import COOKIE
from layers.projects import status_color
from tests.browser.screen_probe import FILL_OF, POLL_MS, map_frame, map_share, smallest_text, wait_tour
from tests.browser.server import ROOT, running_app
from tests.helpers import account_cookie, row, write_csv

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("signed_in")]  # the war map and its screen are internal


def open_screen(page, url: str, size=(3840, 2160)):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url + "/?mode=screen")
    frame = map_frame(page)
    wait_tour(frame)
    return frame


def fill_of(frame, layer: str, fid: str, color: str | None = None, timeout: float = 30_000) -> str:
    """The drawn fill colour of a feature, once it is drawn (and, if given, once it is `color`)."""
    want = f"=== {color!r}" if color else "!== null"
    frame.wait_for_function(f"(args) => ({FILL_OF})(args) {want}", arg=[layer, fid], timeout=timeout, polling=POLL_MS)
    return frame.evaluate(FILL_OF, [layer, fid])


def test_screen_mode_at_4k_shows_no_sidebar_and_the_map_covers_the_screen(page, server_url):
    open_screen(page, server_url)
    for testid in ("stSidebar", "stHeader", "stToolbar", "stSidebarCollapsedControl"):
        assert not page.locator(f'[data-testid="{testid}"]').is_visible(), testid
    assert map_share(page) > 0.7
    assert page.locator(".screen-top .kpi-strip").is_visible()
    assert page.page_errors == [] and page.foreign_requests == []


def test_page_down_steps_the_tour_in_the_page_and_in_the_map(page, server_url):
    frame = open_screen(page, server_url)
    caption = frame.locator(".tour-caption")
    start, n = frame.evaluate(
        "[window.tourIndex, document.querySelector('.tour-caption .tour-count').textContent.split('/')[1].trim() * 1]"
    )
    before = caption.inner_text()
    page.keyboard.press("PageDown")  # focus in the page around the map
    frame.wait_for_function(f"window.tourIndex === {(start + 1) % n}", polling=POLL_MS)
    assert caption.inner_text() != before and caption.inner_text().startswith(f"{(start + 1) % n + 1} /")
    frame.locator(".leaflet-container").press("PageUp")  # focus inside the map iframe
    frame.wait_for_function(f"window.tourIndex === {start}", polling=POLL_MS)
    assert caption.inner_text() == before
    page.keyboard.press("b")  # a clicker's "black screen" key pauses
    frame.wait_for_function("document.querySelector('.tour-caption').textContent.includes('已暂停')", polling=POLL_MS)
    assert page.page_errors == []


def test_sample_projects_are_drawn_in_their_status_as_of_the_ledgers_date(page, server_url):
    frame = open_screen(page, server_url, (1920, 1080))
    # the article gives the plan revision no deadline (its 2020 H1 is the centre's completion): a gap
    assert fill_of(frame, "projects", "sc-unicom-base") == status_color("no_deadline")
    # due 2022; the sample declares 状态基准日 2019-03-19: on track (green), not overdue as of today
    assert fill_of(frame, "projects", "park-tianjianhu") == status_color("ok")
    assert "2019-03-19" in page.locator(".kpi-asof").first.inner_text()


@pytest.mark.parametrize("size, floor", [((1920, 1080), 20), ((3840, 2160), 40)])
def test_smallest_visible_text_grows_with_the_screen(page, server_url, size, floor):
    frame = open_screen(page, server_url, size)
    fill_of(frame, "projects", "sc-unicom-base")
    smallest = smallest_text(page, frame)
    for where, (px, text, _) in smallest.items():
        assert px >= floor, f"{where}: {text!r} is {px}px at {size}"


@pytest.fixture
def live_ledger(tmp_path, page):
    """A server reading a ledger in tmp_path, checked every second, with a 3-second tour; `page`
    is signed in to it as a viewer."""
    ledger = write_csv(
        tmp_path / "projects.csv", [row(项目编号="P-1", 完成时限="2099-12-31", 经度="113.50", 纬度="34.80")]
    )
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        text.replace('path = "data/ledger"', f'path = "{ledger.as_posix()}"')
        .replace("poll_s = 5", "poll_s = 1")
        .replace("interval_s = 20", "interval_s = 3"),
        encoding="utf-8",
    )
    store = f"sqlite:///{tmp_path / 'store.sqlite3'}"  # its own: accounts and versions of its own ledger
    with running_app(env={"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": store}) as url:
        cookie = account_cookie(store, "live-viewer", "viewer")  # replaces the main server's (same host)
        page.context.add_cookies([{"name": COOKIE, "value": cookie, "url": url, "httpOnly": True, "sameSite": "Lax"}])
        yield url, ledger


def test_a_saved_deadline_turns_the_project_red_within_seconds_without_reloading_the_map(page, live_ledger):
    url, ledger = live_ledger
    frame = open_screen(page, url, (1920, 1080))
    assert fill_of(frame, "projects", "P-1") == status_color("ok")
    frame.wait_for_function("window.tourIndex >= 1", timeout=15_000, polling=POLL_MS)  # it advances by itself
    frame.evaluate("window.sameMap = true")
    groups = frame.evaluate("window.feature_group.length")
    write_csv(ledger, [row(项目编号="P-1", 完成时限="2020-01-01", 经度="113.50", 纬度="34.80")])
    os.utime(ledger, (time.time(), time.time() + 2))
    saved = time.monotonic()
    assert fill_of(frame, "projects", "P-1", status_color("overdue"), timeout=20_000)
    print(f"red {time.monotonic() - saved:.1f}s after the save")
    assert frame.evaluate("window.sameMap === true"), "the overlays were swapped, the map not reloaded"
    assert frame.evaluate("window.feature_group.length") == groups, "swapped-out overlays are let go"
    assert page.locator(".screen-top .st-overdue .kpi-n").inner_text() == "1"
    assert page.page_errors == []


def test_picking_a_table_row_rings_the_project_on_the_map_and_centres_it(page, server_url):
    page.goto(server_url + "/?basemap=offline")
    frame = map_frame(page)
    grid = page.locator('[data-testid="stDataFrame"]').first  # the projects table (the 招商载体 list comes after it)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # the second row (park-tianjianhu in the sample ledger): Streamlit 1.67 draws the table on a
    # canvas, 35-px rows under a 35-px header, the selection box in the first 36 px
    page.mouse.click(box["x"] + 18, box["y"] + 35 * 2 + 17)
    panel = page.locator(".project-panel")
    panel.wait_for(timeout=30_000)
    assert "郑州天健湖大数据产业园一期" in panel.inner_text() and "郑州控股、高新投建" in panel.inner_text()
    ring = """() => Object.values(window.map._layers).find(l => l.feature && l._map &&
        l.feature.properties.id === 'park-tianjianhu' && l.options.color === '%s')"""
    ring %= mapview.SELECTION_COLOR
    frame.wait_for_function(f"!!({ring})()", timeout=30_000, polling=POLL_MS)
    frame.wait_for_function(
        f"""() => {{ const c = window.map.getCenter(), p = ({ring})().getLatLng();
        return Math.abs(c.lat - p.lat) < 1e-4 && Math.abs(c.lng - p.lng) < 1e-4; }}""",
        timeout=30_000,
        polling=POLL_MS,
    )
    assert page.page_errors == []
