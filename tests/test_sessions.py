"""Browser-earned sessions: real crawls of guarded sites (crawler/demo/guarded.py).

For each kind of bot challenge the crawl opens the challenged URL once in Chromium with its own
User-Agent, takes the cookies the site's script set, and reads every notice over plain HTTP;
robots.txt, itself behind the challenge, is earned first and obeyed. An expired cookie is
earned again; past the cap the host is blocked for the run, with the reason, and no challenge
page is ever stored as a notice.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli
from crawler.demo.guarded import KINDS, GuardedSite

CHROMIUM = os.environ.get("GOVARCHIVE_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


def crawl(site: GuardedSite, folder: Path, name: str, *settings: str, delay: float = 0.0):
    registry = folder / f"{name}.toml"
    registry.write_text(site.registry_toml(name, delay), encoding="utf-8")
    db = folder / "archive.db"
    extra = [arg for setting in settings for arg in ("-s", setting)]
    result = run_cli("crawl", name, "--db", str(db), "--quiet", "-s", "DOWNLOAD_TIMEOUT=10", *extra,
                     env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return db, result


def rows(db: Path, sql: str, params=()) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


@pytest.mark.parametrize("kind", KINDS)
def test_every_notice_behind_each_challenge_kind_is_archived(kind, tmp_path):
    with GuardedSite(kind) as site:
        db, _ = crawl(site, tmp_path, f"guarded-{kind.replace('_', '-')}")
        expected = site.notices
        robots_passed = any(h.path == "/robots.txt" and h.passed for h in site.hits)
        agents = {h.user_agent for h in site.hits}  # the browser's visit included
    stored = {r["url"]: r for r in rows(db, "SELECT url, title, fetched_via FROM notices")}
    assert {url: r["title"] for url, r in stored.items()} == expected
    assert {r["fetched_via"] for r in stored.values()} == {"browser_session"}
    versions = rows(db, "SELECT fetched_via FROM notice_versions")
    assert versions and all(v["fetched_via"] == "browser_session" for v in versions)
    assert robots_passed  # robots.txt was behind the challenge too, and was read
    assert len(agents) == 1 and agents.pop().startswith("govarchive/")  # one reader, one name
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    assert run["browser_sessions"] == 1 and run["blocked"] == 0
    hosts = json.loads(run["browser_hosts"])
    assert [h["kind"] for h in hosts.values()] == [kind]
    assert run["health"] == "ok" and "browser session" in run["health_notes"]


def test_a_cookie_redirect_a_plain_client_passes_needs_no_browser(tmp_path):
    with GuardedSite("cookie_redirect", cookie_only=True, guard_robots=False) as site:
        db, _ = crawl(site, tmp_path, "guarded-plain-redirect")
        expected = site.notices
    stored = {r["url"]: r for r in rows(db, "SELECT url, title, fetched_via FROM notices")}
    assert {url: r["title"] for url, r in stored.items()} == expected
    assert {r["fetched_via"] for r in stored.values()} == {None}
    (run,) = rows(db, "SELECT browser_sessions, browser_hosts FROM crawl_runs")
    assert run["browser_sessions"] == 0 and run["browser_hosts"] is None


def test_robots_txt_behind_the_challenge_is_earned_first_and_obeyed(tmp_path):
    from crawler.demo.guarded import NOTICES

    private = NOTICES[-1].path
    with GuardedSite("ruishu", disallow=(private,)) as site:
        db, _ = crawl(site, tmp_path, "guarded-robots")
        asked = [h.path for h in site.hits]
        expected = {url: title for url, title in site.notices.items() if not url.endswith(private)}
    assert asked[0] == "/robots.txt" and private not in asked
    assert {r["url"]: r["title"] for r in rows(db, "SELECT url, title FROM notices")} == expected


def test_an_expired_session_is_earned_again(tmp_path):
    with GuardedSite("jiasule", max_uses=3) as site:  # a cookie lasts three requests
        db, _ = crawl(site, tmp_path, "guarded-expiring", "GOVARCHIVE_SESSION_MAX=20")
        expected = site.notices
    assert {r["url"]: r["title"] for r in rows(db, "SELECT url, title FROM notices")} == expected
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    assert run["browser_sessions"] >= 3 and run["blocked"] == 0, run
    (host,) = json.loads(run["browser_hosts"]).values()
    assert host["sessions"] == run["browser_sessions"] and host["blocked"] is None


def test_a_session_older_than_the_site_allows_is_earned_again(tmp_path):
    # A cookie lasts 3 s; 11 requests 0.4 s apart take longer than that, whatever the machine.
    with GuardedSite("wzws", max_age=3.0) as site:
        db, _ = crawl(site, tmp_path, "guarded-aging", "GOVARCHIVE_SESSION_MAX=20",
                      "DOWNLOAD_DELAY_JITTER=0", delay=0.4)
        expected = site.notices
    assert {r["url"]: r["title"] for r in rows(db, "SELECT url, title FROM notices")} == expected
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    assert run["browser_sessions"] >= 2 and run["blocked"] == 0, run


def test_past_the_cap_the_host_is_blocked_for_the_run_with_the_reason(tmp_path):
    with GuardedSite("ruishu", max_uses=2) as site:
        db, _ = crawl(site, tmp_path, "guarded-capped", "GOVARCHIVE_SESSION_MAX=2", "RETRY_TIMES=0")
        expected = site.notices
        browser_visits = sum(1 for h in site.hits if h.path == "/robots.txt")
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    (host,) = json.loads(run["browser_hosts"]).values()
    assert host["sessions"] == 2 and "cap" in host["blocked"]
    assert run["health"] == "attention" and "blocked for the run" in run["health_notes"]
    failed = rows(db, "SELECT url, kind FROM fetch_failures")
    assert failed and {f["kind"] for f in failed} == {"blocked_challenge"}
    assert run["blocked"] == len(failed)
    stored = {r["url"]: r["title"] for r in rows(db, "SELECT url, title FROM notices")}
    assert all(expected.get(url) == title for url, title in stored.items())  # no challenge page
    assert len(stored) < len(expected) and browser_visits >= 1


def test_a_captcha_is_never_solved_and_blocks_the_host(tmp_path):
    with GuardedSite("ruishu", captcha=True) as site:
        db, _ = crawl(site, tmp_path, "guarded-captcha")
        passed = site.passed
    (run,) = rows(db, "SELECT * FROM crawl_runs")
    (host,) = json.loads(run["browser_hosts"]).values()
    assert host["sessions"] == 0 and "CAPTCHA" in host["blocked"]
    assert passed == 0 and rows(db, "SELECT count(*) AS n FROM notices")[0]["n"] == 0
    assert run["health"] == "attention"


def test_health_and_the_notice_page_say_a_browser_session_was_needed(tmp_path):
    import httpx

    from tests.support.serving import free_port, serving

    with GuardedSite("detecting") as site:
        db, _ = crawl(site, tmp_path, "guarded-shown")
    port = free_port()
    with serving(["-m", "crawler.run.cli", "serve", "--db", str(db), "--port", str(port)], port) as base:
        health = httpx.get(f"{base}/-/health").text
        notice = httpx.get(f"{base}/-/notice/1").text
    assert "browser session" in health and "detecting" in health
    assert "browser-earned session" in notice


def test_kill_9_during_a_browser_visit_leaves_nothing_half_written(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    with GuardedSite("detecting", delay_ms=60_000) as site:  # the visit waits a minute
        registry = tmp_path / "killed.toml"
        registry.write_text(site.registry_toml("guarded-killed"), encoding="utf-8")
        db = tmp_path / "archive.db"
        command = [sys.executable, "-m", "crawler.run.cli", "crawl", "guarded-killed", "--db", str(db),
                   "--quiet"]
        env = {**os.environ, "GOVARCHIVE_REGISTRY": str(registry)}
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while site.challenges_served < 2:  # the crawl's own answer, then the browser's
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)  # the crawl and the browser it started
        child.wait()
        assert rows(db, "PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        assert rows(db, "SELECT count(*) AS n FROM notices")[0]["n"] == 0
        assert [r["status"] for r in rows(db, "SELECT status FROM crawl_runs")] == ["running"]
        site.delay_ms = 200
        db, _ = crawl(site, tmp_path, "guarded-killed")
        expected = site.notices
    runs = rows(db, "SELECT status, browser_sessions FROM crawl_runs ORDER BY id")
    assert [r["status"] for r in runs] == ["interrupted", "finished"]
    assert {r["url"]: r["title"] for r in rows(db, "SELECT url, title FROM notices")} == expected


@pytest.mark.parametrize("kind", KINDS)
def test_without_sessions_a_guarded_site_gives_nothing_and_needs_attention(kind, tmp_path):
    with GuardedSite(kind) as site:
        db, _ = crawl(site, tmp_path, "guarded-plain", "GOVARCHIVE_SESSIONS=False", "RETRY_TIMES=0")
        assert site.passed == 0
    assert rows(db, "SELECT count(*) AS n FROM notices")[0]["n"] == 0
    (run,) = rows(db, "SELECT health, health_notes, blocked, empty_lists FROM crawl_runs")
    assert run["health"] == "attention" and run["empty_lists"] == 0  # never "layout changed?"
