"""Serving the demo sites: one stdlib ThreadingHTTPServer per site, all pages pre-rendered.

Every response is rendered when a day is built (path -> status, headers, bytes); serving is a
dictionary look-up, so timing tests measure the crawler, not the demo. The only computed
answers are Hanweb's jpage dataproxy (any record range), redirects' Location and 304s.
``set_day(n)`` swaps in another day's pages on the same ports. Every request is logged with
monotonic start and finish times.

HTTP caching as the real platforms do it: notice pages, list pages and attachments carry
validators (``Site.validators``), per site: hanweb (Tomcat) a weak ``ETag`` W/"length-mtime"
and ``Last-Modified``; trs (nginx) ``Last-Modified`` and a strong ``ETag`` "mtime-length" (hex);
aspnet (IIS) ``Last-Modified`` only; mirror none, and it ignores conditional headers; united
(PHP) a strong ``ETag`` (MD5 of the body) only. A GET or HEAD whose ``If-None-Match`` matches
(weak comparison), or, when no ``If-None-Match`` is sent, whose ``If-Modified-Since`` is not
older than ``Last-Modified``, is answered ``304 Not Modified`` with the validators and no body
(RFC 9110 13.1-13.2).
"""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Mapping
from urllib.parse import parse_qsl, unquote, urlsplit

SITE_KEYS = ("hanweb", "trs", "aspnet", "mirror", "united")

#: The ports ``DemoServer.with_default_ports`` uses when all are free, so crawls of several
#: days into one archive see the same URLs.
DEFAULT_PORTS = {"hanweb": 18701, "trs": 18702, "aspnet": 18703, "mirror": 18704, "united": 18705}

CHINA = timezone(timedelta(hours=8))


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
    reason = {301: "Moved Permanently", 302: "Found"}.get(status, "Moved")
    body = (f'<html><head><title>{status} {reason}</title></head><body>'
            f'<h1>{reason}</h1><p>The document has moved <a href="{location}">here</a>.</p>'
            '</body></html>').encode()
    return Response(status, [("Location", location), ("Content-Type", "text/html; charset=iso-8859-1")], body)


# -- HTTP caching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Validators:
    """What a route's 200 answers carry to make conditional requests work."""

    headers: tuple[tuple[str, str], ...]
    etag: str | None = None
    last_modified: float | None = None  # POSIX seconds


#: The validator style of each platform (see the module docstring).
POLICIES = ("tomcat", "nginx", "iis", "none", "etag")


def last_modified_of(day: date) -> datetime:
    """A page's Last-Modified: its day at 08:00 China time."""
    return datetime(day.year, day.month, day.day, 8, tzinfo=CHINA)


def http_date(moment: datetime) -> str:
    """RFC 7231 IMF-fixdate: Sun, 26 Jun 2022 00:00:00 GMT."""
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


def validators_for(policy: str, body: bytes, day: date) -> Validators | None:
    """The validators a platform sends for ``body`` last changed on ``day``."""
    moment = last_modified_of(day)
    seconds = int(moment.timestamp())
    modified = ("Last-Modified", http_date(moment))
    if policy == "tomcat":  # Tomcat's DefaultServlet: W/"length-lastModifiedMillis"
        etag = f'W/"{len(body)}-{seconds * 1000}"'
        return Validators((("ETag", etag), modified), etag, seconds)
    if policy == "nginx":  # nginx: "mtime-length" in hex
        etag = f'"{seconds:x}-{len(body):x}"'
        return Validators((modified, ("ETag", etag)), etag, seconds)
    if policy == "iis":
        return Validators((modified,), None, seconds)
    if policy == "etag":  # a PHP application hashing what it prints
        etag = '"' + hashlib.md5(body).hexdigest() + '"'
        return Validators((("ETag", etag),), etag, None)
    if policy == "none":
        return None
    raise ValueError(f"unknown validator policy {policy!r}")


_ETAG_RE = re.compile(r'\s*(?:(W/)?("[^"]*")|(\*))\s*(?:,|$)')


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def not_modified(method: str, request: Mapping[str, str], validators: Validators) -> bool:
    """Whether a GET or HEAD with these request headers gets a 304 (RFC 9110 13.2.2: an
    If-None-Match is evaluated and If-Modified-Since then ignored; weak comparison)."""
    if method not in ("GET", "HEAD"):
        return False
    none_match = request.get("If-None-Match")
    if none_match is not None:
        tags = []
        for m in _ETAG_RE.finditer(none_match):
            if m.group(3):
                return True  # "*": there is a current representation
            if m.group(2):
                tags.append(m.group(2))
        return validators.etag is not None and _opaque(validators.etag) in tags
    since = request.get("If-Modified-Since")
    if since is None or validators.last_modified is None or "," in since.split(" ", 1)[-1]:
        return False  # no date, nothing to compare, or a list of dates (ignored)
    try:
        moment = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False  # not an HTTP-date: ignored
    if moment is None:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return validators.last_modified <= moment.timestamp()


