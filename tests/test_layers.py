"""Layer specs: the registry contract over every layer, and bad specs refused when built."""

import pytest

from dashboard import config
from dashboard.geodata import read_layer
from layers import REGISTRY
from layers.base import Kind, LayerSpec, SpecError, Style
from layers.text import Text

CFG = config.load(config.ROOT / "config.toml")


@pytest.mark.parametrize("spec", REGISTRY.values(), ids=list(REGISTRY))
def test_every_registered_layer_has_labels_styles_and_readable_data(spec):
    assert spec.label.zh and spec.label.en
    assert spec.legend("zh") and spec.legend("en"), "every layer shows in the legend"
    if spec.source:
        data = read_layer(spec, CFG.path_of("geo_dir") / spec.source, CFG["data"]["bbox"])
        assert data.problems == [], [str(p) for p in data.problems]
        assert len(data.gdf) > 0
        assert set(data.gdf["kind"]) <= set(spec.kinds), "every feature kind has a style and a legend row"
        assert (data.gdf["confidence"] == "approximate").all() and data.gdf["basis"].str.len().min() > 10, (
            "sample positions are approximate and say on what basis"
        )


def test_registry_lists_the_issue_layers_in_draw_order():
    assert set(REGISTRY) == {"parks", "supercomputing", "radiation", "sites", "enterprises", "projects"}
    z = [s.z_order for s in REGISTRY.values()]
    assert z == sorted(z)


def test_parks_name_only_the_three_parks_the_article_names():
    data = read_layer(REGISTRY["parks"], CFG.path_of("geo_dir") / "parks.geojson", CFG["data"]["bbox"])
    assert set(data.gdf["name_zh"]) == {"沟赵园区", "双桥园区", "郑州天健湖大数据产业园"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"id": "bad id"}, "layer id"),  # spaces would break DOM ids and keys
        ({"label": Text("测", " ")}, "label needs both zh and en"),  # the English switch needs a label
        ({"geometry": "raster"}, "geometry must be one of"),  # only vector kinds are drawn
        ({"source": "parks.shp"}, "must be a .geojson"),  # storage format is RFC 7946 GeoJSON
        ({"style": Style(color="red")}, "style.color must be #rrggbb"),  # colours are values, checked
        ({"style": Style(weight=50)}, "style.weight must be 0.5–12"),  # bounded line width
        ({"style": Style(fill_opacity=2)}, "fill_opacity must be 0–1"),
        ({"kinds": {"ghost": Kind(Style(), Text("幽灵", ""))}}, "needs legend text"),  # a legend row in each language
        ({"panel": "popup"}, "panel must be one of"),  # a panel the page cannot render
    ],
)
def test_bad_spec_is_refused_with_its_id_named(kwargs, message):
    base = {"id": "t", "label": Text("测", "T"), "geometry": "point", "source": "t.geojson"}
    with pytest.raises(SpecError, match=message) as err:
        LayerSpec(**(base | kwargs))
    assert "'t'" in str(err.value) or "bad id" in str(err.value)


@pytest.mark.parametrize(
    "module",
    sorted(
        p.relative_to(config.ROOT).as_posix() for d in ("dashboard", "layers") for p in (config.ROOT / d).glob("*.py")
    ),
)
def test_engine_and_layer_modules_do_not_import_streamlit(module):
    # they are tested without it, and app.py stays the only place that knows the page
    source = (config.ROOT / module).read_text(encoding="utf-8")
    assert not any(line.strip().startswith(("import streamlit", "from streamlit")) for line in source.splitlines())
