"""NoticeSpider: walks registry sites' column lists, their notices and attachments.

Navigation only. Which links a list page holds is the CMS adapter's business
(:mod:`crawler.navigate.cms`); what a notice page says is the extraction layer's
(:mod:`crawler.extract`); what is kept is the pipeline's. One spider crawls any number of
sites at once, so a nightly run is one crawler whose per-host limits hold across all of them.

Crawls are incremental: the archive (read once at the start) says which notices it holds,
each list is walked until a run of them (crawler.navigate.walk), archived notices are fetched again
only when the re-check policy says so (crawler.navigate.recheck), with conditional requests.
Attachments the archive holds no file of are asked for on every run until they are kept.

Nothing asked for is lost without a trace: a link no request can be made of is a ``bad_url``
failure (the links beside it are still asked for), and an answer that is not this site's
notice (an off-site redirect, a page without an article) is a failure, never a notice.
"""

from __future__ import annotations

import dataclasses
import mimetypes
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response

from crawler import clock
from crawler.fetch.browser import list_page_meta
from crawler.fetch.blocked import CHALLENGE_STATUSES, blocked_reason, visible_text
from crawler.fetch.failures import bad_url, failure_kind
from crawler.fetch.genuine import no_article, off_site
from crawler.navigate.cms import ListRequest, adapter_for
from crawler.extract import decode_html
from crawler.extract.media import image_type
from crawler.fetch.offload import extracted, read_notice
from crawler.fetch.ratelimit import slow_down
from crawler.fetch.headers import content_type, file_name, validators
from crawler.navigate.ledger import LocalLedger, worker_ledger
from crawler.items import (ColumnWalked, FetchedAttachment, FetchedImage, FetchedNotice, FetchFailed,
                           ListHint, NoticeGone, NoticeUnchanged)
from crawler.navigate.recheck import RecheckPolicy, retry_due
from crawler.keep.state import CrawlState, KnownNotice, open_state
from crawler.fetch.takedown import gone_reason, short
from crawler.urls import canonical
from crawler.navigate.registry import Site
from crawler.navigate.walk import ColumnWalk, page_key


def crawl_ledger(settings):
    """The shared ledger and state of a distributed crawl, or None for a local crawl."""
    if not settings.get("GOVARCHIVE_JOB"):
        return None
    return worker_ledger(settings)

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/plain")
ATTACHMENT_MAXSIZE = 50 * 1024 * 1024
IMAGE_MAXSIZE = 20 * 1024 * 1024
#: Images of archived notices without a copy asked for per site per run, newest first (an
#: archive from before image copies fills in over a few nights, not in one).
MAX_WAITING_IMAGES = 2000
#: A list that needs a browser is read once its scripts' data requests are answered.
BROWSER_META = list_page_meta()
#: Answers a callback must see rather than have filtered out as errors: not modified,
#: gone, and the statuses WAF challenges answer with.
NOTICE_STATUSES = [304, 404, 410, 403, 412, 521]
LIST_STATUSES = [304, 403, 412, 521]
#: Failures a later run does not try again on its own (a list walk may still meet them).
NOT_RETRIED = {"robots_disallowed", "trap", "bad_url"}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"Rar!", b"\xd0\xcf\x11\xe0")


