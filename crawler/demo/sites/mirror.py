"""mirror: a replica of the content farm miaosu168.cn, UTF-8.

/Info/NNNNNN.aspx republishes 天长先锋网 notices (those of the aspnet site) converted to
Traditional script with pinyin readings pasted after characters (當(dāng)), no headline in the
page text and, on a few pages, a stretch of mojibake. /afhzp/NNNN.html holds Simplified reposts
of 政协遵义市委员会 news (seed 001: three-line headline, four items, 1月30日, cut off).
Lists: /news/index.aspx, /news/index_2.aspx … (下一頁) and /afhzp/index.html, list_2.html … (下一页).
"""

from __future__ import annotations

import random
import re
from datetime import date

from ..content import (
    TOPICS, Article, Block, TitleMaker, add_readings, compose, distinct_dates, esc, expected, expected_flags,
    NOT_BODY, mojibake, person, related, s2t, seed_lines, strip_readings, t2s,
)
from ..catalog import DemoNotice
from ..server import Response, Site, html_response, redirect, route_key
from . import aspnet
from .common import Entry, Model, State, chunks, ids_by_date, new_title, robots, sig_of, to_notice

KEY = "mirror"
NAME = "秒速168"
ROBOTS = "/plus/"
SEED_INFO, SEED_AFHZP = 277071, 4267
COUNTIES = ["红花岗区", "汇川区", "播州区", "桐梓县", "绥阳县", "正安县", "道真县", "务川县", "凤冈县",
            "湄潭县", "余庆县", "习水县", "赤水市", "仁怀市"]
HEADLINES = {
    "main": ["市政协召开{topic}专题协商会", "市政协领导率队督导{county}{topic}工作", "市政协党组召开{topic}专题会议",
             "市政协主席会议听取{topic}工作汇报", "{county}政协扎实开展{topic}工作"],
    "above": ["深入学习贯彻上级会议精神", "传达学习省委、市委有关通知精神", "坚定信心 同舟共济"],
    "below": ["安排部署{topic}工作", "研究推进{topic}工作", "助力打赢{topic}攻坚战"],
}


def _trad_blocks(rng: random.Random, blocks: list[Block], damage: bool) -> tuple[list[Block], bool]:
    """Blocks as the farm prints them: Traditional, readings pasted in, maybe one stretch of mojibake."""
    out, damaged = [], False
    long_ones = [i for i, b in enumerate(blocks) if b.kind == "p" and len(b.text) > 40]
    target = rng.choice(long_ones) if damage and long_ones else None
    for i, b in enumerate(blocks):
        trad = s2t(b.text)
        if i == target:
            for _ in range(50):
                at = rng.randint(5, len(trad) - 12)
                stretch = trad[at:at + rng.randint(4, 7)]
                bad = mojibake(stretch)
                if t2s(bad) == bad and strip_readings(bad) == bad and "(" not in bad:
                    text = add_readings(rng, trad[:at]) + bad + add_readings(rng, trad[at + len(stretch):])
                    if bad in t2s(strip_readings(text)):
                        out.append(Block(b.kind, text))
                        damaged = True
                        break
            else:
                out.append(Block(b.kind, add_readings(rng, trad)))
        else:
            out.append(Block(b.kind, add_readings(rng, trad)))
    return out, damaged


YEARLESS_LEAD = re.compile(r"\d{1,2}月\d{1,2}日")


def _repost(rng: random.Random, original: Article, damage: bool) -> Article:
    blocks, damaged = _trad_blocks(rng, original.blocks, damage)
    truth = lambda text: t2s(strip_readings(text)).strip()  # noqa: E731
    trad_title = s2t(original.title)
    article = Article(path="", title=t2s(trad_title), published=original.published, channel=[], blocks=blocks,
                      list_title=trad_title, column="news")
    for b in blocks:
        if b.kind == "sign":
            article.signed_by, article.signed_date = truth(b.text), original.signed_date
        if b.kind == "docno":
            article.doc_number = truth(b.text)
    if any(b.kind == "credit" for b in blocks):
        article.source = t2s(s2t(original.source)) if original.source else None
        article.author = t2s(s2t(original.author)) if original.author else None
    article.flags = ["traditional_script"]
    if any(strip_readings(b.text) != b.text for b in blocks):
        article.flags.append("pinyin_removed")
    if damaged:
        article.flags.append("encoding_damage")
    article.flags.append("no_title_in_text")
    body = [truth(b.text) for b in blocks if b.kind not in NOT_BODY]
    if body and YEARLESS_LEAD.match(body[0]):
        # The mirror drops the date line: its only date is the lead's 3月27日, as in seed 001.
        article.flags.append("date_without_year")
    article.extra["truth_body"] = [t for t in body if t]
    return article


