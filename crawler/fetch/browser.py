"""Rendering lists that exist only after JavaScript runs: one headless Chromium per crawl.

scrapy-playwright is a download handler, and Scrapy builds one handler instance per URL scheme;
registered for http and https it starts two Playwright drivers and two browsers (~250 MB).
:class:`BrowserDownloadHandler` is one instance per crawler whatever the scheme, and it is only
registered when the crawl includes a list that needs a browser (see :func:`browser_settings`).
The browser is Debian's Chromium (``/usr/bin/chromium``); Playwright never downloads one.
"""

from __future__ import annotations

import os
import shutil

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

#: Flags for a root, offline, headless Chromium: no sandbox (root), no GPU, and nothing that
#: phones home (this machine's network refuses it, and an archive should not leak).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
]


class BrowserUnavailable(RuntimeError):
    """No Chromium to render JavaScript lists with."""


def chromium_path() -> str:
    """The system Chromium: $GOVARCHIVE_CHROMIUM, else Debian's, else whatever is on PATH."""
    configured = os.environ.get("GOVARCHIVE_CHROMIUM")
    candidates = [configured] if configured else [*CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for path in candidates:
        if path and os.access(path, os.X_OK):
            return path
    raise BrowserUnavailable(
        "no Chromium found for JavaScript lists: install Debian's (apt-get install chromium) "
        "or set GOVARCHIVE_CHROMIUM to its path"
    )


def browser_settings(tabs: int = 3) -> dict:
    """Settings that route ``meta={"playwright": True}`` requests through one browser."""
    handler = f"{__name__}.BrowserDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {
            "executable_path": chromium_path(),
            "headless": True,
            "args": CHROMIUM_ARGS,
        },
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": max(2, min(tabs, 4)),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
        "PLAYWRIGHT_ABORT_REQUEST": f"{__name__}.skip_heavy_resources",
    }


def skip_heavy_resources(request) -> bool:
    """Reading a list's links needs its scripts and data, not its looks."""
    return request.resource_type in {"image", "media", "font", "stylesheet"}


class BrowserDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, shared by every scheme of one crawler."""

    # Built when the crawl starts: scrapy-playwright launches its driver on engine_started,
    # which a lazily built handler would miss. Only crawls with a browser list register it.
    lazy = False

    @classmethod
    def from_crawler(cls, crawler):
        shared = getattr(crawler, "_govarchive_browser_handler", None)
        if shared is None:
            shared = cls(crawler)
            crawler._govarchive_browser_handler = shared
        return shared

    async def close(self) -> None:
        # Scrapy closes each scheme's handler; this one instance serves them all.
        if getattr(self, "_closed", False):
            return
        self._closed = True
        await super().close()
