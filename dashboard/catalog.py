"""Everything this deployment shows, loaded and validated: layers, the derived radiation zone,
facts, the programme (targets, chain); the search box's choices. No streamlit here: app.py caches
`load_catalog` by file modification time. Side panels: dashboard/panels.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from dashboard import catalog_checks as checks
from dashboard import districts, facts_read, memo
from dashboard import facts as factmod
from dashboard import programme as progmod
from dashboard.config import Config
from dashboard.geodata import LayerData, empty_gdf, read_layer
from dashboard.problems import Problem
from dashboard.selection import Selection
from dashboard.text import Text, pick
from dashboard.zone import Zone, area_zone
from layers import REGISTRY
from layers.base import LayerSpec

ZONE_ID = "zone-radiation"
ZONE_BASIS = Text(
    "由园区示意轮廓按面积推算(非规划边界)", "computed from the park's approximate outline (not a planned boundary)"
)


ROWS: memo.ByIdentity[dict] = memo.ByIdentity(keep=64)  # per frame: id → row (every rerun looks features up)


def _first_rows(gdf) -> dict:
    """Each id's first row position (a comparison over the whole id column costs more per look-up)."""
    rows: dict = {}
    for i, fid in enumerate(gdf["id"].tolist()):
        rows.setdefault(fid, i)
    return rows


@dataclass
class Catalog:
    layers: dict[str, LayerData]  # enabled layers, in config order
    facts: factmod.FactBook
    zone: Zone | None = None
    problems: list[Problem] = field(default_factory=list)
    programme: progmod.Programme = progmod.Programme()

    def with_layer(self, data: LayerData) -> Catalog:
        """This catalog with one more layer (or one replaced): a new Catalog, the cached one is
        not touched. How a layer made at run time (the war map's projects) joins the others."""
        return dataclasses.replace(self, layers={**self.layers, data.spec.id: data})

    def feature(self, layer: str, fid: str) -> dict | None:
        data = self.layers.get(layer)
        if data is None or data.gdf.empty:
            return None
        row = ROWS.get((data.gdf,), "ids", lambda: _first_rows(data.gdf)).get(fid)
        return None if row is None else data.gdf.iloc[row].to_dict()

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
    files = [
        cfg.path_of("geo_dir") / source
        for i in cfg["layers"]["enabled"]
        if i in REGISTRY and (source := REGISTRY[i].source)
    ]
    return files + [cfg.path_of("facts"), cfg.path_of("programme"), cfg.path_of("geo_dir") / districts.FILE]


def _zone_layer(cfg: Config, parks: LayerData | None) -> tuple[LayerData, Zone | None, list[Problem]]:
    spec = REGISTRY["radiation"]
    rcfg = cfg["radiation"]
    if parks is None or parks.gdf.empty or rcfg["park_id"] not in set(parks.gdf["id"]):
        return (
            LayerData(spec, empty_gdf()),
            None,
            [
                Problem(
                    "config.toml",
                    Text(
                        f"辐射区:园区 {rcfg['park_id']!r} 不在园区图层中,无法绘制辐射区",
                        f"radiation zone: park {rcfg['park_id']!r} is not in the parks layer, so the zone cannot be drawn",
                    ),
                    field="radiation.park_id",
                )
            ],
        )
    park = parks.gdf[parks.gdf["id"] == rcfg["park_id"]].iloc[0]
    try:
        zone = area_zone(park.geometry, rcfg["area_km2"], rcfg["anchor"])
    except ValueError as err:
        return (
            LayerData(spec, empty_gdf()),
            None,
            [Problem("config.toml", Text(f"辐射区:{err}", f"radiation zone: {err}"), field="radiation.area_km2")],
        )
    gdf = gpd.GeoDataFrame(
        [
            {
                "id": ZONE_ID,
                "kind": "zone",
                "name_zh": f"{park['name_zh']}辐射区({rcfg['area_km2']:g} km²)",
                "name_en": f"Radiation zone of {park.get('name_en') or park['name_zh']} ({rcfg['area_km2']:g} km²)",
                "confidence": "approximate",
                "basis": ZONE_BASIS.zh,
                "basis_en": ZONE_BASIS.en,
                "park_id": rcfg["park_id"],
            }
        ],
        geometry=[zone.geometry],
        crs="EPSG:4326",
    )
    return LayerData(spec, gdf), zone, []


