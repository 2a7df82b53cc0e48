"""The govarchive command and Scrapy's, as a user runs them: real processes, real files."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.conftest import ROOT, run_cli
from tests.support.serving import free_port

EXTRACT_KEYS = {"title", "subtitle", "published", "author", "source", "signed_by", "signed_date",
                "doc_number", "channel", "body", "images", "attachments", "flags"}


def one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govarchive: error: "), result.stderr
    return lines[0]


def test_unknown_site_is_one_line():
    line = one_error_line(run_cli("crawl", "no-such-site", "--db", os.devnull))
    assert "unknown site 'no-such-site'" in line


def test_unreadable_file_is_one_line(tmp_path):
    line = one_error_line(run_cli("extract", str(tmp_path / "missing.html")))
    assert "cannot read" in line and "missing.html" in line


def test_locked_database_is_one_line(tmp_path):
    db = tmp_path / "archive.db"
    holder = sqlite3.connect(db)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the archive
    try:
        line = one_error_line(run_cli("crawl", "demo-mirror", "--db", str(db)))
    finally:
        holder.rollback()
        holder.close()
    assert "is locked by another process" in line


def test_port_taken_is_one_line(demo_crawl):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_error_line(run_cli("serve", "--db", str(demo_crawl.db), "--port", str(port)))
    assert f"port {port}" in line and "taken" in line


def test_serve_restarts_at_once_on_the_same_port(demo_crawl):
    """A stopped serve leaves its port in TIME_WAIT (the server closed the connection first);
    the next serve on that port must start, as the OS lets it (SO_REUSEADDR)."""
    import http.client

    from tests.support.serving import serving

    port = free_port()
    command = ["-m", "crawler.run.cli", "serve", "--db", str(demo_crawl.db), "--port", str(port)]
    for _ in range(2):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with serving(command, port, seconds=60):
            conn.request("GET", "/archive/notices.json?_size=1")
            response = conn.getresponse()
            assert response.status == 200 and response.read()
        # the server stopped with this connection open: it closed it first
        conn.close()


def test_serve_without_archive_is_one_line(tmp_path):
    line = one_error_line(run_cli("serve", "--db", str(tmp_path / "none.db")))
    assert "does not exist" in line


def test_reindex_without_archive_or_during_a_crawl_is_one_line(demo_crawl, tmp_path):
    line = one_error_line(run_cli("reindex", "--db", str(tmp_path / "none.db")))
    assert "does not exist" in line
    from crawler.keep.lock import CrawlLock

    copy = tmp_path / "archive.db"
    shutil.copy(demo_crawl.db, copy)
    with CrawlLock(copy):
        line = one_error_line(run_cli("reindex", "--db", str(copy)))
    assert "crawl" in line.lower()


def test_malformed_registry_is_one_line(tmp_path):
    (tmp_path / "bad.toml").write_text('[[site]]\nname = "x1"\n', encoding="utf-8")
    line = one_error_line(run_cli("sites", env={"GOVARCHIVE_REGISTRY": str(tmp_path)}))
    assert "bad.toml: site #1 ('x1'): field '" in line and "is missing" in line


def test_registry_file_not_in_utf8_is_one_line(tmp_path):
    bad = tmp_path / "gbk.toml"
    bad.write_bytes('[[site]]\nname = "gbk-zx"\norganisation = "某某市政协"\n'.encode("gbk"))
    result = run_cli("sites", env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
    line = one_error_line(result)
    assert f"{bad}: not UTF-8" in line and "Traceback" not in result.stderr


BROKEN_ENTRY = """
[[site]]
name = "broken-zx"
organisation = "某某市政协（格式有误）"
province = "某某省"
org_type = "政协"
cms = "no-such-cms"
home_url = "https://zx.example.gov.cn/"
lists = [{ url = "https://zx.example.gov.cn/tzgg/", channel = ["通知公告"] }]
"""


def test_a_bad_registry_entry_costs_only_itself(demo_server, tmp_path):
    """One malformed entry beside good ones: `sites`, `crawl` and `status` use the good ones
    and list the bad one as an error (exit 1)."""
    registry = tmp_path / "registry"
    registry.mkdir()
    shutil.copy(ROOT / "spiders" / "sites" / "demo.toml", registry / "demo.toml")
    (registry / "more.toml").write_text(BROKEN_ENTRY, encoding="utf-8")
    env = {"GOVARCHIVE_REGISTRY": str(registry), "GOVARCHIVE_DEMO_BASES": json.dumps(demo_server.bases)}

    def the_error(result):
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
        errors = [line for line in result.stderr.splitlines() if line.startswith("govarchive: error: ")]
        assert errors and all("more.toml: site #1 ('broken-zx'): field 'cms'" in e for e in errors), errors

    listed = run_cli("sites", env=env)
    the_error(listed)
    assert "demo-mirror" in listed.stdout and "broken-zx" not in listed.stdout

    db = tmp_path / "archive.db"
    crawled = run_cli("crawl", "demo-mirror", "--db", str(db), "--quiet", env=env)
    the_error(crawled)
    assert "Crawl finished" in crawled.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM notices WHERE site = 'demo-mirror'").fetchone()[0] > 0

    status = run_cli("status", "--db", str(db), env=env)
    the_error(status)
    assert "demo-mirror" in status.stdout

    named = one_error_line(run_cli("crawl", "broken-zx", "--db", str(db), env=env))
    assert "'broken-zx' cannot be crawled" in named and "field 'cms'" in named


def test_sites_lists_the_registry():
    result = run_cli("sites", "--json")
    sites = [json.loads(line) for line in result.stdout.splitlines()]
    names = {site["name"] for site in sites}
    assert {"lanzhou-zx", "beijing-zx", "guangan-tzb", "demo-lanzhou-zx", "demo-mirror"} <= names


def _png() -> bytes:
    """A real 1x1 PNG, built from its chunks."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name, data, reason", [
    ("image.html", _png(), "a PNG image"),
    ("noise.html", random.Random(12).randbytes(8192), "binary data"),
    ("empty.html", b"", "empty"),
    ("plain.html", "关于召开全体会议的通知\n各位委员：请准时出席。\n".encode("gbk"), "without any HTML markup"),
], ids=["png", "random-bytes", "empty", "plain-text"])
def test_extract_refuses_what_is_not_html(tmp_path, name, data, reason):
    page = tmp_path / name
    page.write_bytes(data)
    result = run_cli("extract", str(page))
    line = one_error_line(result)
    assert str(page) in line and "not an HTML page" in line and reason in line
    assert result.stdout == ""


