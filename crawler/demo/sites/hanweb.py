"""hanweb: a replica of 政协兰州市委员会 (www.gslzzx.gov.cn), Hanweb 大汉版通 (jcms), UTF-8.

Articles: /art/YYYY/M/D/art_COLUMNID_ID.html. Column pages /col/colNNNNN/index.html embed the
first 15 records as a jpage XML datastore; the rest come from POST
/module/web/jpage/dataproxy.jsp?startrecord=A&endrecord=B&perpage=15 (form: columnid, unitid…).
"""

from __future__ import annotations

import random
from datetime import date, datetime
from math import ceil
from urllib.parse import parse_qsl, quote, urlsplit

from ..catalog import ListPost
from ..content import (
    TOPICS, Article, Block, TitleMaker, clock, compose, distinct_dates, esc, expected,
    expected_flags, person, related,
)
from ..server import Response, Site, html_response, redirect, route_key
from .common import DayTitles, Entry, Model, State, ids_by_date, robots, sig_of

KEY = "hanweb"
NAME = "政协兰州市委员会"
WEBNAME = quote(NAME)
PER_PAGE = 15
PROXY = "/module/web/jpage/dataproxy.jsp"
ROBOTS = "/art/2019/"

#: column id -> (name, parent id, parent name, jpage unit id)
COLUMNS = {
    "11753": ("通知公告", "11751", "政协新闻", "56789"),
    "11752": ("工作动态", "11751", "政协新闻", "56788"),
    "11781": ("提案工作", "11780", "履职工作", "56801"),
}
PARENTS = {"11751": "政协新闻", "11780": "履职工作"}

SLOTS = {
    "topic": TOPICS,
    "meeting": ["市政协十四届常委会第九次会议", "市政协主席会议", "市政协党组理论学习中心组学习会",
                "市政协机关干部职工大会", "市政协十四届五次会议", "全市政协工作会议"],
    "doc": ["市政协2020年工作要点", "市政协2020年协商计划", "政协委员履职量化管理办法",
            "市政协机关疫情防控工作方案", "市政协2020年重点提案督办方案", "市政协委员读书活动实施方案"],
    "org": ["市政协", "市政协党组", "市政协机关", "市政协经济委员会", "市政协社会和法制委员会",
            "市政协教科卫体委员会", "市政协人口资源环境委员会", "市政协文化文史和学习委员会"],
    "county": ["城关区", "七里河区", "西固区", "安宁区", "红古区", "永登县", "皋兰县", "榆中县"],
}
TEMPLATES = {
    "11753": ["关于召开{meeting}的通知", "关于做好{topic}工作的通知", "关于征集{topic}意见建议的公告",
              "关于开展{topic}专题调研的通知", "关于印发《{doc}》的通知", "关于{topic}有关事项的通知",
              "关于报送{topic}相关材料的通知"],
    "11752": ["{org}召开{topic}工作推进会", "{org}开展{topic}专题视察", "{org}专题协商{topic}工作",
              "{county}政协召开{topic}座谈会", "市政协领导带队调研{county}{topic}工作",
              "{org}听取{topic}工作情况通报"],
    "11781": ["市政协督办“{topic}”重点提案", "{org}召开{topic}提案办理协商会",
              "关于{topic}的提案办理情况答复"],
}
SUBTITLES = ["——市政协{topic}工作综述", "凝心聚力 共克时艰", "——{org}扎实推进{topic}工作",
             "聚焦{topic} 助力高质量发展", "——让我们携手为{topic}贡献政协力量"]
GREETINGS = ["各县区政协,市政协各专门委员会,机关各处室:", "各位市政协委员:",
             "市政协各参加单位,各位政协委员:"]