def load_catalog(cfg: Config, read: Callable[[LayerSpec, Path, object], LayerData] = read_layer) -> Catalog:
    """`read`: how a layer is read (the file by default; dashboard/store/page.py reads the store)."""
    bbox = cfg["data"]["bbox"]
    geo_dir, facts_path = cfg.path_of("geo_dir"), cfg.path_of("facts")
    problems: list[Problem] = []
    layers: dict[str, LayerData] = {}
    for lid in cfg["layers"]["enabled"]:
        spec = REGISTRY.get(lid)
        if spec is None:
            problems.append(
                Problem(
                    "config.toml",
                    Text(
                        f"未知图层 {lid!r};可用:{'、'.join(REGISTRY)}",
                        f"unknown layer {lid!r}; known: {', '.join(REGISTRY)}",
                    ),
                    field="layers.enabled",
                )
            )
        elif spec.source:
            layers[lid] = read(spec, geo_dir / spec.source, bbox)
            problems += layers[lid].problems
    zone = None
    if "radiation" in cfg["layers"]["enabled"]:
        layers["radiation"], zone, zone_problems = _zone_layer(cfg, layers.get("parks"))
        problems += zone_problems
    problems += checks.shared_ids(layers)
    try:
        book = facts_read.load(facts_path)
    except factmod.FactsError as err:
        book = factmod.FactBook({}, {})
        problems.append(Problem(facts_path.name, Text(f"无法读取,不显示任何说明:{err}", f"{err}; no facts are shown")))
    problems += list(book.problems) + checks.orphan_facts(book, layers, facts_path.name)
    prog = _programme(cfg.path_of("programme"), problems)
    problems += checks.unknown_chain_links(layers, prog)
    problems += list(districts.read(cfg.path_of("geo_dir") / districts.FILE).problems)  # the offline basemap's
    order = [i for i in cfg["layers"]["enabled"] if i in layers]  # the sidebar follows config order
    return Catalog({i: layers[i] for i in order}, book, zone, problems, prog)


def _programme(path: Path, problems: list[Problem]) -> progmod.Programme:
    """The targets and chain; a bad file is reported and the page shows neither."""
    try:
        return progmod.load(path)
    except progmod.ProgrammeError as err:
        problems.append(Problem(path.name, str(err)))
        return progmod.Programme()


LISTED = 100  # the search box lists at most this many: its options are re-sent on every rerun


def options(cat: Catalog, lang: str) -> list[tuple[Selection, str]]:
    """(selection, label) of every selectable feature, in layer order."""
    return find(cat, lang, limit=None)[0]


def find(
    cat: Catalog, lang: str, query: str = "", limit: int | None = LISTED
) -> tuple[list[tuple[Selection, str]], int]:
    """Up to `limit` (selection, label) of the selectable features whose name (zh or en) or id holds
    `query` (any case), in layer order, and how many match in all. Only the listed rows are
    labelled, so a rerun's cost does not grow with the features."""
    out: list[tuple[Selection, str]] = []
    total = 0
    needle = query.strip().casefold()
    for lid, data in cat.layers.items():
        if not data.spec.selectable or data.gdf.empty:
            continue
        rows = data.gdf[_matches(data.gdf, needle)] if needle else data.gdf
        total += len(rows)
        room = len(rows) if limit is None else max(0, limit - len(out))
        for row in rows.head(room).itertuples(index=False):
            out.append((Selection(lid, row.id), _label(data.spec, row, lang)))
    return out, total


def label(cat: Catalog, sel: Selection, lang: str) -> str:
    """The search box's label of one feature ("name · layer"); the id when it is gone."""
    data = cat.layers.get(sel.layer)
    hit = data.gdf[data.gdf["id"] == sel.fid] if data is not None and not data.gdf.empty else None
    if data is None or hit is None or hit.empty:
        return sel.fid
    return _label(data.spec, next(hit.itertuples(index=False)), lang)


def _label(spec: LayerSpec, row, lang: str) -> str:
    return f"{pick(getattr(row, 'name_zh', ''), getattr(row, 'name_en', ''), lang)} · {spec.label.get(lang)}"


def _matches(gdf: gpd.GeoDataFrame, needle: str):
    hit = None
    for col in ("name_zh", "name_en", "id"):
        if col in gdf:
            found = gdf[col].astype(str).str.casefold().str.contains(needle, regex=False)
            hit = found if hit is None else hit | found
    return hit if hit is not None else gdf["id"] != gdf["id"]


# the article's words the zone rests on, and where they are from (for the zone's download)
ZONE_SOURCE = Text(
    "郑州高新区报道 2019-03:“辐射周边两平方公里”",
    "Zhengzhou High-tech Zone news, 2019-03: “radiating a surrounding 2 km²” (辐射周边两平方公里)",
)


def zone_geojson(cat: Catalog, lang: str = "zh") -> str:
    """The radiation zone as a GeoJSON file for planners' GIS (WGS-84, with how it was made);
    its name in both languages, its basis and source in `lang`."""
    z = cat.zone
    if z is None:
        raise ValueError("no radiation zone in this catalog")
    names = cat.feature("radiation", ZONE_ID) or {}
    props = {
        "name_zh": names.get("name_zh") or "辐射区",
        "name_en": names.get("name_en") or "Radiation zone",
        "area_km2_target": z.target_km2,
        "area_km2_geodesic": round(z.area_km2, 4),
        "method": z.method,
        "distance_m": round(z.distance_m, 1),
        "basis": ZONE_BASIS.get(lang),
        "source": ZONE_SOURCE.get(lang),
    }
    return gpd.GeoDataFrame([props], geometry=[z.geometry], crs="EPSG:4326").to_json(ensure_ascii=False)
