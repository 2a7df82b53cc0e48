"""Pieces every demo site uses: list entries, robots.txt, ids, and article -> DemoNotice."""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..catalog import DayChanges, DemoNotice, SiteCatalog
from ..content import Article, Block, TitleMaker, body_of, esc, fullwidth, paragraph_pool
from ..server import Response, Site, redirect, route_key


@dataclass
class Entry:
    """One link in a column list. ``kind``: ok (an archivable notice), disallowed (robots.txt
    forbids it), missing (answers 404), redirect (answers 301 to ``article``, found nowhere else)."""

    path: str
    title: str
    day: date
    kind: str = "ok"
    article: Article | None = None


def robots(prefix: str) -> Response:
    text = f"User-agent: *\nDisallow: {prefix}\n"
    return Response(200, [("Content-Type", "text/plain")], text.encode("ascii"))


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def ids_by_date(rng: random.Random, articles: list[Article], anchor: Article, anchor_id: int,
                gap: tuple[int, int] = (3, 60)) -> dict[str, int]:
    """Increasing ids in publication order, ``anchor`` keeping its real id (e.g. the seed's)."""
    ordered = sorted(articles, key=lambda a: (a.iso, a.title))
    at = ordered.index(anchor)
    ids = {id(anchor): anchor_id}
    current = anchor_id
    for a in ordered[at + 1:]:
        current += rng.randint(*gap)
        ids[id(a)] = current
    current = anchor_id
    for a in reversed(ordered[:at]):
        current -= rng.randint(*gap)
        ids[id(a)] = current
    return {a.title: ids[id(a)] for a in articles}


def images_of(article: Article) -> list[tuple[str, str | None]]:
    """(src, caption) for each image: a caption is the 图为 paragraph right after the image."""
    out = []
    blocks = article.blocks
    for i, block in enumerate(blocks):
        if block.kind == "img":
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            out.append((block.src, after.text if after is not None and after.kind == "caption" else None))
    return out


def to_notice(article: Article, body: list[str] | None = None) -> DemoNotice:
    blocks = article.blocks
    return DemoNotice(
        path=article.path,
        title=article.title,
        subtitle=article.subtitle,
        published=article.iso,
        author=article.author,
        source=article.source,
        signed_by=article.signed_by,
        signed_date=article.signed_date.isoformat() if article.signed_date else None,
        doc_number=article.doc_number,
        channel=list(article.channel),
        body=body if body is not None else body_of(blocks),
        captions=[b.text for b in blocks if b.kind == "caption"],
        attachments=list(article.attachments),
        seed=article.seed,
        flags=list(article.flags),
        images=images_of(article),
    )


def make_catalog(key: str, name: str, columns: dict[str, list[Entry]], robots_prefix: str,
                 list_pages: list[str], notices: list[DemoNotice], **extra) -> SiteCatalog:
    """The catalog of a site from its column lists (every kind of entry) and its notices."""
    entries = [e for column in columns.values() for e in column]
    for e in entries:
        if (e.kind == "disallowed") != e.path.startswith(robots_prefix):
            raise AssertionError(f"{key}: {e.path} and robots.txt disagree")
    return SiteCatalog(
        key=key,
        name=name,
        notices=notices,
        disallowed=[e.path for e in entries if e.kind == "disallowed"],
        missing=[e.path for e in entries if e.kind == "missing"],
        redirects={e.path: e.article.path for e in entries if e.kind == "redirect"},
        list_pages=list_pages,
        attachments=[path for n in notices for _, path in n.attachments],
        images=[src for n in notices for src, _ in n.images],
        robots_disallow=robots_prefix,
        **extra,
    )


def check(site: Site, day: int = 0) -> Site:
    """Sanity checks every site must pass: distinct titles, pages for all notices, and on day
    0 distinct dates (later days publish several notices a day)."""
    cat: SiteCatalog = site.catalog  # type: ignore[assignment]
    titles = [n.title for n in cat.notices]
    if len(set(titles)) != len(titles):
        raise AssertionError(f"{site.key}: duplicate titles")
    days = [n.published[:10] for n in cat.notices]
    if day == 0 and len(set(days)) != len(days):
        raise AssertionError(f"{site.key}: duplicate dates")
    for n in cat.notices:
        if site.routes.get(route_key(n.path), site.not_found).status != 200:
            raise AssertionError(f"{site.key}: no page at {n.path}")
    return site


