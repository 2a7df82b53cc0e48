"""SQL written by visitors runs in a child process that is ended at the SQL time limit.

Datasette's time limit is a progress handler: SQLite calls it between steps of its virtual
machine, so C code that runs long without a step escapes it. FTS5 parses a MATCH expression
that way: ``notices_fts match replace(hex(zeroblob(1000000)), '0', '"疫情" OR ')`` (two
million OR terms, built by SQL within the length limit) parses for many minutes. No bound on
a function's input helps there, so the queries of requests that carry SQL of the asker's own
(``?sql=``, ``?_where=``; crawler/publish/limits.py decides which) run in worker processes
with the same limits and functions as the server's connections and a cap on their memory;
a worker that has not answered by the time limit (plus :data:`GRACE_SECONDS`) is killed and
replaced, and the request is told the query took too long, as Datasette tells it.

One worker per SQL slot (limits.SqlSlots): a request waits for a free worker. Rows come back
as plain values (``marshal``: no code) and are made ``sqlite3.Row`` again for Datasette.
"""

from __future__ import annotations

import asyncio
import marshal
import os
import signal
import sqlite3
import struct
import sys
import time
from contextvars import ContextVar
from pathlib import Path

from datasette.database import QueryInterrupted, Results

#: Set for the requests whose queries run in a worker.
WRITTEN_SQL: ContextVar[bool] = ContextVar("govarchive_written_sql", default=False)
#: A worker that has not answered this long after the time limit is killed.
GRACE_SECONDS = 1.0
#: A new worker must be ready (Python started, archive opened) this soon. Its start-up is not
#: counted in the first query's time limit: on a loaded machine it can take seconds, and a
#: query of Datasette's own (``PRAGMA schema_version``, asked before every request) that
#: timed out there would be a server error, not a visitor's query ended.
STARTUP_SECONDS = 30.0
#: Address space of a worker process (its SQLite heap, Python, the rows it returns).
WORKER_MEMORY = 768 * 1024 * 1024
_HEADER = struct.Struct(">I")
_ROOT = str(Path(__file__).resolve().parents[2])


# -- the worker process ----------------------------------------------------------------------


def _read(stream) -> object | None:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    return marshal.loads(stream.read(size))


def _write(stream, message: object) -> None:
    data = marshal.dumps(message)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _run(conn: sqlite3.Connection, sql: str, params, truncate: bool, max_rows: int,
         time_limit_ms: int) -> tuple:
    deadline = time.perf_counter() + time_limit_ms / 1000
    conn.set_progress_handler(lambda: 1 if time.perf_counter() >= deadline else 0, 1000)
    try:
        cursor = conn.execute(sql, params if params is not None else {})
        if truncate and max_rows:
            rows = cursor.fetchmany(max_rows + 1)
            truncated = len(rows) > max_rows
            rows = rows[:max_rows]
        else:
            rows, truncated = cursor.fetchall(), False
        description = [tuple(d) for d in cursor.description or ()]
        return ("ok", [tuple(row) for row in rows], truncated, description)
    except sqlite3.Error as exc:
        kind = type(exc).__name__ if hasattr(sqlite3, type(exc).__name__) else "OperationalError"
        return ("error", kind, str(exc))
    except MemoryError:
        return ("error", "MemoryError", "out of memory")
    finally:
        conn.set_progress_handler(None, 1000)


def serve_worker() -> None:
    """The worker's loop: one query in, its rows (or its error) out, until stdin closes."""
    import resource

    from crawler.publish import limits

    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    limits.limit_connection(conn)
    limits.register_functions(conn, archive=True)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    _write(stdout, "ready")
    while (query := _read(stdin)) is not None:
        _write(stdout, _run(conn, *query))


# -- the server's side -----------------------------------------------------------------------


def _as_rows(description: list[tuple], values: list[tuple]) -> list[sqlite3.Row]:
    """Plain values as the ``sqlite3.Row`` objects Datasette reads (by name and by index)."""
    if not description:
        return []
    names = ", ".join('? AS "{}"'.format(d[0].replace('"', '""')) for d in description)
    cursor = sqlite3.connect(":memory:").execute(f"SELECT {names}", [None] * len(description))
    return [sqlite3.Row(cursor, row) for row in values]


class WorkerUnavailable(sqlite3.OperationalError):
    """No worker could be started: the request is told to try again."""


