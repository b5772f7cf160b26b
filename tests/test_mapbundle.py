"""The map's scripts reach the browser as one file (dashboard/mapbundle.py, issue 12): streamlit-folium
loads js_links one after another, so ten files were ten round trips before the map could start."""

from __future__ import annotations

import folium
import folium.plugins

from dashboard import mapbundle, mapscripts, offline_assets
from dashboard.map_elements import JsScript
from tests.helpers import map_args, map_js, run


def localized_map() -> folium.Map:
    m = folium.Map(location=[34.8, 113.5], zoom_start=12, tiles=None)
    folium.plugins.Fullscreen().add_to(m)
    JsScript("function (map) { map._htzMark = 1; }", name="Mark", served=True).add_to(m)
    offline_assets.localize(m)
    return m


def test_every_script_is_in_one_file_in_the_order_streamlit_folium_would_load_them():
    m = localized_map()
    links = [url for _, kind, url in offline_assets.asset_links(m) if kind == "js"]
    mapbundle.bundle(m)
    sent = [url for _, kind, url in offline_assets.asset_links(m) if kind == "js"]
    assert len(links) > 3 and len(sent) == 1 and sent[0].startswith(mapscripts.ROUTE + "/")
    text = mapscripts.at(sent[0]).decode("utf-8")
    marks = [text.find(f"/* {url.rsplit('/', 1)[-1]} */") for url in links]
    assert -1 not in marks and marks == sorted(marks), "each file once, Leaflet before its plugins"
    assert "Leaflet 1.9.3" in text and "_htzMark" in text
    assert [u for _, k, u in offline_assets.asset_links(m) if k == "css"], "the styles still come as files"


def test_the_same_map_gives_the_same_file():
    a, b = localized_map(), localized_map()
    mapbundle.bundle(a)
    mapbundle.bundle(b)
    assert a.default_js == b.default_js, "a rerun must not make the browser fetch the scripts again"


def test_the_page_map_loads_one_script_with_leaflet_and_our_click_router():
    args = map_args(run())
    assert len(args["js_links"]) == 1
    text = map_js(run())
    assert "Leaflet 1.9.3" in text and "MOST SPECIFIC of our features" in text, "Leaflet and the click router"
    assert "htzJs" in text, "our served scripts (click router, layer loader) are in it"
