"""Crawl health says what needs a look, and nothing else.

- A list page that shows far fewer notice links than at its last reading is a warning (a
  list cut short loses notices silently); health and ``govarchive status`` say so.
- A crawl in progress is not a problem: ``status`` shows it running and exits 0; a run left
  'running' by a crawl that died is one.
- A quiet night is not a broken one: lists answering 304 Not Modified were read.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests.conftest import DEMO_SITES, GOVARCHIVE, ROOT, crawl_demo, run_cli
from tests.support.listsite import LIST_PATH, ListSite


def start_crawl(site: ListSite, folder: Path) -> tuple[Path, list[str], dict]:
    registry = folder / "site.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    db = folder / "archive.db"
    return db, ["crawl", "listsite", "--db", str(db), "--quiet"], {"GOVARCHIVE_REGISTRY": str(registry)}


def crawl(site: ListSite, folder: Path) -> Path:
    db, args, env = start_crawl(site, folder)
    result = run_cli(*args, env=env, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def runs(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute("SELECT * FROM crawl_runs ORDER BY id")]


def wait_for(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


# -- a list cut short --------------------------------------------------------------------------


def test_a_list_page_showing_far_fewer_links_is_a_warning(tmp_path):
    with ListSite(24) as site:
        db = crawl(site, tmp_path)
        site.shown = site.shown[:16]  # 8 of 24 links gone: a third, not half
        crawl(site, tmp_path)
        site.shown = list(range(1, 25))
        crawl(site, tmp_path)  # the list is whole again
    first, second, third = runs(db)
    assert first["health"] == "ok" and third["health"] == "ok", (first, third)
    assert second["health"] == "attention"
    assert f"1 list page(s) show far fewer links than last time: {site.base}{LIST_PATH} 16 (were 24)" \
        in second["health_notes"]
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT links, previous_links FROM list_page_links").fetchone()
    assert row == (24, 16)


def test_status_names_the_list_that_shrank(tmp_path):
    with ListSite(24) as site:
        db = crawl(site, tmp_path)
        site.shown = site.shown[:16]
        crawl(site, tmp_path)
    status = run_cli("status", "--db", str(db))
    assert status.returncode == 1, status.stdout + status.stderr
    assert "show far fewer links than last time" in status.stdout and "16 (were 24)" in status.stdout


# -- a crawl in progress -----------------------------------------------------------------------


def test_status_exits_0_while_a_crawl_runs_and_1_once_it_died(tmp_path):
    with ListSite(12) as site:
        db = crawl(site, tmp_path)
        site.hold_lists.clear()  # the next crawl waits on its list page
        asked_before = site.list_requests()
        _, args, env = start_crawl(site, tmp_path)
        running = subprocess.Popen([*GOVARCHIVE, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
        try:
            wait_for(lambda: site.list_requests() > asked_before, "the crawl to ask for its list")
            status = run_cli("status", "--db", str(db))
            assert status.returncode == 0, status.stdout + status.stderr
            line = next(ln for ln in status.stdout.splitlines() if ln.startswith("listsite"))
            assert "running" in line and "crawling now; run before: ok" in line
            running.send_signal(signal.SIGKILL)  # the crawl dies, its run still 'running'
            running.wait(timeout=30)
            dead = run_cli("status", "--db", str(db))
            assert dead.returncode == 1, dead.stdout + dead.stderr
            assert "this run died before it could finish" in dead.stdout
        finally:
            site.hold_lists.set()
            if running.poll() is None:
                running.kill()
            running.communicate(timeout=30)
        crawl(site, tmp_path)  # the next crawl closes the dead run and finishes
    assert [r["status"] for r in runs(db)] == ["finished", "interrupted", "finished"]
    after = run_cli("status", "--db", str(db))
    assert after.returncode == 0, after.stdout + after.stderr


# -- a quiet night -----------------------------------------------------------------------------


def test_an_unchanged_recrawl_answered_304_is_healthy(demo_server, demo_crawl, tmp_path):
    db = tmp_path / "archive.db"
    for path in demo_crawl.db.parent.iterdir():  # the archive and its WARC and files folders
        target = tmp_path / path.name
        (shutil.copytree if path.is_dir() else shutil.copy)(path, target)
    second = crawl_demo(demo_server, db)
    quiet = second.rows("SELECT * FROM crawl_runs ORDER BY id")[len(DEMO_SITES):]
    assert len(quiet) == len(DEMO_SITES)
    asked = {key: [r for r in records if r.status == 304] for key, records in second.requests.items()}
    all_304 = [DEMO_SITES[key] for key, records in second.requests.items()
               if records and all(r.status == 304 for r in records if r.path != "/robots.txt")]
    assert all_304, asked  # some sites answered every request 304: their lists are unchanged
    for run in quiet:
        assert run["new"] == run["changed"] == 0, dict(run)
        assert run["health"] == "ok", (run["site"], run["health_notes"])
        assert run["list_pages"] > 0, dict(run)
    status = run_cli("status", "--db", str(db))
    assert status.returncode == 0, status.stdout + status.stderr
    assert "no list page could be read" not in status.stdout