def test_extract_still_reads_a_long_gbk_page(tmp_path):
    """The not-HTML check reads the page as extraction does: a long GBK page (no charset
    label, over 64 KiB, a character split at any offset) is a page."""
    paragraph = "<p>　　各位委员：现将有关事项通知如下，请按时出席全体会议。</p>\n"
    html = ("<html><head><title>关于召开全体会议的通知</title></head><body>"
            "<h1>关于召开全体会议的通知</h1>" + paragraph * 1200 + "</body></html>")
    for pad in ("", " "):
        page = tmp_path / f"long{len(pad)}.html"
        page.write_bytes((pad + html).encode("gbk"))
        assert page.stat().st_size > 65536
        result = run_cli("extract", str(page))
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["title"] == "关于召开全体会议的通知"


def test_extract_prints_the_record_the_crawler_stores(demo_crawl, tmp_path):
    (row,) = demo_crawl.rows(
        "SELECT * FROM notices WHERE url LIKE '%/zxqk/bjgc/202003/t20200324_28946.html'")
    page = tmp_path / "page.html"
    page.write_bytes(urlopen(row["url"]).read())
    result = run_cli("extract", str(page), "--url", row["url"])
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert EXTRACT_KEYS <= set(record)
    assert record["title"] == row["title"] == "凝聚抗“疫”政协合力"
    assert record["published"] == row["published"] == "2020-03-24"
    assert record["author"] == row["author"] and record["source"] == row["source"]
    assert "\n".join(record["body"]) == row["body"]
    assert " > ".join(record["channel"]) == row["channel"]