def _afhzp(rng: random.Random, titles: TitleMaker, day: date) -> Article:
    topic, county = rng.choice(TOPICS), rng.choice(COUNTIES)
    for _ in range(100):
        lines = [rng.choice(HEADLINES["main"]).format(topic=topic, county=county)]
        if rng.random() < 0.4:
            lines.insert(0, rng.choice(HEADLINES["above"]))
        if rng.random() < 0.5:
            lines.append(rng.choice(HEADLINES["below"]).format(topic=rng.choice(TOPICS)))
        if " ".join(lines) not in titles.taken:
            break
        topic, county = rng.choice(TOPICS), rng.choice(COUNTIES)
    titles.taken.add(" ".join(lines))
    lead = f"{day.month}月{day.day}日,市政协围绕{topic}工作召开专题会议,市政协党组书记、主席{person(rng)}主持会议并讲话。"
    article = Article(path="", title=" ".join(lines), published=day, channel=[], column="afhzp",
                      extra={"lines": lines}, flags=["date_without_year"])
    article.blocks = compose(rng, lead=lead, n=rng.randint(2, 4))
    if rng.random() < 0.3:  # a second news item on the same page
        second = f"{person(rng)}率队督导{rng.choice(COUNTIES)}{rng.choice(TOPICS)}工作"
        article.blocks += [Block("h", second)] + compose(rng, n=2)
        article.flags.append("multi_article")
    if rng.random() < 0.3:  # the farm cut the text off mid-sentence
        last = article.blocks[-1]
        cuts = [m.end() for m in re.finditer("[，、]", last.text) if 20 < m.end() < len(last.text) - 5]
        if cuts:
            last.text = last.text[:rng.choice(cuts)]
            article.flags.append("truncated")
    return article


# -- HTML ----------------------------------------------------------------------------------------------

def _trad_head(title: str, description: str) -> str:
    return ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            f'<title>{esc(title)}_{NAME}</title>\n<meta name="keywords" content="{esc(title)}">\n'
            f'<meta name="description" content="{esc(description[:70])}">\n'
            '<link rel="stylesheet" href="/static/css/main.css">\n</head>\n<body>\n'
            '<div class="top"><div class="w"><a href="/" class="logo">秒速168</a>'
            '<ul class="menu"><li><a href="/">首頁</a></li><li><a href="/news/index.aspx">通知公告</a></li>'
            '<li><a href="/afhzp/index.html">時政要聞</a></li></ul></div></div>\n')


def _side(items: list[tuple[str, str]], label: str) -> str:
    lis = "".join(f'<li><a href="{path}">{esc(title)}</a></li>' for path, title in items)
    return f'<div class="side"><div class="stitle">{label}</div><ul>{lis}</ul></div>\n'


def _p(b: Block) -> str:
    if b.kind in ("sign", "date"):
        return f'<p style="text-align: right;">{esc(b.text)}</p>'
    if b.kind == "docno":
        return f'<p style="text-align: center;">{esc(b.text)}</p>'
    if b.kind == "h":
        return f"<p><strong>{esc(b.text)}</strong></p>"
    return f"<p>{esc(b.text)}</p>"


