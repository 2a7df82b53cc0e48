"""A notice's data tables on its page, served over HTTP from a real archive: in place of the
body lines that spell out their rows, or after the body under 表格; escaped either way."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import httpx
import pytest

from crawler import clock
from crawler.extract import extract_notice
from crawler.items import Notice
from crawler.keep import Archive
from crawler.navigate.registry import ColumnList, Site
from crawler.publish.tables import parse_tables, place_tables
from tests.support.serving import free_port, serving

CORPUS = Path(__file__).resolve().parent / "corpus"
SITE = Site(name="edu-test", organisation="某大学人文学院", province="上海市", city="上海市",
            org_type="高校", cms="unknown", home_url="https://example.invalid/",
            lists=(ColumnList("https://example.invalid/list/"),))
LIST_URL = "https://example.invalid/r_renwen_shnu_edu_cn.html"
XSS_URL = "https://example.invalid/cf.html"
XSS_TABLE = [["文号", "当事人"], ["罚〔2024〕1号", "<script>alert(1)</script>某公司"],
             ["罚〔2024〕2号", "某店"]]
SERVE = ("import sys; from crawler.publish.serve import serve;"
         " serve(sys.argv[1], port=int(sys.argv[2]), log_level='warning')")


def _store(path: Path, *notices: Notice) -> dict[str, int]:
    clock.set_now("2024-03-05T08:00:00Z")
    try:
        archive = Archive(path)
        archive.upsert_site(SITE)
        for notice in notices:
            archive.notices.store(SITE, notice)
        ids = {r["url"]: r["id"] for r in archive.db.query("SELECT id, url FROM notices")}
        archive.close()
    finally:
        clock.set_now(None)
    return ids


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "archive.db"
    real = extract_notice((CORPUS / "pages" / "r_renwen_shnu_edu_cn.html").read_bytes(), LIST_URL)
    written = Notice(url=XSS_URL, title="行政处罚决定公示", published="2024-03-05",
                     body=["现将行政处罚决定公示如下。", "详见下表。"], tables=[XSS_TABLE])
    ids = _store(path, real, written)
    port = free_port()
    with serving(["-c", SERVE, str(path), str(port)], port, seconds=15) as base:
        yield base, ids


def _tables(html: str) -> list[str]:
    return re.findall(r'<table class="ga-data-table">.*?</table>', html, re.DOTALL)


def test_a_name_list_is_a_table_in_place_of_its_row_lines(served):
    base, ids = served
    page = httpx.get(f"{base}/-/notice/{ids[LIST_URL]}", timeout=10)
    assert page.status_code == 200
    (table,) = _tables(page.text)
    assert table.count("<tr>") == 67
    assert "<td>66</td><td>段霆泽</td><td>107183413915258</td><td>学科教学（历史）</td>" in table
    body = page.text.split('<div class="ga-body">')[1].split("</div>\n\n")[0]
    assert body.index("拟录取结果如下") < body.index("ga-data-table") < body.index("人文学院")
    assert "<p>66 段霆泽 107183413915258 学科教学（历史）</p>" not in page.text  # no row lines
    assert "表格 Tables" not in page.text


def test_a_table_the_body_does_not_spell_out_follows_it_escaped(served):
    base, ids = served
    page = httpx.get(f"{base}/-/notice/{ids[XSS_URL]}", timeout=10)
    (table,) = _tables(page.text)
    assert "表格 Tables" in page.text and page.text.index("详见下表") < page.text.index("表格 Tables")
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;某公司</td>" in table
    assert "<script>alert(1)" not in page.text


def test_an_archive_made_before_tables_serves_its_notices_as_before(tmp_path):
    path = tmp_path / "archive.db"
    ids = _store(path, Notice(url=XSS_URL, title="通知", body=["第一段。", "第二段。"]))
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE notice_versions DROP COLUMN tables")
    port = free_port()
    with serving(["-c", SERVE, str(path), str(port)], port, seconds=15) as base:
        page = httpx.get(f"{base}/-/notice/{ids[XSS_URL]}", timeout=10)
    assert page.status_code == 200 and "<p>第二段。</p>" in page.text and not _tables(page.text)


def _p(text: str) -> dict:
    return {"type": "p", "text": text, "signature": False}


def test_a_table_whose_header_the_body_left_out_still_replaces_its_rows():
    table = [["序号", "姓名"], ["1", "张三"], ["2", "李四"], ["3", "王五"]]
    blocks = [_p("名单如下："), _p("1 张三"), _p("2 李四"), _p("3 王五"), _p("特此公示。")]
    placed, rest = place_tables(blocks, [table])
    assert [b["type"] for b in placed] == ["p", "table", "p"] and rest == []


def test_a_table_the_body_spells_only_in_part_is_shown_after_it():
    table = [["1", "张三"], ["2", "李四"], ["3", "王五"], ["4", "赵六"]]
    placed, rest = place_tables([_p("1 张三"), _p("另有说明。"), _p("3 王五")], [table])
    assert [b["type"] for b in placed] == ["p", "p", "p"] and rest == [table]


@pytest.mark.parametrize("value", [None, "", "not json", "{}", "[1, 2]", '[["a"]]'])
def test_a_tables_column_that_is_no_tables_shows_none(value):
    assert parse_tables(value) == []
