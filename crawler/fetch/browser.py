"""Rendering lists that exist only after JavaScript runs: one headless Chromium per crawl.

scrapy-playwright is a download handler, and Scrapy builds one handler instance per URL scheme;
registered for http and https it starts two Playwright drivers and two browsers (~250 MB).
:class:`BrowserDownloadHandler` is one instance per crawler whatever the scheme, and it is only
registered when the crawl includes a list that needs a browser (see :func:`browser_settings`).
The browser is Debian's Chromium (``/usr/bin/chromium``); Playwright never downloads one.

Two things keep such a list as fast as the plain ones beside it:

* Chromium is launched as soon as the handler is built, in the background, not when the
  engine starts nor when the first list that needs it is asked for; and it runs on its own
  event loop (a thread), so the crawl's busy loop (extraction, storage) does not slow each
  message to the browser. Launched from a busy loop it took 9 s on a shared machine, 0.4 s
  from a quiet one. Each tab is made while the page before it loads (a walk asks its pages
  one after another). Earning a session past a bot challenge (crawler.fetch.sessions) uses
  this browser too: one Chromium per crawl.
* A list page is read once the data its script asks for has come and been written into the
  page (:data:`LIST_WATCH`), not after half a second of network silence: a visitor counter or
  a chat widget that never goes quiet would hold network silence off for good.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from contextlib import suppress

from scrapy_playwright._loop import _ThreadedLoopAdapter
from scrapy_playwright.handler import DEFAULT_CONTEXT_NAME, ScrapyPlaywrightDownloadHandler

logger = logging.getLogger(__name__)

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
        # The browser's own loop, in a thread: see the module's docstring.
        "_PLAYWRIGHT_THREADED_LOOP": True,
    }


#: Counts the data requests (XMLHttpRequest, fetch) a page's scripts make, from before the
#: first script runs. A request counts as done once the page's own handlers of its answer
#: have run (a task after ``loadend``; for fetch, after its body has been read).
LIST_WATCH = """(() => {
  if (window.__govarchiveList) return;
  const now = () => performance.now();
  const w = window.__govarchiveList = {started: 0, pending: 0, idleSince: now()};
  const begin = () => { w.started += 1; w.pending += 1; };
  const end = () => setTimeout(() => {
    w.pending -= 1;
    if (w.pending === 0) w.idleSince = now();
  }, 0);
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    begin();
    let over = false;
    const done = () => { if (!over) { over = true; end(); } };
    this.addEventListener('loadend', done);
    try { return send.apply(this, args); } catch (e) { done(); throw e; }
  };
  if (window.fetch) {
    const fetch = window.fetch;
    window.fetch = function (...args) {
      begin();
      const answer = fetch.apply(this, args);
      answer.then(r => r.clone().arrayBuffer().then(end, end), end);
      return answer;
    };
  }
})();"""

#: When a list page may be read: its data requests have all been answered and handled (and
#: nothing new started for a moment), or, when its scripts asked for none, once the page has
#: loaded and a moment passed. Whatever happens, after ``LIST_WAIT_CAP`` ms the page is read
#: as it is. Evaluated in the page every ``polling`` ms.
LIST_SETTLE_MS = 60
LIST_QUIET_MS = 400
LIST_WAIT_CAP_MS = 10_000
LIST_READY = f"""() => {{
  const w = window.__govarchiveList, t = performance.now();
  if (!w || t > {LIST_WAIT_CAP_MS}) return true;
  if (w.pending > 0) return false;
  if (w.started > 0) return t - w.idleSince >= {LIST_SETTLE_MS};
  return document.readyState === 'complete' && t - w.idleSince >= {LIST_QUIET_MS};
}}"""


async def watch_list_requests(page, request) -> None:
    """scrapy-playwright's page init callback: count data requests from the page's start."""
    await page.add_init_script(LIST_WATCH)


def list_page_meta() -> dict:
    """Request meta for a list page that needs a browser (see the module's docstring)."""
    return {
        "playwright": True,
        "playwright_page_init_callback": f"{__name__}.watch_list_requests",
        "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded"},
        "govarchive_list_ready": True,  # BrowserDownloadHandler waits for LIST_READY
    }


def crawl_browser(crawler) -> BrowserDownloadHandler | None:
    """The crawl's browser handler, when it has one (a crawl with a list needing a browser)."""
    return getattr(crawler, "_govarchive_browser_handler", None)


