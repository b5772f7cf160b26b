"""Side panels chosen by each layer's `panel`: the facts panel (names, basis, chain link, facts
with sources), the radiation zone's (area, method, what lies inside), the project's."""

import pytest

from dashboard import catalog, config, panels
from layers import REGISTRY

CFG = config.load(config.ROOT / "config.toml")
CAT = catalog.load_catalog(CFG)


def test_every_layer_names_a_panel_the_page_can_render():
    assert {spec.panel for spec in REGISTRY.values()} <= set(panels.PANELS)


def test_building_11_panel_has_checks_tbc_and_outcome_with_sources():
    html = panels.render(CAT, "supercomputing", "sc-building-11", "zh")
    for text in ("11号楼", "层高", "承重", "待核实", "2020年上半年", "郑州大学", "2020年10月", "来源", "示意"):
        assert text in html, text
    en = panels.render(CAT, "supercomputing", "sc-building-11", "en")
    assert "Building 11" in en and "To be confirmed" in en and "Source" in en
    assert "position inside the base is unknown" in en, "the visitor reading English gets the basis in English"


def test_radiation_zone_panel_states_area_and_distance():
    html = panels.render(CAT, "radiation", catalog.ZONE_ID, "zh")
    assert "2 km²" in html and f"{CAT.zone.distance_m:.0f} 米" in html and "12.6 km²" in html


def test_radiation_zone_panel_lists_what_lies_inside_it():
    inside = panels.inside_zone(CAT, "zh")
    assert "郑州天健湖大数据产业园" in inside and "沟赵园区" in inside, "the park and the park it lies in"
    assert "双桥园区" not in inside and "11号楼" not in inside, "features kilometres away are not listed"
    assert "园区(2):" in inside
    assert "区内或相交要素" in panels.render(CAT, "radiation", catalog.ZONE_ID, "zh")
    assert "Parks (2): " in panels.inside_zone(CAT, "en")


@pytest.mark.parametrize(
    "lang, shown",
    [
        ("zh", "传感器 → 北斗导航 → 超算中心 → [大数据应用] → 信息安全"),
        ("en", "Sensors → BeiDou navigation → Supercomputing → [Big-data applications] → Information security"),
    ],
)
def test_a_firms_panel_shows_its_link_in_the_articles_chain(lang, shown):
    fid = next(r["id"] for r in CAT.layers["enterprises"].gdf.to_dict("records") if r["chain_link"] == "大数据应用")
    assert shown in panels.render(CAT, "enterprises", fid, lang)


def test_unknown_feature_has_no_panel():
    assert panels.render(CAT, "parks", "park-ghost", "zh") is None
