"""Counts kept ahead (notice_counts) and bounded counts, through the writer and Datasette over HTTP.

The home page, the charts and the notices table's facets read the counts the writer keeps;
they must equal what counting the notices gives after new notices, changed versions,
takedowns and restorations. Pages whose counts cannot be had cheaply say they are bounded.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from crawler.items import FetchedNotice, Notice, NoticeGone, NoticeUnchanged
from crawler.keep import Archive, TakedownPolicy, counts, search
from crawler.keep.schema import COUNTS_TABLE
from crawler.keep.writer import ArchiveWriter
from tests.support.serving import free_port, serving
from tests.test_datasette import SITES

FACETS = ("site", "region", "channel", "year", "status")


def _notice(site: str, n: int, **changes) -> FetchedNotice:
    host = SITES[site].home_url
    notice = Notice(
        url=f"{host}art/{n}.html", title=f"关于第{n}次会议的通知", published=f"20{20 + n % 4}-0{1 + n % 3}-15",
        channel=["通知公告"] if n % 2 else ["政务公开", "通知"],
        body=[f"政协委员第{n}次会议。", "疫情防控" if n % 3 else "统一战线"],
        flags=["truncated"] if n % 5 == 0 else [])
    return FetchedNotice(site, dataclasses.replace(notice, **changes))


def _stats(site: str, name: str) -> int:
    return 0


def _assert_counts_exact(db) -> None:
    assert counts.stored(db) == counts.recount(db)


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory) -> Path:
    """An archive written by the crawl's writer: new notices, changes, takedowns, a return."""
    path = tmp_path_factory.mktemp("counts") / "archive.db"
    writer = ArchiveWriter(str(path), SITES, takedown=TakedownPolicy(runs=2, days=0))
    for n in range(12):
        writer.write(_notice("zx-hangzhou" if n % 3 else "gov-ningbo", n))
    _assert_counts_exact(writer.archive.db)
    # changed versions: another channel, year, month and flags
    writer.write(_notice("zx-hangzhou", 1, channel=["工作动态"], published="2019-11-02",
                         flags=["no_date"], body=["改了。"]))
    writer.write(_notice("zx-hangzhou", 5, flags=[], title="更正"))
    _assert_counts_exact(writer.archive.db)
    # taken down: missing, then removed; another missing and back
    for _ in range(2):
        writer.write(NoticeGone("zx-hangzhou", _notice("zx-hangzhou", 2).notice.url, "404"))
    writer.write(NoticeGone("gov-ningbo", _notice("gov-ningbo", 3).notice.url, "404"))
    writer.write(NoticeGone("zx-hangzhou", _notice("zx-hangzhou", 4).notice.url, "410"))
    writer.write(NoticeUnchanged("zx-hangzhou", _notice("zx-hangzhou", 4).notice.url))
    _assert_counts_exact(writer.archive.db)
    writer.finish("finished", _stats)
    return path


def _sql_counts(path: Path, column: str, where: str = "", params=()) -> dict:
    conn = sqlite3.connect(path)
    found = dict(conn.execute(
        f"SELECT {column}, count(*) FROM notices WHERE {column} IS NOT NULL"
        f"{' AND ' + where if where else ''} GROUP BY {column}", params).fetchall())
    conn.close()
    return found


def _facets(data: dict) -> dict[str, dict]:
    return {name: {r["value"]: r["count"] for r in facet["results"]}
            for name, facet in data["facet_results"].items()}


def test_counts_kept_by_the_writer_equal_counting_the_notices(archive_path):
    archive = Archive(archive_path)
    try:
        kept = counts.stored(archive.db)
        assert kept == counts.recount(archive.db)
        status = {k[3]: n for k, n in kept.items() if k[:3] == ("", "", "status")}
        assert status == {"live": 10, "missing": 1, "removed": 1}
        # an archive made before the counts gains them, exact, when next opened for writing
        for name in ("insert", "update", "delete"):
            archive.db.execute(f"DROP TRIGGER {COUNTS_TABLE}_{name}")
        archive.db.execute(f"DROP TABLE {COUNTS_TABLE}")
    finally:
        archive.close()
    archive = Archive(archive_path)
    try:
        assert counts.stored(archive.db) == kept
    finally:
        archive.close()


