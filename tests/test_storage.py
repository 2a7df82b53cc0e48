"""archive.db's rules, through the Archive API on a real file: versions, takedowns, files."""

from __future__ import annotations

import json
import sqlite3

import pytest

from crawler import clock
from crawler.items import Attachment, Image, Notice
from crawler.keep import Archive, FetchInfo, TakedownPolicy
from crawler.navigate.registry import ColumnList, Site

SITE = Site(name="zx-test", organisation="政协某市委员会", province="某省", city="某市",
            org_type="政协", cms="trs", home_url="https://zx.example.gov.cn/",
            lists=(ColumnList("https://zx.example.gov.cn/tzgg/"),))
URL = "https://zx.example.gov.cn/tzgg/202001/t20200129_1.html"


def notice(**changes) -> Notice:
    values = {"url": URL, "title": "关于召开全会的通知", "published": "2020-01-29",
              "body": ["各位委员：", "定于二月召开全会。", "政协某市委员会", "2020年1月29日"],
              "images": [Image("https://zx.example.gov.cn/a.jpg", "图为会场")],
              "attachments": [Attachment("https://zx.example.gov.cn/f/1.pdf", "议程.pdf", "pdf")]}
    values.update(changes)
    return Notice(**values)


@pytest.fixture
def archive(tmp_path):
    clock.set_now("2022-07-01T18:00:00Z")
    archive = Archive(tmp_path / "archive.db")
    archive.upsert_site(SITE)
    yield archive
    archive.close()
    clock.set_now(None)


def rows(archive, sql, params=()):
    return [dict(r) for r in archive.db.query(sql, params)]


def test_first_store_is_version_one_with_its_children(archive):
    outcome = archive.notices.store(SITE, notice(), FetchInfo(warc_file="a.warc.gz", warc_offset=77))
    assert outcome.kind == "new"
    (row,) = rows(archive, "SELECT * FROM notices")
    assert (row["version"], row["status"], row["first_seen"]) == (1, "live", "2022-07-01T18:00:00Z")
    (version,) = rows(archive, "SELECT * FROM notice_versions")
    assert (version["version"], version["warc_file"], version["warc_offset"]) == (1, "a.warc.gz", 77)
    assert rows(archive, "SELECT event FROM notice_events") == [{"event": "new"}]
    assert len(rows(archive, "SELECT * FROM images WHERE version = 1")) == 1
    assert len(rows(archive, "SELECT * FROM attachments WHERE version = 1")) == 1


def test_unchanged_store_only_moves_last_seen(archive):
    archive.notices.store(SITE, notice())
    clock.set_now("2022-07-02T18:00:00Z")
    assert archive.notices.store(SITE, notice()).kind == "unchanged"
    (row,) = rows(archive, "SELECT version, last_seen, first_seen FROM notices")
    assert row == {"version": 1, "last_seen": "2022-07-02T18:00:00Z", "first_seen": "2022-07-01T18:00:00Z"}
    assert len(rows(archive, "SELECT * FROM notice_versions")) == 1


def test_a_change_is_a_new_version_and_nothing_is_lost(archive):
    archive.notices.store(SITE, notice())
    edited = notice(title="关于延期召开全会的通知",
                    attachments=[Attachment("https://zx.example.gov.cn/f/2.pdf", "议程.pdf", "pdf")])
    outcome = archive.notices.store(SITE, edited)
    assert outcome.kind == "changed" and set(outcome.changed) == {"title", "attachments"}
    versions = rows(archive, "SELECT version, title, changed FROM notice_versions ORDER BY version")
    assert [v["title"] for v in versions] == ["关于召开全会的通知", "关于延期召开全会的通知"]
    assert json.loads(versions[1]["changed"]) == ["title", "attachments"]
    (row,) = rows(archive, "SELECT version, title FROM notices")
    assert row == {"version": 2, "title": "关于延期召开全会的通知"}
    kept = rows(archive, "SELECT version, url FROM attachments ORDER BY version")
    assert [k["url"][-5:] for k in kept] == ["1.pdf", "2.pdf"]  # version 1's link is kept
    assert rows(archive, "SELECT detail FROM notice_events WHERE event = 'changed'") == [
        {"detail": "title, attachments"}]


def test_gone_is_missing_then_removed_after_runs_and_days_then_restored(archive):
    archive.notices.store(SITE, notice())
    assert archive.notices.gone(URL, "404") == "missing"
    assert archive.notices.gone(URL, "404") == "missing"  # two runs, but the same day
    clock.set_now("2022-07-02T18:00:00Z")
    assert archive.notices.gone(URL, "404") == "removed"
    (row,) = rows(archive, "SELECT status, missing_since, removed_at, last_seen, body FROM notices")
    assert row["status"] == "removed" and row["missing_since"] == "2022-07-01T18:00:00Z"
    assert row["removed_at"] == "2022-07-02T18:00:00Z" and row["last_seen"] == "2022-07-01T18:00:00Z"
    assert "定于二月召开全会。" in row["body"]  # archived text is never deleted
    assert archive.notices.gone(URL, "404") is None  # already removed
    clock.set_now("2022-07-05T18:00:00Z")
    outcome = archive.notices.store(SITE, notice())
    assert outcome.kind == "unchanged" and outcome.restored
    events = [r["event"] for r in rows(archive, "SELECT event FROM notice_events ORDER BY id")]
    assert events == ["new", "missing", "removed", "restored"]


def test_a_single_missing_strike_clears_when_the_page_answers(archive):
    archive.notices.store(SITE, notice())
    archive.notices.gone(URL, "http_503 burst")
    assert archive.notices.not_modified(URL).restored
    (row,) = rows(archive, "SELECT status, missing_runs, missing_since FROM notices")
    assert row == {"status": "live", "missing_runs": 0, "missing_since": None}


