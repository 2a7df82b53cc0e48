"""The demo sites over real HTTP: what each serves agrees with its catalog, byte for byte,
on day 0 and on the days after (new, edited, taken-down and restored notices), and answers
conditional requests as each real platform does."""

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
import threading
import time
import unicodedata
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import parse_qsl, quote, urljoin, urlencode, urlsplit

import pytest

from crawler.demo import DEFAULT_PORTS, DEMO_EPOCH, SITE_KEYS, DemoServer, catalog, demo_date
from crawler.demo.content import cn_date_padded, expected, seed_lines, strip_readings, t2s

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
                      "mirror": (47, 5, 0, 0), "united": (47, 6, 21, 47)}
    assert sum(c[0] for c in counts.values()) == 267
    assert all(not s.changes.published and not s.changes.edited and not s.changes.taken_down
               and not s.changes.restored for s in cat.values())


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
    """Fresh builds of days 0-3 in two interpreters with different hash seeds give identical
    truth, bytes and validators."""
    code = ("import hashlib, dataclasses, json\n"
            "from crawler.demo.sites import build_all\n"
            "h = hashlib.sha256()\n"
            "for day in range(4):\n"
            "    for key, site in build_all(day).items():\n"
            "        h.update(json.dumps(dataclasses.asdict(site.catalog), ensure_ascii=False, sort_keys=True).encode())\n"
            "        for path in sorted(site.routes):\n"
            "            r = site.routes[path]; h.update(path.encode() + bytes(str(r.status), 'ascii') + repr(r.headers).encode() + r.body)\n"
            "            h.update(repr(site.validators.get(path)).encode())\n"
            "print(h.hexdigest())\n")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert catalog(0) == catalog(0) and catalog(3) == catalog(3)


def test_days_before_zero_do_not_exist():
    with pytest.raises(ValueError):
        catalog(day=-1)
    with pytest.raises(ValueError):
        demo_date(-1)
    with pytest.raises(ValueError):
        DemoServer(day=-1)


# -- HTTP -----------------------------------------------------------------------------------------------


def test_robots(server, cat):
    for key in SITE_KEYS:
        status, headers, body = fetch(server.bases[key], "/robots.txt")
        assert status == 200 and headers["content-type"].startswith("text/plain")
        assert body.decode() == f"User-agent: *\nDisallow: {cat[key].robots_disallow}\n"


LATER_PAGE = re.compile(r"(?:index|list)?_\d+\.(?:html|aspx)$|[?&]page=(?:[2-9]|\d\d)")


