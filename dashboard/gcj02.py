"""WGS-84 <-> GCJ-02 ("Mars coordinates") conversion for drawing on Chinese basemaps.

Why: Gaode/AutoNavi (Amap) tiles are drawn in GCJ-02, an obfuscated datum that every
public map service in mainland China must use. A WGS-84 overlay drawn unshifted on
those tiles lands ~570 m off in the High-tech Zone (~+0.0061 deg lon, -0.0011 deg lat).
Tianditu (CGCS2000) and OSM tiles need no shift. See ../shared/DESIGN.md §3.

The shift is a *display* concern: data on disk stays WGS-84 (RFC 7946). Shift a copy
right before handing it to folium when the active basemap is a GCJ-02 one.

The forward formulas are the widely published, public-domain reverse-engineered
GCJ-02 model (Krasovsky 1940 ellipsoid constants, "out of China" box rule) as used by
eviltransform, PRCoords, coord-convert and cnmaps. The official algorithm is secret
and adds small random noise; this model is the de-facto standard (agrees with Amap
to ~1 m). The inverse has no closed form: it is solved here by fixed-point iteration
to far below 1 cm (defaults: 1e-10 deg, ~0.01 mm).

Public API (all pure numpy/shapely, no streamlit):

    out_of_china(lon, lat)                 -> bool / bool array
    wgs84_to_gcj02(lon, lat)               -> (lon, lat)   scalars or arrays
    gcj02_to_wgs84(lon, lat, tol_deg=1e-10, max_iter=20) -> (lon, lat)
    shift_geometry(geom, to="gcj02")       -> same-typed shapely geometry (or array)
    shift_gdf(gdf, to="gcj02")             -> shifted copy of a GeoDataFrame

``to="gcj02"`` treats input as WGS-84 and shifts it onto GCJ-02 tiles;
``to="wgs84"`` treats input as GCJ-02 (e.g. Amap-digitised data) and un-shifts it.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

__all__ = [
    "out_of_china",
    "wgs84_to_gcj02",
    "gcj02_to_wgs84",
    "shift_geometry",
    "shift_gdf",
    "SHIFT_TARGETS",
]

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 model.
_A = 6378245.0
_EE = 0.00669342162296594323  # e^2 with f = 1/298.3

# The standard "out of China" box (same numbers in eviltransform / PRCoords / coord-convert).
_LON_MIN, _LON_MAX = 72.004, 137.8347
_LAT_MIN, _LAT_MAX = 0.8293, 55.8271

SHIFT_TARGETS = ("gcj02", "wgs84")


def out_of_china(lon, lat):
    """True where the point is outside the box in which GCJ-02 applies (left unshifted)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    inside = (lon >= _LON_MIN) & (lon <= _LON_MAX) & (lat >= _LAT_MIN) & (lat <= _LAT_MAX)
    out = ~inside
    return bool(out) if out.ndim == 0 else out


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 offset (dlon, dlat) in degrees at WGS-84 position (lon, lat); no box check."""
    x = lon - 105.0
    y = lat - 35.0
    pi = math.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat_m = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + common
        + (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    )
    dlon_m = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + common
        + (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    )
    rad_lat = np.radians(lat)
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = dlat_m * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * pi)
    dlon = dlon_m * 180.0 / (_A / sqrt_magic * np.cos(rad_lat) * pi)
    return dlon, dlat


def _as_arrays(lon, lat):
    lon_a = np.asarray(lon, dtype=float)
    lat_a = np.asarray(lat, dtype=float)
    scalar = lon_a.ndim == 0 and lat_a.ndim == 0
    lon_a, lat_a = np.broadcast_arrays(lon_a, lat_a)
    return lon_a, lat_a, scalar


def _ret(lon_a, lat_a, scalar):
    if scalar:
        return float(lon_a), float(lat_a)
    return lon_a, lat_a


def wgs84_to_gcj02(lon, lat):
    """WGS-84 -> GCJ-02. Accepts scalars or array-likes; returns the same shape.

    Points outside China (standard box) and NaNs are returned unchanged.
    """
    lon_a, lat_a, scalar = _as_arrays(lon, lat)
    dlon, dlat = _delta(lon_a, lat_a)
    inside = ~np.asarray(out_of_china(lon_a, lat_a))
    out_lon = np.where(inside, lon_a + dlon, lon_a)
    out_lat = np.where(inside, lat_a + dlat, lat_a)
    return _ret(out_lon, out_lat, scalar)


def gcj02_to_wgs84(lon, lat, tol_deg: float = 1e-10, max_iter: int = 20):
    """GCJ-02 -> WGS-84 by fixed-point iteration of the forward transform.

    Starts from w = g - delta(g) and repeats w <- w - (F(w) - g) until the residual
    |F(w) - g| is below ``tol_deg`` (1e-10 deg ~ 0.01 mm) for every point; it
    converges in ~3 steps because the offset varies slowly (|d delta / dx| ~ 1e-3).
    Points whose GCJ input is outside China are returned unchanged.
    """
    g_lon, g_lat, scalar = _as_arrays(lon, lat)
    inside = ~np.asarray(out_of_china(g_lon, g_lat))
    dlon, dlat = _delta(g_lon, g_lat)
    w_lon = g_lon - dlon
    w_lat = g_lat - dlat
    for _ in range(max_iter):
        dlon, dlat = _delta(w_lon, w_lat)
        r_lon = w_lon + dlon - g_lon
        r_lat = w_lat + dlat - g_lat
        w_lon = w_lon - r_lon
        w_lat = w_lat - r_lat
        resid = np.maximum(np.abs(r_lon), np.abs(r_lat))
        resid = np.where(inside & np.isfinite(resid), resid, 0.0)
        if resid.size == 0 or float(np.max(resid)) < tol_deg:
            break
    out_lon = np.where(inside, w_lon, g_lon)
    out_lat = np.where(inside, w_lat, g_lat)
    return _ret(out_lon, out_lat, scalar)


def _coords_fn(to: str):
    if to == "gcj02":
        fwd = wgs84_to_gcj02
    elif to == "wgs84":
        fwd = gcj02_to_wgs84
    else:
        raise ValueError(f"to must be one of {SHIFT_TARGETS}, got {to!r}")

    def fn(coords: np.ndarray) -> np.ndarray:
        out = np.array(coords, dtype=float, copy=True)
        if out.shape[0]:
            out[:, 0], out[:, 1] = fwd(out[:, 0], out[:, 1])
        return out

    return fn


def shift_geometry(geom, to: str = "gcj02"):
    """Shift every vertex of a shapely geometry (any type, incl. holes, multi-parts,
    GeometryCollections; Z kept) or of an array of geometries.

    ``to="gcj02"``: input is WGS-84, output for drawing on GCJ-02 tiles (Gaode/Amap).
    ``to="wgs84"``: input is GCJ-02, output WGS-84.
    None and empty geometries pass through.
    """
    return shapely.transform(geom, _coords_fn(to), include_z=None)


def shift_gdf(gdf, to: str = "gcj02"):
    """Return a copy of ``gdf`` whose active geometry column is shifted (see shift_geometry).

    The input is first brought to EPSG:4326 if it has another CRS. The result is still
    labelled EPSG:4326 (folium wants lon/lat) but holds GCJ-02 positions when
    ``to="gcj02"``: use it for display only, never write it back to data/geo/.
    ``result.attrs["datum"]`` records which datum the positions are in.
    """
    if to not in SHIFT_TARGETS:
        raise ValueError(f"to must be one of {SHIFT_TARGETS}, got {to!r}")
    out = gdf.copy()
    if out.crs is not None and not out.crs.equals("EPSG:4326"):
        out = out.to_crs("EPSG:4326")
    geoms = np.asarray(out.geometry.values, dtype=object)
    shifted = shift_geometry(geoms, to=to)
    out[out.geometry.name] = type(out.geometry)(shifted, index=out.index, crs=out.crs)
    out.attrs = dict(out.attrs)
    out.attrs["datum"] = to
    return out


# BD-09 (Baidu) is GCJ-02 with one more published offset (x_pi = π·3000/180). The inverse is the
# exact published formula, not an iteration; BD-09 → WGS-84 goes through GCJ-02.
_X_PI = np.pi * 3000.0 / 180.0


def gcj02_to_bd09(lon, lat):
    lon_a, lat_a, scalar = _as_arrays(lon, lat)
    z = np.hypot(lon_a, lat_a) + 0.00002 * np.sin(lat_a * _X_PI)
    theta = np.arctan2(lat_a, lon_a) + 0.000003 * np.cos(lon_a * _X_PI)
    return _ret(z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006, scalar)


def bd09_to_gcj02(lon, lat):
    lon_a, lat_a, scalar = _as_arrays(lon, lat)
    x, y = lon_a - 0.0065, lat_a - 0.006
    z = np.hypot(x, y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return _ret(z * np.cos(theta), z * np.sin(theta), scalar)


def bd09_to_wgs84(lon, lat):
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))
