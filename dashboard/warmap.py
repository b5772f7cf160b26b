"""The weekly war map (作战图) from the project ledger: projects layer, KPI strip, table, panel.

Data flow: ledger file → `ledger.load_ledger` (validated rows, status computed for the ledger's
as-of date: today, or the date a historical ledger declares; app.py caches it by file mtime and
date) → `project_layer` (one feature per valid row, a point where the project is located, no
geometry where it is not) → `Catalog.with_layer` joins it to the catalog, so search, map click,
highlight and pan work as for any other layer.
All text from the ledger is escaped here before it becomes HTML. No streamlit here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from html import escape
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from dashboard import ledger, map_ids
from dashboard.config import Config
from dashboard.geodata import LayerData, empty_gdf
from dashboard.programme import Programme
from dashboard.strings import t
from layers.projects import PUBLIC_SPEC, SPEC, status_color

LAYER = SPEC.id


def ledger_file(cfg: Config) -> Path:
    """The ledger to read: [ledger] path is a file, or a folder where the newer of
    projects.xlsx / projects.csv wins. A missing file is returned as is: reading it reports it."""
    path = cfg.path_of("path", "ledger")
    return (ledger.find_ledger(path) or path / "projects.csv") if path.is_dir() else path


def map_feature_ids(layers: dict[str, LayerData]) -> tuple[str, ...]:
    """Ids of the features drawn on the map, sorted: a project with the same 项目编号 is drawn there."""
    return map_ids.of(layers, LAYER)[0]


def map_feature_ids_digest(layers: dict[str, LayerData]) -> str:
    """A short name for those ids, for a cache key: hashing 100,000 ids on each rerun cost seconds."""
    return map_ids.of(layers, LAYER)[1]


def anchor(geom) -> shapely.Point:
    """Where a project sits on a feature: its centroid, or a point surely inside an odd shape."""
    if geom.geom_type == "Point":
        return geom
    c = geom.centroid
    return c if geom.contains(c) else geom.representative_point()


def status_text(status: str, lang: str) -> str:
    """A status code's words (strings.py `status_<code>`)."""
    return t(f"status_{status}", lang)


def _progress_text(value: float | None, lang: str) -> str:
    return t("not_reported", lang) if value is None or math.isnan(value) else f"{value:g}%"


Located = tuple  # (geometry or None, how it was placed, the feature's confidence, the feature's names)


def _where(layers: dict[str, LayerData], rows: pd.DataFrame) -> dict[str, tuple]:
    """The map features `rows` are placed on, by id: (anchor, name zh, confidence, name en). Only
    those ids are looked up: a pass over 100,000 firms on every rerun cost 1.3 s (issue 12)."""
    ids = set(rows.loc[rows["location"] == "feature", "id"]) if "location" in rows and len(rows) else set()
    where: dict[str, tuple] = {}
    for lid, data in layers.items():
        if lid == LAYER or data.gdf.empty or not ids:
            continue
        for row in data.gdf[data.gdf["id"].isin(ids)].itertuples(index=False):
            where.setdefault(
                row.id,
                (
                    anchor(row.geometry),
                    row.name_zh,
                    getattr(row, "confidence", None),
                    getattr(row, "name_en", "") or "",
                ),
            )
    return where


def _locate(r: dict, where: dict[str, tuple]) -> Located:
    """A row's own 经度/纬度, else the anchor of the map feature with its id, else nowhere."""
    if r["location"] == "ledger":
        return shapely.Point(r["lon"], r["lat"]), "ledger", None, ("", "")
    if r["location"] == "feature" and r["id"] in where:
        geom, name_zh, confidence, name_en = where[r["id"]]
        return geom, f"feature:{name_zh}", confidence, (name_zh, name_en)
    return None, "", None, ("", "")


def _layer(spec, records: list[dict], geoms: list) -> LayerData:
    gdf = gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326") if records else empty_gdf()
    return LayerData(spec, gdf)


def project_layer(rows: pd.DataFrame, layers: dict[str, LayerData], lang: str = "zh") -> LayerData:
    """Every valid ledger row as a feature of the projects layer, coloured by status (`kind`).
    A project with no location is in the table and the panel, not on the map."""
    where, records, geoms = _where(layers, rows), [], []
    for r in rows.to_dict("records"):
        geom, basis, confidence, _ = _locate(r, where)
        note = f"{status_text(r['status'], lang)} · {t('col_deadline_text', lang)} {r['deadline_text']}"
        records.append(
            {
                **r,
                "kind": r["status"],
                "name_zh": r["name"],
                "name_en": r.get("name_en") or "",
                "located": basis,
                "confidence": confidence,
                "tip_note": note,
            }
        )
        geoms.append(geom)
    return _layer(SPEC, records, geoms)


