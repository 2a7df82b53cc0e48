"""Serve archive.db with Datasette: read-only, with metadata built here from the schema's meaning.

``build_datasette(path)`` makes the Datasette instance (tests drive it with ``ds.client``);
``serve(path, host, port)`` runs it with uvicorn. The file is opened mutable (not immutable)
because the crawler writes to it at night: in WAL mode Datasette's read-only connections read
the last committed state while a crawl holds its write transaction, without lock errors.
The govarchive plugin (crawler/publish) refuses every non-GET request.
"""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Any

from crawler.keep.schema import SEARCH_TABLE
from crawler.keep.search import WEIGHTS
from crawler.navigate.registry import CMS_ADAPTERS, ORG_TYPES
from crawler.publish import plugin as datasette_plugin
from crawler.publish.archive import PLUGIN_NAME


class ServeError(RuntimeError):
    """The archive cannot be served; the message is one line for the CLI to print."""


class PortInUse(ServeError):
    """Another process is listening on the requested host and port."""


#: Datasette settings. The SQL time limit is generous so journalists' SQL can scan. The
#: notices table's facets are counted ahead or bounded (crawler/publish/facets.py), so a
#: facet that would count for longer than a page may take is left out, and says so.
SETTINGS: dict[str, Any] = {
    "default_page_size": 50,
    "max_returned_rows": 5000,
    "sql_time_limit_ms": 10_000,
    "facet_time_limit_ms": 200,
    "facet_suggest_time_limit_ms": 200,
    # Suggestions try a facet on every column of what a page shows: seconds per search on a
    # large archive. The facets people use (site, region, channel, year, status) stay on.
    "suggest_facets": False,
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
    "attachments, versions and quality notes. Open a notice to read it as a document; search "
    "(any word length, Chinese or Latin, Traditional finds Simplified), use facets, or query "
    "with SQL — fts_query('词') turns a search into an FTS5 MATCH. The archive is read-only."
)
SOURCE = "The official websites listed in the sites table; every notice keeps its original URL"
LICENSE = (
    "Texts are public notices of the publishing bodies, who keep their rights; archived for "
    "research and journalism. govarchive software: Apache-2.0"
)

