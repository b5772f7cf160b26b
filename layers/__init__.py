"""The layer registry: every layer the dashboard can draw, listed explicitly, in draw order."""

from layers import enterprises, parks, projects, radiation, sites, supercomputing
from layers.base import LayerSpec

REGISTRY: dict[str, LayerSpec] = {
    spec.id: spec
    for spec in sorted(
        (parks.SPEC, radiation.SPEC, sites.SPEC, supercomputing.SPEC, enterprises.SPEC, projects.SPEC),
        key=lambda s: s.z_order,
    )
}
