"""Copies of a notice: planted copies with edits, written into a real archive through the
single writer, then read back as clusters, originals with their reasons, parts and diffs —
from SQLite, and from Datasette over HTTP (the notice page, folded search, feeds).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from lxml import etree
from opencc import OpenCC

from crawler.extract import extract_notice
from crawler.items import FetchedNotice, ListHint, Notice
from crawler.keep import copies
from crawler.keep.writer import ArchiveWriter
from crawler.navigate.registry import ColumnList, Site
from tests.support.serving import free_port, serving


def _site(name: str, organisation: str, org_type: str, home: str) -> Site:
    return Site(name=name, organisation=organisation, province="安徽省", city="合肥市",
                org_type=org_type, cms="generic", home_url=home,
                lists=(ColumnList(url=home + "list.html", channel=("通知公告",)),))


SITES = {s.name: s for s in (
    _site("gov-province", "安徽省人民政府办公厅", "政府", "https://www.ah.gov.cn/"),
    _site("zx-city", "政协合肥市委员会", "政协", "https://www.hfzx.gov.cn/"),
    _site("farm-a", "今日资讯网", "其他", "https://news-farm.example/"),
    _site("farm-b", "繁体转载站", "其他", "https://trad-farm.example/"),
)}

TITLE = "安徽省人民政府办公厅关于做好2024年春季森林防火工作的通知"
BODY = [
    "各市、县人民政府，省政府各部门、各直属机构：",
    "当前正值春季森林防火紧要期，全省气温回升快、降水偏少，林区可燃物载量大，森林火灾风险持续走高。",
    "为切实做好春季森林防火工作，保护森林资源和人民群众生命财产安全，经省政府同意，现就有关事项通知如下。",
    "一、压实防火责任。各地要严格落实地方行政首长负责制，层层签订责任书，确保每个山头地块都有专人负责。",
    "二、严格火源管控。3月15日至4月30日全省进入森林防火戒严期，严禁在林区及周边500米范围内野外用火。",
    "三、加强巡护检查。各地要组织护林员每日巡山不少于2次，重点时段加密至4次，发现隐患立即处置。",
    "四、做好应急准备。各级森林消防队伍要24小时备勤，储备扑火物资不少于上年的120%。",
    "五、强化宣传教育。要通过广播、短信、宣传车等方式，把防火要求送到每家每户，提高群众防火意识。",
    "安徽省人民政府办公厅",
    "2024年3月1日",
]
ORIGINAL = Notice(url="https://www.ah.gov.cn/art/2024/3/1/art_1_9001.html", title=TITLE,
                  published="2024-03-01", signed_by="安徽省人民政府办公厅", signed_date="2024-03-01",
                  channel=["通知公告"], body=BODY)
#: 转发 by a city: one sentence left out, its own 来源 line naming the province.
SENTENCE_REMOVED = Notice(url="https://www.hfzx.gov.cn/tzgg/2024/0303/1.html",
                          title="转发" + TITLE, published="2024-03-03",
                          source="安徽省人民政府办公厅", channel=["通知公告"],
                          body=BODY[:5] + BODY[6:])
#: A content farm, same day, the numbers changed.
NUMBERS_CHANGED = Notice(url="https://news-farm.example/a/777.html", title=TITLE,
                         published="2024-03-01", body=[
                             p.replace("3月15日", "3月20日").replace("500米", "300米")
                             .replace("120%", "150%") for p in BODY])
#: An unrelated notice of the same kind: many of the same sentences, another subject.
OTHER_TOPIC = Notice(url="https://www.ah.gov.cn/art/2024/3/9/art_1_9002.html",
                     title="安徽省人民政府办公厅关于做好2024年春季农业生产工作的通知",
                     published="2024-03-09", signed_by="安徽省人民政府办公厅", body=[
                         BODY[0],
                         "当前正值春耕备耕关键时期，各地要抓住有利时机，全力以赴抓好春季农业生产。",
                         "为切实做好春季农业生产工作，确保粮食稳产增产，经省政府同意，现就有关事项通知如下。",
                         "一、稳定粮食面积。各地要把粮食播种面积分解到县、落实到乡村和地块。",
                         "二、抓好农资保供。要加强种子、化肥、农药等农资市场监管，严厉打击假冒伪劣。",
                         "三、强化科技服务。组织农技人员下沉一线，开展技术指导，推广良种良法。",
                         BODY[-2], "2024年3月9日"])
#: A digest page of the farm: two other items, then the whole notice under its headline.
DIGEST = Notice(url="https://news-farm.example/a/800.html", title="今日政务要闻汇总（3月2日）",
                published="2024-03-02", body=[
                    "本市召开优化营商环境推进会，会议听取了各区工作汇报，研究部署下一阶段重点任务，要求各区对照问题清单逐项销号。",
                    "市图书馆新馆正式开放，新馆总建筑面积3.2万平方米，设有阅览座位1800个，馆藏图书超过200万册，欢迎市民前往。",
                    "全市中小学开展春季开学安全大检查，重点检查校舍安全、食品安全、消防安全等内容，确保师生平安。",
                    "交通部门发布清明假期出行提示，预计高速公路车流量将同比增长15%，请广大司机朋友错峰出行、文明驾驶。",
                    TITLE, *BODY,
                    "气象部门预计未来一周全省以晴好天气为主，气温逐步回升，最高气温可达25摄氏度，请注意防范森林火险。",
                ])


def _traditional_copy() -> Notice:
    """The notice as a Traditional-script page, read by the real extractor."""
    s2t = OpenCC("s2t").convert
    html = ("<html><head><meta charset='utf-8'><title>" + s2t(TITLE) + "</title></head><body>"
            "<div class='article'><h1>" + s2t(TITLE) + "</h1><div class='info'>發布時間：2024-03-02</div>"
            + "".join(f"<p>{s2t(p)}</p>" for p in BODY) + "</div></body></html>")
    url = "https://trad-farm.example/Info/31337.aspx"
    return extract_notice(html.encode("utf-8"), url, ListHint(url=url, title=s2t(TITLE)))


def write(db: Path, planted: list[tuple[str, Notice]]) -> None:
    """Through the crawl's single writer, as a crawl keeps what it fetched."""
    writer = ArchiveWriter(str(db), SITES)
    for site, notice in planted:
        writer.write(FetchedNotice(site=site, notice=notice))
    writer.finish("finished", lambda site, key: 0)


