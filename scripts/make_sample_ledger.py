"""Write the sample project ledger: data/ledger/projects.csv and data/ledger/projects.xlsx.

Both files hold the same rows (``ROWS`` below): the work items named in the source report
(郑州高新区报道, 2019-03; the text is in /work/shared/seed/).  Rules followed:

* 责任单位 only where the report names a unit, else 待定; 责任岗位 待定 throughout (the report
  names no posts).
* 完成时限 only where the report gives one for that task (2022年, 2025年), else 待定.  The
  report's 2020年上半年 is when the supercomputing centre should be built (key to national
  approval), not a deadline for revising the data base's plan: it is said in 存在问题.
* 用地阶段 empty everywhere: the report frames the stages (批、征、供、用) but puts no project
  in one; 来源 says so on every row.
* 存在问题 quotes the report's words where it paraphrases them; officials appear by role only,
  and the report headlines that carry a name are cited by their name-free kicker.
* 当前进度(%) empty everywhere: the report gives no percentages (empty = not reported).
* 项目编号 = the map feature id where one exists (sc-unicom-base, park-tianjianhu);
  the rest are P-2019-NN.  None of those has a point location in the report (policies,
  a forum, a working group, a border area), so 经度/纬度 are empty: they are listed in the
  table but not drawn on the map.  No coordinates are invented.
* 来源 (an extra column) names the report and its section, plus the basis of any reading
  of the text that is not verbatim.
* A historical ledger: the line above the header declares 状态基准日 2019-03-19 (the report date
  of the article's last item), so statuses are computed for that day, not for today.

The CSV is UTF-8 with BOM (Excel on Windows opens it without mojibake; git can diff it).
The loader also reads GBK CSV, which is what Excel writes for "CSV (逗号分隔)".

Usage:  .venv/bin/python scripts/make_sample_ledger.py [out_dir]
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.ledger import LEDGER_COLUMNS, RULE_PARAMS  # noqa: E402

SRC = "郑州高新区报道（2019-03）"
SRC_SC = SRC + "《提高科研水平打造智慧产业意义重大》（国家超算(郑州)中心选址调研）"
SRC_PARK = SRC + "《打造高品质生态园区、高科技智慧园区》（3月19日现场办公）"
SRC_WEEKLY = SRC + "《高新区第三次重点项目周例会召开》（3月16日）"
SRC_CARRIER = SRC + "《省市部门领导调研高新区科技资源支撑型创新创业特色载体工作》（3月14日）"
# Words in 「」 are the report's own, character for character (tests/test_sources.py checks it).
PARK_ITEM = (
    "现场办公逐个分解的问题。原文「能当场解决的当场解决,当场暂时不能解决的,明确了"
    "“时间表和路线图”」；本项属哪一类、具体节点，原文未给出"
)
LAND_NOTE = "；用地阶段：原文未给出"  # appended to every row's 来源 (see the module docstring)


# 项目编号, 项目名称, 所属园区, 责任单位, 责任岗位, 完成时限, 当前进度(%), 状态, 下一节点,
# 存在问题, 用地阶段, 经度, 纬度, 来源 (+ 公开范围, 项目名称(英文) below)
def _row(
    pid: str,
    name: str,
    source: str,
    *,
    park: str = "待定",
    unit: str = "待定",
    post: str = "待定",
    deadline: str = "待定",
    next_step: str = "",
    problems: str = "",
) -> tuple:
    """One ledger row: what the article gives for it, 待定 (owner, post, deadline) or empty elsewhere;
    progress, typed status, land stage and coordinates: never given by the article, so empty."""
    return (pid, name, park, unit, post, deadline, "", "", next_step, problems, "", "", "", source)


_ROWS: list[tuple] = [
    _row(
        "sc-unicom-base",
        "国家超算(郑州)中心选址与建设方案修改",
        SRC_SC
        + "；原文「听取了联通项目方关于联通数据基地整体规划的汇报」「并就国家超算(郑州)中心项目实际要求提出规划方案修改意见」；河南省联通产业互联网中心、郑州市联通、双桥园区、高新电力分局有关负责人为陪同调研",
        park="沟赵园区",
        next_step="按超算中心项目实际要求修改联通数据基地整体规划方案",
        problems="拟选址 7号楼、11号楼；层高、承重、机房、备用电房情况文中未给数值，待核实；修改规划方案的责任单位与时限原文未给出；原文「该项目能否在2020年上半年建成,并在全球超算竞争中获得靠前名次,是获得国家批复的关键」指超算中心建成，不是本项任务的时限",
    ),
    _row(
        "park-tianjianhu",
        "郑州天健湖大数据产业园一期",
        SRC_PARK + "；文中“预计一期项目2022年建设完成”，由郑州控股与高新投建共同开发运营",
        unit="郑州控股、高新投建",
        deadline="2022年",
        next_step="一期项目建设完成",
    ),
    _row("P-2019-01", "招商企业过渡空间", SRC_PARK, problems=PARK_ITEM),
    _row("P-2019-02", "举办河南大数据产业发展论坛", SRC_PARK, problems=PARK_ITEM),
    _row("P-2019-03", "大数据产业园公寓建设", SRC_PARK, problems=PARK_ITEM),
    _row("P-2019-04", "大数据企业进驻优惠政策研究制定", SRC_PARK, problems=PARK_ITEM),
    _row("P-2019-05", "招商落地小组成立", SRC_PARK, problems=PARK_ITEM),
    _row("P-2019-06", "供热替代", SRC_WEEKLY, problems="周例会对供热替代工作进行了安排（文中未给具体内容）"),
    _row("P-2019-07", "M0 新型产业用地政策运用", SRC_WEEKLY, next_step="进一步用好新型产业用地（M0）新政"),
    _row(
        "P-2019-08",
        "人随卷走制度（省市两级土地部门长期驻人）",
        SRC_WEEKLY,
        next_step="在省市两级土地部门长期驻人，实时掌握用地批、征、供、用进展",
    ),
    _row("P-2019-09", "建设项目遗留问题集中化解年方案", SRC_WEEKLY, next_step="制订“建设项目遗留问题集中化解年”方案"),
    _row(
        "P-2019-10",
        "与中原区交界区域用地管辖权移交",
        SRC_WEEKLY,
        next_step="集中解决遗留问题后，两区进行用地管辖权交接",
        problems="与中原区交界区域国有建设用地项目管理混乱",
    ),
    _row(
        "P-2019-11",
        "科技资源支撑型创新创业特色载体工作台账",
        SRC_CARRIER + "；文中“财政金融局将和创新发展局一起建立工作台账”",
        unit="区财政金融局、区创新发展局",
        next_step="建立工作台账，组织各载体细化绩效指标及预算",
    ),
    _row(
        "P-2019-12",
        "2025年建成千亿级世界一流高科技园区",
        SRC_CARRIER + "；文中“助力2025年建成千亿级世界一流高科技园区”",
        deadline="2025年",
    ),
]
# 公开范围, 项目名称(英文): a row is internal unless marked 公开 with an English name; only the park's
# phase 1, announced in the published report, is shown to visitors (name, park, position — no owner,
# deadline or status).
PUBLIC = {"park-tianjianhu": "Tianjian Lake Big Data Industrial Park, phase 1"}
ROWS: list[tuple] = [
    row[:-1] + (row[-1] + LAND_NOTE, "公开" if row[0] in PUBLIC else "", PUBLIC.get(row[0], "")) for row in _ROWS
]

#: the report date of the article's last item: the day this ledger's statuses are computed for
AS_OF = dt.date(2019, 3, 19)
AS_OF_LABEL = "状态基准日"
FIXED_TIME = dt.datetime(2019, 3, 20)  # docProps dates, so re-running changes less


def write_csv(path: Path, rows=ROWS, encoding: str = "utf-8-sig") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow([AS_OF_LABEL, AS_OF.isoformat()])
        w.writerow(LEDGER_COLUMNS)
        w.writerows(rows)


WIDTHS = {
    "项目编号": 16,
    "项目名称": 36,
    "所属园区": 10,
    "责任单位": 22,
    "责任岗位": 10,
    "完成时限": 14,
    "当前进度(%)": 11,
    "状态": 8,
    "下一节点": 36,
    "存在问题": 40,
    "用地阶段": 9,
    "经度": 11,
    "纬度": 11,
    "来源": 50,
}


def _validations(ws, n_rows: int) -> None:
    """Drop-down lists for 用地阶段 and 状态 (rows from 3: row 1 is 状态基准日, row 2 the header)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    first, n = 3, max(n_rows + 200, 500)

    def col(name: str) -> str:
        return ws.cell(1, LEDGER_COLUMNS.index(name) + 1).column_letter

    dv_land = DataValidation(type="list", formula1='"批,征,供,用,不涉及"', allow_blank=True)
    dv_land.add(f"{col('用地阶段')}{first}:{col('用地阶段')}{n}")
    dv_status = DataValidation(type="list", formula1='"已完成,暂停"', allow_blank=True, showErrorMessage=False)
    dv_status.add(f"{col('状态')}{first}:{col('状态')}{n}")
    ws.add_data_validation(dv_land)
    ws.add_data_validation(dv_status)