# -- a site over time -------------------------------------------------------------------------------


def gone_page(server_header: str, path: str) -> Response:
    """410 Gone, as the site's server software words it."""
    if server_header.startswith("Apache-Coyote"):  # Tomcat
        text = ('<html><head><title>Apache Tomcat/6.0.35 - Error report</title></head><body>'
                f'<h1>HTTP Status 410 - {esc(path)}</h1><HR size="1" noshade="noshade"><p><b>type</b> Status report</p>'
                '<p><b>description</b> <u>The requested resource is no longer available, and no forwarding address is known.</u></p>'
                '<HR size="1" noshade="noshade"><h3>Apache Tomcat/6.0.35</h3></body></html>')
    elif server_header.startswith("nginx"):
        text = ('<html>\r\n<head><title>410 Gone</title></head>\r\n<body>\r\n<center><h1>410 Gone</h1></center>\r\n'
                '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n')
    elif server_header.startswith("Microsoft-IIS"):
        text = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n'
                '<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<title>410 - Gone</title>\r\n</head>\r\n<body>\r\n'
                '<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n'
                '<h2>410 - The requested resource is no longer available.</h2>\r\n</div>\r\n</body>\r\n</html>\r\n')
    else:  # Apache httpd
        text = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>410 Gone</title>\n</head><body>\n'
                f'<h1>Gone</h1>\n<p>The requested resource<br />{esc(path)}<br />\nis no longer available on this server '
                'and there is no forwarding address.\nPlease remove all references to this resource.</p>\n</body></html>\n')
    return Response(410, [("Content-Type", "text/html; charset=iso-8859-1")], text.encode("ascii", "xmlcharrefreplace"))


class State:
    """One site on one demo day: its notices as they stand, its list entries, what it serves.

    A day's state is made from the day before's (:meth:`successor`) and never changed once the
    day is built. Articles and entries are replaced, never changed in place, so days share them.
    """

    def __init__(self, key: str, routes: dict[str, Response]):
        self.key = key
        self.day = 0
        self.prev: State | None = None
        self.articles: dict[str, Article] = {}  # path -> current version (also while down)
        self.columns: dict[str, list[Entry]] = {}  # every list entry, newest first (down ones too)
        self.unlisted: list[Article] = []  # notices no list links (a moved one, reached by redirect)
        self.down: dict[str, str] = {}  # path -> how it was taken down, in takedown order
        self.down_since: dict[str, int] = {}
        self.born: dict[str, int] = {}  # path -> the day it was published (0: day 0 or before)
        self.pages: dict[str, Response] = {}  # path -> the notice's page (kept while it is down)
        self.routes = routes  # route key -> response, as served
        self.lm: dict[str, date] = {}  # route key -> Last-Modified day of routes with validators
        self.validated: set[str] = set()  # route keys of notice pages, list pages, attachments
        self.sigs: dict[str, object] = {}  # route key -> what a list or home page was made from
        self.generated: set[str] = set()  # route keys of the list and home pages made today
        self.titles: set[str] = set()  # every title the site has used (titles stay distinct)
        self.counters: dict[str, int] = {}  # for new paths and ids
        self.extra: dict = {}
        self.list_pages: list[str] = []
        self.list_posts: list = []
        self.list_api: list[str] = []
        self.post = None
        self.changes = DayChanges()
        self.site: Site | None = None  # the finished day

    def successor(self) -> State:
        nxt = copy.copy(self)
        nxt.day, nxt.prev = self.day + 1, self
        nxt.articles, nxt.down, nxt.down_since = dict(self.articles), dict(self.down), dict(self.down_since)
        nxt.columns = {col: list(entries) for col, entries in self.columns.items()}
        nxt.unlisted, nxt.born, nxt.pages = list(self.unlisted), dict(self.born), dict(self.pages)
        nxt.routes, nxt.lm, nxt.validated = dict(self.routes), dict(self.lm), set(self.validated)
        nxt.sigs, nxt.generated, nxt.titles = dict(self.sigs), set(), set(self.titles)
        nxt.counters, nxt.extra = dict(self.counters), {k: copy.copy(v) for k, v in self.extra.items()}
        nxt.list_pages, nxt.list_posts, nxt.list_api = [], [], []
        nxt.changes, nxt.site = DayChanges(), None
        return nxt

    # -- reading ------------------------------------------------------------------------------

    def entries(self, col: str) -> list[Entry]:
        """A column's list as it stands: taken-down notices are gone from it."""
        return [e for e in self.columns[col] if e.path not in self.down]

    def listed(self, col: str | None = None) -> list[Article]:
        """The archivable notices a column (or every column) lists, in list order."""
        cols = [col] if col else list(self.columns)
        return [e.article for c in cols for e in self.entries(c) if e.kind == "ok"]

    # -- changing -----------------------------------------------------------------------------

    def serve_notice(self, site: Site, a: Article, page: Response) -> None:
        """Day 0: serve a notice's page, with validators (ETag, Last-Modified on its day)."""
        site.add(a.path, page)
        self.pages[a.path] = page
        self.validated.add(route_key(a.path))
        self.lm[route_key(a.path)] = a.day

    def add(self, path: str, response: Response) -> None:
        """A route; on day 0 two pages at one path are a bug."""
        key = route_key(path)
        if self.prev is None and key in self.routes:
            raise ValueError(f"{self.key}: two pages at {path}")
        self.routes[key] = response

    def render(self, path: str, sig: object, make) -> Response:
        """A list or home page made from ``sig``: yesterday's bytes when ``sig`` is unchanged
        (so a list regenerates only when what it shows changes), else ``make()``."""
        key = route_key(path)
        prev = self.prev
        if prev is not None and prev.sigs.get(key) == sig and key in prev.routes:
            response = prev.routes[key]
        else:
            response = make()
        self.add(path, response)
        self.sigs[key] = sig
        self.generated.add(key)
        return response

    def publish(self, article: Article, col: str, title: str | None = None) -> None:
        """A new notice at the top of its column's list."""
        self.articles[article.path] = article
        self.born[article.path] = self.day
        self.titles.add(article.title)
        self.columns[col].insert(0, Entry(article.path, title or article.title, article.day, "ok", article))

    def replace(self, article: Article, title: str | None = None) -> None:
        """An edited notice: its list entries follow (title and date)."""
        self.articles[article.path] = article
        for entries in self.columns.values():
            for i, e in enumerate(entries):
                if e.path == article.path and e.kind == "ok":
                    entries[i] = Entry(e.path, title or article.title, article.day, "ok", article)


