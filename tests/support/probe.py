"""A bare crawl of given URLs in a child process, with govarchive's settings or stock Scrapy's.

Twisted's reactor starts once per process, so each crawl a test makes runs here, in its own
process: ``python -m tests.support.probe '{"urls": [...], "settings": {...}, "stock": false}'``
prints one JSON object: which URLs were fetched (with status) and which failed, and stats.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_probe(urls: list[str], settings: dict | None = None, *, stock: bool = False,
              follow: bool = False, timeout: float = 120) -> dict:
    """``follow``: also fetch the links (``<a href>``) of every page fetched."""
    spec = json.dumps({"urls": urls, "settings": settings or {}, "stock": stock, "follow": follow})
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.probe", spec],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"probe crawl failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _main(spec: dict) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    results: dict = {"fetched": {}, "failed": {}}

    class Probe(scrapy.Spider):
        name = "probe"

        async def start(self):
            for url in spec["urls"]:
                yield scrapy.Request(url, dont_filter=True, callback=self.parse, errback=self.failed)

        def parse(self, response):
            results["fetched"][response.url] = response.status
            if spec.get("follow"):  # the links a page shows, as a list page leads to notices
                for href in response.css("a::attr(href)").getall():
                    yield response.follow(href, dont_filter=True, callback=self.parse, errback=self.failed)

        def failed(self, failure):
            results["failed"][failure.request.url] = failure.getErrorMessage()

    import tempfile

    settings = Settings()
    scratch = tempfile.mkdtemp(prefix="probe-")
    if not spec["stock"]:
        settings.setmodule("crawler.run.settings", priority="project")
        settings.set("ITEM_PIPELINES", {}, priority="project")
        # The probe brings its own spider; the registry's spider loader is not under test.
        settings.set("SPIDER_LOADER_CLASS", "scrapy.spiderloader.SpiderLoader", priority="project")
    settings.setdict({"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False}, priority="project")
    # The probe's own scratch archive: robots.txt cache and WARC files land there.
    settings.setdict({"GOVARCHIVE_DB": f"{scratch}/archive.db", **spec["settings"]}, priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=False)
    crawler = process.create_crawler(Probe)
    process.crawl(crawler)
    process.start()
    results["stats"] = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, (int, float, str))}
    results["extensions"] = [type(ext).__name__ for ext in crawler.extensions.middlewares]
    import shutil

    shutil.rmtree(scratch, ignore_errors=True)
    return results


if __name__ == "__main__":
    print(json.dumps(_main(json.loads(sys.argv[1])), default=str))
