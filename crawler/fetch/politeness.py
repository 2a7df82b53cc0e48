"""Politeness that holds: fixes for the gaps we measured in Scrapy 2.19.

Government servers are small; an archive that hammers them gets blocked, and deserves to.
Scrapy's own settings promise more than 2.19 delivers, so each gap is closed here and guarded
by a test in tests/test_politeness.py:

* robots.txt: while a host's robots.txt is downloading, every request that waits for it must
  get the rules. Stock 2.19 awaits one shared Deferred through ``asFuture``, whose callback
  returns None, so the second waiter onwards is handed "no rules" and allowed everything.
* ``CONCURRENT_REQUESTS_PER_DOMAIN`` with no download delay: stock 2.19 hands every queued
  request to the network at once, because a request only counts as transferring once its
  coroutine has started.
* ``Crawl-delay`` in robots.txt is parsed but never applied; ``Retry-After`` on 429/503 is
  ignored. Both are applied here per host, with a cap.
* One queue per host: Scrapy 2.19's ``DownloaderAwarePriorityQueue`` keeps a queue per host
  and takes from the least busy one, but takes from a host that already has its
  concurrency's worth in the downloader whenever the others' queues are empty for a moment (a
  list page being read). Those requests then wait out the host's delay inside the downloader,
  counted against ``CONCURRENT_REQUESTS``, and a slow host starves the others of places.
  :class:`HostQueues` takes a request only from a host with room for it.
* Hosts are told apart by host *and port* (``netloc``), as robots.txt is: two sites on one
  address are two servers to be polite to.
* robots.txt that answers 5xx, or cannot be downloaded at all: stock 2.19 reads a 5xx body as
  rules and treats a failed download as "everything allowed". RFC 9309 says to assume
  complete disallow while it is unreachable; here that is *robots unavailable*, not a ban:
  the host is left alone for this run, each request refused says ``robots.txt unavailable``
  (a ``robots_unavailable`` failure, asked for again next run), and nothing is kept, so the
  next run asks for robots.txt again.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.core.downloader import Downloader, Slot
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.pqueues import DownloaderAwarePriorityQueue
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro, maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

from crawler import clock
from crawler.fetch.failures import ROBOTS_UNAVAILABLE

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


def host_key(request: Request) -> str:
    """The politeness unit: scheme-less host:port, lower-cased (as robots.txt is scoped)."""
    return urlparse_cached(request).netloc.lower()


def slot_settings(politeness_by_host: dict[str, tuple[float, int]]) -> dict[str, dict]:
    """DOWNLOAD_SLOTS for a crawl: {host: {"delay": s, "concurrency": n}}."""
    return {
        host: {"delay": delay, "concurrency": concurrency}
        for host, (delay, concurrency) in politeness_by_host.items()
    }


class PoliteDownloader(Downloader):
    """Scrapy's downloader with per-host concurrency that holds at zero delay and holds
    ("wait until") that Retry-After and Crawl-delay can place on a host."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._held_until: dict[str, float] = {}
        self._floors: dict[str, float] = {}
        self._max_hold = crawler.settings.getfloat("GOVARCHIVE_MAX_HOLD", 300.0)

    def get_slot_key(self, request: Request) -> str:
        # Always the request's own host: a redirect copies the source request's meta, and
        # with it the old host's slot, which would charge the new host's requests to it.
        return host_key(request)

    def hold(self, key: str, seconds: float) -> float:
        """Send nothing to ``key`` for ``seconds`` (capped); returns the hold applied."""
        seconds = max(0.0, min(seconds, self._max_hold))
        until = monotonic() + seconds
        if until > self._held_until.get(key, 0.0):
            self._held_until[key] = until
        return seconds

    def raise_delay(self, key: str, delay: float) -> float:
        """Make the gap between requests to ``key`` at least ``delay`` (capped): a floor
        that jitter never goes below, kept for the host even when its idle slot is dropped."""
        delay = max(0.0, min(delay, self._max_hold))
        self._floors[key] = max(self._floors.get(key, 0.0), delay)
        return self._floors[key]

    def _slot_key_of(self, slot: Slot) -> str | None:
        for key, candidate in self.slots.items():
            if candidate is slot:
                return key
        return None

    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return
        now = monotonic()
        key = self._slot_key_of(slot)
        held = self._held_until.get(key, 0.0) - now if key is not None else 0.0
        if held > 0:
            slot.latercall = call_later(held, self._latercall, slot)
            return
        delay = max(slot.download_delay(), self._floors.get(key, 0.0) if key is not None else 0.0)
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            # Count the request as transferring now: its coroutine starts later, and stock
            # Scrapy's loop would otherwise hand the whole queue to the network at once.
            slot.transferring.add(request)
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:
                self._process_queue(slot)
                break


