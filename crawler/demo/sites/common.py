"""Pieces every demo site uses: list entries, robots.txt, ids, and article -> DemoNotice."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ..catalog import DemoNotice, SiteCatalog
from ..content import Article, body_of
from ..server import Response, Site, route_key


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


def check(site: Site) -> Site:
    """Sanity checks every site must pass: distinct titles and dates, pages for all notices."""
    cat: SiteCatalog = site.catalog  # type: ignore[assignment]
    titles = [n.title for n in cat.notices]
    if len(set(titles)) != len(titles):
        raise AssertionError(f"{site.key}: duplicate titles")
    days = [n.published[:10] for n in cat.notices]
    if len(set(days)) != len(days):
        raise AssertionError(f"{site.key}: duplicate dates")
    for n in cat.notices:
        if site.routes.get(route_key(n.path), site.not_found).status != 200:
            raise AssertionError(f"{site.key}: no page at {n.path}")
    return site
