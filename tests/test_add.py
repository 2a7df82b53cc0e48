"""`govarchive add URL` finds a site's notice columns from its home page, reads their first
pages as a crawl would, and proposes an entry that loads and crawls; `govarchive links FILE`
prints what one saved list page links to. Real processes against a scripted site on 127.0.0.1.
"""

from __future__ import annotations

import json
import sqlite3
import tomllib

from tests.conftest import run_cli
from tests.support.httpd import Reply, ScriptedSite
from tests.test_lists_crawl import CHROME, FOOTER, notice_page, notice_url, routes

HOME = f"""<html><head><title>政协某市委员会 - 甘肃省</title></head><body>{CHROME}
<div class="block"><div class="hd"><span>通知公告</span><a href="/tzgg/index.html">更多&gt;&gt;</a></div>
<ul><li><a href="{notice_url(1)}">关于做好第1批委员履职工作的通知</a></li></ul></div>
<div class="block"><div class="hd"><span>联系我们</span></div><p>电话 0931-0000000</p></div>
{FOOTER}</body></html>"""


def site_routes() -> dict:
    pages = routes()
    pages["/"] = Reply(body=HOME.encode())
    pages["/gzdt/index.html"] = Reply(body=(
        f"<html><body>{CHROME}<div class='list'><ul>"
        + "".join(f'<li><a href="/gzdt/202401/t2024010{i}_90{i}.html">市政协召开第{i}次主席会议研究部署工作</a>'
                  f"<span>2024-01-0{i}</span></li>" for i in range(1, 4))
        + f"</ul></div>{FOOTER}</body></html>").encode())
    for i in range(1, 4):
        pages[f"/gzdt/202401/t2024010{i}_90{i}.html"] = Reply(body=notice_page(90 + i))
    return pages


def test_add_proposes_an_entry_that_loads_and_crawls(tmp_path):
    registry = tmp_path / "sites.toml"
    with ScriptedSite(site_routes()) as site:
        shown = run_cli("add", f"{site.base}/", "--delay", "0", "--name", "added-zx", "--write", "--registry", str(registry),
                        env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
        assert shown.returncode == 0, shown.stderr
        entry = tomllib.loads(shown.stdout)["site"][0]
        assert entry["name"] == "added-zx" and entry["cms"] == "auto"
        assert entry["organisation"] == "政协某市委员会" and entry["org_type"] == "政协"
        assert entry["province"] == "甘肃省"
        columns = {c["channel"][0]: c["url"] for c in entry["lists"]}
        assert columns == {"通知公告": f"{site.base}/tzgg/index.html", "工作动态": f"{site.base}/gzdt/index.html"}
        assert "pager: trs-createPageHTML" in shown.stdout
        assert tomllib.loads(registry.read_text(encoding="utf-8"))["site"][0]["name"] == "added-zx"
        again = run_cli("add", f"{site.base}/", "--delay", "0", "--name", "added-zx", "--write", "--registry", str(registry),
                        env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
        assert again.returncode == 1 and "already in the registry" in again.stderr
        db = tmp_path / "archive.db"
        crawled = run_cli("crawl", "added-zx", "--db", str(db), "--quiet",
                          env={"GOVARCHIVE_REGISTRY": str(registry)})
        assert crawled.returncode == 0, crawled.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        count = conn.execute("select count(*) from notices").fetchone()[0]
    assert count == 9 + 3  # every notice of both columns, none of the chrome


def test_add_writes_nothing_to_the_archive_and_fails_in_one_line(tmp_path):
    with ScriptedSite({"/": Reply(body=b"<html><body><p>nothing here</p></body></html>")}) as site:
        result = run_cli("add", f"{site.base}/", "--delay", "0", env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "no notice list found" in result.stderr
    assert not list(tmp_path.iterdir())


def test_links_prints_notices_and_next_page_of_a_saved_list(tmp_path):
    page = tmp_path / "list.html"
    page.write_bytes(routes()["/tzgg/index.html"].body)
    result = run_cli("links", str(page), "--url", "http://zx.example.gov.cn/tzgg/index.html")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["notices"] == [f"http://zx.example.gov.cn{notice_url(n)}" for n in range(1, 6)]
    assert found["next"] == ["http://zx.example.gov.cn/tzgg/index_2.html"]
    assert found["cms"] == "trs" and found["total_pages"] == 2
    missing = run_cli("links", str(tmp_path / "nope.html"), "--url", "http://x.gov.cn/")
    assert missing.returncode == 1 and missing.stderr.startswith("govarchive: error: cannot read")


def test_check_shows_what_a_crawl_would_see(tmp_path):
    with ScriptedSite(site_routes()) as site:
        registry = tmp_path / "sites.toml"
        added = run_cli("add", f"{site.base}/", "--delay", "0", "--name", "checked-zx", "--write",
                        "--registry", str(registry), env={"GOVARCHIVE_REGISTRY": str(tmp_path)})
        assert added.returncode == 0, added.stderr
        shown = run_cli("check", "checked-zx", "--delay", "0", env={"GOVARCHIVE_REGISTRY": str(registry)})
        assert shown.returncode == 0, shown.stderr
        out = shown.stdout
        assert f"{site.base}/tzgg/index.html" in out and "5 notices on page 1" in out
        assert f"next {site.base}/tzgg/index_2.html" in out and "pager trs-createPageHTML, 2 pages" in out
        assert "2024-01-10  关于做好第1批委员履职工作的通知" in out
        unknown = run_cli("check", "nope", env={"GOVARCHIVE_REGISTRY": str(registry)})
    assert unknown.returncode == 1 and "unknown site 'nope'" in unknown.stderr
    assert not (tmp_path / "archive.db").exists()
