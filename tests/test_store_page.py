"""What the page reads (dashboard/store/page.py): each layer's current version from the store, the
files taken in as versions by content, and the files themselves when the store is unavailable."""

from __future__ import annotations

import shutil

from dashboard import config
from dashboard.store import open_store, page, store_url
from tests.postgis import free_port

ROOT = config.ROOT


def _cfg(tmp_path):
    geo = tmp_path / "geo"
    geo.mkdir()
    for name in ("parks.geojson", "supercomputing.geojson", "enterprises.geojson"):
        shutil.copy(ROOT / "data" / "geo" / name, geo / name)
    enabled = ["parks", "supercomputing", "radiation", "enterprises"]
    return config.validate({"data": {"geo_dir": str(geo)}, "layers": {"enabled": enabled}}), geo


def test_the_page_draws_the_current_version_even_after_a_rollback(tmp_path):
    cfg, geo = _cfg(tmp_path)
    first = page.data_state(cfg)
    assert dict(first)["parks"] == 1
    text = (geo / "parks.geojson").read_text(encoding="utf-8").replace("Gouzhao Park", "Gouzhao Park (new)")
    (geo / "parks.geojson").write_text(text, encoding="utf-8")
    assert dict(page.data_state(cfg))["parks"] == 2  # a changed file is a new version at the next poll
    assert "Gouzhao Park (new)" in set(page.load_catalog(cfg).layers["parks"].gdf["name_en"])
    open_store(store_url(cfg)).rollback("parks", 1, by="editor1")
    assert dict(page.data_state(cfg))["parks"] == 1
    cat = page.load_catalog(cfg)
    assert "Gouzhao Park" in set(cat.layers["parks"].gdf["name_en"]) and cat.zone is not None
    assert not [p for p in cat.problems if p.file == "store"]


def test_an_unavailable_store_falls_back_to_the_files_with_a_problem(tmp_path, monkeypatch):
    monkeypatch.setenv("HTZ_STORE_URL", f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none")
    cfg, _ = _cfg(tmp_path)
    assert page.data_state(cfg)[0] == "unavailable"
    cat = page.load_catalog(cfg)
    assert len(cat.layers["parks"].gdf) == 3
    assert "unavailable" in cat.problems[0].render("en") and "数据库不可用" in cat.problems[0].render("zh")
    assert page.ledger_file(cfg).parent == ROOT / "data" / "ledger"  # the file itself, not a stored copy
