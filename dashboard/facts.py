"""Side-panel facts: loaded from data/facts.toml, validated, rendered as escaped HTML.

Every fact carries its source and date; a target is shown beside what is known; a gap in
the source is shown as 待核实 (to be confirmed), never filled in. A fact whose source is the
article (a source with a stored `text`, under data/sources/) carries `quote`, the article's
exact words, checked against that text on load; a fact from elsewhere is marked 非原文 / "not
from the article" wherever it is shown. Each fact has an `audience`: `public` (the default,
for published news) or `internal`. All text from data goes through `html.escape` here: this
module is the one place data becomes HTML for the panel.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from html import escape

from dashboard.geodata import CONFIDENCE
from dashboard.problems import Problem
from dashboard.strings import pick, t

KINDS = ("reported", "target", "outcome", "tbc", "note")
AUDIENCES = ("public", "internal")
TBC = "待核实"
# Keys of [facts] that are not map features: sections of the page that show facts of their own.
WAR_MAP = "war-map"  # page sections keyed like features: the war map's own facts
SECTIONS = (WAR_MAP,)
_SPACE = re.compile(r"\s+")


class FactsError(ValueError):
    """facts.toml is unreadable or a fact lacks its source, date, text or quote."""


def squeeze(text: str) -> str:
    """Text without whitespace: the extracted article breaks lines inside words, so a quote is
    compared with whitespace removed on both sides (and nothing else normalised)."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Source:
    key: str
    zh: str
    en: str
    date: str
    note_zh: str = ""
    note_en: str = ""
    publisher: str = ""
    url: str = ""
    text_file: str = ""  # the stored text of the article (relative to facts.toml); "" = elsewhere

    @property
    def is_article(self) -> bool:
        return bool(self.text_file)


@dataclass(frozen=True)
class Fact:
    kind: str
    zh: str
    en: str
    source: Source
    date: str
    target: str | None = None  # for kind "target": the goal ...
    known: str | None = None  # ... and what is known (待核实 when the source is silent)
    quote: tuple[str, ...] = ()  # the article's exact words this fact rests on
    audience: str = "public"
    target_en: str | None = None  # the goal in English (required with `target`)
    known_en: str | None = None  # what is known, in English (needed unless it is 待核实)

    @property
    def from_article(self) -> bool:
        return self.source.is_article


@dataclass(frozen=True)
class FactBook:
    sources: dict[str, Source]
    by_feature: dict[str, list[Fact]]
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # source key -> stored text
    problems: tuple[Problem, ...] = ()  # entries left out (or noted), each named

    def for_feature(self, fid: str) -> list[Fact]:
        return self.by_feature.get(fid, [])

    def for_audience(self, audience: str) -> FactBook:
        """Only what `audience` may see: internal sees everything, public only public facts."""
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, got {audience!r}")
        if audience == "internal":
            return self
        kept = {fid: [f for f in items if f.audience == "public"] for fid, items in self.by_feature.items()}
        return replace(self, by_feature={fid: items for fid, items in kept.items() if items})


