"""招商载体 (sites for investors): area in m² and 亩, the words for use / status / land stage, the
sidebar filters, the side panel's rows and the 演示数据 (demo) marking. No streamlit here."""

from __future__ import annotations

from html import escape

import geopandas as gpd
import pandas as pd
from pyproj import Geod

from dashboard.strings import t
from dashboard.text import pick

LAYER = "sites"
SQM_PER_MU = 10000 / 15  # 1 亩 = 666.67 m² (市制)
_GEOD = Geod(ellps="WGS84")
# values as a Chinese planning office writes them → their words in strings.py (other values show as given)
USES = {"工业": "industrial", "研发": "rnd", "商务": "business", "商业": "commercial", "仓储": "storage"}
STATUSES = {"可供": "available", "洽谈中": "negotiating", "已落地": "landed"}
STAGES = {"批": "approve", "征": "expropriate", "供": "supply", "用": "use"}
TRUE_WORDS = {"true", "1", "yes", "是", "公开"}


def flag(value: object) -> bool:
    """A yes/no property as files write it (true, 1, 是, 公开 …); missing, NaN or anything else: no."""
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, float) and value != value):
        return False
    return str(value).strip().lower() in TRUE_WORDS


def area_m2(props: dict) -> float | None:
    """The stated `area_m2`, else the geodesic area of a polygon; None for a point without one."""
    stated = pd.to_numeric(pd.Series([props.get("area_m2")]), errors="coerce").iloc[0]
    if pd.notna(stated) and stated > 0:
        return float(stated)
    geom = props.get("geometry")
    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return abs(_GEOD.geometry_area_perimeter(geom)[0])


def areas(gdf: gpd.GeoDataFrame) -> pd.Series:
    return pd.Series([area_m2(r) for r in gdf.to_dict("records")], index=gdf.index, dtype="float64")


def word(table: dict[str, str], prefix: str, value: object, lang: str) -> str:
    """A coded value in the page's language; an unknown one as the file gives it."""
    text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    code = table.get(text)
    return t(f"{prefix}_{code}", lang) if code else text


def choices(gdf: gpd.GeoDataFrame, column: str) -> list[str]:
    if gdf.empty or column not in gdf.columns:
        return []
    return sorted({str(v) for v in gdf[column].dropna() if str(v).strip()})


def filter_sites(
    gdf: gpd.GeoDataFrame, area: tuple[float, float] | None = None, uses=(), statuses=()
) -> gpd.GeoDataFrame:
    """The rows within the area range (m²; a row of unknown area is left out once a range is set)
    whose use and status are among those chosen (none chosen: all)."""
    keep = pd.Series(True, index=gdf.index)
    if area is not None:
        a = areas(gdf)
        keep &= a.between(*area).fillna(False)
    if uses:
        keep &= gdf["use"].astype(str).isin(uses) if "use" in gdf.columns else False
    if statuses:
        keep &= gdf["status"].astype(str).isin(statuses) if "status" in gdf.columns else False
    return gdf[keep]


def export_table(gdf: gpd.GeoDataFrame, lang: str) -> pd.DataFrame:
    """The sites as a file for Excel and a GIS: numbers as numbers (m², 亩), words in `lang`, the
    演示数据 / demo column (issue 9) and 经度/纬度 (WGS-84) of a point surely on the site."""
    rows = []
    for props in gdf.to_dict("records"):
        a = area_m2(props)
        geom = props.get("geometry")
        at = None if geom is None or geom.is_empty else geom.representative_point()
        rows.append(
            [
                _text(props.get("id")),
                pick(props.get("name_zh"), props.get("name_en"), lang),
                round(a, 1) if a else None,
                round(a / SQM_PER_MU, 2) if a else None,
                word(USES, "site_use", props.get("use"), lang),
                word(STATUSES, "site_status", props.get("status"), lang),
                word(STAGES, "site_stage", props.get("land_stage"), lang),
                t("demo", lang) if flag(props.get("demo")) else "",
                round(at.x, 6) if at else None,
                round(at.y, 6) if at else None,
            ]
        )
    keys = ("site_id", "site_name", "site_filter_area", "site_area_mu", "site_use", "site_status", "site_stage")
    header = [t(k, lang) for k in keys] + [t("demo", lang), t("col_lon", lang), t("col_lat", lang)]
    return pd.DataFrame(rows, columns=header)


def demo_badge(lang: str) -> str:
    return f'<span class="demo-badge" style="{BADGE_STYLE}">{escape(t("demo", lang))}</span>'


BADGE_STYLE = (
    "display:inline-block;font-size:max(12px,.8em);padding:0 4px;border-radius:3px;background:#fde2e1;"
    "color:#8a1c14;border:1px solid #e8a29c;font-weight:600"
)


def panel_rows(props: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value) rows of a site's panel, in the page's language (escaped by the panel).
    Price and contact only when the catalog holds them (a visitor's holds them only for a public site)."""
    tbc = t("tbc", lang)
    a = area_m2(props)
    rows = [
        (t("site_area", lang), t("site_area_value", lang, m2=a, mu=a / SQM_PER_MU) if a else tbc),
        (t("site_use", lang), word(USES, "site_use", props.get("use"), lang) or tbc),
        (t("site_status", lang), word(STATUSES, "site_status", props.get("status"), lang) or tbc),
        (t("site_stage", lang), word(STAGES, "site_stage", props.get("land_stage"), lang) or tbc),
        (t("site_floors", lang), _text(props.get("floors")) or tbc),
    ]
    for key in ("price_range", "contact_unit"):
        value = _text(props.get(key))
        if value:
            rows.append((t(f"site_{key}", lang), value))
    return rows


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def demo_legend(datas, lang: str) -> str:
    """The map legend's line for demo rows, when a layer (LayerData) holds any (the 招商载体 sample)."""
    if not any(d.meta.get("demo") or is_demo(d.gdf) for d in datas):  # meta: set when a filter hid them
        return ""
    return f'<div class="legend-demo">{demo_badge(lang)} {escape(t("legend_demo", lang))}</div>'


def is_demo(gdf: gpd.GeoDataFrame) -> bool:
    """Does the layer hold any demo row (the legend then says so)?"""
    return "demo" in gdf.columns and any(flag(v) for v in gdf["demo"])