PUBLIC_FIELDS = ("id", "name", "name_en", "park")  # all a visitor is sent of a row marked 公开


def public_project_layer(rows: pd.DataFrame, layers: dict[str, LayerData]) -> LayerData:
    """The ledger as a visitor may see it: only rows marked 公开, only their PUBLIC_FIELDS, placed
    like the war map places them; the basis of the position is said in both languages."""
    public = rows[rows["audience"] == "public"] if "audience" in rows else rows.iloc[0:0]
    where, records, geoms = _where(layers, public), [], []
    for r in public.to_dict("records"):
        geom, basis, confidence, (fz, fe) = _locate(r, where)
        zh = t("loc_ledger", "zh", lon=r["lon"], lat=r["lat"]) if basis == "ledger" else t("loc_feature", "zh", name=fz)
        en = (
            t("loc_ledger", "en", lon=r["lon"], lat=r["lat"])
            if basis == "ledger"
            else t("loc_feature", "en", name=fe or fz)
        )
        records.append(
            {
                "id": r["id"],
                "name_zh": r["name"],
                "name_en": r["name_en"],
                "park": r["park"],
                "kind": "project",
                "confidence": confidence or "approximate",
                "basis": zh,
                "basis_en": en,
            }
        )
        geoms.append(geom)
    return _layer(PUBLIC_SPEC, records, geoms)


# --------------------------------------------------------------------------- table

TABLE_COLUMNS = (
    "id",
    "name",
    "status",
    "park",
    "unit",
    "post",
    "deadline_text",
    "progress",
    "next_step",
    "land_stage",
    "located",
)


def filter_rows(
    rows: pd.DataFrame, park: Iterable[str] = (), status: Iterable[str] = (), unit: Iterable[str] = ()
) -> pd.DataFrame:
    """Rows whose park, status and unit are among the chosen ones (an empty choice keeps all)."""
    keep = pd.Series(True, index=rows.index)
    for column, chosen in (("park", park), ("status", status), ("unit", unit)):
        chosen = list(chosen)
        if chosen:
            keep &= rows[column].isin(chosen)
    return rows[keep]


def filter_options(rows: pd.DataFrame) -> dict[str, list[str]]:
    """The choices of each table filter: statuses in rule order, the rest as found in the file."""
    return {
        "park": sorted(set(rows["park"]) - {""}),
        "status": [s for s in ledger.STATUSES if s in set(rows["status"])],
        "unit": sorted(set(rows["unit"]) - {""}),
    }


