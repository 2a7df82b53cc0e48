"""Crawl health, ``/-/health``: the last run of every site, its figures, and whether it needs a look.

The crawl sums each run up as ``health`` (ok / attention) with the reasons in
``health_notes`` (crawler/keep/runs.py); this page puts the sites that need attention
first, with the figures that explain it and the new notices of their recent runs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from .archive import archive_for, rows
from .charts import Series, bar_chart
from .text import display_datetime

FIGURES = ("requests", "errors", "blocked", "browser_sessions", "list_pages", "empty_lists", "notices_seen", "new",
           "changed", "missing", "removed", "restored", "attachments")
RECENT_RUNS = 20


async def health_page(datasette, request):
    db = await archive_for(datasette, request, "crawl_runs")
    latest = await rows(
        db, "SELECT r.*, s.organisation, s.region FROM crawl_runs r"
        " JOIN (SELECT site, max(id) AS id FROM crawl_runs GROUP BY site) last ON last.id = r.id"
        " LEFT JOIN sites s ON s.name = r.site"
        " ORDER BY r.health = 'ok', r.site")
    runs_url = datasette.urls.table(db.name, "crawl_runs")
    sites: list[dict[str, Any]] = []
    for run in latest:
        recent = list(reversed(await rows(
            db, "SELECT started, new, changed, removed FROM crawl_runs WHERE site = ?"
            " ORDER BY id DESC LIMIT ?", [run["site"], RECENT_RUNS])))
        labels = [(r["started"] or "")[:10] for r in recent]
        sites.append({
            **run,
            "started_display": display_datetime(run["started"]),
            "finished_display": display_datetime(run["finished"]),
            "notes": [n for n in (run["health_notes"] or "").split("; ") if n],
            "figures": [(name, run.get(name)) for name in FIGURES],
            "history_url": f"{runs_url}?{urlencode({'site': run['site'], '_sort_desc': 'started'})}",
            "chart": bar_chart(
                labels, [Series("new", [r["new"] or 0 for r in recent]),
                         Series("changed", [r["changed"] or 0 for r in recent], "#6a3d9a"),
                         Series("removed", [r["removed"] or 0 for r in recent], "#b22222")],
                height=48, width=240, unit="notices",
                title=f"New, changed and removed notices in the last runs of {run['site']}"),
        })
    context = {
        "database": db.name, "sites": sites, "figures": FIGURES,
        "attention": sum(1 for s in sites if s["health"] != "ok"),
    }
    html = await datasette.render_template(
        "govarchive_health.html", context, request=request, view_name="govarchive_health")
    return Response.html(html)
