"""Facts: every one with its source and date, 待核实 for gaps, targets beside what is known,
and data text escaped wherever it becomes HTML."""

import re

import pytest

from dashboard import catalog, config, facts, facts_read, panels

CFG = config.load(config.ROOT / "config.toml")
BOOK = facts_read.load(CFG.path_of("facts"))
SRC = {"sources": {"a": {"zh": "报道", "en": "Report", "date": "2019-03", "publisher": "某报"}}}


def test_every_fact_names_a_source_and_a_date():
    for fid, items in BOOK.by_feature.items():
        for f in items:
            assert f.source.zh and f.source.en and f.date, fid


def test_every_fact_belongs_to_a_feature_on_the_map_or_a_page_section():
    cat = catalog.load_catalog(CFG)
    ids = {fid for d in cat.layers.values() for fid in d.gdf["id"]} | set(facts.SECTIONS)
    assert set(BOOK.by_feature) <= ids, set(BOOK.by_feature) - ids


def test_article_targets_are_shown_beside_what_is_known():
    targets = {f.zh: f for f in BOOK.for_feature("park-tianjianhu") if f.kind == "target"}
    assert targets["引入大数据龙头企业"].target.startswith("20")
    assert targets["引入大数据相关企业"].target.startswith("300")
    assert targets["一期项目建设完成"].target.startswith("2022")
    html = facts.render_facts(list(targets.values()), "zh")
    assert html.count("待核实") == len(targets), "the article gives no current figures"


def _fact_blocks(html: str) -> list[str]:
    """The panel cut into one piece per fact (each piece holds that fact's own source line)."""
    return re.split(r'<div class="fact(?: fact-target)?">', html)[1:]


def test_building_11_outcome_is_shown_under_its_own_source_not_the_articles():
    cat = catalog.load_catalog(CFG)
    blocks = _fact_blocks(panels.render(cat, "supercomputing", "sc-building-11", "zh"))
    target = next(b for b in blocks if "2020年上半年" in b)
    assert "郑州大学" not in target and "待核实" in target, "the target's known cell is the article's silence"
    outcome = next(b for b in blocks if "通过科技部验收" in b)
    assert "english.zzu.edu.cn" in outcome and "非原文" in outcome
    assert "郑州高新区报道" not in outcome, "an outcome never sits under the article's source line"
    en = panels.render(cat, "supercomputing", "sc-building-11", "en")
    assert "Building 11" in en and "To be confirmed" in en and "Source" in en
    en_target = next(b for b in _fact_blocks(en) if "<td>H1 2020</td>" in b)
    assert "2020年上半年" not in re.sub(r"<details.*?</details>", "", en_target), "the target in English"
    assert "position inside the base is unknown" in en, "the visitor reading English gets the basis in English"


@pytest.mark.parametrize("field", ["name_zh", "name_en", "basis"])
def test_feature_text_is_escaped_in_the_panel(field):
    props = {"name_zh": "园", "name_en": "P", "basis": "b", "confidence": "approximate"}
    props[field] = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    html = facts.render_panel(props, "层", [], "zh")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_fact_text_is_escaped():
    doc = SRC | {"facts": {"x": [{"kind": "reported", "zh": "<b>粗</b>", "en": "e", "source": "a", "date": "2019"}]}}
    html = facts.render_facts(facts_read.parse(doc).for_feature("x"), "zh")
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "<b>粗" not in html


def test_feature_without_facts_says_tbc():
    assert "待核实" in facts.render_facts([], "zh")


@pytest.mark.parametrize(
    "item, fragment",
    [
        ({"kind": "rumour"}, "kind must be one of"),  # unknown kind
        ({"kind": "reported", "zh": "z", "en": "e", "date": "2019"}, "lacks source"),  # a fact without a source
        ({"kind": "reported", "zh": "z", "en": "e", "source": "a"}, "lacks date"),
        (
            {"kind": "target", "zh": "z", "en": "e", "source": "a", "date": "2019", "target": "20"},
            "lacks target_en, known",
        ),
        (  # a figure the source gives is read in English too
            {"kind": "target", "zh": "z", "en": "e", "source": "a", "date": "2019", "target": "20家"}
            | {"target_en": "20", "known": "5家"},
            "lacks known_en",
        ),
        ({"kind": "reported", "zh": "z", "en": "e", "source": "blog", "date": "2019"}, "unknown source 'blog'"),
    ],
)
def test_bad_fact_is_left_out_with_its_place_named_and_the_others_kept(item, fragment):
    good = {"kind": "note", "zh": "好", "en": "good", "source": "a", "date": "2019"}
    book = facts_read.parse(SRC | {"facts": {"x": [item, good], "y": [good]}})
    (problem,) = book.problems
    assert str(problem).startswith("facts.toml · feature x #1") and fragment in str(problem)
    assert "不显示" in problem.render("zh") or "未显示" in problem.render("zh")
    assert [f.en for f in book.for_feature("x")] == ["good"] and book.for_feature("y")


