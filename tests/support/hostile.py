"""A hostile government website for tests: slow, broken, trapped and guarded, on purpose.

``HostileSite`` is a small HTTP/1.1 server on raw sockets (stdlib only) that serves a
realistic 政协 site — 通知公告 list pages paged by 下一页, notices with a title, date line,
body and footer — where many of the linked notices misbehave the way real government
servers do. Everything is deterministic and logged, so a test can crawl it and then say
exactly what a polite, robust crawler must have archived and what it must have given up on.

    with HostileSite() as site:
        path = tmp_path / "hostile.toml"
        path.write_text(site.registry_toml(), encoding="utf-8")
        ...crawl with GOVARCHIVE_REGISTRY=path...
        for url, want in site.expected.items(): ...
        site.hits                        # every request, both hosts

Two hosts (two ports on 127.0.0.1): ``site.base`` serves the site, ``site.other_base`` only
the end of a cross-host redirect chain (and its own robots.txt).

The faults (one path each; ``D`` is the notice's date as YYYYMMDD, ``N`` its id). "kind" is
what ``site.expected`` says a crawl that starts with fresh counters must end with, assuming
3 attempts per URL (1 + RETRY_TIMES=2):

====================  =====================================  ===============================  =================
fault                 path                                   behaviour                        kind
====================  =====================================  ===============================  =================
burst503              /tzgg/burst503/tD_N.html               503 on requests 1-2, then page   archive
burst500              /tzgg/burst500/tD_N.html               500 on requests 1-5, then page   http_500, later
                                                                                              archive
always502             /tzgg/always502/tD_N.html              502 always                       http_502
retry429              /tzgg/retry429/tD_N.html               429 + Retry-After: 2 once        archive
retry503date          /tzgg/retry503date/tD_N.html           503 + Retry-After: HTTP-date     archive
                                                             3 s ahead, once
hang                  /tzgg/hang/tD_N.html                   reads the request, never         timeout
                                                             answers until the client closes
drip                  /tzgg/drip/tD_N.html                   200 headers, body 1 byte/second  timeout
reset                 /tzgg/reset/tD_N.html                  part of the headers, then RST    connection_lost
short                 /tzgg/short/tD_N.html                  Content-Length > body, then FIN  dataloss
badgzip               /tzgg/badgzip/tD_N.html                Content-Encoding: gzip, plain    bad_gzip
                                                             HTML body
loop                  /tzgg/loop/tD_N.html                   302 → /go/loop-b → 302 → back    redirect_loop
chain                 /tzgg/chain/tD_N.html                  302 → /go/hop2 → 301 → other     archive (final
                                                             host /go/hop3 → 302 → notice     URL on other)
home                  /tzgg/moved/tD_N.html                  302 → /                          redirect_home
big                   /tzgg/big/tD_N.html                    50 MiB text/html, streamed       too_large
png                   /tzgg/png/tD_N.html                    a PNG as text/html;charset=utf-8 not_html
pdf                   /tzgg/pdf/tD_N.html                    a PDF as text/html;charset=utf-8 not_html
empty                 /tzgg/empty/tD_N.html                  200, empty body                  empty
unclosed              /tzgg/unclosed/tD_N.html               no </p></div></li>… anywhere     archive
earlyhtml             /tzgg/earlyhtml/tD_N.html              </body></html> after the nav    archive
gbk_as_utf8           /tzgg/gbk-utf8/tD_N.html               GBK bytes, header+meta utf-8     archive
utf8_as_gbk           /tzgg/utf8-gbk/tD_N.html               UTF-8 bytes, header+meta gbk     archive
gbk_nocharset         /tzgg/gbk-plain/tD_N.html              GBK bytes, no charset anywhere   archive
waf412                /tzgg/waf412/tD_N.html                 412 瑞数-style $_ts challenge     blocked *
waf521                /tzgg/waf521/tD_N.html                 521 document.cookie + reload     blocked *
toofast               /tzgg/toofast/tD_N.html                200 访问过于频繁，请稍后再试       blocked *
captcha               /tzgg/captcha/tD_N.html                200 安全验证 slider captcha        blocked *
login                 /tzgg/login/tD_N.html                  200 用户登录 form in site chrome   blocked *
busy                  /tzgg/busy/tD_N.html                   200 系统繁忙/出错了 in site chrome blocked *
private               /nbgl/YYYYMM/tD_N.html                 a notice robots.txt disallows    robots_disallowed
                                                                                              (archive when
                                                                                              robots missing
                                                                                              or error)
====================  =====================================  ===============================  =================

``*`` with ``site.blocking = False`` these serve their notice (kind ``archive``).

Traps and aliases (also in ``site.expected``):

- ``/cal?month=YYYY-MM`` (a registry column): a calendar whose every month links the month
  before (上个月) and has a 下一页 to the month after, forever. Kind ``trap``.
- ``/list?page=N`` (a registry column): a pager that never ends; page N links one new
  notice-looking junk URL ``/list/item/t20240101_{800000+N}.html``. Kind ``trap``.
- Notices 1001-1003 are also linked, from every list page's 热点关注 sidebar, as
  ``;jsessionid=…`` and ``?sid=…`` (a new id on every response), with ``utm_*``, ``spm``,
  ``from=timeline&isappinstalled=0`` tracking parameters, with an upper-case ``HTTP://``
  scheme and with lower-case percent-encoding; every form serves the same page. Each must
  end as one archived notice (``expected[url]["aliases"]``).
- ``site.lists_empty = True``: the 通知公告 list pages answer 200 in full chrome with no
  notice links and no pager (a redesign that moved the list into a script).

``site.robots``: ``normal`` (Disallow /nbgl/, /admin/, /search/), ``missing`` (404),
``error`` (500), ``huge`` (~2 MB of comments and other bots' groups, the ``*`` group at the
very end) or ``crawl_delay`` (normal + ``Crawl-delay: 1``); both hosts answer the same.

Flaky pages (burst503, burst500, retry429, retry503date) count their requests across runs;
``site.reset_counters()`` makes them flaky again, as on a second night.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import random
import re
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import formatdate
from html import escape
from http import HTTPStatus
from urllib.parse import parse_qs, quote, unquote, urlsplit

# -- what a crawl must end with ------------------------------------------------------------------

#: Every outcome name ``expected`` uses, in one place (the crawler's FetchFailed reasons are
#: ``http_NNN``, ``timeout``, ``too_large``, ``not_html``, ``redirect_home``, ``robots_disallowed``).
KINDS = {
    "archive": "archived as a notice whose title is exactly expected[url]['title']",
    "http_500": "given up after 3 attempts that all answered 500 (a later run archives it)",
    "http_502": "given up: 502 on every attempt",
    "timeout": "given up: no complete answer within the download timeout",
    "dataloss": "given up: the connection closed before Content-Length bytes of body came",
    "connection_lost": "given up: the connection was reset (RST) before a whole answer came",
    "bad_gzip": "given up: Content-Encoding gzip on a body that is not gzip",
    "redirect_loop": "given up: redirects that come back to where they started",
    "redirect_home": "not a notice: the link redirects to the home page",
    "too_large": "given up: a page larger than the page size limit",
    "not_html": "not a notice: the bytes are a PNG or a PDF whatever the Content-Type says",
    "empty": "not a notice: 200 with an empty body",
    "blocked": "not a notice: a WAF challenge, rate limit, captcha, login or error template",
    "robots_disallowed": "never fetched: robots.txt disallows it",
    "trap": "a list that never ends: the walk must stop, bounded",
    "list": "a column list page that yields notice links",
    "empty_list": "a column list page that answers 200 but yields no notice links",
}

ROBOTS_MODES = ("normal", "missing", "error", "huge", "crawl_delay")
DETAIL_PATTERN = r"/t\d{8}_\d+\.html"
ORG = "政协青山市委员会"
LIST_PATH = "/tzgg/index.html"
CALENDAR_START = "/cal?month=2020-01"
PAGER_START = "/list?page=1"
PAGER_ITEM_BASE = 800000
PER_PAGE = 14
BIG_SIZE = 50 * 1024 * 1024
DRIP_INTERVAL = 1.0
SEND_STALL = 60.0  # seconds a client may read nothing before the server gives up on it
BURST_503, BURST_500 = 2, 5  # failing requests before the page


@dataclass(frozen=True)
class Fault:
    name: str
    slug: str  # the folder under /tzgg/ (private: the disallowed folder)
    behaviour: str
    kind: str  # outcome of a crawl with fresh counters (blocking on, robots normal)
    title: str  # the notice this URL is (served when the fault lets it through)


FAULTS: tuple[Fault, ...] = (
    Fault("burst503", "burst503", "503 on the first 2 requests, then the notice", "archive",
          "关于开展2024年度民主评议政风行风工作的通知"),
    Fault("burst500", "burst500", "500 on the first 5 requests, then the notice", "http_500",
          "关于召开界别活动组工作座谈会的通知"),
    Fault("always502", "always502", "502 Bad Gateway on every request", "http_502",
          "关于开展机关作风建设专项整治的通知"),
    Fault("retry429", "retry429", "429 with Retry-After: 2 on the first request, then the notice",
          "archive", "关于报送2024年第一季度委员履职情况的通知"),
    Fault("retry503date", "retry503date",
          "503 with Retry-After: <HTTP-date 3 s ahead> on the first request, then the notice",
          "archive", "关于开展政协委员“进社区、听民声”活动的通知"),
    Fault("hang", "hang", "reads the request and never answers, until the client closes", "timeout",
          "关于做好政协委员年度履职报告撰写工作的通知"),
    Fault("drip", "drip", "200 and headers at once, then the body 1 byte per second", "timeout",
          "关于召开全市政协系统办公室主任会议的通知"),
    Fault("reset", "reset", "sends part of the headers, then resets the connection (RST)",
          "connection_lost", "关于做好政协机关保密工作的通知"),
    Fault("short", "short", "Content-Length of the whole page, 40% of the body, then close",
          "dataloss", "关于开展2024年度政协理论研究课题申报的通知"),
    Fault("badgzip", "badgzip", "Content-Encoding: gzip on a plain HTML body", "bad_gzip",
          "关于组织参加全省政协系统培训的通知"),
    Fault("loop", "loop", "302 to /go/loop-b, which 302s back here", "redirect_loop",
          "关于规范政协机关公文处理工作的通知"),
    Fault("chain", "chain",
          "302 to /go/hop2, 301 to the other host's /go/hop3, 302 to the notice there",
          "archive", "关于举办“书香政协”读书分享会的通知"),
    Fault("home", "moved", "302 to / (the home page)", "redirect_home",
          "关于调整政协委员联络组设置的通知"),
    Fault("big", "big", "a 50 MiB text/html page, streamed", "too_large",
          "关于印发政协青山市委员会全体会议文件汇编的通知"),
    Fault("png", "png", "PNG bytes served as text/html; charset=utf-8", "not_html",
          "关于政协大楼维修期间临时办公地点的公告"),
    Fault("pdf", "pdf", "PDF bytes served as text/html; charset=utf-8", "not_html",
          "关于公布2023年度优秀社情民意信息的通报"),
    Fault("empty", "empty", "200 with an empty body", "empty",
          "关于征订《青山政协》杂志的通知"),
    Fault("unclosed", "unclosed", "the notice with no closing </p> </div> </li> </span> </td>",
          "archive", "关于做好全市政协系统信息宣传工作的通知"),
    Fault("earlyhtml", "earlyhtml", "the notice with </body></html> right after the navigation",
          "archive", "关于开展社情民意信息工作年度考评的通知"),
    Fault("gbk_as_utf8", "gbk-utf8", "GBK bytes; header and meta say charset=utf-8", "archive",
          "关于表彰朱喆等优秀政协委员的决定"),
    Fault("utf8_as_gbk", "utf8-gbk", "UTF-8 bytes; header and meta say charset=gbk", "archive",
          "关于召开全市政协系统提案工作会议的通知"),
    Fault("gbk_nocharset", "gbk-plain", "GBK bytes; no charset in the header or the page", "archive",
          "关于征集政协青山市委员会成立四十周年史料的启事"),
    Fault("waf412", "waf412", "412 瑞数-style challenge (<meta id=…>, $_ts script, cookie)", "blocked",
          "关于开展重点提案督办工作的通知"),
    Fault("waf521", "waf521", "521 加速乐-style document.cookie=… then reload", "blocked",
          "关于做好政协委员联络站建设工作的通知"),
    Fault("toofast", "toofast", "200 WAF page: 访问过于频繁，请稍后再试", "blocked",
          "关于组织委员参加全市重点项目视察的通知"),
    Fault("captcha", "captcha", "200 安全验证 slider-captcha page", "blocked",
          "关于召开民主党派工作联席会议的通知"),
    Fault("login", "login", "200 用户登录 template (用户名/密码 form) in the site's chrome", "blocked",
          "关于开展政协协商议题征集工作的公告"),
    Fault("busy", "busy", "200 系统繁忙/出错了 error template in the site's chrome", "blocked",
          "关于做好2024年度委员述职工作的通知"),
    Fault("private", "nbgl", "a good notice under /nbgl/, which robots.txt disallows",
          "robots_disallowed", "关于政协机关内部事务管理的通知"),
)
FAULT_BY_NAME = {f.name: f for f in FAULTS}
BLOCKED = ("waf412", "waf521", "toofast", "captcha", "login", "busy")
FLAKY = {"burst503": BURST_503, "burst500": BURST_500, "retry429": 1, "retry503date": 1}

#: The good notices (id → title). 1001-1003 are also linked in alias forms.
GOOD: dict[int, str] = {
    1001: "关于召开政协青山市第六届委员会常务委员会第十二次会议的通知",
    1002: "关于征集政协青山市第六届委员会第四次会议提案线索的公告",
    1003: "关于开展2024年度“委员读书月”活动的通知",
    1004: "关于做好2024年政协委员履职档案填报工作的通知",
    1005: "关于印发《政协青山市委员会2024年度协商工作计划》的通知",
    1006: "关于举办全市政协系统新任委员履职能力培训班的通知",
    1007: "关于推荐2023年度优秀政协提案的通知",
    1008: "政协青山市委员会办公室关于2024年清明节放假安排的通知",
    1009: "关于组织开展“同心助力乡村振兴”专题视察活动的通知",
    1010: "关于公布政协青山市第六届委员会第三次会议提案立案情况的公告",
    1011: "关于做好政协文史资料征集工作的通知",
    1012: "关于调整政协青山市委员会专门委员会组成人员的通知",
}
#: 1003 lives in a folder with a Chinese name, so its links are percent-encoded.
CHINESE_FOLDER = "通知公告"

# -- content ---------------------------------------------------------------------------------------

_PEOPLE = ["张磊", "李静", "王建国", "刘芳", "陈晓东", "杨帆", "赵敏", "黄志强", "周丽", "吴涛"]
_GREETINGS = ["各专门委员会、各界别召集人，全体市政协委员：", "各县（市、区）政协，市政协各参加单位，机关各部门：",
              "全体市政协委员：", "市政协各专门委员会，机关各科室："]
_AIMS = ["进一步提高政协协商议政质量", "充分发挥政协委员主体作用", "推动政协履职工作提质增效",
         "加强和改进新时代人民政协工作", "不断提升专门协商机构效能"]
_SECTIONS = [
    ("时间和地点", "时间：{md}上午9:00。地点：市政协机关三楼第一会议室（青山市人民大道88号）。"),
    ("参加人员", "市政协主席、副主席、秘书长，市政协常务委员，各专门委员会主任，各县（市、区）政协主席。"),
    ("主要内容", "听取和审议市政协有关工作情况的报告；围绕年度重点协商议题开展协商讨论；研究部署下一阶段工作。"),
    ("有关要求", "请各单位高度重视，认真组织，确保按时完成各项工作任务。因特殊情况不能参加的，请提前向市政协办公室请假。"),
    ("报送方式", "请于{md}前将相关材料纸质版一式两份报送市政协办公室，电子版发送至指定邮箱，逾期不再受理。"),
    ("工作安排", "此项工作分动员部署、组织实施、总结提升三个阶段进行，各单位要结合实际制定具体方案，明确责任分工。"),
    ("组织领导", "成立工作领导小组，由市政协秘书长任组长，办公室、研究室负责同志任副组长，统筹推进各项工作。"),
]


@dataclass(frozen=True)
class NoticePage:
    """One notice of the hostile site: where it is and what it says."""

    id: int
    path: str  # canonical path, not percent-encoded
    title: str
    day: date
    greeting: str
    paragraphs: tuple[str, ...]
    contact: str
    signer: str

    @property
    def quoted_path(self) -> str:
        return quote(self.path)


def _core(title: str) -> str:
    core = re.sub(r"^.*?关于", "", title)
    return re.sub(r"的(通知|公告|决定|启事|通报)$", "", core)


def _make_notice(nid: int, title: str, day: date, path: str) -> NoticePage:
    rng = random.Random(nid)
    md = f"{day.month}月{day.day + 3 if day.day < 26 else day.day}日"
    intro = (f"为深入学习贯彻党的二十大精神，{rng.choice(_AIMS)}，根据市政协2024年度工作要点安排，"
             f"经研究，决定{_core(title)}。现将有关事项通知如下：")
    sections = rng.sample(_SECTIONS, 3)
    numerals = "一二三四"
    paragraphs = [intro]
    for i, (heading, text) in enumerate(sections):
        paragraphs.append(f"{numerals[i]}、{heading}")
        paragraphs.append(text.format(md=md))
    person = rng.choice(_PEOPLE)
    contact = f"联系人：{person}，联系电话：0797-82{rng.randint(10000, 99999)}。"
    return NoticePage(nid, path, title, day, rng.choice(_GREETINGS), tuple(paragraphs), contact,
                      "政协青山市委员会办公室")


def _build_catalogue() -> tuple[list[NoticePage], dict[str, NoticePage], dict[str, NoticePage]]:
    """The 通知公告 list in display order (newest first), good notices by path, faults by name."""
    # Display order: good notices and faults interleaved.
    order: list[int | str] = []
    faults = [f.name for f in FAULTS]
    goods = list(GOOD)
    while goods or faults:
        if goods:
            order.append(goods.pop(0))
        order.extend(faults[:2])
        del faults[:2]
    entries: list[NoticePage] = []
    good_paths: dict[str, NoticePage] = {}
    fault_pages: dict[str, NoticePage] = {}
    day = date(2024, 3, 29)
    for i, key in enumerate(order):
        stamp = day.strftime("%Y%m%d")
        if isinstance(key, int):
            folder = CHINESE_FOLDER if key == 1003 else day.strftime("%Y%m")
            page = _make_notice(key, GOOD[key], day, f"/tzgg/{folder}/t{stamp}_{key}.html")
            good_paths[page.path] = page
        else:
            fault = FAULT_BY_NAME[key]
            nid = 2001 + [f.name for f in FAULTS].index(key)
            if key == "private":
                path = f"/nbgl/{day:%Y%m}/t{stamp}_{nid}.html"
            else:
                path = f"/tzgg/{fault.slug}/t{stamp}_{nid}.html"
            page = _make_notice(nid, fault.title, day, path)
            fault_pages[key] = page
        entries.append(page)
        day -= timedelta(days=1 + i % 3)
    return entries, good_paths, fault_pages


ENTRIES, GOOD_BY_PATH, FAULT_PAGES = _build_catalogue()
FAULT_BY_PATH = {page.path: name for name, page in FAULT_PAGES.items()}
CHAIN_END = f"/tzgg/{FAULT_PAGES['chain'].day:%Y%m}/t{FAULT_PAGES['chain'].day:%Y%m%d}_{FAULT_PAGES['chain'].id}.html"

# -- HTML --------------------------------------------------------------------------------------------

_NAV = [("首页", "/"), ("政协概况", "/zxgk/index.html"), ("新闻动态", "/xwdt/index.html"),
        ("通知公告", LIST_PATH), ("履职工作", "/lzgz/index.html"), ("委员风采", "/wyfc/index.html"),
        ("活动日历", CALENDAR_START), ("信息列表", PAGER_START), ("联系我们", "/lxwm/index.html")]


def _head(title: str, charset: str | None = "utf-8", extra: str = "") -> str:
    meta = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />\n'
            if charset else "")
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n' + meta
        + f"<title>{escape(title)}</title>\n"
        '<meta name="keywords" content="政协青山市委员会,青山政协,人民政协" />\n'
        '<link rel="stylesheet" type="text/css" href="/images/style.css" />\n'
        '<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>\n'
        + extra + "</head>\n"
    )


def _chrome_top() -> str:
    nav = "".join(f'<li><a href="{href}">{name}</a></li>' for name, href in _NAV)
    return (
        '<body>\n<div class="topbar"><div class="w1100"><span class="fl">今天是：'
        '<script type="text/javascript">document.write(new Date().toLocaleDateString());</script></span>'
        '<span class="fr"><a href="javascript:void(0)" onclick="SetHome(this)">设为首页</a> | '
        '<a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a> | '
        '<a href="javascript:void(0)" id="wza">无障碍浏览</a></span></div></div>\n'
        '<div class="header"><div class="w1100"><a href="/" class="logo">'
        f'<img src="/images/logo.png" alt="{ORG}" /></a>'
        '<form class="search" action="/search/" method="get"><input type="text" name="q" '
        'placeholder="请输入关键字" /><input type="submit" value="搜索" /></form></div></div>\n'
        f'<div class="nav"><ul class="w1100">{nav}</ul></div>\n'
    )


def _position(*crumbs: tuple[str, str | None]) -> str:
    parts = ['<a href="/">首页</a>'] + [
        f'<a href="{href}">{name}</a>' if href else name for name, href in crumbs]
    return f'<div class="position w1100">当前位置：{" &gt; ".join(parts)}</div>\n'


FOOTER = (
    '<div class="footer"><div class="w1100">\n'
    '<div class="links">友情链接：<a href="http://www.cppcc.gov.cn/" target="_blank">全国政协</a> '
    '<a href="http://www.gov.cn/" target="_blank">中国政府网</a></div>\n'
    f'<p>主办单位：{ORG}办公室&nbsp;&nbsp;地址：青山市人民大道88号&nbsp;&nbsp;邮编：341000&nbsp;&nbsp;'
    '联系电话：0797-8212345</p>\n'
    '<p>版权所有：政协青山市委员会&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/" target="_blank">'
    '赣ICP备05001234号-1</a>&nbsp;&nbsp;网站标识码：3607000012&nbsp;&nbsp;赣公网安备 36070202000123号</p>\n'
    '<p><img src="/images/jiucuo.png" alt="政府网站找错" /> 建议使用1366×768分辨率浏览本站</p>\n'
    '</div></div>\n'
    '<script type="text/javascript">function SetHome(o){try{o.style.behavior="url(#default#homepage)";'
    'o.setHomePage(location.href);}catch(e){alert("请在浏览器设置中将本站设为首页");}}'
    'function AddFavorite(){try{window.external.addFavorite(location.href,document.title);}'
    'catch(e){alert("请使用Ctrl+D进行添加");}}</script>\n'
    "</body>\n</html>\n"
)


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_html(page: NoticePage, *, charset: str | None = "utf-8", early_end: bool = False) -> str:
    """A notice page: title, date line, body paragraphs, signature, tools and footer."""
    body = [f"<p>{escape(page.greeting)}</p>"]
    for text in page.paragraphs:
        if re.match(r"^[一二三四]、", text):
            body.append(f'<p style="text-indent:2em;"><strong>{escape(text)}</strong></p>')
        else:
            body.append(f'<p style="text-indent:2em;">{escape(text)}</p>')
    body.append(f'<p style="text-indent:2em;">{escape(page.contact)}</p>')
    body.append(f'<p style="text-align:right;">{escape(page.signer)}</p>')
    body.append(f'<p style="text-align:right;">{_cn_date(page.day)}</p>')
    meta = (f'<meta name="ArticleTitle" content="{escape(page.title)}" />\n'
            f'<meta name="PubDate" content="{page.day.isoformat()} 09:30" />\n'
            f'<meta name="ContentSource" content="{page.signer}" />\n')
    top = _chrome_top()
    if early_end:  # an included header template that is a whole document of its own
        top += "</body>\n</html>\n"
    return (
        _head(f"{page.title}_{ORG}", charset, meta) + top
        + _position(("通知公告", LIST_PATH), ("正文", None))
        + '<div class="article w1100">\n'
        + f'<h1 class="title">{escape(page.title)}</h1>\n'
        + f'<div class="info"><span>发布时间：{page.day.isoformat()}</span>'
        + f'<span>来源：{page.signer}</span><span>浏览次数：<script>document.write(Math.floor(Math.random()*900)+100)</script></span>'
        + '<span>【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        + '<a href="javascript:doZoom(14)">小</a>】</span></div>\n'
        + '<div class="content" id="zoom">\n' + "\n".join(body) + "\n</div>\n"
        + '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
        + '<a href="javascript:window.close()">【关闭窗口】</a></div>\n'
        + '<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a></div>\n'
        + "</div>\n" + FOOTER
    )


def _unclosed(html: str) -> str:
    head, sep, rest = html.partition("<body>")
    return head + sep + re.sub(r"</(p|div|li|span|td|tr|ul|strong)>", "", rest)


def _list_entry(page: NoticePage, href: str) -> str:
    shown = page.title if len(page.title) <= 28 else page.title[:27] + "…"
    return (f'<li><span class="date">{page.day.isoformat()}</span>'
            f'<a href="{escape(href)}" target="_blank" title="{escape(page.title)}">{escape(shown)}</a></li>\n')


def _pager(page: int, pages: int, total: int, url_of: Callable[[int], str]) -> str:
    parts = [f"<span>共{total}条记录</span> <span>第{page + 1}/{pages}页</span> "]
    parts.append(f'<a href="{url_of(0)}">首页</a> ' if page else "<span>首页</span> ")
    parts.append(f'<a href="{url_of(page - 1)}">上一页</a> ' if page else "<span>上一页</span> ")
    parts.append(f'<a href="{url_of(page + 1)}">下一页</a> ' if page + 1 < pages else "<span>下一页</span> ")
    parts.append(f'<a href="{url_of(pages - 1)}">尾页</a>' if page + 1 < pages else "<span>尾页</span>")
    return '<div class="pages">' + "".join(parts) + "</div>\n"


def list_url(page: int) -> str:
    return LIST_PATH if page == 0 else f"/tzgg/index_{page}.html"


def _side(title: str, links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{escape(h)}" target="_blank" title="{escape(t)}">{escape(t)}</a></li>\n'
                    for t, h in links)
    return f'<div class="side"><div class="side-title">{title}</div>\n<ul class="hot">\n{items}</ul></div>\n'


def _list_html(page: int, aliases: list[tuple[str, str]], empty: bool) -> str:
    pages = -(-len(ENTRIES) // PER_PAGE)
    if empty:
        main = ('<div class="list-box" id="tzgg-list" data-channel="tzgg"></div>\n'
                '<script type="text/javascript" src="/js/tzgg-list.min.js"></script>\n'
                '<div class="pages" id="pager"></div>\n')
        side = _side("热点关注", [])
    else:
        chunk = ENTRIES[page * PER_PAGE:(page + 1) * PER_PAGE]
        items = "".join(_list_entry(e, e.quoted_path) for e in chunk)
        main = f'<ul class="list">\n{items}</ul>\n' + _pager(page, pages, len(ENTRIES), list_url)
        side = _side("热点关注", aliases)
    return (
        _head(f"通知公告_{ORG}") + _chrome_top() + _position(("通知公告", LIST_PATH))
        + '<div class="main w1100"><div class="left">\n'
        + '<div class="col-title"><h2>通知公告</h2></div>\n' + main + "</div>\n"
        + '<div class="right">\n' + side + "</div>\n</div>\n" + FOOTER
    )


def _calendar_html(year: int, month: int) -> str:
    prev_y, prev_m = (year - 1, 12) if month == 1 else (year, month - 1)
    next_y, next_m = (year + 1, 1) if month == 12 else (year, month + 1)
    cells = []
    for day in range(1, 29):
        link = (f'<a href="/cal/day?date={year:04d}-{month:02d}-{day:02d}">{day}</a>'
                if day % 7 == 3 else str(day))
        cells.append(f"<td>{link}</td>")
    rows = "".join("<tr>" + "".join(cells[i:i + 7]) + "</tr>\n" for i in range(0, 28, 7))
    return (
        _head(f"活动日历 {year}年{month}月_{ORG}") + _chrome_top() + _position(("活动日历", CALENDAR_START))
        + '<div class="main w1100"><div class="calendar">\n'
        + f"<h2>{year}年{month}月 委员活动日历</h2>\n"
        + '<table class="cal"><tr><th>一</th><th>二</th><th>三</th><th>四</th><th>五</th><th>六</th><th>日</th></tr>\n'
        + rows + "</table>\n"
        + f'<div class="pages"><a href="/cal?month={prev_y:04d}-{prev_m:02d}">上个月</a> '
        + f'<a href="/cal?month={next_y:04d}-{next_m:02d}">下一页</a></div>\n'
        + "</div></div>\n" + FOOTER
    )


def pager_item_path(page: int) -> str:
    return f"/list/item/t20240101_{PAGER_ITEM_BASE + page}.html"


def _pager_trap_html(page: int) -> str:
    item = _list_entry(_pager_item(page), pager_item_path(page))
    pager = ('<div class="pages"><a href="/list?page=1">首页</a> '
             + (f'<a href="/list?page={page - 1}">上一页</a> ' if page > 1 else "")
             + f'<a href="/list?page={page + 1}">下一页</a></div>\n')
    return (
        _head(f"信息列表_{ORG}") + _chrome_top() + _position(("信息列表", PAGER_START))
        + f'<div class="main w1100"><ul class="list">\n{item}</ul>\n' + pager + "</div>\n" + FOOTER
    )


def _pager_item(page: int) -> NoticePage:
    return _make_notice(PAGER_ITEM_BASE + page, f"信息公开目录条目第{page}号", date(2024, 1, 1),
                        pager_item_path(page))


def _home_html() -> str:
    latest = "".join(_list_entry(e, e.quoted_path) for e in ENTRIES[:6])
    return (
        _head(ORG) + _chrome_top()
        + '<div class="main w1100"><div class="banner"><img src="/images/banner.jpg" alt="" /></div>\n'
        + f'<div class="block"><div class="block-title">通知公告<a href="{LIST_PATH}" class="more">更多&gt;&gt;</a></div>\n'
        + f'<ul class="list">\n{latest}</ul></div>\n'
        + f'<div class="block"><div class="block-title">活动日历<a href="{CALENDAR_START}" class="more">更多&gt;&gt;</a></div></div>\n'
        + "</div>\n" + FOOTER
    )


NOT_FOUND = (
    '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<title>404 页面不存在</title>\n</head>\n'
    '<body>\n<div class="error"><h1>抱歉，您访问的页面不存在！</h1>\n'
    '<p>可能原因：网址有误、页面已删除或已过期。</p><p><a href="/">返回首页</a></p></div>\n</body>\n</html>\n'
)
SERVER_ERROR = ("<html>\r\n<head><title>{code} {phrase}</title></head>\r\n<body>\r\n"
                "<center><h1>{code} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")

# -- blocked pages -----------------------------------------------------------------------------------


def _blocked_page(name: str, seq: int) -> tuple[int, list[tuple[str, str]], str]:
    token = hashlib.sha1(f"{name}-{seq}".encode()).hexdigest()
    if name == "waf412":
        html = (
            '<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            f'<meta id="9DhefwqGPrzGxEp9hPaoag" content="{token * 6}" r="m">\n'
            '<script type="text/javascript" r="m">$_ts=window[\'$_ts\'];if(!$_ts)$_ts={};$_ts.nsd=37405;'
            f'$_ts.cd="qqkrrrQlEGq{token[:24]}WqWAqcrpHkqqqGqqlrrAcaqlL9kqGqqWrGrGDGaLJqqs5qr";'
            '$_ts.lcd=function(){};</script>\n'
            '<script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.2b8f5e1.js" r="m"></script>\n'
            '</head>\n<body>\n<script type="text/javascript" r="m">$_ts.lcd();</script>\n</body></html>\n'
        )
        cookie = f"FSSBBIl1UgzbN7N80S={token[:40]}; Path=/; expires=Fri, 31 Dec 2027 23:59:59 GMT; HttpOnly"
        return 412, [("Set-Cookie", cookie)], html
    if name == "waf521":
        cookie_js = "+".join(f"('{c}')" for c in "__jsl_clearance_s=") + f"+('{int(1.7e9) + seq}.{token[:3]}|0|')" \
                    + f"+(([]+[]+{{}})[2])+('{token[:20]}')"
        html = (f"<html><body><script>document.cookie={cookie_js}+';Expires=Tue, 01-Jan-2030 00:00:00 GMT;Path=/;';"
                "location.href=location.pathname+location.search</script></body></html>")
        return 521, [("Set-Cookie", f"__jsluid_h={token[:32]}; max-age=31536000; path=/; HttpOnly")], html
    if name == "toofast":
        html = (
            '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<title>访问受限</title>\n</head>\n<body>\n'
            '<div class="waf" style="margin:100px auto;width:600px;text-align:center">\n'
            '<img src="/waf/images/stop.png" alt="" />\n<h2>访问过于频繁，请稍后再试</h2>\n'
            '<p>您的访问过于频繁，已触发网站安全防护规则，请稍后再试。</p>\n'
            f'<p>您的IP：127.0.0.1&nbsp;&nbsp;事件ID：{token[:16]}</p>\n'
            '<p>如有疑问，请联系网站管理员。</p>\n</div>\n</body>\n</html>\n'
        )
        return 200, [], html
    if name == "captcha":
        html = (
            '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<title>安全验证</title>\n'
            '<link rel="stylesheet" href="/waf/nc/index.css" />\n'
            '<script src="/waf/nc/nc.js"></script>\n</head>\n<body>\n'
            '<div class="verify-wrap"><h3>安全验证</h3>\n<p>为保障您的正常访问，请完成下列验证后继续</p>\n'
            '<div id="nc" class="nc-container"><div id="nc_1_wrapper" class="nc_wrapper">'
            '<div id="nc_1__scale_text" class="nc_scale"><span class="nc-lang-cnt">请按住滑块，拖动到最右边</span></div>'
            '<span id="nc_1_n1z" class="nc_iconfont btn_slide">&gt;&gt;</span></div></div>\n'
            f'<input type="hidden" name="nc_token" value="{token}" />\n'
            '<script>NoCaptcha.init({renderTo:"#nc",appkey:"FFFF0N00000000009D8A",scene:"nc_other"});</script>\n'
            '</div>\n</body>\n</html>\n'
        )
        return 200, [], html
    if name == "login":
        main = (
            '<div class="main w1100"><div class="login-box">\n<h2>用户登录</h2>\n'
            '<p class="tip">您访问的信息需要登录后查看，请先登录。</p>\n'
            '<form action="/member/login.do" method="post">\n'
            '<table><tr><td>用户名：</td><td><input type="text" name="username" /></td></tr>\n'
            '<tr><td>密&nbsp;&nbsp;码：</td><td><input type="password" name="password" /></td></tr>\n'
            '<tr><td>验证码：</td><td><input type="text" name="code" /> <img src="/member/captcha.jpg" alt="验证码" /></td></tr>\n'
            '<tr><td></td><td><input type="submit" value="登 录" /> <a href="/member/register.do">注册</a> '
            '<a href="/member/forget.do">忘记密码？</a></td></tr></table>\n'
            f'<input type="hidden" name="token" value="{token}" />\n</form>\n</div></div>\n'
        )
        return 200, [], _head(f"用户登录_{ORG}") + _chrome_top() + _position(("用户登录", None)) + main + FOOTER
    if name == "busy":
        main = (
            '<div class="main w1100"><div class="error-box">\n<h2>对不起，出错了！</h2>\n'
            '<p>系统繁忙，请稍后再试。</p>\n'
            f'<p class="code">错误代码：500&nbsp;&nbsp;请求编号：{token[:12]}</p>\n'
            '<p><a href="javascript:history.back()">返回上一页</a>&nbsp;&nbsp;<a href="/">返回首页</a></p>\n'
            '</div></div>\n'
        )
        return 200, [], _head(f"系统提示_{ORG}") + _chrome_top() + _position(("系统提示", None)) + main + FOOTER
    raise KeyError(name)


# -- binary bodies -----------------------------------------------------------------------------------


def png_bytes(width: int = 96, height: int = 64) -> bytes:
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 2 % 256, y * 3 % 256, 128))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def pdf_bytes() -> bytes:
    stream = b"BT /F1 18 Tf 72 720 Td (Qingshan CPPCC notice attachment) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _big_parts(page: NoticePage) -> tuple[bytes, bytes, bytes]:
    """Head, one repeated 64 KiB block of paragraphs, and tail of the 50 MiB page."""
    html = notice_html(page)
    cut = html.index("</div>\n<div class=\"tools\">")
    head, tail = html[:cut].encode(), html[cut:].encode()
    para = ('<p style="text-indent:2em;">' + "各单位要认真贯彻落实会议精神，结合实际抓好工作落实。" * 4 + "</p>\n").encode()
    block = para * (65536 // len(para))
    return head, block, tail


def _robots(mode: str, base: str) -> tuple[int, str, str]:
    rules = ("User-agent: *\n" + ("Crawl-delay: 1\n" if mode == "crawl_delay" else "")
             + "Disallow: /nbgl/\nDisallow: /admin/\nDisallow: /search/\n"
             + f"\nSitemap: {base}/sitemap.xml\n")
    if mode in ("normal", "crawl_delay"):
        return 200, "text/plain", "# robots.txt\n" + rules
    if mode == "missing":
        return 404, "text/html; charset=utf-8", NOT_FOUND
    if mode == "error":
        return 500, "text/html", SERVER_ERROR.format(code=500, phrase="Internal Server Error")
    if mode == "huge":
        lines = ["# robots.txt generated by the site's CMS; every archived column is listed below"]
        size, n = 0, 0
        while size < 2 * 1024 * 1024:
            n += 1
            if n % 400 == 0:
                line = f"User-agent: CmsSpider{n // 400}\nDisallow: /\n"
            else:
                line = (f"# column {n:06d} archived {2000 + n % 24}-{n % 12 + 1:02d}: "
                        f"/old/channel/{n:06d}/index.html moved to the new site, kept for reference only")
            lines.append(line)
            size += len(line) + 1
        return 200, "text/plain", "\n".join(lines) + "\n\n" + rules
    raise ValueError(mode)


# -- the server ---------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One request as the server saw it. ``headers`` has lower-cased names; ``status`` is the
    status line sent (0 if none); ``finished`` is None while the answer is still going."""

    method: str
    path: str  # the request target as sent, with query
    headers: dict[str, str]
    started: float  # time.monotonic()
    finished: float | None = None
    status: int = 0
    bytes_sent: int = 0
    host: str = "base"  # "base" or "other"
    fault: str | None = None  # the FAULTS name this request met, if any

    def __iter__(self):  # (method, path, headers, started, finished, status, bytes_sent)
        return iter((self.method, self.path, self.headers, self.started, self.finished,
                     self.status, self.bytes_sent))


