"""Old TLS servers: modern settings first, a permissive retry only for a host that needs it.

Some government servers still speak only TLS 1.0/1.1 or offer ciphers that Debian's OpenSSL
(security level 2) refuses, so every request to them fails in the handshake. Lowering the
settings for the whole crawl would weaken every other connection; instead
:class:`LegacyTLSRetry` (a downloader middleware) notices a handshake failure with a host,
marks that host, and asks again; :class:`PerHostTLSContextFactory` connects to marked hosts with
older protocol versions and ciphers allowed (``@SECLEVEL=0``), and to every other host as
Scrapy would. The hosts a run marked are kept in its crawl_runs row (``legacy_tls_hosts``), so
the next run starts with them marked, and health names them.

A crawl is one process (Twisted's reactor runs once per process), so the marked hosts are a
process-wide set.
"""

from __future__ import annotations

import json
import logging
import sqlite3

from OpenSSL import SSL
from scrapy.core.downloader.contextfactory import _ScrapyCertificateOptions, _ScrapyClientContextFactory
from scrapy.core.downloader.contextfactory import (TWISTED_TLS_NEW_IMPL, _ScrapyClientTLSOptions,
                                                   _ScrapyClientTLSOptions26)
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.ssl import TLSVersion

from crawler.fetch.politeness import host_key

logger = logging.getLogger(__name__)

#: host:port (lower case) of servers that need the permissive handshake, this process.
LEGACY_HOSTS: set[str] = set()
PERMISSIVE_CIPHERS = b"ALL:@SECLEVEL=0"
#: What OpenSSL says when a handshake fails for want of a common protocol or cipher.
HANDSHAKE_WORDS = ("protocol version", "unsupported protocol", "no protocols available",
                   "handshake failure", "no shared cipher", "wrong version number",
                   "dh key too small", "ee key too small", "unsafe legacy renegotiation",
                   "no ciphers available", "sslv3 alert", "tlsv1 alert")


def handshake_failed(error: BaseException) -> bool:
    """A download error that is a TLS handshake refusal (not a timeout or a reset)."""
    text = repr(error) + str(error)
    return "SSL" in text and any(word in text.lower() for word in HANDSHAKE_WORDS)


class _PermissiveOptions(_ScrapyCertificateOptions):
    def _makeContext(self, *args, **kwargs) -> SSL.Context:
        ctx = super()._makeContext(*args, **kwargs)
        ctx.set_cipher_list(PERMISSIVE_CIPHERS)
        ctx.set_min_proto_version(SSL.TLS1_VERSION)
        ctx.set_options(0x4 | 0x40000)  # legacy server connect, legacy renegotiation
        return ctx


class PerHostTLSContextFactory(_ScrapyClientContextFactory):
    """Scrapy's context factory, with a permissive handshake for the marked hosts only."""

    def creatorForNetloc(self, hostname: bytes, port: int):
        netloc = f"{hostname.decode('ascii').lower()}:{port}"
        if netloc not in LEGACY_HOSTS:
            return super().creatorForNetloc(hostname, port)
        options = _PermissiveOptions(fixBrokenPeers=True, insecurelyLowerMinimumTo=TLSVersion.TLSv1_0)
        if TWISTED_TLS_NEW_IMPL:
            return _ScrapyClientTLSOptions26(options._makeTLSConnection, hostname.decode("ascii"))
        return _ScrapyClientTLSOptions(hostname.decode("ascii"), options.getContext())


class LegacyTLSRetry:
    """Downloader middleware: on a handshake failure, mark the host and ask once more."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("GOVARCHIVE_LEGACY_TLS", True)
        LEGACY_HOSTS.update(_remembered(crawler.settings.get("GOVARCHIVE_DB")))

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if urlparse_cached(request).scheme == "https":
            netloc = _netloc(request)
            if netloc in LEGACY_HOSTS:
                self._record(request, netloc)  # a remembered host: this run says so too
        return response

    def process_exception(self, request, exception, spider=None):
        if not self.enabled or urlparse_cached(request).scheme != "https":
            return None
        netloc = _netloc(request)
        if netloc in LEGACY_HOSTS or not handshake_failed(exception):
            return None
        LEGACY_HOSTS.add(netloc)
        logger.warning("%s refused a modern TLS handshake (%s); asking again with older "
                       "protocols and ciphers allowed, for this host only", netloc, exception)
        self._record(request, netloc)
        return request.replace(dont_filter=True)

    def _record(self, request, netloc: str) -> None:
        site = request.meta.get("site")
        if not site:
            return
        key = f"govarchive/{site}/legacy_tls_hosts"
        hosts = set(json.loads(self.crawler.stats.get_value(key) or "[]"))
        if netloc not in hosts:
            self.crawler.stats.set_value(key, json.dumps(sorted(hosts | {netloc})))


def _netloc(request) -> str:
    host = host_key(request)
    return host if host.rsplit(":", 1)[-1].isdigit() and not host.endswith("]") else f"{host}:443"


def _remembered(db_path: str | None) -> set[str]:
    """Hosts earlier runs found needing the permissive handshake."""
    if not db_path:
        return set()
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            found = conn.execute("SELECT legacy_tls_hosts FROM crawl_runs"
                                 " WHERE legacy_tls_hosts IS NOT NULL").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return set()
    hosts: set[str] = set()
    for (value,) in found:
        try:
            hosts.update(json.loads(value))
        except ValueError:
            continue
    return hosts
