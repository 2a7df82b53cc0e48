"""What a headline looks like without a title to match it against.

Many templates title every page with the site's name, and some pages carry no usable
``<title>`` at all; the headline must then be recognised by its place and its element. What
holds across CMSes: it is an ``<h1>``/``<h2>``, an element named as a title, or bold; it stands
before the first paragraph, and templates print headline, date line, text in that order, so a
short line right above a dated line is a headline whatever its element is called. What it never
is: the site's name or a link home (logos are ``<h1>``), a numbered section heading (一、…),
a salutation (各位委员：), or the title of a box of links (通知公告, 信息公开目录). A headline
broken with ``<br>`` or set as several bold paragraphs is one headline.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import dates
from .chrome import is_chrome, is_meta_line
from .lines import HEADING_TAGS, Line
from .page import Page
from .text import key

_TITLE_CLASS = re.compile(r"title|tit\b|headline|(?:^|[-_\s])bt(?:$|[-_\s])|biaoti", re.I)
#: 副题 (fbt, subtitle) and 引题 (yt, ytitle) styles.
SUBTITLE_CLASS = re.compile(r"sub|fbt|ftitle|vice|(?:^|[-_\s])yt|ytitle|yinti", re.I)
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|"
                       r"第[一二三四五六七八九十百\d]+[章节条部分])")


def names(el) -> str:
    """An element's class and id, the words templates name their parts with."""
    return f"{el.get('class', '')} {el.get('id', '')}"


_HOME_PATH = re.compile(r"^/?(?:(?:index|default|home)\.\w+)?$", re.I)


def _links_home(page: Page, line: Line) -> bool:
    """A line that is a link to the site's home page: the logo or site name, which templates
    set in ``<h1>`` and which many sites also use as every page's ``<title>``."""
    if line.link_ratio < 0.5:
        return False
    for a in line.owner.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("javascript:", "#")):
            target = urlsplit(page.absolute(href))
            if target.netloc == urlsplit(page.url).netloc and not target.query and \
                    _HOME_PATH.match(target.path):
                return True
    return False


def candidate(line: Line, page: Page) -> bool:
    """A line that may show the headline: short, not chrome, not a link (unless a heading that
    does not lead home: some templates link the headline to the article itself)."""
    if not line.text or line.chars > 120 or is_chrome(line.text):
        return False
    return line.link_ratio < 0.5 or \
        (line.owner.tag in HEADING_TAGS and not _links_home(page, line))


def heading_rank(line: Line) -> float:
    """How much an element looks like the page's headline: h1 > h2 > .title > h3 > bold."""
    tag, cls = line.owner.tag, names(line.owner)
    score = {"h1": 3.0, "h2": 2.5, "h3": 1.5}.get(tag, 0.0)
    if not score and _TITLE_CLASS.search(cls) and not SUBTITLE_CLASS.search(cls):
        score = 2.0
    return score or (1.0 if line.is_bold else 0.0)


def _box_title(page: Page, i: int) -> bool:
    """A heading followed by a list of links is a sidebar or menu box's title (通知公告,
    信息公开目录), not the article's: an article's headline is followed by its date line, a
    subtitle or the text."""
    nxt = next((ln for ln in page.lines[i + 1:i + 4] if ln.text), None)
    return nxt is not None and nxt.link_ratio >= 0.5 and not nxt.file_link and \
        not is_chrome(nxt.text) and not is_meta_line(nxt.text)


def over_date_line(page: Page, i: int) -> bool:
    """Line ``i`` sits right above a dated meta line (发布时间：…, 来源：… 2023-06-20) and reads
    like a title (short, no full stop): templates print headline, date line, text, in that
    order, whatever they name their elements."""
    line = page.lines[i]
    if not 4 <= line.chars <= 80 or "。" in line.text or line.link_ratio >= 0.5:
        return False
    for nxt in [ln for ln in page.lines[i + 1:i + 6] if ln.text][:3]:  # 来源… then 时间：…
        if dates.is_date_led(nxt.text):
            return True
        if not (is_meta_line(nxt.text) or is_chrome(nxt.text)):
            return False
        if dates.first_date(nxt.text, need_year=True) is not None:
            return True
    return False


def is_heading(line: Line) -> bool:
    """An ``<h1>``/``<h2>`` or an element named as a title: never a paragraph of text."""
    return heading_rank(line) >= 2.0 and "。" not in line.text


def _structural_candidate(page: Page, i: int, site_names: set[str]) -> float:
    """How headline-like line ``i`` is by its element (h1 > h2 > .title > h3 > bold) or by
    standing over the date line, or 0."""
    line = page.lines[i]
    score = heading_rank(line) if candidate(line, page) else 0.0
    if not score and candidate(line, page) and over_date_line(page, i):
        score = 1.5
    if not score or not (2 if score >= 2.0 else 4) <= line.chars <= 80:
        return 0.0  # a real heading element may be as short as 公 示
    text = line.text.strip()
    if is_meta_line(text) or dates.first_date(text) or key(text) in site_names or \
            _NUMBERED.match(text) or text.endswith((":", "：")) or _box_title(page, i):
        return 0.0  # dates, the site's name, section numbers, salutations, box titles
    return score


def _headline_run(page: Page, window: list[int], i: int, first: int) -> list[int]:
    """The lines the chosen headline line belongs to: the other lines of its element (a
    headline broken with ``<br>``), or neighbouring elements of the same kind and parent (a
    headline set as three bold ``<p>``), never a date or meta line sharing the element."""
    line = page.lines[i]

    def same_kind(j: int) -> bool:
        other = page.lines[j]
        if j >= first or is_meta_line(other.text) or is_chrome(other.text) or \
                dates.first_date(other.text) or other.chars > 80:
            return False
        if other.owner is line.owner:
            return True
        return other.owner.tag == line.owner.tag and other.is_bold == line.is_bold and \
            other.owner.getparent() is line.owner.getparent() and not _NUMBERED.match(other.text)

    pos = window.index(i)
    start = stop = pos
    while start > 0 and pos - start < 3 and same_kind(window[start - 1]):
        start -= 1
    while stop + 1 < len(window) and stop - start < 3 and same_kind(window[stop + 1]):
        stop += 1
    return window[start:stop + 1]


def structural_headline(page: Page, window: list[int], first: int,
                        site_names: set[str]) -> list[int]:
    """Without a title to match: the most headline-like line before the text (h1 > h2 > …),
    the nearest to the text among equals.

    Never the site's own name or a link home (the logo is often an ``<h1>``), never a
    numbered section heading (一、…, （一）…), a salutation (各位委员：) or a box title; and
    only before the first paragraph (after it, a bold line is a sub-heading).
    """
    best, found = (0.0, 0), None
    for i in window:
        if i >= first:
            continue
        score = _structural_candidate(page, i, site_names)
        if score and (score, -abs(first - i)) > best:
            best, found = (score, -abs(first - i)), i
    return _headline_run(page, window, found, first) if found is not None else []
