"""The demo's mirror (a content farm reposting 天长先锋网 in Traditional script) after a real
crawl: every repost is linked to its original on the issuing body's site, with the reason.

Reads the session's crawl of the demo (tests/conftest.py), not a crawl of its own.
"""

from __future__ import annotations

from crawler.demo.content import s2t, t2s
from tests.conftest import DEMO_SITES
from tests.test_crawl_demo import notices_by_path, path_of

MIRROR, ORIGINALS = DEMO_SITES["mirror"], DEMO_SITES["aspnet"]


def _truth(demo_catalog) -> dict[str, str]:
    """Mirror repost path -> the aspnet notice it reposts: the same day, and the title the
    farm's Traditional conversion (and the archive's conversion back) makes of it."""
    originals = {}
    for notice in demo_catalog["aspnet"].notices:
        originals.setdefault((t2s(s2t(notice.title)), str(notice.published)[:10]), []).append(notice.path)
    truth = {}
    for notice in demo_catalog["mirror"].notices:
        if notice.path.startswith("/Info/"):
            found = originals.get((notice.title, str(notice.published)[:10]), [])
            assert len(found) == 1, notice.title
            truth[notice.path] = found[0]
    return truth


def test_every_mirror_repost_is_linked_to_its_original(demo_crawl, demo_catalog):
    truth = _truth(demo_catalog)
    assert len(truth) >= 30
    mirror = notices_by_path(demo_crawl, "mirror")
    aspnet = {row["id"]: path for path, row in notices_by_path(demo_crawl, "aspnet").items()}
    links = {r["notice_id"]: r for r in demo_crawl.rows("SELECT * FROM copies")}
    for path, original_path in truth.items():
        link = links.get(mirror[path]["id"])
        assert link is not None, f"{path} is linked to nothing"
        assert link["role"] == "copy"
        assert aspnet.get(link["cluster"]) == original_path, path
        original = links[link["cluster"]]
        assert original["role"] == "original"
        assert original["reason"] in ("issuer_site", "official_site"), original
        assert original["evidence"]


def test_only_reposts_are_linked(demo_crawl, demo_catalog):
    truth = _truth(demo_catalog)
    rows = demo_crawl.rows("SELECT c.role, n.site, n.url FROM copies c JOIN notices n ON n.id = c.notice_id")
    copies = {path_of(r["url"]) for r in rows if r["role"] == "copy"}
    assert copies == set(truth)  # the farm's other column copies nothing archived here
    assert {r["site"] for r in rows if r["role"] == "original"} == {ORIGINALS}
    assert {r["site"] for r in rows if r["role"] == "copy"} == {MIRROR}


def test_the_seed_repost_names_why_its_original_is_the_original(demo_crawl):
    seed = notices_by_path(demo_crawl, "mirror")["/Info/277071.aspx"]
    row = demo_crawl.rows(
        "SELECT o.reason, o.evidence, n.site FROM copies c JOIN copies o ON o.notice_id = c.cluster"
        " JOIN notices n ON n.id = c.cluster WHERE c.notice_id = ?", [seed["id"]])
    assert row and row[0]["site"] == ORIGINALS
    assert row[0]["reason"] == "issuer_site" and "中共天长市委组织部" in row[0]["evidence"]


def test_search_shows_no_two_copies_of_one_notice(demo_crawl):
    import asyncio
    import re
    from urllib.parse import quote

    from crawler.publish.serve import build_datasette

    ds = build_datasette(demo_crawl.db)
    cluster = {r["notice_id"]: r["cluster"] for r in demo_crawl.rows("SELECT * FROM copies")}
    shown, page = [], 1
    while True:
        html = asyncio.run(ds.client.get(f"/-/search?q={quote('疫情')}&page={page}")).text
        ids = [int(i) for i in re.findall(r'class="ga-result-title" href="/-/notice/(\d+)"', html)]
        shown += ids
        if 'rel="next"' not in html:
            break
        page += 1
    folded = [cluster.get(i, i) for i in shown]
    assert len(folded) == len(set(folded))
    assert any(i in cluster for i in shown)  # copies matched, and were folded
    expected = len(demo_crawl.rows(
        "SELECT DISTINCT coalesce(c.cluster, n.id) FROM notices n LEFT JOIN copies c"
        " ON c.notice_id = n.id WHERE n.title LIKE '%疫情%' OR n.subtitle LIKE '%疫情%'"
        " OR n.body LIKE '%疫情%' OR n.id IN (SELECT a.notice_id FROM attachments a"
        " JOIN notices m ON m.id = a.notice_id AND m.version = a.version"
        " LEFT JOIN files f ON f.sha256 = a.sha256 WHERE a.name LIKE '%疫情%' OR f.text LIKE '%疫情%')"))
    assert len(shown) == expected
