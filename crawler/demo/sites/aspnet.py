"""aspnet: a replica of 天长先锋网 (tcxfw.gov.cn, 中共天长市委组织部), ASP.NET on IIS, GBK.

Pages are GBK bytes with ``<meta … charset=gb2312>`` and a bare ``Content-Type: text/html``;
names use characters outside GB2312 (镕 喆 堃 珺 昇). Lists: /List.aspx?ClassID=N[&page=P] with a
首页 上一页 下一页 尾页 pager; articles: /Info/NNNNN.aspx.
"""

from __future__ import annotations

import base64
import random
from datetime import date, timedelta
from functools import lru_cache

from ..content import (
    Article, Block, TitleMaker, cn_date, cn_date_padded, compose, distinct_dates, esc, fullwidth, person,
    repaired_002,
)
from ..server import Response, Site, redirect, route_key
from .common import DayTitles, Entry, Model, State, chunks, ids_by_date, robots, sig_of

KEY = "aspnet"
NAME = "天长先锋网"
ROBOTS = "/Member/"
PER_PAGE = 15
SEED_ID = 15837

#: ClassID -> (breadcrumb channel, how many generated notices)
COLUMNS = {"3": (["通知公告"], 21), "57": (["石梁", "通知公告"], 14), "12": (["工作动态"], 10)}
TOWNS = ["千秋街道", "广陵街道", "天长街道", "新街镇", "石梁镇", "金集镇", "仁和集镇", "冶山镇", "郑集镇",
         "杨村镇", "秦栏镇", "大通镇", "张铺镇", "汊涧镇", "铜城镇", "万寿镇"]
TOPICS = ["党员教育", "基层党建", "软弱涣散基层党组织整顿", "党费收缴", "发展党员", "村(社区)“两委”换届",
          "党史学习教育", "干部教育培训", "人才引育", "党员冬春训", "“双报到”", "党建引领乡村振兴",
          "疫情防控", "组织生活会", "“三会一课”"]
TEMPLATES = {
    "3": ["关于{name}等同志拟任职的公示", "关于开展{topic}工作的通知", "关于做好{topic}有关工作的通知",
          "关于发展{name}等同志为中共预备党员的公示", "关于{topic}专项检查情况的通报"],
    "57": ["石梁镇关于{name}等同志拟任职的公示", "石梁镇召开{topic}工作推进会", "石梁镇开展{topic}专题活动",
           "关于石梁镇{topic}工作的通知"],
    "12": ["{town}召开{topic}工作会议", "{town}扎实推进{topic}工作", "{town}开展{topic}主题活动",
           "市委组织部调研{town}{topic}工作"],
}
FOOT = ('<div class="footer">\n<p>主办单位:中共天长市委组织部 承办:天长市党员教育中心 皖ICP备0700665号 '
        '联系电话:0550-7770830 邮箱:tcxfw2012@163.com</p>\n'
        '<p>技术支持:安徽网狐科技 皖公网安备 34118102000224号</p>\n</div>\n')


def _public_notice(rng: random.Random, title: str, day: date, names: list[str], signer: str) -> list[Block]:
    """A 公示: one line per person (some names only exist in GBK), the period, a signature."""
    posts = ["党委委员", "党委副书记", "组织委员", "宣传委员", "纪委书记", "党政办主任"]
    blocks = [Block("p", "根据《党政领导干部选拔任用工作条例》有关规定,经研究,现将拟任职人选予以公示:"
                    if "任职" in title else "根据《中国共产党发展党员工作细则》规定,现将拟发展对象予以公示:")]
    for name in names:
        born = f"{rng.randint(1975, 1996)}年{rng.randint(1, 12)}月生"
        town = rng.choice(TOWNS)
        if "任职" in title:
            blocks.append(Block("p", f"{name},{rng.choice('男女')},汉族,{born},大学学历,中共党员,现任{town}"
                                     f"{rng.choice(posts)},拟任{town}{rng.choice(posts)}。"))
        else:
            blocks.append(Block("p", f"{name},{rng.choice('男女')},汉族,{born},{town}{rng.choice(['村', '社区'])}群众。"))
    end = day + timedelta(days=6)
    blocks.append(Block("p", f"公示时间:{cn_date(day)}至{cn_date(end)}。公示期间,如对公示对象有异议,"
                             "可通过来电、来信、来访等方式向市委组织部反映。举报电话:0550-7770830。"))
    blocks.append(Block("sign", signer))
    blocks.append(Block("date", cn_date(day)))
    return [Block(b.kind, fullwidth(b.text)) for b in blocks]


