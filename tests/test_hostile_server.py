"""The hostile test site itself (tests/support/hostile.py): every fault is there, observable
with plain sockets, http.client and urllib, deterministic, and the switches work."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from crawler.navigate.cms.generic import parse_list
from crawler.extract import extract_notice
from crawler.navigate.registry import load_file
from tests.support import hostile
from tests.support.hostile import BLOCKED, FAULT_PAGES, FAULTS, KINDS, HostileSite

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def site():
    with HostileSite() as running:
        yield running


def request(url: str, *, method: str = "GET", timeout: float = 5.0, headers: dict | None = None):
    """One request, no redirects followed: (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + ("?" + parts.query if parts.query else ""), headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def raw_get(url: str, timeout: float = 2.0) -> socket.socket:
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    sock.sendall(f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
    return sock


def read_head(sock: socket.socket) -> tuple[bytes, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    return head, rest


def content_length(head: bytes) -> int:
    return int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))


def walk(url: str, site_entry, column, pages: int) -> tuple[list[str], list]:
    """Follow a column's 下一页 links with the generic adapter: (list URLs read, hints)."""
    seen, hints = [], []
    for _ in range(pages):
        status, headers, body = request(url)
        assert status == 200
        page = parse_list(body.decode("utf-8"), url, site_entry, column)
        seen.append(url)
        hints.extend(page.notices)
        if not page.more:
            break
        url = page.more[0].url
    return seen, hints


def entry(site: HostileSite, tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(site.registry_toml(), encoding="utf-8")
    (loaded,) = load_file(path)
    return loaded


PROC_STATUS = Path("/proc/self/status")


def rss_kb() -> int:
    """This process's resident memory (the server runs in it), in KiB."""
    return int(re.search(r"VmRSS:\s+(\d+)", PROC_STATUS.read_text()).group(1))


# -- the site as a crawler sees it -----------------------------------------------------------------------


def test_registry_entry_and_list_pages_link_every_notice_and_fault(site, tmp_path):
    loaded = entry(site, tmp_path)
    assert loaded.cms == "generic" and loaded.home_url == site.base + "/"
    assert loaded.politeness.delay == 0 and loaded.politeness.concurrency == 4
    assert [c.url for c in loaded.lists] == [site.base + "/tzgg/index.html", site.base + "/cal?month=2020-01",
                                             site.base + "/list?page=1"]
    pages, hints = walk(loaded.lists[0].url, loaded, loaded.lists[0], 10)
    assert len(pages) == 3  # 下一页 to index_1.html, index_2.html, then none
    linked = {h.url for h in hints}
    for url, want in site.expected.items():
        if "fault" in want or want["kind"] == "archive":
            assert url in linked, url
    main = [h for h in hints if h.channel == ["通知公告"]]
    assert len(main) == len(hostile.ENTRIES) == 12 + len(FAULTS)
    assert all(h.published and h.title for h in main)
    assert all(loaded.detail_regex.search(h.url) for h in hints)


def test_expected_is_plain_data_in_known_kinds(site):
    expected = site.expected
    json.dumps(expected, ensure_ascii=False)  # plain data
    assert {want["kind"] for want in expected.values()} <= set(KINDS)
    faults = [want["fault"] for want in expected.values() if "fault" in want]
    assert sorted(faults) == sorted(f.name for f in FAULTS)
    assert all(want["title"] for want in expected.values() if want["kind"] == "archive")
    assert len(site.must_archive) == 12 + 9  # good notices + faults that end archived
    for fault in FAULTS:  # the module's table documents every fault
        assert re.search(rf"^{fault.name}\s", hostile.__doc__, re.M), fault.name
        assert fault.kind in KINDS


def test_good_notices_extract_to_the_expected_titles(site):
    """Every URL expected to be archived gives a proper record with its exact title."""
    for url, title in site.must_archive.items():
        for _ in range(6):  # through the flaky pages' bursts
            try:
                response = urllib.request.urlopen(url, timeout=5)  # follows the cross-host chain
                break
            except urllib.error.HTTPError as exc:
                assert exc.code in (429, 500, 503)
        body = response.read()
        notice = extract_notice(body, response.url, content_type=response.headers.get("Content-Type"))
        assert notice.title == title, url
        assert notice.published and len(notice.body) >= 8 and not notice.flags, url


# -- HTTP errors and retries ----------------------------------------------------------------------------


def test_bursts_end_and_reset_counters_makes_them_flaky_again(site):
    burst503, burst500, always502 = (site.url(n) for n in ("burst503", "burst500", "always502"))
    assert [request(burst503)[0] for _ in range(3)] == [503, 503, 200]
    assert [request(burst500)[0] for _ in range(7)] == [500] * 5 + [200, 200]
    assert [request(always502)[0] for _ in range(4)] == [502] * 4
    site.reset_counters()
    assert [request(burst503)[0] for _ in range(3)] == [503, 503, 200]
    assert site.requests_to("burst503") == 3


def test_retry_after_seconds_and_http_date(site):
    status, headers, _ = request(site.url("retry429"))
    assert status == 429 and headers["Retry-After"] == "2"
    assert request(site.url("retry429"))[0] == 200
    status, headers, _ = request(site.url("retry503date"))
    ahead = parsedate_to_datetime(headers["Retry-After"]).timestamp() - time.time()
    assert status == 503 and 1.5 <= ahead <= 4.0
    assert request(site.url("retry503date"))[0] == 200


# -- connections that misbehave ---------------------------------------------------------------------------


def test_hang_never_answers_until_the_client_closes(site):
    with pytest.raises(TimeoutError):
        request(site.url("hang"), timeout=0.3)
    hits = site.wait_for(lambda hits: any(h.fault == "hang" and h.finished for h in hits))  # saw the client go
    (hit,) = [h for h in hits if h.fault == "hang"]
    assert hit.status == 0 and hit.bytes_sent == 0


def test_stop_is_quick_with_a_hanging_client():
    with HostileSite() as running:
        sock = raw_get(running.url("hang"))
        running.wait_for(lambda hits: any(h.fault == "hang" for h in hits))  # the server holds it
        began = time.monotonic()
    assert time.monotonic() - began < 1.5
    sock.close()


def test_drip_sends_the_body_one_byte_a_second(site):
    sock = raw_get(site.url("drip"))
    head, body = read_head(sock)
    assert head.startswith(b"HTTP/1.1 200") and content_length(head) > 3000
    sock.settimeout(0.2)
    ends = time.monotonic() + 1.3
    while time.monotonic() < ends:
        try:
            body += sock.recv(100)
        except TimeoutError:
            pass
    sock.close()
    assert 1 <= len(body) <= 3  # 1 byte at once, then 1 a second


def test_reset_mid_headers(site):
    with pytest.raises(ConnectionResetError):
        request(site.url("reset"))
    hits = site.wait_for(lambda hits: any(h.fault == "reset" and h.finished for h in hits))
    (hit,) = [h for h in hits if h.fault == "reset"]
    assert 0 < hit.bytes_sent < 80


def test_short_body_then_close(site):
    sock = raw_get(site.url("short"))
    head, body = read_head(sock)
    while chunk := sock.recv(65536):
        body += chunk
    sock.close()
    assert 0 < len(body) < content_length(head)
    with pytest.raises(http.client.IncompleteRead):
        request(site.url("short"))


def test_gzip_label_on_a_body_that_is_not_gzip(site):
    status, headers, body = request(site.url("badgzip"), headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    with pytest.raises(OSError):
        gzip.decompress(body)


# -- redirects ---------------------------------------------------------------------------------------


def test_redirect_loop(site):
    start = site.url("loop")
    status, headers, _ = request(start)
    assert status == 302
    second = urljoin(start, headers["Location"])
    status, headers, _ = request(second)
    assert status == 302 and urljoin(second, headers["Location"]) == start


def test_redirect_chain_crosses_hosts_and_ends_at_a_notice(site):
    url, hops = site.url("chain"), []
    status, headers, body = request(url)
    while status in (301, 302):
        url = urljoin(url, headers["Location"])
        hops.append(url)
        status, headers, body = request(url)
    assert status == 200 and len(hops) == 3
    assert url == site.expected[site.url("chain")]["final"] and url.startswith(site.other_base)
    assert FAULT_PAGES["chain"].title in body.decode("utf-8")
    hosts = {h.host for h in site.hits}
    assert hosts == {"base", "other"}


def test_redirect_to_home(site):
    status, headers, _ = request(site.url("home"))
    assert status == 302 and headers["Location"] == "/"
    status, _, body = request(site.base + "/")
    assert status == 200 and "通知公告" in body.decode("utf-8")


# -- size and type ----------------------------------------------------------------------------------


@pytest.mark.skipif(not PROC_STATUS.exists(), reason="needs /proc to read the server's memory")
def test_50_mib_page_streams_with_bounded_server_memory(site):
    request(site.url("burst503"))  # a connection thread has run once: its stack is counted
    before = rss_kb()
    sock = raw_get(site.url("big"), timeout=10)
    head, first = read_head(sock)
    assert b"text/html" in head and content_length(head) == 50 * 1024 * 1024
    received, buffer, peak, reads = len(first), bytearray(1 << 16), rss_kb(), 0
    while n := sock.recv_into(buffer):
        received += n
        reads += 1
        if reads % 64 == 0:
            peak = max(peak, rss_kb())
    sock.close()
    assert received == 50 * 1024 * 1024
    assert peak - before < 5 * 1024, f"RSS grew by {peak - before} KiB while streaming"


def test_binary_bodies_labelled_html_and_an_empty_page(site):
    status, headers, body = request(site.url("png"))
    assert headers["Content-Type"] == "text/html; charset=utf-8" and body.startswith(b"\x89PNG\r\n\x1a\n")
    status, headers, body = request(site.url("pdf"))
    assert headers["Content-Type"] == "text/html; charset=utf-8" and body.startswith(b"%PDF-")
    status, headers, body = request(site.url("empty"))
    assert status == 200 and headers["Content-Length"] == "0" and body == b""


# -- markup and charsets ------------------------------------------------------------------------------


def test_broken_markup(site):
    _, _, body = request(site.url("unclosed"))
    html = body.decode("utf-8")
    after_body = html.split("<body>", 1)[1]
    assert "</p>" not in after_body and "</div>" not in after_body and "</li>" not in after_body
    _, _, body = request(site.url("earlyhtml"))
    html = body.decode("utf-8")
    assert html.index("</html>") < html.index(FAULT_PAGES["earlyhtml"].title + "</h1>")


def test_charsets_that_lie(site):
    title = FAULT_PAGES["gbk_as_utf8"].title
    _, headers, body = request(site.url("gbk_as_utf8"))
    assert headers["Content-Type"] == "text/html; charset=utf-8" and b"charset=utf-8" in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert title in body.decode("gbk") and "喆" in title  # 喆 is in GBK, not in GB2312

    _, headers, body = request(site.url("utf8_as_gbk"))
    assert headers["Content-Type"] == "text/html; charset=gbk" and b"charset=gbk" in body
    assert FAULT_PAGES["utf8_as_gbk"].title in body.decode("utf-8")

    _, headers, body = request(site.url("gbk_nocharset"))
    assert headers["Content-Type"] == "text/html" and b"charset" not in body.lower()
    assert FAULT_PAGES["gbk_nocharset"].title in body.decode("gbk")


# -- blocked ---------------------------------------------------------------------------------------


MARKERS = {"waf412": (412, "$_ts"), "waf521": (521, "document.cookie="), "toofast": (200, "访问过于频繁，请稍后再试"),
           "captcha": (200, "安全验证"), "login": (200, "用户登录"), "busy": (200, "系统繁忙")}


def test_blocked_pages_and_the_blocking_switch(site):
    assert set(MARKERS) == set(BLOCKED)
    for name, (code, marker) in MARKERS.items():
        status, headers, body = request(site.url(name))
        html = body.decode("utf-8")
        assert status == code and marker in html and FAULT_PAGES[name].title not in html, name
        assert site.expected[site.url(name)]["kind"] == "blocked"
    assert "密码" in request(site.url("login"))[2].decode() and "出错了" in request(site.url("busy"))[2].decode()
    assert "Set-Cookie" in request(site.url("waf412"))[1]
    site.blocking = False
    for name in MARKERS:
        status, _, body = request(site.url(name))
        assert status == 200 and f'<h1 class="title">{FAULT_PAGES[name].title}</h1>' in body.decode("utf-8")
        assert site.expected[site.url(name)]["kind"] == "archive"


# -- traps and aliases ------------------------------------------------------------------------------------


def test_calendar_never_ends(site, tmp_path):
    loaded = entry(site, tmp_path)
    pages, _ = walk(loaded.lists[1].url, loaded, loaded.lists[1], 30)
    assert len(pages) == len(set(pages)) == 30  # and it would go on
    assert pages[13] == site.base + "/cal?month=2021-02"
    _, _, body = request(site.base + "/cal?month=2020-01")
    assert 'href="/cal?month=2019-12">上个月' in body.decode("utf-8")
    assert request(site.base + "/cal?month=1999-12")[0] == 200  # backwards forever too
    assert site.expected[site.base + "/cal?month=2020-01"]["kind"] == "trap"


def test_pager_never_ends_and_links_new_junk_each_page(site, tmp_path):
    loaded = entry(site, tmp_path)
    pages, hints = walk(loaded.lists[2].url, loaded, loaded.lists[2], 30)
    assert len(pages) == 30 and len({h.url for h in hints}) == len(hints) == 30
    assert request(hints[-1].url)[0] == 200
    assert request(site.base + "/list?page=100000")[0] == 200


def test_session_ids_change_on_every_response_and_aliases_serve_one_notice(site):
    ids = []
    for _ in range(2):
        status, headers, body = request(site.base + "/tzgg/index.html")
        html = body.decode("utf-8")
        ids.append((re.search(r";jsessionid=(\w+)", html).group(1), re.search(r"\?sid=(\w+)", html).group(1),
                    headers["Set-Cookie"]))
    assert len({*ids[0], *ids[1]}) == 6
    for url, want in site.expected.items():
        if "aliases" not in want:
            continue
        canonical = request(url)[2]
        assert len(want["aliases"]) >= 2
        _, _, body = request(site.base + "/tzgg/index.html")
        hrefs = re.findall(r'href="([^"]+)"', body.decode("utf-8"))
        path = urlsplit(url).path
        forms = [h for h in hrefs if h.lower().endswith(path.lower()) or path.lower() + "?" in h.lower()
                 or path.lower() + ";" in h.lower()]
        assert len(forms) == len(want["aliases"]) + 1, forms  # the list link and its aliases
        for href in forms:
            with urllib.request.urlopen(urljoin(site.base + "/tzgg/index.html", href), timeout=5) as response:
                assert response.read() == canonical, href


# -- switches ---------------------------------------------------------------------------------------


def test_robots_modes(site):
    private = site.url("private")
    for label, base in (("base", site.base), ("other", site.other_base)):
        status, _, body = request(base + "/robots.txt")
        assert status == 200 and b"Disallow: /nbgl/" in body, label
    assert site.expected[private]["kind"] == "robots_disallowed"
    site.robots = "missing"
    assert request(site.base + "/robots.txt")[0] == 404 and site.expected[private]["kind"] == "archive"
    site.robots = "error"
    assert request(site.other_base + "/robots.txt")[0] == 500 and site.expected[private]["kind"] == "archive"
    site.robots = "crawl_delay"
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(request(site.base + "/robots.txt")[2].decode().splitlines())
    assert parser.crawl_delay("govarchive") == 1 and not parser.can_fetch("govarchive", private)
    site.robots = "huge"
    status, headers, body = request(site.base + "/robots.txt")
    assert status == 200 and len(body) > 2 * 1024 * 1024
    assert body.index(b"User-agent: *") > 2 * 1024 * 1024 and body.rstrip().endswith(b".xml")
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(body.decode().splitlines())
    assert not parser.can_fetch("govarchive", private) and parser.can_fetch("govarchive", site.url("burst503"))
    assert site.expected[private]["kind"] == "robots_disallowed"
    with pytest.raises(ValueError):
        site.robots = "sometimes"


def test_lists_empty_keeps_the_chrome_and_drops_the_links(site, tmp_path):
    loaded = entry(site, tmp_path)
    site.lists_empty = True
    status, _, body = request(loaded.lists[0].url)
    html = body.decode("utf-8")
    assert status == 200 and "通知公告" in html and "版权所有" in html and "网站标识码" in html
    page = parse_list(html, loaded.lists[0].url, loaded, loaded.lists[0])
    assert page.notices == [] and page.more == []
    assert site.expected[loaded.lists[0].url]["kind"] == "empty_list"
    site.lists_empty = False
    assert len(walk(loaded.lists[0].url, loaded, loaded.lists[0], 1)[1]) > 10


# -- the log ----------------------------------------------------------------------------------------------


def test_hits_log_every_request_on_both_hosts(site):
    urllib.request.urlopen(urllib.request.Request(site.url("chain"), headers={"User-Agent": "probe/1"}),
                           timeout=5).read()
    hits = site.wait_answered(4)  # the client can have its answer before the server logs the end
    assert [h.host for h in hits] == ["base", "base", "other", "other"]
    for method, path, headers, started, finished, status, sent in hits:
        assert method == "GET" and path.startswith("/") and headers["user-agent"] == "probe/1"
        assert finished >= started and sent > 0 and status in (200, 301, 302)
    assert hits[-1].status == 200 and hits[0].fault == hits[1].fault == "chain"


def test_connections_stay_open_between_answers(site):
    parts = urlsplit(site.base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    for path in ("/tzgg/index.html", "/tzgg/index_1.html", "/robots.txt"):
        conn.request("GET", path)
        response = conn.getresponse()
        assert response.status == 200 and response.read()
    conn.close()
    assert len(site.hits) == 3


def test_a_slow_reader_still_gets_the_whole_answer(site):
    site.robots = "huge"  # 2 MB: more than the socket buffers hold
    sock = raw_get(site.base + "/robots.txt")
    time.sleep(0.6)  # longer than the server's socket timeout
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    sock.close()
    head, _, body = data.partition(b"\r\n\r\n")
    assert len(body) == content_length(head) > 2 * 1024 * 1024
