"""The brief's map, drawn on the server with no internet and no browser: matplotlib (Agg, through
its object API, no pyplot state) from the same data as the page — district outlines, the layers
in their own colours, the selected feature highlighted — in a metric CRS, so the scale bar is true;
with a north arrow, the attribution and a 示意 note where positions are approximate."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.path import Path as MplPath
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from dashboard.brief.fonts import FAMILY
from dashboard.catalog import Catalog
from dashboard.selection import Selection
from dashboard.strings import t
from dashboard.text import pick

METRIC = "EPSG:4547"  # CGCS2000 / 3° Gauss–Krüger CM 114°E: metres, grid north ≈ true north here
SIZE_IN, DPI = (7.2, 4.2), 150  # 1080 × 630 px: the PNG brief's width, ~150 dpi across an A4 page
MIN_SPAN_M = 4000.0  # a single building still shows its surroundings
HIGHLIGHT = "#d62728"
FONT = [FAMILY, "DejaVu Sans"]
NICE_M = (100, 200, 500, 1000, 2000, 5000, 10000, 20000)


@functools.lru_cache(maxsize=4)
def _districts(path: str, mtime: float) -> gpd.GeoDataFrame:  # mtime: cache key only
    return gpd.read_file(path).to_crs(METRIC)


def districts(path: Path) -> gpd.GeoDataFrame:
    return _districts(str(path), path.stat().st_mtime) if path.exists() else gpd.GeoDataFrame(geometry=[])


def _window(cat: Catalog, target: BaseGeometry | None) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) in metres, with the figure's aspect: the feature with room around
    it, or every layer of the map when nothing is selected."""
    if target is not None:
        xmin, ymin, xmax, ymax = target.bounds
    else:
        frames = [d.gdf.to_crs(METRIC) for d in cat.layers.values() if not d.gdf.empty]
        bounds = [f.total_bounds for f in frames if not f.geometry.isna().all()]
        if not bounds:
            return -1.0, -1.0, 1.0, 1.0
        xmin, ymin = min(b[0] for b in bounds), min(b[1] for b in bounds)
        xmax, ymax = max(b[2] for b in bounds), max(b[3] for b in bounds)
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    aspect = SIZE_IN[0] / SIZE_IN[1]
    w = max((xmax - xmin) * 1.5, (ymax - ymin) * 1.5 * aspect, MIN_SPAN_M)
    return cx - w / 2, cy - w / aspect / 2, cx + w / 2, cy + w / aspect / 2


def _path(geom: BaseGeometry) -> MplPath:
    """A (multi)polygon as one matplotlib path, holes included (geopandas' plot would redraw the
    whole figure once per call: ten times slower here)."""
    rings = []
    for poly in getattr(geom, "geoms", [geom]):
        rings += [poly.exterior, *poly.interiors]
    return MplPath.make_compound_path(*(MplPath(np.asarray(r.coords)[:, :2], closed=True) for r in rings))


def _polygons(ax: Axes, geoms, face: str, alpha: float, edge: str, width: float, dash=None, z: float = 2) -> None:
    paths = [_path(g) for g in geoms]
    ax.add_collection(PathCollection(paths, facecolor=face, alpha=alpha, edgecolor="none", zorder=z))
    ls = (0, dash) if dash else "solid"
    ax.add_collection(
        PathCollection(paths, facecolor="none", edgecolor=edge, linewidth=width, linestyle=ls, zorder=z + 0.1)
    )


def _draw_layers(ax: Axes, cat: Catalog) -> list[tuple[BaseGeometry, dict]]:
    """Every layer in its own colours, lowest z_order first; returns the polygons to label."""
    labels = []
    for data in sorted(cat.layers.values(), key=lambda d: d.spec.z_order):
        gdf = data.gdf[data.gdf.geometry.notna()]
        if gdf.empty:
            continue
        gdf = gdf.to_crs(METRIC)
        z = 2 + data.spec.z_order / 100
        for row in gdf.to_dict("records"):
            style, geom = data.spec.style_for(str(row.get("kind") or "")), row["geometry"]
            if geom.geom_type in ("Polygon", "MultiPolygon"):
                dash = tuple(float(x) * 2 for x in style.dash.split()) if style.dash else None
                fill = max(style.fill_opacity, 0.12)
                _polygons(ax, [geom], style.fill_color, fill, style.color, style.weight * 0.6, dash, z)
                labels.append((geom, row))
            elif geom.geom_type in ("Point", "MultiPoint"):
                xy = np.array([(p.x, p.y) for p in getattr(geom, "geoms", [geom])])
                ax.scatter(
                    xy[:, 0],
                    xy[:, 1],
                    s=(style.radius * 1.3) ** 2,
                    c=style.fill_color,
                    edgecolors=style.color,
                    linewidths=1,
                    zorder=z + 2,
                )
    return labels


