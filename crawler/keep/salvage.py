"""``govarchive recover DAMAGED NEW``: copy every readable row of a damaged archive into a new one.

SQLite's own way out is the sqlite3 shell's ``.recover``, but it needs the ``sqlite_dbpage``
table, which many builds lack (Debian's among them: there ``.recover`` stops with "SQL logic
error"). So the salvage is done here, with nothing but reads of the damaged file:

* the new file gets the archive's schema from :mod:`crawler.keep.schema`, as any new archive;
* each archive table is read in rowid order. Where a read fails (a damaged page, a broken
  overflow chain), the damaged stretch is found by seeking: the smallest rowid past the last
  good row from which reading works again. Only rows on damaged pages are lost; their rowid
  ranges are reported;
* the search index is derived data: it is built anew from the recovered notices.

The damaged file is opened read-only and never changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from crawler import clock
from crawler.keep.check import open_read_only
from crawler.keep.schema import TABLES

_MIN_ROWID = -(2 ** 63)
_MAX_ROWID = 2 ** 63 - 1


class SalvageError(RuntimeError):
    """Nothing could be recovered (the schema itself is unreadable), or NEW is not new."""


@dataclass
class TableSalvage:
    """One table: rows copied, and the rowid ranges that could not be read."""

    name: str
    kept: int = 0
    lost: list[tuple[int, int]] = field(default_factory=list)

    def describe(self) -> str:
        if not self.lost:
            return f"{self.name}: {self.kept:,} rows"
        spans = ", ".join(_span(a, b) for a, b in self.lost[:5])
        more = f" and {len(self.lost) - 5} more" if len(self.lost) > 5 else ""
        return f"{self.name}: {self.kept:,} rows; unreadable rowids {spans}{more}"


def _span(first: int, last: int) -> str:
    low = "start" if first <= _MIN_ROWID else str(first)
    high = "end" if last >= _MAX_ROWID else str(last)
    return low if first == last else f"{low}–{high}"


def salvage(damaged: str | Path, new: str | Path,
            progress: Callable[[str], None] | None = None) -> list[TableSalvage]:
    """Copy what can be read from ``damaged`` into the new archive ``new`` (which must not
    exist); the search index is rebuilt. Returns one :class:`TableSalvage` per table."""
    from crawler.keep import Archive
    from crawler.keep.search import refill

    damaged, new = Path(damaged), Path(new)
    if new.exists():
        raise SalvageError(f"{new} already exists: recover into a new file")
    source = open_read_only(damaged)
    try:
        have = _source_columns(source, damaged)
        archive = Archive(new)
        try:
            conn = archive.db.conn
            conn.execute("PRAGMA foreign_keys=OFF")  # a row whose parent was lost is still kept
            results = []
            with archive.db.atomic():
                for table in TABLES:
                    if table not in have:
                        continue
                    if progress:
                        progress(table)
                    results.append(_copy_table(source, conn, table, have[table]))
                count = refill(archive.db)
                conn.execute("UPDATE search_index SET built = ?, notices = ? WHERE id = 1",
                             (clock.stamp(), count))
        finally:
            archive.close()
    finally:
        source.close()
    return results


def _source_columns(source: sqlite3.Connection, path: Path) -> dict[str, list[str]]:
    """The damaged file's tables and their columns (from its schema, which must be readable)."""
    try:
        names = [row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: [row[1] for row in source.execute(f'PRAGMA table_info("{name}")')]
                for name in names if name in TABLES}
    except sqlite3.DatabaseError as exc:
        raise SalvageError(f"{path}: its schema cannot be read ({exc}); nothing to recover") from exc


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str,
                source_columns: list[str]) -> TableSalvage:
    target_columns = [row[1] for row in target.execute(f'PRAGMA table_info("{table}")')]
    columns = [c for c in target_columns if c in source_columns]
    alias = _rowid_alias(target, table)
    names = ", ".join(f'"{c}"' for c in columns)
    select = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid'
    insert_names = names if alias in columns else f"rowid, {names}"
    marks = ", ".join("?" for _ in range(len(columns) + (alias not in columns)))
    insert = f'INSERT OR IGNORE INTO "{table}" ({insert_names}) VALUES ({marks})'
    result = TableSalvage(table)
    for row in _readable_rows(source, select, result):
        target.execute(insert, row[1:] if alias in columns else row)
        result.kept += 1
    return result


def _rowid_alias(conn: sqlite3.Connection, table: str) -> str | None:
    """The INTEGER PRIMARY KEY column that is the rowid, if the table has one."""
    keys = [row for row in conn.execute(f'PRAGMA table_info("{table}")') if row[5]]
    if len(keys) == 1 and keys[0][2].upper() == "INTEGER":
        return keys[0][1]
    return None


def _readable_rows(source: sqlite3.Connection, select: str, result: TableSalvage) -> Iterator[tuple]:
    """Every row that can be read, in rowid order; unreadable stretches go to result.lost.

    Rows are read in one pass while that works. SQLite's cursor reads a row ahead, so after a
    failure the rows from the last one handed out are read one at a time, up to the first
    that cannot be read; reading goes on from the next rowid where it works again."""
    start = _MIN_ROWID
    while True:
        last = None
        try:
            for row in source.execute(select, (start,)):
                last = row[0]
                yield row
            return
        except sqlite3.DatabaseError:
            pass
        position = start if last is None else last + 1
        while True:
            try:
                rows = source.execute(select + " LIMIT 1", (position,)).fetchall()
            except sqlite3.DatabaseError:
                break
            if not rows:
                return
            yield rows[0]
            if rows[0][0] >= _MAX_ROWID:
                return
            position = rows[0][0] + 1
        start = _next_readable(source, select, position)
        result.lost.append((position, _MAX_ROWID if start is None else start - 1))
        if start is None:
            return


def _next_readable(source: sqlite3.Connection, select: str, after: int) -> int | None:
    """The smallest rowid > ``after`` from which reading works again (None: nothing does).
    Steps out exponentially until a read works, then narrows down by halving."""
    step, low = 1, after
    while True:  # past the last row a read works (it finds nothing), so this ends
        probe = min(after + step, _MAX_ROWID)
        if _reads(source, select, probe):
            high = probe
            break
        if probe == _MAX_ROWID:
            return None
        low, step = probe, step * 2
    while high - low > 1:  # low fails, high works
        middle = (low + high) // 2
        if _reads(source, select, middle):
            high = middle
        else:
            low = middle
    return high


def _reads(source: sqlite3.Connection, select: str, start: int) -> bool:
    try:
        source.execute(select + " LIMIT 1", (start,)).fetchall()
        return True
    except sqlite3.DatabaseError:
        return False
