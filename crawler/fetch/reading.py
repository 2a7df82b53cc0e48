"""What an extraction worker runs (crawler/fetch/offload.py): a notice page read into records.

Kept apart from the pool's middleware on purpose: a spawned worker imports the module of the
function it is sent, and this one needs only the extraction room and the takedown rules, not
Scrapy and Twisted. A worker that had to import Scrapy first would keep every notice of a
small crawl waiting seconds for the pool to start.
"""

from __future__ import annotations

from typing import Any

from crawler.extract import extract_notice
from crawler.fetch.takedown import short


def read_notice(body: bytes, url: str, hint: Any, content_type: str | None) -> tuple:
    """In a worker: the record with the list's hints, and on its own words when the hinted
    one is short (what the spider judges a page by); (notice, own)."""
    notice = own = extract_notice(body, url, hint, content_type=content_type)
    if hint is not None and short(notice):
        own = extract_notice(body, url, None, content_type=content_type)
    return notice, own
