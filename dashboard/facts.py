"""Side-panel facts: loaded from data/facts.toml, validated, rendered as escaped HTML.

Every fact carries its source and date; a target is shown beside what is known; a gap in
the source is shown as 待核实 (to be confirmed), never filled in. All text from data goes
through `html.escape` here: this module is the one place data becomes HTML for the panel.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from dashboard.geodata import CONFIDENCE
from dashboard.strings import pick, t

KINDS = ("reported", "target", "outcome", "tbc", "note")
TBC = "待核实"


class FactsError(ValueError):
    """facts.toml is unreadable or a fact lacks its source, date or text."""


@dataclass(frozen=True)
class Source:
    key: str
    zh: str
    en: str
    date: str
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class Fact:
    kind: str
    zh: str
    en: str
    source: Source
    date: str
    target: str | None = None   # for kind "target": the goal ...
    known: str | None = None    # ... and what is known (待核实 when the source is silent)


@dataclass(frozen=True)
class FactBook:
    sources: dict[str, Source]
    by_feature: dict[str, list[Fact]]

    def for_feature(self, fid: str) -> list[Fact]:
        return self.by_feature.get(fid, [])


def parse(doc: dict, name: str = "facts.toml") -> FactBook:
    problems: list[str] = []
    sources: dict[str, Source] = {}
    for key, body in (doc.get("sources") or {}).items():
        missing = [f for f in ("zh", "en", "date") if not str(body.get(f, "")).strip()]
        if missing:
            problems.append(f"[sources.{key}] lacks {', '.join(missing)}")
            continue
        sources[key] = Source(key, body["zh"], body["en"], str(body["date"]),
                              body.get("note_zh", ""), body.get("note_en", ""))
    by_feature: dict[str, list[Fact]] = {}
    for fid, items in (doc.get("facts") or {}).items():
        for n, item in enumerate(items, 1):
            where = f"facts.{fid} #{n}"
            kind = item.get("kind")
            if kind not in KINDS:
                problems.append(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
                continue
            missing = [f for f in ("zh", "en", "source", "date") if not str(item.get(f, "")).strip()]
            if kind == "target":
                missing += [f for f in ("target", "known") if not str(item.get(f, "")).strip()]
            if missing:
                problems.append(f"{where}: lacks {', '.join(missing)}")
                continue
            if item["source"] not in sources:
                problems.append(f"{where}: unknown source {item['source']!r}; known: {', '.join(sources)}")
                continue
            by_feature.setdefault(fid, []).append(Fact(
                kind, item["zh"], item["en"], sources[item["source"]], str(item["date"]),
                item.get("target"), item.get("known")))
    unknown = set(doc) - {"sources", "facts"}
    if unknown:
        problems.append(f"unknown top-level keys {sorted(unknown)}; known: sources, facts")
    if problems:
        raise FactsError(f"{name}: " + "; ".join(problems))
    return FactBook(sources, by_feature)


def load(path: Path) -> FactBook:
    try:
        return parse(tomllib.loads(Path(path).read_text(encoding="utf-8")), Path(path).name)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise FactsError(f"{Path(path).name}: cannot be read ({err})") from None


# Styles for the panel HTML below (the page puts them in once).
PANEL_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2.2rem}
.panel-name{font-size:1.35rem;font-weight:700;line-height:1.3}
.panel-name-en{color:#555;margin-bottom:.3rem}
.panel-layer{color:#666;font-size:.85rem;margin-bottom:.4rem}
.approx{background:#fff8e1;border-left:4px solid #e0c36a;padding:.35rem .5rem;font-size:.85rem;margin:.4rem 0}
.approx-badge{display:inline-block;font-size:.8em;padding:0 4px;border-radius:3px;background:#fff3cd;
  color:#7a5a00;border:1px solid #e0c36a}
.fact{margin:.55rem 0;line-height:1.5}
.fact-kind{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:3px;background:#e8eef3;color:#234}
.fact-outcome{background:#e6dcf2;color:#3d1f66}.fact-tbc{background:#fdecea;color:#8a1c12}
.fact-target{background:#f4f9f4}
.fact-src{color:#777;font-size:.78rem}
.tbc{color:#b3261e;font-weight:600}
table.target,table.panel-rows{border-collapse:collapse;margin:.25rem 0;font-size:.9rem}
table.target th,table.target td,table.panel-rows th,table.panel-rows td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
table.panel-rows th,table.target th{white-space:nowrap;background:#f6f6f6}
</style>"""


def _source_line(fact: Fact, lang: str) -> str:
    src = pick(fact.source.zh, fact.source.en, lang)
    return (f'<div class="fact-src">{escape(t("source", lang))}: {escape(src)} · '
            f'{escape(t("date", lang))}: {escape(fact.date)}</div>')


def _kind_badge(kind: str, lang: str) -> str:
    return f'<span class="fact-kind fact-{kind}">{escape(t("kind_" + kind, lang))}</span>'


def _known_text(value: str | None, lang: str) -> str:
    if value is None or not value.strip() or value.strip() == TBC:
        return f'<span class="tbc">{escape(t("tbc", lang))}</span>'
    return escape(value)


def render_facts(facts: list[Fact], lang: str) -> str:
    """HTML for a feature's facts: statements first, then targets as target-vs-known rows."""
    if not facts:
        return f'<p class="tbc">{escape(t("tbc", lang))}</p>'
    parts = []
    for f in facts:
        text = escape(pick(f.zh, f.en, lang))
        if f.kind == "target":
            parts.append(
                f'<div class="fact fact-target">{_kind_badge(f.kind, lang)} <b>{text}</b>'
                f'<table class="target"><tr><th>{escape(t("target", lang))}</th>'
                f'<td>{escape(f.target or "")}</td></tr><tr><th>{escape(t("known", lang))}</th>'
                f'<td>{_known_text(f.known, lang)}</td></tr></table>{_source_line(f, lang)}</div>')
        else:
            parts.append(f'<div class="fact">{_kind_badge(f.kind, lang)} {text}{_source_line(f, lang)}</div>')
    return "\n".join(parts)


def render_panel(props: dict, layer_label: str, facts: list[Fact], lang: str,
                 extra_rows: list[tuple[str, str]] = ()) -> str:
    """The whole side panel for one feature: names, layer, approximate-position note, facts.

    `props` are the feature's properties straight from data (untrusted); `extra_rows` are
    (label, value) pairs computed by the app, e.g. the radiation zone's area — escaped too.
    """
    name_zh, name_en = props.get("name_zh") or "", props.get("name_en") or ""
    head = [f'<div class="panel-name">{escape(name_zh)}</div>']
    if name_en:
        head.append(f'<div class="panel-name-en" lang="en">{escape(name_en)}</div>')
    head.append(f'<div class="panel-layer">{escape(t("layer_label", lang))}: {escape(layer_label)}</div>')
    if props.get("confidence") == "approximate" or props.get("basis"):
        basis = pick(props.get("basis"), props.get("basis_en"), lang)
        note = t("approx_note", lang, basis=basis or t("tbc", lang),
                 confidence=t(f"conf_{props['confidence']}", lang) if props.get("confidence") in CONFIDENCE
                 else t("tbc", lang))
        head.append(f'<div class="approx"><span class="approx-badge">{escape(t("approx", lang))}</span> '
                    f'{escape(note)}</div>')
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in extra_rows)
    table = f'<table class="panel-rows">{rows}</table>' if rows else ""
    return f'<div class="panel">{"".join(head)}{table}{render_facts(facts, lang)}</div>'
