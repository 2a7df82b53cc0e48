"""CMS adapters: what a column list page links to, as plain functions testable without Scrapy.

Government sites run on a handful of CMSes, and each pages its lists its own way: Hanweb
(大汉版通) fetches records from ``dataproxy.jsp`` by POST, TRS WCM writes its pager with a
``createPageHTML(…)`` script, most others print a 下一页 link. An adapter turns one list
response into the notices it names (with what the list says of them) and the further list
requests to make. Navigation only: adapters never read article text.
"""

from __future__ import annotations

from collections.abc import Callable

from crawler.navigate.cms.base import ListPage, ListRequest
from crawler.navigate.cms import generic, hanweb, trs

ADAPTERS: dict[str, Callable[..., ListPage]] = {
    "hanweb": hanweb.parse_list,
    "trs": trs.parse_list,
    "generic": generic.parse_list,
}


def adapter_for(cms: str) -> Callable[..., ListPage]:
    """The list parser for a registry entry's ``cms``."""
    return ADAPTERS[cms]


__all__ = ["ADAPTERS", "ListPage", "ListRequest", "adapter_for"]
