"""The map's scripts as ONE file (issue 12: first paint). No streamlit here.

Why: streamlit-folium loads the map's js_links one after another, each waiting for the previous
one's `onload` (its index.tsx, `loadScripts`), and only then runs the map's script, which starts
the layer-data fetches. Ten files (Leaflet, its plugins, our served scripts) were ten round trips
in a row: ≈ 0.6 s of a 3.3 s first paint at 10,000 firms. Concatenated in the same order, they are
one request, cached forever under the hash of their content (dashboard/mapscripts.py's route).

`bundle(m)` is called after offline_assets.localize(m): every JS link is then a vendored file
under static/ or one of our served scripts; anything else (which localize would have refused)
leaves the links as they are.
"""

from __future__ import annotations

import functools

from branca.element import Element

from dashboard import mapscripts, offline_assets

NAME = "htz-bundle"


def bundle(root: Element) -> None:
    """Give `root` (the folium Map) one JS link, the bundle of all its elements' JS in st_folium's
    order; the other elements keep their CSS and lose their JS links."""
    elems: list = [e for e in offline_assets._walk(root) if getattr(e, "default_js", None)]
    links = tuple(dict.fromkeys(url for e in elems for _, url in e.default_js))  # st_folium dedupes so
    if len(links) < 2:  # nothing to gain
        return
    url = _bundled(links)
    if url is None:
        return
    for e in elems:
        e.default_js = []
    root.default_js = [(NAME, url)]  # type: ignore[attr-defined]  # a folium Map (JSCSSMixin)


@functools.lru_cache(maxsize=32)  # a few maps (desk, screen, data page) × languages and tools
def _bundled(links: tuple[str, ...]) -> str | None:
    parts = []
    for url in links:
        text = _text(url)
        if text is None:
            return None
        parts.append(f"/* {url.rsplit('/', 1)[-1]} */\n{text}")
    return mapscripts.serve_file("\n;\n".join(parts))  # ";": no file's last line runs into the next


def _text(url: str) -> str | None:
    if (body := mapscripts.at(url)) is not None:
        return body.decode("utf-8")
    if url.startswith(offline_assets.STATIC_URL_PREFIX):
        path = offline_assets.local_file(url)
        return path.read_text(encoding="utf-8") if path.is_file() else None
    return None
