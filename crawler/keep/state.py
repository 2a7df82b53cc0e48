"""What a crawl needs to know of the archive: which notices and columns it holds.

Every notice already archived is not fetched again unless the re-check policy says so.
Attachments not yet kept are read too: a crawl killed with its attachments in flight, or an
attachment that failed, leaves rows without a file whose notice may never be fetched again,
so every crawl asks for them itself, whatever their notice's state.

Two forms with one interface (``known``, ``due``, ``columns``, ``failures``,
``stored_attachments``, ``unfetched_attachments``):

- :class:`ArchiveState`, a single-process crawl's: notices, redirects and stored attachments
  are looked up by index as the crawl meets their URLs, and due re-checks read in
  ``last_checked`` order until enough are found, so a crawl's memory and start-up do not grow
  with the archive. It answers as of the crawl's start: notices added since (by this crawl)
  are not "known", as they were not in a state loaded at start.
- :class:`CrawlState`, loaded whole by :func:`load_state`: what a distributed crawl's
  coordinator sends its workers (who may not see the archive file).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import sqlite_utils


@dataclass(frozen=True, slots=True)
class KnownNotice:
    url: str
    site: str
    status: str
    published: str | None
    first_seen: str
    last_checked: str | None
    etag: str | None
    last_modified: str | None
    removed_at: str | None = None
    title: str | None = None
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class ColumnState:
    last_full_walk: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class PastFailure:
    site: str
    what: str | None  # list, notice, recheck or attachment
    kind: str
    count: int  # runs that failed on this URL
    last_at: str


@dataclass(frozen=True, slots=True)
class UnfetchedAttachment:
    """An attachment URL some archived notice links to and the archive holds no file of."""

    url: str
    site: str
    status: str  # pending (never fetched), or the failure it last ended with


@dataclass
class CrawlState:
    notices: dict[str, KnownNotice] = field(default_factory=dict)  # canonical URL → notice
    aliases: dict[str, str] = field(default_factory=dict)  # redirected URL → canonical URL
    columns: dict[str, ColumnState] = field(default_factory=dict)
    stored_attachments: set[str] = field(default_factory=set)
    stored_images: set[str] = field(default_factory=set)
    #: Images the current versions show without a copy yet: address → site
    waiting_images: dict[str, str] = field(default_factory=dict)
    failures: dict[str, PastFailure] = field(default_factory=dict)  # URLs not yet archived
    unfetched_attachments: dict[str, UnfetchedAttachment] = field(default_factory=dict)

    def known(self, url: str) -> KnownNotice | None:
        return self.notices.get(self.aliases.get(url, url))

    def due(self, site: str, policy, now: str, limit: int) -> list[KnownNotice]:
        """Archived notices of the site the re-check ``policy`` says are due, longest
        unchecked first, at most ``limit``."""
        due = [n for n in self.notices.values() if n.site == site and policy.due(n, now)]
        due.sort(key=lambda n: n.last_checked or "")
        return due[:limit]


_KNOWN_COLUMNS = ("url, site, status, published, first_seen, last_checked, etag, last_modified,"
                  " removed_at, title, channel")


class StoredAttachments:
    """``url in stored``: has the archive a file for this attachment URL (by the url index)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __contains__(self, url: object) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM attachments WHERE url = ? AND sha256 IS NOT NULL LIMIT 1", [url],
        ).fetchone() is not None


