"""Search at archive scale: a synthetic archive of N notices, searched through Datasette over HTTP.

    .venv/bin/python bench/search.py --notices 1000000      # builds bench/results/search-1000000.db
    .venv/bin/python bench/search.py --notices 20000 --rounds 3   # a quick look
    .venv/bin/python bench/search.py --db archive.db --pages --no-queries   # every page type


The notices are realistic Chinese notice text: clauses of the demo's seed pages
(crawler/demo/data) and of the extraction corpus (tests/corpus/truth) recombined into ~2 KB
bodies under generated headlines, with 文号, dates, numbers and some Latin (A股, COVID-19).
They are indexed by crawler/keep/search.py (``search.document`` + ``search.index_documents``, as
``govarchive reindex`` does), then served by ``govarchive serve``'s code on a free port.

Printed: build time, text and index sizes; for 1-, 2-, 4-character and multi-word queries,
p50/p95 of the notices table page (``?_search=``, as a person sees it: count, facets, rows)
and of the ranked page (``/-/search?q=``), against a LIKE scan of the same queries; and
whether every query's results equal the LIKE scan's (checked on the database, exhaustively).
An existing database of the right size is reused (``--rebuild`` to make it again).

``--pages`` also times every page a reader reaches from the home page (:data:`PAGES`: home,
the notices table with and without a search, facet clicks, a notice, ranked search, charts,
health, CSV of a search), p50/p95 over ``--rounds`` rounds after one warm-up request each, and
checks the table page's rows for a search against a LIKE scan. The database is opened once
through ``crawler.keep.Archive`` first, so its migrations (summary tables, indexes) are in
place before it is served, as a crawl would leave them. ``--no-queries`` skips the per-query
table and its exhaustive check (they take minutes at a million notices).
"""

from __future__ import annotations

import argparse
import glob
import json
import multiprocessing
import os
import random
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.keep import search  # noqa: E402

#: From very common (政协: ~3 in 4 notices) to absent (税); the report prints each count.
QUERIES = {
    "1 char": ["会", "镇", "港", "教", "税"],
    "2 chars": ["疫情", "政协", "工作", "统战", "人大", "国债", "预算", "选举", "A股", "改革"],
    "4+ chars": ["疫情防控", "政协委员", "统一战线", "第3期", "新型冠状病毒", "全国人民", "代表大会"],
    "multi-word": ["疫情 防控", "政协 倡议", "委员 -疫情", "国债 OR 预算", "疫情 統戰", '"全国 人民"'],
}

PLACES = ["北京", "天津", "上海", "重庆", "兰州", "广安", "天长", "杭州", "宁波", "南京", "苏州",
          "成都", "绵阳", "武汉", "长沙", "广州", "深圳", "福州", "厦门", "济南", "青岛", "郑州",
          "洛阳", "西安", "太原", "石家庄", "沈阳", "大连", "长春", "哈尔滨", "合肥", "南昌",
          "昆明", "贵阳", "南宁", "海口", "拉萨", "西宁", "银川", "乌鲁木齐", "呼和浩特", "天水"]
PROVINCES = ["北京市", "天津市", "上海市", "重庆市", "甘肃省", "四川省", "安徽省", "浙江省",
             "江苏省", "湖北省", "湖南省", "广东省", "福建省", "山东省", "河南省", "陕西省"]
ORGS = ["政协", "人民政府", "委统战部", "人大常委会", "发展和改革委员会", "民政局", "教育局",
        "卫生健康委员会", "财政局", "应急管理局"]
KINDS = ["通知", "公告", "倡议书", "通报", "实施意见", "决定", "公示", "工作要点", "简报"]
CHANNELS = ["通知公告", "工作动态", "政务公开 > 通知", "政协新闻 > 通知公告", "统战要闻"]
LATIN = ["A股", "COVID-19", "PM2.5", "5G", "GDP", "APP", "CPI", "WTO", "B超", "Wi-Fi"]


# -- the synthetic archive ---------------------------------------------------------------------