def _info_page(rng: random.Random, a: Article, prev: Article | None, nxt: Article | None,
               side: list[Article], footer: list[str]) -> str:
    if a.seed:  # the seed's own 上一篇/下一篇 line, links put back around its titles
        line = seed_lines("002")[6]
        m = re.match(r"(上一篇:)(.*?)(\[ 03-18 \] 下一篇:)(.*?)(\[ 03-21 \])$", line)
        sxp = (f'{m[1]}<a href="{prev.path}">{esc(m[2])}</a>{m[3]}<a href="{nxt.path}">{esc(m[4])}</a>{m[5]}')
    else:
        def one(label: str, x: Article | None) -> str:
            if x is None:
                return f"{label}沒(méi)有了"
            short = x.list_title if len(x.list_title) <= 29 else x.list_title[:29] + "…"
            return f'{label}<a href="{x.path}">{esc(add_readings(rng, short))}</a>[ {x.day:%m-%d} ]'
        sxp = f"{one('上一篇:', prev)} {one('下一篇:', nxt)}"
    first = next((b.text for b in a.blocks if b.kind == "p"), "")
    return (_trad_head(a.list_title, first)
            + '<div class="main w"><div class="left">\n<div class="art_content" id="fontzoom">\n'
            + "\n".join(_p(b) for b in a.blocks) + "\n</div>\n"
            + f'<div class="sxp">{sxp}</div>\n</div>\n'
            + _side([(x.path, x.list_title) for x in side], "熱門文章") + "</div>\n"
            + f'<div class="footer"><p>{esc(footer[0])}</p>\n<p>{esc(footer[1])}</p></div>\n</body>\n</html>\n')


AFHZP_FOOT = ('<div class="disclaimer">免责声明:本站部分内容转载自网络,版权归原作者所有,如有侵权请联系我们删除。</div>\n'
              '<div class="footer">Copyright &copy; 2019-2020 秒速168 版权所有</div>\n</body>\n</html>\n')


def _afhzp_page(a: Article, side: list[Article]) -> str:
    lines = a.extra["lines"]
    first = next((b.text for b in a.blocks if b.kind == "p"), "")
    return ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            f'<title>{esc(a.title)}_{NAME}</title>\n<meta name="description" content="{esc(first[:70])}">\n'
            '<link rel="stylesheet" href="/static/css/main.css">\n</head>\n<body>\n'
            '<div class="top"><div class="w"><a href="/" class="logo">秒速168</a><ul class="menu"><li><a href="/">首页</a></li>'
            '<li><a href="/afhzp/index.html">时政要闻</a></li><li><a href="/news/index.aspx">通知公告</a></li></ul></div></div>\n'
            '<div class="main w"><div class="left">\n'
            f'<h1 class="title">{"<br>".join(esc(x) for x in lines)}</h1>\n'
            '<div class="content">\n' + "\n".join(_p(b) for b in a.blocks) + "\n</div>\n</div>\n"
            + _side([(x.path, x.title) for x in side], "热门推荐") + "</div>\n" + AFHZP_FOOT)


def _list(title: str, entries: list[Entry], next_href: str | None, prev_href: str | None, trad: bool) -> str:
    lis = "".join(f'<li><a href="{e.path}" title="{esc(e.title)}" target="_blank">{esc(e.title)}</a>'
                  f'<span>{e.day.isoformat()}</span></li>\n' for e in entries)
    prev_label, next_label = ("上一頁", "下一頁") if trad else ("上一页", "下一页")
    pager = (f'<a href="{prev_href}">{prev_label}</a> ' if prev_href else "") + \
        (f'<a href="{next_href}">{next_label}</a>' if next_href else "")
    head = _trad_head(title, title) if trad else (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<title>{esc(title)}_{NAME}</title>\n</head>\n<body>\n'
        '<div class="top"><div class="w"><a href="/" class="logo">秒速168</a></div></div>\n')
    return (head + f'<div class="main w"><div class="listbox"><h2>{esc(title)}</h2>\n<ul class="list">\n{lis}</ul>\n'
            f'<div class="pages">{pager}</div>\n</div></div>\n</body>\n</html>\n')


NOT_FOUND = ('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>404 Not Found</title>\n</head>\n<body>\n'
             '<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n')


def _truth(text: str) -> str:
    return t2s(strip_readings(text)).strip()


