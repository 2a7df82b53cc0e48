"""Dates as Chinese government pages print them, turned into ISO 8601.

Pages write the same day as 2020年1月29日, 二〇二〇年一月二十九日 (signatures of older
documents), 2020.1.29, 2020/01/29 or 2020-01-29 14:51:33, and news leads often give only
1月30日. Taiwan pages count years from 民國 (113 = 2024): 民國113年1月29日 anywhere, and the bare
113-01-29 / 113年1月29日 right after a date label. A yearless date is returned with ``year=None`` so the caller can take the year from
context (the list page, the URL) and flag ``date_without_year``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "０": 0, "一": 1, "二": 2, "三": 3,
             "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇○零Ｏ０一二三四五六七八九十"
_TIME = r"(?:\s*T?\s*|-)(?P<h>[0-2]?\d)[:：](?P<mi>[0-5]\d)(?:[:：](?P<s>[0-5]\d))?"
_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
               rf"(?:{_TIME})?"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
               rf"(?!\d)(?:{_TIME})?"),
    re.compile(rf"(?P<y>[{_CN}]{{4}})\s*年\s*(?P<m>[{_CN}]{{1,2}})\s*月\s*(?P<d>[{_CN}]{{1,3}})\s*日"),
    # 民國113年1月29日 (Taiwan): the 民國 year, 1911 before the common era's
    re.compile(r"(?:中华民国|中華民國|民国|民國)\s*(?P<roc>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*"
               r"(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
)
# A 民國 date without the word, as Taiwan templates print it after a date label: 113-01-29,
# 113/1/29, 113.01.29, 113年1月29日. Read only right after a label (see ``labelled_roc``).
_ROC_BARE = re.compile(r"^\s*(?P<roc>\d{2,3})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
                       r"(?P<d>\d{1,2})|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日)(?!\d)")
_URL_PATTERNS = (
    re.compile(r"/art/(\d{4})/(\d{1,2})/(\d{1,2})/"),        # Hanweb
    re.compile(r"[/_]t(\d{4})(\d{2})(\d{2})_\d+"),            # TRS WCM
    re.compile(r"/(\d{4})-(\d{2})/(\d{2})/"),                 # gmw, people, gov.cn (old)
    re.compile(r"/(\d{4})(\d{2})(\d{2})/"),
    re.compile(r"/(\d{4})/(\d{2})(\d{2})/"),                 # DedeCMS /a/2023/0615/, people.cn
    re.compile(r"/(\d{4})-(\d{1,2})-(\d{1,2})/"),
    re.compile(r"/(\d{4})/(\d{1,2})/(\d{1,2})/"),            # /system/2023/06/15/, cppcc.gov.cn
    re.compile(r"/(\d{4})/[A-Za-z][\w-]*_(\d{2})(\d{2})/"),    # PHPCMS /html/2023/news_0615/
)
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)(?:\d\d)?[/_-]")


@dataclass(slots=True)
class FoundDate:
    """One date found in a string; ``year`` is None when the text gives none."""

    year: int | None
    month: int
    day: int
    time: str | None
    start: int
    end: int

    def iso(self, year: int | None = None) -> str | None:
        """``YYYY-MM-DD`` (with ``THH:MM:SS`` when a time was printed), or None without a year."""
        year = self.year or year
        if year is None:
            return None
        day = f"{year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{day}T{self.time}" if self.time else day


def cn_number(text: str) -> int:
    """二〇二〇 → 2020 (digit by digit); 二十九 → 29; 十 → 10."""
    if "十" not in text:
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _number(text: str) -> int:
    return int(text) if text.isdigit() and text.isascii() else cn_number(text)


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return year is None or 1980 <= year <= 2100


def _from_match(m: re.Match) -> FoundDate | None:
    groups = m.groupdict()
    try:
        year = _number(groups["y"]) if groups.get("y") else None
        if groups.get("roc"):
            year = int(groups["roc"]) + 1911
        month, day = _number(groups["m"]), _number(groups["d"])
    except (KeyError, ValueError):
        return None
    if not _valid(year, month, day):
        return None
    time = None
    if groups.get("h") is not None and int(groups["h"]) < 24:
        time = f"{int(groups['h']):02d}:{groups['mi']}:{groups.get('s') or '00'}"
    return FoundDate(year, month, day, time, m.start(), m.end())


def find_dates(text: str) -> list[FoundDate]:
    """All dates in ``text``, in order, full dates before overlapping yearless readings."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            date = _from_match(m)
            if date:
                found.append(date)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def labelled_roc(text: str) -> FoundDate | None:
    """A bare 民國 date opening ``text`` (the value after a date label: ``113-01-29``)."""
    m = _ROC_BARE.match(text)
    if not m:
        return None
    year = int(m.group("roc")) + 1911
    month, day = int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
    if not 1990 <= year <= 2100 or not _valid(year, month, day):
        return None
    return FoundDate(year, month, day, None, m.start("roc"), m.end())


def first_date(text: str, *, need_year: bool = False) -> FoundDate | None:
    """The first date in ``text`` (the first with a year if ``need_year``)."""
    for date in find_dates(text):
        if date.year or not need_year:
            return date
    return None


_CLAUSE = re.compile(r"[，。；！？,;!?]")


def is_date_led(text: str) -> bool:
    """A short unpunctuated line that opens with a full date: a template's date line even
    without a label (``2023-06-22 09:41 市政协办公室 305``, set in icon spans)."""
    if len(text) > 60 or _CLAUSE.search(text):
        return False
    found = first_date(text, need_year=True)
    return found is not None and found.start <= 2


def is_stamp_line(text: str) -> bool:
    """A short unpunctuated line holding a full date with its clock time among other words:
    the publish stamp of news templates (``湖北日报客户端 2024-03-12 15:35:47``,
    ``http://www.sina.com.cn 2009年08月22日08:29 新闻晨报``)."""
    if len(text) > 80 or re.search(r"[，。；！？,;!?]", text):
        return False
    found = first_date(text, need_year=True)
    return found is not None and found.time is not None


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO, e.g. for ``<meta>`` values."""
    date = first_date(text, need_year=True)
    return date.iso() if date else None


def date_from_url(url: str) -> str | None:
    """The date CMSes put in article URLs (``/art/2020/1/29/``, ``t20200324_``)."""
    for pattern in _URL_PATTERNS:
        m = pattern.search(url)
        if m:
            year, month, day = (int(g) for g in m.groups())
            if _valid(year, month, day):
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def year_from_url(url: str) -> int | None:
    """A year in the URL path (``/html/2020/…``), to complete a yearless date."""
    m = _URL_YEAR.search(url.split("?", 1)[0])
    return int(m.group(1)) if m else None


def complete_year(date: FoundDate, reference: str | None) -> int | None:
    """The year for a yearless ``date`` from an ISO ``reference`` date (the list's date).

    A notice printed 12月30日 and listed 2021-01-02 is from the year before.
    """
    if not reference or not reference[:4].isdigit():
        return None
    year = int(reference[:4])
    ref_month = int(reference[5:7]) if reference[5:7].isdigit() else date.month
    return year - 1 if date.month - ref_month > 6 else year
