"""Family demo sites: one small notice site per CMS family the plain demo lacks.

``govarchive demo --families`` crawls them (:class:`FamilyDemo`, registry entries in
spiders/sites/demo-families.toml, demo keys ``family-<kind>``, every entry ``cms = "auto"``
with no ``detail_pattern``). Each site pages its list the way its platform does, so a crawl
that misses the pager misses notices; the plain demo's figures are not touched by them.

================  ==============================================================================
kind              what its lists look like (shapes learnt from real pages and crawlers of them)
================  ==============================================================================
gkmlpt            Guangdong's 政府信息公开 platform: ``/gkmlpt/index`` is an empty shell whose
                  ``window._CONFIG`` names the site id (``SID``) and the category tree
                  (``TREE``); the records come from ``/gkmlpt/api/all/{id}?page=N&sid=SID`` as
                  JSON (``{"total", "articles": [{"title", "url", "created_at"…}]}``), an empty
                  ``articles`` past the end; notices at ``/gkmlpt/content/…/post_N.html``
vsb               VSB 博达: ``tzgg.htm`` then ``tzgg/2.htm``, ``tzgg/1.htm`` (numbered down),
                  a ``下页`` link in ``span.p_next``, 共N页 and ``_simple_list_gotopage_fun``;
                  a second column paged by ``list.jsp?…&PAGENUM=N``; notices at
                  ``info/{tree}/{id}.htm`` and ``content.jsp?…&wbnewsid=N``
epoint            Epoint 新点: ``moreinfo.html`` then ``2.html``, ``3.html`` beside it; the pager
                  is drawn by a script from ``pageIndex`` (0-based), ``pageSize``, ``total``
pagination        jQuery pagination (``totalPage``, ``currentPage``, a callback building
                  ``'index_' + page + '.html'``) and laypage (``count``, ``limit``, ``curr``,
                  ``jump``), one column each
loadmore          the first records in the page, the rest behind 加载更多: a script fetching
                  ``'datas_126_' + page + '.json'`` with a page counter
trs6              TRS WCM with the six-argument ``createPageHTML('page_div', count, current,
                  'index', 'shtml', records)`` (current 1-based, page N is index_N.shtml)
================  ==============================================================================

The hanweb family's inline ``<datastore>`` records are served by the plain demo's hanweb site
(crawler/demo/sites/hanweb.py), crawled by `govarchive demo`.

    with FamilyDemo() as demo:
        demo.bases                      # {"family-vsb": "http://127.0.0.1:40123", ...}
        demo.sites["family-vsb"].notices  # {url: title}: what a crawl must archive
"""

from __future__ import annotations

import json
import random
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qsl, urlsplit

from .content import TOPICS, body_of, compose, esc

KINDS = ("gkmlpt", "vsb", "epoint", "pagination", "loadmore", "trs6")
ROBOTS = "User-agent: *\nDisallow: /private/\n"
TEMPLATES = ("关于做好{t}工作的通知", "关于开展{t}专项行动的通知", "关于{t}有关事项的公告",
             "关于印发{t}工作方案的通知", "关于{t}情况的通报", "关于征求{t}意见建议的公告")
ORGS = {
    "gkmlpt": "粤东演示市人民政府", "vsb": "演示县政协", "epoint": "演示市公共资源交易中心",
    "pagination": "演示区人民政府", "loadmore": "演示市政协", "trs6": "演示省人民政府办公厅",
}


@dataclass
class Notice:
    path: str
    title: str
    day: date
    paragraphs: list[str]


@dataclass
class Column:
    name: str
    notices: list[Notice] = field(default_factory=list)


def _notices(kind: str, count: int, path_of, seed: int) -> list[Notice]:
    """``count`` generic notices, newest first, with paths from ``path_of(i, day)``."""
    rng = random.Random(f"family-{kind}-{seed}")
    topics = rng.sample(TOPICS, min(count, len(TOPICS)))
    day = date(2024, 6, 28)
    found = []
    for i in range(count):
        day -= timedelta(days=rng.randint(1, 4))
        title = rng.choice(TEMPLATES).format(t=topics[i % len(topics)])
        blocks = compose(rng, n=3, greeting="各有关单位：", sign=(ORGS[kind], day))
        found.append(Notice(path_of(i, day), title, day, body_of(blocks)))
    return found


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n<title>{esc(title)}</title>\n{head}\n</head>\n'
            f"<body>\n{body}\n</body></html>\n")


