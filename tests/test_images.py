"""Images are archived like attachments and shown from the archive: a notice page never makes
the reader's browser ask the original site (or any other host) for anything.

A real crawl of the demo sites (conftest's ``demo_crawl``) stores the images; ``govarchive
serve`` (a real process) shows notice pages whose every ``<img>`` points at the archive, under
a Content-Security-Policy that allows images from the archive only.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from crawler.demo.assets import png
from crawler.items import Image, Notice
from crawler.keep import Archive
from crawler.navigate.registry import ColumnList, Site
from tests.conftest import crawl_demo
from tests.support.serving import free_port, serving

#: Attributes through which HTML makes a browser fetch something by itself.
FETCHING = re.compile(r'<(?:img|source|video|audio|iframe|embed|script|input)\b[^>]*?\s'
                      r'(?:src|srcset|poster|data)\s*=\s*"([^"]*)"', re.I)


def served(db: Path):
    port = free_port()
    return serving(["-m", "crawler.run.cli", "serve", "--db", str(db), "--port", str(port)], port)


def fetched_by_browser(html: str) -> list[str]:
    """Addresses a browser would load by itself for this page (images, frames, scripts…)."""
    found = FETCHING.findall(html)
    found += re.findall(r'<link\b[^>]*\shref\s*=\s*"([^"]*)"', html, re.I)
    found += re.findall(r"url\(\s*['\"]?([^'\")]+)", html, re.I)
    return found


def test_demo_crawl_archives_images_once_per_content(demo_crawl):
    images = demo_crawl.rows(
        "select i.*, f.path, f.content_type, f.size from images i"
        " left join files f on f.sha256 = i.sha256")
    assert images, "the demo's notices show images"
    stored = [r for r in images if r["status"] == "stored"]
    assert len(stored) == len(images), [dict(r) for r in images if r["status"] != "stored"][:3]
    for row in stored:
        body = (demo_crawl.db.parent / row["path"]).read_bytes()
        assert hashlib.sha256(body).hexdigest() == row["sha256"]
        assert row["content_type"].startswith("image/") and row["size"] == len(body)
    # each image address was asked for once, whatever the number of versions showing it
    asked = [r.path for key in demo_crawl.requests for r in demo_crawl.requests[key]
             if re.search(r"\.(jpe?g|png|gif)$", r.path.split("?")[0], re.I)]
    assert asked and len(asked) == len(set(asked))


def test_images_without_a_copy_are_asked_for_on_the_next_run(demo_crawl, demo_server,
                                                           tmp_path):
    """A crawl stopped before an image's turn (kill -9) leaves it waiting; the next run asks
    for it although its notice has not changed (and asks for no image it holds)."""
    copy = tmp_path / "archive.db"
    with sqlite3.connect(demo_crawl.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:
        waiting = [r[0] for r in conn.execute(
            "select distinct src from images order by id limit 3")]
        conn.execute(f"update images set sha256 = null, status = 'pending', fetched_at = null"
                     f" where src in ({','.join('?' * len(waiting))})", waiting)
    again = crawl_demo(demo_server, copy)
    with sqlite3.connect(copy) as conn:
        left = conn.execute("select count(*) from images where sha256 is null").fetchone()[0]
        assert left == 0
    asked = {urlparse(r.path).path for key in again.requests for r in again.requests[key]
             if re.search(r"\.(jpe?g|png|gif)$", r.path.split("?")[0], re.I)}
    assert asked == {urlparse(src).path for src in waiting}


def test_notice_pages_show_only_the_archives_copies(demo_crawl):
    notice_ids = [r["notice_id"] for r in demo_crawl.rows(
        "select distinct i.notice_id from images i join notices n on n.id = i.notice_id"
        " and n.version = i.version order by i.notice_id")]
    assert notice_ids
    with served(demo_crawl.db) as base:
        host = urlparse(base).netloc
        shown = 0
        for notice_id in notice_ids:
            page = httpx.get(f"{base}/-/notice/{notice_id}", timeout=10)
            assert page.status_code == 200
            policy = page.headers["content-security-policy"]
            img_src = re.search(r"img-src ([^;]*)", policy).group(1).split()
            assert img_src == ["'self'", "data:"], policy
            for address in fetched_by_browser(page.text):
                target = urlparse(address)
                assert not target.netloc or target.netloc == host, (notice_id, address)
            for src in re.findall(r'<img\b[^>]*\ssrc="([^"]*)"', page.text):
                assert src.startswith("/-/image/"), src
                image = httpx.get(f"{base}{src}", timeout=10)
                assert image.status_code == 200
                assert image.headers["content-type"].startswith("image/")
                assert image.headers["x-content-type-options"] == "nosniff"
                image_id = int(src.rsplit("/", 1)[1])
                path = demo_crawl.rows("select f.path from images i join files f"
                                       " on f.sha256 = i.sha256 where i.id = ?", [image_id])[0][0]
                assert image.content == (demo_crawl.db.parent / path).read_bytes()
                shown += 1
        assert shown >= len(notice_ids)


SITE = Site(
    name="gov-test", organisation="测试市人民政府", province="浙江省", city="测试市",
    org_type="政府", cms="generic", home_url="https://www.test.gov.cn/",
    lists=(ColumnList(url="https://www.test.gov.cn/tzgg/index.html"),),
)
KEPT = "https://www.test.gov.cn/uploads/kept.png"
WAITING = "https://cdn.example.net/uploads/waiting.jpg"
FAILED = "https://www.test.gov.cn/uploads/gone.jpg"


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("images") / "archive.db"
    archive = Archive(path)
    archive.upsert_site(SITE)
    archive.notices.store(SITE, Notice(
        url="https://www.test.gov.cn/tzgg/1.html", title="关于防汛工作的通知",
        body=["各单位：", "图为现场", "图为会场", "图为旧址", "特此通知。"],
        images=[Image(KEPT, "图为现场"), Image(WAITING, "图为会场"), Image(FAILED, "图为旧址")]))
    archive.files.keep_image(KEPT, png(8, 8, (0, 90, 200)), "image/png")
    archive.files.image_failed(FAILED, "http_404")
    # a changed notice keeps the copy of an image it still shows: it is not fetched again
    archive.notices.store(SITE, Notice(
        url="https://www.test.gov.cn/tzgg/1.html", title="关于防汛工作的通知（更正）",
        body=["各单位：", "图为现场", "图为会场", "图为旧址", "特此通知。"],
        images=[Image(KEPT, "图为现场"), Image(WAITING, "图为会场"), Image(FAILED, "图为旧址")]))
    archive.close()
    return path


def test_images_not_archived_are_their_address_as_text(small_archive):
    with served(small_archive) as base:
        page = httpx.get(f"{base}/-/notice/1", timeout=10).text
        loads = fetched_by_browser(page)
        assert all(not urlparse(a).netloc for a in loads), loads
        assert len(re.findall(r'<img\b[^>]*\ssrc="/-/image/\d+"', page)) == 1
        for address in (WAITING, FAILED):
            assert f'"{address}"' not in page  # in no attribute: neither loaded nor a link
        assert f"image not archived yet 图片尚未存档: {WAITING}]" in page
        first = httpx.get(f"{base}/-/notice/1?version=1", timeout=10).text
        assert f"image not archived (http_404) 图片未能存档: {FAILED}]" in first
        assert len(re.findall(r'<img\b[^>]*\ssrc="/-/image/\d+"', first)) == 1
        rows = httpx.get(f"{base}/archive/images.json?_shape=objects&version=2",
                         timeout=10).json()["rows"]
        by_src = {r["src"]: r for r in rows}
        assert by_src[KEPT]["status"] == "stored" and by_src[KEPT]["sha256"]
        assert by_src[WAITING]["status"] == "pending" and by_src[FAILED]["status"] == "pending"


def test_an_archive_from_before_image_copies_is_still_served(small_archive, tmp_path):
    """The server only reads: an archive whose images table predates the copies (until its
    next crawl adds the columns) shows its notices, images as their addresses."""
    old = tmp_path / "archive.db"
    with sqlite3.connect(small_archive) as source, sqlite3.connect(old) as target:
        source.backup(target)
    with sqlite3.connect(old) as conn:
        conn.executescript(
            "CREATE TABLE images_before (id INTEGER PRIMARY KEY, notice_id INTEGER,"
            " version INTEGER, position INTEGER, src TEXT, caption TEXT, alt TEXT);"
            "INSERT INTO images_before SELECT id, notice_id, version, position, src, caption,"
            " alt FROM images;"
            "DROP TABLE images; ALTER TABLE images_before RENAME TO images;")
    with served(old) as base:
        page = httpx.get(f"{base}/-/notice/1", timeout=10)
        assert page.status_code == 200
        assert f"image not archived yet 图片尚未存档: {KEPT}]" in page.text
        assert "<img" not in page.text
        assert httpx.get(f"{base}/-/image/1", timeout=10).status_code == 404
