"""trs: a replica of 北京市政协 (www.bjzx.gov.cn), TRS WCM, UTF-8.

Lists: /zxqk/bjgc/index.html, index_1.html, … (北京观察) and /xwzx/gzdt/index.html, index_1.html
(工作动态), paged only by ``createPageHTML(count, current, "index", "html")``. Articles are
linked relatively (./202003/t20200324_28946.html) and live at …/YYYYMM/tYYYYMMDD_ID.html.
"""

from __future__ import annotations

import random
from datetime import date

from ..content import (
    TOPICS, Article, Block, TitleMaker, compose, distinct_dates, esc, expected, expected_flags,
    person, related,
)
from ..server import Response, Site, html_response, redirect, route_key
from .common import DayTitles, Entry, Model, State, chunks, ids_by_date, robots, sig_of

KEY = "trs"
NAME = "北京市政协"
ROBOTS = "/zxqk/bjgc/nbzl/"

#: column key -> (directory, breadcrumb above the column, column name, per page)
COLUMNS = {
    "bjgc": ("/zxqk/bjgc/", [("政协期刊", "/zxqk/")], "北京观察", 20),
    "gzdt": ("/xwzx/gzdt/", [("新闻中心", "/xwzx/")], "工作动态", 10),
}
SECTIONS = ["区政协 Districts", "特别策划 Special Report", "委员风采 Members", "议政建言 Suggestions",
            "履职 Performing Duties", "文史 Culture and History"]
DISTRICTS = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区", "通州区",
             "顺义区", "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区"]
SLOTS = {"topic": TOPICS, "district": DISTRICTS,
         "phrase": ["凝聚共识", "建言资政", "协商于民", "履职为民", "同心抗疫", "担当作为", "服务大局"],
         "cmte": ["提案委员会", "经济委员会", "城建环保委员会", "教文卫体委员会", "社会和法制委员会", "港澳台侨委员会"]}
TEMPLATES = {
    "bjgc": ["{district}政协：在{topic}中{phrase}", "{topic}的{district}实践", "{phrase} 助力{topic}",
             "聚焦{topic} {phrase}", "委员视角：{topic}", "{district}政协{topic}工作纪实"],
    "gzdt": ["市政协召开{topic}专题协商会", "市政协{cmte}调研{topic}工作", "关于做好{topic}工作的通知",
             "市政协举办{topic}专题讲座", "市政协{cmte}召开{topic}座谈会"],
}


def _bjgc(rng: random.Random, titles: TitleMaker, day: date) -> Article:
    topic = rng.choice(TOPICS)
    title = titles.make(TEMPLATES["bjgc"], topic=topic)
    issue = f"{day.year}-{day.month:02d}"
    article = Article(path="", title=title, published=day, column="bjgc",
                      channel=["政协期刊", "北京观察", issue, rng.choice(SECTIONS)],
                      author=person(rng) if rng.random() < 0.85 else None,
                      source=f"{day.year}年{day.month:02d}期")
    article.blocks = compose(rng, n=rng.randint(3, 6), headings="plain" if rng.random() < 0.6 else None)
    return article


def _gzdt(rng: random.Random, titles: TitleMaker, day: date) -> Article:
    topic = rng.choice(TOPICS)
    title = titles.make(TEMPLATES["gzdt"], topic=topic)
    article = Article(path="", title=title, published=day, column="gzdt", channel=["新闻中心", "工作动态"],
                      source="市政协办公厅")
    if title.startswith("关于"):
        article.doc_number = f"京政协办发〔{day.year}〕{rng.randint(2, 40)}号"
        article.signed_by, article.signed_date = "政协北京市委员会办公厅", day
        article.blocks = compose(rng, n=3, docno=article.doc_number, greeting="各区政协,市政协各专门委员会:",
                                 headings="numbered", sign=(article.signed_by, day))
    else:
        lead = f"{day.month}月{day.day}日,市政协围绕“{topic}”开展专题活动,市政协副主席{person(rng)}出席。"
        article.blocks = compose(rng, lead=lead, n=rng.randint(2, 4))
    if rng.random() < 0.25:
        article.subtitle = f"——{rng.choice(DISTRICTS)}{topic}工作侧记"
        article.subtitle_above = False
    return article


# -- HTML ------------------------------------------------------------------------------------------

