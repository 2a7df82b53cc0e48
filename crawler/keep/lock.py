"""One crawl at a time per archive: an advisory lock beside archive.db.

Two crawls writing one archive would fetch everything twice and fight over SQLite's single
writer. The lock is ``flock`` on ``archive.db.lock``: the kernel releases it when the holder
exits, however it exits (kill -9 included), so a crash never leaves a stale lock behind.
The file says who holds it, for the error message.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from crawler import clock


class CrawlRunning(RuntimeError):
    """Another crawl holds the archive."""


class CrawlLock:
    def __init__(self, db_path: str | Path):
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".lock")
        self.handle = None

    def acquire(self) -> CrawlLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+")
        if not _lock_soon(handle):
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise CrawlRunning(
                f"another crawl is writing {self.db_path} ({holder}); "
                "wait for it to finish, or stop it"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {clock.stamp()}")
        handle.flush()
        self.handle = handle
        return self

    def held(self) -> bool:
        """Is a crawl writing the archive now? (``govarchive status`` asks, holding nothing.)

        A shared lock taken and dropped at once: it fails only while a crawl holds the lock.
        """
        try:
            handle = self.path.open("r")
        except FileNotFoundError:
            return False  # no crawl has ever run here
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _lock_soon(handle, patience: float = 1.0) -> bool:
    """The exclusive lock, waiting up to ``patience`` seconds: long enough for a ``held()``
    probe to let go, far too short to wait for another crawl."""
    deadline = time.monotonic() + patience
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
