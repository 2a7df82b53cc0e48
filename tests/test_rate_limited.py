"""A site that answers a fast crawler with a different page is slowed down, not archived
(crawler/fetch/ratelimit.py).

The test site answers a notice request that comes sooner than ``MIN_GAP`` after the one
before with its rate limiter's page (a 200 "访问过于频繁，请稍后再试" template), and the first
request for a list's second page with the list with nothing on it. The registry lets the crawl go as fast as it likes; the crawl must
slow the host down for the run and ask those pages again, and archive every notice and no
template.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from crawler.fetch.ratelimit import rate_limit_page
from tests.conftest import run_cli
from tests.support.httpd import Hit, Reply
from tests.support.listsite import LIST_PATH, SECOND_PAGE, ListSite, list_html, notice_html, notice_title

MIN_GAP = 0.4  # seconds the site wants between requests
SETTINGS = ["-s", "GOVARCHIVE_RATE_LIMIT_DELAY=0.5"]  # the crawl's first slower pace
RATE_PAGE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>提示</title></head><body>"
             "<div class=\"tip\"><h3>访问过于频繁，请稍后再试</h3><p>您的访问频率过高，请稍后刷新页面。</p>"
             "</div></body></html>")


class FastCrawlerGuard(ListSite):
    """A ListSite that answers a request too soon after the previous one with another page:
    the rate page for notices (``notices``), an empty list for list pages (``lists``)."""

    def __init__(self, count: int, second_page: int, *, notices: bool, lists: bool):
        super().__init__(count, second_page=second_page)
        self.guard_notices, self.guard_lists = notices, lists
        self.last_start: float | None = None
        self.refused: list[str] = []
        self.guard = threading.Lock()
        for path, route in list(self.routes.items()):
            self.routes[path] = self._guarded(path, route)

    def _too_soon(self, hit: Hit) -> bool:
        with self.guard:
            previous, self.last_start = self.last_start, hit.started
            return previous is not None and hit.started - previous < MIN_GAP

    def _refuse(self, path: str, hit: Hit) -> bool:
        """Notices: when asked too soon. Lists after the first: the first time they are asked,
        whatever the gap (a limiter that counted the crawl's earlier requests), so that the
        test does not depend on how fast a loaded machine lets the crawl go."""
        too_soon = self._too_soon(hit)
        if path == SECOND_PAGE:
            with self.guard:
                return self.guard_lists and path not in self.refused
        if path == LIST_PATH:
            return False
        return too_soon and self.guard_notices

    def _guarded(self, path: str, route):
        is_list = path in (LIST_PATH, SECOND_PAGE)

        def answer(site, hit: Hit) -> Reply:
            if self._refuse(path, hit):
                with self.guard:
                    self.refused.append(path)
                if is_list:
                    return Reply(body=list_html([]).encode())
                return Reply(body=RATE_PAGE.encode())
            return route(site, hit) if callable(route) else route

        return answer


def crawl(site: ListSite, folder: Path):
    registry = folder / "site.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    db = folder / "archive.db"
    result = run_cli("crawl", "listsite", "--db", str(db), "--quiet", *SETTINGS,
                     env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return db, result


def archive(db: Path) -> tuple[set[str], list[str], list[tuple]]:
    with sqlite3.connect(db) as conn:
        titles = {r[0] for r in conn.execute("SELECT title FROM notices")}
        bodies = [r[0] for r in conn.execute("SELECT body FROM notices")]
        failures = conn.execute("SELECT url, kind FROM fetch_failures").fetchall()
    return titles, bodies, failures


def test_rate_pages_slow_the_host_down_and_are_asked_again(tmp_path):
    with FastCrawlerGuard(8, 0, notices=True, lists=False) as site:
        db, result = crawl(site, tmp_path)
        site.settled()
        refused = list(site.refused)
    titles, bodies, failures = archive(db)
    assert refused, "the crawl never went too fast: the test shows nothing"
    assert titles == {notice_title(n) for n in range(1, 9)}
    assert not any("访问过于频繁" in (body or "") for body in bodies)
    assert failures == []
    # Slowed down for the run: no page met the limiter twice (each asked again at the slower
    # pace got through), and the ones that did were on their way before the first came back.
    assert len(set(refused)) == len(refused) < 8, refused
    # The run says so: its figures, per host how often and how slow, and its health.
    with sqlite3.connect(db) as conn:
        count, hosts, health, notes = conn.execute(
            "SELECT rate_limited, rate_limited_hosts, health, health_notes FROM crawl_runs").fetchone()
    host = site.base.split("://", 1)[1]
    assert count == len(refused) and set(json.loads(hosts)) == {host}, (count, hosts)
    slowed = json.loads(hosts)[host]
    assert slowed["slowdowns"] == len(refused) and slowed["delay"] >= 0.5, slowed
    said = f"{host} rate-limited the crawl: slowed down {len(refused)} time(s), to one request per"
    assert health == "ok" and said in notes, notes  # said, not attention: the crawl coped
    status = run_cli("status", "--db", str(db))
    assert status.returncode == 0 and said in status.stdout, status.stdout + status.stderr


def test_an_empty_list_after_a_full_one_slows_the_host_down_and_is_asked_again(tmp_path):
    with FastCrawlerGuard(6, 4, notices=False, lists=True) as site:
        db, result = crawl(site, tmp_path)
        site.settled()
        refused = list(site.refused)
    titles, _, failures = archive(db)
    assert SECOND_PAGE in refused, "page two never came too soon: the test shows nothing"
    assert titles == {notice_title(n) for n in range(1, 11)}  # page two's notices too
    assert failures == []


@pytest.mark.parametrize("words", ["访问过于频繁，请稍后再试", "请求过多，请稍后访问", "您访问太频繁了"])
def test_rate_limit_templates_are_recognised_and_notices_about_them_are_not(words):
    template = f"<html><head><title>提示</title></head><body><h3>{words}</h3></body></html>"
    assert rate_limit_page(HtmlResponse("http://x.test/a.html", body=template.encode(), encoding="utf-8"))
    assert rate_limit_page(HtmlResponse("http://x.test/a.html", status=429, body=b""))
    notice = notice_html(3).replace("<p>各专门委员会", f"<p>近期有群众反映{words}的问题。</p><p>各专门委员会", 1)
    assert not rate_limit_page(HtmlResponse("http://x.test/a.html", body=notice.encode(), encoding="utf-8"))
