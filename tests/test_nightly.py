"""Night after night: the demo's days 0 to 3 crawled into one archive.

Each demo day publishes, edits and takes down notices in every site, and brings one back
(crawler.demo's DayChanges say exactly what). The archive must show each: new notices, new
versions with the fields that changed, takedowns first missing then removed, the return of
the one that came back, conditional re-checks answered 304, and a WARC record behind every
version.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.demo import catalog
from tests.conftest import DEMO_SITES, run_cli

DAYS = (0, 1, 2, 3)
EDIT_FIELDS = {"title": "title", "body": "body", "attachments": "attachments",
               "published": "published"}


@dataclass
class Night:
    day: int
    runs: dict[str, dict]  # site name -> crawl_runs row
    requests: dict[str, list]  # demo key -> RequestRecords


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture(scope="module")
def nights(demo_server, demo_crawl, tmp_path_factory):
    """Night 0 is the session's demo crawl (conftest.demo_crawl: day 0 of these same servers),
    copied; nights 1-3 crawl on into the copy as the servers move on a day each."""
    db = tmp_path_factory.mktemp("nightly") / "archive.db"
    for path in demo_crawl.db.parent.iterdir():  # the archive, its WARC and file folders
        if path.is_dir():
            shutil.copytree(path, db.with_name(path.name.replace(demo_crawl.db.stem, db.stem, 1)))
    with sqlite3.connect(demo_crawl.db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)  # a consistent copy whatever journal state the file is in
    done = [Night(0, runs_since(db, 0), demo_crawl.requests)]
    assert demo_server.day == 0
    try:
        for day in DAYS[1:]:
            demo_server.set_day(day)
            demo_server.clear_requests()
            last = max(run["id"] for run in done[-1].runs.values())
            result = run_cli("demo", "--no-serve", "--day", str(day), "--db", str(db),
                             env={"GOVARCHIVE_DEMO_BASES": json.dumps(demo_server.bases)})
            assert result.returncode == 0, result.stderr[-3000:]
            done.append(Night(day, runs_since(db, last),
                              {key: demo_server.requests(key) for key in DEMO_SITES}))
    finally:
        demo_server.set_day(0)  # the session's server, as the other tests know it
        demo_server.clear_requests()
    return db, done


def runs_since(db, last_id: int) -> dict[str, dict]:
    """Site name → its crawl_runs row, of the runs after ``last_id`` (one night's)."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM crawl_runs WHERE id > ?", [last_id]).fetchall()
    assert len(rows) == len(DEMO_SITES), [dict(r) for r in rows]
    return {r["site"]: dict(r) for r in rows}


def query(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def by_path(db, key: str) -> dict[str, dict]:
    return {path_of(r["url"]): r for r in query(db, "SELECT * FROM notices WHERE site = ?",
                                                 [DEMO_SITES[key]])}


def expected_status(key: str, upto: int) -> dict[str, str]:
    """What the archive should say of each taken-down notice after night ``upto``."""
    status: dict[str, str] = {}
    down_since: dict[str, int] = {}
    for day in range(1, upto + 1):
        changes = catalog(day)[key].changes
        for path in changes.restored:
            status[path] = "live"
            down_since.pop(path, None)
        for path in changes.taken_down:
            down_since[path] = day
        for path, since in down_since.items():
            status[path] = "missing" if since == day else "removed"
    return status


def test_each_night_finds_exactly_what_the_day_changed(nights):
    db, done = nights
    for night in done[1:]:
        cat = catalog(night.day)
        for key, site in DEMO_SITES.items():
            changes, run = cat[key].changes, night.runs[site]
            assert run["status"] == "finished" and run["health"] == "ok", (night.day, site, run["health_notes"])
            assert run["new"] == len(changes.published), (night.day, site)
            assert run["changed"] == len(changes.edited), (night.day, site)
            assert run["restored"] == len(changes.restored), (night.day, site)
            assert run["mode"] == "incremental"


def test_takedowns_are_missing_then_removed_and_one_comes_back(nights):
    db, done = nights
    last = done[-1].day
    for key in DEMO_SITES:
        archived = by_path(db, key)
        for path, status in expected_status(key, last).items():
            row = archived[path]
            assert row["status"] == status, (key, path, row["status"], status)
            assert row["body"], "archived text is never deleted"
            if status == "removed":
                assert row["removed_at"] and row["missing_since"] < row["removed_at"]
                assert row["last_seen"] <= row["missing_since"]


def test_takedown_kinds_are_recorded(nights):
    db, _ = nights
    reasons = {}
    for day in DAYS[1:]:
        for key in DEMO_SITES:
            for path, kind in catalog(day)[key].changes.taken_down.items():
                reasons[(key, path)] = kind
    seen = set()
    for (key, path), kind in reasons.items():
        row = by_path(db, key)[path]
        events = query(db, "SELECT detail FROM notice_events WHERE notice_id = ? AND event = 'missing'",
                       [row["id"]])
        assert events and events[0]["detail"] == kind, (key, path, events, kind)
        seen.add(kind)
    assert seen == {"404", "410", "redirect_home", "soft_404"}


def test_edits_are_new_versions_with_what_changed(nights):
    db, _ = nights
    for day in DAYS[1:]:
        for key in DEMO_SITES:
            for path, fields in catalog(day)[key].changes.edited.items():
                row = by_path(db, key)[path]
                versions = query(db, "SELECT version, changed, run_id FROM notice_versions"
                                     " WHERE notice_id = ? ORDER BY version", [row["id"]])
                assert len(versions) >= 2, (key, path)
                changed = set().union(*(json.loads(v["changed"]) for v in versions[1:]))
                assert {EDIT_FIELDS[f] for f in fields} <= changed, (key, path, fields, changed)


def test_current_text_matches_the_demo_on_the_last_day(nights):
    db, done = nights
    cat = catalog(done[-1].day)
    for key in DEMO_SITES:
        archived = by_path(db, key)
        for notice in cat[key].notices:
            row = archived[notice.path]
            assert row["title"] and notice.title[:4] in row["title"], (key, notice.path)
            assert row["status"] == "live"


def test_nothing_archived_is_lost(nights):
    db, done = nights
    ever = set()
    for day in DAYS:
        for key in DEMO_SITES:
            ever |= {(key, n.path) for n in catalog(day)[key].notices}
    archived = {(key, path) for key in DEMO_SITES for path in by_path(db, key)}
    assert ever <= archived


def test_rechecks_are_conditional_and_answered_304(nights):
    _, done = nights
    for night in done[1:]:
        for key in ("hanweb", "trs", "aspnet", "united"):  # the mirror sends no validators
            conditional = [r for r in night.requests[key]
                           if "If-None-Match" in r.headers or "If-Modified-Since" in r.headers]
            assert conditional, (night.day, key)
            assert any(r.status == 304 for r in conditional), (night.day, key)
        assert sum(run["not_modified"] for run in night.runs.values()) > 0


def test_an_unchanged_night_is_a_small_fraction_of_the_first(nights):
    _, done = nights
    first = sum(run["requests"] for run in done[0].runs.values())
    for night in done[1:]:
        total = sum(run["requests"] for run in night.runs.values())
        assert total < first * 0.25, (night.day, total, first)  # only lists, news and re-checks


def test_every_version_points_at_its_warc_record(nights):
    db, _ = nights
    folder = db.with_name("archive_warc")
    for path in folder.iterdir():
        check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0 and path.name.endswith(".warc.gz"), (path, check.stdout[-300:])
    versions = query(db, "SELECT n.url, v.warc_file, v.warc_offset, v.title FROM notice_versions v"
                         " JOIN notices n ON n.id = v.notice_id")
    for version in versions:
        with (folder / version["warc_file"]).open("rb") as handle:
            handle.seek(version["warc_offset"])
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == version["url"]
            assert record.rec_type in ("response", "resource")
