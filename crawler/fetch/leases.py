"""Per-host limits held across the workers of a distributed crawl (crawler.run.distributed).

Each worker's own downloader keeps a host's concurrency and delay within the worker; these
leases in Redis keep them between workers, and a Retry-After met by one worker holds the host
for all of them.
"""

from __future__ import annotations

import asyncio
import secrets
import time

from scrapy.exceptions import NotConfigured

from crawler.fetch.politeness import host_key
from crawler.navigate.ledger import prefix, redis_client

#: Take a lease on a host if fewer than its limit are out and its delay has passed since the
#: last start; leases older than the TTL are dropped (a worker that died holding them).
ACQUIRE = """
local leases, last, hold = KEYS[1], KEYS[2], KEYS[3]
local now, limit, delay, ttl, token = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
redis.call('ZREMRANGEBYSCORE', leases, '-inf', tostring(now - ttl))
local held_until = tonumber(redis.call('GET', hold) or '0')
if now < held_until then return 0 end
if redis.call('ZCARD', leases) >= limit then return 0 end
local previous = tonumber(redis.call('GET', last) or '0')
if now - previous < delay then return 0 end
redis.call('ZADD', leases, tostring(now), token)
redis.call('SET', last, tostring(now))
return 1
"""


class SharedHostLimits:
    """Downloader middleware: per-host concurrency and delay held across all workers.

    Each worker's own downloader holds the limits within the worker; this holds them
    between workers, with leases in Redis taken just before the request goes out and given
    back when its answer (or failure) comes.
    """

    POLL = 0.05

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.get("GOVARCHIVE_JOB") or not settings.getbool("GOVARCHIVE_SHARED_LIMITS", True):
            raise NotConfigured
        import redis.asyncio

        self.crawler = crawler
        self.client = redis.asyncio.Redis.from_url(settings.get("GOVARCHIVE_REDIS_URL"))
        self.key = prefix(settings.get("GOVARCHIVE_JOB"))
        self.slots = settings.getdict("DOWNLOAD_SLOTS")
        self.default_delay = settings.getfloat("DOWNLOAD_DELAY")
        self.default_concurrency = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self.ttl = settings.getfloat("DOWNLOAD_TIMEOUT", 180) * 4
        self.acquire = self.client.register_script(ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _limits(self, host: str) -> tuple[int, float]:
        slot = self.slots.get(host, {})
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        floor = getattr(downloader, "_floors", {}).get(host, 0.0)
        return (int(slot.get("concurrency", self.default_concurrency)),
                max(float(slot.get("delay", self.default_delay)), floor))

    async def process_request(self, request, spider=None):
        host = host_key(request)
        limit, delay = self._limits(host)
        token = secrets.token_hex(8)
        keys = [f"{self.key}:lease:{host}", f"{self.key}:last:{host}", f"{self.key}:hold:{host}"]
        while not await self.acquire(keys=keys, args=[time.time(), limit, delay, self.ttl, token]):
            await asyncio.sleep(self.POLL)
        request.meta["_govarchive_lease"] = (keys[0], token)
        return None

    async def _release(self, request) -> None:
        lease = request.meta.pop("_govarchive_lease", None)
        if lease:
            await self.client.zrem(*lease)

    async def process_response(self, request, response, spider=None):
        await self._release(request)
        return response

    async def process_exception(self, request, exception, spider=None):
        await self._release(request)
        return None


def shared_hold(crawler, host: str, seconds: float) -> None:
    """Retry-After met by one worker holds the host for all of them."""
    settings = crawler.settings
    if not settings.get("GOVARCHIVE_JOB"):
        return
    client = redis_client(settings.get("GOVARCHIVE_REDIS_URL"))
    client.set(f"{prefix(settings.get('GOVARCHIVE_JOB'))}:hold:{host}", time.time() + seconds,
               ex=max(1, int(seconds) + 1))
