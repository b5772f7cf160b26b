"""本周变化, pure parts: the baseline rule (meeting time edge cases), the diff (rows matched by
项目编号, each item once under its weightiest change), deadline moves over all kept versions, and
the words of the section and the weekly report's paragraph in both languages."""

import datetime as dt

import pandas as pd
import pytest

from dashboard import config
from dashboard.meeting import baseline, changes, report
from dashboard.meeting.changes import Change
from dashboard.store import LEDGER, Version

CST = dt.timezone(dt.timedelta(hours=8))
MON_9 = (0, dt.time(9, 0))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=CST)


# --------------------------------------------------------------------------- the last meeting


@pytest.mark.parametrize(
    "now, expected, why",
    [
        ("2026-11-23 09:00", "2026-11-23 09:00", "the meeting starting this minute is the last one"),
        ("2026-11-23 08:59", "2026-11-16 09:00", "a minute before the meeting: last week's"),
        ("2026-11-22 23:00", "2026-11-16 09:00", "Sunday night: the Monday before"),
        ("2026-11-24 10:00", "2026-11-23 09:00", "Tuesday: yesterday's"),
        ("2026-11-30 09:01", "2026-11-30 09:00", "just after the next one starts"),
    ],
)
def test_last_meeting(now, expected, why):
    assert baseline.last_meeting(at(now), *MON_9) == at(expected), why


def test_meeting_clock_reads_weekday_and_time_from_config():
    cfg = config.validate({"meeting": {"weekday": "friday", "time": "14:30"}})
    assert baseline.meeting_clock(cfg) == (4, dt.time(14, 30))
    assert baseline.meeting_clock(config.validate({})) == MON_9  # default: Monday 09:00


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ({"meeting": {"weekday": "mon"}}, "[meeting] weekday = 'mon': expected one of monday"),
        ({"meeting": {"time": "9:00"}}, "[meeting] time = '9:00': expected \"HH:MM\""),
        ({"meeting": {"time": "24:00"}}, "[meeting] time = '24:00'"),
        ({"meeting": {"day": "monday"}}, "[meeting] day: unknown key; known: weekday, time"),
    ],
)
def test_bad_meeting_config_is_refused(raw, fragment):
    with pytest.raises(config.ConfigError) as err:
        config.validate(raw)
    assert fragment in str(err.value)


# --------------------------------------------------------------------------- the baseline version


def ver(n: int, when: str) -> Version:
    return Version(LEDGER, n, f"h{n}", at(when).astimezone(dt.UTC), "file", "projects.csv")


MEETING = at("2026-11-23 09:00")


@pytest.mark.parametrize(
    "kept, expected, why",
    [
        ([], None, "nothing kept"),
        ([ver(1, "2026-11-20 10:00"), ver(2, "2026-11-23 08:00"), ver(3, "2026-11-24 10:00")], 2, "newest before"),
        ([ver(1, "2026-11-20 10:00"), ver(2, "2026-11-23 09:00")], 2, "kept at the meeting's minute counts"),
        ([ver(1, "2026-11-23 09:01"), ver(2, "2026-11-24 10:00")], 1, "none that old: the oldest"),
    ],
)
def test_baseline_is_the_version_current_at_the_meeting(kept, expected, why):
    got = baseline.baseline(kept, MEETING)
    assert (got.version if got else None) == expected, why


# --------------------------------------------------------------------------- the diff


def rows(*items: dict) -> pd.DataFrame:
    base = {
        "id": "P-1",
        "name": "项目一",
        "unit": "区创新发展局",
        "post": "待定",
        "deadline": pd.Timestamp("2027-06-30"),
        "deadline_text": "2027-06-30",
        "progress": 50.0,
        "status": "ok",
    }
    return pd.DataFrame([base | i for i in items])


def groups(found: list[Change]) -> list[tuple[str, str]]:
    return [(c.id, c.group) for c in found]


def test_an_unchanged_ledger_has_no_changes():
    assert changes.diff(rows({}), rows({})) == []


