"""Blocked is not content: telling WAF challenges and interstitials from notices.

Government sites sit behind WAFs (瑞数/Rivers Security answers 412 with a script that sets a
cookie, 加速乐/云锁 answer 521 with ``document.cookie=…``), rate limiters (访问过于频繁),
captchas (安全验证) and templates served with status 200 (a login form, 系统繁忙). None of
these may become a notice, a new version, or a takedown strike: they are counted in the
run's health and the URL is tried again on a later run.
"""

from __future__ import annotations

import re

CHALLENGE_STATUSES = {412, 521, 403, 429, 405, 202}  # 202: 瑞数 answers so too
CHALLENGE_MARKERS = ("$_ts", "document.cookie", "window.location.reload", "__jsl_clearance",
                     "_0x", "eval(function(p,a,c,k,e", "challenge")
PHRASES = {
    "rate_limited": ("访问过于频繁", "请求过于频繁", "访问频率过高", "操作过于频繁", "请稍后再试",
                     "请求过多", "访问太频繁", "Too Many Requests"),
    "captcha": ("安全验证", "滑动验证", "人机验证", "请完成验证", "拖动滑块", "请输入验证码"),
    "error_page": ("系统繁忙", "服务器繁忙", "出错了", "系统错误", "访问出错", "网站维护中",
                   "Service Unavailable"),
    "waf": ("网站防火墙", "安全狗", "云锁", "您的访问被拦截", "访问被拒绝", "拦截", "Web应用防火墙"),
}
LOGIN_RE = re.compile(r"用户登录|登录系统|请登录")
PASSWORD_RE = re.compile(r"type\s*=\s*['\"]?password", re.I)
SHORT_TEXT = 400  # a notice says more than an interstitial does


def blocked_reason(status: int, raw_html: str, visible_text: str) -> str | None:
    """"challenge", "rate_limited", "captcha", "login", "error_page", "waf", or None.

    ``raw_html`` is the decoded page; ``visible_text`` what extraction found on it (its own
    reading, without list hints), which is short on an interstitial.
    """
    if status in CHALLENGE_STATUSES and status != 429 and any(m in raw_html for m in CHALLENGE_MARKERS):
        return "challenge"
    from crawler.fetch.challenges import challenge_kind  # it reads this module's phrases

    if challenge_kind(status, {}, raw_html):  # e.g. a 200 "安全检测中" page, a 202 瑞数 page
        return "challenge"
    if status == 429:
        return "rate_limited"
    if len(visible_text) > SHORT_TEXT:
        return None
    if LOGIN_RE.search(visible_text + raw_html[:20000]) and PASSWORD_RE.search(raw_html):
        return "login"
    for kind, phrases in PHRASES.items():
        if any(phrase in visible_text for phrase in phrases):
            return kind
    if status in CHALLENGE_STATUSES:
        return "waf"
    return None


def visible_text(html: str) -> str:
    """The words a reader sees on a page (no scripts or styles), whitespace folded."""
    from crawler.extract.repair import parse

    root = parse(html or "")  # the whole page: libxml2 alone stops at a stray </html>
    for node in root.iter("script", "style", "noscript"):
        node.text = ""
    return " ".join(root.text_content().split())
