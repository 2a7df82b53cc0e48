"""united: a replica of 广安统一战线 (gatyzx.gov.cn, 中共广安市委统战部), UTF-8.

Articles: /html/YYYY/M-COL-N.html, with images (图为… captions beside them) and, on some,
attachments (PDF and DOC with Chinese names; the call for comments attaches one file of every
format government sites use, see crawler.demo.formats). 统战要闻 (column 889) is plain HTML paged by
下一页: /html/list/889.html, 889_2.html, …; 工作动态 (column 900) is JavaScript-only: its pages
/html/list/900.html, 900_2.html, … hold an empty list that a script fills from
/api/column/900?page=N (JSON).
"""

from __future__ import annotations

import json
import random
from datetime import date
from urllib.parse import quote

from .. import formats
from ..assets import jpeg, pdf, png, rtf_doc
from ..content import (
    Article, Block, TitleMaker, cn_date, compose, distinct_dates, esc, expected, expected_flags, fullwidth,
    paragraph_pool, person,
)
from ..server import Response, Site, html_response, redirect, route_key
from .common import DayTitles, Entry, Model, State, chunks, robots, sig_of

KEY = "united"
NAME = "广安统一战线"
ROBOTS = "/show/"
#: column id -> (name, per page, browser-only)
COLUMNS = {"889": ("统战要闻", 12, False), "900": ("工作动态", 8, True)}
TOPICS = ["民主党派", "民族宗教", "非公有制经济", "新的社会阶层人士", "港澳台侨", "党外知识分子",
          "统战理论研究", "同心工程", "民营企业", "宗教活动场所", "知联会", "统战信息", "党外代表人士"]
COUNTIES = ["广安区", "前锋区", "华蓥市", "岳池县", "武胜县", "邻水县"]
TEMPLATES = {
    "889": ["广安市召开{topic}工作会议", "市委统战部开展{topic}专题调研", "{county}扎实推进{topic}工作",
            "全市{topic}工作培训班开班", "市委统战部部长{person}调研{county}{topic}工作"],
    "900": ["{county}统战部召开{topic}座谈会", "{county}开展{topic}主题活动", "关于做好{topic}工作的通知",
            "市委统战部召开{topic}工作推进会"],
}
NOTES = ["(办公室)", "(党派科)", "(民宗局)", "(经济科)", "(宣传科)"]
NAV = ["多党合作", "民族宗教", "经济工作", "新的社会阶层", "港澳台侨", "理论研究"]


API_DELAY = 0.3  # seconds the JS column's JSON takes to answer


def _generate(rng: random.Random, titles: TitleMaker, col: str, day: date) -> Article:
    topic = rng.choice(TOPICS)
    title = titles.make(TEMPLATES[col], topic=topic, person=person(rng))
    a = Article(path="", title=title, published=day, channel=[COLUMNS[col][0]], column=col)
    if title.startswith("关于"):
        a.signed_by, a.signed_date = "中共广安市委统战部", day
        a.doc_number = f"广统发〔{day.year}〕{rng.randint(1, 30)}号" if rng.random() < 0.5 else None
        a.blocks = compose(rng, n=3, docno=a.doc_number, greeting="各区市县委统战部,市级各民主党派、工商联:",
                           headings="numbered", sign=(a.signed_by, day))
        return a
    lead = f"{day.month}月{day.day}日,{rng.choice(COUNTIES)}召开{topic}工作专题会议,{person(rng)}出席会议并讲话。"
    note = rng.choice(NOTES) if rng.random() < 0.5 else None
    a.blocks = compose(rng, lead=lead, n=rng.randint(2, 4), headings="numbered" if rng.random() < 0.3 else None, note=note)
    if note:
        a.source = note.strip("()")
    elif rng.random() < 0.6:
        a.source = rng.choice(["市委统战部", "广安日报", "市民宗局"])
    for _ in range(rng.randint(0, 2)):  # images, each with its 图为 caption right below
        spots = [i for i in range(1, len(a.blocks) - (1 if note else 0) + 1) if a.blocks[i - 1].kind != "img"]
        at = rng.choice(spots)
        src = f"/uploads/allimg/{day:%y%m%d}/1-{day:%y%m%d}{rng.randint(80000, 175959):06d}" + rng.choice([".jpg", ".jpg", ".png"])
        caption = f"图为{person(rng)}在{rng.choice(COUNTIES)}调研{rng.choice(TOPICS)}工作"
        a.blocks[at:at] = [Block("img", src=src), Block("caption", caption)]
    return a


