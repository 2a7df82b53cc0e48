"""A first crawl at scale: N sites × M notices on loopback, govarchive against bare Scrapy.

    .venv/bin/python bench/scale.py [--sites 8] [--notices 120]   # the issue: --sites 50 --notices 420 [--concurrency 4]

Builds a synthetic target in this process: one HTTP server per site, each on its own
loopback address and free port (so both crawlers see N hosts), serving a 通知公告 column
paged 20 notices to a page (下一页 links) and M notice pages of about 30 KB each: the demo
catalog's real notice texts inside the chrome a county site wraps them in (navigation,
related links, footer, inline script and style). Every page is rendered before the crawl.

Then crawls it twice, each crawl a child process:

* govarchive: ``govarchive crawl`` of a registry written for the target (politeness turned
  down in the registry: no delay, ``--concurrency`` requests per host, so the crawler's own
  cost shows) into a fresh archive;
* bare: a Scrapy spider fetching exactly the URLs govarchive fetched, with the same limits,
  doing nothing with the answers.

Prints notices/s, CPU ms per notice (user + system of the child, from wait4), RSS sampled
every ``--every`` seconds from the first request the target answers (mean of the first and the
last quarter of the samples, and the peak), archive and WARC bytes per notice, bytes the child
wrote to disk (wait4's block output), and the ratio.
Checks that every notice was archived once and that every WARC file reads to its end.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.demo import catalog  # noqa: E402

PER_PAGE = 20
SERVED = [0]  # requests answered by the target, all sites (read by the RSS sampler)
LIST = "/col/col1001/index.html"
DETAIL_PATTERN = r"/art/\d{4}/\d+/\d+/art_1001_\d+\.html"

BARE_SPIDER = r'''
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess
spec = json.load(open(sys.argv[1]))
class Bare(scrapy.Spider):
    name = "bare"
    async def start(self):
        for url in spec["urls"]:
            yield scrapy.Request(url, dont_filter=True, callback=self.parse)
    def parse(self, response):
        pass
process = CrawlerProcess({
    "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
    "REDIRECT_ENABLED": False, "HTTPERROR_ALLOW_ALL": True, "RETRY_ENABLED": False,
    # Stock Scrapy enforces the per-host limit only with a delay, hence 1 ms, not 0.
    "DOWNLOAD_DELAY": 0.001, "DOWNLOAD_DELAY_JITTER": 0,
    "CONCURRENT_REQUESTS": spec["total"], "CONCURRENT_REQUESTS_PER_DOMAIN": spec["per_host"],
})
process.crawl(Bare)
process.start()
'''


# -- the target ------------------------------------------------------------------------------


def notice_path(site: int, n: int) -> str:
    day = date(2020, 1, 1) + timedelta(days=n)
    return f"/art/{day.year}/{day.month}/{day.day}/art_1001_{site * 100000 + n}.html"


def chrome_links(site: int, count: int, prefix: str) -> str:
    return "".join(f'<li><a href="/col/col{2000 + k}/index.html" title="{prefix}{k}">'
                   f"{prefix}栏目{k}</a></li>" for k in range(count))


def notice_lines(site: int, n: int, lines: list[str]) -> list[str]:
    """A text of its own: 24 lines of the demo's real notices, picked by the notice's
    number, and a line naming it. (Copies of one text would make every notice a copy of
    dozens: the copy finder's worst case, not a first crawl's.)"""
    picked = [lines[(site * 7919 + n * 104729 + k * 15485863) % len(lines)] for k in range(24)]
    return [f"测试市{site}政协第{n}号通知：", *picked, f"测试市{site}政协办公室 {n}"]


def notice_page(site: int, n: int, truth, lines: list[str]) -> bytes:
    """About 30 KB: real notice lines in a county portal's chrome."""
    day = date(2020, 1, 1) + timedelta(days=n)
    title = f"{truth.title}（第{n}号）"
    body = "".join(f"<p style=\"text-indent:2em;line-height:2\">{line}</p>"
                   for line in notice_lines(site, n, lines))
    related = "".join(
        f'<li><a href="{notice_path(site, max(1, n - k))}">{truth.title[:18]}相关信息{k}</a>'
        f"<span>{day - timedelta(days=k):%Y-%m-%d}</span></li>" for k in range(1, 11))
    style = "".join(f".c{k}{{margin:0 {k}px;padding:{k}px;color:#{k:03d}333}}" for k in range(200))
    script = "".join(f"var m{k}=document.getElementById('m{k}');if(m{k}){{m{k}.style.display='none';}}"
                     for k in range(120))
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}_测试市{site}政协</title>"
        f"<meta name=\"ArticleTitle\" content=\"{title}\"><meta name=\"PubDate\" content=\"{day:%Y-%m-%d}\">"
        f"<style>{style}</style><script>{script}</script></head><body>"
        f"<div class=\"header\"><div class=\"logo\">测试市{site}政协</div>"
        f"<ul class=\"nav\">{chrome_links(site, 40, '导航')}</ul></div>"
        f"<div class=\"location\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"{LIST}\">通知公告</a></div>"
        f"<div class=\"article\"><h1>{title}</h1>"
        f"<div class=\"info\">发布时间：{day:%Y-%m-%d}　来源：{truth.source or '办公室'}　"
        f"<span>浏览次数：{n * 7 % 997}</span></div>"
        f"<div class=\"content\" id=\"zoom\">{body}</div></div>"
        f"<div class=\"related\"><h3>相关信息</h3><ul>{related}</ul></div>"
        f"<div class=\"footer\"><ul>{chrome_links(site, 30, '友情链接')}</ul>"
        f"<p>主办：测试市{site}政协办公室　备案号：测ICP备{site:08d}号</p></div></body></html>"
    ).encode("utf-8")


