"""One shape for every problem the page reports: a data file, a feature or a ledger row, a field,
and a message in both languages (shown in the page's language)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.text import Text, same

_WHERE = {
    "feature": Text("要素 {v}", "feature {v}"),
    "row": Text("第 {v} 行", "row {v}"),
    "field": Text("字段“{v}”", "field '{v}'"),
}


@dataclass(frozen=True)
class Problem:
    file: str
    message: Text | str  # a plain str reads the same in both languages
    feature: str | None = None  # feature id, or "#n" (1-based position) when it has none
    field: str | None = None
    row: int | None = None  # spreadsheet row number as Excel shows it
    severity: str = "error"  # "error": not drawn / row left out; "warning"/"note": shown, look at it

    @property
    def text(self) -> Text:
        return self.message if isinstance(self.message, Text) else same(self.message)

    def render(self, lang: str = "zh") -> str:
        where = [self.file] if self.file else []
        for key in ("row", "feature", "field"):
            value = getattr(self, key)
            if value is not None and value != "":
                where.append(_WHERE[key].get(lang).format(v=value))
        sep = ": " if lang == "en" else ":"
        return " · ".join(where) + sep + self.text.get(lang)

    def __str__(self) -> str:
        return self.render("en")
