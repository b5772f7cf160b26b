"""The meeting-room screen's legend: compact, so it leaves the map to the map (issue 10: the desk's
legend covered 16 % of the screen's map, 19 % in English). No title (a legend needs none on a
screen), rows flow side by side, and a layer whose rows all start with the same word ("项目 · 正常",
"项目 · 逾期", …) names it once: "项目 ○正常 ○逾期 …". Sizes: dashboard/screen.py's map CSS.
While the tour runs, screen.js shows only the rows of the layer the stop is about (data-layer): the
caption says what the stop shows, the labels name its features, the legend gives its colours."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from dashboard import mapview, sites
from layers.base import LayerSpec

SEP = " · "


def shared_head(texts: list[str]) -> str:
    """The word every text starts with before " · " ("项目" for the statuses); "" when none is shared
    (or a layer has a single row: nothing to save)."""
    heads = {text.split(SEP, 1)[0] for text in texts if SEP in text}
    if len(texts) < 2 or len(heads) != 1 or not all(SEP in text for text in texts):
        return ""
    return heads.pop()


def layer_items(spec: LayerSpec, lang: str) -> str:
    rows = spec.legend(lang)
    head = shared_head([text for text, _ in rows])
    items = "".join(
        f'<span class="lg-item">{mapview.legend_swatch(spec, style)}'
        f"{escape(text[len(head) + len(SEP) :] if head else text)}</span>"
        for text, style in rows
    )
    inner = f'<div class="lg-group"><b>{escape(head)}</b>{items}</div>' if head else items
    return f'<span class="lg-layer" data-layer="{escape(spec.id)}">{inner}</span>'


def legend_html(specs: Iterable[LayerSpec], lang: str, extra: str = "") -> str:
    """The 示意 note first (stop labels carry the badge; first, it fills a row the stop's rows leave),
    the legend of the layers drawn on the screen (`specs`), then `extra`: the demo note, shown with
    the rows of the layer holding the demo rows."""
    demo = f'<span class="lg-layer" data-layer="{sites.LAYER}">{extra}</span>' if extra else ""
    return mapview.legend_approx(lang) + "".join(layer_items(spec, lang) for spec in specs) + demo
