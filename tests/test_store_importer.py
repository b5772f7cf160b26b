"""Import of any GIS format and CRS (dashboard/store/importer.py, crs.py) and scripts/import.py.
Reading and reprojecting do not depend on the back end: SQLite only here (tests/test_store.py
runs the store itself on both)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from dashboard import config, gcj02
from dashboard.geodata import read_layer
from dashboard.store import Store, importer
from dashboard.store.importer import Refused, to_layer
from layers import REGISTRY

ROOT = config.ROOT
BBOX = [112.7, 34.2, 114.3, 35.0]
PARKS, ENTERPRISES = REGISTRY["parks"], REGISTRY["enterprises"]
pytestmark = pytest.mark.filterwarnings("ignore:Value .* has been truncated to 254 characters")


def original(spec) -> gpd.GeoDataFrame:
    return read_layer(spec, ROOT / "data" / "geo" / spec.source, BBOX).gdf.set_index("id")


def max_error_m(spec, got: gpd.GeoDataFrame) -> float:
    """The largest distance (metres, EPSG:4547) between a read feature and the original."""
    truth = original(spec).to_crs("EPSG:4547").geometry
    mine = got.set_index("id").to_crs("EPSG:4547").geometry
    assert set(mine.index) == set(truth.index)
    return max(mine[fid].hausdorff_distance(truth[fid]) for fid in truth.index)


@pytest.mark.parametrize(
    "code, why",
    [
        ("EPSG:4490", "CGCS2000 geographic: what national data uses"),
        ("EPSG:4547", "CGCS2000 3° Gauss–Krüger CM 114°E: what Zhengzhou's planning offices hand out"),
        ("EPSG:32649", "UTM 49N"),
        ("EPSG:3857", "Web Mercator, as web tools export"),
    ],
)
def test_a_geopackage_in_a_declared_crs_lands_within_a_metre_of_the_wgs84_original(tmp_path, code, why):
    path = tmp_path / "parks.gpkg"
    original(PARKS).reset_index().to_crs(code).to_file(path, engine="pyogrio")
    data, used = to_layer(PARKS, path, BBOX)
    assert used.startswith(code) and not data.problems
    assert max_error_m(PARKS, data.gdf) < 1.0


def test_a_geojson_declaring_a_projected_crs_is_reprojected(tmp_path):
    path = tmp_path / "parks.geojson"
    original(PARKS).reset_index().to_crs("EPSG:4547").to_file(path, driver="GeoJSON", engine="pyogrio")
    assert "4547" in json.loads(path.read_text(encoding="utf-8"))["crs"]["properties"]["name"]
    data, used = to_layer(PARKS, path, BBOX)
    assert used.startswith("EPSG:4547") and max_error_m(PARKS, data.gdf) < 1.0


def test_a_shapefile_without_prj_is_refused_with_a_guess_then_read_with_crs(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    original(PARKS).reset_index().to_crs("EPSG:4547").to_file(folder / "parks.shp", engine="pyogrio")
    (folder / "parks.prj").unlink()
    zipped = Path(shutil.make_archive(str(tmp_path / "parks"), "zip", folder))
    with pytest.raises(Refused) as err:
        to_layer(PARKS, zipped, BBOX)
    assert err.value.guess == ["EPSG:4547"]
    assert "GUESS" in str(err.value) and "推测" in err.value.problems[0].text.zh
    data, _ = to_layer(PARKS, zipped, BBOX, crs="EPSG:4547")
    assert max_error_m(PARKS, data.gdf) < 1.0


@pytest.mark.parametrize("datum", ["gcj02", "bd09"])
def test_csv_in_gcj02_or_bd09_is_converted_to_wgs84(tmp_path, datum):
    truth = original(ENTERPRISES).reset_index()
    lon, lat = gcj02.wgs84_to_gcj02(truth.geometry.x.values, truth.geometry.y.values)
    if datum == "bd09":
        lon, lat = gcj02.gcj02_to_bd09(lon, lat)
    table = truth.drop(columns="geometry").assign(经度=lon, 纬度=lat)
    path = tmp_path / "enterprises.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    with pytest.raises(Refused):  # a table names no CRS
        to_layer(ENTERPRISES, path, BBOX)
    data, used = to_layer(ENTERPRISES, path, BBOX, crs=datum)
    assert used.startswith({"gcj02": "GCJ-02", "bd09": "BD-09"}[datum])
    assert max_error_m(ENTERPRISES, data.gdf) < 1.0


def test_xlsx_with_lon_lat_columns(tmp_path):
    truth = original(ENTERPRISES).reset_index()
    path = tmp_path / "enterprises.xlsx"
    truth.drop(columns="geometry").assign(lon=truth.geometry.x, lat=truth.geometry.y).to_excel(path, index=False)
    data, _ = to_layer(ENTERPRISES, path, BBOX, crs="EPSG:4326")
    assert max_error_m(ENTERPRISES, data.gdf) < 0.01


def test_a_table_without_coordinate_columns_is_refused(tmp_path):
    path = tmp_path / "names.csv"
    pd.DataFrame({"id": ["a"], "name_zh": ["甲"]}).to_csv(path, index=False)
    with pytest.raises(Refused, match="no coordinate columns"):
        to_layer(ENTERPRISES, path, BBOX, crs="EPSG:4326")


@pytest.mark.parametrize("suffix", [".kml", ".kmz"])
def test_kml_and_kmz(tmp_path, suffix):
    kml = tmp_path / "enterprises.kml"
    original(ENTERPRISES).reset_index().to_file(kml, driver="KML", engine="pyogrio")
    path = kml
    if suffix == ".kmz":
        path = tmp_path / "enterprises.kmz"
        with zipfile.ZipFile(path, "w") as z:
            z.write(kml, "doc.kml")
    data, used = to_layer(ENTERPRISES, path, BBOX)
    assert used.startswith("EPSG:4326") and max_error_m(ENTERPRISES, data.gdf) < 0.01
    assert set(data.gdf["name_zh"]) == set(original(ENTERPRISES)["name_zh"])


def test_an_unknown_format_is_refused(tmp_path):
    path = tmp_path / "parks.dwg"
    path.write_bytes(b"AC1027")
    with pytest.raises(Refused, match="unsupported file type"):
        to_layer(PARKS, path, BBOX)


def test_the_preview_diff_names_added_removed_and_changed_fields(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/s.db")
    store.publish_layer(read_layer(PARKS, ROOT / "data/geo/parks.geojson", BBOX), by="a", source_name="p", base=None)
    doc = json.loads((ROOT / "data/geo/parks.geojson").read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["name_en"] = "renamed"
    new = json.loads(json.dumps(doc["features"][1]))
    new["id"] = new["properties"]["id"] = "park-new"
    doc["features"] = [doc["features"][0], new]
    path = tmp_path / "parks.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    pre = importer.preview(store, PARKS, path, BBOX)
    first, second, third = (
        f["properties"]["id"] for f in json.loads((ROOT / "data/geo/parks.geojson").read_text())["features"]
    )
    assert pre.diff.added == ["park-new"] and sorted(pre.diff.removed) == sorted([second, third])
    assert pre.diff.changed == {first: ["name_en"]} and pre.base == 1
    assert store.versions("parks")[-1].version == 1  # a preview writes nothing


# ------------------------------------------------------------------------------ scripts/import.py


def cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"HTZ_STORE_URL": f"sqlite:///{tmp_path}/cli.db"}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import.py"), *args], capture_output=True, text=True, env=env
    )


def test_cli_import_dry_run_list_and_rollback(tmp_path):
    parks = ROOT / "data/geo/parks.geojson"
    dry = cli(tmp_path, "parks", str(parks), "--dry-run")
    assert dry.returncode == 0 and "+ park-tianjianhu" in dry.stdout and "nothing published" in dry.stdout
    assert "v1" not in cli(tmp_path, "--list", "parks").stdout
    assert cli(tmp_path, "parks", str(parks), "--by", "planner").returncode == 0
    moved = tmp_path / "parks_4547.gpkg"
    original(PARKS).reset_index().to_crs("EPSG:4547").assign(name_en="x").to_file(moved, engine="pyogrio")
    second = cli(tmp_path, "parks", str(moved), "--by", "planner")
    assert second.returncode == 0 and "EPSG:4547" in second.stdout and "~ park-tianjianhu: name_en" in second.stdout
    assert cli(tmp_path, "--rollback", "parks", "1", "--by", "planner").returncode == 0
    listed = cli(tmp_path, "--list", "parks").stdout
    assert "* v1" in listed and "  v2" in listed and "rollback" in listed and "parks_4547.gpkg" in listed


def test_cli_refused_file_exits_nonzero_with_the_report(tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    original(PARKS).reset_index().to_crs("EPSG:4547").to_file(folder / "parks.shp", engine="pyogrio")
    (folder / "parks.prj").unlink()
    zipped = shutil.make_archive(str(tmp_path / "parks"), "zip", folder)
    out = cli(tmp_path, "parks", zipped)
    assert out.returncode == 1 and "REFUSED" in out.stdout and "EPSG:4547" in out.stdout
    assert "v1" not in cli(tmp_path, "--list", "parks").stdout


def test_the_same_outlines_from_a_shapefile_are_no_change_in_the_diff(tmp_path):
    """A Shapefile turns rings clockwise and reprojection moves vertices by nanometres: not a change."""
    store = Store(f"sqlite:///{tmp_path}/s.db")
    store.publish_layer(read_layer(PARKS, ROOT / "data/geo/parks.geojson", BBOX), by="a", source_name="p", base=None)
    folder = tmp_path / "shp"
    folder.mkdir()
    original(PARKS).reset_index().to_crs("EPSG:4547").to_file(folder / "parks.shp", engine="pyogrio")
    pre = importer.preview(store, PARKS, Path(shutil.make_archive(str(tmp_path / "p"), "zip", folder)), BBOX)
    assert all("geometry" not in fields for fields in pre.diff.changed.values())
    long_fields = {
        k
        for _, row in original(PARKS).iterrows()
        for k, v in row.items()
        if isinstance(v, str) and len(v.encode()) > 254
    }
    assert {f for fields in pre.diff.changed.values() for f in fields} <= long_fields  # cut at 254 bytes by the format
