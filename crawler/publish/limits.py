"""What one request from the web can make the public server do and hold.

Datasette's SQL time limit is a progress handler: SQLite calls it between virtual-machine
steps, so it stops SQL but never a Python function SQL calls, and it bounds time, not memory
(``replace(hex(zeroblob(8000000)), '0', '疫情 ')`` builds 112 MB in well under a second, and
``fts_query`` of it used to parse 16 million words for 45 s). So, on every connection the
server opens:

- **Values**: SQLite refuses to build a string or blob over :data:`MAX_VALUE_BYTES`
  (``SQLITE_LIMIT_LENGTH``; "string or blob too big"). The archive's largest values are
  notice bodies and attachment text (at most a million characters), far below it.
- **Functions**: every SQL function govarchive registers reads at most
  :data:`MAX_QUERY_CHARS` characters of its argument and looks for at most
  :data:`MAX_TERMS` words (a search is a few words; a pasted page is cut, as the search box
  cuts it), so a call takes microseconds whatever it is given.
- **Results**: the text and blobs of one query's rows are counted as they are read into
  Python; past :data:`MAX_RESULT_BYTES` the query stops with a one-line SQL error.
- **SQLite's own memory**: a hard heap limit for the whole server process
  (:data:`SQL_HEAP_BYTES`), so no row of many large values is ever built.
- **SQL people write** (``?sql=``, ``?_where=``): at most one query fewer than Datasette's SQL
  threads at once, so one thread is always free for the pages; a request that finds no free
  slot within :data:`SLOT_WAIT_SECONDS` is answered 503 with ``Retry-After``. Its queries run
  in worker processes that are killed at the time limit (crawler/publish/sandbox.py): SQLite's
  own C code can escape the progress handler too (FTS5 parsing a MATCH of millions of terms).

Together: every request ends within the SQL time limit (plus the slot wait and a second's
grace), and the server holds at most a few hundred MB whatever it is asked.
"""

from __future__ import annotations

import asyncio
import math
import re
import sqlite3
import threading
import weakref
from urllib.parse import parse_qsl

from datasette.utils import escape_fts as datasette_escape_fts
from datasette.utils.asgi import Response

from crawler.keep import search

#: Largest string or blob SQLite builds on the server's connections.
MAX_VALUE_BYTES = 32 * 1024 * 1024
#: Text and blob bytes one query may return to Python.
MAX_RESULT_BYTES = 64 * 1024 * 1024
#: SQLite's heap across the server process (page caches, sorters, result rows).
SQL_HEAP_BYTES = 256 * 1024 * 1024
#: Characters of a search a SQL function reads; words it looks for.
MAX_QUERY_CHARS = 1024
MAX_TERMS = 32
#: How long SQL people write waits for a free slot before a 503.
SLOT_WAIT_SECONDS = 1.0
#: Query-string keys that carry SQL written by the person asking.
WRITTEN_SQL_KEYS = frozenset({"sql", "_where"})


class ResultTooLarge(sqlite3.OperationalError):
    """A query's rows hold more text and blobs than one request may have."""


# -- SQL functions -----------------------------------------------------------------------------


def bounded_query(text: object) -> search.Query:
    """What people typed, parsed from its first MAX_QUERY_CHARS characters, MAX_TERMS words."""
    query = search.parse_query(text[:MAX_QUERY_CHARS] if isinstance(text, str) else "")
    left = MAX_TERMS
    groups = []
    for group in query.groups:
        if left <= 0:
            break
        groups.append(group[:left])
        left -= len(groups[-1])
    return search.Query(tuple(groups), query.excluded[:max(left, 0)])


def fts_query(text: object) -> str:
    """SQL ``fts_query(q)`` (and ``escape_fts`` on the archive): a bounded search → MATCH."""
    return search.fts_expression(bounded_query(text))


def escape_fts(text: object) -> str:
    """Datasette's own ``escape_fts`` (other databases), reading a bounded part of its input."""
    return datasette_escape_fts(text[:MAX_QUERY_CHARS] if isinstance(text, str) else "")


#: Widths and precisions SQL ``printf``/``format`` may ask for: SQLite's own printf repeats
#: ``%.*c`` a billion times if asked, long after the string is too big and out of reach of
#: the time limit (11 s for ``printf('%.*c', 1000000000, 'x')``).
MAX_PRINTF_WIDTH = 100_000
_PRINTF_SPEC = re.compile(r"%[-+ #0!,]*(\*|\d+)?(?:\.(\*|\d+)?)?l*(.)", re.S)


