"""Make a folium map load every JS/CSS/font/icon from the app itself, never from a CDN.

folium classes list their assets as CDN URLs in ``default_js`` / ``default_css``.
streamlit-folium collects those lists (walking the map tree through ``_children``) and
loads them one by one inside its component iframe; offline, the first CDN URL fails and
the map never appears. The files are vendored under ``static/vendor/`` (rebuilt by
``scripts/vendor_assets.sh``; see ``static/vendor/README.md``) and served by Streamlit
at ``<base>/app/static/`` when ``[server] enableStaticServing = true``.

Call ``localize(m)`` last, after every layer, plugin and control has been added and right
before ``st_folium(m, ...)``. It rewrites each element's links to the vendored copies
(per instance: folium's class attributes are left untouched), sets
``L.Icon.Default.imagePath`` so default Leaflet markers find their PNGs, and raises
``OfflineAssetError`` naming the element class and the URL if anything would still be
fetched from outside.

The URLs are relative, ``../../app/static/vendor/...``: st_folium's iframe document is
``<base>/component/streamlit_folium.st_folium/index.html``, so ``../../`` is ``<base>/``
whatever ``server.baseUrlPath`` is. They are therefore meant for st_folium only, not for
``m.save()`` or a notebook.

This module must not import streamlit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import branca.colormap
import folium
import folium.elements
import folium.plugins
from branca.element import Element, MacroElement
from folium.template import Template

__all__ = [
    "CDN_TO_LOCAL",
    "LEAFLET_IMAGE_PATH",
    "OfflineAssetError",
    "STATIC_DIR",
    "STATIC_URL_PREFIX",
    "asset_links",
    "external_links",
    "is_external",
    "local_file",
    "localize",
]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# Relative to the st_folium iframe <base>/component/streamlit_folium.st_folium/index.html
STATIC_URL_PREFIX = "../../app/static/"
VENDOR_URL_PREFIX = STATIC_URL_PREFIX + "vendor/"

# folium 0.20.0 CDN URL -> path under static/vendor/ (from scripts/vendor_assets.sh).
# jsdelivr serves an auto-minified ".min" of any file; where the package publishes only
# the unminified file, that file stands in for the ".min" URL.
_VENDORED: dict[str, str] = {
    # folium/folium.py: Map.default_js / default_css
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": "leaflet@1.9.3/dist/leaflet.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery@3.7.1/dist/jquery.min.js",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": "bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": "leaflet-awesome-markers@2.0.2/js/leaflet.awesome-markers.js",
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": "leaflet@1.9.3/dist/leaflet.css",
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css": "bootstrap@5.2.2/dist/css/bootstrap.min.css",
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": "bootstrap3-glyphicons@1.0.7/dist/css/bootstrap3-glyphicons.min.css",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": "fontawesome-free@6.2.0/css/all.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": "leaflet-awesome-markers@2.0.2/css/leaflet.awesome-markers.css",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": "folium@0.20.0/folium/templates/leaflet.awesome.rotate.css",
    # folium/plugins/marker_cluster.py (also FastMarkerCluster)
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js": "leaflet.markercluster@1.1.0/dist/leaflet.markercluster.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css": "leaflet.markercluster@1.1.0/dist/MarkerCluster.css",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": "leaflet.markercluster@1.1.0/dist/MarkerCluster.Default.css",
    # folium/plugins/fullscreen.py
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": "leaflet.fullscreen@3.0.0/Control.FullScreen.js",
    "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css": "leaflet.fullscreen@3.0.0/Control.FullScreen.css",
    # folium/plugins/measure_control.py
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.js": "leaflet-measure@2.1.7/dist/leaflet-measure.min.js",
    "https://cdn.jsdelivr.net/gh/ljagis/leaflet-measure@2.1.7/dist/leaflet-measure.min.css": "leaflet-measure@2.1.7/dist/leaflet-measure.css",
    # folium/plugins/mouse_position.py
    "https://cdn.jsdelivr.net/gh/ardhi/Leaflet.MousePosition/src/L.Control.MousePosition.min.js": "leaflet-mouse-position@1.0.4/src/L.Control.MousePosition.js",
    "https://cdn.jsdelivr.net/gh/ardhi/Leaflet.MousePosition/src/L.Control.MousePosition.min.css": "leaflet-mouse-position@1.0.4/src/L.Control.MousePosition.css",
    # folium/plugins/draw.py (cdnjs 1.0.2; vendored from npm leaflet-draw@1.0.4, same API)
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.draw/1.0.2/leaflet.draw.js": "leaflet-draw@1.0.4/dist/leaflet.draw.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.draw/1.0.2/leaflet.draw.css": "leaflet-draw@1.0.4/dist/leaflet.draw.css",
}

#: CDN URL (as written in folium 0.20.0) -> URL the st_folium iframe loads instead.
CDN_TO_LOCAL: dict[str, str] = {cdn: VENDOR_URL_PREFIX + rel for cdn, rel in _VENDORED.items()}

#: Value given to ``L.Icon.Default.imagePath`` (ends with "/", Leaflet appends the file).
LEAFLET_IMAGE_PATH = VENDOR_URL_PREFIX + "leaflet@1.9.3/dist/images/"

_IMAGE_PATH_CHILD = "offline_assets_leaflet_image_path"
_EXTERNAL = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:)?//")


class OfflineAssetError(RuntimeError):
    """A map would fetch JS/CSS from outside the app."""


def is_external(url: str) -> bool:
    """True for ``http://``, ``https://``, any ``scheme://`` and protocol-relative ``//``."""
    return bool(_EXTERNAL.match(url))


