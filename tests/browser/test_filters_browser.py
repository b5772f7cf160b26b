"""Layer filters in a real browser (issue 13): a firm filter in the sidebar and a projects-table
filter change what the map draws — counted on the map itself — while the map stays the same
Leaflet map (not re-created: a mark set on it before the filter is still there after)."""

import datetime as dt

import pytest
from playwright.sync_api import Error as PlaywrightError

from dashboard import catalog, config, ledger, warmap
from tests.browser.test_core_browser import DRAWN, map_frame, wait_drawn

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("signed_in")]  # the projects are internal


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the multiselect labelled `label` with real clicks. The open list is drawn
    again when a rerun of the page reaches the browser meanwhile: then it is opened again."""
    for _attempt in range(5):
        page.get_by_role("combobox", name=label, exact=True).click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
        except PlaywrightError:
            page.keyboard.press("Escape")
            continue
        page.keyboard.press("Escape")
        return
    raise AssertionError(f"{option!r} could not be picked in {label!r}")


def on_track_on_map() -> list[str]:
    """What the table filtered to 正常 holds that has a place on the map, computed as the page does."""
    cfg = config.load(config.DEFAULT_PATH)
    cat = catalog.load_catalog(cfg)
    fids = tuple(sorted(warmap.map_feature_ids(cat.layers)))
    led = ledger.load_ledger(warmap.ledger_file(cfg), today=dt.date.today(), feature_ids=fids, bbox=cfg["data"]["bbox"])
    rows = warmap.filter_rows(led.rows, status=["ok"])
    return sorted(warmap.drawn_at(warmap.project_layer(rows, cat.layers)))


def test_a_filter_changes_the_features_drawn_and_keeps_the_map(page, server_url):
    page.goto(server_url + "/?basemap=offline")
    frame = map_frame(page)
    before = wait_drawn(frame, "d.enterprises && d.enterprises.length === 4 && d.projects")
    frame.evaluate("() => { window.map._filterMark = 'kept'; }")

    page.get_by_text("企业与机构筛选").click()  # the sidebar expander
    choose(page, "产业链环节", "北斗导航")
    drawn = wait_drawn(frame, "d.enterprises && d.enterprises.length === 1")
    assert drawn["enterprises"] == ["ent-vkom"]
    assert sorted(drawn["projects"]) == sorted(before["projects"]), "the other layers stay"

    choose(page, "状态", "正常")
    drawn = wait_drawn(frame, f"d.projects && d.projects.length < {len(before['projects'])}")
    assert drawn["projects"] and set(drawn["projects"]) < set(before["projects"])
    assert sorted(drawn["projects"]) == on_track_on_map(), "the map draws the table's projects that have a place"
    assert drawn["enterprises"] == ["ent-vkom"], "the firm filter holds"

    assert frame.evaluate("() => window.map._filterMark") == "kept", "the same Leaflet map: not re-created"
    assert frame.evaluate(DRAWN)["parks"], "parks still drawn"
    assert page.page_errors == []