def test_each_item_is_listed_once_under_its_weightiest_change():
    before = rows({}, {"id": "P-2"}, {"id": "P-3"}, {"id": "P-4"}, {"id": "P-5"}, {"id": "P-6"})
    after = rows(
        {"deadline": pd.Timestamp("2020-01-01"), "deadline_text": "2020-01-01", "status": "overdue"},
        {"id": "P-2", "progress": 100.0, "status": "done"},
        {"id": "P-3", "status": "at_risk"},
        {"id": "P-4", "unit": "区财政金融局"},
        {"id": "P-5", "progress": 60.0},
        {"id": "P-7", "name": "新项目"},
    )
    found = changes.diff(before, after, {"P-1": 2})
    assert groups(found) == [
        ("P-7", "new"),
        ("P-2", "closed"),
        ("P-1", "deadline"),
        ("P-3", "status"),
        ("P-4", "owner"),
        ("P-5", "progress"),
        ("P-6", "removed"),
    ]
    moved = found[2]
    assert moved.deadline == ("2027-06-30", "2020-01-01") and moved.status == ("ok", "overdue") and moved.moves == 2
    assert found[1].progress == (50.0, 100.0)
    assert changes.changed_ids(found) == {"P-1", "P-2", "P-3", "P-4", "P-5", "P-7"}


def test_the_same_date_written_differently_is_no_move():
    assert changes.diff(rows({}), rows({"deadline_text": "2027/6/30"})) == []


def test_a_progress_first_reported_is_a_change_without_points():
    found = changes.diff(rows({"progress": float("nan")}), rows({"progress": 30.0}))
    assert found[0].progress == (None, 30.0)
    assert "进度 未填报 → 30%(— 个百分点)" in report.line(found[0], "zh")


def test_deadline_moves_are_counted_over_every_kept_version():
    d = [
        rows({}, {"id": "P-2"}),
        rows({"deadline": pd.Timestamp("2027-09-30"), "deadline_text": "2027-09-30"}, {"id": "P-2"}),
        rows({"deadline": pd.Timestamp("2027-09-30"), "deadline_text": "2027-09-30"}),  # P-2 gone for a week
        rows({"deadline": pd.Timestamp("2027-12-31"), "deadline_text": "2027-12-31"}, {"id": "P-2"}),
    ]
    assert changes.deadline_moves(d) == {"P-1": 2}


# --------------------------------------------------------------------------- the words


def test_the_paragraph_names_the_same_items_in_both_languages():
    found = changes.diff(
        rows({}, {"id": "P-2"}),
        rows(
            {"deadline": pd.Timestamp("2020-01-01"), "deadline_text": "2020-01-01", "status": "overdue"},
            {"id": "P-2", "progress": 100.0, "status": "done"},
            {"id": "P-3", "name": "新项目"},
        ),
        {"P-1": 1},
    )
    zh = report.paragraph(found, "2026-11-23 09:00", 4, "zh")
    en = report.paragraph(found, "2026-11-23 09:00", 4, "en")
    assert zh == (
        "自 2026-11-23 09:00(台账第 4 版)以来,重点项目台账共有 3 个项目发生变化:"
        "新增 1 项(P-3 新项目:新增,正常,完成时限 2027-06-30);"
        "完成 1 项(P-2 项目一:正常 → 已完成,进度 50% → 100%(+50 个百分点));"
        "完成时限调整 1 项(P-1 项目一:完成时限 2027-06-30 → 2020-01-01(累计调整 1 次),正常 → 逾期)。"
    )
    assert en == (
        "Since 2026-11-23 09:00 (ledger version 4), 3 items changed in the key-project ledger: "
        "new: 1 (P-3 新项目: new, on track, deadline 2027-06-30); "
        "closed: 1 (P-2 项目一: on track → done, progress 50% → 100% (+50 points)); "
        "deadline moved: 1 (P-1 项目一: deadline 2027-06-30 → 2020-01-01 (moved 1× since first listed), "
        "on track → overdue)."
    )


def test_no_changes_say_since_when():
    assert report.paragraph([], "2026-11-23 09:00", 4, "en") == (
        "Since 2026-11-23 09:00 (ledger version 4), the key-project ledger has not changed."
    )


def test_section_html_escapes_data_text():
    found = changes.diff(rows({}), rows({}, {"id": "P-<b>", "name": "<script>x</script>"}))
    html = report.section_html(found, "en")
    assert "<script>" not in html and "&lt;script&gt;" in html and "New items (1)" in html
