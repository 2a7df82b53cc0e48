"""govarchive's extraction against three generic extractors, on the same pages, in one run.

    .venv/bin/python bench/extraction.py [--passes 5] [--pages] [--only PREFIX]

Pages: every ``tests/corpus/pages/*.html`` with its gold record ``tests/corpus/truth/*.json``
(the corpus README says what each page is), reported in groups: ``written`` (the project's own
pages and the first ten real ones, all tuned on), ``real tune`` and ``real held-out`` (whole pages
of restored sites, split by host in ``sources.jsonl``: held-out sites have no floors in the
tests), ``real unseen`` (pages of other repositories and hosts, never looked at while rules were
written; no floors) and ``all``. Figures, per extractor and group:

* body F1, mean and median: character LCS over CJK ideographs, letters and digits after NFKC
  (``crawler/extract/score.py``, the same scoring as the corpus tests);
* title exact and date exact (the day), as the corpus tests judge them;
* pages with a chrome marker left in the body: ``CHROME_MARKERS`` in ``score.py`` (ICP, 公网安备,
  主办单位, 技术支持, 上一篇, 下一篇, 当前位置, 您的位置, 点击:, 字体:, 责任编辑, 打印, 关闭窗口, 分享到,
  扫一扫, Produced By, 版权所有 …) the body holds more often than the gold body does (a notice may
  print such a word itself), checked the same way for every extractor;
* pages per second: extraction only, on the same inputs, each extractor warmed once (the
  scored run), then the best of ``--passes`` timed passes over all pages.

How each peer is called, as its documentation shows:

* trafilatura: ``bare_extraction(html, url=url, with_metadata=True, include_comments=False)``;
  title, date and text of the returned document (comments are left out because a notice
  archive never wants them; everything else is the default);
* readability-lxml: ``Document(html, url=url)``; ``summary()`` for the body (its text, one line
  per block) and ``short_title()`` for the title; it finds no dates;
* GNE: ``GeneralNewsExtractor().extract(html)``; ``title``, ``publish_time``, ``content``.

Help given, and to whom:

* Decoding: every peer gets the page as ``str``, decoded once by govarchive's decoder (BOM,
  strict UTF-8 over lying labels, GB18030 for the GB family). Charset sniffing is not what is
  measured here, and GNE needs ``str``. govarchive takes the bytes and decodes inside its timed
  run. Nothing else of govarchive's is given to peers: no markup repair (the stray ``</html>``
  of page 001 is each tool's own problem), no script conversion.
* URL: every extractor gets the page's URL (trafilatura and readability accept it).
* List hint: corpus pages whose gold carries a ``hint`` (what the column list says: the
  only full date of a yearless or undated page) give it to govarchive as a ``ListHint``, as the
  crawler does; peers get the same help: the hint's date when they find no date, and the hint's
  title when they find no title.
* Dates: every extractor's date string is read with the same parser (the first full date in
  it, as ``YYYY-MM-DD``), so format differences cost nothing.

Nothing here imports test code; the page list, URLs and hints are read from the corpus files.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.extract import decode_html, extract_notice
from crawler.extract.dates import parse_date
from crawler.extract.score import (
    CHROME_MARKERS,
    chrome_left,
    date_matches,
    score_body,
    title_matches,
)
from crawler.items import ListHint

CORPUS = ROOT / "tests" / "corpus"


@dataclass
class Page:
    """One corpus page: its bytes, the decoded text peers get, URL, hint and gold record."""

    stem: str
    data: bytes
    text: str
    url: str
    hint: ListHint | None
    gold: dict
    group: str = "written"
    host: str | None = None


@dataclass
class Record:
    """What an extractor returned, reduced to what is scored."""

    title: str | None
    date: str | None
    body: str


def load_pages(only: str | None = None) -> list[Page]:
    sources = {}
    for line in (CORPUS / "sources.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            sources[entry["id"]] = entry
    pages = []
    for path in sorted((CORPUS / "pages").glob("*.html")):
        stem = path.stem
        if only and not stem.startswith(only):
            continue
        gold = json.loads((CORPUS / "truth" / f"{stem}.json").read_text(encoding="utf-8"))
        url = gold.get("url") or sources.get(stem, {}).get("original_url") or \
            f"https://example.invalid/{stem}.html"
        hint = gold.get("hint")
        list_hint = ListHint(url, hint.get("title"), hint.get("published"),
                             list(hint.get("channel", []))) if hint else None
        data = path.read_bytes()
        pages.append(Page(stem, data, decode_html(data)[0], url, list_hint, gold,
                          _group(stem, sources.get(stem, {})), sources.get(stem, {}).get("host")))
    return pages


def _group(stem: str, source: dict) -> str:
    """Which table a page is reported in: ``written`` (the project's own and the first real
    pages, all tuned on), ``real tune`` or ``real held-out`` (whole-site pages split by host
    in sources.jsonl: held-out sites are only measured, never tuned on, but were read while
    rules were written), ``real unseen`` (pages of other sources and sites, gold made by hand,
    measured once and never looked at for rules)."""
    if not stem.startswith("r_"):
        return "written"
    return {"heldout": "real held-out", "unseen": "real unseen"}.get(source.get("split"),
                                                                    "real tune")


def _day(value) -> str | None:
    """Any extractor's date string as ``YYYY-MM-DD`` (the first full date in it)."""
    if not value:
        return None
    return (parse_date(str(value)) or "")[:10] or None


def _with_hint(record: Record, page: Page) -> Record:
    """The help govarchive gets from the list page, given to a peer where it found nothing."""
    if page.hint:
        record.date = record.date or page.hint.published
        record.title = record.title or page.hint.title
    return record


