"""Launch Debian's Chromium through Playwright (no browser download: `playwright install`
cannot work offline). Shared by the browser tests and scripts/screenshot.py."""

from __future__ import annotations

import contextlib
import os
import shutil

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def executable() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise RuntimeError("Debian's chromium is not installed: run scripts/setup.sh (apt-get install chromium)")
    return path


@contextlib.contextmanager
def launch():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable(), args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
