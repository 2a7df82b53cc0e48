"""A list whose blocks of items each sit in their own unclassed wrapper, and a pager built by
script from a record count and a page size.

Real pages first: a city government's TRS columns (tests/lists/tune/pingtan-*.html, provenance
in tests/lists/sources.jsonl) put one list in blocks of five, each block in a wrapper ``<div>``
shown by script, and page it from ``recordCount`` and ``prepage`` with no URL. Then the same
shapes made up, so the rule is the shape and not those pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract.repair import parse
from crawler.navigate.lists import read_list
from crawler.navigate.pagers import find_pager

LISTS = Path(__file__).parent / "lists"


def real(page_id: str):
    truth = json.loads((LISTS / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    text = (LISTS / "tune" / f"{page_id}.html").read_text(encoding="utf-8")
    return truth, read_list(text, truth["url"])


@pytest.mark.parametrize(("page_id", "items", "pages"), [
    ("pingtan-gsgg", 75, 637),   # recordCount 9546, prepage 15
    ("pingtan-ndjh", 39, 3),     # recordCount 39
    ("pingtan-gzjzqk", 75, 8),   # recordCount 107
])
def test_real_wrapped_blocks_are_one_list_and_the_record_count_gives_the_pages(page_id, items, pages):
    truth, (_, _, notices, pager) = real(page_id)
    assert [n.url for n in notices] == truth["notices"]
    assert len(notices) == items
    assert pager.total_pages == pages
    assert pager.next_urls == []  # later pages come from a search API the page does not spell out


URL = "http://www.example.gov.cn/xxgk/tzgg/index.html"
SIDE = """<div class="side"><ul>
<li><a href="/gzdt/202401/t20240101_1.html">全市政协系统工作会议召开</a><span>2024-01-01</span></li>
<li><a href="/gzdt/202401/t20240102_2.html">主席会议听取专题调研情况</a><span>2024-01-02</span></li>
<li><a href="/gzdt/202401/t20240103_3.html">委员履职培训班开班仪式</a><span>2024-01-03</span></li></ul></div>"""


def wrapped(blocks: int, wrapper: str = "<div>", close: str = "</div>") -> str:
    out = []
    for b in range(blocks):
        rows = "".join(
            f'<li><a href="./2024{b + 1:02d}/t2024{b + 1:02d}{i:02d}_{b}{i}7.html">第{b}批第{i}项事项的公示公告</a>'
            f"<span>2024-{b + 1:02d}-{i:02d}</span></li>" for i in range(1, 6))
        out.append(f"{wrapper}<ul>{rows}</ul><div></div>{close}")
    return "".join(out)


@pytest.mark.parametrize(("wrapper", "close"), [
    ("<div>", "</div>"), ('<div class="blk">', "</div>"), ('<section data-show="1">', "</section>")])
def test_sibling_wrappers_of_one_shape_are_one_list(wrapper, close):
    body = wrapped(4, wrapper, close)
    page = f'<html><body><div class="nav"><a href="/">首页</a></div>{SIDE}<div>{body}</div></body></html>'
    found = read_list(page, URL)[2]
    assert len(found) == 20
    assert found[0].url.endswith("t20240101_017.html") and found[-1].url.endswith("t20240405_357.html")


def test_wrappers_with_ids_stay_apart():
    # Two blocks that name themselves are two lists: the longer one wins, not both.
    body = wrapped(1, '<div id="a">') + wrapped(2, '<div id="b">').replace("t2024", "u2024")
    page = f"<html><body>{body}</body></html>"
    assert len(read_list(page, URL)[2]) == 5


@pytest.mark.parametrize(("script", "nxt", "total"), [
    ("var info = {recordCount: '40', sortfield: '-docreltime', prepage: 15};", None, 3),
    ("var cfg = {totalRecord: 95, pageSize: 20, current: 1};"
     + " function go(p){ location.href = 'index_' + p + '.html'; }",
     "http://www.example.gov.cn/xxgk/tzgg/index_2.html", 5),
    ("var pageSize = 10; var recordCount = 3;", None, 1),
])
def test_record_count_and_page_size_give_the_page_count(script, nxt, total):
    html = f"<html><body><ul><li>x</li></ul><script>{script}</script></body></html>"
    found = find_pager(html, parse(html), URL)
    assert found.total_pages == total
    assert found.next_urls == ([nxt] if nxt else [])
