"""One bilingual text type: what a user reads, in Chinese and English.

It lives here, at the bottom of the import graph, because layer specs carry their labels and
legend texts as Text; the engine imports it as dashboard.text.

Chinese first (the page's default); an empty English falls back to the Chinese and the other
way round, so a missing translation shows the other language rather than nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Text:
    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        if lang == "en":
            return self.en or self.zh
        return self.zh or self.en

    def format(self, **params: object) -> Text:
        return Text(self.zh.format(**params), self.en.format(**params))

    def __add__(self, other: Text) -> Text:
        return Text(self.zh + other.zh, self.en + other.en)


def same(text: str) -> Text:
    """A text that reads the same in both languages (a file name, a number, an id)."""
    return Text(text, text)


def pick(zh: object, en: object, lang: str) -> str:
    """Choose between a Chinese and an English text from data (either may be missing or not a
    string: GIS exports write numbers), falling back to the other."""
    return Text(_s(zh), _s(en)).get(lang)


def _s(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    return str(value)
