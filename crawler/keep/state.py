"""What a crawl needs to know before it starts: which notices and columns the archive holds.

Read once when a crawl opens (a set of URLs per site is small next to what it saves: every
notice already archived is not fetched again unless the re-check policy says so). Attachments
not yet kept are read too: a crawl killed with its attachments in flight, or an attachment
that failed, leaves rows without a file whose notice may never be fetched again, so every
crawl asks for them itself, whatever their notice's state.
"""

from __future__ import annotations

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
    for src, site in db.execute(
        "SELECT i.src, n.site FROM images i"
        " JOIN notices n ON n.id = i.notice_id AND n.version = i.version"
        f" WHERE i.sha256 IS NULL AND n.site IN ({marks}) GROUP BY i.src ORDER BY max(i.id) DESC",
        sites,
    ):
        if src not in state.stored_images:
            state.waiting_images.setdefault(src, site)
    for row in db.query(
        "SELECT url, site, what, kind, count(DISTINCT run_id) AS count, max(last_at) AS last_at"
        f" FROM fetch_failures WHERE site IN ({marks}) GROUP BY url", sites,
    ):
        url = row.pop("url")
        state.failures[url] = PastFailure(**row)
    state.unfetched_attachments = unfetched_attachments(db, sites, state.stored_attachments)
    return state


def unfetched_attachments(db: sqlite_utils.Database, sites: list[str],
                          stored: set[str]) -> dict[str, UnfetchedAttachment]:
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
