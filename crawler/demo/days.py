"""The demo's clock: the five sites day after day, as archivists meet real ones.

Day 0 is the demo as first built (``DEMO_EPOCH`` is its calendar date, the day after its
newest notice). Each later day N (``demo_date(N)``) every site publishes new notices at the
top of their lists, edits a few recent ones (title, body, attachments or date) and takes
some down (a 404 page, 410, a 302 to the home page, or a "soft 404": status 200 and a
页面不存在 / 该信息已删除 page in the site's chrome); now and then one comes back. Edits and
takedowns only touch notices published in the ``RECENT_DAYS`` days before that day (a nightly
crawl re-checks those), never a seed page. ``SiteCatalog.changes`` says what changed against
the day before.

Days 1-3 follow ``SCRIPT``, so that between them every kind of change happens; later days
draw the same pattern from fixed seeds. Day N is built from day N-1, so asking for a day builds
every day before it once (each a fraction of a second); everything is deterministic.

Every notice of hanweb, trs and united is older than ``RECENT_DAYS`` at day 1 (their newest
dates are of 2020; aspnet's and the mirror's of June 2022), so on day 1 those three sites only
publish: their first edits and takedowns come on day 2, among day 1's notices, and the notice
they restore on day 3 went down on day 2.
"""

from __future__ import annotations

import dataclasses
import random
import threading
from datetime import date, timedelta

from .server import SITE_KEYS, Site, route_key, validators_for
from .sites.common import Model, State, check, make_catalog

#: The calendar date of day 0: the day after the newest notice the demo has on day 0
#: (aspnet's and the mirror's 2022-06-25; a test checks it).
DEMO_EPOCH = date(2022, 6, 26)

#: Edits and takedowns touch notices published this many days before the day, or fewer.
RECENT_DAYS = 30

TAKEDOWN_KINDS = ("404", "410", "redirect_home", "soft_404")
EDIT_KINDS = ("title", "body", "attachments", "published")

#: Days 1-3: (new notices, takedown kinds, edit kinds per edited notice). Between them each
#: site edits a title and a body (united replaces an attachment too) and every takedown kind
#: appears; the site's own habits pick the kinds (nginx answers 410, IIS sends you home, a
#: content farm and a PHP CMS print "deleted" with status 200). Each day leaves some recent
#: notices untouched, so a re-check always meets a 304 somewhere.
SCRIPT: dict[str, dict[int, tuple[int, list[str], list[list[str]]]]] = {
    "hanweb": {1: (3, [], []), 2: (2, ["404"], [["title"]]), 3: (3, ["soft_404"], [["body"], ["title", "body"]])},
    "trs": {1: (3, [], []), 2: (3, ["410"], [["body"]]), 3: (2, ["404", "410"], [["title"], ["published"]])},
    "aspnet": {1: (2, ["redirect_home"], [["body"]]), 2: (3, ["404"], [["title"], ["published"]]),
               3: (2, ["redirect_home"], [["title", "body"]])},
    "mirror": {1: (2, ["soft_404"], [["title"]]), 2: (3, ["redirect_home", "404"], [["body"]]),
               3: (2, ["soft_404"], [["body"]])},
    "united": {1: (3, [], []), 2: (3, ["soft_404"], [["attachments"]]), 3: (2, ["404"], [["body"], ["title"]])},
}

#: What each site does on days after 3: its takedown kinds (drawn in turn) and edit kinds.
HABITS: dict[str, tuple[list[str], list[list[str]]]] = {
    "hanweb": (["404", "soft_404"], [["body"], ["title"], ["title", "body"]]),
    "trs": (["410", "404"], [["body"], ["title"], ["published"]]),
    "aspnet": (["redirect_home", "404"], [["body"], ["title"], ["published"]]),
    "mirror": (["soft_404", "redirect_home", "404"], [["body"], ["title"]]),
    "united": (["soft_404", "404"], [["body"], ["title"], ["attachments"]]),
}

_SEEDS = {"hanweb": 101, "trs": 211, "aspnet": 307, "mirror": 401, "united": 503}


def demo_date(day: int) -> date:
    """The calendar date of demo day ``day``."""
    if not isinstance(day, int) or isinstance(day, bool):
        raise TypeError(f"demo day must be an int, not {day!r}")
    if day < 0:
        raise ValueError(f"demo days start at 0, not {day}")
    return DEMO_EPOCH + timedelta(days=day)


def plan(key: str, day: int, rng: random.Random) -> tuple[int, list[str], list[list[str]]]:
    """(new notices, takedown kinds, edit kinds) of ``key`` on ``day`` (>= 1)."""
    if day in SCRIPT[key]:
        return SCRIPT[key][day]
    kinds, edits = HABITS[key]
    new = rng.randint(2, 3)
    downs = [kinds[(day + i) % len(kinds)] for i in range(rng.randint(1, 2))]
    return new, downs, [list(rng.choice(edits)) for _ in range(rng.randint(1, 2))]


# -- building days ---------------------------------------------------------------------------------

