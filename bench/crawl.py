"""Crawl throughput on the demo, against the ceiling: a bare Scrapy spider fetching the same URLs.

    .venv/bin/python bench/crawl.py [--rounds 3]

The demo server runs in this process; each crawl runs in a child process, pointed at it:

* govarchive: `govarchive demo --no-serve` into a fresh archive (lists, extraction, storage,
  attachments, the JavaScript list in Chromium);
* bare: a Scrapy spider that fetches exactly the requests govarchive made (same methods,
  bodies, settings for concurrency and delay) and does nothing with the responses.

Prints pages/s and peak RSS of each child (from wait4), and the ratio govarchive / bare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo import DemoServer  # noqa: E402

BARE_SPIDER = r'''
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
spec = json.load(open(sys.argv[1]))
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for method, url, body in spec["requests"]:
            yield scrapy.Request(url, method=method, body=body, dont_filter=True,
                                 headers={"Content-Type": "application/x-www-form-urlencoded"} if body else {},
                                 callback=self.parse)
    def parse(self, response):
        pass
process = CrawlerProcess({
    "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
    "REDIRECT_ENABLED": False, "HTTPERROR_ALLOW_ALL": True, "RETRY_ENABLED": False,
    # Same limits as the demo registry (4 per host). Stock Scrapy only enforces the per-host
    # limit when there is a delay (see crawler/fetch/politeness.py), hence 1 ms instead of 0.
    "DOWNLOAD_DELAY": 0.001, "DOWNLOAD_DELAY_JITTER": 0,
    "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
})
process.crawl(Bare)
process.start()
'''


def run_child(args: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KiB and exit status of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{args[:3]} failed:\n{child.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss, child.returncode


def served_span(server: DemoServer) -> float:
    """Seconds from the first request the demo saw to the last answer it sent."""
    records = [r for key in server.bases for r in server.requests(key)]
    return max(r.finished for r in records) - min(r.started for r in records)


def logged_requests(server: DemoServer) -> list[tuple[str, str, str | None]]:
    """Every request the demo answered (bar robots.txt), with POST bodies, for the replay."""
    out = []
    for key, base in server.bases.items():
        for record in server.requests(key):
            if record.path != "/robots.txt":
                out.append((record.method, base + record.path, record.body.decode() or None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    server = DemoServer()
    server.start()
    env = {"GOVARCHIVE_DEMO_BASES": json.dumps(server.bases)}
    ours, bare, rss_ours, rss_bare = [], [], [], []
    span_ours, span_bare = [], []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for round_ in range(args.rounds):
                server.clear_requests()
                db = Path(tmp) / f"round{round_}.db"
                seconds, rss, _ = run_child(
                    [sys.executable, "-m", "crawler.run.cli", "demo", "--no-serve", "--db", str(db)], env)
                requests = logged_requests(server)
                span_ours.append(len(requests) / served_span(server))
                ours.append(len(requests) / seconds)
                rss_ours.append(rss)
                spec = Path(tmp) / "spec.json"
                spec.write_text(json.dumps({"requests": requests}))
                script = Path(tmp) / "bare.py"
                script.write_text(BARE_SPIDER)
                server.clear_requests()
                seconds_bare, rss_b, _ = run_child([sys.executable, str(script), str(spec)])
                span_bare.append(len(requests) / served_span(server))
                bare.append(len(requests) / seconds_bare)
                rss_bare.append(rss_b)
                print(f"round {round_ + 1}: {len(requests)} requests; govarchive {seconds:.2f} s, "
                      f"bare {seconds_bare:.2f} s", file=sys.stderr)
    finally:
        server.stop()
    med = statistics.median
    print(f"{'crawler':<12}{'req/s crawling':>16}{'req/s wall':>12}{'peak RSS MiB':>14}")
    print(f"{'govarchive':<12}{med(span_ours):>16.1f}{med(ours):>12.1f}{max(rss_ours) / 1024:>14.0f}")
    print(f"{'bare scrapy':<12}{med(span_bare):>16.1f}{med(bare):>12.1f}{max(rss_bare) / 1024:>14.0f}")
    print(f"ratio govarchive / bare: {med(span_ours) / med(span_bare):.2f} crawling "
          f"(first request to last answer, as the server saw it), {med(ours) / med(bare):.2f} wall "
          "(with process start-up, and Chromium's launch for govarchive's JavaScript list)")
    print("peak RSS: the crawl's Python process (Chromium's own processes are not included)")


if __name__ == "__main__":
    main()