def _listed(server, key: str, site, first_only: bool = False, pages: dict | None = None) -> list[str]:
    """Every link the site's lists make, as a crawler that runs their protocols sees them
    (``first_only``: the first page of each list); ``pages`` collects each page's links."""
    base, links = server.bases[key], []
    pages = {} if pages is None else pages
    for path in site.list_pages:
        if first_only and LATER_PAGE.search(path):
            continue
        status, _, body = fetch(base, path)
        assert status == 200, (key, path)
        markup = decode(key, body)
        if key == "hanweb":  # the first page of records, inline as a jpage datastore
            pages[path] = re.findall(r'<record><!\[CDATA\[\s*<li><a href="([^"]+)"', markup)
        else:  # the list container, not the sidebars
            box = re.search(r'<ul class="(?:list|newslist)"[^>]*>(.*?)</ul>', markup, re.S).group(1)
            pages[path] = hrefs(box, path)
        links += pages[path]
    for post in [] if first_only else site.list_posts:
        status, headers, body = fetch(base, post.path, "POST", post.form)
        assert status == 200 and headers["content-type"].startswith("text/xml")
        pages[post.path] = re.findall(r'<li><a href="([^"]+)"', body.decode())
        links += pages[post.path]
    for api in site.list_api:
        if first_only and not api.endswith("page=1"):
            continue
        status, _, body = fetch(base, api)
        pages[api] = [item["url"] for item in json.loads(body)["items"]]
        links += pages[api]
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
    proc = subprocess.Popen([sys.executable, "-m", "crawler.demo", "--day", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)
    try:
        bases = json.loads(proc.stdout.readline())
        assert tuple(bases) == SITE_KEYS
        assert fetch(bases["hanweb"], "/robots.txt")[0] == 200
        assert fetch(bases["hanweb"], catalog(1)["hanweb"].changes.published[0])[0] == 200  # day 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_no_absolute_paths_in_demo():
    """The demo's data names no folder of the machine it was made on (nor of this one)."""
    checkout = str(ROOT)
    for path in (ROOT / "crawler" / "demo").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".json", ".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            assert checkout not in text and "shared/seeds" not in text, path
    assert (ROOT / "crawler/demo/data/seed_000.txt").stat().st_size  # the seed copies ship


# -- day 0 stays as it was ------------------------------------------------------------------------

#: Digests of every answer of day 0 as served before the demo had days (before DEMO_EPOCH,
#: validators and the attack page): "STATUS HEADERS BODY" per request, headers without Date and
#: the validators. Made with answer_digest() below from the demo of commit 0a2839c.
DAY0_DIGESTS = json.loads((ROOT / "tests" / "demo_day0_digests.json").read_text(encoding="utf-8"))
XSS_PATH = "/html/2020/1-889-31.html"
XSS_LIST = "/html/list/889_3.html"  # the one page day 0 changed: the attack page's list entry


def target_of(key: str) -> str:
    """A request target for a route key (the decoded path and sorted, decoded query pairs)."""
    path, _, query = key.partition("?")
    target = quote(path, safe="/")
    if query:
        target += "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in parse_qsl(query, keep_blank_values=True))
    return target


def answer_digest(base: str, method: str, target: str, form: bytes | None = None) -> str:
    """'STATUS HEADERS BODY': the status and short sha256 digests of the headers (but Date and
    validators) and of the body, as served over HTTP."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"User-Agent": "govarchive-test/1.0 (+demo)"}
    if form is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, target, body=form, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    kept = [(k.lower(), v) for k, v in resp.getheaders() if k.lower() not in {"date", "etag", "last-modified"}]
    h = hashlib.sha256(repr(kept).encode()).hexdigest()[:16]
    b = hashlib.sha256(body).hexdigest()[:16]
    return f"{resp.status} {h} {b}"


def test_day0_answers_are_unchanged(server, cat):
    """Every answer day 0 gave before the demo had days, it still gives (validators aside);
    the attack page only adds itself, its image, its attachments (its own and the files in
    every format, crawler.demo.formats) and its list entry."""
    from crawler.demo.server import route_key
    from crawler.demo.sites import build_all

    sites = build_all(0)
    for key, digests in DAY0_DIGESTS.items():
        base = server.bases[key]
        served = {}
        for request in digests:
            method, target = request.split(" ", 1)
            if method == "GET":
                served[request] = answer_digest(base, "GET", target_of(target))
        for post in cat[key].list_posts:
            served["POST " + post.path] = answer_digest(base, "POST", post.path, urlencode(post.form).encode())
        changed = {r for r in digests if served.get(r) != digests[r]}
        assert changed == ({"GET " + XSS_LIST} if key == "united" else set()), (key, sorted(changed)[:5])
        added = {"GET " + r for r in sites[key].routes} - set(digests)
        xss = cat["united"].notice(XSS_PATH)
        assert added == ({"GET " + route_key(p) for p in (XSS_PATH, xss.images[0][0], *(a[1] for a in xss.attachments))}
                         if key == "united" else set()), key
    # the list page that changed differs by the attack page's entry only
    body = fetch(server.bases["united"], XSS_LIST)[2].decode()
    entry = re.search(rf'<li><a href="{XSS_PATH}".*?</li>\n', body).group(0)
    before = hashlib.sha256(body.replace(entry, "").encode()).hexdigest()[:16]
    assert DAY0_DIGESTS["united"]["GET " + XSS_LIST].split()[2] == before


def test_demo_epoch(cat):
    newest = max(date.fromisoformat(n.published[:10]) for s in cat.values() for n in s.notices)
    assert DEMO_EPOCH == newest + timedelta(days=1) == date(2022, 6, 26)
    assert demo_date(0) == DEMO_EPOCH and demo_date(3) == date(2022, 6, 29)


# -- the page that attacks the archive's readers ---------------------------------------------------


def test_attack_page_prints_its_payloads_as_text(server, cat):
    base, xss = server.bases["united"], cat["united"].notice(XSS_PATH)
    assert xss.title == "关于<script>alert('t')</script>征求意见的通知"
    assert "<img src=x onerror=alert(1)>" in "".join(xss.body)
    assert xss.captions[0].startswith("图为<svg onload=alert(2)>") and xss.images[0][1] == xss.captions[0]
    assert xss.attachments[0][0] == '"><script>alert(3)</script>.pdf'
    assert xss.channel == ["统战要闻"] and xss.published == "2020-01-20"
    status, _, body = fetch(base, XSS_PATH)
    markup = body.decode()
    assert status == 200
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup and "图为&lt;svg onload=alert(2)&gt;" in markup
    assert "&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;.pdf</a>" in markup
    assert '请<a href="javascript:alert(4)">点击此处</a>查看' in markup and "征求意见稿全文请点击此处查看。" in xss.body
    for payload in ("<script>alert(", "<img src=x", "<svg onload"):  # never live markup
        assert payload not in markup
    text = page_text(markup)  # a reader of the real site sees the literal characters
    assert xss.title in text and xss.captions[0] in text and xss.attachments[0][0] in text
    listing = fetch(base, XSS_LIST)[2].decode()
    assert f'<a href="{XSS_PATH}" target="_blank" title="关于&lt;script&gt;alert(&#x27;t&#x27;)' in listing
    status, headers, body = fetch(base, xss.attachments[0][1])
    assert status == 200 and body.startswith(b"%PDF-")
    assert headers["content-disposition"].endswith("filename*=UTF-8''%22%3E%3Cscript%3Ealert%283%29%3C%2Fscript%3E.pdf")
    assert fetch(base, xss.images[0][0])[0] == 200


# -- days ------------------------------------------------------------------------------------------

DAYS = (1, 2, 3)
ONLY_OLD_NOTICES = {"hanweb", "trs", "united"}  # nothing of theirs is recent on day 1


@pytest.fixture(scope="module")
def days():
    return {day: catalog(day) for day in range(0, 4)}


def test_days_follow_the_pattern(days):
    kinds = set()
    edits = {key: set() for key in SITE_KEYS}
    for day in DAYS:
        when = demo_date(day)
        for key, site in days[day].items():
            ch, before = site.changes, days[day - 1][key]
            paths = {n.path for n in site.notices}
            assert 2 <= len(ch.published) <= 3, (day, key)
            for path in ch.published:
                assert site.notice(path).published[:10] == when.isoformat() and path not in {n.path for n in before.notices}
            touched = len(ch.edited), len(ch.taken_down)
            assert touched == (0, 0) if day == 1 and key in ONLY_OLD_NOTICES else all(1 <= n <= 2 for n in touched), \
                (day, key, touched)
            for path in list(ch.edited) + list(ch.taken_down):  # recent notices, never a seed page
                old = before.notice(path)
                assert when - timedelta(days=30) <= date.fromisoformat(old.published[:10]) < when and not old.seed
            assert not set(ch.edited) & set(ch.taken_down)
            assert not set(ch.taken_down) & paths and set(ch.edited) | set(ch.published) <= paths
            for path, changed in ch.edited.items():
                new, old = site.notice(path), before.notice(path)
                assert changed and set(changed) <= {"title", "body", "attachments", "published"}
                for field in ("title", "body", "attachments", "published"):
                    assert (getattr(new, field) != getattr(old, field)) == (field in changed), (key, path, field)
                if "attachments" in changed:  # a new file under the same link text
                    assert [name for name, _ in new.attachments] == [name for name, _ in old.attachments]
                edits[key].update(changed)
            kinds.update(ch.taken_down.values())
            if day == 3:
                assert len(ch.restored) == 1, key
                (back,) = ch.restored
                gone_on = 2 if key in ONLY_OLD_NOTICES else 1
                assert days[gone_on][key].changes.taken_down.get(back)
                assert back in paths and back not in {n.path for n in before.notices}
                assert site.notice(back) == days[gone_on - 1][key].notice(back)  # same text
            else:
                assert ch.restored == []
    assert kinds == {"404", "410", "redirect_home", "soft_404"}
    for key, changed in edits.items():
        assert {"title", "body"} <= changed, key
    assert "attachments" in edits["united"]


def test_later_days_continue(days):
    for day in (4, 5, 6):
        for key, site in catalog(day).items():
            ch = site.changes
            assert 2 <= len(ch.published) <= 3 and 1 <= len(ch.edited) <= 2 and 1 <= len(ch.taken_down) <= 2, (day, key)
            assert len(ch.restored) == (1 if day == 5 else 0), (day, key)


DATE_LINES = {"trs": lambda d: f"时间:{d}", "aspnet": lambda d: f"发布时间:{cn_date_padded(date.fromisoformat(d))}",
              "united": lambda d: f"发布时间:{d}", "hanweb": lambda d: f'<meta name="PubDate" content="{d}'}


def _shows(key: str, notice, markup: str) -> None:
    """The page shows the notice's truth (as test_every_notice_page_shows_its_truth checks)."""
    text = page_text(markup)
    if key == "mirror" and notice.path.startswith("/Info/"):
        text = t2s(strip_readings(text))  # the headline only in <title>, in Traditional
    flat = norm(text)
    assert norm(notice.title) in flat, (key, notice.path)
    for para in notice.body:
        assert norm(para) in flat, (key, notice.path, para[:30])
    for name, path in notice.attachments:
        assert name in text and path in markup
    if key in DATE_LINES:
        assert DATE_LINES[key](notice.published[:10] if key != "hanweb" else notice.published[:16].replace("T", " ")) in markup


@pytest.fixture(scope="module")
def days_server():
    with DemoServer() as srv:
        yield srv


def test_days_are_served_as_the_catalog_says(days_server, days):
    """Days 0-3 on one server: each day's lists link exactly its catalog; new notices top their
    lists; edited pages changed as declared; takedowns answer as declared and leave the lists;
    the restored notice answers again with the very page it had."""
    srv, bases = days_server, dict(days_server.bases)
    bodies: dict[tuple[str, str], bytes] = {}  # the last page each notice had while it was up
    for day in range(0, 4):
        srv.set_day(day)
        assert srv.day == day and srv.bases == bases
        for key, site in days[day].items():
            base, ch = bases[key], site.changes
            links = _listed(srv, key, site)
            assert len(links) == len(set(links)), (day, key)
            reached = {n.path for n in site.notices} - set(site.redirects.values())
            assert set(links) == reached | set(site.disallowed) | set(site.missing) | set(site.redirects), (day, key)
            first: dict[str, list[str]] = {}
            _listed(srv, key, site, first_only=True, pages=first)
            for path in ch.published:  # on the first page of its list, above every older notice
                (listing,) = [listing for listing in first.values() if path in listing]
                top = listing[:len([p for p in ch.published if p in listing])]
                assert set(top) <= set(ch.published), (day, key, listing[:4])
            for n in site.notices:
                status, _, body = fetch(base, n.path)
                assert status == 200, (day, key, n.path)
                if day and (n.path in ch.published or n.path in ch.edited):
                    _shows(key, n, decode(key, body))
                    if n.path in ch.edited:
                        assert body != bodies[(key, n.path)], (day, key, n.path)
                if n.path in ch.restored:
                    assert body == bodies[(key, n.path)]  # the same page, the same text
                bodies[(key, n.path)] = body
                for name, path in n.attachments if n.path in ch.edited else []:
                    status, _, file = fetch(base, path)
                    assert status == 200 and file.startswith((b"%PDF-", b"{\\rtf1")), path
            not_found = fetch(base, "/no/such/page.html")
            for path, kind in ch.taken_down.items():
                status, headers, body = fetch(base, path)
                assert path not in links
                if kind == "404":
                    assert (status, body) == (404, not_found[2])
                elif kind == "410":
                    assert status == 410 and b"410" in body
                elif kind == "redirect_home":
                    assert status == 302 and headers["location"] == "/"
                else:  # soft 404: a 200 in the site's chrome, without validators
                    text = decode(key, body)
                    assert status == 200 and "页面不存在" in text and "该信息已删除" in text and site.name in text
                    assert "etag" not in headers and "last-modified" not in headers
                    assert fetch(base, path, headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})[0] == 200


