"""Every demo site, added by `govarchive add http://127.0.0.1:PORT/` alone, crawls at least the
notices its hand-written entry crawls."""

from __future__ import annotations

import sqlite3
import tomllib

import pytest

from tests.conftest import DEMO_SITES, run_cli


@pytest.mark.parametrize("key", sorted(DEMO_SITES))
def test_added_demo_site_crawls_what_its_hand_entry_does(key, demo_server, demo_crawl, tmp_path):
    registry = tmp_path / "sites.toml"
    base = demo_server.bases[key]
    added = run_cli("add", f"{base}/", "--delay", "0", "--name", f"added-{key}", "--write", "--registry", str(registry),
                    env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
    assert added.returncode == 0, added.stderr
    entry = tomllib.loads(added.stdout)["site"][0]
    assert entry["cms"] == "auto" and "detail_pattern" not in entry
    # The demo is local: loosen politeness as the hand entries do (the one edit made here).
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("\nlists = [", "\npoliteness = { delay = 0.0, concurrency = 4 }\nlists = [", 1),
                        encoding="utf-8")
    db = tmp_path / "archive.db"
    crawled = run_cli("crawl", f"added-{key}", "--db", str(db), "--quiet",
                      env={"GOVARCHIVE_REGISTRY": str(registry)})
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        mine = {row[0].split(base, 1)[-1] for row in conn.execute("select url from notices")}
    hand = {row["url"].split(base, 1)[-1]
            for row in demo_crawl.rows("select url from notices where site = ?", (DEMO_SITES[key],))}
    assert hand and hand <= mine, sorted(hand - mine)[:5]
