"""The war map and the meeting-room screen through Streamlit's AppTest: screen mode has no
sidebar widget and hides the chrome; the table's filters narrow it; a row picked fills the panel
and moves the map; a saved ledger shows on the next run; bad rows and bad tour stops are named."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, mapview
from tests.helpers import html_with, map_args, pick_table_row, row, run, use_ledger, write_csv


def table(at: AppTest):
    return at.dataframe(key="projects_table").value


def pick_project(project_id: str) -> AppTest:
    """The desk page with the row of `project_id` picked in the projects table."""
    at = run()
    return pick_table_row(at, "projects_table", list(table(at)["项目编号"]).index(project_id))


# --------------------------------------------------------------------------- screen mode


def test_screen_mode_creates_no_sidebar_widget_and_hides_the_chrome():
    at = run(mode="screen")
    assert not at.exception
    assert len(at.sidebar) == 0, "nothing may open a sidebar on the meeting-room screen"
    for kind in ("radio", "toggle", "selectbox", "multiselect", "dataframe", "button"):
        assert len(at.get(kind)) == 0, kind
    css = html_with(at, 'data-testid="stSidebar"')
    assert "display: none !important" in css and 'data-testid="stHeader"' in css
    assert "screen-top" in html_with(at, "kpi-strip")


@pytest.fixture(autouse=True)
def _internal(signed_in):
    """The war map is internal: these tests run signed in (tests/test_audience_app.py: the public page)."""


def test_screen_map_runs_the_tour_without_reruns():
    at = run(mode="screen")
    args = map_args(at)
    assert map_args(at.run())["script"] == args["script"], "a changed script remounts the map"
    assert args["returned_objects"] == [], "the tour's moves must not rerun the page"
    assert "window.tourIndex" in args["script"] and "PageDown" in args["script"]
    assert "var(--fit, 1)" in args["header"] and "height: 100vh !important" in args["header"]
    assert not [u for u in args["js_links"] + args["css_links"] if "//" in u], "offline: no CDN"


def test_desk_page_links_to_screen_mode():
    at = run()
    link = at.get("link_button")[0]
    assert link.proto.url == "./?mode=screen&lang=zh"
    assert "projects" in {t.key.removeprefix("layer_") for t in at.toggle}


# --------------------------------------------------------------------------- table and panel


def test_table_filters_narrow_the_rows():
    at = run()
    everything = table(at)
    at.multiselect(key="f_status").set_value(["ok"]).run()  # the sample as of 2019-03-19: 3 rows on track
    on_track = table(at)
    assert 0 < len(on_track) < len(everything)
    assert set(on_track["状态"]) == {"正常"}
    assert set(on_track["项目编号"]) == set(everything[everything["状态"] == "正常"]["项目编号"])


def test_selecting_a_row_fills_the_panel_and_moves_the_map_to_the_project():
    at = pick_project("sc-unicom-base")
    assert not at.exception
    panel = html_with(at, "project-panel")
    for text in ("责任单位", "待定", "完成时限", "未填报", "时限待定", "原文未给出"):
        assert text in panel, text
    args = map_args(at)
    assert args["center"] is not None, "the map pans to the project"
    assert mapview.SELECTION_COLOR in args["feature_group"] and "sc-unicom-base" in args["feature_group"]


def test_selecting_a_table_only_row_fills_the_panel_and_leaves_the_map():
    at = pick_project("P-2019-11")
    panel = html_with(at, "project-panel")
    assert "区财政金融局、区创新发展局" in panel and "仅表格" in panel
    assert map_args(at)["center"] is None


# --------------------------------------------------------------------------- a changed ledger


def test_a_saved_deadline_turns_the_project_overdue_on_the_next_run(tmp_path, monkeypatch):
    ledger_path = write_csv(tmp_path / "projects.csv", [row(项目编号="P-1", 完成时限="2099-12-31")])
    use_ledger(monkeypatch, tmp_path, ledger_path)
    at = run()
    assert list(table(at)["状态"]) == ["正常"]
    write_csv(ledger_path, [row(项目编号="P-1", 完成时限="2020-01-01")])
    st = ledger_path.stat()
    os.utime(ledger_path, (st.st_atime, st.st_mtime + 5))  # a later save, even on a coarse clock
    at.run()
    assert list(table(at)["状态"]) == ["逾期"]
    assert '<span class="kpi-n">1</span><span class="kpi-l">逾期</span>' in html_with(at, "kpi-strip")


def test_a_bad_row_is_listed_with_its_row_number_and_the_others_still_show(tmp_path, monkeypatch):
    ledger_path = write_csv(
        tmp_path / "projects.csv",
        [row(项目编号="P-1"), row(项目编号="P-2", **{"当前进度(%)": "很快"}), row(项目编号="P-3")],
    )
    use_ledger(monkeypatch, tmp_path, ledger_path)
    at = run()
    assert list(table(at)["项目编号"]) == ["P-1", "P-3"]
    errors = next(e for e in at.expander if "未通过校验" in e.label)
    assert "projects.csv · 第 3 行 · 字段“当前进度(%)”:不是数字：“很快”" in errors.text[0].value


def test_a_tour_stop_naming_no_feature_is_reported_by_number(tmp_path, monkeypatch):
    tour = (
        '[tour]\n[[tour.stops]]\nlayer = "parks"\ncaption_zh = "园区"\n'
        '[[tour.stops]]\nfeature = "park-ghost"\ncaption_zh = "鬼"\n'
    )
    use_ledger(monkeypatch, tmp_path, config.ROOT / "data" / "ledger", tour)
    at = run()
    problems = next(e for e in at.expander if "数据问题" in e.label)
    # in the page's language: a Chinese page names the problem in Chinese
    assert any("tour.stops #2" in t.value and "'park-ghost' 不在地图的任何图层上" in t.value for t in problems.text)


def test_the_war_map_says_where_it_comes_from_in_the_articles_words():
    at = run()
    origin = next(e for e in at.expander if "作战图的由来" in e.label)
    text = "".join(h.proto.body for h in origin.get("html"))
    for words in ("挂图作战", "定人、定责、定时", "第三次周例会", "批、征、供、用"):
        assert words in text, words
    assert "原文" in text and "fact-quote" in text, "each with the article's words on demand"


def test_a_long_table_is_plain_and_says_so_and_a_filter_brings_the_colours_back(monkeypatch):
    from dashboard import warmap

    monkeypatch.setattr(warmap, "STYLED_UP_TO", 2)  # the sample ledger has more rows, 2 of them on track
    at = run()
    styles = lambda: at.dataframe(key="projects_table").proto.arrow_data.styler.styles  # noqa: E731
    assert len(table(at)) > 2 and "color:" not in styles()
    assert any("不再着色" in c.value for c in at.caption), "the page says why the statuses are not coloured"
    at.multiselect(key="f_status").set_value(["ok"]).run()
    assert len(table(at)) == 2 and "color:" in styles()
    assert not any("不再着色" in c.value for c in at.caption)
