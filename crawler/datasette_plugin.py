"""The govarchive Datasette plugin: archive.db published read-only, each notice as a document.

Registered through the ``datasette`` entry point in pyproject.toml; :func:`register` covers a
checkout that is not installed (``crawler.serve.build_datasette`` calls it, and it does nothing
when the entry point already loaded this module).

What it adds to Datasette:

- ``/-/notice/{id}``: a notice laid out like the page it came from (title, meta line, body
  paragraphs with images and their captions, right-aligned signature, attachments, quality
  notes, archive record). ``/-/attachment/{id}``: the archived copy of an attachment, always
  as a download.
- The notices table: titles link to the document page, ``body`` is a short preview, ``flags``
  are chips; ``?_q=words`` filters notices whose title or body contains the words.
- The home page says what the archive holds (counts, dates, sites, latest notices).
- Read-only at the HTTP level: every method but GET/HEAD/OPTIONS is answered 405, and write
  permissions (from Datasette 1.0 or plugins) are refused.

Everything crawled is untrusted: templates rely on Jinja autoescaping, HTML built here uses
``Markup.format`` (which escapes its arguments), and a crawled URL only becomes an ``href`` or
``src`` when it is http(s).
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import sys
import unicodedata
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.filters import FilterArguments
from datasette.utils import format_bytes
from datasette.utils.asgi import NotFound, Response, asgi_send_file, asgi_static
from datasette.version import __version__ as datasette_version
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from crawler.items import FLAGS
from crawler.storage import files_dir

PLUGIN_NAME = "govarchive"
HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

#: Characters of body shown in the notices table (the row page and /-/notice show it all).
BODY_PREVIEW_CHARS = 140
#: The columns of the home page's "browse notices" link: what a reader scans first.
READING_COLUMNS = ("published", "site", "title", "channel", "body", "flags", "region")
#: Time limit for the home page's one full scan (notices with flags); past it, it is left out.
SUMMARY_SCAN_MS = 1000
#: HTTP methods the archive answers; anything else could only be a write.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Permissions that would change the database (Datasette 1.0 and write plugins); always refused.
WRITE_ACTIONS = frozenset(
    {
        "insert-row",
        "delete-row",
        "update-row",
        "create-table",
        "alter-table",
        "drop-table",
        "upload-csvs",
        "upload-dbs",
        "edit-schema",
        "edit-tables",
        "configure-fts",
        "enable-fts",
        "write-sql",
        "import-table",
    }
)

#: The route path of the request being answered (base_url removed), so render_cell, which
#: Datasette 0.65 calls without the request, can tell a table page from a row page.
_request_path: ContextVar[str | None] = ContextVar("govarchive_request_path", default=None)


def register() -> None:
    """Register this module with Datasette unless its entry point already has.

    Call before constructing ``Datasette``: routes and the ASGI wrapper are collected then.
    """
    from datasette.plugins import pm

    module = sys.modules[__name__]
    if pm.is_registered(module) or pm.get_plugin(PLUGIN_NAME) is not None:
        return
    pm.register(module, name=PLUGIN_NAME)


# -- helpers (plain functions, no Datasette) --------------------------------------------------


def safe_href(url: Any) -> str | None:
    """The URL if it may become a link (absolute http or https), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not re.match(r"(?i)^https?://[^\s/]", url):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in url):
        return None
    return url


def split_paragraphs(body: str | None) -> list[str]:
    """Body is stored as paragraphs joined by newlines; blank lines are not paragraphs."""
    if not body:
        return []
    return [p.strip() for p in body.split("\n") if p.strip()]


def _squash(text: str | None) -> str:
    """Text without whitespace (incl. ideographic space), for comparing signature lines."""
    return re.sub(r"\s+", "", text or "")


def _is_signer_line(line: str, signer: str) -> bool:
    """A line of the signature block: the signer, or one of several signers (joint notices)."""
    if len(line) < min(4, len(signer)):
        return False
    return line in signer or (signer in line and len(line) <= len(signer) + 12)


