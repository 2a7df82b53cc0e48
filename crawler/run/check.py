"""``govarchive check SITE|URL``: what a crawl would see, without writing the archive.

For each column of a registry entry (or the one list at a URL): the CMS, the notice links of
its first page, the pager found and the next page it leads to, and three notices fetched and
extracted, with their titles and dates — to verify an entry once the machine is online.
GET answers only, a pause between requests, nothing robots.txt disallows (reported in one
line instead); nothing is written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from crawler.navigate.lists import read_list
from crawler.run.add import AddError, Disallowed, allowed, fresh_robots, read_page

SAMPLE = 3


@dataclass
class ColumnCheck:
    url: str
    cms: str
    confidence: float
    notices: list[str]
    pager: str
    next: list[str]
    total_pages: int | None
    samples: list[dict]


def check_column(url: str, *, detail=None, delay: float = 1.0) -> ColumnCheck:
    text, final = read_page(url)
    cms, confidence, notices, pager = read_list(text, final, detail=detail)
    samples = []
    for hint in notices[:SAMPLE]:
        time.sleep(delay)
        samples.append(_sample(hint))
    return ColumnCheck(final, cms, confidence, [n.url for n in notices], pager.kind,
                       pager.next_urls, pager.total_pages, samples)


def _sample(hint) -> dict:
    import httpx

    from crawler.extract import extract_notice
    from crawler.run.add import USER_AGENT

    try:
        allowed(hint.url)
    except AddError as exc:
        return {"url": hint.url, "error": str(exc).removeprefix(f"{hint.url}: ")}
    try:
        response = httpx.get(hint.url, timeout=20, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    except httpx.HTTPError as exc:
        return {"url": hint.url, "error": str(exc)}
    if response.status_code != 200:
        return {"url": hint.url, "error": f"HTTP {response.status_code}"}
    notice = extract_notice(response.content, str(response.url), hint,
                            content_type=response.headers.get("content-type"))
    return {"url": hint.url, "title": notice.title, "published": notice.published,
            "chars": len(notice.text or "")}


def check(target: str, *, delay: float = 1.0) -> list[ColumnCheck]:
    """Columns of a registry site (by name), or the list at a URL."""
    fresh_robots()
    if target.startswith(("http://", "https://")):
        return [check_column(target, delay=delay)]
    from crawler.navigate.registry import load_registry

    registry = load_registry()
    if target not in registry:
        raise AddError(f"unknown site {target!r}: give a registry name or a list URL")
    site = registry[target]
    if site.demo:
        raise AddError(f"{target!r} is a demo entry: check the running demo by its list URL")
    results = []
    for column in site.lists:
        try:
            results.append(check_column(column.url, detail=site.detail_regex, delay=delay))
        except Disallowed:
            results.append(ColumnCheck(column.url, "?", 0.0, [], "disallowed by robots.txt, not fetched", [], None, []))
        except AddError as exc:
            results.append(ColumnCheck(column.url, "?", 0.0, [], f"unreadable: {exc}", [], None, []))
        time.sleep(delay)
    return results


def report(results: list[ColumnCheck]) -> str:
    lines = []
    for column in results:
        lines.append(f"{column.url}")
        lines.append(f"  cms {column.cms} ({column.confidence:.2f}), {len(column.notices)} notices on page 1, "
                     f"pager {column.pager}" + (f", {column.total_pages} pages" if column.total_pages else ""))
        for url in column.next:
            lines.append(f"  next {url}")
        for sample in column.samples:
            if "error" in sample:
                lines.append(f"  ! {sample['url']}: {sample['error']}")
            else:
                lines.append(f"  - {sample['published'] or '????-??-??'}  {sample['title'] or '(no title)'}"
                             f"  ({sample['chars']} characters)  {sample['url']}")
    return "\n".join(lines) + "\n"
