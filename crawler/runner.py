"""Running a crawl from Python (the CLI, tests, benchmarks): one Scrapy crawler for all sites.

One crawler, not one per site: per-host limits then hold across the whole run, and a crawl
that needs a browser starts one, not one per site.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.plan import crawl_settings
from spiders.notices import NoticeSpider
from spiders.registry import Site


@dataclass
class CrawlOutcome:
    finish_reason: str
    stats: dict
    runs: list[dict]  # the crawl_runs rows this crawl wrote, one per site

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished"


def build_settings(sites: list[Site], db_path: str | Path, *, progress: bool = False,
                   overrides: dict | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict(crawl_settings(sites), priority="spider")
    settings.set("GOVARCHIVE_DB", str(db_path), priority="cmdline")
    if progress:
        settings.set("GOVARCHIVE_PROGRESS", True, priority="cmdline")
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def run_crawl(sites: list[Site], db_path: str | Path, *, progress: bool = False,
              overrides: dict | None = None) -> CrawlOutcome:
    """Crawl ``sites`` (made concrete, see crawler.plan) into ``db_path``; blocks until done.

    Twisted's reactor starts once per process: call this once per process.
    """
    settings = build_settings(sites, db_path, progress=progress, overrides=overrides)
    process = CrawlerProcess(settings, install_root_handler=True)
    if progress:
        logging.getLogger("scrapy").setLevel(logging.WARNING)
    crawler = process.create_crawler(NoticeSpider)
    process.crawl(crawler, sites=sites)
    process.start()
    stats = crawler.stats.get_stats()
    return CrawlOutcome(
        finish_reason=str(stats.get("finish_reason", "unknown")),
        stats=stats,
        runs=_last_runs(db_path, [site.name for site in sites]),
    )


def _last_runs(db_path: str | Path, names: list[str]) -> list[dict]:
    from crawler.storage import Archive

    archive = Archive(db_path)
    try:
        rows = []
        for name in names:
            row = archive.db.execute(
                "SELECT * FROM crawl_runs WHERE site = ? ORDER BY id DESC LIMIT 1", [name]
            ).fetchone()
            if row:
                columns = [c.name for c in archive.db["crawl_runs"].columns]
                rows.append(dict(zip(columns, row)))
        return rows
    finally:
        archive.close()
