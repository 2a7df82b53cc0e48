"""The notice page, ``/-/notice/{id}``: a notice as the document it was, and its history.

It reads like the page it came from — headline, subtitle, 文号, date, source, body paragraphs
with each image beside its caption, the signature set right, attachments with their sizes —
then says where it came from (original URL, archived copy out of the WARC), what became of
it (removed or missing, with the dates), and every version with what changed. ``?version=N``
shows the notice as version N read.

Also here: ``/-/notice/{id}/archived/{version}`` (the archived response as escaped text; with
``.raw``, as a download), ``/-/attachment/{id}`` (an attachment's archived copy, always a
download) and ``/-/image/{id}`` (an image's archived copy: the page shows only these, never
the original site's address, which stays as text).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from datasette.utils import format_bytes
from datasette.utils.asgi import NotFound, Response, asgi_send_file
from datasette.version import __version__ as datasette_version

from crawler.extract import attachments
from crawler.extract.media import IMAGE_TYPES
from crawler.items import FLAGS
from crawler.keep import files_dir

from . import copies, diff, warcview
from .archive import archive_for, notice_path, rows
from .security import SANDBOX_POLICY
from .tables import parse_tables, place_tables
from .text import (
    UNTITLED,
    content_disposition,
    display_datetime,
    download_name,
    parse_flags,
    safe_href,
    signature_start,
    split_paragraphs,
    squash,
)

#: Characters of an attachment's extracted text shown on the notice page.
ATTACHMENT_TEXT_PREVIEW = 3000
#: Fields whose change a version's diff shows as text (the others are listed by name).
DIFFED = ("title", "subtitle", "body")
EVENT_NAMES = {"new": "archived 收录", "changed": "changed 修改", "missing": "missing 无法访问",
               "removed": "removed 已撤除", "restored": "restored 恢复"}


async def notice_page(datasette, request):
    notice_id = int(request.url_vars["id"])
    db = await archive_for(datasette, request, "notices")
    found = await rows(db, "select * from notices where id = ?", [notice_id])
    if not found:
        raise NotFound(f"No notice with id {notice_id} in the archive.")
    notice = found[0]
    versions = await rows(
        db, "select * from notice_versions where notice_id = ? order by version", [notice_id])
    shown = notice
    wanted = request.args.get("version")
    if wanted and wanted.isdigit() and int(wanted) != notice["version"]:
        match = [v for v in versions if v["version"] == int(wanted)]
        if not match:
            raise NotFound(f"Notice {notice_id} has no version {wanted}.")
        shown = {**notice, **_version_fields(match[0])}
    version = shown["version"]
    site = await rows(db, "select * from sites where name = ?", [notice["site"]])
    images = await rows(db, await _images_sql(db), [notice_id, version])
    for img in images:
        img["archived_url"] = image_path(datasette, img)
    attachments = await rows(
        db, "select a.*, f.size, f.path, f.content_type, substr(f.text, 1, ?) as text_start,"
        " length(f.text) as text_length, f.text is null as text_missing"
        " from attachments a left join files f on f.sha256 = a.sha256"
        " where a.notice_id = ? and a.version = ? order by a.position, a.id",
        [ATTACHMENT_TEXT_PREVIEW, notice_id, version])
    events = await rows(
        db, "select * from notice_events where notice_id = ? order by at, id", [notice_id])
    kept = next((v for v in versions if v["version"] == version), {})
    context = notice_context(datasette, db.name, shown, site[0] if site else None, images,
                             attachments, parse_tables(kept.get("tables")))
    context.update(history(datasette, notice, versions, events, version))
    context.update(await copies.also_published(datasette, db, notice_id))
    html = await datasette.render_template(
        "govarchive_notice.html", context, request=request, view_name="govarchive_notice")
    return Response.html(html)


def _version_fields(row: dict[str, Any]) -> dict[str, Any]:
    """A notice_versions row as the notice columns it stands for."""
    keep = ("version", "title", "subtitle", "published", "author", "source", "signed_by",
            "signed_date", "doc_number", "channel", "body", "flags", "title_original",
            "body_original", "warc_file", "warc_offset", "content_hash", "fetched_via")
    return {key: row.get(key) for key in keep} | {"fetched_at": row.get("fetched_at")}


async def _kept_images(db) -> bool:
    """Does this archive keep image copies? (One written by an older govarchive does not
    until its next crawl adds the columns; the server only reads.)"""
    return "sha256" in await db.table_columns("images")


async def _images_sql(db) -> str:
    if not await _kept_images(db):
        return ("select *, null as file_path from images"
                " where notice_id = ? and version = ? order by position, id")
    return ("select i.*, f.path as file_path from images i"
            " left join files f on f.sha256 = i.sha256"
            " where i.notice_id = ? and i.version = ? order by i.position, i.id")


def image_path(datasette, img: dict[str, Any]) -> str | None:
    """Where the archive serves its copy of an image (None: no copy yet)."""
    if not img.get("file_path") or img.get("id") is None:
        return None
    return datasette.urls.path(f"/-/image/{img['id']}")


#: What the page says in place of an image the archive holds no copy of, by status.
IMAGE_MISSING = {"pending": "image not archived yet 图片尚未存档"}


def _image(img: dict[str, Any]) -> dict[str, Any]:
    """An image as the page shows it: the archive's copy, never the original site's (a
    browser fetching from there would tell the site who reads the archive). The original
    address is shown as text."""
    status = img.get("status") or "pending"
    return {
        "src": img.get("src"),
        "archived_url": img.get("archived_url"),
        "missing": IMAGE_MISSING.get(status, f"image not archived ({status}) 图片未能存档"),
        "caption": img.get("caption"),
        "alt": img.get("alt") or img.get("caption") or "",
    }


def document_blocks(
    paragraphs: list[str], images: list[dict[str, Any]], signed_by: str | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The body as blocks to print, and the images no caption paragraph placed.

    A paragraph that is an image's caption becomes a figure: the image with the caption beside
    it. Paragraphs from the signature on are marked to be set right-aligned.
    """
    by_caption: dict[str, list[dict[str, Any]]] = {}
    for img in images:
        key = squash(img.get("caption"))
        if key:
            by_caption.setdefault(key, []).append(img)
    placed: set[int] = set()
    sign_from = signature_start(paragraphs, signed_by)
    blocks = []
    for i, text in enumerate(paragraphs):
        pending = [img for img in by_caption.get(squash(text), []) if id(img) not in placed]
        if pending and i < sign_from:
            img = pending[0]
            placed.add(id(img))
            blocks.append({"type": "figure", "image": _image(img)})
            continue
        blocks.append({"type": "p", "text": text, "signature": i >= sign_from})
    rest = [_image(img) for img in images if id(img) not in placed]
    return blocks, rest