#: Column descriptions per table: every column of the schema in crawler/keep/schema.py.
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
        "version": "版本 Current version number (1 = as first archived; see notice_versions)",
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
        "status": "状态 live; missing (a re-check found it gone, not yet for long); removed (gone for good, text kept)",
        "first_seen": "首次抓取 First crawl that found the notice (UTC)",
        "last_seen": "最近抓取 Last time the page answered with the notice (UTC)",
        "last_checked": "Last time a crawl asked for the page, whatever it answered (UTC)",
        "missing_since": "First re-check that found the page gone, while it stays gone (UTC)",
        "missing_runs": "Re-checks in a row that found the page gone",
        "removed_at": "撤除日期 When the archive declared the notice removed (UTC)",
        "etag": "ETag the site last sent, for conditional re-checks",
        "last_modified": "Last-Modified the site last sent, for conditional re-checks",
        "warc_file": "WARC file holding the response this version was read from",
        "warc_offset": "Byte offset of that response record in the WARC file",
        "fetched_via": "browser_session when the page came through cookies a browser earned past a bot challenge",
    },
    "notice_versions": {
        "id": "Version id",
        "notice_id": "Notice (→ notices)",
        "version": "版本 1 for the text first archived, then one more per change",
        "run_id": "Crawl run that found this text (→ crawl_runs)",
        "fetched_at": "When this text was fetched (UTC)",
        "content_hash": "SHA-256 of what a reader sees",
        "changed": "Fields that differ from the previous version (JSON list)",
        "title": "标题 Headline in this version",
        "subtitle": "副标题 Subtitle in this version",
        "published": "发布时间 Publication date in this version",
        "author": "作者 Author in this version",
        "source": "来源 Source in this version",
        "signed_by": "落款 Signing body in this version",
        "signed_date": "落款日期 Signature date in this version",
        "doc_number": "文号 Document number in this version",
        "channel": "栏目 Channel in this version",
        "body": "正文 Body in this version, one paragraph per line",
        "flags": "Quality flags of this version (JSON list)",
        "title_original": "Title as published, when its script was converted",
        "body_original": "Body as published, when its script was converted",
        "attachments": "Attachment links of this version (JSON list of url, name, kind)",
        "warc_file": "WARC file holding the response this version was read from",
        "warc_offset": "Byte offset of that response record in the WARC file",
        "fetched_via": "browser_session when the page came through cookies a browser earned past a bot challenge",
        "tables": "表格 Data tables of this version's body (名单, 处罚决定): JSON list of tables, each a list of rows of cell texts",
    },
    "notice_events": {
        "id": "Event id",
        "notice_id": "Notice (→ notices)",
        "run_id": "Crawl run that saw it (→ crawl_runs)",
        "at": "When (UTC)",
        "event": "new, changed, missing, removed or restored",
        "detail": "Which fields changed, or how the page was gone (404, 410, redirect_home, soft_404)",
    },
    "files": {
        "sha256": "SHA-256 of the file; each file is kept once",
        "size": "Size in bytes",
        "content_type": "Content-Type the server sent",
        "path": "Where the file is kept, relative to the database file",
        "first_fetched": "When the file was first downloaded (UTC)",
        "text": (
            "附件文字 Text read from the file (PDF, DOCX, RTF), searched with the notice; empty:"
            " no text in it (a scan?); null: not a format govarchive reads — found by name only"
        ),
    },
    SEARCH_TABLE: {
        "title": "Search index of title and subtitle (character pairs; query with fts_query)",
        "body": "Search index of the body (character pairs; query with fts_query)",
        "attachments": "Search index of attachment names and text (query with fts_query)",
        SEARCH_TABLE: f"FTS5's hidden column: {SEARCH_TABLE} match fts_query('词') searches all three",
        "rank": "FTS5's hidden rank column: bm25 relevance of a match, lower is better",
    },
    "search_index": {
        "id": "Always 1: one row describes the search index",
        "version": "How crawler/keep/search.py cut the text; another version is rebuilt on opening",
        "built": "When `govarchive reindex` last rebuilt the index (UTC)",
        "notices": "Notices indexed by that rebuild",
    },
    "notice_counts": {
        "filter": "Counted within this column's value ('' = the whole archive)",
        "filter_value": "The value of the filter column ('' for the whole archive)",
        "facet": "What is counted: notices, flagged, month, or a facet column (site, region, …)",
        "value": "The value counted ('' for notices and flagged)",
        "notices": "Notices with that value (kept by the writer's triggers; 0: none any more)",
    },
    "redirects": {
        "url": "A URL lists link to that redirects elsewhere",
        "target": "The notice URL it redirected to",
        "seen": "Last time the redirect was followed (UTC)",
    },
    "site_columns": {
        "url": "栏目 URL of a column list's first page",
        "site": "Site (→ sites)",
        "channel": "栏目 Channel the column stands for",
        "last_walk": "Last crawl that read the column (UTC)",
        "last_full_walk": "Last finished crawl that walked the column to its end (UTC)",
        "first_page_links": "Notice links on the column's first page at its last walk",
        "etag": "ETag of the first page, for conditional requests",
        "last_modified": "Last-Modified of the first page, for conditional requests",
        "pager": "The pager its first page showed at its last walk (link, trs-createPageHTML, json, …)",
        "previous_pager": "The pager it showed before it changed; a change is a health warning",
        "pager_changed_run": "Crawl run that saw the pager change (→ crawl_runs)",
    },
    "list_page_links": {
        "url": "URL of a list page (any page of a column list)",
        "form": "The form a POST sent to that URL (a CMS data endpoint); empty for a GET",
        "site": "Site (→ sites)",
        "column_url": "栏目 First page of the column list the page belongs to",
        "links": "Notice links the page showed at its last reading",
        "previous_links": "Notice links it showed at the reading before; far fewer now is a health warning",
        "read_at": "When the page was last read (UTC)",
        "run_id": "Crawl run that last read it (→ crawl_runs)",
    },
    "fetch_failures": {
        "id": "Failure id",
        "run_id": "Crawl run (→ crawl_runs)",
        "site": "Site (→ sites)",
        "url": "URL that failed",
        "what": "What was asked for: list, notice, recheck or attachment",
        "kind": "How: http_404, http_503, timeout, dns, too_large, soft_404, not_html, bad_url,"
                " redirect_off_site, not_a_notice, robots_unavailable, …",
        "count": "Times it failed in that run",
        "last_at": "Last failure in that run (UTC)",
        "detail": "What else the failure names: an off-site redirect's target",
    },
    "robots_cache": {
        "host": "Host (and port) the robots.txt belongs to",
        "fetched_at": "When it was fetched (UTC); reused for a day",
        "status": "HTTP status of the robots.txt response",
        "body": "The robots.txt as served",
    },
    "copies": {
        "notice_id": "A notice that is one of several copies of the same text (→ notices)",
        "cluster": "The cluster's original (→ notices); every copy of one notice shares it",
        "role": "original (the first publication, chosen by evidence) or copy",
        "jaccard": "Share of the text's 4-character shingles shared with the original (1 = same words)",
        "changed": "1 if the copy's words differ from the original's (punctuation and script aside)",
        "reason": ("Why this copy is the original: issuer_site, official_site, earliest,"
                   " named_as_source, not_forwarded or first_archived"),
        "evidence": "The evidence for the original, in words",
        "linked_at": "When the cluster was last linked (UTC)",
    },
    "copy_parts": {
        "page_id": "A longer page that carries a notice inside it (→ notices)",
        "notice_id": "The notice it carries (→ notices)",
        "containment": "Share of the notice's shingles found in the page",
        "linked_at": "When the two were linked (UTC)",
    },
    "copy_signatures": {
        "notice_id": "Notice (→ notices)",
        "version": "Version of the notice the signature was made from",
        "shingles": "Distinct 4-character shingles of its Simplified text",
        "minhash": "MinHash signature (128 little-endian uint32), datasketch",
    },
    "copy_bands": {
        "band": "LSH band of a signature (0-31)",
        "hash": "The band's two MinHash values packed in one integer",
        "notice_id": "Notice (→ notices); notices sharing a band are compared",
    },
    "images": {
        "id": "Archive id of the image",
        "notice_id": "Notice the image appears in (→ notices)",
        "version": "Notice version the image belongs to",
        "position": "Order among the notice's images, from 0",
        "src": "图片地址 Image URL on the original site (data: the archive shows its own copy)",
        "caption": "图注 Caption printed beside the image (图为…)",
        "alt": "Alt text from the page",
        "sha256": "SHA-256 of the archived copy (→ files); /-/image/{id} serves it",
        "status": "pending, stored, or why it was not kept (http_404, not_image, too_large, …)",
        "fetched_at": "When the image was downloaded, or last failed (UTC)",
    },
    "attachments": {
        "id": "Archive id; /-/attachment/{id} downloads the archived copy",
        "notice_id": "Notice that links the file (→ notices)",
        "version": "Notice version that links it",
        "position": "Order among the notice's attachments, from 0",
        "url": "附件地址 URL of the file on the site",
        "name": "附件名称 Link text readers see",
        "kind": "File type from its name (pdf, doc, docx, xls, xlsx, wps, zip, rar, …)",
        "file_name": "File name the server gave (Content-Disposition), decoded",
        "sha256": "SHA-256 of the archived copy (→ files)",
        "status": "pending, stored, or why it was not kept (too_large, http_404, …)",
        "fetched_at": "When the file was downloaded (UTC)",
    },
    "crawl_runs": {
        "id": "Run id",
        "site": "Site crawled (→ sites)",
        "started": "开始 Start of the run (UTC)",
        "finished": "结束 End of the run (UTC); empty while running or if it died",
        "status": "finished, stopped (why), or running (also: a run that died)",
        "mode": "incremental (stop at archived notices) or full (walk every list to its end)",
        "requests": "HTTP requests sent",
        "responses": "HTTP responses received",
        "bytes": "Bytes downloaded",
        "list_pages": "List pages read (a list answering 304 Not Modified was read)",
        "empty_lists": "List pages that showed no notice links (a layout change?)",
        "first_page_links": "Notice links on the columns' first pages",
        "notices_seen": "Notice pages read",
        "new": "Notices new to the archive",
        "changed": "Notices whose text changed (a new version)",
        "unchanged": "Notices read again, unchanged",
        "not_modified": "Re-checks answered 304 Not Modified",
        "rechecked": "Archived notices asked for again",
        "missing": "Re-checks that found a notice gone (not yet removed)",
        "removed": "Notices declared removed in this run",
        "restored": "Notices that came back after being missing or removed",
        "attachments": "Attachment files downloaded",
        "errors": "Requests or pages that failed",
        "blocked": "Responses that were WAF challenges or block pages",
        "browser_sessions": "Browser sessions earned past a bot challenge (cookies a browser got)",
        "browser_hosts": "Per host behind a bot challenge: its kind, sessions earned, blocked why",
        "legacy_tls_hosts": "Hosts that only accept old TLS (reached by a permissive retry, remembered)",
        "rate_limited": "Requests asked again, slower, after a rate limiter's page (429, 503, template)",
        "rate_limited_hosts": "Per host that rate-limited the crawl: slowdowns and the delay reached (s)",
        "days_since_new": "Days since the site last gave a new notice",
        "health": "ok, or attention (see health_notes)",
        "health_notes": "Why the site needs attention",
    },
}