PAGER_JS = r"""<script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0){
		document.write("首页&nbsp;&nbsp;上一页&nbsp;&nbsp;");
	}else{
		var nPreIndex = nCurrIndex - 1;
		var sPreFileExt = nPreIndex == 0 ? "" : ("_" + nPreIndex);
		document.write("<a href=\"" + _sPageName + "." + _sPageExt + "\">首页</a>&nbsp;&nbsp;");
		document.write("<a href=\"" + _sPageName + sPreFileExt + "." + _sPageExt + "\">上一页</a>&nbsp;&nbsp;");
	}
	if(nCurrIndex == (_nPageCount - 1)){
		document.write("下一页&nbsp;&nbsp;尾页");
	}else{
		var nNextIndex = nCurrIndex + 1;
		document.write("<a href=\"" + _sPageName + "_" + nNextIndex + "." + _sPageExt + "\">下一页</a>&nbsp;&nbsp;");
		document.write("<a href=\"" + _sPageName + "_" + (_nPageCount - 1) + "." + _sPageExt + "\">尾页</a>");
	}
	document.write("&nbsp;&nbsp;共" + _nPageCount + "页");
}
</script>
"""


def _head(title: str, meta: dict[str, str], pager: bool = False) -> str:
    metas = "".join(f'<meta name="{k}" content="{esc(v)}">\n' for k, v in meta.items())
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">\n'
        f"<title>{esc(title)}</title>\n{metas}"
        '<link rel="stylesheet" type="text/css" href="/images/common.css">\n'
        + (PAGER_JS if pager else "")
        + "</head>\n<body>\n"
        '<div class="header"><div class="logo"><a href="/"><span class="logo-text">中国人民政治协商会议北京市委员会</span></a></div>\n'
        '<div class="search"><form action="/search/" method="get" target="_blank"><input type="text" name="searchword" value="">'
        '<input type="submit" value="搜索"></form></div></div>\n'
        '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li>'
        '<li><a href="/xwzx/gzdt/">工作动态</a></li><li><a href="/zxqk/">政协期刊</a></li>'
        '<li><a href="/zxqk/bjgc/">北京观察</a></li></ul></div>\n'
    )


FOOT = """<div class="footer">
<p>主办:中国人民政治协商会议北京市委员会&nbsp;&nbsp;承办:北京市政协信息中心</p>
<p>地址:北京市西城区太平桥大街8号&nbsp;&nbsp;邮编:100032</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">京ICP备05060931号</a>&nbsp;&nbsp;网站标识码:1100000032&nbsp;&nbsp;京公网安备 11010202007551号</p>
</div>
</body>
</html>
"""


def _rel(path: str, directory: str) -> str:
    """The relative link a TRS list (in ``directory``) prints for a page."""
    return "./" + path[len(directory):] if path.startswith(directory) else path


def _sidebar(items: list[Article]) -> str:
    lis = "".join(f'<li><a href="{a.path}" target="_blank" title="{esc(a.title)}">{esc(a.title)}</a></li>\n' for a in items)
    return f'<div class="side"><div class="side-tit">相关新闻</div>\n<ul>\n{lis}</ul></div>\n'


def _block(b: Block) -> str:
    if b.kind == "docno":
        return f'<p style="text-align: center;">{esc(b.text)}</p>'
    if b.kind == "greet":
        return f"<p>{esc(b.text)}</p>"
    if b.kind in ("sign", "date"):
        return f'<p style="text-align: right;">{esc(b.text)}</p>'
    if b.kind == "h":
        return f"<p>\u3000\u3000<strong>{esc(b.text)}</strong></p>"
    return f"<p>\u3000\u3000{esc(b.text)}</p>"


def _article_page(a: Article, side: list[Article]) -> str:
    directory, parents, name, _ = COLUMNS[a.column]
    crumbs = ['<a href="/" title="首页" class="CurrChnlCls">首页</a>']
    crumbs += [f'<a href="{href}" title="{t}" class="CurrChnlCls">{t}</a>' for t, href in parents]
    crumbs.append(f'<a href="{directory}" title="{name}" class="CurrChnlCls">{name}</a>')
    crumbs += [f'<span class="CurrChnlCls">{esc(c)}</span>' for c in a.channel[len(parents) + 1:]]
    meta = {"SiteName": NAME, "SiteDomain": "www.bjzx.gov.cn", "SiteIDCode": "1100000032",
            "ColumnName": a.channel[-1], "ColumnType": name, "ArticleTitle": a.title,
            "PubDate": a.day.isoformat(), "ContentSource": a.source or "", "Keywords": "",
            "Author": a.author or "", "Description": "", "Url": a.path}
    info = f"时间:{a.day.isoformat()}" + (f"&nbsp;&nbsp;&nbsp;来源:{esc(a.source)}" if a.source else "")
    return (
        _head(f"{a.title}_{NAME}", meta)
        + '<div class="main">\n<div class="position">您的位置 : ' + "&nbsp;&gt;&nbsp;".join(crumbs) + "</div>\n"
        + '<div class="article">\n'
        + f'<h2 class="art-title">{esc(a.title)}</h2>\n'
        + (f'<h3 class="art-subtitle">{esc(a.subtitle)}</h3>\n' if a.subtitle else "")
        + (f'<p class="art-author">{esc(a.author)}</p>\n' if a.author else "")
        + f'<div class="art-info">{info}</div>\n'
        + '<div class="art-con"><div class="TRS_Editor">\n'
        + "\n".join(_block(b) for b in a.blocks)
        + "\n</div></div>\n"
        + '<div class="art-btn">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>\n'
        + "</div>\n" + _sidebar(side) + "</div>\n" + FOOT
    )


