"""Serve archive.db with Datasette: read-only, with metadata built here from the schema's meaning.

``build_datasette(path)`` makes the Datasette instance (tests drive it with ``ds.client``);
``serve(path, host, port)`` runs it with uvicorn. The file is opened mutable (not immutable)
because the crawler writes to it at night; Datasette reads it through read-only connections,
and the govarchive plugin refuses every non-GET request.
"""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Any

from crawler import datasette_plugin
from spiders.registry import CMS_ADAPTERS, ORG_TYPES


class ServeError(RuntimeError):
    """The archive cannot be served; the message is one line for the CLI to print."""


class PortInUse(ServeError):
    """Another process is listening on the requested host and port."""


#: Datasette settings. Time limits are generous so facets over the whole archive (site,
#: region, channel, year) are computed rather than dropped, and journalists' SQL can scan.
SETTINGS: dict[str, Any] = {
    "default_page_size": 50,
    "max_returned_rows": 5000,
    "sql_time_limit_ms": 10_000,
    "facet_time_limit_ms": 5_000,
    "facet_suggest_time_limit_ms": 200,
    "default_facet_size": 30,
    "allow_download": False,  # never offered for a mutable file anyway
    "allow_csv_stream": True,
    "max_csv_mb": 200,
    "truncate_cells_html": 300,
    "num_sql_threads": 3,
    "template_debug": False,
    "trace_debug": False,
}

DESCRIPTION = (
    "Notices (通知公告) published on the websites of Chinese government bodies and CPPCC "
    "committees (政协), crawled on a schedule and kept with their dates, sources, images, "
    "attachments and quality notes. Open a notice to read it as a document; use facets, "
    "?_q= search or SQL to query. The archive is read-only."
)
SOURCE = "The official websites listed in the sites table; every notice keeps its original URL"
LICENSE = (
    "Texts are public notices of the publishing bodies, who keep their rights; archived for "
    "research and journalism. govarchive software: Apache-2.0"
)

#: Column descriptions per table: every column of the schema in crawler/storage.py.
#: tests/test_datasette.py fails when a column is added there without a description here.
COLUMNS: dict[str, dict[str, str]] = {
    "sites": {
        "name": "Registry name of the site (slug); notices.site refers to it",
        "organisation": "发布机构 Publishing organisation",
        "province": "省 Province",
        "city": "市 City (empty for a province-level site)",
        "region": "地区 Province and city, space-separated",
        "org_type": "机构类型 Organisation type: " + ", ".join(ORG_TYPES),
        "cms": f"Content management system the site runs ({', '.join(CMS_ADAPTERS)})",
        "home_url": "网站首页 Home page of the site",
        "verified_online": "1 if the registry entry was checked against the live site",
        "demo": "1 if the entry is served by a local demo replica, not the real site",
        "added": "When the site entered the archive (UTC)",
    },
    "notices": {
        "id": "Archive id; /-/notice/{id} shows the notice as a document",
        "site": "网站 Site the notice was crawled from (→ sites)",
        "url": "原文链接 Canonical URL of the page; one row per URL",
        "title": "标题 Headline",
        "subtitle": "副标题 Subtitle",
        "published": "发布时间 Publication date, ISO 8601 (may carry a time)",
        "year": "年份 Year of publication (from published)",
        "month": "月份 Month of publication, YYYY-MM",
        "author": "作者 Author or editor, as printed",
        "source": "来源 Source line, as printed",
        "signed_by": "落款 Signing body at the end of the text",
        "signed_date": "落款日期 Date under the signature, ISO 8601",
        "doc_number": "文号 Document number, e.g. X政办发〔2024〕3号",
        "channel": "栏目 Column path on the site, levels joined by ' > '",
        "body": "正文 Body text, one paragraph per line (sub-headings, captions, signature too)",
        "flags": "质量标记 Quality flags (JSON list): damage or doubt cleaning could not repair",
        "province": "省 Province (from the site)",
        "city": "市 City (from the site)",
        "region": "地区 Province and city (from the site)",
        "org_type": "机构类型 Organisation type (from the site)",
        "title_original": "Title as published, when cleaning converted its script (Traditional)",
        "body_original": "Body as published, when cleaning converted its script",
        "encoding": "编码 Character encoding the page was decoded from",
        "info": "Other labelled fields found on the page, a JSON object",
        "content_hash": "SHA-256 of what a reader sees; a new hash means the notice changed",
        "status": "状态 Record status; 'live' while crawls still find the page",
        "first_seen": "首次抓取 First crawl that found the notice (UTC)",
        "last_seen": "最近抓取 Latest crawl that found the notice (UTC)",
        "fetched_at": "When the page was last fetched (UTC)",
    },
    "images": {
        "id": "Archive id of the image",
        "notice_id": "Notice the image appears in (→ notices)",
        "position": "Order among the notice's images, from 0",
        "src": "图片地址 Image URL",
        "caption": "图注 Caption printed beside the image (图为…)",
        "alt": "Alt text from the page",
    },
    "attachments": {
        "id": "Archive id; /-/attachment/{id} downloads the archived copy",
        "notice_id": "Notice that links the file (→ notices)",
        "position": "Order among the notice's attachments, from 0",
        "url": "附件地址 URL of the file on the site",
        "name": "附件名称 Link text readers see",
        "kind": "File type from its name (pdf, doc, docx, xls, xlsx, wps, zip, rar, …)",
        "content_type": "Content-Type the server sent",
        "size": "Size in bytes of the archived copy",
        "sha256": "SHA-256 of the archived copy",
        "path": "Where the archived copy is kept, relative to the database file",
        "fetched_at": "When the file was downloaded (UTC)",
    },
    "crawl_runs": {
        "id": "Run id",
        "site": "Site crawled (→ sites)",
        "started": "开始 Start of the run (UTC)",
        "finished": "结束 End of the run (UTC); empty while running or if it died",
        "status": "Outcome; 'running' until the run ends",
        "requests": "HTTP requests sent",
        "responses": "HTTP responses received",
        "notices_seen": "Notice pages read",
        "new": "Notices new to the archive",
        "changed": "Notices whose text changed",
        "unchanged": "Notices seen again unchanged",
        "attachments": "Attachment files downloaded",
        "errors": "Requests or pages that failed",
        "bytes": "Bytes downloaded",
    },
}

