"""The Scrapy end of a single-process crawl: items to the archive's writer.

The pipeline holds the crawl lock (unless the CLI already took it) and an
:class:`~crawler.keep.writer.ArchiveWriter`. Runs are closed on ``spider_closed``, not in
``close_spider``: Scrapy closes item pipelines before it knows (and tells) why the crawl
ended, and an interrupted crawl must not be recorded as finished. ``close_spider`` commits the
writer's last batch, so the archive holds every item before anything else (the robots.txt
cache) opens it on ``spider_closed``; a timer commits a batch a quiet spell left waiting.
"""

from __future__ import annotations

from scrapy import signals
from twisted.internet.task import LoopingCall

from crawler.keep.lock import CrawlLock
from crawler.keep import TakedownPolicy
from crawler.keep.writer import ArchiveWriter


def takedown_policy(settings) -> TakedownPolicy:
    return TakedownPolicy(runs=settings.getint("GOVARCHIVE_REMOVED_AFTER_RUNS", 2),
                          days=settings.getfloat("GOVARCHIVE_REMOVED_AFTER_DAYS", 1.0))


def batching(settings) -> dict:
    """How many items (and seconds) the writer keeps in one transaction."""
    return {"batch_size": settings.getint("GOVARCHIVE_WRITE_BATCH", 200),
            "batch_seconds": settings.getfloat("GOVARCHIVE_WRITE_BATCH_SECONDS", 1.0)}


def crawl_mode(settings) -> str:
    return "full" if settings.getbool("GOVARCHIVE_FULL_WALK") else "incremental"


class RequestStats:
    """Per-site request figures, counted in the crawl's stats as govarchive/SITE/NAME."""

    def __init__(self, crawler):
        self.stats = crawler.stats
        crawler.signals.connect(self._request_reached, signal=signals.request_reached_downloader)
        crawler.signals.connect(self._response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _request_reached(self, request) -> None:
        if site := request.meta.get("site"):
            self.stats.inc_value(f"govarchive/{site}/requests")

    def _response_received(self, response, request) -> None:
        if site := request.meta.get("site"):
            self.stats.inc_value(f"govarchive/{site}/responses")
            self.stats.inc_value(f"govarchive/{site}/bytes", len(response.body))


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("GOVARCHIVE_DB", "archive.db")
        # The CLI takes the lock before Scrapy starts (for a clean error); `scrapy crawl` doesn't.
        self.lock = None if settings.getbool("GOVARCHIVE_LOCK_HELD") else CrawlLock(self.db_path)
        self.writer: ArchiveWriter | None = None
        self.timer: LoopingCall | None = None
        crawler.signals.connect(self._finish, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self) -> None:
        if self.lock is not None:
            self.lock.acquire()
        settings = self.crawler.settings
        stats = self.crawler.stats
        self.writer = ArchiveWriter(
            self.db_path, self.crawler.spider.sites, takedown=takedown_policy(settings),
            mode=crawl_mode(settings), on_tally=lambda key: stats.inc_value(f"govarchive/notices/{key}"),
            **batching(settings))
        self.crawler.stats.set_value("govarchive/run_ids", dict(self.writer.runs))
        self.timer = LoopingCall(self.writer.flush_if_due)
        self.timer.start(max(self.writer.batch_seconds / 2, 0.05), now=False)

    def process_item(self, item):
        self.writer.write(item)
        return item

    def close_spider(self) -> None:
        self._stop_timer()
        if self.writer is not None:
            self.writer.flush()

    def _stop_timer(self) -> None:
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.timer = None

    def _finish(self, reason: str) -> None:
        self._stop_timer()
        if self.writer is None:
            return
        stats = self.crawler.stats
        try:
            self.writer.finish(reason, lambda site, key: int(stats.get_value(f"govarchive/{site}/{key}", 0)),
                               lambda site, key: stats.get_value(f"govarchive/{site}/{key}"))
        finally:
            self.writer = None
            if self.lock is not None:
                self.lock.release()
