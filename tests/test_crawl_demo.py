"""A real crawl of the demo sites into a temporary archive.db, checked against the demo's truth.

The demo (crawler/demo) knows every notice it serves and what its record must be; the seed
pages' records come from tests/seeds/expected (the records the project was created to keep).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from hashlib import sha256
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import DEMO_SITES, crawl_demo

SEEDS = Path(__file__).parent / "seeds" / "expected"
SEED_PAGES = {  # seed id -> (demo key, path of its page on the demo)
    "000": ("hanweb", "/art/2020/1/29/art_11753_847716.html"),
    "001": ("mirror", "/afhzp/4267.html"),
    "002": ("mirror", "/Info/277071.aspx"),
    "003": ("trs", "/zxqk/bjgc/202003/t20200324_28946.html"),
    "004": ("united", "/html/2020/2-889-1.html"),
}
CHROME_MARKERS = ["ICP", "公网安备", "主办单位", "技术支持", "上一篇", "下一篇", "当前位置",
                  "您的位置", "点击:", "点击：", "字体:", "字体：", "Produced By"]
#: Flag names used by the seed records that the archive spells differently.
FLAG_ALIASES = {"pinyin_annotations": "pinyin_removed"}
#: Seed-record notes that describe content rather than damage; checked by what they ask for.
DESCRIPTIVE_FLAGS = {"image_captions", "trailing_attribution"}


def letters(text: str | None) -> str:
    """Text compared ignoring punctuation and whitespace (NFKC; ideographs, letters, digits)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text or "") if ch.isalnum())


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def notices_by_path(crawl, key: str) -> dict[str, sqlite3.Row]:
    rows = crawl.rows("SELECT * FROM notices WHERE site = ?", [DEMO_SITES[key]])
    return {path_of(row["url"]): row for row in rows}


# -- what was archived ---------------------------------------------------------------------


def test_every_demo_notice_is_archived_once(demo_crawl, demo_catalog):
    total = 0
    for key, site in demo_catalog.items():
        archived = notices_by_path(demo_crawl, key)
        assert sorted(archived) == sorted(n.path for n in site.notices), key
        total += len(archived)
    assert total == 267
    (count,) = demo_crawl.rows("SELECT count(*) FROM notices")[0]
    assert count == total


def test_crawl_runs_record_each_site(demo_crawl, demo_catalog):
    runs = {row["site"]: row for row in demo_crawl.rows("SELECT * FROM crawl_runs")}
    assert set(runs) == set(DEMO_SITES.values())
    for key, site in demo_catalog.items():
        run = runs[DEMO_SITES[key]]
        assert run["status"] == "finished" and run["finished"] >= run["started"]
        assert run["new"] == len(site.notices) and run["changed"] == run["unchanged"] == 0
        assert run["errors"] == len(site.missing)  # the 404s, nothing else
        assert run["requests"] > len(site.notices) and run["bytes"] > 0
    assert "267 new" in demo_crawl.result.stderr


def test_robots_txt_is_obeyed_and_fetched_once_per_site(demo_crawl, demo_catalog):
    for key, site in demo_catalog.items():
        asked = [r.path for r in demo_crawl.requests[key]]
        assert asked.count("/robots.txt") == 1, key
        assert site.disallowed and not set(site.disallowed) & set(asked), key
        assert not set(site.disallowed) & set(notices_by_path(demo_crawl, key))


def test_requests_name_the_archive(demo_crawl):
    agents = {r.user_agent for records in demo_crawl.requests.values() for r in records}
    assert agents and all(agent.startswith("govarchive/") for agent in agents), agents


def test_404s_and_redirects(demo_crawl, demo_catalog):
    for key, site in demo_catalog.items():
        archived = notices_by_path(demo_crawl, key)
        assert not set(site.missing) & set(archived)
        for old, new in site.redirects.items():
            assert new in archived and old not in archived


