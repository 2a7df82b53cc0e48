"""Datasette's own search on the notices table — the search box, ``?_search=``,
``?_search_title=`` (and ``_body``, ``_attachments``), the JSON API — through the Chinese index.

Why govarchive builds the filter instead of naming ``fts_table`` in metadata and letting
Datasette do it: Datasette writes ``id in (select rowid from notices_fts where … match …)``,
and SQLite then looks each match up in the notices table. For a word in three of four
notices of a million-notice archive that is 750,000 lookups of 2 KB rows, for the count, the
rows and every facet: ten seconds a page. Filtering while scanning an index instead
(``+id in (…)``: SQLite builds the set of matches once and tests each row's id) costs a
fraction of a second whatever the word, but is slower than the lookups for a rare word. So
the matches are counted first (cheap: up to ``SCAN_FROM`` of them) and the filter is
written for the size found. Same words, same results; only the plan differs.

The words go through :func:`crawler.keep.search.fts_query` in the SQL itself, so "View and edit
SQL" shows a query a journalist can reuse. ``?_searchmode=raw`` passes an FTS5 expression
as it is, as in Datasette.
"""

from __future__ import annotations

import sqlite3

from datasette.filters import FilterArguments
from datasette.utils.asgi import BadRequest

from crawler.keep.schema import SEARCH_COLUMNS, SEARCH_TABLE

#: From this many matches on, the filter scans instead of looking each match up
#: (measured on a million notices: the two cost the same near 100,000 matches).
SCAN_FROM = 50_000


def search_args(request) -> list[tuple[str | None, str]]:
    """(column or None for all, words) for each search parameter given (``_q`` is ``_search``)."""
    found = []
    for key in request.args:
        if key in ("_search", "_q"):
            column = None
        elif key.startswith("_search_") and key != "_searchmode":
            column = key[len("_search_"):]
            if column not in SEARCH_COLUMNS:
                raise BadRequest(f"Cannot search by that column: {column}"
                                 f" (searchable: {', '.join(SEARCH_COLUMNS)})")
        else:
            continue
        text = request.args.get(key, "")
        if text.strip():
            found.append((column, text))
    return found


async def _matches(db, target: str, match: str, params: dict) -> int:
    sql = (f"SELECT count(*) FROM (SELECT rowid FROM {SEARCH_TABLE} WHERE {target} MATCH {match}"
           f" LIMIT {SCAN_FROM + 1})")
    return (await db.execute(sql, params)).first()[0]


async def search_filter(request, db) -> FilterArguments | None:
    given = search_args(request)
    if not given:
        return FilterArguments([], extra_context={"supports_search": True})
    raw = request.args.get("_searchmode") == "raw"
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
        pk = "+id" if count > SCAN_FROM else "id"
        clauses.append(f"{pk} in (select rowid from {SEARCH_TABLE} where {target} match {match})")
        descriptions.append(f'search column "{column}" matches "{text}"' if column
                            else f'search matches "{text}"')
    return FilterArguments(clauses, params, descriptions,
                           {"supports_search": True, "search": given[0][1]})

