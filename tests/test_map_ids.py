"""The map's feature ids, worked out once per set of layer frames (dashboard/map_ids.py)."""

import geopandas as gpd
import shapely

from dashboard import map_ids
from dashboard.geodata import LayerData
from layers import REGISTRY


def layer(lid: str, ids: list[str]) -> LayerData:
    gdf = gpd.GeoDataFrame({"id": ids}, geometry=[shapely.Point(113.5, 34.8)] * len(ids), crs="EPSG:4326")
    return LayerData(REGISTRY[lid], gdf)


def test_the_ids_of_every_layer_but_one_sorted_with_a_digest_that_follows_them():
    layers = {"enterprises": layer("enterprises", ["f-2", "f-1"]), "projects": layer("projects", ["P-1"])}
    ids, digest = map_ids.of(layers, "projects")
    assert ids == ("f-1", "f-2"), "the projects layer itself is left out"
    assert map_ids.of(layers, "projects")[0] is ids, "the same frames: looked up, not worked out again"
    edited = {**layers, "enterprises": layer("enterprises", ["f-1", "f-3"])}
    ids2, digest2 = map_ids.of(edited, "projects")
    assert ids2 == ("f-1", "f-3") and digest2 != digest, "a new frame: its own ids and cache key"
