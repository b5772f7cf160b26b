"""The meeting-room screen tried at the sizes a meeting room has (1366×768 projector to 3840×2160), in
Chinese and English: every tour caption and strip label is whole on screen (inside the viewport, not
clipped), the legend leaves the map to the map (≤ 8 % of it at every stop), and a stop labels its own
features by name (and no others)."""

import pytest

from tests.browser.screen_probe import CLIPPED, MAP_LABELS, POLL_MS, clipped, legend_share, map_frame, wait_tour

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (1920, 1080), (3840, 2160)]
LEGEND_SHOWN = "(() => { const l = document.querySelector('.map-legend'); return !!l && l.offsetHeight > 0; })()"


def open_screen(page, url: str, size, lang: str):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{url}/?mode=screen&lang={lang}")
    frame = map_frame(page)
    wait_tour(frame)
    return frame


def stop_count(frame) -> int:
    return frame.evaluate("document.querySelector('.tour-caption .tour-count').textContent.split('/')[1].trim() * 1")


def each_stop(page, frame):
    """Step the tour through every stop (PageDown, as a presenter's clicker), yielding each index."""
    n, start = stop_count(frame), frame.evaluate("window.tourIndex")
    page.keyboard.press("b")  # paused: the tour's own timer must not step it under the test
    for k in range(n):
        index = (start + k) % n
        frame.wait_for_function(f"window.tourIndex === {index}", polling=POLL_MS)
        yield index
        page.keyboard.press("PageDown")


def check_every_stop(page, frame, size):
    assert clipped(page, frame) == [], f"strips at {size}"
    for index in each_stop(page, frame):
        assert frame.evaluate(CLIPPED, MAP_LABELS) == [], f"caption of stop {index + 1} at {size}"
        frame.wait_for_function(LEGEND_SHOWN, polling=POLL_MS)
        share = legend_share(frame)
        assert 0 < share <= 0.08, f"legend covers {share:.1%} of the map at stop {index + 1}, {size}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_internal_screen_captions_and_strips_fit_and_the_legend_is_compact(signed_in, server_url, size, lang):
    frame = open_screen(signed_in, server_url, size, lang)
    assert signed_in.locator(".screen-top .kpi").count() == 6, "the internal screen: the KPI tiles are there"
    check_every_stop(signed_in, frame, size)
    assert signed_in.page_errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_public_screen_fits_at_the_smallest_size(page, server_url, lang):
    frame = open_screen(page, server_url, (1366, 768), lang)
    check_every_stop(page, frame, (1366, 768))
    assert page.page_errors == []


def labels(frame) -> list[tuple[str, float]]:
    """The stop's labels: (name, font size px)."""
    return frame.evaluate(
        "[...document.querySelectorAll('.tour-label')].map(e => [e.firstChild.textContent, "
        "parseFloat(getComputedStyle(e).fontSize)])"
    )


def test_a_stop_labels_its_own_features_and_shows_its_legend_rows(page, server_url):
    frame = open_screen(page, server_url, (1920, 1080), "zh")
    seen = {}
    for _ in each_stop(page, frame):
        caption = frame.locator(".tour-caption .tour-text").inner_text()
        legend = frame.evaluate(
            "[...document.querySelectorAll('.map-legend .lg-layer')].filter(e => e.style.display !== 'none')"
            ".map(e => e.dataset.layer)"
        )
        seen[caption] = (labels(frame), legend)
    firms, legend = next(v for k, v in seen.items() if "新华三" in k)
    assert sorted(n for n, _ in firms) == sorted(
        ["新华三大数据公司", "威科姆", "汉威科技集团", "郑州信大先进技术研究院"]
    )
    assert all(px >= 26 for _, px in firms), f"labels large enough for the back of the room: {firms}"
    assert legend == ["enterprises"], "only the firms' rows in the legend at their stop"
    candidate = [n for n, _ in next(v for k, v in seen.items() if "7号楼" in k)[0]]
    assert any("联通" in x for x in candidate) and any("7号楼" in x for x in candidate), candidate
    assert not any("郑州大学" in x for x in candidate), "a feature the stop is not about gets no label"