# -- HTML ---------------------------------------------------------------------------------------------


def _head(title: str, description: str = "") -> str:
    nav = "".join(f'<li><a href="javascript:;">{x}</a></li>' for x in NAV)
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{esc(title)}</title>\n<meta name=\"keywords\" content=\"广安统一战线,广安统战,中共广安市委统战部\" />\n"
        f'<meta name="description" content="{esc(description[:80])}" />\n'
        '<link href="/statics/css/style.css" rel="stylesheet" type="text/css" />\n</head>\n<body>\n'
        '<div class="top"><div class="w1200"><span id="clock">2025年07月08日 04:40:02 星期二</span>'
        '<span class="fav"><a href="javascript:addFavorite();">加入收藏</a> <a href="javascript:setHomepage();">设为首页</a></span></div></div>\n'
        '<div class="header"><div class="w1200"><div class="logo">广安统一战线</div></div></div>\n'
        '<div class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/html/list/889.html">统战要闻</a></li>'
        f'<li><a href="/html/list/900.html">工作动态</a></li>{nav}</ul></div>\n'
    )


FOOT = ('<div class="footer"><div class="w1200">\n<p>版权所有:中共广安市委统一战线工作部&nbsp;&nbsp;地址:广安市广安区金安大道一段1号&nbsp;&nbsp;'
        '电话:0826-2338111</p>\n<p><a href="https://beian.miit.gov.cn/" target="_blank">蜀ICP备12017895号</a>&nbsp;&nbsp;'
        '网站标识码:5116000021&nbsp;&nbsp;川公网安备 51160202000112号</p>\n</div></div>\n'
        '<script type="text/javascript">function addFavorite(){try{window.external.addFavorite(location.href,document.title);}'
        'catch(e){alert("请使用Ctrl+D进行添加");}}function setHomepage(){alert("请在浏览器设置中将本站设为首页");}</script>\n'
        "</body>\n</html>\n")


def _position(col: str) -> str:
    return (f'<div class="position w1200">您当前的位置: <a href="/">首页</a> &gt; '
            f'<a href="/html/list/{col}.html">{COLUMNS[col][0]}</a></div>\n')


def _block(b: Block) -> str:
    text = esc(b.text)
    if b.kind == "img":
        return f'<p style="text-align: center;"><img src="{b.src}" alt="" width="600" border="0" /></p>'
    if b.kind == "a":  # a paragraph whose words 点击此处 link to ``src``
        before, words, after = b.text.partition(LINK_WORDS)
        return f'<p style="text-indent: 2em;">{esc(before)}<a href="{esc(b.src)}">{esc(words)}</a>{esc(after)}</p>'
    if b.kind in ("caption", "docno"):
        return f'<p style="text-align: center;">{text}</p>'
    if b.kind in ("sign", "date"):
        return f'<p style="text-align: right;">{text}</p>'
    if b.kind == "h":
        return f'<p style="text-indent: 2em;"><strong>{text}</strong></p>'
    if b.kind == "greet":
        return f"<p>{text}</p>"
    return f'<p style="text-indent: 2em;">{text}</p>'


