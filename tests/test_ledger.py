"""Tests for dashboard/ledger/: status rules, deadline parsing, row validation, file formats."""

from __future__ import annotations

import csv
import datetime as dt
import math
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ledger import AT_RISK as RISK
from dashboard.ledger import (
    DONE,
    LEDGER_COLUMNS,
    OK,
    compute_status,
    find_ledger,
    kpis,
    load_ledger,
    parse_deadline,
    refresh_status,
)
from dashboard.ledger import NO_DEADLINE as NO_DL
from dashboard.ledger import OVERDUE as LATE
from tests.helpers import row, write_csv

ROOT = Path(__file__).resolve().parents[1]

D = dt.date
TODAY = D(2026, 11, 25)
SAMPLE_DIR = ROOT / "data" / "ledger"


# --------------------------------------------------------------------------- helpers


def write_xlsx(path: Path, rows: list[list], header=LEDGER_COLUMNS) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append([None if v == "" else v for v in r])
    wb.save(path)
    return path


def load(path: Path, **kw):
    kw.setdefault("today", TODAY)
    return load_ledger(path, **kw)


def issues(problems) -> list[tuple]:
    """(row, Chinese message) of each problem: what the page shows beside its row number."""
    return [(p.row, p.text.zh) for p in problems]


# --------------------------------------------------------------------------- compute_status

NAN = math.nan

STATUS_CASES = [
    # deadline, progress, today, expected, reason
    (D(2020, 6, 30), 100, TODAY, DONE, "100% is done even long past the deadline"),
    (D(2027, 6, 30), 100, TODAY, DONE, "100% is done before the deadline"),
    (None, 100, TODAY, DONE, "100% with no deadline is done"),
    (None, None, TODAY, NO_DL, "no deadline: a gap in 定时, shown as such, never as on track"),
    (None, 5, TODAY, NO_DL, "no deadline: low progress cannot be behind anything, nor on track"),
    (None, 100, TODAY, DONE, "no deadline but finished: done wins"),
    (D(2020, 6, 30), None, TODAY, LATE, "past deadline, progress not reported → overdue"),
    (D(2020, 6, 30), 99, TODAY, LATE, "past deadline and not finished → overdue"),
    (D(2026, 11, 24), 90, TODAY, LATE, "deadline was yesterday"),
    (D(2026, 11, 25), 90, TODAY, OK, "deadline is today: not late yet, 90% ≥ 80%"),
    (D(2026, 11, 25), 10, TODAY, RISK, "deadline today, 10% → at risk"),
    (D(2026, 12, 25), 79, TODAY, RISK, "30 days left, 79% < 80% → at risk (rule 4 edge)"),
    (D(2026, 12, 25), 80, TODAY, OK, "30 days left, 80% is enough"),
    (D(2026, 12, 26), 79, TODAY, OK, "31 days left, 79% ≥ 50% → rule 5 not hit"),
    (D(2026, 12, 10), None, TODAY, RISK, "15 days left and no progress reported → at risk"),
    (D(2027, 1, 10), None, TODAY, OK, "46 days left, unknown progress only flagged within 30 days"),
    (D(2027, 2, 23), 49, TODAY, RISK, "90 days left, 49% < 50% → at risk (rule 5 edge)"),
    (D(2027, 2, 23), 50, TODAY, OK, "90 days left, 50% is enough"),
    (D(2027, 2, 24), 0, TODAY, OK, "91 days left: even 0% is not flagged yet"),
    (D(2027, 6, 30), NAN, TODAY, OK, "NaN progress is treated like None"),
    (pd.Timestamp("2020-06-30"), 0, TODAY, LATE, "Timestamp deadline accepted"),
    (pd.NaT, 0, TODAY, NO_DL, "NaT deadline = no deadline"),
    (dt.datetime(2026, 11, 25, 18, 0), 90, TODAY, OK, "datetime deadline: only the date counts"),
]


@pytest.mark.parametrize("deadline,progress,today,expected,reason", STATUS_CASES, ids=[c[-1] for c in STATUS_CASES])
def test_compute_status(deadline, progress, today, expected, reason):
    assert compute_status(deadline, progress, today) == expected, reason


