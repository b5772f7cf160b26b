"""Everything this deployment shows, loaded and validated: layers, the derived radiation zone,
facts. Plus the selection logic (which feature a click or the search box picked) and the
side panel for it. No streamlit here: app.py caches `load_catalog` by file modification time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from dashboard import facts as factmod
from dashboard import warmap
from dashboard.config import Config
from dashboard.geodata import LayerData, Problem, empty_gdf, read_layer
from dashboard.strings import pick, t
from dashboard.zone import Zone, area_zone
from layers import REGISTRY
from layers.enterprises import CHAIN, CHAIN_EN

ZONE_ID = "zone-radiation"


@dataclass
class Catalog:
    layers: dict[str, LayerData]              # enabled layers, in config order
    facts: factmod.FactBook
    zone: Zone | None = None
    problems: list[Problem] = field(default_factory=list)

    def feature(self, layer: str, fid: str) -> dict | None:
        data = self.layers.get(layer)
        if data is None or data.gdf.empty:
            return None
        hit = data.gdf[data.gdf["id"] == fid]
        return None if hit.empty else hit.iloc[0].to_dict()

    def position(self, layer: str, fid: str) -> tuple[float, float] | None:
        """(lat, lon) to pan to for a feature; None if it has no geometry (a table-only project)."""
        props = self.feature(layer, fid)
        geom = props.get("geometry") if props else None
        if geom is None or geom.is_empty:
            return None
        c = geom.centroid
        return c.y, c.x


def source_files(cfg: Config) -> list[Path]:
    """The files the catalog reads: their modification times are the cache key."""
    files = [cfg.path_of("geo_dir") / REGISTRY[i].source for i in cfg["layers"]["enabled"]
             if i in REGISTRY and REGISTRY[i].source]
    return files + [cfg.path_of("facts")]


def _zone_layer(cfg: Config, parks: LayerData | None) -> tuple[LayerData, Zone | None, list[Problem]]:
    spec = REGISTRY["radiation"]
    rcfg = cfg["radiation"]
    if parks is None or parks.gdf.empty or rcfg["park_id"] not in set(parks.gdf["id"]):
        return LayerData(spec, empty_gdf()), None, [Problem(
            "config.toml", f"radiation zone: park {rcfg['park_id']!r} is not in the parks layer, so "
                           "the zone cannot be drawn", field="radiation.park_id")]
    park = parks.gdf[parks.gdf["id"] == rcfg["park_id"]].iloc[0]
    try:
        zone = area_zone(park.geometry, rcfg["area_km2"], rcfg["anchor"])
    except ValueError as err:
        return LayerData(spec, empty_gdf()), None, [Problem("config.toml", f"radiation zone: {err}",
                                                            field="radiation.area_km2")]
    basis = "由园区示意轮廓按面积推算(非规划边界)"
    basis_en = "computed from the park's approximate outline (not a planned boundary)"
    gdf = gpd.GeoDataFrame([{
        "id": ZONE_ID, "kind": "zone",
        "name_zh": f"{park['name_zh']}辐射区({rcfg['area_km2']:g} km²)",
        "name_en": f"Radiation zone of {park.get('name_en') or park['name_zh']} ({rcfg['area_km2']:g} km²)",
        "confidence": "approximate", "basis": basis, "basis_en": basis_en, "park_id": rcfg["park_id"],
    }], geometry=[zone.geometry], crs="EPSG:4326")
    return LayerData(spec, gdf), zone, []


def load_catalog(cfg: Config) -> Catalog:
    bbox = cfg["data"]["bbox"]
    geo_dir, facts_path = cfg.path_of("geo_dir"), cfg.path_of("facts")
    problems: list[Problem] = []
    layers: dict[str, LayerData] = {}
    for lid in cfg["layers"]["enabled"]:
        spec = REGISTRY.get(lid)
        if spec is None:
            problems.append(Problem("config.toml", f"unknown layer {lid!r}; known: {', '.join(REGISTRY)}",
                                    field="layers.enabled"))
        elif spec.source:
            layers[lid] = read_layer(spec, geo_dir / spec.source, bbox)
            problems += layers[lid].problems
    zone = None
    if "radiation" in cfg["layers"]["enabled"]:
        layers["radiation"], zone, zone_problems = _zone_layer(cfg, layers.get("parks"))
        problems += zone_problems
    try:
        book = factmod.load(facts_path)
    except factmod.FactsError as err:
        book = factmod.FactBook({}, {})
        problems.append(Problem(facts_path.name, str(err)))
    order = [i for i in cfg["layers"]["enabled"] if i in layers]  # the sidebar follows config order
    return Catalog({i: layers[i] for i in order}, book, zone, problems)


def options(cat: Catalog, lang: str) -> list[tuple[str, str, str]]:
    """(layer id, feature id, label) for the search box, in layer order."""
    out = []
    for lid, data in cat.layers.items():
        if not data.spec.selectable:
            continue
        for row in data.gdf.itertuples(index=False):
            name = pick(getattr(row, "name_zh", ""), getattr(row, "name_en", ""), lang)
            out.append((lid, row.id, f"{name} · {data.spec.label(lang)}"))
    return out


def picked(returned: dict | None) -> tuple[str, str] | None:
    """The (layer, id) of the feature a map click picked, from st_folium's return value.

    The component puts the clicked layer's `toGeoJSON()` in `last_active_drawing`; our
    features carry `layer` and `id` properties (written by dashboard.mapview).
    """
    drawing = (returned or {}).get("last_active_drawing") or {}
    props = drawing.get("properties") or {}
    layer, fid = props.get("layer"), props.get("id")
    if isinstance(layer, str) and isinstance(fid, str) and layer in REGISTRY:
        return layer, fid
    return None


def _zone_rows(cat: Catalog, lang: str) -> list[tuple[str, str]]:
    z = cat.zone
    if z is None:
        return []
    method = t(f"zone_method_{z.method}", lang, distance_m=z.distance_m)
    return [(t("zone_area", lang), f"{z.target_km2:g} km²"),
            (t("zone_method", lang), method),
            (t("zone_check", lang), t("zone_geodesic", lang, area_km2=z.area_km2)),
            (t("zone_inside", lang), inside_zone(cat, lang) or t("zone_inside_none", lang)),
            (t("zone_note", lang), t("zone_not_radius", lang, a=z.target_km2, circle=math.pi * z.target_km2 ** 2))]


def zone_geojson(cat: Catalog) -> str:
    """The radiation zone as a GeoJSON file for planners' GIS (WGS-84, with how it was made)."""
    z = cat.zone
    props = {"name_zh": "辐射区", "area_km2_target": z.target_km2, "area_km2_geodesic": round(z.area_km2, 4),
             "method": z.method, "distance_m": round(z.distance_m, 1),
             "basis": "computed from the park's approximate outline; not a planned boundary",
             "source": "郑州高新区报道 2019-03: 辐射周边两平方公里"}
    return gpd.GeoDataFrame([props], geometry=[z.geometry], crs="EPSG:4326").to_json(ensure_ascii=False)


