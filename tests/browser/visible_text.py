"""What a person can read on the page: every visible text node of a document (and the texts
shown from attributes: placeholders, hover titles), for tests of the English view and the phone.

A text node counts if its element is rendered (`checkVisibility`: not display:none, not in a
closed <details>, not visibility:hidden, not transparent) and the text itself has a box on
screen larger than a pixel (screen-reader-only text is clipped to 1 px)."""

from __future__ import annotations

import re

# Han ideographs, CJK punctuation, fullwidth forms: what makes a text "Chinese"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")

# -> [{text, px, tag}] for the document it runs in; px: the font size the text is drawn at
VISIBLE_TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.nodeValue.trim(), el = node.parentElement;
    if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1);
    if (!boxes.length) continue;
    out.push({text, px: parseFloat(getComputedStyle(el).fontSize), tag: el.tagName.toLowerCase(),
              cls: String(el.className || '').slice(0, 60)});
  }
  for (const el of document.querySelectorAll('[placeholder], [title]')) {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    for (const attr of ['placeholder', 'title']) {
      const text = (el.getAttribute(attr) || '').trim();
      if (text) out.push({text, px: null, tag: el.tagName.toLowerCase() + '@' + attr, cls: ''});
    }
  }
  return out;
}"""


def texts(frame) -> list[dict]:
    """The visible texts of a page or frame (Playwright Page or Frame)."""
    return frame.evaluate(VISIBLE_TEXTS)


def chinese_only(text: str) -> bool:
    return bool(CJK.search(text)) and not LATIN.search(text)
