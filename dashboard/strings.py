"""Every UI string of the dashboard, Chinese first, English beside it.

Layer and feature names live with their data (layer specs, GeoJSON properties);
everything else a user reads on the page is here, so a translator edits one file.
"""

from __future__ import annotations

LANGS = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "郑州高新区 · 资产一张图", "en": "Zhengzhou High-tech Zone · Assets Map"},
    "app_caption": {
        "zh": "园区、超算中心候选址、大数据产业园辐射区与重点项目。点位与轮廓为示意,来源见右侧。",
        "en": "Parks, supercomputing candidate sites, the big-data park's radiation zone and key "
              "projects. Positions and outlines are approximate; sources on the right.",
    },
    "language": {"zh": "语言 / Language", "en": "语言 / Language"},
    "layers": {"zh": "图层", "en": "Layers"},
    "legend": {"zh": "图例", "en": "Legend"},
    "approx": {"zh": "示意", "en": "approx."},
    "approx_note": {
        "zh": "示意:位置/轮廓为近似,依据:{basis}(可信度:{confidence})",
        "en": "Approximate position/outline. Basis: {basis} (confidence: {confidence})",
    },
    "select_feature": {"zh": "查找要素(也可在地图上点击)", "en": "Find a feature (or click it on the map)"},
    "select_none": {"zh": "— 未选择 —", "en": "— none —"},
    "panel_title": {"zh": "要素信息", "en": "Feature facts"},
    "panel_empty": {
        "zh": "在地图上点击一个园区、楼宇或企业,或在上方查找框中选择,即可查看其信息与来源。",
        "en": "Click a park, building or firm on the map, or pick one in the search box above, "
              "to see its facts and their sources.",
    },
    "source": {"zh": "来源", "en": "Source"},
    "date": {"zh": "日期", "en": "Date"},
    "tbc": {"zh": "待核实", "en": "to be confirmed"},
    "target": {"zh": "目标", "en": "Target"},
    "known": {"zh": "现状", "en": "Known"},
    "kind_reported": {"zh": "报道", "en": "Reported"},
    "kind_target": {"zh": "目标", "en": "Target"},
    "kind_outcome": {"zh": "后续结果", "en": "Outcome"},
    "kind_tbc": {"zh": "待核实", "en": "To be confirmed"},
    "kind_note": {"zh": "说明", "en": "Note"},
    "layer_label": {"zh": "所属图层", "en": "Layer"},
    "position": {"zh": "位置", "en": "Position"},
    "zone_area": {"zh": "辐射区面积", "en": "Radiation zone area"},
    "zone_method_point": {
        "zh": "以点为中心的圆,半径 {distance_m:.0f} 米(√(A/π))",
        "en": "circle around a point, radius {distance_m:.0f} m (√(A/π))",
    },
    "zone_method_footprint": {
        "zh": "园区轮廓外扩 {distance_m:.0f} 米,使总面积恰为设定值",
        "en": "park outline buffered by {distance_m:.0f} m so the total area equals the set value",
    },
    "zone_geodesic": {"zh": "椭球面积校核:{area_km2:.3f} km²", "en": "Geodesic check: {area_km2:.3f} km²"},
    "zone_not_radius": {
        "zh": "注意:2 平方公里是面积而非半径;半径 2 公里的圆面积为 12.6 km²。",
        "en": "Note: 2 km² is an area, not a radius; a 2 km radius circle would be 12.6 km².",
    },
    "data_problems": {"zh": "数据问题({n} 条)", "en": "Data problems ({n})"},
    "data_problems_help": {
        "zh": "以下要素或文件未能绘制,其余图层照常显示:",
        "en": "These features or files could not be drawn; the other layers still show:",
    },
    "config_error": {"zh": "配置文件 config.toml 有误", "en": "config.toml is invalid"},
    "layer_empty": {"zh": "{layer}:无可显示的要素", "en": "{layer}: nothing to show"},
    "basemap": {"zh": "底图", "en": "Basemap"},
    "fact_sources": {"zh": "资料来源", "en": "Sources"},
}


def t(key: str, lang: str = "zh", **params: object) -> str:
    """The UI string `key` in `lang` (falls back to Chinese), formatted with `params`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["zh"]
    return text.format(**params) if params else text


def pick(zh: str | None, en: str | None, lang: str) -> str:
    """Choose between a Chinese and an English text from data, falling back to the other."""
    if lang == "en":
        return en or zh or ""
    return zh or en or ""
