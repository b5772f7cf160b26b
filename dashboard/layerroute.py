"""The routes that serve layer data and our map scripts to the map (launcher.py adds them beside
the sign-in routes). GET /mapscripts/<hash>.js: a script dashboard/mapscripts.py registered.

GET /layerdata/<hash>.json: the payload the page stored under that hash (dashboard/layerdata.py).
An internal payload goes only to a request whose session cookie is signed in (403 otherwise); an
unknown hash is 404. A hash names one content forever, so the response is cached forever
("private" for internal data: no shared cache may keep it).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dashboard import mapscripts
from dashboard.auth.accounts import Accounts
from dashboard.layerdata import ROUTE, STORE, Store

FOREVER = "max-age=31536000, immutable"


def routes(accounts: Callable[[], Accounts], store: Store = STORE) -> list[Route]:
    async def serve(request: Request) -> Response:
        found = store.get(request.path_params["digest"])
        if found is None:
            return Response("not found", status_code=404, headers={"Cache-Control": "no-store"})
        body, audience = found
        if audience != "public":
            session = await run_in_threadpool(accounts().session_from_cookies, request.cookies)
            if session is None:
                return Response("sign in to see this layer", status_code=403, headers={"Cache-Control": "no-store"})
        headers = {"Cache-Control": f"{'public' if audience == 'public' else 'private'}, {FOREVER}", "Vary": "Cookie"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(body, media_type="application/json", headers=headers | {"Content-Encoding": "gzip"})
        return Response(gzip.decompress(body), media_type="application/json", headers=headers)

    async def script(request: Request) -> Response:
        body = mapscripts.get(request.path_params["digest"])
        if body is None:
            return Response("not found", status_code=404, headers={"Cache-Control": "no-store"})
        return Response(body, media_type="text/javascript", headers={"Cache-Control": f"public, {FOREVER}"})

    return [
        Route(ROUTE + "/{digest:str}.json", serve, methods=["GET"]),
        Route(mapscripts.ROUTE + "/{digest:str}.js", script, methods=["GET"]),
    ]
