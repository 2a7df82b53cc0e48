"""The archive's record types: what a list page promises and what a notice page becomes.

These are plain dataclasses, not Scrapy items, so that extraction, storage and tests can use
them without Scrapy. Spiders yield them directly (Scrapy accepts dataclass items).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Quality flags a notice may carry. A flag marks damage or doubt that cleaning could not
#: repair, or a repair that changed the text; it is never a reason to drop the record.
FLAGS = {
    "traditional_script": "the page was in Traditional script; stored Simplified, original kept",
    "pinyin_removed": "pinyin readings pasted after characters (當(dāng)) were removed",
    "encoding_damage": "mojibake or U+FFFD replacement characters left in the text",
    "truncated": "the text stops mid-sentence",
    "date_without_year": "the publish date has no year on the page; the year is inferred",
    "multi_article": "several news items on one page",
    "no_title_in_text": "the page shows no headline; the title comes from <title> or the list",
    "no_date": "no publish date was found",
    "empty_body": "no body text was found",
}


@dataclass(slots=True)
class Image:
    """An image in a notice body, with the caption printed beside it (图为…)."""

    src: str
    caption: str | None = None
    alt: str | None = None


@dataclass(slots=True)
class Attachment:
    """A file linked from a notice (附件): the link text is the name readers see."""

    url: str
    name: str
    kind: str | None = None  # pdf, doc, docx, xls, xlsx, wps, zip, rar, ...


@dataclass(slots=True)
class ListHint:
    """What a column list page says about a notice before the notice itself is fetched.

    Lists often carry the only full date (pages may print 1月30日) or the only title (some
    mirrors print none); extraction uses hints to fill what the page lacks.
    """

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as the list shows it
    channel: list[str] = field(default_factory=list)


@dataclass
class Notice:
    """One cleaned notice page.

    ``body`` is a list of paragraphs: sub-headings, image captions, a signature block and its
    date are paragraphs of their own. Dates are ISO 8601 strings (``published`` may carry a
    time). ``original`` keeps the page's own text (title, subtitle, body) when cleaning
    converted its script, so nothing the site published is lost.
    """

    url: str
    title: str | None = None
    subtitle: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None
    signed_by: str | None = None
    signed_date: str | None = None
    doc_number: str | None = None
    channel: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    original: dict[str, Any] | None = None
    encoding: str | None = None
    info: dict[str, str] = field(default_factory=dict)
    #: data tables kept in the body (名单, 处罚决定): rows of cell texts, in page order
    tables: list[list[list[str]]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``govarchive extract`` and kept by the crawler."""
        return asdict(self)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by newlines."""
        return "\n".join(self.body)

    def flag(self, name: str) -> None:
        """Add a quality flag once."""
        if name not in self.flags:
            self.flags.append(name)


# -- what spiders yield to the pipeline ---------------------------------------------------


@dataclass(slots=True)
class FetchedNotice:
    """A notice page fetched and cleaned, with how it was fetched."""

    site: str
    notice: Notice
    requested_url: str | None = None  # the URL asked for, when a redirect moved the page
    etag: str | None = None
    last_modified: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    via: str | None = None  # "browser_session" when a browser earned the cookies it was sent with


@dataclass(slots=True)
class NoticeUnchanged:
    """A re-check answered 304 Not Modified."""

    site: str
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class NoticeGone:
    """A re-check found the notice gone: 404, 410, sent home, or a "page not found" page."""

    site: str
    url: str
    reason: str


@dataclass(slots=True)
class FetchedImage:
    """An image's bytes, keyed by the URL the notice shows it from (before redirects)."""

    site: str
    url: str
    body: bytes
    content_type: str | None = None


@dataclass(slots=True)
class FetchedAttachment:
    """An attachment's bytes, keyed by the URL the notice links to (before redirects)."""

    site: str
    url: str
    body: bytes
    content_type: str | None = None
    file_name: str | None = None  # from Content-Disposition, decoded


@dataclass(slots=True)
class FetchFailed:
    """A request that produced nothing to keep: recorded per run, retried on a later one."""

    site: str
    url: str
    kind: str  # http_404, http_503, timeout, too_large, dns, …
    what: str = "notice"  # list, notice or attachment
    detail: str | None = None  # what else the failure names: an off-site redirect's target


@dataclass(slots=True)
class ColumnWalked:
    """A column list walked in this crawl: how far, and what its first page showed."""

    site: str
    url: str
    channel: str | None
    to_end: bool
    first_page_links: int | None
    etag: str | None = None
    last_modified: str | None = None
    hit_page_limit: bool = False
    #: Notice links on each list page read, by (URL, POST form or ''): a page that shows far
    #: fewer than at its last reading is a health warning.
    page_links: dict[tuple[str, str], int] = field(default_factory=dict)
    #: The pager kind the first page showed (crawler.navigate.pagers), None when not read.
    pager: str | None = None
