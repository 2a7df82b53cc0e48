"""Crash and resume: a crawl killed with SIGKILL at any point loses nothing and duplicates
nothing once the next crawl has run; and two crawls never write one archive at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from crawler.demo import DemoServer
from tests.conftest import ROOT, run_cli

TOTAL = 267


@pytest.fixture(scope="module")
def slow_demo():
    """The demo answering a little slowly, so a kill lands mid-crawl."""
    server = DemoServer(latency=0.02)
    server.start()
    yield server
    server.stop()


def start_crawl(server, db) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.run.cli", "demo", "--no-serve", "--db", str(db)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "GOVARCHIVE_DEMO_BASES": json.dumps(server.bases)},
    )


def warc_check(folder) -> list[str]:
    failures = []
    for path in sorted(folder.glob("*")):
        done = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                              capture_output=True, text=True)
        if done.returncode != 0 or not path.name.endswith(".warc.gz"):
            failures.append(f"{path.name}: {done.stdout[-300:]}")
    return failures


def archived(db) -> int:
    """Notices in the archive now (0 while the file or its tables do not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM notices").fetchone()[0]
    except sqlite3.OperationalError:  # no tables yet, or a write in progress
        return 0


def wait_for(crawl: subprocess.Popen, db, notices: int, timeout: float = 120) -> None:
    """Until the crawl has archived ``notices`` (0: until its archive file exists)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and crawl.poll() is None:
        if (db.exists() if notices == 0 else archived(db) >= notices):
            return
        time.sleep(0.05)
    raise AssertionError(f"the crawl did not reach {notices} notices")


# kill points: as the archive is created, early, mid-crawl
@pytest.mark.parametrize("kill_at", [0, 20, 120])
def test_kill_9_then_resume_archives_every_notice_once(slow_demo, tmp_path, kill_at):
    db = tmp_path / "archive.db"
    crawl = start_crawl(slow_demo, db)
    wait_for(crawl, db, kill_at)
    crawl.send_signal(signal.SIGKILL)
    crawl.wait(timeout=30)
    before = archived(db)
    assert before < TOTAL, "the kill came too late to interrupt anything"
    result = run_cli("demo", "--no-serve", "--db", str(db),
                     env={"GOVARCHIVE_DEMO_BASES": json.dumps(slow_demo.bases)})
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        urls, distinct = conn.execute("SELECT count(*), count(DISTINCT url) FROM notices").fetchone()
        assert urls == distinct == TOTAL
        versions = conn.execute("SELECT count(*) FROM notice_versions").fetchone()[0]
        assert versions == TOTAL  # none archived twice, none changed by the interruption
        pending = conn.execute("SELECT count(*) FROM attachments WHERE sha256 IS NULL").fetchone()[0]
        assert pending == 0  # attachments in flight at the kill are fetched by the next crawl
        statuses = [r[0] for r in conn.execute("SELECT status FROM crawl_runs ORDER BY id")]
        assert statuses[-5:] == ["finished"] * 5
        assert "running" not in statuses  # the killed run is marked interrupted
    assert warc_check(db.with_name("archive_warc")) == []


def test_two_crawls_never_write_one_archive(slow_demo, tmp_path):
    db = tmp_path / "archive.db"
    first = start_crawl(slow_demo, db)
    try:
        lock, holder = db.with_name("archive.db.lock"), f"pid {first.pid},"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the first crawl holds the lock and has said so
            if lock.exists() and lock.read_text().startswith(holder):
                break
            time.sleep(0.05)
        second = run_cli("demo", "--no-serve", "--db", str(db),
                         env={"GOVARCHIVE_DEMO_BASES": json.dumps(slow_demo.bases)})
    finally:
        first.wait(timeout=120)
    assert second.returncode == 1
    assert "another crawl is writing" in second.stderr and f"pid {first.pid}" in second.stderr
    assert first.returncode == 0
