"""TRS WCM lists: index.html, index_1.html, … announced by a createPageHTML(…) script.

The pager's links exist only after that script runs, so the page count is read from the call
itself: ``createPageHTML(countPage, currentPage, "index", "html")``. Only the first page asks
for the others, so each page is requested once.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawler.navigate.cms.base import ListPage, ListRequest, next_page_links, notice_links, parse_html

PAGER_RE = re.compile(
    r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](\w+)['\"]"
)
COUNT_VARS_RE = re.compile(r"var\s+countPage\s*=\s*['\"]?(\d+)")


def parse_list(text: str, url: str, site, column, *, posted: str | None = None) -> ListPage:
    root = parse_html(text)
    page = ListPage(notices=notice_links(root, url, site.detail_regex, list(column.channel)))
    pages = pager_urls(text, url)
    if pages is None:  # no TRS pager on this page: fall back to plain 下一页 links
        pages = next_page_links(root, url)
    page.more = [ListRequest(link, browser=column.browser) for link in pages]
    return page


def pager_urls(text: str, url: str) -> list[str] | None:
    """Every other page of the list when this is its first page; [] on later pages."""
    match = PAGER_RE.search(text)
    if not match:
        return None
    count, current, prefix, suffix = int(match[1]), int(match[2]), match[3], match[4]
    if current != 0:
        return []
    return [urljoin(url, f"{prefix}_{n}.{suffix}") for n in range(1, count)]
