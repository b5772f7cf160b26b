"""Reading data/facts.toml into a FactBook: each source and fact checked; a bad one is left out
and reported (file, entry, field, in both languages), the rest kept. Only a file that cannot be
read at all raises FactsError. The types and the panel HTML: dashboard/facts.py."""

from __future__ import annotations

import tomllib
from pathlib import Path

from dashboard.facts import AUDIENCES, KINDS, TBC, Fact, FactBook, FactsError, Source, squeeze
from dashboard.problems import Problem
from dashboard.text import Text

_SOURCE_KEYS = {"zh", "en", "date", "note_zh", "note_en", "publisher", "url", "text"}
_FACT_KEYS = {"kind", "zh", "en", "source", "date", "target", "target_en", "known", "known_en", "quote", "audience"}
_TEXT_KEYS = (
    "zh",
    "en",
    "date",
    "target",
    "target_en",
    "known",
    "known_en",
    "note_zh",
    "note_en",
    "publisher",
    "url",
    "text",
)
_FIX = Text("该条未显示;请在 facts.toml 中修正", "this entry is not shown; fix it in facts.toml")


class _Report:
    """The problems of one facts file, each naming the entry (a fact or a source) and the field."""

    def __init__(self, name: str) -> None:
        self.name, self.problems = name, list[Problem]()

    def add(self, where: str | None, message: Text, field: str | None = None, severity: str = "error") -> None:
        tail = _FIX if severity == "error" and where else Text("", "")
        msg = Text(message.zh + (";" + tail.zh if tail.zh else ""), message.en + ("; " + tail.en if tail.en else ""))
        self.problems.append(Problem(self.name, msg, where, field, severity=severity))


def _as_text(body: dict, where: str, report: _Report) -> dict | None:
    """`body` with its text fields as text: a TOML number or date (target = 20) becomes '20';
    a list or a table where text is expected is refused (None)."""
    out = dict(body)
    for key in _TEXT_KEYS:
        value = out.get(key)
        if isinstance(value, (list, dict, bool)):
            report.add(
                where, Text(f"须为文字,实为 {type(value).__name__}", f"must be text, got {type(value).__name__}"), key
            )
            return None
        if value is not None and not isinstance(value, str):
            out[key] = str(value)
    return out


def _blank(body: dict, names: tuple[str, ...]) -> list[str]:
    """The names of `names` that `body` lacks or leaves blank."""
    return [f for f in names if not str(body.get(f, "")).strip()]


def _lacks(missing: list[str]) -> Text:
    return Text(f"缺少 {'、'.join(missing)}", f"lacks {', '.join(missing)}")


def _unknown_keys(unknown: set, known: set) -> Text:
    listed = ", ".join(sorted(known))
    return Text(f"未知的键 {sorted(unknown)};可用:{listed}", f"unknown keys {sorted(unknown)}; known: {listed}")


def _parse_source(key: str, body, report: _Report) -> Source | None:
    where = f"[sources.{key}]"
    if not isinstance(body, dict):
        report.add(where, Text("须为表(键 = 值)", "must be a table (key = value)"))
        return None
    body = _as_text(body, where, report)
    if body is None:
        return None
    unknown = set(body) - _SOURCE_KEYS
    missing = _blank(body, ("zh", "en", "date")) + ([] if body.get("text") else _blank(body, ("publisher",)))
    if unknown:
        report.add(where, _unknown_keys(unknown, _SOURCE_KEYS))
    if missing:
        report.add(where, _lacks(missing))  # an outside source names its publisher
    if unknown or missing:
        return None
    keys = ("note_zh", "note_en", "publisher", "url", "text")
    return Source(key, body["zh"], body["en"], body["date"], *(body.get(k, "") for k in keys))


def _quotes(item: dict, where: str, source: Source, texts: dict[str, str], report: _Report) -> tuple[str, ...] | None:
    """The fact's quotes, checked; None when they are wrong (the fact is then left out)."""
    raw = item.get("quote", [])
    quotes = (raw,) if isinstance(raw, str) else tuple(raw) if isinstance(raw, list) else None
    if quotes is None or not all(isinstance(q, str) and q.strip() for q in quotes):
        report.add(where, Text("quote 须为文字或文字列表", "quote must be a text or a list of texts"), "quote")
        return None
    if not source.is_article:
        if quotes:
            report.add(
                where,
                Text(
                    f"给出了 quote,但来源 {source.key!r} 没有存档原文可供核对",
                    f"quote given, but source {source.key!r} has no stored text to check it against",
                ),
                "quote",
            )
            return None
        return quotes
    if not quotes:
        report.add(
            where,
            Text(
                "缺少 quote(来源为原文时须引用原文原话)",
                "lacks quote (the article's exact words; required when the source is the article)",
            ),
            "quote",
        )
        return None
    text = squeeze(texts.get(source.key) or "")
    for q in quotes if source.key in texts else ():
        if squeeze(q) not in text:
            report.add(
                where,
                Text(
                    f"quote 未在 {source.text_file} 中逐字找到:{q[:40]!r}",
                    f"quote not found verbatim in {source.text_file}: {q[:40]!r}",
                ),
                "quote",
            )
            return None
    return quotes