def inside_zone(cat: Catalog, lang: str) -> str:
    """What a planner asks first: which features lie in or overlap the zone (all layers, names)."""
    if cat.zone is None:
        return ""
    parts = []
    for lid, data in cat.layers.items():
        if lid == "radiation" or data.gdf.empty:
            continue
        located = data.gdf[data.gdf.geometry.notna()]
        hits = located[located.intersects(cat.zone.geometry)]
        if len(hits):
            names = ("、" if lang == "zh" else ", ").join(
                pick(r.get("name_zh"), r.get("name_en"), lang) for r in hits.to_dict("records"))
            parts.append(f"{data.spec.label(lang)}({len(hits)}):{names}" if lang == "zh"
                         else f"{data.spec.label(lang)} ({len(hits)}): {names}")
    return ";".join(parts) if lang == "zh" else "; ".join(parts)


def _chain_rows(props: dict, lang: str) -> list[tuple[str, str]]:
    link = props.get("chain_link")
    if not link:
        return []
    chain = CHAIN_EN if lang == "en" else CHAIN
    pos = CHAIN.index(link) if link in CHAIN else -1
    shown = " → ".join(f"[{c}]" if i == pos else c for i, c in enumerate(chain))
    return [(t("chain_link", lang), shown + t("chain_note", lang))]


def panel(cat: Catalog, layer: str, fid: str, lang: str) -> str | None:
    props = cat.feature(layer, fid)
    if props is None:
        return None
    if layer == warmap.LAYER:
        return warmap.project_panel(props, lang)
    spec = cat.layers[layer].spec
    facts = cat.facts.for_feature(fid)
    rows = _chain_rows(props, lang)
    if layer == "radiation":
        rows += _zone_rows(cat, lang)
    return factmod.render_panel(props, spec.label(lang), facts, lang, rows)
