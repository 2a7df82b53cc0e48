"""Serving the demo sites: one stdlib ThreadingHTTPServer per site, all pages pre-rendered.

Every response is rendered when the server is constructed (path -> status, headers, bytes);
serving is a dictionary look-up, so timing tests measure the crawler, not the demo. The only
computed answers are Hanweb's jpage dataproxy (any record range) and redirects' Location.
Every request is logged with monotonic start and finish times.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qsl, unquote, urlsplit

SITE_KEYS = ("hanweb", "trs", "aspnet", "mirror", "united")


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""
    delay: float = 0.0  # seconds this answer takes (a slow data API, say)


def html_response(text: str, status: int = 200, charset: str = "utf-8", content_type: str | None = None,
                  encoding: str | None = None) -> Response:
    """An HTML page; ``content_type`` overrides the header (the aspnet site sends no charset)."""
    body = text.encode(encoding or charset)
    return Response(status, [("Content-Type", content_type or f"text/html; charset={charset}")], body)


def redirect(location: str, status: int = 301) -> Response:
    body = (f'<html><head><title>{status} Moved Permanently</title></head><body>'
            f'<h1>Moved Permanently</h1><p>The document has moved <a href="{location}">here</a>.</p>'
            '</body></html>').encode()
    return Response(status, [("Location", location), ("Content-Type", "text/html; charset=iso-8859-1")], body)


def route_key(target: str) -> str:
    """Normalise a request target so links match however they were quoted: the path is
    percent-decoded, the query's pairs are decoded and sorted."""
    parts = urlsplit(target)
    path = unquote(parts.path or "/", encoding="utf-8", errors="replace")
    if not parts.query:
        return path
    pairs = sorted(parse_qsl(parts.query, keep_blank_values=True))
    return path + "?" + "&".join(f"{k}={v}" for k, v in pairs)


@dataclass
class Site:
    """What one demo site serves: pre-rendered GET routes, plus an optional POST handler."""

    key: str
    catalog: object  # SiteCatalog
    routes: dict[str, Response]
    not_found: Response
    server_header: str = "nginx"
    extra_headers: list[tuple[str, str]] = field(default_factory=list)
    post: Callable[[str, dict[str, str]], Response | None] | None = None  # (target, form) -> Response
    get_hook: Callable[[str], Response | None] | None = None  # e.g. 405 for GET on a POST-only path

    def add(self, path: str, response: Response) -> None:
        key = route_key(path)
        if key in self.routes:
            raise ValueError(f"{self.key}: two pages at {path}")
        self.routes[key] = response

    def answer(self, method: str, target: str, form: dict[str, str]) -> Response:
        if method == "POST":
            response = self.post(target, form) if self.post else None
            if response is not None:
                return response
            if route_key(target) in self.routes:
                return Response(405, [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")], b"405 Method Not Allowed")
            return self.not_found
        if self.get_hook:
            response = self.get_hook(target)
            if response is not None:
                return response
        return self.routes.get(route_key(target), self.not_found)


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str  # with query, as sent
    user_agent: str | None
    headers: dict[str, str]
    started: float  # time.monotonic()
    finished: float
    status: int
    body: bytes = b""  # the request body (POSTed forms), for replaying a crawl


def _handler(site: Site, log: Callable[[RequestRecord], None], latency: float):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30

        def version_string(self) -> str:
            return site.server_header

        def log_message(self, format, *args) -> None:  # quiet
            pass

        def _serve(self, method: str) -> None:
            started = time.monotonic()
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
            try:
                response = site.answer(method, self.path, form)
            except Exception:
                response = Response(500, [("Content-Type", "text/plain")], b"demo error")
            if latency or response.delay:
                time.sleep(latency + response.delay)
            # Logged before the body goes out, so a client that has read its answer always
            # finds its request in the log.
            log(RequestRecord(method, self.path, self.headers.get("User-Agent"),
                              dict(self.headers.items()), started, time.monotonic(),
                              response.status, raw))
            try:
                self.send_response(response.status)
                for name, value in [*site.extra_headers, *response.headers]:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                if method != "HEAD":
                    self.wfile.write(response.body)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client hung up (a browser closing a page)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_HEAD(self) -> None:
            self._serve("HEAD")

        def do_POST(self) -> None:
            self._serve("POST")

    return Handler


class DemoServer:
    """The five demo sites on 127.0.0.1, one port each.

    >>> with DemoServer() as server:
    ...     bases = server.bases   # {"hanweb": "http://127.0.0.1:40123", ...}
    """

    def __init__(self, day: int = 0, latency: float = 0.0, host: str = "127.0.0.1",
                 ports: dict[str, int] | None = None):
        from .sites import build_all

        self.day, self.latency, self.host = day, latency, host
        self.ports = dict(ports or {})
        self.sites: dict[str, Site] = build_all(day)
        self.bases: dict[str, str] = {}
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._log: dict[str, list[RequestRecord]] = {key: [] for key in SITE_KEYS}

    def start(self) -> dict[str, str]:
        """Start every site; returns {key: base URL} once all are listening."""
        if self._servers:
            return dict(self.bases)
        try:
            for key in SITE_KEYS:
                handler = _handler(self.sites[key], lambda rec, key=key: self._record(key, rec), self.latency)
                server = ThreadingHTTPServer((self.host, self.ports.get(key, 0)), handler)
                server.daemon_threads = True
                self._servers[key] = server
                self.bases[key] = f"http://{self.host}:{server.server_address[1]}"
        except OSError:
            self.stop()
            raise
        for key, server in self._servers.items():
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                      name=f"demo-{key}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return dict(self.bases)

    def stop(self) -> None:
        for server in self._servers.values():
            if self._threads:  # shutdown() waits for serve_forever, so only once it runs
                server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _record(self, key: str, record: RequestRecord) -> None:
        with self._lock:
            self._log[key].append(record)

    def requests(self, key: str | None = None) -> list[RequestRecord]:
        """The requests one site (or, with no key, every site) has answered, in order."""
        with self._lock:
            if key is None:
                return sorted((r for log in self._log.values() for r in log), key=lambda r: r.started)
            return list(self._log[key])

    def clear_requests(self) -> None:
        with self._lock:
            for log in self._log.values():
                log.clear()