def test_takedown_policy_is_configurable(tmp_path):
    clock.set_now("2022-07-01T18:00:00Z")
    archive = Archive(tmp_path / "a.db", takedown=TakedownPolicy(runs=1, days=0))
    archive.upsert_site(SITE)
    archive.notices.store(SITE, notice())
    assert archive.notices.gone(URL, "410") == "removed"
    archive.close()
    clock.set_now(None)


def test_redirected_urls_are_remembered(archive):
    archive.notices.store(SITE, notice(), FetchInfo(requested_url=URL + "?old=1"))
    assert rows(archive, "SELECT url, target FROM redirects") == [{"url": URL + "?old=1", "target": URL}]
    assert archive.notices.gone(URL + "?old=1", "404") == "missing"


def test_files_are_kept_once_by_hash_under_the_archives_own_names(archive, tmp_path):
    archive.notices.store(SITE, notice())
    sha = archive.files.attach("https://zx.example.gov.cn/f/1.pdf", b"%PDF-1.4 x", "application/pdf",
                               "../../etc/议程.pdf")
    again = archive.files.keep(b"%PDF-1.4 x", "application/pdf")
    assert sha == again and len(rows(archive, "SELECT * FROM files")) == 1
    (att,) = rows(archive, "SELECT sha256, status, file_name FROM attachments")
    assert att == {"sha256": sha, "status": "stored", "file_name": "../../etc/议程.pdf"}
    (kept,) = rows(archive, "SELECT path FROM files")
    assert kept["path"] == f"archive_files/{sha[:2]}/{sha}"
    assert (tmp_path / kept["path"]).read_bytes() == b"%PDF-1.4 x"


def test_a_new_version_linking_a_stored_file_does_not_fetch_it_again(archive):
    archive.notices.store(SITE, notice())
    archive.files.attach("https://zx.example.gov.cn/f/1.pdf", b"%PDF", "application/pdf", None)
    archive.notices.store(SITE, notice(title="新标题"))
    statuses = rows(archive, "SELECT version, status, sha256 IS NOT NULL AS kept FROM attachments ORDER BY version")
    assert statuses == [{"version": 1, "status": "stored", "kept": 1}, {"version": 2, "status": "stored", "kept": 1}]


def test_runs_record_health(archive):
    run = archive.runs.start(SITE.name, "incremental")
    row = archive.runs.finish(run, "finished", {"requests": 10, "list_pages": 2, "first_page_links": 20})
    assert row["health"] == "ok" and row["mode"] == "incremental"
    run = archive.runs.start(SITE.name, "incremental")
    row = archive.runs.finish(run, "stopped (shutdown)", {"requests": 10, "list_pages": 2,
                                                           "empty_lists": 1, "first_page_links": 3,
                                                           "errors": 5, "blocked": 2})
    assert row["health"] == "attention"
    for note in ("run stopped", "without notice links", "were 20", "blocked", "5 errors"):
        assert note in row["health_notes"], note


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 99")
    with pytest.raises(RuntimeError, match="schema version 99"):
        Archive(path)


def test_a_pager_that_went_away_is_no_layout_change_but_another_pager_is(archive):
    """A column shrinking to one page (notices withdrawn) loses its pager, even with a full
    first page: no layout change. A pager of another kind is one."""
    columns = archive.columns
    first, second = archive.runs.start(SITE.name, "full"), archive.runs.start(SITE.name, "full")

    def walk(url, links, pager, run_id):
        columns.walked(SITE.name, url, channel=None, to_end=True, first_page_links=links, etag=None,
                       last_modified=None, pager=pager, run_id=run_id)
        return archive.db.execute("SELECT previous_pager, pager_changed_run FROM site_columns"
                                  " WHERE url = ?", [url]).fetchone()

    assert walk("/shrank", 20, "link", first) == (None, None)
    assert walk("/shrank", 7, "none", second) == (None, None)
    assert walk("/full", 20, "link", first) == (None, None)
    assert walk("/full", 20, "none", second) == (None, None)
    assert walk("/other", 20, "link", first) == (None, None)
    assert walk("/other", 5, "trs-createPageHTML", second) == ("link", second)


NAME_LIST = [["序号", "姓名", "单位"], ["1", "张三", "某市政协"], ["2", "李四", "某区政协"]]


def test_a_versions_data_tables_are_kept_as_json_rows(archive):
    archive.notices.store(SITE, notice(tables=NAME_LIST))
    (version,) = rows(archive, "SELECT tables FROM notice_versions")
    assert json.loads(version["tables"]) == NAME_LIST


def test_an_archive_made_before_tables_opens_and_gains_the_column(tmp_path):
    """An archive whose notice_versions has no ``tables`` column (as the previous govarchive
    made it) opens, keeps its versions, and stores the tables of the next version."""
    path = tmp_path / "archive.db"
    clock.set_now("2022-07-01T18:00:00Z")
    old = Archive(path)
    old.upsert_site(SITE)
    old.notices.store(SITE, notice())
    old.close()
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE notice_versions DROP COLUMN tables")
        assert "tables" not in [r[1] for r in db.execute("PRAGMA table_info(notice_versions)")]
    try:
        archive = Archive(path)
        archive.notices.store(SITE, notice(body=["各位委员：", "名单如下。"], tables=NAME_LIST))
        found = rows(archive, "SELECT version, tables FROM notice_versions ORDER BY version")
        archive.close()
    finally:
        clock.set_now(None)
    assert [(r["version"], r["tables"] and json.loads(r["tables"])) for r in found] == \
        [(1, None), (2, NAME_LIST)]
