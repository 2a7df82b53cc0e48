"""A crawl plan: which sites, at which URLs, with which Scrapy settings.

Shared by ``scrapy crawl SITE`` (crawler.run.loader) and ``govarchive crawl`` (crawler.run.runner) so
both crawl a site the same way: its politeness becomes a download slot for its host, and the
browser is set up only when some list in the plan needs one.
"""

from __future__ import annotations

import atexit
import json
import os
from urllib.parse import urlsplit

from crawler.fetch.browser import browser_settings
from crawler.navigate.registry import Site

_shared_demo = None
_shared_guarded = None
_shared_families = None


def demo_set(key: str) -> str:
    """Which demo a demo key belongs to: "plain" (`govarchive demo`), "guarded" or "families"."""
    from crawler.demo.families import is_family
    from crawler.demo.guarded import is_guarded

    return "guarded" if is_guarded(key) else "families" if is_family(key) else "plain"


def make_concrete(sites: list[Site], demo_bases: dict[str, str] | None = None) -> list[Site]:
    """Demo entries joined to a running demo's base URLs; other entries as they are.

    Without ``demo_bases``, demo entries get a demo server started in this process (and
    stopped at exit), so ``scrapy crawl demo-…`` works on its own.
    """
    if any(site.demo for site in sites) and demo_bases is None:
        demo_bases = shared_demo_bases({site.demo for site in sites if site.demo})
    concrete = []
    for site in sites:
        if site.demo:
            if site.demo not in demo_bases:
                raise ValueError(f"site {site.name!r}: the demo has no site {site.demo!r}")
            site = site.with_base(demo_bases[site.demo])
        concrete.append(site)
    return concrete


def shared_demo_bases(keys: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """The demo to crawl: the one named by $GOVARCHIVE_DEMO_BASES (a JSON object of demo
    site → base URL, for tests and benchmarks that run the demo in another process), else
    one started in this process (with the guarded or family demo sites when ``keys`` names
    one)."""
    global _shared_demo, _shared_guarded, _shared_families
    configured = os.environ.get("GOVARCHIVE_DEMO_BASES")
    if configured:
        return json.loads(configured)
    from crawler.demo.guarded import GuardedDemo, is_guarded

    if _shared_demo is None:
        from crawler.demo import DemoServer

        _shared_demo = DemoServer()
        _shared_demo.start()
        atexit.register(_shared_demo.stop)
    if _shared_guarded is None and any(is_guarded(key) for key in keys):
        _shared_guarded = GuardedDemo()
        _shared_guarded.start()
        atexit.register(_shared_guarded.stop)
    if _shared_families is None and any(demo_set(key) == "families" for key in keys):
        from crawler.demo.families import FamilyDemo

        _shared_families = FamilyDemo()
        _shared_families.start()
        atexit.register(_shared_families.stop)
    return {**_shared_demo.bases, **(_shared_guarded.bases if _shared_guarded else {}),
            **(_shared_families.bases if _shared_families else {})}


def hosts(site: Site) -> set[str]:
    """Every host:port a site's crawl starts from (its politeness applies to each)."""
    urls = [site.home_url, *(column.url for column in site.lists)]
    return {urlsplit(url).netloc.lower() for url in urls if "://" in url}


#: Requests in the downloader at once, at least (Scrapy's CONCURRENT_REQUESTS)
MIN_PLACES = 16


def places(slots: dict[str, dict]) -> int:
    """Room in the downloader for every host's concurrency at once: a host's requests wait
    out its delay there (crawler.fetch.politeness.HostQueues lets in no more than that), so
    with fewer places hundreds of polite hosts would take turns instead of being crawled
    together."""
    return max(MIN_PLACES, sum(slot["concurrency"] for slot in slots.values()))


def crawl_settings(sites: list[Site]) -> dict:
    """Scrapy settings for crawling ``sites`` together."""
    slots: dict[str, dict] = {}
    for site in sites:
        for host in hosts(site):
            slots[host] = {
                "delay": site.politeness.delay,
                "concurrency": site.politeness.concurrency,
            }
    settings: dict = {"DOWNLOAD_SLOTS": slots, "CONCURRENT_REQUESTS": places(slots)}
    if any(site.needs_browser for site in sites):
        settings.update(browser_settings())
    return settings
