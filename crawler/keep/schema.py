"""archive.db's schema: every table, column and index the archive has, in one place.

Nothing archived is ever lost, so the schema keeps history rather than overwriting it:
``notices`` holds each notice as it reads now, ``notice_versions`` every text it has had,
``notice_events`` when it appeared, changed, went missing, was removed or came back. Images
and attachments belong to a version; their files are kept once per content hash.
"""

from __future__ import annotations

import sqlite_utils

SCHEMA_VERSION = 1

#: The text fields of a notice a reader sees; a version records them all, and which changed.
TEXT_FIELDS = ("title", "subtitle", "published", "author", "source", "signed_by",
               "signed_date", "doc_number", "channel", "body")

TABLES: dict[str, dict] = {
    "sites": {
        "columns": {
            "name": str, "organisation": str, "province": str, "city": str, "region": str,
            "org_type": str, "cms": str, "home_url": str, "verified_online": int, "demo": int,
            "added": str,
        },
        "pk": "name",
    },
    "crawl_runs": {
        "columns": {
            "id": int, "site": str, "started": str, "finished": str, "status": str,
            "mode": str, "requests": int, "responses": int, "bytes": int, "list_pages": int,
            "empty_lists": int, "first_page_links": int, "notices_seen": int, "new": int,
            "changed": int, "unchanged": int, "not_modified": int, "rechecked": int,
            "missing": int, "removed": int, "restored": int, "attachments": int,
            "errors": int, "blocked": int, "days_since_new": float, "health": str,
            "health_notes": str,
            # hosts that answered with a bot challenge: how many browser sessions they needed
            "browser_sessions": int, "browser_hosts": str,
            "legacy_tls_hosts": str,  # hosts that needed an old-TLS handshake (JSON list)
            # requests asked again slower after a rate limiter's answer; per host, how often
            # and the delay reached (JSON)
            "rate_limited": int, "rate_limited_hosts": str,
        },
        "pk": "id",
        "defaults": {"status": "running"},
        "foreign_keys": [("site", "sites", "name")],
    },
    "notices": {
        "columns": {
            "id": int, "site": str, "url": str, "version": int,
            "title": str, "subtitle": str, "published": str, "year": int, "month": str,
            "author": str, "source": str, "signed_by": str, "signed_date": str,
            "doc_number": str, "channel": str, "body": str, "flags": str,
            "province": str, "city": str, "region": str, "org_type": str,
            "title_original": str, "body_original": str, "encoding": str, "info": str,
            "content_hash": str, "status": str,
            "first_seen": str, "last_seen": str, "last_checked": str,
            "missing_since": str, "missing_runs": int, "removed_at": str,
            "etag": str, "last_modified": str, "warc_file": str, "warc_offset": int,
            "fetched_via": str,
        },
        "pk": "id",
        "not_null": {"site", "url", "status", "first_seen", "last_seen", "version"},
        "defaults": {"status": "live", "version": 1, "missing_runs": 0},
        "foreign_keys": [("site", "sites", "name")],
    },
    "notice_versions": {
        "columns": {
            "id": int, "notice_id": int, "version": int, "run_id": int, "fetched_at": str,
            "content_hash": str, "changed": str,
            "title": str, "subtitle": str, "published": str, "author": str, "source": str,
            "signed_by": str, "signed_date": str, "doc_number": str, "channel": str,
            "body": str, "flags": str, "title_original": str, "body_original": str,
            "attachments": str, "warc_file": str, "warc_offset": int,
            "fetched_via": str,  # "browser_session": through cookies a browser earned
            # the data tables kept in the body (名单, 处罚决定), as JSON rows of cell texts
            "tables": str,
        },
        "pk": "id",
        "not_null": {"notice_id", "version", "fetched_at", "content_hash"},
        "foreign_keys": [("notice_id", "notices", "id"), ("run_id", "crawl_runs", "id")],
    },
    "notice_events": {
        "columns": {"id": int, "notice_id": int, "run_id": int, "at": str, "event": str,
                    "detail": str},
        "pk": "id",
        "not_null": {"notice_id", "at", "event"},
        "foreign_keys": [("notice_id", "notices", "id"), ("run_id", "crawl_runs", "id")],
    },
    "files": {
        "columns": {"sha256": str, "size": int, "content_type": str, "path": str,
                    "first_fetched": str, "text": str},
        "pk": "sha256",
    },
    "images": {
        "columns": {"id": int, "notice_id": int, "version": int, "position": int, "src": str,
                    "caption": str, "alt": str, "sha256": str, "status": str,
                    "fetched_at": str},
        "pk": "id",
        "defaults": {"status": "pending"},
        "foreign_keys": [("notice_id", "notices", "id"), ("sha256", "files", "sha256")],
    },
    "attachments": {
        "columns": {
            "id": int, "notice_id": int, "version": int, "position": int, "url": str,
            "name": str, "kind": str, "file_name": str, "sha256": str, "status": str,
            "fetched_at": str,
        },
        "pk": "id",
        "defaults": {"status": "pending"},
        "foreign_keys": [("notice_id", "notices", "id"), ("sha256", "files", "sha256")],
    },
    "redirects": {
        "columns": {"url": str, "target": str, "seen": str},
        "pk": "url",
    },
    "site_columns": {
        "columns": {
            "url": str, "site": str, "channel": str, "last_walk": str, "last_full_walk": str,
            "first_page_links": int, "etag": str, "last_modified": str,
            # the pager its first page showed (crawler.navigate.pagers kinds), the one before a
            # change, and the run that saw the change: a changed pager is a health warning
            "pager": str, "previous_pager": str, "pager_changed_run": int,
        },
        "pk": "url",
        "foreign_keys": [("site", "sites", "name")],
    },
    "list_page_links": {
        "columns": {
            "url": str, "form": str, "site": str, "column_url": str, "links": int,
            "previous_links": int, "read_at": str, "run_id": int,
        },
        "pk": ("url", "form"),
        "not_null": {"url", "form"},
        "foreign_keys": [("site", "sites", "name"), ("run_id", "crawl_runs", "id")],
    },
    "fetch_failures": {
        "columns": {"id": int, "run_id": int, "site": str, "url": str, "what": str,
                    "kind": str, "count": int, "last_at": str, "detail": str},
        "pk": "id",
        "foreign_keys": [("run_id", "crawl_runs", "id"), ("site", "sites", "name")],
    },
    "robots_cache": {
        "columns": {"host": str, "fetched_at": str, "status": int, "body": bytes},
        "pk": "host",
    },
    # Copies of a notice (crawler/keep/copies.py): each notice's MinHash signature, so a new
    # notice is compared with the archive without reading every text again; one row per
    # notice that is in a cluster of copies; one row per page that contains another notice.
    "copy_signatures": {
        "columns": {"notice_id": int, "version": int, "shingles": int, "minhash": bytes},
        "pk": "notice_id",
        "foreign_keys": [("notice_id", "notices", "id")],
    },
    "copies": {
        "columns": {"notice_id": int, "cluster": int, "role": str, "jaccard": float,
                    "changed": int, "reason": str, "evidence": str, "linked_at": str},
        "pk": "notice_id",
        "not_null": {"cluster", "role"},
        "foreign_keys": [("notice_id", "notices", "id"), ("cluster", "notices", "id")],
    },
    "copy_parts": {
        "columns": {"page_id": int, "notice_id": int, "containment": float, "linked_at": str},
        "pk": ("page_id", "notice_id"),
        "foreign_keys": [("page_id", "notices", "id"), ("notice_id", "notices", "id")],
    },
}

