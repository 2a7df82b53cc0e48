"""Crawling with more than one process or machine, on scrapy-redis.

    govarchive crawl [SITE…] --workers N --redis URL   a coordinator and N local workers
    govarchive worker --redis URL [--job ID]           one more worker, on any machine

Workers are ordinary govarchive crawls whose Scrapy scheduler and duplicate filter are
scrapy-redis's: they share one frontier in Redis. The rest of what a crawl shares lives in
Redis too, under ``govarchive:JOB:``:

* ``state``       the archive's knowledge (known notices, columns, past failures), written by
                  the coordinator, read by each worker (workers need no copy of archive.db);
* ``claimed``, ``seeded``, ``open_walks``   the crawl's ledger (crawler.navigate.ledger);
* ``items``       what workers send to the archive; the coordinator is the single writer
                  (SQLite has one), draining this list into archive.db as it fills;
* ``lease:HOST``, ``last:HOST``, ``hold:HOST``   per-host limits held across all workers:
                  at most the host's concurrency in flight, its delay between starts, and
                  Retry-After / Crawl-delay holds, whichever worker met them;
* ``workers``, ``idle:ID``, ``stats``, ``done``   how the coordinator knows the crawl is over
                  (frontier empty, items drained, every worker idle, three checks running)
                  and the figures each worker counted.

docs/scaling.md says how this grows to hundreds of sites.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
import sys
import time
import uuid
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from crawler import clock
from crawler.keep.runs import TEXTS, merge_texts
from crawler.navigate.ledger import prefix, redis_client

logger = logging.getLogger(__name__)

CURRENT_JOB = "govarchive:job"  # the job a worker started without --job joins
IDLE_CHECKS = 3  # consecutive idle checks before the coordinator calls the crawl over
CHECK_EVERY = 0.5


# -- worker side ------------------------------------------------------------------------------


def worker_settings(redis_url: str, job: str) -> dict:
    """Scrapy settings that make a govarchive crawl one worker of ``job``."""
    from crawler.run import settings as project

    key = prefix(job)
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{key}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{key}:dupefilter",
        "SCHEDULER_PERSIST": True,  # the coordinator clears the job's keys when it is over
        "REDIS_URL": redis_url,
        "GOVARCHIVE_REDIS_URL": redis_url,
        "GOVARCHIVE_JOB": job,
        "GOVARCHIVE_ROBOTS_CACHE_WRITE": False,  # only the coordinator writes the archive
        "ITEM_PIPELINES": {"crawler.run.distributed.ItemsToRedis": 300},
        "EXTENSIONS": {
            "scrapy.extensions.telnet.TelnetConsole": None,
            "scrapy.extensions.remote_control.RemoteControl": None,
            "crawler.keep.pipeline.RequestStats": 400,
            "crawler.run.distributed.WorkerPresence": 500,
        },
        # Every middleware a single-process crawl has (sessions, rate limits, old TLS, …): a
        # setting given here replaces the project's, it is not merged with it.
        "DOWNLOADER_MIDDLEWARES": {**project.DOWNLOADER_MIDDLEWARES,
                                   "crawler.fetch.leases.SharedHostLimits": 960},
    }


class ItemsToRedis:
    """A worker's pipeline: every item to the coordinator, who writes the archive."""

    def __init__(self, crawler):
        settings = crawler.settings
        self.client = redis_client(settings.get("GOVARCHIVE_REDIS_URL"))
        self.key = f"{prefix(settings.get('GOVARCHIVE_JOB'))}:items"

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        self.client.rpush(self.key, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        return item


class WorkerPresence:
    """A worker that stays for the whole job, says when it is idle, and reports its figures."""

    def __init__(self, crawler):
        settings = crawler.settings
        if not settings.get("GOVARCHIVE_JOB"):
            raise NotConfigured
        self.crawler = crawler
        self.client = redis_client(settings.get("GOVARCHIVE_REDIS_URL"))
        self.key = prefix(settings.get("GOVARCHIVE_JOB"))
        self.id = f"{os.uname().nodename}-{os.getpid()}"
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        crawler.signals.connect(self.busy, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    #: Seconds between a worker's looks at the shared frontier while it has nothing to do.
    #: Scrapy's engine looks every 5 s (its heartbeat) when its scheduler comes back empty,
    #: which suits a local queue; with a shared one, a worker that started a little late
    #: found the frontier empty and then sat idle while the other took everything (measured:
    #: 12 requests against 308). Half a second costs one Redis pop per idle worker.
    FRONTIER_POLL = 0.5

    def opened(self) -> None:
        # The heartbeat starts after spider_opened, so this sets its interval (an attribute
        # of the engine Scrapy reads once, when the heartbeat starts).
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = self.FRONTIER_POLL
        self.client.sadd(f"{self.key}:workers", self.id)
        self.busy()

    def busy(self) -> None:
        self.client.set(f"{self.key}:idle:{self.id}", 0, ex=600)

    def idle(self) -> None:
        """Idle is not done: other workers may still add to the frontier."""
        self.client.set(f"{self.key}:idle:{self.id}", 1, ex=600)
        if not self.client.exists(f"{self.key}:done"):
            raise DontCloseSpider

    def closed(self) -> None:
        stats = self.crawler.stats.get_stats().items()
        figures = {k: v for k, v in stats if k.startswith("govarchive/") and isinstance(v, int)}
        # Text figures (per host: browser sessions, old TLS, slowdowns) are merged by the
        # coordinator: each worker's, as it counted them.
        texts = {k: v for k, v in stats if k.startswith("govarchive/") and k.rsplit("/", 1)[-1] in TEXTS}
        if figures or texts:
            pipe = self.client.pipeline()
            for name, value in figures.items():
                pipe.hincrby(f"{self.key}:stats", name, value)
            for name, value in texts.items():
                pipe.rpush(f"{self.key}:texts", json.dumps([name, value]))
            requests = self.crawler.stats.get_value("downloader/request_count", 0)
            pipe.hset(f"{self.key}:by_worker", self.id, requests)
            pipe.execute()
        self.client.srem(f"{self.key}:workers", self.id)
        self.client.sadd(f"{self.key}:left", self.id)


# -- the coordinator: one job, one writer ----------------------------------------------------


def start_job(client, sites, db_path: str, job_settings: dict) -> str:
    """Publish a job: the archive's state and what workers need to crawl it."""
    from crawler.keep import Archive
    from crawler.keep.state import load_state

    job = uuid.uuid4().hex[:12]
    key = prefix(job)
    archive = Archive(db_path)
    try:
        state = load_state(archive.db, [site.name for site in sites])
    finally:
        archive.close()
    description = {"job": job, "sites": [site.name for site in sites],
                   "demo_bases": {s.demo: s.home_url.rstrip("/") for s in sites if s.demo},
                   "settings": job_settings, "now": clock.stamp()}
    client.set(f"{key}:state", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    client.set(f"{key}:job", json.dumps(description))
    client.set(CURRENT_JOB, job)
    return job


def coordinate(sites, db_path: str, redis_url: str, workers: int, job_settings: dict,
               *, progress=None) -> list[dict]:
    """Run a distributed crawl to its end as the single writer; returns the crawl_runs rows."""
    from crawler.keep.pipeline import batching, crawl_mode, takedown_policy
    from crawler.keep.writer import ArchiveWriter
    from scrapy.settings import Settings

    client = redis_client(redis_url)
    client.ping()
    job = start_job(client, sites, db_path, job_settings)
    key = prefix(job)
    settings = Settings(job_settings)
    writer = ArchiveWriter(db_path, {s.name: s for s in sites}, takedown=takedown_policy(settings),
                           mode=crawl_mode(settings), **batching(settings))
    children = [spawn_worker(redis_url, job) for _ in range(workers)]
    reason = "finished"
    try:
        _drain_until_done(client, key, writer, children, expected=max(workers, 1), progress=progress)
    except KeyboardInterrupt:
        reason = "shutdown"
        client.set(f"{key}:done", 1)
    finally:
        for child in children:
            try:
                child.wait(timeout=120)
            except subprocess.TimeoutExpired:
                child.kill()
        _drain(client, key, writer)
        if any(child.returncode for child in children):
            reason = "worker failed" if reason == "finished" else reason
        stats = {k.decode(): int(v) for k, v in client.hgetall(f"{key}:stats").items()}
        for worker, requests in sorted(client.hgetall(f"{key}:by_worker").items()):
            logger.warning("worker %s made %s requests", worker.decode(), requests.decode())
        texts = _worker_texts(client, key)
        rows = writer.finish(reason, lambda site, name: stats.get(f"govarchive/{site}/{name}", 0),
                             lambda site, name: texts.get(f"govarchive/{site}/{name}"))
        for leftover in client.scan_iter(f"{key}:*"):
            client.delete(leftover)
        if client.get(CURRENT_JOB) == job.encode():
            client.delete(CURRENT_JOB)
    return rows


def _worker_texts(client, key: str) -> dict[str, str | None]:
    """The text figures every worker reported, one per name (see crawler.keep.runs.merge_texts)."""
    reported: dict[str, list[str]] = {}
    for raw in client.lrange(f"{key}:texts", 0, -1):
        name, value = json.loads(raw)
        reported.setdefault(name, []).append(value)
    return {name: merge_texts(values) for name, values in reported.items()}


def spawn_worker(redis_url: str, job: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "crawler.run.cli", "worker", "--redis", redis_url,
                             "--job", job], env=os.environ.copy())


def _drain(client, key: str, writer, block: float = 0) -> int:
    """Write every item waiting in Redis; with ``block``, wait that long for the first. Items
    taken from Redis are committed before this returns (the writer keeps them in batches)."""
    written = 0
    if block:
        first = client.blpop(f"{key}:items", timeout=block)
        if first is None:
            return 0
        writer.write(pickle.loads(first[1]))
        written += 1
    while (raw := client.lpop(f"{key}:items")) is not None:
        writer.write(pickle.loads(raw))
        written += 1
    writer.flush()
    return written


def _drain_until_done(client, key: str, writer, children, *, expected: int, progress) -> None:
    calm = 0
    seen_workers = False
    while True:
        _drain(client, key, writer, block=CHECK_EVERY)
        members = [m.decode() for m in client.smembers(f"{key}:workers")]
        seen_workers = seen_workers or len(members) >= expected
        if progress:
            progress(writer)
        if children and all(child.poll() is not None for child in children):
            return  # every local worker has ended (done, or failed)
        if not seen_workers:
            continue
        idle = all(client.get(f"{key}:idle:{m}") == b"1" for m in members)
        frontier = client.zcard(f"{key}:requests") + client.llen(f"{key}:items")
        calm = calm + 1 if idle and frontier == 0 else 0
        if calm >= IDLE_CHECKS:
            client.set(f"{key}:done", 1)
            if not children:
                _wait_for_leavers(client, key)
                return


def _wait_for_leavers(client, key: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while client.scard(f"{key}:workers") and time.monotonic() < deadline:
        time.sleep(0.2)


# -- a worker process ---------------------------------------------------------------------------


def run_worker(redis_url: str, job: str | None, *, wait: float = 60) -> int:
    """Join a job (the current one if none is named) and crawl until the job is done."""
    from crawler.run.plan import make_concrete
    from crawler.run.runner import CrawlOptions, run_worker_crawl
    from crawler.navigate.registry import load_registry

    client = redis_client(redis_url)
    deadline = time.monotonic() + wait
    while job is None:
        current = client.get(CURRENT_JOB)
        if current:
            job = current.decode()
        elif time.monotonic() > deadline:
            raise RuntimeError(f"no crawl job in {redis_url} to join (start one with `govarchive crawl --redis`)")
        else:
            time.sleep(0.5)
    description = json.loads(client.get(f"{prefix(job)}:job"))
    registry = load_registry()
    sites = make_concrete([registry[name] for name in description["sites"]],
                          description["demo_bases"] or None)
    clock.set_now(description["now"])
    overrides = {**description["settings"], **worker_settings(redis_url, job)}
    outcome = run_worker_crawl(sites, CrawlOptions(overrides=overrides))
    return 0 if outcome.ok else 1


__all__ = ["coordinate", "run_worker", "worker_settings", "Path"]