@dataclass
class _Request:
    method: str
    target: str
    version: str
    headers: dict[str, str]


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    stream: Callable[[], Iterator[bytes]] | None = None  # body sent piece by piece
    length: int | None = None  # Content-Length of a stream
    close: bool = False


#: A reply that misbehaves below HTTP: it gets the socket and closes it when done.
_Raw = Callable[[socket.socket, Hit], None]

_REASONS = {521: "Web Server Is Down", 412: "Precondition Failed"}


class HostileSite:
    """The hostile site on two ports of 127.0.0.1; a context manager (or start()/stop())."""

    def __init__(self) -> None:
        self._robots = "normal"
        self.lists_empty = False
        self.blocking = True
        # One lock for the log and the counters; waiting on it (wait_for) is how a test learns
        # that the server has logged what the client already has.
        self._lock = threading.Condition()
        self._hits: list[Hit] = []
        self._counts: Counter[str] = Counter()
        self._seq = itertools.count(1)
        self._stop = threading.Event()
        self._conns: set[socket.socket] = set()
        self._listeners: dict[str, socket.socket] = {}
        self._threads: list[threading.Thread] = []
        self._big: tuple[bytes, bytes, bytes] | None = None
        self._robots_cache: dict[tuple[str, str], tuple[int, str, str]] = {}

    # -- switches and state ------------------------------------------------------------------------

    @property
    def robots(self) -> str:
        return self._robots

    @robots.setter
    def robots(self, mode: str) -> None:
        if mode not in ROBOTS_MODES:
            raise ValueError(f"robots must be one of {ROBOTS_MODES}, not {mode!r}")
        self._robots = mode

    @property
    def hits(self) -> list[Hit]:
        """A snapshot of every request so far, both hosts, in arrival order."""
        with self._lock:
            return [dataclasses.replace(h, headers=dict(h.headers)) for h in self._hits]

    def wait_for(self, condition: Callable[[list[Hit]], bool], timeout: float = 10.0) -> list[Hit]:
        """The hits once ``condition(hits)`` holds. A client can read its whole answer before
        the server thread has marked the request finished, so a test that reads the log after
        a request waits here on what it needs, never on time alone."""
        with self._lock:
            if not self._lock.wait_for(lambda: condition(self._hits), timeout):
                raise AssertionError(f"the hostile site's log never met the condition in {timeout} s")
            return [dataclasses.replace(h, headers=dict(h.headers)) for h in self._hits]

    def wait_answered(self, count: int, timeout: float = 10.0) -> list[Hit]:
        """The hits once ``count`` of them are finished (and every one logged so far is)."""
        return self.wait_for(
            lambda hits: len(hits) >= count and all(h.finished is not None for h in hits), timeout)

    def clear_hits(self) -> None:
        with self._lock:
            self._hits.clear()

    def reset_counters(self) -> None:
        """Make the flaky pages flaky again (a second night)."""
        with self._lock:
            self._counts.clear()

    def requests_to(self, fault: str) -> int:
        """How many requests the flaky counter of ``fault`` has seen."""
        with self._lock:
            return self._counts[fault]

    # -- addresses -----------------------------------------------------------------------------------

    def _port(self, label: str) -> int:
        if label not in self._listeners:
            raise RuntimeError("HostileSite is not started")
        return self._listeners[label].getsockname()[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._port('base')}"

    @property
    def other_base(self) -> str:
        return f"http://127.0.0.1:{self._port('other')}"

    def url(self, name_or_path: str) -> str:
        """The absolute URL of a fault (by name) or of a path on ``base``."""
        if name_or_path in FAULT_PAGES:
            return self.base + FAULT_PAGES[name_or_path].quoted_path
        return self.base + name_or_path

    def registry_toml(self, name: str = "hostile", *, traps: bool = True) -> str:
        lists = [f'  {{ url = "{self.base}{LIST_PATH}", channel = ["通知公告"] }},']
        if traps:
            lists += [f'  {{ url = "{self.base}{CALENDAR_START}", channel = ["活动日历"] }},',
                      f'  {{ url = "{self.base}{PAGER_START}", channel = ["信息列表"] }},']
        return (
            "[[site]]\n"
            f'name = "{name}"\n'
            f'organisation = "{ORG}（测试）"\n'
            'province = "测试省"\n'
            'city = "青山市"\n'
            'org_type = "政协"\n'
            'cms = "generic"\n'
            f'home_url = "{self.base}/"\n'
            f"detail_pattern = '{DETAIL_PATTERN}'\n"
            'notes = "tests/support/hostile.py: a site that misbehaves on purpose"\n'
            "lists = [\n" + "\n".join(lists) + "\n]\n"
            "politeness = { delay = 0.0, concurrency = 4 }\n"
        )

    # -- what a crawl must end with -------------------------------------------------------------------

    @property
    def expected(self) -> dict[str, dict]:
        """URL → what a polite crawl (3 attempts a URL, fresh counters) must end with.

        Each value has ``kind`` (a KINDS name); notices have ``title`` (the notice the URL is,
        archived or not) and faults ``fault``. ``later``: what a later run gives. Aliased
        notices list their other URL forms in ``aliases`` (``*`` stands for a session id that
        changes on every response). Traps and column lists carry a ``pattern`` of their URLs.
        The values follow the switches (blocking, robots, lists_empty) as they are now.
        """
        out: dict[str, dict] = {}
        for page in ENTRIES:
            if page.path in GOOD_BY_PATH:
                want = {"kind": "archive", "title": page.title}
                aliases = self._alias_forms(page.id, "*")
                if aliases:
                    want["aliases"] = [alias if "://" in alias else self.base + alias for _, alias in aliases]
                out[self.base + page.quoted_path] = want
                continue
            name = FAULT_BY_PATH[page.path]
            fault = FAULT_BY_NAME[name]
            want = {"kind": fault.kind, "title": page.title, "fault": name}
            if name in BLOCKED and not self.blocking:
                want["kind"] = "archive"
            if name == "burst500":
                want["later"] = "archive"
            if name == "chain":
                want["final"] = self.other_base + CHAIN_END
            if name == "private" and self.robots in ("missing", "error"):
                want["kind"] = "archive"
            out[self.base + page.quoted_path] = want
        out[self.base + LIST_PATH] = {"kind": "empty_list" if self.lists_empty else "list",
                                      "pattern": r"/tzgg/index(_\d+)?\.html$"}
        out[self.base + CALENDAR_START] = {"kind": "trap", "pattern": r"/cal\?month="}
        out[self.base + PAGER_START] = {"kind": "trap", "pattern": r"/list(\?page=|/item/)"}
        return out

    @property
    def must_archive(self) -> dict[str, str]:
        """URL → exact title, for every URL ``expected`` says must be archived."""
        return {url: want["title"] for url, want in self.expected.items() if want["kind"] == "archive"}

    def _alias_forms(self, nid: int, sid: Callable[[], str] | str) -> list[tuple[str, str]]:
        """(link text, href) of the other URL forms of notices 1001-1003."""
        new = sid if callable(sid) else (lambda: sid)
        by_id = {p.id: p for p in GOOD_BY_PATH.values()}
        page = by_id[nid]
        q = page.quoted_path
        if nid == 1001:
            return [(page.title, f"{q};jsessionid={new()}"), (page.title, f"{q}?sid={new()}")]
        if nid == 1002:
            return [(page.title, f"{q}?utm_source=wechat&utm_medium=social&utm_campaign=tzgg"),
                    (page.title, f"{q}?spm=a2c4g.11186623.0.0.6f1d3a2bXyZ"),
                    (page.title, f"{q}?from=timeline&isappinstalled=0")]
        if nid == 1003:
            lower = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), q)
            return [(page.title, f"HTTP://127.0.0.1:{self._port('base')}{q}"), (page.title, lower)]
        return []

    def _session_id(self) -> str:
        return hashlib.sha1(f"hostile-session-{next(self._seq)}".encode()).hexdigest()[:32].upper()

    # -- lifecycle ------------------------------------------------------------------------------------

    def start(self) -> HostileSite:
        for label in ("base", "other"):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 0))
            sock.listen(128)
            sock.settimeout(0.1)
            self._listeners[label] = sock
            thread = threading.Thread(target=self._accept, args=(sock, label), daemon=True,
                                      name=f"hostile-{label}")
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        for sock in self._listeners.values():
            sock.close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def __enter__(self) -> HostileSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _accept(self, sock: socket.socket, label: str) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = sock.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            with self._lock:
                self._conns.add(conn)
            threading.Thread(target=self._connection, args=(conn, label), daemon=True).start()

    # -- HTTP -----------------------------------------------------------------------------------------

    def _connection(self, conn: socket.socket, label: str) -> None:
        conn.settimeout(0.25)
        buffer = b""
        try:
            while not self._stop.is_set():
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    return
                hit = Hit(request.method, request.target, request.headers, time.monotonic(), host=label)
                with self._lock:
                    self._hits.append(hit)
                    self._lock.notify_all()
                try:
                    answer = self._route(label, request, hit)
                    if callable(answer):
                        answer(conn, hit)
                        return
                    if not self._send(conn, request, answer, hit):
                        return
                finally:
                    with self._lock:
                        if hit.finished is None:
                            hit.finished = time.monotonic()
                        self._lock.notify_all()
        except OSError:
            return
        finally:
            with self._lock:
                self._conns.discard(conn)
            conn.close()

    def _read_request(self, conn: socket.socket, buffer: bytes) -> tuple[_Request | None, bytes]:
        idle_since = time.monotonic()
        while b"\r\n\r\n" not in buffer:
            if self._stop.is_set() or len(buffer) > 65536 or time.monotonic() - idle_since > 30:
                return None, b""
            try:
                data = conn.recv(65536)
            except (TimeoutError, socket.timeout):
                continue
            if not data:
                return None, b""
            buffer += data
        head, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            method, target, version = lines[0].split(" ", 2)
        except ValueError:
            return None, b""
        headers: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        while len(rest) < length:
            try:
                data = conn.recv(65536)
            except (TimeoutError, socket.timeout):
                if self._stop.is_set():
                    return None, b""
                continue
            if not data:
                return None, b""
            rest += data
        return _Request(method.upper(), target, version, headers), rest[length:]

    def _send(self, conn: socket.socket, request: _Request, reply: _Reply, hit: Hit) -> bool:
        """Send a well-formed answer; True if the connection stays open for the next request."""
        keep = (not reply.close and request.version == "HTTP/1.1"
                and request.headers.get("connection", "").lower() != "close")
        length = reply.length if reply.stream is not None else len(reply.body)
        lines = [f"HTTP/1.1 {reply.status} {_reason(reply.status)}",
                 f"Date: {formatdate(usegmt=True)}", "Server: nginx"]
        if reply.content_type:
            lines.append(f"Content-Type: {reply.content_type}")
        lines += [f"{k}: {v}" for k, v in reply.headers]
        lines += [f"Content-Length: {length}", f"Connection: {'keep-alive' if keep else 'close'}"]
        hit.status = reply.status
        self._write(conn, ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), hit)
        if request.method != "HEAD":
            if reply.stream is not None:
                for piece in reply.stream():
                    if self._stop.is_set():
                        return False
                    self._write(conn, piece, hit)
            elif reply.body:
                self._write(conn, reply.body, hit)
        return keep

    def _write(self, conn: socket.socket, data: bytes, hit: Hit) -> None:
        """Send all of ``data`` to a client that may read slowly (not a fault of ours)."""
        view, last_progress = memoryview(data), time.monotonic()
        while view:
            try:
                sent = conn.send(view)
            except (TimeoutError, socket.timeout):
                if self._stop.is_set() or time.monotonic() - last_progress > SEND_STALL:
                    raise
                continue
            view, last_progress = view[sent:], time.monotonic()
            with self._lock:
                hit.bytes_sent += sent

    # -- routing --------------------------------------------------------------------------------------

    def _route(self, label: str, request: _Request, hit: Hit) -> _Reply | _Raw:
        target = request.target
        if target.lower().startswith(("http://", "https://")):  # absolute-form
            parts = urlsplit(target)
            target = parts.path + ("?" + parts.query if parts.query else "")
        raw_path, _, query = target.partition("?")
        path = unquote(raw_path.split(";", 1)[0])
        params = parse_qs(query)
        if path == "/robots.txt":
            key = (self.robots, label)
            if key not in self._robots_cache:
                self._robots_cache[key] = _robots(self.robots, self.base if label == "base" else self.other_base)
            status, ctype, text = self._robots_cache[key]
            return _Reply(status, text.encode("utf-8"), ctype)
        if label == "other":
            if path == "/go/hop3":
                return _redirect(302, CHAIN_END)
            if path == CHAIN_END:
                return _html(notice_html(FAULT_PAGES["chain"]))
            return _Reply(404, NOT_FOUND.encode())
        if path in ("/", "/index.html"):
            return _html(_home_html())
        page_no = _list_page_number(path)
        if page_no is not None:
            return self._list(page_no)
        if path == "/cal":
            match = re.fullmatch(r"(-?\d{1,6})-(\d{1,2})", (params.get("month") or [""])[0])
            if not match or not 1 <= int(match.group(2)) <= 12:
                return _Reply(404, NOT_FOUND.encode())
            return _html(_calendar_html(int(match.group(1)), int(match.group(2))))
        if path == "/list":
            number = (params.get("page") or ["1"])[0]
            if not number.isdigit() or int(number) < 1:
                return _Reply(404, NOT_FOUND.encode())
            return _html(_pager_trap_html(int(number)))
        match = re.fullmatch(r"/list/item/t20240101_(\d+)\.html", path)
        if match and int(match.group(1)) > PAGER_ITEM_BASE:
            return _html(notice_html(_pager_item(int(match.group(1)) - PAGER_ITEM_BASE)))
        if path == "/go/hop2":
            hit.fault = "chain"
            return _redirect(301, self.other_base + "/go/hop3?to=" + (params.get("to") or [""])[0])
        if path == "/go/loop-b":
            hit.fault = "loop"
            return _redirect(302, FAULT_PAGES["loop"].quoted_path)
        if path in GOOD_BY_PATH:
            return _html(notice_html(GOOD_BY_PATH[path]))
        if path in FAULT_BY_PATH:
            hit.fault = FAULT_BY_PATH[path]
            return self._fault(hit.fault, FAULT_PAGES[hit.fault], hit)
        return _Reply(404, NOT_FOUND.encode())

    def _list(self, page_no: int) -> _Reply:
        pages = -(-len(ENTRIES) // PER_PAGE)
        if page_no >= pages:
            return _Reply(404, NOT_FOUND.encode())
        aliases = [alias for nid in (1001, 1002, 1003) for alias in self._alias_forms(nid, self._session_id)]
        sid = self._session_id()
        return _Reply(200, _list_html(page_no, aliases, self.lists_empty).encode("utf-8"),
                      headers=[("Set-Cookie", f"JSESSIONID={sid}; Path=/; HttpOnly")])

    def _count(self, name: str) -> int:
        """This request's number (1, 2, …) at a flaky page."""
        with self._lock:
            self._counts[name] += 1
            return self._counts[name]

    def _fault(self, name: str, page: NoticePage, hit: Hit) -> _Reply | _Raw:
        good = notice_html(page)
        if name in FLAKY:
            n = self._count(name)
            if n <= FLAKY[name]:
                if name == "burst503":
                    return _error(503)
                if name == "burst500":
                    return _error(500)
                if name == "retry429":
                    return _error(429, [("Retry-After", "2")])
                return _error(503, [("Retry-After", formatdate(time.time() + 3, usegmt=True))])
            return _html(good)
        if name == "always502":
            return _error(502)
        if name in BLOCKED:
            if not self.blocking:
                return _html(good)
            status, headers, html = _blocked_page(name, next(self._seq))
            return _Reply(status, html.encode("utf-8"), headers=headers, close=status != 200)
        if name == "hang":
            return self._hang
        if name == "drip":
            return lambda conn, hit: self._drip(conn, hit, good.encode("utf-8"))
        if name == "reset":
            return self._reset
        if name == "short":
            return lambda conn, hit: self._short(conn, hit, good.encode("utf-8"))
        if name == "badgzip":
            return _Reply(200, good.encode("utf-8"), headers=[("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")])
        if name == "loop":
            return _redirect(302, "/go/loop-b")
        if name == "chain":
            return _redirect(302, f"/go/hop2?to={page.id}")
        if name == "home":
            return _redirect(302, "/")
        if name == "big":
            if self._big is None:
                self._big = _big_parts(page)
            head, block, tail = self._big

            def stream() -> Iterator[bytes]:
                yield head
                left = BIG_SIZE - len(head) - len(tail)
                while left >= len(block):
                    yield block
                    left -= len(block)
                yield block[:left]
                yield tail

            return _Reply(200, content_type="text/html; charset=utf-8", stream=stream, length=BIG_SIZE)
        if name == "png":
            return _Reply(200, png_bytes())
        if name == "pdf":
            return _Reply(200, pdf_bytes())
        if name == "empty":
            return _Reply(200, b"")
        if name == "unclosed":
            return _html(_unclosed(good))
        if name == "earlyhtml":
            return _html(notice_html(page, early_end=True))
        if name == "gbk_as_utf8":
            return _Reply(200, notice_html(page, charset="utf-8").encode("gbk"))
        if name == "utf8_as_gbk":
            return _Reply(200, notice_html(page, charset="gbk").encode("utf-8"), "text/html; charset=gbk")
        if name == "gbk_nocharset":
            return _Reply(200, notice_html(page, charset=None).encode("gbk"), "text/html")
        if name == "private":
            return _html(good)
        raise KeyError(name)

    # -- below HTTP -----------------------------------------------------------------------------------

    def _wait_for_close(self, conn: socket.socket) -> None:
        """Until the client closes (or the server stops); anything it sends is ignored."""
        while not self._stop.is_set():
            try:
                if not conn.recv(65536):
                    return
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return

    def _hang(self, conn: socket.socket, hit: Hit) -> None:
        self._wait_for_close(conn)

    def _drip(self, conn: socket.socket, hit: Hit, body: bytes) -> None:
        head = (f"HTTP/1.1 200 OK\r\nDate: {formatdate(usegmt=True)}\r\nServer: nginx\r\n"
                f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n").encode()
        hit.status = 200
        try:
            self._write(conn, head, hit)
            for i in range(len(body)):
                if i and self._stop.wait(DRIP_INTERVAL):
                    return
                self._write(conn, body[i:i + 1], hit)
        except OSError:
            return

    def _reset(self, conn: socket.socket, hit: Hit) -> None:
        hit.status = 200
        self._write(conn, b"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/ht", hit)
        self._stop.wait(0.05)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # with linger 0: RST, not FIN

    def _short(self, conn: socket.socket, hit: Hit, body: bytes) -> None:
        head = (f"HTTP/1.1 200 OK\r\nDate: {formatdate(usegmt=True)}\r\nServer: nginx\r\n"
                f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
                "Connection: keep-alive\r\n\r\n").encode()
        hit.status = 200
        self._write(conn, head + body[:len(body) * 2 // 5], hit)
        conn.shutdown(socket.SHUT_WR)


def _reason(status: int) -> str:
    if status in _REASONS:
        return _REASONS[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _html(text: str) -> _Reply:
    return _Reply(200, text.encode("utf-8"))


def _error(status: int, headers: list[tuple[str, str]] | None = None) -> _Reply:
    body = SERVER_ERROR.format(code=status, phrase=_reason(status)).encode()
    return _Reply(status, body, "text/html", headers=headers or [])


def _redirect(status: int, location: str) -> _Reply:
    body = SERVER_ERROR.format(code=status, phrase=_reason(status)).encode()
    return _Reply(status, body, "text/html", headers=[("Location", location)])


def _list_page_number(path: str) -> int | None:
    if path in (LIST_PATH, "/tzgg/", "/tzgg"):
        return 0
    match = re.fullmatch(r"/tzgg/index_(\d+)\.html", path)
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None
