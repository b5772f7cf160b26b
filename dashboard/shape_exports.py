"""Files a planner takes back into GIS or Excel: a drawn shape, a buffer, or the features inside
it. GeoJSON is WGS-84 lon/lat (RFC 7946); CSV (UTF-8 with BOM) and XLSX carry lon/lat columns and
are neutralised against formula injection by dashboard/exports.py. No streamlit here."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from dashboard import exports
from dashboard.spatial import LayerHits, Shape, area
from dashboard.strings import t

COLUMNS = ("layer", "layer_label", "id", "name", "relation", "lon", "lat")


def hits_frame(found: list[LayerHits], lang: str) -> gpd.GeoDataFrame:
    """One row per feature inside or overlapping, as the panel lists them (same order)."""
    rows = [
        {
            "layer": group.layer,
            "layer_label": group.label,
            "id": hit.sel.fid,
            "name": hit.name,
            "relation": t("planner_inside" if hit.inside else "planner_overlaps", lang),
            "lon": round(hit.lon, 7),
            "lat": round(hit.lat, 7),
            "geometry": hit.geometry,
        }
        for group in found
        for hit in group.hits
    ]
    return gpd.GeoDataFrame(rows, columns=[*COLUMNS, "geometry"], geometry="geometry", crs="EPSG:4326")


def shape_frame(shape: Shape, name: str) -> gpd.GeoDataFrame:
    """The shape itself, one row: its kind, name, geodesic area and what made it (radius, buffer)."""
    size = area(shape.geometry)
    c = shape.geometry.representative_point()
    row = {
        "name": name,
        "kind": shape.kind,
        "area_m2": round(size.m2, 1),
        "area_km2": round(size.km2, 6),
        "area_mu": round(size.mu, 2),
        "lon": round(c.x, 7),
        "lat": round(c.y, 7),
        "radius_m": shape.meta.get("radius_m"),
        "buffer_of": shape.meta.get("of"),
        "distance_m": None if shape.meta.get("distance_m") is None else round(shape.meta["distance_m"], 2),
    }
    return gpd.GeoDataFrame([row], geometry=[shape.geometry], crs="EPSG:4326")


def geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    """RFC 7946 GeoJSON (WGS-84), UTF-8: what QGIS/ArcGIS open as is."""
    return frame.to_crs("EPSG:4326").to_json(ensure_ascii=False, drop_id=True).encode("utf-8")


def table(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """The attributes without the geometry (lon/lat columns stand for it in CSV/XLSX)."""
    return pd.DataFrame(frame.drop(columns="geometry"))


def csv_bytes(frame: gpd.GeoDataFrame) -> bytes:
    return exports.csv_bytes(table(frame))


def xlsx_bytes(frame: gpd.GeoDataFrame, sheet: str) -> bytes:
    return exports.xlsx_bytes(table(frame), sheet=sheet)
