"""The extraction bench (``bench/extraction.py``) and the promise it checks.

The bench is loaded from its file (the bench never imports test code; tests may use the bench).
Its quality figures are checked here on the corpus: govarchive must be ahead of
trafilatura, readability-lxml and GNE on mean body F1, title exact and date exact, and leave
fewer pages with chrome, as issue 3 asks. The ``unseen`` split is left out of that check: it is
only measured and reported, so that no figure of it ever becomes something to tune for. Speed is not asserted here: timings on a shared test
machine are noise; ``.venv/bin/python bench/extraction.py`` prints them.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def bench():
    spec = importlib.util.spec_from_file_location("bench_extraction", ROOT / "bench" / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=None)
def scores() -> dict[str, list]:
    b = bench()
    pages = b.load_pages()
    return {name: [b.score(p, b._safe(run, p)) for p in pages] for name, run in b.EXTRACTORS.items()}


def test_the_issues_chrome_markers_are_all_checked():
    issue = ("ICP", "公网安备", "主办单位", "技术支持", "上一篇", "下一篇", "当前位置", "您的位置", "点击:", "字体:",
             "责任编辑", "打印", "关闭窗口", "分享到", "扫一扫", "Produced By", "版权所有")
    assert set(issue) <= set(bench().CHROME_MARKERS)


def test_real_pages_are_reported_by_split():
    groups = {p.stem: p.group for p in bench().load_pages()}
    assert groups["seed000_hanweb"] == "written"
    assert {g for s, g in groups.items() if s.startswith("r_")} == {"real tune", "real held-out",
                                                                    "real unseen"}


def _unseen() -> set[str]:
    """Pages of the ``unseen`` split: measured once and reported, never held to a figure here."""
    return {p.stem for p in bench().load_pages() if p.group == "real unseen"}


def test_pages_urls_and_hints_come_from_the_corpus_files():
    pages = {p.stem: p for p in bench().load_pages()}
    assert set(pages) == {p.stem for p in (ROOT / "tests" / "corpus" / "pages").glob("*.html")}
    assert pages["trap_yearless_date"].hint.published == "2020-02-03"
    assert pages["002"].url.startswith("http://fgw.zj.gov.cn/")
    assert isinstance(pages["trap_gbk_undeclared"].text, str)  # peers get decoded text


def test_a_peer_that_finds_no_date_gets_the_list_hint_like_govarchive():
    b = bench()
    page = next(p for p in b.load_pages("trap_yearless_date"))
    assert b._with_hint(b.Record(None, None, ""), page).date == "2020-02-03"


@pytest.mark.parametrize("figure", ["mean_f1", "title", "date", "clean"])
def test_govarchive_is_ahead_of_every_peer(figure):
    def value(rows):
        return {"mean_f1": statistics.fmean(r.f1 for r in rows),
                "title": sum(r.title_ok for r in rows), "date": sum(r.date_ok for r in rows),
                "clean": sum(not r.chrome for r in rows)}[figure]

    unseen = _unseen()
    results = {name: [r for r in rows if r.stem not in unseen] for name, rows in scores().items()}
    ours = value(results["govarchive"])
    for name, rows in results.items():
        if name != "govarchive":
            assert ours > value(rows), f"{figure}: govarchive {ours} vs {name} {value(rows)}"


def test_the_issues_targets_on_the_corpus():
    """The written pages (the project's own and the first real ones); the whole-site real
    pages have their own floors in test_extract_corpus.py and are reported apart."""
    rows = [r for r in scores()["govarchive"] if not r.stem.startswith("r_")]
    assert statistics.fmean(r.f1 for r in rows) >= 0.98
    assert sum(r.title_ok for r in rows) / len(rows) >= 0.97
    assert sum(r.date_ok for r in rows) / len(rows) >= 0.97
    assert not [r.stem for r in rows if r.chrome]