def sig_of(entries: list[Entry]) -> tuple:
    """What a list shows of its entries."""
    return tuple((e.path, e.title, e.day) for e in entries)


class Model:
    """A demo site over time: its day-0 build (``self.state``, made by the subclass) and the
    hooks :mod:`crawler.demo.days` calls to publish, edit and take down notices on later days."""

    key = ""
    name = ""
    robots_prefix = ""
    policy = "none"  # validators, see crawler.demo.server.validators_for
    site: Site  # day 0's site (routes are day 0's)
    state: State
    QUIET: list[str] = []  # one column a day publishes nothing: QUIET[day % len(QUIET)]

    def busy(self, day: int, columns: list[str]) -> list[str]:
        """Where today's new notices may go: not every column changes every day (a list
        that did not change answers 304 to a crawler that asks)."""
        quiet = self.QUIET[day % len(self.QUIET)] if self.QUIET else None
        return [c for c in columns if c != quiet]

    # -- hooks ---------------------------------------------------------------------------------

    def new_articles(self, st: State, rng: random.Random, when: date, count: int) -> list[tuple[Article, str]]:
        """``count`` new notices published on ``when``, newest first, with their paths, as
        (article, column); they are not yet in ``st``."""
        raise NotImplementedError

    def page(self, st: State, a: Article, rng: random.Random) -> Response:
        """The notice's page as the site (re)generates it today."""
        raise NotImplementedError

    def companions(self, st: State, a: Article, rng: random.Random) -> None:
        """Other routes a new notice brings (a hit counter, images, attachments)."""

    def lists(self, st: State, rng: random.Random) -> None:
        """Every list and home page, through ``st.render``; sets list_pages (and list_posts,
        list_api, post) and the validated list routes."""
        raise NotImplementedError

    def order(self, st: State) -> list[Article]:
        """The catalog's notices in order: listed ones newest first, then unlisted ones."""
        listed = sorted(st.listed(), key=lambda a: a.published, reverse=True)
        return listed + st.unlisted

    def list_title(self, a: Article) -> str:
        return a.list_title or a.title

    def notice(self, a: Article) -> DemoNotice:
        return to_notice(a)

    def soft_404(self) -> Response:
        """A 200 page in the site's chrome saying the notice is gone."""
        raise NotImplementedError

    def takedown(self, kind: str, path: str) -> Response:
        if kind == "404":
            return self.site.not_found
        if kind == "410":
            return gone_page(self.site.server_header, path)
        if kind == "redirect_home":
            return redirect("/", 302)
        if kind == "soft_404":
            return self.soft_404()
        raise ValueError(kind)

    # -- edits ---------------------------------------------------------------------------------

    def paragraph(self, rng: random.Random, text: str, a: Article) -> Block:
        """A new paragraph of ``a`` as the site prints it (Simplified, full-width punctuation)."""
        return Block("p", text)

    def truth_changed(self, a: Article) -> None:
        """Keep derived truth (the mirror's truth_body) in step with edited blocks."""

    def retitle(self, st: State, a: Article, rng: random.Random) -> None:
        a.title = new_title(rng, a.title, st.titles)
        st.titles.add(a.title)

    def rebody(self, st: State, a: Article, rng: random.Random) -> None:
        known = [b.text for b in a.blocks]
        fresh = [fullwidth(p) for p in paragraph_pool()]
        fresh = [p for p in fresh if all(p[:20] not in t for t in known)]
        para = rng.choice(fresh)
        spots = [i for i, b in enumerate(a.blocks) if b.kind == "p"]
        if len(spots) > 1 and rng.random() < 0.5:  # a paragraph rewritten
            at = rng.choice(spots[1:])
            a.blocks = a.blocks[:at] + [self.paragraph(rng, para, a)] + a.blocks[at + 1:]
        else:  # a paragraph added after the last one
            at = spots[-1] + 1 if spots else len(a.blocks)
            a.blocks = a.blocks[:at] + [self.paragraph(rng, para, a)] + a.blocks[at:]
        self.truth_changed(a)

    def reattach(self, st: State, a: Article, rng: random.Random, when: date) -> None:
        raise NotImplementedError(f"{self.key} has no attachments")

    def edit(self, st: State, a: Article, kinds: list[str], rng: random.Random, when: date) -> Article:
        a = copy.deepcopy(a)
        if "title" in kinds:
            self.retitle(st, a, rng)
        if "body" in kinds:
            self.rebody(st, a, rng)
        if "attachments" in kinds:
            self.reattach(st, a, rng, when)
        if "published" in kinds:  # the date was wrong: one day earlier
            a.published = a.published - timedelta(days=1)
        return a


