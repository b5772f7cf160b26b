"""Who may be sent what, decided on the server before anything is drawn.

Two audiences: `public` (anyone, no sign-in: parks, candidate sites, the radiation zone, firms,
public facts, the article's targets, ledger rows marked 公开 with their public fields only) and
`internal` (signed in: everything, the war map included). A public session's page is built from
`view(catalog, "public")` alone, so no internal value can reach its map payload, tooltips, panel,
search box, downloads or page — hiding something in the browser would not count.
No streamlit here.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from dashboard.catalog import Catalog
from dashboard.geodata import LayerData
from dashboard.sites import flag

PUBLIC, INTERNAL = "public", "internal"


def of(session) -> str:
    """A signed-in session (any role: viewer, editor, admin) sees the internal view."""
    return INTERNAL if session is not None else PUBLIC


def view(cat: Catalog, audience: str) -> Catalog:
    """The catalog as `audience` may see it: a new Catalog, the cached one is not touched.
    Public: internal layers and facts left out; data problems (file names, internal ids) too."""
    if audience == INTERNAL:
        return cat
    if audience != PUBLIC:
        raise ValueError(f"audience must be {PUBLIC} or {INTERNAL}, got {audience!r}")
    layers = {lid: _public_fields(d) for lid, d in cat.layers.items() if d.spec.audience == PUBLIC}
    return dataclasses.replace(cat, layers=layers, facts=cat.facts.for_audience(PUBLIC), problems=[])


def _public_fields(data: LayerData) -> LayerData:
    """The layer without its internal fields (spec.internal_fields), except on features marked
    `public: true`; a column no public feature fills is left out altogether."""
    fields = [f for f in data.spec.internal_fields if f in data.gdf.columns]
    if not fields:
        return data
    gdf = data.gdf.copy()
    shown = gdf["public"].map(flag) if "public" in gdf.columns else pd.Series(False, index=gdf.index)
    for name in fields:
        gdf[name] = gdf[name].where(shown, None)
        if gdf[name].isna().all():
            gdf = gdf.drop(columns=name)
    return dataclasses.replace(data, gdf=gdf, problems=[])


def public_stops(stops: list[dict], registry: dict) -> list[dict]:
    """The tour a visitor's screen runs: stops naming an internal layer are skipped (a stop naming
    a feature the public view lacks is skipped when it is resolved)."""
    return [
        s for s in stops if not (s.get("layer") and getattr(registry.get(s["layer"]), "audience", PUBLIC) == INTERNAL)
    ]
