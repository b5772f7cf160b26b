"""The source article is kept in the repository with its provenance, and every article fact
rests on its exact words: each quote occurs verbatim in the stored text (whitespace aside)."""

import hashlib
import tomllib

import pytest

from dashboard import config, facts, facts_read

CFG = config.load(config.ROOT / "config.toml")
SOURCES = config.ROOT / "data" / "sources"
PROVENANCE = tomllib.loads((SOURCES / "zzgx-news-2019-03.toml").read_text(encoding="utf-8"))
TEXT = (SOURCES / PROVENANCE["file"]).read_text(encoding="utf-8")
BOOK = facts_read.load(CFG.path_of("facts"))
ARTICLE_FACTS = [(fid, f) for fid, items in BOOK.by_feature.items() for f in items if f.from_article]

# Every personal name of an official (and of the two telecom managers) printed in the article.
# None may reach a visitor: public facts, their quotes, source titles, the tour, the legends.
NAMES = (
    "王新亭",
    "商建东",
    "王瑞红",
    "张卫华",
    "王宏伟",
    "王军亮",
    "张红军",
    "王军",
    "朱天宝",
    "张立兴",
    "刘振中",
    "郑林山",
    "王林贺",
    "张良才",
)


def test_the_stored_article_is_the_unaltered_copy_its_provenance_describes():
    assert hashlib.sha256((SOURCES / PROVENANCE["file"]).read_bytes()).hexdigest() == PROVENANCE["sha256"]
    assert len(PROVENANCE["reports"]) == 5
    assert {r["date"][:10] for r in PROVENANCE["reports"]} >= {"2019-03-14", "2019-03-16", "2019-03-19"}
    for r in PROVENANCE["reports"]:
        assert facts.squeeze(r["headline"].split(" / ")[-1]) in facts.squeeze(TEXT), r["headline"]


def test_the_article_source_points_at_the_stored_text():
    article = BOOK.sources["article"]
    assert (
        article.is_article
        and (CFG.path_of("facts").parent / article.text_file).resolve() == (SOURCES / PROVENANCE["file"]).resolve()
    )


def test_every_article_fact_has_a_quote():
    assert len(ARTICLE_FACTS) > 30
    missing = [fid for fid, f in ARTICLE_FACTS if not f.quote]
    assert not missing, missing


@pytest.mark.parametrize("fid, fact", ARTICLE_FACTS, ids=[f"{fid}:{f.zh[:8]}" for fid, f in ARTICLE_FACTS])
def test_each_quote_occurs_verbatim_in_the_article(fid, fact):
    for q in fact.quote:
        assert facts.squeeze(q) in facts.squeeze(TEXT), q


def _article_doc(quote: str) -> dict:
    return {
        "sources": {"article": {"zh": "报道", "en": "Report", "date": "2019", "text": "t.txt"}},
        "facts": {
            "x": [{"kind": "reported", "zh": "z", "en": "e", "source": "article", "date": "2019", "quote": quote}]
        },
    }


def test_a_quote_altered_by_one_character_is_refused():
    quote = "预计一期项目2022年建设完成"
    assert facts_read.parse(_article_doc(quote), texts={"article": TEXT}).for_feature("x")[0].quote == (quote,)
    altered = quote.replace("2022", "2023")
    book = facts_read.parse(_article_doc(altered), texts={"article": TEXT})
    assert book.for_feature("x") == [] and "quote not found verbatim" in str(book.problems[0])


def test_line_breaks_in_the_extracted_text_do_not_fail_a_quote():
    assert "党工委\n书记" in TEXT
    assert facts_read.parse(_article_doc("高新区党工委书记、管委会主任"), texts={"article": TEXT}).problems == ()


def test_an_article_fact_without_a_quote_is_refused():
    doc = _article_doc("x")
    del doc["facts"]["x"][0]["quote"]
    book = facts_read.parse(doc, texts={"article": TEXT})
    assert book.for_feature("x") == [] and "feature x #1 · field 'quote': lacks quote" in str(book.problems[0])


def test_outside_facts_carry_their_own_source():
    outside = [f for items in BOOK.by_feature.values() for f in items if not f.from_article]
    assert outside, "the outcome and the Hanwei identity are outside facts"
    for f in outside:
        assert f.source.publisher and f.source.date and not f.quote
        assert "非原文" in facts.render_facts([f], "zh") and "not from the article" in facts.render_facts([f], "en")


def _public_texts() -> list[str]:
    public = BOOK.for_audience("public")
    texts = [
        s
        for f in (f for items in public.by_feature.values() for f in items)
        for s in (f.zh, f.en, f.target or "", f.known or "", *f.quote)
    ]
    for src in BOOK.sources.values():
        texts += [src.zh, src.en, src.note_zh, src.note_en, src.publisher]
    texts += [r["public_title"] for r in PROVENANCE["reports"]]
    for stop in CFG["tour"]["stops"]:
        texts += [stop["caption_zh"], stop["caption_en"]]
    return texts


def test_no_official_is_named_to_a_visitor():
    found = [(name, text) for text in _public_texts() for name in NAMES if name in text]
    assert not found, found


def test_the_sample_ledger_names_no_official():
    with open(config.ROOT / "data" / "ledger" / "projects.csv", encoding="utf-8-sig") as f:
        text = f.read()
    assert not [name for name in NAMES if name in text]


def test_the_screen_legend_marks_the_built_site_as_not_from_the_article():
    from layers.supercomputing import SPEC

    legend = SPEC.kinds["built_site"].legend
    assert "非原文" in legend.zh and "not in the article" in legend.en
    built = next(s for s in CFG["tour"]["stops"] if s.get("feature") == "sc-zzu-built")
    assert "非原文" in built["caption_zh"] and "not in the article" in built["caption_en"]


def test_the_sample_ledger_quotes_the_article_verbatim():
    import re

    with open(config.ROOT / "data" / "ledger" / "projects.csv", encoding="utf-8-sig") as f:
        text = f.read()
    quotes = re.findall(r"「([^」]*)」", text) + re.findall(r"文中“([^”]*)”", text)
    assert len(quotes) >= 6
    for q in quotes:
        assert facts.squeeze(q) in facts.squeeze(TEXT), q
    assert "均明确" not in text, "only the items not solved on the spot got a timetable"


def test_the_sample_ledger_leaves_the_land_stage_to_the_article():
    from dashboard.ledger import load_ledger

    rows = load_ledger(config.ROOT / "data" / "ledger" / "projects.csv").rows.to_dict("records")
    assert len(rows) == 14
    assert all(r["land_stage"] == "" and "用地阶段：原文未给出" in r["source"] for r in rows), (
        "the article puts no project in a land stage"
    )