def _attachment(datasette, att: dict[str, Any]) -> dict[str, Any]:
    stored = bool(att.get("path"))
    text = None if att.get("text_missing") else (att.get("text_start") or "")
    return {
        **att,
        "href": safe_href(att.get("url")),
        "size_display": format_bytes(att["size"]) if att.get("size") is not None else None,
        "archived_url": datasette.urls.path(f"/-/attachment/{att['id']}") if stored else None,
        "text_note": attachments.describe(text, stored),
        "text_preview": text if text and text.strip() else None,
        "text_more": (att.get("text_length") or 0) > ATTACHMENT_TEXT_PREVIEW,
    }


def notice_context(
    datasette,
    database: str,
    notice: dict[str, Any],
    site: dict[str, Any] | None,
    images: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
    tables: list[list[list[str]]] = (),
) -> dict[str, Any]:
    table_url = datasette.urls.table(database, "notices")
    paragraphs = split_paragraphs(notice.get("body"))
    blocks, loose_images = document_blocks(paragraphs, images, notice.get("signed_by"))
    blocks, loose_tables = place_tables(blocks, list(tables))
    channel = [c for c in (notice.get("channel") or "").split(" > ") if c]
    try:
        info = json.loads(notice["info"]) if notice.get("info") else {}
    except ValueError:
        info = {"info": notice["info"]}
    original = None
    if notice.get("title_original") or notice.get("body_original"):
        original = {
            "title": notice.get("title_original"),
            "paragraphs": split_paragraphs(notice.get("body_original")),
        }
    return {
        "archive_title": datasette.metadata("title") or "govarchive",
        "metadata": datasette.metadata(),
        "datasette_version": datasette_version,
        "database": database,
        "notice": notice,
        "title": notice.get("title") or UNTITLED,
        "published": display_datetime(notice.get("published")),
        "signed_date": display_datetime(notice.get("signed_date")),
        "channel": channel,
        "channel_url": (
            f"{table_url}?{urlencode({'channel': notice['channel']})}" if channel else None
        ),
        "site": site,
        "site_url": datasette.urls.row(database, "sites", quote(notice["site"], safe="")),
        "site_notices_url": f"{table_url}?{urlencode({'site': notice['site']})}",
        "site_home_href": safe_href(site.get("home_url")) if site else None,
        "region_url": (
            f"{table_url}?{urlencode({'region': notice['region']})}"
            if notice.get("region")
            else None
        ),
        "blocks": blocks,
        "loose_images": loose_images,
        "loose_tables": loose_tables,
        "attachments": [_attachment(datasette, att) for att in attachments],
        "url_href": safe_href(notice.get("url")),
        "flags": [
            {"name": f, "description": FLAGS.get(f, "a flag this version does not describe")}
            for f in parse_flags(notice.get("flags"))
        ],
        "first_seen": display_datetime(notice.get("first_seen")),
        "last_seen": display_datetime(notice.get("last_seen")),
        "last_checked": display_datetime(notice.get("last_checked")),
        "fetched_at": display_datetime(notice.get("fetched_at")),
        "original": original,
        "info": info if isinstance(info, dict) else {"info": info},
        "row_url": datasette.urls.row(database, "notices", str(notice["id"])),
        "json_url": datasette.urls.row(database, "notices", str(notice["id"]), format="json"),
    }