class Worker:
    def __init__(self, proc: asyncio.subprocess.Process):
        self.proc = proc

    @classmethod
    async def start(cls, db_path: str) -> Worker:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (_ROOT, os.environ.get("PYTHONPATH")) if p)}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "from crawler.publish.sandbox import serve_worker;"
            " serve_worker()", db_path,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, env=env)
        worker = cls(proc)
        if await worker._answer(STARTUP_SECONDS) != "ready":
            raise WorkerUnavailable("an SQL worker did not start")
        return worker

    async def ask(self, query: tuple, seconds: float) -> tuple | None:
        """The worker's answer, or None when it gave none in time (it is killed then)."""
        data = marshal.dumps(query)
        try:
            self.proc.stdin.write(_HEADER.pack(len(data)) + data)
            await self.proc.stdin.drain()
        except ConnectionError:
            await self.stop()
            return None
        return await self._answer(seconds)

    async def _answer(self, seconds: float) -> object | None:
        """The worker's next message, or None when it sent none in time (it is killed then)."""
        try:
            head = await asyncio.wait_for(self.proc.stdout.readexactly(_HEADER.size), seconds)
            (size,) = _HEADER.unpack(head)
            body = await asyncio.wait_for(self.proc.stdout.readexactly(size), seconds)
            return marshal.loads(body)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, EOFError,
                ValueError):
            await self.stop()
            return None

    @property
    def alive(self) -> bool:
        return self.proc.returncode is None

    def abandon(self) -> None:
        """Kill a worker of an event loop that is gone."""
        try:
            os.kill(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass

    async def stop(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
        await self.proc.wait()


class Sandbox:
    """Runs a database's queries in ``workers`` child processes, one query at a time each."""

    def __init__(self, db_path: str, workers: int):
        self.db_path = db_path
        self.workers = workers
        self._idle: asyncio.Queue | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started: list[Worker] = []

    def _queue(self) -> asyncio.Queue:
        """The idle workers (None: not started yet), for the running event loop: a worker's
        pipes belong to the loop that started it (in-process tests run one loop per call)."""
        loop = asyncio.get_running_loop()
        if self._idle is None or self._loop is not loop:
            for worker in self._started:
                worker.abandon()
            self._started, self._loop = [], loop
            self._idle = asyncio.Queue()
            for _ in range(self.workers):
                self._idle.put_nowait(None)  # started when first needed
        return self._idle

    async def execute(self, sql: str, params, *, truncate: bool, max_rows: int,
                      time_limit_ms: int) -> Results:
        idle = self._queue()
        worker = await idle.get()
        try:
            if worker is None or not worker.alive:
                worker = await Worker.start(self.db_path)
                self._started.append(worker)
            answer = await worker.ask((sql, params, truncate, max_rows, time_limit_ms),
                                      time_limit_ms / 1000 + GRACE_SECONDS)
        finally:
            idle.put_nowait(worker if worker is not None and worker.alive else None)
        if answer is None:
            raise QueryInterrupted(sqlite3.OperationalError("interrupted"), sql, params)
        if answer[0] == "ok":
            _, values, truncated, description = answer
            return Results(_as_rows(description, values), truncated, description or None)
        _, kind, message = answer
        if message == "interrupted":
            raise QueryInterrupted(sqlite3.OperationalError(message), sql, params)
        if kind == "MemoryError":
            raise MemoryError(message)
        raise getattr(sqlite3, kind, sqlite3.OperationalError)(message)


def install(datasette, db, workers: int) -> None:
    """Route the queries of written-SQL requests on ``db`` through a :class:`Sandbox`."""
    sandbox = Sandbox(db.path, workers)
    original = db.execute

    async def execute(sql, params=None, truncate=False, custom_time_limit=None, page_size=None,
                      log_sql_errors=True):
        if not WRITTEN_SQL.get():
            return await original(sql, params, truncate, custom_time_limit, page_size,
                                  log_sql_errors)
        time_limit = datasette.sql_time_limit_ms
        if custom_time_limit and custom_time_limit < time_limit:
            time_limit = custom_time_limit
        page_size = page_size or datasette.page_size
        max_rows = datasette.max_returned_rows
        if max_rows == page_size:
            max_rows += 1
        return await sandbox.execute(sql, params, truncate=truncate, max_rows=max_rows,
                                     time_limit_ms=time_limit)

    db.execute = execute
