"""Running a crawl from Python (the CLI, tests, benchmarks): one Scrapy crawler for all sites.

One crawler, not one per site: per-host limits then hold across the whole run, and a crawl
that needs a browser starts one, not one per site. The crawl lock is taken here, before
Scrapy starts, so a second crawl on the same archive fails at once with a clear message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import clock
from crawler.keep.check import remember_whole
from crawler.keep.lock import CrawlLock
from crawler.navigate.registry import Site
from crawler.run.plan import crawl_settings
from spiders.notices import NoticeSpider


@dataclass
class CrawlOptions:
    progress: bool = False
    full: bool = False  # walk every list to its end
    recheck_all: bool = False  # fetch every archived notice again
    overrides: dict = field(default_factory=dict)


@dataclass
class CrawlOutcome:
    finish_reason: str
    stats: dict
    runs: list[dict]  # the crawl_runs rows this crawl wrote, one per site

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished"


def build_settings(sites: list[Site], db_path: str | Path, options: CrawlOptions) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.run.settings", priority="project")
    settings.setdict(crawl_settings(sites), priority="spider")
    settings.setdict({
        "GOVARCHIVE_DB": str(db_path),
        "GOVARCHIVE_LOCK_HELD": True,
        "GOVARCHIVE_FULL_WALK": options.full,
        "GOVARCHIVE_RECHECK_ALL": options.recheck_all,
    }, priority="cmdline")
    if options.progress:
        settings.set("GOVARCHIVE_PROGRESS", True, priority="cmdline")
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    settings.setdict(options.overrides, priority="cmdline")
    return settings


def run_crawl(sites: list[Site], db_path: str | Path, options: CrawlOptions | None = None) -> CrawlOutcome:
    """Crawl ``sites`` (made concrete, see crawler.run.plan) into ``db_path``; blocks until done.

    Raises crawler.keep.lock.CrawlRunning if another crawl holds the archive. Twisted's reactor
    starts once per process: call this once per process.
    """
    options = options or CrawlOptions()
    with CrawlLock(db_path):
        crawler = _run(sites, build_settings(sites, db_path, options), options)
        stats = crawler.stats.get_stats()
        runs = _runs(db_path, stats.get("govarchive/run_ids", {}))
        # Only this crawl wrote the file since it was checked: the next needs no full check.
        remember_whole(db_path)
    return CrawlOutcome(finish_reason=str(stats.get("finish_reason", "unknown")), stats=stats, runs=runs)


def run_worker_crawl(sites: list[Site], options: CrawlOptions) -> CrawlOutcome:
    """One worker of a distributed crawl (crawler.run.distributed): no archive of its own."""
    settings = build_settings(sites, "", options)
    crawler = _run(sites, settings, options)
    stats = crawler.stats.get_stats()
    return CrawlOutcome(finish_reason=str(stats.get("finish_reason", "unknown")), stats=stats, runs=[])


def _run(sites: list[Site], settings: Settings, options: CrawlOptions):
    process = CrawlerProcess(settings)
    if options.progress:
        logging.getLogger("scrapy").setLevel(logging.WARNING)
    crawler = process.create_crawler(NoticeSpider)
    process.crawl(crawler, sites=sites)
    process.start()
    return crawler


def _runs(db_path: str | Path, run_ids: dict[str, int]) -> list[dict]:
    from crawler.keep import Archive

    archive = Archive(db_path)
    try:
        return [archive.db["crawl_runs"].get(run_id) for run_id in run_ids.values()]
    finally:
        archive.close()


__all__ = ["CrawlOptions", "CrawlOutcome", "build_settings", "clock", "run_crawl"]