# Styles for the panel HTML below (the page puts them in once).
PANEL_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2.2rem}
.panel-name{font-size:1.35rem;font-weight:700;line-height:1.3}
.panel-name-other{color:#555;margin-bottom:.3rem}
.panel-layer{color:#666;font-size:.85rem;margin-bottom:.4rem}
.approx{background:#fff8e1;border-left:4px solid #e0c36a;padding:.35rem .5rem;font-size:.85rem;margin:.4rem 0}
.approx-badge{display:inline-block;font-size:.75rem;padding:0 4px;border-radius:3px;background:#fff3cd;
  color:#7a5a00;border:1px solid #e0c36a}
.fact{margin:.55rem 0;line-height:1.5}
.fact-kind{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:3px;background:#e8eef3;color:#234}
.fact-outcome{background:#e6dcf2;color:#3d1f66}.fact-tbc{background:#fdecea;color:#8a1c12}
.fact-target{background:#f4f9f4}
.fact-src{color:#777;font-size:.78rem}
.not-article{display:inline-block;font-size:.75rem;padding:0 .3rem;border-radius:3px;border:1px solid #a68b00;
  color:#6b5900;background:#fffbe6}
.fact-quote{font-size:.8rem;color:#555}.fact-quote summary{cursor:pointer;color:#476}
.fact-quote blockquote{margin:.2rem 0 .2rem .6rem;padding-left:.5rem;border-left:3px solid #cdd}
.tbc{color:#b3261e;font-weight:600}
table.target,table.panel-rows{border-collapse:collapse;margin:.25rem 0;font-size:.9rem}
table.target th,table.target td,table.panel-rows th,table.panel-rows td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
table.panel-rows th,table.target th{white-space:nowrap;background:#f6f6f6}
</style>"""


def source_label(source: Source, lang: str) -> str:
    """Plain text naming a source, with the not-from-the-article mark where it applies: for
    exports, captions and anything else that is not the panel's HTML."""
    title = pick(source.zh, source.en, lang)
    parts = [title] + [p for p in (source.publisher, source.url) if p]
    if source.is_article:
        return " · ".join(parts)
    return " · ".join(parts) + (f"({t('not_article', lang)})" if lang == "zh" else f" ({t('not_article', lang)})")


def _source_line(fact: Fact, lang: str) -> str:
    src = fact.source
    title = escape(pick(src.zh, src.en, lang))
    extra = f" · {escape(src.publisher)}" if src.publisher else ""
    if src.url.startswith(("https://", "http://")):
        extra += f' · <a href="{escape(src.url)}" target="_blank" rel="noopener noreferrer">{escape(src.url)}</a>'
    mark = "" if src.is_article else f' <span class="not-article">{escape(t("not_article", lang))}</span>'
    return (
        f'<div class="fact-src">{escape(t("source", lang))}: {title}{extra} · '
        f"{escape(t('date', lang))}: {escape(fact.date)}{mark}</div>"
    )


def _quote_block(fact: Fact, lang: str) -> str:
    """The article's words behind the fact, on demand (a native, keyboard-operable <details>)."""
    if not fact.quote:
        return ""
    body = "".join(f"<blockquote>“{escape(q)}”</blockquote>" for q in fact.quote)
    return f'<details class="fact-quote"><summary>{escape(t("quote_summary", lang))}</summary>{body}</details>'


def _kind_badge(kind: str, lang: str) -> str:
    return f'<span class="fact-kind fact-{kind}">{escape(t("kind_" + kind, lang))}</span>'


def _known_text(f: Fact, lang: str) -> str:
    if f.known is None or not f.known.strip() or f.known.strip() == TBC:
        return f'<span class="tbc">{escape(t("tbc", lang))}</span>'
    return escape(pick(f.known, f.known_en, lang))


def _render_fact(f: Fact, lang: str) -> str:
    text = escape(pick(f.zh, f.en, lang))
    tail = _quote_block(f, lang) + _source_line(f, lang)
    if f.kind != "target":
        return f'<div class="fact">{_kind_badge(f.kind, lang)} {text}{tail}</div>'
    return (
        f'<div class="fact fact-target">{_kind_badge(f.kind, lang)} <b>{text}</b>'
        f'<table class="target"><tr><th>{escape(t("target", lang))}</th>'
        f"<td>{escape(pick(f.target, f.target_en, lang))}</td></tr><tr><th>{escape(t('known', lang))}</th>"
        f"<td>{_known_text(f, lang)}</td></tr></table>{tail}</div>"
    )


def render_facts(facts: list[Fact], lang: str) -> str:
    """HTML for a feature's facts: each with its quote (on demand) and its own source line."""
    if not facts:
        return f'<p class="tbc">{escape(t("tbc", lang))}</p>'
    return "\n".join(_render_fact(f, lang) for f in facts)


def _names(props: dict, lang: str) -> list[str]:
    """The feature's name in the page's language first, the other beneath it (a proper name
    is shown in both: an English reader can still match 沟赵园区 on a Chinese sign)."""
    names = {"zh": props.get("name_zh") or "", "en": props.get("name_en") or ""}
    first = names[lang] or names["zh"] or names["en"]
    other_lang = "en" if lang == "zh" else "zh"
    other = names[other_lang]
    head = [f'<div class="panel-name" lang="{lang if names[lang] else other_lang}">{escape(first)}</div>']
    if other and other != first:
        head.append(f'<div class="panel-name-other" lang="{other_lang}">{escape(other)}</div>')
    return head


def render_panel(
    props: dict, layer_label: str, facts: list[Fact], lang: str, extra_rows: Sequence[tuple[str, str]] = ()
) -> str:
    """The whole side panel for one feature: names, layer, approximate-position note, facts.

    `props` are the feature's properties straight from data (untrusted); `extra_rows` are
    (label, value) pairs computed by the app, e.g. the radiation zone's area — escaped too.
    """
    head = _names(props, lang)
    head.append(f'<div class="panel-layer">{escape(t("layer_label", lang))}: {escape(layer_label)}</div>')
    if props.get("confidence") == "approximate" or props.get("basis"):
        basis = pick(props.get("basis"), props.get("basis_en"), lang)
        note = t(
            "approx_note",
            lang,
            basis=basis or t("tbc", lang),
            confidence=t(f"conf_{props['confidence']}", lang)
            if props.get("confidence") in CONFIDENCE
            else t("tbc", lang),
        )
        head.append(
            f'<div class="approx"><span class="approx-badge">{escape(t("approx", lang))}</span> {escape(note)}</div>'
        )
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in extra_rows)
    table = f'<table class="panel-rows">{rows}</table>' if rows else ""
    return f'<div class="panel">{"".join(head)}{table}{render_facts(facts, lang)}</div>'


__all__ = ["AUDIENCES", "KINDS", "SECTIONS", "TBC", "Fact", "FactBook", "FactsError", "Source"]
