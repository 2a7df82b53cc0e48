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