def table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The projects table as shown: translated headers, readable progress and location."""
    out = pd.DataFrame(
        {
            "id": rows["id"],
            "name": rows["name"],
            "status": [status_text(s, lang) for s in rows["status"]],
            "park": rows["park"],
            "unit": rows["unit"],
            "post": rows["post"],
            "deadline_text": rows["deadline_text"],
            "progress": [_progress_text(v, lang) for v in rows["progress"]],
            "next_step": rows["next_step"],
            "land_stage": rows["land_stage"],
            "located": [t("on_map" if loc else "table_only", lang) for loc in rows["location"]],
        }
    )
    return out.rename(columns={c: t(f"col_{c}", lang) for c in TABLE_COLUMNS}).reset_index(drop=True)


def drawn_at(layer: LayerData | None) -> dict[str, tuple[float, float]]:
    """Where the map draws each project (id → lon, lat in WGS-84): its own 经度/纬度 or the anchor on
    the feature it names (`project_layer`); a project in the table only is not here."""
    if layer is None or layer.gdf.empty:
        return {}
    return {
        str(fid): (round(g.x, 6), round(g.y, 6))
        for fid, g in zip(layer.gdf["id"], layer.gdf.geometry, strict=True)
        if g is not None and not g.is_empty
    }


EXPORT_COLUMNS = ("lon", "lat", "source", "problems")  # beside the table's: back into a GIS, with sources


def export_table(rows: pd.DataFrame, drawn: dict[str, tuple[float, float]], lang: str) -> pd.DataFrame:
    """The table as shown plus 经度/纬度 (WGS-84, where the map draws the project; empty for a
    project in the table only), 来源 and 存在问题: a file a GIS opens as points and Excel as rows.
    Internal: only a signed-in session has the projects table (a visitor is never sent 存在问题)."""
    out = table(rows, lang)
    where = [drawn.get(str(fid)) for fid in rows["id"]]
    extra = {
        "lon": [p[0] if p else None for p in where],
        "lat": [p[1] if p else None for p in where],
        "source": list(rows["source"]),
        "problems": list(rows["problems"]),
    }
    for col in EXPORT_COLUMNS:
        out[t(f"col_{col}", lang)] = extra[col]
    return out


STYLED_UP_TO = 500  # rows: beyond, pandas' Styler costs the server seconds (20,000 rows: ~14 s) and the browser
# ≈ 0.2 s at 2,000 rows (every cell's CSS parsed) while it is starting the map; a plain frame ms


def styled_table(rows: pd.DataFrame, lang: str):
    """`table` with each status written in its colour; plain (the status words only) over STYLED_UP_TO rows."""
    if len(rows) > STYLED_UP_TO:
        return table(rows, lang)
    colors = {status_text(s, lang): status_color(s) for s in ledger.STATUSES}
    return table(rows, lang).style.map(
        lambda v: f"color:{colors.get(v, 'inherit')};font-weight:700", subset=[t("col_status", lang)]
    )


# --------------------------------------------------------------------------- HTML


def _kind_class(status: str) -> str:
    return "st-" + (status if status in ledger.STATUSES else ledger.OK)


# Status colours for the page (KPI tiles, badges), generated from the projects layer's styles.
CSS = (
    "<style>"
    + "".join(
        f".{_kind_class(s)} .kpi-n{{color:{c}}} .kpi.{_kind_class(s)}{{border-left-color:{c}}} "
        f".badge.{_kind_class(s)}{{background:{c}}} "
        for s, c in ((s, status_color(s)) for s in ledger.STATUSES)
    )
    + """
