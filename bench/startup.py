"""A crawl's start-up against a big archive: seconds and memory until its first request.

    .venv/bin/python bench/startup.py --notices 1000000          # builds bench/results/startup-1000000.db
    .venv/bin/python bench/startup.py --notices 100000 --notices 300000   # the trend

Builds (once; an archive of the right size is reused, ``--rebuild`` to make it again) an
archive of N synthetic notices spread over ``--sites`` sites, by bulk SQL into the tables
``crawler.keep.schema`` makes: every notice with a version row (the text kept twice, as the
writer keeps it), validators, a last check; an attachment and an image per ten notices (a
few without a file yet), a redirect per thousand, a failed link per two hundred.

Then runs ``govarchive crawl`` of those sites as a child process, against a local server that
answers every request with a 404, and takes the time from the child's start to the first
request the server sees, and the child's RSS (and peak RSS) at that moment; the child is then
ended. The same with an empty archive gives what Python, Scrapy and the registry cost alone.
Also timed in this process: a full ``PRAGMA quick_check`` of the archive (what every crawl's
start-up did before a file found whole was remembered, crawler/keep/check.py) and the
spider's archive state (``crawler.keep.state.open_state``), the two parts of start-up that
read the archive.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
NOW = "2024-06-01T00:00:00Z"
CLAUSES = ["为深入贯彻落实党中央决策部署", "现将有关事项通知如下", "请各单位结合实际认真组织实施",
           "进一步加强组织领导", "确保各项工作落到实处", "特此通知", "政协委员积极建言献策",
           "按照市委统一安排", "切实做好疫情防控工作", "广泛凝聚共识"]


def site_name(n: int) -> str:
    return f"start-{n:03d}"


def _text(rng: random.Random, chars: int) -> str:
    out, size = [], 0
    while size < chars:
        clause = rng.choice(CLAUSES)
        out.append(clause)
        size += len(clause)
    return "，".join(out) + "。"


def build(path: Path, count: int, sites: int, body_chars: int) -> float:
    """An archive of ``count`` notices over ``sites`` sites, by bulk SQL (see module doc)."""
    from crawler.keep import Archive

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    archive = Archive(path)
    for n in range(sites):
        archive.db["sites"].insert({"name": site_name(n), "organisation": f"测试{n}政协",
                                    "province": "测试省", "org_type": "政协", "cms": "generic",
                                    "home_url": f"http://site{n}.invalid/", "verified_online": 0,
                                    "demo": 0, "added": NOW})
    run_id = archive.runs.start(site_name(0), "full")
    archive.db.execute("UPDATE crawl_runs SET status = 'finished'")
    archive.db.conn.commit()
    archive.close()
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000"):
        conn.execute(f"PRAGMA {pragma}")
    rng = random.Random(7)
    conn.execute("BEGIN")
    for start in range(1, count + 1, 5000):
        notices, versions, attachments, images, redirects, failures = [], [], [], [], [], []
        for i in range(start, min(start + 5000, count + 1)):
            site = site_name(i % sites)
            url = f"http://site{i % sites}.invalid/art/{2000 + i % 24}/{1 + i % 12}/art_{i}.html"
            published = f"{2000 + i % 24}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            checked = f"2024-05-{1 + i % 31:02d}T01:00:00Z"
            body = _text(rng, body_chars)
            status = "removed" if i % 97 == 0 else "live"
            notices.append((i, site, url, 1, f"关于{i}号事项的通知", published, int(published[:4]),
                            published[:7], body, status, NOW, checked, checked, f'"e{i}"',
                            "Sat, 01 Jun 2024 00:00:00 GMT", f"h{i}"))
            versions.append((i, i, 1, run_id, NOW, f"h{i}", f"关于{i}号事项的通知", published, body))
            if i % 10 == 0:
                stored = None if i % 1000 == 0 else f"{i:064x}"
                attachments.append((i, 1, 0, url.replace(".html", ".pdf"), stored,
                                    "fetched" if stored else "pending"))
                images.append((i, 1, 0, url.replace(".html", ".jpg"), None if i % 1000 == 0 else stored,
                               "fetched" if stored else "pending"))
            if i % 1000 == 0:
                redirects.append((url.replace("art_", "old_"), url, NOW))
            if i % 200 == 0:
                failures.append((run_id, site, url.replace("art_", "gone_"), "notice", "http_404", 1, NOW))
        conn.executemany(
            "INSERT INTO notices (id, site, url, version, title, published, year, month, body, status,"
            " first_seen, last_seen, last_checked, etag, last_modified, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", notices)
        conn.executemany(
            "INSERT INTO notice_versions (id, notice_id, version, run_id, fetched_at, content_hash,"
            " title, published, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", versions)
        files = [(a[4], 1000, "application/pdf", f"files/{a[4]}", NOW) for a in attachments if a[4]]
        conn.executemany("INSERT OR IGNORE INTO files (sha256, size, content_type, path, first_fetched)"
                         " VALUES (?, ?, ?, ?, ?)", files)
        conn.executemany("INSERT INTO attachments (notice_id, version, position, url, sha256, status)"
                         " VALUES (?, ?, ?, ?, ?, ?)", attachments)
        conn.executemany("INSERT INTO images (notice_id, version, position, src, sha256, status)"
                         " VALUES (?, ?, ?, ?, ?, ?)", images)
        conn.executemany("INSERT INTO redirects (url, target, seen) VALUES (?, ?, ?)", redirects)
        conn.executemany("INSERT INTO fetch_failures (run_id, site, url, what, kind, count, last_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", failures)
        if start % 100000 == 1 and start > 1:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            print(f"\r  built {start - 1:,}/{count:,} notices", end="", file=sys.stderr, flush=True)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    elapsed = time.monotonic() - started
    print(f"\r  built {count:,} notices in {elapsed:.0f} s ({path.stat().st_size / 2**20:,.0f} MiB)",
          file=sys.stderr)
    return elapsed


# -- the target: every request a 404, the first one's time noted -----------------------------


class Target:
    def __init__(self):
        self.first: float | None = None
        self.seen = threading.Event()
        target = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if target.first is None:
                    target.first = time.monotonic()
                    target.seen.set()
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def registry_toml(sites: int, base: str) -> str:
    return "".join(
        "[[site]]\n"
        f'name = "{site_name(n)}"\norganisation = "测试{n}政协"\nprovince = "测试省"\n'
        'org_type = "政协"\ncms = "generic"\n'
        f'home_url = "{base}/s{n}/"\n'
        f'lists = [ {{ url = "{base}/s{n}/col/index.html", channel = ["通知公告"] }} ]\n'
        "politeness = { delay = 0.0, concurrency = 4 }\n\n"
        for n in range(sites))


def status_kib(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def start_up(db: Path, sites: int, timeout: float) -> tuple[float, dict[str, int]]:
    """Seconds from the crawl's start to its first request, and its RSS then."""
    target = Target()
    with tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "startup.toml"
        registry.write_text(registry_toml(sites, target.base), encoding="utf-8")
        command = [sys.executable, "-m", "crawler.run.cli", "crawl", "--db", str(db), "--quiet",
                   *[site_name(n) for n in range(sites)]]
        started = time.monotonic()
        child = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "GOVARCHIVE_REGISTRY": str(registry)},
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            if not target.seen.wait(timeout):
                raise SystemExit(f"no request within {timeout} s: {child.stderr.read1().decode()[-500:]}")
            memory = status_kib(child.pid)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            target.server.shutdown()
    return target.first - started, memory