def _generate(rng: random.Random, titles: TitleMaker, cls: str, day: date) -> Article:
    channel, _ = COLUMNS[cls]
    names = [person(rng, gbk_only=rng.random() < 0.5) for _ in range(rng.randint(2, 4))]
    names[0] = person(rng, gbk_only=True)  # every 公示 carries a name outside GB2312
    title = titles.make(TEMPLATES[cls], name=names[0])
    article = Article(path="", title=title, published=day, channel=list(channel), column=cls)
    signer = "中共天长市委组织部" if cls != "57" else "中共天长市石梁镇委员会"
    if "公示" in title:
        article.blocks = _public_notice(rng, title, day, names, signer)
        article.signed_by, article.signed_date = signer, day
    elif title.startswith("关于"):
        article.doc_number = f"天组{rng.choice(['发', '通', '字'])}〔{day.year}〕{rng.randint(1, 80)}号" if rng.random() < 0.5 else None
        article.signed_by, article.signed_date = signer, day
        article.blocks = compose(rng, n=3, docno=article.doc_number, greeting="各镇(街)党(工)委,市直各单位党组织:",
                                 headings="numbered", sign=(signer, day))
    else:
        lead = f"{day.month}月{day.day}日,{rng.choice(TOWNS)}召开会议,专题部署{rng.choice(TOPICS)}工作,{names[0]}同志出席会议并讲话。"
        note = None
        if rng.random() < 0.5:
            town, writer = rng.choice(TOWNS), person(rng, gbk_only=rng.random() < 0.3)
            note = f"(来源:{town} {writer})"
            article.source, article.author = town, writer
        elif rng.random() < 0.5:
            article.source = "天长市委组织部"
        article.blocks = compose(rng, lead=lead, n=rng.randint(2, 3), note=note)
        if note:
            article.blocks[-1] = Block("credit", article.blocks[-1].text)
    return article


@lru_cache(maxsize=1)
def _articles():
    rng = random.Random(20220319)
    seed_day = date(2022, 3, 19)
    taken = {seed_day + timedelta(days=i) for i in (-1, 0, 1, 2)}
    body = repaired_002()
    seed = Article(path="", title="致全市各级党组织和广大党员的倡议书", published=seed_day, channel=["通知公告"],
                   column="3", signed_by=body[-2], signed_date=seed_day, seed="002",
                   blocks=[Block("p", p) for p in body[:-2]] + [Block("sign", body[-2]), Block("date", body[-1])])
    titles = TitleMaker(rng, [], {"name": [], "topic": TOPICS, "town": TOWNS}, {seed.title})
    prev = Article(path="", title="天长市千秋街道办事处、广陵街道办事处公开招聘社区专职工作者公告", published=seed_day - timedelta(days=1),
                   channel=["通知公告"], column="3", blocks=compose(rng, n=3, headings="numbered"))
    nxt = Article(path="", title="公 示", published=seed_day + timedelta(days=2), channel=["通知公告"], column="3",
                  signed_by="中共天长市委组织部", signed_date=seed_day + timedelta(days=2))
    nxt.blocks = _public_notice(rng, "拟任职", nxt.day, [person(rng, True), person(rng), person(rng, True)], nxt.signed_by)
    titles.taken.update({prev.title, nxt.title})
    by_class: dict[str, list[Article]] = {}
    for cls, (_, n) in COLUMNS.items():
        days = distinct_dates(rng, date(2020, 2, 1), date(2022, 6, 30), n, taken)
        by_class[cls] = [_generate(rng, titles, cls, d) for d in days]
    by_class["3"] += [seed, prev, nxt]
    for arts in by_class.values():
        arts.sort(key=lambda a: a.published, reverse=True)
    member = [_generate(rng, titles, "3", d) for d in distinct_dates(rng, date(2021, 1, 1), date(2021, 12, 31), 2, taken)]
    moved = _generate(rng, titles, "12", distinct_dates(rng, date(2021, 5, 1), date(2021, 5, 31), 1, taken)[0])
    missing_day = distinct_dates(rng, date(2020, 9, 1), date(2020, 9, 30), 1, taken)[0]
    missing_title = titles.make(TEMPLATES["57"], name=person(rng, True))
    everything = [a for arts in by_class.values() for a in arts] + member + [moved]
    ids = ids_by_date(rng, everything, seed, SEED_ID, gap=(2, 25))
    for a in everything:
        a.path = f"/Info/{ids[a.title]}.aspx"
    for a in member:
        a.path = f"/Member/Info.aspx?ID={ids[a.title]}"
    return rng, by_class, member, moved, (missing_day, missing_title)


