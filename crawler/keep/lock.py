"""One crawl at a time per archive: an advisory lock beside archive.db.

Two crawls writing one archive would fetch everything twice and fight over SQLite's single
writer. The lock is ``flock`` on ``archive.db.lock``: the kernel releases it when the holder
exits, however it exits (kill -9 included), so a crash never leaves a stale lock behind.
The file says who holds it, for the error message.
"""

from __future__ import annotations

import fcntl
import os
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
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
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

    def release(self) -> None:
        if self.handle is not None:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