def test_scrapy_list_and_crawl_work_from_the_project_root(demo_server, tmp_path):
    scrapy = [sys.executable, "-m", "scrapy"]
    listed = subprocess.run([*scrapy, "list"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert {"lanzhou-zx", "demo-beijing-zx"} <= set(listed.stdout.split())
    db = tmp_path / "one.db"
    crawled = subprocess.run(
        [*scrapy, "crawl", "demo-beijing-zx", "-s", f"GOVARCHIVE_DB={db}", "-s", "LOG_LEVEL=WARNING"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "GOVARCHIVE_DEMO_BASES": json.dumps(demo_server.bases)},
    )
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM notices").fetchone()[0] == 65
        assert conn.execute("SELECT DISTINCT site FROM notices").fetchall() == [("demo-beijing-zx",)]


def test_demo_crawls_then_serves_every_notice(tmp_path):
    """`govarchive demo` as the README runs it: its own demo sites, a progress line, then
    Datasette answering with every notice."""
    port = free_port()
    db = tmp_path / "archive.db"
    demo = subprocess.Popen(
        [sys.executable, "-m", "crawler.run.cli", "demo", "--db", str(db), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={k: v for k, v in os.environ.items() if k != "GOVARCHIVE_DEMO_BASES"},
    )
    try:
        data = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and demo.poll() is None:
            try:
                with urlopen(f"http://127.0.0.1:{port}/archive/notices.json?_size=0", timeout=5) as r:
                    data = json.load(r)
                break
            except OSError:
                time.sleep(1)
        assert data is not None, f"Datasette never answered; exit {demo.poll()}"
        assert data["filtered_table_rows_count"] == 267
    finally:
        demo.send_signal(signal.SIGINT)
        try:
            _, err = demo.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            demo.kill()
            _, err = demo.communicate()
    assert "lists" in err and "notices" in err  # the progress line
    assert "267 new" in err


@pytest.mark.parametrize("args", [["--version"], ["sites"]])
def test_console_script_is_installed(args):
    exe = Path(sys.executable).with_name("govarchive")
    result = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout


def test_status_says_each_sites_health_and_exits_1_when_one_needs_attention(demo_crawl, tmp_path):
    ok = run_cli("status", "--db", str(demo_crawl.db))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.count(" ok") >= 5 and "demo-guangan-tzb" in ok.stdout
    import shutil

    from crawler.keep import Archive

    copy = tmp_path / "copy.db"
    shutil.copy(demo_crawl.db, copy)
    archive = Archive(copy)
    run = archive.runs.start("demo-mirror", "incremental")
    archive.runs.finish(run, "finished", {"requests": 3, "list_pages": 2, "empty_lists": 2})
    archive.close()
    bad = run_cli("status", "--db", str(copy))
    assert bad.returncode == 1
    assert "attention: 2 list page(s) without notice links" in bad.stdout


def test_schedule_rejects_a_bad_time_in_one_line():
    line = one_error_line(run_cli("schedule", "--at", "25:00"))
    assert "HH:MM" in line


def test_schedule_runs_at_the_next_hh_mm():
    from datetime import datetime

    from crawler.run.schedule import next_run, parse_at

    assert next_run(parse_at("02:30"), datetime(2026, 1, 1, 1, 0)) == datetime(2026, 1, 1, 2, 30)
    assert next_run(parse_at("02:30"), datetime(2026, 1, 1, 2, 30)) == datetime(2026, 1, 2, 2, 30)
    assert next_run(parse_at("2:05"), datetime(2026, 12, 31, 23, 0)) == datetime(2027, 1, 1, 2, 5)
