"""From spider items to archive.db, with one crawl_runs row per site per crawl.

The pipeline is the only crawl component that holds the database; it writes through
:class:`crawler.storage.Archive` and records each run's figures when the crawl closes, whether
it finished or was interrupted, so every run leaves its numbers behind.
"""

from __future__ import annotations

import logging

from scrapy import signals

from crawler.items import FetchedAttachment, FetchedNotice
from crawler.storage import Archive

logger = logging.getLogger(__name__)

RUN_FIGURES = ("requests", "responses", "bytes", "errors")


class ArchivePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("GOVARCHIVE_DB", "archive.db")
        self.archive: Archive | None = None
        self.runs: dict[str, int] = {}
        self.outcomes: dict[str, dict[str, int]] = {}
        crawler.signals.connect(self._response_received, signal=signals.response_received)
        crawler.signals.connect(self._request_reached, signal=signals.request_reached_downloader)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    # -- run bookkeeping -----------------------------------------------------------------

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.archive = Archive(self.db_path)
        for site in spider.sites.values():
            self.archive.upsert_site(site)
            self.runs[site.name] = self.archive.start_run(site)
            self.outcomes[site.name] = {"new": 0, "changed": 0, "unchanged": 0, "attachments": 0}

    def close_spider(self) -> None:
        if self.archive is None:
            return
        reason = self.crawler.stats.get_value("finish_reason") or "finished"
        status = "finished" if reason == "finished" else f"stopped ({reason})"
        for site_name, run_id in self.runs.items():
            figures = dict(self.outcomes[site_name])
            figures["notices_seen"] = sum(figures[k] for k in ("new", "changed", "unchanged"))
            for key in RUN_FIGURES:
                figures[key] = self._stat(site_name, key)
            self.archive.finish_run(run_id, status, figures)
        self.archive.close()
        self.archive = None

    def _stat(self, site: str, key: str) -> int:
        return int(self.crawler.stats.get_value(f"govarchive/{site}/{key}", 0))

    def _request_reached(self, request) -> None:
        site = request.meta.get("site")
        if site:
            self.crawler.stats.inc_value(f"govarchive/{site}/requests")

    def _response_received(self, response, request) -> None:
        site = request.meta.get("site")
        if site:
            self.crawler.stats.inc_value(f"govarchive/{site}/responses")
            self.crawler.stats.inc_value(f"govarchive/{site}/bytes", len(response.body))

    # -- items ---------------------------------------------------------------------------

    def process_item(self, item):
        assert self.archive is not None
        if isinstance(item, FetchedNotice):
            site = self.crawler.spider.sites[item.site]
            outcome = self.archive.store_notice(site, item.notice)
            self.outcomes[item.site][outcome] += 1
            self.crawler.stats.inc_value(f"govarchive/notices/{outcome}")
        elif isinstance(item, FetchedAttachment):
            self.archive.store_attachment_file(item.url, item.body, item.content_type)
            self.outcomes[item.site]["attachments"] += 1
            self.crawler.stats.inc_value("govarchive/attachments")
        return item
