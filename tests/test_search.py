"""Chinese search finds exactly what a LIKE scan finds, and stays right as the archive changes.

The definition of "right" is crawler.keep.search.like_clause: a word occurs in the title, subtitle,
body, or the name or extracted text of an attachment of the current version, ASCII case
ignored, Traditional query words also searched in Simplified. Checked on the demo crawl's
archive (a real crawl), on a small archive written through crawler.keep with the hard
cases (mixed scripts, punctuation, edits, attachments read later), through Datasette's own
search (box, ``_search``, ``_search_title``, JSON) and the ranked page, and with a plain
SQLite that has none of govarchive's functions.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from crawler.extract import attachments
from crawler.keep import search
from crawler.publish import diff, highlight
from crawler.demo.assets import pdf, rtf_doc
from crawler.items import Attachment, Notice
from crawler.publish.serve import build_datasette
from crawler.keep import Archive
from crawler.navigate.registry import ColumnList, Site

ROOT = Path(__file__).resolve().parents[1]

#: Queries on the demo archive: 1, 2, 3 and 4+ characters, Latin and digits, punctuation,
#: attachment text, AND / OR / -exclusion / quoted phrases, Traditional script, markup.
DEMO_QUERIES = [
    "疫", "会", "镇", "港", "税",
    "疫情", "政协", "倡议", "统战", "防控", "委员", "通知", "A股",
    "倡议书", "疫情防控", "政协委员", "统一战线", "征求意见", "新型冠状病毒", "四个意识",
    "第3期", "2020年", "〔2020〕", "1月", "guang", "DEPARTMENT", "单位名称",
    "疫情 防控", "政协 倡议", "疫情 -防控", "政协 OR 统战", "纪委 OR 监委", "统战部 倡议 -疫情",
    '"疫情防控 工作"', '"政协 委员"',
    "統戰", "徵求意見", "協商", "倡議書", "疫情 統一戰線",
    "<script>", "alert(", "onerror=", "“", "，",
]


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def demo_db(demo_crawl, tmp_path_factory) -> Path:
    """A copy of the demo crawl's archive (other tests read the original)."""
    copy = tmp_path_factory.mktemp("search") / "archive.db"
    with sqlite3.connect(demo_crawl.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


@pytest.fixture(scope="module")
def demo_conn(demo_db):
    conn = sqlite3.connect(demo_db)
    yield conn
    conn.close()


def test_at_least_30_kinds_of_query_equal_like_on_the_demo_archive(demo_conn):
    assert len(DEMO_QUERIES) >= 30
    found_something = 0
    for q in DEMO_QUERIES:
        found = search.match_ids(demo_conn, q)
        assert found == search.like_ids(demo_conn, q), q
        found_something += bool(found)
    assert found_something >= 30  # most queries find notices; a few check absence


def test_attachment_text_is_searched(demo_conn):
    """The demo's PDFs say "Guang'an United Front…"; its .doc files are RTF forms."""
    texts = [r[0] for r in demo_conn.execute("select text from files where text is not null")]
    assert any("United Front" in t for t in texts) and any("单位名称" in t for t in texts)
    assert search.match_ids(demo_conn, "united front")
    body_only = {r[0] for r in demo_conn.execute(
        "select id from notices where title like '%单位名称%' or body like '%单位名称%'")}
    assert search.match_ids(demo_conn, "单位名称") - body_only  # found by the file's text


def test_the_demo_index_equals_a_rebuild(demo_db, tmp_path):
    """The index kept up to date during the crawl is the one `govarchive reindex` builds,
    also from an emptied index."""
    copy = tmp_path / "rebuilt.db"
    shutil.copy(demo_db, copy)
    with sqlite3.connect(copy) as conn:
        (notices,) = conn.execute("select count(*) from notices").fetchone()
        conn.execute("insert into notices_fts(notices_fts) values ('delete-all')")
    assert not index_content(copy)
    done = subprocess.run([sys.executable, "-m", "crawler.run.cli", "reindex", "--db", str(copy)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"search index rebuilt for {notices:,} notices" in done.stdout
    assert index_content(demo_db) == index_content(copy)


def index_content(path: Path) -> set[tuple]:
    """Every (term, notice, column, offset) the index holds."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("create virtual table temp.vocab using fts5vocab(main, notices_fts, instance)")
        return set(conn.execute("select term, doc, col, offset from temp.vocab"))
    finally:
        conn.close()


# -- the query language -------------------------------------------------------------------------


def test_parse_query():
    q = search.parse_query('疫情  防控 OR 防疫 -演练 "新冠 肺炎" -"测试 稿" OR')
    assert q.groups == (("疫情",), ("防控", "防疫"), ("新冠 肺炎",))
    assert q.excluded == ("演练", "测试 稿")
    assert not search.parse_query("-只有排除")
    assert search.fts_expression("-只有排除") == search.NOTHING
    assert search.fts_expression("") == search.NOTHING
    assert search.parse_query("a-b -").groups == (("a-b",), ("-",))  # a lone - is a hyphen
    assert search.fts_expression("疫") == '"疫" *'
    assert search.fts_expression("疫情防控") == '"疫情 情防 防控"'
    assert search.fts_expression("A股") == '"a股"'
    # Traditional words are searched as typed and in Simplified
    assert search.fts_expression("統戰") == '("統戰" OR "统战")'
    # quotes, stars, parentheses, NEAR, column filters: all just characters to find
    for hostile in ['"', '*', '" OR "', 'NEAR(a b)', 'title:x', '^x', '(((', 'AND', 'NOT']:
        expression = search.fts_expression(hostile)
        with sqlite3.connect(":memory:") as conn:
            conn.execute("create virtual table notices_fts using fts5(body, title, attachments,"
                         " content='', tokenize='ascii', prefix='1')")
            conn.execute("select * from notices_fts where notices_fts match ?", [expression])


def test_fold_maps_one_character_to_one():
    text = "Ａ股 A股 a-b\n第3期\t〔2024〕“引号”" + search.FIELD_END
    folded = search.fold(text)
    assert len(folded) == len(text)
    assert search.fold("COVID-19") == search.fold("covid-19")
    assert " " not in search.fold("a b") and "\n" not in folded


# -- a small archive written as the crawler writes it -------------------------------------

SITE = Site(name="zx-test", organisation="政协测试市委员会", province="浙江省", city="测试市",
            org_type="政协", cms="hanweb", home_url="https://zx.test.gov.cn/",
            lists=(ColumnList(url="https://zx.test.gov.cn/col/1/index.html"),))


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxml'
           f'formats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


NOTICES = [
    Notice(url="https://zx.test.gov.cn/art/1.html", title="关于A股市场第3期培训的通知",
           subtitle="（COVID-19 防控专题）", body=["各委员：", "第3期培训定于2020-01-29举行。",
                                                 "联系电话：0571-12345678"],
           attachments=[Attachment(url="https://zx.test.gov.cn/f/a.pdf", name="日程安排.pdf",
                                   kind="pdf")]),
    Notice(url="https://zx.test.gov.cn/art/2.html", title="<script>alert(1)</script>倡议书",
           body=["疫情防控倡议", "请勿转发<img src=x onerror=alert(1)>"],
           attachments=[Attachment(url="https://zx.test.gov.cn/f/b.doc", name="回执.doc",
                                   kind="doc"),
                        Attachment(url="https://zx.test.gov.cn/f/c.docx", name="报名表.docx",
                                   kind="docx"),
                        Attachment(url="https://zx.test.gov.cn/f/d.xls", name="统计表.xls",
                                   kind="xls")]),
    Notice(url="https://zx.test.gov.cn/art/3.html", title="统一战线工作要点",
           body=["做好新时代统一战线工作。", "政协 委员 协商"], signed_by="政协测试市委员会"),
    Notice(url="https://zx.test.gov.cn/art/4.html", title="无正文"),
]

SMALL_QUERIES = [
    "A股", "a股", "第3期", "COVID-19", "covid", "2020-01-29", "0571", "-12345", "（", "）",
    "日程", "Agenda", "Mon", "回执", "联系人", "报名", "姓名", "统计表", "<script>", "script",
    "onerror=alert(1)", "倡议书", "疫", "统一战线", "统一 战线", '"政协 委员"', "政协委员",
    "新时代 -统一", "倡议 OR 要点", "無正文", "正文", "A", "3", "-",
]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("small") / "archive.db"
    archive = Archive(path)
    archive.upsert_site(SITE)
    for notice in NOTICES:
        archive.notices.store(SITE, notice)
    # attachments arrive later: their text joins the notices' entries
    archive.files.attach("https://zx.test.gov.cn/f/a.pdf",
                         pdf(["Agenda: Monday 9:00", "Meeting room 3"]), "application/pdf", "a.pdf")
    archive.files.attach("https://zx.test.gov.cn/f/b.doc",
                         rtf_doc("回执", ["单位名称：", "联系人：", "联系电话："]),
                         "application/msword", "b.doc")
    archive.files.attach("https://zx.test.gov.cn/f/c.docx", _docx(["姓名", "职务"]),
                         "application/octet-stream", "c.docx")
    archive.files.attach("https://zx.test.gov.cn/f/d.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" +
                         b"\0" * 600, "application/vnd.ms-excel", "d.xls")
    # and notices change: new title/body, an attachment dropped, one added
    changed = dataclasses.replace(NOTICES[2], title="统一战线工作要点（修订）",
                                  body=["做好新时代统一战线工作。", "新增一段：民主协商。"])
    archive.notices.store(SITE, changed)
    dropped = dataclasses.replace(NOTICES[1], attachments=NOTICES[1].attachments[1:])
    archive.notices.store(SITE, dropped)
    again = dataclasses.replace(NOTICES[0], body=NOTICES[0].body + ["补充：第4期另行通知。"])
    archive.notices.store(SITE, again)
    archive.close()
    return path


def test_small_archive_queries_equal_like(small):
    conn = sqlite3.connect(small)
    try:
        for q in SMALL_QUERIES:
            assert search.match_ids(conn, q) == search.like_ids(conn, q), q
        assert search.match_ids(conn, "Agenda")  # PDF text, attached after the notice
        assert search.match_ids(conn, "姓名")  # DOCX
        # the old texts are gone from the index, the new ones are in
        assert not search.match_ids(conn, "统一战线工作要点）") and search.match_ids(conn, "（修订）")
        assert search.match_ids(conn, "第4期")
        # the RTF form (回执.doc: 联系人…) was dropped by version 2 of its notice
        assert not search.match_ids(conn, "回执") and not search.match_ids(conn, "联系人")
    finally:
        conn.close()


def test_small_archive_index_equals_a_rebuild(small, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(small, copy)
    assert search.rebuild(copy, quiet=True) == len(NOTICES)
    assert index_content(small) == index_content(copy)


def test_files_without_text_say_so(small):
    conn = sqlite3.connect(small)
    texts = dict(conn.execute(
        "select a.name, f.text from attachments a join files f on f.sha256 = a.sha256"))
    conn.close()
    assert "Agenda" in texts["日程安排.pdf"] and "联系人" in texts["回执.doc"]
    assert texts["统计表.xls"] is None
    assert attachments.describe(None, True).endswith("found by name only")
    assert attachments.describe("", True).startswith("no text")
    assert attachments.describe("x", True) is None


def test_a_plain_sqlite_can_search_the_index(small, demo_db):
    """No extension, no govarchive function: a pair phrase typed by hand, or the recipe."""
    for path, words in ((demo_db, ["疫情防控", "疫", "DEPARTMENT", "〔2020〕"]),
                        (small, ["A股", "covid-19", "第3期", "-"])):
        conn = sqlite3.connect(path)
        try:
            for word in words:
                plain = {r[0] for r in conn.execute(search.PLAIN_SQL, {"word": word})}
                assert plain == search.match_ids(conn, word), word
            by_hand = {r[0] for r in conn.execute(
                "select rowid from notices_fts where notices_fts match '\"疫情 情防 防控\"'")}
            assert by_hand == search.match_ids(conn, "疫情防控")
        finally:
            conn.close()


# -- through Datasette ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ds(demo_db):
    return build_datasette(demo_db)


def test_datasette_search_box_api_and_column_search_use_the_index(ds, demo_conn):
    for q in ["疫情", "疫", "統戰", "政协 -疫情", "倡议书", "guang"]:
        expected = len(search.like_ids(demo_conn, q))
        data = run(ds.client.get(f"/archive/notices.json?_search={quote(q)}&_size=0")).json()
        assert data["filtered_table_rows_count"] == expected, q
        alias = run(ds.client.get(f"/archive/notices.json?_q={quote(q)}&_size=0")).json()
        assert alias["filtered_table_rows_count"] == expected, q
    for q in ["倡议书", "通知", "疫"]:
        titles = {r[0] for r in demo_conn.execute(
            "select id from notices where title like ? or subtitle like ?", [f"%{q}%"] * 2)}
        data = run(ds.client.get(f"/archive/notices.json?_search_title={quote(q)}&_size=0")).json()
        assert data["filtered_table_rows_count"] == len(titles), q
    html = run(ds.client.get("/archive/notices?_search=%E7%96%AB%E6%83%85")).text
    assert 'name="_search" value="疫情"' in html
    assert "<script>alert(" not in html


def test_table_search_plans_for_the_number_of_matches(ds, demo_conn, monkeypatch):
    """Many matches: the filter probes the index per row (exists …); few: it looks them up.
    Same notices, same counts and facets."""
    from crawler.publish import tablesearch

    for scan_from in (5, 10**9):
        monkeypatch.setattr(tablesearch, "SCAN_FROM", scan_from)
        for q in ["疫情", "征求意见", "倡议书 -疫情"]:
            data = run(ds.client.get(
                f"/archive/notices.json?_search={quote(q)}&_facet=site&_size=0")).json()
            assert data["filtered_table_rows_count"] == len(search.like_ids(demo_conn, q))
            assert sum(r["count"] for r in data["facet_results"]["site"]["results"]) == \
                data["filtered_table_rows_count"]
    raw = run(ds.client.get("/archive/notices.json?_searchmode=raw&_search=%22%E7%96%AB%E6%83%85%22"
                            "&_size=0")).json()
    assert raw["filtered_table_rows_count"] == len(search.like_ids(demo_conn, "疫情"))
    assert run(ds.client.get("/archive/notices.json?_searchmode=raw&_search=%22a")).status_code == 400
    assert run(ds.client.get("/archive/notices.json?_search_url=x")).status_code == 400
    # Datasette's own search (asked for with _fts_table) uses our escape_fts: trylast won
    own = run(ds.client.get("/archive/notices.json?_fts_table=notices_fts&_fts_pk=id"
                            f"&_search={quote('倡议书')}&_size=0")).json()
    assert own["filtered_table_rows_count"] == len(search.like_ids(demo_conn, "倡议书"))
    sql = run(ds.client.get("/archive.json?_shape=array&sql=" + quote(
        "select escape_fts('倡议书') as e, fts_query('倡议书') as f"))).json()
    assert sql == [{"e": '"倡议 议书"', "f": '"倡议 议书"'}]


def test_ranked_page_counts_ranks_and_marks(ds, demo_conn):
    q = "倡议书"
    expected = search.like_ids(demo_conn, q)
    html = run(ds.client.get(f"/-/search?q={quote(q)}")).text
    assert f"<strong>{len(expected)}</strong> notices match" in html
    assert "<mark>倡议书</mark>" in html
    # title matches first (title weighs ten times the body)
    first = html.index('class="ga-result-title"')
    assert "<mark>倡议书</mark>" in html[first:first + 400]
    # filters and paging keep the count honest
    site = demo_conn.execute("select site from notices group by site order by count(*) desc"
                             ).fetchone()[0]
    in_site = {i for i in expected if demo_conn.execute(
        "select site from notices where id = ?", [i]).fetchone()[0] == site}
    html = run(ds.client.get(f"/-/search?q={quote(q)}&site={site}")).text
    assert f"<strong>{len(in_site)}</strong> notice" in html
    html = run(ds.client.get(f"/-/search?q={quote('疫情')}&page=2")).text
    assert "page 2 of" in html and 'rel="prev"' in html
    # markup in a result stays text; the search word inside it is marked after escaping
    html = run(ds.client.get("/-/search?q=script")).text
    assert "&lt;<mark>script</mark>&gt;alert" in html and "<script>alert" not in html


def test_empty_and_exclusion_only_queries(ds):
    assert run(ds.client.get("/-/search")).status_code == 200
    html = run(ds.client.get("/-/search?q=-%E7%96%AB%E6%83%85")).text
    assert "Nothing to look for" in html
    data = run(ds.client.get("/archive/notices.json?_search=-%E7%96%AB%E6%83%85&_size=0")).json()
    assert data["filtered_table_rows_count"] == 0


# -- helpers of the pages -------------------------------------------------------------------


def test_highlight_escapes_then_marks():
    text = "<script>alert(1)</script>疫情防控 COVID-19"
    marked = str(highlight.mark(text, ["script", "疫情", "covid"]))
    assert marked == ("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"
                      "<mark>疫情</mark>防控 <mark>COVID</mark>-19")
    long = "甲" * 300 + "疫情" + "乙" * 300
    snippet = str(highlight.snippet(long, ["疫情"], size=40))
    assert snippet.startswith("…") and snippet.endswith("…") and "<mark>疫情</mark>" in snippet


def test_diff_marks_what_changed():
    runs = diff.chars("关于召开会议的通知", "关于延期召开会议的通知")
    assert [(r.kind, r.text) for r in runs if r.kind != "same"] == [("added", "延期")]
    paras = diff.paragraphs(["一", "二段原文内容", "三", "四", "五", "六"],
                            ["一", "二段修改内容", "三", "四", "五", "六", "七"])
    kinds = [p.kind for p in paras]
    assert kinds == ["same", "edited", "same", "gap", "same", "added"]
    assert paras[3].skipped == 2


def test_attachment_formats():
    assert attachments.extract(pdf(["Hello PDF"])) == "Hello PDF"
    assert attachments.extract(rtf_doc("标题", ["第一段", "第二段"])) == "标题\n第一段\n第二段"
    assert attachments.extract(_docx(["甲", "乙"])) == "甲\n乙"
    gbk = b"{\\rtf1\\ansi\\ansicpg936 \\'d6\\'d0\\'ce\\'c4\\par}"
    assert attachments.extract(gbk) == "中文"
    assert attachments.extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100) is None
    assert attachments.extract(b"%PDF-1.4 broken") is None
    assert attachments.extract(b"plain bytes") is None
    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.write(blank)
    assert attachments.extract(blank.getvalue()) == ""
