"""Chinese full-text search that finds exactly the notices a ``LIKE '%词%'`` scan finds.

Why not FTS5 as it comes: the default tokenizer keeps a whole Chinese clause as one token, so
搜索 疫情 finds nothing; the trigram tokenizer cannot match words of one or two characters,
which is most Chinese words. So the text is cut here and FTS5 only stores the pieces:

- Every text is *folded* one character for one character: ASCII letters to lower case (what
  ``LIKE`` ignores) and every other ASCII character that is not a letter or digit (space,
  punctuation, newline) to a private-use character, so that the stock ``ascii`` tokenizer
  sees no separator inside a text. Non-ASCII characters stay as they are.
- A folded text is cut into overlapping pairs of characters (疫情防控 → 疫情 情防 防控) and each
  field ends with a marker character, so its last character is the start of a pair too.
- The index is a contentless FTS5 table (``notices_fts``: body, title, attachments; the
  notice id is its rowid) with the stock ``ascii`` tokenizer and a one-character prefix
  index. Any SQLite with FTS5 opens and queries it: no extension, no custom tokenizer
  (:data:`PLAIN_SQL` searches it with SQL alone).

A query word of one character is a prefix query (``"疫" *``: a pair starting with 疫); of two,
one pair; longer, the phrase of its consecutive pairs. Folding maps characters one to one,
so a phrase of pairs is in a field exactly when the word is a substring of it, and a match
equals ``LIKE`` with its ASCII case-insensitivity: no more, no less (the one exception: a
text holding the plane-15 private-use characters U+F0000-U+F0101 that folding produces,
which no published notice does). Traditional query
words are also searched as their Simplified form (OpenCC t2s; the archive stores Simplified).

Query language (:func:`parse_query`): words separated by spaces must all occur (AND);
``"quoted phrases"`` keep their spaces; ``OR`` between two words accepts either; ``-word``
excludes. A query with nothing to look for (only exclusions) finds nothing.

What is indexed for a notice: its title and subtitle (column ``title``), body (``body``),
and the names and extracted text of the attachments of its current version
(``attachments``). :func:`like_clause` states the same thing as a plain ``LIKE`` scan; tests
and bench/search.py compare the two.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.keep.schema import SEARCH_COLUMNS, SEARCH_TABLE

#: Ends every indexed field (and separates the title from the subtitle, an attachment's
#: name from its text): a pair can never span two fields. Queries never contain it.
FIELD_END = "\U000f0100"
#: ASCII characters that are not letters or digits are folded to this plane-15 private-use
#: range (U+F0000 + code), so no separator of the ``ascii`` tokenizer is left in a text.
_ESCAPED_ASCII = 0xF0000
#: Matches nothing: a three-character token is never indexed (tokens are pairs).
NOTHING = '"' + FIELD_END * 3 + '"'
#: Limits that keep a pasted page from becoming a huge FTS5 expression.
MAX_WORDS = 16
MAX_WORD_CHARS = 64
#: bm25 weights of the columns (body, title, attachments): a word in the title counts ten
#: times one in the body.
WEIGHTS = (1.0, 10.0, 0.5)

_FOLD = {c: (chr(c).lower() if chr(c).isalnum() else chr(_ESCAPED_ASCII + c)) for c in range(128)}
_FOLD[ord(FIELD_END)] = chr(ord(FIELD_END) + 1)  # a marker in a text must not end a field


def fold(text: str) -> str:
    """The text as it is indexed: one character for one, ASCII case and separators folded."""
    return text.translate(_FOLD)


def pairs(folded: str) -> str:
    """Overlapping pairs of characters, space-separated: the tokens FTS5 stores."""
    return " ".join(map(str.__add__, folded, folded[1:]))


def field(*segments: str | None) -> str:
    """One index column from its texts, each ended by the marker (none: empty)."""
    return pairs("".join(fold(s) + FIELD_END for s in segments if s))


# -- what a notice's index entry holds -------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """The three index columns of a notice, already cut into pairs."""

    body: str
    title: str
    attachments: str

    def values(self) -> tuple[str, str, str]:
        """In the order of the index's columns (SEARCH_COLUMNS)."""
        return (self.body, self.title, self.attachments)


def document(title: str | None, subtitle: str | None, body: str | None,
             attachments: Iterable[tuple[str | None, str | None]] = ()) -> Document:
    """A notice's index entry: attachments are (name, extracted text or None) pairs."""
    attached = [part for name, text in attachments for part in (name, text)]
    return Document(body=field(body), title=field(title, subtitle), attachments=field(*attached))


