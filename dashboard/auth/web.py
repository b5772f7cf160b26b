"""The sign-in routes served beside the Streamlit page (launcher.py: st.App(..., routes=...)).

GET /signin shows a small self-contained form (zh + en, no external asset; English only when the
page it returns to is English, `?lang=en` in `next`); POST /signin checks
it, sets the HttpOnly session cookie and redirects to `next` (a same-site relative path only).
GET /auth/logout (where st.logout() sends the browser) and POST /signout end the session.
Every text placed in the HTML is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from dashboard.auth.accounts import Accounts, Outcome
from dashboard.auth.tokens import COOKIE
from dashboard.strings import both, t

MAX_FORM_BYTES = 4096  # a user name and a password; anything larger is not a sign-in
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'",
}

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title>
<style>
body{{font-family:"Noto Sans CJK SC",system-ui,sans-serif;background:#f3f5f8;margin:0;display:flex;
min-height:100vh;align-items:center;justify-content:center}}
form{{background:#fff;padding:2rem 2.4rem;border-radius:10px;box-shadow:0 2px 12px #0002;width:20rem}}
h1{{font-size:1.3rem;margin:0 0 1.2rem}} label{{display:block;margin:.8rem 0 .3rem}}
input{{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}}
button{{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem;background:#1f5fbf;color:#fff;border:0;border-radius:6px}}
.msg{{color:#a11;margin:.4rem 0 0}} a{{display:block;margin-top:1rem;font-size:.9rem}}
</style></head><body>
<form method="post" action="">
<h1>{title}</h1>
{message}
<label for="user">{user_label}</label>
<input id="user" name="user" autocomplete="username" required value="{user}" autofocus>
<label for="password">{password_label}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<input type="hidden" name="next" value="{next}">
<button type="submit">{submit}</button>
<a href="{next}">{back}</a>
</form></body></html>"""


def safe_next(value: str | None) -> str:
    """`value` if it is a relative path on this site ("/…", not "//host" nor "/\\host"), else "/"."""
    if (
        not value
        or not value.startswith("/")
        or value.startswith(("//", "/\\"))
        or any(ord(c) < 0x20 or c == "\\" for c in value)
    ):
        return "/"
    return value


def page_lang(next_: str) -> str | None:
    """The form's language: "en" if the page it returns to is English (`lang=en` in `next`), else None (both)."""
    return "en" if parse_qs(urlsplit(next_).query).get("lang") == ["en"] else None


def text(key: str, lang: str | None, **params: object) -> str:
    """A string of the form: English for an English page, else Chinese and English together."""
    return t(key, lang, **params) if lang else both(key, " / ", **params)


def signin_page(next_: str, user: str = "", message: str = "", status: int = 200) -> HTMLResponse:
    esc, next_ = html.escape, safe_next(next_)
    lang = page_lang(next_)
    body = PAGE.format(
        lang=lang or "zh",
        title=esc(text("signin_title", lang)),
        user_label=esc(text("signin_user", lang)),
        password_label=esc(text("signin_password", lang)),
        submit=esc(text("signin_submit", lang)),
        back=esc(text("signin_back", lang)),
        user=esc(user),
        next=esc(next_),
        message=f'<p class="msg" role="alert">{esc(message)}</p>' if message else "",
    )
    return HTMLResponse(body, status_code=status, headers=HEADERS)


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0] for k, v in fields.items()}


def _clear_cookie(response: Response) -> Response:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")
    # an identity provider's sign-in (st.login) too: this route stands where Streamlit's own
    # /auth/logout would clear these
    for name in ("_streamlit_user", "_streamlit_user_tokens"):
        response.delete_cookie(name, path="/")
    return response


def routes(accounts: Accounts | Callable[[], Accounts]) -> list[Route]:
    """The sign-in routes over `accounts` (or a function giving it, called per request)."""
    get = accounts if callable(accounts) and not isinstance(accounts, Accounts) else (lambda: accounts)

    async def show(request: Request) -> Response:
        return signin_page(request.query_params.get("next", "/"))

    async def submit(request: Request) -> Response:
        form = await _form(request)
        user, next_ = form.get("user", "").strip(), safe_next(form.get("next"))
        client = request.client.host if request.client else "unknown"
        acc = get()
        result = await run_in_threadpool(acc.sign_in, user, form.get("password", ""), client)
        if result.outcome is Outcome.OK and result.cookie:
            response = RedirectResponse(next_, status_code=303, headers={"Cache-Control": "no-store"})
            response.set_cookie(
                COOKIE,
                result.cookie,
                max_age=result.max_age,
                path="/",
                httponly=True,
                samesite="lax",
                secure=request.url.scheme == "https",
            )
            return response
        if result.outcome is Outcome.LOCKED:
            minutes = math.ceil(acc.limits.window_s / 60)
            return signin_page(next_, user, text("signin_locked", page_lang(next_), minutes=minutes), status=429)
        return signin_page(next_, user, text("signin_refused", page_lang(next_)), status=401)

    async def sign_out(request: Request) -> Response:
        await run_in_threadpool(get().sign_out, request.cookies.get(COOKIE))
        return _clear_cookie(RedirectResponse("/", status_code=303, headers={"Cache-Control": "no-store"}))

    return [
        Route("/signin", show, methods=["GET"]),
        Route("/signin", submit, methods=["POST"]),
        Route("/auth/logout", sign_out, methods=["GET", "POST"]),
        Route("/signout", sign_out, methods=["POST"]),
    ]