def _article_page(a: Article, side: list[Article]) -> str:
    source = "" if any(b.kind == "note" for b in a.blocks) else esc(a.source or "")
    attach = ""
    if a.attachments:
        attach = '<div class="attach">' + "<br />".join(
            f'附件:<a href="{path}" target="_blank">{esc(name)}</a>' for name, path in a.attachments) + "</div>\n"
    lis = "".join(f'<li><a href="{x.path}" target="_blank" title="{esc(x.title)}">{esc(x.title)}</a>'
                  f'<span>{x.day.isoformat()}</span></li>' for x in side)
    first = next((b.text for b in a.blocks if b.kind == "p"), "")
    return (
        _head(f"{a.title}_{NAME}", first) + _position(a.column)
        + '<div class="main w1200"><div class="left">\n<div class="show">\n'
        + f'<h1 class="title">{esc(a.title)}</h1>\n'
        + f'<div class="info">来源:{source}阅读:<span id="hits">0</span>发布时间:{a.day.isoformat()}</div>\n'
        + '<div class="content" id="Article">\n' + "\n".join(_block(b) for b in a.blocks) + "\n</div>\n"
        + attach + "</div>\n</div>\n"
        + f'<div class="right"><div class="rtitle">最新动态</div><ul>{lis}</ul></div>\n</div>\n' + FOOT
    )


def _html_list(col: str, entries: list[Entry], prev_url: str | None, next_url: str | None) -> str:
    lis = "".join(f'<li><a href="{e.path}" target="_blank" title="{esc(e.title)}">{esc(e.title)}</a>'
                  f'<span>{e.day.isoformat()}</span></li>\n' for e in entries)
    pager = (f'<a href="{prev_url}">上一页</a> ' if prev_url else "") + (f'<a href="{next_url}">下一页</a>' if next_url else "")
    return (_head(f"{COLUMNS[col][0]}_{NAME}") + _position(col)
            + f'<div class="main w1200"><div class="listbox">\n<ul class="list">\n{lis}</ul>\n'
            + f'<div class="pages">{pager}</div>\n</div></div>\n' + FOOT)


def _js_list(col: str, page: int) -> str:
    script = (
        "<script type=\"text/javascript\">\n(function () {\n"
        f"  var column = {col}, page = {page};\n"
        "  var xhr = new XMLHttpRequest();\n"
        "  xhr.open('GET', '/api/column/' + column + '?page=' + page);\n"
        "  xhr.onload = function () {\n"
        "    var data = JSON.parse(xhr.responseText), html = '';\n"
        "    for (var i = 0; i < data.items.length; i++) {\n"
        "      var it = data.items[i];\n"
        "      html += '<li><a href=\"' + it.url + '\" target=\"_blank\" title=\"' + it.title + '\">' + it.title + '</a><span>' + it.date + '</span></li>';\n"
        "    }\n"
        "    document.getElementById('news-list').innerHTML = html;\n"
        "    var pager = '';\n"
        "    if (data.prev) pager += '<a href=\"' + data.prev + '\">上一页</a> ';\n"
        "    if (data.next) pager += '<a href=\"' + data.next + '\">下一页</a>';\n"
        "    document.getElementById('pager').innerHTML = pager;\n"
        "  };\n  xhr.send();\n})();\n</script>\n"
    )
    return (_head(f"{COLUMNS[col][0]}_{NAME}") + _position(col)
            + '<div class="main w1200"><div class="listbox">\n<ul class="list" id="news-list"></ul>\n'
            + '<div class="pages" id="pager"></div>\n</div></div>\n' + script + FOOT)


NOT_FOUND = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8" />\n<title>提示信息_广安统一战线</title>\n</head>\n<body>\n'
             '<div class="showMsg" style="text-align:center">\n<h5>提示信息</h5>\n'
             '<div class="content">抱歉,您要访问的页面不存在!</div>\n'
             '<div class="bottom"><a href="/">返回首页</a></div>\n</div>\n</body>\n</html>\n')