def test_lists_are_paged_to_the_end(demo_crawl, demo_catalog):
    for key, site in demo_catalog.items():
        asked = {r.path for r in demo_crawl.requests[key]}
        assert set(site.list_pages) <= asked, key
    posts = [r for r in demo_crawl.requests["hanweb"] if r.method == "POST"]
    assert len(posts) == len(demo_catalog["hanweb"].list_posts) >= 3
    assert all("dataproxy.jsp" in r.path for r in posts)


def test_javascript_list_is_rendered_in_a_browser(demo_crawl, demo_catalog):
    united = demo_catalog["united"]
    asked = [r.path for r in demo_crawl.requests["united"]]
    assert [p for p in asked if p.startswith("/api/column/900")], "the list's script never ran"
    js_notices = [n for n in united.notices if "-900-" in n.path]
    archived = notices_by_path(demo_crawl, "united")
    assert js_notices and all(n.path in archived for n in js_notices)


# -- what the records say ------------------------------------------------------------------


FIELDS = ("title", "subtitle", "published", "author", "source", "signed_by", "signed_date",
          "doc_number")


def test_records_match_the_demo_truth(demo_crawl, demo_catalog):
    wrong = []
    for key, site in demo_catalog.items():
        archived = notices_by_path(demo_crawl, key)
        for notice in site.notices:
            row = archived[notice.path]
            for field in FIELDS:
                want, got = getattr(notice, field), row[field]
                if field in ("title", "subtitle"):
                    want, got = letters(want) or None, letters(got) or None
                if want != got:
                    wrong.append((notice.path, field, want, got))
            if letters("".join(notice.body)) != letters(row["body"]):
                wrong.append((notice.path, "body", len(notice.body), row["body"][:80]))
            if (" > ".join(notice.channel) or None) != row["channel"]:
                wrong.append((notice.path, "channel", notice.channel, row["channel"]))
            if sorted(notice.flags) != sorted(json.loads(row["flags"])):
                wrong.append((notice.path, "flags", notice.flags, row["flags"]))
    assert not wrong, f"{len(wrong)} wrong fields, e.g. {wrong[:8]}"


def test_no_chrome_left_in_any_body(demo_crawl):
    for row in demo_crawl.rows("SELECT url, body FROM notices"):
        left = [m for m in CHROME_MARKERS if m in row["body"]]
        assert not left, (row["url"], left)


@pytest.mark.parametrize("seed", sorted(SEED_PAGES))
def test_seed_records(demo_crawl, seed):
    expected = json.loads(next(SEEDS.glob(f"{seed}_*.json")).read_text(encoding="utf-8"))
    key, path = SEED_PAGES[seed]
    row = notices_by_path(demo_crawl, key)[path]
    assert letters(row["body"]) == letters("".join(expected["body"]))
    for chrome in expected["chrome"]:
        assert letters(chrome) not in letters(row["body"]), chrome
    for field in ("published", "author", "source", "signed_by", "signed_date"):
        assert row[field] == expected[field], field
    if expected["title"]:
        assert letters(row["title"]) == letters(expected["title"])
    else:  # no headline in the text: the title comes from the list, and says so
        assert row["title"]
    assert letters(row["subtitle"]) == letters(expected["subtitle"])
    assert (row["channel"] or "") == " > ".join(expected["channel"])
    flags = set(json.loads(row["flags"]))
    for note in expected["flags"]:
        name = note.split(":")[0]
        if name not in DESCRIPTIVE_FLAGS:
            assert FLAG_ALIASES.get(name, name) in flags, name
    if expected.get("captions"):
        captions = [r["caption"] for r in demo_crawl.rows(
            "SELECT caption FROM images WHERE notice_id = ? ORDER BY position", [row["id"]])]
        assert [letters(c) for c in captions] == [letters(c) for c in expected["captions"]]


def test_gbk_page_keeps_characters_outside_gb2312(demo_crawl, demo_catalog):
    archived = notices_by_path(demo_crawl, "aspnet")
    rare = re.compile("[镕喆堃珺昇]")
    pages = [n for n in demo_catalog["aspnet"].notices if rare.search(n.title + "".join(n.body))]
    assert pages
    for notice in pages:
        row = archived[notice.path]
        assert rare.findall(row["title"] + row["body"]) == rare.findall(notice.title + "".join(notice.body))
        assert row["encoding"].startswith("gb18030")