TABLES: dict[str, dict[str, Any]] = {
    "notices": {
        "description": (
            "One row per notice page (通知公告), newest first."
            " Titles open the notice as a document."
        ),
        "facets": ["site", "region", "channel", "year"],
        "sort_desc": "published",
        "label_column": "title",
    },
    "sites": {
        "description": "The sites archived, from the registry (spiders/sites/*.toml).",
        "facets": ["province", "org_type", "cms"],
        "sort": "name",
        "label_column": "organisation",
    },
    "images": {
        "description": "Images in notice bodies, with the captions printed beside them.",
        "sort": "notice_id",
    },
    "attachments": {
        "description": (
            "Files linked from notices (附件);"
            " size, sha256 and path are set once the file is archived."
        ),
        "facets": ["kind"],
        "sort": "notice_id",
        "label_column": "name",
    },
    "crawl_runs": {
        "description": "One row per crawl of a site, with what it found.",
        "facets": ["site", "status"],
        "sort_desc": "started",
    },
}


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives a database file: its name without the suffix (archive)."""
    return Path(db_path).stem


def build_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for an archive served under the name ``database``."""
    tables = {
        table: {**TABLES.get(table, {}), "columns": dict(columns)}
        for table, columns in COLUMNS.items()
    }
    return {
        "title": "govarchive",
        "description": DESCRIPTION,
        "source": SOURCE,
        "license": LICENSE,
        "databases": {
            database: {
                "description": (
                    "The govarchive archive: notices with their images and attachments,"
                    " the sites they come from and the crawl runs that found them."
                ),
                "tables": tables,
            }
        },
        "plugins": {datasette_plugin.PLUGIN_NAME: {"database": database}},
    }


def build_datasette(db_path: str | Path, *, settings: dict[str, Any] | None = None):
    """A Datasette serving ``db_path`` (mutable, read through read-only connections)."""
    from datasette.app import Datasette

    path = Path(db_path)
    if not path.is_file():
        raise ServeError(
            f"{path}: no archive database here"
            " (run `govarchive demo` or `govarchive crawl` first)"
        )
    datasette_plugin.register()
    return Datasette(
        [str(path)],
        metadata=build_metadata(database_name(path)),
        settings={**SETTINGS, **(settings or {})},
    )


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or :class:`PortInUse` / :class:`ServeError`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ServeError(f"cannot serve on {host}:{port}: unknown host ({exc.strerror})") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(
                f"cannot serve on {host}:{port}: the port is already in use"
                " (is another `govarchive serve` running? choose another with --port)"
            ) from exc
        raise ServeError(f"cannot serve on {host}:{port}: {exc.strerror}") from exc
    return sock


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8001,
    *,
    log_level: str = "info",
    settings: dict[str, Any] | None = None,
) -> None:
    """Run Datasette on the archive until interrupted (Ctrl+C)."""
    import uvicorn

    datasette = build_datasette(db_path, settings=settings)
    sock = bind_socket(host, port)
    config = uvicorn.Config(
        datasette.app(), host=host, port=port, log_level=log_level, lifespan="on"
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
