"""The programme's targets and the smart-industry chain, as the article states them
(data/programme.toml): read and checked here, shown by warmap (targets) and panels (chain).
No streamlit here."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from dashboard.text import Text


class ProgrammeError(ValueError):
    """programme.toml is unreadable or a target or the chain is incomplete."""


@dataclass(frozen=True)
class Target:
    name: Text
    target: Text
    ledger_id: str = ""  # the ledger row whose reported progress is what is known


@dataclass(frozen=True)
class Programme:
    source: Text = Text("")
    targets: tuple[Target, ...] = ()
    chain: tuple[Text, ...] = ()  # in the article's order

    def chain_position(self, link_zh: str) -> int:
        """Where a firm's `chain_link` (a Chinese link name) sits in the chain; -1 if nowhere."""
        return next((i for i, link in enumerate(self.chain) if link.zh == link_zh), -1)


def _text(body: dict, zh: str, en: str, where: str, problems: list[str]) -> Text:
    value = Text(str(body.get(zh, "")).strip(), str(body.get(en, "")).strip())
    if not value.zh or not value.en:
        problems.append(f"{where}: needs {zh} and {en}")
    return value


def parse(doc: dict, name: str = "programme.toml") -> Programme:
    problems: list[str] = []
    source = _text(doc.get("source") or {}, "zh", "en", "[source]", problems)
    targets = tuple(
        Target(
            _text(t, "zh", "en", f"targets #{n}", problems),
            _text(t, "target_zh", "target_en", f"targets #{n}", problems),
            str(t.get("ledger_id", "")),
        )
        for n, t in enumerate(doc.get("targets") or [], 1)
    )
    chain_doc = doc.get("chain") or {}
    zh, en = list(chain_doc.get("zh") or []), list(chain_doc.get("en") or [])
    if len(zh) != len(en):
        problems.append(f"[chain]: zh has {len(zh)} links, en {len(en)}")
    unknown = set(doc) - {"source", "targets", "chain"}
    if unknown:
        problems.append(f"unknown top-level keys {sorted(unknown)}; known: source, targets, chain")
    if problems:
        raise ProgrammeError(f"{name}: " + "; ".join(problems))
    return Programme(source, targets, tuple(Text(z, e) for z, e in zip(zh, en, strict=False)))


def load(path: Path) -> Programme:
    try:
        return parse(tomllib.loads(Path(path).read_text(encoding="utf-8")), Path(path).name)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ProgrammeError(f"{Path(path).name}: cannot be read ({err})") from None
