"""Layer data by URL (dashboard/layerdata.py) and its route (dashboard/layerroute.py): compact,
rounded, stored by content hash, and an internal layer's data refused to a visitor."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import pytest
import shapely
from starlette.applications import Starlette

from dashboard import layerdata, layerroute
from dashboard.auth.tokens import COOKIE
from dashboard.geodata import LayerData
from layers import REGISTRY
from layers.projects import SPEC as PROJECTS
from tests.test_auth import RIGHT, accounts, clock  # noqa: F401  (fixtures)
from tests.test_auth_web import call


def layer(spec, rows) -> LayerData:
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return LayerData(spec=spec, gdf=gdf, problems=[])


FIRM = {
    "id": "f-1",
    "kind": "enterprise",
    "name_zh": "<b>企业</b>",
    "name_en": "Firm",
    "confidence": "approximate",
    "basis": "long text the map does not need",
    "geometry": shapely.Point(113.123456789, 34.987654321),
}


def test_the_payload_holds_only_what_the_map_draws_rounded_to_a_tenth_of_a_metre():
    doc = json.loads(layerdata.payload(layer(REGISTRY["enterprises"], [FIRM])))
    (feat,) = doc["features"]
    assert feat["geometry"]["coordinates"] == [113.123457, 34.987654]
    assert feat["properties"] == {
        "id": "f-1",
        "kind": "enterprise",
        "layer": "enterprises",
        "n": "<b>企业</b>",
        "e": "Firm",
        "a": 1,
    }
    assert "basis" not in json.dumps(doc), "panel-only fields stay on the server"


@pytest.mark.parametrize("demo, flagged", [(True, True), ("是", True), (False, False), (None, False)])
def test_a_demo_site_carries_its_demo_flag_so_its_tooltip_is_badged(demo, flagged):
    site = {**FIRM, "id": "s-1", "kind": "building", "demo": demo}
    (feat,) = json.loads(layerdata.payload(layer(REGISTRY["sites"], [site])))["features"]
    assert (feat["properties"].get("d") == 1) is flagged


def test_a_rerun_with_the_same_data_publishes_the_same_url_and_new_data_a_new_one():
    store = layerdata.Store()
    data = layer(REGISTRY["enterprises"], [FIRM])
    first = layerdata.publish(data, None, "offline", store)
    assert layerdata.publish(data, None, "offline", store) == first
    moved = layer(REGISTRY["enterprises"], [FIRM | {"geometry": shapely.Point(113.2, 34.9)}])
    assert layerdata.publish(moved, None, "offline", store) != first


@pytest.fixture
def served(accounts):  # noqa: F811
    store = layerdata.Store()
    public = store.put(b'{"public": 1}', "public")
    internal = store.put(b'{"owner": "MARKER"}', PROJECTS.audience)
    return Starlette(routes=layerroute.routes(lambda: accounts, store)), public, internal


def test_a_visitor_gets_public_layer_data_but_not_an_internal_layers(served):
    app, public, internal = served
    status, headers, body = call(app, "GET", layerdata.url(public))
    assert status == 200 and json.loads(body) == {"public": 1}
    assert "immutable" in dict(headers)["cache-control"]
    status, _, body = call(app, "GET", layerdata.url(internal))
    assert status == 403 and "MARKER" not in body
    assert call(app, "GET", layerdata.url("0" * 32))[0] == 404


def test_a_signed_in_user_gets_the_internal_layers_data(served, accounts):  # noqa: F811
    app, _, internal = served
    accounts.add_user("bo", "viewer", RIGHT)
    cookie = accounts.sign_in("bo", RIGHT, "10.0.0.1").cookie
    status, headers, body = call(app, "GET", layerdata.url(internal), cookie=f"{COOKIE}={cookie}")
    assert status == 200 and "MARKER" in body
    assert dict(headers)["cache-control"].startswith("private")


def test_the_store_forgets_the_oldest_payload_first():
    store = layerdata.Store(keep=2)
    a, b, c = (store.put(x, "public") for x in (b"a", b"b", b"c"))
    assert store.get(a) is None and gzip.decompress(store.get(c)[0]) == b"c"


def test_a_big_point_layer_is_counted_in_squares_and_its_group_says_how(monkeypatch):
    from dashboard import mapfetch

    firms = layer(REGISTRY["enterprises"], [FIRM, {**FIRM, "id": "f-2"}, {**FIRM, "id": "f-3"}])
    assert not mapfetch.in_cells(firms), "a few points are drawn one by one"
    monkeypatch.setattr(mapfetch, "CELLS_FROM", 2)
    assert mapfetch.in_cells(firms)
    parks = layer(
        REGISTRY["parks"], [{**FIRM, "kind": "park", "geometry": shapely.box(113.5, 34.8, 113.51, 34.81)}] * 3
    )
    assert not mapfetch.in_cells(parks), "only points are counted in squares"
    html = mapfetch.fetched_group(firms.spec, "/layerdata/x.json", "en", cells=True)._children
    settings = json.loads(next(iter(html.values())).settings_json)
    assert settings["cells"]["detail"] == mapfetch.DETAIL_UP_TO and "{n}" in settings["cells"]["tip"]


def test_a_layer_count_is_right_for_every_frame_even_when_a_dropped_frames_id_comes_back():
    """The count is remembered per frame (it walks every geometry); frames made and dropped in
    turn often get the same id back, and each must still be counted as it is."""
    ids = []
    for n in [3, 1, 4, 1, 5, 9, 2] * 3:
        firms = layer(REGISTRY["enterprises"], [{**FIRM, "id": f"f-{i}"} for i in range(n)])
        ids.append(id(firms.gdf))
        assert layerdata.count(firms) == n
        assert layerdata.count(firms) == n, "asked again: the same answer"
        del firms
    assert len(set(ids)) < len(ids), "the case to guard: a dropped frame's id was given to a new one"
    empty = {**FIRM, "geometry": shapely.Point()}
    assert layerdata.count(layer(REGISTRY["enterprises"], [FIRM, empty, {**FIRM, "geometry": None}])) == 1


def test_a_served_map_script_is_a_cached_file_and_the_map_only_calls_it(served):
    from dashboard import mapscripts
    from dashboard.map_elements import JsScript

    app, _, _ = served
    el = JsScript("function (map) { map.fired = 1; }", name="T", served=True)
    ((_, link),) = el.default_js
    status, headers, body = call(app, "GET", link)
    assert status == 200 and "map.fired = 1" in body and "immutable" in dict(headers)["cache-control"]
    assert dict(headers)["content-type"].startswith("text/javascript")
    digest = link.rsplit("/", 1)[1].removesuffix(".js")
    assert "map.fired" not in el.call and digest in el.call and digest in body, "the map's script names the function"
    assert call(app, "GET", mapscripts.ROUTE + "/nothing.js")[0] == 404
    assert JsScript("function (map) {}", name="T").default_js == [], "inline unless asked"