class FamilySite:
    """One family's site on a free port of 127.0.0.1: a home page with its columns in the
    menu, the lists as its platform pages them, the notices, robots.txt."""

    per_page = 5

    def __init__(self, kind: str):
        if kind not in KINDS:
            raise ValueError(f"no family {kind!r}: {', '.join(KINDS)}")
        self.kind, self.org = kind, ORGS[kind]
        self.columns: dict[str, Column] = {}  # list URL path (first page) -> column
        self.routes: dict[str, tuple[str, str]] = {}  # route -> (content type, text)
        self._server: ThreadingHTTPServer | None = None
        self.hits: list[str] = []
        self._lock = threading.Lock()
        getattr(self, f"_build_{kind}")()
        for column in self.columns.values():
            for notice in column.notices:
                self.routes[notice.path] = ("text/html; charset=utf-8", self._notice(notice, column))
        self.routes["/robots.txt"] = ("text/plain; charset=utf-8", ROBOTS)
        menu = "".join(f'<li><a href="{path}">{esc(c.name)}</a></li>' for path, c in self.columns.items())
        self.routes["/"] = ("text/html; charset=utf-8", _page(
            self.org, f'<div class="header"><h1>{esc(self.org)}</h1></div>\n'
                      f'<ul class="nav"><li><a href="/">首页</a></li>{menu}<li><a href="/private/lxwm.html">联系我们</a></li></ul>\n'
                      f'<div class="footer">主办：{esc(self.org)}</div>'))

    # -- what a crawl must archive ------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def notices(self) -> dict[str, str]:
        return {self.base + n.path: n.title for c in self.columns.values() for n in c.notices}

    # -- the families --------------------------------------------------------------------------

    def _list_page(self, column: Column, items: str, pager: str, head: str = "") -> str:
        """A column list page: menu, the list, a sidebar of other columns, the pager, footer."""
        menu = "".join(f'<a href="{p}">{esc(c.name)}</a>' for p, c in self.columns.items())
        return _page(f"{column.name}_{self.org}", (
            f'<div class="nav"><a href="/">首页</a>{menu}</div>\n'
            f'<div class="location">当前位置：<a href="/">首页</a> &gt; {esc(column.name)}</div>\n'
            f'<div class="main"><div class="list-title">{esc(column.name)}</div>\n{items}\n{pager}\n</div>\n'
            f'<div class="side"><h3>专题专栏</h3><ul><li><a href="/private/ztzl.html">专题专栏</a></li></ul></div>\n'
            f'<div class="footer">主办：{esc(self.org)} <a href="/private/wzdt.html">网站地图</a></div>'), head)

    @staticmethod
    def _items(notices: list[Notice], href, cls: str = "list") -> str:
        rows = "".join(f'<li><a href="{href(n)}" title="{esc(n.title)}" target="_blank">{esc(n.title)}</a>'
                       f"<span>{n.day.isoformat()}</span></li>\n" for n in notices)
        return f'<ul class="{cls}">\n{rows}</ul>'

    def _build_trs6(self) -> None:
        column = Column("通知公告", _notices("trs6", 25, lambda i, d: f"/zwgk/tzgg/{d:%Y%m}/t{d:%Y%m%d}_{520301 + i}.shtml", 0))
        self.columns["/zwgk/tzgg/index.shtml"] = column
        pages = _chunks(column.notices, 10)
        for n, chunk in enumerate(pages, start=1):
            items = self._items(chunk, lambda x: "." + x.path.removeprefix("/zwgk/tzgg"))
            pager = (f'<div class="page" id="page_div"></div><script>createPageHTML(\'page_div\',{len(pages)}, {n},'
                     f"'index','shtml',{len(column.notices)});</script>")
            name = "index.shtml" if n == 1 else f"index_{n}.shtml"
            self._html(f"/zwgk/tzgg/{name}", self._list_page(column, items, pager))

    def _build_vsb(self) -> None:
        htm = Column("通知公告", _notices("vsb", 13, lambda i, d: f"/info/1012/{3301 + i}.htm", 0))
        jsp = Column("工作动态", _notices("vsb", 12, lambda i, d: f"/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1013&wbnewsid={4401 + i}", 1))
        self.columns["/tzgg.htm"] = htm
        self.columns["/list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1013"] = jsp
        head = '<meta name="description" content=""><link rel="stylesheet" href="/system/resource/css/pagedown/sys.css">'
        pages = _chunks(htm.notices, self.per_page)
        total = len(pages)
        names = ["tzgg.htm"] + [f"tzgg/{total - k}.htm" for k in range(1, total)]  # numbered down
        for n, chunk in enumerate(pages, start=1):
            up = "../" if n > 1 else ""
            items = self._items(chunk, lambda x, up=up: up + x.path.lstrip("/"))
            nxt = (f'<span class="p_next p_fun"><a href="{up}{names[n]}">下页</a></span>' if n < total
                   else '<span class="p_next_d">下页</span>')
            pager = (f'<div class="pb_sys_common"><span class="p_t">共{len(htm.notices)}条</span> <span class="p_t">{n}/{total}</span>'
                     f' <span class="p_pages"><span class="p_no_d">{n}</span></span>{nxt}'
                     f' <span class="p_goto"><script language="javascript" src="/system/resource/js/gotopage.js"></script>'
                     f'<a href="javascript:;" onclick="_simple_list_gotopage_fun({total},\'u13_goto\',2)">跳转</a></span></div>')
            self._html("/" + names[n - 1], self._list_page(htm, items, pager, head))
        pages = _chunks(jsp.notices, self.per_page)
        total = len(pages)
        for n, chunk in enumerate(pages, start=1):
            items = self._items(chunk, lambda x: x.path.lstrip("/"))
            nxt = (f'<a href="list.jsp?totalpage={total}&amp;PAGENUM={n + 1}&amp;urltype=tree.TreeTempUrl&amp;wbtreeid=1013">下页</a>'
                   if n < total else "<span>下页</span>")
            pager = f'<div class="pb_sys_common"><span class="p_t">共{total}页</span> {nxt}</div>'
            path = ("/list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1013" if n == 1 else
                    f"/list.jsp?totalpage={total}&PAGENUM={n}&urltype=tree.TreeTempUrl&wbtreeid=1013")
            self._html(path, self._list_page(jsp, items, pager, head))

    def _build_epoint(self) -> None:
        column = Column("通知公告", _notices(
            "epoint", 25, lambda i, d: f"/xxgk/tzgg/{d:%Y%m%d}/8a8f{i:04d}c7e2b4415f9d3e{i:06d}.html", 0))
        self.columns["/xxgk/tzgg/moreinfo.html"] = column
        pages = _chunks(column.notices, 10)
        for n, chunk in enumerate(pages, start=1):
            rows = "".join(f'<li class="wb-data-list"><div class="wb-data-infor l"><a href="{x.path}" title="{esc(x.title)}"'
                           f' target="_blank">{esc(x.title)}</a></div><span class="wb-data-date r">{x.day.isoformat()}</span></li>\n'
                           for x in chunk)
            items = f'<ul class="wb-data-item">\n{rows}</ul>'
            pager = ('<div class="ewb-page" id="page"></div>\n<script src="/js/epoint-pagination.js"></script>\n'
                     "<script>\n$(function () {\n  $('#page').pagination({\n"
                     f"    pageIndex: {n - 1},\n    pageSize: 10,\n    total: {len(column.notices)},\n"
                     "    showInfo: true, showJump: true, showPageSizes: false\n  });\n});\n</script>")
            name = "moreinfo.html" if n == 1 else f"{n}.html"
            self._html(f"/xxgk/tzgg/{name}", self._list_page(column, items, pager,
                                                              '<meta name="generator" content="Epoint WebBuilder">'))

    def _build_pagination(self) -> None:
        jq = Column("通知公告", _notices("pagination", 13, lambda i, d: f"/tzgg/{d:%Y%m}/{610201 + i}.html", 0))
        lay = Column("工作动态", _notices("pagination", 12, lambda i, d: f"/gzdt/{d:%Y%m}/{710301 + i}.html", 1))
        self.columns["/tzgg/index.html"] = jq
        self.columns["/gzdt/index.html"] = lay
        for directory, column in (("tzgg", jq), ("gzdt", lay)):
            pages = _chunks(column.notices, self.per_page)
            for n, chunk in enumerate(pages, start=1):
                items = self._items(chunk, lambda x, d=directory: x.path.removeprefix(f"/{d}/"))
                if column is jq:
                    script = ("$('#pagination').pagination({\n"
                              f"  totalPage: {len(pages)},\n  currentPage: {n},\n  isShow: true,\n"
                              "  callback: function (page) {\n"
                              "    window.location.href = page == 1 ? 'index.html' : 'index_' + page + '.html';\n  }\n});")
                else:
                    script = ("layui.use('laypage', function () {\n  var laypage = layui.laypage;\n  laypage.render({\n"
                              f"    elem: 'pages',\n    count: {len(column.notices)},\n    limit: {self.per_page},\n    curr: {n},\n"
                              "    jump: function (obj, first) {\n      if (!first) {\n"
                              "        location.href = obj.curr == 1 ? 'index.html' : 'index_' + obj.curr + '.html';\n"
                              "      }\n    }\n  });\n});")
                pager = f'<div id="{"pagination" if column is jq else "pages"}"></div>\n<script>\n{script}\n</script>'
                name = "index.html" if n == 1 else f"index_{n}.html"
                self._html(f"/{directory}/{name}", self._list_page(column, items, pager))

    def _build_loadmore(self) -> None:
        column = Column("通知公告", _notices("loadmore", 25, lambda i, d: f"/tzgg/{d:%Y%m}/t{d:%Y%m%d}_{126000 + i}.html", 0))
        self.columns["/tzgg/index.html"] = column
        first, rest = column.notices[:10], column.notices[10:]
        batches = _chunks(rest, 8)
        items = self._items(first, lambda x: x.path)
        more = ('<div class="more"><a id="loadMore" href="javascript:;">加载更多</a></div>\n<script>\nvar page = 1;\n'
                "$('#loadMore').on('click', function () {\n  page++;\n"
                "  $.getJSON('datas_126_' + page + '.json', function (res) {\n"
                "    $.each(res.datas, function (i, d) {\n"
                "      $('.list').append('<li><a href=\"' + d.url + '\">' + d.title + '</a><span>' + d.date + '</span></li>');\n"
                "    });\n    if (page >= res.pageCount) { $('#loadMore').hide(); }\n  });\n});\n</script>")
        self._html("/tzgg/index.html", self._list_page(column, items, more))
        count = len(batches) + 1
        for n, batch in enumerate(batches, start=2):
            data = {"pageCount": count, "datas": [{"title": x.title, "url": x.path, "date": x.day.isoformat()}
                                                   for x in batch]}
            self.routes[f"/tzgg/datas_126_{n}.json"] = ("application/json; charset=utf-8",
                                                       json.dumps(data, ensure_ascii=False))

    def _build_gkmlpt(self) -> None:
        notice = Column("通知公告", _notices("gkmlpt", 13, lambda i, d: f"/gkmlpt/content/0/{8800 + i}/post_{880100 + i}.html", 0))
        policy = Column("政策文件", _notices("gkmlpt", 12, lambda i, d: f"/gkmlpt/content/0/{8900 + i}/post_{890100 + i}.html", 1))
        self.columns["/gkmlpt/index"] = Column("政府信息公开", notice.notices + policy.notices)
        self._gkmlpt = {"101": notice, "102": policy}  # the API's categories
        tree = [{"id": 100, "name": "机构职能", "parent": 0, "post_count": 0, "jump_url": "/private/jgzn.html", "children": []},
                {"id": 101, "name": "通知公告", "parent": 0, "post_count": 13, "jump_url": "", "children": []},
                {"id": 102, "name": "政策文件", "parent": 0, "post_count": 12, "jump_url": "", "children": []}]
        config = (f"window._CONFIG = {{\n  SID: '200001',\n  SITE_NAME: '{self.org}',\n"
                  f"  TREE: {json.dumps(tree, ensure_ascii=False)},\n  SERVICE_AREA_ID: 0,\n  DETAIL: null\n}};")
        self._html("/gkmlpt/index", _page(f"政府信息公开_{self.org}", (
            '<div id="app"></div>\n<noscript>请开启浏览器的JavaScript功能</noscript>\n'
            f"<script>\n{config}\n</script>\n"
            '<script src="/gkmlpt/gkml/pc/js/chunk-vendors.js"></script>\n<script src="/gkmlpt/gkml/pc/js/app.js"></script>')))

    def _gkmlpt_api(self, path: str, query: dict[str, str]) -> str | None:
        category = path.removeprefix("/gkmlpt/api/all/")
        column = getattr(self, "_gkmlpt", {}).get(category)
        if column is None or query.get("sid") != "200001":
            return None
        try:
            page = max(1, int(query.get("page", "1")))
        except ValueError:
            page = 1
        chunk = column.notices[(page - 1) * self.per_page:page * self.per_page]
        articles = [{"id": int(x.path.rsplit("_", 1)[1].split(".")[0]), "title": x.title, "url": self.base + x.path,
                     "created_at": f"{x.day.isoformat()} 09:30:00", "publisher": self.org,
                     "identifier": f"11440000-{category}/{x.day.year}-{k:05d}"}
                    for k, x in enumerate(chunk)]
        data = {"total": len(column.notices), "articles": articles,
                "classify": {"id": int(category), "name": column.name, "post_count": len(column.notices)}}
        return json.dumps(data, ensure_ascii=False)

    # -- pages ---------------------------------------------------------------------------------

    def _html(self, path: str, text: str) -> None:
        self.routes[path] = ("text/html; charset=utf-8", text)

    def _notice(self, notice: Notice, column: Column) -> str:
        paragraphs = "".join(f"<p>{esc(p)}</p>\n" for p in notice.paragraphs)
        day = notice.day.isoformat()
        return _page(f"{notice.title}_{self.org}", (
            f'<div class="nav"><a href="/">首页</a></div>\n'
            f'<div class="location">当前位置：<a href="/">首页</a> &gt; {esc(column.name)}</div>\n'
            f'<div class="article"><h1>{esc(notice.title)}</h1>\n<div class="info">发布时间：{day}　来源：{esc(self.org)}</div>\n'
            f'<div class="content">{paragraphs}</div></div>\n'
            f'<div class="footer">主办：{esc(self.org)}</div>'),
            f'<meta name="ArticleTitle" content="{esc(notice.title)}">\n<meta name="PubDate" content="{day} 09:30">')

    # -- serving -------------------------------------------------------------------------------

    def answer(self, target: str) -> tuple[int, str, str]:
        parts = urlsplit(target)
        pairs = sorted(parse_qsl(parts.query, keep_blank_values=True))
        key = parts.path + ("?" + "&".join(f"{k}={v}" for k, v in pairs) if pairs else "")
        if key in self.routes:
            ctype, text = self.routes[key]
            return 200, ctype, text
        for route, (ctype, text) in self.routes.items():  # a route with a query, asked in another order
            if "?" in route and urlsplit(route).path == parts.path and sorted(parse_qsl(urlsplit(route).query)) == pairs:
                return 200, ctype, text
        if parts.path.startswith("/gkmlpt/api/all/"):
            data = self._gkmlpt_api(parts.path, dict(pairs))
            if data is not None:
                return 200, "application/json; charset=utf-8", data
        return 404, "text/html; charset=utf-8", _page("404", "<h1>页面不存在</h1>")

    def __enter__(self) -> Self:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                status, ctype, text = site.answer(self.path)
                data = text.encode("utf-8")
                with site._lock:
                    site.hits.append(self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def demo_key(kind: str) -> str:
    return f"family-{kind}"


FAMILY_KEYS = {demo_key(kind): kind for kind in KINDS}


def is_family(key: str) -> bool:
    return key in FAMILY_KEYS


class FamilyDemo:
    """One site per family, each on a free port of 127.0.0.1.

    >>> with FamilyDemo() as demo:
    ...     demo.bases   # {"family-gkmlpt": "http://127.0.0.1:40123", ...}
    """

    def __init__(self):
        self.sites = {key: FamilySite(kind) for key, kind in FAMILY_KEYS.items()}
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

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
