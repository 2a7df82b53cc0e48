"""Which address of a host to connect to: IPv4, per host, where its IPv6 fails.

Many government sites publish an AAAA record (IPv6 is mandated) that leads nowhere useful: the
connection is accepted and dropped, or answered by another server. Scrapy's default resolver
is IPv4-only, which never meets that problem but cannot reach an IPv6-only host either.
:class:`FamilyResolver` resolves both families (Twisted's endpoint then tries the addresses in
order, racing the next one when a connect is slow); when an exchange with a host that has both
fails at the connection, :class:`IPv4Fallback` remembers the host and asks again, and from
then on, for this run, the resolver gives that host its IPv4 addresses only.

``GOVARCHIVE_HOSTS`` ({name: [address, …]}) answers for names the way /etc/hosts does, for
this crawl only (a site's new server before its DNS moves; tests).

The memory is per process (the resolver is the reactor's, built before any crawler), which is
per crawl: each crawl runs in a process of its own.
"""

from __future__ import annotations

import ipaddress
import logging

from scrapy.exceptions import (DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError)
from scrapy.resolver import CachingHostnameResolver, HostResolution
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as net
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from zope.interface import implementer
from twisted.internet.interfaces import IResolutionReceiver

logger = logging.getLogger(__name__)

#: host name → address families it resolved to ("4", "6"), this run
FAMILIES: dict[str, set[str]] = {}
#: hosts reached over IPv4 only for the rest of this run
IPV4_ONLY: set[str] = set()

#: Failures of the connection itself, not of the page: worth another address. (Scrapy 2.19
#: wraps Twisted's in its own; both are here.)
CONNECTION_FAILURES = (net.ConnectError, net.ConnectionLost, net.ConnectionDone, net.TimeoutError,
                       ResponseNeverReceived, ResponseFailed, DownloadConnectionRefusedError,
                       DownloadTimeoutError, DownloadFailedError)


def _address(text: str, port: int):
    ip = ipaddress.ip_address(text)
    return (IPv6Address if ip.version == 6 else IPv4Address)("TCP", str(ip), port)


class HostsError(ValueError):
    """GOVARCHIVE_HOSTS names something that is not an IP address."""


def parse_hosts(mapping: dict) -> dict[str, list[str]]:
    """GOVARCHIVE_HOSTS checked: every value a list of IP addresses."""
    hosts = {}
    for name, addresses in (mapping or {}).items():
        addresses = [addresses] if isinstance(addresses, str) else list(addresses)
        for text in addresses:
            try:
                ipaddress.ip_address(text)
            except ValueError:
                raise HostsError(f"GOVARCHIVE_HOSTS: {text!r} (for {name}) is not an IP address") from None
        hosts[name.lower()] = addresses
    return hosts


@implementer(IResolutionReceiver)
class _ByFamily:
    """Passes a resolution on, noting the families seen and leaving out IPv6 for hosts that
    are reached over IPv4 only."""

    def __init__(self, receiver, host: str):
        self.receiver, self.host = receiver, host.lower()

    def resolutionBegan(self, resolution) -> None:  # noqa: N802 (Twisted's names)
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address) -> None:  # noqa: N802
        family = "6" if isinstance(address, IPv6Address) else "4"
        FAMILIES.setdefault(self.host, set()).add(family)
        if family == "6" and self.host in IPV4_ONLY:
            return
        self.receiver.addressResolved(address)

    def resolutionComplete(self) -> None:  # noqa: N802
        self.receiver.resolutionComplete()


class FamilyResolver(CachingHostnameResolver):
    """Scrapy's caching resolver for both families, with GOVARCHIVE_HOSTS and per-host IPv4."""

    def __init__(self, reactor, cache_size: int, hosts: dict[str, list[str]] | None = None):
        super().__init__(reactor, cache_size)
        self.hosts = hosts or {}

    @classmethod
    def from_crawler(cls, crawler, reactor):
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, parse_hosts(settings.getdict("GOVARCHIVE_HOSTS")))

    def resolveHostName(self, resolutionReceiver, hostName, portNumber=0,  # noqa: N802,N803
                        addressTypes=None, transportSemantics="TCP"):  # noqa: N803
        receiver = _ByFamily(resolutionReceiver, hostName)
        mapped = self.hosts.get(hostName.lower())
        if mapped is None:
            return super().resolveHostName(receiver, hostName, portNumber, addressTypes,
                                           transportSemantics)
        resolution = HostResolution(hostName)
        receiver.resolutionBegan(resolution)
        for text in mapped:
            receiver.addressResolved(_address(text, portNumber))
        receiver.resolutionComplete()
        return resolution


def prefer_ipv4(host: str) -> bool:
    """Reach ``host`` over IPv4 from now on, if it has IPv4 and was not so already."""
    host = host.lower()
    if host in IPV4_ONLY or FAMILIES.get(host, set()) != {"4", "6"}:
        return False
    IPV4_ONLY.add(host)
    return True


class IPv4Fallback:
    """Downloader middleware: a connection failure with a host that has both families sends it
    to IPv4 for the run, and the request is asked again (once)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_exception(self, request, exception, spider=None):
        if not isinstance(exception, CONNECTION_FAILURES) or request.meta.get("ipv4_retry"):
            return None
        host = urlparse_cached(request).hostname or ""
        if not prefer_ipv4(host):
            return None
        self.crawler.stats.inc_value("govarchive/ipv4_fallback")
        self.crawler.stats.set_value(f"govarchive/ipv4_only/{host}", True)
        logger.warning("%s: %s over IPv6; %s is reached over IPv4 for this run",
                       request.url, type(exception).__name__, host)
        return request.replace(meta={**request.meta, "ipv4_retry": True}, dont_filter=True)
