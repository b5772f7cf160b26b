"""The investor brief: what a visitor reads in the PDF (extracted with poppler's pdftotext) and sees
in the PNG; built from the public view only, whatever catalog it is handed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from dashboard import audience, brief, candidates, catalog, config
from dashboard.brief import content, fonts
from dashboard.facts import Fact, source_label
from dashboard.selection import Selection

MARKER = "INTERNAL-MARKER-7f3a"
TODAY = dt.date(2026, 11, 26)
B7 = Selection("supercomputing", "sc-building-7")


@pytest.fixture(scope="module")
def full_cat() -> catalog.Catalog:
    return catalog.load_catalog(config.load(config.DEFAULT_PATH))


@pytest.fixture(scope="module")
def public(full_cat) -> catalog.Catalog:
    return audience.view(full_cat, "public")


@pytest.fixture(scope="module")
def opts(public) -> brief.Options:
    comp = candidates.load(config.ROOT / "data" / "candidates.toml", public.facts)
    return brief.Options("https://map.example.cn/htz/", comparison=comp, today=TODAY)


def pdftext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def poppler(tool: str, pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


def pages(pdf: bytes, tmp_path: Path) -> int:
    info = poppler("pdfinfo", pdf, tmp_path)
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def flat(text: str) -> str:
    """pdftotext wraps lines where the page does: compare without whitespace."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_names_every_fact_with_its_source_and_date(public, opts, tmp_path, lang):
    pdf = brief.pdf_bytes(public, B7, (lang,), opts)
    text = flat(pdftext(pdf, tmp_path))
    assert flat("7号楼(拟选址)") in text and flat("Building 7 (candidate)") in text  # both names
    for fact in public.facts.for_feature("sc-building-7"):
        assert flat(fact.zh if lang == "zh" else fact.en) in text
        assert flat(source_label(fact.source, lang)) in text
        assert flat(fact.date) in text
    assert flat("非原文" if lang == "zh" else "not from the article") in text  # the outside fact is marked
    assert flat("待核实" if lang == "zh" else "to be confirmed") in text
    assert "2026-11-26" in text  # the date it was made
    assert f"https://map.example.cn/htz/?select=supercomputing/sc-building-7&lang={lang}" in text
    assert pages(pdf, tmp_path) == 1


def test_pdf_in_both_languages_has_two_pages(public, opts, tmp_path):
    pdf = brief.pdf_bytes(public, Selection("parks", "park-tianjianhu"), ("zh", "en"), opts)
    assert pages(pdf, tmp_path) == 2
    text = flat(pdftext(pdf, tmp_path))
    assert flat("引入大数据龙头企业") in text and flat("Leading big-data enterprises attracted") in text
    assert "lang=zh" in text and "lang=en" in text


