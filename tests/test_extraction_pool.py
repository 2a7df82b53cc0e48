"""Notice pages cleaned in worker processes (crawler/fetch/offload.py) give the archive the
same notices as pages cleaned in the spider's callback; the pool really does the work; and
the setting turns it off."""

from __future__ import annotations

import json
import re
import sqlite3

from tests.conftest import DEMO_SITES, run_cli

COLUMNS = ("url, title, subtitle, published, author, source, signed_by, signed_date, doc_number,"
           " channel, body, flags, title_original, body_original, encoding, info, content_hash")


def crawl(server, db, workers: int | None):
    settings = ["-s", "LOG_LEVEL=INFO"]
    if workers is not None:
        settings += ["-s", f"GOVARCHIVE_EXTRACT_WORKERS={workers}"]
    result = run_cli("crawl", *DEMO_SITES.values(), "--db", str(db), "--quiet", *settings,
                     env={"GOVARCHIVE_DEMO_BASES": json.dumps(server.bases), "GOVARCHIVE_NOW": "2024-02-01T02:00:00Z"})
    assert result.returncode == 0, result.stderr[-3000:]
    pooled = re.search(r"'govarchive/extracted_in_pool': (\d+)", result.stderr)
    with sqlite3.connect(db) as conn:
        rows = sorted(conn.execute(f"SELECT {COLUMNS} FROM notices"))
        images = [(url, *rest[2:]) for url, *rest in conn.execute(
            "SELECT n.url, i.* FROM images i JOIN notices n ON n.id = i.notice_id")]
    return rows, sorted(map(repr, images)), int(pooled.group(1)) if pooled else 0


def test_the_pool_keeps_what_the_callback_keeps(demo_server, tmp_path):
    by_callback = crawl(demo_server, tmp_path / "callback.db", 0)
    by_pool = crawl(demo_server, tmp_path / "pool.db", None)  # the default: on
    assert by_callback[2] == 0, "GOVARCHIVE_EXTRACT_WORKERS=0 turns the pool off"
    assert by_pool[2] >= len(by_pool[0]) > 100, "notice pages were cleaned in the pool"
    assert by_pool[0] == by_callback[0]
    assert by_pool[1] == by_callback[1]
