"""辐射区: the 2 km² industry–city integration zone around the Tianjian Lake big-data park.

Derived, never stored: its geometry is computed from the parks layer when data loads
(see dashboard/zone.py), so it always follows the park outline and the configured area.
"""

from layers.base import LayerSpec, Style
from layers.text import Text

SPEC = LayerSpec(
    id="radiation",
    label=Text("辐射区", "Radiation zone"),
    geometry="polygon",
    source=None,
    required_fields=(),
    style=Style(color="#e6550d", fill_color="#fd8d3c", weight=2.5, fill_opacity=0.12, dash="8 6"),
    z_order=5,
    panel="zone",  # area, method, geodesic check, what lies inside
)
