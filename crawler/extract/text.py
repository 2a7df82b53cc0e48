"""Small text helpers shared by the extraction modules.

Chinese pages mix full-width and half-width forms, NBSP and U+3000 indents, and wrap source
lines in the middle of sentences. Every module compares text the same way (``key``) and cleans
whitespace the same way (``clean_space``), so these live in one place.
"""

from __future__ import annotations

import re
import unicodedata

#: One CJK ideograph (basic block, extension A, compatibility ideographs).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK}]")

_ALNUM_RE = re.compile(r"[^\W_]")
# A newline from the HTML source between two ideographs is line wrapping, not a space.
_WRAP_RE = re.compile(f"(?<=[{CJK}，。、；：！？“”（）])[ \t\r\f\v]*\n\\s*(?=[{CJK}，。、；：！？“”（）])")
_SPACE_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u3000\ufeff]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Punctuation that closes a sentence or a clause in Chinese and Latin text.
SENTENCE_PUNCT = "，。；！？、：,;!?"


def clean_space(text: str) -> str:
    """Collapse whitespace (NBSP, U+3000, zero-width) to single spaces; drop source wrapping
    and control characters."""
    text = _WRAP_RE.sub("", _CONTROL_RE.sub("", text))
    return _SPACE_RE.sub(" ", text).strip()


def alnum_count(text: str) -> int:
    """Letters, digits and ideographs: what a reader counts as text."""
    return len(_ALNUM_RE.findall(text))


def key(text: str | None) -> str:
    """Comparison form: NFKC, only ideographs, letters and digits (the corpus scoring form)."""
    if not text:
        return ""
    return "".join(_ALNUM_RE.findall(unicodedata.normalize("NFKC", text)))


def has_cjk(text: str) -> bool:
    return CJK_RE.search(text) is not None
