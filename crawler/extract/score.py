"""How an extracted record is scored against a hand-made gold record.

The corpus rules: NFKC, keep only ideographs, letters and digits, then precision and recall over
the longest common subsequence (LCS) of characters; titles exact after the same normalisation
(a gold ``title_alts`` entry also counts); dates exact (the day; a time the page printed is not
in the gold). The LCS uses the bit-parallel method (one big-integer pass per character), so a
15,000-character law scores in milliseconds rather than the minutes a table would take.

Shared by the corpus tests and the benchmark.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .text import key

#: Substrings that only site chrome contains; none may be left in a body. The issue's list
#: (ICP, 公网安备, 主办单位, 技术支持, 上一篇, 下一篇, 当前位置, 您的位置, 点击:, 字体:, 责任编辑, 打印,
#: 关闭窗口, 分享到, 扫一扫, Produced By, 版权所有) and the other phrases of CMS chrome. Checked
#: after NFKC with whitespace removed, so 点击： and 点 击: both count. A gold body may hold one
#: where the notice itself prints it; only occurrences beyond the gold's count as chrome (see
#: ``chrome_left``), and the corpus test bounds how many gold bodies may hold one.
CHROME_MARKERS = (
    "ICP", "公网安备", "主办单位", "技术支持", "上一篇", "下一篇", "当前位置", "您的位置", "点击:",
    "字体:", "责任编辑", "打印", "关闭窗口", "分享到", "扫一扫", "Produced By", "版权所有",
    "您当前的位置", "您现在的位置", "浏览次数", "点击数", "阅读次数", "字号:", "【关闭】",
    "扫描二维码", "责编", "网站标识码", "大汉版通", "Mountor", "加入收藏", "设为首页", "正在阅读",
    "文字下面还有图片", "原标题", "A- A+", "Copyright",
)


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence of ``a`` and ``b`` (Hyyrö's bit-vector LCS)."""
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


@dataclass(slots=True)
class BodyScore:
    precision: float
    recall: float
    f1: float


def score_body(got: str, gold: str) -> BodyScore:
    """LCS precision/recall/F1 of ``got`` against ``gold`` after normalisation."""
    a, b = key(got), key(gold)
    if not a and not b:
        return BodyScore(1.0, 1.0, 1.0)
    common = lcs_length(a, b)
    precision = common / len(a) if a else 0.0
    recall = common / len(b) if b else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BodyScore(precision, recall, f1)


def title_matches(got: str | None, gold: str | None, alts: list[str] | tuple = ()) -> bool:
    """Exact after normalisation; a gold title of None expects none."""
    if gold is None:
        return got is None
    return key(got) in {key(t) for t in (gold, *alts)}


def date_matches(got: str | None, gold: str | None) -> bool:
    """The day must match; ``got`` may carry a time the gold leaves out."""
    return (got or None) is None if gold is None else (got or "")[:10] == gold


def _flat(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def chrome_left(body: str, gold: str = "") -> list[str]:
    """The chrome markers ``body`` holds more often than ``gold`` does (NFKC, whitespace ignored).

    A notice may print a marker word itself (a ministry notice's 主办单位 section, 打印 in a
    poster's specification): that occurrence is in the gold body and is no leak. A leak is an
    occurrence the extractor's body has beyond the gold's, so a page whose text says 打印 once
    still counts as leaking when the extractor adds the site's 【打印】 bar. Without ``gold``
    every marker counts.
    """
    flat, truth = _flat(body), _flat(gold)
    return [m for m in CHROME_MARKERS
            if flat.count(_flat(m)) > truth.count(_flat(m))]
