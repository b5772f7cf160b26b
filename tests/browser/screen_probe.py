"""What the meeting-room screen looks like to a browser: shared by the war-map browser tests and
bench/screen_fonts.py and bench/soak_tour.py (they measure, the tests assert)."""

from __future__ import annotations

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Poll on a timer, not on animation frames (Playwright's default): on the screen page, now and then
# (about one load in six, measured) a requestAnimationFrame-based wait in the map iframe never
# returned although the map had been drawn and later frames ran.
POLL_MS = 100

# Every visible run of text in this document: [font-size px, text, class of its element].
# A text node counts when its own boxes (a Range, not its element's box) lie at least partly
# inside the viewport and nothing hides it: display/visibility/opacity on any ancestor, or the
# screen-reader-only pattern (a 1×1 px box clipped to nothing, e.g. "Skip to main content").
VISIBLE_TEXT_SIZES = """() => {
  const out = [], range = document.createRange();
  const hidden = el => { for (; el; el = el.parentElement) { const s = getComputedStyle(el), r = el.getBoundingClientRect();
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0 ||
          s.clip === 'rect(0px, 0px, 0px, 0px)' || (r.width <= 1 && r.height <= 1 && s.overflow === 'hidden')) return true; }
    return false; };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim(), el = n.parentElement;
    if (!text || !el || ['STYLE', 'SCRIPT', 'NOSCRIPT'].includes(el.tagName)) continue;
    range.selectNodeContents(n);
    const onScreen = [...range.getClientRects()].some(r => r.width > 0 && r.height > 0 &&
        r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight);
    if (!onScreen || hidden(el)) continue;
    out.push([parseFloat(getComputedStyle(el).fontSize), text.slice(0, 40), String(el.className).slice(0, 40)]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}"""

# Share of the viewport the map iframe covers (its box clipped to the viewport).
MAP_AREA_SHARE = """(sel) => {
  const r = document.querySelector(sel).getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return (w * h) / (innerWidth * innerHeight);
}"""

# fillColor of the drawn layer whose GeoJSON feature has this id in this layer (null: not drawn).
FILL_OF = """([layer, id]) => {
  for (const l of Object.values(window.map._layers)) {
    const p = l.feature && l.feature.properties;
    if (p && p.layer === layer && p.id === id && l._map) return l.options.fillColor;
  }
  return null;
}"""


def map_frame(page, timeout: float = 120_000):
    """The map iframe's frame, once its script has run to the end (window.map exists)."""
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=timeout)
    frame = page.query_selector(MAP_FRAME).content_frame()
    frame.wait_for_function("typeof window.map === 'object' && window.map._loaded", timeout=timeout, polling=POLL_MS)
    return frame


def wait_tour(frame, timeout: float = 30_000) -> None:
    frame.wait_for_function("typeof window.tourIndex === 'number'", timeout=timeout, polling=POLL_MS)


def smallest_text(page, frame) -> dict:
    """The smallest visible text in the page and in the map, as (px, text, class)."""
    sizes = {"page": page.evaluate(VISIBLE_TEXT_SIZES), "map": frame.evaluate(VISIBLE_TEXT_SIZES)}
    return {where: (found[0] if found else None) for where, found in sizes.items()}


def map_share(page) -> float:
    return page.evaluate(MAP_AREA_SHARE, MAP_FRAME)


# Each text box of the screen that must be read whole: the tour caption (in the map) and the top and
# bottom strips' labels (in the page). [selector, text, why] for every one that is cut: its box
# reaches past the viewport, or its content is wider or taller than its box (clipped by overflow).
CLIPPED = """(selectors) => {
  const out = [];
  for (const el of document.querySelectorAll(selectors)) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (s.display === 'none' || r.width === 0) continue;
    const text = el.textContent.trim().slice(0, 50);
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
      out.push([el.className, text, `box ${Math.round(r.left)}…${Math.round(r.right)} × ${Math.round(r.top)}…${Math.round(r.bottom)}`]);
    else if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      out.push([el.className, text, `content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`]);
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {  // cut by a box around it
      const q = p.getBoundingClientRect(), ps = getComputedStyle(p);
      if (ps.overflow === 'visible') continue;
      if (r.left < q.left - 0.5 || r.right > q.right + 0.5 || r.top < q.top - 0.5 || r.bottom > q.bottom + 0.5) {
        out.push([el.className, text, `cut by .${p.className}`]);
        break;
      }
    }
  }
  return out;
}"""
PAGE_LABELS = ".screen-top .kpi-title, .screen-top .kpi-asof, .screen-top .kpi-n, .screen-top .kpi-l, .screen-top .kpi-total, .screen-bottom .kpi-target, .screen-bottom .kpi-src, .screen-notice"
MAP_LABELS = ".tour-caption, .tour-notice"

# The legend's share of the map (both boxes clipped to the map document's viewport).
LEGEND_SHARE = """() => {
  const el = document.querySelector('.map-legend');
  if (!el) return 0;
  const r = el.getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return (w * h) / (innerWidth * innerHeight);
}"""


def clipped(page, frame) -> list:
    """Every caption or strip label of the screen that is cut (see CLIPPED), page and map."""
    return page.evaluate(CLIPPED, PAGE_LABELS) + frame.evaluate(CLIPPED, MAP_LABELS)


def legend_share(frame) -> float:
    return frame.evaluate(LEGEND_SHARE)