# --------------------------------------------------------------------------- parse_deadline

DEADLINE_CASES = [
    ("2020-06-30", D(2020, 6, 30), "ISO date"),
    ("2020/6/30", D(2020, 6, 30), "Excel-on-Windows CSV date"),
    ("2020.6.30", D(2020, 6, 30), "dotted date"),
    ("2020-06-30 00:00:00", D(2020, 6, 30), "date with time part"),
    ("20200630", D(2020, 6, 30), "compact yyyymmdd"),
    ("2020年6月30日", D(2020, 6, 30), "Chinese date"),
    ("2020 年 6 月 30 日", D(2020, 6, 30), "Chinese date with spaces"),
    ("２０２０年６月３０日", D(2020, 6, 30), "full-width digits"),
    ("2020年6月", D(2020, 6, 30), "month → last day"),
    ("2020年2月底前", D(2020, 2, 29), "month end, leap year"),
    ("2021-02", D(2021, 2, 28), "ISO month → last day"),
    ("2020年上半年", D(2020, 6, 30), "first half-year (the article's 超算 deadline)"),
    ("2020上半年", D(2020, 6, 30), "first half-year without 年"),
    ("2020年下半年", D(2020, 12, 31), "second half-year"),
    ("2020H1", D(2020, 6, 30), "H1"),
    ("2020 h2", D(2020, 12, 31), "h2 lower case with space"),
    ("2020年第二季度", D(2020, 6, 30), "quarter in Chinese"),
    ("2020Q3", D(2020, 9, 30), "Q3"),
    ("2022年", D(2022, 12, 31), "year with 年 (the article's park deadline)"),
    ("2022", D(2022, 12, 31), "bare year"),
    ("2022年底前", D(2022, 12, 31), "year end"),
    ("2025年内", D(2025, 12, 31), "within the year"),
    (2022, D(2022, 12, 31), "numeric year cell"),
    (2022.0, D(2022, 12, 31), "numeric year cell as float"),
    (44012, D(2020, 6, 30), "Excel serial day number"),
    (dt.datetime(2020, 6, 30), D(2020, 6, 30), "Excel date cell"),
    (dt.date(2020, 6, 30), D(2020, 6, 30), "date object"),
    ("", None, "empty → no deadline"),
    (None, None, "empty cell → no deadline"),
    ("待定", None, "待定 → no deadline"),
    (" 待定 ", None, "待定 with spaces"),
    ("—", None, "dash → no deadline"),
]


@pytest.mark.parametrize("text,expected,reason", DEADLINE_CASES, ids=[c[-1] for c in DEADLINE_CASES])
def test_parse_deadline(text, expected, reason):
    assert parse_deadline(text) == expected, reason


BAD_DEADLINES = [
    ("2020-02-30", "no such day"),
    ("2020年13月", "no such month"),
    ("6/30/2020", "US order is ambiguous with D/M/Y: refused"),
    ("2025年前", "'before 2025' is ambiguous: refused"),
    ("明年", "relative dates refused"),
    ("2020H3", "no third half"),
    ("1850", "year out of range"),
    (True, "boolean cell"),
]


@pytest.mark.parametrize("text,reason", BAD_DEADLINES, ids=[c[-1] for c in BAD_DEADLINES])
def test_parse_deadline_rejects(text, reason):
    with pytest.raises(ValueError):
        parse_deadline(text)


# --------------------------------------------------------------------------- bad rows

