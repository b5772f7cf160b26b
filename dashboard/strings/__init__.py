"""Every UI string of the dashboard, Chinese first, English beside it.

Layer and feature names live with their data (layer specs, GeoJSON properties);
everything else a user reads on the page is here, so a translator edits one place (this package:
page.py, data.py, brief.py, planner.py, weeks.py, screen.py, meeting.py).
"""

from __future__ import annotations

from dashboard.strings import brief, data, meeting, page, planner, screen, weeks
from dashboard.text import pick  # noqa: F401  (re-exported: data texts are picked like UI strings)

LANGS = ("zh", "en")

# one table, read by t(); kept in topic files so each stays small: the words a translator edits
_TOPICS = (page.STRINGS, data.STRINGS, brief.STRINGS, planner.STRINGS, weeks.STRINGS, screen.STRINGS, meeting.STRINGS)
STRINGS: dict[str, dict[str, str]] = {k: v for topic in _TOPICS for k, v in topic.items()}
_clash = {k for i, topic in enumerate(_TOPICS) for k in topic if any(k in other for other in _TOPICS[:i])}
assert not _clash, f"string keys defined twice: {sorted(_clash)}"


def both(key: str, sep: str = " / ", **params: object) -> str:
    """`key` in Chinese and English together (pages shown before a language is chosen)."""
    return sep.join(t(key, lang, **params) for lang in LANGS)


def t(key: str, lang: str = "zh", **params: object) -> str:
    """The UI string `key` in `lang` (falls back to Chinese), formatted with `params`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["zh"]
    return text.format(**params) if params else text
