"""Which links of a column list page are its notices, without a hand-written URL pattern.

A column page carries many links: the site's menus, a sidebar of other columns, friend links,
a footer, "更多" links of neighbouring blocks, and the list itself. The list is the block whose
items repeat one structure (the same element, the link in the same place in each) and read like
notices: titles of some length, usually a date beside each, URLs that name one document. So the
links are grouped by the repeated item they sit in, and each group is scored on those signs;
the best group is the list. A registry ``detail_pattern`` still wins when given.

``parse_list`` is the ``cms = "auto"`` adapter: it fingerprints the page, reads Hanweb's inline
records where there are some, infers the list and finds the pager (crawler.navigate.pagers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from crawler.extract.repair import contains, parse
from crawler.items import ListHint
from crawler.navigate.cms.base import (
    DATE_RE,
    ListPage,
    ListRequest,
    absolute,
    iso_date,
    link_title,
    notice_links,
)

#: Blocks that are site chrome, by words in their class or id.
CHROME_RE = re.compile(
    r"nav|menu|foot|friend|yqlj|links?\b|copyright|banner|header|breadcrumb|crumb|weizhi|"
    r"location|position|share|(?<!in)side|pager|fenye|paging|rank",
    re.IGNORECASE,
)
#: Link texts that are never a notice: column "more" links, pager and tool links.
NOT_NOTICE_RE = re.compile(r"^(更多|more|详细|详情|查看|>>|»|首页|尾页|末页|上一页|下一页|上页|下页|\d{1,3}|\[?\d{1,3}\]?)$", re.IGNORECASE)
ITEM_TAGS = {"li", "tr", "dd", "dt", "div", "p", "h2", "h3", "h4", "article", "section", "dl", "span", "td", "table"}
#: Elements that are list items by their tag, even alone (the last page of a list may hold one).
LIST_ITEM_TAGS = {"li", "tr", "dd"}
#: Blocks marked as a list or the page's main part, by words in their class or id.
LISTISH_RE = re.compile(r"list|news|article|content|main|lb|wz|xxgk|gkml|tzgg", re.IGNORECASE)
SHORT_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[-/.月](\d{1,2})日?(?!\d)")


@dataclass
class LinkGroup:
    """The links at one place of one repeated item: one candidate list."""

    container: HtmlElement
    signature: tuple
    items: list[HtmlElement] = field(default_factory=list)
    anchors: list[HtmlElement] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    score: float = 0.0


def _item_of(anchor: HtmlElement) -> tuple[HtmlElement, HtmlElement] | None:
    """The repeated item an anchor sits in and the item's container: the nearest ancestor that
    has at least two siblings of its own tag (an anchor directly repeated counts too)."""
    node = anchor
    for _ in range(6):  # a list element (li, tr, dd) is the item whenever there is one
        parent = node.getparent()
        if parent is None:
            break
        if node.tag in LIST_ITEM_TAGS:
            return node, parent
        node = parent
    node = anchor
    for _ in range(8):
        parent = node.getparent()
        if parent is None:
            return None
        same = sum(1 for child in parent if child.tag == node.tag)
        if same >= 3 and (node.tag in ITEM_TAGS or node is anchor):
            return node, parent
        node = parent
    return None


def _path(item: HtmlElement, anchor: HtmlElement) -> tuple:
    """Where the link sits inside its item, as tag names with their position among siblings
    of the same tag (the title link and a column tag link of one item differ here)."""
    steps = []
    node = anchor
    while node is not item and node is not None:
        parent = node.getparent()
        index = [c for c in parent if c.tag == node.tag].index(node) if parent is not None else 0
        steps.append((node.tag, min(index, 3)))
        node = parent
    return tuple(reversed(steps))


def _text(anchor: HtmlElement) -> str:
    return " ".join((anchor.text_content() or "").split()) or (anchor.get("title") or "").strip()


def _chrome(node: HtmlElement, limit: int = 6) -> bool:
    """The block or one of its near ancestors is marked as chrome by its class or id."""
    for _ in range(limit):
        if node is None or node.tag in ("body", "html"):
            return False
        marks = f"{node.get('class', '')} {node.get('id', '')}"
        if node.tag in ("nav", "footer", "header") or (marks.strip() and CHROME_RE.search(marks)):
            return True
        node = node.getparent()
    return False


def _detail_like(url: str, list_url: str) -> bool:
    """A URL that names one document: digits in its last part, not a column index page."""
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    if not last or re.fullmatch(r"(index|default|list)(_\d+)?\.\w+", last, re.IGNORECASE):
        return False
    if urlsplit(url).netloc != urlsplit(list_url).netloc:
        return False
    return bool(re.search(r"\d{3,}", path + "?" + urlsplit(url).query))


def _list_holder(container: HtmlElement) -> tuple[HtmlElement | None, tuple]:
    """The element a list's blocks share, and the shape of the wrapper each block sits in.

    Some templates put every block of items in its own wrapper (an unclassed ``<div>`` per
    five items, shown by script, perhaps with a separator after it): sibling wrappers of one
    tag and class, with no id, each holding one block of the container's tag, are one list, so
    they group on the wrappers' parent.
    """
    holder = container.getparent()
    if holder is None or holder.get("id"):
        return holder, ()
    outer = holder.getparent()
    if outer is None or _blocks(holder, container.tag) != 1:
        return holder, ()
    shape = (holder.tag, holder.get("class"))
    twins = [
        el for el in outer
        if isinstance(el.tag, str) and (el.tag, el.get("class")) == shape and not el.get("id")
        and _blocks(el, container.tag) == 1
    ]
    if len(twins) < 2:
        return holder, ()
    return outer, shape


def _blocks(wrapper: HtmlElement, tag: str) -> int:
    return sum(1 for child in wrapper if child.tag == tag)


def candidate_groups(root: HtmlElement, base_url: str) -> list[LinkGroup]:
    """Links grouped by the repeated item and the place in it they occupy."""
    groups: dict[tuple, LinkGroup] = {}
    for anchor in root.iter("a"):
        url = absolute(base_url, anchor.get("href"))
        text = _text(anchor)
        if not url or not text or NOT_NOTICE_RE.match(text):
            continue
        found = _item_of(anchor)
        if found is None:
            continue
        item, container = found
        # Lists split into several blocks of the same kind (one <ul> per five items) are one
        # list: sibling containers of one tag and class share the key. Items' own classes
        # are left out (rows alternate "odd" / "even").
        holder, wrap = _list_holder(container)
        key = (holder, wrap, container.tag, container.get("class"), item.tag, _path(item, anchor))
        group = groups.get(key)
        if group is None:
            group = groups[key] = LinkGroup(container=container, signature=key)
        if url in group.urls:
            continue
        group.urls.append(url)
        group.anchors.append(anchor)
        if not group.items or group.items[-1] is not item:
            group.items.append(item)
    return list(groups.values())


def _score(group: LinkGroup, base_url: str) -> float:
    n = len(group.urls)
    if n < 1:
        return 0.0
    texts = [_text(a) for a in group.anchors]
    mean_len = sum(len(t) for t in texts) / n
    dated = 0.0
    for item in group.items:
        words = item.text_content() or ""
        dated += 1.0 if DATE_RE.search(words) else 0.6 if SHORT_DATE_RE.search(words) else 0.0
    dated /= max(1, len(group.items))
    detail = sum(1 for u in group.urls if _detail_like(u, base_url)) / n
    score = n * (0.35 + dated) * min(1.0, mean_len / 10) * (0.3 + detail)
    if _chrome(group.container):
        score *= 0.25
    elif _marked(group.container, LISTISH_RE):
        score *= 1.3
    return score


def _marked(node: HtmlElement, pattern: re.Pattern[str], limit: int = 4) -> bool:
    for _ in range(limit):
        if node is None or node.tag in ("body", "html"):
            return False
        if pattern.search(f"{node.get('class', '')} {node.get('id', '')}"):
            return True
        node = node.getparent()
    return False


def infer_notices(root: HtmlElement, base_url: str, channel: list[str] | None = None) -> list[ListHint]:
    """The notices of the page's main list, in page order, each with what the list says."""
    groups = candidate_groups(root, base_url)
    for group in groups:
        group.score = _score(group, base_url)
    best = max(groups, key=lambda g: g.score, default=None)
    if best is None or best.score <= 0:
        return []
    hints = []
    for anchor, url in zip(best.anchors, best.urls):
        item = anchor
        for candidate in best.items:
            if contains(candidate, anchor):
                item = candidate
                break
        hints.append(ListHint(url=url, title=link_title(anchor),
                              published=iso_date(item.text_content() or ""),
                              channel=list(channel or [])))
    return hints