def test_set_day_swaps_pages_atomically(days_server):
    srv = days_server
    srv.set_day(0)
    column = catalog(1)["hanweb"].changes.published[0].split("_")[1]  # a column that changes on day 1
    base, path = srv.bases["hanweb"], f"/col/col{column}/index.html"
    day0 = fetch(base, path)[2]
    srv.set_day(1)
    day1 = fetch(base, path)[2]
    assert day0 != day1 and srv.bases["hanweb"] == base
    seen, errors, stop = [], [], threading.Event()

    def hammer():
        while not stop.is_set():
            try:
                status, _, body = fetch(base, path)
                seen.append((status, body))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(20):
        srv.set_day(i % 2)
        time.sleep(0.005)
    stop.set()
    for t in threads:
        t.join()
    assert not errors and seen and all(status == 200 and body in (day0, day1) for status, body in seen)
    srv.set_day(0)
    assert fetch(base, path)[2] == day0
    with pytest.raises(ValueError):
        srv.set_day(-1)
    assert srv.day == 0


# -- HTTP caching ------------------------------------------------------------------------------------


def http_date(day: str) -> str:
    """Last-Modified of a page last changed on ``day``: 08:00 China time, in GMT."""
    d = date.fromisoformat(day[:10])
    return format_datetime(datetime(d.year, d.month, d.day, tzinfo=timezone.utc), usegmt=True)


