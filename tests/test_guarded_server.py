"""The guarded test sites (crawler/demo/guarded.py) guard: a plain HTTP client, following
redirects and keeping cookies, gets a challenge of the site's kind for every page and no notice."""

from __future__ import annotations

import httpx
import pytest

from crawler.fetch.challenges import challenge_kind
from crawler.demo.guarded import KINDS, GuardedSite


@pytest.mark.parametrize("kind", KINDS)
def test_a_plain_http_client_gets_no_notice(kind):
    with GuardedSite(kind) as site, httpx.Client(follow_redirects=False) as client:
        for url, title in site.notices.items():
            seen = []
            for _ in range(4):  # follow redirects by hand, cookies kept, to see each answer
                answer = client.get(url)
                seen.append(challenge_kind(answer.status_code, {k: answer.headers.get_list(k) for k in
                                           ("set-cookie", "location")}, answer.content, url))
                if answer.status_code not in (301, 302, 303, 307, 308):
                    break
                url = str(answer.url.join(answer.headers["location"]))
            assert title not in answer.text
            assert seen[0] is not None and all(seen), (kind, seen)
        assert site.passed == 0 and site.challenges_served >= len(site.notices)