class HostQueues(DownloaderAwarePriorityQueue):
    """The scheduler's requests, one queue per host (download slot); the next request comes
    from the least busy host that has room for one more in the downloader (fewer there than
    its concurrency), so a slow or held host waits in its own queue, not in the crawl's
    places. ``None`` while every host with requests is full: the engine asks again as soon
    as a download ends."""

    def _has_room(self, key: str, active: int) -> bool:
        slot = self._downloader_interface.downloader.slots.get(key)
        return slot is None or active < slot.concurrency

    def _ready(self) -> list[tuple[int, str]]:
        return [(active, key) for active, key in self._downloader_interface.stats(self.pqueues)
                if self._has_room(key, active)]

    def pop(self) -> Request | None:
        ready = self._ready()
        if not ready:
            return None
        key = self._next_slot(ready, update_state=True)
        queue = self.pqueues[key]
        request = queue.pop()
        if len(queue) == 0:
            del self.pqueues[key]
            queue.close()
        return request

    def peek(self) -> Request | None:
        ready = self._ready()
        if not ready:
            return None
        return self.pqueues[self._next_slot(ready, update_state=False)].peek()


class _Unavailable:
    """The rules of a host whose robots.txt could not be read this run: nothing is fetched."""

    def __repr__(self) -> str:
        return "<robots.txt unavailable>"


UNAVAILABLE = _Unavailable()


class PoliteRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt rules for every waiting request, Crawl-delay applied to the host, and each
    host's robots.txt kept in the archive for a day (RFC 9309 allows 24 hours), so a nightly
    run re-reads it once a day rather than once per run. A robots.txt that answers 5xx or
    cannot be downloaded leaves its host alone for this run, without a ban."""

    CACHE_DAYS = 1.0

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._db_path = crawler.settings.get("GOVARCHIVE_DB")
        self._cached: dict[str, bytes] = _read_robots_cache(self._db_path, self.CACHE_DAYS)
        self._fetched: dict[str, tuple[int, bytes]] = {}
        crawler.signals.connect(self._keep_fetched, signal=signals.spider_closed)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers and netloc in self._cached:
            parser = build_from_crawler(self._parserimpl, self.crawler, self._cached[netloc])
            self._parsers[netloc] = parser
            self._stats.inc_value("robotstxt/from_archive")
            self._apply_crawl_delay(netloc)
        pending = self._parsers.get(netloc)
        if isinstance(pending, Deferred):
            # Each waiter gets its own Deferred fed from the shared one, which keeps its result.
            own: Deferred = Deferred()

            def relay(result):
                own.callback(result)
                return result

            pending.addBoth(relay)
            return await maybe_deferred_to_future(own)
        return await super().robot_parser(request)

    def process_request_2(self, rp, request: Request) -> None:
        if rp is UNAVAILABLE:
            self._stats.inc_value("robotstxt/unavailable")
            raise IgnoreRequest(ROBOTS_UNAVAILABLE)
        super().process_request_2(rp, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        # RFC 9309: a server error means "assume complete disallow" for now; it says nothing
        # about the rules, so nothing is kept. Rules are read from the first 5 MiB only.
        if response.status >= 500:
            self._unavailable(netloc, f"answered {response.status}")
            return
        if len(response.body) > ROBOTS_MAX_BYTES:
            response = response.replace(body=response.body[:ROBOTS_MAX_BYTES])
        await super()._parse_robots(response, netloc, request)
        self._fetched[netloc] = (response.status, response.body)
        self._apply_crawl_delay(netloc)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # refused by a policy of ours (too many redirects)
            super()._robots_error(exc, netloc)
            return
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._unavailable(netloc, f"could not be downloaded ({type(exc).__name__})")

    def _unavailable(self, netloc: str, why: str) -> None:
        """Leave ``netloc`` alone for this run; every request waiting for its rules is told."""
        logger.warning("robots.txt of %s %s: nothing fetched from it this run", netloc, why)
        self._stats.inc_value("govarchive/robots_unavailable")
        pending = self._parsers.get(netloc)
        self._parsers[netloc] = UNAVAILABLE
        if isinstance(pending, Deferred):
            pending.callback(UNAVAILABLE)

    def _keep_fetched(self) -> None:
        if not self.crawler.settings.getbool("GOVARCHIVE_ROBOTS_CACHE_WRITE", True):
            return  # a distributed crawl's worker: only the coordinator writes the archive
        if self._db_path and self._fetched:
            _write_robots_cache(self._db_path, self._fetched)

    def _apply_crawl_delay(self, netloc: str) -> None:
        parser = self._parsers.get(netloc)
        crawl_delay = getattr(parser, "crawl_delay", None)
        if parser is None or crawl_delay is None:
            return
        useragent = self._robotstxt_useragent or self._default_useragent
        delay = crawl_delay(useragent)
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if delay and isinstance(downloader, PoliteDownloader):
            applied = downloader.raise_delay(netloc.lower(), delay)
            self._stats.set_value(f"politeness/crawl_delay/{netloc}", applied)
            logger.info("robots.txt of %s asks Crawl-delay %s s; applying %s s", netloc, delay, applied)


ROBOTS_MAX_BYTES = 5 * 1024 * 1024  # RFC 9309 asks for at least 500 KiB; rules late in a big file still count


def _read_robots_cache(db_path: str | None, max_age_days: float) -> dict[str, bytes]:
    """robots.txt bodies the archive fetched within the last day, by host."""
    import sqlite3

    if not db_path:
        return {}
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        rows = conn.execute("SELECT host, fetched_at, status, body FROM robots_cache").fetchall()
        conn.close()
    except sqlite3.Error:
        return {}
    now = clock.stamp()
    return {host: body or b"" for host, fetched, status, body in rows
            if clock.days_between(fetched, now) < max_age_days}


def _write_robots_cache(db_path: str, fetched: dict[str, tuple[int, bytes]]) -> None:
    from crawler.keep import Archive

    archive = Archive(db_path)
    try:
        for host, (status, body) in fetched.items():
            archive.columns.keep_robots(host, status, body)
    finally:
        archive.close()


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def record_slowdown(stats, site: str, host: str, delay: float) -> None:
    """Per site, the hosts that made the crawl slow down (a rate limiter's page, a 429, a
    Retry-After): how often, and the longest gap reached, in seconds (a raised delay between
    requests or a hold). Kept as JSON for the run's row and its health."""
    key = f"govarchive/{site}/rate_limited_hosts"
    hosts = json.loads(stats.get_value(key) or "{}")
    seen = hosts.setdefault(host, {"slowdowns": 0, "delay": 0.0})
    seen["slowdowns"] += 1
    seen["delay"] = max(seen["delay"], round(delay, 2))
    stats.set_value(key, json.dumps(hosts, sort_keys=True))


class RetryAfterMiddleware(RetryMiddleware):
    """Retries like Scrapy's, and on 429/503 with Retry-After holds the whole host first."""

    HONOURED = frozenset({429, 503})

    def process_response(self, request, response, spider=None):
        if (
            response.status in self.HONOURED
            and response.status in self.retry_http_codes
            and not request.meta.get("dont_retry", False)
        ):
            wait = parse_retry_after(response.headers.get(b"Retry-After"))
            downloader = self.crawler.engine.downloader if self.crawler.engine else None
            if wait is not None and isinstance(downloader, PoliteDownloader):
                held = downloader.hold(downloader.get_slot_key(request), wait)
                from crawler.fetch.leases import shared_hold

                shared_hold(self.crawler, downloader.get_slot_key(request), held)
                self.crawler.stats.inc_value("politeness/retry_after_honoured")
                if site := request.meta.get("site"):
                    record_slowdown(self.crawler.stats, site, downloader.get_slot_key(request), held)
                logger.info("%s answered %s with Retry-After %s; holding host %.1f s",
                            request.url, response.status, wait, held)
        return super().process_response(request, response)
