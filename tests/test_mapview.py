"""Map building: what reaches the browser is escaped and minimal; the base map is stable."""

import json
import re

import shapely.affinity
from streamlit_folium import _get_feature_group_string, generate_leaflet_string

from dashboard import catalog, config, mapscripts, mapview, offline_assets

CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)


def build_base():
    m = mapview.base_map(
        CFG["map"]["center"], 13, 9, 18, mapview.legend_html([d.spec for d in CAT.layers.values()], "zh"), "zh"
    )
    offline_assets.localize(m)
    return m


def test_base_map_script_is_identical_across_reruns():
    # streamlit-folium remounts the map (view jumps back) when this script changes
    assert generate_leaflet_string(build_base()) == generate_leaflet_string(build_base())


def test_base_map_has_metric_scale_fullscreen_legend_and_zoom_limits():
    script = generate_leaflet_string(build_base())
    assert "L.control.scale({metric: true, imperial: false" in script
    assert "L.control.fullscreen" in script
    assert "超算中心拟选址楼宇" in json.loads(script.split("div.innerHTML = ")[1].split(";\n")[0])
    assert '"minZoom": 9' in script and '"maxZoom": 18' in script


def test_browser_gets_only_id_kind_layer_and_escaped_tooltip():
    data = CAT.layers["supercomputing"]
    fc = mapview.feature_collection(data, "zh")
    assert {k for f in fc["features"] for k in f["properties"]} == {"id", "kind", "layer", "_tip"}


def test_tooltip_escapes_names_and_marks_approximate():
    html = mapview.tooltip_html({"name_zh": "<script>x</script>", "name_en": "A&B", "confidence": "approximate"}, "zh")
    assert "<script>" not in html and "&lt;script&gt;" in html and "A&amp;B" in html and "示意" in html


def test_hidden_layers_are_not_drawn_and_selection_is_last():
    groups = mapview.overlay_groups(CAT.layers.values(), {"parks"}, "zh", ("parks", "park-gouzhao"))
    assert [g.layer_name for g in groups] == ["园区", "selection"]
    sel = _get_feature_group_string(groups[-1], build_base(), idx=1)  # as st_folium sends it
    assert mapview.SELECTION_COLOR in sel and "park-gouzhao" in sel


def test_selection_of_a_hidden_layer_draws_no_highlight():
    groups = mapview.overlay_groups(CAT.layers.values(), {"parks"}, "zh", ("supercomputing", "sc-building-11"))
    assert not groups[-1]._children


def test_display_shift_moves_overlays_but_not_stored_data():
    data = CAT.layers["enterprises"]
    before = data.gdf.geometry.iloc[0].x
    fc = mapview.feature_collection(data, "zh", shift=lambda g: shapely.affinity.translate(g, 0.01, 0))
    assert fc["features"][0]["geometry"]["coordinates"][0] == before + 0.01
    assert data.gdf.geometry.iloc[0].x == before


def test_base_map_credits_leaflet_in_plain_text_and_routes_clicks_by_specificity():
    script = generate_leaflet_string(build_base())
    assert 'attributionControl.setPrefix("Leaflet")' in script, "no flag icon, no link off the machine"
    called = [mapscripts.get(d) for d in re.findall(r'window\.htzJs\["([0-9a-f]+)"\]\(', script)]
    assert any(b and b'addEventListener("click", onClick, true)' in b for b in called), (
        "the click router: a file the map fetches once (dashboard/mapscripts.py), called from its script"
    )


def test_selection_highlight_of_a_point_takes_no_clicks():
    # else a click on the yellow ring would reselect the highlighted feature instead of what lies there
    groups = mapview.overlay_groups(CAT.layers.values(), {"supercomputing"}, "zh", ("supercomputing", "sc-building-7"))
    sel = _get_feature_group_string(groups[-1], build_base(), idx=1)
    styler = sel.split("_styler(feature) {")[1].split("}")[0]  # the style each marker is built from
    assert '"interactive": false' in styler


def test_parks_are_named_on_the_map_unless_there_are_too_many_to_read(monkeypatch):
    """The screen's inline layers follow the desk's rule: a handful of parks get their names written
    on the map; 2,000 parcels would be a black wall of text on the meeting-room screen."""

    def park_script() -> str:
        groups = mapview.overlay_groups(CAT.layers.values(), {"parks"}, "zh", None)
        return _get_feature_group_string(groups[0], build_base(), idx=1)

    assert "map-label" in park_script()
    monkeypatch.setattr(mapview, "LABELS_UP_TO", len(CAT.layers["parks"].gdf) - 1)
    assert "map-label" not in park_script(), "past the cap no name is written on the map"