def _int_arg(value: object) -> int:
    """An argument as SQLite's printf reads a ``*`` width (text is read as a number)."""
    try:
        return abs(int(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return 0


def printf_too_wide(fmt: object, args: tuple) -> bool:
    """Does this printf format ask for a width or precision over MAX_PRINTF_WIDTH?"""
    if not isinstance(fmt, str):
        return False
    used = 0
    for spec in _PRINTF_SPEC.finditer(fmt):
        for part in spec.group(1, 2):
            if part == "*":
                size = _int_arg(args[used]) if used < len(args) else 0
                used += 1
            else:
                size = int(part) if part else 0
            if size > MAX_PRINTF_WIDTH:
                return True
        if spec.group(3) not in "%n":
            used += 1
    return False


class BoundedPrintf:
    """SQL ``printf``/``format``: SQLite's own, through a private connection, unless the
    format asks for more than MAX_PRINTF_WIDTH (then NULL, as SQLite answers a too-big printf)."""

    def __init__(self):
        self.local = threading.local()

    def __call__(self, fmt=None, *args):
        if printf_too_wide(fmt, args):
            return None
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = sqlite3.connect(":memory:", check_same_thread=False)
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        marks = ", ".join("?" * (len(args) + 1))
        return conn.execute(f"SELECT printf({marks})", (fmt, *args)).fetchone()[0]


_printf = BoundedPrintf()


def register_functions(conn: sqlite3.Connection, *, archive: bool) -> None:
    """Every SQL function the plugin offers, each bounded in what it reads, and SQLite's
    ``printf``/``format`` bounded in what they may be asked to repeat."""
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.create_function("escape_fts", 1, fts_query if archive else escape_fts,
                         deterministic=True)
    for name in ("printf", "format"):
        conn.create_function(name, -1, _printf, deterministic=True)


# -- connections -------------------------------------------------------------------------------


class ResultBudget:
    """Counts the text and blob bytes a connection's current query has returned.

    Text is counted as it is decoded (before Python holds it), blobs when their row is made;
    a new cursor starts a new count (Datasette opens one per query).
    """

    def __init__(self, decode, limit: int = MAX_RESULT_BYTES):
        self.decode = decode
        self.limit = limit
        self.cursor: weakref.ref | None = None
        self.used = 0
        self.row = 0

    def text(self, raw: bytes) -> str:
        self.row += len(raw)
        if self.row > self.limit:
            self.row = 0
            raise self._too_large()
        return self.decode(raw)

    def make_row(self, cursor: sqlite3.Cursor, values: tuple) -> sqlite3.Row:
        if self.cursor is None or self.cursor() is not cursor:
            self.cursor, self.used = weakref.ref(cursor), 0
        size = self.row + sum(len(v) for v in values if isinstance(v, bytes))
        self.row = 0
        self.used += size
        if self.used > self.limit:
            self.used = 0
            raise self._too_large()
        return sqlite3.Row(cursor, values)

    def _too_large(self) -> ResultTooLarge:
        return ResultTooLarge(
            f"result too large: more than {self.limit // (1024 * 1024)} MB of text and blobs"
            " in one query's rows; ask for fewer rows or shorter values")


def _decode(raw: bytes) -> str:
    return str(raw, "utf-8", "replace")


def limit_connection(conn: sqlite3.Connection) -> None:
    """Bound what a query on this connection can build and return (see the module's doc)."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute(f"PRAGMA hard_heap_limit = {SQL_HEAP_BYTES}")  # only ever lowers it
    budget = ResultBudget(_decode)  # decodes as Datasette does: bad UTF-8 is replaced
    conn.text_factory = budget.text
    conn.row_factory = budget.make_row


def memory_error_response(exception: BaseException) -> Response | None:
    """SQLite out of its heap limit (Python's MemoryError) as a 400 that says so."""
    if not isinstance(exception, MemoryError):
        return None
    return Response.text(
        "This query needs more memory than the archive gives one request"
        f" ({SQL_HEAP_BYTES // (1024 * 1024)} MB); ask for fewer or shorter values.\n",
        status=400)


# -- SQL people write, a few at a time -----------------------------------------------------


def writes_sql(scope) -> bool:
    """Does this request carry SQL (or a WHERE clause) of the asker's own?"""
    raw = scope.get("query_string") or b""
    if not raw:
        return False
    keys = {key for key, _ in parse_qsl(raw.decode("latin-1"), keep_blank_values=True)}
    return not keys.isdisjoint(WRITTEN_SQL_KEYS)


class SqlSlots:
    """At most ``slots`` requests with written SQL at once; the others wait briefly, then 503."""

    def __init__(self, datasette):
        self.datasette = datasette
        self._semaphore: asyncio.Semaphore | None = None

    @property
    def slots(self) -> int:
        return max(1, int(self.datasette.setting("num_sql_threads") or 1) - 1)

    def _get(self) -> asyncio.Semaphore:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.slots)
        return self._semaphore

    async def run(self, app, scope, receive, send):
        semaphore = self._get()
        try:
            await asyncio.wait_for(semaphore.acquire(), SLOT_WAIT_SECONDS)
        except asyncio.TimeoutError:
            return await self._busy().asgi_send(send)
        try:
            return await app(scope, receive, send)
        finally:
            semaphore.release()

    def _busy(self) -> Response:
        seconds = math.ceil((self.datasette.setting("sql_time_limit_ms") or 1000) / 1000)
        return Response.text(
            f"The archive is already running {self.slots} SQL queries written by visitors;"
            f" try again in {seconds} s.\n",
            status=503, headers={"Retry-After": str(seconds)})