#: A facet column followed by ``published``: a facet click (``?region=…``) lists its notices
#: newest first from the index alone, rather than sorting every notice of the value.
INDEXES = [
    ("notices", ["url"], True),
    ("notices", ["site", "published"], False),
    ("notices", ["published"], False),
    ("notices", ["year", "published"], False),
    ("notices", ["region", "published"], False),
    ("notices", ["channel", "published"], False),
    ("notices", ["status", "published"], False),
    ("notices", ["site", "last_checked"], False),
    ("notice_versions", ["notice_id", "version"], True),
    ("notice_events", ["notice_id"], False),
    ("notice_events", ["event", "at"], False),
    ("images", ["notice_id", "version"], False),
    ("images", ["src"], False),
    ("attachments", ["notice_id", "version"], False),
    ("attachments", ["url"], False),
    ("attachments", ["sha256"], False),
    ("site_columns", ["site"], False),
    ("list_page_links", ["run_id"], False),
    ("crawl_runs", ["site", "started"], False),
    ("fetch_failures", ["run_id"], False),
    ("fetch_failures", ["url"], False),
    ("copies", ["cluster"], False),
    ("copy_parts", ["notice_id"], False),
]

#: The LSH bands of every signature: ``band`` (0..BANDS-1), the hash of that band's rows,
#: the notice. Its primary key is its only index (WITHOUT ROWID), so looking up a new
#: notice's bands is one index probe each and memory does not grow with the archive.
COPY_BANDS_TABLE = "copy_bands"