@pytest.fixture(scope="module")
def traditional() -> Notice:
    return _traditional_copy()


@pytest.fixture(scope="module")
def archive(tmp_path_factory, traditional) -> Path:
    db = tmp_path_factory.mktemp("copies") / "archive.db"
    # the farm's copy arrives first, the original later: arrival order must not matter
    write(db, [("farm-a", NUMBERS_CHANGED), ("gov-province", OTHER_TOPIC),
               ("farm-b", traditional), ("farm-a", DIGEST)])
    write(db, [("gov-province", ORIGINAL), ("zx-city", SENTENCE_REMOVED)])
    return db


def rows(db: Path, sql: str, params=()) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def ids(db: Path) -> dict[str, int]:
    return {r["url"]: r["id"] for r in rows(db, "SELECT id, url FROM notices")}


def test_the_traditional_copy_is_stored_simplified(traditional):
    assert "traditional_script" in traditional.flags
    assert traditional.body[1] == BODY[1]


def test_planted_copies_form_one_cluster_with_the_issuers_original(archive, traditional):
    n = ids(archive)
    found = {r["notice_id"]: r for r in rows(archive, "SELECT * FROM copies")}
    cluster = {n[x.url] for x in (ORIGINAL, SENTENCE_REMOVED, NUMBERS_CHANGED, traditional)}
    assert set(found) == cluster
    assert {r["cluster"] for r in found.values()} == {n[ORIGINAL.url]}
    original = found[n[ORIGINAL.url]]
    assert original["role"] == "original" and original["reason"] == "issuer_site"
    assert "安徽省人民政府办公厅" in original["evidence"]
    for url in (SENTENCE_REMOVED.url, NUMBERS_CHANGED.url):
        row = found[n[url]]
        assert row["role"] == "copy" and row["changed"] == 1
        assert 0.7 <= row["jaccard"] < 1.0
    same = found[n[traditional.url]]  # the same words in another script: no change
    assert same["role"] == "copy" and same["changed"] == 0 and same["jaccard"] == 1.0