BAD_ROWS = [
    ({"项目编号": ""}, "项目编号为空", "empty id"),
    ({"项目名称": ""}, "项目名称为空", "empty name"),
    (dict(**{"当前进度(%)": "六十"}), "字段“当前进度(%)”:不是数字：“六十”", "progress not a number"),
    (dict(**{"当前进度(%)": "120"}), "字段“当前进度(%)”:应在 0–100 之间：“120”", "progress above 100"),
    (dict(**{"当前进度(%)": "-5"}), "应在 0–100 之间：“-5”", "negative progress"),
    (dict(**{"当前进度(%)": "nan"}), "不是数字：“nan”", "the text 'nan' is not a number"),
    ({"完成时限": "下个月"}, "字段“完成时限”:无法识别：“下个月”", "unparseable deadline"),
    ({"完成时限": "2020-02-30"}, "字段“完成时限”:无法识别：“2020-02-30”", "impossible date"),
    ({"经度": "东经113", "纬度": "34.8"}, "字段“经度”:不是数字：“东经113”", "longitude not a number"),
    ({"经度": "113.6", "纬度": "abc"}, "字段“纬度”:不是数字：“abc”", "latitude not a number"),
    ({"经度": "113.6"}, "只填了经度（“113.6”），缺纬度", "only longitude"),
    ({"纬度": "34.8"}, "只填了纬度（“34.8”），缺经度", "only latitude"),
    ({"经度": "116.4", "纬度": "39.9"}, "经度“116.4”、纬度“39.9” 超出范围", "Beijing, not Zhengzhou"),
    ({"经度": "113.6", "纬度": "30.1"}, "纬度“30.1” 超出范围", "latitude alone out of range"),
    ({"经度": "34.8", "纬度": "113.6"}, "似乎填反了（looks swapped）", "lat/lon swapped"),
    ({"用地阶段": "储"}, "字段“用地阶段”:无法识别：“储”", "unknown land stage"),
]


@pytest.mark.parametrize("fields,fragment,reason", BAD_ROWS, ids=[c[-1] for c in BAD_ROWS])
def test_bad_row_is_reported_and_others_kept(tmp_path, fields, fragment, reason):
    fields = dict(fields)
    good1 = row(项目编号="G-1", 项目名称="好项目一")
    bad = row(项目编号=fields.pop("项目编号", "B-1"), **fields)
    good2 = row(项目编号="G-2", 项目名称="好项目二")
    res = load(write_csv(tmp_path / "projects.csv", [good1, bad, good2]))
    assert list(res.rows["id"]) == ["G-1", "G-2"], reason
    assert [p.row for p in res.errors] == [3] * len(res.errors), "bad row is Excel row 3"
    assert all(p.severity == "error" and p.file == "projects.csv" for p in res.errors)
    assert any(fragment in p.render("zh") for p in res.errors), (reason, res.errors)


def test_duplicate_id_rejects_the_later_row(tmp_path):
    rows = [row(项目编号="A"), row(项目编号="B"), row(项目编号="A", 项目名称="重复的")]
    res = load(write_csv(tmp_path / "p.csv", rows))
    assert list(res.rows["id"]) == ["A", "B"]
    assert issues(res.errors) == [(4, "项目编号“A”与第2行重复")]


def test_all_problems_of_one_row_are_listed(tmp_path):
    res = load(write_csv(tmp_path / "p.csv", [row(项目名称="", 完成时限="不知道", 用地阶段="x")]))
    msgs = issues(res.errors)
    assert len(msgs) == 3 and res.rows.empty


def test_missing_required_columns_is_file_level(tmp_path):
    header = [c for c in LEDGER_COLUMNS if c not in ("责任单位", "完成时限")]
    rows = [[v for c, v in zip(LEDGER_COLUMNS, row(), strict=False) if c in header]]
    res = load(write_csv(tmp_path / "p.csv", rows, header=header))
    assert res.rows.empty and list(res.rows.columns)  # empty but with the columns
    assert len(res.errors) == 1
    r, msg = issues(res.errors)[0]
    assert r == 1 and "缺少必填列：责任单位、完成时限" in msg


def test_optional_columns_may_be_absent(tmp_path):
    header = ["项目编号", "项目名称", "所属园区", "责任单位", "责任岗位", "完成时限", "当前进度"]
    res = load(write_csv(tmp_path / "p.csv", [["A", "甲", "", "", "", "2030", "10"]], header=header))
    assert res.errors == []
    assert res.rows.loc[0, "progress"] == 10 and res.rows.loc[0, "land_stage"] == ""
    assert any("未提供可选列" in m for _, m in issues(res.notes))


# --------------------------------------------------------------------------- good-row details


def test_land_stage_values(tmp_path):
    rows = [row(项目编号=f"L{i}", 用地阶段=v) for i, v in enumerate(["批", "征", "供", "用", "", "不涉及"])]
    res = load(write_csv(tmp_path / "p.csv", rows))
    assert res.errors == []
    assert list(res.rows["land_stage"]) == ["批", "征", "供", "用", "", ""]


