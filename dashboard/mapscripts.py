"""Our map scripts as files the browser fetches once and keeps (issue 12). No streamlit here.

Why: st_folium sends the whole base map script again with every change of its overlays (a click
moves the highlight), so each inlined .js file cost its size on every click. A script registered
here is served at `/mapscripts/<hash>.js` (launcher.py's routes, dashboard/layerroute.py) and
named in the map's js_links; the map's script only calls it. A hash names one content forever,
so the browser caches it for good; the scripts are code, not data, and public.
"""

from __future__ import annotations

import hashlib
import threading

ROUTE = "/mapscripts"
_scripts: dict[str, bytes] = {}  # a handful of files, registered when a map is built
_lock = threading.Lock()


def serve(js: str) -> tuple[str, str]:
    """Register `js` (a JS function expression) and return (its URL, the JS expression that names
    the function once the file has run)."""
    digest = hashlib.sha256(js.encode("utf-8")).hexdigest()[:24]
    with _lock:
        if digest not in _scripts:
            body = f'(window.htzJs = window.htzJs || {{}})["{digest}"] = {js.strip()};\n'
            _scripts[digest] = body.encode("utf-8")
    return f"{ROUTE}/{digest}.js", f'window.htzJs["{digest}"]'


def serve_file(text: str) -> str:
    """Register `text` as a whole script file (dashboard/mapbundle.py) and return its URL."""
    body = text.encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()[:24]
    with _lock:
        _scripts.setdefault(digest, body)
    return f"{ROUTE}/{digest}.js"


def get(digest: str) -> bytes | None:
    with _lock:
        return _scripts.get(digest)


def at(url: str) -> bytes | None:
    """The script a URL from `serve` / `serve_file` names (None: not one of ours)."""
    if not url.startswith(ROUTE + "/"):
        return None
    return get(url.rsplit("/", 1)[1].removesuffix(".js"))