def _attachment_names(row: dict[str, Any]) -> list[str]:
    try:
        return [a.get("name") or a.get("url") for a in json.loads(row.get("attachments") or "[]")]
    except (ValueError, AttributeError):
        return []


def field_changes(before: dict[str, Any], after: dict[str, Any],
                  fields: list[str]) -> list[dict[str, Any]]:
    """The changed fields that are not text to diff: what they were and what they became."""
    out = []
    for name in fields:
        if name == "attachments":
            old, new = _attachment_names(before), _attachment_names(after)
            out.append({"field": name, "removed": [a for a in old if a not in new],
                        "added": [a for a in new if a not in old]})
        elif name in after:
            out.append({"field": name, "before": before.get(name), "after": after.get(name)})
    return out


def status_of(notice: dict[str, Any]) -> dict[str, Any] | None:
    """What a reader must know first when the notice is no longer on its site."""
    status = notice.get("status")
    if status == "live" or not status:
        return None
    return {
        "status": status,
        "removed": status == "removed",
        "missing_since": display_datetime(notice.get("missing_since")),
        "removed_at": display_datetime(notice.get("removed_at")),
        "last_seen": display_datetime(notice.get("last_seen")),
        "missing_runs": notice.get("missing_runs"),
    }


def history(datasette, notice: dict[str, Any], versions: list[dict[str, Any]],
            events: list[dict[str, Any]], shown: int) -> dict[str, Any]:
    """Status banner, the versions with their diffs (newest first), and the event timeline."""
    listed = []
    previous = None
    for row in versions:
        try:
            fields = json.loads(row.get("changed") or "[]")
        except ValueError:
            fields = [row["changed"]]
        entry = {
            "version": row["version"],
            "fetched_at": display_datetime(row.get("fetched_at")),
            "changed": fields,
            "other_changes": [f for f in fields if f not in DIFFED],
            "url": notice_path(datasette, notice["id"], row["version"]),
            "archived_url": (
                datasette.urls.path(f"/-/notice/{notice['id']}/archived/{row['version']}")
                if row.get("warc_file") else None
            ),
            "current": row["version"] == notice["version"],
            "shown": row["version"] == shown,
        }
        if previous is not None:
            title = diff.chars(previous.get("title"), row.get("title"))
            subtitle = diff.chars(previous.get("subtitle"), row.get("subtitle"))
            entry["diff"] = {
                "title": title if diff.changed(title) else None,
                "subtitle": subtitle if diff.changed(subtitle) else None,
                "body": diff.paragraphs(split_paragraphs(previous.get("body")),
                                        split_paragraphs(row.get("body"))),
            }
            if not any(p.kind != "same" and p.kind != "gap" for p in entry["diff"]["body"]):
                entry["diff"]["body"] = None
            entry["diff"]["fields"] = field_changes(previous, row, entry["other_changes"])
        listed.append(entry)
        previous = row
    shown_row = next((v for v in versions if v["version"] == shown), None)
    return {
        "status": status_of(notice),
        "versions": list(reversed(listed)),
        "version_count": len(versions),
        "viewing_old": shown != notice["version"],
        "shown_version": shown,
        "current_url": notice_path(datasette, notice["id"]),
        "archived_url": (
            datasette.urls.path(f"/-/notice/{notice['id']}/archived/{shown}")
            if shown_row and shown_row.get("warc_file") else None
        ),
        "events": [
            {"at": display_datetime(e["at"]), "event": e["event"],
             "label": EVENT_NAMES.get(e["event"], e["event"]), "detail": e.get("detail")}
            for e in events
        ],
    }


