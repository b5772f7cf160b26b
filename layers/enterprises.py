"""企业与机构: firms and institutes the article names, with their link in the smart-industry chain."""

from layers.base import LayerSpec, Style

SPEC = LayerSpec(
    id="enterprises",
    label_zh="企业与机构",
    label_en="Enterprises & institutes",
    geometry="point",
    source="enterprises.geojson",
    required_fields=("name_zh", "name_en", "kind", "chain_link", "basis", "confidence"),
    kinds={
        "enterprise": Style(color="#ffffff", fill_color="#1f77b4", weight=2, fill_opacity=0.95, radius=8),
        "institute": Style(color="#ffffff", fill_color="#2ca02c", weight=2, fill_opacity=0.95, radius=8),
    },
    legend_zh={"enterprise": "大数据龙头企业", "institute": "研究机构"},
    legend_en={"enterprise": "Big-data leading firm", "institute": "Research institute"},
    z_order=70,
)

# The smart-industry chain as the article describes it (FACTS.md §3), in order.
CHAIN = ("传感器", "北斗导航", "超算中心", "大数据应用", "信息安全")
CHAIN_EN = ("Sensors", "BeiDou navigation", "Supercomputing", "Big-data applications", "Information security")
