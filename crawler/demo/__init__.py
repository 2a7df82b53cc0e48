"""Local replicas of five real notice sites: the test bed of govarchive and its first crawl.

>>> from crawler.demo import DemoServer, catalog, SITE_KEYS
>>> with DemoServer() as server:          # one port per site on 127.0.0.1
...     bases = server.bases              # {"hanweb": "http://127.0.0.1:40123", ...}
>>> truth = catalog(day=0)                # {key: SiteCatalog}: what a polite crawl must archive

Sites (see each module in crawler/demo/sites/): hanweb (Hanweb jcms, jpage lists),
trs (TRS WCM, createPageHTML paging), aspnet (ASP.NET, GBK), mirror (a content farm:
Traditional script + pinyin, and Simplified reposts), united (images, attachments, a
JavaScript-only column). Everything is rendered deterministically from ``day``.
"""

from .catalog import DemoNotice, ListPost, SiteCatalog, catalog
from .server import SITE_KEYS, DemoServer, RequestRecord

__all__ = ["DemoNotice", "DemoServer", "ListPost", "RequestRecord", "SITE_KEYS", "SiteCatalog", "catalog"]