_models: dict[str, Model] = {}
_states: dict[str, list[State]] = {}
_lock = threading.RLock()


def model(key: str) -> Model:
    with _lock:
        if key not in _models:
            from .sites import MODULES

            m = MODULES[key].SiteModel()
            finish(m, m.state)
            _models[key], _states[key] = m, [m.state]
        return _models[key]


def state(key: str, day: int) -> State:
    """``key`` as it stands on ``day`` (built from the day before, once)."""
    demo_date(day)
    with _lock:
        m = model(key)
        states = _states[key]
        while len(states) <= day:
            states.append(advance(m, states[-1]))
        return states[day]


def site(key: str, day: int) -> Site:
    return state(key, day).site  # type: ignore[return-value]


def sites(day: int) -> dict[str, Site]:
    """Every site on ``day``."""
    demo_date(day)
    return {key: site(key, day) for key in SITE_KEYS}


def advance(m: Model, prev: State) -> State:
    """The day after ``prev``."""
    st = prev.successor()
    day, when = st.day, demo_date(st.day)
    rng = random.Random(_SEEDS[m.key] * 100_003 + day)
    new_count, down_kinds, edit_kinds = plan(m.key, day, rng)

    # Back after a takedown: on odd days from 3, one notice that went down two days before
    # (or, failing that, the day before), with its page as it was.
    if day >= 3 and day % 2 == 1:
        back = [p for p, d in st.down_since.items() if d == day - 2] or \
               [p for p, d in st.down_since.items() if d == day - 1]
        if back:
            path = back[0]
            del st.down[path], st.down_since[path]
            st.routes[route_key(path)] = st.pages[path]
            st.changes.restored.append(path)

    # What changes today: recent notices (not today's), edits first (an attachment needs a
    # notice that has one), then takedowns among the others.
    oldest = when - timedelta(days=RECENT_DAYS)
    pool = sorted((a for a in st.listed() if oldest <= a.day < when and not a.seed and not a.extra.get("fixed")
                   and a.path not in st.changes.restored), key=lambda a: (a.iso, a.path))
    edits: dict[str, list[str]] = {}
    for kinds in sorted(edit_kinds, key=lambda k: "attachments" not in k):
        choices = [a for a in pool if a.path not in edits and ("attachments" not in kinds or a.attachments)]
        if choices:
            edits[rng.choice(choices).path] = [k for k in EDIT_KINDS if k in kinds]
    downs: dict[str, str] = {}
    for kind in down_kinds:
        choices = [a for a in pool if a.path not in edits and a.path not in downs]
        if choices:
            downs[rng.choice(choices).path] = kind

    for path, kind in downs.items():
        st.down[path], st.down_since[path] = kind, day
        st.routes[route_key(path)] = m.takedown(kind, path)
        st.changes.taken_down[path] = kind

    fresh = m.new_articles(st, rng, when, new_count)
    for article, col in reversed(fresh):  # newest ends on top
        st.publish(article, col, m.list_title(article))
    st.changes.published = [a.path for a, _ in fresh]

    edited = []
    for path in edits:
        article = m.edit(st, st.articles[path], edits[path], rng, when)
        st.replace(article, m.list_title(article))
        st.changes.edited[path] = edits[path]
        edited.append(article)

    for article in [a for a, _ in fresh] + edited:  # (re)generated with today's sidebars
        page = m.page(st, article, rng)
        st.pages[article.path] = page
        st.routes[route_key(article.path)] = page
        st.validated.add(route_key(article.path))
    for article, _ in fresh:
        m.companions(st, article, rng)

    m.lists(st, rng)
    for key in prev.generated - st.generated:  # a list page no longer needed
        st.routes.pop(key, None)
        st.validated.discard(key)
    finish(m, st)
    return st


def finish(m: Model, st: State) -> None:
    """The day's catalog, validators and Site."""
    notices = [m.notice(a) for a in m.order(st)]
    columns = {col: st.entries(col) for col in st.columns}
    cat = make_catalog(m.key, m.name, columns, m.robots_prefix, st.list_pages, notices,
                       list_posts=st.list_posts, list_api=st.list_api)
    cat.changes = st.changes
    prev = st.prev
    validators = {}
    gone = {route_key(path) for path in st.down}  # a soft 404 is no notice page: no validators
    for key in sorted(st.validated - gone):
        response = st.routes.get(key)
        if response is None or response.status != 200:
            continue
        if prev is not None:  # Last-Modified moves when the bytes do
            before = prev.routes.get(key)
            same = before is not None and key in prev.lm and (
                before is response or (before.status, before.headers, before.body) ==
                (response.status, response.headers, response.body))
            st.lm[key] = prev.lm[key] if same else demo_date(st.day)
        found = validators_for(m.policy, response.body, st.lm[key])
        if found is not None:
            validators[key] = found
    site = dataclasses.replace(m.site, catalog=cat, routes=st.routes, validators=validators,
                               post=st.post or m.site.post)
    st.site = check(site, st.day)
