"""The public page under AppTest: what a visitor's session is built from (the browser test
tests/browser/test_audience_browser.py records what actually reaches a browser)."""

from __future__ import annotations

import json

import pytest

from tests.helpers import drawn, html_text, map_args, row, run, sign_in, use_ledger, write_csv

MARKED = [
    row(
        项目编号="P-SECRET",
        项目名称="内部项目",
        责任单位="MARK-UNIT",
        存在问题="MARK-PROBLEM",
        经度="113.50",
        纬度="34.81",
    ),
    row(
        项目编号="P-OPEN",
        项目名称="公开项目",
        公开范围="公开",
        **{"项目名称(英文)": "Open project"},
        责任单位="MARK-OPEN-UNIT",
        下一节点="MARK-OPEN-NEXT",
        经度="113.51",
        纬度="34.81",
    ),
]


@pytest.fixture
def marked(monkeypatch, tmp_path):
    use_ledger(monkeypatch, tmp_path, write_csv(tmp_path / "p.csv", MARKED))


def everything_sent(at) -> str:
    """The page's elements and the map component's payload, as one text."""
    return (
        html_text(at)
        + "".join(str(v) for v in map_args(at).values())
        + drawn(at)
        + "".join(str(e.proto) for e in at.get("selectbox"))
        + "".join(e.value for e in at.markdown)
        + "".join(str(e.proto) for e in at.get("download_button"))
    )


def test_a_visitor_gets_no_war_map_no_table_and_no_internal_field(marked):
    at = run()
    assert not at.exception
    sent = everything_sent(at)
    assert "MARK" not in sent and "P-SECRET" not in sent and "内部项目" not in sent
    assert "重点项目作战图" not in sent and not at.get("arrow_data_frame"), "no KPI strip, no table"
    assert "公开项目" in sent and "Open project" in sent, "a row marked 公开 is shown by its name"
    assert "天健湖产业园一期" in sent or "Tianjian" in sent, "the article's targets are public"


def test_a_visitor_sees_the_project_marked_public_with_its_public_fields_only(marked):
    at = run(query={"select": "projects/P-OPEN"})
    panel = html_text(at)
    assert "公开项目" in panel and "Open project" in panel and "示意" in panel
    assert "MARK-OPEN" not in panel and "责任单位" not in panel and "完成时限" not in panel


def test_a_visitors_link_to_an_internal_project_asks_to_sign_in_and_shows_nothing_of_it(marked):
    at = run(query={"select": "projects/P-SECRET", "lang": "en"})
    assert any("sign in" in w.value.lower() for w in at.warning)
    sent = everything_sent(at)
    assert "内部项目" not in sent and "MARK" not in sent, "nothing of it (its id is the visitor's own link)"


def test_the_same_link_signed_in_opens_the_project(marked, monkeypatch):
    sign_in(monkeypatch)
    at = run(query={"select": "projects/P-SECRET"})
    assert "MARK-UNIT" in html_text(at) and not at.warning


def test_a_visitors_screen_runs_the_public_tour_without_internal_stops(marked):
    at = run(mode="screen")
    sent = everything_sent(at)
    assert "重点项目作战图" not in sent and "MARK" not in sent
    assert "郑州高新区 · 资产一张图" in sent, "the title stands where the internal KPIs would"
    assert "按状态着色" not in sent, "the war-map stop's caption is not sent"
    assert json.dumps("联通中原数据基地")[1:-1] in sent, "the public stops are (in the map script's JSON)"


def test_a_visitor_is_not_shown_data_problems(monkeypatch, tmp_path):
    use_ledger(monkeypatch, tmp_path, write_csv(tmp_path / "p.csv", [row(**{"当前进度(%)": "很快"})]))
    at = run()
    assert not at.exception and not any("问题" in e.label or "台账" in e.label for e in at.expander), (
        "file names, row numbers, internal ids: not for visitors"
    )
    sign_in(monkeypatch)
    assert any("未通过校验" in e.label for e in run().expander), "a signed-in user is told"


def test_a_signed_in_link_to_a_missing_project_is_not_asked_to_sign_in(marked, monkeypatch):
    sign_in(monkeypatch)
    at = run(query={"select": "projects/P-GONE", "lang": "en"})
    assert not at.exception and not any("sign in" in w.value.lower() for w in at.warning)
