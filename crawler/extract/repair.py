"""Repairs for damage that would otherwise cost text or duplicate it.

- Before parsing: header includes pasted into a page leave a stray ``</html>`` or ``</body>``
  early in the file, and libxml2 stops reading there, losing the article; NUL bytes stop it
  too; an XML declaration makes lxml refuse a decoded string. The closing tags are never needed
  (the parser closes everything at the end of input), so they are removed.
- After finding the content: responsive templates carry the article twice, once for phones
  (hidden by CSS we never load); a block whose text repeats an earlier block is dropped.
- Headline repeated in the body: many CMS templates print the headline again as the first
  paragraph of the text (sometimes split over lines); those lines are not body.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.html import HtmlElement

from .lines import Line
from .text import key

_STRAY_CLOSE = re.compile(r"</\s*(?:html|body)\s*>", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_MOBILE = re.compile(r"mobile|phone|wap|(?:^|[-_\s])(?:m|sj|mob)(?:$|[-_\s])", re.I)


def repair_markup(html: str) -> str:
    """Remove what makes lxml stop early or refuse the string."""
    html = _XML_DECL.sub("", html, count=1).replace("\x00", "")
    return _STRAY_CLOSE.sub("", html)


def parse(html: str) -> HtmlElement:
    """Parse repaired markup into a document tree (``<html>`` root).

    The one way fetched HTML is parsed: notices here, list pages in the CMS adapters, and
    the blocked-page checks all read the whole document through it.
    """
    try:
        return lxml.html.document_fromstring(repair_markup(html))
    except (ValueError, lxml.etree.ParserError):
        return lxml.html.document_fromstring("<html><body></body></html>")


def _mobile_marked(el: HtmlElement) -> bool:
    return bool(_MOBILE.search(f"{el.get('class', '')} {el.get('id', '')}"))


def _blocks(lines: list[Line], container: HtmlElement) -> dict[HtmlElement, list[Line]]:
    """Every element of the container (itself excluded) with the text lines inside it."""
    blocks: dict[HtmlElement, list[Line]] = {}
    for line in lines:
        if not line.text:
            continue
        el = line.owner
        while el is not None and el is not container:
            blocks.setdefault(el, []).append(line)
            el = el.getparent()
    return blocks


def contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    """Is ``inner`` the element ``outer`` or inside it?"""
    while inner is not None:
        if inner is outer:
            return True
        inner = inner.getparent()
    return False


def drop_duplicate_blocks(lines: list[Line], container: HtmlElement) -> list[Line]:
    """Drop a multi-line block of the container that repeats another block's text.

    A single repeated paragraph stays (pages do repeat a sentence on purpose); a block of two
    or more lines and 100+ characters that repeats a block it is not nested in is a second
    copy of the article, and the copy marked for phones (or, failing that, the later one) goes.
    """
    seen: dict[str, HtmlElement] = {}
    dropped: list[HtmlElement] = []
    for block, members in _blocks(lines, container).items():
        if len(members) < 2 or sum(m.chars for m in members) < 100:
            continue
        block_key = "\n".join(m.text for m in members)
        first = seen.setdefault(block_key, block)
        if first is not block and not contains(first, block) and not contains(block, first):
            copy = first if _mobile_marked(first) and not _mobile_marked(block) else block
            dropped.append(copy)
    if not dropped:
        return lines
    return [ln for ln in lines if not any(contains(d, ln.owner) for d in dropped)]


def headline_lines(lines: list[Line], title: str | None, limit: int = 4) -> set[int]:
    """Indexes (into ``lines``) of leading lines that only repeat the headline.

    Looks at the first ``limit`` text lines; a run of up to four consecutive lines whose joined
    text equals the title counts, so a headline broken with ``<br>`` is found too.
    """
    title_key = key(title)
    if not title_key:
        return set()
    texts = [i for i, ln in enumerate(lines) if ln.text][:limit + 3]
    for start in range(min(limit, len(texts))):
        joined = ""
        for stop in range(start, min(start + 4, len(texts))):
            joined += key(lines[texts[stop]].text)
            if joined == title_key:
                return set(texts[start:stop + 1])
            if not title_key.startswith(joined):
                break
    return set()
