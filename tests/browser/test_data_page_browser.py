"""The editors' data page in a real browser: an editor uploads the parks as a zipped Shapefile in
CGCS2000 / 3° Gauss–Krüger CM 114°E (EPSG:4547, what a planning office hands out) and sees the
preview: the CRS read from the .prj, the diff and the map of the upload over the current version."""

from __future__ import annotations

import zipfile

import geopandas as gpd
import pytest

from dashboard import config
from dashboard.auth.tokens import COOKIE
from tests.helpers import account_cookie

pytestmark = pytest.mark.browser
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def editor_cookie(server_store, server_url):
    """A signed-in editor's session cookie on the test server (like viewer_cookie)."""
    return account_cookie(server_store, "browser-editor", "editor")


def parks_shapefile_zip(folder) -> str:
    """The sample parks, renamed, reprojected to EPSG:4547 and written as a zipped Shapefile (.prj inside)."""
    parks = gpd.read_file(config.ROOT / "data" / "geo" / "parks.geojson")
    parks.loc[parks["id"] == "park-gouzhao", "name_en"] = "Gouzhao Park SHP"
    shp = folder / "parks_4547.shp"
    parks.to_crs("EPSG:4547").to_file(shp, engine="pyogrio")
    out = folder / "parks_4547.zip"
    with zipfile.ZipFile(out, "w") as z:
        for part in folder.glob("parks_4547.*"):
            if part.suffix != ".zip":
                z.write(part, part.name)
    return str(out)


def test_an_editor_uploads_a_zipped_shapefile_in_epsg_4547_and_sees_the_preview(
    page, server_url, editor_cookie, tmp_path
):
    page.context.add_cookies(
        [{"name": COOKIE, "value": editor_cookie, "url": server_url, "httpOnly": True, "sameSite": "Lax"}]
    )
    page.goto(server_url + "/?page=data&lang=en")
    page.get_by_text("Data: upload, preview, publish, roll back").wait_for(timeout=120_000)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(parks_shapefile_zip(tmp_path))
    summary = page.get_by_text("read as EPSG:4547")
    summary.wait_for(timeout=120_000)
    assert "parks_4547.zip: 3 features" in summary.inner_text()
    page.get_by_text("Validation passed").wait_for(timeout=120_000)  # the report comes after the map and diff
    assert page.get_by_role("heading", name="Changes").is_visible()
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=120_000)
    page.get_by_role("button", name="Publish as a new version").wait_for(timeout=120_000)
    assert page.page_errors == [] and page.foreign_requests == []
