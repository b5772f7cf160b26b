"""The investor brief (招商简介) of a selected feature or of the whole map: an A4 PDF (zh, en or
both on two pages) and a 1080 px wide PNG for messaging apps, made on the server with no internet
and no browser. Built from the PUBLIC catalog only: `content.check_public` refuses anything else.
No streamlit here; the page's button is ui/brief.py.

    pdf = brief.pdf_bytes(public_cat, selection_or_None, ("zh", "en"), options)
    png = brief.png_bytes(public_cat, selection_or_None, "zh", options)

Errors a page should show as a message: `FontMissing` (install fonts-noto-cjk), `NotPublic`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import segno

from dashboard.brief import content, fonts, pdf, png, snapshot
from dashboard.brief.content import NotPublic
from dashboard.brief.fonts import FontMissing
from dashboard.candidates import Comparison
from dashboard.catalog import Catalog
from dashboard.config import ROOT
from dashboard.selection import Selection

__all__ = ["FontMissing", "NotPublic", "Options", "pdf_bytes", "png_bytes"]


@dataclass(frozen=True)
class Options:
    base_url: str = content.DEFAULT_URL  # config [brief] public_url: where the QR code points
    districts: Path = ROOT / "data" / "geo" / "zhengzhou_districts.geojson"
    comparison: Comparison | None = None  # the candidate buildings side by side
    today: dt.date | None = None  # the date printed as made (None: today)


def qr_png(link: str) -> bytes:
    buf = io.BytesIO()
    segno.make(link, error="m").save(buf, kind="png", scale=8, border=2)
    return buf.getvalue()


def _page(cat: Catalog, selected: Selection | None, lang: str, opts: Options) -> tuple[content.Brief, bytes, bytes]:
    b = content.gather(cat, selected, lang, opts.base_url, opts.comparison, opts.today)
    return b, snapshot.render(cat, selected, lang, opts.districts), qr_png(b.link)


def pdf_bytes(cat: Catalog, selected: Selection | None, langs: tuple[str, ...], opts: Options = Options()) -> bytes:
    """The A4 PDF: one page per language in `langs`."""
    font = fonts.find()
    return pdf.render([_page(cat, selected, lang, opts) for lang in langs], font)


def png_bytes(cat: Catalog, selected: Selection | None, lang: str, opts: Options = Options()) -> bytes:
    """The 1080 px wide image."""
    font = fonts.find()
    return png.render(*_page(cat, selected, lang, opts), font)
