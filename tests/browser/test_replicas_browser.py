"""Two real app servers on one PostGIS store (issue 9's "two replicas"): a parks version imported
into the store (scripts/import.py against the same URL, as an editor on another replica or machine
would) is drawn by the other server's open page without a reload, at its next [ledger] poll_s; and
one account signs in on both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from dashboard import config
from dashboard.auth.tokens import COOKIE
from tests.browser.screen_probe import POLL_MS, map_frame
from tests.browser.server import ROOT, running_app
from tests.helpers import account_cookie

pytestmark = pytest.mark.browser

NEW_NAME = "Gouzhao Park (replica test)"
# the English name the open map draws for this park (layerdata's compact properties: e = name_en)
NAME_EN_OF = """id => { for (const l of Object.values(window.map._layers)) {
  const p = l.feature && l.feature.properties; if (p && p.id === id && l._map) return p.e; } return null; }"""


@pytest.fixture
def replicas(tmp_path, pg_cluster):
    """Two servers with the same config (poll_s = 1) and the same PostGIS store URL."""
    url = pg_cluster.new_database()
    text = (ROOT / "config.toml").read_text(encoding="utf-8").replace("poll_s = 5", "poll_s = 1")
    cfg = tmp_path / "config.toml"
    cfg.write_text(text, encoding="utf-8")
    env = {"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": url}
    with running_app(env=env) as one, running_app(env=env) as two:
        yield url, cfg, one, two


def drawn_as(frame, name: str) -> None:
    """Wait until the open map draws park-gouzhao with this English name (30 s at most)."""
    frame.wait_for_function(f"({NAME_EN_OF})('park-gouzhao') === {json.dumps(name)}", timeout=30_000, polling=POLL_MS)


def renamed_parks(folder) -> str:
    doc = json.loads((config.ROOT / "data" / "geo" / "parks.geojson").read_text(encoding="utf-8"))
    for f in doc["features"]:
        if f["properties"]["id"] == "park-gouzhao":
            f["properties"]["name_en"] = NEW_NAME
    path = folder / "parks-renamed.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_a_version_imported_through_one_replica_is_drawn_by_the_other(page, replicas, tmp_path):
    url, cfg, one, two = replicas
    cookie = account_cookie(url, "replica-viewer", "viewer")  # one account in the shared store
    page.context.add_cookies([{"name": COOKIE, "value": cookie, "url": two, "httpOnly": True, "sameSite": "Lax"}])
    page.goto(two + "/?lang=en&basemap=offline")
    frame = map_frame(page)
    assert "replica-viewer" in page.locator('[data-testid="stSidebar"]').inner_text()  # signed in on this one
    drawn_as(frame, "Gouzhao Park")  # the layers are fetched after the map has loaded
    frame.evaluate("window.sameMap = true")
    env = os.environ | {"HTZ_CONFIG": str(cfg), "HTZ_STORE_URL": url}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import.py"), "parks", renamed_parks(tmp_path), "--by", "张工"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    imported = time.monotonic()
    drawn_as(frame, NEW_NAME)
    print(f"drawn by the other server {time.monotonic() - imported:.1f}s after the import (poll_s = 1)")
    assert frame.evaluate("window.sameMap === true"), "the open map took the new version in; no reload"
    # the first server draws the same version (a fresh page there)
    other = page.context.new_page()
    other.goto(one + "/?lang=en&basemap=offline")
    drawn_as(map_frame(other), NEW_NAME)
    assert page.page_errors == []
