"""Publish date, source and author of a notice page.

The date comes first from the 政府信息公开 table's 发布日期 (公开日期, 生成日期) when the page has
one: it is the site's own record of the publication, while the lines around it also carry the
成文日期 and the signature's date. Otherwise it is read from the header zone — the lines around
the headline, before the text — where pages print ``发布时间：… 来源：… 作者：…``; never page-wide,
because the footer's copyright year and a related-articles list carry dates too. After the header
zone: a PubDate-style ``<meta>`` (not template stamps such as ``Maketime`` or
``firstpublishedtime``, which date the page file, not the notice), the URL pattern, a date
opening the first paragraph (1月30日，…), and last the list page's hint. A date printed
without a year takes its year from those sources and is flagged.

Candidates are ranked by where they stand and what they say: in the header zone, lines below
the headline before lines above it (and nothing above a breadcrumb, where sidebars list dated
items); labelled dates before date lines before an unlabelled stamp with a clock; a date whose
label names an event, a deadline or the reader's visit (开始时间, 报名截止日期, 打印时间) is
never a candidate, nor is the value cell after such a label. Past the header zone, a date
labelled as published (发布日期) right after the text comes before ``<meta>``, JSON-LD
``datePublished`` and ``<time pubdate>``, which come before the URL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import dates
from .chrome import is_breadcrumb, is_byline, is_chrome, is_meta_line
from .headline import Headline, text_run
from .infotable import PUBLISHED_LABELS
from .page import Page

_DATE_LABEL = re.compile(r"(?:发布|发稿|发表|发文|成文|上传)?(?:时间|日期)\s*[:：]\s*")
# 时间/日期 after these words dates an event, a deadline or the reader's visit, not the notice:
# 开始时间, 活动日期, 报名截止时间, 打印时间, 今天是.
_NOT_PUBLISH_LABEL = re.compile(r"(?:开始|结束|截止|活动|会议|举办|举行|开幕|闭幕|报名|培训|考试|"
                                r"演出|展览|展出|比赛|开放|办理|受理|服务|申报|缴费|打印|保存|访问|"
                                r"当前|登录|有效|营业|办公|工作|咨询|预约|展会|会展|赛事|晚会|讲座|论坛|大会|"
                                r"仪式|集合|签到|入场|放假|演唱|放映|接待)$")
# Labels that say "published": a date so labelled after the text is still the publish date.
_PUBLISH_LABEL = re.compile(r"(?:发布|发稿|发表|公开|印发|刊发)(?:时间|日期)\s*[:：]\s*")
# A labelled value ends at a wide gap, at the next label, or at a date printed after it
# (来源：人民政协网 2023年06月20日 09:12; a value may hold a year: 来源：2020年03期).
_VALUE_STOP = (r"(?=\s{2,}|\s*(?:作者|编辑|责任编辑|来源|信息来源|发布时间|发布日期|发稿时间|时间|日期|"
               r"点击|阅读|浏览|字号|字体|打印|关闭|分享|【|\[)|\s*(?:19|20)\d\d\s*[-/.年]\d{1,2}\s*[-/.月]|\s*$)")
_SOURCE = re.compile(r"(?:信息|文章|稿件|新闻)?来源\s*[:：]\s*(.*?)" + _VALUE_STOP)
_AUTHOR = re.compile(r"(?:作者|文|记者|撰稿)\s*[:：︱|/／]\s*(.*?)" + _VALUE_STOP)
_PUBDATE_METAS = ("pubdate", "publishdate", "publish_date", "publishtime", "publish_time",
                  "article:published_time", "og:published_time", "og:release_date",
                  "datepublished", "dc.date.issued", "releasedate", "articlepubdate")
_CMS_USERS = {"admin", "administrator", "管理员", "系统管理员", "超级管理员", "网站管理员"}
# Short lines that head a section, not name a writer: 展会简介, 活动背景, 报名须知.
_SECTION_HEAD = re.compile(r"(?:简介|介绍|概况|概要|说明|须知|背景|内容|安排|流程|详情|亮点|摘要|导读)$")
_LEAD_DATE = re.compile(r"^\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日")


def header_zone(page: Page, head: Headline, first: int) -> list[int]:
    """Lines where pages print date/source/author: around the headline, before the text."""
    start = (min(head.lines) - 2) if head.lines else first - 10
    stop = max(first, head.end + 1 if head.end is not None else first) + 3
    skip = set(head.lines) | set(head.subtitle_lines)
    return [i for i in text_run(page.lines, start, stop) if i not in skip]


def _labelled_date(text: str, label: re.Pattern = _DATE_LABEL) -> dates.FoundDate | None:
    """The date right after a date label; never after an event's or the visit's 时间."""
    for m in label.finditer(text):
        if _NOT_PUBLISH_LABEL.search(text[max(0, m.start() - 4):m.start()]):
            continue
        value = text[m.end():m.end() + 40]
        found = dates.first_date(value)
        if found and found.start == 0 and (found.year or not dates.labelled_roc(value)):
            return found
        found = dates.labelled_roc(value)
        if found:
            return found
    return None


def _zone_dates(page: Page, zone: list[int],
                under_head: list[int]) -> tuple[str | None, dates.FoundDate | None]:
    """A full date from the header zone (labelled first, then a date/meta line, then a short
    line right under the headline that opens with a date: ``2023-06-22 09:41 市政协办公室 305``
    set in icon spans), and a yearless one if that is all."""
    yearless = None
    zone = _ranked_zone(page, zone, under_head)
    for i in zone:
        found = _labelled_date(page.lines[i].text)
        if found and found.year:
            return found.iso(), None
        yearless = yearless or found
    for i in zone:
        text = page.lines[i].text
        if _event_value(page, i) or _event_labelled(text):
            continue
        if len(text) <= 80 and (is_meta_line(text) or is_chrome(text) or _dates_only(text) or
                                _paper_header(text)):
            found = dates.first_date(text, need_year=True)
            if found:
                return found.iso(), None
    for i in under_head:
        if _event_labelled(page.lines[i].text):
            continue
        if dates.is_date_led(page.lines[i].text) or dates.is_stamp_line(page.lines[i].text):
            return dates.first_date(page.lines[i].text, need_year=True).iso(), None
    return None, yearless


def _event_labelled(text: str) -> bool:
    """A line whose only date label is an event's or the visit's (打印时间：…, 开始时间：…)."""
    labels = list(_DATE_LABEL.finditer(text))
    return bool(labels) and all(
        _NOT_PUBLISH_LABEL.search(text[max(0, m.start() - 4):m.start()]) for m in labels)


def _event_value(page: Page, i: int) -> bool:
    """A line that is the value of an event's label printed on the line before it
    (``开始时间：`` / ``2024-05-08`` in two cells of an event box)."""
    before = next((page.lines[j].text for j in range(i - 1, max(-1, i - 3), -1)
                   if page.lines[j].text), "")
    m = re.search(r"(?:时间|日期)\s*[:：]?\s*$", before)
    return bool(m) and bool(_NOT_PUBLISH_LABEL.search(before[max(0, m.start() - 4):m.start()]))


def _ranked_zone(page: Page, zone: list[int], under_head: list[int]) -> list[int]:
    """Header-zone lines in the order their dates are trusted: below the headline first (in
    reading order), then above it, nearest first, up to a breadcrumb: a date above the
    breadcrumb belongs to the sidebar or a list, not to this notice."""
    top = min(under_head) if under_head else None
    if top is None:
        return zone
    below = [i for i in zone if i >= top]
    above: list[int] = []
    for i in sorted((i for i in zone if i < top), reverse=True):
        if is_breadcrumb(page.lines[i].text):
            break
        above.append(i)
    return below + above


def trailing_date(page: Page, after: list[int]) -> str | None:
    """A date labelled as published (发布日期：…) in the lines right after the text: templates
    that print the date and source under the article rather than over it."""
    for i in after[:8]:
        found = _labelled_date(page.lines[i].text, _PUBLISH_LABEL)
        if found and found.year:
            return found.iso()
    return None


def _under_head(page: Page, head: Headline, zone: list[int], first: int) -> list[int]:
    """The line right under the headline (past any meta or chrome lines), before the text:
    where templates print the date line, labelled or not. Never a line further down, which
    may be the text's own (a salutation, then a meeting's date)."""
    found: list[int] = []
    if head.end is None:
        return found
    for i in (i for i in zone if head.end < i < first):
        found.append(i)
        if not (is_meta_line(page.lines[i].text) or is_chrome(page.lines[i].text)):
            break
    return found


# The reader's clock in a tool bar (今天：2024年2月22日 星期四): the day of the visit.
_VISIT_CLOCK = re.compile(r"今天|今日|当前|现在|欢迎|您好")


def _paper_header(text: str) -> bool:
    """The date line of an e-paper or dated page header: a full date with the weekday or the
    page number (``人民日报 2024年01月29日 星期一 第04版``), no sentence."""
    if len(text) > 60 or re.search(r"[，。；！？,;!?]", text) or _VISIT_CLOCK.search(text):
        return False
    return dates.first_date(text, need_year=True) is not None and \
        bool(re.search(r"星期[一二三四五六日天]|周[一二三四五六日]|第\s*[0-9０-９]{1,3}\s*版", text))


def _dates_only(text: str) -> bool:
    """A line that is a numeric date/time and nothing else (``2019-09-18 06:23``)."""
    return bool(re.fullmatch(r"[\[【(（]?\s*(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}"
                             r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[\]】)）]?", text))


def meta_date(page: Page) -> str | None:
    """The date of a PubDate-style ``<meta>``, else of JSON-LD ``datePublished``, else of a
    ``<time datetime>`` marked as the publication (``pubdate``, ``itemprop=datePublished``)."""
    for name in _PUBDATE_METAS:
        if page.metas.get(name):
            found = dates.parse_date(page.metas[name])
            if found:
                return found
    return _json_ld_date(page) or _time_element_date(page)


_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def _json_ld_date(page: Page) -> str | None:
    for el in page.root.iter("script"):
        if "ld+json" in (el.get("type") or ""):
            m = _LD_PUBLISHED.search(el.text or "")
            found = dates.parse_date(m.group(1)) if m else None
            if found:
                return found
    return None


def _time_element_date(page: Page) -> str | None:
    for el in page.root.iter("time"):
        if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished":
            found = dates.parse_date(el.get("datetime") or el.text_content())
            if found:
                return found
    return None


@dataclass
class Published:
    """The publish date (ISO) and whether the page printed it without a year."""

    value: str | None = None
    without_year: bool = False


def _lead_date(body: list[str]) -> dates.FoundDate | None:
    """A date opening one of the first two paragraphs (1月30日，市政协召开…)."""
    lead = next((p for p in body[:2] if _LEAD_DATE.match(p)), "")
    return dates.first_date(lead) if lead else None


def _near_list_date(found: dates.FoundDate, hint_date: str | None) -> bool:
    """A lead's event date is the publish date only if the list dates the notice within a
    week after it (otherwise the lead tells of an earlier event)."""
    if not hint_date:
        return True
    year = dates.complete_year(found, hint_date)
    iso = found.iso(year)
    return bool(iso) and 0 <= (dt.date.fromisoformat(hint_date[:10]) -
                               dt.date.fromisoformat(iso[:10])).days <= 7


def _info_date(info: dict[str, str]) -> str | None:
    """The publication date of the 政府信息公开 table (发布日期, else 公开日期/生成日期)."""
    for label in PUBLISHED_LABELS:
        found = dates.parse_date(info.get(label) or "")
        if found:
            return found
    return None


def find_published(page: Page, zone: list[int], head: Headline, first: int, body: list[str],
                   info: dict[str, str], hint_date: str | None,
                   after: list[int] | None = None) -> Published:
    """The publish date, in the order: 公开 table, header zone, a 发布日期 printed right after
    the text (``after``: the lines following it), meta (PubDate, JSON-LD, ``<time>``), URL,
    lead, list hint.

    A date printed without a year (1月30日, in the header or opening the first paragraph)
    takes its year from the other sources; ``without_year`` is set even when none has one.
    """
    listed = _info_date(info)
    if listed:  # the 公开 table's 发布日期 is the record the site keeps of the publication
        return Published(listed)
    shown, yearless = _zone_dates(page, zone, _under_head(page, head, zone, first))
    if shown:
        return Published(shown)
    trailing = trailing_date(page, after or []) if yearless is None else None
    if trailing:
        return Published(trailing)
    context = meta_date(page) or dates.date_from_url(page.url)
    if yearless is None and not context:
        found = _lead_date(body)
        if found and not _near_list_date(found, hint_date):
            found = None
        if found and found.year:
            return Published(found.iso()[:10])
        yearless = found
    if yearless is None:
        return Published(context or hint_date)
    url_year = dates.year_from_url(page.url)
    ref = context or hint_date or (f"{url_year}-{yearless.month:02d}-01" if url_year else None)
    year = dates.complete_year(yearless, ref)
    return Published(yearless.iso(year) if year else None, True)


def _labelled_value(pattern: re.Pattern, texts: list[str]) -> str | None:
    for text in texts:
        m = pattern.search(text)
        if m:
            value = m.group(1).strip(" ：:|()（）[]【】")
            return value or None
    return None


def find_source(page: Page, zone: list[int], info: dict[str, str]) -> str | None:
    """来源：… in the header zone (None when the label is printed empty), else the 公开 table's
    发布机构 (printed on the page), else a source meta (not shown to readers)."""
    texts = [page.lines[i].text for i in zone]
    value = _labelled_value(_SOURCE, texts)
    if value is None and any(_SOURCE.search(t) for t in texts):
        return None  # the page prints an empty 来源: label
    if value is None and info.get("发布机构"):
        return info["发布机构"]
    if value is None:
        for name in ("source", "contentsource", "articlesource"):
            if page.metas.get(name):
                meta = re.sub(r"^(?:信息|文章)?来源\s*[:：]\s*", "", page.metas[name]).strip()
                return meta or None
    return value


def find_author(page: Page, zone: list[int], head: Headline, first: int) -> str | None:
    """作者：… in the header zone, or a line of names right under the headline (byline)."""
    texts = [page.lines[i].text for i in zone]
    value = _labelled_value(_AUTHOR, texts)
    if value and value.lower() not in _CMS_USERS:
        return value
    end = head.end if head.end is not None else first - 1
    for i in zone:
        text = page.lines[i].text
        if end < i < first and is_byline(text) and not is_chrome(text) and \
                not _SECTION_HEAD.search(text):
            return text
    return None


