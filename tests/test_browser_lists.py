"""Lists that need a browser stay fast (crawler/fetch/browser.py).

- Chromium is launched when the crawl starts, not when the first list that needs it is asked
  for: it is running while the only request the crawl could make, the host's robots.txt, is
  still held by the server.
- A list page is read once the data its script asks for has come, not after network silence:
  a visitor counter script that the server holds open (as slow third-party counters are) does
  not hold the list back; the notices it links to are asked for while the counter is open.

Real crawls (child processes) of a scripted site on 127.0.0.1, in Debian's Chromium.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import GOVARCHIVE, ROOT
from tests.support.httpd import Hit, Reply, ScriptedSite
from tests.support.listsite import DETAIL_PATTERN, notice_html, notice_path, notice_title

CHROMIUM = os.environ.get("GOVARCHIVE_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")

LIST_PATH = "/xxgk/tzgg/index.html"
DATA_PATH = "/xxgk/tzgg/data.json"
COUNTER_PATH = "/stat/counter.js"
HOLD_CAP = 60.0  # seconds the server holds anything, at most, so a failing test ends
NOTICES = range(1, 7)

JS_LIST = (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知公告_青山市政协</title>"
    f"<script async src=\"{COUNTER_PATH}\"></script></head><body>"
    "<div class=\"main\"><h2>通知公告</h2><ul class=\"list\" id=\"list\"></ul></div>"
    "<script>\n(function () {\n  var xhr = new XMLHttpRequest();\n"
    f"  xhr.open('GET', '{DATA_PATH}');\n"
    "  xhr.onload = function () {\n    var items = JSON.parse(xhr.responseText), html = '';\n"
    "    for (var i = 0; i < items.length; i++) {\n"
    "      html += '<li><a href=\"' + items[i].url + '\">' + items[i].title + '</a><span>'"
    " + items[i].date + '</span></li>';\n    }\n"
    "    document.getElementById('list').innerHTML = html;\n  };\n  xhr.send();\n})();\n"
    "</script><div class=\"foot\">版权所有：青山市政协</div></body></html>"
)


class JsListSite(ScriptedSite):
    """One column whose list a script fetches as JSON; a counter script and robots.txt that
    the server can hold."""

    def __init__(self):
        self.release_robots = threading.Event()
        self.release_counter = threading.Event()
        self.counter_released_by: str | None = None
        data = [{"url": notice_path(n), "title": notice_title(n), "date": notice_path(n)[7:15]}
                for n in NOTICES]
        routes = {
            "/robots.txt": self._robots,
            LIST_PATH: Reply(body=JS_LIST.encode()),
            DATA_PATH: Reply(body=json.dumps(data, ensure_ascii=False).encode(),
                             headers={"Content-Type": "application/json; charset=utf-8"}, delay=0.2),
            COUNTER_PATH: self._counter,
        }
        routes.update({notice_path(n): self._notice for n in NOTICES})
        super().__init__(routes)

    def registry_toml(self) -> str:
        return (
            '[[site]]\nname = "jslist"\norganisation = "青山市政协（测试）"\nprovince = "测试省"\n'
            'org_type = "政协"\ncms = "generic"\n'
            f'home_url = "{self.base}/"\ndetail_pattern = \'{DETAIL_PATTERN}\'\n'
            f'lists = [ {{ url = "{self.base}{LIST_PATH}", channel = ["通知公告"], browser = true }} ]\n'
            "politeness = { delay = 0.0, concurrency = 4 }\n"
        )

    def _robots(self, site, hit: Hit) -> Reply:
        self.release_robots.wait(HOLD_CAP)
        return Reply(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})

    def _counter(self, site, hit: Hit) -> Reply:
        released = self.release_counter.wait(HOLD_CAP)
        if self.counter_released_by is None:
            self.counter_released_by = "a notice request" if released else "the server's cap"
        return Reply(body=b"var visits = 1;", headers={"Content-Type": "application/javascript"})

    def _notice(self, site, hit: Hit) -> Reply:
        self.release_counter.set()  # the list was read while the counter was open
        return Reply(body=notice_html(int(hit.path.rsplit("_", 1)[1][:-5]) - 1000).encode())


def start_crawl(site: JsListSite, folder: Path) -> tuple[subprocess.Popen, Path]:
    registry = folder / "site.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    db = folder / "archive.db"
    child = subprocess.Popen(
        [*GOVARCHIVE, "crawl", "jslist", "--db", str(db), "--quiet"], cwd=ROOT,
        env={**os.environ, "GOVARCHIVE_REGISTRY": str(registry)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return child, db


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def runs_chromium(pid: int) -> bool:
    for child in descendants(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if command.endswith((b"chromium", b"chromium-browser", b"chrome")) or b"/chromium/" in command:
            return True
    return False


def archived_titles(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT title FROM notices")}


def finish(child: subprocess.Popen) -> None:
    out, err = child.communicate(timeout=240)
    assert child.returncode == 0, err[-3000:]


def test_chromium_is_running_before_the_first_list_that_needs_it_can_be_asked(tmp_path):
    with JsListSite() as site:
        site.release_counter.set()
        child, db = start_crawl(site, tmp_path)
        try:
            deadline = time.monotonic() + 90
            while not runs_chromium(child.pid):
                assert child.poll() is None, child.communicate()[1][-3000:]
                assert time.monotonic() < deadline, "no Chromium while robots.txt was held"
                time.sleep(0.05)
            assert site.paths() in ([], ["/robots.txt"]), site.paths()  # nothing asked yet
        finally:
            site.release_robots.set()
        finish(child)
        assert archived_titles(db) == {notice_title(n) for n in NOTICES}


def test_a_list_is_read_when_its_data_has_come_not_when_the_network_is_quiet(tmp_path):
    with JsListSite() as site:
        site.release_robots.set()
        child, db = start_crawl(site, tmp_path)
        finish(child)
        paths = [hit.path for hit in site.settled(HOLD_CAP + 5)]
        assert DATA_PATH in paths and COUNTER_PATH in paths, paths
        assert site.counter_released_by == "a notice request", (
            "the list was read only after the counter script ended")
        assert archived_titles(db) == {notice_title(n) for n in NOTICES}
