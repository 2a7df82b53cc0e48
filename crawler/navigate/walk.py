"""Walking one column list page by page, and knowing when to stop.

Lists are re-read every night because that is where new notices appear, newest first. An
incremental walk stops when it meets a run of notices the archive already holds: below them
is only what earlier crawls have seen. A column is walked to its end (a full walk) the first
time, after a crawl that did not finish, or when asked (--full). Every walk is bounded by a
page limit, against lists that never end (calendars, session-id pagers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.navigate.cms import ListRequest
from crawler.navigate.registry import ColumnList


def request_key(fetch: ListRequest) -> tuple[str, str, str | None]:
    return fetch.method, fetch.url, fetch.body


def page_key(url: str, body: str | None) -> tuple[str, str]:
    """A list page as the archive names it: its URL, and the form a POST sent ('' for a GET).

    A CMS data endpoint serves every column at one URL; the form says which column.
    """
    return url, body or ""


@dataclass
class ColumnWalk:
    site: str
    column: ColumnList
    full: bool  # walk to the end, whatever the archive holds
    known_run_stop: int  # stop after this many archived notices in a row
    max_pages: int
    pages: int = 0
    known_run: int = 0
    first_page_links: int | None = None
    pager: str | None = None  # the kind of pager the first page showed
    page_links: dict[tuple[str, str], int] = field(default_factory=dict)  # page_key → links
    etag: str | None = None  # the first page's validators, for next night's request
    last_modified: str | None = None
    pending: list[ListRequest] = field(default_factory=list)
    asked: set = field(default_factory=set)
    finished: bool = False
    stopped_early: bool = False
    hit_page_limit: bool = False  # an endless list (calendar, session pager) or a huge one

    def start(self) -> ListRequest:
        first = ListRequest(self.column.url, browser=self.column.browser)
        self.asked.add(request_key(first))
        return first

    def page_read(self, links: int, page: tuple[str, str] | None = None, pager: str | None = None) -> None:
        """One list page read, with the notice links it showed (``page``: its page_key) and
        the kind of pager it showed, when its adapter says."""
        self.pages += 1
        if self.first_page_links is None:
            self.first_page_links, self.pager = links, pager
        if page is not None:
            self.page_links[page] = links

    def saw(self, known: bool) -> None:
        """One notice link, in list order: archived already, or not."""
        self.known_run = self.known_run + 1 if known else 0

    def add(self, more: list[ListRequest]) -> None:
        for fetch in more:
            key = request_key(fetch)
            if key not in self.asked:
                self.asked.add(key)
                self.pending.append(fetch)

    def next_page(self) -> ListRequest | None:
        """The next list page to read, or None when the walk is over."""
        if not self.full and self.known_run >= self.known_run_stop:
            self.stopped_early = True
        elif self.pages >= self.max_pages and self.pending:
            self.stopped_early = self.hit_page_limit = True
        elif self.pending:
            return self.pending.pop(0)
        self.finished = True
        return None

    def unchanged(self) -> None:
        """The list answered 304: nothing new since the last walk."""
        self.finished = self.stopped_early = True

    @property
    def reached_end(self) -> bool:
        return self.finished and not self.stopped_early
