"""robots.txt for the commands that fetch a few pages outside a crawl (`add`, `check`).

A crawl obeys robots.txt through Scrapy's middleware (crawler/fetch/politeness.py); `add` and
`check` fetch with a plain HTTP client, so they ask here first. Each host's robots.txt is read
once per command, matched with the crawl's parser (Protego) and the crawl's name, so a page
`add` or `check` will not fetch is a page the crawl would not fetch either. As in the crawl,
a robots.txt that answers 4xx allows everything; one that answers 5xx or cannot be read
leaves the host alone (RFC 9309 2.3.1.4: unreachable is complete disallow).
"""

from __future__ import annotations

from urllib.parse import urlsplit

ROBOT_NAME = "govarchive"  # the token the crawl's User-Agent starts with (crawler/run/settings.py)


class RobotsUnavailable(Exception):
    """The host's robots.txt could not be read: nothing of the host is fetched."""


class RobotsRules:
    """Which URLs robots.txt lets this program fetch, host by host (read once each)."""

    def __init__(self, user_agent: str, timeout: float = 20):
        self.user_agent, self.timeout = user_agent, timeout
        self._hosts: dict[str, object] = {}

    def allowed(self, url: str) -> bool:
        """Whether robots.txt allows ``url``; raises RobotsUnavailable when it cannot be read."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return True
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._hosts:
            self._hosts[origin] = self._read(origin)
        rules = self._hosts[origin]
        if isinstance(rules, RobotsUnavailable):
            raise rules
        return rules is None or rules.can_fetch(url, ROBOT_NAME)

    def _read(self, origin: str):
        import httpx
        from protego import Protego

        try:
            response = httpx.get(origin + "/robots.txt", timeout=self.timeout, follow_redirects=True,
                                 headers={"User-Agent": self.user_agent})
        except httpx.HTTPError as exc:
            return RobotsUnavailable(f"robots.txt of {origin} cannot be read ({exc}): nothing fetched")
        if response.status_code >= 500:
            return RobotsUnavailable(f"robots.txt of {origin} answers HTTP {response.status_code}: nothing fetched")
        if response.status_code != 200:
            return None  # no robots.txt: everything allowed
        return Protego.parse(response.content.decode("utf-8", "replace"))
