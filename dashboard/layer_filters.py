"""Layer filters (issue 13): which features of a layer the map, the search box and the side panel
get — firms by chain link and kind, projects by the projects table's park/status/unit, sites by
area/use/status (dashboard/sites.py). No streamlit here (the widgets: ui/layer_filters.py, ui/sites.py).

A filter narrows the catalog before the map is built (`Catalog.with_layer`, as the war map joins
its projects), so the map draws what passes and its layer data gets a new URL (its content hash,
dashboard/layerdata.py). Two things keep the map from being re-created needlessly:
- the same choice on the same data gives the same frame object (`narrowed` remembers it), so a
  rerun reuses the published payload instead of rebuilding it, and its URL stays the same;
- the filtered layer remembers how many features it draws unfiltered (`DRAWN_TOTAL`): the map's
  renderer (canvas from mapfetch.CANVAS_FROM features) is chosen from that, so a filter never
  changes the base map's HTML.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Iterable

import pandas as pd

from dashboard import layerdata
from dashboard.catalog import Catalog
from dashboard.geodata import LayerData
from dashboard.text import Text

ENTERPRISES = "enterprises"
DRAWN_TOTAL = "drawn_total"  # LayerData.meta: features the layer draws before any filter
KEEP = 32  # filtered frames remembered (layers × choices × data versions)

_memo: OrderedDict[tuple, tuple[object, LayerData]] = OrderedDict()
_lock = threading.Lock()


def drawn_total(data: LayerData) -> int:
    """Features the layer draws before any filter (what the map's renderer is chosen from)."""
    total = data.meta.get(DRAWN_TOTAL)
    return int(total) if total is not None else layerdata.count(data)


def narrowed(data: LayerData, keep: pd.Series, choice: tuple, meta: dict | None = None) -> LayerData:
    """`data` with only the rows `keep` marks. `choice` (hashable: the filter's values) names the
    result: the same choice on the same frame returns the same LayerData, frame and all."""
    key = (id(data.gdf), data.spec.id, choice)
    with _lock:
        hit = _memo.get(key)
        if hit is not None and hit[0] is data.gdf:
            _memo.move_to_end(key)
            return hit[1]
    extra = {DRAWN_TOTAL: drawn_total(data)} | (meta or {})
    out = dataclasses.replace(data, gdf=data.gdf[keep.to_numpy()], meta=data.meta | extra)
    with _lock:
        _memo[key] = (data.gdf, out)  # holding the frame keeps its id from being reused
        while len(_memo) > KEEP:
            _memo.popitem(last=False)
    return out


def _column_in(data: LayerData, column: str, chosen: Iterable[str]) -> pd.Series:
    gdf = data.gdf
    chosen = list(chosen)
    if not chosen:
        return pd.Series(True, index=gdf.index)
    if column not in gdf.columns:
        return pd.Series(False, index=gdf.index)
    return gdf[column].astype(str).isin(chosen)


# --------------------------------------------------------------------------- firms


def chain_links(data: LayerData, chain: tuple[Text, ...]) -> list[str]:
    """The chain links the firms name (Chinese, as the file writes them): in the chain's order,
    then any link the chain does not know (catalog_checks reports those) as found."""
    gdf = data.gdf
    found = {str(v) for v in gdf["chain_link"].dropna() if str(v).strip()} if "chain_link" in gdf else set()
    ordered = [c.zh for c in chain if c.zh in found]
    return ordered + sorted(found - set(ordered))


def kinds(data: LayerData) -> list[str]:
    """The kinds the layer holds, in its legend's order."""
    found = set(data.gdf["kind"].astype(str)) if "kind" in data.gdf else set()
    return [k for k in data.spec.kinds if k in found] + sorted(found - set(data.spec.kinds))


def filter_enterprises(cat: Catalog, links: Iterable[str] = (), kinds_: Iterable[str] = ()) -> Catalog:
    """The catalog with only the firms whose chain link and kind are among those chosen (an empty
    choice keeps all; nothing chosen at all: the same catalog)."""
    data = cat.layers.get(ENTERPRISES)
    links, kinds_ = tuple(links), tuple(kinds_)
    if data is None or data.gdf.empty or not (links or kinds_):
        return cat
    keep = _column_in(data, "chain_link", links) & _column_in(data, "kind", kinds_)
    return cat.with_layer(narrowed(data, keep, (links, kinds_)))


# --------------------------------------------------------------------------- projects


def only_ids(cat: Catalog, layer: str, ids: Iterable[str], everything: bool) -> Catalog:
    """The catalog with layer `layer` holding only the features `ids` (the projects the table's
    filters let through); `everything`: no filter is set, the same catalog."""
    data = cat.layers.get(layer)
    if data is None or data.gdf.empty or everything:
        return cat
    ids = tuple(sorted(set(map(str, ids))))
    return cat.with_layer(narrowed(data, data.gdf["id"].astype(str).isin(ids), ids))