class StoredImages:
    """``src in stored``: has the archive a copy of this image (by the src index)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __contains__(self, src: object) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM images WHERE src = ? AND sha256 IS NOT NULL LIMIT 1", [src],
        ).fetchone() is not None


class ArchiveState:
    """The archive as a crawl of ``sites`` needs it, read by index as it is asked (see the
    module docstring). Holds the (read-only) connection until :meth:`close`."""

    def __init__(self, conn: sqlite3.Connection, sites: list[str]):
        self.conn = conn
        self.sites = set(sites)
        # Rows are never deleted, so notices added after this point have larger ids.
        self.horizon = conn.execute("SELECT coalesce(max(id), 0) FROM notices").fetchone()[0]
        marks = ",".join("?" * len(sites))
        self.columns = {row[0]: ColumnState(*row[1:]) for row in conn.execute(
            f"SELECT url, last_full_walk, etag, last_modified FROM site_columns WHERE site IN ({marks})",
            sites)}
        self.failures = {row[0]: PastFailure(*row[1:]) for row in conn.execute(
            "SELECT url, site, what, kind, count(DISTINCT run_id) AS count, max(last_at) AS last_at"
            f" FROM fetch_failures WHERE site IN ({marks}) GROUP BY url", sites)}
        self.stored_attachments = StoredAttachments(conn)
        self.unfetched_attachments = unfetched_attachments(
            sqlite_utils.Database(conn), sites, self.stored_attachments)
        self.stored_images = StoredImages(conn)
        self.waiting_images = waiting_images(conn, sites, self.stored_images)

    def _notice(self, url: str) -> KnownNotice | None:
        row = self.conn.execute(f"SELECT {_KNOWN_COLUMNS} FROM notices WHERE url = ? AND id <= ?",
                                [url, self.horizon]).fetchone()
        return KnownNotice(*row) if row is not None and row[1] in self.sites else None

    def known(self, url: str) -> KnownNotice | None:
        redirect = self.conn.execute("SELECT target FROM redirects WHERE url = ?", [url]).fetchone()
        if redirect is not None and (target := self._notice(redirect[0])) is not None:
            return target
        return self._notice(url)

    def due(self, site: str, policy, now: str, limit: int) -> list[KnownNotice]:
        """As :meth:`CrawlState.due`, reading the site's notices longest unchecked first
        (index on site, last_checked) and stopping at ``limit``; a live notice checked since
        ``policy.checked_after(now)`` is never due, so it is not read."""
        recent = policy.checked_after(now) if hasattr(policy, "checked_after") else None
        where = "site = ? AND id <= ?"
        params: list = [site, self.horizon]
        if recent is not None:
            where += " AND (status != 'live' OR last_checked IS NULL OR last_checked <= ?)"
            params.append(recent)
        found: list[KnownNotice] = []
        for row in self.conn.execute(
                f"SELECT {_KNOWN_COLUMNS} FROM notices WHERE {where} ORDER BY last_checked, id", params):
            notice = KnownNotice(*row)
            if policy.due(notice, now):
                found.append(notice)
                if len(found) >= limit:
                    break
        return found

    def close(self) -> None:
        self.conn.close()


def open_state(path: str, sites: list[str]) -> ArchiveState | CrawlState:
    """The state of a single-process crawl (empty if there is no archive yet)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return CrawlState()  # no archive yet: everything is new
    try:
        return ArchiveState(conn, sites)
    except sqlite3.OperationalError:
        conn.close()
        return CrawlState()


def load_state(db: sqlite_utils.Database, sites: list[str]) -> CrawlState:
    state = CrawlState()
    marks = ",".join("?" * len(sites))
    for row in db.query(
        "SELECT url, site, status, published, first_seen, last_checked, etag, last_modified,"
        " removed_at, title, channel"
        f" FROM notices WHERE site IN ({marks})", sites,
    ):
        state.notices[row["url"]] = KnownNotice(**row)
    for row in db.query("SELECT url, target FROM redirects"):
        if row["target"] in state.notices:
            state.aliases[row["url"]] = row["target"]
    for row in db.query(
        f"SELECT url, last_full_walk, etag, last_modified FROM site_columns WHERE site IN ({marks})",
        sites,
    ):
        url = row.pop("url")
        state.columns[url] = ColumnState(**row)
    state.stored_attachments = {r[0] for r in db.execute(
        "SELECT DISTINCT url FROM attachments WHERE sha256 IS NOT NULL")}
    state.stored_images = {r[0] for r in db.execute(
        "SELECT DISTINCT src FROM images WHERE sha256 IS NOT NULL")}
    state.waiting_images = waiting_images(db.conn, sites, state.stored_images)
    for row in db.query(
        "SELECT url, site, what, kind, count(DISTINCT run_id) AS count, max(last_at) AS last_at"
        f" FROM fetch_failures WHERE site IN ({marks}) GROUP BY url", sites,
    ):
        url = row.pop("url")
        state.failures[url] = PastFailure(**row)
    state.unfetched_attachments = unfetched_attachments(db, sites, state.stored_attachments)
    return state


def waiting_images(conn: sqlite3.Connection, sites: list[str], stored) -> dict[str, str]:
    """Images of the sites' notices without a copy yet, newest first: src → site."""
    marks = ",".join("?" * len(sites))
    waiting: dict[str, str] = {}
    for src, site in conn.execute(
        # CROSS JOIN: from the waiting images (a partial index) to their notices, never
        # from every notice of the sites to their images
        "SELECT i.src, n.site FROM images i"
        " CROSS JOIN notices n ON n.id = i.notice_id AND n.version = i.version"
        f" WHERE i.sha256 IS NULL AND n.site IN ({marks}) GROUP BY i.src ORDER BY max(i.id) DESC",
        sites,
    ):
        if src not in stored:
            waiting.setdefault(src, site)
    return waiting


def unfetched_attachments(db: sqlite_utils.Database, sites: list[str],
                          stored) -> dict[str, UnfetchedAttachment]:
    """Attachments of these sites' notices without a file (by the index on sha256), once per URL."""
    marks = ",".join("?" * len(sites))
    found: dict[str, UnfetchedAttachment] = {}
    for row in db.query(
        "SELECT a.url, n.site, a.status FROM attachments a JOIN notices n ON n.id = a.notice_id"
        f" WHERE a.sha256 IS NULL AND n.site IN ({marks}) ORDER BY a.id", sites,
    ):
        if row["url"] not in stored and row["url"] not in found:
            found[row["url"]] = UnfetchedAttachment(row["url"], row["site"], row["status"] or "pending")
    return found
