"""When archived notices are fetched again, and when dead links are tried again."""

from __future__ import annotations

from crawler.navigate.recheck import RecheckPolicy, retry_due
from crawler.keep.state import KnownNotice, PastFailure

NOW = "2022-07-10T18:00:00Z"


def known(published="2022-07-01", last_checked="2022-07-09T18:30:00Z", status="live",
          removed_at=None, url="https://a.gov.cn/art/1.html") -> KnownNotice:
    return KnownNotice(url=url, site="s", status=status, published=published,
                       first_seen="2022-07-01T18:00:00Z", last_checked=last_checked,
                       etag=None, last_modified=None, removed_at=removed_at)


def test_recent_notices_daily_older_weekly_old_ones_monthly_and_spread():
    policy = RecheckPolicy()
    assert policy.due(known(), NOW)  # 23.5 hours later counts as a day
    assert not policy.due(known(last_checked="2022-07-10T12:00:00Z"), NOW)
    assert not policy.due(known(published="2022-01-01"), NOW)
    assert policy.due(known(published="2022-01-01", last_checked="2022-07-03T18:00:00Z"), NOW)
    old = [known(published="2015-01-01", url=f"https://a.gov.cn/{i}.html").url for i in range(200)]
    waits = {RecheckPolicy().interval(known(published="2015-01-01", url=u), NOW) for u in old}
    assert min(waits) >= 30 and max(waits) < 60 and len(waits) > 20  # a rolling sample


def test_missing_every_run_removed_watched_for_a_month_then_monthly():
    policy = RecheckPolicy()
    assert policy.due(known(status="missing", last_checked="2022-07-10T17:00:00Z"), NOW)
    watched = known(published="2015-01-01", status="removed", removed_at="2022-07-01T18:00:00Z")
    assert policy.due(watched, NOW)
    later = known(published="2015-01-01", status="removed", removed_at="2022-03-01T18:00:00Z")
    assert not policy.due(later, NOW)


def test_recheck_all_and_never_checked():
    assert RecheckPolicy(everything=True).due(known(published="2001-01-01"), NOW)
    assert RecheckPolicy().due(known(last_checked=None), NOW)


def test_dead_links_back_off_transient_failures_do_not():
    dead = PastFailure(site="s", what="notice", kind="http_404", count=3, last_at="2022-07-08T18:00:00Z")
    assert not retry_due(dead, NOW)  # 4 days after the third failure
    assert retry_due(PastFailure(site="s", what="notice", kind="http_404", count=1, last_at="2022-07-09T18:00:00Z"), NOW)
    assert retry_due(PastFailure(site="s", what="notice", kind="timeout", count=9, last_at="2022-07-10T17:00:00Z"), NOW)