def _list_page(col: str, entries: list[Entry], index: int, count: int) -> str:
    directory, parents, name, _ = COLUMNS[col]
    crumbs = ['<a href="/" class="CurrChnlCls">首页</a>'] + [f'<a href="{h}" class="CurrChnlCls">{t}</a>' for t, h in parents]
    crumbs.append(f'<a href="./" class="CurrChnlCls">{name}</a>')
    lis = "".join(f'<li><span>{e.day.isoformat()}</span><a href="{_rel(e.path, directory)}" '
                  f'target="_blank" title="{esc(e.title)}">{esc(e.title)}</a></li>\n' for e in entries)
    meta = {"SiteName": NAME, "SiteDomain": "www.bjzx.gov.cn", "SiteIDCode": "1100000032",
            "ColumnName": name, "ColumnType": name}
    return (
        _head(f"{name}_{NAME}", meta, pager=True)
        + '<div class="main">\n<div class="position">您的位置 : ' + "&nbsp;&gt;&nbsp;".join(crumbs) + "</div>\n"
        + f'<div class="list-box">\n<div class="list-tit">{name}</div>\n<ul class="list">\n{lis}</ul>\n'
        + f'<div class="page"><script>createPageHTML({count}, {index}, "index", "html");</script></div>\n'
        + "</div>\n</div>\n" + FOOT
    )


NOT_FOUND = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>页面未找到_北京市政协</title>\n</head>\n'
             '<body>\n<div class="notfound"><p>对不起,您访问的页面不存在!</p>\n'
             '<p>请检查网址是否正确,或<a href="/">返回首页</a>。</p></div>\n</body>\n</html>\n')


def _path(a: Article, directory: str, art_id: int) -> str:
    d = a.day
    return f"{directory}{d.year}{d.month:02d}/t{d.year}{d.month:02d}{d.day:02d}_{art_id}.html"


