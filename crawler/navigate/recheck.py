"""When to fetch an archived notice again: recent ones often, older ones on a rolling sample.

Sites edit and withdraw notices mostly in their first weeks; a notice from years ago changes
rarely but may still vanish. Re-checking everything every night would multiply the load on
small servers for little gain, so a notice is due again after an interval that grows with
its age, and old notices are spread over the days of a cycle (by a hash of the URL) so the
nightly sample stays small and even. Re-checks are conditional requests, usually a 304.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import timedelta

from crawler import clock
from crawler.keep.state import KnownNotice, PastFailure

SLACK_DAYS = 2 / 24  # a nightly run a little earlier than yesterday's is still "a day later"


@dataclass(frozen=True)
class RecheckPolicy:
    recent_days: float = 30  # a notice this young…
    recent_every: float = 1  # …is re-checked daily
    year_every: float = 7  # up to a year old: weekly
    old_every: float = 30  # older: once per cycle of this many days, spread by URL
    missing_every: float = 0  # a missing notice: every run (to confirm or clear it)
    removed_watch_days: float = 30  # a removed notice is watched daily this long: it may return
    everything: bool = False  # --recheck-all

    def interval(self, notice: KnownNotice, now: str) -> float:
        if notice.status == "missing":
            return self.missing_every
        if notice.status == "removed" and notice.removed_at and \
                clock.days_between(notice.removed_at, now) <= self.removed_watch_days:
            return self.recent_every
        age = clock.days_between(notice.published[:10] + "T00:00:00Z", now) \
            if _dated(notice.published) else clock.days_between(notice.first_seen, now)
        if notice.status == "live" and age <= self.recent_days:
            return self.recent_every
        if notice.status == "live" and age <= 365:
            return self.year_every
        return self.old_every + zlib.crc32(notice.url.encode()) % int(self.old_every)

    def checked_after(self, now: str) -> str | None:
        """A live notice last checked after this time is not due whatever its age (the
        shortest interval has not passed): an archive need not read it to know. None when
        every notice may be due. A minute early, so rounding never leaves a due one out."""
        shortest = min(self.recent_every, self.year_every, self.old_every) - SLACK_DAYS
        if self.everything or shortest <= 0:
            return None
        return clock.stamp(clock.parse(now) - timedelta(days=shortest, minutes=-1))

    def due(self, notice: KnownNotice, now: str) -> bool:
        if self.everything or notice.last_checked is None:
            return True
        waited = clock.days_between(notice.last_checked, now)
        return waited >= self.interval(notice, now) - SLACK_DAYS


def _dated(published: str | None) -> bool:
    return bool(published) and len(published) >= 10 and published[:4].isdigit()


#: Failures that say "this is not there" (or "not like this") rather than "not now": retried
#: with growing gaps. A file over the size cap stays over it: not downloaded again each night.
LASTING_FAILURES = {"http_404", "http_410", "soft_404", "redirect_home", "redirect_404",
                    "not_html", "robots_disallowed", "bad_url", "redirect_off_site",
                    "not_a_notice", "too_large"}
MAX_BACKOFF_DAYS = 30


def retry_due(failure: PastFailure, now: str) -> bool:
    """A link that failed before: transient failures are retried on the next run; a dead
    link after 1, 2, 4… days (at most a month), in case the site puts it back."""
    if failure.kind not in LASTING_FAILURES:
        return True
    wait = min(2 ** (failure.count - 1), MAX_BACKOFF_DAYS)
    return clock.days_between(failure.last_at, now) >= wait - SLACK_DAYS
