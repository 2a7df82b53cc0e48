"""Atom feeds, so an archivist or a journalist can follow the archive in a feed reader.

- ``/-/feeds/site/{site}.atom``: what a site published, newest archived first;
- ``/-/feeds/channel.atom?site=…&channel=…``: one channel (栏目) of a site — the full path
  as the notices table shows it (通知公告 > 工作动态) or its last level;
- ``/-/feeds/search.atom?q=…`` (and ``site``, ``region``, ``from``, ``to`` as on
  /-/search): a saved search — e.g. every 倡议书 of one province — newest match first.

Entries are the notices archived last (:data:`ENTRIES`), each linking to its page in the
archive and to the original URL; an entry's ``updated`` is when the archive first saw it.
Built with lxml, so every crawled string is escaped as XML text.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import NotFound, Response
from lxml import etree

from crawler.keep import search
from crawler.keep.schema import SEARCH_TABLE

from .archive import archive_for, notice_path, rows
from .searchpage import _filters
from .text import UNTITLED, body_preview, safe_href

ATOM = "http://www.w3.org/2005/Atom"
ENTRIES = 50
SUMMARY_CHARS = 280
_FIELDS = ("n.id, n.title, n.subtitle, n.published, n.first_seen, n.site, n.channel, n.url,"
           " n.body, n.region, s.organisation")


def _absolute(request, path: str) -> str:
    return f"{request.scheme}://{request.host}{path}"


def _when(value: str | None, fallback: str) -> str:
    """An RFC 3339 date-time from an archive stamp or an ISO date (midnight UTC)."""
    value = (value or "").strip()
    if len(value) == 10:
        return value + "T00:00:00Z"
    if len(value) >= 19:
        return value if value.endswith("Z") or "+" in value[10:] else value[:19] + "Z"
    return fallback


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = _xml_text(text)
    return element


def _xml_text(text: str) -> str:
    """XML 1.0 cannot hold control characters a crawled page may carry."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def atom(datasette, request, title: str, found: list[dict[str, Any]],
         html_path: str | None = None) -> Response:
    """The feed document for ``found`` (notices, newest first)."""
    self_url = _absolute(request, request.path + (f"?{request.query_string}"
                                                  if request.query_string else ""))
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "zh")
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    stamps = [_when(n["first_seen"], "") for n in found]
    _sub(feed, "updated", max(stamps) if stamps else "1970-01-01T00:00:00Z")
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    if html_path:
        _sub(feed, "link", rel="alternate", href=_absolute(request, html_path), type="text/html")
    _sub(_sub(feed, "author"), "name", datasette.metadata("title") or "govarchive")
    _sub(feed, "generator", "govarchive")
    for n in found:
        entry = _sub(feed, "entry")
        page = _absolute(request, notice_path(datasette, n["id"]))
        _sub(entry, "id", page)
        _sub(entry, "title", n["title"] or UNTITLED)
        updated = _when(n["first_seen"], "1970-01-01T00:00:00Z")
        _sub(entry, "updated", updated)
        if n.get("published"):
            _sub(entry, "published", _when(n["published"], updated))
        _sub(entry, "link", rel="alternate", href=page, type="text/html")
        if safe_href(n.get("url")):
            _sub(entry, "link", rel="via", href=n["url"])
        _sub(_sub(entry, "author"), "name", n.get("organisation") or n["site"])
        for term in (n["site"], n.get("channel"), n.get("region")):
            if term:
                _sub(entry, "category", term=_xml_text(term))
        _sub(entry, "summary", str(body_preview(n.get("body") or ""))[:SUMMARY_CHARS],
             type="text")
    body = etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def _latest(db, where: str, params: list[Any]) -> list[dict[str, Any]]:
    return await rows(
        db, f"SELECT {_FIELDS} FROM notices n LEFT JOIN sites s ON s.name = n.site"
        f" WHERE {where} ORDER BY n.first_seen DESC, n.id DESC LIMIT {ENTRIES}", params)


async def site_feed(datasette, request):
    db = await archive_for(datasette, request, "notices")
    name = request.url_vars["site"]
    site = await rows(db, "SELECT name, organisation FROM sites WHERE name = ?", [name])
    if not site:
        raise NotFound(f"No site {name!r} in the archive.")
    found = await _latest(db, "n.site = ?", [name])
    table = datasette.urls.table(db.name, "notices")
    return atom(datasette, request, f"{site[0]['organisation'] or name} · govarchive", found,
                f"{table}?site={name}")


async def channel_feed(datasette, request):
    db = await archive_for(datasette, request, "notices")
    site, channel = (request.args.get("site") or "").strip(), (request.args.get("channel") or "").strip()
    if not channel:
        return Response.text("Name a channel: ?channel=通知公告 (and ?site=…)\n", status=400)
    where, params = "(n.channel = ? OR n.channel LIKE ?)", [channel, "% > " + channel]
    if site:
        where, params = where + " AND n.site = ?", [*params, site]
    found = await _latest(db, where, params)
    return atom(datasette, request, f"{channel}{' · ' + site if site else ''} · govarchive", found)


async def search_feed(datasette, request):
    db = await archive_for(datasette, request, "notices")
    q = (request.args.get("q") or "").strip()
    query = search.parse_query(q)
    if not query:
        return Response.text("Give the search: ?q=倡议书 (and site, region, from, to)\n",
                             status=400)
    given, where, params = _filters(request.args)
    conditions = " AND ".join([f"{SEARCH_TABLE} MATCH :expression", *where])
    found = await rows(
        db, f"SELECT {_FIELDS} FROM {SEARCH_TABLE} JOIN notices n ON n.id = {SEARCH_TABLE}.rowid"
        f" LEFT JOIN sites s ON s.name = n.site WHERE {conditions}"
        f" ORDER BY {SEARCH_TABLE}.rowid DESC LIMIT {ENTRIES}",
        {**params, "expression": search.fts_expression(query)})
    label = " ".join([q, *(f"{k}={v}" for k, v in given.items() if v)])
    return atom(datasette, request, f"Search 搜索: {label} · govarchive", found,
                datasette.urls.path("/-/search") + f"?{request.query_string}")


ROUTES = [
    (r"^/-/feeds/site/(?P<site>[^/]{1,100})\.atom$", site_feed),
    (r"^/-/feeds/channel\.atom$", channel_feed),
    (r"^/-/feeds/search\.atom$", search_feed),
]
