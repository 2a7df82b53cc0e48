"""A parsed page: its lines (already in Simplified script, readings removed) and head data.

Script repair happens here, before anything looks at the text, because chrome phrases, date
labels and headline matching are all written for Simplified Chinese: 主办单位 must match whether
the page printed 主办单位 or, on a Traditional mirror with readings, 主辦(bàn)單位.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml.html import HtmlElement

from . import script
from .lines import Line, build_lines
from .text import alnum_count, clean_space


@dataclass
class Page:
    """Everything later steps read: the tree, its lines, ``<title>``, metas, script facts."""

    url: str
    root: HtmlElement
    lines: list[Line]
    metas: dict[str, str] = field(default_factory=dict)
    title_tag: str = ""
    base_url: str = ""
    pinyin_removed: int = 0
    traditional: bool = False
    original_title: str = ""

    def absolute(self, href: str) -> str:
        """``href`` resolved against ``<base href>`` or the page URL; a link that is no URL
        at all (``http://[x``) is kept as written, for the crawler to record as bad."""
        try:
            return urljoin(self.base_url or self.url, href.strip())
        except ValueError:
            return href.strip()


def _head_data(root: HtmlElement) -> tuple[str, dict[str, str], str | None]:
    """``<title>``, the ``<meta>`` name/property → content map, and ``<base href>``."""
    title = ""
    for el in root.iter("title"):
        title = clean_space(el.text_content())
        if title:
            break
    metas: dict[str, str] = {}
    for el in root.iter("meta"):
        name = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        content = clean_space(el.get("content") or "")
        if name and content and name not in metas:
            metas[name] = content
    base = next((el.get("href") for el in root.iter("base") if el.get("href")), None)
    return title, metas, base


def _repair_script(page: Page) -> None:
    """Remove pinyin readings, then convert Traditional script, keeping each line's original."""
    texts = [ln.text for ln in page.lines]
    page.original_title = page.title_tag
    total = 0
    for i, text in enumerate(texts):
        texts[i], n = script.remove_pinyin(text)
        total += n
    page.title_tag, n_title = script.remove_pinyin(page.title_tag)
    page.pinyin_removed = total + n_title
    page.traditional = script.is_traditional("\n".join(texts))
    if page.traditional:
        converted = script.to_simplified("\n".join(texts)).split("\n")
        if len(converted) == len(texts):
            texts = converted
        else:  # conversion must never shift lines; fall back to one call per line
            texts = [script.to_simplified(t) for t in texts]
        page.title_tag = script.to_simplified(page.title_tag)
        page.metas = {k: script.to_simplified(v) for k, v in page.metas.items()}
    for line, text in zip(page.lines, texts):
        if text != line.text:
            line.original, line.text = line.text, text
            line.chars = alnum_count(text)
            line.link_chars = min(line.link_chars, line.chars)
            line.bold_chars = min(line.bold_chars, line.chars)


def build_page(root: HtmlElement, url: str) -> Page:
    """Lines of the visible page (hidden parts only if nothing else has text)."""
    title, metas, base = _head_data(root)
    body = root.find("body")
    body = body if body is not None else root
    lines = build_lines(body)
    if sum(ln.chars for ln in lines) < 20:
        lines = build_lines(body, keep_hidden=True)
    page = Page(url, root, lines, metas, title, urljoin(url, base) if base else url)
    _repair_script(page)
    return page
