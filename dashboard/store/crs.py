"""Coordinate systems of imported files: what a file declares (or the editor names) → WGS-84.

EPSG codes and .prj/GeoPackage/GeoJSON CRS go through pyproj. GCJ-02 (Gaode) and BD-09 (Baidu)
are lon/lat with a deliberate offset no EPSG code describes: named `gcj02` / `bd09`, converted
with dashboard/gcj02.py. A file without a CRS is never guessed silently: `guess` names the systems
whose reading of the coordinates lands in the Zhengzhou box, for the editor to confirm.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from dashboard import gcj02

SHIFTED = {"gcj02": gcj02.gcj02_to_wgs84, "bd09": gcj02.bd09_to_wgs84}
# Systems a planning office in Zhengzhou hands out, tried in this order by `guess`.
CANDIDATES = {
    "EPSG:4326": "WGS-84 / CGCS2000 经纬度 lon/lat",
    "EPSG:4547": "CGCS2000 3° 高斯-克吕格 CM 114°E",
    "EPSG:4526": "CGCS2000 3° 高斯-克吕格 zone 38 (带号前缀)",
    "EPSG:32649": "WGS-84 UTM 49N",
    "EPSG:3857": "Web Mercator",
}


def parse(name: str) -> CRS | str:
    """'gcj02' / 'bd09', or a pyproj CRS for 'EPSG:4547', '4547', WKT, a PROJ string. ValueError if unknown."""
    key = name.strip().lower().replace("-", "")
    if key in SHIFTED:
        return key
    try:
        return CRS.from_user_input(int(name) if name.strip().isdigit() else name.strip())
    except CRSError as err:
        raise ValueError(f"unknown CRS {name!r}: {err}") from None


def label(crs: CRS | str) -> str:
    if isinstance(crs, str):
        return {"gcj02": "GCJ-02 (高德/腾讯)", "bd09": "BD-09 (百度)"}[crs]
    code = crs.to_epsg()
    return f"EPSG:{code} {crs.name}" if code else crs.name


def to_wgs84(gdf: gpd.GeoDataFrame, crs: CRS | str) -> gpd.GeoDataFrame:
    """The frame in WGS-84 lon/lat. CGCS2000 (EPSG:4490) is taken as WGS-84 (centimetres apart)."""
    if isinstance(crs, str):
        fn = SHIFTED[crs]

        def shift(xy: np.ndarray) -> np.ndarray:
            out = np.array(xy, dtype=float, copy=True)
            if out.shape[0]:
                out[:, 0], out[:, 1] = fn(out[:, 0], out[:, 1])
            return out

        geoms = shapely.transform(np.asarray(gdf.geometry.values, dtype=object), shift)
        return gpd.GeoDataFrame(gdf.drop(columns=gdf.geometry.name), geometry=list(geoms), crs="EPSG:4326")
    out = gdf.set_crs(crs, allow_override=True)
    if crs.to_epsg() == 4490:
        return out.set_crs("EPSG:4326", allow_override=True)
    return out.to_crs("EPSG:4326")


def guess(gdf: gpd.GeoDataFrame, bbox) -> list[str]:
    """The candidate systems that put the data's centre inside `bbox` (a guess, to be confirmed)."""
    if gdf.empty:
        return []
    x0, y0, x1, y1 = gdf.total_bounds
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    out = []
    for code in CANDIDATES:
        lon, lat = Transformer.from_crs(code, "EPSG:4326", always_xy=True).transform(cx, cy)
        if np.isfinite(lon) and bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]:
            out.append(code)
    return out
