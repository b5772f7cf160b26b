"""The data store on BOTH back ends (SQLite in tmp_path, a throwaway PostgreSQL + PostGIS): versions,
atomic publish, stale previews refused, rollback, audit, files as a source, two servers, kill -9."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.affinity import translate

from dashboard import config
from dashboard.geodata import layer_from_doc, read_layer
from dashboard.store import LEDGER, StaleVersion, Store, StoreError, importer
from dashboard.store.sync import sync_files
from layers import REGISTRY

ROOT = config.ROOT
PARKS = ROOT / "data" / "geo" / "parks.geojson"
BBOX = [112.7, 34.2, 114.3, 35.0]
SPEC = REGISTRY["parks"]
MOVED = "park-tianjianhu"  # the park whose outline the "new survey" moves


def parks():
    return read_layer(SPEC, PARKS, BBOX)


def moved_parks_doc(dx_deg: float = 0.002) -> dict:
    """The shipped parks with one outline moved east (≈ 180 m) and one name changed: a new survey."""
    doc = json.loads(PARKS.read_text(encoding="utf-8"))
    for f in doc["features"]:
        if f["properties"]["id"] == MOVED:
            geom = translate(shapely.geometry.shape(f["geometry"]), xoff=dx_deg)
            f["geometry"] = shapely.geometry.mapping(geom)
            f["properties"]["name_en"] = "Tianjian Lake Big Data Park (surveyed)"
    return doc


def outline(store: Store, version: int | None = None):
    data = store.read_layer(SPEC, BBOX, version)
    return data.gdf.set_index("id").geometry[MOVED]


@pytest.fixture
def store(store_url):
    s = Store(store_url)
    yield s
    s.dispose()


def test_a_published_layer_reads_back_as_it_was_validated(store):
    got = store.publish_layer(parks(), by="editor1", source_name="parks.geojson", base=None)
    assert got.new and got.version.version == 1 and got.version.feature_count == 3
    back = store.read_layer(SPEC, BBOX)
    original = parks().gdf.set_index("id")
    for fid, row in back.gdf.set_index("id").iterrows():
        assert row.geometry.equals_exact(original.geometry[fid], 0), fid
        assert row["name_zh"] == original.loc[fid, "name_zh"]
    assert back.meta["store_version"] == 1


def test_publishing_the_same_content_adds_no_version(store):
    store.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    again = store.publish_layer(parks(), by="b", source_name="copy.geojson", base=1)
    assert not again.new and [v.version for v in store.versions("parks")] == [1]


def test_a_publish_against_a_stale_preview_is_refused_and_overwrites_nothing(store):
    store.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    moved = layer_from_doc(SPEC, moved_parks_doc(), "survey.geojson", BBOX)
    store.publish_layer(moved, by="editor1", source_name="survey.geojson", base=1)  # editor 1 first
    other = layer_from_doc(SPEC, moved_parks_doc(0.004), "other.geojson", BBOX)
    with pytest.raises(StaleVersion) as err:
        store.publish_layer(other, by="editor2", source_name="other.geojson", base=1)  # previewed against v1
    assert "version 2" in err.value.text.en and "第 2 版" in err.value.text.zh
    assert store.current_version("parks") == 2 and len(store.versions("parks")) == 2
    assert outline(store).equals_exact(outline(store, 2), 0)


@pytest.mark.filterwarnings("ignore:Value .* has been truncated to 254 characters")  # a Shapefile limit
def test_rollback_restores_the_previous_outline_and_the_audit_lists_both(store, tmp_path):
    """The issue's case: a parks file as a zipped Shapefile in EPSG:4547 is drawn within 1 m of the
    same data in WGS-84; rollback restores the previous outline; the audit log lists both."""
    store.publish_layer(parks(), by="file", source_name="parks.geojson", base=None)
    survey = gpd.GeoDataFrame.from_features(moved_parks_doc()["features"], crs="EPSG:4326")
    shp = tmp_path / "shp"
    shp.mkdir()
    survey.to_crs("EPSG:4547").to_file(shp / "parks.shp", engine="pyogrio")
    zipped = Path(shutil.make_archive(str(tmp_path / "parks_cgcs2000"), "zip", shp))

    pre = importer.preview(store, SPEC, zipped, BBOX)
    assert pre.crs_used.startswith("EPSG:4547") and not pre.refused
    assert "geometry" in pre.diff.changed[MOVED] and "name_en" in pre.diff.changed[MOVED]
    importer.publish(store, pre, by="planner")
    drawn = gpd.GeoSeries([outline(store)], crs="EPSG:4326").to_crs("EPSG:4547")[0]
    truth = survey.set_index("id").to_crs("EPSG:4547").geometry[MOVED]
    assert drawn.hausdorff_distance(truth) < 1.0  # metres

    store.rollback("parks", 1, by="planner")
    assert outline(store).equals_exact(parks().gdf.set_index("id").geometry[MOVED], 0)
    log = [(a.who, a.action, a.version, a.source_name) for a in store.audit_log("parks")]
    assert log[:2] == [("planner", "rollback", 1, "v1"), ("planner", "publish", 2, zipped.name)]


def test_rollback_to_a_version_that_does_not_exist_is_refused(store):
    store.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    with pytest.raises(StoreError):
        store.rollback("parks", 7, by="a")
    assert store.current_version("parks") == 1


def test_a_refused_file_changes_nothing(store, tmp_path):
    store.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    doc = moved_parks_doc()
    doc["features"][0]["properties"]["name_zh"] = ""  # a required field left empty
    bad = tmp_path / "bad.geojson"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    pre = importer.preview(store, SPEC, bad, BBOX)
    assert pre.refused
    with pytest.raises(StoreError):
        importer.publish(store, pre, by="editor1")
    assert [v.version for v in store.versions("parks")] == [1] and len(store.audit_log()) == 1


def _files_config(geo_dir: Path) -> config.Config:
    return config.validate({"data": {"geo_dir": str(geo_dir)}, "layers": {"enabled": ["parks"]}})


def test_a_watched_file_becomes_a_version_when_its_content_changes_not_its_mtime(store, tmp_path):
    shutil.copy(PARKS, tmp_path / "parks.geojson")
    cfg = _files_config(tmp_path)
    assert [v.version for v in sync_files(store, cfg)] == [1]
    (tmp_path / "parks.geojson").touch()  # saved again, same bytes
    assert sync_files(store, cfg) == []
    (tmp_path / "parks.geojson").write_text(json.dumps(moved_parks_doc(), ensure_ascii=False), encoding="utf-8")
    assert [v.version for v in sync_files(store, cfg)] == [2]
    assert store.audit_log("parks")[0].action == "file"
    store.rollback("parks", 1, by="editor1")
    assert sync_files(store, cfg) == [] and store.current_version("parks") == 1  # the rollback stays


def test_the_ledger_file_is_versioned_by_its_bytes(store, tmp_path):
    path = tmp_path / "projects.csv"
    shutil.copy(ROOT / "data" / "ledger" / "projects.csv", path)
    cfg = _files_config(tmp_path)
    assert len(sync_files(store, cfg, path)) == 1
    assert sync_files(store, cfg, path) == []
    path.write_bytes(path.read_bytes() + b"\n")
    sync_files(store, cfg, path)
    ver, raw = store.ledger()
    assert ver.version == 2 and raw == path.read_bytes()
    assert store.ledger(1)[1] == (ROOT / "data" / "ledger" / "projects.csv").read_bytes()
    assert [v.version for v in store.versions(LEDGER)] == [1, 2]


def test_a_version_published_by_one_server_is_seen_by_another(store_url):
    """Two app servers on one store (two engines): the second sees the first's publish at its next
    poll (state() is what the page polls every poll_s; nothing is cached inside the store)."""
    one, two = Store(store_url), Store(store_url)
    one.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    before = two.state()
    one.publish_layer(layer_from_doc(SPEC, moved_parks_doc(), "s.geojson", BBOX), by="b", source_name="s", base=1)
    assert two.state() != before and dict(two.state())["parks"] == 2
    assert outline(two).equals_exact(outline(one), 0)
    one.dispose()
    two.dispose()


KILLED_PUBLISH = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from dashboard.geodata import layer_from_doc
    from dashboard.store import Store
    from layers import REGISTRY
    import json

    def hold():  # inside the publishing transaction, just before it commits
        Path({marker!r}).write_text("inside")
        time.sleep(600)

    doc = json.loads(Path({doc!r}).read_text(encoding="utf-8"))
    data = layer_from_doc(REGISTRY["parks"], doc, "survey.geojson", {bbox!r})
    Store({url!r}, before_commit=hold).publish_layer(data, by="killed", source_name="survey.geojson", base=1)
    """
)


