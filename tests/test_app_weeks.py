"""The weekly meeting on the desk page through AppTest (ui/weeks.py): a kept ledger version played
back redraws the projects layer and the KPI strip without a new map script; charts and the
ledger's downloads are on the internal page; a visitor's page carries none of it."""

import json
import os
from pathlib import Path

import pytest

from dashboard.store import LEDGER, open_store
from tests.helpers import drawn, html_with, map_args, row, run, sign_in, use_ledger, write_csv
from ui.weeks import WEEKS_OPEN

P1 = {"项目编号": "P-1", "经度": "113.50", "纬度": "34.80"}


def kept_ledgers(tmp_path: Path, monkeypatch) -> Path:
    """Three ledger versions: v1 P-1 overdue, v2 P-1 on track, v3 (the file, taken in on the first run)
    P-1 on track and P-2 overdue."""
    store = open_store(os.environ["HTZ_STORE_URL"])
    for n, deadline in ((1, "2020-01-01"), (2, "2099-12-31")):
        path = write_csv(tmp_path / f"v{n}.csv", [row(**P1, 完成时限=deadline)])
        store.publish_ledger(
            path.read_bytes(), by="test", source_name="projects.csv", base=store.current_version(LEDGER)
        )
    ledger = write_csv(
        tmp_path / "projects.csv",
        [row(**P1, 完成时限="2099-12-31"), row(项目编号="P-2", 完成时限="2020-01-01", 经度="113.51", 纬度="34.81")],
    )
    use_ledger(monkeypatch, tmp_path, ledger)
    return ledger


def overdue_tile(at) -> str:
    html = html_with(at, "kpi-strip")
    return html.split('kpi st-overdue"><span class="kpi-n">')[1].split("<")[0]


def test_playback_redraws_the_projects_and_the_kpis_without_a_new_map(tmp_path, monkeypatch, signed_in):
    kept_ledgers(tmp_path, monkeypatch)
    at = run()
    slider = at.select_slider(key="playback_version")
    assert [o.split(" ·")[0] for o in slider.options] == ["v1", "v2", "当前 v3"]
    live_script, live = map_args(at)["script"], drawn(at)
    assert overdue_tile(at) == "1" and '"id":"P-2"' in live
    at = slider.set_value(1).run()
    assert not at.exception
    assert overdue_tile(at) == "1" and '"id":"P-2"' not in drawn(at)
    assert '"id":"P-1","kind":"overdue"' in drawn(at)
    assert [i for i in at.info if "回放中:台账版本 v1" in i.value]
    at = at.select_slider(key="playback_version").set_value(2).run()
    assert overdue_tile(at) == "0" and '"id":"P-1","kind":"ok"' in drawn(at)
    assert map_args(at)["script"] == live_script, "playback must not make a new map (st_folium would reload it)"
    at = at.select_slider(key="playback_version").set_value(0).run()
    assert drawn(at) == live and not [i for i in at.info if "回放" in i.value]


def test_internal_page_has_the_weeks_charts_and_the_ledgers_downloads(tmp_path, monkeypatch, signed_in):
    kept_ledgers(tmp_path, monkeypatch)
    at = run()
    assert not at.get("vega_lite_chart"), "closed: the charts are not built (the map comes first)"
    at.session_state[WEEKS_OPEN] = True  # the user opens the section
    at.run()
    charts = at.get("vega_lite_chart")
    assert len(charts) == 4, "by week, by unit, by park, overdue by age"
    specs = "".join(json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in charts)
    assert "各周项目状态" in specs and "按责任单位" in specs and "逾期多久" in specs
    assert "#c62828" in specs, "the overdue red of the map and the KPI strip"
    labels = [b.proto.label for b in at.get("download_button")]
    assert "下载标注问题的台账(.xlsx)" in labels and "下载督办清单(.xlsx)" in labels


def test_a_visitor_gets_no_playback_no_charts_no_returns(tmp_path, monkeypatch):
    kept_ledgers(tmp_path, monkeypatch)
    at = run()  # not signed in: the public page
    assert not at.exception
    assert not [s for s in at.get("select_slider") if s.key == "playback_version"]
    assert not at.get("vega_lite_chart")
    assert not [e for e in at.expander if "每周图表" in e.label]
    labels = [b.proto.label for b in at.get("download_button")]
    assert not [lb for lb in labels if "台账" in lb or "督办" in lb]
    sign_in(monkeypatch)  # the same data, signed in: the section is there (the test above can fail)
    assert [s for s in run().get("select_slider") if s.key == "playback_version"]


@pytest.mark.parametrize("lang, word", [("zh", "当前"), ("en", "now")])
def test_the_slider_names_each_version_by_its_time_in_the_pages_language(tmp_path, monkeypatch, signed_in, lang, word):
    kept_ledgers(tmp_path, monkeypatch)
    options = run({"lang": lang}).select_slider(key="playback_version").options
    assert options[-1].startswith(f"{word}") and all(":" in o for o in options)
