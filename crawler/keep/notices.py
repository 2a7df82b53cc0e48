"""Notices and their history: new, changed (a new version), missing, removed, restored.

The ``notices`` row is the notice as it reads now; every text it ever had is a row of
``notice_versions`` with the fields that changed, and every turn in its life an event. A page
that stops answering is first *missing*; only when it stays gone for a number of runs and
days is it *removed* (a 404 under load is not a takedown). Archived text is never deleted.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlite_utils

from crawler import clock
from crawler.items import Notice
from crawler.keep import search
from crawler.keep.schema import TEXT_FIELDS

if TYPE_CHECKING:
    from crawler.navigate.registry import Site


@dataclass(frozen=True)
class FetchInfo:
    """How a notice page was fetched: what the archive keeps beside the text."""

    requested_url: str | None = None  # the list's URL, when a redirect moved it
    etag: str | None = None
    last_modified: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    run_id: int | None = None
    via: str | None = None  # "browser_session": the answer came through a browser-earned session


@dataclass(frozen=True)
class Outcome:
    kind: str  # "new", "changed" or "unchanged"
    restored: bool = False  # it was missing or removed, and is back
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class TakedownPolicy:
    """How long a notice must stay gone before it is called removed."""

    runs: int = 2
    days: float = 1.0


def content_hash(notice: Notice) -> str:
    """A hash of what a reader sees; a changed hash means a changed notice."""
    seen = {field: _field(notice, field) for field in TEXT_FIELDS}
    seen["attachments"] = sorted(a.url for a in notice.attachments)
    blob = json.dumps(seen, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _field(notice: Notice, field: str) -> Any:
    if field == "channel":
        return " > ".join(notice.channel) or None
    if field == "body":
        return notice.text
    return getattr(notice, field)


def _year_month(published: str | None) -> tuple[int | None, str | None]:
    if not published or len(published) < 7 or not published[:4].isdigit():
        return None, None
    return int(published[:4]), published[:7]


@lru_cache(maxsize=64)
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


def insert_rows(db: sqlite_utils.Database, table: str, records: list[dict]) -> int | None:
    """Insert rows of one shape in one statement run (no savepoint, no type probing: the
    schema is in place); returns the last row's id."""
    if not records:
        return None
    columns = tuple(records[0])
    cursor = db.conn.executemany(_insert_sql(table, columns), [tuple(r[c] for c in columns) for r in records]) \
        if len(records) > 1 else db.conn.execute(_insert_sql(table, columns), tuple(records[0].values()))
    return cursor.lastrowid


def update_row(db: sqlite_utils.Database, table: str, row_id: int, values: dict) -> None:
    sets = ", ".join(f'"{c}" = ?' for c in values)
    db.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', [*values.values(), row_id])


