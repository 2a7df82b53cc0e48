"""What one crawl has done so far, shared by every process that takes part in it.

A crawl asks for each notice once, starts its lists once, and issues its re-checks once every
column walk is over. In a single process that bookkeeping is a few sets in memory; in a
distributed crawl (crawler.run.distributed) several workers share it in Redis, so two workers
never fetch the same notice and only one of them seeds the crawl.
"""

from __future__ import annotations

import pickle


class LocalLedger:
    """The ledger of a crawl that runs in one process.

    A first crawl claims every URL it meets, millions of them: each is kept as its 64-bit
    hash (under 80 bytes in the set, against some 150 for keeping the URL itself). Two URLs of one crawl
    sharing a hash (about one chance in a million at five million URLs) cost the second its
    fetch for this crawl only: it is not archived, so the next crawl asks for it."""

    def __init__(self):
        self._seeded = False
        self._claimed: set[int] = set()
        self._open_walks = 0

    def seed(self) -> bool:
        """True for the one caller that starts the crawl's lists."""
        first, self._seeded = not self._seeded, True
        return first

    def claim(self, url: str) -> bool:
        """True the first time a URL is asked for in this crawl."""
        key = hash(url)
        if key in self._claimed:
            return False
        self._claimed.add(key)
        return True

    def claimed(self, url: str) -> bool:
        return hash(url) in self._claimed

    def open_walks(self, count: int) -> None:
        self._open_walks = count

    def walk_over(self) -> bool:
        """One column walk ended; True for the end of the last one."""
        self._open_walks -= 1
        return self._open_walks == 0


class RedisLedger:
    """The ledger of a distributed crawl, in Redis keys under ``prefix``."""

    def __init__(self, redis, prefix: str):
        self.redis, self.prefix = redis, prefix

    def seed(self) -> bool:
        return bool(self.redis.set(f"{self.prefix}:seeded", 1, nx=True))

    def claim(self, url: str) -> bool:
        return bool(self.redis.sadd(f"{self.prefix}:claimed", url))

    def claimed(self, url: str) -> bool:
        return bool(self.redis.sismember(f"{self.prefix}:claimed", url))

    def open_walks(self, count: int) -> None:
        self.redis.set(f"{self.prefix}:open_walks", count)

    def walk_over(self) -> bool:
        return self.redis.decr(f"{self.prefix}:open_walks") == 0


# -- the Redis namespace of a distributed crawl (crawler.run.distributed) -----------------


def redis_client(url: str):
    import redis

    return redis.Redis.from_url(url)


def prefix(job: str) -> str:
    return f"govarchive:{job}"


def worker_ledger(settings):
    """The shared ledger and crawl state of the job a worker belongs to."""
    client = redis_client(settings.get("GOVARCHIVE_REDIS_URL"))
    key = prefix(settings.get("GOVARCHIVE_JOB"))
    state = pickle.loads(client.get(f"{key}:state"))
    return RedisLedger(client, key), state
