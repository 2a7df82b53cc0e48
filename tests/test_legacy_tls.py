"""Old TLS: a host that speaks only TLS 1.0 is reached by a permissive retry for that host
alone, its notices are archived, health says so, and the next run remembers it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli
from tests.support.httpd import Reply
from tests.support.oldtls import OldTLSSite

TITLES = ["关于召开政协常委会议的通知", "关于开展委员视察活动的通知", "关于报送年度提案的通知"]


def page(title: str, inner: str) -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{inner}"
            "</body></html>").encode()


def routes() -> dict:
    found = {"/robots.txt": Reply(200, b"User-agent: *\nDisallow: /admin/\n",
                                  {"Content-Type": "text/plain"})}
    links = []
    for i, title in enumerate(TITLES, 1):
        path = f"/tzgg/202406/t2024060{i}_{i}.html"
        links.append(f"<li><a href='{path}'>{title}</a></li>")
        body = "".join(f"<p>{t}</p>" for t in ("各位委员：", f"现就{title[2:-3]}有关事项通知如下，请按时参加。" * 4,
                                               "政协某市委员会办公室"))
        found[path] = Reply(200, page(title, f"<h1>{title}</h1><div>发布时间：2024-06-0{i}</div>{body}"))
    found["/tzgg/index.html"] = Reply(200, page("通知公告", "<ul>" + "".join(links) + "</ul>"))
    return found


def registry(site: OldTLSSite) -> str:
    return ("[[site]]\nname = \"oldtls\"\norganisation = \"政协某市委员会（测试）\"\n"
            "province = \"测试省\"\norg_type = \"政协\"\ncms = \"generic\"\n"
            f"home_url = \"{site.base}/\"\ndetail_pattern = '/tzgg/\\d{{6}}/t\\d{{8}}_\\d+\\.html'\n"
            f"lists = [ {{ url = \"{site.base}/tzgg/index.html\", channel = [\"通知公告\"] }} ]\n"
            "politeness = { delay = 0.0, concurrency = 2 }\n")


def crawl(site: OldTLSSite, folder: Path, *extra: str) -> Path:
    path = folder / "oldtls.toml"
    path.write_text(registry(site), encoding="utf-8")
    db = folder / "archive.db"
    result = run_cli("crawl", "oldtls", "--db", str(db), "--quiet", "-s", "RETRY_TIMES=0", *extra,
                     env={"GOVARCHIVE_REGISTRY": str(path)}, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def rows(db: Path, sql: str) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql)]


def test_an_old_tls_host_is_retried_permissively_and_remembered(tmp_path):
    with OldTLSSite(routes()) as site:
        db = crawl(site, tmp_path)
        failed_first = site.handshakes_failed
        host = site.base.split("//")[1]
        site.handshakes_failed = 0
        crawl(site, tmp_path, "--full", "--recheck-all")
        failed_second = site.handshakes_failed
    assert sorted(r["title"] for r in rows(db, "SELECT title FROM notices")) == sorted(TITLES)
    first, second = rows(db, "SELECT * FROM crawl_runs ORDER BY id")
    assert json.loads(first["legacy_tls_hosts"]) == [host]
    assert "needs old TLS" in first["health_notes"] and first["health"] == "ok"
    assert failed_first >= 1 and failed_second == 0  # the second run starts with it marked
    assert json.loads(second["legacy_tls_hosts"]) == [host]


def test_a_modern_host_is_not_lowered(tmp_path):
    with OldTLSSite(routes(), modern=True) as site:
        db = crawl(site, tmp_path)
        assert site.handshakes_failed == 0
    assert len(rows(db, "SELECT id FROM notices")) == len(TITLES)
    (run,) = rows(db, "SELECT legacy_tls_hosts FROM crawl_runs")
    assert run["legacy_tls_hosts"] is None