def list_page(site: int, page: int, pages: int, notices: list[int]) -> bytes:
    entries = "".join(
        f'<li><a href="{notice_path(site, n)}" target="_blank">第{n}号通知</a>'
        f"<span>{date(2020, 1, 1) + timedelta(days=n):%Y-%m-%d}</span></li>" for n in notices)
    pager = (f'<div class="page"><a href="{list_path(page + 1)}">下一页</a></div>'
             if page + 1 < pages else "")
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知公告_测试市{site}政协</title>"
        f"</head><body><ul class=\"nav\">{chrome_links(site, 40, '导航')}</ul><div class=\"main\">"
        f"<h2>通知公告</h2><ul class=\"list\">{entries}</ul>{pager}</div></body></html>"
    ).encode("utf-8")


def list_path(page: int) -> str:
    return LIST if page == 0 else f"/col/col1001/index_{page}.html"


@dataclass
class Site:
    index: int
    host: str
    pages: dict[str, bytes] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.server.server_address[1]}"


def build_site(index: int, count: int, truth: list, lines: list[str]) -> Site:
    site = Site(index, f"127.0.0.{2 + index % 250}" if index < 250 else "127.0.0.1")
    numbers = list(range(count, 0, -1))  # newest first
    chunks = [numbers[i:i + PER_PAGE] for i in range(0, len(numbers), PER_PAGE)]
    for page, chunk in enumerate(chunks):
        site.pages[list_path(page)] = list_page(index, page, len(chunks), chunk)
    for n in numbers:
        site.pages[notice_path(index, n)] = notice_page(index, n, truth[(index * 31 + n) % len(truth)], lines)
    site.pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return site


