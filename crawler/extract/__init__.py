"""Extraction: one notice page (HTML bytes) becomes one ``Notice`` with the text and nothing else.

Plain functions, no Scrapy, no network. The steps, each in its own module:

``decode``      bytes → text, trusting the bytes over the declared charset
``repair``      markup that makes lxml stop early; duplicated copies; repeated headlines
``lines``       one walk over the tree → visual lines with text/link/bold counts
``page``        head data, and script repair (pinyin readings, Traditional → Simplified)
``infotable``   the 政府信息公开 table, found first: its lines are metadata, never text
``content``     the block with the highest text gain is the article (table, title lines and
                teaser summaries do not count)
``body``        which of its lines are text (chrome, navigation and edges removed)
``chrome``      the phrases of Chinese government site chrome
``headline``    the headline line(s), subtitle, ``<title>`` site suffixes
``heading``     what a headline looks like when no title matches it
``metadata``    publish date, source, author (the header zone)
``breadcrumb``  channel names
``tables``      the data tables kept in the body, as rows of cells
``signature``   落款, 文号, trailing （办公室）
``fields``      the key–value box of event notices (时间/地点/主办单位/票价…) → ``info``
``media``       attachments and captioned images
``files``       what counts as an attached file (used while building lines and by media)
``dates``       Chinese date forms → ISO 8601
``script``      pinyin, t2s, mojibake detection
``flags``       truncated, multi_article
``score``       how records are scored against gold records (tests and bench)
``text``        whitespace and comparison helpers
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..items import Attachment, Image, ListHint, Notice
from . import body as body_rules
from . import (
    breadcrumb,
    content,
    dates,
    fields,
    heading,
    headline,
    infotable,
    media,
    metadata,
    script,
    signature,
)
from .decode import decode_html
from .flags import is_multi_article, is_truncated
from .lines import Line
from .page import Page, build_page
from .repair import parse
from .tables import find_tables
from .text import clean_space

__all__ = ["decode_html", "extract_notice"]


@dataclass
class _Layout:
    """Where things are on the page: the text block, its lines, the headline, the 公开 table."""

    container: HtmlElement
    indexes: list[int]  # page lines inside the text block
    first: int  # the first line of running text
    head: headline.Headline
    lines: list[Line]  # the body's lines (text and image markers)
    info: dict[str, str]
    excluded: set[int]  # the 公开 table's lines: metadata, never text or header

    @property
    def texts(self) -> list[str]:
        return [ln.text for ln in self.lines if ln.text]


def _text_start(page: Page, indexes: list[int], excluded: set[int]) -> int:
    """The first line of running text in the content block (its first real paragraph).

    ``excluded``: the 公开 table and lines that are the page's title. A long headline reads
    like text, so a heading element (h1, h2, ``.title``) or a title-like line standing over
    the date line is not the start either.
    """
    for i in indexes:
        line = page.lines[i]
        if i not in excluded and line.chars >= 10 and content.line_gain(line) > 0 and \
                not heading.is_heading(line) and not heading.over_date_line(page, i) and \
                not dates.is_stamp_line(line.text):
            return i
    return indexes[0] if indexes else len(page.lines)


def _lay_out(page: Page, hints: ListHint | None) -> _Layout:
    table = infotable.find_table(page.lines)
    info = infotable.read_table(table) if table is not None else {}
    excluded = set(content.lines_in(page.lines, table)) if table is not None else set()
    hint_title = _in_page_script(page, hints.title) if hints and hints.title else None
    info_title = info.get("标题") or info.get("名称")
    metadata_lines = excluded | headline.title_lines(page, hint_title, info_title)
    container = content.locate(page.lines, page.root, metadata_lines)
    indexes = content.lines_in(page.lines, container)
    first = _text_start(page, indexes, metadata_lines)
    head = headline.find_headline(page, first, hint_title, excluded, info_title)
    event, box = _event_box(page, head, first, indexes)
    if first in box:
        first = _text_start(page, [i for i in indexes if i > max(box)], metadata_lines)
    lines = body_rules.assemble(page.lines, indexes, container, head, excluded | box)
    return _Layout(container, indexes, first, head, lines, {**event, **info}, excluded | box)


def _event_box(page: Page, head: headline.Headline, first: int,
               indexes: list[int]) -> tuple[dict[str, str], set[int]]:
    """The key–value box of an event notice between the headline and the first punctuated
    paragraph (``fields``); a box line may have been taken for the start of the text."""
    start = head.end + 1 if head.end is not None else (indexes[0] if indexes else first)
    window: list[int] = []
    for i in range(start, min(len(page.lines), max(first, start) + 15)):
        text = page.lines[i].text
        if i >= first and len(text) >= 20 and re.search(r"[，。；！？]", text):
            break
        window.append(i)
    return fields.read_event_box(page.lines, window)


def _attachment_scope(container: HtmlElement) -> HtmlElement:
    """Attachments sit in or just around the text block."""
    scope = container
    for _ in range(2 if container.tag == "p" else 1):
        if scope.getparent() is not None and scope.tag not in ("body", "html"):
            scope = scope.getparent()
    return scope


def _choose_title(page: Page, head: headline.Headline, hint: ListHint | None,
                  info: dict[str, str]) -> str | None:
    """The visible headline; else the 公开 table's 标题; else ArticleTitle/og:title; else the
    list's title; else <title>."""
    if head.in_text:
        return head.title
    if info.get("标题") or info.get("名称"):
        return info.get("标题") or info.get("名称")
    for name in ("articletitle", "og:title"):
        if page.metas.get(name):
            return page.metas[name]
    if hint and hint.title:
        return _in_page_script(page, hint.title)
    return head.title


