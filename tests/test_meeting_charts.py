"""dashboard/meeting/charts.py: counts by status per week (the week's last version), by unit and by
park, overdue projects by how long; the Vega-Lite specs in the status colours and the CJK font."""

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard import ledger
from dashboard.meeting import charts
from layers.projects import status_color
from tests.helpers import row, write_csv

DAY = dt.date(2026, 11, 26)  # a Thursday


def rows_of(tmp_path: Path, *rows: list, today: dt.date = DAY) -> pd.DataFrame:
    path = write_csv(tmp_path / f"projects-{len(list(tmp_path.iterdir()))}.csv", list(rows))
    return ledger.load_ledger(path, today=today).rows


@pytest.mark.parametrize(
    "day, monday",
    [
        (dt.date(2026, 11, 23), dt.date(2026, 11, 23)),  # a Monday is its own week
        (dt.date(2026, 11, 29), dt.date(2026, 11, 23)),  # Sunday belongs to the week before
        (dt.date(2026, 1, 1), dt.date(2025, 12, 29)),  # across a year's end
    ],
)
def test_week_start_is_the_monday(day, monday):
    assert charts.week_start(day) == monday


def test_each_week_counts_its_last_version_only(tmp_path):
    late = rows_of(tmp_path, row(项目编号="P-1", 完成时限="2020-01-01"))
    fine = rows_of(tmp_path, row(项目编号="P-1", 完成时限="2099-12-31"), row(项目编号="P-2", 完成时限="2099-12-31"))
    kept = [(dt.date(2026, 11, 16), late), (dt.date(2026, 11, 24), late), (dt.date(2026, 11, 26), fine)]
    frame = charts.status_by_week(kept, "zh")
    assert frame.to_dict("records") == [
        {"week": "2026-11-16", "status": "overdue", "label": "逾期", "n": 1},
        {"week": "2026-11-23", "status": "ok", "label": "正常", "n": 2},  # Thursday's version, not Tuesday's
    ]


def test_counts_by_unit_split_by_status_and_a_blank_unit_is_named(tmp_path):
    rows = rows_of(
        tmp_path,
        row(项目编号="P-1", 责任单位="区建设局", 完成时限="2020-01-01"),
        row(项目编号="P-2", 责任单位="区建设局"),
        row(项目编号="P-3", 责任单位=""),
    )
    got = {(r["key"], r["label"]): r["n"] for r in charts.counts_by(rows, "unit", "en").to_dict("records")}
    assert got == {("区建设局", "overdue"): 1, ("区建设局", "on track"): 1, ("(blank)", "on track"): 1}


def test_overdue_projects_by_how_long_overdue(tmp_path):
    deadlines = ["2026-11-25", "2026-11-19", "2026-11-18", "2026-08-01", "2025-11-26", "2020-01-01"]
    rows = rows_of(tmp_path, *(row(项目编号=f"P-{i}", 完成时限=d) for i, d in enumerate(deadlines)))
    got = charts.overdue_by_age(rows, DAY, "zh")
    # 1 day; 7 days (the first week's last day); 8; 117; 365 (a year's last day); 2521
    assert list(got["bucket"]) == ["1–7 天", "8–30 天", "31–90 天", "91–365 天", "一年以上"]
    assert list(got["n"]) == [2, 1, 0, 2, 1]


def test_no_overdue_project_gives_every_bucket_at_zero(tmp_path):
    rows = rows_of(tmp_path, row(项目编号="P-1", 完成时限="2099-12-31"))
    assert list(charts.overdue_by_age(rows, DAY, "en")["n"]) == [0] * 5


def test_week_chart_stacks_in_the_maps_status_colours_with_the_cjk_font(tmp_path):
    rows = rows_of(tmp_path, row(项目编号="P-1", 完成时限="2020-01-01"), row(项目编号="P-2"))
    spec = charts.week_chart(charts.status_by_week([(DAY, rows)], "zh"), "zh").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))["逾期"] == status_color("overdue")
    assert dict(zip(scale["domain"], scale["range"], strict=True))["正常"] == status_color("ok")
    assert spec["config"]["font"].startswith('"Noto Sans CJK SC"')
    assert spec["encoding"]["y"]["stack"] == "zero"
    text = json.dumps(spec, ensure_ascii=False)
    assert "各周项目状态" in text and "周(周一)" in text


def test_age_chart_keeps_the_buckets_in_order(tmp_path):
    rows = rows_of(tmp_path, row(项目编号="P-1", 完成时限="2020-01-01"))
    frame = charts.overdue_by_age(rows, DAY, "en")
    spec = charts.age_chart(frame, "How long overdue", "en").to_dict()
    assert spec["encoding"]["x"]["sort"] == ["1–7 days", "8–30 days", "31–90 days", "91–365 days", "over a year"]
    assert spec["mark"]["color"] == status_color("overdue")