def _draw_districts(ax: Axes, path: Path, lang: str, win: tuple[float, float, float, float]) -> None:
    d = districts(path)
    if d.empty:
        return
    parts = d[d["kind"] == "district"] if "kind" in d else d
    _polygons(ax, list(parts.geometry), "#f3f1ec", 1.0, "#a0a0a0", 0.8, z=1)
    frame = box(*win)
    for row in parts.itertuples():
        shown = row.geometry.intersection(frame)
        p = shown.representative_point() if shown.area > frame.area * 0.08 else None  # enough of it in view
        if p is not None and p.distance(frame.centroid) > (win[2] - win[0]) * 0.2:  # not under the feature
            name = pick(getattr(row, "name", ""), getattr(row, "name_en", ""), lang)
            ax.text(p.x, p.y, name, fontsize=9, color="#8a8a8a", ha="center", fontfamily=FONT, zorder=1.5)


def _label(ax: Axes, geom: BaseGeometry, name: str, color: str, weight: str = "normal") -> None:
    c = geom.representative_point()
    ax.annotate(
        name,
        (c.x, c.y),
        xytext=(0, 14),
        textcoords="offset points",
        ha="center",
        fontsize=8.5,
        fontweight=weight,
        fontfamily=FONT,
        color=color,
        bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": color, "lw": 0.8, "alpha": 0.9},
        zorder=7,
    )


def _highlight(ax: Axes, geom: BaseGeometry, name: str) -> None:
    if geom.geom_type in ("Point", "MultiPoint"):
        xy = np.array([(p.x, p.y) for p in getattr(geom, "geoms", [geom])])
        ax.scatter(xy[:, 0], xy[:, 1], s=420, facecolors="none", edgecolors=HIGHLIGHT, linewidths=2.5, zorder=6)
    else:
        ax.add_collection(PathCollection([_path(geom)], facecolor="none", edgecolor=HIGHLIGHT, linewidth=2.6, zorder=6))
    _label(ax, geom, name, HIGHLIGHT, "bold")


def _scale_bar(ax: Axes, win: tuple[float, float, float, float], lang: str) -> None:
    xmin, ymin, xmax, ymax = win
    length = max((n for n in NICE_M if n <= (xmax - xmin) / 4), default=NICE_M[0])
    x0, y0 = xmin + (xmax - xmin) * 0.04, ymin + (ymax - ymin) * 0.06
    ax.plot([x0, x0 + length], [y0, y0], color="black", linewidth=3, solid_capstyle="butt", zorder=8)
    label = t("brief_scale", lang, n=f"{length / 1000:g}") if length >= 1000 else t("brief_scale_m", lang, n=length)
    ax.text(x0 + length / 2, y0 + (ymax - ymin) * 0.02, label, ha="center", fontsize=8, fontfamily=FONT, zorder=8)


def _north_arrow(ax: Axes, lang: str) -> None:
    ax.annotate(
        t("brief_north", lang),
        xy=(0.95, 0.95),
        xytext=(0.95, 0.82),
        xycoords="axes fraction",
        ha="center",
        va="top",
        fontsize=10,
        fontweight="bold",
        fontfamily=FONT,
        arrowprops={"facecolor": "black", "width": 3, "headwidth": 10, "headlength": 9},
        zorder=8,
    )


def render(cat: Catalog, selected: Selection | None, lang: str, districts_path: Path) -> bytes:
    """The map as PNG bytes (1080 × 630 px)."""
    props = cat.feature(*selected) if selected else None
    geom = props.get("geometry") if props else None
    target = gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(METRIC).iloc[0] if geom is not None else None
    win = _window(cat, target)
    fig = Figure(figsize=SIZE_IN, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, fc="#e8eef2", ec="none", zorder=0))
    _draw_districts(ax, districts_path, lang, win)
    polygons = _draw_layers(ax, cat)
    if target is not None and props is not None:
        _highlight(ax, target, pick(props.get("name_zh"), props.get("name_en"), lang))
    else:  # the whole map: name the areas (parks, the zone) so the sketch reads without a legend
        for geom, row in polygons:
            if geom.area > box(*win).area * 0.03:  # big areas only: small ones' labels would overlap
                _label(ax, geom, pick(row.get("name_zh"), row.get("name_en"), lang), "#333333")
    ax.set_xlim(win[0], win[2])
    ax.set_ylim(win[1], win[3])
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, fill=False, ec="#777", lw=1, zorder=10))
    _scale_bar(ax, win, lang)
    _north_arrow(ax, lang)
    note: dict[str, Any] = {"fontsize": 7, "fontfamily": FONT, "transform": ax.transAxes, "zorder": 9}
    note_box = {"boxstyle": "round,pad=0.3", "fc": "#fff8e1", "ec": "#e0c36a", "lw": 0.8}
    ax.text(0.01, 0.98, t("brief_map_note", lang), va="top", bbox=note_box, **note)
    ax.text(0.99, 0.01, t("brief_attribution", lang), ha="right", va="bottom", color="#555", **note)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()
