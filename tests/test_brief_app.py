"""The investor brief on the page: the button in the panel gives a PDF and a PNG to download, the
candidate buildings' card shows under either building, a missing font is a message."""

from __future__ import annotations

from dashboard.brief import fonts
from tests.helpers import html_text, run


def downloads(at) -> dict:
    return {d.proto.label: d for d in at.get("download_button")}


def test_button_gives_pdf_and_png_of_the_selected_building():
    at = run({"select": "supercomputing/sc-building-7"})
    assert "生成招商简介" in [b.label for b in at.button]
    assert not [k for k in downloads(at) if "PDF" in k]  # nothing is made before the button is pressed
    at.button(key="brief").click().run(timeout=120)
    assert not at.exception and not at.error
    labels = list(downloads(at))
    assert "下载 PDF(A4)" in labels and "下载图片(PNG,1080 像素宽)" in labels


def test_comparison_card_under_either_candidate_building_only():
    for fid in ("sc-building-7", "sc-building-11"):
        page = html_text(run({"select": f"supercomputing/{fid}", "lang": "en"}))
        assert "Candidate buildings side by side" in page and "Distance to the campus substation" in page
    assert 'class="compare"' not in html_text(run({"select": "parks/park-gouzhao"}))


def test_missing_font_is_said_not_thrown(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "DIRS", (str(tmp_path),))
    at = run({"select": "parks/park-tianjianhu", "lang": "en"})
    at.button(key="brief").click().run(timeout=120)
    assert not at.exception
    assert any("fonts-noto-cjk" in e.value for e in at.error)