ATTACHMENTS = [("关于做好2020年度统战信息工作的通知.pdf", "pdf"), ("广安市统一战线理论研究课题申报表.doc", "doc"),
               ("2020年全市统战工作要点.pdf", "pdf"), ("党外代表人士推荐表.doc", "doc"),
               ("关于开展同心助学活动的实施方案.pdf", "pdf"), ("民营企业家座谈会回执.doc", "doc")]


def _file(name: str, kind: str, stamp: str) -> Response:
    if name in formats.BY_NAME:  # the call for comments' files, one of every format
        body, ctype = formats.body(name), formats.BY_NAME[name].content_type
    elif kind == "pdf":
        body, ctype = pdf(["Guang'an United Front Work Department", f"Attachment {stamp}", "demo replica"]), "application/pdf"
    else:
        body, ctype = rtf_doc(name.rsplit(".", 1)[0], ["单位名称:", "联系人:", "联系电话:", "推荐意见:"]), "application/msword"
    disposition = f"attachment; filename=\"{stamp}.{kind}\"; filename*=UTF-8''{quote(name, safe='')}"
    return Response(200, [("Content-Type", ctype), ("Content-Disposition", disposition)], body)


#: The page that tries to attack the archive's readers: markup in its headline, paragraphs, a
#: caption and an attachment's name, all printed as text (HTML-escaped), and a javascript:
#: link. Its truth holds the literal text. As a call for comments (征求意见) it also attaches the
#: draft and its papers in every format government sites use (crawler.demo.formats): a page of
#: its own since day 0 began, so every other answer of day 0 stays as it was.
XSS_DAY = date(2020, 1, 20)
XSS_TITLE = "关于<script>alert('t')</script>征求意见的通知"
XSS_ATTACHMENT = '"><script>alert(3)</script>.pdf'
LINK_WORDS = "点击此处"


def _xss(rng: random.Random, path: str) -> Article:
    d = XSS_DAY
    a = Article(path=path, title=XSS_TITLE, published=d, channel=[COLUMNS["889"][0]], column="889",
                signed_by="中共广安市委统战部", signed_date=d, source="市委统战部", extra={"fixed": True})
    src = f"/uploads/allimg/{d:%y%m%d}/1-{d:%y%m%d}{rng.randint(80000, 175959):06d}.jpg"
    a.blocks = [
        Block("greet", "各区市县委统战部，市级各民主党派、工商联："),
        Block("p", "为做好统一战线信息报送工作，现就《广安市统战信息工作办法（征求意见稿）》公开征求意见，请于1月31日前反馈。"),
        Block("p", "反馈意见请用纯文本，不要粘贴网页代码，例如<img src=x onerror=alert(1)>这样的内容将按原样显示。"),
        Block("img", src=src),
        Block("caption", "图为<svg onload=alert(2)>统战信息工作座谈会现场"),
        Block("a", "征求意见稿全文请点击此处查看。", src="javascript:alert(4)"),
        Block("p", fullwidth(rng.choice(paragraph_pool()))),
        Block("sign", "中共广安市委统战部"),
        Block("date", cn_date(d)),
    ]
    a.attachments = [(XSS_ATTACHMENT, f"/uploads/{d.year}/{d.month:02d}/" + quote(XSS_ATTACHMENT, safe=""))]
    a.attachments += [(f.name, f"/uploads/{d.year}/{d.month:02d}/{d:%Y%m%d}{100101 + i:06d}-" + quote(f.name, safe=""))
                      for i, f in enumerate(formats.FILES)]
    return a


def _image(rng: random.Random, src: str) -> Response:
    colour = (rng.randint(40, 220), rng.randint(40, 220), rng.randint(40, 220))
    body, ctype = (png(48, 32, colour, (255, 255, 255)), "image/png") if src.endswith(".png") else (jpeg(64, 48, colour), "image/jpeg")
    return Response(200, [("Content-Type", ctype)], body)


