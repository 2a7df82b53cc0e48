"""The truth about the demo sites: what a perfect, polite crawl of each one must archive.

Plain dataclasses, no behaviour: tests and benchmarks compare what the crawler stored with
these. ``catalog(day)`` builds the same data the server serves (both come from
:func:`crawler.demo.sites.build`), so the two can never drift apart.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field


@dataclass
class DemoNotice:
    """One archivable notice page and the record extraction should make of it.

    ``body`` holds the paragraphs a reader sees as the article, in Simplified script, stripped
    of indentation: sub-headings, a 文号 line, image captions and the signature block (its
    organisation and its date) are paragraphs of their own; the headline, 引题/副题, the date
    line, the 附件 list and the site chrome are not in it.
    """

    path: str
    title: str
    subtitle: str | None = None
    published: str | None = None  # 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM:SS'
    author: str | None = None
    source: str | None = None
    signed_by: str | None = None
    signed_date: str | None = None
    doc_number: str | None = None
    channel: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (link text, path)
    seed: str | None = None  # '000'..'004' when the page carries a seed text
    flags: list[str] = field(default_factory=list)
    images: list[tuple[str, str | None]] = field(default_factory=list)  # (path, caption)


@dataclass
class ListPost:
    """A list page that only answers POST (Hanweb's jpage dataproxy): path + form fields."""

    path: str
    form: dict[str, str]


@dataclass
class DayChanges:
    """What changed on a site on day N against day N-1 (all empty on day 0).

    ``edited`` names what changed of each edited notice, among "title", "body", "attachments"
    and "published"; ``taken_down`` how each notice went away: "404" (the site's 404 page),
    "410", "redirect_home" (302 to /) or "soft_404" (200, a 页面不存在 page in the site's chrome).
    """

    published: list[str] = field(default_factory=list)  # new notices, newest first
    edited: dict[str, list[str]] = field(default_factory=dict)
    taken_down: dict[str, str] = field(default_factory=dict)
    restored: list[str] = field(default_factory=list)  # back after a takedown, same URL and text


@dataclass
class SiteCatalog:
    key: str
    name: str
    notices: list[DemoNotice] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)  # linked, but robots.txt forbids them
    missing: list[str] = field(default_factory=list)  # linked, answer 404
    redirects: dict[str, str] = field(default_factory=dict)  # old path -> new path (301)
    list_pages: list[str] = field(default_factory=list)  # GET list pages, in crawl order
    list_posts: list[ListPost] = field(default_factory=list)  # POST list pages (hanweb)
    list_api: list[str] = field(default_factory=list)  # JSON list endpoints (united)
    attachments: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    robots_disallow: str = ""  # the one Disallow: prefix of robots.txt
    changes: DayChanges = field(default_factory=DayChanges)  # against the day before

    def notice(self, path: str) -> DemoNotice:
        for notice in self.notices:
            if notice.path == path:
                return notice
        raise KeyError(path)


def catalog(day: int = 0) -> dict[str, SiteCatalog]:
    """The truth of every demo site on ``day`` (0, 1, 2, …; see :mod:`crawler.demo.days`):
    the notices as they stand that day, and what changed since the day before."""
    from .sites import build_all

    return {key: copy.deepcopy(site.catalog) for key, site in build_all(day).items()}
