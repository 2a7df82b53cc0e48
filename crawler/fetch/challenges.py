"""Bot challenges: answers that want a browser to run a script before the page is given.

Chinese government sites sit behind a few kinds of WAF that answer a plain HTTP client with a
script instead of the page. The script computes a cookie (from values the server put in the
page or in a cookie) and reloads; the page comes to a client that sends that cookie with the
same User-Agent. Each kind is recognised here from what the answer shows — status, cookies set,
where it redirects, markup — as rows of data, so a new WAF is a new row, not new code.

Recognising is all this module does: what the crawler then does (a reader's visit in a real
browser, see :mod:`crawler.fetch.sessions`) is elsewhere. Nothing here imitates a script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from crawler.fetch.blocked import PHRASES, visible_text


@dataclass(frozen=True)
class ChallengeKind:
    """One WAF's way of challenging: every test given must hold (empty tests hold)."""

    name: str
    label: str  # what a person calls it
    statuses: frozenset[int]
    body: tuple[re.Pattern, ...] = ()  # every pattern must be found in the body
    cookies: tuple[str, ...] = ()  # the answer sets a cookie whose name starts so
    location: tuple[str, ...] = ()  # the redirect target contains one of these
    loops_back: bool = False  # the redirect leads back to the URL asked for
    short_page: bool = False  # the page says (almost) nothing a reader could read


def _rx(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I | re.S) for p in patterns)


REDIRECTS = frozenset({301, 302, 303, 307, 308})
SCRIPT = r"<script"
SETS_COOKIE = r"document\.cookie\s*="
RELOADS = r"location\.(?:reload|replace|href|assign)|location\s*=|window\.location"
#: What a "checking your browser" page says while its script runs (安全狗, 云锁 and the like).
DETECTING = r"安全检测中|正在进行安全检测|浏览器安全检查|正在验证浏览器|请稍候[，,]?\s*正在|Checking your browser"

#: The kinds, most specific first. A page that fits none is not a challenge.
KINDS: tuple[ChallengeKind, ...] = (
    ChallengeKind("ruishu", "瑞数 (412/202, <meta r='m'> and a script)", frozenset({412, 202}),
                  body=_rx(r"<meta\b[^>]*\br\s*=\s*['\"]?m\b", SCRIPT)),
    ChallengeKind("jiasule", "加速乐 (521, a script computing __jsl_clearance)", frozenset({521}),
                  body=_rx(SCRIPT, r"__jsl_clearance|" + SETS_COOKIE)),
    ChallengeKind("wzws", "WZWS (a redirect setting wzws_cid)", REDIRECTS, cookies=("wzws_",)),
    ChallengeKind("wzws", "WZWS (a redirect to its verify page)", REDIRECTS,
                  location=("wzwschallenge", "WZWSREL")),
    ChallengeKind("cookie_redirect", "a redirect that sets a cookie and sends you back", REDIRECTS,
                  cookies=("",), loops_back=True),
    ChallengeKind("cookie_redirect", "a redirect to a security verify step", REDIRECTS,
                  location=("security_verify", "security_session")),
    ChallengeKind("detecting", "安全检测中: a 200 page whose script sets a cookie and reloads",
                  frozenset({200, 202, 403, 503}), body=_rx(DETECTING, SETS_COOKIE)),
    ChallengeKind("detecting", "a near-empty page whose script sets a cookie and reloads",
                  frozenset({200}), body=_rx(SCRIPT, SETS_COOKIE, RELOADS), short_page=True),
)
#: What a person calls each kind (the rows above say how it shows).
LABELS = {"ruishu": "瑞数", "jiasule": "加速乐", "wzws": "WZWS",
          "cookie_redirect": "a cookie redirect (openresty-style)", "detecting": "a 安全检测中 page"}
SHORT_PAGE = 200  # visible characters: a challenge shows (almost) none
#: Words that say a person must act (slide, type, click): no browser visit may pass these.
CAPTCHA_WORDS = PHRASES["captcha"]


def set_cookie_names(headers) -> list[str]:
    """Names of the cookies an answer sets (Scrapy Headers, or a plain dict of lists)."""
    values = headers.getlist(b"Set-Cookie") if hasattr(headers, "getlist") else headers.get("set-cookie", [])
    names = []
    for value in values:
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        names.append(text.split("=", 1)[0].strip())
    return names


def _location(headers) -> str:
    value = headers.get(b"Location") if hasattr(headers, "getlist") else (headers.get("location") or [""])[0]
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value or ""


def _same_place(url: str, target: str) -> bool:
    """A redirect back to the URL asked for (its path; a verify parameter may be added)."""
    asked, going = urlsplit(url), urlsplit(urljoin(url, target))
    return (asked.netloc.lower(), asked.path or "/") == (going.netloc.lower(), going.path or "/")


def challenge_kind(status: int, headers, body: bytes | str, url: str = "") -> str | None:
    """The kind of bot challenge an answer is ("ruishu", "jiasule", "wzws",
    "cookie_redirect", "detecting"), or None when it is not one.

    ``headers``: Scrapy's Headers (or {lower-case name: [values]}); ``body``: the raw answer.
    """
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else (body or "")
    cookies = set_cookie_names(headers)
    location = _location(headers)
    shown = None
    for kind in KINDS:
        if status not in kind.statuses:
            continue
        if kind.cookies and not any(n.lower().startswith(c) for n in cookies for c in kind.cookies):
            continue
        if kind.location and not any(m.lower() in location.lower() for m in kind.location):
            continue
        if kind.loops_back and not (location and _same_place(url, location)):
            continue
        if not all(pattern.search(text) for pattern in kind.body):
            continue
        if kind.short_page:
            shown = visible_text(text) if shown is None else shown
            if len(shown) > SHORT_PAGE:
                continue
        return kind.name
    return None


def asks_a_person(html: str) -> bool:
    """A CAPTCHA: the page wants a person to slide, click or type. Never solved."""
    return any(word in visible_text(html) for word in CAPTCHA_WORDS)