def _in_page_script(page: Page, text: str) -> str:
    """A list page's text repaired like the page's own: readings removed, same script."""
    text = clean_space(script.remove_pinyin(text)[0])
    return script.to_simplified(text) if page.traditional else text


def _source_and_author(page: Page, layout: _Layout, zone: list[int]) -> tuple[str | None, ...]:
    """来源/作者 in the header; else a （来源：单位 姓名） credit after the text; else a trailing
    （办公室）, which names the drafting office."""
    source = metadata.find_source(page, zone, layout.info)
    author = metadata.find_author(page, zone, layout.head, layout.first)
    last = layout.lines[-1].index if layout.lines else layout.first
    for i in [i for i in layout.indexes if i > last][:4]:
        unit, writer = signature.source_credit(page.lines[i].text)
        if unit and not source:
            source, author = unit, author or writer
    return source or signature.trailing_attribution(layout.texts), author


def _record(page: Page, layout: _Layout, hints: ListHint | None, encoding: str) -> Notice:
    head, texts = layout.head, layout.texts
    zone = [i for i in metadata.header_zone(page, head, layout.first) if i not in layout.excluded]
    last = layout.lines[-1].index if layout.lines else layout.first
    after = [i for i in range(last + 1, len(page.lines)) if page.lines[i].text]
    published = metadata.find_published(page, zone, head, layout.first, texts, layout.info,
                                        hints.published if hints else None, after)
    signed_by, signed_date = signature.find_signature(texts)
    top_lines = [page.lines[i].text for i in zone] + texts[:3]
    source, author = _source_and_author(page, layout, zone)
    if author and author in layout.info.values():
        author = None  # a value cell of the event box under the headline is no byline
    notice = Notice(
        url=page.url, title=_choose_title(page, head, hints, layout.info), subtitle=head.subtitle,
        published=published.value or signed_date, signed_by=signed_by, signed_date=signed_date,
        author=author, source=source, body=texts, encoding=encoding, info=layout.info,
        doc_number=signature.find_doc_number(layout.info, top_lines),
        channel=breadcrumb.find_channel(page, layout.first, head.title)
        or list(hints.channel if hints else []),
    )
    if published.without_year:
        notice.flag("date_without_year")
    return notice


def _add_media(notice: Notice, page: Page, layout: _Layout) -> None:
    for url, name, kind in media.find_attachments(page, _attachment_scope(layout.container)):
        notice.attachments.append(Attachment(url, name, kind))
    for img, caption in media.pair_captions(layout.lines):
        notice.images.append(Image(page.absolute(media.image_src(img)), caption, img.get("alt")))


def _original(page: Page, head: headline.Headline, lines: list[Line]) -> dict:
    """The page's own title, subtitle and body, before readings and script were changed."""
    title = " ".join(page.lines[i].original or page.lines[i].text for i in head.lines)
    sub = page.lines[head.subtitle_lines[0]] if head.subtitle_lines else None
    return {
        "title": title or page.original_title or None,
        "subtitle": (sub.original or sub.text) if sub else None,
        "body": [ln.original or ln.text for ln in lines if ln.text],
    }


def _flag_all(notice: Notice, page: Page, head: headline.Headline) -> None:
    checks = (
        ("traditional_script", page.traditional),
        ("pinyin_removed", page.pinyin_removed > 0),
        ("encoding_damage", script.has_mojibake("\n".join([notice.title or "", *notice.body]))),
        ("truncated", is_truncated(notice.body)),
        ("multi_article", is_multi_article(notice.body)),
        ("no_title_in_text", bool(notice.title) and not head.in_text),
        ("no_date", not notice.published),
        ("empty_body", not notice.body),
    )
    for name, applies in checks:
        if applies:
            notice.flag(name)


def extract_notice(html: bytes, url: str, hints: ListHint | None = None, *,
                   content_type: str | None = None) -> Notice:
    """Turn one notice page into a ``Notice`` (``hints``: what its list page said)."""
    text, encoding = decode_html(html, content_type)
    page = build_page(parse(text), url)
    layout = _lay_out(page, hints)
    notice = _record(page, layout, hints, encoding)
    _add_media(notice, page, layout)
    notice.tables = find_tables(layout.lines, lambda cell: _in_page_script(page, cell))
    if page.traditional or page.pinyin_removed:
        notice.original = _original(page, layout.head, layout.lines)
    _flag_all(notice, page, layout.head)
    return notice
