"""Printing the page (Ctrl+P) in a real browser: one A4 landscape page with the map and the panel
side by side, and no sidebar, no widgets."""

import subprocess

import pytest

from tests.browser.test_core_browser import MAP_FRAME, map_frame

pytestmark = pytest.mark.browser


def test_print_is_one_landscape_page_of_map_and_panel(page, server_url, tmp_path):
    page.goto(server_url + "/?select=supercomputing/sc-building-7&basemap=offline")
    map_frame(page)
    page.wait_for_selector(".panel", timeout=120_000)
    assert page.locator('[data-testid="stSidebar"]').is_visible()  # on screen: the sidebar is there
    page.set_viewport_size({"width": 1047, "height": 740})  # the printable width of A4 landscape (277 mm)
    page.emulate_media(media="print")
    for hidden in ('[data-testid="stSidebar"]', '[data-testid="stSelectbox"]', '[data-testid="stButton"]'):
        assert page.locator(hidden).first.is_hidden(), hidden
    map_box = page.locator(MAP_FRAME).bounding_box()
    panel_box = page.locator(".panel").bounding_box()
    assert map_box and panel_box
    assert panel_box["x"] >= map_box["x"] + map_box["width"] - 1  # side by side, the panel right of the map
    assert panel_box["y"] < map_box["y"] + map_box["height"]
    assert map_box["x"] + map_box["width"] <= 1047  # the map keeps to the page

    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           1" in info
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
