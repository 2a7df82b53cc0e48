"""Failure classes of the real ``tune`` pages (tests/corpus/README.md), each on its real page.

The corpus test holds every page to its F1 floor; these say *what* was wrong, so a later
change that brings a class back fails with its name. Only ``tune`` pages are used here:
held-out and unseen pages are measured by the bench, never tested line by line.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from crawler.extract import extract_notice
from crawler.extract.lines import build_lines
from crawler.extract.repair import parse
from crawler.extract.score import chrome_left, score_body
from crawler.items import Notice

CORPUS = Path(__file__).resolve().parent / "corpus"


@cache
def _sources() -> dict[str, dict]:
    lines = (CORPUS / "sources.jsonl").read_text(encoding="utf-8").splitlines()
    return {d["id"]: d for d in map(json.loads, filter(None, lines))}


@cache
def real(stem: str) -> tuple[Notice, dict]:
    """The record of a real tune page and its gold record."""
    assert _sources()[stem]["split"] == "tune", "only tune pages are looked at line by line"
    gold = json.loads((CORPUS / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
    data = (CORPUS / "pages" / f"{stem}.html").read_bytes()
    return extract_notice(data, f"https://example.invalid/{stem}.html"), gold


# ------------------------------------------------------------- a table that is the notice
def test_a_name_list_table_pasted_from_word_is_kept_as_the_notice():
    """One sentence, then a 66-row table whose cells are Word paragraphs (``<td><p>``): the
    rows are the notice, with the signature and its date under them."""
    notice, gold = real("r_renwen_shnu_edu_cn")
    text = "\n".join(notice.body)
    assert score_body(text, gold["body"]).recall >= 0.99
    assert "段霆泽" in text and "107183413915258" in text  # the last row
    assert notice.body[-2:] == ["人文学院", "2022.4.13"]  # signature and its (misprinted) date
    assert not chrome_left(text)


def test_a_bookmark_anchor_is_no_link():
    """Word wraps a header cell in ``<a name="OLE_LINK1">``: a place mark, not navigation."""
    lines = build_lines(parse('<div><p>序号 <a name="OLE_LINK1">考生编号</a></p>'
                              '<p><a href="/x">考生名单</a></p></div>'))
    assert [ln.link_chars for ln in lines] == [0, 4]


# ------------------------------------------------------------- the text's own closing lines
def test_printed_addresses_and_contact_lines_end_a_recruitment_notice():
    """Lines that print a web address (``请见：http://…``, linked) and the office's contact
    lines after 联系人 are the notice's; the footer's address and ICP line are not."""
    notice, gold = real("r_www_nuc_edu_cn")
    text = "\n".join(notice.body)
    assert score_body(text, gold["body"]).f1 >= 0.999
    assert sum("http://" in line for line in notice.body) == 3
    assert notice.body[-3:] == ["联系电话：18834874984", "地址：山西省太原市学院路3号中北大学德怀楼511室",
                                "邮编：030051"]
    assert "ICP" not in text and not chrome_left(text)


@pytest.mark.parametrize("html, link_chars", [
    ('<p>详情请见：<a href="http://www.example.cn/zp.htm">http://www.example.cn/zp.htm</a></p>', 0),
    ('<p>详情请见：<a href="http://www.example.cn/zp.htm">招聘信息</a></p>', 4),
])
def test_a_link_showing_its_own_address_is_text(html, link_chars):
    assert build_lines(parse(f"<div>{html}</div>"))[0].link_chars == link_chars
