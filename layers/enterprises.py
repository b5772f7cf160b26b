"""企业与机构: firms and institutes the article names, with their link in the smart-industry chain
(the chain itself is data: data/programme.toml)."""

from layers.base import Kind, LayerSpec, Style
from layers.text import Text

SPEC = LayerSpec(
    id="enterprises",
    label=Text("企业与机构", "Enterprises & institutes"),
    geometry="point",
    source="enterprises.geojson",
    required_fields=("name_zh", "name_en", "kind", "chain_link", "basis", "confidence"),
    kinds={
        "enterprise": Kind(
            Style(color="#ffffff", fill_color="#1f77b4", weight=2, fill_opacity=0.95, radius=8),
            Text("大数据龙头企业", "Big-data leading firm"),
        ),
        "institute": Kind(
            Style(color="#ffffff", fill_color="#2ca02c", weight=2, fill_opacity=0.95, radius=8),
            Text("研究机构", "Research institute"),
        ),
    },
    z_order=70,
)
