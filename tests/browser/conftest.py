"""Fixtures for the real-browser tests (Debian chromium through Playwright).

- `server_url` (session): the dashboard under `streamlit run` on a free loopback port
  (tests/browser/server.py), stopped at the end.
- `browser` (session): headless chromium (tests/browser/chromium.py).
- `page` (per test): a 1920×1080 page that records uncaught JS errors in `page.page_errors`
  and every request that leaves 127.0.0.1 in `page.foreign_requests`; if the test fails, a
  screenshot is saved to tests/artifacts/<test name>.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.chromium import launch
from tests.browser.server import ROOT, running_app
from tests.helpers import account_cookie

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # keep each phase's report on the test item, so `page` can tell whether the test failed
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture(scope="session")
def server_store(tmp_path_factory):
    """The data store of the test server, accounts included (a fixture may add users while it runs)."""
    return f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite3'}"


@pytest.fixture(scope="session")
def server_url(server_store):
    with running_app(env={"HTZ_STORE_URL": server_store}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with launch() as b:
        yield b


def _foreign(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme not in ("data", "blob", "about") and parsed.hostname != "127.0.0.1"


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    pg = context.new_page()
    pg.page_errors = []
    pg.foreign_requests = []
    pg.on("pageerror", lambda err: pg.page_errors.append(str(err)))
    pg.on("request", lambda req: pg.foreign_requests.append(req.url) if _foreign(req.url) else None)
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            pg.screenshot(path=str(Path(ARTIFACTS, f"{name}.png")), full_page=True)
        except PlaywrightError as err:  # a screenshot must never hide the test's own failure
            print(f"screenshot failed: {err}")
    context.close()


@pytest.fixture(scope="session")
def viewer_cookie(server_store, server_url):
    """A signed-in viewer's session cookie on the test server (tests/helpers.account_cookie)."""
    return account_cookie(server_store, "browser-viewer", "viewer")


@pytest.fixture
def signed_in(page, server_url, viewer_cookie):
    """`page`, signed in as a viewer: the internal view with the war map."""
    from dashboard.auth.tokens import COOKIE

    page.context.add_cookies(
        [{"name": COOKIE, "value": viewer_cookie, "url": server_url, "httpOnly": True, "sameSite": "Lax"}]
    )
    return page
