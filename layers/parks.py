"""园区 parks: the zone's parks the article names, and the big-data industrial park.

The article speaks of four parks (四园区) but names only two, 沟赵园区 and 双桥园区; the other two
are not invented. 郑州天健湖大数据产业园 is an industrial park developed and run by two companies,
which the article does not count among the four."""

from layers.base import Kind, LayerSpec, Style
from layers.text import Text

SPEC = LayerSpec(
    id="parks",
    label=Text("园区", "Parks"),
    geometry="polygon",
    source="parks.geojson",
    required_fields=("name_zh", "name_en", "kind", "basis", "confidence"),
    kinds={
        "park": Kind(
            Style(color="#1b7f6b", fill_color="#2bb39a", weight=2.5, fill_opacity=0.18),
            Text("园区(示意范围)", "Park (approx. extent)"),
        ),
        "industrial_park": Kind(
            Style(color="#0b5cad", fill_color="#3d8ee0", weight=3.0, fill_opacity=0.28),
            Text("产业园(示意范围)", "Industrial park (approx. extent)"),
        ),
    },
    z_order=10,
)