def test_a_notice_of_the_same_kind_on_another_subject_is_no_copy(archive):
    n = ids(archive)
    assert not rows(archive, "SELECT * FROM copies WHERE notice_id = ?", [n[OTHER_TOPIC.url]])
    assert not rows(archive, "SELECT * FROM copy_parts WHERE ? IN (page_id, notice_id)",
                    [n[OTHER_TOPIC.url]])


def test_a_page_that_embeds_the_notice_contains_it_and_is_no_copy(archive):
    n = ids(archive)
    parts = rows(archive, "SELECT * FROM copy_parts WHERE page_id = ?", [n[DIGEST.url]])
    inside = {r["notice_id"] for r in parts}
    assert n[ORIGINAL.url] in inside
    assert all(r["containment"] >= copies.CONTAINED for r in parts)
    assert not rows(archive, "SELECT * FROM copies WHERE notice_id = ?", [n[DIGEST.url]])


def test_signatures_and_bands_are_kept_for_the_next_notice(archive):
    kept = rows(archive, "SELECT notice_id, shingles, length(minhash) AS size FROM copy_signatures")
    assert len(kept) == 6 and {r["size"] for r in kept} == {copies.NUM_PERM * 4}
    bands = rows(archive, "SELECT count(*) AS c, count(DISTINCT notice_id) AS n FROM copy_bands")
    assert bands[0]["c"] == 6 * copies.BANDS and bands[0]["n"] == 6


def test_a_copy_rewritten_into_another_text_leaves_its_cluster(tmp_path):
    db = tmp_path / "archive.db"
    write(db, [("gov-province", ORIGINAL), ("farm-a", NUMBERS_CHANGED)])
    assert len(rows(db, "SELECT * FROM copies")) == 2
    write(db, [("farm-a", replace(NUMBERS_CHANGED, title=OTHER_TOPIC.title, body=OTHER_TOPIC.body))])
    assert rows(db, "SELECT * FROM copies") == []
    write(db, [("farm-a", NUMBERS_CHANGED)])  # and back: a copy again
    assert {r["role"] for r in rows(db, "SELECT role FROM copies")} == {"original", "copy"}


# -- which copy is the original, test by test ------------------------------------------------


def _row(i: int, site: str, **fields) -> dict:
    return {"id": i, "site": site, "organisation": fields.pop("organisation", site),
            "org_type": "其他", "home_url": None, "published": "2024-03-01",
            "first_seen": f"2024-03-0{i}T00:00:00Z", "title": TITLE, "body": "", **fields}


def test_the_original_is_chosen_by_evidence_in_order():
    pick = copies.choose_original
    # an official site over a content farm
    assert pick({1: _row(1, "farm"), 2: _row(2, "gov", org_type="政府")})[:2] == (2, "official_site")
    # the earliest publication, when no site is official
    assert pick({1: _row(1, "a", published="2024-03-05"),
                 2: _row(2, "b", published="2024-03-02")})[:2] == (2, "earliest")
    # a copy's 来源 line naming the other site
    assert pick({1: _row(1, "a", organisation="甲报"),
                 2: _row(2, "b", organisation="乙网", body="正文。\n来源：甲报")})[:2] \
        == (1, "named_as_source")
    # the other copy says it is 转发
    assert pick({1: _row(1, "a", title="转发" + TITLE), 2: _row(2, "b")})[:2] \
        == (2, "not_forwarded")
    # nothing sets them apart: the one archived first
    assert pick({1: _row(1, "a"), 2: _row(2, "b")})[:2] == (1, "first_archived")


# -- Datasette over HTTP: "also published at", the copy's diff, folded search, feeds --------


@pytest.fixture(scope="module")
def served(archive):
    port = free_port()
    with serving(["-m", "crawler.run.cli", "serve", "--db", str(archive), "--port", str(port)],
                 port) as base:
        yield base


