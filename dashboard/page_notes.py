"""Notes about how the page was asked for, not about its data: an unknown ?lang=, a secrets.toml
that exists but cannot be parsed (which is not the same as "no key"). Problems in zh + en, for the
page's problem box. No streamlit here: the page passes the values."""

from __future__ import annotations

from dashboard.problems import Problem
from dashboard.text import LANGS, Text

SECRETS = ".streamlit/secrets.toml"


def unknown_lang(value: str | None, used: str) -> Problem | None:
    """`?lang=value` names no language the page has: say which one is shown instead."""
    if value is None or value in LANGS:
        return None
    shown = value[:20]
    return Problem(
        "",
        Text(
            f"网址参数 lang={shown!r} 不是可用的语言(zh、en),现以 {used} 显示",
            f"URL parameter lang={shown!r} is not a language the page has (zh, en); shown in {used}",
        ),
        field="lang",
        severity="note",
    )


def secrets_problem(secrets) -> Problem | None:
    """A secrets file that exists but does not parse (Streamlit raises the same error type as
    for a missing one): reported as unreadable, so nobody hunts for a key that is there."""
    try:
        secrets.get("tianditu_tk") if secrets is not None else None
    except FileNotFoundError as err:
        if "pars" not in str(err).lower():  # "No secrets found": no file at all, nothing to report
            return None
        detail = str(err).split(": ", 1)[-1][:200]
        return Problem(
            SECRETS,
            Text(
                f"文件无法解析({detail}),其中的天地图密钥等设置未读取;请修正其 TOML 语法",
                f"file cannot be parsed ({detail}); its settings (the Tianditu key …) are not read — fix its TOML syntax",
            ),
        )
    return None
