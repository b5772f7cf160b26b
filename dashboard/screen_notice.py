"""The meeting-room screen's notices: data problems, and which ledger version a pinned screen shows.
No streamlit here. Issue 10: a broken parks file dropped the parks, the zone and two tour stops and
the screen said nothing. Now a signed-in screen lists the problems, short (the desk page has them in
full); a visitor's screen says only that some data could not be shown: no file name, id or message
(audience rule: a public session is never sent an internal value)."""

from __future__ import annotations

from html import escape

from dashboard.geodata import LayerData
from dashboard.problems import Problem
from dashboard.strings import t

SHOWN, MAX_CHARS = 2, 72  # a few lines the room can read, each cut to one line's worth

CSS = """<style>
.screen-notes { position: fixed; z-index: 3; right: 1vw; bottom: calc(var(--strip-bottom) + 2.6vw); max-width: 25vw;
  display: flex; flex-direction: column; gap: .4vw; font-size: 1.15vw; line-height: 1.3; overflow-wrap: anywhere; }
.screen-notice { background: rgba(58, 24, 10, .94); border: 1px solid #ff8a65; border-radius: .4vw;
  padding: .4vw .7vw; color: #ffe0d6; }
.screen-notice b { color: #fff; } .screen-notice div + div { margin-top: .2vw; }
.screen-notice.pin { background: rgba(11, 40, 70, .94); border-color: #64b5f6; color: #e3f2fd; }
</style>"""


def located(data: LayerData) -> bool:
    """Does the layer draw anything (a feature with a geometry)?"""
    return any(g is not None and not g.is_empty for g in data.gdf.geometry)


def short(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"


def problems_html(problems: list[Problem], lang: str) -> str:
    """A signed-in screen's notice: how many problems, the first few (errors first), cut short."""
    if not problems:
        return ""
    ordered = sorted(problems, key=lambda p: p.severity != "error")
    lines = [f"<b>{escape(t('screen_problems', lang, n=len(problems)))}</b>"]
    lines += [escape(short(p.render(lang))) for p in ordered[:SHOWN]]
    if len(problems) > SHOWN:
        lines.append(escape(t("screen_problems_more", lang, n=len(problems) - SHOWN)))
    return '<div class="screen-notice" role="status">' + "".join(f"<div>{x}</div>" for x in lines) + "</div>"


def public_html(missing: list[str], lang: str) -> str:
    """A visitor's screen: one neutral line when a layer it should show draws nothing (`missing`)."""
    if not missing:
        return ""
    return f'<div class="screen-notice" role="status">{escape(t("screen_problems_public", lang))}</div>'


def pin_html(lines: list[str]) -> str:
    """A note on the pinned version (or why the screen is live after all), already in the page's language."""
    if not lines:
        return ""
    return (
        '<div class="screen-notice pin" role="status">' + "".join(f"<div>{escape(x)}</div>" for x in lines) + "</div>"
    )


def notes_html(*blocks: str) -> str:
    """The screen's notices, stacked in one corner of the map (bottom right, clear of the legend)."""
    shown = "".join(b for b in blocks if b)
    return f'<div class="screen-notes">{shown}</div>' if shown else ""
