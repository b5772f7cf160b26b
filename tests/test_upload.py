"""dashboard/upload.py: an uploaded file on disk, the ledger's preview (diff by 项目编号) and publish."""

from __future__ import annotations

import pytest

from dashboard import config, upload
from dashboard.store import StaleVersion, Store
from tests.helpers import row, write_csv

BBOX = config.load()["data"]["bbox"]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("园区 CGCS2000.zip", "园区_CGCS2000.zip"),  # the suffix (the format) survives
        ("../../etc/passwd.geojson", "passwd.geojson"),  # a browser's name never leaves the folder
        (".hidden.csv", "hidden.csv"),
    ],
)
def test_an_upload_is_saved_under_a_safe_form_of_its_own_name(tmp_path, name, expected):
    path = upload.save_upload(name, b"x", tmp_path)
    assert path.parent == tmp_path and path.name == expected and path.read_bytes() == b"x"


def test_a_ledger_preview_lists_added_removed_and_changed_projects_and_publishes_once(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/s.sqlite3")
    first = write_csv(tmp_path / "a.csv", [row(项目编号="P-1"), row(项目编号="P-2")])
    pre = upload.preview_ledger(store, first, BBOX)
    assert pre.base is None and pre.diff.added == ["P-1", "P-2"]
    upload.publish_ledger(store, pre, by="ed")
    second = write_csv(tmp_path / "b.csv", [row(项目编号="P-1", **{"当前进度(%)": "80"}), row(项目编号="P-3")])
    pre2 = upload.preview_ledger(store, second, BBOX)
    assert (pre2.diff.added, pre2.diff.removed, pre2.diff.changed) == (["P-3"], ["P-2"], {"P-1": ["progress"]})
    store.publish_ledger(b"other", by="someone else", source_name="c.csv", base=1)  # after pre2 was made
    with pytest.raises(StaleVersion):
        upload.publish_ledger(store, pre2, by="ed")


def test_a_ledger_preview_reports_each_step_and_places_rows_on_the_map_features(tmp_path):
    from dashboard.store import page as store_page

    store = Store(f"sqlite:///{tmp_path}/s.sqlite3")
    layers = store_page.load_catalog(config.load()).layers
    csv = write_csv(tmp_path / "a.csv", [row(项目编号="park-tianjianhu"), row(项目编号="P-X")])
    steps: list[tuple[str, float]] = []
    pre = upload.preview_ledger(store, csv, BBOX, layers, "en", progress=lambda s, f: steps.append((s, f)))
    assert [s for s, _ in steps] == ["reading", "validating", "diffing", "done"]
    assert [f for _, f in steps] == sorted(f for _, f in steps) and steps[-1][1] == 1.0
    placed = pre.located.gdf.set_index("id").geometry
    assert placed["park-tianjianhu"].within(layers["parks"].gdf.set_index("id").geometry["park-tianjianhu"])
    assert placed["P-X"] is None or placed["P-X"].is_empty, "no 经度/纬度 and no feature of that id: not placed"
    assert pre.current is None and set(pre.catalog("en").layers) == {"projects-new"}