def ensure_copy_bands(db: sqlite_utils.Database) -> None:
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {COPY_BANDS_TABLE} (band INTEGER NOT NULL,"
        " hash INTEGER NOT NULL, notice_id INTEGER NOT NULL,"
        " PRIMARY KEY (band, hash, notice_id)) WITHOUT ROWID")


#: The search index (crawler/keep/search.py cuts the text it holds). Contentless FTS5 with the
#: stock ``ascii`` tokenizer, so any SQLite opens and queries it; a one-character prefix
#: index makes one-character searches one lookup. Its rowid is the notice id. The body
#: comes first: positions in the first column are stored without a column marker, which
#: keeps the index a third smaller.
SEARCH_TABLE = "notices_fts"
SEARCH_COLUMNS = ("body", "title", "attachments")
#: Bumped when crawler/keep/search.py cuts text differently: an index of another version is
#: rebuilt when the archive is next opened for writing.
SEARCH_INDEX_VERSION = 1


def ensure_search_index(db: sqlite_utils.Database) -> bool:
    """Create the search index if missing; True when it is new (or was dropped) and must be filled."""
    db["search_index"].create(
        {"id": int, "version": int, "built": str, "notices": int}, pk="id", if_not_exists=True)
    row = db.execute("SELECT version FROM search_index WHERE id = 1").fetchone()
    exists = db[SEARCH_TABLE].exists()
    if exists and row is not None and row[0] == SEARCH_INDEX_VERSION:
        return False
    if exists:
        db.execute(f"DROP TABLE {SEARCH_TABLE}")
    db.execute(
        f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5({', '.join(SEARCH_COLUMNS)},"
        " content='', tokenize='ascii', prefix='1')")
    db.execute("INSERT OR REPLACE INTO search_index (id, version) VALUES (1, ?)",
               [SEARCH_INDEX_VERSION])
    return True


#: Notices counted ahead (crawler/keep/counts.py reads them), so the pages a reader opens
#: first do not count a million rows: one row per (filter, filter value, facet, value) with
#: its number of notices. The filter '' is the whole archive; facet 'notices' (value '') is
#: the total, 'flagged' the notices with quality flags, 'month' the month of publication.
#: Every counted column is counted within each value of every other (what a facet click
#: shows), and months within a site (the charts). Triggers keep it exact in the writer's own
#: transactions, whatever store writes the notice.
COUNTS_TABLE = "notice_counts"
COUNTED_COLUMNS = ("site", "region", "channel", "year", "status")
COUNT_KEYS: tuple[tuple[str, str], ...] = (
    ("", "notices"), ("", "flagged"), ("", "month"),
    *(("", facet) for facet in COUNTED_COLUMNS),
    *((f, facet) for f in COUNTED_COLUMNS for facet in COUNTED_COLUMNS if f != facet),
    ("site", "month"),
)
#: The notices the home page calls "with quality notes": flags set and not an empty list (a
#: NULL is not "not in" the list either). The same words are the condition of a partial
#: index and the ``_where`` of the home page's link to them, so SQLite answers that page
#: (count, newest first) from the index, whatever the size of the archive.
FLAGGED_WHERE = "flags NOT IN ('', '[]')"
FLAGGED_INDEX = (f"CREATE INDEX IF NOT EXISTS idx_notices_flagged ON notices (published)"
                 f" WHERE {FLAGGED_WHERE}")
#: The notices the home page calls "missing or removed from their sites", likewise: a partial
#: index on their last sighting answers the home page's link to them, latest first (the
#: unary + keeps SQLite off the status index, which would find them all and sort them; with
#: status in it, the index also counts them).
GONE_WHERE = "+status IN ('missing', 'removed')"
GONE_INDEX = (f"CREATE INDEX IF NOT EXISTS idx_notices_gone_seen ON notices (last_seen, status)"
              f" WHERE {GONE_WHERE}")

#: Images without a copy yet: what a crawl asks for first thing, read from this partial index
#: so start-up does not read every image row of the archive.
WAITING_IMAGES_INDEX = ("CREATE INDEX IF NOT EXISTS idx_images_waiting ON images"
                        " (notice_id, version, src) WHERE sha256 IS NULL")


def _count_value(name: str, row: str) -> str:
    """SQL for a key part of the notice ``row`` (NEW or OLD): NULL when it is not counted."""
    if name in ("", "notices"):
        return "''"
    if name == "flagged":
        return f"CASE WHEN {row}.{FLAGGED_WHERE} THEN '' END"
    return f"{row}.{name}"


def _count_upsert(row: str, delta: int) -> str:
    keys = ", ".join(
        f"('{f}', {_count_value(f, row)}, '{facet}', {_count_value(facet, row)})"
        for f, facet in COUNT_KEYS)
    return (f"INSERT INTO {COUNTS_TABLE} (filter, filter_value, facet, value, notices)"
            f" SELECT column1, column2, column3, column4, {delta} FROM (VALUES {keys})"
            " WHERE column2 IS NOT NULL AND column4 IS NOT NULL"
            f" ON CONFLICT DO UPDATE SET notices = notices + ({delta});")


def ensure_counts(db: sqlite_utils.Database) -> bool:
    """Create the counts and their triggers if missing; True when new and to be filled."""
    new = not db[COUNTS_TABLE].exists()
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {COUNTS_TABLE} (filter TEXT NOT NULL, filter_value NOT NULL,"
        " facet TEXT NOT NULL, value NOT NULL, notices INTEGER NOT NULL,"
        " PRIMARY KEY (filter, filter_value, facet, value)) WITHOUT ROWID")
    columns = sorted({*COUNTED_COLUMNS, "month", "flags"})
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    for name, when, body in (
        ("insert", "AFTER INSERT", _count_upsert("NEW", 1)),
        ("delete", "AFTER DELETE", _count_upsert("OLD", -1)),
        ("update", f"AFTER UPDATE OF {', '.join(columns)}",
         _count_upsert("OLD", -1) + " " + _count_upsert("NEW", 1)),
    ):
        condition = f" WHEN {changed}" if name == "update" else ""
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {COUNTS_TABLE}_{name} {when} ON notices"
                   f" FOR EACH ROW{condition} BEGIN {body} END")
    return new