# -- the archived copy ------------------------------------------------------------------------


async def _archived(datasette, request):
    notice_id, version = int(request.url_vars["id"]), int(request.url_vars["version"])
    db = await archive_for(datasette, request, "notice_versions")
    found = await rows(
        db, "select v.warc_file, v.warc_offset, v.fetched_at, n.encoding, n.title, n.url"
        " from notice_versions v join notices n on n.id = v.notice_id"
        " where v.notice_id = ? and v.version = ?", [notice_id, version])
    copy = None
    if found and db.path:
        copy = warcview.read(db.path, found[0]["warc_file"], found[0]["warc_offset"])
    if copy is None:
        raise NotFound(f"No archived copy of version {version} of notice {notice_id}.")
    return db, found[0], copy


async def archived_page(datasette, request):
    """The archived response as text: the record, the HTTP headers, the body — all escaped."""
    db, row, copy = await _archived(datasette, request)
    notice_id, version = int(request.url_vars["id"]), int(request.url_vars["version"])
    context = {
        "database": db.name,
        "title": row["title"] or UNTITLED,
        "notice_url": notice_path(datasette, notice_id, version),
        "version": version,
        "copy": copy,
        "body_text": copy.text(row["encoding"]),
        "raw_url": datasette.urls.path(f"/-/notice/{notice_id}/archived/{version}.raw"),
        "fetched_at": display_datetime(row["fetched_at"]),
    }
    html = await datasette.render_template(
        "govarchive_archived.html", context, request=request, view_name="govarchive_archived")
    return Response.html(html)


async def archived_raw(datasette, request):
    """The archived body as a file to save, never a page to render."""
    _, _row, copy = await _archived(datasette, request)
    notice_id, version = int(request.url_vars["id"]), int(request.url_vars["version"])
    name = f"notice-{notice_id}-v{version}.html"
    return Response(
        copy.body, status=200, content_type="application/octet-stream",
        headers={"content-disposition": content_disposition(name, name),
                 "x-content-type-options": "nosniff",
                 "content-security-policy": SANDBOX_POLICY},
    )


async def image_file(datasette, request, send):
    """The archived copy of an image: shown inline only as a known image type."""
    image_id = int(request.url_vars["id"])
    db = await archive_for(datasette, request, "images")
    found = await rows(
        db, "select f.path, f.content_type from images i join files f on f.sha256 = i.sha256"
        " where i.id = ?", [image_id]) if await _kept_images(db) else []
    target = _kept_file(db, found[0]["path"]) if found else None
    if target is None:
        raise NotFound(f"No archived copy of image {image_id}.")
    kind = found[0]["content_type"]
    headers = {"x-content-type-options": "nosniff", "content-security-policy": SANDBOX_POLICY,
               "cache-control": "public, max-age=86400"}
    if kind not in IMAGE_TYPES:
        kind = "application/octet-stream"
        headers["content-disposition"] = content_disposition(f"image-{image_id}",
                                                             f"image-{image_id}")
    await asgi_send_file(send, target, content_type=kind, headers=headers)


def _kept_file(db, path: str | None) -> Path | None:
    """A file of the archive's files store, or None (not kept, gone, or outside the store)."""
    if not path or not db.path:
        return None
    root = files_dir(db.path).resolve()
    target = (Path(db.path).resolve().parent / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


async def attachment_file(datasette, request, send):
    """The archived copy of an attachment, always as a download (never rendered inline)."""
    attachment_id = int(request.url_vars["id"])
    db = await archive_for(datasette, request, "attachments")
    found = await rows(
        db, "select a.id, a.name, a.kind, f.path from attachments a"
        " left join files f on f.sha256 = a.sha256 where a.id = ?", [attachment_id])
    target = _kept_file(db, found[0]["path"]) if found else None
    if target is None:
        raise NotFound(f"No archived copy of attachment {attachment_id}.")
    row = found[0]
    fallback, name = download_name(row["name"], row["kind"], attachment_id)
    await asgi_send_file(
        send, target, content_type="application/octet-stream",
        headers={"content-disposition": content_disposition(fallback, name),
                 "x-content-type-options": "nosniff",
                 "content-security-policy": SANDBOX_POLICY},
    )
