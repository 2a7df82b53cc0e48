"""Key–value boxes of event notices: 时间 / 地点 / 主办单位 / 联系人 / 报名方式 / 场次 / 票价.

Event pages (exhibitions, performances, trainings, meetings open to the public) print a box
between the headline and the text, as ``地点：会展中心`` lines or as label and value in two
cells. Those pairs are fields of the notice, kept in ``Notice.info`` (searchable with the rest
of the record), not lines of its text. A box is only read before the running text starts:
inside a meeting notice's text, ``时间：…`` and ``联系电话：…`` are sentences of the notice.
"""

from __future__ import annotations

import re

from .lines import Line

#: Labels of event boxes (Simplified: pages are converted before this runs).
EVENT_LABELS = (
    "活动时间", "开始时间", "结束时间", "展会时间", "演出时间", "举办时间", "培训时间", "报名时间",
    "报名截止时间", "截止时间", "时间", "日期", "活动地点", "展会地点", "演出地点", "举办地点", "地点",
    "场地", "场馆", "地址", "区域", "主办单位", "主办方", "主办", "承办单位", "承办", "协办单位", "协办",
    "指导单位", "联系人", "联系电话", "咨询电话", "报名方式", "报名方法", "场次", "票价", "票务", "门票",
    "活动类型", "活动对象", "参加对象", "适合人群", "费用",
)
# What makes a box an event's: a place, an organiser, tickets, a start — not 时间 alone, which
# is also the label of the publish date.
_EVENT_MARK = re.compile(r"地点|场地|场馆|区域|主办|承办|票|场次|开始时间|结束时间|活动类型|报名")
_LABEL = re.compile(r"(" + "|".join(sorted(EVENT_LABELS, key=len, reverse=True)) +
                    r")\s*[:：]\s*")


def _line_pairs(text: str) -> list[tuple[str, str]]:
    """``区域：大兴区 开始时间：2024-05-08`` → pairs; nothing unless the line opens with a label."""
    marks = list(_LABEL.finditer(text))
    if not marks or marks[0].start() != len(text) - len(text.lstrip()) or len(text) > 160:
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [(m.group(1), text[m.end():end].strip()) for m, end in zip(marks, ends)]


def _pairs(lines: list[Line], indexes: list[int]) -> list[tuple[str, str, list[int]]]:
    """``label：value`` (one or several on a line), or ``label：`` and the value on the next line."""
    found: list[tuple[str, str, list[int]]] = []
    pos = 0
    while pos < len(indexes):
        i = indexes[pos]
        pairs = _line_pairs(lines[i].text)
        used = [i]
        if pairs and not pairs[-1][1] and pos + 1 < len(indexes):
            nxt = lines[indexes[pos + 1]].text.strip()
            if nxt and len(nxt) <= 60 and not _line_pairs(nxt):
                pairs[-1] = (pairs[-1][0], nxt)
                used.append(indexes[pos + 1])
        found.extend((label, value, used) for label, value in pairs if value)
        pos += len(used)
    return found


def read_event_box(lines: list[Line], indexes: list[int]) -> tuple[dict[str, str], set[int]]:
    """The event box among ``indexes`` (lines between the headline and the text): its fields
    and the lines they take; nothing unless two labels or more, one of them an event's."""
    pairs = _pairs(lines, [i for i in indexes if lines[i].text])
    labels = {label for label, _, _ in pairs}
    if len(labels) < 2 or not any(_EVENT_MARK.search(label) for label in labels):
        return {}, set()
    fields: dict[str, str] = {}
    used: set[int] = set()
    for label, value, taken in pairs:
        fields.setdefault(label, value)
        used.update(taken)
    return fields, used