def write_xlsx(path: Path, rows=ROWS) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append([AS_OF_LABEL, AS_OF])
    ws["B1"].number_format = "yyyy-mm-dd"
    ws["A1"].font = Font(bold=True)
    ws.append(list(LEDGER_COLUMNS))
    for r in rows:
        # keep every cell as typed text, except numbers in 当前进度/经度/纬度
        ws.append([_cell(LEDGER_COLUMNS[i], v) for i, v in enumerate(r)])
    for c in ws[2]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = "C3"
    for i, name in enumerate(LEDGER_COLUMNS, start=1):
        ws.column_dimensions[ws.cell(2, i).column_letter].width = WIDTHS.get(name, 12)
    for row in ws.iter_rows(min_row=3):
        for c in row:
            c.alignment = Alignment(vertical="top", wrap_text=True)
    _validations(ws, len(rows))
    notes = wb.create_sheet("说明")
    for line in README_LINES:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    wb.properties.creator = "make_sample_ledger.py"
    wb.properties.created = FIXED_TIME
    wb.save(path)


def _cell(column: str, value):
    if column in ("当前进度(%)", "经度", "纬度") and value not in ("", None):
        return float(value)
    return value if value != "" else None


README_LINES = [
    "工作台账填写说明（程序只读取第一个工作表“台账”）",
    "必填列：项目编号、项目名称、所属园区、责任单位、责任岗位、完成时限、当前进度(%)；可选列：状态、下一节点、存在问题、用地阶段、经度、纬度、来源。",
    "项目编号：不可重复；与地图要素编号一致时可不填经纬度。",
    "完成时限：2020-06-30、2020年6月30日、2020年6月、2020年上半年、2020H1、2020年第二季度、2022年 均可；不确定填“待定”。",
    "当前进度(%)：0–100 的数字；未掌握进度请留空（不要填 0）。",
    "状态基准日：第一行“状态基准日 | 日期”表示历史台账，状态按该日计算；删去该行则按当天日期计算。",
    "状态：由程序按完成时限、当前进度和状态基准日（默认当天）计算，无需填写；仅在进度未填而项目已完成时可填“已完成”。“暂停”等只作显示。",
    "  已完成：进度=100；逾期：已过完成时限且未完成；滞后：距时限≤{near_days}天且进度<{near_pct}%（或未填），"
    "或距时限≤{watch_days}天且进度<{watch_pct}%；其余为正常。".format(**RULE_PARAMS),
    "用地阶段：批、征、供、用 之一，或留空/不涉及。",
    "经度、纬度：WGS-84 坐标（如 113.55、34.82），须同时填写；高德/百度地图上取的坐标有偏移，不能直接使用。",
    "来源：该行信息的出处（报道名称与日期、文件号等）。",
]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "data" / "ledger"
    write_csv(out / "projects.csv")
    write_xlsx(out / "projects.xlsx")
    print(f"wrote {len(ROWS)} rows to {out / 'projects.csv'} and {out / 'projects.xlsx'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
