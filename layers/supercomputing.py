"""超算中心候选址: the 2019 candidate site of the National Supercomputing Centre (Zhengzhou)
— China Unicom's Central Plains data base, its Buildings 7 and 11 — and where it was built."""

from layers.base import Kind, LayerSpec, Style
from layers.text import Text

SPEC = LayerSpec(
    id="supercomputing",
    label=Text("超算中心候选址", "Supercomputing candidate sites"),
    geometry="mixed",
    source="supercomputing.geojson",
    required_fields=("name_zh", "name_en", "kind", "basis", "confidence"),
    kinds={
        "campus": Kind(
            Style(color="#6a3d9a", fill_color="#9e7cc1", weight=2.5, fill_opacity=0.15, dash="6 4"),
            Text("联通中原数据基地(示意)", "China Unicom data base (approx.)"),
        ),
        "candidate_building": Kind(
            Style(color="#ffffff", fill_color="#d62728", weight=2.5, fill_opacity=0.95, radius=10),
            Text("超算中心拟选址楼宇", "Candidate building"),
        ),
        "built_site": Kind(
            Style(color="#ffffff", fill_color="#6a3d9a", weight=2.5, fill_opacity=0.95, radius=9),
            Text(
                "超算中心实际建成地(郑州大学;非原文,据郑州大学公开报道)",
                "Where the centre was built (Zhengzhou Univ.; not in the article: Zhengzhou University news)",
            ),
        ),
    },
    z_order=60,
)