def sources() -> list[list[str]]:
    """Real notice prose, one list of clauses per source document: the demo's five seed
    pages and the extraction corpus's pages. A synthetic notice takes most of its clauses
    from one source, so words are as clustered by topic as in a real archive (疫情 is common
    in the seeds of early 2020, not everywhere)."""
    texts = []
    paths = sorted(glob.glob(str(ROOT / "crawler/demo/data/expected/seed_*.json")))
    for path in paths + sorted(glob.glob(str(ROOT / "tests/corpus/truth/*.json"))):
        record = json.loads(Path(path).read_text(encoding="utf-8"))
        body = record.get("body") or ""
        texts.append(body if isinstance(body, str) else "\n".join(body))
    found = []
    for text in texts:
        parts = [p for p in re.split(r"(?<=[，。；：！？,;:!?])|\n", text) if len(p) >= 4]
        if len(parts) >= 5:
            found.append(sorted(set(parts)))
    random.Random(5).shuffle(found)  # which topics are common is left to chance
    return found


_SOURCES: list[list[str]] = []


def _notice(i: int) -> tuple[tuple, search.Document]:
    rng = random.Random(i * 7919 + 17)
    topics = _SOURCES
    own = topics[min(int(rng.paretovariate(0.6)) - 1, len(topics) - 1) if rng.random() < 0.3
                 else rng.randrange(len(topics))]
    other = topics[rng.randrange(len(topics))]

    def clause() -> str:  # mostly the notice's own topic, now and then another one
        return rng.choice(own if rng.random() < 0.95 else other)

    place = rng.choice(PLACES)
    org = place + ("市" if len(place) == 2 else "") + rng.choice(ORGS)
    year = rng.randint(2012, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    topic = re.sub(r"[，。；：！？,;:!?]", "", clause())[:rng.randint(6, 18)]
    title = f"{org}关于{topic}的{rng.choice(KINDS)}"
    body = [f"各{rng.choice(['区县', '乡镇', '委员', '有关单位'])}：", ]
    size = 0
    target = rng.randint(560, 820)
    while size < target:
        sentence = "".join(clause() for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.03:
            sentence += f"（第{rng.randint(1, 30)}期）"
        if rng.random() < 0.02:
            sentence = rng.choice(LATIN) + sentence
        body.append(sentence)
        size += len(sentence)
    doc_number = f"{place}政办发〔{year}〕{rng.randint(1, 120)}号"
    body += [org, f"{year}年{month}月{day}日"]
    text = "\n".join(body)
    site = f"bench-{PLACES.index(place):02d}"
    province = PROVINCES[PLACES.index(place) % len(PROVINCES)]
    published = f"{year}-{month:02d}-{day:02d}"
    status = "removed" if rng.random() < 0.01 else "live"
    row = (i, site, f"https://www.example-{site}.gov.cn/art/{year}/{month}/{day}/art_{i}.html",
           1, title, None, published, year, published[:7], text, doc_number,
           rng.choice(CHANNELS), province, f"{place}市", f"{province} {place}市", "政协", status,
           "2024-06-01T00:00:00Z", "2024-06-01T00:00:00Z", "[]")
    return row, search.document(title, None, text)


def _chunk(bounds: tuple[int, int]) -> list[tuple[tuple, tuple]]:
    return [(row, doc.values()) for row, doc in (_notice(i) for i in range(*bounds))]


def _init(found: list[list[str]]) -> None:
    global _SOURCES
    _SOURCES = found


NOTICE_COLUMNS = ("id", "site", "url", "version", "title", "subtitle", "published", "year",
                  "month", "body", "doc_number", "channel", "province", "city", "region",
                  "org_type", "status", "first_seen", "last_seen", "flags")


def build(path: Path, count: int) -> float:
    from crawler.keep import Archive

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    archive = Archive(path)
    for n, place in enumerate(PLACES):
        province = PROVINCES[n % len(PROVINCES)]
        archive.db["sites"].insert({
            "name": f"bench-{n:02d}", "organisation": f"{place}市政协", "province": province,
            "city": f"{place}市", "region": f"{province} {place}市", "org_type": "政协",
            "cms": "generic", "home_url": f"https://www.example-bench-{n:02d}.gov.cn/",
            "verified_online": 0, "demo": 0, "added": "2024-06-01T00:00:00Z"})
    archive.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-1000000")
    insert = (f"INSERT INTO notices ({', '.join(NOTICE_COLUMNS)})"
              f" VALUES ({', '.join('?' * len(NOTICE_COLUMNS))})")
    step = 2000
    bounds = [(start, min(start + step, count + 1)) for start in range(1, count + 1, step)]
    done = 0
    with multiprocessing.Pool(max(1, (os.cpu_count() or 2)), _init, (sources(),)) as workers:
        conn.execute("BEGIN")
        for rows in workers.imap(_chunk, bounds):
            conn.executemany(insert, [row for row, _ in rows])
            search.index_documents(conn, ((row[0], search.Document(*doc)) for row, doc in rows))
            done += len(rows)
            if done % 50000 < step:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                rate = done / (time.monotonic() - started)
                print(f"\r  built {done:,}/{count:,} notices ({rate:,.0f}/s)", end="",
                      file=sys.stderr, flush=True)
        conn.execute("COMMIT")
    print(f"\r  built {done:,} notices; merging the index", end="", file=sys.stderr, flush=True)
    conn.execute(f"INSERT INTO {search.SEARCH_TABLE}({search.SEARCH_TABLE}) VALUES ('optimize')")
    conn.execute("UPDATE search_index SET notices = ?", [count])
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    elapsed = time.monotonic() - started
    print(f"\r  built {count:,} notices in {elapsed:.0f} s{' ' * 20}", file=sys.stderr)
    return elapsed


def sizes(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    text = conn.execute(
        "SELECT sum(length(CAST(coalesce(title, '') AS BLOB)) + length(CAST(coalesce(subtitle, '')"
        " AS BLOB)) + length(CAST(coalesce(body, '') AS BLOB))) FROM notices").fetchone()[0]
    index = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?",
                         [f"{search.SEARCH_TABLE}%"]).fetchone()[0]
    conn.close()
    return {"text": text or 0, "index": index or 0, "file": path.stat().st_size}


# -- measuring ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(path: Path, port: int, limit_ms: int | None = 120000) -> subprocess.Popen:
    """``govarchive serve``'s code on the file; the query table lifts the SQL time limit so
    LIKE scans finish, the page table keeps govarchive's settings as they ship."""
    import httpx

    settings = repr({"sql_time_limit_ms": limit_ms} if limit_ms else {})
    code = ("import sys; from crawler.publish.serve import serve; serve(sys.argv[1], port=int(sys.argv[2]),"
            f" log_level='warning', settings={settings})")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(port)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
            return proc
        except httpx.TransportError:
            if proc.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not answer within 60 s")


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}\n{response.text[:500]}")
    return elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def measure(path: Path, rounds: int) -> tuple[dict, dict]:
    import httpx

    name = path.stem
    port = free_port()
    proc = start_server(path, port)
    base = f"http://127.0.0.1:{port}"
    pages = {
        "table": lambda q: f"{base}/{name}/notices?_search={quote(q)}",
        "ranked": lambda q: f"{base}/-/search?q={quote(q)}",
    }
    timings: dict = {}
    likes: dict = {}
    try:
        with httpx.Client(timeout=600) as client:
            for kind, queries in QUERIES.items():
                for page, url in pages.items():
                    for q in queries:  # warm once: the first request reads pages from disk
                        timed(client, url(q))
                    timings[(kind, page)] = [timed(client, url(q))
                                             for _ in range(rounds) for q in queries]
                like_times = []
                for q in queries:
                    clause, params = search.like_clause(q)
                    sql = f"select count(*) from notices n where {clause}"
                    args = "&".join(f"{k}={quote(v)}" for k, v in params.items())
                    like_times.append(timed(client, f"{base}/{name}.json?sql={quote(sql)}&{args}"))
                likes[kind] = like_times
                print(f"  measured {kind}", file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return timings, likes


#: The pages a reader reaches from the home page; {name} is the database, {site}/{region} a
#: site and region of the archive, {id} a notice. Each is asked for as written.
PAGES = {
    "home": "/",
    "table": "/{name}/notices",
    "table, search": "/{name}/notices?_search=%E6%94%BF%E5%8D%8F",  # 政协, ~3 in 4 notices
    "table, rare word": "/{name}/notices?_search=%E9%80%89%E4%B8%BE",  # 选举
    "facet click site": "/{name}/notices?site={site}",
    "facet click region": "/{name}/notices?region={region}",
    "search + facet": "/{name}/notices?_search=%E6%94%BF%E5%8D%8F&site={site}",
    "notice": "/-/notice/{id}",
    "ranked search": "/-/search?q=%E6%94%BF%E5%8D%8F",
    "charts": "/-/charts",
    "health": "/-/health",
    "csv, search": "/{name}/notices.csv?_search=%E6%94%BF%E5%8D%8F",
    # the home page's links to the notices with quality notes and to those taken down
    "flagged (home link)": "/{name}/notices?_where=flags+NOT+IN+%28%27%27%2C+%27%5B%5D%27%29"
                           "&_facet_array=flags",
    "gone (home link)": "/{name}/notices?_where=%2Bstatus+IN+%28%27missing%27%2C+%27removed%27%29"
                        "&_sort_desc=last_seen",
}


def migrate(path: Path) -> float:
    """Open the archive as a crawl would, so new summary tables and indexes are made."""
    from crawler.keep import Archive

    started = time.monotonic()
    Archive(path).close()
    return time.monotonic() - started


def page_urls(path: Path, base: str) -> dict[str, str]:
    conn = sqlite3.connect(path)
    site, region = conn.execute(  # the newest notice's (an index lookup, not a scan)
        "SELECT site, coalesce(region, '') FROM notices ORDER BY id DESC LIMIT 1").fetchone()
    notice = conn.execute("SELECT max(id) / 2 FROM notices").fetchone()[0]
    conn.close()
    fields = {"name": path.stem, "site": quote(site), "region": quote(region), "id": notice}
    return {page: base + url.format(**fields) for page, url in PAGES.items()}


def measure_pages(path: Path, rounds: int) -> tuple[dict[str, list[float]], list[str]]:
    """Every page: one warm-up request, then ``rounds`` timed rounds over all of them."""
    import httpx

    port = free_port()
    urls = page_urls(path, f"http://127.0.0.1:{port}")
    timings: dict[str, list[float]] = {page: [] for page in urls}
    proc = start_server(path, port, limit_ms=None)
    try:
        with httpx.Client(timeout=600) as client:
            for url in urls.values():
                timed(client, url)
            for _ in range(rounds):
                for page, url in urls.items():
                    timings[page].append(timed(client, url))
            table = urls["table"]
            problems = [problem for q in LIKE_CHECKED for problem in table_equals_like(
                client, path, f"{table}?_search={quote(q)}", q)]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return timings, problems


#: Searches whose table page is checked against a LIKE scan of the whole archive: common,
#: rare, one character, several words, an exclusion.
LIKE_CHECKED = ("政协", "选举", "会", "疫情 防控", "委员 -疫情")


def table_equals_like(client, path: Path, url: str, q: str) -> list[str]:
    """The search table page's rows (as JSON) all match the LIKE scan and are its newest;
    its count, when it gives one, is the LIKE scan's."""
    page = client.get(url.replace("/notices?", "/notices.json?")).json()
    rows = [dict(zip(page["columns"], row)) for row in page["rows"]]
    clause, params = search.like_clause(q)
    conn = sqlite3.connect(path)
    counted = page["filtered_table_rows_count"]
    if counted is not None and counted != len(search.like_ids(conn, q)):
        return [f"{url}: counts {counted}, LIKE finds {len(search.like_ids(conn, q))}"]
    newest = [r[0] for r in conn.execute(
        f"SELECT published FROM notices n WHERE {clause} ORDER BY published DESC LIMIT :limit",
        {**params, "limit": len(rows)})]
    marks = ",".join(str(int(r["id"])) for r in rows) or "NULL"
    matching = conn.execute(f"SELECT count(*) FROM notices n WHERE id IN ({marks}) AND {clause}",
                            params).fetchone()[0]
    conn.close()
    problems = []
    if matching != len(rows):
        problems.append(f"{url}: {len(rows) - matching} row(s) do not match LIKE")
    if [r["published"] for r in rows] != newest:
        problems.append(f"{url}: the rows are not the newest LIKE matches")
    return problems


def check_equal(path: Path) -> list[tuple[str, int, bool]]:
    """Every query: its match count and whether the index found exactly the LIKE scan's."""
    conn = sqlite3.connect(path)
    outcome = []
    for queries in QUERIES.values():
        for q in queries:
            found = search.match_ids(conn, q)
            outcome.append((q, len(found), found == search.like_ids(conn, q)))
    conn.close()
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notices", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5, help="timed requests per query")
    parser.add_argument("--db", type=Path, help="database file (default bench/results/…)")
    parser.add_argument("--rebuild", action="store_true", help="build even if the file exists")
    parser.add_argument("--pages", action="store_true",
                        help="also time every page type (home, table, facets, charts, CSV …)")
    parser.add_argument("--no-queries", action="store_true",
                        help="skip the per-query search table and its exhaustive LIKE check")
    args = parser.parse_args()
    path = args.db or ROOT / "bench" / "results" / f"search-{args.notices}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    build_time, reused = None, False
    timing = path.with_name(path.name + ".build.json")
    if args.rebuild or not path.exists():
        print(f"Building {args.notices:,} notices into {path.name}", file=sys.stderr)
        build_time = build(path, args.notices)
        timing.write_text(json.dumps({"seconds": build_time}))
    elif timing.exists():
        build_time, reused = json.loads(timing.read_text())["seconds"], True
    migrated = migrate(path) if args.pages else None
    size = sizes(path)
    equal, timings, likes = [], {}, {}
    if not args.no_queries:
        print("Checking every query against a LIKE scan", file=sys.stderr)
        equal = check_equal(path)
        print("Measuring through Datasette over HTTP", file=sys.stderr)
        timings, likes = measure(path, args.rounds)
    pages, problems = {}, []
    if args.pages:
        print("Measuring every page type", file=sys.stderr)
        pages, problems = measure_pages(path, args.rounds)

    notices = sqlite3.connect(path).execute("SELECT count(*) FROM notices").fetchone()[0]
    print(f"\nsearch benchmark: {notices:,} notices, {os.cpu_count()} cores,"
          f" SQLite {sqlite3.sqlite_version}, load {os.getloadavg()[0]:.1f}")
    if build_time is not None:
        print(f"build (generate, index, optimize): {build_time:.0f} s"
              + (" (when the database was built; reused here)" if reused else ""))
    mb = 1024 * 1024
    print(f"text {size['text'] / mb:,.0f} MB, index {size['index'] / mb:,.0f} MB"
          f" ({size['index'] / size['text']:.0%} of the text), file {size['file'] / mb:,.0f} MB")
    if timings:
        print(f"\n{'queries':<11} {'page':<7} {'p50 ms':>8} {'p95 ms':>8}   {'LIKE scan p50 ms':>16}")
        for kind in QUERIES:
            for page in ("table", "ranked"):
                values = timings[(kind, page)]
                like = f"{statistics.median(likes[kind]):16,.0f}" if page == "table" else ""
                print(f"{kind:<11} {page:<7} {percentile(values, 0.5):8,.0f}"
                      f" {percentile(values, 0.95):8,.0f}   {like}")
        print("\nresults equal to LIKE:")
        for q, count, same in equal:
            print(f"  {q:<14} {count:>9,} notices  {'equal' if same else 'DIFFERENT'}")
    if pages:
        print(f"\nopening the archive (migrations): {migrated:.1f} s")
        print(f"{'page':<20} {'p50 ms':>8} {'p95 ms':>8}   ({args.rounds} rounds, warmed once)")
        for page, values in pages.items():
            print(f"{page:<20} {percentile(values, 0.5):8,.0f} {percentile(values, 0.95):8,.0f}")
        print(f"table page rows (and counts) equal to LIKE for {', '.join(LIKE_CHECKED)}: "
              + ("yes" if not problems else "; ".join(problems)))
    return 0 if all(same for _, _, same in equal) and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
