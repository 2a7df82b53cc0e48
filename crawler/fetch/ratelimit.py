"""A site that answers a fast crawler with a different page is slowed down, not archived.

Small government servers meet a crawler that asks too fast with a page of their own: a 200
"访问过于频繁，请稍后再试" template, a 429, or a list page with nothing on it where the page
before had notices. None of these is the page asked for. Whatever the registry allowed, the
host is then slowed down for the rest of the run: its gap between requests is raised (to at
least ``GOVARCHIVE_RATE_LIMIT_DELAY``, doubling at each complaint about a request sent at the
new pace, up to ``GOVARCHIVE_RATE_LIMIT_MAX_DELAY``: a page that says so at any pace is not
made slower without end), it is held for that long, and the page is asked again, up to
``GOVARCHIVE_RATE_LIMIT_TRIES`` times per request; after that the answer goes on to the spider,
which records it as a ``blocked_rate_limited`` failure (never a notice), asked again next run.

:class:`RateLimitPages` judges answers (a downloader middleware, after decompression);
:func:`slow_down` is what the spider calls for an empty list after a full one (only the walk
knows the page before had notices).
"""

from __future__ import annotations

import logging
from time import monotonic

from crawler.fetch.blocked import PHRASES, blocked_reason, visible_text
from crawler.fetch.politeness import PoliteDownloader, host_key, record_slowdown

logger = logging.getLogger(__name__)

#: Only pages this short are read for a rate-limit template (a notice is longer).
MAX_TEMPLATE_BYTES = 64 * 1024


def slow_down(crawler, request, why: str):
    """Raise ``request``'s host's delay for the run, hold it, and return the request to ask
    again; None when it was asked again often enough (or politeness is not ours to change)."""
    settings = crawler.settings
    tries = request.meta.get("rate_limited_tries", 0)
    if tries >= settings.getint("GOVARCHIVE_RATE_LIMIT_TRIES", 2):
        return None
    downloader = crawler.engine.downloader if crawler.engine else None
    if not isinstance(downloader, PoliteDownloader):
        return None
    key = host_key(request)
    slowed = _slowed_at(crawler)
    slot = downloader.slots.get(key)
    current = max(downloader._floors.get(key, 0.0), slot.delay if slot is not None else 0.0)
    if request.meta.get("sent_at", 0.0) >= slowed.get(key, float("-inf")):
        # Sent at the host's latest pace, and still too fast: slower. (Requests already on
        # their way when the host was slowed down are asked again at the new pace.)
        ceiling = settings.getfloat("GOVARCHIVE_RATE_LIMIT_MAX_DELAY", 10.0)
        wanted = min(max(settings.getfloat("GOVARCHIVE_RATE_LIMIT_DELAY", 2.0), 2 * current), ceiling)
        current = downloader.raise_delay(key, max(wanted, current))
        slowed[key] = monotonic()
    delay = current
    downloader.hold(key, delay)
    crawler.stats.inc_value("politeness/rate_limited")
    crawler.stats.max_value(f"politeness/rate_limited_delay/{key}", delay)
    if site := request.meta.get("site"):
        crawler.stats.inc_value(f"govarchive/{site}/rate_limited")
        record_slowdown(crawler.stats, site, key, delay)
    logger.warning("%s: %s; %s slowed to one request per %.1f s for this run, asking again",
                   request.url, why, key, delay)
    meta = {**request.meta, "rate_limited_tries": tries + 1}
    return request.replace(meta=meta, dont_filter=True)


def _slowed_at(crawler) -> dict[str, float]:
    """When each host was last slowed down in this crawl (monotonic seconds)."""
    if not hasattr(crawler, "_govarchive_slowed"):
        crawler._govarchive_slowed = {}
    return crawler._govarchive_slowed


def rate_limit_page(response) -> bool:
    """Is this answer a rate limiter's page rather than the one asked for?"""
    if response.status == 429:
        return True
    if response.status not in (200, 403, 503) or len(response.body) > MAX_TEMPLATE_BYTES:
        return False
    try:
        text = response.text
    except (AttributeError, ValueError):  # not text
        return False
    if not any(phrase in text for phrase in PHRASES["rate_limited"]):
        return False  # the cheap test first: most pages never get further
    return blocked_reason(response.status, text, visible_text(text)) == "rate_limited"


class RateLimitPages:
    """Downloader middleware: a rate-limit page slows its host down and is asked again."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("GOVARCHIVE_RATE_LIMIT", True)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        request.meta["sent_at"] = monotonic()  # compared with when its host was slowed down

    def process_response(self, request, response, spider=None):
        if not self.enabled or request.meta.get("playwright") or not rate_limit_page(response):
            return response
        again = slow_down(self.crawler, request, f"answered with a rate-limit page ({response.status})")
        return again if again is not None else response
