"""dashboard.offline_assets: a localized map loads nothing from outside the app."""

from __future__ import annotations

import re

import branca.colormap
import folium
import folium.plugins
import pytest
from folium.elements import JSCSSMixin

from dashboard import offline_assets as oa

POINTS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "天健湖"},
            "geometry": {"type": "Point", "coordinates": [113.4962, 34.8144]},
        },
        {
            "type": "Feature",
            "properties": {"name": "park"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[113.50, 34.81], [113.51, 34.81], [113.51, 34.82], [113.50, 34.81]]],
            },
        },
    ],
}


def build_map() -> folium.Map:
    """A map with every plugin the dashboard uses (no tile layer: tiles are not assets)."""
    m = folium.Map(location=[34.81, 113.52], zoom_start=12, tiles=None, minZoom=3, maxZoom=18)
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    folium.plugins.MousePosition().add_to(m)
    folium.plugins.Draw().add_to(m)
    cluster = folium.plugins.MarkerCluster(name="cluster").add_to(m)
    folium.Marker([34.8144, 113.4962], icon=folium.Icon(icon="info-sign")).add_to(cluster)
    folium.Marker([34.8245, 113.5566], icon=folium.Icon(icon="star", prefix="fa")).add_to(m)
    folium.Marker([34.8200, 113.5200]).add_to(m)  # default Leaflet icon: needs imagePath
    folium.GeoJson(POINTS, name="geo", tooltip=folium.GeoJsonTooltip(["name"])).add_to(m)
    folium.LayerControl().add_to(m)
    return m


def test_localized_map_has_no_external_link_and_every_file_exists():
    m = build_map()
    assert oa.external_links(m), "folium's defaults should start out as CDN links"
    oa.localize(m)
    links = oa.asset_links(m)
    assert {cls for cls, _, _ in links} >= {
        "Map",
        "Fullscreen",
        "MeasureControl",
        "MousePosition",
        "MarkerCluster",
        "Draw",
    }
    assert oa.external_links(m) == []
    for cls, kind, url in links:
        assert url.startswith(oa.STATIC_URL_PREFIX + "vendor/"), (cls, kind, url)
        assert oa.local_file(url).is_file(), (cls, kind, url)
    assert oa.local_file(oa.LEAFLET_IMAGE_PATH + "marker-icon.png").is_file()
    assert oa.local_file(oa.LEAFLET_IMAGE_PATH + "marker-shadow.png").is_file()


def test_every_cdn_mapping_points_at_a_vendored_file():
    for cdn, local in oa.CDN_TO_LOCAL.items():
        assert oa.is_external(cdn) and not oa.is_external(local)
        assert oa.local_file(local).is_file(), (cdn, local)


def test_local_prefix_resolves_from_the_st_folium_iframe_to_app_static():
    # The iframe document is <base>/component/streamlit_folium.st_folium/index.html.
    from urllib.parse import urljoin

    for base in ("http://h:8501/", "http://h:8501/some/prefix/"):
        iframe = base + "component/streamlit_folium.st_folium/index.html?streamlitUrl=x"
        url = urljoin(iframe, oa.CDN_TO_LOCAL[next(iter(oa.CDN_TO_LOCAL))])
        assert url == base + "app/static/vendor/leaflet@1.9.3/dist/leaflet.js"


def test_css_url_references_of_vendored_files_exist():
    css_files = sorted(oa.STATIC_DIR.glob("vendor/**/*.css"))
    assert css_files
    for css in css_files:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css.read_text("utf-8")):
            if ref.startswith(("data:", "#")):  # inline data, IE's url(#default#VML)
                continue
            assert not oa.is_external(ref), (css, ref)
            target = (css.parent / re.split(r"[?#]", ref)[0]).resolve()
            assert target.is_file(), (css, ref)


def test_every_vendored_package_keeps_its_licence():
    for pkg in (p for p in (oa.STATIC_DIR / "vendor").iterdir() if p.is_dir()):
        assert any("LICEN" in f.name.upper() for f in pkg.iterdir()), pkg