def test_traditional_mirror_is_stored_simplified_with_the_original_kept(demo_crawl):
    row = notices_by_path(demo_crawl, "mirror")["/Info/277071.aspx"]
    assert "当前" in row["body"] and "當" not in row["body"]
    assert "dāng" not in row["body"] and "dāng" not in row["title"]
    # The original is the page verbatim, readings included: nothing the site printed is lost.
    assert row["body_original"].startswith("當(dāng)前")
    assert {"traditional_script", "pinyin_removed", "encoding_damage"} <= set(json.loads(row["flags"]))


def test_attachments_are_downloaded_and_kept_by_hash(demo_crawl, demo_catalog):
    served = {}
    for notice in demo_catalog["united"].notices:
        for name, path in notice.attachments:
            served[unquote(path)] = name
    rows = demo_crawl.rows(
        "SELECT a.*, f.size, f.path FROM attachments a JOIN files f ON f.sha256 = a.sha256")
    assert len(rows) == len(served) == 21  # 10 PDF and RTF-as-.doc files, 11 of every format
    for row in rows:
        assert row["name"] == served[unquote(path_of(row["url"]))]
        assert row["kind"] == row["name"].rsplit(".", 1)[1]  # the link's extension
        assert row["size"] > 0 and row["status"] == "stored"
        assert row["file_name"] and row["file_name"].rsplit(".", 1)[0] in row["name"]
        kept = demo_crawl.db.parent / row["path"]
        assert sha256(kept.read_bytes()).hexdigest() == row["sha256"]
        assert row["name"] not in row["path"]  # never a path built from the remote name


# -- re-crawl ------------------------------------------------------------------------------


def test_recrawl_adds_no_duplicates_and_asks_for_little(demo_server, tmp_path):
    db = tmp_path / "archive.db"
    first = crawl_demo(demo_server, db)
    second = crawl_demo(demo_server, db)
    (notices,) = second.rows("SELECT count(*) FROM notices")[0]
    (attachments,) = second.rows("SELECT count(*) FROM attachments")[0]
    (images,) = second.rows("SELECT count(*) FROM images")[0]
    (versions,) = second.rows("SELECT count(*) FROM notice_versions")[0]
    assert (notices, versions, attachments, images) == (267, 267, 21, 47)
    runs = second.rows("SELECT * FROM crawl_runs ORDER BY id")
    assert len(runs) == 10
    for run in runs[5:]:
        assert run["new"] == run["changed"] == 0 and run["mode"] == "incremental"
    before = sum(run["requests"] for run in runs[:5])
    after = sum(run["requests"] for run in runs[5:])
    assert after <= before * 0.05, (after, before)  # lists' first pages; robots.txt is cached
    asked = [r.path for records in second.requests.values() for r in records]
    assert "/robots.txt" not in asked
    assert len(asked) <= 0.05 * sum(len(records) for records in first.requests.values())


def test_datasette_serves_a_crawled_notice(demo_crawl):
    import asyncio

    from crawler.publish.serve import build_datasette

    row = notices_by_path(demo_crawl, "hanweb")["/art/2020/1/29/art_11753_847716.html"]

    async def fetch():
        ds = build_datasette(demo_crawl.db)
        data = (await ds.client.get(f"/archive/notices/{row['id']}.json?_shape=objects")).json()
        page = await ds.client.get(f"/-/notice/{row['id']}")
        return data, page

    data, page = asyncio.run(fetch())
    (record,) = data["rows"]
    assert record["title"] == row["title"] and record["site"] == "demo-lanzhou-zx"
    assert record["published"] == "2020-01-29T14:51:33"
    assert page.status_code == 200 and "鼠年伊始" in page.text and "政协兰州市委员会" in page.text
