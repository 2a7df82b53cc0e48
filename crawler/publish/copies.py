"""Copies on the notice page: "also published at", and what a copy changed.

The archive links copies as notices arrive (crawler/keep/copies.py: tables ``copies`` and
``copy_parts``). Here a notice page gets the other copies of its cluster — each with its
site, date, role (the original, and why it is the original) and a link to the diff of what
it changed against the original — and the pages it sits inside or that sit inside it.
``/-/copies/{original}/{copy}`` is that diff, made by crawler/publish/diff.py as for versions.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import NotFound, Response

from crawler.keep.copies import describe

from . import diff
from .archive import archive_for, notice_path, rows
from .text import UNTITLED, split_paragraphs

_MEMBER = (
    "SELECT c.notice_id AS id, c.cluster, c.role, c.jaccard, c.changed, c.reason, c.evidence,"
    " n.site, n.published, n.title, n.url, n.status, s.organisation"
    " FROM copies c JOIN notices n ON n.id = c.notice_id LEFT JOIN sites s ON s.name = n.site")


def diff_path(datasette, original: int, copy: int) -> str:
    return datasette.urls.path(f"/-/copies/{int(original)}/{int(copy)}")


def _entry(datasette, row: dict[str, Any], original: int) -> dict[str, Any]:
    return {
        **row,
        "href": notice_path(datasette, row["id"]),
        "title": row.get("title") or UNTITLED,
        "published": (row.get("published") or "")[:10],
        "reason_text": describe(row.get("reason")) if row.get("role") == "original" else None,
        "diff_url": (diff_path(datasette, original, row["id"])
                     if row["id"] != original and row.get("changed") else None),
    }


async def also_published(datasette, db, notice_id: int) -> dict[str, Any]:
    """The page's "also published at": the notice's cluster and the pages that hold it."""
    if not await db.table_exists("copy_parts"):  # an archive older than copies
        return {"copies": None}
    members = await rows(
        db, _MEMBER + " WHERE c.cluster = (SELECT cluster FROM copies WHERE notice_id = ?)"
        " ORDER BY c.role = 'original' DESC, n.published, n.id", [notice_id])
    this = next((m for m in members if m["id"] == notice_id), None)
    original = members[0]["cluster"] if members else None
    holds = await rows(
        db, "SELECT p.notice_id AS id, p.containment, n.site, n.published, n.title, n.url,"
        " s.organisation FROM copy_parts p JOIN notices n ON n.id = p.notice_id"
        " LEFT JOIN sites s ON s.name = n.site WHERE p.page_id = ? ORDER BY n.published, n.id",
        [notice_id])
    inside = await rows(
        db, "SELECT p.page_id AS id, p.containment, n.site, n.published, n.title, n.url,"
        " s.organisation FROM copy_parts p JOIN notices n ON n.id = p.page_id"
        " LEFT JOIN sites s ON s.name = n.site WHERE p.notice_id = ? ORDER BY n.published, n.id",
        [notice_id])
    return {"copies": {
        "this": _entry(datasette, this, original) if this else None,
        "others": [_entry(datasette, m, original) for m in members if m["id"] != notice_id],
        "original_id": original,
        "holds": [_entry(datasette, r, -1) for r in holds],
        "inside": [_entry(datasette, r, -1) for r in inside],
    }}


def compare(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What the copy changed: its title and body against the original's, and other fields."""
    title = diff.chars(before.get("title"), after.get("title"))
    body = diff.paragraphs(split_paragraphs(before.get("body")), split_paragraphs(after.get("body")))
    fields = [{"field": f, "before": before.get(f), "after": after.get(f)}
              for f in ("published", "source", "author", "signed_by", "doc_number")
              if (before.get(f) or None) != (after.get(f) or None)]
    return {
        "title": title if diff.changed(title) else None,
        "body": body if any(p.kind not in ("same", "gap") for p in body) else None,
        "fields": fields,
    }


async def copy_diff_page(datasette, request):
    original_id, copy_id = int(request.url_vars["original"]), int(request.url_vars["copy"])
    db = await archive_for(datasette, request, "notices")
    found = {r["id"]: r for r in await rows(
        db, "SELECT n.*, s.organisation FROM notices n LEFT JOIN sites s ON s.name = n.site"
        " WHERE n.id IN (?, ?)", [original_id, copy_id])}
    if len(found) < 2:
        raise NotFound("No such pair of notices in the archive.")
    before, after = found[original_id], found[copy_id]
    context = {
        "database": db.name,
        "before": {**before, "href": notice_path(datasette, original_id),
                   "title": before["title"] or UNTITLED},
        "after": {**after, "href": notice_path(datasette, copy_id),
                  "title": after["title"] or UNTITLED},
        "diff": compare(before, after),
    }
    html = await datasette.render_template(
        "govarchive_copy_diff.html", context, request=request, view_name="govarchive_copy_diff")
    return Response.html(html)


ROUTES = [(r"^/-/copies/(?P<original>[0-9]{1,18})/(?P<copy>[0-9]{1,18})$", copy_diff_page)]