.kpi-strip{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:stretch;margin:.2rem 0 .4rem}
.kpi-head{margin-right:.5rem}.kpi-title{font-weight:700;font-size:1.15rem}
.kpi-asof{color:#666;font-size:.85rem}
.kpi{border-left:6px solid #888;padding:.1rem .6rem;display:flex;flex-direction:column;justify-content:center}
.kpi-n{font-size:1.6rem;font-weight:800;line-height:1.1}.kpi-l{font-size:.85rem;color:#555}
.kpi-targets{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;font-size:.9rem;margin-bottom:.4rem}
.kpi-targets .tbc{color:#b3261e;font-weight:600}.kpi-src{color:#777}
.badge{display:inline-block;color:#fff;border-radius:4px;padding:0 .45rem;font-weight:700}
.land-chip{display:inline-flex;gap:.15rem;align-items:center}
.land-chip .stage{border:1px solid #bbb;border-radius:3px;padding:0 .35rem;color:#999}
.land-chip .stage.done{color:#555;border-color:#888}
.land-chip .stage.now{background:#1d4ed8;border-color:#1d4ed8;color:#fff;font-weight:700}
</style>"""
)


def ledger_kpis(led: ledger.LedgerResult, lang: str) -> str:
    """The KPI strip of a ledger as read: its as-of date, its file and how many rows failed."""
    name = led.path.name if led.path else ""
    return kpi_html(led.rows, led.as_of, lang, name, len(led.errors), led.as_of_declared)


def kpi_html(
    rows: pd.DataFrame, as_of: dt.date, lang: str, ledger_name: str = "", errors: int = 0, declared: bool = False
) -> str:
    """The KPI strip: projects by status (the overdue count among them), totals, as-of date
    (`declared`: the ledger's own date, a historical ledger, and the strip says so)."""
    k = ledger.kpis(rows, as_of)
    tiles = [
        f'<div class="kpi {_kind_class(s)}"><span class="kpi-n">{k["by_status"][s]}</span>'
        f'<span class="kpi-l">{escape(status_text(s, lang))}</span></div>'
        for s in ledger.STATUSES
    ]
    total = t("kpi_total", lang, on_map=k["with_location"], table_only=k["without_location"])
    asof = t("kpi_asof_declared" if declared else "kpi_asof", lang, date=as_of.isoformat(), file=ledger_name)
    if errors:
        asof += " · " + t("kpi_bad_rows", lang, n=errors)
    return (
        f'<div class="kpi-strip"><div class="kpi-head"><div class="kpi-title">{escape(t("warmap_title", lang))}'
        f'</div><div class="kpi-asof">{escape(asof)}</div></div>{"".join(tiles)}'
        f'<div class="kpi kpi-total"><span class="kpi-n">{k["total"]}</span>'
        f'<span class="kpi-l">{escape(total)}</span></div></div>'
    )


def _known(rows: pd.DataFrame | None, ledger_id: str | None, lang: str) -> str:
    """What the data knows about a target: a reported progress from the ledger, else 待核实
    (always 待核实 for a visitor: the ledger's progress is internal)."""
    hit = rows[rows["id"] == ledger_id] if ledger_id and rows is not None else None
    if hit is not None and not hit.empty and not math.isnan(hit["progress"].iloc[0]):
        return escape(t("kpi_progress", lang, p=f"{hit['progress'].iloc[0]:g}"))
    return f'<span class="tbc">{escape(t("kpi_tbc", lang))}</span>'


def targets_html(rows: pd.DataFrame | None, programme: Programme, lang: str) -> str:
    """The article's targets (data/programme.toml) beside what the data knows (never a number
    the source lacks)."""
    items = [
        f'<span class="kpi-target"><b>{escape(p.name.get(lang))}</b> {escape(t("target", lang))} '
        f"{escape(p.target.get(lang))} · {escape(t('kpi_known', lang))} "
        f"{_known(rows, p.ledger_id, lang)}</span>"
        for p in programme.targets
    ]
    src = f'<span class="kpi-src">{escape(t("source", lang))}: {escape(programme.source.get(lang))}</span>'
    return f'<div class="kpi-targets">{"".join(items)}{src}</div>'


def land_chip(stage: str, lang: str) -> str:
    """批→征→供→用 with the current stage highlighted and the earlier ones marked done."""
    now = ledger.LAND_STAGES.index(stage) if stage in ledger.LAND_STAGES else -1
    parts = [
        f'<span class="stage{" now" if i == now else " done" if i < now else ""}">{s}</span>'
        for i, s in enumerate(ledger.LAND_STAGES)
    ]
    chip = f'<span class="land-chip" title="{escape(t("land_stages", lang))}">{"→".join(parts)}</span>'
    return chip if now >= 0 else chip + f' <span class="tbc">{escape(t("not_reported", lang))}</span>'


def _location_text(props: dict, lang: str) -> str:
    located = props.get("located") or ""
    if located == "ledger":
        return t("loc_ledger", lang, lon=props["lon"], lat=props["lat"])
    if located.startswith("feature:"):
        return t("loc_feature", lang, name=located.split(":", 1)[1])
    return t("table_only", lang)


def project_panel(props: dict, lang: str) -> str:
    """The side panel for one project (props: a row of `project_layer`, untrusted text)."""

    def val(key: str) -> str:
        return escape(str(props.get(key) or "")) or f'<span class="tbc">{escape(t("not_reported", lang))}</span>'

    status = props["status"]
    rows = [
        ("col_unit", val("unit")),
        ("col_post", val("post")),
        ("col_deadline_text", val("deadline_text")),
        ("col_progress", escape(_progress_text(props.get("progress"), lang))),
        ("col_next_step", val("next_step")),
        ("col_problems", val("problems")),
        ("col_land_stage", land_chip(props.get("land_stage") or "", lang)),
        ("col_park", val("park")),
        ("col_located", escape(_location_text(props, lang))),
        ("source", val("source")),
    ]
    if props.get("status_typed") and ledger.TYPED_WORDS.get(props["status_typed"]) != status:
        rows.append(("col_status_typed", escape(t("status_typed_note", lang, typed=props["status_typed"]))))
    body = "".join(f"<tr><th>{escape(t(k, lang))}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f'<div class="panel project-panel"><div class="panel-name">{escape(props.get("name") or "")}</div>'
        f'<div class="panel-layer">{escape(t("col_id", lang))}: {escape(props["id"])} · '
        f'<span class="badge {_kind_class(status)}">{escape(status_text(status, lang))}</span></div>'
        f'<table class="panel-rows">{body}</table>'
        f'<div class="fact-src">{escape(ledger.rule_text(lang))}</div></div>'
    )
