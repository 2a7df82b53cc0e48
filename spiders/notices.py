"""NoticeSpider: walks registry sites' column lists, their notices and attachments.

Navigation only. Which links a list page holds is the CMS adapter's business
(:mod:`crawler.cms`); what a notice page says is the extraction layer's
(:mod:`crawler.extract`); what is kept is the pipeline's. One spider crawls any number of
sites at once, so a nightly run is one crawler whose per-host limits hold across all of them.
"""

from __future__ import annotations

import mimetypes
from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.cms import ListRequest, adapter_for
from crawler.extract import decode_html, extract_notice
from crawler.items import FetchedAttachment, FetchedNotice, ListHint
from spiders.registry import ColumnList, Site

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain")
ATTACHMENT_MAXSIZE = 50 * 1024 * 1024
#: A list that needs a browser is read once its scripts have fetched what they fetch: the
#: load event comes before a script's fetch() of the list data has answered.
BROWSER_META = {
    "playwright": True,
    "playwright_page_goto_kwargs": {"wait_until": "networkidle"},
}


class NoticeSpider(scrapy.Spider):
    name = "govarchive"
    #: Set on the per-site subclasses that ``scrapy list`` shows (see spiders.loader).
    registry_sites: tuple[Site, ...] = ()

    def __init__(self, sites: Iterable[Site] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        chosen = list(sites) if sites is not None else list(self.registry_sites)
        self.sites: dict[str, Site] = {site.name: site for site in chosen}
        if not self.sites:
            raise ValueError("NoticeSpider needs at least one site")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites.values():
            for column in site.lists:
                yield self._list_request(site, column, ListRequest(column.url, browser=column.browser))

    # -- lists ---------------------------------------------------------------------------

    def _list_request(self, site: Site, column: ColumnList, fetch: ListRequest) -> scrapy.Request:
        headers = {}
        if fetch.method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
        return scrapy.Request(
            fetch.url,
            method=fetch.method,
            body=fetch.body,
            headers=headers,
            callback=self.parse_list,
            errback=self.failed,
            priority=20,  # lists first: they feed everything else
            meta=_meta(site, "list", column=column, **(BROWSER_META if fetch.browser else {})),
        )

    def parse_list(self, response: Response) -> Iterable[scrapy.Request]:
        site = self.sites[response.meta["site"]]
        column: ColumnList = response.meta["column"]
        text, _ = decode_html(response.body, _content_type(response))
        posted = response.request.body.decode("utf-8", "replace") if response.request.body else None
        page = adapter_for(site.cms)(text, response.url, site, column, posted=posted)
        self._count(site, "list_pages")
        if not page.notices and not page.more:
            self._count(site, "empty_lists")
            self.logger.warning("list page without notice links: %s", response.url)
        for fetch in page.more:
            yield self._list_request(site, column, fetch)
        for hint in page.notices:
            yield self._notice_request(site, hint)

    # -- notices -------------------------------------------------------------------------

    def _notice_request(self, site: Site, hint: ListHint) -> scrapy.Request:
        return scrapy.Request(
            hint.url,
            callback=self.parse_notice,
            errback=self.failed,
            priority=10,
            meta=_meta(site, "notice", hint=hint),
        )

    def parse_notice(self, response: Response) -> Iterable[Any]:
        site = self.sites[response.meta["site"]]
        content_type = _content_type(response)
        if content_type and not content_type.split(";")[0].strip().lower().startswith(HTML_TYPES):
            self.logger.info("not a notice page (%s): %s", content_type, response.url)
            return
        notice = extract_notice(
            response.body, response.url, response.meta.get("hint"), content_type=content_type
        )
        yield FetchedNotice(site=site.name, notice=notice)
        for attachment in notice.attachments:
            yield scrapy.Request(
                attachment.url,
                callback=self.parse_attachment,
                errback=self.failed,
                priority=0,
                meta=_meta(site, "attachment", download_maxsize=ATTACHMENT_MAXSIZE),
            )

    # -- attachments ---------------------------------------------------------------------

    def parse_attachment(self, response: Response) -> Iterable[FetchedAttachment]:
        linked_url = (response.meta.get("redirect_urls") or [response.url])[0]
        content_type = _content_type(response) or mimetypes.guess_type(linked_url)[0]
        yield FetchedAttachment(
            site=response.meta["site"], url=linked_url, body=response.body, content_type=content_type
        )

    # -- failures ------------------------------------------------------------------------

    def failed(self, failure) -> None:
        """Count and log a request that produced no response to parse.

        A request refused by robots.txt (or another policy) is not an error of the site.
        """
        request = failure.request
        site = self.sites.get(request.meta.get("site", ""))
        refused = failure.check(IgnoreRequest) and not failure.check(HttpError)
        if site is not None:
            self._count(site, "refused" if refused else "errors")
        if refused:
            self.logger.debug("not fetched (%s): %s", failure.getErrorMessage(), request.url)
            return
        response = getattr(failure.value, "response", None)
        status = getattr(response, "status", None)
        self.logger.info(
            "%s %s failed: %s", request.meta.get("kind", "request"), request.url,
            f"HTTP {status}" if status else failure.getErrorMessage(),
        )

    def _count(self, site: Site, key: str) -> None:
        self.crawler.stats.inc_value(f"govarchive/{site.name}/{key}")


def _meta(site: Site, kind: str, **extra: Any) -> dict[str, Any]:
    """Request meta every govarchive request carries: its site and what it fetches."""
    meta = {"site": site.name, "kind": kind, **extra}
    if not site.politeness.obey_robots:
        meta["dont_obey_robotstxt"] = True
    return meta


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
