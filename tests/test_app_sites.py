"""The 招商载体 layer on the page (AppTest): the sidebar filters narrow the map and the table, demo
rows are badged, and a visitor's page carries no price range or contact unit."""

from __future__ import annotations

from tests.helpers import drawn, html_text, map_args, run, sign_in

DEMO_IDS = {"site-demo-a", "site-demo-b", "site-demo-c", "site-demo-d"}


def sites_drawn(at) -> set[str]:
    sent = drawn(at)
    return {fid for fid in DEMO_IDS if fid in sent}


def test_the_status_and_use_filters_narrow_the_map_and_the_table():
    at = run(query={"lang": "en"})
    assert sites_drawn(at) == DEMO_IDS
    at.multiselect(key="site_status").set_value(["可供"]).run()
    assert sites_drawn(at) == {"site-demo-a", "site-demo-d"}
    assert any("2 of 4 shown" in c.value for c in at.caption)
    at.multiselect(key="site_use").set_value(["研发"]).run()
    assert sites_drawn(at) == {"site-demo-d"}
    table = [d.value for d in at.dataframe if "Land stage" in d.value.columns][0]
    assert list(table["Name"]) == ["Demo building D"] and list(table["demo"]) == ["demo"]


def test_the_area_filter_leaves_out_sites_outside_the_range_and_those_of_unknown_area():
    at = run()
    top = at.slider(key="site_area").max
    at.slider(key="site_area").set_value((0.0, top / 2)).run()
    drawn = sites_drawn(at)
    assert drawn and drawn < {"site-demo-a", "site-demo-b"}, "only parcels have an area; the larger one is out"


def test_a_demo_site_is_badged_on_the_panel_and_in_the_legend():
    at = run(query={"select": "sites/site-demo-a", "lang": "en"})
    panel = html_text(at)
    assert "demo-badge" in panel and "Demo data" in panel and "Area" in panel
    assert "legend-demo" in str(map_args(at))


def test_a_visitor_is_sent_no_price_range_or_contact_unit():
    at = run(query={"select": "sites/site-demo-a"})
    sent = html_text(at) + str(map_args(at)) + drawn(at) + "".join(str(d.value) for d in at.dataframe)
    assert "价格区间" not in sent and "联系单位" not in sent and "非真实报价" not in sent


def test_a_signed_in_user_sees_price_range_and_contact_unit(monkeypatch):
    sign_in(monkeypatch)
    panel = html_text(run(query={"select": "sites/site-demo-a"}))
    assert "价格区间" in panel and "演示数据,非真实报价" in panel and "联系单位" in panel


def test_a_visitor_can_download_the_sites_as_shown_in_csv_and_excel():
    at = run(query={"lang": "en"})
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download the sites (CSV)" in labels and "Download the sites (Excel)" in labels
