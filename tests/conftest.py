"""Shared fixtures: the demo sites, and one real crawl of them into a temporary archive.

The demo server runs in the test process so tests can read what it was asked for; the crawl
runs as `govarchive demo --no-serve` in a child process (Twisted's reactor starts once per
process), pointed at this server through $GOVARCHIVE_DEMO_BASES.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.demo import DemoServer, catalog

ROOT = Path(__file__).resolve().parents[1]
GOVARCHIVE = [sys.executable, "-m", "crawler.run.cli"]

#: demo replica key → registry site name (spiders/sites/demo.toml)
DEMO_SITES = {
    "hanweb": "demo-lanzhou-zx",
    "trs": "demo-beijing-zx",
    "aspnet": "demo-tianchang-zzb",
    "mirror": "demo-mirror",
    "united": "demo-guangan-tzb",
}


def run_cli(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*GOVARCHIVE, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@dataclass
class DemoCrawl:
    db: Path
    server: DemoServer
    result: subprocess.CompletedProcess
    requests: dict  # demo key -> RequestRecords seen during the crawl

    def rows(self, sql: str, params=()) -> list[sqlite3.Row]:
        with sqlite3.connect(self.db) as conn:
            conn.row_factory = sqlite3.Row
            return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="session")
def demo_catalog():
    return catalog(day=0)


@pytest.fixture(scope="session")
def demo_server():
    server = DemoServer(day=0)
    server.start()
    yield server
    server.stop()


def crawl_demo(server: DemoServer, db: Path) -> DemoCrawl:
    server.clear_requests()
    result = run_cli("demo", "--no-serve", "--db", str(db),
                     env={"GOVARCHIVE_DEMO_BASES": json.dumps(server.bases)})
    assert result.returncode == 0, result.stderr[-4000:]
    return DemoCrawl(db, server, result, {key: server.requests(key) for key in DEMO_SITES})


@pytest.fixture(scope="session")
def demo_crawl(demo_server, tmp_path_factory) -> DemoCrawl:
    """One crawl of the whole demo, shared by the tests that only read its archive."""
    return crawl_demo(demo_server, tmp_path_factory.mktemp("demo") / "archive.db")