class NoticeStore:
    def __init__(self, db: sqlite_utils.Database, policy: TakedownPolicy | None = None):
        self.db = db
        self.policy = policy or TakedownPolicy()

    def row(self, url: str) -> dict[str, Any] | None:
        rows = list(self.db["notices"].rows_where("url = ?", [url], limit=1))
        return rows[0] if rows else None

    def _transaction(self):
        """A transaction of its own, or none inside the writer's batch (search.defer): a
        savepoint per notice would flush the search index per notice; the writer rolls back
        and replays its batch if a notice fails half-written."""
        return nullcontext() if search.batching(self.db) else self.db.atomic()

    # -- a page read successfully ----------------------------------------------------------

    def store(self, site: Site, notice: Notice, fetch: FetchInfo | None = None) -> Outcome:
        """Record a fetched page; one row per canonical URL, a new version when it changed."""
        fetch = fetch or FetchInfo()
        now = clock.stamp()
        digest = content_hash(notice)
        with self._transaction():
            if fetch.requested_url and fetch.requested_url != notice.url:
                self.db.conn.execute(
                    "INSERT INTO redirects (url, target, seen) VALUES (?, ?, ?) ON CONFLICT(url)"
                    " DO UPDATE SET target = excluded.target, seen = excluded.seen",
                    [fetch.requested_url, notice.url, now])
            row = self.row(notice.url)
            if row is None:
                notice_id = self._insert(site, notice, digest, fetch, now)
                self._event(notice_id, fetch.run_id, "new", now)
                return Outcome("new")
            restored = self._seen(row, fetch, now)
            if row["content_hash"] == digest:
                return Outcome("unchanged", restored)
            changed = self._new_version(site, row, notice, digest, fetch, now)
            return Outcome("changed", restored, changed)

    def _insert(self, site: Site, notice: Notice, digest: str, fetch: FetchInfo, now: str) -> int:
        record = {
            **self._reading(site, notice, digest, fetch),
            "site": site.name, "url": notice.url, "version": 1, "status": "live",
            "first_seen": now, "last_seen": now, "last_checked": now,
        }
        notice_id = insert_rows(self.db, "notices", [record])
        self._version(notice_id, 1, notice, digest, fetch, now, changed=())
        search.index_notice(self.db, notice_id)
        return notice_id

    def _reading(self, site: Site, notice: Notice, digest: str, fetch: FetchInfo) -> dict:
        """The notice row's columns that follow the current version."""
        year, month = _year_month(notice.published)
        original = notice.original or {}
        return {
            **{field: _field(notice, field) for field in TEXT_FIELDS},
            "year": year, "month": month,
            "flags": json.dumps(notice.flags, ensure_ascii=False),
            "province": site.province, "city": site.city, "region": site.region,
            "org_type": site.org_type,
            "title_original": original.get("title"),
            "body_original": "\n".join(original["body"]) if original.get("body") else None,
            "encoding": notice.encoding,
            "info": json.dumps(notice.info, ensure_ascii=False) if notice.info else None,
            "content_hash": digest,
            "etag": fetch.etag, "last_modified": fetch.last_modified,
            "warc_file": fetch.warc_file, "warc_offset": fetch.warc_offset,
            "fetched_via": fetch.via,
        }

    def _seen(self, row: dict, fetch: FetchInfo, now: str) -> bool:
        """The page answered with content: it is live; True if it had been missing."""
        back = row["status"] != "live"
        update_row(self.db, "notices", row["id"], {
            "status": "live", "last_seen": now, "last_checked": now, "missing_since": None,
            "missing_runs": 0, "etag": fetch.etag, "last_modified": fetch.last_modified,
        })
        if back:
            self._event(row["id"], fetch.run_id, "restored", now, f"was {row['status']}")
        return back

    def _new_version(self, site: Site, row: dict, notice: Notice, digest: str,
                     fetch: FetchInfo, now: str) -> tuple[str, ...]:
        version = row["version"] + 1
        changed = self._changed_fields(row, notice)
        with search.Reindexing(self.db, [row["id"]]):  # the old entry out, the new one in
            update_row(self.db, "notices", row["id"], {**self._reading(site, notice, digest, fetch),
                                                       "version": version})
            self._version(row["id"], version, notice, digest, fetch, now, changed)
        self._event(row["id"], fetch.run_id, "changed", now, ", ".join(changed))
        return changed

    def _changed_fields(self, row: dict, notice: Notice) -> tuple[str, ...]:
        changed = [f for f in TEXT_FIELDS if (row[f] or None) != (_field(notice, f) or None)]
        before = {r["url"] for r in self.db["attachments"].rows_where(
            "notice_id = ? AND version = ?", [row["id"], row["version"]], select="url")}
        if before != {a.url for a in notice.attachments}:
            changed.append("attachments")
        return tuple(changed)

    def _version(self, notice_id: int, version: int, notice: Notice, digest: str,
                 fetch: FetchInfo, now: str, changed: tuple[str, ...]) -> None:
        original = notice.original or {}
        insert_rows(self.db, "notice_versions", [{
            "notice_id": notice_id, "version": version, "run_id": fetch.run_id,
            "fetched_at": now, "content_hash": digest,
            "changed": json.dumps(list(changed), ensure_ascii=False),
            **{field: _field(notice, field) for field in TEXT_FIELDS},
            "flags": json.dumps(notice.flags, ensure_ascii=False),
            "title_original": original.get("title"),
            "body_original": "\n".join(original["body"]) if original.get("body") else None,
            "attachments": json.dumps([asdict(a) for a in notice.attachments], ensure_ascii=False),
            "tables": json.dumps(notice.tables, ensure_ascii=False),
            "warc_file": fetch.warc_file, "warc_offset": fetch.warc_offset,
            "fetched_via": fetch.via,
        }])
        insert_rows(self.db, "images", [
            {"notice_id": notice_id, "version": version, "position": i, **asdict(image),
             **self._known_image(image.src)}
            for i, image in enumerate(notice.images)])
        for i, attachment in enumerate(notice.attachments):  # known files differ in columns
            insert_rows(self.db, "attachments", [{
                "notice_id": notice_id, "version": version, "position": i,
                "url": attachment.url, "name": attachment.name, "kind": attachment.kind,
                **self._known_file(attachment.url),
            }])

    def _known_image(self, url: str) -> dict:
        """An image URL already downloaded keeps its file: files are fetched once."""
        row = self.db.execute(
            "SELECT sha256, status, fetched_at FROM images WHERE src = ? AND sha256 IS NOT NULL"
            " ORDER BY id DESC LIMIT 1", [url]).fetchone()
        if row is None:
            return {"sha256": None, "status": "pending", "fetched_at": None}
        return {"sha256": row[0], "status": row[1], "fetched_at": row[2]}

    def _known_file(self, url: str) -> dict:
        """An attachment URL already downloaded keeps its file: files are fetched once."""
        rows = list(self.db["attachments"].rows_where(
            "url = ? AND sha256 IS NOT NULL", [url], order_by="id DESC", limit=1,
            select="sha256, file_name, status, fetched_at"))
        return rows[0] if rows else {"status": "pending"}

    # -- a page that did not answer with content --------------------------------------------

    def not_modified(self, url: str, fetch: FetchInfo | None = None) -> Outcome | None:
        """A 304: the page is there and unchanged."""
        fetch = fetch or FetchInfo()
        now = clock.stamp()
        with self._transaction():
            row = self.row(url)
            if row is None:
                return None
            restored = self._seen(row, FetchInfo(
                etag=fetch.etag or row["etag"],
                last_modified=fetch.last_modified or row["last_modified"], run_id=fetch.run_id,
            ), now)
        return Outcome("unchanged", restored)

    def gone(self, url: str, reason: str, run_id: int | None = None) -> str | None:
        """The page answered 404/410, went home, or said it no longer exists.

        Returns "missing" (a strike), "removed" (gone long enough), or None (already
        removed, or never archived).
        """
        now = clock.stamp()
        with self._transaction():
            row = self.row(url) or self._by_redirect(url)
            if row is None:
                return None
            if row["status"] == "removed":
                update_row(self.db, "notices", row["id"], {"last_checked": now})
                return None
            strikes = (row["missing_runs"] or 0) + 1
            since = row["missing_since"] or now
            update = {"status": "missing", "missing_since": since, "missing_runs": strikes,
                      "last_checked": now}
            if strikes >= self.policy.runs and clock.days_between(since, now) >= self.policy.days:
                update.update(status="removed", removed_at=now)
            update_row(self.db, "notices", row["id"], update)
            if row["status"] == "live":
                self._event(row["id"], run_id, "missing", now, reason)
            if update["status"] == "removed":
                self._event(row["id"], run_id, "removed", now, reason)
            return update["status"]

    def _by_redirect(self, url: str) -> dict | None:
        target = self.db.execute("SELECT target FROM redirects WHERE url = ?", [url]).fetchone()
        return self.row(target[0]) if target else None

    def _event(self, notice_id: int, run_id: int | None, event: str, at: str,
               detail: str | None = None) -> None:
        insert_rows(self.db, "notice_events", [{"notice_id": notice_id, "run_id": run_id, "at": at,
                                                "event": event, "detail": detail}])
