"""Quality flags that describe what cleaning could not repair (see ``crawler.items.FLAGS``).

- ``truncated``: the text stops mid-sentence (a last paragraph ending in 、 or ，, or a long
  one ending in a character without closing punctuation). Short last lines — a signature, a
  date, a caption, ``（办公室）`` — are how notices end and never count.
- ``multi_article``: content farms paste several news items into one page. An item starts with
  a short unnumbered headline followed by a lead that opens with a date (1月29日，…), by the
  salutation of a document (全市各级…：), or a headline that reports an event (…率队督导…,
  …召开…会议); numbered section headings (一、…) never start an item.
"""

from __future__ import annotations

import re

from .media import is_caption

_CLOSED = "。！？!?…」』”’）)】]》>"
_OPEN_END = re.compile(r"[、，,；;]$")
_LEAD = re.compile(r"^\s*(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}日[，,\s]|^\s*(?:近日|日前)[，,]")
_DOC_TITLE = re.compile(r"^关于.{2,40}的(?:倡议书|通知|决定|意见|公告|通告|通报|报告|函|请示|批复|"
                        r"方案|办法|规定|实施细则)$")
_SALUTATION = re.compile(r"^[^，。]{2,60}[:：]$")
_SENTENCE = re.compile(r"[，。；！？,;!?]")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
_NEWS_VERB = re.compile(r"率队|率团|召开|举行|举办|督导|调研|视察|出席|看望|慰问|会见|座谈|走访")


def is_truncated(body: list[str]) -> bool:
    if not body:
        return False
    last = body[-1].strip()
    if _OPEN_END.search(last):
        return True
    if len(last) < 50 or last.endswith(tuple(_CLOSED)) or is_caption(last):
        return False
    return bool(re.search(r"[^\W_]$", last))


def _headline_like(text: str) -> bool:
    return 6 <= len(text) <= 40 and not _SENTENCE.search(text) and \
        not _NUMBERED.match(text) and not is_caption(text)


def article_starts(body: list[str]) -> int:
    """How many news items the body holds (at least one if it has text)."""
    starts = 1 if body else 0
    for pos in range(1, len(body) - 1):
        heading, following = body[pos], body[pos + 1]
        if not _headline_like(heading):
            continue
        if _LEAD.match(following) or (_DOC_TITLE.match(heading) and _SALUTATION.match(following)) \
                or (_NEWS_VERB.search(heading) and len(following) >= 40):
            starts += 1
    return starts


def is_multi_article(body: list[str]) -> bool:
    return article_starts(body) >= 3 or (article_starts(body) >= 2 and bool(_LEAD.match(body[0])))
