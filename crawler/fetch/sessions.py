"""Browser-earned sessions: getting past a bot challenge the way a reader does.

A host behind a WAF answers a plain client with a script (see :mod:`crawler.fetch.challenges`).
A reader's browser runs it once, gets a cookie, and reads on. :class:`BrowserSessions` does
the same, as a downloader middleware: when an answer is a challenge, the URL is opened once in
the project's Chromium with the crawl's own User-Agent; when the page the script leads to is
no longer a challenge, the browser's cookies are taken and the crawl goes on over plain HTTP
with them, for that host. When a challenge comes back (the cookie expired) the session is
earned again, at most ``GOVARCHIVE_SESSION_MAX`` times per host per run; after that — or when
the browser does not get past it (a CAPTCHA, a script that never lets it through) — the host
is blocked for the run, with the reason, and its challenged requests fail as
``blocked_challenge``.

What this is not: nothing here computes a challenge's cookie (the site's own script does, in
the browser), and no CAPTCHA is ever answered. A session changes nothing about robots.txt or
the host's delays: robots.txt behind a challenge earns the session first (its request comes
through here like any other), and every request still waits its turn in the host's slot.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest

from crawler.fetch.challenges import LABELS, asks_a_person, challenge_kind
from crawler.fetch.politeness import host_key

logger = logging.getLogger(__name__)

#: A browser visit that sees this many challenge pages in a row is not getting through.
MAX_ROUNDS = 4
HEAVY = {"image", "media", "font", "stylesheet"}


class SessionRefused(IgnoreRequest):
    """A challenged request to a host that is blocked for this run (the reason is the message)."""


@dataclass
class HostSession:
    """One host's browser session in this run."""

    kind: str | None = None  # the challenge it answers with
    generation: int = 0  # sessions earned so far (0: none yet)
    cookies: list[dict] = field(default_factory=list)
    earning: asyncio.Future | None = None
    blocked: str | None = None  # why the host is given up for the run
    sites: set[str] = field(default_factory=set)

    def summary(self) -> dict:
        return {"kind": self.kind, "sessions": self.generation, "blocked": self.blocked}


@dataclass
class Visit:
    """What one browser visit saw: cookies when it got through, else why not."""

    cookies: list[dict]
    passed: bool
    reason: str | None = None


