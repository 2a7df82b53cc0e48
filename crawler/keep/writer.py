"""The archive's single writer: crawl items in, archive.db rows out, one run per site.

SQLite has one writer, so everything a crawl keeps goes through one ArchiveWriter: the
Scrapy pipeline holds one in a single-process crawl, and in a distributed crawl the
coordinator holds it and feeds it the items workers send through Redis. Either way a run
ends with its figures and health, and column walks count as complete only if the crawl
finished (a crawl cut short must walk its columns to the end next time).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

from crawler import clock
from crawler.items import (ColumnWalked, FetchedAttachment, FetchedImage, FetchedNotice,
                           FetchFailed, NoticeGone, NoticeUnchanged)
from crawler.keep import Archive, FetchInfo, TakedownPolicy
from crawler.keep.copies import CopyIndex

logger = logging.getLogger(__name__)

STAT_FIGURES = ("requests", "responses", "bytes", "errors", "list_pages", "empty_lists",
                "rechecked", "blocked", "browser_sessions")
#: Figures the crawl keeps as text (JSON), not counts.
STAT_TEXTS = ("browser_hosts", "legacy_tls_hosts")


class ArchiveWriter:
    def __init__(self, db_path: str, sites: dict, *, takedown: TakedownPolicy | None = None,
                 mode: str = "incremental", on_tally: Callable[[str], None] | None = None):
        self.sites = sites
        self.on_tally = on_tally  # e.g. the progress line's counters
        self.archive = Archive(db_path, takedown=takedown)
        self.copies = CopyIndex(self.archive.db)
        if died := self.archive.runs.close_interrupted():
            logger.warning("%d run(s) of an earlier crawl died unfinished; marked interrupted", died)
        self.runs: dict[str, int] = {}
        self.figures: dict[str, Counter] = {}
        self.walks: list[ColumnWalked] = []
        for site in sites.values():
            self.archive.upsert_site(site)
            self.runs[site.name] = self.archive.runs.start(site.name, mode)
            self.figures[site.name] = Counter()

    # -- items ---------------------------------------------------------------------------

    def write(self, item) -> None:
        handler = self.HANDLERS.get(type(item))
        if handler is not None:
            handler(self, item)

    def _notice(self, item: FetchedNotice) -> None:
        outcome = self.archive.notices.store(self.sites[item.site], item.notice, FetchInfo(
            requested_url=item.requested_url, etag=item.etag, last_modified=item.last_modified,
            warc_file=item.warc_file, warc_offset=item.warc_offset, run_id=self.runs[item.site],
            via=item.via,
        ))
        self._tally(item.site, outcome.kind, restored=outcome.restored)
        if outcome.kind in ("new", "changed"):
            self._link_copies(item.notice.url)

    def _link_copies(self, url: str) -> None:
        """Compare a new or changed text with the archive's (crawler/keep/copies.py). The
        notice is kept already; a failure here costs its links, never the notice."""
        row = self.archive.notices.row(url)
        if row is None:
            return
        try:
            self.copies.notice_arrived(row["id"])
        except Exception:  # noqa: BLE001 - logged, and the crawl goes on
            logger.exception("copies of notice %s (%s) not linked", row["id"], url)

    def _unchanged(self, item: NoticeUnchanged) -> None:
        outcome = self.archive.notices.not_modified(item.url, FetchInfo(
            etag=item.etag, last_modified=item.last_modified, run_id=self.runs[item.site]))
        if outcome is not None:
            self._tally(item.site, "not_modified", restored=outcome.restored)

    def _gone(self, item: NoticeGone) -> None:
        verdict = self.archive.notices.gone(item.url, item.reason, self.runs[item.site])
        if verdict:
            self._tally(item.site, verdict)

    def _attachment(self, item: FetchedAttachment) -> None:
        self.archive.files.attach(item.url, item.body, item.content_type, item.file_name)
        self._tally(item.site, "attachments")

    def _image(self, item: FetchedImage) -> None:
        self.archive.files.keep_image(item.url, item.body, item.content_type)

    def _failed(self, item: FetchFailed) -> None:
        if item.what == "attachment":
            self.archive.files.failed(item.url, item.kind)
        elif item.what == "image":
            self.archive.files.image_failed(item.url, item.kind)
        run_id, now, db = self.runs[item.site], clock.stamp(), self.archive.db
        with db.atomic():
            updated = db.execute(
                "UPDATE fetch_failures SET count = count + 1, last_at = ?"
                " WHERE run_id = ? AND url = ? AND kind = ?", [now, run_id, item.url, item.kind])
            if not updated.rowcount:
                db["fetch_failures"].insert({
                    "run_id": run_id, "site": item.site, "url": item.url, "what": item.what,
                    "kind": item.kind, "count": 1, "last_at": now, "detail": item.detail,
                })

    def _walked(self, item: ColumnWalked) -> None:
        self.walks.append(item)
        if item.hit_page_limit:
            logger.warning("%s: list %s hit the page limit (an endless list?)", item.site, item.url)
            self._failed(FetchFailed(item.site, item.url, "trap", what="list"))

    def _tally(self, site: str, key: str, *, restored: bool = False) -> None:
        for name in (key, "restored") if restored else (key,):
            self.figures[site][name] += 1
            if self.on_tally is not None:
                self.on_tally(name)

    HANDLERS: dict[type, Callable] = {
        FetchedNotice: _notice, NoticeUnchanged: _unchanged, NoticeGone: _gone,
        FetchedAttachment: _attachment, FetchFailed: _failed, ColumnWalked: _walked,
        FetchedImage: _image,
    }

    # -- the end of a crawl ----------------------------------------------------------------

    def finish(self, reason: str, stat: Callable[[str, str], int],
               text: Callable[[str, str], str | None] | None = None) -> list[dict]:
        """Close every run; ``stat(site, name)`` gives the crawl's request-level figures,
        ``text(site, name)`` its text ones (which hosts needed browser sessions)."""
        status = "finished" if reason == "finished" else f"stopped ({reason})"
        try:
            self._keep_walks(finished=status == "finished")
            rows = []
            for site_name, run_id in self.runs.items():
                figures = Counter(self.figures[site_name])
                for key in STAT_FIGURES:
                    figures[key] = stat(site_name, key)
                figures["notices_seen"] = figures["new"] + figures["changed"] + figures["unchanged"]
                figures["first_page_links"] = self._first_page_links(site_name)
                texts = {key: text(site_name, key) for key in STAT_TEXTS} if text else {}
                row = self.archive.runs.finish(run_id, status, figures, texts)
                if row["health"] != "ok":
                    logger.warning("%s needs attention: %s", site_name, row["health_notes"])
                rows.append(row)
            return rows
        finally:
            self.archive.close()

    def _first_page_links(self, site: str) -> int:
        """Links on the first page of each column; an unchanged (304) list counts as before."""
        total = 0
        for walk in (w for w in self.walks if w.site == site):
            if walk.first_page_links is not None:
                total += walk.first_page_links
            else:
                row = self.archive.db.execute(
                    "SELECT first_page_links FROM site_columns WHERE url = ?", [walk.url]).fetchone()
                total += (row[0] or 0) if row else 0
        return total

    def _keep_walks(self, *, finished: bool) -> None:
        for walk in self.walks:
            self.archive.columns.walked(
                walk.site, walk.url, channel=walk.channel, to_end=walk.to_end and finished,
                first_page_links=walk.first_page_links, etag=walk.etag,
                last_modified=walk.last_modified,
            )
            self.archive.columns.pages_read(walk.site, walk.url, walk.page_links,
                                            self.runs[walk.site])
