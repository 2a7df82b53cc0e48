"""The writer keeps items in batches, and a batch leaves the archive exactly as the same items
kept one by one: rows, versions, events, attachments, copies and the search index.

The items are a crawl's life in small: new notices with images and attachments, attachment
files arriving (their text joins the index), re-crawls unchanged and changed, 304s, pages
gone and back, failures. Written once with one transaction per item, once in batches of a
few, once in one batch; the archives are compared table by table, and the index token by
token (fts5vocab), and against LIKE.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from crawler import clock
from crawler.demo import catalog
from crawler.items import (Attachment, FetchFailed, FetchedAttachment, FetchedNotice, Image, Notice,
                           NoticeGone, NoticeUnchanged)
from crawler.keep import search
from crawler.keep.writer import ArchiveWriter
from crawler.navigate.registry import ColumnList, Site

SITE = Site(name="batch", organisation="批量测试", province="测试省", city="测试市", org_type="政协",
            cms="generic", home_url="http://batch.example.gov.cn/", detail_pattern=r"/t\d+",
            lists=(ColumnList("http://batch.example.gov.cn/list/"),))
BASE = "http://batch.example.gov.cn"
TABLES = ("notices", "notice_versions", "notice_events", "images", "attachments", "files",
          "redirects", "fetch_failures", "copies", "copy_parts", "copy_signatures")
WORDS = ("政协", "通知", "附件正文", "更正", "委员", "疫情防控", "第3号", "a")


def crawl_items() -> list:
    truth = [n for site in catalog().values() for n in site.notices if n.body]
    notices = []
    for i in range(24):
        t = truth[i % len(truth)]
        notices.append(Notice(
            url=f"{BASE}/t{i:05d}.html", title=f"{t.title}（第{i}号）", published=t.published,
            source=t.source, channel=list(t.channel), body=[f"第{i}号。", *t.body],
            images=[Image(f"{BASE}/{i}-{k}.jpg", c) for k, c in enumerate(t.captions)],
            attachments=[Attachment(f"{BASE}/f/{i % 5}.pdf", f"附件{i % 5}", "pdf")],
        ))
    items: list = [FetchedNotice(SITE.name, n) for n in notices[:16]]
    items += [FetchedAttachment(SITE.name, f"{BASE}/f/{k}.pdf", f"附件正文{k}：委员名单".encode(),
                                "text/plain") for k in range(3)]
    items += [FetchedNotice(SITE.name, n, requested_url=n.url.replace("/t", "/old/t"))
              for n in notices[16:]]
    items += [FetchedNotice(SITE.name, replace(n, body=n.body + ["（更正）"])) for n in notices[::3]]
    items += [FetchedNotice(SITE.name, n) for n in notices[1::3]]
    items += [NoticeUnchanged(SITE.name, n.url, etag='"e"') for n in notices[2::5]]
    items += [NoticeGone(SITE.name, n.url, "http_404") for n in notices[::7]]
    items += [FetchFailed(SITE.name, f"{BASE}/f/4.pdf", "http_404", what="attachment")]
    items += [FetchedAttachment(SITE.name, f"{BASE}/f/3.pdf", "附件正文3：更正".encode(), "text/plain")]
    items += [FetchedNotice(SITE.name, replace(n, title=n.title + "（修订）")) for n in notices[::7]]
    return items


def keep(path, items, batch_size: int) -> None:
    clock.set_now("2024-03-01T08:00:00Z")
    try:
        writer = ArchiveWriter(str(path), {SITE.name: SITE}, batch_size=batch_size, batch_seconds=3600)
        for item in items:
            writer.write(item)
        writer.finish("finished", lambda site, key: 0)
        writer.archive.close()
    finally:
        clock.set_now(None)


def contents(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        found = {table: sorted(map(repr, conn.execute(f"SELECT * FROM {table}"))) for table in TABLES}
        conn.execute(f"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, {search.SEARCH_TABLE}, 'instance')")
        found["index"] = sorted(conn.execute("SELECT term, doc, col, offset FROM temp.vocab"))
        found["matches"] = {w: sorted(search.match_ids(conn, w)) for w in WORDS}
        assert all(set(found["matches"][w]) == search.like_ids(conn, w) for w in WORDS)
        return found
    finally:
        conn.close()


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory):
    path = tmp_path_factory.mktemp("single") / "archive.db"
    keep(path, crawl_items(), batch_size=1)
    return contents(path)


@pytest.mark.parametrize("batch_size", [5, 1000])
def test_a_batch_keeps_what_items_one_by_one_keep(one_by_one, tmp_path, batch_size):
    path = tmp_path / "archive.db"
    keep(path, crawl_items(), batch_size=batch_size)
    batched = contents(path)
    assert len(one_by_one["notices"]) == 24 and one_by_one["index"]
    assert any(m for m in one_by_one["matches"].values())
    for name, expected in one_by_one.items():
        assert batched[name] == expected, name


def test_an_item_failing_in_a_batch_costs_only_itself(tmp_path):
    path = tmp_path / "archive.db"
    items = crawl_items()[:10]
    clock.set_now("2024-03-01T08:00:00Z")
    try:
        writer = ArchiveWriter(str(path), {SITE.name: SITE}, batch_size=50, batch_seconds=3600)
        for item in items[:6]:
            writer.write(item)
        with pytest.raises(KeyError):
            writer.write(FetchedNotice("no-such-site", items[6].notice))
        for item in items[7:]:
            writer.write(item)
        writer.finish("finished", lambda site, key: 0)
        writer.archive.close()
    finally:
        clock.set_now(None)
    conn = sqlite3.connect(path)
    urls = {row[0] for row in conn.execute("SELECT url FROM notices")}
    assert urls == {i.notice.url for i in items[:6] + items[7:]}
    assert sorted(search.match_ids(conn, "政协")) == sorted(search.like_ids(conn, "政协"))
    figures = conn.execute("SELECT new FROM crawl_runs").fetchone()
    assert figures == (9,)
    conn.close()
