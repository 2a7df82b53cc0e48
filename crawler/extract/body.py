"""Which lines of the content block are the notice's text.

The content block is the best element, not a clean one: it may start with the breadcrumb and
the headline (pages that put everything in one frame), carry the date/source line, a promo
link, a pager, 上一篇/下一篇 and the footer. The rules, in order:

1. nothing before the headline is text (when the headline sits in the block's first half);
2. headline, subtitle and 政府信息公开 table lines are metadata, not text;
3. a second copy of the article (the phone layout) goes;
4. 上一篇/下一篇 or a related-list/comments header, once a paragraph has been read, ends the text;
5. lines that are mostly link text are navigation, unless they link a file (附件);
6. chrome lines go (``chrome.is_chrome``);
7. labelled date/source/author lines, bare dates, contact lines, a byline and an unlabelled
   date stamp (``湖北日报客户端 2024-03-12 15:35:47``) go at the two edges only (inside a meeting notice, ``时间：…`` and ``联系电话：…`` are text);
8. leading lines that repeat the headline go.

Images stay as marker lines in place, for captions; they are not text.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from . import chrome, content, dates, repair, signature
from .content import links_file
from .headline import Headline
from .lines import Line, data_cell

_CLAUSE = re.compile(r"[，。；！？,;!?]")


def _after_headline(indexes: list[int], lines: list[Line], head: Headline) -> list[int]:
    """Drop the block's lines up to the headline, if it sits in the block's first half."""
    if head.end is None or head.end not in indexes:
        return indexes
    before = sum(lines[i].chars for i in indexes if i <= head.end)
    total = sum(lines[i].chars for i in indexes) or 1
    return [i for i in indexes if i > head.end] if before <= 0.5 * total else indexes


def _is_navigation(line: Line) -> bool:
    return line.link_ratio >= 0.5 and not links_file(line)


def _is_paragraph(line: Line) -> bool:
    """Running text: a sentence of some length, not a link."""
    return line.chars >= 20 and not _is_navigation(line) and bool(_CLAUSE.search(line.text))


def _linked_subheads(kept: list[Line]) -> set[int]:
    """Sub-headlines set as links inside the text (a press round-up links each item's headline
    to the full story): a short line that is one link, not in a list item, after text of the
    article and right before a paragraph of its own block. A teaser list puts its summary in the
    link's list item, or cuts it off (``teasers``); those stay navigation."""
    teased = content.teasers(kept)
    found: set[int] = set()
    seen_text = False
    texts = [ln for ln in kept if ln.image is None]
    for pos, line in enumerate(texts):
        nxt = texts[pos + 1] if pos + 1 < len(texts) else None
        if seen_text and _is_navigation(line) and line.link_ratio >= 0.9 and \
                4 <= line.chars <= 40 and not chrome.is_chrome(line.text) and \
                content.list_item(line.owner) is None and nxt is not None and \
                _is_paragraph(nxt) and nxt.index not in teased and \
                nxt.owner.getparent() is line.owner.getparent():
            found.add(line.index)
        seen_text = seen_text or (not _is_navigation(line) and line.chars > 0)
    return found


def _cut_trailing_link_lists(kept: list[Line], subheads: set[int]) -> list[Line]:
    """After the last paragraph, a promo or link box inside the text frame (重点推荐, 证券要闻 …):
    from its first link on, the tail holds only links and their short section headings, so
    none of it is text. A tail with anything else (a signature, 附件 files, a sentence) stays
    for the other rules."""
    paragraphs = [pos for pos, ln in enumerate(kept) if _is_paragraph(ln)]
    if not paragraphs:
        return kept
    for pos in range(paragraphs[-1] + 1, len(kept)):
        if _is_navigation(kept[pos]) and kept[pos].index not in subheads:
            tail = kept[pos:]
            if all(ln.image is not None or _is_navigation(ln) or chrome.is_meta_line(ln.text) or
                   chrome.is_chrome(ln.text) or _list_heading(ln) for ln in tail):
                return kept[:pos] + [ln for ln in tail if chrome.is_meta_line(ln.text)]
            return kept
    return kept


