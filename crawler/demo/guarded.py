"""Guarded demo sites: a small notice site behind one kind of bot challenge each.

``govarchive demo --guarded`` crawls one of each kind (:class:`GuardedDemo`, registry entries in
spiders/sites/demo-guarded.toml, demo keys ``guarded-<kind>``): every notice comes through a
session the crawl's browser earned. The tests start single sites with their own settings.

``GuardedSite(kind)`` serves a 通知公告 list (two pages, 下一页) and its notices, and robots.txt,
only to a client that sends a valid challenge cookie; everyone else gets the challenge of its
kind (see crawler/fetch/challenges.py for how each kind looks):

==================  ===========================================================================
kind                the challenge
==================  ===========================================================================
ruishu              412 (or ``status=202``), ``<meta content=M r='m'>``, a server cookie ``RS_S``;
                    the script computes ``RS_T`` from M and ``RS_S`` and reloads
jiasule             521, server cookie ``__jsluid_h``; the script computes ``__jsl_clearance_s``
                    from a value written in it and reloads
wzws                307 setting ``wzws_cid`` to ``/WZWSREL/verify?u=…``; that page's script
                    computes ``wzws_sid`` from ``wzws_cid`` and goes back to ``u``
cookie_redirect     302 setting ``srcurl`` back to the same URL; asked again with ``srcurl``, a
                    near-empty page whose script computes ``security_session_verify`` and reloads
detecting           200 "安全检测中" page; after a delay its script sets ``safe_v`` and reloads
==================  ===========================================================================

The computations are deliberately simple (they are not any WAF's): the point is that a
script must run in a browser. A passed cookie is bound to the User-Agent that earned it and
expires after ``max_uses`` requests or ``max_age`` seconds, after which the challenge comes back.

    with GuardedSite("jiasule", max_uses=10) as site:
        site.registry_toml("guarded-jiasule"); site.notices  # {url: title}
        site.challenges_served, site.passed                  # counters
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from html import escape
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

KINDS = ("ruishu", "jiasule", "wzws", "cookie_redirect", "detecting")
ORG = "政协白河市委员会"
LIST_PATHS = ("/tzgg/index.html", "/tzgg/index_1.html")
PER_PAGE = 4
DETAIL_PATTERN = r"/tzgg/\d{6}/t\d{8}_\d+\.html"
ROBOTS = "User-agent: *\nDisallow: /private/\n"
#: (server cookie carrying the seed, answer cookie the script computes) for each kind.
COOKIES = {
    "ruishu": ("RS_S", "RS_T"),
    "jiasule": ("__jsluid_h", "__jsl_clearance_s"),
    "wzws": ("wzws_cid", "wzws_sid"),
    "cookie_redirect": ("srcurl", "security_session_verify"),
    "detecting": ("safe_s", "safe_v"),
}
TITLES = (
    "关于召开政协白河市第五届委员会第三次会议的通知", "关于开展2024年度委员履职考评工作的通知",
    "关于征集2024年度重点提案线索的公告", "关于组织委员参加专题视察活动的通知",
    "关于做好社情民意信息报送工作的通知", "关于举办委员读书活动的通知",
    "关于调整界别小组召集人的通知", "关于公布优秀提案评选结果的通报",
)

#: One line of JavaScript both sides agree on: reverse the text, append a checksum.
JS_ANSWER = ("function answer(x){var s=0;for(var i=0;i<x.length;i++){s=(s*31+x.charCodeAt(i))%99991}"
             "return x.split('').reverse().join('')+'z'+s}")
JS_COOKIE = ("function cookie(n){var m=document.cookie.match(new RegExp('(?:^|; )'+n+'=([^;]*)'));"
             "return m?m[1]:''}")


def answer(value: str) -> str:
    total = 0
    for char in value:
        total = (total * 31 + ord(char)) % 99991
    return value[::-1] + "z" + str(total)


@dataclass
class Grant:
    """A seed handed to one User-Agent, and how much use its cookie has had."""

    user_agent: str
    issued: float
    meta: str = ""
    uses: int = 0


@dataclass
class Hit:
    path: str
    user_agent: str
    status: int
    passed: bool


@dataclass
class Notice:
    id: int
    path: str
    title: str
    day: str


def _notices() -> list[Notice]:
    found = []
    for i, title in enumerate(TITLES):
        day = f"2024{3 + i // 4:02d}{10 + i:02d}"
        found.append(Notice(3001 + i, f"/tzgg/{day[:6]}/t{day}_{3001 + i}.html", title, day))
    return found


NOTICES = _notices()


@dataclass
class GuardedSite:
    kind: str
    max_uses: int | None = None  # a passed cookie's requests
    max_age: float = 300.0  # a passed cookie's seconds
    status: int | None = None  # 瑞数: 412 or 202
    delay_ms: int = 300  # 安全检测中: how long the page waits before it reloads
    guard_robots: bool = True
    open: bool = False  # no challenge at all (a WAF switched off)
    disallow: tuple[str, ...] = ()  # more paths robots.txt disallows
    cookie_only: bool = False  # the server's own cookie is enough (no script must run)
    captcha: bool = False  # (ruishu) the challenge page asks a person to slide a slider (never passed)
    challenges_served: int = 0
    passed: int = 0
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"no guarded kind {self.kind!r}: {', '.join(KINDS)}")
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def __enter__(self) -> GuardedSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's name)
                site._handle(self)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def notices(self) -> dict[str, str]:
        return {self.base + n.path: n.title for n in NOTICES}

    def registry_toml(self, name: str, delay: float = 0.0) -> str:
        return (
            "[[site]]\n"
            f'name = "{name}"\n'
            f'organisation = "{ORG}（{self.kind}）"\n'
            'province = "测试省"\n'
            'org_type = "政协"\n'
            'cms = "generic"\n'
            f'home_url = "{self.base}/"\n'
            f"detail_pattern = '{DETAIL_PATTERN}'\n"
            f'lists = [ {{ url = "{self.base}{LIST_PATHS[0]}", channel = ["通知公告"] }} ]\n'
            f"politeness = {{ delay = {delay}, concurrency = 2 }}\n"
        )

    # -- one request ----------------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(req.path)
        path, query = parts.path, parse_qs(parts.query)
        user_agent = req.headers.get("User-Agent", "")
        cookies = {k: m.value for k, m in SimpleCookie(req.headers.get("Cookie", "")).items()}
        if self.kind == "wzws" and path == "/WZWSREL/verify":
            return self._send(req, 200, _page("", self._wzws_verify(query.get("u", ["/"])[0])), hit=(path, user_agent, False))
        if path == "/favicon.ico":  # a browser asks for it on its own; not guarded
            return self._send(req, 404, "", hit=(path, user_agent, False))
        guarded = self.guard_robots or path != "/robots.txt"
        ok = self.open or not guarded or self._valid(cookies, user_agent)
        if not ok:
            with self._lock:
                self.challenges_served += 1
            status, headers, body = self._challenge(req.path, cookies, user_agent)
            return self._send(req, status, body, headers, hit=(path, user_agent, False))
        with self._lock:
            self.passed += 1
        status, ctype, body = self._content(path)
        self._send(req, status, body, ctype=ctype, hit=(path, user_agent, True))

    def _valid(self, cookies: dict[str, str], user_agent: str) -> bool:
        server_name, answer_name = COOKIES[self.kind]
        seed = cookies.get(server_name)
        with self._lock:
            grant = self._grants.get(seed or "")
            if grant is None or grant.user_agent != user_agent:
                return False
            if not self.cookie_only and cookies.get(answer_name) != answer(grant.meta + seed):
                return False
            expired = (time.monotonic() - grant.issued > self.max_age
                       or (self.max_uses is not None and grant.uses >= self.max_uses))
            if expired:
                del self._grants[seed]
                return False
            grant.uses += 1
            return True

    def _grant(self, user_agent: str, meta: str = "") -> str:
        seed = secrets.token_hex(8)
        with self._lock:
            self._grants[seed] = Grant(user_agent, time.monotonic(), meta)
        return seed

    def _challenge(self, target: str, cookies: dict, user_agent: str) -> tuple[int, list, str]:
        server_name, answer_name = COOKIES[self.kind]
        if self.captcha:  # the kind's look, but a person must act: no script sets the cookie
            head = "<meta id=\"rsm\" content=\"0\" r='m'><script r='m'>var nc=1;</script>"
            slider = "<h3>安全验证</h3><p>请按住滑块，拖动到最右边</p><div id=\"nc\"></div>"
            return self.status or 412, [], _page(head, slider)
        if self.kind == "ruishu":
            meta = secrets.token_hex(6)
            seed = self._grant(user_agent, meta)
            script = (f"<script r='m'>{JS_ANSWER};{JS_COOKIE};var m=document.getElementById('rsm').content;"
                      f"document.cookie='{answer_name}='+answer(m+cookie('{server_name}'))+'; path=/';"
                      "location.reload()</script>")
            head = f"<meta id=\"rsm\" content=\"{meta}\" r='m'>\n{script}"
            return self.status or 412, [_set(server_name, seed)], _page(head, "")
        if self.kind == "jiasule":
            seed = self._grant(user_agent)
            script = (f"<script>{JS_ANSWER};document.cookie='{answer_name}='+answer('{seed}')+';path=/';"
                      "location.href=location.pathname+location.search</script>")
            return 521, [_set(server_name, seed, http_only=True)], _page("", script)
        if self.kind == "wzws":
            seed = self._grant(user_agent)
            return 307, [_set(server_name, seed), ("Location", f"/WZWSREL/verify?u={quote(target)}")], ""
        if self.kind == "cookie_redirect":
            seed = cookies.get(server_name)
            with self._lock:
                known = seed in self._grants and self._grants[seed].user_agent == user_agent
            if not known:  # first step: a cookie, and back to where you were
                seed = self._grant(user_agent)
                return 302, [_set(server_name, seed), ("Location", target)], ""
            script = (f"<script>{JS_ANSWER};{JS_COOKIE};document.cookie='{answer_name}='"
                      f"+answer(cookie('{server_name}'))+';path=/';location.reload()</script>")
            return 200, [], _page("", script)
        seed = self._grant(user_agent)  # detecting
        script = (f"<script>{JS_ANSWER};setTimeout(function(){{document.cookie='{answer_name}='"
                  f"+answer('{seed}')+';path=/';location.reload()}},{self.delay_ms})</script>")
        body = ('<div style="margin:120px auto;text-align:center"><h3>安全检测中……</h3>'
                "<p>请稍候，正在进行安全检测，页面将自动跳转。</p></div>")
        return 200, [_set(server_name, seed, http_only=True)], _page("<title>安全检测中</title>", body + script)

    def _wzws_verify(self, back: str) -> str:
        server_name, answer_name = COOKIES["wzws"]
        return (f"<script>{JS_ANSWER};{JS_COOKIE};document.cookie='{answer_name}='"
                f"+answer(cookie('{server_name}'))+';path=/';location.replace({back!r})</script>")

    def _content(self, path: str) -> tuple[int, str, str]:
        if path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", ROBOTS + "".join(f"Disallow: {p}\n" for p in self.disallow)
        if path in LIST_PATHS:
            return 200, "text/html; charset=utf-8", _list(LIST_PATHS.index(path))
        for notice in NOTICES:
            if notice.path == path:
                return 200, "text/html; charset=utf-8", _notice(notice)
        if path in ("/", "/index.html"):
            return 200, "text/html; charset=utf-8", _page(f"<title>{ORG}</title>", f'<a href="{LIST_PATHS[0]}">通知公告</a>')
        return 404, "text/html; charset=utf-8", _page("<title>404</title>", "<h1>页面不存在</h1>")

    def _send(self, req, status: int, body: str, headers: list | None = None, *,
              ctype: str = "text/html; charset=utf-8", hit: tuple) -> None:
        data = body.encode("utf-8")
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(data)))
        for name, value in headers or []:
            req.send_header(name, value)
        req.end_headers()
        req.wfile.write(data)
        with self._lock:
            self.hits.append(Hit(hit[0], hit[1], status, hit[2]))


def _set(name: str, value: str, *, http_only: bool = False) -> tuple[str, str]:
    return ("Set-Cookie", f"{name}={value}; Path=/" + ("; HttpOnly" if http_only else ""))


def _page(head: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n{head}\n</head>\n'
            f"<body>\n{body}\n</body></html>\n")


def _list(page: int) -> str:
    chunk = NOTICES[page * PER_PAGE:(page + 1) * PER_PAGE]
    items = "".join(f'<li><span>{n.day[:4]}-{n.day[4:6]}-{n.day[6:]}</span>'
                    f'<a href="{n.path}" title="{escape(n.title)}">{escape(n.title)}</a></li>\n'
                    for n in chunk)
    more = (f'<a href="{LIST_PATHS[page + 1]}">下一页</a>' if page + 1 < len(LIST_PATHS)
            else "<span>下一页</span>")
    return _page(f"<title>通知公告_{ORG}</title>",
                 f'<div class="nav"><a href="/">首页</a></div><h2>通知公告</h2>\n'
                 f'<ul class="list">\n{items}</ul>\n<div class="pages">{more}</div>')


def _notice(notice: Notice) -> str:
    day = f"{notice.day[:4]}-{notice.day[4:6]}-{notice.day[6:]}"
    paragraphs = "".join(
        f"<p>{text}</p>\n" for text in (
            "各位委员：",
            f"根据市政协工作安排，现就{notice.title[2:-3]}有关事项通知如下，请各位委员认真做好准备，"
            "按时参加，并将有关材料于规定时间前报送市政协办公室。",
            "一、时间地点另行通知。二、请各专门委员会做好组织协调工作，确保各项工作有序推进。",
            "联系人：办公室，联系电话：0000-1234567。",
            f"{ORG}办公室",
        ))
    return _page(f'<title>{escape(notice.title)}_{ORG}</title>\n<meta name="ArticleTitle" content="{escape(notice.title)}">'
                 f'\n<meta name="PubDate" content="{day} 09:00">',
                 f'<div class="nav"><a href="/">首页</a> &gt; <a href="{LIST_PATHS[0]}">通知公告</a></div>\n'
                 f'<div class="article"><h1>{escape(notice.title)}</h1>\n<div class="info">发布时间：{day}</div>\n'
                 f'<div class="content">{paragraphs}</div></div>')


def demo_key(kind: str) -> str:
    """The registry's ``demo`` key of the guarded demo site of ``kind``."""
    return "guarded-" + kind.replace("_", "-")


GUARDED_KEYS = {demo_key(kind): kind for kind in KINDS}


def is_guarded(key: str) -> bool:
    return key in GUARDED_KEYS


class GuardedDemo:
    """One guarded site per challenge kind, each on a free port of 127.0.0.1, as the demo
    serves them: cookies bound to the User-Agent, lasting 300 s.

    >>> with GuardedDemo() as demo:
    ...     demo.bases   # {"guarded-ruishu": "http://127.0.0.1:40123", ...}
    """

    def __init__(self):
        self.sites = {key: GuardedSite(kind) for key, kind in GUARDED_KEYS.items()}
        self.bases: dict[str, str] = {}

    def start(self) -> dict[str, str]:
        for key, site in self.sites.items():
            if key not in self.bases:
                site.__enter__()
                self.bases[key] = site.base
        return dict(self.bases)

    def stop(self) -> None:
        for key in list(self.bases):
            self.sites[key].__exit__(None, None, None)
            del self.bases[key]

    def __enter__(self) -> GuardedDemo:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
