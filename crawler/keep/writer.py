"""The archive's single writer: crawl items in, archive.db rows out, one run per site.

SQLite has one writer, so everything a crawl keeps goes through one ArchiveWriter: the
Scrapy pipeline holds one in a single-process crawl, and in a distributed crawl the
coordinator holds it and feeds it the items workers send through Redis. Either way a run
ends with its figures and health, and column walks count as complete only if the crawl
finished (a crawl cut short must walk its columns to the end next time).

Items are kept in batches: one transaction for up to ``batch_size`` items or
``batch_seconds``, whichever comes first (and at :meth:`flush`, which the pipeline calls on a
timer and at the end). The search index of the batch's notices is brought up to date once,
just before the commit (crawler.keep.search.defer). A crawl killed mid-batch loses the
batch's items from the archive, never half of one: none of them was kept, so the next crawl
fetches them again, as it would the pages still in flight. If an item fails half-written,
the batch is rolled back and its other items kept again one by one, each in its own
transaction, so one bad item costs only itself.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable

from crawler import clock
from crawler.items import (ColumnWalked, FetchedAttachment, FetchedImage, FetchedNotice,
                           FetchFailed, NoticeGone, NoticeUnchanged)
from crawler.keep import Archive, FetchInfo, TakedownPolicy, search
from crawler.keep.copies import CopyIndex

logger = logging.getLogger(__name__)

STAT_FIGURES = ("requests", "responses", "bytes", "errors", "list_pages", "empty_lists",
                "rechecked", "blocked", "browser_sessions", "rate_limited")
#: Figures the crawl keeps as text (JSON), not counts.
STAT_TEXTS = ("browser_hosts", "legacy_tls_hosts", "rate_limited_hosts")


class ArchiveWriter:
    def __init__(self, db_path: str, sites: dict, *, takedown: TakedownPolicy | None = None,
                 mode: str = "incremental", on_tally: Callable[[str], None] | None = None,
                 batch_size: int = 200, batch_seconds: float = 1.0):
        self.sites = sites
        self.batch_size, self.batch_seconds = batch_size, batch_seconds
        self._batch: list = []  # items written in the open transaction, in order
        self._batch_started = 0.0
        self._replaying = False
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
        if handler is None:
            return
        if self.batch_size <= 1:
            handler(self, item)  # one transaction per item
            return
        if not self._batch:
            self._begin()
        try:
            handler(self, item)
        except Exception:
            self._recover()
            raise
        self._batch.append(item)
        if len(self._batch) >= self.batch_size or self._due():
            self.flush()

    def _due(self) -> bool:
        return bool(self._batch) and time.monotonic() - self._batch_started >= self.batch_seconds

    def flush_if_due(self) -> None:
        """For a timer: commit a batch that has waited ``batch_seconds`` (a quiet spell)."""
        if self._due():
            self.flush()

    def flush(self) -> None:
        """Commit the open batch: its notices' index entries in bulk, then everything at once."""
        conn = self.archive.db.conn
        if not search.batching(conn):
            return
        try:
            search.settle(conn)
            conn.commit()
        except Exception:
            self._recover()
            raise
        self._batch = []

    def _begin(self) -> None:
        conn = self.archive.db.conn
        if conn.in_transaction:
            conn.commit()
        conn.execute("BEGIN")
        search.defer(conn)
        self._batch_started = time.monotonic()

    def _recover(self) -> None:
        """Roll the batch back and keep its items again one by one (the failing one is not
        in it: it is raised to the caller, as it would be without batches)."""
        conn = self.archive.db.conn
        conn.rollback()
        search.settle(conn, discard=True)
        done, self._batch = self._batch, []
        self._replaying = True
        try:
            for item in done:
                try:
                    self.HANDLERS[type(item)](self, item)
                except Exception:  # noqa: BLE001 - it was kept once; say so and go on
                    logger.exception("an item kept in a batch failed on its own: %r", item)
        finally:
            self._replaying = False

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
        if not self._replaying:
            self.walks.append(item)
        if item.hit_page_limit:
            logger.warning("%s: list %s hit the page limit (an endless list?)", item.site, item.url)
            self._failed(FetchFailed(item.site, item.url, "trap", what="list"))

    def _tally(self, site: str, key: str, *, restored: bool = False) -> None:
        if self._replaying:
            return  # counted when it was first written
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
        self.flush()
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
                last_modified=walk.last_modified, pager=walk.pager, run_id=self.runs.get(walk.site),
            )
            self.archive.columns.pages_read(walk.site, walk.url, walk.page_links,
                                            self.runs[walk.site])
