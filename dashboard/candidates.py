"""The supercomputing centre's candidate buildings side by side (data/candidates.toml).

What a site selector compares for a data centre (storey height, floor load, floors, power and the
standby power room, machine-room area, carriers and fibre, distance to the substation), with what
the source says for each building: a value with its source and date, or 待核实 where the source
gives none. The "checked" line quotes the article where it names the check (verbatim, like
facts.toml). Every value here is public (published sources only). No streamlit here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from html import escape
from pathlib import Path

from dashboard.facts import FactBook, source_label, squeeze
from dashboard.strings import t
from dashboard.text import Text


class CandidatesError(ValueError):
    """candidates.toml is unreadable, or a criterion lacks its words, or a value its source."""


@dataclass(frozen=True)
class Value:
    text: Text
    source: str  # a key of facts.toml [sources]
    date: str


@dataclass(frozen=True)
class Criterion:
    name: Text
    checked: Text  # what the source says was checked (or that it is silent)
    quote: str = ""
    values: tuple[tuple[str, Value], ...] = ()  # (building id, value); a building absent: 待核实

    def value(self, building: str) -> Value | None:
        return dict(self.values).get(building)


@dataclass(frozen=True)
class Comparison:
    buildings: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    source: str = ""  # the source of the "checked" lines
    date: str = ""

    def covers(self, fid: str) -> bool:
        return fid in self.buildings


def _value(body: dict, where: str, book: FactBook, problems: list[str]) -> Value | None:
    text = Text(str(body.get("zh", "")).strip(), str(body.get("en", "")).strip())
    if not text.zh or not text.en or body.get("source") not in book.sources or not body.get("date"):
        problems.append(f"{where}: a value needs zh, en, a known source and a date")
        return None
    return Value(text, body["source"], str(body["date"]))


def _criterion(body: dict, where: str, book: FactBook, source: str, problems: list[str]) -> Criterion:
    name = Text(str(body.get("zh", "")).strip(), str(body.get("en", "")).strip())
    checked = Text(str(body.get("checked_zh", "")).strip(), str(body.get("checked_en", "")).strip())
    if not (name.zh and name.en and checked.zh and checked.en):
        problems.append(f"{where}: needs zh, en, checked_zh and checked_en")
    quote = str(body.get("quote", ""))
    text = book.texts.get(source)
    if quote and text is not None and squeeze(quote) not in squeeze(text):
        problems.append(f"{where}: quote not found verbatim in the article: {quote[:40]!r}")
    values = tuple(
        (fid, v)
        for fid, vb in (body.get("values") or {}).items()
        if (v := _value(vb, f"{where} values.{fid}", book, problems)) is not None
    )
    return Criterion(name, checked, quote, values)


def parse(doc: dict, book: FactBook, name: str = "candidates.toml") -> Comparison:
    problems: list[str] = []
    source = str(doc.get("source", ""))
    if source not in book.sources:
        problems.append(f"source {source!r} is not a source of facts.toml")
    buildings = tuple(str(b) for b in doc.get("buildings") or [])
    if len(buildings) < 2:
        problems.append("buildings: name at least two feature ids to compare")
    criteria = tuple(
        _criterion(c, f"criteria #{n}", book, source, problems) for n, c in enumerate(doc.get("criteria") or [], 1)
    )
    if problems:
        raise CandidatesError(f"{name}: " + "; ".join(problems))
    return Comparison(buildings, criteria, source, str(doc.get("date", "")))


def load(path: Path, book: FactBook) -> Comparison:
    """The comparison; a missing file is no comparison (a deployment without candidates)."""
    path = Path(path)
    if not path.exists():
        return Comparison()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise CandidatesError(f"{path.name}: cannot be read ({err})") from None
    return parse(doc, book, path.name)


@dataclass(frozen=True)
class Table:
    """The comparison in one language, as plain text cells: the panel, the PDF and the PNG draw it."""

    title: str
    header: tuple[str, ...]  # criterion, building…, what was checked
    rows: tuple[tuple[str, ...], ...]
    footer: str  # the source of the checked lines, and where values come from


def table(comp: Comparison, names: dict[str, str], book: FactBook, lang: str) -> Table:
    """`names`: building id -> its name in `lang` (from the catalog)."""
    tbc = t("tbc", lang)

    def cell(c: Criterion, b: str) -> str:
        v = c.value(b)
        if v is None:
            return tbc
        src = book.sources.get(v.source)
        return f"{v.text.get(lang)} ({source_label(src, lang) if src else v.source}, {v.date})"

    rows = tuple((c.name.get(lang), *(cell(c, b) for b in comp.buildings), c.checked.get(lang)) for c in comp.criteria)
    src = book.sources.get(comp.source)
    footer = t("compare_source", lang, source=source_label(src, lang) if src else comp.source, date=comp.date)
    header = (t("compare_criterion", lang), *(names.get(b, b) for b in comp.buildings), t("compare_checked", lang))
    return Table(t("compare_title", lang), header, rows, footer)


def render_html(tab: Table) -> str:
    """The comparison card for the side panel (every cell escaped; 待核实 marked)."""
    tbc = {t("tbc", "zh"), t("tbc", "en")}

    def td(text: str) -> str:
        return f'<td class="tbc">{escape(text)}</td>' if text in tbc else f"<td>{escape(text)}</td>"

    head = "".join(f"<th>{escape(h)}</th>" for h in tab.header)
    body = "".join(f"<tr><th>{escape(r[0])}</th>{''.join(td(c) for c in r[1:])}</tr>" for r in tab.rows)
    return (
        f'<div class="compare"><div class="compare-title">{escape(tab.title)}</div>'
        # its own horizontal scroll on a narrow screen: the page itself never scrolls sideways
        f'<div class="compare-scroll" style="overflow-x:auto;max-width:100%">'
        f'<table class="panel-rows compare-table"><tr>{head}</tr>{body}</table></div>'
        f'<div class="fact-src">{escape(tab.footer)}</div></div>'
    )
