"""The home page's summary: what the archive holds, the latest notices, a chart, the way in.

Counts come from indexes; the one full scan (notices with quality flags) and the chart have
a time limit and are left out of a very large archive's home page rather than slow it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.utils import format_bytes

from . import charts
from .archive import archive_database, notice_path
from .text import UNTITLED, display_datetime

#: The columns of the home page's "browse notices" link: what a reader scans first.
READING_COLUMNS = ("published", "site", "title", "channel", "body", "flags", "region", "status")
#: Time limit for the home page's full scans (flags, chart); past it, they are left out.
SUMMARY_SCAN_MS = 1000


async def archive_summary(datasette) -> dict[str, Any] | None:
    db = await archive_database(datasette)
    if db is None:
        return None
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
    sites = await db.execute(
        "select s.name, s.organisation, s.region, s.org_type, s.demo,"
        " (select count(*) from notices n where n.site = s.name) as notices,"
        " (select max(published) from notices n where n.site = s.name) as latest"
        " from sites s order by s.region, s.name"
    )
    recent = await db.execute(
        "select id, published, title, site, status from notices"
        " order by published desc limit 10"
    )
    attachments = (await db.execute("select count(*), sum(size) from files")).first()
    last_run = (
        await db.execute("select max(coalesce(finished, started)) from crawl_runs")
    ).first()[0]
    try:
        chart = await charts.home_chart(db, SUMMARY_SCAN_MS)
    except QueryInterrupted:
        chart = None
    table_url = datasette.urls.table(db.name, "notices")
    return {
        "database": db.name,
        "notices": one["notices"],
        "sites_with_notices": one["sites"],
        "regions": one["regions"],
        "first": one["first"],
        "last": one["last"],
        "flagged": flagged,
        "gone": gone,
        "attachments": attachments[0],
        "attachment_bytes": format_bytes(attachments[1]) if attachments[1] else None,
        "last_run": display_datetime(last_run),
        "chart": chart,
        "sites": [
            dict(row, notices_url=f"{table_url}?{urlencode({'site': row['name']})}")
            for row in sites.rows
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
            "flagged": f"{table_url}?{urlencode({'flags__not': '[]', '_facet_array': 'flags'})}",
            "gone": f"{table_url}?{urlencode({'status__in': 'missing,removed', '_sort_desc': 'last_seen'})}",
            "sites": datasette.urls.table(db.name, "sites"),
            "runs": datasette.urls.table(db.name, "crawl_runs"),
            "health": datasette.urls.path("/-/health"),
            "charts": datasette.urls.path("/-/charts"),
            "sql": datasette.urls.database(db.name),
        },
    }
