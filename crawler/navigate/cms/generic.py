"""Lists that page with a 下一页 link (ASP.NET sites, most small CMSes, rendered JS lists)."""

from __future__ import annotations

from crawler.navigate.cms.base import ListPage, ListRequest, next_page_links, notice_links, parse_html


def parse_list(text: str, url: str, site, column, *, posted: str | None = None) -> ListPage:
    root = parse_html(text)
    return ListPage(
        notices=notice_links(root, url, site.detail_regex, list(column.channel)),
        more=[ListRequest(link, browser=column.browser) for link in next_page_links(root, url)],
    )