def originals(day: int = 0) -> list[Article]:
    """The notices the mirror site republishes on day 0: every listed one, newest first."""
    if day != 0:
        raise ValueError("the mirror republishes day 0's notices; later ones come with each day")
    _, by_class, _, _, _ = _articles()
    return sorted((a for arts in by_class.values() for a in arts), key=lambda a: a.published, reverse=True)


# -- HTML --------------------------------------------------------------------------------------------


def _viewstate(rng: random.Random) -> str:
    return "/wEPDwUK" + base64.b64encode(bytes(rng.getrandbits(8) for _ in range(96))).decode()


def _page(rng: random.Random, title: str, action: str, inner: str) -> str:
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
        f"<title>{esc(title)}</title>\n"
        '<meta name="keywords" content="天长先锋网,天长组工,天长党建" />\n'
        '<meta name="description" content="天长先锋网是中共天长市委组织部主办的党建门户网站" />\n'
        '<link href="/css/style.css" rel="stylesheet" type="text/css" />\n'
        "</head>\n<body>\n"
        f'<form name="form1" method="post" action="{esc(action)}" id="form1">\n'
        f'<div>\n<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{_viewstate(rng)}" />\n</div>\n'
        '<div>\n<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" />\n</div>\n'
        '<div class="top"><div class="logo"><a href="/">天长先锋网</a></div>'
        '<div class="toptime">中共天长市委组织部主办</div></div>\n'
        '<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/List.aspx?ClassID=3">通知公告</a></li>'
        '<li><a href="/List.aspx?ClassID=12">工作动态</a></li><li><a href="/List.aspx?ClassID=56">石梁</a></li>'
        '<li><a href="/List.aspx?ClassID=57">镇街通知</a></li></ul></div>\n'
        f"{inner}{FOOT}</form>\n</body>\n</html>\n"
    )


def _crumbs(channel: list[str], cls: str, tail: str) -> str:
    links = ['<a href="/">天长先锋网</a>']
    if len(channel) == 2:
        links.append(f'<a href="/List.aspx?ClassID=56">{channel[0]}</a>')
    links.append(f'<a href="/List.aspx?ClassID={cls}">{channel[-1]}</a>')
    return '<div class="weizhi">' + "&gt;&gt; ".join(links) + f"&gt;&gt;{tail}</div>\n"


def _short(title: str) -> str:
    return title if len(title) <= 29 else title[:29] + "…"


def _block(b: Block) -> str:
    text = esc(b.text)
    if b.kind == "docno":
        return f'<p align="center">{text}</p>'
    if b.kind in ("sign", "date"):
        return f'<p align="right">{text}</p>'
    if b.kind == "h":
        return f"<p><strong>{text}</strong></p>"
    if b.kind == "greet":
        return f"<p>{text}</p>"
    return f'<p style="text-indent:2em;">{text}</p>'


def _neighbours(a: Article, column: list[Article]) -> tuple[Article | None, Article | None]:
    """上一篇 is the older neighbour in the column, 下一篇 the newer one."""
    if a not in column:
        return None, None
    i = column.index(a)
    return (column[i + 1] if i + 1 < len(column) else None), (column[i - 1] if i > 0 else None)


def _sxp(prev: Article | None, nxt: Article | None) -> str:
    def one(label: str, x: Article | None) -> str:
        if x is None:
            return f"{label}没有了"
        return f'{label}<a href="{x.path}">{esc(_short(x.title))}</a>[ {x.day:%m-%d} ]'

    return f'<div class="sxp">{one("上一篇:", prev)} {one("下一篇:", nxt)}</div>\n'


