"""CMS adapters: what a column list page links to, as plain functions testable without Scrapy.

Government sites run on a handful of CMSes, and each pages its lists its own way: Hanweb
(大汉版通) fetches records from ``dataproxy.jsp`` by POST, TRS WCM writes its pager with a
``createPageHTML(…)`` script, most others print a 下一页 link. An adapter turns one list
response into the notices it names (with what the list says of them) and the further list
requests to make. Navigation only: adapters never read article text.

``auto`` (the default) and ``generic`` without a ``detail_pattern`` infer the list and find the
pager (crawler.navigate.lists, crawler.navigate.pagers); a hand-chosen adapter whose own pager
rule finds nothing falls back on those pager finders too.
"""

from __future__ import annotations

from collections.abc import Callable

from crawler.navigate.cms.base import ListPage, ListRequest
from crawler.navigate.cms import generic, hanweb, trs


def _auto(text: str, url: str, site, column, *, posted: str | None = None) -> ListPage:
    from crawler.navigate.lists import parse_list

    return parse_list(text, url, site, column, posted=posted)


def _with_pagers(adapter: Callable[..., ListPage]) -> Callable[..., ListPage]:
    """An adapter, with the pager finders asked when its own rule finds no further page."""

    def parse_list(text: str, url: str, site, column, *, posted: str | None = None) -> ListPage:
        if site.detail_regex is None:
            return _auto(text, url, site, column, posted=posted)
        page = adapter(text, url, site, column, posted=posted)
        if not page.more:
            from crawler.extract.repair import parse
            from crawler.navigate.pagers import find_pager

            pager = find_pager(text, parse(text), url, browser=column.browser)
            page.more, page.pager = list(pager.requests), pager.kind
        return page

    return parse_list


ADAPTERS: dict[str, Callable[..., ListPage]] = {
    "auto": _auto,
    "hanweb": hanweb.parse_list,
    "trs": _with_pagers(trs.parse_list),
    "generic": _with_pagers(generic.parse_list),
}


def adapter_for(cms: str) -> Callable[..., ListPage]:
    """The list parser for a registry entry's ``cms``."""
    return ADAPTERS[cms]


__all__ = ["ADAPTERS", "ListPage", "ListRequest", "adapter_for"]
