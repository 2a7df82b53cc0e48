"""Charts as inline SVG made on the server: notices per month per site, takedowns over time.

No JavaScript and no chart library: a bar chart is a few dozen ``<rect>`` elements, works
under the strict Content-Security-Policy of govarchive's pages, prints, and needs nothing
from the network. Every label and tooltip is escaped (site names come from the registry,
but nothing is trusted). ``/-/charts`` shows them all; the home page shows the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from crawler.keep import counts
from crawler.keep.schema import COUNTS_TABLE

from .archive import archive_for, rows

#: Charts read whole tables; on a very large archive they give up rather than hang.
CHART_SQL_MS = 5000
COLOURS = {"missing": "#e0a000", "removed": "#b22222", "restored": "#2e7d32",
           "notices": "#3465a4", "changed": "#6a3d9a"}


@dataclass
class Series:
    name: str
    values: list[int]
    colour: str = COLOURS["notices"]


def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last, inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last[:7]:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


def days_between(first: str, last: str) -> list[str]:
    start, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def bar_chart(labels: list[str], series: list[Series], *, height: int = 120,
              width: int = 720, title: str = "", unit: str = "notices") -> Markup:
    """Stacked bars, one per label; each bar's tooltip gives its label and values.

    Built as plain strings with every text escaped once (numbers need none): a page of
    charts has tens of thousands of bars, and formatting each through ``Markup`` cost
    most of a second.
    """
    count = max(1, len(labels))
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    left, plot_h = 34, height - 24
    step = (width - left - 4) / count
    bar = max(1.0, step * 0.85)
    names = [str(escape(s.name)) for s in series]
    colours = [str(escape(s.colour)) for s in series]
    parts = [f'<svg class="ga-chart" xmlns="http://www.w3.org/2000/svg" role="img"'
             f' viewBox="0 0 {int(width)} {int(height)}" width="100%"'
             f' preserveAspectRatio="xMinYMin meet">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append(f'<text class="ga-axis" x="{left - 4}" y="10" text-anchor="end">{top:,}</text>')
    parts.append(f'<text class="ga-axis" x="{left - 4}" y="{plot_h + 4}" text-anchor="end">0</text>')
    parts.append(f'<line class="ga-base" x1="{left}" x2="{width - 2}" y1="{plot_h + 0.5}"'
                 f' y2="{plot_h + 0.5}"/>')
    empty = escape(f"0 {unit}")
    for i, label in enumerate(labels):
        x = left + i * step
        y = plot_h
        tip = ", ".join(f"{names[k]} {s.values[i]:,}" for k, s in enumerate(series) if s.values[i])
        parts.append(f"<g><title>{escape(label)}: {tip or empty}</title>")
        for k, s in enumerate(series):
            value = s.values[i]
            if not value:
                continue
            h = max(1.0, value / top * (plot_h - 8))
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}"'
                         f' fill="{colours[k]}"/>')
        if not totals[i]:  # an invisible target so empty months have a tooltip too
            parts.append(f'<rect x="{x:.1f}" y="0" width="{bar:.1f}" height="{plot_h}"'
                         ' fill="transparent"/>')
        parts.append("</g>")
    for i in sorted({0, len(labels) - 1}):
        if labels:
            anchor = "start" if i == 0 else "end"
            x = left if i == 0 else width - 2
            parts.append(f'<text class="ga-axis" x="{x:.1f}" y="{height - 4}"'
                         f' text-anchor="{anchor}">{escape(labels[i])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


#: Notices per site and month, read from the (site, published) index alone rather than the
#: table (whose bodies make it many times larger); the condition is the one that sets
#: ``notices.month`` (four digits, seven characters or more).
MONTHLY_SQL = (
    "SELECT site, substr(published, 1, 7) AS ym, count(*) AS n FROM notices"
    " WHERE published GLOB '[0-9][0-9][0-9][0-9]???*'"
    " GROUP BY site, ym"
)


async def monthly_by_site(db, limit_ms: int = CHART_SQL_MS
                          ) -> tuple[list[str], dict[str, list[int]]]:
    """Months from the first to the last publication, and notices per month for each site:
    from the counts the writer keeps when the archive has them (crawler/keep/counts.py)."""
    kept = await db.table_exists(COUNTS_TABLE)
    found = await rows(db, counts.SITE_MONTHS_SQL if kept else MONTHLY_SQL,
                       custom_time_limit=limit_ms)
    if not found:
        return [], {}
    months = months_between(min(r["ym"] for r in found), max(r["ym"] for r in found))
    index = {m: i for i, m in enumerate(months)}
    per_site: dict[str, list[int]] = {}
    for r in found:
        per_site.setdefault(r["site"], [0] * len(months))[index[r["ym"]]] += r["n"]
    return months, per_site


async def events_over_time(db, kinds: tuple[str, ...]) -> tuple[list[str], list[Series]]:
    """Events of these kinds per day (per month when they span more than two months)."""
    marks = ",".join("?" * len(kinds))
    found = await rows(
        db, f"SELECT substr(at, 1, 10) AS day, event, count(*) AS n FROM notice_events"
        f" WHERE event IN ({marks}) GROUP BY day, event", list(kinds),
        custom_time_limit=CHART_SQL_MS)
    if not found:
        return [], []
    first, last = min(r["day"] for r in found), max(r["day"] for r in found)
    daily = (date.fromisoformat(last) - date.fromisoformat(first)).days <= 62
    labels = days_between(first, last) if daily else months_between(first, last)
    index = {label: i for i, label in enumerate(labels)}
    series = {k: Series(k, [0] * len(labels), COLOURS.get(k, "#555")) for k in kinds}
    for r in found:
        key = r["day"] if daily else r["day"][:7]
        series[r["event"]].values[index[key]] += r["n"]
    return labels, [s for s in series.values() if any(s.values)]


async def home_chart(db, limit_ms: int) -> Markup | None:
    """Notices per month over the whole archive, for the home page (None if too slow)."""
    try:
        months, per_site = await monthly_by_site(db, limit_ms)
    except QueryInterrupted:
        return None
    if not months:
        return None
    totals = [sum(v[i] for v in per_site.values()) for i in range(len(months))]
    return bar_chart(months, [Series("notices", totals)], title="Notices per month 每月通知数")


async def charts_page(datasette, request):
    db = await archive_for(datasette, request, "notices")
    context: dict[str, Any] = {"database": db.name, "error": None, "sites": [],
                               "overall": None, "takedowns": None, "changes": None}
    try:
        months, per_site = await monthly_by_site(db)
        names = {r["name"]: r["organisation"] for r in await rows(
            db, "SELECT name, organisation FROM sites")}
        table_url = datasette.urls.table(db.name, "notices")
        if months:
            totals = [sum(v[i] for v in per_site.values()) for i in range(len(months))]
            context["overall"] = bar_chart(months, [Series("notices", totals)],
                                           title="Notices per month, all sites")
            for site, values in sorted(per_site.items(), key=lambda kv: -sum(kv[1])):
                context["sites"].append({
                    "name": site, "organisation": names.get(site, site), "total": sum(values),
                    "url": f"{table_url}?site={site}",
                    "chart": bar_chart(months, [Series(site, values)], height=64,
                                       title=f"Notices per month, {site}")})
        labels, series = await events_over_time(db, ("missing", "removed", "restored"))
        if labels:
            context["takedowns"] = bar_chart(labels, series, unit="events",
                                             title="Takedowns over time")
            context["takedown_series"] = series
        labels, series = await events_over_time(db, ("changed",))
        if labels:
            context["changes"] = bar_chart(labels, series, unit="changes",
                                           title="Changed notices over time")
    except QueryInterrupted:
        context["error"] = "The archive is too large to chart within the time limit."
    context["colours"] = COLOURS
    html = await datasette.render_template(
        "govarchive_charts.html", context, request=request, view_name="govarchive_charts")
    return Response.html(html)
