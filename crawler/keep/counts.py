"""Notices counted ahead: what the home page, the charts and the notices table's facets show
without counting a million rows each time.

``notice_counts`` (its DDL and triggers in crawler/keep/schema.py) holds, for the whole
archive and within each value of every facet column, how many notices have each value of
every other: the total, the notices with quality flags, notices per site, region, channel,
year, status, and per month within a site. Triggers on ``notices`` keep it exact in the
same transaction as the write, so whichever store writes a notice (the crawl's writer, a
salvage, a bench build) the counts follow, and a crash leaves both or neither.

Only ``refill`` (once, when an older archive gains the table) counts notices here; the
readers read the counts.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from crawler.keep.schema import COUNT_KEYS, COUNTS_TABLE

_COLUMNS = sorted({name for key in COUNT_KEYS for name in key} - {"", "notices", "flagged"})


def _conn(db) -> sqlite3.Connection:
    return db if isinstance(db, sqlite3.Connection) else db.conn


def _flagged(flags: str | None) -> bool:
    return flags is not None and flags not in ("", "[]")


def keys(row: dict[str, Any]) -> Iterable[tuple]:
    """The (filter, filter value, facet, value) keys one notice counts under: what the
    triggers of crawler/keep/schema.py count, in Python."""
    def value(name: str):
        if name in ("", "notices"):
            return ""
        if name == "flagged":
            return "" if _flagged(row["flags"]) else None
        return row[name]

    for f, facet in COUNT_KEYS:
        filter_value, facet_value = value(f), value(facet)
        if filter_value is not None and facet_value is not None:
            yield f, filter_value, facet, facet_value


def count(rows: Iterable[dict[str, Any]]) -> Counter:
    counted: Counter = Counter()
    for row in rows:
        counted.update(keys(row))
    return counted


def refill(db) -> int:
    """Count every notice again (one pass over the table); inside the caller's transaction."""
    conn = _conn(db)
    conn.execute(f"DELETE FROM {COUNTS_TABLE}")
    cursor = conn.execute(f"SELECT {', '.join(_COLUMNS)}, flags FROM notices")
    names = [d[0] for d in cursor.description]
    counted = count(dict(zip(names, row)) for row in cursor)
    conn.executemany(
        f"INSERT INTO {COUNTS_TABLE} (filter, filter_value, facet, value, notices)"
        " VALUES (?, ?, ?, ?, ?)", [(*key, n) for key, n in counted.items()])
    return len(counted)


# -- reading -----------------------------------------------------------------------------


def facet_sql(filtered: bool) -> str:
    """Values of a facet and their notices, most first (as Datasette orders a facet)."""
    where = "filter = :filter AND filter_value = :filter_value" if filtered else "filter = ''"
    return (f"SELECT value, notices AS count FROM {COUNTS_TABLE} WHERE {where}"
            " AND facet = :facet AND notices > 0 ORDER BY notices DESC, value")


TOTALS_SQL = (
    f"SELECT facet, value, notices FROM {COUNTS_TABLE} WHERE filter = ''"
    " AND facet IN ('notices', 'flagged', 'site', 'region', 'status', 'month') AND notices > 0")

SITE_MONTHS_SQL = (
    f"SELECT filter_value AS site, value AS ym, notices AS n FROM {COUNTS_TABLE}"
    " WHERE filter = 'site' AND facet = 'month' AND notices > 0")


def recount(db) -> dict[tuple, int]:
    """The counts as they should be, counted from the notices (for checks and tests)."""
    conn = _conn(db)
    cursor = conn.execute(f"SELECT {', '.join(_COLUMNS)}, flags FROM notices")
    names = [d[0] for d in cursor.description]
    return dict(count(dict(zip(names, row)) for row in cursor))


def stored(db) -> dict[tuple, int]:
    """The counts as kept, without the values no notice has any more."""
    return {tuple(row[:4]): row[4] for row in _conn(db).execute(
        f"SELECT filter, filter_value, facet, value, notices FROM {COUNTS_TABLE}"
        " WHERE notices != 0")}