def test_pdf_embeds_its_font_and_its_images(public, opts, tmp_path):
    pdf = brief.pdf_bytes(public, B7, ("zh",), opts)
    font_rows = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert font_rows, "the PDF names its fonts"
    for row in font_rows:
        assert "NotoSansCJK" in row
        assert row.split()[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a unicode map
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "brief.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    widths = sorted(int(r.split()[3]) for r in images)
    assert len(widths) == 2 and widths[-1] == 1080  # the map snapshot and the QR code


def test_candidate_buildings_compared_in_the_brief(public, opts, tmp_path):
    text = flat(
        pdftext(brief.pdf_bytes(public, Selection("supercomputing", "sc-building-11"), ("en",), opts), tmp_path)
    )
    assert flat("Candidate buildings side by side") in text
    for name in ("Storey height", "Floor load capacity", "Number of floors", "Distance to the campus substation"):
        assert all(word in text for word in name.split()), name  # a table cell may wrap its words
    assert flat("Building 7 (candidate)") in text  # the other building is in the comparison too


def test_brief_never_carries_internal_values(full_cat, opts, tmp_path):
    """A catalog whose internal layer and internal fact carry a marker: the public view's brief has
    none of it, and the brief refuses the catalog itself."""
    internal_fact = Fact(
        "reported", MARKER, MARKER, next(iter(full_cat.facts.sources.values())), "2019", audience="internal"
    )
    by_feature = {**full_cat.facts.by_feature}
    by_feature["sc-building-7"] = [*by_feature["sc-building-7"], internal_fact]
    parks = full_cat.layers["parks"]
    secret = dataclasses.replace(
        parks,
        spec=dataclasses.replace(parks.spec, id="secret", audience="internal"),
        gdf=parks.gdf.assign(name_zh=MARKER, name_en=MARKER),
    )
    marked = dataclasses.replace(full_cat, facts=dataclasses.replace(full_cat.facts, by_feature=by_feature))
    marked = marked.with_layer(secret)
    with pytest.raises(brief.NotPublic):
        brief.pdf_bytes(marked, B7, ("zh",), opts)
    public = audience.view(marked, "public")
    for sel in (B7, None):
        assert MARKER not in pdftext(brief.pdf_bytes(public, sel, ("zh", "en"), opts), tmp_path)
        assert MARKER not in content.gather(public, sel, "en").text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_png_is_1080_wide_for_messaging_apps(public, opts, lang):
    im = Image.open(io.BytesIO(brief.png_bytes(public, B7, lang, opts)))
    assert im.format == "PNG" and im.width == 1080
    assert 1200 < im.height < 4000  # the map, the facts, the comparison and the QR code


def test_overview_brief_when_nothing_is_selected(public, opts, tmp_path):
    text = flat(pdftext(brief.pdf_bytes(public, None, ("zh",), opts), tmp_path))
    assert flat("郑州高新区 · 资产一张图") in text
    assert "https://map.example.cn/htz/?lang=zh" in text
    assert flat("引入大数据相关企业") in text  # the sourced targets


def test_missing_font_is_a_message(monkeypatch, public, tmp_path):
    monkeypatch.setattr(fonts, "DIRS", (str(tmp_path),))
    with pytest.raises(brief.FontMissing, match="fonts-noto-cjk"):
        brief.pdf_bytes(public, B7, ("zh",))


def test_public_link_keeps_the_base_url():
    assert content.public_link("http://intranet:8501", B7, "en") == (
        "http://intranet:8501/?select=supercomputing/sc-building-7&lang=en"
    )
    assert content.public_link("https://x.cn/map/", None, "zh") == "https://x.cn/map/?lang=zh"


def _site_catalog(public: catalog.Catalog, demo: bool) -> catalog.Catalog:
    """The public view with the first site renamed and its basis reworded, so nothing but its
    `demo` flag can put 演示数据 / demo into the brief."""
    data = public.layers["sites"]
    gdf = data.gdf.copy()
    gdf.loc[gdf.index[0], ["name_zh", "name_en", "basis", "basis_en", "demo"]] = [
        "沟赵地块",
        "Gouzhao parcel",
        "示意",
        "sketch",
        demo,
    ]
    return public.with_layer(dataclasses.replace(data, gdf=gdf))


@pytest.mark.parametrize("lang,badge,note", [("zh", "〔演示数据〕", "此为演示数据"), ("en", "[demo]", "Demo data:")])
def test_a_demo_site_is_badged_in_the_brief_and_a_real_one_is_not(public, opts, tmp_path, lang, badge, note):
    sel = Selection("sites", str(public.layers["sites"].gdf["id"].iloc[0]))
    text = flat(pdftext(brief.pdf_bytes(_site_catalog(public, True), sel, (lang,), opts), tmp_path))
    assert flat(badge) in text and flat(note) in text
    assert flat("用途" if lang == "zh" else "Use") in text, "the site's own rows are in the brief"
    real = flat(pdftext(brief.pdf_bytes(_site_catalog(public, False), sel, (lang,), opts), tmp_path))
    assert flat(badge) not in real and flat(note) not in real
    overview = content.gather(_site_catalog(public, True), None, lang).text()
    assert ("沟赵地块〔演示数据〕" if lang == "zh" else "Gouzhao parcel [demo]") in overview