def test_pages_show_the_kept_counts(archive_path):
    """Home page, unfiltered facets and a facet click equal counting the notices."""
    port = free_port()
    code = ("import sys; from crawler.publish.serve import serve;"
            " serve(sys.argv[1], port=int(sys.argv[2]), log_level='warning')")
    with serving(["-c", code, str(archive_path), str(port)], port) as base:
        home = httpx.get(f"{base}/").text
        conn = sqlite3.connect(archive_path)
        total, flagged = conn.execute(
            "SELECT count(*), sum(flags IS NOT NULL AND flags NOT IN ('', '[]')) FROM notices").fetchone()
        conn.close()
        assert f"holds <strong>{total:,}</strong> notices" in home
        assert f"{flagged:,} with quality notes" in home
        assert "2 missing or removed" in home
        # the link to them lists exactly those notices, from the partial index
        link = re.search(r'<a href="([^"]+)">[0-9,]+ with quality notes', home).group(1)
        data = httpx.get(base + link.replace("&amp;", "&").replace("/notices?", "/notices.json?")).json()
        conn = sqlite3.connect(archive_path)
        flagged_ids = {r[0] for r in conn.execute(
            "SELECT id FROM notices WHERE flags IS NOT NULL AND flags NOT IN ('', '[]')")}
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT count(*) FROM notices"
                            " WHERE flags NOT IN ('', '[]')").fetchall()
        conn.close()
        assert data["filtered_table_rows_count"] == flagged == len(flagged_ids)
        assert {r[0] for r in data["rows"]} == flagged_ids
        assert "idx_notices_flagged" in str(plan)
        link = re.search(r'<a href="([^"]+)">[0-9,]+ missing or removed', home).group(1)
        data = httpx.get(base + link.replace("&amp;", "&").replace("/notices?", "/notices.json?")).json()
        conn = sqlite3.connect(archive_path)
        gone = {r[0] for r in conn.execute("SELECT id FROM notices WHERE status != 'live'")}
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM notices WHERE +status IN"
                            " ('missing', 'removed') ORDER BY last_seen DESC LIMIT 51").fetchall()
        assert {r[0] for r in data["rows"]} == gone and data["filtered_table_rows_count"] == 2
        count_plan = conn.execute("EXPLAIN QUERY PLAN SELECT count(*) FROM notices WHERE +status IN"
                                  " ('missing', 'removed')").fetchall()
        conn.close()
        assert "idx_notices_gone_seen" in str(plan) and "idx_notices_gone_seen" in str(count_plan)
        data = httpx.get(f"{base}/archive/notices.json?_size=0").json()
        assert data["filtered_table_rows_count"] == total
        facets = _facets(data)
        for column in FACETS:
            assert facets[column] == _sql_counts(archive_path, column), column
        for column, value in (("site", "zx-hangzhou"), ("year", "2021"), ("status", "live")):
            data = httpx.get(f"{base}/archive/notices.json?{column}={value}&_size=0").json()
            facets = _facets(data)
            for other in FACETS:
                expected = _sql_counts(archive_path, other, f"{column} = ?", [value])
                assert facets[other] == expected, (column, other)
            assert sum(facets["site"].values()) == data["filtered_table_rows_count"]
        charts = httpx.get(f"{base}/-/charts").text
        assert "Notices per month, zx-hangzhou" in charts


def test_bounded_counts_and_facets_say_so(archive_path):
    """Past the bounds, the count and facets are left out and the page says why; the rows
    stay exactly the LIKE scan's matches."""
    port = free_port()
    code = ("import sys; from crawler.publish.serve import serve;"
            " serve(sys.argv[1], port=int(sys.argv[2]), log_level='warning',"
            " limits={'count_up_to': 3, 'facet_rows': 4})")
    conn = sqlite3.connect(archive_path)
    with serving(["-c", code, str(archive_path), str(port)], port) as base:
        common = "政协"  # in every notice but one
        data = httpx.get(f"{base}/archive/notices.json?_search={quote(common)}").json()
        assert data["filtered_table_rows_count"] is None
        assert "more than 3 notices, not counted" in data["human_description_en"]
        assert not data["facet_results"]
        expected = search.like_ids(conn, common)
        assert len(expected) > 3
        assert {r[0] for r in data["rows"]} == expected
        html = httpx.get(f"{base}/archive/notices?_search={quote(common)}").text
        assert "Not counted: the search matches more than 3 notices." in html
        assert re.search(r"Facets skipped \(site, region, channel, year, status\)", html)
        # the marker the bound adds is decided afresh: a link without the search counts again
        data = httpx.get(f"{base}/archive/notices.json?_nocount=bounded&site=gov-ningbo").json()
        assert data["filtered_table_rows_count"] == len(_sql_counts(
            archive_path, "id", "site = ?", ["gov-ningbo"]))
        # few matches: counted and faceted, exactly
        rare = "第3次"
        data = httpx.get(f"{base}/archive/notices.json?_search={quote(rare)}").json()
        expected = search.like_ids(conn, rare)
        assert 0 < len(expected) <= 3
        assert data["filtered_table_rows_count"] == len(expected)
        assert sum(_facets(data)["site"].values()) == len(expected)
        # two filters: counted from the rows up to facet_rows, else left out with the reason
        data = httpx.get(f"{base}/archive/notices.json?site=zx-hangzhou&status=live").json()
        assert data["filtered_table_rows_count"] > 4 and not data["facet_results"]
        html = httpx.get(f"{base}/archive/notices?site=zx-hangzhou&status=live").text
        assert "more than 4 notices to count" in html
        data = httpx.get(f"{base}/archive/notices.json?site=gov-ningbo&year=2020").json()
        assert _facets(data)["channel"] == _sql_counts(
            archive_path, "channel", "site = ? AND year = ?", ["gov-ningbo", 2020])
    conn.close()
