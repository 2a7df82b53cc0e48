"""A progress line for long crawls: what has been read and kept so far, and how fast.

On a terminal the line rewrites itself; in a log (cron, systemd) it prints a line every
``GOVARCHIVE_PROGRESS_INTERVAL`` seconds. Scrapy's own log is for debugging; this is for the
archivist watching a run.
"""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call


class Progress:
    def __init__(self, crawler, stream=None):
        if not crawler.settings.getbool("GOVARCHIVE_PROGRESS"):
            raise NotConfigured
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.interval = crawler.settings.getfloat(
            "GOVARCHIVE_PROGRESS_INTERVAL", 0.5 if self.stream.isatty() else 10.0
        )
        self.started = time.monotonic()
        self.loop = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def opened(self) -> None:
        self.started = time.monotonic()
        self.loop = create_looping_call(self.show)
        self.loop.start(self.interval, now=False)

    def closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show(final=True)

    def figures(self) -> dict[str, int]:
        stats = self.crawler.stats.get_stats()
        totals = {"list_pages": 0, "errors": 0, "responses": 0, "refused": 0}
        for key, value in stats.items():
            parts = key.split("/")
            if len(parts) == 3 and parts[0] == "govarchive" and parts[2] in totals:
                totals[parts[2]] += int(value)
        for outcome in ("new", "changed", "unchanged"):
            totals[outcome] = int(stats.get(f"govarchive/notices/{outcome}", 0))
        totals["attachments"] = int(stats.get("govarchive/notices/attachments", 0))
        return totals

    def line(self) -> str:
        f = self.figures()
        elapsed = time.monotonic() - self.started
        notices = f["new"] + f["changed"] + f["unchanged"]
        rate = f["responses"] / elapsed if elapsed > 0 else 0.0
        return (
            f"[{int(elapsed) // 60:02d}:{int(elapsed) % 60:02d}] "
            f"lists {f['list_pages']} · notices {notices} "
            f"(new {f['new']}, changed {f['changed']}, unchanged {f['unchanged']}) · "
            f"attachments {f['attachments']} · errors {f['errors']} · "
            f"{rate:.1f} pages/s"
        )

    def show(self, final: bool = False) -> None:
        text = self.line()
        if self.stream.isatty():
            self.stream.write("\r\033[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