def test_localize_leaves_folium_class_attributes_alone():
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    oa.localize(build_map())
    assert folium.Map.default_js == before_js
    assert folium.Map.default_css == before_css
    assert all(oa.is_external(url) for _, url in folium.plugins.Fullscreen.default_js)


def test_localize_is_idempotent():
    m = build_map()
    oa.localize(m)
    first = oa.asset_links(m)
    oa.localize(m)
    assert oa.asset_links(m) == first
    image_path_children = [c for c in m._children.values() if isinstance(c, oa._LeafletImagePath)]
    assert len(image_path_children) == 1


def test_unknown_cdn_url_raises_naming_class_and_url():
    m = build_map()
    folium.plugins.Geocoder().add_to(m)  # Control.Geocoder is not vendored
    with pytest.raises(oa.OfflineAssetError) as err:
        oa.localize(m)
    geocoder_url = folium.plugins.Geocoder.default_js[0][1]
    assert "Geocoder" in str(err.value) and geocoder_url in str(err.value)


def test_protocol_relative_url_counts_as_external():
    class Custom(JSCSSMixin):
        default_css = [("x", "//cdn.example.invalid/x.css")]

    m = build_map()
    Custom().add_to(m)
    with pytest.raises(oa.OfflineAssetError, match=r"Custom.*//cdn\.example\.invalid/x\.css"):
        oa.localize(m)


def test_colormap_is_refused_because_st_folium_adds_d3_from_a_cdn():
    m = build_map()
    branca.colormap.LinearColormap(["red", "blue"], vmin=0, vmax=1).add_to(m)
    with pytest.raises(oa.OfflineAssetError, match="LinearColormap"):
        oa.localize(m)


def test_st_folium_sends_only_local_links(monkeypatch):
    """Run the real st_folium with its frontend call captured: what it would send."""
    import streamlit_folium

    sent = {}

    def fake_component(**kwargs):
        sent.update(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", fake_component)
    m = build_map()
    oa.localize(m)
    streamlit_folium.st_folium(m, key="map", returned_objects=[])

    links = sent["js_links"] + sent["css_links"]
    ours = oa.asset_links(m)  # same walk as st_folium's, so the same links in order
    assert sent["js_links"] == list(dict.fromkeys(u for _, k, u in ours if k == "js"))
    assert sent["css_links"] == list(dict.fromkeys(u for _, k, u in ours if k == "css"))
    assert len(sent["js_links"]) == 9 and len(sent["css_links"]) == 12
    for url in links:
        assert not oa.is_external(url), url
        assert oa.local_file(url).is_file(), url
    # header (its <script>/<link> tags are stripped by st_folium), html and map script:
    # no quoted or url() external address (a "// https://..." JS comment loads nothing)
    for part in ("header", "html", "script"):
        assert not re.search(r"""(?:["'(]|url\()\s*(?:https?:)?//""", sent[part]), part
    script = sent["script"]
    set_path = f"L.Icon.Default.imagePath = {oa.LEAFLET_IMAGE_PATH!r}".replace("'", '"')
    assert set_path in script
    assert script.index(set_path) < script.index("L.marker(")


def test_standalone_folium_render_also_sets_image_path_before_markers():
    m = build_map()
    oa.localize(m)
    html = m.get_root().render()
    assert html.index("L.Icon.Default.imagePath") < html.index("L.marker(")


def test_feature_group_to_add_must_be_localized_too(monkeypatch):
    """st_folium adds feature_group_to_add to the map itself, after localize(m) ran."""
    import streamlit_folium

    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))

    def group():
        fg = folium.FeatureGroup(name="dynamic")
        cluster = folium.plugins.MarkerCluster().add_to(fg)
        folium.Marker([34.81, 113.5]).add_to(cluster)
        return fg

    m = build_map()
    oa.localize(m)
    fg = group()
    assert oa.external_links(fg)  # not yet localized: its CDN links would be sent
    oa.localize(fg)
    streamlit_folium.st_folium(m, key="map", feature_group_to_add=fg, returned_objects=[])
    assert sent["feature_group"] and "L.markerClusterGroup" in sent["feature_group"]
    for url in sent["js_links"] + sent["css_links"]:
        assert not oa.is_external(url) and oa.local_file(url).is_file(), url
