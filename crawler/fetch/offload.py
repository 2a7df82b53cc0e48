"""Notice pages cleaned in worker processes, off Scrapy's event loop.

Extraction is the crawl's largest cost (crawler/extract: parsing, the tree walk, the line
rules), and Scrapy runs every callback on one event loop, so a crawl done in one process
uses one core however many the machine has. This downloader middleware hands the body of
each notice page that answered 200 to a process pool and lets the loop go on downloading;
the record comes back in the request's ``meta["extracted"]`` and the spider's callback uses it
instead of extracting again. The archive still has one writer: records return to this
process, and its pipeline keeps them.

``GOVARCHIVE_EXTRACT_WORKERS``: processes in the pool (default: one per core; 0 turns the
pool off and the callback extracts, as before). A page whose extraction fails in the pool is
simply not marked, so the callback meets the same error in its own frame, as without a pool.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.fetch.headers import content_type
from crawler.fetch.reading import read_notice  # a worker imports only that module
from crawler.urls import canonical

logger = logging.getLogger(__name__)

#: Request kinds (spider meta ``kind``) whose 200 answers are notice pages.
NOTICE_KINDS = ("notice", "recheck")


class ExtractionPool:
    """Downloader middleware: notice pages extracted in a process pool before the callback."""

    def __init__(self, crawler, workers: int):
        self.workers = workers
        self.stats = crawler.stats
        self.pool: ProcessPoolExecutor | None = None
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        workers = crawler.settings.getint("GOVARCHIVE_EXTRACT_WORKERS", os.cpu_count() or 1)
        if workers <= 0:
            raise NotConfigured("extraction in the callback")
        return cls(crawler, workers)

    def _executor(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # spawn: a fork of a process running Twisted's reactor and its threads is unsafe
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self.pool

    async def process_response(self, request, response, spider=None):
        if (request.meta.get("kind") not in NOTICE_KINDS or response.status != 200
                or not _html(response)):
            return response
        job = self._executor().submit(read_notice, response.body, canonical(response.url),
                                      request.meta.get("hint"), content_type(response))
        try:
            request.meta["extracted"] = (canonical(response.url), *await asyncio.wrap_future(job))
            self.stats.inc_value("govarchive/extracted_in_pool")
        except Exception:  # noqa: BLE001 - the callback extracts, and meets the error itself
            logger.debug("extraction of %s failed in the pool", response.url, exc_info=True)
            self.stats.inc_value("govarchive/extraction_failed_in_pool")
        return response

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _html(response) -> bool:
    kind = (content_type(response) or "text/html").lower()
    return "html" in kind or "xml" in kind or "text/plain" in kind


def extracted(response, url: str) -> tuple | None:
    """What the pool read of this response for ``url``: (notice, own), or None."""
    done = response.meta.get("extracted")
    return done[1:] if done is not None and done[0] == url else None