#: Headers of a 200 that a 304 repeats (RFC 9110 15.4.5), besides the validators.
_REPEATED = {"cache-control", "content-location", "expires", "vary"}


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
    validators: dict[str, Validators] = field(default_factory=dict)  # route key -> its 200's validators

    def add(self, path: str, response: Response) -> None:
        key = route_key(path)
        if key in self.routes:
            raise ValueError(f"{self.key}: two pages at {path}")
        self.routes[key] = response

    def answer(self, method: str, target: str, form: dict[str, str],
               headers: Mapping[str, str] | None = None) -> Response:
        """The response to a request; ``headers`` (the request's) make GET and HEAD
        conditional where the route has validators."""
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
        key = route_key(target)
        response = self.routes.get(key, self.not_found)
        validators = self.validators.get(key) if response.status == 200 else None
        if validators is None:
            return response
        if not_modified(method, headers or {}, validators):
            kept = [(k, v) for k, v in response.headers if k.lower() in _REPEATED]
            return Response(304, [*kept, *validators.headers], b"", response.delay)
        return Response(response.status, [*response.headers, *validators.headers], response.body, response.delay)


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


def _handler(site_of: Callable[[], Site], log: Callable[[RequestRecord], None], latency: float):
    """A request handler class serving whatever ``site_of()`` returns at each request (the
    site of the current day)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30

        def version_string(self) -> str:
            return site_of().server_header

        def log_message(self, format, *args) -> None:  # quiet
            pass

        def _serve(self, method: str) -> None:
            started = time.monotonic()
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
            site = site_of()
            try:
                response = site.answer(method, self.path, form, self.headers)
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
                if response.status != 304:  # a 304 has no body, and says nothing of its length
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


def ports_free(host: str, ports: Mapping[str, int]) -> bool:
    """Whether every port can be listened on now (as the servers will: SO_REUSEADDR)."""
    for port in ports.values():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError:
                return False
    return True


class DemoServer:
    """The five demo sites on 127.0.0.1, one port each, as they stand on one demo day.

    >>> with DemoServer() as server:
    ...     bases = server.bases   # {"hanweb": "http://127.0.0.1:40123", ...}
    ...     server.set_day(1)      # the same URLs now serve day 1

    Without ``ports`` every site gets a free port; :meth:`with_default_ports` prefers
    :data:`DEFAULT_PORTS`, so separate runs (day 0, then day 1) reach the same URLs.
    """

    def __init__(self, day: int = 0, latency: float = 0.0, host: str = "127.0.0.1",
                 ports: dict[str, int] | None = None):
        from .sites import build_all

        self.latency, self.host = latency, host
        self.ports = dict(ports or {})
        self.stable_ports = False  # True when the servers listen on DEFAULT_PORTS
        self._fallback = False  # with_default_ports: free ports if the defaults are taken at start()
        self._day = day
        self.sites: dict[str, Site] = build_all(day)
        self.bases: dict[str, str] = {}
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._day_lock = threading.Lock()
        self._log: dict[str, list[RequestRecord]] = {key: [] for key in SITE_KEYS}

    @classmethod
    def with_default_ports(cls, day: int = 0, **kwargs) -> DemoServer:
        """A server on :data:`DEFAULT_PORTS` when all of them are free, else on free ports;
        ``stable_ports`` (set by :meth:`start`) says which it got."""
        server = cls(day=day, **kwargs)
        if ports_free(server.host, DEFAULT_PORTS):
            server.ports, server._fallback = dict(DEFAULT_PORTS), True
        return server

    @property
    def day(self) -> int:
        """The demo day being served."""
        return self._day

    def set_day(self, day: int) -> None:
        """Serve ``day`` from now on: its pages are built first, then all five sites swap to
        them at once (ports and bases unchanged). Thread-safe; a request already being
        answered finishes with the day it started on."""
        from .sites import build_all

        with self._day_lock:
            sites = build_all(day)  # raises before anything changes
            with self._lock:
                self.sites, self._day = sites, day

    def start(self) -> dict[str, str]:
        """Start every site; returns {key: base URL} once all are listening."""
        if self._servers:
            return dict(self.bases)
        try:
            self._listen()
        except OSError:
            self.stop()
            if not self._fallback:
                raise
            self.ports, self._fallback = {}, False  # a default port was taken meanwhile
            try:
                self._listen()
            except OSError:
                self.stop()
                raise
        self.stable_ports = all(self._servers[k].server_address[1] == DEFAULT_PORTS[k] for k in SITE_KEYS)
        for key, server in self._servers.items():
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                      name=f"demo-{key}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return dict(self.bases)

    def _listen(self) -> None:
        for key in SITE_KEYS:
            handler = _handler(lambda key=key: self.sites[key], lambda rec, key=key: self._record(key, rec),
                               self.latency)
            server = ThreadingHTTPServer((self.host, self.ports.get(key, 0)), handler)
            server.daemon_threads = True
            self._servers[key] = server
            self.bases[key] = f"http://{self.host}:{server.server_address[1]}"

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
