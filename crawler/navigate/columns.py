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
)
MORE_RE = re.compile(r"^(更多|more|更多>>|>>|更多\s*[>›»+]+|MORE\s*[>+]*|\+)$", re.I)
MAX_NAME = 10


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


def find_columns(root: HtmlElement, base_url: str, *, same_site: bool = True) -> list[Column]:
    """Notice columns linked from the page, most important first, each URL once."""
    host = urlsplit(base_url).netloc
    found: dict[str, Column] = {}
    for anchor in root.iter("a"):
        url = absolute(base_url, anchor.get("href"))
        if not url or (same_site and urlsplit(url).netloc != host):
            continue
        text = " ".join(anchor.text_content().split()) or (anchor.get("title") or "").strip()
        rank = _match(text)
        name = text
        if rank is None and MORE_RE.match(text):
            heading = _heading_of(anchor)
            if heading:
                name, rank = heading, _match(heading)
        if rank is None:
            continue
        name = re.sub(r"[\s>»›·•|]+", "", name)
        if url not in found or rank < found[url].rank:
            found[url] = Column(name=name, url=url, rank=rank)
    return sorted(found.values(), key=lambda c: c.rank)
