"""Script repairs: pinyin readings, Traditional script, mojibake.

Mirror sites republish government notices converted to Traditional script with a pinyin
reading pasted after each polyphonic character (``當(dāng)前``). The archive stores the
Simplified text a reader of the original site saw, so readings are removed first (only a
parenthesised lowercase syllable with a tone mark right after an ideograph: never ``（办公室）``
or ``(扩大)``), then Traditional text is converted with OpenCC t2s. Conversion runs only when the
page is mostly Traditional: a Simplified page quoting 於 or 馀 in a classical poem keeps them.

Mojibake (UTF-8 read as GBK somewhere upstream, ``?`` for unencodable characters) cannot be
repaired reliably, so it is detected and flagged, and the text is kept as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC

from .text import CJK

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(
    rf"(?<=[{CJK}])[(（](?=[a-z{_TONED}ü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}[)）]")
_QUESTION_MARK_IN_WORD = re.compile(rf"[{CJK}]\?[{CJK}a-z]")
_KNOWN_MOJIBAKE = ("锟斤拷", "烫烫烫", "屯屯屯")
_NON_CJK = re.compile(f"[^{CJK}]+")
_OUTSIDE = re.compile(r"[^.2 ]")

_T2S: OpenCC | None = None


def _t2s() -> OpenCC:
    """The OpenCC converter, created once (loading its dictionaries is the slow part)."""
    global _T2S
    if _T2S is None:
        _T2S = OpenCC("t2s")
    return _T2S


def remove_pinyin(text: str) -> tuple[str, int]:
    """Drop pinyin readings after ideographs; return the text and how many were removed."""
    return _PINYIN_RE.subn("", text)


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


@lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """Ideographs that t2s changes: the basic CJK block converted once, one per line."""
    block = [chr(c) for c in range(0x4E00, 0xA000)]
    converted = to_simplified("\n".join(block)).split("\n")
    return frozenset(a for a, b in zip(block, converted) if a != b)


def is_traditional(text: str) -> bool:
    """True when a clear share (≥4%, at least 5) of the ideographs are Traditional forms."""
    ideographs = re.findall(f"[{CJK}]", text)
    if len(ideographs) < 20:
        return False
    traditional = _traditional_only()
    changed = sum(1 for ch in ideographs if ch in traditional)
    return changed >= 5 and changed / len(ideographs) >= 0.04


def _gb2312_rows(first: int, last: int) -> frozenset[str]:
    chars = set()
    for lead in range(first, last + 1):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@lru_cache(maxsize=1)
def _ideograph_classes() -> dict[int, str]:
    """A translation table: GB2312 level 1 (the 3,755 common ideographs) → ``.``, level 2 →
    ``2``; ideographs outside GB2312 are left as they are. Read from the codec itself."""
    table = {ord(ch): "2" for ch in _gb2312_rows(0xD8, 0xF7)}
    table.update({ord(ch): "." for ch in _gb2312_rows(0xB0, 0xD7)})
    return table


def _rare_run(text: str) -> bool:
    """UTF-8 read as GBK yields runs of uncommon ideographs, many outside GB2312 altogether
    (鐣跺湴锛屾毇): three of four uncommon with two outside GB2312. Rare but real words
    (铮铮砥砺) stay inside GB2312, and a rare name character (王喆) stands alone."""
    classes = _NON_CJK.sub(" ", text).translate(_ideograph_classes())
    for m in _OUTSIDE.finditer(classes):  # only around characters outside GB2312
        around = classes[max(0, m.start() - 3):m.start() + 4]
        for i in range(len(around) - 3):
            window = around[i:i + 4]
            if " " not in window and sum(c != "." for c in window) >= 3 and \
                    sum(c not in ".2" for c in window) >= 2:
                return True
    return False


def has_mojibake(text: str) -> bool:
    """U+FFFD, ``?`` standing inside a word, or runs of characters typical of mojibake."""
    if "\ufffd" in text or any(m in text for m in _KNOWN_MOJIBAKE):
        return True
    return bool(_QUESTION_MARK_IN_WORD.search(text)) or _rare_run(text)
