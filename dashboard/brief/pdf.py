"""The brief as an A4 PDF (fpdf2): one page per language, Noto Sans CJK SC embedded as a subset.

A page holds the title in both languages, the map snapshot, the 示意 note, the feature's rows,
every public fact with its source and date (targets beside what is known, 待核实 where the source
is silent), the candidate buildings' comparison where it applies, the date it was made and a QR
code of the public link with the link printed under it. Long briefs shrink to fit their page.
"""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from dashboard.brief import fonts
from dashboard.brief.content import Brief
from dashboard.brief.fonts import CjkFont
from dashboard.strings import t

FONT = "NotoSansSC"
SCALES = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6)  # type and map shrink in these steps until a page fits
GREY, RED, INK = (110, 110, 110), (179, 38, 30), (20, 20, 20)
MARGIN, QR_MM = 12.0, 26.0


def _new_pdf(font: CjkFont, text: str) -> FPDF:
    """One weight only (a second would double the time): headings differ by size and colour.
    The GB2312 subset made once when it covers every character, else the whole collection."""
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    if fonts.covered(text):
        pdf.add_font(FONT, "", str(fonts.make_subset(font)))
    else:
        pdf.add_font(FONT, "", str(font.regular), collection_font_number=font.face)
    pdf.set_title("Investor brief / 招商简介")
    pdf.set_creator("郑州高新区资产一张图")
    return pdf


def _text(pdf: FPDF, text: str, size: float, s: float, color=INK, h: float = 1.45, fill: bool = False) -> None:
    """A paragraph; Chinese wraps at any character (it has no spaces to break at)."""
    pdf.set_font(FONT, "", size * s)
    pdf.set_text_color(*color)
    wrap = WrapMode.CHAR if any("\u4e00" <= ch <= "\u9fff" for ch in text) else WrapMode.WORD
    pdf.multi_cell(
        0, size * s * 0.3528 * h, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=wrap, fill=fill, align="L"
    )


def _head(pdf: FPDF, b: Brief, s: float) -> None:
    _text(pdf, f"{t('brief_kicker', b.lang)}    {b.made}", 8, s, color=GREY)
    _text(pdf, b.name, 19, s, color=(10, 40, 90))
    if b.other_name:
        _text(pdf, b.other_name, 12, s, color=(60, 60, 60))
    _text(pdf, f"{t('layer_label', b.lang)}: {b.layer}", 8.5, s, color=GREY)


def _snapshot(pdf: FPDF, png: bytes, s: float) -> None:
    width = (pdf.w - 2 * MARGIN) * s
    pdf.ln(1)
    pdf.image(io.BytesIO(png), x=MARGIN + (pdf.w - 2 * MARGIN - width) / 2, w=width)
    pdf.ln(1.5)


def _note(pdf: FPDF, b: Brief, s: float) -> None:
    if b.approx:
        pdf.set_fill_color(255, 248, 225)
        _text(pdf, b.approx, 8, s, color=(110, 80, 0), fill=True)
        pdf.ln(1)
    for label, value in b.rows:
        _text(pdf, f"{label}: {value}", 8.5, s)


def _facts(pdf: FPDF, b: Brief, s: float) -> None:
    if not b.facts:
        return
    _text(pdf, t("brief_facts", b.lang), 11, s)
    for f in b.facts:
        _text(pdf, f"[{f.kind}] {f.text}", 9, s, color=RED if f.tbc else INK, h=1.4)
        if f.target is not None:
            known = f"{t('known', b.lang)}: {f.known}"
            _text(pdf, f"    {t('target', b.lang)}: {f.target}    {known}", 9, s, color=(0, 60, 40), h=1.4)
        _text(pdf, f.source, 7, s, color=GREY, h=1.35)
        pdf.ln(0.8 * s)


def _comparison(pdf: FPDF, b: Brief, s: float) -> None:
    tab = b.comparison
    if tab is None:
        return
    pdf.ln(1)
    _text(pdf, tab.title, 11, s)
    pdf.set_font(FONT, "", 7.5 * s)
    pdf.set_text_color(*INK)
    widths = (30, 25, 25, pdf.w - 2 * MARGIN - 80)
    head = FontFace(emphasis="", fill_color=(238, 238, 238))  # no bold face is embedded
    with pdf.table(
        col_widths=widths,
        line_height=7.5 * s * 0.3528 * 1.35,
        first_row_as_headings=True,
        headings_style=head,
        text_align="LEFT",
    ) as table:
        for cells in (tab.header, *tab.rows):
            row = table.row()
            for c in cells:
                row.cell(c)
    _text(pdf, tab.footer, 7, s, color=GREY)


def _qr(pdf: FPDF, b: Brief, qr_png: bytes, s: float) -> None:
    """QR at the foot, the link printed beside it (a reader can type it) and the public-only line."""
    if pdf.get_y() > pdf.h - MARGIN - QR_MM - 2:
        pdf.add_page()
    y = pdf.h - MARGIN - QR_MM
    pdf.image(io.BytesIO(qr_png), x=MARGIN, y=y, w=QR_MM, h=QR_MM)
    pdf.set_xy(MARGIN + QR_MM + 3, y + 3)
    pdf.set_left_margin(MARGIN + QR_MM + 3)
    _text(pdf, t("brief_link", b.lang), 9, 1.0)
    _text(pdf, b.link, 8, 1.0, color=(0, 70, 140))
    _text(pdf, t("brief_public_only", b.lang), 7, 1.0, color=GREY)
    pdf.set_left_margin(MARGIN)


def _body(pdf: FPDF, b: Brief, snap: bytes, s: float) -> None:
    _head(pdf, b, s)
    _snapshot(pdf, snap, s)
    _note(pdf, b, s)
    _facts(pdf, b, s)
    _comparison(pdf, b, s)


def _fits(pdf: FPDF, b: Brief, snap: bytes, s: float) -> bool:
    """Whether the page at scale `s` leaves room for the QR block (dry run, nothing drawn)."""
    with pdf.offset_rendering() as dummy:
        page = dummy.page
        _body(dummy, b, snap, s)  # type: ignore[arg-type]  # a recorder stands in for the FPDF
        return dummy.page == page and dummy.get_y() <= pdf.h - MARGIN - QR_MM - 2


def render(pages: list[tuple[Brief, bytes, bytes]], font: CjkFont) -> bytes:
    """One A4 page per (brief, map PNG, QR PNG): zh, en or both."""
    pdf = _new_pdf(font, "".join(b.text() + t("brief_public_only", b.lang) for b, _, _ in pages))
    for b, snap, qr in pages:
        pdf.add_page()
        s = next((s for s in SCALES if _fits(pdf, b, snap, s)), SCALES[-1])
        _body(pdf, b, snap, s)
        _qr(pdf, b, qr, s)
    return bytes(pdf.output())