class SiteModel(Model):
    key, name, robots_prefix, policy = KEY, NAME, ROBOTS, "nginx"
    QUIET = ["gzdt", "bjgc"]  # the column that publishes nothing, by day

    def __init__(self) -> None:
        rng = random.Random(20200324)
        taken_days = {date(2020, 3, 24)}
        exp = expected("003")
        seed = Article(path="", title=exp["title"], published=date.fromisoformat(exp["published"]),
                       channel=exp["channel"], column="bjgc", author=exp["author"], source=exp["source"],
                       seed="003", flags=expected_flags("003"))
        seed.blocks = [Block("h" if len(p) < 20 else "p", p) for p in exp["body"]]
        titles = TitleMaker(rng, [], SLOTS, {seed.title})
        bjgc = [_bjgc(rng, titles, d) for d in distinct_dates(rng, date(2019, 10, 8), date(2020, 6, 30), 48, taken_days)]
        bjgc = sorted(bjgc + [seed], key=lambda a: a.published, reverse=True)
        gzdt = [_gzdt(rng, titles, d) for d in distinct_dates(rng, date(2020, 1, 6), date(2020, 6, 30), 15, taken_days)]
        hidden = [_bjgc(rng, titles, d) for d in distinct_dates(rng, date(2020, 2, 1), date(2020, 4, 30), 2, taken_days)]
        moved = _gzdt(rng, titles, distinct_dates(rng, date(2020, 2, 1), date(2020, 2, 28), 1, taken_days)[0])
        missing_day = distinct_dates(rng, date(2020, 4, 1), date(2020, 4, 30), 1, taken_days)[0]

        everything = bjgc + gzdt + hidden + [moved]
        ids = ids_by_date(rng, everything, seed, 28946, gap=(1, 30))
        for a in bjgc + gzdt + [moved]:
            a.path = _path(a, COLUMNS[a.column][0], ids[a.title])
        for a in hidden:
            a.path = _path(a, ROBOTS, ids[a.title])
        old = _path(moved, COLUMNS["bjgc"][0], ids[moved.title])
        columns = {
            "bjgc": [Entry(a.path, a.title, a.day, "ok", a) for a in bjgc]
            + [Entry(a.path, a.title, a.day, "disallowed", a) for a in hidden]
            + [Entry(old, moved.title, moved.day, "redirect", moved)],
            "gzdt": [Entry(a.path, a.title, a.day, "ok", a) for a in gzdt]
            + [Entry(f"/xwzx/gzdt/{missing_day:%Y%m}/t{missing_day:%Y%m%d}_{29990 + rng.randint(0, 9)}.html",
                     titles.make(TEMPLATES["gzdt"]), missing_day, "missing")],
        }
        for entries in columns.values():
            entries.sort(key=lambda e: e.day, reverse=True)
        listed = sorted(bjgc + gzdt, key=lambda a: a.published, reverse=True)
        site = Site(KEY, None, {}, html_response(NOT_FOUND, 404), server_header="nginx")
        st = State(KEY, site.routes)
        st.columns, st.unlisted = columns, [moved]
        st.articles = {a.path: a for a in listed + [moved]}
        st.titles = set(titles.taken)
        st.counters["id"] = max(ids.values())
        site.add("/robots.txt", robots(ROBOTS))
        for a in everything:
            st.serve_notice(site, a, html_response(_article_page(a, related(listed, a))))
        site.add(old, redirect(moved.path))
        for title, href, col in (("政协期刊", "/zxqk/", "bjgc"), ("新闻中心", "/xwzx/", "gzdt")):
            inner = f'<div class="main"><ul><li><a href="{COLUMNS[col][0]}index.html">{COLUMNS[col][2]}</a></li></ul></div>\n'
            site.add(href, html_response(_head(f"{title}_{NAME}", {"SiteName": NAME}) + inner + FOOT))
        self.site, self.state = site, st
        self.lists(st, rng)

    def new_articles(self, st: State, rng: random.Random, when: date, count: int) -> list[tuple[Article, str]]:
        titles = DayTitles(rng, SLOTS, st.titles, when)
        out = []
        for _ in range(count):
            col = rng.choice(self.busy(st.day, ["bjgc", "gzdt", "gzdt"]))
            a = (_bjgc if col == "bjgc" else _gzdt)(rng, titles, when)
            st.counters["id"] += rng.randint(1, 30)
            a.path = _path(a, COLUMNS[col][0], st.counters["id"])
            out.append((a, col))
        return out[::-1]  # the last made is the newest, on top

    def page(self, st: State, a: Article, rng: random.Random) -> Response:
        listed = sorted(st.listed(), key=lambda x: x.published, reverse=True)
        return html_response(_article_page(a, related(listed, a)))

    def lists(self, st: State, rng: random.Random) -> None:
        st.list_pages = []
        for col in st.columns:
            entries = st.entries(col)
            directory, _, name, per = COLUMNS[col]
            pages = chunks(entries, per)
            for i, page in enumerate(pages):
                url = directory + ("index.html" if i == 0 else f"index_{i}.html")
                sig = (sig_of(page), i, len(pages))
                make = lambda col=col, page=page, i=i, n=len(pages): html_response(_list_page(col, page, i, n))  # noqa: E731
                for path in ([url, directory] if i == 0 else [url]):
                    st.render(path, sig, make)
                    st.validated.add(route_key(path))
                    if st.prev is None:
                        st.lm[route_key(path)] = page[0].day
                st.list_pages.append(url)
        listed = sorted(st.listed(), key=lambda a: a.published, reverse=True)
        home = "".join(f'<li><span>{a.day.isoformat()}</span><a href="{a.path}" target="_blank">{esc(a.title)}</a></li>\n'
                       for a in listed[:10])
        st.render("/", home, lambda: html_response(
            _head(NAME, {"SiteName": NAME}) + f'<div class="main"><ul class="list">\n{home}</ul></div>\n' + FOOT))

    def soft_404(self) -> Response:
        inner = ('<div class="main">\n<div class="notfound"><h2>页面不存在</h2>\n<p>该信息已删除或已过期。</p>\n'
                 '<p>请<a href="/">返回首页</a>。</p></div>\n</div>\n')
        return html_response(_head(f"页面不存在_{NAME}", {"SiteName": NAME}) + inner + FOOT)


def build(day: int = 0) -> Site:
    """The site on ``day`` (see crawler.demo.days)."""
    from ..days import site

    return site(KEY, day)
