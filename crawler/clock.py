"""The archive's clock: the time a crawl says things happened.

Real crawls use the real time. The demo runs on its own calendar (``govarchive demo --day N``
is the demo sites as they stand on day N), so a crawl can be told what time it is; every
timestamp the archive writes (first_seen, last_seen, versions, runs, WARC dates) comes from
here, so a demo archive reads like one kept night after night.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
_fixed: datetime | None = None


def now() -> datetime:
    """Now, in UTC: the fixed time if one was set (here or in $GOVARCHIVE_NOW), else real."""
    if _fixed is not None:
        return _fixed
    configured = os.environ.get("GOVARCHIVE_NOW")
    return parse(configured) if configured else datetime.now(timezone.utc)


def set_now(value: datetime | str | None) -> None:
    """Fix the clock (a datetime or ISO 8601 text), or let it run again (None)."""
    global _fixed
    _fixed = parse(value) if isinstance(value, str) else value


def stamp(moment: datetime | None = None) -> str:
    """UTC, ISO 8601, to the second: sortable text that SQLite compares correctly."""
    moment = (moment or now()).astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str) -> datetime:
    """An ISO 8601 timestamp (a trailing Z is UTC; no zone is UTC)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def days_between(earlier: str, later: str) -> float:
    return (parse(later) - parse(earlier)).total_seconds() / 86400


def night_of(day) -> datetime:
    """02:00 China time on ``day`` (a date): when a nightly crawl of that day runs."""
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=CHINA)
