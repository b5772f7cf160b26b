"""Facts: every one with its source and date, 待核实 for gaps, targets beside what is known,
and data text escaped wherever it becomes HTML."""

import pytest

from dashboard import catalog, config, facts

CFG = config.load(config.ROOT / "config.toml")
BOOK = facts.load(CFG.path_of("facts"))
SRC = {"sources": {"a": {"zh": "报道", "en": "Report", "date": "2019-03"}}}


def test_every_fact_names_a_source_and_a_date():
    for fid, items in BOOK.by_feature.items():
        for f in items:
            assert f.source.zh and f.source.en and f.date, fid


def test_every_fact_belongs_to_a_feature_on_the_map():
    cat = catalog.load_catalog(CFG)
    ids = {fid for d in cat.layers.values() for fid in d.gdf["id"]}
    assert set(BOOK.by_feature) <= ids, set(BOOK.by_feature) - ids


def test_article_targets_are_shown_beside_what_is_known():
    targets = {f.zh: f for f in BOOK.for_feature("park-tianjianhu") if f.kind == "target"}
    assert targets["引入大数据龙头企业"].target.startswith("20")
    assert targets["引入大数据相关企业"].target.startswith("300")
    assert targets["一期项目建设完成"].target.startswith("2022")
    html = facts.render_facts(list(targets.values()), "zh")
    assert html.count("待核实") == len(targets), "the article gives no current figures"


@pytest.mark.parametrize("field", ["name_zh", "name_en", "basis"])
def test_feature_text_is_escaped_in_the_panel(field):
    props = {"name_zh": "园", "name_en": "P", "basis": "b", "confidence": "approximate"}
    props[field] = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    html = facts.render_panel(props, "层", [], "zh")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_fact_text_is_escaped():
    doc = SRC | {"facts": {"x": [{"kind": "reported", "zh": "<b>粗</b>", "en": "e", "source": "a",
                                  "date": "2019"}]}}
    html = facts.render_facts(facts.parse(doc).for_feature("x"), "zh")
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "<b>粗" not in html


def test_feature_without_facts_says_tbc():
    assert "待核实" in facts.render_facts([], "zh")


@pytest.mark.parametrize("item, fragment", [
    ({"kind": "rumour"}, "kind must be one of"),                                  # unknown kind
    ({"kind": "reported", "zh": "z", "en": "e", "date": "2019"}, "lacks source"),  # a fact without a source
    ({"kind": "reported", "zh": "z", "en": "e", "source": "a"}, "lacks date"),
    ({"kind": "target", "zh": "z", "en": "e", "source": "a", "date": "2019", "target": "20"}, "lacks known"),
    ({"kind": "reported", "zh": "z", "en": "e", "source": "blog", "date": "2019"}, "unknown source 'blog'"),
])
def test_bad_fact_is_refused_with_its_place_named(item, fragment):
    with pytest.raises(facts.FactsError) as err:
        facts.parse(SRC | {"facts": {"x": [item]}})
    assert "facts.x #1" in str(err.value) and fragment in str(err.value)