# -- the auto adapter ---------------------------------------------------------------------


def read_list(text: str, url: str, *, detail: re.Pattern[str] | None = None,
              channel: list[str] | None = None, cms: str | None = None,
              posted: str | None = None, browser: bool = False):
    """Everything one list answer says: (cms, confidence, notices, pager).

    Hanweb answers (column pages with inline records, dataproxy XML) are read by the Hanweb
    adapter's rules; every other page by inference and the pager finders.
    """
    from crawler.navigate import fingerprint, pagers
    from crawler.navigate.cms import hanweb

    found_cms, confidence = (cms, 1.0) if cms else fingerprint.detect(text, url)
    data = _json(text)
    if data is not None:
        notices = json_notices(data, url, channel, detail)
        return found_cms, confidence, notices, pagers.json_pager(data, url, len(notices))
    records = hanweb.RECORD_RE.findall(text)
    if records or "dataproxy.jsp" in url:
        fragment = "<ul>" + "".join(records) + "</ul>"
        root = parse(fragment)
        notices = (notice_links(root, url, detail, list(channel or [])) if detail is not None
                   else infer_notices(root, url, channel) or notice_links(root, url, None, list(channel or [])))
        page = hanweb.parse_list(text, url, _Site(detail), _Column(list(channel or []), browser), posted=posted)
        pager = pagers.Pager("hanweb-dataproxy", page.more, None) if page.more else pagers.Pager("none", [], None)
        return found_cms if found_cms != "generic" else "hanweb", confidence, notices, pager
    root = parse(text)
    if detail is not None:
        notices = notice_links(root, url, detail, list(channel or []))
    else:
        notices = infer_notices(root, url, channel)
    pager = pagers.find_pager(text, root, url, browser=browser)
    return found_cms, confidence, notices, pager