_NOTICE_SQL = "SELECT id, version, title, subtitle, body FROM notices WHERE id IN ({})"
_ATTACHED_SQL = (
    "SELECT a.notice_id, a.name, f.text FROM attachments a"
    " JOIN notices n ON n.id = a.notice_id AND n.version = a.version"
    " LEFT JOIN files f ON f.sha256 = a.sha256"
    " WHERE a.notice_id IN ({}) ORDER BY a.notice_id, a.position, a.id"
)


def stored_documents(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Document]:
    """The index entries of these notices as the archive holds them now."""
    found: dict[int, Document] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        attached: dict[int, list] = {}
        for notice_id, name, text in conn.execute(_ATTACHED_SQL.format(marks), chunk):
            attached.setdefault(notice_id, []).append((name, text))
        for notice_id, _, title, subtitle, body in conn.execute(_NOTICE_SQL.format(marks), chunk):
            found[notice_id] = document(title, subtitle, body, attached.get(notice_id, ()))
    return found


# -- keeping the index right ----------------------------------------------------------------

_INSERT = f"INSERT INTO {SEARCH_TABLE}(rowid, {', '.join(SEARCH_COLUMNS)}) VALUES (?, ?, ?, ?)"
_DELETE = (f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}, rowid, {', '.join(SEARCH_COLUMNS)})"
           " VALUES ('delete', ?, ?, ?, ?)")


def _conn(db) -> sqlite3.Connection:
    """A sqlite3 connection from a connection or a sqlite_utils Database."""
    return getattr(db, "conn", db)


def index_notice(db, notice_id: int, replacing: Document | None = None) -> None:
    """(Re-)index one notice from what the archive holds now.

    A contentless FTS5 table forgets an entry only when told exactly what it indexed, so a
    notice that was indexed before must pass ``replacing``: its :func:`stored_documents`
    entry read *before* the change. Call inside the transaction that changes the notice.
    Inside :func:`defer` the notice is only marked, and indexed when the batch ends.
    """
    conn = _conn(db)
    batch = _BATCHES.get(id(conn))
    if batch is not None:
        batch.touched(notice_id, replacing)
        return
    new = stored_documents(conn, [notice_id]).get(notice_id)
    if new == replacing:
        return
    if replacing is not None:
        conn.execute(_DELETE, (notice_id, *replacing.values()))
    if new is not None:
        conn.execute(_INSERT, (notice_id, *new.values()))


class Reindexing:
    """Around a change to notices already indexed: reads their entries before, re-indexes after.

    ``with Reindexing(db, ids): ...change them...`` inside the change's transaction.
    """

    def __init__(self, db, ids: Iterable[int]):
        self.db, self.ids = db, list(dict.fromkeys(ids))
        self.before: dict[int, Document] = {}

    def __enter__(self) -> Reindexing:
        batch = _BATCHES.get(id(_conn(self.db)))
        ids = self.ids if batch is None else [i for i in self.ids if i not in batch.before]
        self.before = stored_documents(_conn(self.db), ids)
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            for notice_id in self.ids:
                index_notice(self.db, notice_id, self.before.get(notice_id))