def skip_heavy_resources(request) -> bool:
    """Reading a list's links needs its scripts and data, not its looks."""
    return request.resource_type in {"image", "media", "font", "stylesheet"}


class BrowserDownloadHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, shared by every scheme of one crawler."""

    # Built when the crawl starts: scrapy-playwright launches its driver on engine_started,
    # which a lazily built handler would miss. Only crawls with a browser list register it.
    lazy = False

    _warming: asyncio.Future | None = None

    @classmethod
    def from_crawler(cls, crawler):
        shared = getattr(crawler, "_govarchive_browser_handler", None)
        if shared is None:
            shared = cls(crawler)
            crawler._govarchive_browser_handler = shared
            shared._spares = {}
            shared._launch_now()
        return shared

    def _launch_now(self) -> None:
        """Start launching as soon as the handler exists, on the browser's own loop, rather
        than when the engine starts: opening the spider (the archive's state, the extraction
        pool) comes in between, and the first list that needs the browser waits for it."""
        if self.config.use_threaded_loop:
            asyncio.run_coroutine_threadsafe(self._launch(), _ThreadedLoopAdapter._loop)

    async def _launch(self) -> None:
        # Called when the handler is built and when the engine starts (the crawl waits for
        # it); the first starts the launch. The plain requests go on meanwhile and the first
        # browser page waits for it.
        if self._warming is None:
            self._warming = asyncio.ensure_future(self._warm())

    async def _warm(self) -> None:
        """Playwright's driver, Chromium and the context pages open in, before they are needed."""
        await super()._launch()
        async with self.context_launch_lock:
            if DEFAULT_CONTEXT_NAME not in self.context_wrappers:
                await self._create_browser_context(DEFAULT_CONTEXT_NAME, {})

    def on_browser_loop(self, coro) -> asyncio.Future:
        """Run ``coro`` on the loop this handler's browser lives on (its own thread), so the
        crawl's other browser work (earning a session, crawler.fetch.sessions) shares it."""
        return self._maybe_future_from_coro(coro)

    async def shared_browser(self):
        """The crawl's Chromium, launched ahead or now. Await it on the browser's loop."""
        if self._warming is not None:
            await asyncio.shield(self._warming)
        if getattr(self, "browser_provider", None) is None:  # the engine has not started it
            await super()._launch()
        await self._maybe_launch_browser()
        return self.browser

    async def _download_request(self, request, spider=None):
        if self._warming is not None:
            try:
                await asyncio.shield(self._warming)
            except Exception as error:  # the page's own launch tries again and says why
                logger.warning("launching the browser ahead failed: %r", error)
                self._warming = None
                await super()._launch()
        return await super()._download_request(request, spider)

    async def _create_page(self, request, spider):
        """A page made ahead, while the one before loaded, and the next one started. A list
        walk asks its pages one after another, and making a page is a round with the browser
        of its own (0.4-0.8 s on a busy machine): made ahead, it is off the walk's path."""
        name = request.meta.setdefault("playwright_context", DEFAULT_CONTEXT_NAME)
        spare, page = self._spares.pop(name, None), None
        if spare is not None:
            with suppress(Exception):
                page = await spare
        if page is None or page.is_closed():
            page = await super()._create_page(request, spider)
        self._spares[name] = asyncio.ensure_future(super()._create_page(request, spider))
        return page

    async def _apply_page_methods(self, page, request, spider) -> None:
        # Page methods are each followed by a wait for the load event, which a slow
        # third-party script holds off: the list's own wait goes first, on its own.
        if request.meta.get("govarchive_list_ready"):
            await page.wait_for_function(LIST_READY, polling=25, timeout=LIST_WAIT_CAP_MS + 5_000)
        await super()._apply_page_methods(page, request, spider)

    async def _close(self) -> None:
        if self._warming is not None:
            with suppress(Exception):
                await self._warming  # a crawl shorter than the launch: let it end, then close
        for spare in self._spares.values():
            spare.cancel()  # waiting for a free tab, or made: the context's close closes it
        self._spares.clear()
        await super()._close()

    async def close(self) -> None:
        # Scrapy closes each scheme's handler; this one instance serves them all.
        if getattr(self, "_closed", False):
            return
        self._closed = True
        await super().close()
