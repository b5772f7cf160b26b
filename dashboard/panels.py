"""Side panels: which HTML a selected feature gets, chosen by its layer's `panel` (LayerSpec).

    PANELS = {"facts": ..., "zone": ..., "project": ..., "site": ...}

A layer with a panel of its own names it in its spec (`panel="mine"`, a name added to
layers.base.PANELS) and adds one line here. Every renderer takes (catalog, feature properties,
spec, lang) and returns escaped HTML. No streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from dashboard import facts, sites, warmap
from dashboard.catalog import Catalog
from dashboard.strings import t
from dashboard.text import pick
from layers.base import LayerSpec

Renderer = Callable[[Catalog, dict, LayerSpec, str], str]


def facts_panel(cat: Catalog, props: dict, spec: LayerSpec, lang: str, extra=()) -> str:
    """Names, layer, the approximate-position note, the chain link of a firm, the facts."""
    rows = _chain_rows(cat, props, lang) + list(extra)
    return facts.render_panel(props, spec.label.get(lang), cat.facts.for_feature(props["id"]), lang, rows)


def zone_panel(cat: Catalog, props: dict, spec: LayerSpec, lang: str) -> str:
    """The facts panel plus the zone's area, method, geodesic check and what lies inside."""
    return facts_panel(cat, props, spec, lang, _zone_rows(cat, lang))


def project_panel(cat: Catalog, props: dict, spec: LayerSpec, lang: str) -> str:
    return warmap.project_panel(props, lang)


def site_panel(cat: Catalog, props: dict, spec: LayerSpec, lang: str) -> str:
    """A site for investors: area (m², 亩), use, status, land stage, floors (+ price and contact
    where the catalog holds them); a demo row says so above everything else."""
    panel = facts_panel(cat, props, spec, lang, sites.panel_rows(props, lang))
    if not sites.flag(props.get("demo")):
        return panel
    note = f'<div class="demo-note">{sites.demo_badge(lang)} {escape(t("demo_note", lang))}</div>'
    return note + panel


PANELS: dict[str, Renderer] = {
    "facts": facts_panel,
    "zone": zone_panel,
    "project": project_panel,
    "site": site_panel,
}


def render(cat: Catalog, layer: str, fid: str, lang: str) -> str | None:
    """The side panel of one feature; None if the catalog has no such feature."""
    props = cat.feature(layer, fid)
    if props is None:
        return None
    spec = cat.layers[layer].spec
    return PANELS[spec.panel](cat, props, spec, lang)


def extra_rows(cat: Catalog, props: dict, spec: LayerSpec, lang: str) -> list[tuple[str, str]]:
    """The (label, value) rows a feature's panel shows above its facts (a firm's chain link, the
    zone's area and check, a site's area, use, status …), as plain text: for the investor brief (dashboard/brief/)."""
    own = (
        _zone_rows(cat, lang) if spec.panel == "zone" else sites.panel_rows(props, lang) if spec.panel == "site" else []
    )
    return _chain_rows(cat, props, lang) + own


def _chain_rows(cat: Catalog, props: dict, lang: str) -> list[tuple[str, str]]:
    link = props.get("chain_link")
    if not link or not cat.programme.chain:
        return []
    pos = cat.programme.chain_position(link)
    shown = " → ".join(f"[{c.get(lang)}]" if i == pos else c.get(lang) for i, c in enumerate(cat.programme.chain))
    return [(t("chain_link", lang), shown + t("chain_note", lang))]


def _zone_rows(cat: Catalog, lang: str) -> list[tuple[str, str]]:
    z = cat.zone
    if z is None:
        return []
    method = t(f"zone_method_{z.method}", lang, distance_m=z.distance_m)
    return [
        (t("zone_area", lang), f"{z.target_km2:g} km²"),
        (t("zone_method", lang), method),
        (t("zone_check", lang), t("zone_geodesic", lang, area_km2=z.area_km2)),
        (t("zone_inside", lang), inside_zone(cat, lang) or t("zone_inside_none", lang)),
        (t("zone_note", lang), t("zone_not_radius", lang, a=z.target_km2, circle=math.pi * z.target_km2**2)),
    ]


def inside_zone(cat: Catalog, lang: str) -> str:
    """What a planner asks first: which features lie in or overlap the zone (all layers, names)."""
    if cat.zone is None:
        return ""
    parts = []
    for _lid, data in cat.layers.items():
        if data.spec.panel == "zone" or data.gdf.empty:
            continue
        located = data.gdf[data.gdf.geometry.notna()]
        hits = located[located.intersects(cat.zone.geometry)]
        if len(hits):
            names = t("list_sep", lang).join(
                pick(r.get("name_zh"), r.get("name_en"), lang) for r in hits.to_dict("records")
            )
            parts.append(t("zone_inside_layer", lang, layer=data.spec.label.get(lang), n=len(hits), names=names))
    return t("list_sep_outer", lang).join(parts)