class NoticeSpider(scrapy.Spider):
    name = "govarchive"
    #: Set on the per-site subclasses that ``scrapy list`` shows (see crawler.run.loader).
    registry_sites: tuple[Site, ...] = ()

    def __init__(self, sites: Iterable[Site] | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        chosen = list(sites) if sites is not None else list(self.registry_sites)
        self.sites: dict[str, Site] = {site.name: site for site in chosen}
        if not self.sites:
            raise ValueError("NoticeSpider needs at least one site")
        self.state = CrawlState()
        self.ledger = LocalLedger()  # what this crawl has asked for; shared in distributed crawls

    # -- start ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        settings = self.crawler.settings
        self.policy = RecheckPolicy(everything=settings.getbool("GOVARCHIVE_RECHECK_ALL"))
        self.now = clock.stamp()
        shared = crawl_ledger(settings)  # a distributed crawl's workers share one
        if shared is not None:
            self.ledger, self.state = shared
        else:
            self.state = self._load_state()
        if not self.ledger.seed():
            return  # another worker started the lists
        columns = [(site, column) for site in self.sites.values() for column in site.lists]
        self.ledger.open_walks(len(columns))
        for site, column in columns:
            known = self.state.columns.get(column.url)
            walk = ColumnWalk(
                site=site.name, column=column,
                full=settings.getbool("GOVARCHIVE_FULL_WALK") or known is None or known.last_full_walk is None,
                known_run_stop=settings.getint("GOVARCHIVE_KNOWN_RUN", 10),
                max_pages=settings.getint("GOVARCHIVE_MAX_LIST_PAGES", 200),
            )
            for request in self._ask_list(site, walk, walk.start(), conditional=known):
                yield request
        for request in self._unfetched_attachments():
            yield request
        for request in self._waiting_images():
            yield request
        # Re-checks wait for the lists: a notice seen on a list page is re-checked with what
        # the list says of it (some pages print no title or date of their own).
        if not columns:
            for request in self._due_rechecks():
                yield request

    def _load_state(self):
        """The archive, read by index as the crawl goes (crawler/keep/state.py)."""
        return open_state(self.crawler.settings.get("GOVARCHIVE_DB", "archive.db"), list(self.sites))

    def closed(self, reason: str) -> None:
        if hasattr(self.state, "close"):
            self.state.close()

    def _due_rechecks(self) -> Iterable[scrapy.Request]:
        """Archived notices due again, and notices that failed before and may be tried
        again, that no list walk has asked for (the walk may stop before their page)."""
        for site in self.sites.values():
            for known in self._due(site):
                if self.ledger.claim(known.url):
                    yield self._recheck_request(site, known, _archived_hint(known))
        for url, failure in self.state.failures.items():
            site = self.sites.get(failure.site)
            if (site is not None and failure.what == "notice" and self.state.known(url) is None
                    and failure.kind not in NOT_RETRIED and retry_due(failure, self.now)
                    and self.ledger.claim(url)):
                yield self._notice_request(site, ListHint(url=url))

    def _unfetched_attachments(self) -> Iterable[Any]:
        """Attachments of archived notices still without a file (a crawl killed with them in
        flight, or a failure due again): asked for whatever their notice's state."""
        for url, waiting in self.state.unfetched_attachments.items():
            site = self.sites.get(waiting.site)
            failure = self.state.failures.get(url)
            if site is None or url in self.state.stored_attachments:
                continue
            if failure is not None and (failure.kind in NOT_RETRIED or not retry_due(failure, self.now)):
                continue
            if self.ledger.claim(url):
                yield self._attachment_request(site, url)

    def _walk_over(self) -> Iterable[scrapy.Request]:
        """After each column's walk: once the last one is over, the remaining re-checks."""
        if self.ledger.walk_over():
            yield from self._due_rechecks()

    def _due(self, site: Site) -> list[KnownNotice]:
        limit = self.crawler.settings.getint("GOVARCHIVE_MAX_RECHECKS", 2000)
        return self.state.due(site.name, self.policy, self.now, limit)

    # -- lists ---------------------------------------------------------------------------

    def _ask_list(self, site: Site, walk: ColumnWalk, fetch: ListRequest,
                  conditional=None) -> Iterable[Any]:
        """The request for a list page; a page no request can be made of ends the walk."""
        request = self._list_request(site, walk, fetch, conditional)
        yield request
        if isinstance(request, FetchFailed):
            yield from self._end_walk(walk)

    def _list_request(self, site: Site, walk: ColumnWalk, fetch: ListRequest,
                      conditional=None) -> scrapy.Request | FetchFailed:
        headers = {}
        if fetch.method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
        if conditional is not None and not walk.full and not fetch.browser:
            headers.update(_conditional(conditional.etag, conditional.last_modified))
        return self._request(
            site, fetch.url, "list", method=fetch.method, body=fetch.body, headers=headers,
            callback=self.parse_list, errback=self.failed, priority=20, dont_filter=True,
            meta=_meta(site, "list", walk=walk, handle_httpstatus_list=LIST_STATUSES,
                       **(BROWSER_META if fetch.browser else {})),
        )

    def parse_list(self, response: Response) -> Iterable[Any]:
        site = self.sites[response.meta["site"]]
        walk: ColumnWalk = response.meta["walk"]
        if response.status == 304:  # read, and unchanged since the last walk
            self._count(site, "list_pages")
            walk.unchanged()
            walk.etag, walk.last_modified = validators(response)
            yield self._walked(walk)
            yield from self._walk_over()
            return
        text, _ = decode_html(response.body, content_type(response))
        page = None
        if response.status == 200:
            posted = response.request.body.decode("utf-8", "replace") if response.request.body else None
            page = adapter_for(site.cms)(text, response.url, site, walk.column, posted=posted)
        if page is None or (not page.notices and not page.more):
            blocked = blocked_reason(response.status, text, visible_text(text))
            if blocked or page is None:
                kind = f"blocked_{blocked}" if blocked else f"http_{response.status}"
                yield self._failure(site, response.url, kind, what="list")
                yield from self._list_failed(response.request)
                return
            again = self._rate_limited_list(response, walk)
            if again is not None:
                yield again
                return
            if not _list_ended(response, walk):
                self._count(site, "empty_lists")
                self.logger.warning("list page without notice links: %s", response.url)
        if walk.pages == 0:
            walk.etag, walk.last_modified = validators(response)
        walk.page_read(len(page.notices), _list_page(response), page.pager)
        self._count(site, "list_pages")
        for hint in page.notices:
            request = self._from_list(site, walk, hint)
            if request is not None:
                yield request
        walk.add(page.more)
        following = walk.next_page()
        if following is not None:
            yield from self._ask_list(site, walk, following)
        else:
            yield self._walked(walk)
            yield from self._walk_over()

    def _rate_limited_list(self, response: Response, walk: ColumnWalk) -> scrapy.Request | None:
        """An empty list page after one with notices is how some servers answer a fast
        crawler: its host is slowed down and the page asked once more. An empty JSON answer is
        not: it is how "load more" feeds and list APIs say the list has ended."""
        previous = list(walk.page_links.values())[-1:]
        if not previous or not previous[0] or response.meta.get("rate_limited_tries"):
            return None
        if response.body.lstrip()[:1] in (b"[", b"{"):
            return None
        return slow_down(self.crawler, response.request, "an empty list page after one with notices")

    def _from_list(self, site: Site, walk: ColumnWalk,
                   hint: ListHint) -> scrapy.Request | FetchFailed | None:
        known = self.state.known(hint.url)
        # A link that failed before (dead, or forbidden by robots.txt) was seen before too.
        walk.saw(known is not None or hint.url in self.state.failures)
        if known is None:
            failure = self.state.failures.get(hint.url)
            if failure is not None and not retry_due(failure, self.now):
                return None
            return self._notice_request(site, hint) if self.ledger.claim(hint.url) else None
        if known.status != "live" or self.policy.due(known, self.now):
            return self._recheck_request(site, known, hint) if self.ledger.claim(known.url) else None
        return None

    def _walked(self, walk: ColumnWalk) -> ColumnWalked:
        return ColumnWalked(
            site=walk.site, url=walk.column.url, channel=" > ".join(walk.column.channel) or None,
            to_end=walk.reached_end, first_page_links=walk.first_page_links,
            etag=walk.etag, last_modified=walk.last_modified, hit_page_limit=walk.hit_page_limit,
            page_links=dict(walk.page_links), pager=walk.pager,
        )

    # -- notices -------------------------------------------------------------------------

    def _notice_request(self, site: Site, hint: ListHint) -> scrapy.Request | FetchFailed:
        """A notice the ledger has just claimed for this crawl."""
        return self._request(
            # dont_filter: the crawl asks for each notice once (its ledger); Scrapy's
            # filter would silently drop a redirect loop's return to the first URL.
            site, hint.url, "notice", callback=self.parse_notice, errback=self.failed, priority=10,
            dont_filter=True,
            meta=_meta(site, "notice", hint=hint, handle_httpstatus_list=NOTICE_STATUSES),
        )

    def _recheck_request(self, site: Site, known: KnownNotice,
                         hint: ListHint | None = None) -> scrapy.Request | FetchFailed:
        """A re-check of an archived notice the ledger has just claimed for this crawl."""
        self._count(site, "rechecked")
        return self._request(
            site, known.url, "recheck", callback=self.parse_notice, errback=self.failed, priority=5,
            headers=_conditional(known.etag, known.last_modified) if known.status == "live" else {},
            dont_filter=True,
            meta=_meta(site, "recheck", hint=hint, known_url=known.url,
                       handle_httpstatus_list=NOTICE_STATUSES),
        )

    def parse_notice(self, response: Response) -> Iterable[Any]:
        site = self.sites[response.meta["site"]]
        known_url = response.meta.get("known_url")
        requested = (response.meta.get("redirect_urls") or [response.request.url])[0]
        if response.status == 304 and known_url:
            yield NoticeUnchanged(site.name, known_url, *validators(response))
            return
        if response.meta.get("redirect_urls") and off_site(
                response.url, requested, [site.home_url, *(c.url for c in site.lists)]):
            self.logger.info("%s redirects off the site to %s", requested, response.url)
            yield self._failure(site, requested, "redirect_off_site", detail=response.url)
            return
        unusable = _unusable(response)
        if unusable:
            yield self._failure(site, requested, unusable)
            return
        notice = own = None
        if response.status == 200:
            hint = response.meta.get("hint")
            url = canonical(response.url)
            notice, own = extracted(response, url) or read_notice(  # crawler/fetch/offload.py
                response.body, url, hint, content_type(response))
        blocked = self._blocked(response, own)
        if blocked:
            yield self._failure(site, requested, f"blocked_{blocked}")
            return
        reason = gone_reason(response.status, requested, response.url, site.home_url, own)
        if reason:
            if known_url:
                yield NoticeGone(site.name, known_url, reason)
            else:
                status = response.status
                yield self._failure(site, requested, f"http_{status}" if status != 200 else reason)
            return
        if notice is None:
            yield self._failure(site, requested, f"http_{response.status}")
            return
        if no_article(own, lambda: visible_text(decode_html(response.body, content_type(response))[0])):
            yield self._failure(site, requested, "not_a_notice")
            return
        yield from self._keep(site, notice, requested, response)

    def _keep(self, site: Site, notice, requested: str, response: Response) -> Iterable[Any]:
        etag, last_modified = validators(response)
        warc = response.meta.get("warc") or {}
        yield FetchedNotice(site=site.name, notice=notice, requested_url=canonical(requested),
                            etag=etag, last_modified=last_modified,
                            warc_file=warc.get("file"), warc_offset=warc.get("offset"),
                            via="browser_session" if response.meta.get("browser_session") else None)
        for attachment in notice.attachments:
            if attachment.url not in self.state.stored_attachments and self.ledger.claim(attachment.url):
                yield self._attachment_request(site, attachment.url)
        yield from self._image_requests(site, notice)

    def _attachment_request(self, site: Site, url: str) -> scrapy.Request | FetchFailed:
        return self._request(
            site, url, "attachment", callback=self.parse_attachment, errback=self.failed,
            priority=0, dont_filter=True,
            meta=_meta(site, "attachment", download_maxsize=ATTACHMENT_MAXSIZE),
        )

    def _request(self, site: Site, url: str, what: str, **kwargs: Any) -> scrapy.Request | FetchFailed:
        """A request for ``url``, or a ``bad_url`` failure when no request can be made of
        it (a link is data from the web: a leading space, a javascript: href, a port that is
        not a number); the caller goes on with the links beside it."""
        if not bad_url(url):
            try:
                return scrapy.Request(url, **kwargs)
            except (ValueError, TypeError):
                pass
        self.logger.info("%s link cannot be requested: %r", what, url)
        return self._failure(site, url if isinstance(url, str) else repr(url), "bad_url", what=what)

    def _blocked(self, response: Response, own) -> str | None:
        """A WAF challenge or interstitial (judged only when the page says little). A 404 or
        410 is a takedown signal whatever its page says, never a block."""
        if response.status != 200 and response.status not in CHALLENGE_STATUSES:
            return None
        if response.status == 200 and own is not None and not short(own):
            return None
        text, _ = decode_html(response.body, content_type(response))
        visible = "\n".join([own.title or "", own.text]) if own is not None else visible_text(text)
        return blocked_reason(response.status, text, visible)

    def _failure(self, site: Site, url: str, kind: str, what: str = "notice",
                 detail: str | None = None) -> FetchFailed:
        self._count(site, "blocked" if kind.startswith("blocked_") else "errors")
        return FetchFailed(site.name, url, kind, what=what, detail=detail)

    # -- attachments ---------------------------------------------------------------------

    def parse_attachment(self, response: Response) -> Iterable[FetchedAttachment]:
        linked_url = (response.meta.get("redirect_urls") or [response.url])[0]
        kind = content_type(response) or mimetypes.guess_type(linked_url)[0]
        yield FetchedAttachment(site=response.meta["site"], url=linked_url, body=response.body,
                                content_type=kind, file_name=file_name(response))

    # -- images --------------------------------------------------------------------------

    def _image_requests(self, site: Site, notice) -> Iterable[Any]:
        """The notice's images not yet archived: the archive shows its own copies, so a
        reader's browser never asks the original site."""
        for image in notice.images:
            if image.src not in self.state.stored_images:
                yield from self._image_request(site, image.src)

    def _waiting_images(self) -> Iterable[Any]:
        """Images archived notices show without a copy yet — a crawl stopped before their
        turn, or they failed and are due again — asked for whatever their notice's state."""
        limit = self.crawler.settings.getint("GOVARCHIVE_MAX_WAITING_IMAGES", MAX_WAITING_IMAGES)
        asked: Counter[str] = Counter()
        for src, site_name in self.state.waiting_images.items():  # newest first
            site = self.sites.get(site_name)
            if site is None or asked[site_name] >= limit or not self._image_due(src):
                continue
            asked[site_name] += 1
            yield from self._image_request(site, src)

    def _image_due(self, src: str) -> bool:
        """An image that failed before: as a link (an answer that is not an image, like a
        dead link, waits 1, 2, 4… days); one that cannot be asked for, never."""
        failure = self.state.failures.get(src)
        if failure is None:
            return True
        if failure.kind in NOT_RETRIED or failure.kind == "bad_url":
            return False
        if failure.kind == "not_image":
            failure = dataclasses.replace(failure, kind="http_404")
        return retry_due(failure, self.now)

    def _image_request(self, site: Site, src: str) -> Iterable[Any]:
        if not self.ledger.claim(src):
            return
        yield self._request(
            site, src, "image", callback=self.parse_image, errback=self.image_failed, priority=0,
            dont_filter=True, meta=_meta(site, "image", src=src, download_maxsize=IMAGE_MAXSIZE),
        )

    def parse_image(self, response: Response) -> Iterable[FetchedImage | FetchFailed]:
        """Kept under the address the notice shows it from (``images.src``), if it is one."""
        src, site = response.meta["src"], response.meta["site"]
        kind = image_type(response.body, content_type(response))
        if kind is None:
            yield self._failure(self.sites[site], src, "not_image", what="image")
            return
        yield FetchedImage(site=site, url=src, body=response.body, content_type=kind)

    def image_failed(self, failure) -> Iterable[FetchFailed]:
        """As :meth:`failed`, recorded under the image's address as the notice shows it."""
        src = failure.request.meta.get("src")
        for item in self.failed(failure):
            if src and isinstance(item, FetchFailed):
                item.url = src
            yield item

    # -- failures ------------------------------------------------------------------------

    def failed(self, failure) -> Iterable[FetchFailed]:
        """A request that produced no response to parse: counted, logged, recorded.

        A request refused by robots.txt (or another policy) is not an error of the site. One
        refused because the host's robots.txt could not be read is ``robots_unavailable``:
        not a ban, it is asked for again on the next run.
        """
        request = failure.request
        site = self.sites.get(request.meta.get("site", ""))
        if site is None:
            return
        what = request.meta.get("kind", "notice")
        kind = failure_kind(failure)
        if kind in ("ignored", "robots_disallowed", "robots_unavailable"):
            self._count(site, "refused")
            self.logger.debug("not fetched (%s): %s", failure.getErrorMessage(), request.url)
            if kind != "ignored":
                yield FetchFailed(site.name, request.url, kind, what=what)
        else:
            self.logger.info("%s %s failed: %s", what, request.url, kind)
            yield self._failure(site, request.url, kind, what=what)
        if what == "list":
            yield from self._list_failed(request)

    def _list_failed(self, request) -> Iterable[Any]:
        """A list page that could not be read ends its column's walk, short of the end."""
        yield from self._end_walk(request.meta.get("walk"))

    def _end_walk(self, walk: ColumnWalk | None) -> Iterable[Any]:
        if walk is not None and not walk.finished:
            walk.stopped_early = walk.finished = True
            yield self._walked(walk)
            yield from self._walk_over()

    def _count(self, site: Site, key: str) -> None:
        self.crawler.stats.inc_value(f"govarchive/{site.name}/{key}")


def _unusable(response: Response) -> str | None:
    """A 200 answer that cannot be a notice page: another type, binary bytes, nothing."""
    if response.status != 200:
        return None
    if not response.body.strip():
        return "empty"
    kind = (content_type(response) or "").split(";")[0].strip().lower()
    if kind and not kind.startswith(HTML_TYPES):
        return "not_html"
    head = response.body[:1024]
    if head.lstrip().startswith(BINARY_MAGIC) or b"\x00" in head:
        return "not_html"  # a file served as text/html
    return None


def _list_ended(response: Response, walk: ColumnWalk) -> bool:
    """An empty JSON answer after a list page of the same walk: how "load more" feeds and list
    APIs (gkmlpt's, past its last page) say the list has ended, not a list that lost its links."""
    return walk.pages > 0 and response.body.lstrip()[:1] in (b"[", b"{")


def _list_page(response: Response) -> tuple[str, str]:
    """The list page a response answers, as asked for (before any redirect)."""
    asked = (response.meta.get("redirect_urls") or [response.request.url])[0]
    body = response.request.body.decode("utf-8", "replace") if response.request.body else None
    return page_key(canonical(asked), body)


def _archived_hint(known: KnownNotice) -> ListHint:
    """For a re-check no list page led to: what the archive already says of the notice."""
    channel = known.channel.split(" > ") if known.channel else []
    return ListHint(url=known.url, title=known.title, published=known.published, channel=channel)


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _meta(site: Site, kind: str, **extra: Any) -> dict[str, Any]:
    """Request meta every govarchive request carries: its site and what it fetches."""
    meta = {"site": site.name, "kind": kind, **extra}
    if not site.politeness.obey_robots:
        meta["dont_obey_robotstxt"] = True
    return meta
