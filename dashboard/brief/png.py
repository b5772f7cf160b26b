"""The brief as one PNG, 1080 px wide, for messaging apps: the PDF page's content, condensed
(the comparison as lines instead of a table), drawn with Pillow in Noto Sans CJK SC."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw, ImageFont

from dashboard.brief.content import Brief
from dashboard.brief.fonts import CjkFont
from dashboard.strings import t

WIDTH, PAD, MAX_HEIGHT = 1080, 44, 8000
INK, GREY, RED, LINK = (20, 20, 20), (110, 110, 110), (179, 38, 30), (0, 70, 140)
# a Latin word with its trailing space is one token; every other character (hanzi, punctuation) is one
_TOKENS = re.compile(r"[^\s\u2e80-\uffff]+\s*|\s+|.")


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines, line = [], ""
    for tok in _TOKENS.findall(text):
        if line and font.getlength((line + tok).rstrip()) > width:
            lines.append(line.rstrip())
            line = tok.lstrip()
        else:
            line += tok
    return [*lines, line.rstrip()] if line.strip() else lines


class _Canvas:
    def __init__(self, font: CjkFont):
        self.img = Image.new("RGB", (WIDTH, MAX_HEIGHT), "white")
        self.draw = ImageDraw.Draw(self.img)
        self.font = font
        self.y = PAD

    def face(self, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(self.font.bold if bold else self.font.regular), size, index=self.font.face)

    def text(self, text: str, size: int, color=INK, bold: bool = False, x: int = PAD, gap: int = 6) -> None:
        face = self.face(size, bold)
        for line in wrap(text, face, WIDTH - x - PAD):
            self.draw.text((x, self.y), line, font=face, fill=color)
            self.y += int(size * 1.4)
        self.y += gap

    def image(self, png: bytes, x: int = 0, width: int = WIDTH) -> None:
        im = Image.open(io.BytesIO(png)).convert("RGB")
        im = im.resize((width, round(im.height * width / im.width)))
        self.img.paste(im, (x, self.y))
        self.y += im.height + 16

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.img.crop((0, 0, WIDTH, min(self.y + PAD, MAX_HEIGHT))).save(buf, format="PNG", optimize=True)
        return buf.getvalue()


def _comparison(c: _Canvas, b: Brief) -> None:
    tab = b.comparison
    if tab is None:
        return
    c.text(tab.title, 30, bold=True)
    for row in tab.rows:
        values = " · ".join(f"{h}: {v}" for h, v in zip(tab.header[1:-1], row[1:-1], strict=True))
        c.text(f"{row[0]} — {values}", 22, gap=0)
        c.text(row[-1], 19, GREY, x=PAD + 24, gap=8)
    c.text(tab.footer, 18, GREY, gap=18)


def render(b: Brief, snap: bytes, qr: bytes, font: CjkFont) -> bytes:
    c = _Canvas(font)
    c.text(f"{t('brief_kicker', b.lang)}    {b.made}", 20, GREY)
    c.text(b.name, 44, bold=True, gap=2)
    if b.other_name:
        c.text(b.other_name, 28, (60, 60, 60))
    c.text(f"{t('layer_label', b.lang)}: {b.layer}", 20, GREY, gap=12)
    c.image(snap)
    if b.approx:
        c.text(b.approx, 20, (110, 80, 0), gap=12)
    for label, value in b.rows:
        c.text(f"{label}: {value}", 22)
    if b.facts:
        c.text(t("brief_facts", b.lang), 30, bold=True)
    for f in b.facts:
        c.text(f"[{f.kind}] {f.text}", 24, RED if f.tbc else INK, gap=0)
        if f.target is not None:
            c.text(f"{t('target', b.lang)}: {f.target}    {t('known', b.lang)}: {f.known}", 24, bold=True, gap=0)
        c.text(f.source, 18, GREY, gap=14)
    _comparison(c, b)
    top = c.y
    c.image(qr, x=PAD, width=200)
    c.y = top + 30
    c.text(t("brief_link", b.lang), 26, bold=True, x=PAD + 224)
    c.text(b.link, 20, LINK, x=PAD + 224)
    c.text(t("brief_public_only", b.lang), 18, GREY, x=PAD + 224)
    c.y = max(c.y, top + 216)
    return c.png()
