"""Nothing lost, nothing false: attachments, bad links, off-site redirects, empty pages and
robots.txt errors, each met in a real crawl (a child process) of servers on 127.0.0.1.

* An attachment not yet fetched when a crawl dies (kill -9), or one that failed, is fetched by
  the next crawl whatever its notice's state.
* A link that cannot be requested is a ``bad_url`` failure, and the notice's other
  attachments are still fetched.
* A notice link redirected to another registrable domain is a ``redirect_off_site``
  failure naming its target; a page without article text is ``not_a_notice``: neither
  becomes a notice, both count in the run's figures.
* A robots.txt answering 5xx is ``robots_unavailable``: the host is left alone this run,
  health says so, and robots.txt is asked again on the next run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from crawler.demo import DemoServer, catalog
from crawler.demo.server import route_key
from tests.conftest import ROOT, run_cli
from tests.support.hostile import pdf_bytes
from tests.support.httpd import Reply, ScriptedSite


def query(db: Path, sql: str, params=()) -> list[dict]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, params)]


def wait_for(condition, seconds: float = 60, what: str = "a condition") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:.0f} s for {what}")
        time.sleep(0.05)


# -- attachments left behind -------------------------------------------------------------------


class HeldAttachments:
    """The demo's attachment files, answered only once ``release()`` is called (or with an
    error status while ``failing`` is set): a crawl meets its attachments in flight."""

    def __init__(self, server: DemoServer, failing: int | None = None):
        self.paths = {route_key(path) for site in catalog(server.day).values()
                      for path in site.attachments}
        self.arrived: list[str] = []
        self.failing = failing
        self._released = threading.Event()
        for site in server.sites.values():
            site.get_hook = self._hook(site.get_hook)

    def _hook(self, previous):
        from crawler.demo.server import Response

        def hook(target: str):
            if route_key(target) in self.paths:
                self.arrived.append(target)
                if self.failing:
                    return Response(self.failing, [("Content-Type", "text/plain")], b"busy")
                self._released.wait(120)
            return previous(target) if previous else None

        return hook

    def release(self) -> None:
        self.failing = None
        self._released.set()


def demo_env(server: DemoServer) -> dict:
    return {"GOVARCHIVE_DEMO_BASES": json.dumps(server.bases)}


def attachment_states(db: Path) -> dict[str, int]:
    try:
        rows = query(db, "SELECT status, count(*) AS n FROM attachments GROUP BY status")
    except sqlite3.OperationalError:  # no archive yet
        return {}
    return {row["status"]: row["n"] for row in rows}


def test_attachments_pending_at_a_kill_are_fetched_by_the_next_crawl(tmp_path):
    db = tmp_path / "archive.db"
    with DemoServer() as server:
        held = HeldAttachments(server)
        assert held.paths, "the demo serves no attachment"
        crawl = subprocess.Popen(
            [sys.executable, "-m", "crawler.run.cli", "demo", "--no-serve", "--db", str(db)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, **demo_env(server)})
        try:
            # Killed while its attachments are in flight: their notices are archived, the
            # files not (they cannot be, until released).
            wait_for(lambda: held.arrived and db.exists() and attachment_states(db).get("pending"),
                     what="a notice archived with its attachments in flight")
        finally:
            crawl.send_signal(signal.SIGKILL)
            crawl.wait(timeout=30)
            held.release()
        pending_after_kill = attachment_states(db)["pending"]
        result = run_cli("demo", "--no-serve", "--db", str(db), env=demo_env(server))
    assert result.returncode == 0, result.stderr[-3000:]
    states = attachment_states(db)
    assert pending_after_kill > 0 and "pending" not in states, states
    assert set(states) == {"stored"}
    lost = query(db, "SELECT count(*) AS n FROM attachments a LEFT JOIN files f USING (sha256)"
                     " WHERE f.sha256 IS NULL")[0]["n"]
    assert lost == 0


@pytest.fixture(scope="module")
def failed_attachments(tmp_path_factory):
    """A demo crawl whose every attachment answered 503, and the demo, serving them again."""
    db = tmp_path_factory.mktemp("failed_attachments") / "archive.db"
    with DemoServer() as server:
        held = HeldAttachments(server, failing=503)
        first = run_cli("demo", "--no-serve", "--db", str(db), "-s", "RETRY_TIMES=0",
                        env=demo_env(server))
        assert first.returncode == 0, first.stderr[-3000:]
        failed = attachment_states(db)
        held.release()
        yield server, db, failed, held.paths


@pytest.mark.parametrize("again", [[], ["--recheck-all"]])
def test_attachments_that_failed_are_fetched_again_whatever_their_notice(failed_attachments, tmp_path, again):
    server, first_db, failed, paths = failed_attachments
    db = tmp_path / "archive.db"  # each next crawl on its own copy of the first crawl's archive
    for path in first_db.parent.iterdir():
        if path.is_dir() and path.name.startswith(f"{first_db.stem}_"):
            shutil.copytree(path, db.with_name(db.stem + path.name[len(first_db.stem):]))
    with sqlite3.connect(first_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    second = run_cli("demo", "--no-serve", "--db", str(db), *again, env=demo_env(server))
    assert second.returncode == 0, second.stderr[-3000:]
    assert failed == {"http_503": len(paths)}, failed
    assert attachment_states(db) == {"stored": len(paths)}


# -- a small site that goes wrong in the ways a notice can be false --------------------------------

DETAIL = r"/t\d{8}_\d+\.html"
PDF = pdf_bytes()


def notice_page(title: str, paragraphs: list[str], extra: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}_政协测试市委员会</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/tzgg/index.html'>通知公告</a></div>"
        f"<div class='article'><h1>{title}</h1><div class='info'>发布时间：2024-03-01</div>"
        f"<div class='content' id='zoom'>{body}{extra}</div></div>"
        "<div class='footer'>主办单位：政协测试市委员会办公室 版权所有</div></body></html>"
    ).encode("utf-8")


def chrome_page(title: str, main: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}_政协测试市委员会</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/tzgg/index.html'>通知公告</a>"
        " <a href='/lzgz/index.html'>履职工作</a></div>"
        f"<div class='main'>{main}</div>"
        "<div class='footer'>主办单位：政协测试市委员会办公室 版权所有</div></body></html>"
    ).encode("utf-8")


TEXT = ["为进一步做好委员履职服务工作，经研究，决定开展本次活动。现将有关事项通知如下：",
        "一、请各专门委员会于规定时间前报送相关材料，逾期不再受理。",
        "二、请各单位高度重视，认真组织，确保按时完成各项工作任务。"]


def html(body: bytes) -> Reply:
    return Reply(body=body)


def redirect(location: str) -> Reply:
    return Reply(302, b"moved", {"Location": location, "Content-Type": "text/html"})


class LossSite:
    """Three hosts: the site (``main``), a host of the same site serving some of its notices
    (``annex``, whose robots.txt errs while ``annex_robots_fail``), and another site
    (``elsewhere``, reached as ``localhost``: another registrable domain)."""

    def __init__(self):
        self.annex_robots_fail = True
        self.elsewhere = ScriptedSite({"/robots.txt": Reply(404)})
        self.annex = ScriptedSite({"/robots.txt": self._annex_robots})
        self.main = ScriptedSite({"/robots.txt": Reply(body=b"User-agent: *\nDisallow: /admin/\n",
                                                       headers={"Content-Type": "text/plain"})})

    def _annex_robots(self, site, hit):
        if self.annex_robots_fail:
            return Reply(503, b"<html><body>503 Service Unavailable</body></html>")
        return Reply(body=b"User-agent: *\nDisallow: /admin/\n", headers={"Content-Type": "text/plain"})

    def __enter__(self) -> LossSite:
        for site in (self.elsewhere, self.annex, self.main):
            site.__enter__()
        self._route()
        return self

    def __exit__(self, *exc) -> None:
        for site in (self.main, self.annex, self.elsewhere):
            site.__exit__(*exc)

    def _route(self) -> None:
        far = f"http://localhost:{self.elsewhere.server.server_address[1]}"
        m, a = self.main.routes, self.annex.routes
        self.links = {
            "attachments": "/tzgg/202403/t20240301_1.html",
            "off_site": "/tzgg/202403/t20240302_2.html",
            "empty": "/tzgg/202403/t20240303_3.html",
            "no_items": "/tzgg/202403/t20240304_4.html",
            "moved_here": "/tzgg/202403/t20240305_5.html",
        }
        self.off_site_target = f"{far}/news/t20240302_9.html"
        attachments = (
            '<p>附件：<a href="/files/first.pdf">一、报名表.pdf</a></p>'
            '<p><a href=" javascript:void(0)//files/broken.pdf">二、说明.pdf</a></p>'
            '<p><a href="http://127.0.0.1:notaport/files/port.pdf">三、名单.pdf</a></p>'
            '<p><a href="http://[broken/files/v6.pdf">四、附表.pdf</a></p>'
            '<p><a href="/files/third.pdf">五、日程.pdf</a></p>'
        )
        m[self.links["attachments"]] = html(notice_page("关于报送委员履职材料的通知", TEXT, attachments))
        m["/files/first.pdf"] = Reply(body=PDF, headers={"Content-Type": "application/pdf"})
        m["/files/third.pdf"] = Reply(body=PDF + b"%third", headers={"Content-Type": "application/pdf"})
        m[self.links["off_site"]] = redirect(self.off_site_target)
        self.elsewhere.routes["/news/t20240302_9.html"] = html(
            notice_page("另一个网站的新闻稿件标题", TEXT))
        m[self.links["empty"]] = html(chrome_page("活动日历", "<div class='calendar'></div>"))
        m[self.links["no_items"]] = html(chrome_page(
            "通知公告", "<h2>通知公告</h2><ul class='list'></ul><p class='empty'>暂无信息</p>"
                        "<div class='pages'>共0条 第1/1页</div>"))
        m[self.links["moved_here"]] = redirect("/tzgg/202403/t20240305_6.html")
        m["/tzgg/202403/t20240305_6.html"] = html(notice_page("关于召开界别协商座谈会的通知", TEXT))
        self.annex_links = ["/zxgk/t20240306_7.html", "/zxgk/t20240307_8.html"]
        for i, path in enumerate(self.annex_links):
            a[path] = html(notice_page(f"关于开展第{i + 1}次委员视察活动的通知", TEXT))
        entries = [self.main.base + p for p in self.links.values()]
        entries += [self.annex.base + p for p in self.annex_links]
        m["/tzgg/index.html"] = list_page(entries)
        # A second column whose list links to a notice, and to a notice and a next page no
        # request can be made of.
        self.bad_links = {"notice": "http://127.0.0.1:notaport/lzgz/202403/t20240309_9.html",
                          "list": "http://127.0.0.1:notaport/lzgz/index_1.html"}
        self.good_beside_bad = "/lzgz/202403/t20240310_10.html"
        m[self.good_beside_bad] = html(notice_page("关于开展委员读书活动的通知", TEXT))
        m["/lzgz/index.html"] = list_page([self.bad_links["notice"], self.main.base + self.good_beside_bad],
                                          next_page=self.bad_links["list"])

    def registry_toml(self) -> str:
        return (
            "[[site]]\n"
            'name = "losses"\norganisation = "政协测试市委员会"\nprovince = "测试省"\n'
            'city = "测试市"\norg_type = "政协"\ncms = "generic"\n'
            f'home_url = "{self.main.base}/"\n'
            f"detail_pattern = '{DETAIL}'\n"
            f'lists = [ {{ url = "{self.main.base}/tzgg/index.html", channel = ["通知公告"] }},\n'
            f'          {{ url = "{self.main.base}/lzgz/index.html", channel = ["履职工作"] }} ]\n'
            "politeness = { delay = 0.0, concurrency = 4 }\n"
        )


def list_page(urls: list[str], next_page: str | None = None) -> Reply:
    items = "".join(f"<li><span>2024-03-{i + 1:02d}</span><a href='{u}'>通知公告第{i + 1}条</a></li>"
                    for i, u in enumerate(urls))
    pager = f"<div class='pages'><a href='{next_page}'>下一页</a></div>" if next_page else ""
    return html(chrome_page("通知公告", f"<ul class='list'>{items}</ul>{pager}"))


def crawl_site(site: LossSite, folder: Path) -> tuple[Path, subprocess.CompletedProcess]:
    registry = folder / "losses.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    db = folder / "archive.db"
    result = run_cli("crawl", "losses", "--db", str(db), "--quiet",
                     "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=5", "-s", "DOWNLOAD_DELAY=0",
                     env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=180)
    return db, result


@pytest.fixture(scope="module")
def losses(tmp_path_factory):
    folder = tmp_path_factory.mktemp("losses")
    with LossSite() as site:
        db, first = crawl_site(site, folder)
        hits_first = {"main": site.main.paths(), "annex": site.annex.paths(),
                      "elsewhere": site.elsewhere.paths()}
        runs_after_first = query(db, "SELECT * FROM crawl_runs ORDER BY id")
        robots_cached = query(db, "SELECT host, status FROM robots_cache")
        site.annex_robots_fail = False
        site.annex.hits.clear()
        _, second = crawl_site(site, folder)
        yield {"db": db, "site": site, "first": first, "second": second, "hits_first": hits_first,
               "runs_after_first": runs_after_first, "robots_cached": robots_cached,
               "hits_second_annex": site.annex.paths()}


def first_failures(losses) -> dict[str, list[dict]]:
    run = losses["runs_after_first"][0]["id"]
    found: dict[str, list[dict]] = {}
    for row in query(losses["db"], "SELECT * FROM fetch_failures WHERE run_id = ?", [run]):
        found.setdefault(row["url"], []).append(row)
    return found


def test_the_crawls_finish(losses):
    for result in (losses["first"], losses["second"]):
        assert result.returncode == 0, result.stderr[-3000:]


def test_a_link_that_cannot_be_requested_is_a_failure_and_its_siblings_go_on(losses):
    db, site = losses["db"], losses["site"]
    asked = losses["hits_first"]["main"]
    assert "/files/first.pdf" in asked and "/files/third.pdf" in asked, asked
    url = site.main.base + site.links["attachments"]
    rows = query(db, "SELECT a.url, a.status FROM attachments a JOIN notices n ON n.id = a.notice_id"
                     " WHERE n.url = ? ORDER BY a.position", [url])
    assert [r["status"] for r in rows] == ["stored", "bad_url", "bad_url", "bad_url", "stored"], rows
    failures = first_failures(losses)
    bad = {u: [(r["kind"], r["what"]) for r in rows] for u, rows in failures.items()
           if any(r["kind"] == "bad_url" for r in rows)}
    want = {row["url"]: [("bad_url", "attachment")] for row in rows[1:4]}
    want[site.bad_links["notice"]] = [("bad_url", "notice")]  # a list's link to a notice
    want[site.bad_links["list"]] = [("bad_url", "list")]  # a list's next page
    assert bad == want
    # The list's other link was followed, and its walk ended.
    assert site.good_beside_bad in asked
    walked = query(db, "SELECT url, last_walk FROM site_columns")
    assert len(walked) == 2 and all(w["last_walk"] for w in walked), walked


def test_an_off_site_redirect_is_a_failure_naming_its_target(losses):
    db, site = losses["db"], losses["site"]
    url = site.main.base + site.links["off_site"]
    stored = {r["url"] for r in query(db, "SELECT url FROM notices")}
    assert not [u for u in stored if "localhost" in u or u == url], stored
    (row,) = first_failures(losses)[url]
    assert row["kind"] == "redirect_off_site" and row["detail"] == site.off_site_target
    moved = site.main.base + "/tzgg/202403/t20240305_6.html"  # a redirect within the site
    assert moved in stored


def test_a_page_without_an_article_is_not_a_notice(losses):
    db, site = losses["db"], losses["site"]
    stored = {r["url"] for r in query(db, "SELECT url FROM notices")}
    failures = first_failures(losses)
    for name in ("empty", "no_items"):
        url = site.main.base + site.links[name]
        assert url not in stored, name
        assert [r["kind"] for r in failures.get(url, [])] == ["not_a_notice"], (name, failures.get(url))
    assert site.main.base + site.links["attachments"] in stored


def test_false_notices_count_in_the_runs_figures(losses):
    run = losses["runs_after_first"][0]
    recorded = sum(len(rows) for url, rows in first_failures(losses).items()
                   if any(r["kind"] in ("bad_url", "redirect_off_site", "not_a_notice") for r in rows))
    assert recorded == 8
    assert run["errors"] >= recorded and run["new"] == 3, run


def test_a_robots_txt_error_is_not_a_ban(losses):
    site = losses["site"]
    annex = [site.annex.base + p for p in site.annex_links]
    failures = first_failures(losses)
    assert [[r["kind"] for r in failures.get(u, [])] for u in annex] == [["robots_unavailable"]] * 2
    everything = query(losses["db"], "SELECT kind FROM fetch_failures")
    assert "robots_disallowed" not in {r["kind"] for r in everything}
    assert losses["hits_first"]["annex"] == ["/robots.txt"]  # the host was left alone
    run = losses["runs_after_first"][0]
    assert run["health"] == "attention" and "robots.txt" in run["health_notes"], run
    annex_host = site.annex.base.split("//")[1]
    assert annex_host not in {r["host"] for r in losses["robots_cached"]}
    # The next run asks for robots.txt again and archives what it allows.
    assert losses["hits_second_annex"][0] == "/robots.txt"
    stored = {r["url"] for r in query(losses["db"], "SELECT url FROM notices")}
    assert set(annex) <= stored, stored