TABLES: dict[str, dict[str, Any]] = {
    "notices": {
        "description": (
            "One row per notice page (通知公告), newest first. Titles open the notice as a"
            " document. Search finds any word in titles, bodies and attachments — exactly"
            " the notices a LIKE scan finds; words separated by spaces must all occur,"
            ' "quoted phrases" keep their spaces, OR between words, -word excludes.'
        ),
        # counted ahead or bounded by govarchive's facet class (crawler/publish/facets.py)
        "facets": [{"counted": c} for c in ("site", "region", "channel", "year", "status")],
        "sort_desc": "published",
        "label_column": "title",
        # no fts_table: govarchive's plugin runs the search (crawler/publish/tablesearch.py)
    },
    "sites": {
        "description": "The sites archived, from the registry (spiders/sites/*.toml).",
        "facets": ["province", "org_type", "cms"],
        "sort": "name",
        "label_column": "organisation",
    },
    "images": {
        "description": (
            "Images in notice bodies, with the captions printed beside them; each kept once"
            " in the archive's files, which notice pages show instead of the original site's."
        ),
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
    "copies": {
        "description": (
            "Copies of one notice across sites (and within one): one row per notice in a"
            " cluster; cluster is the original's id, chosen by evidence (reason, evidence)."
        ),
        "facets": ["role", "reason", "changed"],
        "sort": "cluster",
    },
    "copy_parts": {
        "description": "Longer pages that carry another notice inside them (partial copies).",
        "sort": "page_id",
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


#: Canned queries for the common questions, with descriptions; each takes its parameters
#: from a form (empty means "any"/the default named in the description).
QUERIES: dict[str, dict[str, Any]] = {
    "notices_per_site_per_month": {
        "title": "Notices per site per month 各网站每月通知数",
        "description": (
            "How many notices each site published each month (by publication date). Leave"
            " site empty for every site; year (e.g. 2020) narrows to one year."
        ),
        "sql": (
            "select c.site, s.organisation, c.ym as month, c.notices\n"
            "from (select site, substr(published, 1, 7) as ym, count(*) as notices\n"
            "      from notices\n"
            "      where published glob '[0-9][0-9][0-9][0-9]???*'\n"
            "        and (:site = '' or site = :site)\n"
            "        and (:year = '' or substr(published, 1, 4) = :year)\n"
            "      group by site, ym) c\n"
            "left join sites s on s.name = c.site\n"
            "order by c.ym desc, c.site"
        ),
    },
    "taken_down": {
        "title": "What was taken down this month 本月撤除",
        "description": (
            "Notices that went missing or were declared removed in a month (YYYY-MM; empty:"
            " this month), with when they were last seen. Their text stays in the archive."
        ),
        "sql": (
            "select e.at, e.event, e.detail, n.id, n.title, n.site, n.published,\n"
            "  n.status, n.missing_since, n.removed_at, n.last_seen, n.url\n"
            "from notice_events e join notices n on n.id = e.notice_id\n"
            "where e.event in ('missing', 'removed')\n"
            "  and substr(e.at, 1, 7) = coalesce(nullif(:month, ''), strftime('%Y-%m', 'now'))\n"
            "order by e.at desc"
        ),
    },
    "what_changed": {
        "title": "What changed 最近修改",
        "description": (
            "Notices whose text changed after they were archived, newest change first, with"
            " the fields that changed; days = how far back (empty: 30). Open a notice for the"
            " changes marked up."
        ),
        "sql": (
            "select e.at, n.id, n.title, n.site, n.version, e.detail as changed_fields, n.url\n"
            "from notice_events e join notices n on n.id = e.notice_id\n"
            "where e.event = 'changed'\n"
            "  and e.at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now',\n"
            "    '-' || coalesce(nullif(:days, ''), '30') || ' days')\n"
            "order by e.at desc"
        ),
    },
    "documents_of_a_region": {
        "title": "All 倡议书 of a region 某地区的倡议书",
        "description": (
            "Notices of a region (e.g. 甘肃省, or 兰州市) whose title contains a kind of"
            " document: 倡议书 by default, or 通知, 公告, 意见…"
        ),
        "sql": (
            "select n.id, n.published, n.title, n.site, n.region, n.status, n.url\n"
            "from notices n\n"
            "where n.region like '%' || :region || '%'\n"
            f"  and n.id in (select rowid from {SEARCH_TABLE}\n"
            f"    where {SEARCH_TABLE}.title match fts_query(coalesce(nullif(:kind, ''), '倡议书')))\n"
            "order by n.published desc"
        ),
    },
    "republished_most": {
        "title": "Notices republished by the most sites 转载最多的通知",
        "description": (
            "Originals with the number of other sites that carry a copy, most first, and"
            " why each original was chosen. Open a notice for its copies and their changes."
        ),
        "sql": (
            "select o.id, o.title, o.site, o.published, c.reason,\n"
            "  count(distinct n.site) - 1 as other_sites, count(*) - 1 as copies\n"
            "from copies c join notices o on o.id = c.cluster\n"
            "join copies m on m.cluster = c.cluster join notices n on n.id = m.notice_id\n"
            "where c.role = 'original'\n"
            "group by c.cluster order by other_sites desc, copies desc, o.published desc"
        ),
    },
    "copies_that_changed": {
        "title": "Copies that changed the text 改动了原文的转载",
        "description": (
            "Copies whose words differ from their original's, least alike first (jaccard:"
            " share of the text kept); /-/copies/{original}/{copy} marks up what changed."
        ),
        "sql": (
            "select m.notice_id as copy_id, n.title, n.site, n.published, m.jaccard,\n"
            "  m.cluster as original_id, o.site as original_site,\n"
            "  '/-/copies/' || m.cluster || '/' || m.notice_id as diff\n"
            "from copies m join notices n on n.id = m.notice_id\n"
            "join notices o on o.id = m.cluster\n"
            "where m.role = 'copy' and m.changed = 1\n"
            "order by m.jaccard, n.published desc"
        ),
    },
    "ranked_search": {
        "title": "Search, best first 相关度搜索",
        "description": (
            "Notices matching q, most relevant first (bm25; a title match weighs ten times a"
            " body match). The same search as /-/search, as SQL to adapt."
        ),
        "sql": (
            "select n.id, n.published, n.site, n.title,\n"
            f"  bm25({SEARCH_TABLE}, {', '.join(map(str, WEIGHTS))}) as score\n"
            f"from {SEARCH_TABLE} join notices n on n.id = {SEARCH_TABLE}.rowid\n"
            f"where {SEARCH_TABLE} match fts_query(:q)\n"
            "order by score limit 200"
        ),
    },
}


def build_metadata(database: str, limits: dict[str, int] | None = None) -> dict[str, Any]:
    """Datasette metadata for an archive served under the name ``database``; ``limits``
    (``count_up_to``, ``facet_rows``) bound the notices table's counts and facets."""
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
                "queries": QUERIES,
            }
        },
        "plugins": {PLUGIN_NAME: {"database": database, **(limits or {})}},
    }


def build_datasette(db_path: str | Path, *, settings: dict[str, Any] | None = None,
                    limits: dict[str, int] | None = None):
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
        metadata=build_metadata(database_name(path), limits),
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
    limits: dict[str, int] | None = None,
) -> None:
    """Run Datasette on the archive until interrupted (Ctrl+C)."""
    import uvicorn

    datasette = build_datasette(db_path, settings=settings, limits=limits)
    sock = bind_socket(host, port)
    config = uvicorn.Config(
        datasette.app(), host=host, port=port, log_level=log_level, lifespan="on"
    )
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
