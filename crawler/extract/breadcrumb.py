"""The channel a notice was published in, read from its breadcrumb.

Breadcrumbs come as ``当前位置：首页 > 政协新闻 > 通知公告``, as ``首页 >> …`` without a label,
as ``您的位置 : 首页 > …`` or ``您所在的位置：…``, as ``首页 / 履职动态 / 详情`` in newer
templates, and split over table cells or list items (``首页`` | ``> 要闻`` | ``> 山西要闻``).
The trail starts at a location label, at 首页 followed by a ›-part or a slash, or at a short
linked line of ›-parts; it continues over the lines that start with a separator. The names are
kept without 首页/正文内容/详情 and without the headline some trails end with.
"""

from __future__ import annotations

import re

from .chrome import LOCATION_LABEL, is_breadcrumb
from .headline import site_names, text_run
from .lines import Line
from .page import Page
from .text import key

_CRUMB_SPLIT = re.compile(r"\s*(?:>>?|＞+|›|»|→|\\)\s*")
_CRUMB_DROP = {"首页", "网站首页", "正文", "正文内容", "主页", "返回首页", "详情", "内容", ""}
# Modern templates separate the trail with slashes (首页 / 履职动态 / 详情); a slash is also
# a date's or a fraction's, so such a trail must open with the home page and be linked.
_SLASH_TRAIL = re.compile(r"^(?:网站)?首页\s*/|^主页\s*/")
_SLASH_SPLIT = re.compile(r"\s*/\s*")
_CRUMB_START = re.compile(r"^(?:" + LOCATION_LABEL + r")\s*[:：]?")
_SEP_LED = re.compile(r"^\s*(?:>>?|＞|›|»|→)")


def _trail_start(lines: list[Line], i: int) -> bool:
    """A location label, 首页 followed by ›-parts, or a short linked trail with separators."""
    text, nxt = lines[i].text, lines[i + 1].text if i + 1 < len(lines) else ""
    if _CRUMB_START.match(text):
        return True
    if text in ("首页", "网站首页") and _SEP_LED.match(nxt):
        return True
    parts = [p for p in _CRUMB_SPLIT.split(text) if p.strip()]
    if len(parts) >= 3 and is_breadcrumb(text):
        return True
    if _SLASH_TRAIL.match(text) and lines[i].link_ratio >= 0.5 and len(text) <= 80:
        return True
    return len(parts) >= 2 and len(text) <= 80 and lines[i].link_ratio >= 0.5 and \
        all(len(p) <= 20 for p in parts)


def find_channel(page: Page, first: int, title: str | None) -> list[str]:
    """Breadcrumb names without 首页/正文 (and without the headline some trails end with)."""
    lines = page.lines
    for i in text_run(lines, 0, first + 1):
        if not _trail_start(lines, i):
            continue
        trail = [lines[i].text]
        for j in text_run(lines, i + 1, i + 8):
            text = lines[j].text
            label_only = len(trail) == 1 and _CRUMB_START.fullmatch(trail[0].strip())
            linked = lines[j].link_ratio > 0.5 or text in _CRUMB_DROP
            if _SEP_LED.match(text) or (label_only and linked and len(text) <= 20):
                trail.append(text)
            else:
                break
        joined = _CRUMB_START.sub("", " > ".join(trail), count=1)
        split = _SLASH_SPLIT if _SLASH_TRAIL.match(joined) else _CRUMB_SPLIT
        names = [n.strip() for n in split.split(joined)]
        return _named_channels(page, names, title)
    return []


def _named_channels(page: Page, names: list[str], title: str | None) -> list[str]:
    """Drop 首页/正文, the headline, and a site name standing where 首页 usually does."""
    kept = [n for n in names if n not in _CRUMB_DROP and key(n) != key(title)]
    home = next((n for n in names if n), "")
    if kept and home == kept[0] and (key(home) in site_names(page) or
                                     home.endswith(("网", "网站", "官网", "门户"))):
        kept = kept[1:]
    return kept
