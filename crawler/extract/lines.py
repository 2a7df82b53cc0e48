"""The page as a list of visual lines, built in one walk over the lxml tree.

Everything downstream (finding the content block, the headline, the date line, the chrome)
reasons about what a reader sees as lines: a ``<p>``, a table cell, a ``<br>``-separated row.
Building them once, with per-line counts of text, link text and bold text and the block element
that owns each line, keeps the rest linear in the size of the page. Images are kept as marker
lines so that captions can be paired with the picture they sit next to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from .files import file_kind
from .text import alnum_count, clean_space

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split())
CELL_TAGS = frozenset(("td", "th"))
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BOLD_TAGS = frozenset("b strong".split()) | HEADING_TAGS
#: Elements whose content is never text a reader sees.
SKIP_TAGS = frozenset(
    "script style noscript iframe frame frameset select option textarea button input object "
    "embed svg canvas template map audio video head title meta link base param source".split())
# Class/id words of page furniture that can hold punctuated text (comments, related summaries).
_NOISE_NAME = re.compile(
    r"comment|pinglun|(?<![a-z])cmt|reply|discuss|related|xgxw|xgwz|xgyd|tuijian|recommend|hotnews|"
    r"paihang|rank|footer|copyright|crumb|share|qrcode|erweima", re.I)
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)|"
    r"position\s*:\s*fixed|(?:text-indent|left|top)\s*:\s*-\d{4,}px", re.I)
# Class/id words of overlays a reader dismisses or never sees: cookie and privacy banners,
# consent boxes, modal dialogs, pop-ups. Whole words of the name only (``modal-box``, ``cookieBar``).
_OVERLAY_NAME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|privacy|modal|popup|pop-up|dialog|overlay|lightbox)"
    r"(?:$|[\s_A-Z-])|^(?:cookie|consent|privacy|modal|popup|dialog|overlay)", re.I)


@dataclass(slots=True, eq=False)
class Line:
    """One visual line: its text, the block element it belongs to, and counts used to judge it."""

    text: str
    owner: HtmlElement
    chars: int = 0
    link_chars: int = 0
    bold_chars: int = 0
    index: int = 0
    image: HtmlElement | None = None
    original: str | None = None  # the text before script repair, when it changed
    noisy: bool = False  # inside a block named like comments, related lists, footers
    file_link: bool = False  # some of its text links a file (附件): content, not navigation

    @property
    def link_ratio(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0

    @property
    def is_bold(self) -> bool:
        return self.chars > 0 and self.bold_chars >= 0.8 * self.chars


_CELL_WRAPPERS = frozenset(("p", "div"))


def _simple_cell(cell: HtmlElement) -> bool:
    """A table cell among others in its row, holding only a short inline text (a data cell,
    not a layout column)."""
    row = cell.getparent()
    if row is None or sum(1 for c in row if c.tag in CELL_TAGS) < 2:
        return False
    paragraphs = 0
    for el in cell.iterdescendants():
        if el.tag in _CELL_WRAPPERS:
            paragraphs += 1  # Word wraps each cell's text in one <p class=MsoNormal>
        elif el.tag in BLOCK_TAGS or el.tag in ("br", "img"):
            return False
    return paragraphs <= 1 and len(cell.text_content()) <= 120


def is_bookmark(el: HtmlElement) -> bool:
    """An ``<a name=…>`` that marks a place (Word pastes ``OLE_LINK1``, ``_Toc…`` round table
    headers and paragraphs): no link to follow, so its text is the text around it."""
    return el.get("href") is None and el.get("onclick") is None and \
        (el.get("name") is not None or el.get("id") is not None)


_ADDRESS_TEXT = re.compile(r"(?:https?://|www\.)[\w.-]+\.[a-z]{2,}(?:[/?#][^\s<>\"]*)?",
                           re.IGNORECASE)


def shows_its_address(el: HtmlElement) -> bool:
    """A link whose visible text is a web address (``请见：http://…/rczp.htm``): the notice
    prints the address for its readers, which is text; navigation shows names, not addresses."""
    return bool(_ADDRESS_TEXT.fullmatch(el.text_content().strip()))


def data_cell(el: HtmlElement) -> HtmlElement | None:
    """The cell of a data table (名单, 一览表, 处罚决定) that ``el`` is or sits in, else None.

    A cell among others in its row, with a short text and no table inside it; editors that
    paste from Word wrap each cell's text in ``<p class=MsoNormal>``/``<span>``, so the cell
    may be a few levels up. A layout cell holds a whole column (long text, or a nested table)
    and is not one.
    """
    for _ in range(4):
        if el is None or el.tag == "table":
            return None
        if el.tag in CELL_TAGS:
            break
        el = el.getparent()
    else:
        return None
    row = el.getparent()
    if row is None or sum(1 for c in row if c.tag in CELL_TAGS) < 2:
        return None
    if any(d.tag == "table" for d in el.iterdescendants()):
        return None
    return el if len(el.text_content()) <= 120 else None


def is_hidden(el: HtmlElement) -> bool:
    """Not part of the page a reader reads: hidden by inline style (``display:none``,
    ``visibility:hidden``, ``opacity:0``, pushed off-screen), by the ``hidden`` or
    ``aria-hidden`` attribute, a closed ``<dialog>``, or an overlay: ``position:fixed``, a
    ``role=dialog``, a class or id naming a cookie/privacy banner, consent box, modal or pop-up.
    CSS files are not read."""
    style = el.get("style")
    if (style is not None and _HIDDEN_STYLE.search(style)) or el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if el.tag == "dialog" and el.get("open") is None:
        return True
    if (el.get("role") or "").lower() in ("dialog", "alertdialog"):
        return True
    name = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return bool(name) and el.tag not in ("body", "html") and bool(_OVERLAY_NAME.search(name))


class _Builder:
    """Accumulates text pieces and flushes them into a ``Line`` at block boundaries.

    It also tracks whether the walk is inside a link, bold text, or a block named like page
    furniture (comments, related lists, share bars, footers), so each piece carries that.
    """

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.pieces: list[tuple[str, bool, bool, bool, bool]] = []
        self.links = self.bolds = self.noise = self.files = 0

    def add(self, text: str | None) -> None:
        if text:
            self.pieces.append((text, self.links > 0, self.bolds > 0, self.noise > 0,
                                self.files > 0))

    def enter(self, el: HtmlElement, step: int) -> None:
        """Count ``el`` in (``step`` 1) or out (``step`` -1) of the link/bold/noise state."""
        if el.tag == "a" and not is_bookmark(el) and not shows_its_address(el):
            self.links += step
            if file_kind(el.get("href") or ""):
                self.files += step
        if el.tag in BOLD_TAGS:
            self.bolds += step
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if names != " " and _NOISE_NAME.search(names):
            self.noise += step

    def flush(self, owner: HtmlElement) -> None:
        if not self.pieces:
            return
        text = clean_space("".join(p[0] for p in self.pieces))
        if text:
            line = Line(text, owner, alnum_count(text), index=len(self.lines))
            line.link_chars = sum(alnum_count(p[0]) for p in self.pieces if p[1])
            line.bold_chars = sum(alnum_count(p[0]) for p in self.pieces if p[2])
            line.noisy = sum(len(p[0]) for p in self.pieces if p[3]) * 2 > len(text)
            line.file_link = any(p[4] and p[0].strip() for p in self.pieces)
            self.lines.append(line)
        self.pieces = []

    def image(self, img: HtmlElement, owner: HtmlElement) -> None:
        self.flush(owner)
        self.lines.append(Line("", owner, index=len(self.lines), image=img))


def _meta_in_heading(el: HtmlElement, block: HtmlElement) -> bool:
    """A ``<small>`` inside a heading: templates set the date and source line there
    (``<h2>标题<small>2023-08-19 <span>来源：…</span></small></h2>``); it is a line of its own."""
    return el.tag == "small" and block.tag in HEADING_TAGS


def _in_simple_cell(el: HtmlElement, cells: set[HtmlElement]) -> bool:
    parent = el.getparent()
    while parent is not None and parent.tag not in CELL_TAGS:
        if parent.tag in BLOCK_TAGS and parent not in cells:
            return False
        parent = parent.getparent()
    return parent is not None and parent in cells


def build_lines(root: HtmlElement, *, keep_hidden: bool = False) -> list[Line]:
    """Walk ``root`` once and return its visual lines in document order."""
    out = _Builder()
    blocks: list[HtmlElement] = [root]
    skipped: set[HtmlElement] = set()
    cells: set[HtmlElement] = set()
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        if event in ("comment", "pi"):  # CMS templates wrap fields in comments
            out.add(el.tail)
        elif event == "start":
            if el.tag in SKIP_TAGS or (not keep_hidden and is_hidden(el)):
                skipped.add(el)
                walker.skip_subtree()
                continue
            if el.tag in CELL_TAGS and _simple_cell(el):
                cells.add(el)  # a row of simple cells reads as one line: 1 提案题目 提案人
                out.add(" ")
            elif el.tag in _CELL_WRAPPERS and _in_simple_cell(el, cells):
                cells.add(el)  # the one paragraph a simple cell wraps its text in
            elif el.tag in BLOCK_TAGS:
                out.flush(blocks[-1])
                blocks.append(el)
            elif el.tag == "br" or _meta_in_heading(el, blocks[-1]):
                out.flush(blocks[-1])
            elif el.tag == "img":
                out.image(el, blocks[-1])
            out.enter(el, 1)
            out.add(el.text)
        else:
            if el not in skipped:
                if el.tag in BLOCK_TAGS and el not in cells:
                    out.flush(blocks.pop())
                elif _meta_in_heading(el, blocks[-1]):
                    out.flush(blocks[-1])
                out.enter(el, -1)
            out.add(el.tail)
    out.flush(blocks[-1])
    return out.lines
