"""Which columns (栏目) of a site publish notices, found from a home page or a column page.

Government and CPPCC sites name their notice columns with a small vocabulary (通知公告,
公告公示, 工作动态, 政务公开, 政协要闻, 提案, 社情民意…). A column is a link whose text is one of
those names (short: a notice title that mentions 通知 is not a column), or the "更多" link of a
block headed by one. The names are data (``COLUMN_NAMES``), in the order they matter most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.navigate.cms.base import absolute

COLUMN_NAMES = (
    "通知公告", "公告公示", "通知", "公告", "公示", "工作动态", "政务公开", "信息公开", "政府信息公开",
    "政协要闻", "政协新闻", "要闻动态", "新闻动态", "新闻中心", "提案工作", "提案", "社情民意",
    "委员风采", "履职动态", "专委会工作", "文件通知", "政策文件", "部门动态", "县区动态", "基层动态",
    "要闻", "动态", "要聞", "動態", "公開", "通知公告", "期刊",
)
MORE_RE = re.compile(r"^(更多|more|更多>>|>>|更多\s*[>›»+]+|MORE\s*[>+]*|\+)$", re.I)
MAX_NAME = 10
#: A link to one notice, not a column: a date or a long id in its last path segment.
NOTICE_LIKE_RE = re.compile(r"(?:19|20)\d{2}[01]\d|\d{5,}")


@dataclass(frozen=True)
class Column:
    name: str  # the column's own words (its link text or its block's heading)
    url: str
    rank: int  # position of the matched name in COLUMN_NAMES: smaller matters more


def _match(text: str) -> int | None:
    """The rank of the column name a short link text is, or None."""
    text = re.sub(r"[\s>»›·•|]+", "", text)
    if not text or len(text) > MAX_NAME:
        return None
    for rank, name in enumerate(COLUMN_NAMES):
        if name in text:
            return rank
    return None


def _heading_of(anchor: HtmlElement) -> str | None:
    """The heading of the block a "更多" link belongs to: the nearest ancestor's first short
    text that names a column."""
    node = anchor.getparent()
    for _ in range(4):
        if node is None:
            return None
        for el in node.iter():
            if el is anchor or not isinstance(el.tag, str):
                continue
            own = " ".join((el.text or "").split())
            if own and _match(own) is not None:
                return own
        node = node.getparent()
    return None


def _notice_like(url: str) -> bool:
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    if re.fullmatch(r"(index|default|list)(_\d+)?(\.\w+)?", last, re.I):
        return False
    return bool(NOTICE_LIKE_RE.search(last + urlsplit(url).query))


def _home(url: str) -> bool:
    """The site's home page: never a column."""
    return bool(re.fullmatch(r"/?((index|default)\.\w+)?", urlsplit(url).path, re.I)) and not urlsplit(url).query


def _folder(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path.rsplit('/', 1)[0]}/"


def find_columns(root: HtmlElement, base_url: str, *, same_site: bool = True) -> list[Column]:
    """Notice columns linked from the page, most important first, each URL once.

    A column is named by the vocabulary, or — whatever its name — is the folder that two or
    more of the notices this page links to sit in (a TRS column /zxqk/bjgc/ and its notices
    /zxqk/bjgc/202006/t20200626_29252.html)."""
    host = urlsplit(base_url).netloc
    found: dict[str, Column] = {}
    notice_urls = [u for u in (absolute(base_url, a.get("href")) for a in root.iter("a")) if u and _notice_like(u)]
    for anchor in root.iter("a"):
        url = absolute(base_url, anchor.get("href"))
        if not url or (same_site and urlsplit(url).netloc != host) or _notice_like(url) or _home(url):
            continue
        text = " ".join(anchor.text_content().split()) or (anchor.get("title") or "").strip()
        rank = _match(text)
        name = text
        if rank is None and MORE_RE.match(text):
            heading = _heading_of(anchor)
            if heading:
                name, rank = heading, _match(heading)
        if rank is None and 1 < len(re.sub(r"\s+", "", text)) <= MAX_NAME:
            folder = _folder(url if url.endswith("/") else url.rsplit("/", 1)[0] + "/")
            if sum(1 for u in notice_urls if u.split("://", 1)[-1].startswith(folder)) >= 2:
                name, rank = text, len(COLUMN_NAMES)
        if rank is None:
            continue
        name = re.sub(r"[\s>»›·•|]+", "", name)
        if url not in found or rank < found[url].rank:
            found[url] = Column(name=name, url=url, rank=rank)
    return sorted(found.values(), key=lambda c: c.rank)
