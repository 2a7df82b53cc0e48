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
from crawler.extract.content import data_rows
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
    rows are the notice, one line a row as the other tables' rows are, with the signature and
    its date under them."""
    notice, gold = real("r_renwen_shnu_edu_cn")
    text = "\n".join(notice.body)
    assert score_body(text, gold["body"]).recall >= 0.99
    assert "段霆泽" in text and "107183413915258" in text  # the last row
    assert notice.body[-2:] == ["人文学院", "2022.4.13"]  # signature and its (misprinted) date
    assert "66 段霆泽 107183413915258 学科教学（历史）" in notice.body  # one line a row: searchable
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


# ------------------------------------------------------------- the edges of the text block
def test_linked_sub_headlines_stay_and_a_promo_box_in_the_text_frame_goes():
    """A press round-up links each item's bold headline to the full story: the headlines are
    text. The app and stock promo box after the last paragraph, in the same frame, is not:
    its links and their section headings (重点推荐, 证券要闻 …) go."""
    notice, gold = real("r_money_163_com")
    text = "\n".join(notice.body)
    assert score_body(text, gold["body"]).f1 >= 0.999
    for subhead in ("证监会：继续推进长期资金入市", "证监会已查明6起编造虚假信息案",
                    "证监会：将严打造谣传谣行为 已集中部署3起案件"):
        assert subhead in notice.body
    for heading in ("重点推荐", "证券要闻", "行业动态", "公司新闻"):
        assert heading not in notice.body


TEXT = "市政协召开党组（扩大）会议，研究部署疫情防控工作。委员们积极建言献策，提出了许多意见建议。"


def _body(html: str) -> list[str]:
    page = (f"<html><head><meta charset=utf-8><title>t</title></head><body>{html}</body></html>")
    return extract_notice(page.encode("utf-8"), "https://example.invalid/a.html").body


def test_a_signature_after_a_link_is_no_link_list():
    body = _body(f'<h1>关于召开全体会议的通知</h1><div id=zoom><p>{TEXT}</p>'
                 '<p><a href="/bm">网上报名</a></p><p>市政协办公室</p><p>2024年3月5日</p></div>')
    assert body[-2:] == ["市政协办公室", "2024年3月5日"]


def test_teaser_items_after_the_text_stay_navigation():
    items = "".join(f'<li><a href="/n{i}">市政协调研组赴某县调研{i}</a><p>调研组一行实地察看了项目建设'
                    f'情况，听取了有关部门的汇报{i}。</p></li>' for i in range(3))
    body = _body(f'<h1>市政协召开党组会议</h1><div id=zoom><p>{TEXT}</p><p>{TEXT}</p>'
                 f'<ul>{items}</ul></div>')
    assert not any("调研组赴" in line for line in body)


def test_an_empty_attachment_box_ends_no_text():
    """The template prints ``附件：`` and ``相关文档：`` with no file after them."""
    for stem in ("r_lytwtl_sz_gov_cn", "r_dcy_liaoyang_gov_cn"):
        notice, gold = real(stem)
        assert notice.body[-1] == gold["body"].split("\n")[-1]
        assert not any(line.startswith(("附件", "相关文档")) for line in notice.body)


def test_a_list_of_the_sources_a_story_was_put_together_from_is_no_text():
    notice, _ = real("r_lysctcm_sc_gov_cn")
    assert not any(line.startswith("文章综合自") for line in notice.body)


def test_attachment_label_with_its_files_stays():
    body = _body(f'<h1>关于下达补助资金的通知</h1><div id=zoom><p>{TEXT}</p><p>附件：</p>'
                 '<p><a href="/f/1.doc">1.补助资金分配表.doc</a></p></div>')
    assert body[-2:] == ["附件：", "1.补助资金分配表.doc"]


def test_a_table_of_word_paragraphs_alone_is_the_notice_not_the_sidebar():
    """No sentence at all: the headline, then a name list whose cells are Word paragraphs.
    The rows speak for their block; a sidebar of teasers does not win, nor does ``<body>``."""
    names = ["张三丰", "李四", "王五", "赵六", "钱七", "孙八"]
    rows = "".join(f"<tr><td><p>{i}</p></td><td><p>{n}</p></td><td><p>10269{i:010d}</p></td>"
                   f"<td><p>文艺学</p></td></tr>" for i, n in enumerate(names, 1))
    side = "".join(f'<li><a href="/n{i}">学院新闻标题{i}</a><p>学院召开教学工作会议，研究部署'
                   f'新学期教学工作，听取各系汇报{i}。</p></li>' for i in range(3))
    body = _body(f'<div class=side><ul>{side}</ul></div><h1>2023年硕士研究生复试结果</h1>'
                 '<div id=zoom><table><tr><td><p>序号</p></td><td><p>姓名</p></td>'
                 f'<td><p>考生编号</p></td><td><p>专业</p></td></tr>{rows}</table></div>'
                 '<div class=foot><p>版权所有：某大学</p></div>')
    assert body[0] == "序号 姓名 考生编号 专业" and body[-1] == "6 孙八 102690000000006 文艺学"
    assert len(body) == 7 and not any("学院召开" in line for line in body)


def test_a_calendar_or_a_link_table_is_no_data_table():
    days = "".join("<tr>" + "".join(f"<td>{d}</td>" for d in range(w * 7 + 1, w * 7 + 8)) + "</tr>"
                   for w in range(4))
    links = "".join(f'<tr><td><a href="/a{i}">政务公开</a></td><td><a href="/b{i}">办事服务</a></td></tr>'
                    for i in range(4))
    lines = build_lines(parse(f"<div><table>{days}</table><table>{links}</table></div>"))
    assert data_rows(lines) == set()
