"""The Datasette hooks of govarchive: every place the plugin plugs in, and nothing else.

Registered through the ``datasette`` entry point in pyproject.toml; :func:`register` covers a
checkout that is not installed (``crawler.publish.serve.build_datasette`` calls it, and it does nothing
when the entry point already loaded this module).

- Search: Datasette's own search on the notices table (the search box, ``?_search=``,
  ``?_search_title=``, the JSON API) runs through the archive's Chinese index with a filter
  planned for the number of matches (crawler/publish/tablesearch.py). ``fts_query(q)``
  turns what people type into an FTS5 MATCH in any SQL, and ``escape_fts`` — the function
  Datasette wraps a search in wherever it does one itself (``?_fts_table=``) — is replaced by
  it on the archive's connections: ``trylast``, as Datasette registers its own from the same
  hook and the last registration wins.
- Pages: ``/-/notice/{id}`` (a notice as a document, with its versions), ``/-/search``
  (ranked), ``/-/charts``, ``/-/health``; archived copies and attachments as downloads.
- The notices table: titles link to the document page, ``body`` is a short preview, ``flags``
  are chips, ``status`` is marked when a notice is gone.
- Read-only and inert: non-GET requests are refused, write permissions denied, security
  headers on every response (crawler/publish/security.py).
"""

from __future__ import annotations

import functools
import sqlite3
import sys
from contextvars import ContextVar
from pathlib import Path

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response, asgi_static
from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup

from . import (charts, copies, facets, feeds, health, home, limits, notice, sandbox, searchpage,
               security, tablesearch)
from .archive import PLUGIN_NAME, is_archive, notice_path
from .text import UNTITLED, body_preview, flag_chips, parse_flags

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

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


def _on_row_page() -> bool:
    path = _request_path.get()
    return bool(path) and len([part for part in path.split("/") if part]) >= 3


# -- read-only, headers, permissions ---------------------------------------------------------


@hookimpl
def asgi_wrapper(datasette):
    slots = limits.SqlSlots(datasette)

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope.get("type") != "http":
                return await app(scope, receive, send)
            path = scope.get("path") or "/"
            base_url = datasette.setting("base_url") or "/"
            if base_url != "/" and path.startswith(base_url):
                path = "/" + path[len(base_url):]
            send = security.with_headers(send, path)
            if scope.get("method", "GET").upper() not in security.SAFE_METHODS:
                response = Response.text(
                    "govarchive is a read-only archive: only GET and HEAD are answered.\n",
                    status=405,
                    headers={"Allow": ", ".join(sorted(security.SAFE_METHODS))},
                )
                return await response.asgi_send(send)
            if scope.get("method", "GET").upper() == "GET":
                scope = await tablesearch.bounded_scope(datasette, scope, path)
            token = _request_path.set(path)
            try:
                if limits.writes_sql(scope):
                    written = sandbox.WRITTEN_SQL.set(True)
                    try:
                        return await slots.run(app, scope, receive, send)
                    finally:
                        sandbox.WRITTEN_SQL.reset(written)
                return await app(scope, receive, send)
            finally:
                _request_path.reset(token)

        return read_only

    return wrap


@hookimpl
def permission_allowed(action):
    if action in security.WRITE_ACTIONS:
        return False
    return None


# -- search through the Chinese index ----------------------------------------------------------


@hookimpl(trylast=True)
def prepare_connection(conn, database, datasette):
    """``fts_query(q)`` everywhere; ``escape_fts`` replaced on the archive's connections; on
    every connection, bounds on what a query can build and return (crawler/publish/limits.py).

    trylast: Datasette's own prepare_connection registers its ``escape_fts`` too, and the
    last registration wins.
    """
    limits.limit_connection(conn)
    limits.register_functions(conn, archive=is_archive(datasette, database))


@hookimpl
def startup(datasette):
    """SQL written by visitors runs in worker processes (crawler/publish/sandbox.py)."""
    for name, db in datasette.databases.items():
        if db.path and is_archive(datasette, name):
            sandbox.install(datasette, db, limits.SqlSlots(datasette).slots)