class BrowserSessions:
    """Downloader middleware: earn a host's session in a browser when it answers a challenge."""

    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.enabled = settings.getbool("GOVARCHIVE_SESSIONS", True)
        self.cap = settings.getint("GOVARCHIVE_SESSION_MAX", 3)
        self.wait = settings.getfloat("GOVARCHIVE_SESSION_WAIT", 20.0)
        self.user_agent = settings.get("USER_AGENT")
        self.hosts: dict[str, HostSession] = {}
        self._playwright = None
        self._browser = None
        self._launching: asyncio.Lock | None = None
        crawler.signals.connect(self._close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # -- the middleware -------------------------------------------------------------------

    def process_request(self, request, spider=None):
        state = self.hosts.get(host_key(request))
        if state is not None and state.generation:
            request.meta["browser_session"] = state.generation
        return None

    async def process_response(self, request, response, spider=None):
        if not self.enabled or request.meta.get("playwright"):
            return response
        kind = challenge_kind(response.status, response.headers, _plain_body(response), request.url)
        if kind is None:
            return response
        if kind == "cookie_redirect" and not request.meta.get("cookie_redirect_followed"):
            # A plain client keeps the cookie and follows; only if what it is sent back to is
            # a challenge too does the browser come in (the flag rides on the redirect).
            request.meta["cookie_redirect_followed"] = True
            return response
        host = host_key(request)
        state = self.hosts.setdefault(host, HostSession())
        # After a followed cookie redirect the challenge is that redirect's, whatever the page.
        state.kind = "cookie_redirect" if request.meta.get("cookie_redirect_followed") else kind
        state.sites.update(self._sites_of(request, host))
        sent_with = request.meta.get("browser_session", 0)
        tries = request.meta.get("session_tries", 0) + 1
        if state.earning is not None:
            await asyncio.shield(state.earning)  # another request of this host is earning it
        elif not state.blocked and sent_with == state.generation:
            # The session this request carried (or none) was answered with a challenge.
            if state.generation >= self.cap:
                self._block(host, state, f"challenge ({LABELS[state.kind]}) came back after "
                                         f"{state.generation} browser session(s), the cap")
            else:
                await self._earn(host, state, request)
        if not state.blocked and tries > 2 * (self.cap + 1):  # a safety net: the cap ends it first
            self._block(host, state, "challenge right after each browser session")
        if state.blocked:
            raise SessionRefused(f"{host} blocked for this run: {state.blocked}")
        meta = {**request.meta, "session_tries": tries, "browser_session": state.generation}
        return request.replace(cookies=[dict(c) for c in state.cookies], meta=meta, dont_filter=True)

    # -- earning a session ------------------------------------------------------------------

    async def _earn(self, host: str, state: HostSession, request) -> None:
        loop = asyncio.get_running_loop()
        state.earning = loop.create_future()
        try:
            user_agent = _header(request, b"User-Agent") or self.user_agent
            try:
                visit = await self._visit(request.url, user_agent)
            except Exception as error:  # no Chromium, a crash: the host cannot be read this run
                logger.warning("browser visit to %s failed: %r", request.url, error)
                visit = Visit([], False, f"the browser visit failed ({type(error).__name__})")
            if visit.passed:
                state.generation += 1
                state.cookies = [_for_jar(c) for c in visit.cookies if _same_host(c, host)]
                logger.info("%s: browser session %d earned past %s (%d cookies)", host,
                            state.generation, state.kind, len(state.cookies))
            else:
                self._block(host, state, visit.reason or "the browser did not get past the challenge")
            self._record(host, state)
        finally:
            state.earning.set_result(None)
            state.earning = None

    async def _visit(self, url: str, user_agent: str) -> Visit:
        """Open ``url`` in the crawl's one Chromium: the list browser's when the crawl has one
        (on that browser's own loop), else one launched here on first need."""
        from crawler.fetch.browser import crawl_browser

        handler = crawl_browser(self.crawler)
        if handler is None:
            return await self._visit_in(await self._ready(), url, user_agent)

        async def there() -> Visit:
            return await self._visit_in(await handler.shared_browser(), url, user_agent)

        return await handler.on_browser_loop(there())

    async def _visit_in(self, browser, url: str, user_agent: str) -> Visit:
        """Open ``url`` in a fresh context of ``browser`` until the page there is no challenge."""
        context = await browser.new_context(user_agent=user_agent, ignore_https_errors=True,
                                            java_script_enabled=True)
        try:
            page = await context.new_page()
            await page.route("**/*", _skip_heavy)
            through = asyncio.Event()
            seen = {"challenges": 0}

            async def judge(answer) -> None:
                if answer.frame != page.main_frame or not answer.request.is_navigation_request():
                    return
                if 300 <= answer.status < 400:
                    return  # a hop; the page it leads to is judged
                try:
                    body = await answer.body()
                    head = await answer.headers_array()
                except Exception:
                    return  # the script moved on before the body was read: it was a challenge
                headers: dict[str, list[str]] = {}
                for pair in head:
                    headers.setdefault(pair["name"].lower(), []).append(pair["value"])
                if challenge_kind(answer.status, headers, body, answer.url) is None:
                    through.set()
                elif asks_a_person(body.decode("utf-8", "replace")):
                    seen["captcha"] = True  # a person must act: the visit ends here
                    through.set()
                else:
                    seen["challenges"] += 1
                    if seen["challenges"] >= MAX_ROUNDS:
                        through.set()

            page.on("response", lambda answer: asyncio.ensure_future(judge(answer)))
            try:
                await page.goto(url, wait_until="commit", timeout=self.wait * 1000)
            except Exception as error:  # e.g. the challenge's script navigated first
                logger.debug("browser visit to %s: %s", url, error)
            try:
                await asyncio.wait_for(through.wait(), timeout=self.wait)
            except asyncio.TimeoutError:
                pass
            cookies = await context.cookies()
            if through.is_set() and seen["challenges"] < MAX_ROUNDS and not seen.get("captcha"):
                return Visit(cookies, True)
            html = ""
            try:
                html = await page.content()
            except Exception:
                pass
            if seen.get("captcha") or asks_a_person(html):
                return Visit(cookies, False, "a CAPTCHA (never solved)")
            if seen["challenges"] >= MAX_ROUNDS:
                return Visit(cookies, False, f"the challenge came back {MAX_ROUNDS} times in the browser")
            return Visit(cookies, False, f"the challenge did not let the browser through in {self.wait:.0f} s")
        finally:
            await context.close()

    async def _ready(self):
        """Chromium for sessions in a crawl without a list browser, launched on first need."""
        if self._launching is None:
            self._launching = asyncio.Lock()
        async with self._launching:
            if self._browser is None:
                from playwright.async_api import async_playwright

                from crawler.fetch.browser import CHROMIUM_ARGS, chromium_path

                self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        return self._browser

    async def _close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
        if self._playwright is not None:
            await self._playwright.stop()
            self._playwright = None

    # -- what a run records -----------------------------------------------------------------

    def _block(self, host: str, state: HostSession, reason: str) -> None:
        if state.blocked is None:
            state.blocked = reason
            logger.warning("%s blocked for this run: %s", host, reason)
            self._record(host, state)

    def _record(self, host: str, state: HostSession) -> None:
        """Per site: how many sessions its hosts needed, and each host's summary (JSON)."""
        stats = self.crawler.stats
        for site in state.sites:
            mine = {h: s for h, s in self.hosts.items() if site in s.sites}
            stats.set_value(f"govarchive/{site}/browser_sessions",
                            sum(s.generation for s in mine.values()))
            stats.set_value(f"govarchive/{site}/browser_hosts",
                            json.dumps({h: s.summary() for h, s in sorted(mine.items())},
                                       ensure_ascii=False))

    def _sites_of(self, request, host: str) -> set[str]:
        """The sites a request serves: its own, or (robots.txt) every site on its host."""
        if site := request.meta.get("site"):
            return {site}
        spider = self.crawler.spider
        found = set()
        for site in getattr(spider, "sites", {}).values():
            urls = [site.home_url, *(column.url for column in site.lists)]
            if any(urlsplit(u).netloc.lower() == host for u in urls):
                found.add(site.name)
        return found


def _plain_body(response) -> bytes:
    """The body as sent before compression: this runs before Scrapy's decompression does
    (it must see redirects before they are followed)."""
    encoding = (response.headers.get(b"Content-Encoding") or b"").lower().strip()
    if not encoding or encoding == b"identity" or not response.body:
        return response.body
    import zlib

    try:
        if encoding in (b"gzip", b"x-gzip"):
            return zlib.decompress(response.body, 16 + zlib.MAX_WBITS)
        if encoding == b"deflate":
            try:
                return zlib.decompress(response.body)
            except zlib.error:
                return zlib.decompress(response.body, -zlib.MAX_WBITS)
        if encoding == b"br":
            import brotli

            return brotli.decompress(response.body)
    except Exception:  # a broken body is not a challenge of ours to judge
        return b""
    return response.body


def _header(request, name: bytes) -> str | None:
    value = request.headers.get(name)
    return value.decode("latin-1") if value else None


def _same_host(cookie: dict, host: str) -> bool:
    domain = cookie.get("domain", "").lstrip(".").lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return not domain or name == domain or name.endswith("." + domain)


def _for_jar(cookie: dict) -> dict:
    """A browser cookie as a Scrapy request cookie: host-only, with its path."""
    return {"name": cookie["name"], "value": cookie["value"], "path": cookie.get("path") or "/"}


async def _skip_heavy(route) -> None:
    if route.request.resource_type in HEAVY:
        await route.abort()
    else:
        await route.continue_()