VALIDATORS = {"hanweb": ("etag", "last-modified"), "trs": ("etag", "last-modified"), "aspnet": ("last-modified",),
              "mirror": (), "united": ("etag",)}


def _newest_listed(key: str, markup: str) -> str:
    """The newest date a list page's own entries show."""
    if key == "hanweb":
        box = "".join(re.findall(r"<record>.*?</record>", markup, re.S))
    else:
        box = re.search(r'<ul class="(?:list|newslist)"[^>]*>(.*?)</ul>', markup, re.S).group(1)
    return max(re.findall(r"\d{4}-\d{2}-\d{2}", box))


def test_validators_per_site(server, cat):
    for key, site in cat.items():
        base, notice = server.bases[key], site.notices[0]
        pages = [(notice.path, notice.published), (site.list_pages[0], None)]
        pages += [(path, n.published) for n in site.notices for _, path in n.attachments][:1]
        for path, day in pages:
            status, headers, body = fetch(base, path)
            assert status == 200
            assert tuple(h for h in ("etag", "last-modified") if h in headers) == VALIDATORS[key], (key, path)
            if day is None:
                day = _newest_listed(key, decode(key, body))
            if "last-modified" in headers:
                assert headers["last-modified"] == http_date(day), (key, path)
            etag = headers.get("etag")
            if key == "hanweb":
                assert etag == f'W/"{len(body)}-{int(datetime.fromisoformat(day[:10]).replace(tzinfo=timezone.utc).timestamp()) * 1000}"'
            elif key == "trs":
                assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', etag) and etag.endswith(f'-{len(body):x}"')
            elif key == "united":
                assert etag == f'"{hashlib.md5(body).hexdigest()}"'
    for path in ("/robots.txt", "/no/such/page.html"):  # only notices, lists and attachments
        assert "etag" not in fetch(server.bases["united"], path)[1]


