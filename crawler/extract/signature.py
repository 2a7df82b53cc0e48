"""What makes a notice an official document: its 落款 (signature and date) and 文号.

A notice ends with the issuing organisation on one line (joint notices: one line per organ) and
the date on the next (often pushed right with NBSPs or U+3000); a notice that publishes a plan
(印发…的通知) signs before the plan's text instead. Both stay in the body as paragraphs and are
also recorded as ``signed_by``/``signed_date``. A trailing ``（办公室）`` names the drafting office: it stays in the
body and becomes the source when the page gives none. The document number
(兰政协发〔2020〕3号) is taken from the 公开 table or from a line of its own near the top, never
from a reference to another document inside a sentence.
"""

from __future__ import annotations

import re

from . import dates

_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,14}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,5}\s*号")
_ORG_END = re.compile(r"(?:中心|集团|小组|支部|政协|[会部局厅室处院委府所站社团校馆司组盟联办队科股])$")
_SENTENCE = re.compile(r"[，。；！？,;!?：:]")
_ATTRIBUTION = re.compile(r"^[（(]\s*([^（）()：:]{2,16})\s*[)）]$")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,3}")
_SOURCE_CREDIT = re.compile(r"^[（(【\[]?\s*(?:信息|文章|稿件)?来源\s*[:：]\s*([^)）】\]]*)[)）】\]]?$")


def date_line(text: str) -> str | None:
    """The ISO date if ``text`` is only a date (Arabic or Chinese numerals)."""
    found = dates.first_date(text, need_year=True)
    if not found:
        return None
    rest = (text[:found.start] + text[found.end:]).strip(" 　")
    return found.iso()[:10] if not rest else None


def org_line(text: str) -> bool:
    """An issuing organisation: short, unpunctuated, ending like one (委员会, 办公室, 组织部…)."""
    text = text.strip()
    return 2 <= len(text) <= 40 and not _SENTENCE.search(text) and \
        bool(_ORG_END.search(text)) and not dates.first_date(text)


def _inline_signature(text: str) -> tuple[str, str] | None:
    """``政协兰州市委员会 2020年1月29日`` on one line."""
    found = dates.first_date(text, need_year=True)
    if found and found.start > 0 and not text[found.end:].strip():
        org = text[:found.start].strip()
        if org_line(org):
            return org, found.iso()[:10]
    return None


def _orgs_before(body: list[str], pos: int) -> list[str]:
    """The organisation lines right above line ``pos`` (joint notices sign with several)."""
    orgs: list[str] = []
    k = pos - 1
    while k >= 0 and len(orgs) < 4 and org_line(body[k]):
        orgs.insert(0, body[k])
        k -= 1
    return orgs


def find_signature(body: list[str]) -> tuple[str | None, str | None]:
    """``(signed_by, signed_date)``: a date line (or ``机关 日期``) among the last three lines;
    else the first organisation-and-date block inside the text, which is where 印发 notices
    sign before the plan or list they publish."""
    for pos in range(len(body) - 1, max(len(body) - 4, -1), -1):
        signed = date_line(body[pos])
        if signed:
            return (" ".join(_orgs_before(body, pos)) or None), signed
        inline = _inline_signature(body[pos])
        if inline:
            return inline
    for pos, text in enumerate(body):
        signed = date_line(text)
        orgs = _orgs_before(body, pos) if signed else []
        if orgs:
            return " ".join(orgs), signed
    return None, None


def trailing_attribution(body: list[str]) -> str | None:
    """``（办公室）`` as the last paragraph: the office that drafted the text. It must name an
    office (研究室, 市政协办): ``（此件公开发布）`` and ``（完）`` close a text without naming one."""
    if body:
        m = _ATTRIBUTION.match(body[-1].strip())
        if m and not dates.first_date(m.group(1)) and _ORG_END.search(m.group(1).strip()):
            return m.group(1).strip()
    return None


def source_credit(text: str) -> tuple[str | None, str | None]:
    """``（来源：新街镇 汪雯雯）`` at the end of the text: ``(source, writer)``, the writer being
    a personal name after the unit."""
    m = _SOURCE_CREDIT.match(text.strip())
    value = m.group(1).strip() if m else ""
    unit, _, name = value.rpartition(" ")
    if unit and _PERSON.fullmatch(name):
        return unit.strip(), name
    return value or None, None


def find_doc_number(info: dict[str, str], lines: list[str]) -> str | None:
    """文号 from the 公开 table, else a short line near the top that is the number."""
    for label in ("发文字号", "文号", "发文号"):
        if info.get(label):
            m = _DOC_NUMBER.search(info[label])
            return m.group(0) if m else info[label]
    for text in lines:
        m = _DOC_NUMBER.search(text)
        if m and len(text) <= len(m.group(0)) + 8:
            return re.sub(r"\s+", "", m.group(0))
    return None
