"""A notice's data tables (名单, 处罚决定) shown as tables where the body printed their rows.

The body keeps such a table one line a row (cells joined by spaces) so that it is searchable;
the version also keeps the rows as cells (``notice_versions.tables``). The page puts each
table in place of the run of body paragraphs that spell it out; a table whose rows the body
does not spell out in one run is shown after the body instead.
"""

from __future__ import annotations

import json
from typing import Any

from .text import squash

#: Share of a table's text the body paragraphs must spell out to be replaced by it.
COVERED = 0.8

Table = list[list[str]]


def parse_tables(value: str | None) -> list[Table]:
    """The JSON column as tables of rows of cell strings; anything else is no table."""
    try:
        found = json.loads(value) if value else []
    except ValueError:
        return []
    if not isinstance(found, list):
        return []
    tables = []
    for table in found:
        if isinstance(table, list):
            rows = [["" if c is None else str(c) for c in row] for row in table
                    if isinstance(row, list)]
            if rows:
                tables.append(rows)
    return tables


def _row_offsets(table: Table) -> tuple[str, list[int]]:
    """The table's text without whitespace, and where each row starts in it."""
    offsets, text = [], ""
    for row in table:
        offsets.append(len(text))
        text += squash("".join(row))
    return text, offsets


def _run(pieces: list[str | None], start: int, text: str, at: int) -> int:
    """How many paragraphs from ``start`` spell ``text`` on from ``at``, one after another."""
    i = start
    while i < len(pieces) and pieces[i] and text.startswith(pieces[i], at):
        at += len(pieces[i])
        i += 1
    return i - start


def _find(pieces: list[str | None], table: Table, taken: set[int]) -> tuple[int, int] | None:
    """The first run of paragraphs that spells most of ``table`` (from its first or second
    row: a header row may not be in the body), as (start, length)."""
    text, offsets = _row_offsets(table)
    for start, piece in enumerate(pieces):
        if not piece or start in taken:
            continue
        for at in offsets[:2]:
            if not text.startswith(piece, at):
                continue
            length = _run(pieces, start, text, at)
            spelled = sum(len(p) for p in pieces[start:start + length])
            if length >= 2 and spelled >= COVERED * (len(text) - at) and \
                    not taken & set(range(start, start + length)):
                return start, length
    return None


def place_tables(blocks: list[dict[str, Any]], tables: list[Table]) -> tuple[list[dict], list[Table]]:
    """``blocks`` with each table in place of its rows' paragraphs, and the tables no run of
    paragraphs spelled out (to show after the body)."""
    pieces = [squash(b["text"]) if b["type"] == "p" and not b.get("signature") else None
              for b in blocks]
    starts: dict[int, tuple[int, Table]] = {}
    taken: set[int] = set()
    rest = []
    for table in tables:
        found = _find(pieces, table, taken)
        if found is None:
            rest.append(table)
            continue
        start, length = found
        starts[start] = (length, table)
        taken.update(range(start, start + length))
    placed, i = [], 0
    while i < len(blocks):
        if i in starts:
            length, table = starts[i]
            placed.append({"type": "table", "rows": table})
            i += length
        else:
            placed.append(blocks[i])
            i += 1
    return placed, rest
