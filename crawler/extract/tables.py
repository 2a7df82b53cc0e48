"""Data tables kept in the body (名单, 处罚决定, 预算表) as rows of cell texts.

The body keeps such a table one line a row (cells joined by spaces), which is searchable but
loses the columns; the record also keeps each table as rows of cells, so the archive can show
it as a table. Only tables whose rows the body kept as data rows (``content.data_rows``) are
taken: layout tables, menus and calendars never are.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from .content import data_rows, table_of
from .lines import CELL_TAGS, SKIP_TAGS, Line, is_hidden
from .text import clean_space


def _own_rows(table: HtmlElement) -> list[HtmlElement]:
    """The table's rows, not those of a table nested in one of its cells."""
    rows = []
    for tr in table.iter("tr"):
        parent = tr.getparent()
        while parent is not None and parent.tag != "table":
            parent = parent.getparent()
        if parent is table:
            rows.append(tr)
    return rows


def _visible_text(el: HtmlElement) -> str:
    """The text a reader sees in ``el``: no script (a CMS may print 文号 with
    ``document.write``), no style, nothing hidden."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in SKIP_TAGS and not is_hidden(child):
            parts.append(_visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cells(row: HtmlElement, repair: Callable[[str], str]) -> list[str]:
    return [repair(clean_space(_visible_text(cell))) for cell in row if cell.tag in CELL_TAGS]


def find_tables(lines: list[Line], repair: Callable[[str], str] = lambda t: t) -> list[list[list[str]]]:
    """The data tables the body ``lines`` keep rows of, in page order: each a list of rows,
    each a list of cell texts. ``repair`` brings a cell into the body's script (readings
    removed, Simplified). Rows with no text in any cell are left out."""
    kept = data_rows(lines)
    tables: list[HtmlElement] = []
    for line in lines:
        if line.index in kept:
            table = table_of(line.owner)
            if table is not None and table not in tables:
                tables.append(table)
    found = []
    for table in tables:
        rows = [cells for cells in (_cells(tr, repair) for tr in _own_rows(table)) if any(cells)]
        if rows:
            found.append(rows)
    return found