def _json(text: str):
    stripped = text.lstrip("\ufeff \r\n\t")
    if not stripped.startswith(("{", "[")):
        return None
    import json

    try:
        return json.loads(stripped)
    except ValueError:
        return None


URL_KEYS = ("url", "link", "href", "docurl", "doc_url", "art_url", "arturl", "linkurl", "path", "detailurl")
TITLE_KEYS = ("title", "doctitle", "name", "subject", "art_title", "maintitle")
DATE_KEYS = ("date", "pubdate", "publishdate", "publish_date", "releasedate", "time", "created", "docreltime", "first_publish_time",
             "created_at", "publish_time")


def json_notices(data, url: str, channel: list[str] | None = None,
                 detail: re.Pattern[str] | None = None) -> list[ListHint]:
    """The notices of a JSON list answer ("load more" files, gkmlpt and other list APIs): the
    largest array of records that each carry a link and a title."""
    best: list[ListHint] = []
    for records in _arrays(data):
        hints = []
        for record in records:
            if not isinstance(record, dict):
                continue
            fields = {str(k).lower(): v for k, v in record.items()}
            link = next((fields[k] for k in URL_KEYS if isinstance(fields.get(k), str) and fields[k].strip()), None)
            title = next((fields[k] for k in TITLE_KEYS if isinstance(fields.get(k), str) and fields[k].strip()), None)
            target = absolute(url, link) if link else None
            if not target or not title or (detail is not None and not detail.search(target)):
                continue
            when = next((str(fields[k]) for k in DATE_KEYS if fields.get(k)), "")
            hints.append(ListHint(url=target, title=" ".join(re.sub(r"<[^>]+>", "", title).split()),
                                  published=iso_date(when), channel=list(channel or [])))
        if len(hints) > len(best):
            best = hints
    return best


def _arrays(data, depth: int = 0):
    if depth > 5:
        return
    if isinstance(data, list):
        yield data
        for item in data[:3]:
            yield from _arrays(item, depth + 1)
    elif isinstance(data, dict):
        for value in data.values():
            yield from _arrays(value, depth + 1)


@dataclass(frozen=True)
class _Site:
    detail_regex: re.Pattern[str] | None


@dataclass(frozen=True)
class _Column:
    channel: list[str] | None
    browser: bool = False


def parse_list(text: str, url: str, site, column, *, posted: str | None = None) -> ListPage:
    """The ``cms = "auto"`` adapter (and ``generic`` without a pattern)."""
    _, _, notices, pager = read_list(text, url, detail=site.detail_regex, channel=list(column.channel),
                                     posted=posted, browser=column.browser)
    return ListPage(notices=notices, more=list(pager.requests), pager=pager.kind)


__all__ = ["ListRequest", "candidate_groups", "infer_notices", "parse_list", "read_list"]