# -- the extractors ---------------------------------------------------------------------


def run_govarchive(page: Page) -> Record:
    notice = extract_notice(page.data, page.url, page.hint)
    return Record(notice.title, _day(notice.published), notice.text)


def run_trafilatura(page: Page) -> Record:
    import trafilatura

    doc = trafilatura.bare_extraction(page.text, url=page.url, with_metadata=True,
                                      include_comments=False)
    if doc is None:
        return _with_hint(Record(None, None, ""), page)
    return _with_hint(Record(doc.title, _day(doc.date), doc.text or ""), page)


def run_readability(page: Page) -> Record:
    import lxml.html
    from readability import Document

    doc = Document(page.text, url=page.url)
    summary = doc.summary()
    try:
        root = lxml.html.fromstring(summary)
        body = "\n".join(t.strip() for t in root.itertext() if t.strip())
    except (ValueError, lxml.etree.ParserError):
        body = ""
    return _with_hint(Record(doc.short_title() or None, None, body), page)


def run_gne(page: Page) -> Record:
    from gne import GeneralNewsExtractor

    try:
        result = GeneralNewsExtractor().extract(page.text)
    except Exception:  # noqa: BLE001 - a peer failing on a page scores that page as empty
        return _with_hint(Record(None, None, ""), page)
    return _with_hint(Record(result.get("title") or None, _day(result.get("publish_time")),
                             result.get("content") or ""), page)


EXTRACTORS: dict[str, Callable[[Page], Record]] = {
    "govarchive": run_govarchive,
    "trafilatura": run_trafilatura,
    "readability-lxml": run_readability,
    "GNE": run_gne,
}


def _safe(run: Callable[[Page], Record], page: Page) -> Record:
    try:
        return run(page)
    except Exception:  # noqa: BLE001 - any extractor failing on a page scores it as empty
        return Record(None, None, "")


# -- scoring and timing -----------------------------------------------------------------


@dataclass
class Scored:
    stem: str
    f1: float
    title_ok: bool
    date_ok: bool
    chrome: list[str]


def score(page: Page, record: Record) -> Scored:
    gold = page.gold
    return Scored(
        page.stem,
        score_body(record.body, gold["body"]).f1,
        title_matches(record.title, gold["title"], gold.get("title_alts", [])),
        date_matches(record.date, gold["published"]),
        chrome_left(record.body, gold["body"]),
    )


def _host(page: Page) -> str:
    """The page's site: its host in sources.jsonl, else its URL's (pages without an address
    are given an ``example.invalid`` URL, which must not count them as one site)."""
    from urllib.parse import urlsplit
    return page.host or urlsplit(page.url).hostname or page.stem


def best_pass(run: Callable[[Page], Record], pages: list[Page], passes: int) -> float:
    """Seconds of the fastest of ``passes`` full passes over the pages."""
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for page in pages:
            _safe(run, page)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=5, help="timed passes (best is kept)")
    parser.add_argument("--pages", action="store_true", help="also print per-page F1")
    parser.add_argument("--only", help="only pages whose name starts with this")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # peers log every page they find hard
    warnings.simplefilter("ignore")

    pages = load_pages(args.only)
    results: dict[str, list[Scored]] = {}
    speed: dict[str, float] = {}
    for name, run in EXTRACTORS.items():
        results[name] = [score(p, _safe(run, p)) for p in pages]  # also the warm-up
        speed[name] = len(pages) / best_pass(run, pages, args.passes)

    n = len(pages)
    print(f"Extraction bench: {n} pages (tests/corpus/pages + truth), all four extractors in "
          f"this one run; one table per group of pages.")
    print(f"pages/s: extraction only, same inputs, each extractor warmed once, best of "
          f"{args.passes} timing passes.")
    print(f"chrome marker: any of {len(CHROME_MARKERS)} fixed phrases (crawler/extract/score.py) "
          f"left in the body beyond the gold body's own occurrences.")
    print()
    header = (f"{'extractor':<17} {'mean F1':>8} {'median F1':>10} {'title exact':>12} "
              f"{'date exact':>11} {'chrome pages':>13} {'pages/s':>9}")
    for group in ("written", "real tune", "real held-out", "real unseen", "all"):
        idx = [i for i, p in enumerate(pages) if group in ("all", p.group)]
        if not idx:
            continue
        g = len(idx)
        print(f"\n[{group}] {g} pages, {len({_host(pages[i]) for i in idx})} sites")
        print(header)
        print("-" * len(header))
        for name, all_rows in results.items():
            rows = [all_rows[i] for i in idx]
            f1s = [r.f1 for r in rows]
            print(f"{name:<17} {statistics.fmean(f1s):8.3f} {statistics.median(f1s):10.3f} "
                  f"{sum(r.title_ok for r in rows) / g:11.1%} "
                  f"{sum(r.date_ok for r in rows) / g:10.1%} "
                  f"{sum(bool(r.chrome) for r in rows):>8}/{g:<4} {speed[name]:9.1f}")
    if args.pages:
        print()
        names = list(results)
        print(f"{'page':<30} " + " ".join(f"{nm[:11]:>11}" for nm in names))
        for i, page in enumerate(pages):
            cells = []
            for nm in names:
                r = results[nm][i]
                mark = ("" if r.title_ok else "T") + ("" if r.date_ok else "D") + \
                    ("C" if r.chrome else "")
                cells.append(f"{r.f1:6.3f}{mark:>5}")
            print(f"{page.stem:<30} " + " ".join(cells))
        print("(T: title wrong, D: date wrong, C: chrome marker left)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
