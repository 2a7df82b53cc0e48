"""Datasette's own search on the notices table — the search box, ``?_search=``,
``?_search_title=`` (and ``_body``, ``_attachments``), the JSON API — through the Chinese index.

Why govarchive builds the filter instead of naming ``fts_table`` in metadata and letting
Datasette do it: Datasette writes ``id in (select rowid from notices_fts where … match …)``,
and SQLite then looks each match up in the notices table. For a word in three of four
notices of a million-notice archive that is 750,000 lookups of 2 KB rows, for the count, the
rows and every facet: ten seconds a page. So the matches are counted first (cheap: up to
``SCAN_FROM`` of them) and the filter is written for the size found. Few matches: looked up,
as Datasette does. Many: the filter asks the index about each row the page reads (``exists
(… where notices_fts match … and rowid = notices.id)``, one probe per row), so the table
page, sorted by an index, reads rows newest first until it has a page of matches — a few
hundred probes for a common word, where building the set of its 750,000 matches took
200-300 ms. Same words, same results; only the plan differs.

Counting every match that way would probe every notice, so a search matching more than
:data:`COUNT_UP_TO` notices is bounded: :func:`bounded_scope` (called by the plugin's ASGI
wrapper before Datasette sees the request) adds Datasette's own ``_nocount`` to it, the
description says "more than 5,000 notices, not counted", and the facets are left out with a
note (crawler/publish/facets.py). Below that, the count and facets are exact.

The words go through :func:`crawler.keep.search.fts_query` in the SQL itself, so "View and edit
SQL" shows a query a journalist can reuse. ``?_searchmode=raw`` passes an FTS5 expression
as it is, as in Datasette.
"""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import parse_qsl, urlencode

from datasette.filters import FilterArguments
from datasette.utils import tilde_decode
from datasette.utils.asgi import BadRequest

from crawler.keep.schema import SEARCH_COLUMNS, SEARCH_TABLE

from .archive import is_archive, limit
from .facets import BOUNDS_KEY

#: From this many matches on, the filter probes the index for each row read instead of
#: looking each match up (on a million notices: 5,000 lookups and a sort cost about what
#: the probes for a page of matches cost when one notice in 200 matches).
SCAN_FROM = 5_000
#: A search matching more notices than this is not counted, and its page not faceted; the
#: plugin configuration's ``count_up_to`` changes it.
COUNT_UP_TO = 5_000
#: What :func:`bounded_scope` adds; taken out again from the next request, so a link that
#: carries it is decided afresh (a ``_nocount`` given by hand stays).
NOCOUNT = ("_nocount", "bounded")
_TABLE_PATH = re.compile(r"/([^/]+)/notices(\.json)?")


def search_args(request) -> list[tuple[str | None, str]]:
    """(column or None for all, words) for each search parameter given (``_q`` is ``_search``)."""
    return _search_args(request.args, request.args.get)


def _search_args(keys, get) -> list[tuple[str | None, str]]:
    found = []
    for key in keys:
        if key in ("_search", "_q"):
            column = None
        elif key.startswith("_search_") and key != "_searchmode":
            column = key[len("_search_"):]
            if column not in SEARCH_COLUMNS:
                raise BadRequest(f"Cannot search by that column: {column}"
                                 f" (searchable: {', '.join(SEARCH_COLUMNS)})")
        else:
            continue
        text = get(key, "")
        if text.strip():
            found.append((column, text))
    return found


async def _matches(db, target: str, match: str, params: dict, up_to: int | None = None) -> int:
    """Matches of one search, counted up to ``up_to`` + 1 (cheap, whatever the word)."""
    sql = (f"SELECT count(*) FROM (SELECT rowid FROM {SEARCH_TABLE} WHERE {target} MATCH {match}"
           f" LIMIT {(up_to or SCAN_FROM) + 1})")
    return (await db.execute(sql, params)).first()[0]


async def bounded_scope(datasette, scope: dict, path: str) -> dict:
    """The request for the notices table (HTML or JSON) as Datasette should answer it: with
    ``_nocount`` when its search matches more than :data:`COUNT_UP_TO` notices."""
    found = _TABLE_PATH.fullmatch(path)
    if not found:
        return scope
    name = tilde_decode(found.group(1))
    if name not in datasette.databases or not is_archive(datasette, name):
        return scope
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    kept = [pair for pair in pairs if pair != NOCOUNT]
    args: dict[str, str] = {}
    for key, value in kept:  # the first of a repeated key, as Datasette's request.args.get
        args.setdefault(key, value)
    raw = args.get("_searchmode") == "raw"
    bounds: dict = {}
    up_to = limit(datasette, "count_up_to", COUNT_UP_TO)
    try:
        given = _search_args(args, args.get)
        if given and "_nocount" not in args:
            db = datasette.get_database(name)
            least = min([await _matches(
                db, f"{SEARCH_TABLE}.{column}" if column else SEARCH_TABLE,
                ":q" if raw else "fts_query(:q)", {"q": text}, up_to)
                for column, text in given])
            if least > up_to:
                kept.append(NOCOUNT)
                bounds["search_matches"] = f"the search matches more than {up_to:,} notices"
    except (BadRequest, sqlite3.Error):
        pass  # the filter says what is wrong with the search
    query = urlencode(kept).encode("latin-1") if kept != pairs else scope.get("query_string", b"")
    return {**scope, "query_string": query, BOUNDS_KEY: bounds}


async def search_filter(request, db) -> FilterArguments | None:
    given = search_args(request)
    if not given:
        return FilterArguments([], extra_context={"supports_search": True})
    raw = request.args.get("_searchmode") == "raw"
    bounded = request.scope.get(BOUNDS_KEY, {}).get("search_matches")
    clauses, params, descriptions = [], {}, []
    for i, (column, text) in enumerate(given):
        key = f"ga_search_{i}"
        params[key] = text
        target = f"{SEARCH_TABLE}.{column}" if column else SEARCH_TABLE
        match = f":{key}" if raw else f"fts_query(:{key})"
        try:
            count = await _matches(db, target, match, {key: text})
        except sqlite3.OperationalError as exc:
            raise BadRequest(f"Not a search FTS5 understands ({exc}); drop _searchmode=raw"
                             " to search for the words as typed") from exc
        if count > SCAN_FROM:
            clauses.append(f"exists (select 1 from {SEARCH_TABLE} where {target} match {match}"
                           " and rowid = notices.id)")
        else:
            clauses.append(f"id in (select rowid from {SEARCH_TABLE} where {target} match {match})")
        described = (f'search column "{column}" matches "{text}"' if column
                     else f'search matches "{text}"')
        if bounded:
            described += f" ({bounded.replace('the search matches ', '')}, not counted)"
        descriptions.append(described)
    return FilterArguments(clauses, params, descriptions,
                           {"supports_search": True, "search": given[0][1]})

