"""The notices table's facets (site, region, channel, year, status) at any archive size.

Datasette's own column facet counts the rows of the page's query, once per facet: five
scans of a million notices on the unfiltered table, five of every notice of a site after a
facet click, five of three quarters of the archive under a common word. The metadata's
facets are of the type ``counted`` instead (registered here with Datasette's
``register_facet_classes`` hook), and answered, with the same values, counts, order, labels
and links as Datasette's:

- the whole table, or one facet value clicked (``?site=…``, ``?year=2020``): from the counts
  the writer keeps (``notice_counts``, crawler/keep/counts.py), exact and instant;
- anything else (several filters, a search): counted from the rows, all facets in one pass,
  when the page has at most :data:`COUNT_ROWS` notices. Past that, or past Datasette's
  ``facet_time_limit_ms``, the facets are not counted and the table page says which and why
  (crawler/publish/templates/_table.html); a time-out is also listed as Datasette lists one.

A facet asked for in the address (``?_facet=channel``) stays Datasette's own, bounded by
``facet_time_limit_ms``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import path_with_added_args, path_with_removed_args

from crawler.keep import counts
from crawler.keep.schema import COUNTED_COLUMNS, COUNTS_TABLE, TABLES

from .archive import is_archive, limit

#: Filtered pages with more notices than this are not faceted (each facet would read them);
#: the plugin configuration's ``facet_rows`` changes it.
COUNT_ROWS = 5_000
#: Where the table page finds what was left out and why (crawler/publish/plugin.py).
BOUNDS_KEY = "govarchive.bounds"

_WHOLE_TABLE = re.compile(r"select .+ from notices\s*", re.S)
_ONE_VALUE = re.compile(r'select .+ from notices where "(\w+)" = :p0\s*', re.S)


def bounds(request) -> dict[str, Any]:
    """What the request's pages left out: {"facets": [...], "facets_why": str, …}."""
    return request.scope.setdefault(BOUNDS_KEY, {})


def _typed(column: str, value: str) -> Any:
    """A filter value as the column stores it (the address gives text; year is a number)."""
    if TABLES["notices"]["columns"].get(column) is int:
        try:
            return int(value)
        except ValueError:
            return value
    return value


def _order(item: tuple[Any, int]) -> tuple:
    value, n = item
    return (-n, isinstance(value, str), value)


class CountedFacet(ColumnFacet):
    """A column facet of the notices table, counted ahead or bounded (see the module)."""

    type = "counted"

    async def facet_results(self):
        columns = self._columns()
        if not columns:
            return [], []
        if self.table != "notices" or not is_archive(self.ds, self.database):
            return await self._datasette_counts()
        db = self.ds.get_database(self.database)
        kept = await db.table_exists(COUNTS_TABLE)
        wheres = self.sql.lower().count("where")
        one = _ONE_VALUE.fullmatch(self.sql) if wheres == 1 else None
        if kept and wheres == 0 and _WHOLE_TABLE.fullmatch(self.sql) and not self.params:
            found = {c: await self._kept(db, c) for c in columns}
        elif (kept and one and one.group(1) in COUNTED_COLUMNS and set(self.params) == {"p0"}):
            column, value = one.group(1), _typed(one.group(1), self.params["p0"])
            found = {c: await self._kept(db, c, column, value) for c in columns}
        else:
            found = await self._counted_rows(db, columns)
            if found is None:  # a time-out is also listed where Datasette lists them
                timed_out = "ms" in bounds(self.request).get("facets_why", "")
                return [], columns if timed_out else []
        return [await self._result(column, values) for column, values in found.items()], []

    def _columns(self) -> list[str]:
        asked = {value for key, value in self.get_querystring_pairs() if key == "_facet"}
        columns = [c["config"].get("column") or c["config"]["simple"] for c in self.get_configs()]
        return [c for c in columns if c not in asked]  # Datasette's own facet answers those

    async def _datasette_counts(self):
        results, timed_out = await super().facet_results()
        for result in results:
            result["type"] = "column"
        return results, timed_out

    async def _kept(self, db, column: str, filter_column: str | None = None,
                    filter_value: Any = None) -> list[tuple[Any, int]]:
        if column == filter_column:  # the clicked value itself: all the page's notices
            sql, params = counts.facet_sql(False), {"facet": column}
            return [(v, n) for v, n in (await db.execute(sql, params)).rows if v == filter_value]
        sql = counts.facet_sql(filter_column is not None)
        params = {"facet": column, "filter": filter_column, "filter_value": filter_value}
        return [tuple(row) for row in (await db.execute(sql, params)).rows]

    async def _counted_rows(self, db, columns: list[str]) -> dict[str, list] | None:
        """All facets in one pass over the page's notices; None if there are too many."""
        why = bounds(self.request).get("search_matches")
        up_to = limit(self.ds, "facet_rows", COUNT_ROWS)
        if why is None and self.row_count is not None and self.row_count > up_to:
            why = f"more than {up_to:,} notices to count"  # the page's count says so already
        if why is None:
            cols = ", ".join(f'"{c}"' for c in columns)
            try:
                found = (await db.execute(
                    f"select {cols} from ({self.sql}) limit {up_to + 1}", self.params,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
            except QueryInterrupted:
                why = (f"counting them took more than {self.ds.setting('facet_time_limit_ms'):,}"
                       " ms")
            else:
                if len(found) <= up_to:
                    tallies = [Counter(row[i] for row in found if row[i] is not None)
                               for i in range(len(columns))]
                    return {c: sorted(t.items(), key=_order) for c, t in zip(columns, tallies)}
                why = f"more than {up_to:,} notices to count"
        bounds(self.request).update(facets=columns, facets_why=why)
        return None

    async def _result(self, column: str, values: list[tuple[Any, int]]) -> dict[str, Any]:
        """A facet as Datasette's column facet gives it: values, counts, labels, links."""
        size = self.get_facet_size()
        shown = values[:size]
        labels = await self.ds.expand_foreign_keys(
            self.database, self.table, column, [v for v, _ in shown])
        pairs = self.get_querystring_pairs()
        key = f"{column}__exact" if column.startswith("_") else column
        results = []
        for value, n in shown:
            selected = (key, str(value)) in pairs
            path = (path_with_removed_args(self.request, {key: str(value)}) if selected
                    else path_with_added_args(self.request, {key: value}))
            results.append({
                "value": value, "label": labels.get((column, value), value), "count": n,
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                "selected": selected,
            })
        return {
            "name": column, "type": "column", "hideable": False,
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
            "results": results, "truncated": len(values) > size,
        }
