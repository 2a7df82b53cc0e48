"""The archive database, archive.db: opened here, its schema in schema.py, its rows written
by the stores (notices, files, runs, columns). Everything else goes through :class:`Archive`.

The file is in WAL mode so Datasette reads while a crawl writes, with foreign keys on. Every
write is one transaction, so a crawl killed at any instant leaves a consistent archive.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from crawler import clock
from crawler.keep.columns import ColumnStore
from crawler.keep.files import FileStore, files_dir
from crawler.keep.notices import FetchInfo, NoticeStore, Outcome, TakedownPolicy, content_hash
from crawler.keep.runs import HealthRules, RunLog
from crawler.keep.schema import SCHEMA_VERSION, ensure_schema

__all__ = [
    "Archive", "ArchiveLocked", "FetchInfo", "Outcome", "TakedownPolicy", "HealthRules",
    "SCHEMA_VERSION", "content_hash", "files_dir",
]


class ArchiveLocked(RuntimeError):
    """The database is locked by another writer."""


class Archive:
    """archive.db, opened for reading and writing, with its schema in place."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0,
                 takedown: TakedownPolicy | None = None, health: HealthRules | None = None):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(str(self.path), timeout=timeout)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            self.db = sqlite_utils.Database(conn)
            ensure_schema(self.db)
        except sqlite3.OperationalError as exc:
            raise _explain(exc, self.path) from exc
        self.notices = NoticeStore(self.db, takedown)
        self.files = FileStore(self.db, self.path)
        self.runs = RunLog(self.db, health)
        self.columns = ColumnStore(self.db)

    def check_writable(self) -> None:
        """Raise ArchiveLocked now, rather than mid-crawl, if another process is writing."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise _explain(exc, self.path) from exc

    def upsert_site(self, site) -> None:
        """Record a registry site; its region columns are copied onto its notices."""
        with self.db.atomic():
            existing = self.db["sites"].count_where("name = ?", [site.name])
            self.db["sites"].upsert({
                "name": site.name, "organisation": site.organisation, "province": site.province,
                "city": site.city, "region": site.region, "org_type": site.org_type,
                "cms": site.cms, "home_url": site.home_url,
                "verified_online": int(site.verified_online), "demo": int(bool(site.demo)),
                **({} if existing else {"added": clock.stamp()}),
            }, pk="name")

    def close(self) -> None:
        self.db.conn.close()


def _explain(exc: sqlite3.OperationalError, path: Path) -> Exception:
    if "locked" in str(exc) or "busy" in str(exc):
        return ArchiveLocked(f"{path} is locked by another process (is a crawl running?)")
    return exc
