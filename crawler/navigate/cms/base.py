"""What every adapter shares: the result types and reading links out of a list page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urldefrag

import lxml.html

from crawler.extract.repair import parse as parse_html  # noqa: F401 - the one parser, for the adapters
from crawler.items import ListHint
from crawler.urls import canonical

DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
NEXT_PAGE_TEXTS = {"下一页", "下页", "后页", "下一頁", "下一页>", "下一页 >", ">", "›", "»", "next"}


@dataclass(frozen=True, slots=True)
class ListRequest:
    """A further list page to fetch: a GET link, a POST to a data endpoint, or a page that
    needs a browser to show its links."""

    url: str
    method: str = "GET"
    body: str | None = None  # application/x-www-form-urlencoded
    browser: bool = False


@dataclass(slots=True)
class ListPage:
    notices: list[ListHint] = field(default_factory=list)
    more: list[ListRequest] = field(default_factory=list)
    pager: str | None = None  # the kind of pager found (crawler.navigate.pagers), when known


def iso_date(text: str) -> str | None:
    """The first full date in a list entry (2020-01-29, 2020年1月29日, 2020/1/29)."""
    match = DATE_RE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def absolute(base_url: str, href: str | None) -> str | None:
    """An absolute http(s) URL without fragment, or None for javascript:, mailto: and '#'."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#", "tel:")):
        return None
    try:
        url = urldefrag(urljoin(base_url, href))[0]
    except ValueError:  # no URL at all (http://[x): kept, for the crawler to record as bad
        return href if href.lower().startswith(("http://", "https://")) else None
    if not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return canonical(url)
    except ValueError:  # a port that is not a number: kept, for the crawler to record as bad
        return url


def link_title(anchor: lxml.html.HtmlElement) -> str | None:
    """A list link's title: its title attribute (lists truncate the text with …), else text."""
    title = (anchor.get("title") or "").strip()
    text = " ".join(anchor.text_content().split())
    return title or text or None


def entry_text(anchor: lxml.html.HtmlElement) -> str:
    """The text of the list entry around a link (its <li> or table row), for its date."""
    node = anchor
    for _ in range(4):
        parent = node.getparent()
        if parent is None:
            break
        node = parent
        if node.tag in ("li", "tr", "dd", "dl", "p"):
            break
    return node.text_content()


def notice_links(
    root: lxml.html.HtmlElement, base_url: str, detail: re.Pattern[str] | None, channel: list[str]
) -> list[ListHint]:
    """Links on a list page that lead to notices, in page order, each once.

    Only the densest group of links (the list itself, not a sidebar of related items) carries
    the column's channel as a hint; sidebar links are still followed, without it.
    """
    found: dict[str, tuple[ListHint, object]] = {}
    for anchor in root.iter("a"):
        url = absolute(base_url, anchor.get("href"))
        if not url or url in found or (detail is not None and not detail.search(url)):
            continue
        hint = ListHint(url=url, title=link_title(anchor), published=iso_date(entry_text(anchor)))
        found[url] = (hint, _group_of(anchor))
    if not found:
        return []
    counts: dict[object, int] = {}
    for _, group in found.values():
        counts[group] = counts.get(group, 0) + 1
    main_group = max(counts, key=counts.get)
    for hint, group in found.values():
        if group is main_group:
            hint.channel = list(channel)
    return [hint for hint, _ in found.values()]


def _group_of(anchor: lxml.html.HtmlElement) -> object:
    """The container a list link belongs to: its nearest list, table or block ancestor."""
    node = anchor.getparent()
    while node is not None and node.tag not in ("ul", "ol", "table", "tbody", "dl"):
        if node.tag == "div" and len(node) > 2:
            return node
        node = node.getparent()
    return node


def next_page_links(root: lxml.html.HtmlElement, base_url: str) -> list[str]:
    """Pager links labelled 下一页 / 下页 / > that lead somewhere other than this page."""
    urls = []
    for anchor in root.iter("a"):
        label = " ".join(anchor.text_content().split()).lower()
        if label in NEXT_PAGE_TEXTS or label.startswith("下一页"):
            url = absolute(base_url, anchor.get("href"))
            if url and url != canonical(base_url) and url not in urls:
                urls.append(url)
    return urls
