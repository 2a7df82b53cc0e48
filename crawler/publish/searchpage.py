"""The ranked search page, ``/-/search?q=``: the best notices first, with the words marked.

Relevance is FTS5's bm25 over the index (crawler/keep/search.py), a word in the title weighing
ten times one in the body. Filters by site, region and publication dates; 20 results a page.

Ranking costs time in proportion to the notices it ranks, so a word found in a large part of
a million-notice archive (工作, 政协) is ranked among the ``RANK_WINDOW`` notices archived
last that contain it; the page says so and the filters narrow it. The count is always exact.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response

from crawler.keep import search
from crawler.keep.schema import SEARCH_TABLE

from . import highlight, limits
from .archive import archive_for, notice_path, rows
from .text import UNTITLED, display_datetime

PAGE_SIZE = 20
#: Notices ranked at most, the last archived first (see the module docstring).
RANK_WINDOW = 5000
MAX_PAGE = RANK_WINDOW // PAGE_SIZE
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _filters(args) -> tuple[dict[str, str], list[str], dict[str, Any]]:
    """(filters as given, SQL conditions on ``n``, parameters) from the query string."""
    given = {key: (args.get(key) or "").strip() for key in ("site", "region", "from", "to")}
    where, params = [], {}
    if given["site"]:
        where.append("n.site = :site")
        params["site"] = given["site"]
    if given["region"]:
        where.append("n.region = :region")
        params["region"] = given["region"]
    for key, op in (("from", ">="), ("to", "<=")):
        value = given[key]
        if not value:
            continue
        if not _DATE.match(value):
            given[key] = ""
            continue
        where.append(f"n.published {op} :{key}")
        params[key] = value if key == "from" else value + "\uffff"  # 'to' includes that day
    return given, where, params


async def ranked(db, expression: str, where: list[str], params: dict[str, Any],
                 offset: int, *, fold: bool = False
                 ) -> tuple[int, int, bool, list[tuple[int, float, int]]]:
    """(matches, results, whether ranking was limited to the window, [(id, score, copies)]
    of the page).

    The count and the ranking each read the matches' doclists once (bm25 counts the
    notices containing each word first), so they run at the same time, on two threads.
    The ranking always takes the window: when fewer match, the window holds them all.
    With ``fold``, the copies of one notice (table ``copies``) are one result: its best
    match, or its original when the original matches; ``copies`` counts the members that
    match; ``results`` counts the results so folded within the window (``matches`` is
    always every notice, and costs no more than without folding).
    """
    fts = SEARCH_TABLE
    join = f" JOIN notices n ON n.id = {fts}.rowid" if where else ""
    key = f"{fts}.rowid"
    folding = ""
    if fold:
        folding = f" LEFT JOIN copies c ON c.notice_id = {fts}.rowid"
        key = f"coalesce(c.cluster, {fts}.rowid)"
    conditions = " AND ".join([f"{fts} MATCH :expression", *where])
    args = {**params, "expression": expression}
    score = f"bm25({fts}, {', '.join(map(str, search.WEIGHTS))})"
    window = (f"SELECT {fts}.rowid AS id, {key} AS key, {score} AS score FROM {fts}{join}{folding}"
              f" WHERE {conditions} ORDER BY {fts}.rowid DESC LIMIT {RANK_WINDOW}")
    # one result per key: the key's own row (the original) when it matched, else the
    # best-scoring member; results are counted within the window (the pages never leave it)
    members = ("SELECT id, key,"
               " row_number() OVER (PARTITION BY key ORDER BY id = key DESC, score, id DESC) AS rn,"
               " min(score) OVER (PARTITION BY key) AS best, count(*) OVER (PARTITION BY key) AS n"
               f" FROM ({window})")
    grouped = (f"SELECT id, best, n, count(*) OVER () FROM ({members}) WHERE rn = 1"
               " ORDER BY best, key DESC LIMIT :limit OFFSET :offset")
    counted, page = await asyncio.gather(
        db.execute(f"SELECT count(*) FROM {fts}{join} WHERE {conditions}", args),
        db.execute(grouped, {**args, "limit": PAGE_SIZE, "offset": offset}),
    )
    total = counted.first()[0]
    results = page.rows[0][3] if page.rows else min(total, RANK_WINDOW)
    return total, results, total > RANK_WINDOW, [(row[0], row[1], row[2]) for row in page.rows]


async def _results(datasette, db, ids: list[int], words: list[str],
                   folded: dict[int, int] | None = None) -> list[dict[str, Any]]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    notices = {r["id"]: r for r in await rows(
        db, "SELECT n.id, n.title, n.subtitle, n.published, n.site, n.region, n.status,"
        " n.missing_since, n.removed_at, n.body, n.doc_number, s.organisation"
        f" FROM notices n LEFT JOIN sites s ON s.name = n.site WHERE n.id IN ({marks})", ids)}
    attached: dict[int, list[dict]] = {}
    for row in await rows(
        db, "SELECT a.notice_id, a.name, f.text FROM attachments a"
        " JOIN notices n ON n.id = a.notice_id AND n.version = a.version"
        f" LEFT JOIN files f ON f.sha256 = a.sha256 WHERE a.notice_id IN ({marks})"
        " ORDER BY a.position", ids):
        attached.setdefault(row["notice_id"], []).append(row)
    out = []
    for notice_id in ids:
        n = notices.get(notice_id)
        if n is None:
            continue
        snippet, where = highlight.snippet(n["body"], words), None
        if not highlight.spans((n["body"] or "").replace("\n", " "), words):
            for att in attached.get(notice_id, []):
                for text in (att["name"], att["text"]):
                    if text and highlight.spans(text, words):
                        snippet, where = highlight.snippet(text, words), att["name"]
                        break
                if where:
                    break
        title = n["title"] or UNTITLED
        out.append({
            "id": notice_id,
            "href": notice_path(datasette, notice_id),
            "title": highlight.mark(title, words),
            "subtitle": highlight.mark(n["subtitle"], words) if n["subtitle"] else None,
            "published": (n["published"] or "")[:10],
            "site": n["site"], "organisation": n["organisation"], "region": n["region"],
            "doc_number": n["doc_number"],
            "status": n["status"],
            "missing_since": display_datetime(n["missing_since"]),
            "removed_at": display_datetime(n["removed_at"]),
            "snippet": snippet, "in_attachment": where,
            "copies": (folded or {}).get(notice_id, 1),
            "copies_href": notice_path(datasette, notice_id) + "#copies",
        })
    return out


def describe(query: search.Query) -> list[dict[str, Any]]:
    """The query as people read it back: each group of words, and their Simplified forms."""
    parts = []
    for group in query.groups:
        parts.append({"kind": "all", "words": list(group),
                      "simplified": [v for w in group for v in search.variants(w)[1:]]})
    if query.excluded:
        parts.append({"kind": "none", "words": list(query.excluded),
                      "simplified": [v for w in query.excluded for v in search.variants(w)[1:]]})
    return parts


async def search_page(datasette, request):
    db = await archive_for(datasette, request, "notices")
    q = (request.args.get("q") or "").strip()
    given, where, params = _filters(request.args)
    try:
        page = max(1, min(MAX_PAGE, int(request.args.get("page") or 1)))
    except ValueError:
        page = 1
    query = limits.bounded_query(q)
    fold = request.args.get("fold") != "0" and await db.table_exists("copies")
    context: dict[str, Any] = {
        "fold": fold,
        "database": db.name, "q": q, "filters": given, "page": page, "page_size": PAGE_SIZE,
        "query": describe(query), "results": [], "total": None, "window": False,
        "rank_window": RANK_WINDOW, "error": None, "empty_query": bool(q) and not query,
        "sites": await rows(db, "SELECT name, organisation FROM sites ORDER BY organisation"),
        "regions": [r["region"] for r in await rows(
            db, "SELECT DISTINCT region FROM sites WHERE region IS NOT NULL ORDER BY region")],
    }
    table_url = datasette.urls.table(db.name, "notices")
    if query:
        try:
            total, results, window, scored = await ranked(
                db, search.fts_expression(query), where, params, (page - 1) * PAGE_SIZE,
                fold=fold)
            context.update(total=total, window=window, result_count=results,
                           results=await _results(datasette, db, [i for i, _, _ in scored],
                                                  query.words(), {i: n for i, _, n in scored}))
        except QueryInterrupted:
            context["error"] = ("The search took too long and was stopped; add a word or a"
                                " filter to narrow it.")
        base = {"q": q, **{k: v for k, v in given.items() if v}, **({} if fold else {"fold": "0"})}
        pages = -(-min(context.get("result_count") or 0, RANK_WINDOW) // PAGE_SIZE)
        context.update(
            pages=pages,
            prev_url=f"?{urlencode({**base, 'page': page - 1})}" if page > 1 else None,
            next_url=f"?{urlencode({**base, 'page': page + 1})}" if page < min(pages, MAX_PAGE) else None,
            table_url=f"{table_url}?{urlencode({'_search': q, **{k: v for k, v in given.items() if v and k in ('site', 'region')}})}",
            sql_url=datasette.urls.database(db.name) + "?" + urlencode({"sql": SQL_EXAMPLE, "q": q}),
            fold_url="?" + urlencode({**base, "fold": "1" if not fold else "0"}),
            feed_url=datasette.urls.path("/-/feeds/search.atom") + "?" + urlencode(
                {"q": q, **{k: v for k, v in given.items() if v}}),
        )
    html = await datasette.render_template(
        "govarchive_search.html", context, request=request, view_name="govarchive_search")
    return Response.html(html)


#: The same search in SQL, for the link under the results (``fts_query`` is govarchive's).
SQL_EXAMPLE = (
    "select n.id, n.published, n.site, n.title,\n"
    f"  bm25({SEARCH_TABLE}, {', '.join(map(str, search.WEIGHTS))}) as score\n"
    f"from {SEARCH_TABLE} join notices n on n.id = {SEARCH_TABLE}.rowid\n"
    f"where {SEARCH_TABLE} match fts_query(:q)\n"
    "order by score limit 100"
)
