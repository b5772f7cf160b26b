"""The sign-in routes (dashboard/auth/web.py), called as ASGI in-process (no server, no httpx)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from starlette.applications import Starlette

from dashboard.auth import Outcome, web
from dashboard.auth.tokens import COOKIE
from tests.test_auth import RIGHT, accounts, clock  # noqa: F401  (fixtures)


def call(app, method: str, path: str, form: dict | None = None, cookie: str = "", client="10.1.2.3"):
    """(status, headers as a list of (name, value), body text) of one request."""
    body = urlencode(form).encode() if form is not None else b""
    path, _, query = path.partition("?")
    headers = [(b"content-type", b"application/x-www-form-urlencoded"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": headers,
        "client": (client, 5000),
        "scheme": "http",
        "server": ("testserver", 80),
        "root_path": "",
        "http_version": "1.1",
    }
    sent, got = [], [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return got.pop(0) if got else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    # in a thread of its own: the browser tests' Playwright keeps an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    text = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()
    return start["status"], [(k.decode(), v.decode()) for k, v in start["headers"]], text


def header(headers, name):
    return [v for k, v in headers if k == name]


@pytest.fixture
def app(accounts):  # noqa: F811
    return Starlette(routes=web.routes(accounts))


def test_the_form_is_bilingual_self_contained_and_escapes_next(app):
    status, headers, text = call(app, "GET", "/signin?next=/%22%3E%3Cscript%3Ex")
    assert status == 200 and "用户名" in text and "User name" in text and "密码" in text
    assert "<script" not in text and "&quot;&gt;&lt;script&gt;x" in text
    assert "http" not in text.replace("http-equiv", "")  # no external asset
    assert header(headers, "cache-control") == ["no-store"]


def test_the_form_for_an_english_page_is_english_and_so_is_its_refusal(app):
    next_ = urlencode({"next": "/?basemap=offline&lang=en"})
    status, _, text = call(app, "GET", "/signin?" + next_)
    assert status == 200 and 'lang="en"' in text and "User name" in text and "Back to the map" in text
    assert not any("\u4e00" <= c <= "\u9fff" for c in text), "no Chinese on the English form"
    status, _, text = call(app, "POST", "/signin", {"user": "ann", "password": "wrong", "next": "/?lang=en"})
    assert status == 401 and "Wrong user name or password." in text and "用户名" not in text


def test_right_password_sets_an_httponly_lax_cookie_and_goes_back(app, accounts):  # noqa: F811
    status, headers, _ = call(app, "POST", "/signin", {"user": "ann", "password": RIGHT, "next": "/?lang=en"})
    assert status == 303 and header(headers, "location") == ["/?lang=en"]
    raw = header(headers, "set-cookie")[0]
    morsel = SimpleCookie(raw)[COOKIE]
    assert morsel["httponly"] and morsel["samesite"].lower() == "lax" and morsel["path"] == "/"
    assert int(morsel["max-age"]) == 12 * 3600
    assert accounts.session(morsel.value).user == "ann"


@pytest.mark.parametrize("next_", ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:x", ""])
def test_next_must_be_a_path_on_this_site(app, next_):
    _, headers, _ = call(app, "POST", "/signin", {"user": "ann", "password": RIGHT, "next": next_})
    assert header(headers, "location") == ["/"]


def test_a_wrong_password_shows_one_generic_message_and_keeps_the_name(app):
    status, headers, text = call(app, "POST", "/signin", {"user": "<ann>", "password": "wrong", "next": "/"})
    assert status == 401 and not header(headers, "set-cookie")
    assert "用户名或密码不正确" in text and "Wrong user name or password" in text
    assert 'value="&lt;ann&gt;"' in text and "wrong" not in text


def test_a_locked_account_is_told_to_wait(app):
    for i in range(5):
        call(app, "POST", "/signin", {"user": "ann", "password": f"guess {i}"})
    status, headers, text = call(app, "POST", "/signin", {"user": "ann", "password": RIGHT})
    assert status == 429 and not header(headers, "set-cookie")
    assert "5 分钟后再试" in text and "try again in 5 minutes" in text


def test_logout_revokes_the_session_and_clears_the_cookie(app, accounts):  # noqa: F811
    cookie = accounts.sign_in("ann", RIGHT, "10.1.2.3").cookie
    for method, path in (("GET", "/auth/logout"), ("POST", "/signout")):
        status, headers, _ = call(app, method, path, cookie=f"{COOKIE}={cookie}")
        assert status == 303 and header(headers, "location") == ["/"]
        morsel = SimpleCookie(header(headers, "set-cookie")[0])[COOKIE]
        assert morsel.value in ("", '""') and morsel["max-age"] == "0"
    assert accounts.session(cookie) is None


def test_sign_in_through_the_route_uses_the_client_address(app, accounts):  # noqa: F811
    for i in range(5):
        call(app, "POST", "/signin", {"user": f"u{i}", "password": "x"}, client="10.9.9.9")
    assert accounts.sign_in("ann", RIGHT, "10.9.9.9").outcome is Outcome.LOCKED
