"""A single-process crawl's ledger: each URL asked for once, in memory that stays small as a
first crawl claims millions of URLs (measured by tracemalloc: deterministic, unlike RSS)."""

from __future__ import annotations

import tracemalloc

from crawler.navigate.ledger import LocalLedger


def url(i: int) -> str:
    return f"http://www.example{i % 500}.gov.cn/art/2024/5/{i % 28 + 1}/art_1001_{i}.html"


def test_each_url_is_claimed_once():
    ledger = LocalLedger()
    assert ledger.claim(url(1)) and ledger.claim(url(2))
    assert not ledger.claim(url(1)) and not ledger.claim(url(1) + "")
    assert ledger.claimed(url(2)) and not ledger.claimed(url(3))


def test_a_claimed_url_costs_less_than_the_url_itself():
    count = 100_000
    ledger = LocalLedger()
    tracemalloc.start()
    try:
        for i in range(count):  # each URL string is dropped once claimed, as a request's is
            assert ledger.claim(url(i))
        per_url = tracemalloc.get_traced_memory()[0] / count
    finally:
        tracemalloc.stop()
    # a set of the URLs keeps each one alive beside its slot: about 150 bytes a URL
    assert per_url < 110, per_url
    assert all(ledger.claimed(url(i)) for i in range(0, count, 997))