def signature_start(paragraphs: list[str], signed_by: str | None, *, window: int = 5) -> int:
    """Index of the first signature paragraph at the end of the body; len() when none.

    The signature is recognised only where ``signed_by`` matches: a paragraph among the last
    ``window`` that is (part of) the signer, with only short lines (its date) after it, and
    the signer lines just before it (joint notices print one signing body per line).
    """
    signer = _squash(signed_by)
    if not signer:
        return len(paragraphs)
    first_possible = max(0, len(paragraphs) - window)
    for i in range(len(paragraphs) - 1, first_possible - 1, -1):
        if not _is_signer_line(_squash(paragraphs[i]), signer):
            continue
        if any(len(_squash(p)) > 30 for p in paragraphs[i + 1 :]):
            return len(paragraphs)
        start = i
        while start > first_possible and _is_signer_line(_squash(paragraphs[start - 1]), signer):
            start -= 1
        return start
    return len(paragraphs)


def parse_flags(value: Any) -> list[str]:
    """The flags column is a JSON list of names; anything else is shown as one raw flag."""
    if value in (None, "", "[]"):
        return []
    try:
        flags = json.loads(value)
    except (TypeError, ValueError):
        return [str(value)]
    if not isinstance(flags, list):
        return [str(value)]
    return [str(f) for f in flags if f not in (None, "")]


def flag_chips(flags: list[str]) -> Markup:
    chips = [
        Markup('<span class="ga-flag" title="{}">{}</span>').format(FLAGS.get(f, "unknown flag"), f)
        for f in flags
    ]
    return Markup(" ").join(chips)


def body_preview(body: str, limit: int = BODY_PREVIEW_CHARS) -> str:
    text = " ".join(split_paragraphs(body))
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def display_datetime(value: str | None) -> str | None:
    """ISO 8601 as people read it: 2024-01-30 09:00 (UTC timestamps keep their Z)."""
    if not value:
        return value
    text = value.replace("T", " ")
    if text.endswith("Z"):
        text = text[:-1] + " UTC"
    return text


def download_name(name: str | None, kind: str | None, attachment_id: int) -> tuple[str, str]:
    """(ASCII fallback, UTF-8 name) for Content-Disposition; the remote name is only data."""
    ext = kind.lower() if kind and re.fullmatch(r"[A-Za-z0-9]{1,8}", kind) else None
    clean = "".join(
        ch for ch in (name or "") if unicodedata.category(ch)[0] != "C" and ch not in '/\\"'
    ).strip(" .")[:150]
    if not clean:
        clean = f"attachment-{attachment_id}"
    if ext and not clean.lower().endswith("." + ext):
        clean += "." + ext
    fallback = f"attachment-{attachment_id}" + (f".{ext}" if ext else "")
    return fallback, clean


# -- finding the archive ----------------------------------------------------------------------


def _configured_database(datasette) -> str | None:
    return (datasette.plugin_config(PLUGIN_NAME) or {}).get("database")


async def archive_database(datasette):
    """The database holding notices: the configured one, else the first with a notices table."""
    name = _configured_database(datasette)
    if name:
        candidates = [datasette.databases[name]] if name in datasette.databases else []
    else:
        candidates = [
            db for n, db in datasette.databases.items() if n != "_internal" and not db.is_memory
        ]
    for db in candidates:
        if await db.table_exists("notices"):
            return db
    return None


def _is_archive(datasette, database: str | None) -> bool:
    configured = _configured_database(datasette)
    return configured is None or configured == database


def notice_path(datasette, notice_id: Any) -> str:
    return datasette.urls.path(f"/-/notice/{int(notice_id)}")


def _row_id(row) -> int | None:
    try:
        value = row["id"]
    except (IndexError, KeyError):
        return None
    return value if isinstance(value, int) else None


