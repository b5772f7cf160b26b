"""The editors' data page under AppTest (?page=data): who may see it, upload → preview → publish,
the layer drawn from the new version, rollback, a stale preview refused, a file without a CRS."""

from __future__ import annotations

import json

import pytest
from pyproj import Transformer

from dashboard import config
from dashboard.store import open_store, store_url
from tests.helpers import drawn, map_args, run, sign_in

PARKS = (config.ROOT / "data" / "geo" / "parks.geojson").read_text(encoding="utf-8")


def data_page(lang: str = "en"):
    return run(query={"page": "data", "lang": lang})


def texts(at) -> str:
    parts = [e.value for e in [*at.error, *at.warning, *at.info, *at.success, *at.caption, *at.title]]
    return "\n".join(str(p) for p in parts)


def frame(at, column: str):
    """The table holding `column` (AppTest keeps no key for a table without selection)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, f"no table with a column {column!r}"
    return found[0]


def upload(at, name: str, raw: bytes, layer: str = "parks"):
    if layer != "parks":
        at.selectbox(key="data_target").set_value(layer).run()
    at.file_uploader(key=f"data_upload_{layer}").set_value((name, raw, "application/octet-stream"))
    return at.run()


def renamed_parks(new_name: str) -> bytes:
    return PARKS.replace('"Gouzhao Park"', json.dumps(new_name)).encode()


def store():
    return open_store(store_url(config.load()))


@pytest.mark.parametrize("role", [None, "viewer"])
def test_a_visitor_or_a_viewer_gets_the_editors_only_notice_and_nothing_of_the_page(monkeypatch, role):
    if role:
        sign_in(monkeypatch, role)
    at = data_page()
    assert not at.exception
    assert any("editors only" in w.value for w in at.warning)
    assert not at.file_uploader and not at.get("selectbox") and not at.get("arrow_data_frame")
    assert not list(at.get("component_instance")), "no map either"


def test_the_sidebar_links_editors_to_the_data_page_and_no_one_else(monkeypatch):
    assert not [b for b in run().get("link_button") if "page=data" in b.proto.url]
    sign_in(monkeypatch, "editor")
    assert [b for b in run().get("link_button") if "page=data" in b.proto.url]


def test_an_editor_uploads_geojson_previews_publishes_and_the_map_draws_the_new_version(monkeypatch):
    sign_in(monkeypatch, "editor")
    at = upload(data_page(), "parks_new.geojson", renamed_parks("Gouzhao Park UPLOADED"))
    assert not at.exception
    diff = frame(at, "Fields changed")
    assert list(diff["id"]) == ["park-gouzhao"] and "name_en" in diff.iloc[0, 2]
    sent = str(map_args(at)) + drawn(at)
    assert "parks-new" in sent and "parks-current" in sent, "the upload drawn over the current version"
    at.button(key="data_publish").click().run()
    assert "Published: parks version 2" in texts(at)
    versions = frame(at, "Features")
    assert list(versions["Version"]) == [2, 1] and versions.iloc[0]["Who"] == "tester"
    assert versions.iloc[0]["File"] == "parks_new.geojson" and versions.iloc[0]["Features"] == "3"
    at.query_params["page"] = "map"
    assert "Gouzhao Park UPLOADED" in drawn(at.run())


def test_rollback_restores_the_previous_version_in_one_step_and_the_audit_log_lists_both(monkeypatch):
    sign_in(monkeypatch, "editor")
    at = upload(data_page(), "parks_new.geojson", renamed_parks("Gouzhao Park UPLOADED"))
    at.button(key="data_publish").click().run()
    at.selectbox(key="data_rollback_to").set_value(1).run()
    at.button(key="data_rollback").click().run()
    assert "parks: version 1 is current again" in texts(at)
    audit = frame(at, "Action")
    assert list(audit["Action"])[:2] == ["rollback", "publish"] and set(audit["Who"][:2]) == {"tester"}
    at.query_params["page"] = "map"
    at.run()
    sent = str(map_args(at)) + drawn(at)
    assert "Gouzhao Park UPLOADED" not in sent and "Gouzhao Park" in sent


def test_a_publish_after_someone_else_changed_the_layer_is_refused_and_overwrites_nothing(monkeypatch):
    sign_in(monkeypatch, "editor")
    at = upload(data_page(), "parks_new.geojson", renamed_parks("Gouzhao Park MINE"))
    other = upload(data_page(), "parks_other.geojson", renamed_parks("Gouzhao Park THEIRS"))
    other.button(key="data_publish").click().run()
    at.button(key="data_publish").click().run()
    assert "changed after your preview" in texts(at)
    assert store().current_version("parks") == 2
    assert [v.source_name for v in store().versions("parks")][-1] == "parks_other.geojson"


def test_a_file_without_a_crs_shows_the_guess_as_a_guess_and_imports_once_the_editor_picks_it(monkeypatch):
    sign_in(monkeypatch, "editor")
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:4547", always_xy=True).transform(113.52, 34.82)
    csv = (
        "id,name_zh,name_en,kind,chain_link,basis,confidence,x,y\n"
        f"firm-x,某企业,Firm X,enterprise,sensors,test,surveyed,{x:.2f},{y:.2f}\n"
    )
    at = upload(data_page(), "firms.csv", csv.encode(), layer="enterprises")
    shown = texts(at)
    assert "declares no CRS" in shown and "GUESS" in shown and "EPSG:4547" in shown
    assert not at.get("component_instance"), "nothing is previewed on a guess"
    at.selectbox(key="data_crs").set_value("EPSG:4547").run()
    assert "read as EPSG:4547" in texts(at) and "firm-x" in str(map_args(at))


def test_the_ledger_is_uploaded_previewed_and_published_as_a_new_version(monkeypatch):
    sign_in(monkeypatch, "editor")
    raw = (config.ROOT / "data" / "ledger" / "projects.xlsx").read_bytes()
    at = data_page()
    at.selectbox(key="data_target").set_value("ledger").run()
    at.file_uploader(key="data_upload_ledger").set_value(("projects.xlsx", raw, "application/octet-stream")).run()
    assert "valid rows" in texts(at)
    at.button(key="data_publish").click().run()
    assert "no new version" in texts(at), "the same workbook as the current version adds nothing"


def test_a_ledger_upload_shows_its_rows_the_located_ones_on_a_map_and_the_diff_before_publishing(monkeypatch, tmp_path):
    from tests.helpers import row, write_csv

    sign_in(monkeypatch, "editor")
    rows = [
        row(项目编号="P-NEW", 项目名称="新项目 NEWROW", 经度="113.52", 纬度="34.82"),  # its own position
        row(项目编号="park-tianjianhu", 项目名称="天健湖 ON A FEATURE"),  # placed on the park with its id
        row(项目编号="P-NOWHERE", 项目名称="无位置 NOWHERE"),  # in the table, not on the map
    ]
    raw = write_csv(tmp_path / "projects.csv", rows).read_bytes()
    at = data_page()
    at.selectbox(key="data_target").set_value("ledger").run()
    at.file_uploader(key="data_upload_ledger").set_value(("projects.csv", raw, "text/csv")).run()
    assert not at.exception
    table = "\n".join(d.value.to_csv() for d in at.dataframe)
    assert all(name in table for name in ("NEWROW", "ON A FEATURE", "NOWHERE")), "the rows table"
    assert "2 of 3 rows can be placed on the map" in texts(at)
    shown = drawn(at)
    assert "P-NEW" in shown and "park-tianjianhu" in shown and "P-NOWHERE" not in shown
    changes = frame(at, "Change").set_index("id")["Change"].to_dict()
    assert changes["P-NEW"] == "added" and changes["P-NOWHERE"] == "added"
    assert "removed" in changes.values(), "the sample's other projects are gone in this upload"
    assert store().current_version("ledger") == 1, "nothing is published by a preview"
    at.button(key="data_publish").click().run()
    assert store().current_version("ledger") == 2