def parts(db: Path, sites: int) -> tuple[float, float]:
    """Seconds of a full quick_check of the archive (what every crawl's start did before it
    remembered a file found whole) and of opening the spider's archive state. Ends with
    the CLI's own check, so the crawl timed next finds the archive as a finished crawl
    leaves it."""
    from crawler.keep.check import check, problems
    from crawler.keep.state import open_state

    started = time.monotonic()
    assert problems(db) == [], db
    checked = time.monotonic()
    state = open_state(str(db), [site_name(n) for n in range(sites)])
    opened = time.monotonic()
    if hasattr(state, "close"):
        state.close()
    check(db)
    return checked - started, opened - checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, action="append", help="archived notices (repeatable)")
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--body", type=int, default=600, help="characters of text per notice")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"{'notices':>10}{'MiB':>8}{'quick_check s':>15}{'state s':>9}{'first request s':>17}"
          f"{'RSS MiB':>9}{'peak MiB':>10}")
    for count in [0, *(args.notices or [100000])]:
        db = RESULTS / f"startup-{count}-{args.sites}.db"
        if args.rebuild or not db.exists():
            build(db, count, args.sites, args.body)
        checking, state = parts(db, args.sites)
        seconds, memory = start_up(db, args.sites, args.timeout)
        print(f"{count:>10,}{db.stat().st_size / 2**20:>8,.0f}{checking:>15.2f}{state:>9.2f}"
              f"{seconds:>17.2f}{memory.get('VmRSS', 0) / 1024:>9.0f}{memory.get('VmHWM', 0) / 1024:>10.0f}",
              flush=True)


if __name__ == "__main__":
    main()