class SiteModel(Model):
    key, name, robots_prefix, policy = KEY, NAME, ROBOTS, "none"

    def __init__(self) -> None:
        rng = random.Random(20200130)
        originals = aspnet.originals(0)
        seed_original = next(a for a in originals if a.seed == "002")
        others = [a for a in originals if a.seed is None]
        neighbours = [a for a in others if a.title.startswith(("天长市千秋街道", "公 示"))]
        chosen = sorted(neighbours + rng.sample([a for a in others if a not in neighbours], 28),
                        key=lambda a: a.published, reverse=True)
        damaged = set(rng.sample(range(len(chosen)), 3))
        news = [_repost(rng, a, i in damaged) for i, a in enumerate(chosen)]
        exp2 = expected("002")
        lines = seed_lines("002")
        seed = Article(path="", title=exp2.get("title") or seed_original.title, published=seed_original.published,
                       channel=[], column="news", seed="002", flags=expected_flags("002"),
                       list_title=s2t(seed_original.title), signed_by=exp2["signed_by"],
                       signed_date=date.fromisoformat(exp2["signed_date"]),
                       blocks=[Block("p", x) for x in lines[:4]] + [Block("sign", lines[4]), Block("date", lines[5])],
                       extra={"truth_body": exp2["body"]})
        news = sorted(news + [seed], key=lambda a: a.published, reverse=True)

        taken_days = {a.day for a in news}
        titles = TitleMaker(rng, [], {}, {a.title for a in news})
        exp1 = expected("001")
        seed1 = Article(path="", title=exp1["title"], published=date.fromisoformat(exp1["published"]), channel=[],
                        column="afhzp", seed="001", flags=expected_flags("001"),
                        extra={"lines": seed_lines("001")[:3], "truth_body": exp1["body"]},
                        blocks=[Block("h" if len(p) < 25 else "p", p) for p in exp1["body"]])
        taken_days.add(seed1.day)
        titles.taken.add(seed1.title)
        afhzp = [_afhzp(rng, titles, d) for d in distinct_dates(rng, date(2020, 1, 2), date(2020, 6, 30), 14, taken_days)]
        afhzp = sorted(afhzp + [seed1], key=lambda a: a.published, reverse=True)
        plus = [_afhzp(rng, titles, d) for d in distinct_dates(rng, date(2020, 2, 1), date(2020, 3, 31), 2, taken_days)]
        moved = _afhzp(rng, titles, distinct_dates(rng, date(2020, 4, 1), date(2020, 4, 30), 1, taken_days)[0])

        info_ids = ids_by_date(rng, news, seed, SEED_INFO, gap=(1, 40))
        for a in news:
            a.path = f"/Info/{info_ids[a.title]}.aspx"
        ids = ids_by_date(rng, afhzp + plus + [moved], seed1, SEED_AFHZP, gap=(1, 9))
        for a in afhzp:
            a.path = f"/afhzp/{ids[a.title]}.html"
        for a in plus:
            a.path = f"/plus/view.php?aid={ids[a.title]}"
        moved.path = f"/a/afhzp/{ids[moved.title]}.html"
        old = f"/afhzp/{ids[moved.title]}.html"
        missing_day = distinct_dates(rng, date(2021, 7, 1), date(2021, 7, 31), 1, taken_days)[0]
        missing_title = s2t(titles.make(["关于做好{x}工作的通知"], x=rng.choice(aspnet.TOPICS)))

        columns = {
            "news": [Entry(a.path, a.list_title, a.day, "ok", a) for a in news]
            + [Entry(f"/Info/{SEED_INFO - 5000 + rng.randint(0, 99)}.aspx", missing_title, missing_day, "missing")],
            "afhzp": [Entry(a.path, a.title, a.day, "ok", a) for a in afhzp]
            + [Entry(a.path, a.title, a.day, "disallowed", a) for a in plus]
            + [Entry(old, moved.title, moved.day, "redirect", moved)],
        }
        for col in columns:
            columns[col] = sorted(columns[col], key=lambda e: e.day, reverse=True)
        site = Site(KEY, None, {}, html_response(NOT_FOUND, 404), server_header="nginx/1.16.1")
        st = State(KEY, site.routes)
        st.columns, st.unlisted = columns, [moved]
        st.articles = {a.path: a for a in news + afhzp + [moved]}
        st.titles = set(titles.taken) | {missing_title}
        st.counters["info"] = max(info_ids.values())
        site.add("/robots.txt", robots(ROBOTS))
        self.footer = seed_lines("002")[7:9]
        for i, a in enumerate(news):
            prev = news[i + 1] if i + 1 < len(news) else None
            nxt = news[i - 1] if i > 0 else None
            st.serve_notice(site, a, html_response(_info_page(rng, a, prev, nxt, related(news, a), self.footer)))
        for a in afhzp + plus + [moved]:
            st.serve_notice(site, a, html_response(_afhzp_page(a, related(afhzp, a))))
        site.add(old, redirect(moved.path))
        self.site, self.state = site, st
        self.lists(st, rng)

    def new_articles(self, st: State, rng: random.Random, when: date, count: int) -> list[tuple[Article, str]]:
        """The farm reposts what 天长先锋网 (the aspnet site) published today, the same day."""
        from ..days import state

        source = state(aspnet.KEY, st.day)
        out = []
        for path in source.changes.published[::-1]:  # oldest first: ids grow with time
            a = _repost(rng, source.articles[path], False)
            if a.title in st.titles:
                continue
            st.counters["info"] += rng.randint(1, 40)
            a.path = f"/Info/{st.counters['info']}.aspx"
            out.append((a, "news"))
        return out[::-1]

    def page(self, st: State, a: Article, rng: random.Random) -> Response:
        if a.column == "afhzp":
            return html_response(_afhzp_page(a, related(st.listed("afhzp"), a)))
        news = st.listed("news")
        i = news.index(a)
        prev = news[i + 1] if i + 1 < len(news) else None
        nxt = news[i - 1] if i > 0 else None
        return html_response(_info_page(rng, a, prev, nxt, related(news, a), self.footer))

    def lists(self, st: State, rng: random.Random) -> None:
        st.list_pages = []
        for col, per, first, pattern, title, trad in (
            ("news", 15, "/news/index.aspx", "/news/index_{}.aspx", "通知公告", True),
            ("afhzp", 10, "/afhzp/index.html", "/afhzp/list_{}.html", "时政要闻", False),
        ):
            pages = chunks(st.entries(col), per)
            urls = [first] + [pattern.format(i) for i in range(2, len(pages) + 1)]
            for i, page in enumerate(pages):
                nxt = urls[i + 1] if i + 1 < len(urls) else None
                prv = urls[i - 1] if i > 0 else None
                st.render(urls[i], (sig_of(page), nxt, prv),
                          lambda title=title, page=page, nxt=nxt, prv=prv, trad=trad:
                          html_response(_list(title, page, nxt, prv, trad)))
                st.validated.add(route_key(urls[i]))
                if st.prev is None:
                    st.lm[route_key(urls[i])] = page[0].day
            st.list_pages += urls
        home = "".join(f'<li><a href="{a.path}">{esc(a.list_title or a.title)}</a><span>{a.day.isoformat()}</span></li>\n'
                       for a in st.listed("news")[:5] + st.listed("afhzp")[:5])
        st.render("/", home, lambda: html_response(
            _trad_head(NAME, NAME) + f'<div class="main w"><ul class="list">\n{home}</ul></div>\n</body>\n</html>\n'))

    def order(self, st: State) -> list[Article]:
        return st.listed("news") + st.listed("afhzp") + st.unlisted

    def notice(self, a: Article) -> DemoNotice:
        return to_notice(a, a.extra.get("truth_body"))

    def soft_404(self) -> Response:
        return html_response(_trad_head("页面不存在", "该信息已删除")
                             + '<div class="main w"><div class="left">\n<h2>页面不存在</h2>\n<p>该信息已删除。</p>\n'
                             '<p><a href="/">返回首页</a></p>\n</div></div>\n</body>\n</html>\n')

    # the farm prints reposts in Traditional script, readings pasted in
    def paragraph(self, rng: random.Random, text: str, a: Article) -> Block:
        return Block("p", add_readings(rng, s2t(text)) if a.column == "news" else text)

    def truth_changed(self, a: Article) -> None:
        if a.column == "news":
            a.extra["truth_body"] = [t for t in (_truth(b.text) for b in a.blocks if b.kind not in NOT_BODY) if t]
        else:
            a.extra.pop("truth_body", None)

    def retitle(self, st: State, a: Article, rng: random.Random) -> None:
        if a.column != "news":
            return super().retitle(st, a, rng)
        for _ in range(10):
            trad = s2t(new_title(rng, a.title, st.titles))
            if t2s(trad) not in st.titles:
                break
        a.list_title, a.title = trad, t2s(trad)
        st.titles.add(a.title)


def build(day: int = 0) -> Site:
    """The site on ``day`` (see crawler.demo.days)."""
    from ..days import site

    return site(KEY, day)
