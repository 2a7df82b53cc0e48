"""Local replicas of five real notice sites: the test bed of govarchive and its first crawl.

>>> from crawler.demo import DemoServer, catalog, SITE_KEYS
>>> with DemoServer() as server:          # one port per site on 127.0.0.1
...     bases = server.bases              # {"hanweb": "http://127.0.0.1:40123", ...}
...     server.set_day(1)                 # the same URLs, a day later
>>> truth = catalog(day=0)                # {key: SiteCatalog}: what a polite crawl must archive
>>> truth = catalog(day=1)                # ... on day 1, with .changes against day 0

Sites (see each module in crawler/demo/sites/): hanweb (Hanweb jcms, jpage lists),
trs (TRS WCM, createPageHTML paging), aspnet (ASP.NET, GBK), mirror (a content farm:
Traditional script + pinyin, and Simplified reposts), united (images, attachments, a
JavaScript-only column, and a page whose text carries XSS payloads). Everything is rendered
deterministically from ``day``: day 0 is the demo as first built (its calendar date is
``DEMO_EPOCH``); each later day publishes, edits and takes down notices (crawler.demo.days).
Notice pages, list pages and attachments answer conditional requests as each platform does
(crawler.demo.server).
"""

from .catalog import DayChanges, DemoNotice, ListPost, SiteCatalog, catalog
from .days import DEMO_EPOCH, demo_date
from .server import DEFAULT_PORTS, SITE_KEYS, DemoServer, RequestRecord

__all__ = ["DEFAULT_PORTS", "DEMO_EPOCH", "DayChanges", "DemoNotice", "DemoServer", "ListPost", "RequestRecord",
           "SITE_KEYS", "SiteCatalog", "catalog", "demo_date"]