def test_rows_without_location_are_notes_not_errors(tmp_path):
    rows = [
        row(项目编号="park-tianjianhu"),
        row(项目编号="P-2019-02", 项目名称="论坛"),
        row(项目编号="P-3", 经度="113.55", 纬度="34.82"),
    ]
    res = load(write_csv(tmp_path / "p.csv", rows), feature_ids={"park-tianjianhu"})
    assert res.errors == []
    assert list(res.rows["location"]) == ["feature", "", "ledger"]
    no_loc = [(r, m) for r, m in issues(res.notes) if "no location" in m]
    assert no_loc == [(3, "“论坛”无位置（no location）：仅在表格中显示，不上图")]
    assert res.rows.loc[2, "lon"] == 113.55 and math.isnan(res.rows.loc[0, "lon"])


def test_typed_status_never_overrides_computed(tmp_path):
    rows = [
        row(项目编号="A", 完成时限="2030-01-01", 状态="逾期"),  # typed late, computed ok
        row(项目编号="B", 完成时限="2020-01-01", 状态="正常"),  # typed ok, computed late
        row(项目编号="C", 完成时限="2020-01-01", 状态="已完成", **{"当前进度(%)": ""}),  # done, progress not filled
        row(项目编号="D", 完成时限="2020-01-01", 状态="已完成", **{"当前进度(%)": "60"}),  # claim contradicts 60 %
        row(项目编号="E", 完成时限="2020-01-01", 状态="暂停"),  # display only
    ]
    res = load(write_csv(tmp_path / "p.csv", rows))
    assert res.errors == []
    assert list(res.rows["status"]) == [OK, LATE, DONE, LATE, LATE]
    assert list(res.rows["status_typed"]) == ["逾期", "正常", "已完成", "已完成", "暂停"]
    noted = {r for r, m in issues(res.notes) if "状态" in m}
    assert noted == {2, 3, 5, 6}


def test_progress_and_text_details(tmp_path):
    rows = [
        row(项目编号="A", **{"当前进度(%)": "60%"}),
        row(项目编号="B", **{"当前进度(%)": ""}),
        row(项目编号="C", 完成时限="", 项目名称="  留白  "),
    ]
    res = load(write_csv(tmp_path / "p.csv", rows))
    assert res.errors == []
    assert res.rows.loc[0, "progress"] == 60 and math.isnan(res.rows.loc[1, "progress"])
    assert res.rows.loc[2, "deadline_text"] == "待定" and pd.isna(res.rows.loc[2, "deadline"])
    assert res.rows.loc[2, "name"] == "留白"


def test_header_below_a_title_row_and_blank_rows(tmp_path):
    p = tmp_path / "p.csv"
    with p.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["高新区重点项目工作台账"])
        w.writerow(LEDGER_COLUMNS)
        w.writerow(row(项目编号="A"))
        w.writerow([""] * len(LEDGER_COLUMNS))
        w.writerow(row(项目编号="B", 完成时限="?"))
    res = load(p)
    assert list(res.rows["row"]) == [3] and res.errors[0].row == 5


def test_xlsx_cells_dates_percent_and_numbers(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(LEDGER_COLUMNS))
    ws.append(row(项目编号=7, 完成时限=dt.datetime(2027, 6, 30), **{"当前进度(%)": 0.6}))
    ws["G2"].number_format = "0%"  # 当前进度(%) shown as 60 %
    ws.append(row(项目编号="B", 完成时限=2022, **{"当前进度(%)": 30}))
    p = tmp_path / "p.xlsx"
    wb.save(p)
    res = load(p)
    assert res.errors == []
    r0, r1 = res.rows.iloc[0], res.rows.iloc[1]
    assert r0["id"] == "7" and r0["progress"] == pytest.approx(60) and r0["deadline_text"] == "2027-06-30"
    assert r1["deadline"] == pd.Timestamp("2022-12-31") and r1["deadline_text"] == "2022"


# --------------------------------------------------------------------------- file formats