def _conditional(base: str, path: str, method: str = "GET", **headers):
    return fetch(base, path, method, headers={k.replace("_", "-").title(): v for k, v in headers.items()})


def test_conditional_requests_answer_304(server, cat):
    for key, site in cat.items():
        base = server.bases[key]
        for path in [site.notices[0].path, site.list_pages[0]] + site.attachments[:1]:
            status, headers, body = fetch(base, path)
            etag, modified = headers.get("etag"), headers.get("last-modified")
            checks = []
            if etag:
                checks += [{"if_none_match": etag}, {"if_none_match": f'"stale", {etag}'},
                           {"if_none_match": "W/" + etag.removeprefix("W/")},  # weak comparison
                           {"if_none_match": etag, "if_modified_since": "Thu, 01 Jan 1970 00:00:00 GMT"}]  # INM wins
            if modified:
                later = format_datetime(datetime(2030, 1, 1, tzinfo=timezone.utc), usegmt=True)
                checks += [{"if_modified_since": modified}, {"if_modified_since": later}]
            for headers_sent in checks:
                for method in ("GET", "HEAD"):
                    got, back, content = _conditional(base, path, method, **headers_sent)
                    assert (got, content) == (304, b""), (key, path, headers_sent, got)
                    assert back.get("etag") == etag and back.get("last-modified") == modified
                    assert "content-length" not in back
            stale = [{"if_none_match": '"stale"'}, {"if_none_match": 'W/"0-0"'},
                     {"if_modified_since": "Thu, 01 Jan 2015 00:00:00 GMT"}, {"if_modified_since": "not a date"}]
            if modified:  # If-None-Match decides alone, even when If-Modified-Since would match
                stale.append({"if_none_match": '"stale"', "if_modified_since": modified})
            for headers_sent in stale:
                got, back, content = _conditional(base, path, **headers_sent)
                assert (got, content) == (200, body), (key, path, headers_sent)
            if key == "mirror":  # no validators, conditional headers ignored
                assert not etag and not modified
                got, _, content = _conditional(base, path, if_none_match="*", if_modified_since="Fri, 01 Jan 2100 00:00:00 GMT")
                assert (got, content) == (200, body)
            assert fetch(base, path, "POST", {"a": "1"}, headers={"If-None-Match": etag or "*"})[0] != 304


