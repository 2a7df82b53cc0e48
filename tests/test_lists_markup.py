"""Lists are read whole: stray end tags do not cut a list page short.

Header includes pasted into a template leave ``</html>`` or ``</body></html>`` in the middle
of a page, and libxml2 (2.14) stops parsing there: every list link after it was never
requested. Every reader of fetched HTML (the CMS list adapters, the blocked-page check,
extraction) parses through one repair, crawler.extract.repair.parse.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from crawler.fetch.blocked import blocked_reason, visible_text
from crawler.navigate.cms import adapter_for
from crawler.navigate.registry import ColumnList, Site
from tests.conftest import ROOT, run_cli
from tests.support.listsite import DETAIL_PATTERN, ListSite, list_html, notice_path

BASE = "http://zx.example.gov.cn"


def site_of(cms: str) -> Site:
    return Site(name="s", organisation="o", province="p", city=None, org_type="政协", cms=cms,
                home_url=f"{BASE}/", lists=(ColumnList(f"{BASE}/tzgg/index.html", ("通知公告",)),),
                detail_pattern=DETAIL_PATTERN)


def linked(page) -> list[str]:
    return [hint.url.removeprefix(BASE) for hint in page.notices]


# -- the parse ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cms", ["generic", "trs"])
def test_every_link_after_stray_end_tags_is_found(cms):
    shown = list(range(1, 30))
    html = list_html(shown, stray_tags=True, next_page="/tzgg/index_1.html")
    assert html.count("</html>") == 3 and "</body></html><li>" in html  # the damage is there
    site = site_of(cms)
    page = adapter_for(cms)(html, f"{BASE}/tzgg/index.html", site, site.lists[0])
    assert linked(page) == [notice_path(n) for n in shown]
    assert all(hint.channel == ["通知公告"] for hint in page.notices)  # still one list
    assert [r.url for r in page.more] == [f"{BASE}/tzgg/index_1.html"]  # the pager, after it all


def test_hanweb_records_with_stray_end_tags_are_all_found():
    records = "".join(
        f"<record><![CDATA[<li><a href=\"{notice_path(n)}\">第{n}条</html></a></li></body></html>]]></record>"
        for n in range(1, 16))
    text = f"<html><body><script type=\"text/xml\"><datastore>{records}</datastore></script></body></html>"
    site = site_of("hanweb")
    page = adapter_for("hanweb")(text, f"{BASE}/col/col1/index.html", site, site.lists[0])
    assert linked(page) == [notice_path(n) for n in range(1, 16)]


def test_upper_case_and_spaced_end_tags_are_repaired_too():
    html = list_html([1, 2, 3, 4, 5]).replace("<li>", "</BODY ></HTML\n><li>", 2)
    site = site_of("generic")
    page = adapter_for("generic")(html, f"{BASE}/tzgg/index.html", site, site.lists[0])
    assert linked(page) == [notice_path(n) for n in [1, 2, 3, 4, 5]]


def test_blocked_check_reads_past_a_stray_end_tag():
    page = ("<html><head><title>提示</title></head><body><div>站点导航</div></html>"
            "<div class=\"msg\">访问过于频繁，请稍后再试</div></body></html>")
    assert "访问过于频繁" in visible_text(page)
    assert blocked_reason(200, page, visible_text(page)) == "rate_limited"


def test_empty_or_blank_pages_parse_to_nothing():
    site = site_of("generic")
    for text in ("", "   \n"):
        page = adapter_for("generic")(text, f"{BASE}/tzgg/index.html", site, site.lists[0])
        assert page.notices == [] and page.more == []
        assert visible_text(text) == ""


def test_fetched_html_is_parsed_in_one_place_only():
    """No module parses fetched HTML with lxml (or parsel) on its own: it would stop at the
    first stray end tag. The one parser is crawler.extract.repair.parse."""
    direct = re.compile(r"\b(?:fromstring|document_fromstring|fragment_fromstring|HTMLParser)\s*\("
                        r"|\bSelector\s*\(|\bresponse\.(?:xpath|css)\s*\(")
    allowed = {"crawler/extract/repair.py",  # the one parser
               # the XML inside DOCX and OFD files, not HTML
               "crawler/extract/attachments/office.py", "crawler/extract/attachments/ofd.py"}
    offenders = []
    for folder in ("crawler", "spiders"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in allowed or rel.startswith("crawler/demo/"):  # the demo serves, never parses
                continue
            offenders += [f"{rel}: {m[0]}" for m in direct.finditer(path.read_text(encoding="utf-8"))]
    assert not offenders, offenders


# -- a real crawl ------------------------------------------------------------------------------


def crawl(site: ListSite, folder: Path, *extra: str):
    registry = folder / "site.toml"
    registry.write_text(site.registry_toml(), encoding="utf-8")
    db = folder / "archive.db"
    result = run_cli("crawl", "listsite", "--db", str(db), "--quiet", *extra,
                     env={"GOVARCHIVE_REGISTRY": str(registry)}, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return db


def test_a_crawl_of_a_list_with_stray_end_tags_archives_every_notice(tmp_path):
    with ListSite(29, second_page=6) as site:
        site.stray_tags = True
        db = crawl(site, tmp_path)
        asked = set(site.paths())
    every = [notice_path(n) for n in range(1, 36)]
    assert [p for p in every if p not in asked] == []  # all 29 + the 6 of page two
    with sqlite3.connect(db) as conn:
        urls = {row[0].split("/", 3)[3] for row in conn.execute("SELECT url FROM notices")}
        run = conn.execute("SELECT list_pages, first_page_links, health, health_notes"
                           " FROM crawl_runs").fetchone()
        pages = dict(conn.execute("SELECT url, links FROM list_page_links").fetchall())
    assert {"/" + u for u in urls} == set(every)
    assert run[:3] == (2, 29, "ok"), run
    assert sorted(pages.values()) == [6, 29]  # each list page's links, kept for next time
