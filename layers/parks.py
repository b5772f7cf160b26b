"""园区 parks: the zone's parks the article names (it speaks of four but names three)."""

from layers.base import Kind, LayerSpec, Style
from layers.text import Text

SPEC = LayerSpec(
    id="parks",
    label=Text("园区", "Parks"),
    geometry="polygon",
    source="parks.geojson",
    required_fields=("name_zh", "name_en", "kind", "basis", "confidence"),
    kinds={
        "park": Kind(Style(color="#1b7f6b", fill_color="#2bb39a", weight=2.5, fill_opacity=0.18),
                     Text("园区(示意范围)", "Park (approx. extent)")),
        "industrial_park": Kind(Style(color="#0b5cad", fill_color="#3d8ee0", weight=3.0, fill_opacity=0.28),
                                Text("产业园(示意范围)", "Industrial park (approx. extent)")),
    },
    z_order=10,
)
