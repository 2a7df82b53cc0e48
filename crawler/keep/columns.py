"""Column lists (栏目) between crawls: how far they were walked, and their HTTP validators.

An incremental crawl stops walking a list when it meets a run of archived notices. That is
only safe once the column has been walked to its end in a crawl that finished: a crawl
killed half-way leaves later list pages unread, and their notices must not be skipped next
time. ``last_full_walk`` is set only by a finished crawl that reached the column's end.
"""

from __future__ import annotations

import sqlite_utils

from crawler import clock


class ColumnStore:
    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def walked(self, site: str, url: str, *, channel: str | None, to_end: bool,
               first_page_links: int | None, etag: str | None, last_modified: str | None,
               pager: str | None = None, run_id: int | None = None) -> None:
        now = clock.stamp()
        values = {"url": url, "site": site, "channel": channel, "last_walk": now,
                  "etag": etag, "last_modified": last_modified}
        if first_page_links is not None:
            values["first_page_links"] = first_page_links
        if pager is not None:
            values.update(self._pager_change(url, pager, run_id))
        if to_end:
            values["last_full_walk"] = now
        with self.db.atomic():
            self.db["site_columns"].upsert(values, pk="url")

    def _pager_change(self, url: str, pager: str, run_id: int | None) -> dict:
        """The pager to record, and the change when a column that had one now shows another.
        A column that had none and now pages has only grown. One whose pager went away may
        only have shrunk to one page (notices withdrawn: the first page can still be full), so
        that is not called a change either; a first page cut short is the "list shrank"
        warning's."""
        row = self.db.execute("SELECT pager FROM site_columns WHERE url = ?", [url]).fetchone()
        before = row[0] if row else None
        if before and "none" not in (before, pager) and before != pager:
            return {"pager": pager, "previous_pager": before, "pager_changed_run": run_id}
        return {"pager": pager}

    def pages_read(self, site: str, column_url: str, page_links: dict[tuple[str, str], int],
                   run_id: int) -> None:
        """Notice links on each list page this run read, beside what the page showed at its
        last reading (``previous_links``), so the run's health can see a list cut short."""
        now = clock.stamp()
        with self.db.atomic():
            for (url, form), links in page_links.items():
                row = self.db.execute(
                    "SELECT links FROM list_page_links WHERE url = ? AND form = ?", [url, form]
                ).fetchone()
                self.db["list_page_links"].upsert(
                    {"url": url, "form": form, "site": site, "column_url": column_url,
                     "links": links, "previous_links": row[0] if row else None,
                     "read_at": now, "run_id": run_id},
                    pk=("url", "form"))

    def robots(self, host: str, max_age_days: float) -> tuple[int, bytes] | None:
        """A robots.txt fetched less than ``max_age_days`` ago (RFC 9309 allows 24 hours)."""
        row = self.db.execute(
            "SELECT fetched_at, status, body FROM robots_cache WHERE host = ?", [host]).fetchone()
        if row and clock.days_between(row[0], clock.stamp()) < max_age_days:
            return row[1], row[2]
        return None

    def keep_robots(self, host: str, status: int, body: bytes) -> None:
        with self.db.atomic():
            self.db["robots_cache"].upsert(
                {"host": host, "fetched_at": clock.stamp(), "status": status, "body": body},
                pk="host")