def _fact_problem(item: dict, sources: dict[str, Source]) -> tuple[Text, str | None] | None:
    """Why a fact (its text fields already text) cannot be shown, and the field, or None."""
    kind = item.get("kind")
    if kind not in KINDS:
        return Text(
            f"kind 须为 {'、'.join(KINDS)} 之一,实为 {kind!r}", f"kind must be one of {', '.join(KINDS)}, got {kind!r}"
        ), "kind"
    missing = _blank(item, ("zh", "en", "source", "date")) + (
        _blank(item, ("target", "target_en", "known")) if kind == "target" else []
    )
    if kind == "target" and str(item.get("known", "")).strip() not in ("", TBC):
        missing += _blank(item, ("known_en",))  # a figure a visitor reads in English too
    if missing:
        return _lacks(missing), missing[0]
    audience = item.get("audience", "public")
    if audience not in AUDIENCES:
        return (
            Text(
                f"audience 须为 {'、'.join(AUDIENCES)} 之一,实为 {audience!r}",
                f"audience must be one of {', '.join(AUDIENCES)}, got {audience!r}",
            ),
            "audience",
        )
    unknown = set(item) - _FACT_KEYS
    if unknown:
        return _unknown_keys(unknown, _FACT_KEYS), None
    if item["source"] not in sources:
        known = ", ".join(sources)
        return Text(
            f"未知来源 {item['source']!r};可用:{known}", f"unknown source {item['source']!r}; known: {known}"
        ), "source"
    return None


def _parse_fact(item, where: str, sources: dict[str, Source], texts: dict[str, str], report: _Report) -> Fact | None:
    item = _as_text(item, where, report) if isinstance(item, dict) else None
    if item is None:
        return None
    problem = _fact_problem(item, sources)
    if problem is not None:
        report.add(where, *problem)
        return None
    source = sources[item["source"]]
    quotes = _quotes(item, where, source, texts, report)
    if quotes is None:
        return None
    return Fact(
        item["kind"],
        item["zh"],
        item["en"],
        source,
        item["date"],
        item.get("target"),
        item.get("known"),
        quotes,
        item.get("audience", "public"),
        item.get("target_en"),
        item.get("known_en"),
    )


def _table(doc: dict, key: str) -> dict:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def parse(doc: dict, name: str = "facts.toml", texts: dict[str, str] | None = None) -> FactBook:
    """Validate a facts document: a bad fact or source is left out and reported in `problems`, the
    rest is kept. `texts` (source key -> stored article text) lets every quote be checked
    verbatim; without it (a document in a test) the quotes are only required."""
    report, texts = _Report(name), texts or {}
    raw_sources = _table(doc, "sources")
    sources = {k: s for k, body in raw_sources.items() if (s := _parse_source(k, body, report)) is not None}
    by_feature: dict[str, list[Fact]] = {}
    raw_facts = _table(doc, "facts")
    for fid, items in raw_facts.items():
        for n, item in enumerate(items if isinstance(items, list) else [items], 1):
            fact = _parse_fact(item, f"{fid} #{n}", sources, texts, report)
            if fact is not None:
                by_feature.setdefault(fid, []).append(fact)
    unknown = set(doc) - {"sources", "facts"}
    if unknown:
        report.add(None, _unknown_keys(unknown, {"sources", "facts"}), severity="warning")
    return FactBook(sources, by_feature, texts, tuple(report.problems))


def load(path: Path) -> FactBook:
    """Read facts.toml and the stored text of every source that has one (beside it or below).
    FactsError only when the file cannot be read at all; a bad entry is in `problems`."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        texts = {
            key: (path.parent / body["text"]).read_text(encoding="utf-8")
            for key, body in (doc.get("sources") or {}).items()
            if isinstance(body, dict) and isinstance(body.get("text"), str) and body.get("text")
        }
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError) as err:
        raise FactsError(f"{path.name}: cannot be read ({err})") from None
    return parse(doc, path.name, texts)
