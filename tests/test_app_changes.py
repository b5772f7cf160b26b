"""本周变化 through AppTest (issue 10): a ledger saved, then a changed one (a deadline moved into the
past, a new row, a row at 100 %): the section lists exactly those three changes with the right
words, the paragraph says the same in both languages, the changed projects are ringed on the map
and on the meeting-room screen — and a visitor is sent none of it."""

import json
import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import drawn, map_args, row, run, use_ledger, write_csv

WHERE = {"经度": "113.52", "纬度": "34.81"}  # inside the zone: drawn on the map
RING = '"color": "#7c3aed"'  # an inline ring (the screen's map)
PUBLIC = {"公开范围": "公开", "项目名称(英文)": "A public project"}  # a visitor sees these rows too


def first(path):
    return write_csv(
        path,
        [
            row(项目编号="P-1", 项目名称="道路一期", 完成时限="2099-12-31", **WHERE, **PUBLIC),
            row(项目编号="P-2", 项目名称="公寓建设", **WHERE, **PUBLIC),
        ],
    )


def changed(path):
    write_csv(
        path,
        [
            row(项目编号="P-1", 项目名称="道路一期", 完成时限="2020-01-01", **WHERE, **PUBLIC),
            row(项目编号="P-2", 项目名称="公寓建设", **{"当前进度(%)": "100"}, **WHERE, **PUBLIC),
            row(项目编号="P-3", 项目名称="论坛筹办", **WHERE, **PUBLIC),
        ],
    )
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))


def two_versions(tmp_path, monkeypatch, **kw) -> AppTest:
    """The page after a ledger was saved, taken in (version 1), and saved again changed (version 2)."""
    path = first(tmp_path / "projects.csv")
    use_ledger(monkeypatch, tmp_path, path)
    at = run(**kw)
    changed(path)
    return at.run()


def section(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html") if 'class="changes"' in h.proto.body)


def items(at: AppTest) -> dict[str, list[str]]:
    """group → its items' text, as listed."""
    out = {}
    for group, body in re.findall(r'data-group="(\w+)"><b>[^<]*</b><ul>(.*?)</ul>', section(at)):
        out[group] = re.findall(r"<li[^>]*>(.*?)</li>", body)
    return out


def test_the_section_lists_exactly_the_three_changes(tmp_path, monkeypatch, signed_in):
    at = two_versions(tmp_path, monkeypatch)
    assert not at.exception
    assert "本周变化" in [s.value for s in at.subheader]
    assert "最早的版本" in at.selectbox(key="changes_baseline").format_func(0)  # no version was kept before the meeting
    assert items(at) == {
        "new": ["P-3 论坛筹办:新增,正常,完成时限 2027-06-30"],
        "closed": ["P-2 公寓建设:正常 → 已完成,进度 50% → 100%(+50 个百分点)"],
        "deadline": ["P-1 道路一期:完成时限 2099-12-31 → 2020-01-01(累计调整 1 次),正常 → 逾期"],
    }
    zh, en = (c.value for c in at.code)
    for text in items(at).values():
        assert text[0] in zh
    assert "共有 3 个项目发生变化" in zh and "台账第 1 版" in zh
    assert en.startswith("Since ") and "3 items changed" in en
    for words in ("P-3 论坛筹办: new, on track", "P-2 公寓建设: on track → done", "deadline 2099-12-31 → 2020-01-01"):
        assert words in en
    assert "on track → overdue" in en


def test_the_section_in_english(tmp_path, monkeypatch, signed_in):
    at = two_versions(tmp_path, monkeypatch, query={"lang": "en"})
    assert "Changes since last meeting" in [s.value for s in at.subheader]
    assert list(items(at)) == ["new", "closed", "deadline"]
    assert "New items (1)" in section(at) and "Deadline moves (1)" in section(at)


def test_changed_projects_are_ringed_on_the_map_and_named_in_the_tooltip(tmp_path, monkeypatch, signed_in):
    at = two_versions(tmp_path, monkeypatch)
    feats = [
        f
        for doc in re.findall(r'\{"type":"FeatureCollection".*?\]\}(?=\{|$)', drawn(at))
        for f in json.loads(doc)["features"]
        if f["properties"]["layer"] == "projects"
    ]
    props = {f["properties"]["id"]: f["properties"] for f in feats}
    assert {fid for fid, p in props.items() if p.get("c") == 1} == {"P-1", "P-2", "P-3"}
    assert "本周变化:完成时限调整" in props["P-1"]["t"]
    sent = map_args(at)
    assert "legend-changed" in sent["script"]  # the ring has its line in the legend
    assert map_args(at.run()) == sent  # the marks ride in the data: a rerun sends the map the same bytes


def test_picking_the_newest_version_as_baseline_leaves_nothing_changed(tmp_path, monkeypatch, signed_in):
    at = two_versions(tmp_path, monkeypatch)
    at.selectbox(key="changes_baseline").set_value(2).run()
    assert section(at) == ""
    assert any("以来台账没有变化" in s.value and "第 2 版" in s.value for s in at.success)
    assert '"c":1' not in drawn(at)  # the rings follow the pick


def test_one_kept_version_says_there_is_nothing_to_compare(tmp_path, monkeypatch, signed_in):
    use_ledger(monkeypatch, tmp_path, first(tmp_path / "projects.csv"))
    at = run()
    assert any("只保存了一个台账版本" in i.value for i in at.info)
    assert section(at) == "" and not at.code


def test_the_screen_rings_the_changes(tmp_path, monkeypatch, signed_in):
    at = two_versions(tmp_path, monkeypatch, mode="screen")
    assert map_args(at)["feature_group"].count(RING) == 3  # the screen draws inline: one ring per change


def test_the_changes_stop_frames_the_changed_items_only():
    import geopandas as gpd
    import shapely

    from dashboard.geodata import LayerData
    from dashboard.meeting import marks
    from dashboard.meeting.changes import Change
    from layers.projects import SPEC

    gdf = gpd.GeoDataFrame(
        {"id": ["P-1", "P-2", "P-3"], "kind": ["ok"] * 3, "tip_note": [""] * 3},
        geometry=[shapely.Point(113.50, 34.80), shapely.Point(113.60, 34.90), shapely.Point(113.52, 34.81)],
        crs="EPSG:4326",
    )
    data = marks.marked(LayerData(SPEC, gdf), [Change("P-1", "a", "new"), Change("P-3", "c", "owner")], "zh")
    (stop,) = marks.tour_stop(data, "zh")
    assert stop["bounds"] == [[34.80, 113.50], [34.81, 113.52]]  # P-2 did not change
    assert stop["caption"] == "本周变化:2 个项目(新增 1 项,责任变化 1 项)"
    assert marks.tour_stop(LayerData(SPEC, gdf), "zh") == []  # nothing marked: no stop


@pytest.mark.parametrize("mode", [None, "screen"])
def test_a_visitor_is_sent_nothing_of_the_changes(tmp_path, monkeypatch, mode):
    at = two_versions(tmp_path, monkeypatch, mode=mode)
    assert not at.exception
    assert "P-3" in drawn(at)  # the public rows are drawn ...
    assert '"c":1' not in drawn(at) and "本周变化" not in drawn(at) and RING not in drawn(at)  # ... unmarked
    assert not [s for s in at.subheader if s.value == "本周变化"] and section(at) == "" and not at.code
    script = map_args(at)["script"]
    assert "legend-changed" not in script and "本周变化" not in script  # no legend line, no tour stop
