"""The candidate buildings side by side: every criterion a site selector compares, a value only
with its source and date, 待核实 where the source gives none, quotes checked against the article."""

from __future__ import annotations

import pytest

from dashboard import candidates, config, facts_read

BOOK = facts_read.load(config.ROOT / "data" / "facts.toml")
NAMES = {"sc-building-7": "7号楼", "sc-building-11": "11号楼"}
DOC = {"buildings": ["sc-building-7", "sc-building-11"], "source": "article", "date": "2019-03"}


def crit(**extra) -> dict:
    return {"zh": "层高", "en": "Storey height", "checked_zh": "实地了解", "checked_en": "checked"} | extra


def test_shipped_comparison_covers_what_a_site_selector_compares():
    comp = candidates.load(config.ROOT / "data" / "candidates.toml", BOOK)
    assert comp.covers("sc-building-7") and comp.covers("sc-building-11") and not comp.covers("park-gouzhao")
    names = [c.name.en for c in comp.criteria]
    for wanted in ("Storey height", "Floor load", "floors", "standby power", "Machine-room", "Carriers", "substation"):
        assert any(wanted.lower() in n.lower() for n in names), wanted
    tab = candidates.table(comp, NAMES, BOOK, "zh")
    assert all(cell == "待核实" for row in tab.rows for cell in row[1:3])  # the article gives no number


def test_a_value_shows_with_its_source_and_date():
    doc = DOC | {
        "criteria": [
            crit(values={"sc-building-7": {"zh": "5.4米", "en": "5.4 m", "source": "editor", "date": "2026-11"}})
        ]
    }
    tab = candidates.table(candidates.parse(doc, BOOK), NAMES, BOOK, "en")
    assert tab.rows[0][1].startswith("5.4 m (Editor's classification") and "2026-11" in tab.rows[0][1]
    assert tab.rows[0][2] == "to be confirmed"


@pytest.mark.parametrize(
    ("criterion", "why"),
    [
        (crit(quote="大楼有二十层"), "a quote the article does not hold"),
        (crit(values={"sc-building-7": {"zh": "5米", "en": "5 m"}}), "a value without a source"),
        (crit(checked_en=""), "a criterion without its English words"),
    ],
)
def test_bad_comparison_is_refused(criterion, why):
    with pytest.raises(candidates.CandidatesError):
        candidates.parse(DOC | {"criteria": [criterion]}, BOOK)


def test_card_escapes_data_text():
    doc = DOC | {"criteria": [crit(zh="<script>x</script>")]}
    html = candidates.render_html(candidates.table(candidates.parse(doc, BOOK), NAMES, BOOK, "zh"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'class="tbc"' in html
