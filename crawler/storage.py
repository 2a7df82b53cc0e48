"""The archive database: the one module that owns archive.db's schema and writes to it.

Everything else (pipelines, CLI, Datasette plugin, tests) goes through :class:`Archive`, so the
shape of the data is decided here and only here. The file is opened in WAL mode so Datasette
can read while a crawl writes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from crawler.items import Attachment, Notice

if TYPE_CHECKING:
    from spiders.registry import Site

SCHEMA_VERSION = 1


class ArchiveLocked(RuntimeError):
    """The database is locked by another writer."""


def utcnow() -> str:
    """Timestamps are UTC, ISO 8601, to the second: sortable text that SQLite compares."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def files_dir(db_path: str | Path) -> Path:
    """Where attachment files live: beside the database, named after it (archive_files/)."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}_files")


def content_hash(notice: Notice) -> str:
    """A hash of what a reader sees; a changed hash means a changed notice."""
    seen = {
        "title": notice.title,
        "subtitle": notice.subtitle,
        "published": notice.published,
        "signed_by": notice.signed_by,
        "signed_date": notice.signed_date,
        "doc_number": notice.doc_number,
        "body": notice.body,
        "attachments": sorted(a.url for a in notice.attachments),
    }
    blob = json.dumps(seen, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _year_month(published: str | None) -> tuple[int | None, str | None]:
    if not published or len(published) < 7:
        return None, None
    try:
        return int(published[:4]), published[:7]
    except ValueError:
        return None, None


class Archive:
    """archive.db, opened for reading and writing, with its schema in place."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(self.path), timeout=timeout)
            conn.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            raise _explain(exc, self.path) from exc
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        self.db = sqlite_utils.Database(conn)
        try:
            self.ensure_schema()
        except sqlite3.OperationalError as exc:
            conn.close()
            raise _explain(exc, self.path) from exc

    def check_writable(self) -> None:
        """Raise ArchiveLocked now, rather than mid-crawl, if another process is writing."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise _explain(exc, self.path) from exc

    # -- schema ---------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the tables and indexes this version of govarchive needs."""
        db = self.db
        db["sites"].create(
            {
                "name": str,
                "organisation": str,
                "province": str,
                "city": str,
                "region": str,
                "org_type": str,
                "cms": str,
                "home_url": str,
                "verified_online": int,
                "demo": int,
                "added": str,
            },
            pk="name",
            if_not_exists=True,
        )
        db["notices"].create(
            {
                "id": int,
                "site": str,
                "url": str,
                "title": str,
                "subtitle": str,
                "published": str,
                "year": int,
                "month": str,
                "author": str,
                "source": str,
                "signed_by": str,
                "signed_date": str,
                "doc_number": str,
                "channel": str,
                "body": str,
                "flags": str,
                "province": str,
                "city": str,
                "region": str,
                "org_type": str,
                "title_original": str,
                "body_original": str,
                "encoding": str,
                "info": str,
                "content_hash": str,
                "status": str,
                "first_seen": str,
                "last_seen": str,
                "fetched_at": str,
            },
            pk="id",
            not_null={"site", "url", "status", "first_seen", "last_seen"},
            defaults={"status": "live"},
            foreign_keys=[("site", "sites", "name")],
            if_not_exists=True,
        )
        db["images"].create(
            {"id": int, "notice_id": int, "position": int, "src": str, "caption": str, "alt": str},
            pk="id",
            foreign_keys=[("notice_id", "notices", "id")],
            if_not_exists=True,
        )
        db["attachments"].create(
            {
                "id": int,
                "notice_id": int,
                "position": int,
                "url": str,
                "name": str,
                "kind": str,
                "content_type": str,
                "size": int,
                "sha256": str,
                "path": str,
                "fetched_at": str,
            },
            pk="id",
            foreign_keys=[("notice_id", "notices", "id")],
            if_not_exists=True,
        )
        db["crawl_runs"].create(
            {
                "id": int,
                "site": str,
                "started": str,
                "finished": str,
                "status": str,
                "requests": int,
                "responses": int,
                "notices_seen": int,
                "new": int,
                "changed": int,
                "unchanged": int,
                "attachments": int,
                "errors": int,
                "bytes": int,
            },
            pk="id",
            foreign_keys=[("site", "sites", "name")],
            defaults={"status": "running"},
            if_not_exists=True,
        )
        for table, columns, unique in [
            ("notices", ["url"], True),
            ("notices", ["site", "published"], False),
            ("notices", ["published"], False),
            ("notices", ["year"], False),
            ("notices", ["region"], False),
            ("notices", ["channel"], False),
            ("notices", ["status"], False),
            ("images", ["notice_id"], False),
            ("attachments", ["notice_id"], False),
            ("attachments", ["sha256"], False),
            ("crawl_runs", ["site", "started"], False),
        ]:
            db[table].create_index(columns, unique=unique, if_not_exists=True)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- sites ----------------------------------------------------------------------------

    def upsert_site(self, site: Site) -> None:
        """Record a registry site; its region columns are copied onto its notices."""
        existing = self.db["sites"].count_where("name = ?", [site.name])
        self.db["sites"].upsert(
            {
                "name": site.name,
                "organisation": site.organisation,
                "province": site.province,
                "city": site.city,
                "region": site.region,
                "org_type": site.org_type,
                "cms": site.cms,
                "home_url": site.home_url,
                "verified_online": int(site.verified_online),
                "demo": int(bool(site.demo)),
                **({} if existing else {"added": utcnow()}),
            },
            pk="name",
        )

    # -- notices --------------------------------------------------------------------------

    def notice_id(self, url: str) -> int | None:
        row = self.db.execute("SELECT id FROM notices WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def store_notice(self, site: Site, notice: Notice, *, fetched_at: str | None = None) -> str:
        """Insert or refresh a notice; returns "new", "changed" or "unchanged".

        One row per canonical URL: a re-crawl of an unchanged page only moves last_seen.
        """
        now = fetched_at or utcnow()
        digest = content_hash(notice)
        row = self.db.execute(
            "SELECT id, content_hash FROM notices WHERE url = ?", [notice.url]
        ).fetchone()
        if row and row[1] == digest:
            self.db.execute(
                "UPDATE notices SET last_seen = ?, fetched_at = ?, status = 'live' WHERE id = ?",
                [now, now, row[0]],
            )
            return "unchanged"
        record = self._notice_record(site, notice, digest, now)
        with self.db.conn:
            if row:
                notice_id = row[0]
                self.db["notices"].update(notice_id, record)
            else:
                record["first_seen"] = now
                notice_id = self.db["notices"].insert(record).last_pk
            self._replace_children(notice_id, notice)
        return "changed" if row else "new"

    def _notice_record(self, site: Site, notice: Notice, digest: str, now: str) -> dict[str, Any]:
        year, month = _year_month(notice.published)
        original = notice.original or {}
        return {
            "site": site.name,
            "url": notice.url,
            "title": notice.title,
            "subtitle": notice.subtitle,
            "published": notice.published,
            "year": year,
            "month": month,
            "author": notice.author,
            "source": notice.source,
            "signed_by": notice.signed_by,
            "signed_date": notice.signed_date,
            "doc_number": notice.doc_number,
            "channel": " > ".join(notice.channel) or None,
            "body": notice.text,
            "flags": json.dumps(notice.flags, ensure_ascii=False),
            "province": site.province,
            "city": site.city,
            "region": site.region,
            "org_type": site.org_type,
            "title_original": original.get("title"),
            "body_original": "\n".join(original["body"]) if original.get("body") else None,
            "encoding": notice.encoding,
            "info": json.dumps(notice.info, ensure_ascii=False) if notice.info else None,
            "content_hash": digest,
            "status": "live",
            "last_seen": now,
            "fetched_at": now,
        }

    def _replace_children(self, notice_id: int, notice: Notice) -> None:
        """Images and attachment links follow the notice's current text."""
        self.db.execute("DELETE FROM images WHERE notice_id = ?", [notice_id])
        self.db["images"].insert_all(
            {"notice_id": notice_id, "position": i, **asdict(img)}
            for i, img in enumerate(notice.images)
        )
        kept = {a.url for a in notice.attachments}
        for (url,) in self.db.execute(
            "SELECT url FROM attachments WHERE notice_id = ?", [notice_id]
        ).fetchall():
            if url not in kept:
                self.db.execute(
                    "DELETE FROM attachments WHERE notice_id = ? AND url = ?", [notice_id, url]
                )
        for i, att in enumerate(notice.attachments):
            self._upsert_attachment_link(notice_id, i, att)

    def _upsert_attachment_link(self, notice_id: int, position: int, att: Attachment) -> None:
        row = self.db.execute(
            "SELECT id FROM attachments WHERE notice_id = ? AND url = ?", [notice_id, att.url]
        ).fetchone()
        values = {"position": position, "name": att.name, "kind": att.kind}
        if row:
            self.db["attachments"].update(row[0], values)
        else:
            self.db["attachments"].insert({"notice_id": notice_id, "url": att.url, **values})

    # -- attachment files -----------------------------------------------------------------

    def store_attachment_file(
        self, url: str, body: bytes, content_type: str | None, *, fetched_at: str | None = None
    ) -> Path:
        """Keep an attachment's bytes under a path the archive chooses (its SHA-256).

        The remote file name is never used as a path: it is data (attachments.name), and
        names from the web can be anything.
        """
        digest = hashlib.sha256(body).hexdigest()
        target = files_dir(self.path) / digest[:2] / digest
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".part")
            tmp.write_bytes(body)
            tmp.replace(target)
        relative = target.relative_to(self.path.parent).as_posix()
        self.db.execute(
            "UPDATE attachments SET size = ?, sha256 = ?, path = ?, content_type = ?,"
            " fetched_at = ? WHERE url = ?",
            [len(body), digest, relative, content_type, fetched_at or utcnow(), url],
        )
        self.db.conn.commit()
        return target

    # -- crawl runs -----------------------------------------------------------------------

    def start_run(self, site: Site) -> int:
        return self.db["crawl_runs"].insert(
            {"site": site.name, "started": utcnow(), "status": "running"}
        ).last_pk

    def finish_run(self, run_id: int, status: str, figures: dict[str, int]) -> None:
        self.db["crawl_runs"].update(run_id, {"finished": utcnow(), "status": status, **figures})

    def close(self) -> None:
        self.db.conn.close()


def _explain(exc: sqlite3.OperationalError, path: Path) -> Exception:
    if "locked" in str(exc) or "busy" in str(exc):
        return ArchiveLocked(f"{path} is locked by another process (is a crawl running?)")
    return exc