def test_kill_9_during_a_publish_leaves_the_previous_version_current_and_intact(store, store_url, tmp_path):
    store.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    before = [(v.version, v.content_hash) for v in store.versions("parks")]
    doc, marker = tmp_path / "survey.geojson", tmp_path / "inside"
    doc.write_text(json.dumps(moved_parks_doc(), ensure_ascii=False), encoding="utf-8")
    script = KILLED_PUBLISH.format(root=str(ROOT), marker=str(marker), doc=str(doc), bbox=BBOX, url=store_url)
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    while not marker.exists() and proc.poll() is None:  # waits on the signal, not on a time
        subprocess.run(["sleep", "0.05"])
    assert marker.exists(), proc.stderr.read().decode() if proc.stderr else ""
    proc.kill()  # SIGKILL: no cleanup, no rollback by the client
    proc.wait()

    after = Store(store_url)
    assert after.current_version("parks") == 1
    assert [(v.version, v.content_hash) for v in after.versions("parks")] == before
    assert outline(after).equals_exact(parks().gdf.set_index("id").geometry[MOVED], 0)
    assert [a.who for a in after.audit_log("parks")] == ["a"]
    after.publish_layer(parks(), by="a", source_name="parks.geojson", base=1)  # and it still takes writes
    after.dispose()


def test_on_postgresql_the_geometries_are_postgis_geometries(pg_cluster):
    """PostGIS only (SQLite keeps just the WKB, the column every back end reads)."""
    store = Store(pg_cluster.new_database())
    store.publish_layer(parks(), by="a", source_name="parks.geojson", base=None)
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        srid, kind = conn.execute(sa.text("SELECT DISTINCT ST_SRID(geom), GeometryType(geom) FROM features")).one()
    assert srid == 4326 and kind in ("POLYGON", "MULTIPOLYGON")
    store.dispose()
