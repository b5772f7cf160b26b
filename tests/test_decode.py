"""dashboard/decode.py: a file no encoding fits is reported at its first unreadable byte, with the
line and column an editor shows (issue 8: "a GBK/UTF-8 error points at the wrong byte")."""

from __future__ import annotations

import json

import pytest

from dashboard.decode import GBK, UTF8, Undecodable, decode
from dashboard.geodata import read_layer
from dashboard.ledger import LEDGER_COLUMNS, load_ledger
from layers import REGISTRY
from tests.helpers import row

BBOX = (113.3, 34.6, 113.8, 35.0)
MARK = "@@NAME@@"


def mixed(text: str, good: str, bad: str) -> tuple[bytes, int, int, int]:
    """`text` saved in encoding `good` except MARK, which is 新华三 saved in `bad`: the bytes and
    where the bad name starts (byte offset, 1-based line, 1-based column in characters)."""
    before, after = text.split(MARK)
    head = before.encode(good)
    raw = head + "新华三".encode(bad) + after.encode(good)
    line_text = before.rsplit("\n", 1)[-1]
    return raw, len(head), before.count("\n") + 1, len(line_text) + 1


def layer_doc() -> str:
    feats = [
        {"type": "Feature", "properties": {"id": f"e{i}", "name_zh": name, "kind": "leader"}, "geometry": None}
        for i, name in enumerate(["天健湖大数据产业园", MARK, "汉威科技集团"])
    ]
    return (
        '{"type":"FeatureCollection","features":[\n'
        + ",\n".join(json.dumps(f, ensure_ascii=False) for f in feats)
        + "]}"
    )


def test_utf8_file_with_one_gbk_name_points_at_that_name():
    raw, start, line, col = mixed(layer_doc(), "utf-8", "gbk")
    with pytest.raises(Undecodable) as err:
        decode(raw)
    assert (err.value.start, err.value.line, err.value.column, err.value.encoding) == (start, line, col, UTF8)
    assert err.value.bytes_hex.startswith("D0 C2")  # 新 in GBK


def test_gbk_file_with_one_utf8_name_points_at_that_name():
    text = "项目编号,项目名称\nP-1,天健湖大数据产业园\nP-2," + MARK + "\nP-3,郑州信大先进技术研究院\n"
    raw, start, line, col = mixed(text, "gbk", "utf-8")
    with pytest.raises(Undecodable) as err:
        decode(raw)
    assert err.value.encoding == GBK and err.value.line == line
    inside = len("新华三".encode())  # GBK reads some of the UTF-8 bytes as (wrong) characters first
    assert start <= err.value.start < start + inside and col <= err.value.column < col + inside


def test_a_layer_file_names_byte_line_and_column_in_both_languages(tmp_path):
    raw, start, line, col = mixed(layer_doc(), "utf-8", "gbk")
    path = tmp_path / "enterprises.geojson"
    path.write_bytes(raw)
    data = read_layer(REGISTRY["enterprises"], path, BBOX)
    assert data.gdf.empty and len(data.problems) == 1
    msg = data.problems[0]
    assert f"第 {line} 行第 {col} 列" in msg.render("zh") and f"第 {start} 字节" in msg.render("zh")
    assert f"line {line}, column {col} (byte {start}" in msg.render("en")


def test_a_csv_ledger_names_the_row_of_the_bad_name(tmp_path):
    lines = [",".join(LEDGER_COLUMNS)] + [",".join(row(项目编号=f"P-{i}")) for i in range(5)]
    lines[3] = lines[3].replace("测试项目", MARK)
    raw, start, line, col = mixed("\n".join(lines) + "\n", "utf-8", "gbk")
    assert line == 4
    path = tmp_path / "projects.csv"
    path.write_bytes(raw)
    res = load_ledger(path)
    assert res.rows.empty
    assert any(f"line 4, column {col} (byte {start}" in p.render("en") for p in res.errors)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("沟赵园区".encode(), UTF8),
        ("\ufeff沟赵园区".encode(), "UTF-8 (BOM)"),
        ("沟赵园区,双桥园区".encode("gbk"), GBK),
        ("园区,双桥园区,产业园".encode("gbk"), GBK),  # 园 and 双 in GBK happen to be valid UTF-8 pairs
    ],
    ids=["utf-8", "utf-8 with BOM", "gbk", "gbk that starts like utf-8"],
)
def test_files_that_fit_an_encoding_are_read_as_before(raw, expected):
    text, encoding = decode(raw)
    assert encoding == expected and text.lstrip("\ufeff").startswith(("沟赵园区", "园区,双桥"))


def test_an_uploaded_csv_with_one_gbk_name_is_refused_at_that_row(tmp_path):
    from dashboard.store.importer import Refused, to_layer

    text = "id,name_zh,kind,经度,纬度\nent-1,天健湖,enterprise,113.5,34.8\nent-2," + MARK + ",enterprise,113.51,34.81\n"
    raw, start, line, col = mixed(text, "utf-8", "gbk")
    path = tmp_path / "enterprises.csv"
    path.write_bytes(raw)
    with pytest.raises(Refused) as err:
        to_layer(REGISTRY["enterprises"], path, BBOX, crs="EPSG:4326")
    assert f"line {line}, column {col} (byte {start}" in err.value.problems[0].render("en")
