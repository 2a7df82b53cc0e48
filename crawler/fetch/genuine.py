"""Is an answer this site's notice at all? Off-site redirects and pages without an article.

A notice link can answer with something that is not a notice of this site, and storing it
would put a false record in the archive:

* a redirect to another site (a portal, a moved organisation, a domain that lapsed and was
  bought): that site's page is not this site's notice. "Another site" means another
  registrable domain (the name under its public suffix: ``lzzx.gov.cn`` under ``gov.cn``)
  than the hosts the site's registry entry names and the host the link was on; hosts of one
  registrable domain are one publisher. The public suffixes come from tldextract's bundled
  snapshot of the Public Suffix List, read offline.
* a page with no article: an empty content area (calendar days, session-id traps), or a list
  that says it has nothing (暂无信息) reached through a detail link. A page whose content is
  files or pictures is a notice, whatever its text.

Both are recorded as failures (``redirect_off_site`` with its target, ``not_a_notice``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.items import Notice

#: What a list with nothing in it says, in the words Chinese CMSes use.
EMPTY_LIST_WORDS = ("暂无信息", "暂无数据", "暂无内容", "暂无记录", "暂无文章", "暂无相关信息",
                    "没有相关信息", "没有找到相关", "没有检索到", "查询结果为空", "无相关记录",
                    "没有记录", "共0条", "共 0 条", "No data", "No records")
#: A page whose own text is at most this long may be an empty list rather than a notice.
EMPTY_LIST_MAX_CHARS = 60


@lru_cache(maxsize=1)
def _extractor():
    import tldextract

    # No list URLs and no cache: the snapshot bundled with the package, never the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The registrable domain of a host (``www.lzzx.gov.cn`` → ``lzzx.gov.cn``); an IP
    address, ``localhost`` or a bare public suffix stands for itself."""
    host = host.strip().strip("[]").rstrip(".").lower()
    try:
        host = host.encode("ascii").decode("idna") if host.isascii() and "xn--" in host else host
    except UnicodeError:
        pass
    return _extractor()(host).top_domain_under_public_suffix or host


def _domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return registrable_domain(host) if host else None


def off_site(final_url: str, requested_url: str, site_urls: Iterable[str]) -> bool:
    """Whether a redirect from ``requested_url`` left the site: its final URL's registrable
    domain is neither one of the site's (``site_urls``: its home and lists) nor the link's."""
    final = _domain_of(final_url)
    if final is None:
        return False
    allowed = {_domain_of(url) for url in (*site_urls, requested_url)}
    return final not in allowed


def no_article(reading: Notice, page_text: Callable[[], str]) -> bool:
    """Whether a page has no article: no body text (and no files or pictures in its place),
    or a few words beside a list's "nothing here". ``reading`` is the page's own (no list
    hints); ``page_text()`` gives every word the page shows, read only for a short text."""
    if reading.attachments or reading.images:
        return False
    text = reading.text.strip()
    if not text:
        return True
    if len(text) > EMPTY_LIST_MAX_CHARS:
        return False
    shown = page_text()
    return any(word in text or word in shown for word in EMPTY_LIST_WORDS)