@hookimpl
def handle_exception(datasette, request, exception):
    """A query stopped by SQLite's heap limit is a 400 that says so, not a 500."""
    return limits.memory_error_response(exception)


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    """The notices table's search box, ``?_search=``, ``?_search_<column>=`` (and ``?_q=``)
    through the index (crawler/publish/tablesearch.py says why not Datasette's own).

    trylast: Datasette's own search hook says the table has no search; ours comes after it.
    """
    if table != "notices" or not is_archive(datasette, database):
        return None

    async def inner():
        return await tablesearch.search_filter(request, datasette.get_database(database))

    return inner


@hookimpl
def register_facet_classes():
    """The notices table's facets, counted ahead or bounded (crawler/publish/facets.py)."""
    return [facets.CountedFacet]


# -- templates and static files -----------------------------------------------------------


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Put crawler/publish/templates between --template-dir and Datasette's own templates."""
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


@hookimpl
def menu_links(datasette):
    return [
        {"href": datasette.urls.path("/-/search"), "label": "Search notices 搜索"},
        {"href": datasette.urls.path("/-/charts"), "label": "Charts 图表"},
        {"href": datasette.urls.path("/-/health"), "label": "Crawl health 抓取状态"},
    ]


# -- the notices table -----------------------------------------------------------------------


def _row_id(row) -> int | None:
    try:
        value = row["id"]
    except (IndexError, KeyError):
        return None
    return value if isinstance(value, int) else None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table != "notices" or not is_archive(datasette, database):
        return None
    if column == "title":
        notice_id = _row_id(row)
        if notice_id is None:
            return None
        label = value if isinstance(value, str) and value.strip() else UNTITLED
        return Markup('<a class="ga-title" href="{}">{}</a>').format(
            notice_path(datasette, notice_id), label)
    if column == "body" and isinstance(value, str) and not _on_row_page():
        return Markup('<span class="ga-body-preview">{}</span>').format(body_preview(value))
    if column == "flags":
        flags = parse_flags(value)
        return flag_chips(flags) if flags else Markup("&nbsp;")
    if column == "status" and isinstance(value, str) and value != "live":
        return Markup('<span class="ga-status ga-status-{0}">{0}</span>').format(value)
    if column == "id" and isinstance(value, int) and _on_row_page():
        link = Markup('{} <a class="ga-doc-link" href="{}">read as document 阅读全文 →</a>')
        return link.format(value, notice_path(datasette, value))
    return None


@hookimpl
def table_actions(datasette, database, table):
    if table != "notices" or not is_archive(datasette, database):
        return None
    notices = datasette.urls.table(database, "notices")
    return [
        {"href": datasette.urls.path("/-/search"), "label": "Ranked search 按相关度搜索"},
        {"href": home.flagged_url(notices), "label": "Notices by quality flag"},
        {"href": home.gone_url(notices), "label": "Missing and removed notices"},
    ]


# -- the home page ---------------------------------------------------------------------------


@hookimpl
def extra_template_vars(view_name, datasette, request, database, table):
    if view_name == "table" and table == "notices" and is_archive(datasette, database):
        # what the page left out and why (crawler/publish/facets.py, tablesearch.py)
        return {"govarchive_bounds": request.scope.get(facets.BOUNDS_KEY) if request else None}
    if view_name != "index":
        return {}

    async def inner():
        try:
            return {"govarchive": await home.archive_summary(datasette)}
        except (QueryInterrupted, sqlite3.Error):
            return {"govarchive": None}

    return inner


# -- routes ----------------------------------------------------------------------------------


@hookimpl
def register_routes():
    return [
        (r"^/-/notice/(?P<id>[0-9]{1,18})$", notice.notice_page),
        (r"^/-/notice/(?P<id>[0-9]{1,18})/archived/(?P<version>[0-9]{1,9})$",
         notice.archived_page),
        (r"^/-/notice/(?P<id>[0-9]{1,18})/archived/(?P<version>[0-9]{1,9})\.raw$",
         notice.archived_raw),
        (r"^/-/attachment/(?P<id>[0-9]{1,18})$", notice.attachment_file),
        (r"^/-/image/(?P<id>[0-9]{1,18})$", notice.image_file),
        (r"^/-/search$", searchpage.search_page),
        (r"^/-/charts$", charts.charts_page),
        (r"^/-/health$", health.health_page),
        (r"^/-/govarchive/static/(?P<path>.*)$", asgi_static(STATIC_DIR)),
        *copies.ROUTES,
        *feeds.ROUTES,
    ]
