"""本周变化 in words: one line per changed item, the section's groups as escaped HTML, the weekly
report's paragraph (周报) and the screen tour's caption — the same words everywhere, zh or en.
No streamlit here."""

from __future__ import annotations

from html import escape

from dashboard.meeting.changes import DEADLINE, GROUPS, NEW, REMOVED, Change
from dashboard.strings import t
from dashboard.warmap import _progress_text, status_text

SEP = {"zh": ",", "en": ", "}
LIST_SEP = {"zh": "、", "en": "; "}
PART_SEP = {"zh": ";", "en": "; "}
END = {"zh": "。", "en": "."}
BRACKETS = {"zh": ("(", ")"), "en": (" (", ")")}


def _status(code: str | None, lang: str) -> str:
    return status_text(code, lang) if code else ""


def facets(c: Change, lang: str) -> list[str]:
    """What changed about one item, weightiest first (its group's change leads)."""
    if c.group == NEW:
        return [
            t(
                "changes_item_new",
                lang,
                status=_status(c.status[1] if c.status else None, lang),
                deadline=c.deadline_now,
            )
        ]
    if c.group == REMOVED:
        return [t("changes_item_removed", lang, status=_status(c.status[0] if c.status else None, lang))]
    out = []
    if c.status:
        out.append(t("changes_item_status", lang, old=_status(c.status[0], lang), new=_status(c.status[1], lang)))
    if c.deadline:  # a moved deadline leads, before the status it changed
        at = 0 if c.group == DEADLINE else len(out)
        out.insert(at, t("changes_item_deadline", lang, old=c.deadline[0], new=c.deadline[1], k=c.moves))
    for key, pair in (("changes_item_unit", c.unit), ("changes_item_post", c.post)):
        if pair:
            out.append(t(key, lang, old=pair[0], new=pair[1]))
    if c.progress:
        old, new = c.progress
        delta = "—" if old is None or new is None else f"{new - old:+g}"
        out.append(
            t("changes_item_progress", lang, old=_progress_text(old, lang), new=_progress_text(new, lang), d=delta)
        )
    return out


def line(c: Change, lang: str) -> str:
    """One item: 项目编号 名称:its changes (plain text)."""
    return f"{c.id} {c.name}{':' if lang == 'zh' else ': '}{SEP[lang].join(facets(c, lang))}"


def grouped(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """(group, its items) for each group that has items, in GROUPS order."""
    return [(g, [c for c in changes if c.group == g]) for g in GROUPS if any(c.group == g for c in changes)]


def section_html(changes: list[Change], lang: str) -> str:
    """The section's lists, one per group, every data text escaped."""
    parts = []
    for group, items in grouped(changes):
        lis = "".join(f'<li data-id="{escape(c.id)}">{escape(line(c, lang))}</li>' for c in items)
        head = f"{escape(t(f'changes_group_{group}', lang))} ({len(items)})"
        parts.append(f'<div class="changes-group" data-group="{group}"><b>{head}</b><ul>{lis}</ul></div>')
    return f'<div class="changes">{"".join(parts)}</div>'


def paragraph(changes: list[Change], since: str, number: int, lang: str) -> str:
    """The weekly report's paragraph (周报): the same items and words as the section."""
    if not changes:
        return t("changes_para_none", lang, time=since, n=number)
    left, right = BRACKETS[lang]
    parts = [
        t(f"changes_count_{g}", lang, n=len(items)) + left + LIST_SEP[lang].join(line(c, lang) for c in items) + right
        for g, items in grouped(changes)
    ]
    intro = t("changes_para_intro", lang, time=since, n=number, count=len(changes))
    return intro + PART_SEP[lang].join(parts) + END[lang]


def tour_caption(changes: list[Change], lang: str) -> str:
    """The screen tour's stop: how many items changed, by group."""
    parts = SEP[lang].join(t(f"changes_count_{g}", lang, n=len(items)) for g, items in grouped(changes))
    return t("changes_tour", lang, count=len(changes), parts=parts)


def tip(c: Change, lang: str) -> str:
    """The map tooltip's note for a changed item."""
    return t("changes_tip", lang, what=t(f"changes_group_{c.group}", lang))
