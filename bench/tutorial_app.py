"""The tutorial pattern on the same data, for comparison only (bench/bench_scale.py serves it):
one folium.Marker per firm in a loop, st_folium with its defaults. Assets are pointed at
static/vendor (offline_assets.localize), or the map would be a blank box offline."""

import json

import folium
import streamlit as st
from streamlit_folium import st_folium

from dashboard import config, offline_assets

cfg = config.load()
doc = json.loads((cfg.path_of("geo_dir") / "enterprises.geojson").read_text(encoding="utf-8"))
m = folium.Map(location=cfg["map"]["center"], zoom_start=cfg["map"]["zoom"], tiles=None, max_zoom=18, min_zoom=9)
for f in doc["features"]:
    lon, lat = f["geometry"]["coordinates"]
    folium.Marker([lat, lon], tooltip=f["properties"]["name_zh"]).add_to(m)
offline_assets.localize(m)
st.title("tutorial pattern")
out = st_folium(m)
st.write(out.get("last_object_clicked_tooltip"))
