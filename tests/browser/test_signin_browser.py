"""Sign-in in a real browser: the sidebar link leads to the form, the right password brings the
visitor back signed in (HttpOnly cookie), a reload keeps it, and the sign-out button ends it."""

from __future__ import annotations

import re

import pytest

from dashboard.auth import accounts_at
from dashboard.auth.tokens import COOKIE

pytestmark = pytest.mark.browser

NAME, PASSWORD = "tester", "browser test password"
SIGNED_IN = "Signed in: tester (viewer)"


@pytest.fixture
def tester(server_store, server_url):
    acc = accounts_at(server_store)  # the server's own store
    acc.add_user(NAME, "viewer", PASSWORD)
    yield acc
    acc.remove_user(NAME)


def test_sign_in_survives_a_reload_and_sign_out_ends_it(page, server_url, tester):
    page.goto(server_url + "/?lang=en")
    page.get_by_role("link", name="Sign in", exact=True).click(timeout=120_000)
    page.wait_for_url("**/signin?next=*")
    page.fill("#user", NAME)
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    assert "Wrong user name or password" in page.inner_text("[role=alert]")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_text(SIGNED_IN).wait_for(timeout=120_000)
    assert "/?lang=en" in page.url, "back where the visitor came from"
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert page.evaluate("document.cookie").find(COOKIE) == -1  # page scripts cannot read it

    page.reload()
    page.get_by_text(SIGNED_IN).wait_for(timeout=120_000)

    page.get_by_role("button", name="Sign out").click()
    # /auth/logout returns to "/", the page's default language (Chinese): its link says 登录
    page.get_by_role("link", name=re.compile("^(登录|Sign in)$")).wait_for(timeout=120_000)
    assert page.get_by_text("tester (viewer)").count() == 0
    assert not [c for c in page.context.cookies() if c["name"] == COOKIE]
    assert tester.session(cookie["value"]) is None  # the session row is revoked, not just forgotten
    assert page.page_errors == [] and page.foreign_requests == []
