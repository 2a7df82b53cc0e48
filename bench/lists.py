"""Bench: notice links and next page found on the real list pages in tests/lists.

For each page, list inference (no CMS named, no URL pattern) is scored against the hand-made
truth: precision, recall and F1 of the notice URLs, and whether the next page was found (on the
pages that show one; a next page claimed where there is none counts as a false next). A naive
baseline is scored beside it: every link with a title-length text, and 下一页 links only.
The tune and held-out parts are reported separately.

    python -m bench.lists            # both parts
    python -m bench.lists --json     # one JSON object
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from crawler.extract import decode_html
from crawler.extract.repair import parse
from crawler.navigate.cms.base import absolute, next_page_links
from crawler.navigate.lists import read_list

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "lists"


@dataclass
class Score:
    pages: int = 0
    tp: int = 0
    found: int = 0
    truth: int = 0
    next_pages: int = 0
    next_found: int = 0
    false_next: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, page_id: str, notices: list[str], nexts: list[str], truth: dict) -> None:
        gold = set(truth["notices"])
        got = set(notices)
        self.pages += 1
        self.tp += len(gold & got)
        self.found += len(got)
        self.truth += len(gold)
        if truth["next"]:
            self.next_pages += 1
            if set(truth["next"]) & set(nexts):
                self.next_found += 1
            else:
                self.misses.append(f"{page_id}: next {nexts[:1]} != {truth['next'][:1]}")
        elif nexts:
            self.false_next += 1
        if gold != got:
            self.misses.append(f"{page_id}: links -{len(gold - got)} +{len(got - gold)}")

    def figures(self) -> dict:
        precision = self.tp / self.found if self.found else 0.0
        recall = self.tp / self.truth if self.truth else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "pages": self.pages, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3), "next_found": self.next_found, "next_pages": self.next_pages,
            "next_rate": round(self.next_found / self.next_pages, 3) if self.next_pages else None,
            "false_next": self.false_next,
        }


def corpus(part: str) -> list[tuple[str, Path, dict]]:
    pages = []
    for path in sorted((CORPUS / part).glob("*.html")):
        truth = json.loads((CORPUS / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))
        pages.append((path.stem, path, truth))
    return pages


def naive(text: str, url: str) -> tuple[list[str], list[str]]:
    root = parse(text)
    links = []
    for anchor in root.iter("a"):
        target = absolute(url, anchor.get("href"))
        if target and len(" ".join(anchor.text_content().split())) >= 6 and target not in links:
            links.append(target)
    return links, next_page_links(root, url)


def score(part: str) -> dict:
    inferred, baseline = Score(), Score()
    for page_id, path, truth in corpus(part):
        text, _ = decode_html(path.read_bytes(), None)
        _, _, notices, pager = read_list(text, truth["url"])
        inferred.add(page_id, [n.url for n in notices], pager.next_urls, truth)
        baseline.add(page_id, *naive(text, truth["url"]), truth)
    return {"inferred": inferred.figures(), "baseline": baseline.figures(), "misses": inferred.misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = {part: score(part) for part in ("tune", "heldout")}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for part, figures in result.items():
        for name in ("inferred", "baseline"):
            f = figures[name]
            print(f"{part:8} {name:9} pages={f['pages']:3} P={f['precision']:.3f} R={f['recall']:.3f} "
                  f"F1={f['f1']:.3f} next={f['next_found']}/{f['next_pages']} false_next={f['false_next']}")
        for miss in figures["misses"]:
            print(f"         miss {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
