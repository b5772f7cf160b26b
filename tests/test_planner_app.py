"""The planner's tools on the page: signed-in users get them (the map's draw/measure/pointer
controls, the block beside the map); a visitor's page has none of them. A drawing or a buffer is
answered with its area and what lies inside, a name selects the feature, exports read back."""

from __future__ import annotations

import io

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from pyproj import Geod

from dashboard import catalog, config, shape_exports, spatial
from tests.helpers import draw_on_map, map_args, map_js, run
from ui.planner import SHAPE

RING = [[113.5108, 34.8012], [113.5128, 34.8012], [113.5128, 34.8032], [113.5108, 34.8032], [113.5108, 34.8012]]
POLYGON = {
    "type": "Feature",
    "properties": {"planner": 1, "shape": "polygon"},
    "geometry": {"type": "Polygon", "coordinates": [RING]},
}
CAT = catalog.load_catalog(config.load(config.DEFAULT_PATH))
TOOLS = ("L.Control.Draw", "L.Control.Measure", "L.Control.MousePosition")


def buttons(at) -> list[str]:
    return [b.label for b in at.button]


def test_a_visitors_page_has_no_planner_tools():
    at = run()
    script = map_args(at)["script"]
    assert not any(tool in script for tool in TOOLS)
    assert "Leaflet.draw" not in map_js(at), "nor their libraries"
    assert "规划工具" not in [h.value for h in at.subheader]


def test_a_signed_in_page_has_the_tools_and_a_drawing_is_answered(signed_in):
    at = run()
    script = map_args(at)["script"]
    assert all(tool in script for tool in TOOLS)
    assert "Leaflet.draw" in map_js(at) and "L.Control.MousePosition" in map_js(at)
    assert '"localization": "cn"' in script, "the measure tool speaks Chinese on the Chinese page"
    at = draw_on_map(at, POLYGON)
    area, _ = Geod(ellps="WGS84").polygon_area_perimeter(*zip(*RING, strict=True))
    texts = [x.value for x in at.text]
    shown = next(x for x in texts if x.startswith("面积"))
    assert f"{abs(area):,.0f} m²" in shown
    hit = next(b for b in at.button if b.label.startswith("11号楼"))
    assert "在内" in hit.label
    hit.click().run()
    assert at.session_state["selection"].fid == "sc-building-11"
    assert "planner-shape" not in map_args(at)["script"]  # the shape is an overlay group, not the base map


def test_the_map_script_stays_byte_identical_when_a_shape_is_drawn(signed_in):
    at = run()
    before = map_args(at)["script"]
    at = draw_on_map(at, POLYGON)
    assert map_args(at)["script"] == before
    assert "#d63384" in map_args(at)["feature_group"]


def test_a_500_m_buffer_of_the_selected_feature_lists_what_lies_within_500_m(signed_in):
    at = run({"select": "supercomputing/sc-building-11"})
    at.button(key="planner_make_buffer").click().run()
    listed = [b.label.split(" · ")[0] for b in at.button if b.key and b.key.startswith("planner_hit_")]
    assert any(x.startswith("7号楼") for x in listed) and any(x.startswith("11号楼") for x in listed)
    assert any("外扩 500.0 米" in m.value.replace("\\", "") for m in at.markdown)


def test_exports_read_back_equal_what_was_shown(signed_in):
    at = draw_on_map(run(), POLYGON)
    shown = [b.label.split(" · ")[0].replace("\\", "") for b in at.button if b.key and b.key.startswith("planner_hit_")]
    shape = at.session_state[SHAPE]
    found = spatial.lies_inside(CAT.layers.values(), shape.geometry, "zh")
    frame = shape_exports.hits_frame(found, "zh")
    back = gpd.read_file(io.BytesIO(shape_exports.geojson_bytes(frame)))
    assert back.crs.to_epsg() == 4326 and list(back["name"]) == shown
    csv = pd.read_csv(io.BytesIO(shape_exports.csv_bytes(frame)), encoding="utf-8-sig")
    assert list(csv["name"]) == shown and csv["lon"].tolist() == pytest.approx(back["lon"].tolist())
    sheet = openpyxl.load_workbook(io.BytesIO(shape_exports.xlsx_bytes(frame, "inside"))).active
    assert [c.value for c in sheet[1]] == list(csv.columns) and [
        r[3].value for r in sheet.iter_rows(min_row=2)
    ] == shown
    outline = gpd.read_file(io.BytesIO(shape_exports.geojson_bytes(shape_exports.shape_frame(shape, "x"))))
    assert outline.geometry.iloc[0].equals_exact(shape.geometry, 1e-9)


def sketch_labels(at) -> list[str]:
    return list(at.selectbox(key="planner_sketch_pick").options)  # as the box shows them


def test_a_sketch_is_saved_shared_reopened_renamed_and_deleted(signed_in):
    at = draw_on_map(run(), POLYGON)
    at.text_input(key="planner_sketch_name").input("北区草图").run()
    at.button(key="planner_sketch_save").click().run()
    assert any("北区草图" in s.value for s in at.success)
    # another internal user's page: the sketch is shared, and opening it answers it like a drawing
    other = run()
    assert not any(x.value.startswith("面积") for x in other.text), "nothing drawn on this page yet"
    (label,) = sketch_labels(other)
    assert label.startswith("北区草图 · ")  # with who saved it and when
    other.button(key="planner_sketch_open").click().run()
    assert any(x.value.startswith("面积") for x in other.text)
    assert any(b.label.startswith("11号楼") and "在内" in b.label for b in other.button)
    other.text_input(key="planner_sketch_new_name").input("11号楼周边").run()
    other.button(key="planner_sketch_rename").click().run()
    assert sketch_labels(other)[0].startswith("11号楼周边")
    other.button(key="planner_sketch_delete").click().run()
    assert "planner_sketch_pick" not in [b.key for b in other.selectbox]
    assert "还没有草图" in [c.value for c in other.caption]
