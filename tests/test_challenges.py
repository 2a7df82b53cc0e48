"""Every kind of bot challenge is recognised from the answer alone (status, cookies, markup),
and ordinary answers — notices, 404 pages, redirects, rate-limit pages — are not challenges."""

from __future__ import annotations

import pytest

from crawler.fetch.blocked import blocked_reason, visible_text
from crawler.fetch.challenges import asks_a_person, challenge_kind

URL = "http://a.gov.cn/col/t1.html"


def headers(**values: str | list[str]) -> dict[str, list[str]]:
    return {k.replace("_", "-").lower(): v if isinstance(v, list) else [v] for k, v in values.items()}


RUISHU = ("<html><head><meta content=\"{x}\" r='m'><script r='m'>var a=1;</script>"
          "<script src=\"/x.js\" r='m'></script></head><body></body></html>")
JIASULE = ("<html><body><script>document.cookie=('__jsl_clearance_s=')+(1+2)+';path=/';"
           "location.href=location.pathname+location.search</script></body></html>")
DETECTING = ("<html><head><title>安全检测中...</title></head><body><p>安全检测中，请稍候……</p>"
             "<script>setTimeout(function(){document.cookie='v=1;path=/';location.reload()},1500)"
             "</script></body></html>")
QUIET_RELOAD = ("<html><body><script>document.cookie='k='+(7*6)+';path=/';"
                "window.location.replace(window.location.href)</script></body></html>")
NOTICE = ("<html><head><title>关于召开会议的通知</title><script>document.cookie='vis=1';"
          "</script></head><body><h1>关于召开会议的通知</h1><p>" + "各位委员：会议定于下周召开。" * 30
          + "</p><script>location.href='#top'</script></body></html>")


@pytest.mark.parametrize("status, head, body, kind", [
    (412, {}, RUISHU, "ruishu"),
    (202, {}, RUISHU, "ruishu"),
    (521, headers(set_cookie="__jsluid_h=abc; path=/"), JIASULE, "jiasule"),
    (307, headers(set_cookie="wzws_cid=0af3; path=/", location="/WZWSREL?x=1"), "", "wzws"),
    (302, headers(set_cookie="wzws_cid=0af3; path=/", location=URL), "", "wzws"),
    (302, headers(location="/?wzwschallenge=V1pXU19DT05GSVJN"), "", "wzws"),
    (302, headers(set_cookie="srcurl=687474703a; path=/", location=URL), "", "cookie_redirect"),
    (302, headers(set_cookie="sid=9; path=/", location="/col/t1.html?verify=1"), "", "cookie_redirect"),
    (302, headers(location="/col/t1.html?security_verify_data=313932302c31303830"), "", "cookie_redirect"),
    (200, {}, DETECTING, "detecting"),
    (200, {}, QUIET_RELOAD, "detecting"),
])
def test_each_challenge_kind_is_recognised(status, head, body, kind):
    assert challenge_kind(status, head, body, URL) == kind


@pytest.mark.parametrize("status, head, body", [
    (200, {}, NOTICE),  # a notice whose page also sets a cookie from a script
    (404, {}, "<html><body><h1>页面不存在</h1></body></html>"),
    (412, {}, "<html><body>Precondition Failed</body></html>"),  # no 瑞数 markup
    (521, {}, "<html><body>Web server is down</body></html>"),
    (302, headers(location="http://a.gov.cn/"), ""),  # a redirect home, no cookie
    (302, headers(set_cookie="JSESSIONID=1; path=/", location="/other/t2.html"), ""),  # elsewhere
    (301, headers(location="/col/t1.html"), ""),  # back, but sets nothing
    (200, {}, "<html><body><h2>访问过于频繁，请稍后再试</h2></body></html>"),
])
def test_ordinary_answers_are_not_challenges(status, head, body):
    assert challenge_kind(status, head, body, URL) is None


def test_scrapy_headers_are_read_too():
    from scrapy.http import Headers

    head = Headers({"Set-Cookie": ["a=1", "wzws_cid=2"], "Location": "/x"})
    assert challenge_kind(307, head, b"", URL) == "wzws"


def test_a_200_detecting_page_is_blocked_not_a_layout_change():
    assert blocked_reason(200, DETECTING, visible_text(DETECTING)) == "challenge"
    assert blocked_reason(202, RUISHU, visible_text(RUISHU)) == "challenge"
    assert blocked_reason(200, NOTICE, visible_text(NOTICE)) is None


def test_a_captcha_asks_a_person():
    assert asks_a_person("<html><body><h3>安全验证</h3><p>请按住滑块，拖动到最右边</p></body></html>")
    assert not asks_a_person(DETECTING)
