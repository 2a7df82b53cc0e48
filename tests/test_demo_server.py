"""The demo sites over real HTTP: what each serves agrees with its catalog, byte for byte."""

from __future__ import annotations

import hashlib
import html
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urljoin, urlencode, urlsplit

import pytest

from crawler.demo import SITE_KEYS, DemoServer, catalog
from crawler.demo.content import expected, seed_lines, strip_readings, t2s

UA = "govarchive-test/1.0 (+demo)"
ROOT = Path(__file__).resolve().parent.parent


# -- helpers ----------------------------------------------------------------------------------------


def fetch(base: str, path: str, method: str = "GET", form: dict | None = None, headers: dict | None = None):
    """(status, headers, body) without following redirects."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    body = urlencode(form).encode() if form is not None else None
    hdrs = {"User-Agent": UA, **(headers or {})}
    if body is not None:
        hdrs["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=hdrs)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def page_text(markup: str) -> str:
    """What a naive HTML-to-text pass leaves: no comments, scripts or tags."""
    markup = re.sub(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>", "", markup, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", markup))


def norm(text: str) -> str:
    """Text with whitespace, punctuation and symbols removed (the seeds' punctuation is half-width)."""
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZ")


def hrefs(markup: str, page_url: str) -> list[str]:
    """Every link's path (with query), resolved against the page's path."""
    out = []
    for href in re.findall(r'href="([^"]+)"', markup):
        href = html.unescape(href)
        if href.startswith(("javascript:", "#", "http")):
            continue
        parts = urlsplit(urljoin(page_url, href))
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def cat():
    return catalog(day=0)


def decode(key: str, body: bytes) -> str:
    return body.decode("gb18030" if key == "aspnet" else "utf-8")


# -- catalog ------------------------------------------------------------------------------------------


def test_catalog_counts(cat):
    assert tuple(cat) == SITE_KEYS
    for key, site in cat.items():
        assert len(site.notices) >= 40, key
        assert len(site.list_pages) >= 3, key
        assert len(site.disallowed) >= 2 and all(p.startswith(site.robots_disallow) for p in site.disallowed)
        assert len(site.missing) == 1 and len(site.redirects) == 1
        assert list(site.redirects.values())[0] in {n.path for n in site.notices}
        titles = [n.title for n in site.notices]
        assert len(set(titles)) == len(titles), key
        days = [n.published[:10] for n in site.notices]
        assert len(set(days)) == len(days), key
        assert all(n.body and n.title and n.published for n in site.notices), key
    assert sum(len(s.notices) for s in cat.values()) >= 200
    assert cat["united"].attachments and cat["united"].images
    assert len(cat["hanweb"].list_posts) >= 2 and cat["united"].list_api


def test_exact_counts(cat):
    """The demo is exactly deterministic: these numbers change only when the demo does."""
    counts = {k: (len(s.notices), len(s.list_pages), len(s.attachments), len(s.images)) for k, s in cat.items()}
    assert counts == {"hanweb": (59, 3, 0, 0), "trs": (65, 5, 0, 0), "aspnet": (49, 4, 0, 0),
                      "mirror": (47, 5, 0, 0), "united": (46, 6, 9, 46)}


def test_seed_truth_matches_expected(cat):
    by_seed = {(k, n.seed): n for k, s in cat.items() for n in s.notices if n.seed}
    for key, seed in (("hanweb", "000"), ("mirror", "001"), ("mirror", "002"), ("trs", "003"), ("united", "004")):
        notice, exp = by_seed[(key, seed)], expected(seed)
        assert notice.body == exp["body"]
        for name in ("subtitle", "published", "author", "source", "signed_by", "signed_date", "channel"):
            assert getattr(notice, name) == exp[name], (seed, name)
        assert notice.title == (exp["title"] or "致全市各级党组织和广大党员的倡议书")
    assert by_seed[("mirror", "002")].flags == ["traditional_script", "pinyin_removed", "encoding_damage", "no_title_in_text"]
    assert by_seed[("mirror", "001")].flags == ["date_without_year", "multi_article", "truncated"]
    assert by_seed[("united", "004")].captions == expected("004")["captions"]
    original = by_seed[("aspnet", "002")]
    assert original.title == "致全市各级党组织和广大党员的倡议书" and original.published == "2022-03-19"
    assert "留在当地,暂不返乡,遵守当地党委" in original.body[1]


def test_truth_varies_what_extraction_meets(cat):
    notices = [n for s in cat.values() for n in s.notices]
    assert sum(bool(n.doc_number) for n in notices) >= 10
    assert all(n.body[0] == n.doc_number for n in notices if n.doc_number)
    signed = [n for n in notices if n.signed_by]
    assert len(signed) >= 40 and all(n.body[-2] == n.signed_by for n in signed if n.seed != "004")
    assert sum(bool(n.subtitle) for n in notices) >= 10
    assert sum(bool(n.author) for n in notices) >= 20
    assert sum("encoding_damage" in n.flags for n in cat["mirror"].notices) >= 3
    assert sum("truncated" in n.flags for n in cat["mirror"].notices) >= 2
    names = "".join(n.title + "".join(n.body) for n in cat["aspnet"].notices)
    assert all(ch in names for ch in "镕喆堃珺昇")


def test_determinism_across_processes():
    """Fresh builds in two interpreters with different hash seeds give identical bytes."""
    code = ("import hashlib, dataclasses, json\n"
            "from crawler.demo.sites import build_all\n"
            "h = hashlib.sha256()\n"
            "for key, site in build_all(0).items():\n"
            "    h.update(json.dumps(dataclasses.asdict(site.catalog), ensure_ascii=False, sort_keys=True).encode())\n"
            "    for path in sorted(site.routes):\n"
            "        r = site.routes[path]; h.update(path.encode() + bytes(str(r.status), 'ascii') + repr(r.headers).encode() + r.body)\n"
            "print(h.hexdigest())\n")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert catalog(0) == catalog(0)


def test_other_days_not_yet():
    with pytest.raises(NotImplementedError):
        catalog(day=1)


# -- HTTP -----------------------------------------------------------------------------------------------


def test_robots(server, cat):
    for key in SITE_KEYS:
        status, headers, body = fetch(server.bases[key], "/robots.txt")
        assert status == 200 and headers["content-type"].startswith("text/plain")
        assert body.decode() == f"User-agent: *\nDisallow: {cat[key].robots_disallow}\n"


def _listed(server, key: str, site) -> list[str]:
    """Every link the site's lists make, as a crawler that runs their protocols sees them."""
    base, links = server.bases[key], []
    for path in site.list_pages:
        status, _, body = fetch(base, path)
        assert status == 200, (key, path)
        markup = decode(key, body)
        if key == "hanweb":  # the first page of records, inline as a jpage datastore
            links += re.findall(r'<record><!\[CDATA\[\s*<li><a href="([^"]+)"', markup)
        else:  # the list container, not the sidebars
            box = re.search(r'<ul class="(?:list|newslist)"[^>]*>(.*?)</ul>', markup, re.S).group(1)
            links += hrefs(box, path)
    for post in site.list_posts:
        status, headers, body = fetch(base, post.path, "POST", post.form)
        assert status == 200 and headers["content-type"].startswith("text/xml")
        links += re.findall(r'<li><a href="([^"]+)"', body.decode())
    for api in site.list_api:
        status, _, body = fetch(base, api)
        links += [item["url"] for item in json.loads(body)["items"]]
    return links


def test_lists_link_exactly_the_catalog(server, cat):
    for key, site in cat.items():
        links = _listed(server, key, site)
        assert len(links) == len(set(links)), key
        reached = {n.path for n in site.notices} - set(site.redirects.values())
        assert set(links) == reached | set(site.disallowed) | set(site.missing) | set(site.redirects), key


def test_every_notice_page_shows_its_truth(server, cat):
    for key, site in cat.items():
        for n in site.notices:
            status, headers, body = fetch(server.bases[key], n.path)
            assert status == 200, (key, n.path)
            assert int(headers["content-length"]) == len(body)
            text = page_text(decode(key, body))
            if key == "mirror" and n.path.startswith("/Info/"):
                text = t2s(strip_readings(text))  # no headline in the text: the list has the title
            else:
                assert norm(n.title) in norm(text), (key, n.path)
            flat = norm(text)
            for para in n.body:
                assert norm(para) in flat, (key, n.path, para[:30])
            for name, path in n.attachments:
                assert name in text and path in decode(key, body)
            for src, _ in n.images:
                assert f'src="{src}"' in decode(key, body)


def test_seed_pages_carry_their_seed_text(server, cat):
    for key, site in cat.items():
        for n in site.notices:
            if not n.seed or key == "aspnet":
                continue
            flat = norm(page_text(decode(key, fetch(server.bases[key], n.path)[2])))
            for line in seed_lines(n.seed):
                assert norm(line) in flat, (key, n.seed, line[:40])
    hanweb = decode("hanweb", fetch(server.bases["hanweb"], "/art/2020/1/29/art_11753_847716.html")[2])
    assert '<meta name="ArticleTitle" content="【战疫情 政协在行动】市政协向全市广大政协委员发出倡议" />' in hanweb
    assert "Produced By 大汉网络 大汉版通发布系统" in hanweb and 'id="zoom"' in hanweb
    trs = fetch(server.bases["trs"], "/zxqk/bjgc/202003/t20200324_28946.html")[2].decode()
    assert 'class="TRS_Editor"' in trs and "<p>\u3000\u3000人民政协作为" in trs


def test_not_found_and_redirects(server, cat):
    for key, site in cat.items():
        base = server.bases[key]
        for path in site.missing + ["/no/such/page.html"]:
            status, headers, body = fetch(base, path)
            assert status == 404 and headers["content-type"].startswith("text/html") and b"<html" in body
        for old, new in site.redirects.items():
            status, headers, _ = fetch(base, old)
            assert status == 301 and headers["location"] == new
        for path in site.disallowed:  # robots.txt forbids them; they still exist
            assert fetch(base, path)[0] == 200


def test_head_and_post(server, cat):
    base = server.bases["trs"]
    path = cat["trs"].notices[0].path
    status, headers, body = fetch(base, path, "HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) == len(fetch(base, path)[2])
    assert fetch(base, path, "POST", {"a": "1"})[0] == 405


def test_hanweb_jpage(server, cat):
    base, site = server.bases["hanweb"], cat["hanweb"]
    column = fetch(base, "/col/col11753/index.html")[2].decode()
    first = re.findall(r'<record><!\[CDATA\[\s*<li><a href="([^"]+)"', column)
    assert len(first) == 15 and "<datastore>" in column and "totalRecord: 37" in column and "perPage: 15" in column
    assert "unitid: '56789'" in column and "columnid: 11753" in column
    post = site.list_posts[0]
    status, _, body = fetch(base, post.path, "POST", post.form)
    xml = body.decode()
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<totalrecord>37</totalrecord>" in xml and "<totalpage>3</totalpage>" in xml
    assert len(re.findall(r"<record>", xml)) == 15
    # any range, 1-based and inclusive; query parameters work as a servlet's do
    status, _, body = fetch(base, "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15", "POST", post.form)
    assert re.findall(r'<li><a href="([^"]+)"', body.decode())[:15] == first
    assert len(re.findall(r"<record>", body.decode())) == 37
    unknown = fetch(base, "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=15&perpage=15", "POST", {"columnid": "99"})
    assert "<recordset>\n</recordset>" in unknown[2].decode() and "<totalrecord>0</totalrecord>" in unknown[2].decode()
    assert fetch(base, "/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=15&perpage=15")[0] == 405


def test_trs_pager_only_in_script(server):
    markup = fetch(server.bases["trs"], "/zxqk/bjgc/index.html")[2].decode()
    assert 'createPageHTML(3, 0, "index", "html");' in markup
    assert 'href="index_1.html"' not in markup and 'href="./2020' in markup
    assert "createPageHTML(3, 2, " in fetch(server.bases["trs"], "/zxqk/bjgc/index_2.html")[2].decode()


def test_aspnet_is_gbk(server, cat):
    base = server.bases["aspnet"]
    for path in ["/List.aspx?ClassID=3", "/List.aspx?ClassID=3&page=2", cat["aspnet"].notices[0].path]:
        status, headers, body = fetch(base, path)
        assert status == 200 and headers["content-type"] == "text/html"
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        text = body.decode("gb18030")
        assert 'content="text/html; charset=gb2312"' in text and "__VIEWSTATE" in text
    gbk_only = [n for n in cat["aspnet"].notices if any(ch in n.title for ch in "镕喆堃珺昇")]
    assert gbk_only
    body = fetch(base, gbk_only[0].path)[2]
    assert gbk_only[0].title.encode("gbk") in body
    with pytest.raises(UnicodeEncodeError):
        gbk_only[0].title.encode("gb2312")
    seed = fetch(base, "/Info/15837.aspx")[2].decode("gb18030")
    assert norm("天长先锋网>> 通知公告>>正文内容") in norm(page_text(seed))
    assert "上一篇:" in seed and "技术支持:安徽网狐科技" in seed and "发布时间:2022年03月19日" in seed


def test_mirror_pages(server, cat):
    base = server.bases["mirror"]
    seed = fetch(base, "/Info/277071.aspx")[2].decode()
    assert "當(dāng)?shù)兀瑫翰环掂l(xiāng)" in seed and "皖I(lǐng)CP備0700665號(hào)" in seed
    assert "<title>致全市各級黨組織和廣大黨員的倡議書_秒速168</title>" in seed
    news = fetch(base, "/news/index.aspx")[2].decode()
    assert "下一頁" in news and "致全市各級黨組織和廣大黨員的倡議書" in fetch(base, "/news/index_2.aspx")[2].decode() + news
    afhzp = fetch(base, "/afhzp/4267.html")[2].decode()
    assert "市政协召开党组(扩大)会议<br>传达省委、市委有关通知精神<br>安排部署疫情防控工作" in afhzp
    listing = fetch(base, "/afhzp/index.html")[2].decode() + fetch(base, "/afhzp/list_2.html")[2].decode()
    assert '<a href="/afhzp/4267.html"' in listing and "<span>2020-01-30</span>" in listing and "下一页" in listing


def test_united_js_column_and_files(server, cat):
    base, site = server.bases["united"], cat["united"]
    js_pages = [p for p in site.list_pages if "/900" in p]
    api_items = []
    for i, path in enumerate(js_pages, 1):
        raw = fetch(base, path)[2].decode()
        assert re.search(r"/html/20\d\d/", raw) is None and "/api/column/" in raw and "news-list" in raw
        data = json.loads(fetch(base, f"/api/column/900?page={i}")[2])
        assert data["page"] == i and data["pages"] == len(js_pages)
        api_items += [item["url"] for item in data["items"]]
    in_900 = {n.path for n in site.notices if n.channel == ["工作动态"]}
    assert in_900 <= set(api_items)
    name, path = site.notices[[bool(n.attachments) for n in site.notices].index(True)].attachments[0]
    status, headers, body = fetch(base, path)
    assert status == 200 and headers["content-disposition"].endswith("filename*=UTF-8''" + path.rsplit("/", 1)[1])
    assert body.startswith(b"%PDF-") if name.endswith(".pdf") else body.startswith(b"{\\rtf1")
    kinds = set()
    for src in site.images[:10]:
        status, headers, body = fetch(base, src)
        kinds.add(headers["content-type"])
        assert status == 200 and body[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0")
    assert kinds == {"image/png", "image/jpeg"}
    seed = fetch(base, "/html/2020/2-889-1.html")[2].decode()
    assert "来源:阅读:" in page_text(seed).replace("\n", "") and "您当前的位置:" in seed and "加入收藏" in seed


def test_request_log(server, cat):
    server.clear_requests()
    before = time.monotonic()
    fetch(server.bases["united"], "/robots.txt")
    fetch(server.bases["united"], "/nothing-here")
    fetch(server.bases["hanweb"], cat["hanweb"].list_posts[0].path, "POST", cat["hanweb"].list_posts[0].form)
    log = server.requests("united")
    assert [(r.method, r.path, r.status) for r in log] == [("GET", "/robots.txt", 200), ("GET", "/nothing-here", 404)]
    assert all(r.user_agent == UA and r.headers["User-Agent"] == UA for r in log)
    assert all(before <= r.started <= r.finished <= time.monotonic() for r in log)
    assert server.requests("hanweb")[0].method == "POST" and "startrecord=16" in server.requests("hanweb")[0].path
    assert len(server.requests()) == 3
    server.clear_requests()
    assert server.requests() == []


def test_latency_and_ports():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with DemoServer(latency=0.3, ports={"trs": port}) as slow:
        assert slow.bases["trs"] == f"http://127.0.0.1:{port}"
        started = time.monotonic()
        assert fetch(slow.bases["trs"], "/robots.txt")[0] == 200
        assert time.monotonic() - started >= 0.3
        record = slow.requests("trs")[0]
        assert record.finished - record.started >= 0.3


def test_two_servers_serve_identical_bytes(server, cat):
    with DemoServer() as other:
        assert set(other.bases.values()).isdisjoint(server.bases.values())
        for key, site in cat.items():
            paths = site.list_pages + [n.path for n in site.notices[::5]] + site.attachments + site.images[:5]
            for path in paths:
                assert fetch(other.bases[key], path)[2] == fetch(server.bases[key], path)[2], (key, path)


def test_module_cli_prints_bases():
    proc = subprocess.Popen([sys.executable, "-m", "crawler.demo"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        bases = json.loads(proc.stdout.readline())
        assert tuple(bases) == SITE_KEYS
        assert fetch(bases["hanweb"], "/robots.txt")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_no_absolute_paths_in_demo():
    for path in (ROOT / "crawler" / "demo").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".json", ".txt", ".md"):
            assert "/work/" not in path.read_text(encoding="utf-8"), path
    digest = hashlib.sha256((ROOT / "crawler/demo/data/seed_000.txt").read_bytes()).hexdigest()
    assert digest  # the seed copies ship with the package
