"""The ledger's as-of date (a historical ledger declares it), its bounds from config.toml, the status
rule text written from the constants, and problems given in English as well as Chinese."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

from dashboard import config, warmap
from dashboard.ledger import OK, OVERDUE, load_ledger, rule_text
from tests.test_ledger import LEDGER_COLUMNS, ROOT, row, write_csv

TODAY = dt.date(2026, 11, 25)
# due 2020 H1, nothing reported: overdue today, on track as of the article's last report
DUE_2020 = row(项目编号="P-1", 完成时限="2020年上半年", **{"当前进度(%)": ""})


def historical_csv(path: Path, declaration: list[str], title: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        if title:
            w.writerow(["高新区重点项目工作台账"])
        w.writerow(declaration)
        w.writerow(LEDGER_COLUMNS)
        w.writerow(DUE_2020)
    return path


def historical_xlsx(path: Path, day) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["状态基准日", day])
    ws.append(list(LEDGER_COLUMNS))
    ws.append([None if v == "" else v for v in DUE_2020])
    wb.save(path)
    return path


# --------------------------------------------------------------------------- as of


def test_a_live_ledger_is_computed_for_today(tmp_path):
    res = load_ledger(write_csv(tmp_path / "p.csv", [DUE_2020]), today=TODAY)
    assert (res.as_of, res.as_of_declared) == (TODAY, False)
    assert list(res.rows["status"]) == [OVERDUE]


@pytest.mark.parametrize(
    "declaration, title",
    [
        (["状态基准日", "2019-03-19"], False),
        (["基准日期", "2019年3月19日"], True),  # below a title line
        (["As of", "2019/3/19"], False),
        (["状态基准日：", "2019-03-19"], True),
    ],
    ids=["状态基准日", "基准日期 under a title", "as of", "with a colon"],
)
def test_a_csv_declaring_its_date_is_computed_for_that_date(tmp_path, declaration, title):
    res = load_ledger(historical_csv(tmp_path / "p.csv", declaration, title), today=TODAY)
    assert res.errors == []
    assert (res.as_of, res.as_of_declared) == (dt.date(2019, 3, 19), True)
    assert list(res.rows["status"]) == [OK]


@pytest.mark.parametrize("day", [dt.datetime(2019, 3, 19), "2019-03-19"], ids=["date cell", "text cell"])
def test_an_xlsx_declaring_its_date_is_computed_for_that_date(tmp_path, day):
    res = load_ledger(historical_xlsx(tmp_path / "p.xlsx", day), today=TODAY)
    assert res.errors == [] and list(res.rows["row"]) == [3]
    assert (res.as_of, res.as_of_declared) == (dt.date(2019, 3, 19), True)
    assert list(res.rows["status"]) == [OK]


@pytest.mark.parametrize("value", ["2019年3月", "2019", "下周", ""], ids=["a month", "a year", "words", "empty"])
def test_an_unreadable_declared_date_is_an_error_and_today_is_used(tmp_path, value):
    res = load_ledger(historical_csv(tmp_path / "p.csv", ["状态基准日", value]), today=TODAY)
    assert (res.as_of, res.as_of_declared) == (TODAY, False)
    assert [(p.row, p.field) for p in res.errors] == [(1, "状态基准日")]
    assert "2019-03-19" in res.errors[0].render("en") and list(res.rows["status"]) == [OVERDUE]


def test_the_kpi_strip_says_the_statuses_are_as_of_the_declared_date(tmp_path):
    res = load_ledger(historical_csv(tmp_path / "p.csv", ["状态基准日", "2019-03-19"]), today=TODAY)
    zh = warmap.kpi_html(res.rows, res.as_of, "zh", "p.csv", declared=res.as_of_declared)
    en = warmap.kpi_html(res.rows, res.as_of, "en", "p.csv", declared=res.as_of_declared)
    assert "状态按台账基准日 2019-03-19 计算(历史台账)" in zh
    assert escape("Status as of 2019-03-19, the ledger's declared date (historical ledger)") in en
    assert '<span class="kpi-n">1</span><span class="kpi-l">正常</span>' in zh
    live = warmap.kpi_html(res.rows, TODAY, "zh", "p.csv")
    assert "状态按 2026-11-25 计算" in live and "历史台账" not in live


def test_the_sample_ledger_declares_the_report_date_in_both_files():
    for name in ("projects.csv", "projects.xlsx"):
        res = load_ledger(ROOT / "data" / "ledger" / name, today=TODAY)
        assert (res.as_of, res.as_of_declared) == (dt.date(2019, 3, 19), True), name
        assert OVERDUE not in set(res.rows["status"]), "nothing in the 2019 article was late on 2019-03-19"


# --------------------------------------------------------------------------- bounds from config.toml


def test_a_point_outside_a_configured_bbox_is_refused(tmp_path):
    inside_default = row(项目编号="P-1", 经度="113.40", 纬度="34.80")
    path = write_csv(tmp_path / "p.csv", [inside_default])
    assert load_ledger(path, today=TODAY).errors == []
    cfg = config.validate({"data": {"bbox": [113.45, 34.7, 113.8, 34.9]}, "map": {"center": [34.8, 113.6]}})
    res = load_ledger(path, today=TODAY, bbox=cfg["data"]["bbox"])
    assert res.rows.empty and [p.row for p in res.errors] == [2]
    assert "经度“113.40” 超出范围" in res.errors[0].text.zh and "113.45–113.8" in res.errors[0].text.zh


def test_a_point_inside_a_wider_configured_bbox_is_kept(tmp_path):
    beijing = row(项目编号="P-1", 经度="116.40", 纬度="39.90")
    path = write_csv(tmp_path / "p.csv", [beijing])
    assert load_ledger(path, today=TODAY).errors
    res = load_ledger(path, today=TODAY, bbox=[112.0, 34.0, 117.0, 40.5])
    assert res.errors == [] and list(res.rows["location"]) == ["ledger"]


# --------------------------------------------------------------------------- texts


def test_the_status_rule_text_is_written_from_the_constants():
    from dashboard.ledger import status

    for lang in ("zh", "en"):
        text = rule_text(lang)
        for value in (
            status.NEAR_DAYS,
            status.WATCH_DAYS,
            f"{status.NEAR_MIN_PROGRESS:g}",
            f"{status.WATCH_MIN_PROGRESS:g}",
        ):
            assert str(value) in text, (lang, value)
    assert "30 天内到期且进度<80%" in rule_text("zh") and "within 90 days below 50 %" in rule_text("en")


def test_problems_read_in_english(tmp_path):
    res = load_ledger(
        write_csv(
            tmp_path / "p.csv",
            [row(项目编号="A", **{"当前进度(%)": "很快"}), row(项目编号="A"), row(项目编号="B", 经度="113.6")],
        ),
        today=TODAY,
    )
    en = [p.render("en") for p in res.errors]
    assert en == [
        "p.csv · row 2 · field '当前进度(%)': not a number: “很快”",
        "p.csv · row 3 · field '项目编号': project number “A” repeats row 2",
        "p.csv · row 4 · field '纬度': only the longitude given (“113.6”), the latitude is missing: "
        "give both or neither",
    ]
    assert [p.render("zh") for p in res.errors][0] == "p.csv · 第 2 行 · 字段“当前进度(%)”:不是数字：“很快”"


def test_layers_import_nothing_from_dashboard():
    code = "import sys, layers, layers.projects; print(any(m.startswith('dashboard') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr
