"""Basemaps: which tiles (if any) sit under the overlays, and the display shift they need."""

from __future__ import annotations

import folium

from dashboard.strings import t

CHOICES = ("offline", "osm")


def choose(container, cfg, lang: str) -> str:
    default = cfg["map"]["basemap"] if cfg["map"]["basemap"] in CHOICES else "offline"
    return container.selectbox(t("basemap", lang), CHOICES, index=CHOICES.index(default), key="basemap")


def add(m: folium.Map, name: str, lang: str):
    """Add basemap `name` to `m`; return the geometry shift overlays need (None: WGS-84 tiles)."""
    if name == "osm":
        folium.TileLayer("OpenStreetMap", max_zoom=19).add_to(m)
    return None