def test_the_notice_page_says_where_else_it_was_published(archive, served, traditional):
    n = ids(archive)
    html = httpx.get(f"{served}/-/notice/{n[ORIGINAL.url]}").text
    section = html[html.index('id="copies"'):]
    section = section[:section.index("</section>")]
    assert "This is the <strong>original</strong>" in section
    assert "issuing body&#39;s own site" in section
    for site in ("政协合肥市委员会", "今日资讯网", "繁体转载站"):
        assert site in section
    assert "2024-03-03" in section  # the city's copy, with its date
    assert f'href="/-/copies/{n[ORIGINAL.url]}/{n[NUMBERS_CHANGED.url]}"' in section
    assert f'href="/-/copies/{n[ORIGINAL.url]}/{n[traditional.url]}"' not in section  # same text
    assert "今日政务要闻汇总" in section  # the digest that prints it
    copy = httpx.get(f"{served}/-/notice/{n[SENTENCE_REMOVED.url]}").text
    assert "This is a <strong>copy</strong>" in copy and "original 原始发布" in copy
    digest = httpx.get(f"{served}/-/notice/{n[DIGEST.url]}").text
    assert "This page carries other notices in it" in digest and TITLE in digest


def test_the_diff_shows_what_each_copy_changed(archive, served):
    n = ids(archive)
    numbers = httpx.get(f"{served}/-/copies/{n[ORIGINAL.url]}/{n[NUMBERS_CHANGED.url]}").text
    for old, new in (("15", "20"), ("5", "3"), ("2", "5")):
        assert f"<del>{old}</del><ins>{new}</ins>" in numbers
    removed = httpx.get(f"{served}/-/copies/{n[ORIGINAL.url]}/{n[SENTENCE_REMOVED.url]}").text
    assert f'<p class="ga-diff-removed"><del>{BODY[5]}</del></p>' in removed
    assert "<ins>转发</ins>" in removed  # the title it changed
    assert "<del>—</del> → <ins>安徽省人民政府办公厅</ins>" in removed  # its 来源 line
    assert httpx.get(f"{served}/-/copies/{n[ORIGINAL.url]}/999999").status_code == 404


def test_search_folds_copies_into_one_result(archive, served):
    n = ids(archive)
    cluster = {r["notice_id"] for r in rows(archive, "SELECT notice_id FROM copies")}
    html = httpx.get(f"{served}/-/search", params={"q": "森林防火"}).text
    shown = {int(i) for i in re.findall(r'class="ga-result-title" href="/-/notice/(\d+)"', html)}
    assert len(shown & cluster) == 1 and n[ORIGINAL.url] in shown  # the original stands for all
    assert "4 copies 转载" in html
    assert "<strong>5</strong> notices match" in html and "3 results" not in html
    assert "2 results" in html  # the cluster, and the digest that prints it
    every = httpx.get(f"{served}/-/search", params={"q": "森林防火", "fold": "0"}).text
    assert cluster <= {int(i) for i in re.findall(
        r'class="ga-result-title" href="/-/notice/(\d+)"', every)}


def _atom(response: httpx.Response) -> etree._Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{{{ATOM}}}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{{{ATOM}}}{tag}").text
    for entry in feed.iter(f"{{{ATOM}}}entry"):
        for tag in ("id", "title", "updated"):
            assert entry.find(f"{{{ATOM}}}{tag}").text, tag
        assert entry.find(f"{{{ATOM}}}link[@rel='alternate']").get("href").startswith("http")
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", entry.find(f"{{{ATOM}}}updated").text)
    return feed


def _titles(feed) -> list[str]:
    return [e.find(f"{{{ATOM}}}title").text for e in feed.iter(f"{{{ATOM}}}entry")]


ATOM = "http://www.w3.org/2005/Atom"


