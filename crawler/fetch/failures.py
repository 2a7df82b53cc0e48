"""Naming what went wrong with a request, so each failure is a row a person can read.

Every request that produces nothing to keep ends as a fetch_failures row (URL, kind, count)
of its run. The kind says what to do next: ``http_404`` and friends are dead links (retried
after growing gaps), ``timeout``, ``dataloss``, ``http_503`` are transient (retried on the
next run), ``blocked_*`` are WAF answers (never content, retried later).

Some failures are the crawler's own judgement rather than the network's: ``bad_url`` (a link
no request can be made of: no scheme, not http(s), no host, a port that is not a number),
``redirect_off_site`` (a notice link that lands on another site), ``not_a_notice`` (a page
with no article on it), ``robots_disallowed`` (robots.txt forbids it) and
``robots_unavailable`` (the host's robots.txt could not be read this run, so the host was
left alone; asked again next run).
"""

from __future__ import annotations

import zlib
from urllib.parse import urlsplit

from scrapy import exceptions as scrapy_errors
from scrapy.exceptions import IgnoreRequest
from twisted.internet import error as net
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived


def failure_kind(failure) -> str:
    """A short name for why a request failed (a Twisted Failure from an errback)."""
    value = failure.value
    response = getattr(value, "response", None)
    if response is not None:
        return f"http_{response.status}"
    message = str(value)
    from crawler.fetch.sessions import SessionRefused

    from crawler.fetch.legacytls import handshake_failed

    if handshake_failed(value):
        return "tls_handshake"
    if isinstance(value, SessionRefused):  # a host given up for the run: its challenge stands
        return "blocked_challenge"
    if isinstance(value, IgnoreRequest):
        if ROBOTS_UNAVAILABLE in message:
            return "robots_unavailable"
        if ROBOTS_FORBIDDEN in message:
            return "robots_disallowed"
        if "max redirections" in message:
            return "redirect_loop"
        if "DOWNLOAD_MAXSIZE" in message or "max size" in message:
            return "too_large"
        return "ignored"
    named = _scrapy_kind(value)
    if named:
        return named
    if isinstance(value, scrapy_errors.NotSupported) or "Unsupported URL scheme" in message:
        return "bad_url"
    if isinstance(value, (net.TimeoutError, net.TCPTimedOutError)):
        return "timeout"
    if isinstance(value, net.DNSLookupError):
        return "dns"
    if isinstance(value, net.ConnectionRefusedError):
        return "refused"
    if isinstance(value, (zlib.error, EOFError)) or "gzip" in message.lower() or "decompress" in message.lower():
        return "bad_gzip"
    if isinstance(value, ResponseFailed) and "DataLoss" in repr(value.reasons):
        return "dataloss"
    if "larger than download max size" in message or "maxsize" in message.lower():
        return "too_large"
    if isinstance(value, (ResponseNeverReceived, ResponseFailed, net.ConnectionLost,
                          net.ConnectionDone)):
        return "connection_lost"
    return type(value).__name__


#: What robots.txt refusals say (crawler.fetch.politeness raises the first; Scrapy the second).
ROBOTS_UNAVAILABLE = "robots.txt unavailable"
ROBOTS_FORBIDDEN = "Forbidden by robots.txt"
REQUESTABLE_SCHEMES = ("http", "https")
#: Characters no host name holds (a space or a stray percent sign is a broken link, not a host).
HOST_JUNK = set(" \t\r\n%<>\"{}|\\^`")


def bad_url(url) -> bool:
    """Whether no request can be made of ``url``: not a string, not http(s), no host or a
    broken one, or a port that is not a number in range. Such a link is a ``bad_url``
    failure of its own; the links beside it are still asked for."""
    if not isinstance(url, str) or url != url.strip():
        return True
    try:
        parts = urlsplit(url)
        parts.port  # raises on a port that is not a number in range
    except ValueError:
        return True
    host = parts.hostname or ""
    return (parts.scheme.lower() not in REQUESTABLE_SCHEMES or not host
            or any(ch in HOST_JUNK for ch in host))


#: Scrapy 2.19 wraps download errors in its own exceptions; older ones raise Twisted's.
SCRAPY_KINDS = {
    "DownloadTimeoutError": "timeout",
    "ResponseDataLossError": "dataloss",
    "DownloadFailedError": "connection_lost",
    "DownloadConnectionRefusedError": "refused",
    "CannotResolveHostError": "dns",
}


def _scrapy_kind(value: BaseException) -> str | None:
    for name, kind in SCRAPY_KINDS.items():
        cls = getattr(scrapy_errors, name, None)
        if cls is not None and isinstance(value, cls):
            if kind == "connection_lost" and "DataLoss" in str(value):
                return "dataloss"
            return kind
    if isinstance(value, getattr(scrapy_errors, "DownloadCancelledError", ())) and "max size" in str(value):
        return "too_large"
    return None