def test_toml_numbers_where_text_is_expected_become_text():
    item = {"kind": "target", "zh": 2022, "en": "e", "source": "a", "date": 2019, "target": 20, "target_en": 20}
    item |= {"known": 0, "known_en": 0}
    book = facts_read.parse(SRC | {"facts": {"x": [item]}})
    (fact,) = book.for_feature("x")
    assert (fact.zh, fact.date, fact.target, fact.known, fact.target_en) == ("2022", "2019", "20", "0", "20")
    assert "<td>20</td>" in facts.render_facts([fact], "en")


def test_a_list_where_text_is_expected_is_reported_in_both_languages():
    item = {"kind": "note", "zh": ["a"], "en": "e", "source": "a", "date": "2019"}
    (problem,) = facts_read.parse(SRC | {"facts": {"x": [item]}}).problems
    assert (
        problem.render("zh") == "facts.toml · 要素 x #1 · 字段“zh”:须为文字,实为 list;该条未显示;请在 facts.toml 中修正"
    )
    assert problem.render("en").endswith("must be text, got list; this entry is not shown; fix it in facts.toml")


def test_outside_fact_is_marked_not_from_the_article_and_names_its_source():
    doc = {
        "sources": {
            "web": {
                "zh": "某报道",
                "en": "A report",
                "date": "2020",
                "publisher": "某网",
                "url": "https://example.org/x",
            }
        },
        "facts": {"x": [{"kind": "outcome", "zh": "后来", "en": "later", "source": "web", "date": "2020"}]},
    }
    fact = facts_read.parse(doc).for_feature("x")[0]
    zh, en = facts.render_facts([fact], "zh"), facts.render_facts([fact], "en")
    assert "非原文" in zh and "某网" in zh and 'href="https://example.org/x"' in zh
    assert "not from the article" in en
    assert facts.source_label(fact.source, "zh") == "某报道 · 某网 · https://example.org/x(非原文)"


def test_outside_source_without_a_publisher_is_refused():
    doc = {"sources": {"web": {"zh": "某报道", "en": "A report", "date": "2020"}}}
    (problem,) = facts_read.parse(doc).problems
    assert "[sources.web]" in str(problem) and "lacks publisher" in str(problem)


def test_article_fact_shows_its_quote_on_demand_escaped():
    doc = {
        "sources": {"a": {"zh": "报道", "en": "Report", "date": "2019", "text": "a.txt"}},
        "facts": {
            "x": [{"kind": "reported", "zh": "z", "en": "e", "source": "a", "date": "2019", "quote": "<i>原话</i>"}]
        },
    }
    html = facts.render_facts(facts_read.parse(doc).for_feature("x"), "zh")
    assert '<details class="fact-quote"><summary>原文</summary>' in html
    assert "&lt;i&gt;原话&lt;/i&gt;" in html and "<i>" not in html
    assert "非原文" not in html


def test_for_audience_public_drops_internal_facts_and_internal_keeps_all():
    public = BOOK.for_audience("public")
    assert "war-map" not in public.by_feature, "the war map's facts are internal"
    assert all(f.audience == "public" for items in public.by_feature.values() for f in items)
    assert BOOK.for_audience("internal") is BOOK
    assert {f.audience for f in BOOK.for_feature("war-map")} == {"internal"}
    with pytest.raises(ValueError):
        BOOK.for_audience("everyone")


def test_war_map_facts_give_the_meeting_the_map_and_the_land_stages():
    text = " ".join(f.zh for f in BOOK.for_feature("war-map"))
    for words in ("第三次周例会", "作战图", "定人、定责、定时", "批、征、供、用", "M0", "区级配套资金"):
        assert words in text, words


def test_audience_must_be_public_or_internal():
    item = {"kind": "note", "zh": "z", "en": "e", "source": "a", "date": "2019", "audience": "vip"}
    book = facts_read.parse(SRC | {"facts": {"x": [item]}})
    assert "audience must be one of public, internal" in str(book.problems[0])
    assert book.for_feature("x") == []


@pytest.mark.parametrize(
    "lang, first, second", [("zh", "沟赵园区", "Gouzhao Park"), ("en", "Gouzhao Park", "沟赵园区")]
)
def test_panel_title_is_the_name_in_the_pages_language_with_the_other_beside_it(lang, first, second):
    html = facts.render_panel({"name_zh": "沟赵园区", "name_en": "Gouzhao Park"}, "Parks", [], lang)
    assert re.search(f'class="panel-name"[^>]*>{first}<', html)
    assert re.search(f'class="panel-name-other"[^>]*>{second}<', html)


def test_panel_title_without_an_english_name_shows_the_chinese_once():
    html = facts.render_panel({"name_zh": "沟赵园区"}, "Parks", [], "en")
    assert html.count("沟赵园区") == 1 and 'lang="zh"' in html