def _drop_replaced_indexes(db: sqlite_utils.Database) -> None:
    """Single-column indexes that a (column, published) index of INDEXES now serves."""
    for column in ("year", "region", "channel", "status"):
        db.execute(f"DROP INDEX IF EXISTS idx_notices_{column}")


def _add_missing_columns(db: sqlite_utils.Database) -> None:
    """Columns added after a table was first made (files.text) on archives that predate them."""
    for name, spec in TABLES.items():
        have = db[name].columns_dict
        for column, kind in spec["columns"].items():
            if column not in have:
                db[name].add_column(column, kind)


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create what is missing; an archive made by a newer govarchive is refused."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise RuntimeError(
            f"this archive has schema version {found}; this govarchive knows {SCHEMA_VERSION}:"
            " upgrade govarchive to write to it"
        )
    for name, spec in TABLES.items():
        db[name].create(
            spec["columns"],
            pk=spec["pk"],
            not_null=spec.get("not_null"),
            defaults=spec.get("defaults"),
            foreign_keys=spec.get("foreign_keys"),
            if_not_exists=True,
        )
    _add_missing_columns(db)
    ensure_copy_bands(db)
    for table, columns, unique in INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    db.execute(FLAGGED_INDEX)
    db.execute(GONE_INDEX)
    db.execute(WAITING_IMAGES_INDEX)
    _drop_replaced_indexes(db)
    with db.atomic():
        if ensure_search_index(db):
            from crawler.keep.search import refill

            refill(db)
    with db.atomic():
        if ensure_counts(db):
            from crawler.keep.counts import refill as refill_counts

            refill_counts(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
