"""More than one machine: workers sharing a frontier in Redis (scrapy-redis), one writer.

Tests start Debian's redis-server on 127.0.0.1 and crawl the demo with two workers: every
notice is archived once, none lost, and no host ever sees more requests at once than its
limit, although each worker alone would allow that many.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from crawler.demo import DemoServer
from crawler.demo.guarded import GUARDED_KEYS, GuardedDemo
from tests.conftest import DEMO_SITES, run_cli
from tests.support.serving import free_port

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="redis-server is not installed (make setup installs it)")
CHROMIUM = os.environ.get("GOVARCHIVE_CHROMIUM", "/usr/bin/chromium")
LIMIT = 4  # spiders/sites/demo.toml: concurrency = 4 for every demo site


@pytest.fixture(scope="module")
def redis_url():
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def peak_in_flight(records) -> int:
    events = sorted([(r.started, 1) for r in records] + [(r.finished, -1) for r in records])
    current = peak = 0
    for _, step in events:
        current += step
        peak = max(peak, current)
    return peak


def distributed_crawl(redis_url, tmp_path, *extra):
    with DemoServer(latency=0.05) as demo:  # slow enough that requests overlap
        db = tmp_path / "archive.db"
        result = run_cli("crawl", *DEMO_SITES.values(), "--db", str(db), "--quiet",
                         "--redis", redis_url, "--workers", "2", *extra,
                         env={"GOVARCHIVE_DEMO_BASES": json.dumps(demo.bases)}, timeout=300)
        peaks = {key: peak_in_flight(demo.requests(key)) for key in DEMO_SITES}
    return db, result, peaks


def test_two_workers_archive_every_notice_once_within_host_limits(redis_url, tmp_path):
    db, result, peaks = distributed_crawl(redis_url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT url) FROM notices").fetchone() == (267, 267)
        assert conn.execute("SELECT count(*) FROM notice_versions").fetchone()[0] == 267
        assert conn.execute("SELECT count(*) FROM attachments WHERE status = 'stored'").fetchone()[0] == 21
        runs = conn.execute("SELECT status, health FROM crawl_runs").fetchall()
    assert runs == [("finished", "ok")] * 5
    workers = re.findall(r"worker \S+ made (\d+) requests", result.stderr)
    assert len(workers) == 2 and all(int(n) > 20 for n in workers), result.stderr[-2000:]
    assert max(peaks.values()) == LIMIT and all(p <= LIMIT for p in peaks.values()), peaks


def test_without_shared_limits_two_workers_would_overrun_a_host(redis_url, tmp_path):
    """The check above can fail: each worker alone keeps to the limit, together they don't."""
    _, result, peaks = distributed_crawl(redis_url, tmp_path, "-s", "GOVARCHIVE_SHARED_LIMITS=False")
    assert result.returncode == 0, result.stderr[-3000:]
    assert max(peaks.values()) > LIMIT, peaks


def test_an_unreachable_redis_is_one_line(tmp_path):
    result = run_cli("crawl", "demo-mirror", "--db", str(tmp_path / "a.db"),
                     "--redis", f"redis://127.0.0.1:{free_port()}/0", "--workers", "1")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and lines[-1].startswith("govarchive: error: cannot use Redis at")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")
def test_workers_report_the_hosts_that_needed_browser_sessions(redis_url, tmp_path):
    """A distributed crawl of guarded sites says, as a single-process one does, which hosts
    needed browser-earned sessions (each worker earns its own; the run adds them up)."""
    names = ["demo-guarded-ruishu", "demo-guarded-jiasule"]
    db = tmp_path / "archive.db"
    with GuardedDemo() as demo:
        result = run_cli("crawl", *names, "--db", str(db), "--quiet", "--redis", redis_url,
                         "--workers", "2", env={"GOVARCHIVE_DEMO_BASES": json.dumps(demo.bases)},
                         timeout=300)
        assert result.returncode == 0, result.stderr[-3000:]
        expected = {url for key in ("guarded-ruishu", "guarded-jiasule") for url in demo.sites[key].notices}
    with sqlite3.connect(db) as conn:
        assert {r[0] for r in conn.execute("SELECT url FROM notices")} == expected
        runs = conn.execute("SELECT site, browser_sessions, browser_hosts, health_notes"
                            " FROM crawl_runs ORDER BY site").fetchall()
    assert [r[0] for r in runs] == sorted(names)
    for site, sessions, hosts, notes in runs:
        seen_by_host = json.loads(hosts or "{}")
        assert len(seen_by_host) == 1, (site, hosts)
        ((host, seen),) = seen_by_host.items()
        assert seen.get("kind") == GUARDED_KEYS[site.removeprefix("demo-")], (site, hosts)
        assert sessions == seen["sessions"] >= 1 and seen["blocked"] is None, (site, hosts)
        assert f"{host} answers with a bot challenge" in notes, notes