ROUND_TRIP_ROWS = [
    row(
        项目编号="sc-unicom-base",
        项目名称="国家超算(郑州)中心选址与建设方案修改",
        完成时限="2020年上半年",
        **{"当前进度(%)": ""},
    ),
    row(
        项目编号="park-tianjianhu",
        项目名称="郑州天健湖大数据产业园一期",
        完成时限="2022年",
        责任单位="郑州控股、高新投建",
        用地阶段="供",
    ),
    row(
        项目编号="P-1",
        项目名称="招商落地小组成立",
        完成时限="待定",
        经度="113.5521",
        纬度="34.8163",
        存在问题='逗号,引号"与换行\n都要保留',
        来源="郑州高新区报道（2019-03）",
    ),
    row(项目编号="P-2", 项目名称="供热替代", 完成时限="2026/12/10", **{"当前进度(%)": "100"}),
]


@pytest.mark.parametrize("fmt", ["xlsx", "csv-utf8-bom", "csv-utf8", "csv-gbk"])
def test_round_trip_formats_give_equal_frames(tmp_path, fmt):
    ref = load(write_csv(tmp_path / "ref.csv", ROUND_TRIP_ROWS))
    assert ref.errors == [] and len(ref.rows) == 4
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "p.xlsx", ROUND_TRIP_ROWS)
    else:
        enc = {"csv-utf8-bom": "utf-8-sig", "csv-utf8": "utf-8", "csv-gbk": "gbk"}[fmt]
        path = write_csv(tmp_path / "p.csv", ROUND_TRIP_ROWS, encoding=enc)
    res = load(path)
    assert res.errors == []
    pd.testing.assert_frame_equal(res.rows, ref.rows)
    if fmt == "csv-gbk":
        assert res.encoding == "GBK/GB18030"
        assert (tmp_path / "p.csv").read_bytes().decode("gbk")  # really GBK on disk
        with pytest.raises(UnicodeDecodeError):
            (tmp_path / "p.csv").read_bytes().decode("utf-8")


def test_tab_separated_utf16_from_excel_unicode_text(tmp_path):
    p = tmp_path / "p.csv"
    lines = ["\t".join(LEDGER_COLUMNS)] + ["\t".join(row(项目编号="A"))]
    p.write_bytes("\r\n".join(lines).encode("utf-16"))
    res = load(p)
    assert res.errors == [] and list(res.rows["id"]) == ["A"] and res.encoding == "UTF-16"


@pytest.mark.parametrize(
    "content,fragment",
    [
        (None, "找不到台账文件"),
        (b"", "台账为空"),
        (b"PK\x03\x04 not really a zip", "无法读取台账文件"),
    ],
    ids=["missing file", "empty file", "corrupt xlsx"],
)
def test_bad_files_are_errors_not_exceptions(tmp_path, content, fragment):
    p = tmp_path / ("p.xlsx" if content and content.startswith(b"PK") else "p.csv")
    if content is not None:
        p.write_bytes(content)
    res = load(p)
    assert res.rows.empty and res.errors and fragment in res.errors[0].text.zh


def test_find_ledger_newest_wins_tie_goes_to_xlsx(tmp_path):
    assert find_ledger(tmp_path) is None
    x = write_xlsx(tmp_path / "projects.xlsx", [row()])
    c = write_csv(tmp_path / "projects.csv", [row()])
    os.utime(x, ns=(10**18, 10**18))
    os.utime(c, ns=(10**18, 10**18))
    assert find_ledger(tmp_path) == x
    os.utime(c, ns=(10**18 + 1, 10**18 + 1))
    assert find_ledger(tmp_path) == c
    res = load(c)
    assert any("projects.xlsx" in m for _, m in issues(res.notes))


# --------------------------------------------------------------------------- sample ledger

ARTICLE_ITEMS = [
    "超算",
    "天健湖大数据产业园一期",
    "招商企业过渡空间",
    "河南大数据产业发展论坛",
    "大数据产业园公寓建设",
    "大数据企业进驻优惠政策研究制定",
    "招商落地小组成立",
    "供热替代",
    "M0",
    "建设项目遗留问题集中化解年方案",
    "与中原区交界区域用地管辖权移交",
    "千亿级世界一流高科技园区",
]


