"""The home page's summary: what the archive holds, the latest notices, a chart, the way in.

Counts come from the counts the writer keeps (``notice_counts``, crawler/keep/counts.py):
the totals, notices with quality notes, per site, per status and the chart's months, so the
page reads a few hundred rows whatever the size of the archive. An archive without them
(made by an older govarchive and not yet opened for writing) is counted from the notices, the
full scans under a time limit and left out of a very large archive's home page rather than
slowing it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.utils import format_bytes

from crawler.keep import counts
from crawler.keep.schema import COUNTS_TABLE, FLAGGED_WHERE, GONE_WHERE

from . import charts
from .archive import archive_database, notice_path, rows
from .text import UNTITLED, display_datetime

#: The columns of the home page's "browse notices" link: what a reader scans first.
READING_COLUMNS = ("published", "site", "title", "channel", "body", "flags", "region", "status")
#: Time limit for the home page's full scans (flags, chart); past it, they are left out.
SUMMARY_SCAN_MS = 1000


def flagged_url(table_url: str) -> str:
    """The notices with quality notes: the count's own condition, answered from its index."""
    return f"{table_url}?{urlencode({'_where': FLAGGED_WHERE, '_facet_array': 'flags'})}"


def gone_url(table_url: str) -> str:
    """The notices missing or removed, last seen first, answered from their partial index."""
    return f"{table_url}?{urlencode({'_where': GONE_WHERE, '_sort_desc': 'last_seen'})}"


async def counted_summary(db) -> dict[str, Any]:
    """The summary from the counts kept ahead: a few hundred rows at any archive size."""
    kept: dict[str, dict] = {}
    for row in (await db.execute(counts.TOTALS_SQL)).rows:
        kept.setdefault(row["facet"], {})[row["value"]] = row["notices"]
    dates = (await db.execute(
        "select (select min(published) from notices) as first,"
        " (select max(published) from notices) as last")).first()
    status = kept.get("status", {})
    months = sorted(kept.get("month", {}))
    chart = None
    if months:
        labels = charts.months_between(months[0], months[-1])
        chart = charts.bar_chart(labels, [charts.Series("notices", [
            kept["month"].get(m, 0) for m in labels])], title="Notices per month 每月通知数")
    return {
        "notices": kept.get("notices", {}).get("", 0),
        "sites_with_notices": len(kept.get("site", {})),
        "regions": len(kept.get("region", {})),
        "first": dates["first"], "last": dates["last"],
        "flagged": kept.get("flagged", {}).get("", 0),
        "gone": status.get("missing", 0) + status.get("removed", 0),
        "per_site": kept.get("site", {}),
        "chart": chart,
    }


async def archive_summary(datasette) -> dict[str, Any] | None:
    db = await archive_database(datasette)
    if db is None:
        return None
    if await db.table_exists(COUNTS_TABLE):
        summary = await counted_summary(db)
    else:
        summary = await scanned_summary(db)
    sites = await rows(
        db, "select s.name, s.organisation, s.region, s.org_type, s.demo,"
        " (select max(published) from notices n where n.site = s.name) as latest"
        " from sites s order by s.region, s.name")
    for site in sites:
        site["notices"] = summary["per_site"].get(site["name"], 0)
    return await page_context(datasette, db, summary, sites)


async def scanned_summary(db) -> dict[str, Any]:
    """The summary counted from the notices (an archive without kept counts)."""
    # one question per query, so each is answered from an index, not a scan of the bodies
    one = (
        await db.execute(
            "select (select count(*) from notices) as notices,"
            " (select count(*) from (select distinct site from notices)) as sites,"
            " (select count(*) from (select distinct region from notices"
            "  where region is not null)) as regions,"
            " (select min(published) from notices) as first,"
            " (select max(published) from notices) as last"
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
    gone = (await db.execute(
        "select count(*) from notices where status in ('missing', 'removed')")).first()[0]
    per_site = {row["site"]: row["n"] for row in await rows(
        db, "select site, count(*) as n from notices group by site")}
    try:
        chart = await charts.home_chart(db, SUMMARY_SCAN_MS)
    except QueryInterrupted:
        chart = None
    return {"notices": one["notices"], "sites_with_notices": one["sites"],
            "regions": one["regions"], "first": one["first"], "last": one["last"],
            "flagged": flagged, "gone": gone, "per_site": per_site, "chart": chart}


async def page_context(datasette, db, summary: dict[str, Any], sites: list[dict]) -> dict:
    recent = await db.execute(
        "select id, published, title, site, status from notices"
        " order by published desc limit 10"
    )
    attachments = (await db.execute("select count(*), sum(size) from files")).first()
    last_run = (
        await db.execute("select max(coalesce(finished, started)) from crawl_runs")
    ).first()[0]
    table_url = datasette.urls.table(db.name, "notices")
    return {
        "database": db.name,
        **{key: value for key, value in summary.items() if key != "per_site"},
        "attachments": attachments[0],
        "attachment_bytes": format_bytes(attachments[1]) if attachments[1] else None,
        "last_run": display_datetime(last_run),
        "sites": [
            dict(row, notices_url=f"{table_url}?{urlencode({'site': row['name']})}")
            for row in sites
        ],
        "recent": [
            {
                "href": notice_path(datasette, row["id"]),
                "title": row["title"] or UNTITLED,
                "published": display_datetime(row["published"]),
                "site": row["site"],
                "status": row["status"],
            }
            for row in recent.rows
        ],
        "urls": {
            "notices": f"{table_url}?{urlencode([('_col', c) for c in READING_COLUMNS])}",
            "search": datasette.urls.path("/-/search"),
            "flagged": flagged_url(table_url),
            "gone": gone_url(table_url),
            "sites": datasette.urls.table(db.name, "sites"),
            "runs": datasette.urls.table(db.name, "crawl_runs"),
            "health": datasette.urls.path("/-/health"),
            "charts": datasette.urls.path("/-/charts"),
            "sql": datasette.urls.database(db.name),
        },
    }