def _article_page(rng: random.Random, a: Article, column: list[Article], side: list[Article]) -> str:
    prev, nxt = _neighbours(a, column)
    lis = "".join(f'<li><a href="{x.path}" title="{esc(x.title)}">{esc(_short(x.title))}</a><span>{x.day:%m-%d}</span></li>'
                  for x in side)
    inner = (
        _crumbs(a.channel, a.column, "正文内容")
        + '<div class="main"><div class="left">\n<div class="art">\n'
        + f'<div class="art_title"><h1><span id="lblTitle">{esc(a.title)}</span></h1></div>\n'
        + f'<div class="art_info">发布时间:{cn_date_padded(a.day)}&nbsp;&nbsp;来源:<span id="lblSource">{esc(a.source or "") if not any(b.kind == "credit" for b in a.blocks) else ""}</span>'
        + '&nbsp;&nbsp;【字体:<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</div>\n'
        + '<div class="art_content" id="fontzoom">\n' + "\n".join(_block(b) for b in a.blocks) + "\n</div>\n"
        + _sxp(prev, nxt) + "</div>\n</div>\n"
        + f'<div class="right"><div class="rtitle">最新动态</div><ul>{lis}</ul></div>\n</div>\n'
    )
    return _page(rng, f"{a.title}_{NAME}", a.path.rsplit("/", 1)[1], inner)


def _pager(cls: str, page: int, pages: int, total: int) -> str:
    def link(p: int, label: str, active: bool) -> str:
        if not active:
            return f'<span class="disabled">{label}</span>'
        href = f"List.aspx?ClassID={cls}" + (f"&amp;page={p}" if p > 1 else "")
        return f'<a href="{href}">{label}</a>'

    return (f'<div class="pager">共{total}条记录&nbsp;&nbsp;每页{PER_PAGE}条&nbsp;&nbsp;第{page}/{pages}页&nbsp;&nbsp;'
            + "&nbsp;".join([link(1, "首页", page > 1), link(page - 1, "上一页", page > 1),
                             link(page + 1, "下一页", page < pages), link(pages, "尾页", page < pages)])
            + f"&nbsp;&nbsp;共{pages}页</div>\n")


def _list_page(rng: random.Random, cls: str, entries: list[Entry], page: int, pages: int, total: int) -> str:
    channel, _ = COLUMNS[cls]
    lis = "".join(f'<li><span class="date">{e.day.isoformat()}</span><a href="{e.path}" target="_blank" '
                  f'title="{esc(e.title)}">{esc(_short(e.title))}</a></li>\n' for e in entries)
    inner = (_crumbs(channel, cls, "列表")
             + f'<div class="main"><div class="listbox"><div class="ltitle">{channel[-1]}</div>\n<ul class="newslist">\n{lis}</ul>\n'
             + _pager(cls, page, pages, total) + "</div></div>\n")
    action = f"List.aspx?ClassID={cls}" + (f"&page={page}" if page > 1 else "")
    return _page(rng, f"{channel[-1]}_{NAME}", action, inner)


NOT_FOUND = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
             '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
             '<title>404 - 找不到文件或目录。</title>\n</head>\n<body>\n<div id="header"><h1>服务器错误</h1></div>\n'
             '<div id="content">\n<h2>404 - 找不到文件或目录。</h2>\n<h3>您要查找的资源可能已被删除,已更改名称或者暂时不可用。</h3>\n'
             '<p><a href="/">返回天长先锋网首页</a></p>\n</div>\n</body>\n</html>\n')


def _gbk(text: str, status: int = 200) -> Response:
    return Response(status, [("Content-Type", "text/html"), ("Cache-Control", "private")], text.encode("gbk"))