class IndexBatch:
    """The index changes of a batch of notices, applied together when the batch ends.

    FTS5 writes its pending terms to disk at every savepoint and commit, so a notice indexed
    on its own costs a flush of the index; a batch costs one. ``before`` holds, for every
    notice touched in the batch, the entry the index holds for it (None: none), read at its
    first change, so the entry can be taken out exactly.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.before: dict[int, Document | None] = {}

    def touched(self, notice_id: int, replacing: Document | None) -> None:
        self.before.setdefault(notice_id, replacing)

    def apply(self) -> int:
        """Bring the index in line with the archive for every touched notice; how many changed."""
        ids = list(self.before)
        now = stored_documents(self.conn, ids)
        out, into = [], []
        for notice_id in ids:
            old, new = self.before[notice_id], now.get(notice_id)
            if old == new:
                continue
            if old is not None:
                out.append((notice_id, *old.values()))
            if new is not None:
                into.append((notice_id, *new.values()))
        self.conn.executemany(_DELETE, out)
        self.conn.executemany(_INSERT, into)
        self.before.clear()
        return len(out) + len(into)


#: The batch open on a connection (by id(conn)), if any: see :func:`defer`.
_BATCHES: dict[int, IndexBatch] = {}


def defer(db) -> IndexBatch:
    """From now on, index changes on this connection wait for :func:`settle` (in one
    transaction with the changes: the writer's batch)."""
    conn = _conn(db)
    return _BATCHES.setdefault(id(conn), IndexBatch(conn))


def batching(db) -> bool:
    """Is a batch deferring index changes on this connection?"""
    return id(_conn(db)) in _BATCHES


def settle(db, *, discard: bool = False) -> int:
    """Apply (or, after a rollback, forget) the deferred index changes; index at once again."""
    batch = _BATCHES.pop(id(_conn(db)), None)
    if batch is None or discard:
        return 0
    return batch.apply()


def index_documents(db, entries: Iterable[tuple[int, Document]]) -> int:
    """Add new entries in bulk (a rebuild, the benchmark); returns how many."""
    rows = [(notice_id, *doc.values()) for notice_id, doc in entries]
    _conn(db).executemany(_INSERT, rows)
    return len(rows)


def refill(db, progress=None, batch: int = 2000) -> int:
    """Empty the index and index every notice again; inside the caller's transaction."""
    conn = _conn(db)
    conn.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('delete-all')")
    done, last = 0, 0
    while True:
        ids = [row[0] for row in conn.execute(
            "SELECT id FROM notices WHERE id > ? ORDER BY id LIMIT ?", (last, batch))]
        if not ids:
            break
        docs = stored_documents(conn, ids)
        done += index_documents(conn, ((i, docs[i]) for i in ids if i in docs))
        last = ids[-1]
        if progress:
            progress(done)
    conn.execute(f"INSERT INTO {SEARCH_TABLE}({SEARCH_TABLE}) VALUES ('optimize')")
    return done


def rebuild(db_path: str | Path, *, quiet: bool = False) -> int:
    """``govarchive reindex``: rebuild the search index of an archive in one transaction.

    Takes the crawl lock (crawler.keep.lock.CrawlRunning if a crawl is writing: the rebuild would
    hold SQLite's one write lock for minutes). Readers (Datasette) keep reading the old index
    until the new one is committed. Prints progress to stderr unless ``quiet``; returns the
    number of notices indexed.
    """
    from crawler import clock
    from crawler.keep.lock import CrawlLock
    from crawler.keep import Archive

    started = time.monotonic()

    def progress(done: int) -> None:
        if not quiet:
            print(f"\rindexed {done:,} notices", end="", file=sys.stderr, flush=True)

    with CrawlLock(db_path):
        archive = Archive(db_path)
        try:
            with archive.db.atomic():
                count = refill(archive.db, progress)
                archive.db.execute("UPDATE search_index SET built = ?, notices = ?",
                                   [clock.stamp(), count])
        finally:
            archive.close()
    if not quiet:
        print(f"\rindexed {count:,} notices in {time.monotonic() - started:.1f} s",
              file=sys.stderr)
    return count


# -- queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A parsed search: every group must match (a group is words joined by OR), no excluded."""

    groups: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def words(self) -> list[str]:
        """The words to look for, with their Simplified forms: what snippets highlight."""
        seen = [v for group in self.groups for word in group for v in variants(word)]
        return list(dict.fromkeys(seen))


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def parse_query(text: str | None) -> Query:
    """Words, "phrases", OR and -exclusions from what a person typed."""
    items: list[tuple[str, str, bool]] = []  # (kind, word, quoted)
    for match in _TOKEN.finditer((text or "").replace(FIELD_END, "")):
        quoted = match.group(2) is not None
        minus = match.group(1) if quoted else match.group(3)
        word = (match.group(2) if quoted else match.group(4))[:MAX_WORD_CHARS]
        if not quoted and word in ("OR", "|"):
            items.append(("or", "", False))
            continue
        if not word.strip():
            continue
        items.append(("minus" if minus else "word", word, quoted))
    groups: list[list[str]] = []
    excluded: list[str] = []
    joining = False
    for kind, word, _ in items:
        if kind == "or":
            joining = bool(groups)
            continue
        if kind == "minus":
            excluded.append(word)
            joining = False
            continue
        if joining:
            groups[-1].append(word)
        else:
            groups.append([word])
        joining = False
    return Query(tuple(tuple(dict.fromkeys(g)) for g in groups[:MAX_WORDS]),
                 tuple(dict.fromkeys(excluded))[:MAX_WORDS])


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=4096)
def variants(word: str) -> tuple[str, ...]:
    """The word as typed and, if different, its Simplified form."""
    simplified = _t2s().convert(word)
    return (word,) if simplified == word else (word, simplified)


def phrase(word: str) -> str | None:
    """The FTS5 phrase that matches exactly the fields containing ``word``."""
    folded = fold(word)
    if not folded:
        return None
    if len(folded) == 1:
        return f'"{folded}" *'
    return f'"{pairs(folded)}"'