def _on_row_page() -> bool:
    path = _request_path.get()
    return bool(path) and len([part for part in path.split("/") if part]) >= 3


# -- hooks: read-only, templates, static ------------------------------------------------------


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            if scope.get("method", "GET").upper() not in SAFE_METHODS:
                response = Response.text(
                    "govarchive is a read-only archive: only GET and HEAD are answered.\n",
                    status=405,
                    headers={"Allow": ", ".join(sorted(SAFE_METHODS))},
                )
                return await response.asgi_send(send)
            path = scope.get("path") or "/"
            base_url = datasette.setting("base_url") or "/"
            if base_url != "/" and path.startswith(base_url):
                path = "/" + path[len(base_url) :]
            token = _request_path.set(path)
            try:
                return await app(scope, receive, send)
            finally:
                _request_path.reset(token)

        return read_only

    return wrap


@hookimpl
def permission_allowed(action):
    if action in WRITE_ACTIONS:
        return False
    return None


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Put crawler/templates between --template-dir and Datasette's own templates.

    Datasette finds plugin templates itself only for packages (Python 3.12+ for modules), so
    the plugin adds its directory here, once.
    """
    ours = str(TEMPLATES_DIR)
    loader = env.loader
    if isinstance(loader, ChoiceLoader) and isinstance(loader.loaders[0], FileSystemLoader):
        paths = loader.loaders[0].searchpath
        if ours not in paths:
            paths.insert(max(len(paths) - 1, 0), ours)
    else:
        env.loader = ChoiceLoader([FileSystemLoader(ours), loader])


@functools.cache
def _static_version() -> str:
    """Changes when the stylesheet does, so browsers do not keep an old one."""
    css = STATIC_DIR / "govarchive.css"
    return str(int(css.stat().st_mtime)) if css.exists() else "0"


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(f"/-/govarchive/static/govarchive.css?{_static_version()}")]


# -- hooks: the notices table -----------------------------------------------------------------


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table != "notices" or not _is_archive(datasette, database):
        return None
    if column == "title":
        notice_id = _row_id(row)
        if notice_id is None:
            return None
        label = value if isinstance(value, str) and value.strip() else "(untitled 无标题)"
        return Markup('<a class="ga-title" href="{}">{}</a>').format(
            notice_path(datasette, notice_id), label
        )
    if column == "body" and isinstance(value, str) and not _on_row_page():
        return Markup('<span class="ga-body-preview">{}</span>').format(body_preview(value))
    if column == "flags":
        flags = parse_flags(value)
        return flag_chips(flags) if flags else Markup("&nbsp;")
    if column == "id" and isinstance(value, int) and _on_row_page():
        link = Markup('{} <a class="ga-doc-link" href="{}">read as document 阅读全文 →</a>')
        return link.format(value, notice_path(datasette, value))
    return None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@hookimpl
def filters_from_request(request, database, table, datasette):
    """``?_q=words``: notices whose title or body contains the words (all of them)."""
    if table != "notices" or not _is_archive(datasette, database):
        return None
    words = request.args.get("_q", "").split()[:8]
    if not words:
        return None
    clauses, params = [], {}
    for i, word in enumerate(words):
        key = f"ga_q{i}"
        clauses.append(
            f"(title like :{key} escape '\\' or body like :{key} escape '\\')"
        )
        params[key] = f"%{_like_escape(word)}%"
    return FilterArguments(
        clauses, params, [f'title or body contains "{w}"' for w in words]
    )


@hookimpl
def table_actions(datasette, database, table):
    if table == "notices" and _is_archive(datasette, database):
        return [
            {
                "href": datasette.urls.table(database, "notices") + "?_facet_array=flags",
                "label": "Notices by quality flag",
            }
        ]
    return None


# -- hooks: the home page ---------------------------------------------------------------------


@hookimpl
def extra_template_vars(view_name, datasette, request):
    if view_name != "index":
        return {}

    async def inner():
        try:
            return {"govarchive": await archive_summary(datasette)}
        except (QueryInterrupted, sqlite3.Error):
            return {"govarchive": None}

    return inner


async def archive_summary(datasette) -> dict[str, Any] | None:
    db = await archive_database(datasette)
    if db is None:
        return None
    one = (
        await db.execute(
            "select count(*) as notices, count(distinct site) as sites,"
            " count(distinct region) as regions,"
            " min(published) as first, max(published) as last from notices"
        )
    ).first()
    try:  # reads every row's flags, so it may give up on a large archive: then not shown
        flagged = (
            await db.execute(
                "select count(*) from notices where flags is not null and flags not in ('', '[]')",
                custom_time_limit=SUMMARY_SCAN_MS,
            )
        ).first()[0]
    except QueryInterrupted:
        flagged = None
    sites = await db.execute(
        "select s.name, s.organisation, s.region, s.org_type, s.demo,"
        " (select count(*) from notices n where n.site = s.name) as notices,"
        " (select max(published) from notices n where n.site = s.name) as latest"
        " from sites s order by s.region, s.name"
    )
    recent = await db.execute(
        "select id, published, title, site from notices order by published desc limit 10"
    )
    attachments = (await db.execute("select count(*), sum(size) from attachments")).first()
    last_run = None
    if await db.table_exists("crawl_runs"):
        last_run = (
            await db.execute("select max(coalesce(finished, started)) from crawl_runs")
        ).first()[0]
    table_url = datasette.urls.table(db.name, "notices")
    return {
        "database": db.name,
        "notices": one["notices"],
        "sites_with_notices": one["sites"],
        "regions": one["regions"],
        "first": one["first"],
        "last": one["last"],
        "flagged": flagged,
        "attachments": attachments[0],
        "attachment_bytes": format_bytes(attachments[1]) if attachments[1] else None,
        "last_run": display_datetime(last_run),
        "sites": [
            dict(row, notices_url=f"{table_url}?{urlencode({'site': row['name']})}")
            for row in sites.rows
        ],
        "recent": [
            {
                "href": notice_path(datasette, row["id"]),
                "title": row["title"] or "(untitled 无标题)",
                "published": display_datetime(row["published"]),
                "site": row["site"],
            }
            for row in recent.rows
        ],
        "urls": {
            "notices": f"{table_url}?{urlencode([('_col', c) for c in READING_COLUMNS])}",
            "search": table_url,
            "flagged": f"{table_url}?{urlencode({'flags__not': '[]', '_facet_array': 'flags'})}",
            "sites": datasette.urls.table(db.name, "sites"),
            "runs": datasette.urls.table(db.name, "crawl_runs"),
            "sql": datasette.urls.database(db.name),
        },
    }


# -- routes: the notice page and attachment copies --------------------------------------------


@hookimpl
def register_routes():
    return [
        (r"^/-/notice/(?P<id>[0-9]{1,18})$", notice_page),
        (r"^/-/attachment/(?P<id>[0-9]{1,18})$", attachment_file),
        (r"^/-/govarchive/static/(?P<path>.*)$", asgi_static(STATIC_DIR)),
    ]


async def _archive_for(datasette, request, table: str):
    db = await archive_database(datasette)
    if db is None:
        raise NotFound("This Datasette serves no govarchive archive (no notices table).")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, table)), ("view-database", db.name), "view-instance"],
    )
    return db


async def notice_page(datasette, request):
    notice_id = int(request.url_vars["id"])
    db = await _archive_for(datasette, request, "notices")
    rows = (await db.execute("select * from notices where id = ?", [notice_id])).rows
    if not rows:
        raise NotFound(f"No notice with id {notice_id} in the archive.")
    notice = dict(rows[0])
    site_rows = (await db.execute("select * from sites where name = ?", [notice["site"]])).rows
    images = [
        dict(r)
        for r in (
            await db.execute(
                "select * from images where notice_id = ? order by position, id", [notice_id]
            )
        ).rows
    ]
    attachments = [
        dict(r)
        for r in (
            await db.execute(
                "select * from attachments where notice_id = ? order by position, id", [notice_id]
            )
        ).rows
    ]
    context = notice_context(
        datasette, db.name, notice, dict(site_rows[0]) if site_rows else None, images, attachments
    )
    html = await datasette.render_template(
        "govarchive_notice.html", context, request=request, view_name="govarchive_notice"
    )
    return Response.html(html)


def _image(img: dict[str, Any]) -> dict[str, Any]:
    return {
        "src": img.get("src"),
        "href": safe_href(img.get("src")),
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
        key = _squash(img.get("caption"))
        if key:
            by_caption.setdefault(key, []).append(img)
    placed: set[int] = set()
    sign_from = signature_start(paragraphs, signed_by)
    blocks = []
    for i, text in enumerate(paragraphs):
        pending = [img for img in by_caption.get(_squash(text), []) if id(img) not in placed]
        if pending and i < sign_from:
            img = pending[0]
            placed.add(id(img))
            blocks.append({"type": "figure", "image": _image(img)})
            continue
        blocks.append({"type": "p", "text": text, "signature": i >= sign_from})
    rest = [_image(img) for img in images if id(img) not in placed]
    return blocks, rest


def notice_context(
    datasette,
    database: str,
    notice: dict[str, Any],
    site: dict[str, Any] | None,
    images: list[dict[str, Any]],
    attachments: list[dict[str, Any]],
) -> dict[str, Any]:
    table_url = datasette.urls.table(database, "notices")
    paragraphs = split_paragraphs(notice.get("body"))
    blocks, loose_images = document_blocks(paragraphs, images, notice.get("signed_by"))
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
        "title": notice.get("title") or "(untitled 无标题)",
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
        "attachments": [
            {
                **att,
                "href": safe_href(att.get("url")),
                "size_display": format_bytes(att["size"]) if att.get("size") is not None else None,
                "archived_url": (
                    datasette.urls.path(f"/-/attachment/{att['id']}") if att.get("path") else None
                ),
            }
            for att in attachments
        ],
        "url_href": safe_href(notice.get("url")),
        "flags": [
            {"name": f, "description": FLAGS.get(f, "a flag this version does not describe")}
            for f in parse_flags(notice.get("flags"))
        ],
        "first_seen": display_datetime(notice.get("first_seen")),
        "last_seen": display_datetime(notice.get("last_seen")),
        "fetched_at": display_datetime(notice.get("fetched_at")),
        "original": original,
        "info": info if isinstance(info, dict) else {"info": info},
        "row_url": datasette.urls.row(database, "notices", str(notice["id"])),
        "json_url": datasette.urls.row(database, "notices", str(notice["id"]), format="json"),
    }


async def attachment_file(datasette, request, send):
    """The archived copy of an attachment, always as a download (never rendered inline)."""
    attachment_id = int(request.url_vars["id"])
    db = await _archive_for(datasette, request, "attachments")
    rows = (
        await db.execute(
            "select id, name, kind, path from attachments where id = ?", [attachment_id]
        )
    ).rows
    if not rows or not rows[0]["path"] or not db.path:
        raise NotFound(f"No archived copy of attachment {attachment_id}.")
    row = rows[0]
    root = files_dir(db.path).resolve()
    target = (Path(db.path).resolve().parent / row["path"]).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise NotFound(f"No archived copy of attachment {attachment_id}.")
    fallback, name = download_name(row["name"], row["kind"], attachment_id)
    await asgi_send_file(
        send,
        target,
        content_type="application/octet-stream",
        headers={
            "content-disposition": (
                f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
            ),
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; sandbox",
        },
    )
