"""Row validation: a bad row is left out of ``rows`` and every problem of it is listed.

Errors (the row is left out): empty 项目编号 or 项目名称; 项目编号 repeated (the later row is
rejected); a cell its column cannot read (columns.py: progress not a number or outside 0–100,
完成时限 unreadable, 用地阶段 not 批/征/供/用, 经度/纬度 not numbers); only one of 经度/纬度;
a point outside ``[data] bbox`` of config.toml or apparently swapped. Coordinates must be WGS-84:
GCJ-02 / BD-09 values copied from Amap / Baidu are ~500 m off and cannot be detected here.

Notes (the row stays): a row without a location, a typed 状态 that differs from the computed one.
Every message is given in Chinese and English and names the value (unescaped: the UI escapes).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import pandas as pd

import dashboard.ledger.status as st
from dashboard.ledger.cells import EMPTY, Cell, text
from dashboard.ledger.columns import (
    BY_HEADER,
    COLUMNS,
    FLOAT_COLUMNS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    ROW_COLUMNS,
    TEXT_COLUMNS,
    CellError,
    norm_header,
)
from dashboard.ledger.deadlines import deadline_display
from dashboard.problems import Problem
from dashboard.text import Text

LON, LAT = "经度", "纬度"


@dataclass
class Report:
    """The problems found in one file, each as a Problem naming the file."""

    file: str
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def error(self, message: Text, row: int | None = None, column: str | None = None) -> None:
        self.errors.append(Problem(self.file, message, row=row, field=column, severity="error"))

    def note(self, message: Text, row: int | None = None, column: str | None = None) -> None:
        self.notes.append(Problem(self.file, message, row=row, field=column, severity="note"))


@dataclass(frozen=True)
class Context:
    """What a row is checked against besides itself."""

    as_of: dt.date
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat
    feature_ids: set[str] | None  # ids of the map's features; None: not known here


def frame(records: list[dict]) -> pd.DataFrame:
    """The rows DataFrame with its dtypes, also when empty."""
    df = pd.DataFrame(records, columns=ROW_COLUMNS)
    df["row"] = df["row"].astype("int64")
    for c in TEXT_COLUMNS:
        df[c] = df[c].fillna("").astype("str")
    for c in FLOAT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df["deadline"] = pd.to_datetime(df["deadline"]).astype("datetime64[ns]")
    return df.reset_index(drop=True)


def header_positions(row_no: int, cells: list[Cell], report: Report) -> dict[str, int] | None:
    """Column header → position; None (with errors) when a required column is missing or doubled."""
    pos: dict[str, int] = {}
    dupes, extras = [], []
    for i, h in enumerate(norm_header(c.value) for c in cells):
        if not h:
            continue
        if h not in BY_HEADER:
            extras.append(h)
        elif h in pos:
            dupes.append(h)
        else:
            pos[h] = i
    missing = [c for c in REQUIRED_COLUMNS if c not in pos]
    if missing:
        report.error(
            Text("缺少必填列：{m}（表头需包含：{r}）", "required columns missing: {m} (the header needs: {r})").format(
                m="、".join(missing), r="、".join(REQUIRED_COLUMNS)
            ),
            row_no,
        )
    if dupes:
        report.error(Text("列名重复：{d}", "column named twice: {d}").format(d="、".join(dict.fromkeys(dupes))), row_no)
    if missing or dupes:
        return None
    absent = [c for c in OPTIONAL_COLUMNS if c not in pos]
    if absent:
        report.note(Text("未提供可选列：{a}", "optional columns not given: {a}").format(a="、".join(absent)), row_no)
    if extras:
        report.note(
            Text("以下列不识别，已忽略：{e}", "columns not recognised, ignored: {e}").format(e="、".join(extras)),
            row_no,
        )
    return pos


def _cells_of(cells: list[Cell], pos: dict[str, int]) -> dict[str, Cell]:
    return {h: cells[i] if i < len(cells) else EMPTY for h, i in pos.items()}


def _parse_cells(row_no: int, cells: dict[str, Cell], report: Report) -> tuple[dict, set[str]]:
    """Each column's parser over its cell: {key: value}, and the keys whose cell could not be read."""
    values, failed = {}, set()
    for col in COLUMNS:
        try:
            values[col.key] = col.parse(cells.get(col.header, EMPTY))
        except CellError as err:
            report.error(err.message, row_no, col.header)
            values[col.key] = None
            failed.add(col.key)
    return values, failed


def _check_identity(row_no: int, v: dict, seen: dict[str, int], report: Report) -> bool:
    ok = True
    if not v["id"]:
        report.error(Text("项目编号为空", "project number is empty"), row_no, "项目编号")
        ok = False
    elif v["id"] in seen:
        report.error(
            Text("项目编号“{id}”与第{n}行重复", "project number “{id}” repeats row {n}").format(
                id=v["id"], n=seen[v["id"]]
            ),
            row_no,
            "项目编号",
        )
        ok = False
    else:
        seen[v["id"]] = row_no
    if not v["name"]:
        report.error(Text("项目名称为空", "project name is empty"), row_no, "项目名称")
        ok = False
    return ok