def test_atom_feeds_per_site_channel_and_saved_search(archive, served):
    site = _atom(httpx.get(f"{served}/-/feeds/site/gov-province.atom"))
    assert sorted(_titles(site)) == sorted([ORIGINAL.title, OTHER_TOPIC.title])
    assert site.find(f"{{{ATOM}}}title").text.startswith("安徽省人民政府办公厅")
    channel = _atom(httpx.get(f"{served}/-/feeds/channel.atom",
                              params={"site": "zx-city", "channel": "通知公告"}))
    assert _titles(channel) == [SENTENCE_REMOVED.title]
    saved = _atom(httpx.get(f"{served}/-/feeds/search.atom",
                            params={"q": "农业生产", "site": "gov-province"}))
    assert _titles(saved) == [OTHER_TOPIC.title]
    assert saved.find(f"{{{ATOM}}}link[@rel='self']").get("href").endswith(
        "/-/feeds/search.atom?q=%E5%86%9C%E4%B8%9A%E7%94%9F%E4%BA%A7&site=gov-province")
    page = httpx.get(f"{served}/-/notice/{ids(archive)[SENTENCE_REMOVED.url]}").text
    assert 'href="/-/feeds/site/zx-city.atom"' in page
    followed = re.search(r'href="(/-/feeds/channel\.atom\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert _titles(_atom(httpx.get(served + followed))) == [SENTENCE_REMOVED.title]
    assert httpx.get(f"{served}/-/feeds/site/no-such-site.atom").status_code == 404
    assert httpx.get(f"{served}/-/feeds/search.atom").status_code == 400


def test_canned_queries_for_copies(served):
    most = httpx.get(f"{served}/archive/republished_most.json?_shape=array").json()
    assert most[0]["title"] == TITLE and most[0]["other_sites"] == 3 and most[0]["copies"] == 3
    changed = httpx.get(f"{served}/archive/copies_that_changed.json?_shape=array").json()
    assert {r["site"] for r in changed} == {"zx-city", "farm-a"}
    assert all(r["diff"].startswith("/-/copies/") for r in changed)


def test_reindex_links_the_copies_of_an_archive_kept_before_copies_were(tmp_path):
    from crawler.keep import Archive
    from tests.conftest import run_cli

    db = tmp_path / "archive.db"
    archive = Archive(db)  # stores, as an older govarchive's writer did: no copies linked
    for site in SITES.values():
        archive.upsert_site(site)
    for site, notice in (("farm-a", NUMBERS_CHANGED), ("gov-province", ORIGINAL),
                         ("zx-city", SENTENCE_REMOVED), ("gov-province", OTHER_TOPIC)):
        archive.notices.store(SITES[site], notice)
    archive.close()
    assert rows(db, "SELECT * FROM copies") == []
    result = run_cli("reindex", "--copies", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "copies linked again for 4 notices (3 in clusters of copies)" in result.stdout
    n = ids(db)
    found = {r["notice_id"]: r for r in rows(db, "SELECT * FROM copies")}
    assert found[n[ORIGINAL.url]]["role"] == "original"
    assert {r["cluster"] for r in found.values()} == {n[ORIGINAL.url]}


def test_an_original_that_grew_after_it_was_copied_keeps_its_copy(tmp_path):
    db = tmp_path / "archive.db"
    write(db, [("gov-province", ORIGINAL), ("farm-a", NUMBERS_CHANGED)])
    grown = replace(ORIGINAL, title=ORIGINAL.title + "（更新）", body=BODY[:8] + [
        "六、严格责任追究。对因工作不力引发森林火灾的，依法依规严肃追究有关单位和人员责任。",
        "七、做好信息报送。各地发现火情要在30分钟内逐级上报，不得迟报、漏报、瞒报。",
        "八、加强值班值守。防火期内各级防火办实行24小时值班和领导带班制度，保持通信畅通。",
        "九、强化督导检查。省森林防火指挥部将组成督查组，对各地防火工作开展明查暗访。",
        "十、统筹疫情防控。在做好森林防火的同时，统筹抓好各项疫情防控措施，确保两手抓两不误。",
    ] + BODY[8:])
    write(db, [("gov-province", grown)])
    n = ids(db)
    found = {r["notice_id"]: r for r in rows(db, "SELECT * FROM copies")}
    assert found[n[ORIGINAL.url]]["role"] == "original"
    assert found[n[NUMBERS_CHANGED.url]]["cluster"] == n[ORIGINAL.url]
    assert found[n[NUMBERS_CHANGED.url]]["jaccard"] < copies.SAME_TEXT  # the grown text
    assert rows(db, "SELECT * FROM copy_parts") == []
