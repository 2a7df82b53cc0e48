"""`govarchive schedule --at HH:MM`: a nightly crawl in the foreground.

For a container or a terminal multiplexer, where cron and systemd are not at hand (the
README shows both, and deploy/ ships a systemd service and timer). Each night's crawl runs
as its own process — Twisted's reactor starts once per process — and a failed night is
logged and does not stop the next one.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import datetime, timedelta


class BadTime(ValueError):
    pass


def parse_at(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not match:
        raise BadTime(f"--at takes a time of day as HH:MM (00:00 to 23:59), not {text!r}")
    return int(match[1]), int(match[2])


def next_run(at: tuple[int, int], now: datetime) -> datetime:
    """The next local HH:MM strictly after ``now``."""
    candidate = now.replace(hour=at[0], minute=at[1], second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def nightly(at_text: str, crawl_args: list[str], *, nights: int | None = None) -> None:
    """Sleep until HH:MM, crawl, repeat (``nights`` bounds the loop, for tests)."""
    at = parse_at(at_text)
    done = 0
    while nights is None or done < nights:
        when = next_run(at, datetime.now())
        print(f"govarchive schedule: next crawl at {when:%Y-%m-%d %H:%M}", file=sys.stderr, flush=True)
        while (left := (when - datetime.now()).total_seconds()) > 0:
            time.sleep(min(left, 60))
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "crawler.run.cli", *crawl_args, "--quiet"])
        minutes = (time.monotonic() - started) / 60
        print(f"govarchive schedule: crawl ended with exit status {result.returncode} "
              f"after {minutes:.1f} min", file=sys.stderr, flush=True)
        done += 1