def _any_of(words: Iterable[str]) -> str | None:
    phrases = [p for w in words for v in variants(w) if (p := phrase(v))]
    phrases = list(dict.fromkeys(phrases))
    if not phrases:
        return None
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def fts_expression(query: Query | str | None) -> str:
    """The FTS5 MATCH expression for a query (``NOTHING`` when it looks for nothing)."""
    if not isinstance(query, Query):
        query = parse_query(query)
    wanted = [e for group in query.groups if (e := _any_of(group))]
    if not wanted:
        return NOTHING
    expression = " AND ".join(wanted)
    unwanted = _any_of(query.excluded)
    if unwanted:
        expression = f"({expression}) NOT {unwanted}"
    return expression


def fts_query(text: Any) -> str:
    """SQL function ``fts_query(q)`` (and Datasette's ``escape_fts``): what people type → MATCH."""
    return fts_expression(text if isinstance(text, str) else "")


#: One word searched with nothing but SQL, for a copy of archive.db opened by any SQLite
#: (``:word`` is the word): it folds and pairs the word as :func:`fold` and :func:`phrase`
#: do. For words of Chinese characters and lower-case letters the phrase can simply be typed:
#: ``notices_fts MATCH '"疫情 情防 防控"'`` (one character: ``'"疫" *'``).
PLAIN_SQL = f"""
WITH RECURSIVE
  folded(i, f) AS (
    SELECT 0, ''
    UNION ALL
    SELECT i + 1, f || (SELECT CASE
        WHEN unicode(c) BETWEEN 65 AND 90 THEN lower(c)
        WHEN unicode(c) BETWEEN 48 AND 57 OR unicode(c) BETWEEN 97 AND 122
          OR unicode(c) >= 128 THEN c
        ELSE char({_ESCAPED_ASCII} + unicode(c)) END
      FROM (SELECT substr(:word, i + 1, 1) AS c))
    FROM folded WHERE i < length(:word)
  ),
  word(f) AS (SELECT f FROM folded ORDER BY i DESC LIMIT 1),
  pairs(i, p) AS (
    SELECT 1, substr(f, 1, 2) FROM word WHERE length(f) >= 2
    UNION ALL
    SELECT i + 1, substr(f, i + 1, 2) FROM pairs, word WHERE i + 1 < length(f)
  ),
  expression(e) AS (
    SELECT CASE WHEN length(f) = 1 THEN '"' || f || '" *'
      ELSE '"' || (SELECT group_concat(p, ' ') FROM (SELECT p FROM pairs ORDER BY i)) || '"'
      END FROM word
  )
SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH (SELECT e FROM expression)
"""


def register_functions(conn: sqlite3.Connection) -> None:
    """Make ``fts_query(q)`` available to SQL on this connection."""
    conn.create_function("fts_query", 1, fts_query, deterministic=True)


# -- the same search as a LIKE scan (the definition the index is tested against) ------------


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(param: str) -> str:
    p = f":{param}"
    return (
        f"(n.title LIKE {p} ESCAPE '\\' OR n.subtitle LIKE {p} ESCAPE '\\'"
        f" OR n.body LIKE {p} ESCAPE '\\' OR EXISTS (SELECT 1 FROM attachments a"
        " LEFT JOIN files f ON f.sha256 = a.sha256"
        " WHERE a.notice_id = n.id AND a.version = n.version"
        f" AND (a.name LIKE {p} ESCAPE '\\' OR f.text LIKE {p} ESCAPE '\\')))"
    )


def like_clause(query: Query | str) -> tuple[str, dict[str, str]]:
    """A WHERE clause on ``notices n`` that scans with LIKE for what :func:`fts_expression`
    finds through the index (slow: for tests, the benchmark and checking by hand)."""
    if not isinstance(query, Query):
        query = parse_query(query)
    params: dict[str, str] = {}

    def any_of(words) -> str | None:
        parts = []
        for word in words:
            for v in variants(word):
                key = f"w{len(params)}"
                params[key] = f"%{_like_escape(v)}%"
                parts.append(_contains(key))
        return "(" + " OR ".join(parts) + ")" if parts else None

    wanted = [c for group in query.groups if (c := any_of(group))]
    if not wanted:
        return "0", params
    clause = " AND ".join(wanted)
    unwanted = any_of(query.excluded)
    if unwanted:
        clause = f"({clause}) AND NOT coalesce({unwanted}, 0)"  # NULL fields are no match
    return clause, params


def like_ids(conn: sqlite3.Connection, query: Query | str) -> set[int]:
    clause, params = like_clause(query)
    return {row[0] for row in conn.execute(f"SELECT n.id FROM notices n WHERE {clause}", params)}


def match_ids(conn: sqlite3.Connection, query: Query | str, column: str | None = None) -> set[int]:
    target = f"{SEARCH_TABLE}.{column}" if column else SEARCH_TABLE
    sql = f"SELECT rowid FROM {SEARCH_TABLE} WHERE {target} MATCH ?"
    return {row[0] for row in conn.execute(sql, [fts_expression(query)])}
