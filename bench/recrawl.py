"""What a second night costs: the demo crawled, then crawled again unchanged, then days 1..N.

    .venv/bin/python bench/recrawl.py [--days 3]

The demo server runs in this process; each crawl is `govarchive demo --no-serve --day N` in
a child process. Prints, per crawl: requests the crawler sent (its crawl_runs), requests the
demo served (including the browser's own fetches), wall time, and what the crawl found.
Target: an unchanged second crawl makes at most 5% of the first crawl's requests.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo import DemoServer  # noqa: E402


def crawl(server: DemoServer, db: Path, day: int) -> dict:
    server.set_day(day)
    server.clear_requests()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "crawler.run.cli", "demo", "--no-serve", "--day", str(day), "--db", str(db)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "GOVARCHIVE_DEMO_BASES": json.dumps(server.bases)},
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    served = sum(len(server.requests(key)) for key in server.bases)
    with sqlite3.connect(db) as conn:
        last = conn.execute("SELECT max(id) FROM crawl_runs").fetchone()[0]
        figures = conn.execute(
            "SELECT sum(requests), sum(new), sum(changed), sum(not_modified), sum(missing),"
            " sum(removed), sum(restored) FROM crawl_runs WHERE id > ?", [last - 5]).fetchone()
    keys = ("requests", "new", "changed", "not_modified", "missing", "removed", "restored")
    return {"served": served, "wall": wall, **dict(zip(keys, figures))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=3)
    args = parser.parse_args()
    server = DemoServer()
    server.start()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "archive.db"
            rows.append(("day 0 (first crawl)", crawl(server, db, 0)))
            rows.append(("day 0 again (unchanged)", crawl(server, db, 0)))
            for day in range(1, args.days + 1):
                rows.append((f"day {day}", crawl(server, db, day)))
    finally:
        server.stop()
    print(f"{'crawl':<26}{'requests':>9}{'served':>8}{'wall s':>8}{'new':>5}{'chg':>5}"
          f"{'304':>5}{'miss':>5}{'rmvd':>5}{'back':>5}")
    for name, r in rows:
        print(f"{name:<26}{r['requests']:>9}{r['served']:>8}{r['wall']:>8.1f}{r['new']:>5}"
              f"{r['changed']:>5}{r['not_modified']:>5}{r['missing']:>5}{r['removed']:>5}{r['restored']:>5}")
    first, again = rows[0][1], rows[1][1]
    print(f"unchanged re-crawl: {again['requests'] / first['requests']:.1%} of the first crawl's "
          f"requests ({again['served'] / first['served']:.1%} of those the demo served), "
          f"{again['wall'] / first['wall']:.0%} of its wall time (which includes process start-up)")


if __name__ == "__main__":
    main()