def _sidebar(arts: list[Article], a: Article) -> list[Article]:
    """The six notices after ``a`` in its column (wrapping)."""
    i = arts.index(a)
    return (arts[i + 1:] + arts[:i])[:6]


class SiteModel(Model):
    key, name, robots_prefix, policy = KEY, NAME, ROBOTS, "etag"
    QUIET = ["900", "889"]  # the column that publishes nothing, by day

    def __init__(self) -> None:
        rng = random.Random(20200201)
        exp = expected("004")
        seed = Article(path="/html/2020/2-889-1.html", title=exp["title"], published=date.fromisoformat(exp["published"]),
                       channel=exp["channel"], column="889", source=exp["source"], seed="004", flags=expected_flags("004"))
        for i, para in enumerate(exp["body"]):
            if para.startswith("图为"):
                src = f"/uploads/allimg/200201/1-2002011{i:02d}A{rng.randint(100, 999)}.jpg"
                seed.blocks += [Block("img", src=src), Block("caption", para)]
            elif para == exp["body"][-1] and para.startswith("("):
                seed.blocks.append(Block("note", para))
            else:
                seed.blocks.append(Block("h" if len(para) < 16 else "p", para))
        taken = {seed.day}
        titles = TitleMaker(rng, [], {"topic": TOPICS, "county": COUNTIES}, {seed.title})
        # the seed is the oldest 统战要闻 notice (its path ends -889-1), 工作动态 starts earlier
        gen = {col: [_generate(rng, titles, col, d) for d in distinct_dates(rng, first, date(2020, 7, 31), n, taken)]
               for col, n, first in (("889", 26, date(2020, 2, 2)), ("900", 18, date(2020, 1, 3)))}
        hidden = [_generate(rng, titles, "889", d) for d in distinct_dates(rng, date(2020, 3, 1), date(2020, 3, 31), 2, taken)]
        moved = _generate(rng, titles, "889", distinct_dates(rng, date(2020, 5, 1), date(2020, 5, 31), 1, taken)[0])
        missing_day = distinct_dates(rng, date(2020, 6, 1), date(2020, 6, 30), 1, taken)[0]
        gen["889"] = sorted(gen["889"] + [seed], key=lambda a: a.published, reverse=True)
        # attachments on three notices of each column
        files: dict[str, Response] = {}
        for k, a in enumerate(rng.sample(gen["889"][:-1], 3) + rng.sample(gen["900"], 3)):
            for name, kind in ATTACHMENTS[(2 * k) % 6:(2 * k) % 6 + 1 + (k % 2)]:
                path = f"/uploads/{a.day.year}/{a.day.month:02d}/" + quote(name)
                stamp = f"{a.day:%Y%m%d}{rng.randint(100000, 999999)}"
                a.attachments.append((name, path))
                files[path] = _file(name, kind, stamp)
        for arts in gen.values():
            arts.sort(key=lambda a: a.published, reverse=True)
        counter = {"889": 1, "900": 0}
        for a in sorted(gen["889"] + gen["900"] + [moved], key=lambda a: a.published):
            if a is seed:
                continue
            counter[a.column] += 1
            a.path = f"/html/{a.day.year}/{a.day.month}-{a.column}-{counter[a.column]}.html"
        for i, a in enumerate(hidden):
            a.path = f"/show/{4720 + 13 * i + rng.randint(0, 9)}.html"
        old = f"/html/{moved.day.year}/{moved.day.month}-900-{counter['900'] + 1}.html"
        columns = {
            "889": [Entry(a.path, a.title, a.day, "ok", a) for a in gen["889"]]
            + [Entry(a.path, a.title, a.day, "disallowed", a) for a in hidden]
            + [Entry(f"/html/2020/{missing_day.month}-889-{counter['889'] + 5}.html",
                     titles.make(TEMPLATES["889"], person=person(rng)), missing_day, "missing")],
            "900": [Entry(a.path, a.title, a.day, "ok", a) for a in gen["900"]] + [Entry(old, moved.title, moved.day, "redirect", moved)],
        }
        # the attack page: made apart (its own rng), listed last in 统战要闻, in no sidebar
        xss_rng = random.Random(3)
        xss = _xss(xss_rng, f"/html/{XSS_DAY.year}/{XSS_DAY.month}-889-{counter['889'] + 3}.html")
        if xss.day in {a.day for a in gen["889"] + gen["900"] + hidden + [moved]} | {missing_day}:
            raise AssertionError("united: the attack page needs a day of its own")
        columns["889"].append(Entry(xss.path, xss.title, xss.day, "ok", xss))
        for entries in columns.values():
            entries.sort(key=lambda e: e.day, reverse=True)

        site = Site(KEY, None, {}, html_response(NOT_FOUND, 404), server_header="Apache/2.4.23 (Win32) PHP/5.6.27",
                    extra_headers=[("X-Powered-By", "PHP/5.6.27")])
        st = State(KEY, site.routes)
        st.columns, st.unlisted = columns, [moved]
        st.articles = {a.path: a for a in gen["889"] + gen["900"] + [xss, moved]}
        st.titles = set(titles.taken) | {xss.title}
        st.counters = {"889": counter["889"] + 6, "900": counter["900"] + 2}
        site.add("/robots.txt", robots(ROBOTS))
        for col, arts in gen.items():
            for a in arts:
                st.serve_notice(site, a, html_response(_article_page(a, _sidebar(arts, a))))
        for a in hidden + [moved]:
            st.serve_notice(site, a, html_response(_article_page(a, gen["889"][:6])))
        site.add(old, redirect(moved.path))
        for path, response in files.items():
            site.add(path, response)
        for a in gen["889"] + gen["900"]:
            for _, path in a.attachments:
                st.validated.add(route_key(path))
                st.lm[route_key(path)] = a.day  # the file's date
        for src in (s for a in gen["889"] + gen["900"] + hidden + [moved] for s in (b.src for b in a.blocks if b.kind == "img")):
            site.add(src, _image(rng, src))
        st.serve_notice(site, xss, html_response(_article_page(xss, gen["889"][:6])))
        self.companions(st, xss, xss_rng)
        self.site, self.state = site, st
        self.lists(st, rng)

    def _column(self, st: State, col: str) -> list[Article]:
        return [a for a in st.listed(col) if not a.extra.get("fixed")]

    def new_articles(self, st: State, rng: random.Random, when: date, count: int) -> list[tuple[Article, str]]:
        titles = DayTitles(rng, {"topic": TOPICS, "county": COUNTIES}, st.titles, when)
        srcs = set(st.routes)
        out = []
        for i in range(count):
            col = rng.choice(self.busy(st.day, ["889", "889", "900"]))
            a = _generate(rng, titles, col, when)
            for b in a.blocks:
                while b.kind == "img" and route_key(b.src) in srcs:
                    stem, ext = b.src.rsplit(".", 1)
                    b.src = f"{stem[:-6]}{(int(stem[-6:]) + 1) % 1000000:06d}.{ext}"
                srcs.add(route_key(b.src))
            if i == 0:  # one new notice a day comes with a file
                name, _ = rng.choice(ATTACHMENTS)
                a.attachments.append((name, self._upload(rng, name, when)))
            a.path = f"/html/{when.year}/{when.month}-{col}-{st.counters[col]}.html"
            st.counters[col] += 1
            out.append((a, col))
        return out[::-1]  # the last made is the newest, on top

    @staticmethod
    def _upload(rng: random.Random, name: str, when: date) -> str:
        return f"/uploads/{when.year}/{when.month:02d}/{when:%Y%m%d}{rng.randint(100000, 999999)}-" + quote(name, safe="")

    def page(self, st: State, a: Article, rng: random.Random) -> Response:
        return html_response(_article_page(a, _sidebar(self._column(st, a.column), a)))

    def companions(self, st: State, a: Article, rng: random.Random) -> None:
        for src in (b.src for b in a.blocks if b.kind == "img"):
            st.add(src, _image(rng, src))
        for name, path in a.attachments:
            if route_key(path) not in st.routes:
                stamp = path.rsplit("/", 1)[1].split("-", 1)[0]
                if not (stamp.isdigit() and len(stamp) == 14):
                    stamp = f"{a.day:%Y%m%d}{rng.randint(100000, 999999)}"
                self._attach(st, name, path, a.day, stamp)

    @staticmethod
    def _attach(st: State, name: str, path: str, day: date, stamp: str) -> None:
        st.add(path, _file(name, name.rsplit(".", 1)[1], stamp))
        st.validated.add(route_key(path))
        st.lm[route_key(path)] = day

    def reattach(self, st: State, a: Article, rng: random.Random, when: date) -> None:
        """The first file replaced by a new one under the same link text (a new upload)."""
        name, _ = a.attachments[0]
        path = self._upload(rng, name, when)
        a.attachments = [(name, path)] + a.attachments[1:]
        self._attach(st, name, path, when, path.rsplit("/", 1)[1].split("-", 1)[0])

    def lists(self, st: State, rng: random.Random) -> None:
        st.list_pages, st.list_api = [], []
        for col in st.columns:
            entries = st.entries(col)
            name, per, js = COLUMNS[col]
            pages = chunks(entries, per)
            urls = [f"/html/list/{col}.html"] + [f"/html/list/{col}_{i}.html" for i in range(2, len(pages) + 1)]
            for i, page in enumerate(pages):
                prev_url, next_url = (urls[i - 1] if i else None), (urls[i + 1] if i + 1 < len(urls) else None)
                if js:
                    st.render(urls[i], ("js", col, i), lambda col=col, i=i: html_response(_js_list(col, i + 1)))
                    api = f"/api/column/{col}?page={i + 1}"
                    data = {"column": int(col), "name": name, "page": i + 1, "pages": len(pages), "total": len(entries),
                            "items": [{"title": e.title, "url": e.path, "date": e.day.isoformat()} for e in page],
                            "prev": prev_url, "next": next_url}
                    # A slow data API, as real ones are: the list exists only once it has answered.
                    text = json.dumps(data, ensure_ascii=False)
                    st.render(api, text, lambda text=text: Response(
                        200, [("Content-Type", "application/json; charset=utf-8")], text.encode(), delay=API_DELAY))
                    st.list_api.append(api)
                    routes = [urls[i], api]
                else:
                    st.render(urls[i], (sig_of(page), prev_url, next_url), lambda col=col, page=page, p=prev_url, n=next_url:
                              html_response(_html_list(col, page, p, n)))
                    routes = [urls[i]]
                for path in routes:
                    st.validated.add(route_key(path))
                    if st.prev is None:
                        st.lm[route_key(path)] = page[0].day
            st.list_pages += urls
        home = "".join(f'<li><a href="{a.path}" target="_blank">{esc(a.title)}</a><span>{a.day.isoformat()}</span></li>\n'
                       for a in self._column(st, "889")[:8])
        for path in ("/", "/index.html"):
            st.render(path, home, lambda: html_response(
                _head(NAME) + f'<div class="main w1200"><ul class="list">\n{home}</ul></div>\n' + FOOT))

    def soft_404(self) -> Response:
        return html_response(_head(f"页面不存在_{NAME}") + '<div class="main w1200">\n<div class="showMsg" style="text-align:center">\n'
                             '<h5>提示信息</h5>\n<div class="content">页面不存在,该信息已删除!</div>\n'
                             '<div class="bottom"><a href="/">返回首页</a></div>\n</div>\n</div>\n' + FOOT)


def build(day: int = 0) -> Site:
    """The site on ``day`` (see crawler.demo.days)."""
    from ..days import site

    return site(KEY, day)
