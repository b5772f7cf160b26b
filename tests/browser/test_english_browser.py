"""The visitor's English is English: in the public view with ?lang=en no text a visitor can see is
Chinese only. Real chromium at 1920×1080: the page loads, features are clicked with the mouse
(parks, buildings, firms: every drawn feature, the tooltip under the pointer included), the zone
is picked in the search box (its open list is read too), the zone is downloaded, and the sign-in
form is opened. After each step every visible text node of the page and of the map iframe is
read (closed <details>, hidden elements and 1-px screen-reader text are skipped).

A text with Chinese characters passes if it also holds Latin letters (e.g. "Source text (原文)"),
or if it is a proper name whose English name is visible on the page at the same time (the panel
shows "Gouzhao Park" with 沟赵园区 beside it), or it is the language switch's 中文.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import catalog, config, ledger, warmap
from tests.browser.test_audience_browser import CLICK_POINTS
from tests.browser.test_core_browser import MAP_FRAME, map_frame, wait_drawn
from tests.browser.visible_text import CJK, chinese_only, texts

pytestmark = pytest.mark.browser

CFG = config.load(config.DEFAULT_PATH)
CAT = catalog.load_catalog(CFG)
LEDGER = ledger.load_ledger(warmap.ledger_file(CFG), feature_ids=tuple(warmap.map_feature_ids(CAT.layers)))
PUBLIC_ROWS = LEDGER.rows[LEDGER.rows["audience"] == "public"]
DISTRICTS = json.loads((config.ROOT / "data/geo/zhengzhou_districts.geojson").read_text(encoding="utf-8"))
# proper names and their English names: every map feature, every project a visitor may see, every
# district of the offline basemap
PROPER = (
    {row["name_zh"]: row["name_en"] for d in CAT.layers.values() for row in d.gdf.to_dict("records")}
    | dict(zip(PUBLIC_ROWS["name"], PUBLIC_ROWS["name_en"], strict=True))
    | {f["properties"]["name"]: f["properties"]["name_en"] for f in DISTRICTS["features"]}
)
# a language's name in its own script: the language switch offers 中文 to a Chinese reader
ALLOWED = {"中文"}


def visible(page) -> list[str]:
    """Every visible text of the page and its frames (the map), and the tab title."""
    found = [page.title()]
    for frame in page.frames:
        found += [t["text"] for t in texts(frame)]
    return found


def chinese_only_texts(shown: list[str]) -> list[str]:
    """Texts a reader of English cannot read, by the rule in this module's docstring."""
    everything = "\n".join(shown)
    return sorted(
        {s for s in shown if chinese_only(s) and s not in ALLOWED and not (s in PROPER and PROPER[s] in everything)}
    )


def test_the_rule_flags_a_chinese_only_text_and_passes_a_name_beside_its_english():
    assert chinese_only_texts(["图例", "Legend"]) == ["图例"]
    assert chinese_only_texts(["沟赵园区", "Gouzhao Park"]) == []
    assert chinese_only_texts(["沟赵园区"]) == ["沟赵园区"], "a name without its English is Chinese only"
    assert chinese_only_texts(["Source text (原文)", "中文"]) == []


def click_features(page, steps: dict[str, list[str]]) -> None:
    """Click every drawn feature where Leaflet drew it; read the page after each click."""
    frame = map_frame(page)
    box = page.query_selector(MAP_FRAME).bounding_box()
    for key, x, y in frame.evaluate(CLICK_POINTS):
        if 0 < x < box["width"] and 0 < y < box["height"]:
            page.mouse.click(box["x"] + x, box["y"] + y)
            page.locator(".panel").first.wait_for(timeout=30_000)
            page.wait_for_timeout(300)  # let the rerun's panel replace the previous one (not asserted on)
            steps[f"clicked {key}"] = visible(page)


def test_the_public_english_view_shows_no_chinese_only_text(page, server_url, tmp_path):
    page.goto(server_url + "/?basemap=offline&lang=en")
    frame = map_frame(page)
    wait_drawn(frame, "d.parks && d.supercomputing && d.radiation && d.enterprises")
    page.get_by_text("Find a feature").first.wait_for(timeout=30_000)
    steps: dict[str, list[str]] = {"loaded": visible(page)}
    click_features(page, steps)
    assert len(steps) >= 9, list(steps)

    page.locator('[data-testid="stSelectbox"]', has_text="Find a feature").click()
    page.keyboard.type("Radiation")
    option = page.get_by_role("option", name=re.compile("^Radiation zone of"))
    option.wait_for(timeout=30_000)
    steps["search box open"] = visible(page)
    option.click()
    expect(page.locator(".panel")).to_contain_text("Radiation zone of", timeout=30_000)
    steps["zone picked"] = visible(page)

    with page.expect_download(timeout=120_000) as dl:
        page.get_by_role("button", name=re.compile("Download the zone")).click()
    name = dl.value.suggested_filename
    download = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    props = [str(v) for f in download["features"] for v in f["properties"].values()]
    steps[f"download {name}"] = [name, *props]

    page.locator("a", has_text=re.compile("Sign in")).first.click()
    page.wait_for_url("**/signin?*")
    steps["sign-in form"] = visible(page)

    bad = {step: found for step, shown in steps.items() if (found := chinese_only_texts(shown))}
    assert bad == {}, "Chinese-only text in the English view:\n" + json.dumps(bad, ensure_ascii=False, indent=1)
    assert CJK.search(" ".join(steps["loaded"])), "the check saw the page (the language switch says 中文)"
    assert page.page_errors == []
