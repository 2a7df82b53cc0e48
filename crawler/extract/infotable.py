"""The 政府信息公开 metadata table (索引号, 发文机关, 成文日期, 发布日期, 主题分类, 有效性…).

Government disclosure pages print a small table of label/value cells above the document. Its
values are the most reliable metadata on the page (the real 文号 and dates), so they are kept in
``Notice.info`` under the page's own labels, and its lines are kept out of the body. Cell layout
varies (label and value in one cell, in two cells, in ``<li>``/``<span>`` pairs), so the table is
read as text: every known label up to the next one.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from .lines import Line
from .text import clean_space

_LABELS = (
    "索引号", "主题分类", "主题词", "发文机关", "发布机构", "发文单位", "成文日期", "发文日期",
    "发布日期", "生效日期", "废止日期", "实施日期", "有效性", "发文字号", "文号", "公文种类",
    "文种", "体裁分类", "组配分类", "服务对象", "信息分类", "公开方式", "公开范围", "公开时限",
    "所属机构", "统一编号", "关键词", "名称", "标题", "生成日期", "公开日期", "信息来源",
)
# Labels are often spaced out to align cells: 索　引　号, 文　　号.
_LABEL_RE = re.compile(r"(?:%s)\s*[:：]?" % "|".join(r"\s*".join(label) for label in _LABELS))
_MARKERS = ("索引号", "发文机关", "发布机构", "成文日期", "主题分类", "有效性", "发文字号", "文号",
            "公开方式", "生成日期", "组配分类")
#: The labels that date the publication itself, best first (成文日期 dates the signing).
PUBLISHED_LABELS = ("发布日期", "公开日期", "生成日期")


def _label(match: re.Match) -> str:
    return re.sub(r"[\s:：]", "", match.group(0))


def _labels_in(text: str) -> set[str]:
    return {_label(m) for m in _LABEL_RE.finditer(text)}


def find_table(lines: list[Line]) -> HtmlElement | None:
    """The smallest element around the first 索引号-style line holding three or more labels."""
    for line in lines:
        if not _labels_in(line.text) & set(_MARKERS):  # labels may be spaced: 索 引 号
            continue
        el = line.owner
        while el is not None:
            text = el.text_content()
            if len(text) > 2000:
                break
            if len(_labels_in(text) & set(_MARKERS)) >= 3:
                return el
            el = el.getparent()
    return None


def read_table(table: HtmlElement) -> dict[str, str]:
    """Label → value, in the order printed; empty values are dropped."""
    text = clean_space(" ".join(t for t in table.itertext()))
    found = list(_LABEL_RE.finditer(text))
    info: dict[str, str] = {}
    for m, nxt in zip(found, found[1:] + [None]):
        label = _label(m)
        value = text[m.end():nxt.start() if nxt else len(text)].strip(" :：|")
        if value and label not in info:
            info[label] = value
    return info
