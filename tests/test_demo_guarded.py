"""`govarchive demo --guarded`: the guarded demo sites, one behind each kind of bot challenge
(crawler/demo/guarded.py), crawled end to end.

Every notice of every guarded site is archived through a session the crawl's browser earned;
no challenge page is stored; the run's figures say which hosts needed sessions; a plain HTTP
client gets no notice from them. The plain demo (`govarchive demo`) is not part of it, so its
figures (tests/demo_day0_digests.json, TOTAL in tests/test_resume.py) are unchanged.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.demo import DemoServer
from crawler.demo.guarded import GUARDED_KEYS, GuardedDemo
from tests.conftest import run_cli

CHROMIUM = os.environ.get("GOVARCHIVE_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


def rows(db: Path, sql: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


def plain_get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8", "replace")


def test_the_guarded_demo_archives_every_notice_through_browser_sessions(tmp_path):
    db = tmp_path / "archive.db"
    with GuardedDemo() as demo:
        result = run_cli("demo", "--guarded", "--no-serve", "--db", str(db),
                         env={"GOVARCHIVE_DEMO_BASES": json.dumps(demo.bases)}, timeout=240)
        assert result.returncode == 0, result.stderr[-3000:]
        expected = {url: title for site in demo.sites.values() for url, title in site.notices.items()}
        for site in demo.sites.values():  # a plain client, meanwhile, reads no notice
            url, title = next(iter(site.notices.items()))
            assert title not in plain_get(url)
            assert site.passed and site.challenges_served
    stored = rows(db, "SELECT url, title, fetched_via FROM notices")
    assert {r["url"]: r["title"] for r in stored} == expected  # every notice, no challenge page
    assert {r["fetched_via"] for r in stored} == {"browser_session"}
    runs = {r["site"]: r for r in rows(db, "SELECT * FROM crawl_runs")}
    assert sorted(runs) == sorted(f"demo-{key}" for key in GUARDED_KEYS)  # the plain demo is not in it
    for name, run in runs.items():
        assert run["browser_sessions"] == 1 and run["blocked"] == 0, (name, run)
        (host,) = json.loads(run["browser_hosts"]).values()
        assert host["kind"] == GUARDED_KEYS[name.removeprefix("demo-")] and host["blocked"] is None
        assert f"{name} " in result.stderr
    assert result.stderr.count("browser sessions 1") == len(GUARDED_KEYS)


def test_guarded_and_day_together_are_a_clear_error(tmp_path):
    result = run_cli("demo", "--guarded", "--day", "1", "--no-serve", "--db", str(tmp_path / "a.db"))
    assert result.returncode != 0 and "--guarded sites have no days" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_guarded_crawl_with_a_browser_list_launches_one_chromium(tmp_path):
    """Earning a session and rendering a list share the crawl's one Chromium: the launches are
    counted by a wrapper around the real binary, one line per process started."""
    launches = tmp_path / "launches"
    wrapper = tmp_path / "chromium"
    wrapper.write_text(f'#!/bin/sh\necho "$$" >> "{launches}"\nexec "{CHROMIUM}" "$@"\n')
    wrapper.chmod(0o755)
    db = tmp_path / "archive.db"
    with DemoServer() as plain, GuardedDemo() as guarded:
        bases = {**plain.bases, **guarded.bases}
        result = run_cli("crawl", "demo-guangan-tzb", "demo-guarded-ruishu", "--db", str(db),
                         env={"GOVARCHIVE_DEMO_BASES": json.dumps(bases),
                              "GOVARCHIVE_CHROMIUM": str(wrapper)}, timeout=240)
        assert result.returncode == 0, result.stderr[-3000:]
        expected = set(guarded.sites["guarded-ruishu"].notices)
    runs = {r["site"]: r for r in rows(db, "SELECT site, browser_sessions, list_pages FROM crawl_runs")}
    assert runs["demo-guarded-ruishu"]["browser_sessions"] == 1, runs
    stored = {r["url"] for r in rows(db, "SELECT url FROM notices WHERE site = 'demo-guarded-ruishu'")}
    assert stored == expected
    browser_list = rows(db, "SELECT count(*) AS n FROM notices WHERE site = 'demo-guangan-tzb'"
                            " AND channel = '工作动态'")
    assert browser_list[0]["n"] > 0  # the list only a browser can read was read
    assert len(launches.read_text().split()) == 1, launches.read_text()