def _walk(fig: Element) -> Iterator[Element]:
    """Yield the elements whose links st_folium sends, in its order.

    Same traversal as streamlit_folium 0.27.4's ``st_folium.walk``.
    """
    if isinstance(fig, branca.colormap.ColorMap):
        yield fig
    if isinstance(fig, folium.plugins.DualMap):
        yield from _walk(fig.m1)
        yield from _walk(fig.m2)
    if isinstance(fig, folium.elements.JSCSSMixin):
        yield fig
    if hasattr(fig, "_children"):
        for child in fig._children.values():
            yield from _walk(child)


def asset_links(root: Element) -> list[tuple[str, str, str]]:
    """Every ``(element class, "js"|"css", url)`` that st_folium would load for ``root``."""
    links = []
    for elem in _walk(root):
        name = type(elem).__name__
        links += [(name, "js", url) for _, url in getattr(elem, "default_js", [])]
        links += [(name, "css", url) for _, url in getattr(elem, "default_css", [])]
    return links


def external_links(root: Element) -> list[tuple[str, str]]:
    """``(element class, url)`` for each link that would leave the app.

    Includes the d3 CDN links st_folium itself adds for any branca ColorMap.
    """
    found = [(cls, url) for cls, _, url in asset_links(root) if is_external(url)]
    for elem in _walk(root):
        if isinstance(elem, branca.colormap.ColorMap):
            found.append((type(elem).__name__, "https://d3js.org/d3.v4.min.js (added by st_folium)"))
    return found


def local_file(url: str) -> Path:
    """The file under ``static/`` that a local asset URL points at (it may not exist)."""
    if not url.startswith(STATIC_URL_PREFIX):
        raise ValueError(f"not an app static URL (expected {STATIC_URL_PREFIX!r}...): {url}")
    rel = re.split(r"[?#]", url[len(STATIC_URL_PREFIX) :], maxsplit=1)[0]
    return STATIC_DIR / rel


@functools.lru_cache(maxsize=1)
def _check_vendor_files() -> None:
    missing = [
        url for url in [*CDN_TO_LOCAL.values(), LEAFLET_IMAGE_PATH + "marker-icon.png"] if not local_file(url).is_file()
    ]
    if missing:
        raise OfflineAssetError(
            f"vendored assets missing under {STATIC_DIR} (run scripts/vendor_assets.sh): " + ", ".join(missing)
        )


class _LeafletImagePath(MacroElement):
    """Sets ``L.Icon.Default.imagePath`` in the map script, before any marker is made.

    It must live in the ``script`` macro: st_folium appends the header with
    ``innerHTML``, where ``<script>`` does not run, and runs only the map script.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.Icon.Default.imagePath = {{ this.image_path|tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, image_path: str):
        super().__init__()
        self._name = "LeafletImagePath"
        self.image_path = image_path


def localize(root: Element) -> None:
    """Point every asset link of ``root`` (a ``folium.Map``, usually) at ``static/vendor``.

    - Each element that st_folium collects links from gets its own new ``default_js`` /
      ``default_css`` lists (instance attributes shadowing folium's class lists, which
      stay as they are), with known CDN URLs replaced by ``CDN_TO_LOCAL``.
    - Each ``folium.Map`` in the tree gets, as its first child, a script that sets
      ``L.Icon.Default.imagePath`` to the vendored Leaflet images (idempotent).
    - Raises ``OfflineAssetError`` if any external link is left (naming element class
      and URL), if the tree holds a branca ColorMap (st_folium adds d3 from a CDN for
      it, which this cannot rewrite), or if the vendored files are missing.

    Call it after everything is added to the map. A FeatureGroup passed to st_folium's
    ``feature_group_to_add`` is added to the map inside st_folium: localize it too.
    """
    _check_vendor_files()
    problems: list[str] = []
    for elem in list(_walk(root)):
        cls = type(elem).__name__
        if isinstance(elem, branca.colormap.ColorMap):
            problems.append(
                f"{cls}: st_folium loads d3 from https://d3js.org and cdnjs for every "
                "branca ColorMap; draw the legend as plain HTML/CSS instead"
            )
            continue
        for attr in ("default_js", "default_css"):
            links = getattr(elem, attr, None)
            if not links:
                continue
            new_links = []
            for name, url in links:
                url = CDN_TO_LOCAL.get(url, url)
                if is_external(url):
                    problems.append(f"{cls}.{attr} {name!r}: no vendored copy of {url}")
                new_links.append((name, url))
            setattr(elem, attr, new_links)
        if isinstance(elem, folium.Map):
            elem.add_child(_LeafletImagePath(LEAFLET_IMAGE_PATH), name=_IMAGE_PATH_CHILD, index=0)
    if problems:
        raise OfflineAssetError("map would load assets from outside the app:\n  - " + "\n  - ".join(problems))