def serve(site: Site) -> None:
    pages = site.pages

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            body = body if body is not None else b"not found"
            self.send_header("Content-Type", "text/html; charset=utf-8" if self.path.endswith(".html")
                             else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            SERVED[0] += 1

        def log_message(self, *args):
            pass

    try:
        server = ThreadingHTTPServer((site.host, 0), Handler)
    except OSError:  # loopback addresses other than 127.0.0.1 not routed here
        site.host = "127.0.0.1"
        server = ThreadingHTTPServer((site.host, 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 128
    site.server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()


def registry_toml(sites: list[Site], concurrency: int) -> str:
    return "".join(
        "[[site]]\n"
        f'name = "scale-{s.index:04d}"\n'
        f'organisation = "测试市{s.index}政协（基准）"\n'
        'province = "测试省"\n'
        f'city = "测试市{s.index}"\n'
        'org_type = "政协"\n'
        'cms = "generic"\n'
        f'home_url = "{s.base}/"\n'
        f"detail_pattern = '{DETAIL_PATTERN}'\n"
        f'lists = [ {{ url = "{s.base}{LIST}", channel = ["通知公告"] }} ]\n'
        f"politeness = {{ delay = 0.0, concurrency = {concurrency} }}\n\n"
        for s in sites)


# -- measuring a child --------------------------------------------------------------------------


@dataclass
class Measured:
    seconds: float
    cpu: float
    peak_kib: int
    written: int
    rss: list[tuple[float, int]]  # (seconds since start, KiB), while the target was answering


def rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def run_child(args: list[str], env: dict, every: float) -> Measured:
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **env},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr: list[bytes] = []
    drain = threading.Thread(target=lambda: stderr.append(child.stderr.read()), daemon=True)
    drain.start()
    samples: list[tuple[float, int]] = []
    served = SERVED[0]  # sampled from the first request on: start-up is not the crawl
    next_sample = 0.0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        now = time.perf_counter() - started
        if now >= next_sample and SERVED[0] > served and (kib := rss_kib(child.pid)) is not None:
            samples.append((now, kib))
            next_sample = now + every
        time.sleep(0.02)  # the end is seen within 20 ms; RSS is read every `every` s
    elapsed = time.perf_counter() - started
    drain.join(5)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args[:4]} failed:\n{b''.join(stderr).decode(errors='replace')[-3000:]}")
    return Measured(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                    usage.ru_oublock * 512, samples)


def quarters(samples: list[tuple[float, int]]) -> tuple[float, float]:
    """Mean RSS (MiB) of the first and the last quarter of the samples."""
    values = [kib for _, kib in samples] or [0]
    q = max(1, len(values) // 4)
    return sum(values[:q]) / q / 1024, sum(values[-q:]) / q / 1024


def check_archive(db: Path, expected: int) -> tuple[int, int]:
    """Notices archived, and how many URLs appear more than once (must be 0)."""
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM notices").fetchone()[0]
        twice = conn.execute("SELECT count(*) FROM (SELECT url FROM notices GROUP BY url"
                             " HAVING count(*) > 1)").fetchone()[0]
    if count != expected or twice:
        print(f"WARNING: {count} notices archived of {expected}, {twice} URLs twice", file=sys.stderr)
    return count, twice


def check_warcs(folder: Path) -> tuple[int, int]:
    """Bytes of WARC, and response records read (every file read to its end)."""
    from warcio.archiveiterator import ArchiveIterator

    size = responses = 0
    for path in sorted(folder.glob("*.warc.gz*")):
        size += path.stat().st_size
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                responses += record.rec_type == "response"
    return size, responses


def archive_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def row(name: str, m: Measured, notices: int, extra: str = "") -> str:
    first, last = quarters(m.rss)
    return (f"{name:<12}{m.seconds:>8.1f}{notices / m.seconds:>10.1f}{m.cpu * 1000 / notices:>10.2f}"
            f"{first:>9.0f}{last:>9.0f}{m.peak_kib / 1024:>9.0f}{m.written / notices / 1024:>12.1f}{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--notices", type=int, default=120, help="notices per site")
    parser.add_argument("--concurrency", type=int, default=4, help="requests in flight per host")
    parser.add_argument("--total", type=int, default=32, help="requests in flight in all")
    parser.add_argument("--every", type=float, default=2.0, help="seconds between RSS samples")
    parser.add_argument("--keep", metavar="DIR", help="crawl into DIR and leave the archive there")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Scrapy crawl")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting passed to the govarchive crawl")
    args = parser.parse_args()

    truth = [n for site in catalog().values() for n in site.notices if len(n.body) >= 3]
    lines = sorted({sentence + "。" for n in truth for line in n.body
                    for sentence in line.split("。") if len(sentence) >= 8})
    started = time.perf_counter()
    sites = [build_site(i, args.notices, truth, lines) for i in range(args.sites)]
    for site in sites:
        serve(site)
    page_kib = sum(len(b) for s in sites for p, b in s.pages.items() if p.startswith("/art/"))
    expected = args.sites * args.notices
    print(f"target: {args.sites} sites × {args.notices} notices, {page_kib / expected / 1024:.1f} KiB"
          f" a notice page, built in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(args.keep) if args.keep else Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        registry = tmp / "scale.toml"
        registry.write_text(registry_toml(sites, args.concurrency), encoding="utf-8")
        db = tmp / "archive.db"
        overrides = [f"CONCURRENT_REQUESTS={args.total}", *args.set]
        command = [sys.executable, "-m", "crawler.run.cli", "crawl", "--db", str(db), "--quiet",
                   *[x for o in overrides for x in ("-s", o)],
                   *[f"scale-{s.index:04d}" for s in sites]]
        ours = run_child(command, {"GOVARCHIVE_REGISTRY": str(registry)}, args.every)
        count, _ = check_archive(db, expected)
        warc_size, responses = check_warcs(tmp / "archive_warc")
        db_size = archive_bytes(db)
        urls = [s.base + p for s in sites for p in s.pages if p != "/robots.txt"]
        bare = None
        if not args.no_bare:
            spec = tmp / "spec.json"
            spec.write_text(json.dumps({"urls": urls, "total": args.total, "per_host": args.concurrency}))
            script = tmp / "bare.py"
            script.write_text(BARE_SPIDER)
            bare = run_child([sys.executable, str(script), str(spec)], {}, args.every)

    print(f"{expected} notices ({len(urls)} URLs) on {args.sites} hosts; archived {count}, "
          f"{responses} WARC responses, every WARC file read to its end")
    print(f"{'crawler':<12}{'wall s':>8}{'notice/s':>10}{'CPU ms/n':>10}"
          f"{'RSS q1':>9}{'RSS q4':>9}{'peak':>9}{'disk KiB/n':>12}")
    print(row("govarchive", ours, expected,
              f"   archive {db_size / expected / 1024:.1f} KiB/notice, WARC {warc_size / expected / 1024:.1f} KiB/notice"))
    if bare is not None:
        print(row("bare scrapy", bare, expected))
        print(f"ratio govarchive / bare: {bare.seconds / ours.seconds:.2f} (throughput), "
              f"CPU {ours.cpu / bare.cpu:.1f}× bare's")
    print("RSS (MiB) every", args.every, "s:", " ".join(f"{kib / 1024:.0f}" for _, kib in ours.rss))


if __name__ == "__main__":
    main()
