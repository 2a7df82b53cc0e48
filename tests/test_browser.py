"""The archive as a person uses it: headless Chromium against ``govarchive serve`` on the demo.

Debian's Chromium (never Playwright's own download) is driven by Playwright's Python API; the
server is a real ``govarchive serve`` subprocess on a free port, serving the archive of the
demo crawl (the ``demo_crawl`` fixture). Every page fails the test if anything on it opens a
dialog (``alert``) or breaks the Content-Security-Policy. A failing test leaves a screenshot
in tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from tests.support.serving import free_port, serving

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("GOVARCHIVE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")

#: Notices whose title, subtitle, body, or an attachment's name or text contain a word: the
#: LIKE scan the search box must agree with, written out here independently of crawler.keep.search.
LIKE_COUNT = """
select count(*) from notices n
where n.title like :p or n.subtitle like :p or n.body like :p
   or exists (select 1 from attachments a left join files f on f.sha256 = a.sha256
              where a.notice_id = n.id and a.version = n.version
                and (a.name like :p or f.text like :p))
"""


def like_count(db: Path, word: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(LIKE_COUNT, {"p": f"%{word}%"}).fetchone()[0]


@pytest.fixture(scope="module")
def archive(demo_crawl) -> Path:
    return demo_crawl.db


@pytest.fixture(scope="module")
def base_url(archive):
    port = free_port()
    with serving(["-m", "crawler.run.cli", "serve", "--db", str(archive), "--port", str(port)],
                 port) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def page(browser, request):
    """A fresh page that records dialogs and CSP violations; screenshots a failed test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.csp_errors = []

    def on_dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("console", lambda msg: tab.csp_errors.append(msg.text)
           if msg.type == "error" and "Content Security Policy" in msg.text else None)
    tab.set_default_timeout(10_000)
    failed_before = request.session.testsfailed
    yield tab
    if request.session.testsfailed > failed_before:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not tab.dialogs, f"a dialog opened: {tab.dialogs}"
    assert not tab.csp_errors, f"Content-Security-Policy violations: {tab.csp_errors}"


def shown_count(text: str) -> int:
    return int(re.search(r"([\d,]+)\s+rows?", text).group(1).replace(",", ""))


def test_search_box_finds_what_like_finds(page, base_url, archive):
    page.goto(f"{base_url}/archive/notices")
    page.fill("#_search", "疫情")
    page.press("#_search", "Enter")
    page.wait_for_url(re.compile(r"_search="))
    heading = page.locator("h3", has_text="rows where search matches").inner_text()
    assert shown_count(heading) == like_count(archive, "疫情") > 0
    first = page.locator("td.col-title a.ga-title").first
    assert first.is_visible()


def test_open_a_notice_and_read_its_paragraphs_and_captions(page, base_url, archive):
    with sqlite3.connect(archive) as conn:
        notice_id, caption = conn.execute(
            "select n.id, i.caption from notices n join images i on i.notice_id = n.id"
            " and i.version = n.version where i.caption is not null and i.src like 'http%'"
            " and instr(n.body, i.caption) and n.title not like '%<%' order by n.id limit 1"
        ).fetchone()
        paragraphs = [p.strip() for p in conn.execute(
            "select body from notices where id = ?", [notice_id]).fetchone()[0].split("\n")
            if p.strip()]
        captions = {row[0] for row in conn.execute(  # a notice may show several images
            "select i.caption from images i join notices n on n.id = i.notice_id"
            " and n.version = i.version where n.id = ? and i.caption is not null", [notice_id])}
    page.goto(f"{base_url}/archive/notices?id={notice_id}")
    page.locator("td.col-title a.ga-title").click()
    page.wait_for_url(re.compile(rf"/-/notice/{notice_id}$"))
    printed = page.locator(".ga-body p").all_inner_texts()
    # each caption paragraph became a figure; every other paragraph is printed, in order
    assert [p for p in paragraphs if p not in captions] == [p.strip() for p in printed]
    assert len(printed) < len(paragraphs)
    figure = page.locator("figure.ga-figure figcaption", has_text=caption)
    assert figure.is_visible()
    assert page.locator("h1.ga-title").is_visible()
    assert page.get_by_text("Archive record").is_visible()


def test_click_a_facet(page, base_url):
    page.goto(f"{base_url}/archive/notices")
    link = page.locator("#facet-site li a").first
    label = link.inner_text()  # the site's organisation: sites is labelled by it
    count = int(link.locator("xpath=..").inner_text().rsplit(" ", 1)[1].replace(",", ""))
    link.click()
    page.wait_for_url(re.compile(r"[?&]site="))
    site = re.search(r"[?&]site=([^&]+)", page.url).group(1)
    heading = page.locator("h3", has_text="rows where").inner_text()
    assert shown_count(heading) == count and f'site = "{site}"' in heading
    assert page.locator("#facet-site li", has_text=label).is_visible()  # selected, with its ✖
    sites = set(page.locator("td.col-site").all_inner_texts())
    assert len(sites) == 1


def test_ranked_search_page(page, base_url, archive):
    page.goto(f"{base_url}/")
    page.fill("#ga-q", "倡议书")
    page.press("#ga-q", "Enter")
    page.wait_for_url(re.compile(r"/-/search\?q="))
    total = int(page.locator("#ga-count strong").inner_text().replace(",", ""))
    assert total == like_count(archive, "倡议书") > 0
    results = page.locator("li.ga-result")
    assert results.count() == min(total, 20)
    assert results.first.locator("a.ga-result-title mark").inner_text() == "倡议书"
    page.select_option("select[name=site]", index=1)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"site="))
    assert int(page.locator("#ga-count strong").inner_text()) <= total


def test_xss_payloads_stay_inert(page, base_url, archive):
    with sqlite3.connect(archive) as conn:
        notice_id, title = conn.execute(
            "select id, title from notices where title like '%<script>%'").fetchone()
    page.goto(f"{base_url}/-/notice/{notice_id}")
    assert page.locator("h1.ga-title").inner_text() == title  # the markup, as text
    assert page.get_by_text("<img src=x onerror=alert(1)>", exact=False).first.is_visible()
    assert page.locator("figcaption", has_text="<svg onload=alert(2)>").is_visible()
    assert page.locator(".ga-attachments", has_text='"><script>alert(3)</script>.pdf').is_visible()
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("img[onerror], svg[onload]").count() == 0
    inline = page.evaluate("[...document.scripts].filter(s => !s.src).map(s => s.text)")
    assert len(inline) == 1 and "details" in inline[0]  # Datasette's own menu script only
    for path in ["/archive/notices?_search=%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81",
                 "/-/search?q=%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81",
                 "/-/search?q=script", f"/archive/notices/{notice_id}",
                 f"/-/notice/{notice_id}/archived/1"]:
        page.goto(f"{base_url}{path}")
        assert page.locator("img[onerror], svg[onload]").count() == 0, path
    page.goto(f"{base_url}/-/search?q=script")
    assert page.locator("a.ga-result-title").first.inner_text() == title
    page.goto(f"{base_url}/-/notice/{notice_id}/archived/1")
    assert "<!DOCTYPE html>" in page.locator("pre.ga-archived-body").inner_text()  # as text
    # any dialog or Content-Security-Policy violation on these pages fails in the fixture