def _inside(bbox, lon: float, lat: float) -> bool:
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def _check_point(row_no: int, v: dict, cells: dict[str, Cell], bbox, report: Report) -> bool:
    """经度 and 纬度: both or neither, inside the configured box, not swapped."""
    lon, lat = v.get("lon"), v.get("lat")
    raw = {LON: text(cells.get(LON, EMPTY).value), LAT: text(cells.get(LAT, EMPTY).value)}
    if (lon is None) != (lat is None):
        given, other = (LON, LAT) if lon is not None else (LAT, LON)
        en = {LON: "longitude", LAT: "latitude"}
        report.error(
            Text(
                f"只填了{given}（“{raw[given]}”），缺{other}：经度、纬度须同时填写或同时留空",
                f"only the {en[given]} given (“{raw[given]}”), the {en[other]} is missing: give both or neither",
            ),
            row_no,
            other,
        )
        return False
    if lon is None or lat is None or _inside(bbox, lon, lat):
        return True
    if _inside(bbox, lat, lon):
        report.error(
            Text(
                "经度/纬度似乎填反了（looks swapped）：经度“{x}”，纬度“{y}”",
                "longitude/latitude look swapped: 经度 “{x}”, 纬度 “{y}”",
            ).format(x=raw[LON], y=raw[LAT]),
            row_no,
            "经度/纬度",
        )
        return False
    bad = [
        f"{c}“{raw[c]}”"
        for c, val, lo, hi in ((LON, lon, bbox[0], bbox[2]), (LAT, lat, bbox[1], bbox[3]))
        if not lo <= val <= hi
    ]
    report.error(
        Text(
            "{bad} 超出范围（[data] bbox：经度 {x0}–{x1}，纬度 {y0}–{y1}，WGS-84）",
            "{bad} outside the area ([data] bbox: longitude {x0}–{x1}, latitude {y0}–{y1}, WGS-84)",
        ).format(bad="、".join(bad), x0=bbox[0], x1=bbox[2], y0=bbox[1], y1=bbox[3]),
        row_no,
        "经度/纬度",
    )
    return False


def _status_note(row_no: int, typed: str, status: str, report: Report) -> None:
    """A typed 状态 is shown, never obeyed: say so when it differs from the computed one."""
    code = st.TYPED_WORDS.get(typed)
    computed = st.label(status)
    if typed and code is None:
        words = "、".join(st.TYPED_WORDS)
        report.note(
            Text(
                f"状态“{typed}”不是可识别的值（{words}），仅作显示；计算状态为“{computed.zh}”",
                f"状态 “{typed}” is not a known value ({words}), shown only; computed status: {computed.en}",
            ),
            row_no,
            "状态",
        )
    elif code == st.PAUSED:
        report.note(
            Text(
                f"填报状态“暂停”仅作显示，状态仍按时限和进度计算为“{computed.zh}”",
                f"typed 暂停 (paused) is shown only; the status is still computed: {computed.en}",
            ),
            row_no,
            "状态",
        )
    elif typed and code != status:
        report.note(
            Text(
                f"填报状态“{typed}”与计算状态“{computed.zh}”不一致，以计算结果为准",
                f"typed status “{typed}” differs from the computed “{computed.en}”; the computed one counts",
            ),
            row_no,
            "状态",
        )


def _location(row_no: int, v: dict, ctx: Context, report: Report) -> str:
    if v["lon"] is not None:
        return "ledger"
    if ctx.feature_ids is not None and v["id"] in ctx.feature_ids:
        return "feature"
    if ctx.feature_ids is None:
        report.note(
            Text(
                "“{n}”无坐标（no location）：若项目编号与地图要素一致则按要素定位，否则仅在表格中显示",
                "“{n}” has no coordinates (no location): placed on the map feature with its number, "
                "if any, else shown in the table only",
            ).format(n=v["name"]),
            row_no,
        )
    else:
        report.note(
            Text(
                "“{n}”无位置（no location）：仅在表格中显示，不上图",
                "“{n}” has no location: shown in the table only, not on the map",
            ).format(n=v["name"]),
            row_no,
        )
    return ""


def _audience(row_no: int, v: dict, report: Report) -> str:
    """公开 needs an English name: a visitor reads English too, and a row without one stays internal."""
    if v.get("audience") == "public" and not v.get("name_en"):
        report.note(
            Text(
                "“{n}”标为公开但缺少项目名称(英文)，暂按内部处理",
                "“{n}” is marked public but has no English name: kept internal",
            ).format(n=v["name"]),
            row_no,
            "公开范围",
        )
        return "internal"
    return v.get("audience") or "internal"


def _record(row_no: int, v: dict, cells: dict[str, Cell], ctx: Context, report: Report) -> dict:
    status = st.row_status(v["deadline"], v["progress"], v["status_typed"], ctx.as_of)
    _status_note(row_no, v["status_typed"], status, report)
    v = v | {"audience": _audience(row_no, v, report)}
    nan = math.nan
    return v | {
        "row": row_no,
        "status": status,
        "location": _location(row_no, v, ctx, report),
        "deadline": pd.Timestamp(v["deadline"]) if v["deadline"] else pd.NaT,
        "deadline_text": deadline_display(cells.get("完成时限", EMPTY).value, v["deadline"]),
        "progress": nan if v["progress"] is None else v["progress"],
        "lon": nan if v["lon"] is None else v["lon"],
        "lat": nan if v["lat"] is None else v["lat"],
    }


def validate_rows(rows, pos: dict[str, int], ctx: Context, report: Report) -> pd.DataFrame:
    """The valid rows below the header as the rows DataFrame; problems go to `report`."""
    seen: dict[str, int] = {}
    records = []
    for row_no, raw in rows:
        cells = _cells_of(raw, pos)
        values, failed = _parse_cells(row_no, cells, report)
        named = _check_identity(row_no, values, seen, report)
        placed = not failed & {"lon", "lat"} and _check_point(row_no, values, cells, ctx.bbox, report)
        if not failed and named and placed:
            records.append(_record(row_no, values, cells, ctx, report))
    return frame(records)
