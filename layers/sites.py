"""招商载体: parcels and buildings offered to investors — area (m² and 亩), use, status, land stage
(批/征/供/用), floors, price range and contact unit.

The article names no parcel: the sample file holds a few DEMO rows (`demo: true`), badged
演示数据 / demo wherever they appear; a real file replaces them through the data page or the
import CLI. Price range and contact unit are internal unless a feature is marked `public: true`
(dashboard/audience.py drops them from a visitor's view on the server).
"""

from layers.base import Kind, LayerSpec, Style
from layers.text import Text

SPEC = LayerSpec(
    id="sites",
    label=Text("招商载体", "Sites for investors"),
    geometry="mixed",  # parcels are polygons, buildings may be points or footprints
    source="sites.geojson",
    required_fields=("name_zh", "name_en", "kind", "use", "status", "basis", "confidence"),
    kinds={
        "parcel": Kind(
            Style(color="#8c510a", fill_color="#dfc27d", weight=2.0, fill_opacity=0.35),
            Text("招商地块", "Parcel for investors"),
        ),
        "building": Kind(
            Style(color="#ffffff", fill_color="#8c510a", weight=2.0, fill_opacity=0.95, radius=8),
            Text("招商楼宇", "Building for investors"),
        ),
    },
    z_order=40,
    panel="site",  # area, use, status, land stage, floors (price and contact for internal users)
    internal_fields=("price_range", "contact_unit"),
)
