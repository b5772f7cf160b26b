"""Property-based tests of the readers (issue 8): whatever bytes or document they are given, the
GeoJSON, facts and ledger readers return data or a list of problems, never an exception."""

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import config, facts, facts_read
from dashboard.geodata import read_layer
from dashboard.ledger import load_ledger
from layers import REGISTRY

BBOX = config.defaults()["data"]["bbox"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=25,
)
coords = st.lists(
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(112.8, 114.2), st.text(max_size=3)), max_size=3
)
geometries = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["Point", "MultiPoint", "LineString", "Polygon", "MultiPolygon", "Bogus"]),
        "coordinates": st.one_of(
            coords, st.lists(coords, max_size=4), st.lists(st.lists(coords, max_size=5), max_size=2), json_values
        ),
    }
)
properties = st.dictionaries(
    st.sampled_from(["id", "name_zh", "name_en", "kind", "basis", "confidence", "chain_link", "x"]),
    st.one_of(scalars, st.text(alphabet=string.ascii_letters + "-_", min_size=1, max_size=10), json_values),
)
features = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("Feature"), "properties": properties, "geometry": st.one_of(geometries, json_values)}
    ),
    json_values,
)
documents = st.one_of(
    st.fixed_dictionaries({"type": st.just("FeatureCollection"), "features": st.lists(features, max_size=6)}),
    json_values,
)


def _no_exception_geo(tmp_path, content: bytes):
    path = tmp_path / "t.geojson"
    path.write_bytes(content)
    for lid in ("parks", "enterprises", "supercomputing"):
        data = read_layer(REGISTRY[lid], path, BBOX)
        assert all(p.render("zh") and p.render("en") for p in data.problems)
        if not data.gdf.empty:
            assert data.gdf.geometry.is_valid.all()


@SETTINGS
@given(doc=documents)
def test_any_geojson_document_gives_data_or_problems(tmp_path, doc):
    _no_exception_geo(tmp_path, json.dumps(doc, allow_nan=True).encode())


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_any_bytes_as_a_layer_file_give_problems_not_an_exception(tmp_path, raw):
    _no_exception_geo(tmp_path, raw)


fact_items = st.dictionaries(
    st.sampled_from(["kind", "zh", "en", "source", "date", "target", "known", "quote", "audience", "other"]),
    st.one_of(st.sampled_from(["reported", "target", "note", "a", "public"]), json_values),
)
fact_docs = st.one_of(
    st.fixed_dictionaries(
        {
            "sources": st.one_of(
                st.just({"a": {"zh": "z", "en": "e", "date": "2019", "publisher": "p"}}),
                st.dictionaries(st.text(max_size=5), json_values, max_size=3),
            ),
            "facts": st.dictionaries(
                st.text(max_size=8), st.one_of(st.lists(fact_items, max_size=3), json_values), max_size=3
            ),
        }
    ),
    st.dictionaries(st.text(max_size=8), json_values, max_size=3),
)


@SETTINGS
@given(doc=fact_docs)
def test_any_facts_document_gives_facts_or_problems(doc):
    book = facts_read.parse(doc)
    for items in book.by_feature.values():
        facts.render_facts(items, "zh")
        facts.render_facts(items, "en")
    assert all(p.render("zh") and p.render("en") for p in book.problems)


cells = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),  # what a worksheet can hold
)
HEADER = ["项目编号", "项目名称", "所属园区", "责任单位", "责任岗位", "完成时限", "当前进度(%)", "经度", "纬度"]


@SETTINGS
@given(
    rows=st.lists(
        st.lists(st.one_of(cells, st.sampled_from(HEADER + ["2300-01-01", "状态基准日", "=1+1"])), max_size=10),
        max_size=8,
    )
)
def test_any_csv_ledger_gives_rows_or_problems(tmp_path, rows):
    import csv

    path = tmp_path / "projects.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    result = load_ledger(path)
    assert all(p.render("zh") and p.render("en") for p in result.errors + result.notes)


@SETTINGS
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_as_a_ledger_give_problems_not_an_exception(tmp_path, raw, suffix):
    path = tmp_path / f"projects{suffix}"
    path.write_bytes(raw)
    result = load_ledger(path)
    assert result.rows.empty or result.complete


@SETTINGS
@given(rows=st.lists(st.lists(st.one_of(cells, st.datetimes(), st.sampled_from(HEADER)), max_size=10), max_size=6))
def test_any_xlsx_ledger_gives_rows_or_problems(tmp_path, rows):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADER)
    for r in rows:
        wb.active.append([v if not (isinstance(v, str) and v.startswith("=")) else "'" + v for v in r])
    wb.save(tmp_path / "projects.xlsx")
    result = load_ledger(tmp_path / "projects.xlsx")
    assert all(p.render("zh") and p.render("en") for p in result.errors + result.notes)
