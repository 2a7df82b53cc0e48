"""A programmable HTTP server for tests that need a site to misbehave on purpose.

Routes map a path (with query) to a Reply; every request is logged with its start and end
time so tests can measure concurrency and gaps per host as the server saw them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0  # seconds before answering


@dataclass
class Hit:
    path: str
    user_agent: str
    started: float
    finished: float = 0.0
    status: int = 0


class ScriptedSite:
    def __init__(self, routes: dict[str, Reply | callable], default_delay: float = 0.0):
        self.routes = routes
        self.default_delay = default_delay
        self.hits: list[Hit] = []
        # Guards the log; waited on (settled) for the server to finish logging what a client
        # already has: the client can read its answer before the handler records the end.
        self._lock = threading.Condition()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                site._serve(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> ScriptedSite:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        hit = Hit(handler.path, handler.headers.get("User-Agent", ""), time.monotonic())
        with self._lock:
            self.hits.append(hit)
        status = 0
        try:
            route = self.routes.get(handler.path)
            reply = route(self, hit) if callable(route) else route
            if reply is None:
                reply = Reply(404, b"<html><body>not found</body></html>")
            time.sleep(reply.delay or self.default_delay)
            status = reply.status
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
        finally:
            with self._lock:
                hit.finished = time.monotonic()
                hit.status = status
                self._lock.notify_all()

    def settled(self, timeout: float = 10.0) -> list[Hit]:
        """Every hit so far, once each is finished (its end logged)."""
        with self._lock:
            if not self._lock.wait_for(lambda: all(h.finished for h in self.hits), timeout):
                raise AssertionError(f"a request to the scripted site was still open after {timeout} s")
            return list(self.hits)

    def paths(self) -> list[str]:
        with self._lock:
            return [hit.path for hit in self.hits]

    def max_in_flight(self, exclude: tuple[str, ...] = ("/robots.txt",)) -> int:
        """The most requests the server was answering at one moment."""
        spans = [(h.started, h.finished) for h in self.settled() if h.path not in exclude]
        events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], x[1]))
        current = peak = 0
        for _, step in events:
            current += step
            peak = max(peak, current)
        return peak

    def gaps(self, exclude: tuple[str, ...] = ("/robots.txt",)) -> list[float]:
        """Seconds between the starts of consecutive requests."""
        with self._lock:
            starts = sorted(h.started for h in self.hits if h.path not in exclude)
        return [b - a for a, b in zip(starts, starts[1:])]
