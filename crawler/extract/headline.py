"""The headline: which visible line(s) carry the notice's title, and its 引题/副题.

The headline is the visible line — or lines: headlines are broken with ``<br>`` — that matches
what the page calls itself in ``ArticleTitle``/``og:title``/``<title>`` (or the list page's
title, the 公开 table's 标题). ``<title>`` alone carries site suffixes (``标题_政协兰州市委员会``,
``标题-xx网``, ``标题--栏目--站点``) that are cut without cutting ``1-10月`` or a ``——`` subtitle,
or a site prefix (``站点-栏目-标题``: the first segment names the site, the last does not);
a ``<title>`` that is only the site's name matches nothing. Without a match, the most
headline-like line before the text is taken (``heading.py``). A ``——`` line next to the headline, or a
sub-heading right under it, is the subtitle. Knowing these lines matters beyond the title: the
text starts after them, and a repeat of them inside the text is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates
from .chrome import is_chrome, is_meta_line
from .heading import SUBTITLE_CLASS, candidate, heading_rank, names, structural_headline
from .lines import HEADING_TAGS, Line
from .page import Page
from .text import key

_SUFFIX_SPLIT = re.compile(
    r"\s*(?:_+|\s[-–—|｜]\s|-{2,}|\||｜|(?<=[^\d\s\-—])-(?=[^\d\s\-—]))\s*")
_SUBTITLE = re.compile(r"^\s*(?:——|—|－－|--)\s*\S")
TITLE_METAS = ("articletitle", "og:title", "twitter:title", "title")


@dataclass
class Headline:
    """The title as shown, which lines show it, and the subtitle next to it."""

    title: str | None = None
    lines: list[int] = field(default_factory=list)
    subtitle: str | None = None
    subtitle_lines: list[int] = field(default_factory=list)

    @property
    def in_text(self) -> bool:
        return bool(self.lines)

    @property
    def end(self) -> int | None:
        return max(self.lines) if self.lines else None


# What a site's name ends with: 门户网站, 人民政府, 政协…委员会, 文化和旅游局, 新华网.
_SITE_LIKE = re.compile(r"(?:网站|官网|门户|网|人民政府|政府|委员会|常委会|政协|人大|办公厅|办公室|"
                        r"[厅局署部委院])$")


def _site_like(part: str, names: set[str] = frozenset()) -> bool:
    return key(part) in names or bool(_SITE_LIKE.search(part.strip()))


def title_headline(title: str, names: set[str] = frozenset()) -> str:
    """The headline segment of a ``<title>``, in either order: ``标题_栏目_站点`` → ``标题``;
    ``站点-栏目-标题`` (the first segment names the site, the last does not) → ``标题``.
    ``names``: keys of what else names the site (``SiteName``)."""
    parts = [p for p in _SUFFIX_SPLIT.split(title.strip()) if p]
    if len(parts) > 1 and _site_like(parts[0], names) and not _site_like(parts[-1], names) \
            and len(key(parts[-1])) >= 2:
        return parts[-1].strip()
    return cut_site_suffix(title)


def cut_site_suffix(title: str) -> str:
    """``标题_栏目_站点`` → ``标题``; ``1-10月…`` and ``主题——副题`` stay whole."""
    parts = [p for p in _SUFFIX_SPLIT.split(title.strip()) if p]
    if len(parts) > 1 and len(key(parts[0])) >= 2:
        return parts[0].strip()
    return title.strip()


@dataclass
class _TitleRefs:
    """What the page calls itself: exact keys (metas, cut ``<title>``), the full ``<title>``
    key, the cut key, and the keys of the ``<title>``'s other parts (site, column names)."""

    exact: set[str]
    full: str
    cut: str
    parts: set[str]


def site_names(page: Page) -> set[str]:
    """Keys of what names the site: the ``<title>``'s parts other than its headline segment,
    ``SiteName``."""
    meta = {key(page.metas.get("sitename", ""))} - {""}
    head = key(title_headline(page.title_tag, meta))
    parts = {key(p) for p in _SUFFIX_SPLIT.split(page.title_tag)} - {head}
    return (parts | meta) - {""}


def _refs(page: Page, hint_title: str | None, info_title: str | None = None) -> _TitleRefs:
    cut = key(title_headline(page.title_tag, {key(page.metas.get("sitename", ""))} - {""}))
    exact = {key(page.metas[m]) for m in TITLE_METAS if page.metas.get(m)}
    exact |= {cut, key(page.title_tag), key((hint_title or "").rstrip(".… ")), key(info_title)}
    exact.discard("")
    if key(page.title_tag) == key(page.metas.get("sitename")):
        # templates that title every page with the site's name say nothing of the article
        exact -= {cut, key(page.title_tag)}
        return _TitleRefs(exact, "", "", site_names(page) - exact)
    return _TitleRefs(exact, key(page.title_tag), cut, site_names(page) - exact)