class SiteModel(Model):
    key, name, robots_prefix, policy = KEY, NAME, ROBOTS, "iis"
    QUIET = ["12", "3", "57"]  # the column that publishes nothing, by day

    def __init__(self) -> None:
        _, by_class, member, moved, (missing_day, missing_title) = _articles()
        rng = random.Random(1522)  # for view states; the cached article rng is never touched again
        old_path = f"/Info/{int(moved.path[6:-5]) - 1}.aspx"  # moved pages got a new id
        columns = {cls: [Entry(a.path, a.title, a.day, "ok", a) for a in arts] for cls, arts in by_class.items()}
        columns["3"] += [Entry(a.path, a.title, a.day, "disallowed", a) for a in member]
        columns["3"].append(Entry(old_path, moved.title, moved.day, "redirect", moved))
        columns["57"].append(Entry(f"/Info/{SEED_ID - 9000 + rng.randint(0, 99)}.aspx", missing_title, missing_day, "missing"))
        for entries in columns.values():
            entries.sort(key=lambda e: e.day, reverse=True)
        listed = sorted((a for arts in by_class.values() for a in arts), key=lambda a: a.published, reverse=True)
        site = Site(KEY, None, {}, _gbk(NOT_FOUND, 404), server_header="Microsoft-IIS/7.5",
                    extra_headers=[("X-AspNet-Version", "4.0.30319"), ("X-Powered-By", "ASP.NET")])
        st = State(KEY, site.routes)
        st.columns, st.unlisted = columns, [moved]
        st.articles = {a.path: a for a in listed + [moved]}
        st.titles = {e.title for entries in columns.values() for e in entries}
        st.counters["id"] = max(int(a.path.rsplit("=", 1)[-1].rsplit("/", 1)[-1].split(".")[0])
                                for a in listed + member + [moved])
        site.add("/robots.txt", robots(ROBOTS))
        for cls, arts in by_class.items():
            for a in arts:
                st.serve_notice(site, a, _gbk(_article_page(rng, a, arts, listed[:8])))
        for a in member + [moved]:
            st.serve_notice(site, a, _gbk(_article_page(rng, a, [], listed[:8])))
        site.add(old_path, redirect(moved.path))
        self.site, self.state = site, st
        self.lists(st, rng)

    def new_articles(self, st: State, rng: random.Random, when: date, count: int) -> list[tuple[Article, str]]:
        titles = DayTitles(rng, {"name": [], "topic": TOPICS, "town": TOWNS}, st.titles, when)
        out = []
        for _ in range(count):
            cls = rng.choice(self.busy(st.day, ["3", "3", "57", "12"]))
            a = _generate(rng, titles, cls, when)
            st.counters["id"] += rng.randint(2, 25)
            a.path = f"/Info/{st.counters['id']}.aspx"
            out.append((a, cls))
        return out[::-1]  # the last made is the newest, on top

    def page(self, st: State, a: Article, rng: random.Random) -> Response:
        listed = sorted(st.listed(), key=lambda x: x.published, reverse=True)
        return _gbk(_article_page(rng, a, st.listed(a.column), listed[:8]))

    def lists(self, st: State, rng: random.Random) -> None:
        st.list_pages = []
        for cls in st.columns:
            entries = st.entries(cls)
            pages = chunks(entries, PER_PAGE)
            for i, page in enumerate(pages, 1):
                url = f"/List.aspx?ClassID={cls}" + (f"&page={i}" if i > 1 else "")
                st.render(url, (sig_of(page), i, len(pages), len(entries)),
                          lambda cls=cls, page=page, i=i, n=len(pages), total=len(entries):
                          _gbk(_list_page(rng, cls, page, i, n, total)))
                st.validated.add(route_key(url))
                if st.prev is None:
                    st.lm[route_key(url)] = page[0].day
                st.list_pages.append(url)
        town = _crumbs(["石梁"], "56", "石梁") + '<div class="main"><ul><li><a href="/List.aspx?ClassID=57">通知公告</a></li></ul></div>\n'
        st.render("/List.aspx?ClassID=56", "town", lambda: _gbk(_page(rng, f"石梁_{NAME}", "List.aspx?ClassID=56", town)))
        listed = sorted(st.listed(), key=lambda a: a.published, reverse=True)
        home = "".join(f'<li><a href="{a.path}" target="_blank">{esc(_short(a.title))}</a><span>{a.day.isoformat()}</span></li>\n'
                       for a in listed[:10])
        for path in ("/", "/Default.aspx"):
            st.render(path, home, lambda: _gbk(_page(rng, NAME, "Default.aspx", f'<div class="main"><ul class="newslist">\n{home}</ul></div>\n')))

    def soft_404(self) -> Response:
        inner = ('<div class="weizhi"><a href="/">天长先锋网</a>&gt;&gt;提示信息</div>\n'
                 '<div class="main"><div class="art"><div class="art_title"><h1>页面不存在</h1></div>\n'
                 '<div class="art_content"><p>该信息已删除或不存在!</p><p><a href="/">返回首页</a></p></div></div></div>\n')
        return _gbk(_page(random.Random(404), f"页面不存在_{NAME}", "Info.aspx", inner))


def build(day: int = 0) -> Site:
    """The site on ``day`` (see crawler.demo.days)."""
    from ..days import site

    return site(KEY, day)
