"""The investor brief in the side panel (生成招商简介 / Investor brief), the candidate buildings'
comparison card, and the page's print stylesheet.

The brief is made from `audience.view(cat, "public")` whoever presses the button: a signed-in user
gets the same public brief a visitor would (dashboard/brief refuses anything else).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import audience, brief, candidates, catalog, config
from dashboard.brief import content
from dashboard.selection import Selection
from dashboard.strings import t

FILES = "brief_files"  # session key: (what the files are of, pdf bytes, png bytes)
BOTH = "both"

# Ctrl+P gives one clean A4 landscape page: the map and the panel side by side, no sidebar, no
# widgets, no tables or expanders (the internal ones are not on a public page anyway).
PRINT_CSS = """<style>
.compare-title{font-weight:700;margin:.7rem 0 .2rem}
table.compare-table{font-size:.82rem}
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stSelectbox"], [data-testid="stButton"], [data-testid="stDownloadButton"],
  [data-testid="stRadio"], [data-testid="stMultiSelect"], [data-testid="stDataFrame"],
  [data-testid="stExpander"], [data-testid="stAlert"], [data-testid="stCaptionContainer"],
  [data-testid="stLinkButton"], [data-testid="stElementToolbar"], [data-testid="stBottom"],
  .kpi-strip, .kpi-targets, details.fact-quote,
  .compare-table tr > :last-child { display: none !important; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {
    height: auto !important; min-height: 0 !important; overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  [data-testid="stVerticalBlock"] { gap: 1mm !important; }
  h1 { font-size: 14pt !important; padding: 0 0 1mm 0 !important; }
  [data-testid="stHorizontalBlock"] { flex-wrap: nowrap !important; gap: 3mm !important; }
  [data-testid="stColumn"]:first-child { flex: 0 0 62% !important; width: 62% !important; overflow: hidden; }
  [data-testid="stColumn"]:last-child { flex: 1 1 auto !important; width: auto !important; }
  iframe[title="streamlit_folium.st_folium"] { height: 170mm !important; width: 100% !important; }
  .panel, .compare { font-size: 6.5pt !important; line-height: 1.25 !important; }
  .panel-name { font-size: 10pt !important; }
  .fact { margin: .6mm 0 !important; }
}
</style>"""


@st.cache_data(show_spinner=False)
def _comparison(path: str, mtime: float, _book, book_key: str) -> candidates.Comparison:  # mtime, book_key: keys
    return candidates.load(Path(path), _book)


def comparison(cfg: config.Config, cat: catalog.Catalog) -> candidates.Comparison | None:
    """The candidate buildings side by side, or None (no file, or a bad one: said on the page)."""
    path = cfg.path_of("candidates")
    try:
        mtime = path.stat().st_mtime if path.exists() else -1.0
        return _comparison(str(path), mtime, cat.facts, repr(sorted(cat.facts.sources)))
    except candidates.CandidatesError as err:
        st.warning(str(err))
        return None


def comparison_card(cfg: config.Config, cat: catalog.Catalog, selected: Selection | None, lang: str) -> None:
    """The comparison under the panel of either candidate building."""
    tab = content.comparison_table(cat, comparison(cfg, cat), selected.fid, lang) if selected else None
    if tab is not None:
        st.html(candidates.render_html(tab))


def brief_block(cfg: config.Config, cat: catalog.Catalog, selected: Selection | None, lang: str) -> None:
    """The button, the PDF language choice and, once made, the two downloads."""
    public = audience.view(cat, audience.PUBLIC)
    sel = selected if selected and public.feature(*selected) else None  # not public: the whole map
    choice = st.radio(
        t("brief_langs", lang),
        [lang, BOTH],
        format_func=lambda c: t("brief_lang_both" if c == BOTH else "brief_lang_page", lang),
        horizontal=True,
        key="brief_langs",
    )
    langs = ("zh", "en") if choice == BOTH else (lang,)
    key = (str(sel), lang, langs)
    if st.button(t("brief_button", lang), help=t("brief_help", lang), icon=":material/picture_as_pdf:", key="brief"):
        districts = cfg.path_of("geo_dir") / "zhengzhou_districts.geojson"
        opts = brief.Options(cfg["brief"]["public_url"], districts, comparison(cfg, public))
        try:
            with st.spinner(t("brief_button", lang) + " …"):
                files = brief.pdf_bytes(public, sel, langs, opts), brief.png_bytes(public, sel, lang, opts)
        except brief.FontMissing:
            st.error(t("brief_failed", lang, reason=t("brief_font_missing", lang)))
            return
        except brief.NotPublic:
            st.error(t("brief_failed", lang, reason=t("brief_not_public", lang)))
            return
        st.session_state[FILES] = (key, *files)
    made = st.session_state.get(FILES)
    if made and made[0] == key:
        stem = f"brief-{sel.fid if sel else 'map'}-{'zh-en' if choice == BOTH else lang}"
        st.download_button(t("brief_pdf", lang), made[1], f"{stem}.pdf", "application/pdf", key="brief_pdf")
        st.download_button(t("brief_png", lang), made[2], f"{stem}.png", "image/png", key="brief_png")