def title_lines(page: Page, hint_title: str | None, info_title: str | None = None) -> set[int]:
    """Lines that are exactly what the page calls itself (``<title>``, ArticleTitle, the list,
    the 公开 table's 标题).

    A long headline reads like a sentence of text; the content finder must not count it, or
    the block grows to hold the headline and whatever sits between it and the text.
    """
    exact = {k for k in _refs(page, hint_title, info_title).exact if len(k) >= 4}
    if not exact:
        return set()
    longest = max(len(k) for k in exact)
    return {ln.index for ln in page.lines
            if ln.text and ln.chars <= longest and key(ln.text) in exact}


def _match_score(joined: str, refs: _TitleRefs) -> float:
    if joined in refs.exact and len(joined) >= 2:
        return 3.0
    if len(joined) < 4 or joined in refs.parts:
        return 0.0
    if refs.full.startswith(joined) and len(joined) >= 0.5 * len(refs.cut):
        return 2.0
    if joined in refs.full and len(joined) >= 0.6 * len(refs.cut):
        return 1.5
    if refs.cut and refs.cut in joined and len(joined) <= 1.5 * len(refs.cut):
        return 1.0
    return 0.0


def _meta_after(text: str) -> bool:
    """A line that cannot continue a headline broken over lines: the date/source line under it
    (``2023-08-19``, ``来源：解放日报``)."""
    return is_meta_line(text) or dates.is_date_led(text) or dates.is_stamp_line(text)


def _matched_headline(page: Page, window: list[int], first: int,
                      refs: _TitleRefs) -> list[int]:
    """The run of up to four window lines that best matches the page's own title."""
    best: tuple = (0.0,)
    found: list[int] = []
    for pos, i in enumerate(window):
        joined = ""
        for j in window[pos:pos + 4]:
            if not candidate(page.lines[j], page) or (j != i and _meta_after(page.lines[j].text)):
                break
            joined += key(page.lines[j].text)
            score = _match_score(joined, refs)
            rank = (score, len(joined), heading_rank(page.lines[i]), -abs(first - i))
            if score and rank > best:
                best, found = rank, window[pos:window.index(j) + 1]
    return found


def _near(a, b) -> bool:
    """Two different elements with the same parent, or in neighbouring rows of one table."""
    if a is b or a.getparent() is None or b.getparent() is None:
        return False
    return a.getparent() is b.getparent() or a.getparent().getparent() is b.getparent().getparent()


def _subtitle(page: Page, head: list[int]) -> list[int]:
    """The 引题/副题: a ``——`` line next to the headline, or a sibling element styled as one
    (before or after it), or a sub-heading right after it."""
    lines, owner = page.lines, page.lines[head[-1]].owner
    before = text_run(lines, head[0] - 3, head[0])[-1:]
    after = text_run(lines, head[-1] + 1, head[-1] + 4)[:1]
    for i in before + after:
        if _SUBTITLE.match(lines[i].text) and lines[i].chars <= 80:
            return [i]
    for i in before + after:
        line = lines[i]
        sibling = _near(line.owner, owner)
        if not sibling or line.chars > 60 or is_meta_line(line.text) or is_chrome(line.text) \
                or dates.first_date(line.text):
            continue
        if SUBTITLE_CLASS.search(names(line.owner)) or \
                (i in after and line.owner.tag in HEADING_TAGS):
            return [i]
    return []


def find_headline(page: Page, first: int, hint_title: str | None,
                  excluded: set[int] = frozenset(), info_title: str | None = None) -> Headline:
    """Locate the headline near the start of the text (``first``: the first paragraph's line;
    ``info_title``: the 公开 table's 标题)."""
    window = [i for i in text_run(page.lines, first - 40, first + 8) if i not in excluded]
    refs = _refs(page, hint_title, info_title)
    found = _matched_headline(page, window, first, refs) or \
        structural_headline(page, window, first, refs.parts)
    if found:
        title = " ".join(page.lines[i].text for i in found)
        sub = _subtitle(page, found)
        return Headline(title, found, page.lines[sub[0]].text if sub else None, sub)
    fallback = next((page.metas[m] for m in TITLE_METAS[:2] if page.metas.get(m)), None)
    site = {key(page.metas.get("sitename", ""))} - {""}
    return Headline(fallback or (title_headline(page.title_tag, site) if page.title_tag else None))


def text_run(lines: list[Line], start: int, stop: int) -> list[int]:
    """Indexes of the text lines in ``[start, stop)``, clipped to the page."""
    return [i for i in range(max(0, start), min(len(lines), stop)) if lines[i].text]