def _articles(rng: random.Random) -> tuple[dict[str, list[Article]], list[Article], list[Entry], Article, Article]:
    """Generated articles per column, the disallowed ones, the missing entry, the moved
    article (reached by a redirect only) and the seed."""
    taken_titles: set[str] = set()
    taken_days: set[date] = {date(2020, 1, 29)}
    titles = TitleMaker(rng, [], SLOTS, taken_titles)
    exp = expected("000")
    seed = Article(
        path="", title=exp["title"], subtitle=exp["subtitle"], subtitle_above=True,
        published=datetime.fromisoformat(exp["published"]), channel=exp["channel"], column="11753",
        blocks=[Block("greet", exp["body"][0])] + [Block("p", p) for p in exp["body"][1:-2]]
        + [Block("sign", exp["body"][-2]), Block("date", exp["body"][-1])],
        signed_by=exp["signed_by"], signed_date=date.fromisoformat(exp["signed_date"]),
        seed="000", flags=expected_flags("000"), extra={"sign_style": "nbsp", "hits": 1265},
    )
    taken_titles.add(seed.title)
    counts = {"11753": 33, "11752": 18, "11781": 6}
    by_column: dict[str, list[Article]] = {}
    for col, n in counts.items():
        days = distinct_dates(rng, date(2020, 1, 2), date(2020, 6, 30), n, taken_days)
        by_column[col] = [_generate(rng, titles, col, d) for d in days]
    by_column["11753"].append(seed)
    by_column["11753"].sort(key=lambda a: a.published, reverse=True)
    disallowed = [_generate(rng, titles, "11753", d)
                  for d in distinct_dates(rng, date(2019, 11, 1), date(2019, 12, 31), 2, taken_days)]
    # A notice moved from 通知公告 to 工作动态: the old link answers 301.
    moved = _generate(rng, titles, "11752", distinct_dates(rng, date(2020, 3, 1), date(2020, 3, 31), 1, taken_days)[0])
    missing_day = distinct_dates(rng, date(2020, 2, 1), date(2020, 2, 29), 1, taken_days)[0]
    missing = Entry("", titles.make(TEMPLATES["11752"]), missing_day, "missing")
    return by_column, disallowed, [missing], moved, seed


def _generate(rng: random.Random, titles: TitleMaker, col: str, day: date) -> Article:
    name, _, parent, _ = COLUMNS[col]
    published = clock(rng, day)
    topic = rng.choice(TOPICS)
    title = titles.make(TEMPLATES[col], topic=topic)
    article = Article(path="", title=title, published=published, channel=[parent, name], column=col,
                      extra={"hits": rng.randint(40, 3000), "sign_style": rng.choice(["nbsp", "right"])})
    if col == "11753":  # notices: 文号 (sometimes), salutation, signature
        signed = day
        if rng.random() < 0.6:
            article.doc_number = f"兰政协{rng.choice(['发', '办发', '办函'])}〔{day.year}〕{rng.randint(1, 60)}号"
        article.signed_by, article.signed_date = rng.choice([NAME, "政协兰州市委员会办公室"]), signed
        article.blocks = compose(
            rng, n=rng.randint(2, 4), greeting=rng.choice(GREETINGS), docno=article.doc_number,
            headings="numbered" if rng.random() < 0.5 else None, sign=(article.signed_by, signed),
        )
    else:  # news: a lead paragraph, prose, sometimes sub-headings; no signature
        lead = (f"{day.month}月{day.day}日,{rng.choice(SLOTS['org'])}围绕{topic}工作开展调研协商,"
                f"{rng.choice(['市政协主席', '市政协副主席', '市政协秘书长'])}{person(rng)}参加活动并讲话。")
        article.blocks = compose(rng, lead=lead, n=rng.randint(2, 5),
                                 headings="plain" if rng.random() < 0.3 else None)
    if col != "11753" and rng.random() < 0.4:  # 引题 / 副题 on news, not on notices
        above = rng.random() < 0.5
        article.subtitle = titles.rng.choice(SUBTITLES).format(topic=rng.choice(TOPICS), org="市政协")
        if not above and not article.subtitle.startswith("——"):
            article.subtitle = "——" + article.subtitle
        article.subtitle_above = above
    return article


def _path(a: Article, col: str, art_id: int) -> str:
    d = a.day
    return f"/art/{d.year}/{d.month}/{d.day}/art_{col}_{art_id}.html"


# -- HTML ----------------------------------------------------------------------------------------

HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=EmulateIE7" />
<title>{title}</title>
{meta}<link href="/images/zxstyle.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<div class="top"><div class="w1000"><span class="welcome">欢迎访问兰州市政协官网!</span><span class="topr"><a href="javascript:void(0)" onclick="this.style.behavior='url(#default#homepage)';this.setHomePage(window.location.href);">设为首页</a> | <a href="javascript:void(0)" onclick="window.external.addFavorite(window.location.href,document.title);">加入收藏</a></span></div></div>
<div class="banner"><div class="w1000"><div class="logo" title="政协兰州市委员会"></div></div></div>
<div class="nav"><ul>
<li><a href="/index.html">首页</a></li>
<li><a href="/col/col11751/index.html">政协新闻</a></li>
<li><a href="/col/col11753/index.html">通知公告</a></li>
<li><a href="/col/col11752/index.html">工作动态</a></li>
<li><a href="/col/col11780/index.html">履职工作</a></li>
<li><a href="/col/col11781/index.html">提案工作</a></li>
</ul></div>
"""

FOOT = """<div class="footer"><div class="w1000">
<p>主办:政协兰州市委员会办公室&nbsp;&nbsp;&nbsp;承办:兰州市政协信息中心</p>
<p>地址:甘肃省兰州市城关区南昌路1648号&nbsp;&nbsp;邮编:730030&nbsp;&nbsp;联系电话:0931-8465213</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">陇ICP备09003105号</a>&nbsp;&nbsp;网站标识码:6201000042&nbsp;&nbsp;<a href="http://www.beian.gov.cn/" target="_blank">甘公网安备 62010202001143号</a></p>
<p>Produced By 大汉网络 大汉版通发布系统</p>
</div></div>
</body>
</html>
"""


def _meta(items: dict[str, str]) -> str:
    return "".join(f'<meta name="{k}" content="{esc(v)}" />\n' for k, v in items.items())


def _crumbs(col: str) -> str:
    name, parent_id, parent, _ = COLUMNS[col]
    return ('<table width="100%" border="0" cellspacing="0" cellpadding="0" class="dqwz"><tr>'
            '<td width="70">当前位置:</td><td><table cellspacing="0" cellpadding="0" border="0"><tr>'
            '<td><a href="/index.html" class="bt_link">首页</a></td>'
            f'<td><table cellspacing="0" cellpadding="0" border="0"><tr><td>&gt;&gt;<a href="/col/col{parent_id}/index.html" '
            f'class="bt_link">{parent}</a>&gt;&gt;<a href="/col/col{col}/index.html" class="bt_link">{name}</a></td></tr></table></td>'
            '</tr></table></td></tr></table>\n')


def _sidebar(items: list[Article]) -> str:
    lis = "".join(f'<li><a href="{a.path}" title="{esc(a.title)}" target="_blank">{esc(_short(a.title))}</a>'
                  f'<span>{a.day.isoformat()}</span></li>\n' for a in items)
    return f'<div class="right-side"><div class="side-title"><span>最新动态</span></div>\n<ul class="side-list">\n{lis}</ul></div>\n'


def _short(title: str, limit: int = 24) -> str:
    """Hanweb lists cut long titles; the full one is in the title attribute."""
    return title if len(title) <= limit else title[:limit] + "..."


def _block(b: Block, sign_style: str) -> str:
    if b.kind == "docno":
        return f'<p style="text-align: center;">{esc(b.text)}</p>'
    if b.kind == "greet":
        return f"<p>{esc(b.text)}</p>"
    if b.kind == "h":
        return f'<p style="text-indent: 2em;"><strong>{esc(b.text)}</strong></p>'
    if b.kind in ("sign", "date"):
        if sign_style == "right":
            return f'<p style="text-align: right;">{esc(b.text)}</p>'
        pad = "&nbsp;" * (83 if b.kind == "sign" else 82)
        return f"<p>{pad}{esc(b.text)}</p>"
    return f'<p style="text-indent: 2em;">{esc(b.text)}</p>'


def _article_page(a: Article, side: list[Article]) -> str:
    col = a.column
    art_id = a.path.rsplit("_", 1)[1].split(".")[0]
    name = COLUMNS[col][0]
    paras = [_block(b, a.extra["sign_style"]) for b in a.blocks]
    if a.seed:  # the empty NBSP paragraphs of the real page around the signature
        paras.insert(-2, "<p> " + "&nbsp;" * 24 + " &nbsp;&nbsp;&nbsp;</p>")
        paras.append("<p>&nbsp;</p>")
    first = next((b.text for b in a.blocks if b.kind == "p"), "")
    meta = _meta({
        "SiteName": NAME, "SiteDomain": "www.gslzzx.gov.cn", "SiteIDCode": "6201000042",
        "ColumnName": name, "ColumnDescription": name, "ColumnKeywords": name, "ColumnType": name,
        "ArticleTitle": a.title, "PubDate": a.published.strftime("%Y-%m-%d %H:%M"),
        "ContentSource": "", "Keywords": "", "Author": "", "Description": first[:80], "Image": "",
        "Url": a.path,
    })
    above = f'<tr><td class="yt" align="center"><!--<$[引题]>begin-->{esc(a.subtitle)}<!--<$[引题]>end--></td></tr>\n' \
        if a.subtitle and a.subtitle_above else ""
    below = f'<tr><td class="ft" align="center"><!--<$[副题]>begin-->{esc(a.subtitle)}<!--<$[副题]>end--></td></tr>\n' \
        if a.subtitle and not a.subtitle_above else ""
    return (
        HEAD.format(title=esc(f"{a.title}_{NAME}"), meta=meta)
        + '<div class="main w1000">\n' + _crumbs(col)
        + '<div class="left-article">\n<table width="100%" border="0" cellspacing="0" cellpadding="0" class="article-table">\n'
        + above
        + f'<tr><td class="title" align="center"><!--<$[标题名称]>begin-->{esc(a.title)}<!--<$[标题名称]>end--></td></tr>\n'
        + below
        + f'<tr><td class="fbsj" align="center"><!--<$[发布日期]>begin-->{a.published.strftime("%Y-%m-%d %H:%M:%S")}<!--<$[发布日期]>end--> '
        f'点击:<script language="javascript" src="/module/visitcount/articlehits.jsp?colid={col}&amp;artid={art_id}"></script> '
        '字体:[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</td></tr>\n'
        + '<tr><td class="bt_content"><div id="zoom"><!--<$[信息内容]>begin-->'
        + "\n".join(paras)
        + '<!--<$[信息内容]>end--></div></td></tr>\n</table>\n'
        + '<div class="dyfx">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>\n'
        + "</div>\n" + _sidebar(side) + "</div>\n" + FOOT
    )


def _record(e: Entry) -> str:
    return (f'<li><a href="{e.path}" title="{esc(e.title)}" target="_blank">{esc(_short(e.title))}</a>'
            f'<span>{e.day.isoformat()}</span></li>')


def _column_page(col: str, entries: list[Entry], side: list[Article]) -> str:
    name, parent_id, parent, unit = COLUMNS[col]
    first = entries[:PER_PAGE]
    nextgroup = (f'<a href="{PROXY}?page=1&appid=1&webid=1&path=/&columnid={col}&unitid={unit}'
                 f'&webname={WEBNAME}&permissiontype=0"></a>')
    records = "\n".join(f"<record><![CDATA[\n{_record(e)}\n]]></record>" for e in first)
    meta = _meta({"SiteName": NAME, "SiteDomain": "www.gslzzx.gov.cn", "SiteIDCode": "6201000042",
                  "ColumnName": name, "ColumnDescription": name, "ColumnKeywords": name, "ColumnType": name})
    return (
        HEAD.format(title=esc(f"{name}_{NAME}"), meta=meta)
        + '<div class="main w1000">\n' + _crumbs(col)
        + f'<div class="list-left">\n<div class="lm-title"><span>{name}</span></div>\n'
        + f'<div class="lm-list" id="{unit}"><script type="text/xml"><datastore>\n'
        + f"<nextgroup><![CDATA[{nextgroup}]]></nextgroup>\n<recordset>\n{records}\n</recordset>\n</datastore>\n</script></div>\n"
        + '<script type="text/javascript" src="/module/web/jpage/jpage.js"></script>\n'
        + "<script type=\"text/javascript\">\n$(document).ready(function(){\n"
        + f"\t$('#{unit}').jpage({{\n\t\tdataStore: $('#{unit} script[type=\"text/xml\"]'),\n"
        + f"\t\tperPage: {PER_PAGE},\n\t\ttotalRecord: {len(entries)},\n\t\tgroupSize: 3,\n"
        + f"\t\tproxyUrl: '{PROXY}',\n\t\tbarPosition: 'bottom',\n\t\tshowMode: 'full',\n"
        + "\t\tdataBefore: '<ul class=\"list\">',\n\t\tdataAfter: '</ul>',\n"
        + f"\t\tajaxParam: {{col: 1, appid: 1, webid: 1, path: '/', columnid: {col}, sourceContentType: 1, "
        + f"unitid: '{unit}', webname: '{NAME}', permissiontype: 0}}\n\t}});\n}});\n</script>\n"
        + "</div>\n" + _sidebar(side) + "</div>\n" + FOOT
    )


def _simple_page(title: str, inner: str) -> str:
    meta = _meta({"SiteName": NAME, "SiteDomain": "www.gslzzx.gov.cn", "SiteIDCode": "6201000042"})
    return HEAD.format(title=esc(title), meta=meta) + f'<div class="main w1000">\n{inner}</div>\n' + FOOT


NOT_FOUND = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<title>404 页面不存在_政协兰州市委员会</title>\n'
             '</head>\n<body>\n<div class="error-page" style="text-align:center;padding:80px 0;">\n'
             '<h2>抱歉,您访问的页面不存在或已被删除!</h2>\n'
             '<p><a href="/index.html">返回首页</a></p>\n</div>\n</body>\n</html>\n')

JPAGE_JS = r"""/* jpage: Hanweb list paging (demo replica, no jQuery needed) */
(function () {
  function records(xml) {
    var out = [], re = /<record><!\[CDATA\[([\s\S]*?)\]\]><\/record>/g, m;
    while ((m = re.exec(xml))) out.push(m[1]);
    return out;
  }
  function form(o) {
    var parts = [];
    for (var k in o) parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(o[k]));
    return parts.join('&');
  }
  function Jpage(box, o) {
    var pages = Math.ceil(o.totalRecord / o.perPage), current = 1;
    function show(list) {
      var bar = '<div class="default_pgContainer">共' + o.totalRecord + '条 ' + current + '/' + pages + '页 ';
      bar += '<a href="javascript:;" data-page="1">首页</a> <a href="javascript:;" data-page="' + Math.max(1, current - 1) + '">上一页</a> ';
      bar += '<a href="javascript:;" data-page="' + Math.min(pages, current + 1) + '">下一页</a> <a href="javascript:;" data-page="' + pages + '">尾页</a></div>';
      box.innerHTML = o.dataBefore + list.join('') + o.dataAfter + bar;
      var links = box.querySelectorAll('a[data-page]');
      for (var i = 0; i < links.length; i++) links[i].onclick = function () { go(+this.getAttribute('data-page')); };
    }
    function go(page) {
      var start = (page - 1) * o.perPage + 1, end = Math.min(page * o.perPage, o.totalRecord);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', o.proxyUrl + '?startrecord=' + start + '&endrecord=' + end + '&perpage=' + o.perPage);
      xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
      xhr.onload = function () { current = page; show(records(xhr.responseText)); };
      xhr.send(form(o.ajaxParam));
    }
    show(records(box.querySelector('script[type="text/xml"]').text));
  }
  function wrap(sel) {
    return {
      ready: function (fn) { if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn); else fn(); },
      jpage: function (o) { Jpage(document.getElementById(sel.replace('#', '')), o); }
    };
  }
  if (!window.$) window.$ = function (sel) { return typeof sel === 'string' ? wrap(sel) : wrap(''); };
})();
"""


# -- the site --------------------------------------------------------------------------------------


class SiteModel(Model):
    key, name, robots_prefix, policy = KEY, NAME, ROBOTS, "tomcat"
    QUIET = ["11752", "11753", "11781"]  # the column that publishes nothing, by day

    def __init__(self) -> None:
        rng = random.Random(20200129)
        by_column, disallowed, missing, moved, seed = _articles(rng)
        everything = [a for arts in by_column.values() for a in arts] + disallowed + [moved]
        ids = ids_by_date(rng, everything, seed, 847716)
        for a in everything:
            a.path = _path(a, a.column, ids[a.title])
        old_path = _path(moved, "11753", ids[moved.title])
        missing_entry = missing[0]
        d = missing_entry.day
        missing_entry.path = f"/art/{d.year}/{d.month}/{d.day}/art_11752_{849990 + rng.randint(1, 9)}.html"

        columns: dict[str, list[Entry]] = {col: [Entry(a.path, a.title, a.day, "ok", a) for a in arts]
                                           for col, arts in by_column.items()}
        columns["11753"] += [Entry(a.path, a.title, a.day, "disallowed", a) for a in disallowed]
        columns["11753"].append(Entry(old_path, moved.title, moved.day, "redirect", moved))
        columns["11752"].append(missing_entry)
        for entries in columns.values():
            entries.sort(key=lambda e: e.day, reverse=True)

        listed = [a for arts in by_column.values() for a in arts]
        listed.sort(key=lambda a: a.published, reverse=True)
        site = Site(KEY, None, {}, html_response(NOT_FOUND, 404), server_header="Apache-Coyote/1.1",
                    extra_headers=[("X-Powered-By", "Servlet 2.5; JBoss-5.0/JBossWeb-2.1")])
        st = State(KEY, site.routes)
        st.columns, st.unlisted = columns, [moved]
        st.articles = {a.path: a for a in listed + [moved]}
        st.titles = {e.title for entries in columns.values() for e in entries}
        st.counters["id"] = max(ids.values())
        site.add("/robots.txt", robots(ROBOTS))
        for a in everything:
            st.serve_notice(site, a, html_response(_article_page(a, related(listed, a))))
            self.companions(st, a, rng)
        site.add(old_path, redirect(moved.path))
        for pid, pname in PARENTS.items():
            subs = "".join(f'<li><a href="/col/col{c}/index.html">{v[0]}</a></li>' for c, v in COLUMNS.items() if v[1] == pid)
            site.add(f"/col/col{pid}/index.html",
                     html_response(_simple_page(f"{pname}_{NAME}", f'<div class="lm-title"><span>{pname}</span></div><ul>{subs}</ul>\n')))
        site.add("/module/web/jpage/jpage.js", Response(200, [("Content-Type", "application/javascript; charset=utf-8")], JPAGE_JS.encode()))

        def get_hook(target: str) -> Response | None:
            if urlsplit(target).path == PROXY:
                return Response(405, [("Allow", "POST"), ("Content-Type", "text/html; charset=utf-8")],
                                b"<html><body><h1>HTTP Status 405 - HTTP method GET is not supported by this URL</h1></body></html>")
            return None

        site.get_hook = get_hook
        self.site, self.state = site, st
        self.lists(st, rng)

    def new_articles(self, st: State, rng: random.Random, when: date, count: int) -> list[tuple[Article, str]]:
        titles = DayTitles(rng, SLOTS, st.titles, when)
        out = []
        for _ in range(count):
            col = rng.choice(self.busy(st.day, ["11753", "11753", "11752", "11781"]))
            out.append((_generate(rng, titles, col, when), col))
        out.sort(key=lambda x: x[0].published)
        for a, col in out:  # ids grow with time
            st.counters["id"] += rng.randint(3, 60)
            a.path = _path(a, col, st.counters["id"])
        return out[::-1]

    def page(self, st: State, a: Article, rng: random.Random) -> Response:
        listed = sorted(st.listed(), key=lambda x: x.published, reverse=True)
        return html_response(_article_page(a, related(listed, a)))

    def companions(self, st: State, a: Article, rng: random.Random) -> None:
        art_id = a.path.rsplit("_", 1)[1].split(".")[0]
        st.add(f"/module/visitcount/articlehits.jsp?colid={a.column}&artid={art_id}",
               Response(200, [("Content-Type", "application/javascript; charset=utf-8")],
                        f'document.write("{a.extra["hits"]}");'.encode()))

    def lists(self, st: State, rng: random.Random) -> None:
        listed = sorted(st.listed(), key=lambda a: a.published, reverse=True)
        side = listed[:8]
        for col in st.columns:
            entries = st.entries(col)
            path = f"/col/col{col}/index.html"
            # a static column page: regenerated (with the sidebar of the day) when its list changes
            st.render(path, (sig_of(entries[:PER_PAGE]), len(entries)),
                      lambda col=col, entries=entries: html_response(_column_page(col, entries, side)))
            st.validated.add(route_key(path))
            if st.prev is None:
                st.lm[route_key(path)] = entries[0].day
        by_column = {col: st.listed(col) for col in st.columns}
        home = "".join(
            f'<div class="home-box"><div class="lm-title"><a href="/col/col{col}/index.html">{COLUMNS[col][0]}</a></div><ul>'
            + "".join(f'<li><a href="{a.path}" title="{esc(a.title)}">{esc(_short(a.title))}</a><span>{a.day.isoformat()}</span></li>'
                      for a in arts[:6]) + "</ul></div>\n"
            for col, arts in by_column.items())
        for path in ("/", "/index.html"):
            st.render(path, home, lambda: html_response(_simple_page(NAME, home)))

        records = {col: [_record(e) for e in st.entries(col)] for col in st.columns}

        def post(target: str, form: dict[str, str]) -> Response | None:
            parts = urlsplit(target)
            if parts.path != PROXY:
                return None
            params = {**form, **dict(parse_qsl(parts.query))}  # a servlet's getParameter: query first
            return _dataproxy(records, params)

        st.post = post
        st.list_pages = [f"/col/col{col}/index.html" for col in st.columns]
        st.list_posts = []
        for col in st.columns:
            total = len(records[col])
            for start in range(PER_PAGE + 1, total + 1, PER_PAGE):
                end = min(start + PER_PAGE - 1, total)
                st.list_posts.append(ListPost(
                    f"{PROXY}?startrecord={start}&endrecord={end}&perpage={PER_PAGE}",
                    {"col": "1", "appid": "1", "webid": "1", "path": "/", "columnid": col, "sourceContentType": "1",
                     "unitid": COLUMNS[col][3], "webname": NAME, "permissiontype": "0"}))

    def soft_404(self) -> Response:
        inner = ('<div class="error-page" style="text-align:center;padding:80px 0;">\n<h2>页面不存在</h2>\n'
                 '<p>该信息已删除或已过期!</p>\n<p><a href="/index.html">返回首页</a></p>\n</div>\n')
        return html_response(_simple_page(f"页面不存在_{NAME}", inner))


def build(day: int = 0) -> Site:
    """The site on ``day`` (see crawler.demo.days)."""
    from ..days import site

    return site(KEY, day)


def _dataproxy(records: dict[str, list[str]], params: dict[str, str]) -> Response:
    rows = records.get(params.get("columnid", ""), [])
    per = _int(params.get("perpage"), PER_PAGE) or PER_PAGE
    start = max(1, _int(params.get("startrecord"), 1))
    end = _int(params.get("endrecord"), start + per - 1)
    chosen = rows[start - 1:max(end, start - 1)]
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
            f"<totalrecord>{len(rows)}</totalrecord>\n<totalpage>{ceil(len(rows) / per)}</totalpage>\n<recordset>\n"
            + "".join(f"<record><![CDATA[\n{r}\n]]></record>\n" for r in chosen)
            + "</recordset>\n</datastore>\n")
    return Response(200, [("Content-Type", "text/xml;charset=UTF-8")], body.encode())


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