def _list_heading(line: Line) -> bool:
    """A short unpunctuated line: the heading of a list of links (证券要闻, 重点推荐)."""
    return 0 < line.chars <= 12 and not _CLAUSE.search(line.text) and not links_file(line) and \
        not dates.first_date(line.text) and not signature.org_line(line.text)


def _cut_at_stopper(body: list[Line]) -> list[Line]:
    """End the text at 上一篇/下一篇 or a related-list header once a paragraph has been seen."""
    seen_paragraph = False
    for pos, line in enumerate(body):
        if seen_paragraph and chrome.is_stopper(line.text):
            return body[:pos]
        seen_paragraph = seen_paragraph or (line.chars >= 20 and not _is_navigation(line) and
                                            bool(_CLAUSE.search(line.text)))
    return body


def _leading_meta(line: Line, position: int, head: Headline) -> bool:
    """Date/source lines, numeric date lines, and a byline right under the headline."""
    if chrome.is_meta_line(line.text):
        return True
    if position < 2 and dates.is_stamp_line(line.text):
        return True
    return position < 2 and head.in_text and chrome.is_byline(line.text) and \
        line.owner.tag != "tr" and data_cell(line.owner) is None  # a header row (序号 姓名) is no byline


def _trim_edges(body: list[Line], head: Headline) -> list[Line]:
    """Meta lines before the first paragraph and after the last one."""
    start = 0
    while start < len(body) and _leading_meta(body[start], start, head):
        start += 1
    stop = len(body)
    while stop > start and (chrome.is_empty_box_label(body[stop - 1].text) or
                            chrome.is_meta_line(body[stop - 1].text) and
                            not _closes_the_text(body, stop - 1, start)):
        stop -= 1
    return body[start:stop]


def _closes_the_text(body: list[Line], pos: int, start: int) -> bool:
    """A meta-looking line at the end that is the notice's own: the date under the signing
    organisation (``人文学院`` / ``2022.4.13``), or a contact line set as a paragraph beside
    the text's own (电话, 地址, 邮编 of the office to apply to). A footer's contact lines sit in
    a block of their own, not among the text's paragraphs."""
    line = body[pos]
    if pos > start and signature.org_line(body[pos - 1].text) and \
            signature.date_line(line.text):
        return True
    if not chrome.is_contact_line(line.text):
        return False
    text_before = [ln for ln in body[start:pos] if not chrome.is_meta_line(ln.text)]
    return bool(text_before) and text_before[-1].owner.getparent() is line.owner.getparent()


def assemble(lines: list[Line], indexes: list[int], container: HtmlElement, head: Headline,
             excluded: set[int]) -> list[Line]:
    """The body lines (text and image markers) of the content block, in page order."""
    indexes = _after_headline(indexes, lines, head)
    skip = excluded | set(head.lines) | set(head.subtitle_lines)
    kept = [lines[i] for i in indexes if i not in skip]
    kept = _cut_at_stopper(repair.drop_duplicate_blocks(kept, container))
    subheads = _linked_subheads(kept)
    kept = _cut_trailing_link_lists(kept, subheads)
    text = [ln for ln in kept if ln.text and (not _is_navigation(ln) or ln.index in subheads) and
            not chrome.is_chrome(ln.text)]
    text = _trim_edges(text, head)
    repeated = repair.headline_lines(text, head.title)
    text = [ln for pos, ln in enumerate(text) if pos not in repeated]
    first = text[0].index if text else 0
    last = text[-1].index if text else -1
    images = [ln for ln in kept if ln.image is not None and first - 2 <= ln.index <= last + 1]
    return sorted(text + images, key=lambda ln: ln.index) if text else []