@pytest.mark.parametrize("name", ["projects.csv", "projects.xlsx"])
def test_sample_ledger_loads_clean_with_article_items(name):
    res = load(SAMPLE_DIR / name, feature_ids={"sc-unicom-base", "park-tianjianhu"})
    assert res.errors == []
    names = " | ".join(res.rows["name"])
    for item in ARTICLE_ITEMS:
        assert item in names, item
    rows = res.rows.set_index("id")
    assert pd.isna(rows.loc["sc-unicom-base", "deadline"]), "the article gives this task no deadline"
    assert rows.loc["sc-unicom-base", "unit"] == "待定", "nor an owner"
    assert rows.loc["park-tianjianhu", "deadline"] == pd.Timestamp("2022-12-31")
    assert rows.loc["park-tianjianhu", "unit"] == "郑州控股、高新投建"
    assert rows["progress"].isna().all(), "the article gives no percentages"
    assert (rows["source"].str.contains("2019-03")).all(), "every row names its source"
    assert set(rows["location"]) == {"feature", ""}, "no invented coordinates"
    # a historical ledger: as of the report date 2019-03-19, the 2022 deadline is far away
    assert res.as_of == D(2019, 3, 19) and res.as_of_declared
    assert rows.loc["sc-unicom-base", "status"] == NO_DL  # a gap in 定时 shows as a gap
    assert rows.loc["park-tianjianhu", "status"] == OK
    assert refresh_status(res.rows, TODAY).set_index("id").loc["park-tianjianhu", "status"] == LATE
    dated = rows["deadline"].notna()
    assert set(rows.index[dated]) == {"park-tianjianhu", "P-2019-12"}


def test_sample_csv_and_xlsx_agree():
    a = load(SAMPLE_DIR / "projects.csv").rows
    b = load(SAMPLE_DIR / "projects.xlsx").rows
    pd.testing.assert_frame_equal(a, b)


def test_sample_script_regenerates_the_same_rows(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("msl", ROOT / "scripts" / "make_sample_ledger.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["x", str(tmp_path)]) == 0
    for name in ("projects.csv", "projects.xlsx"):
        pd.testing.assert_frame_equal(load(tmp_path / name).rows, load(SAMPLE_DIR / name).rows)


# --------------------------------------------------------------------------- kpis


def test_kpis_counts(tmp_path):
    rows = [
        row(项目编号="done", **{"当前进度(%)": "100"}, 经度="113.55", 纬度="34.82"),
        row(项目编号="late", 完成时限="2026-01-01", 经度="113.56", 纬度="34.83"),
        row(项目编号="risk", 完成时限="2026-12-01", **{"当前进度(%)": "10"}),
        row(项目编号="ok1", 完成时限="2030"),
        row(项目编号="tbd", 完成时限="待定", **{"当前进度(%)": ""}),
    ]
    res = load(write_csv(tmp_path / "p.csv", rows))
    k = kpis(res.rows, TODAY)
    assert k["total"] == 5
    assert k["by_status"] == {OK: 1, RISK: 1, LATE: 1, NO_DL: 1, DONE: 1}
    assert (k["overdue"], k["at_risk"], k["done"], k["ok"]) == (1, 1, 1, 1)
    assert (k["with_location"], k["without_location"]) == (2, 3)
    assert (k["progress_unknown"], k["no_deadline"], k["due_within_30_days"]) == (1, 1, 1)
    # a week later the 12-01 deadline has passed: kpis recompute for the day asked
    later = kpis(res.rows, D(2026, 12, 2))
    assert later["overdue"] == 2 and later["at_risk"] == 0
    assert refresh_status(res.rows, D(2026, 12, 2)).set_index("id").loc["risk", "status"] == LATE


def test_kpis_of_empty_rows(tmp_path):
    res = load(write_csv(tmp_path / "p.csv", []))
    k = kpis(res.rows, TODAY)
    assert k["total"] == 0 and k["by_status"] == {OK: 0, RISK: 0, LATE: 0, NO_DL: 0, DONE: 0}


def test_module_does_not_import_streamlit():
    import subprocess

    code = "import sys, dashboard.ledger; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr
