"""Debian's headless Chromium for the browser tests, driven by Playwright (never a download)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def headless_chromium() -> Iterator:
    """A running browser for the length of the block.

    Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    ordinary synchronous code all the same. ORM calls made while that loop ran got a connection
    of their own: they are closed at the end, or the PostgreSQL test database cannot be dropped."""
    from playwright.sync_api import sync_playwright

    vorige = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()
                connections.close_all()
    finally:
        if vorige is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = vorige