RETITLES = [("关于做好", "关于进一步做好"), ("关于开展", "关于深入开展"), ("的通知", "的补充通知"),
            ("的公示", "的更正公示"), ("召开", "组织召开"), ("开展", "持续开展"), ("工作会议", "工作推进会议")]


def new_title(rng: random.Random, title: str, taken: set[str]) -> str:
    """An edited headline: a word changed as editors do, else a (更新) note."""
    options = [title.replace(old, new, 1) for old, new in RETITLES if old in title and new not in title]
    options = [t for t in options if t not in taken]
    if options:
        return rng.choice(options)
    for note in ("（更新）", "（修订）", "（第二次更新）"):
        if title + note not in taken:
            return title + note
    raise RuntimeError(f"cannot retitle {title!r}")


class DayTitles(TitleMaker):
    """Headlines for a day's new notices: once the templates have nothing new left (a demo
    run for months), the day's date tells two alike apart, as real sites' titles do."""

    def __init__(self, rng: random.Random, slots: dict[str, list[str]], taken: set[str], when: date):
        super().__init__(rng, [], slots, taken)
        self.when = when

    def make(self, templates: list[str] | None = None, **fixed: str) -> str:
        try:
            return super().make(templates, **fixed)
        except RuntimeError:
            pass
        tpl = self.rng.choice(templates or self.templates)
        title = re.sub(r"\{(\w+)\}", lambda m: fixed.get(m.group(1)) or self.rng.choice(self.slots[m.group(1)]), tpl)
        day, n = f"{self.when.month}月{self.when.day}日", 1
        while (candidate := f"{title}（{day}{'' if n == 1 else f'之{n}'}）") in self.taken:
            n += 1
        self.taken.add(candidate)
        return candidate