def test_validators_follow_the_days(days_server, days):
    """Validators taken on day 0 still answer 304 on day 1 for what did not change, 200 for
    what did; Last-Modified is the day a page last changed."""
    srv = days_server
    srv.set_day(0)
    aspnet, united, hanweb = (srv.bases[k] for k in ("aspnet", "united", "hanweb"))
    edited = next(iter(days[1]["aspnet"].changes.edited))  # a body edit of day 1
    kept = days[1]["aspnet"].notices[-3].path
    busy, quiet = "/List.aspx?ClassID=57", "/List.aspx?ClassID=3"  # day 1 publishes in 石梁 (57), not in 3
    old = {path: fetch(aspnet, path)[1]["last-modified"] for path in (edited, kept, busy, quiet)}
    old_etags = {path: fetch(united, path)[1]["etag"] for path in ("/html/list/900.html", "/api/column/900?page=1")}
    old_hanweb = fetch(hanweb, days[0]["hanweb"].notices[0].path)[1]
    srv.set_day(1)
    assert _conditional(aspnet, kept, if_modified_since=old[kept])[0] == 304
    status, headers, _ = _conditional(aspnet, edited, if_modified_since=old[edited])
    assert status == 200 and headers["last-modified"] == http_date(demo_date(1).isoformat()) != old[edited]
    status, headers, _ = _conditional(aspnet, busy, if_modified_since=old[busy])
    assert status == 200 and headers["last-modified"] == http_date(demo_date(1).isoformat())
    assert _conditional(aspnet, quiet, if_modified_since=old[quiet])[0] == 304  # a list that did not change
    assert _conditional(united, "/html/list/900.html", if_none_match=old_etags["/html/list/900.html"])[0] == 304  # the shell
    assert _conditional(united, "/api/column/900?page=1", if_none_match=old_etags["/api/column/900?page=1"])[0] == 200
    path = days[0]["hanweb"].notices[0].path
    assert _conditional(hanweb, path, if_none_match=old_hanweb["etag"])[0] == 304
    new = days[1]["hanweb"].changes.published[0]
    assert fetch(hanweb, new)[1]["last-modified"] == http_date(demo_date(1).isoformat())
    srv.set_day(0)


# -- ports ----------------------------------------------------------------------------------------------


def test_default_ports():
    from crawler.demo.server import ports_free

    defaults = {k: f"http://127.0.0.1:{p}" for k, p in DEFAULT_PORTS.items()}
    if ports_free("127.0.0.1", DEFAULT_PORTS):
        with DemoServer.with_default_ports(0) as srv:
            # another process (a demo, a parallel test run) may take a default port between
            # the check and the start: then the fallback is right, and says so
            assert srv.stable_ports == (srv.bases == defaults)
            assert fetch(srv.bases["trs"], "/robots.txt")[0] == 200
    with socket.socket() as taken:  # one default port in use: every site falls back to a free port
        try:
            taken.bind(("127.0.0.1", DEFAULT_PORTS["united"]))
            taken.listen()
        except OSError:
            pass  # someone else holds it: the same case
        with DemoServer.with_default_ports(1) as srv:
            assert not srv.stable_ports and srv.day == 1
            assert set(srv.bases.values()).isdisjoint(f"http://127.0.0.1:{p}" for p in DEFAULT_PORTS.values())
            assert fetch(srv.bases["united"], "/robots.txt")[0] == 200
    with DemoServer() as srv:  # without ports: free ones, as before
        assert not srv.stable_ports
