"""Every response the crawl receives, kept as WARC — the archivists' standard — with warcio.

A downloader middleware close to the network records each exchange before Scrapy changes it
(redirects followed, gzip undone, retries): lists, notices, attachments, robots.txt, 3xx and
304 answers, as WARC request + response records; a page rendered in the browser is kept as a
``resource`` record of the DOM it produced. Files are gzipped per record, one series per crawl
in ``<archive>_warc/``, so ``warcio extract FILE OFFSET`` reads any record, and each notice
version stores the file and offset of the response it was read from.

A file being written ends in ``.open``; it is renamed when the crawl closes. A crawl killed
half-way leaves an ``.open`` file whose last record may be cut; the next crawl truncates it to
its last whole record and renames it, so every file in the folder passes ``warcio check``.
"""

from __future__ import annotations

import io
import logging
import os
from http import HTTPStatus
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler import __version__, clock

logger = logging.getLogger(__name__)

OPEN_SUFFIX = ".open"
MAX_FILE_BYTES = 1024 ** 3


def warc_dir(db_path: str | Path) -> Path:
    path = Path(db_path)
    return path.with_name(f"{path.stem}_warc")


def _writer_alive(path: Path) -> bool:
    """Is the process that writes this file still running? Names carry host and pid
    (govarchive-STAMP-HOST-PID-NNNNN); a file from another host is left to that host."""
    parts = path.name.split("-")
    if len(parts) < 5:
        return False
    host, pid = "-".join(parts[2:-2]), parts[-2]
    if host != _host():
        return True
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def _host() -> str:
    return os.uname().nodename.replace("-", "_")


def repair_open_files(folder: Path) -> list[Path]:
    """Close the files a killed crawl left open: cut a torn last record, then rename.
    Files still being written (by another worker of a distributed crawl) are left alone."""
    repaired = []
    for leftover in sorted(folder.glob(f"*{OPEN_SUFFIX}")):
        if _writer_alive(leftover):
            continue
        good_end = _last_whole_record_end(leftover)
        with leftover.open("r+b") as handle:
            handle.truncate(good_end)
        final = leftover.with_name(leftover.name[: -len(OPEN_SUFFIX)])
        leftover.replace(final)
        repaired.append(final)
        logger.warning("WARC %s was left open by an interrupted crawl; kept %d bytes", final, good_end)
    return repaired


def _last_whole_record_end(path: Path) -> int:
    end = 0
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                record.content_stream().read()
                records.read_to_end()
                end = records.get_record_offset() + records.get_record_length()
        except Exception:  # a torn gzip member or header: everything before it stands
            pass
    return end


class WarcSeries:
    """The WARC files of one crawl: written in order, rotated by size."""

    def __init__(self, folder: Path, prefix: str):
        self.folder, self.prefix = folder, prefix
        self.folder.mkdir(parents=True, exist_ok=True)
        self.number = 0
        self.handle = None
        self.writer: WARCWriter | None = None
        self.paths: list[Path] = []
        self._open_next()

    def _open_next(self) -> None:
        self.close()
        self.number += 1
        path = self.folder / f"{self.prefix}-{self.number:05d}.warc.gz{OPEN_SUFFIX}"
        self.handle = path.open("wb")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version="1.1")
        self.paths.append(path)
        info = self.writer.create_warcinfo_record(path.name[: -len(OPEN_SUFFIX)], {
            "software": f"govarchive/{__version__}",
            "format": "WARC File Format 1.1",
            "description": "Responses of one govarchive crawl",
        })
        self.write([info])

    @property
    def name(self) -> str:
        return self.paths[-1].name[: -len(OPEN_SUFFIX)]

    def write(self, records: list) -> int:
        """Write records; returns the offset of the last one (its gzip member) in the file."""
        if self.handle.tell() > MAX_FILE_BYTES:
            self._open_next()
        offset = 0
        for record in records:
            offset = self.handle.tell()
            self.writer.write_record(record)
        self.handle.flush()
        return offset

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            path = self.paths[-1]
            path.replace(path.with_name(path.name[: -len(OPEN_SUFFIX)]))
            self.handle = None


class WarcRecorder:
    """Downloader middleware: every response into the crawl's WARC series."""

    def __init__(self, crawler):
        if not crawler.settings.getbool("GOVARCHIVE_WARC", True):
            raise NotConfigured
        self.crawler = crawler
        settings = crawler.settings
        # Beside the archive; a worker on another machine is told where (GOVARCHIVE_WARC_DIR).
        self.folder = Path(settings.get("GOVARCHIVE_WARC_DIR") or warc_dir(settings.get("GOVARCHIVE_DB") or "archive.db"))
        self.series: WarcSeries | None = None
        crawler.signals.connect(self.open, signal=signals.spider_opened)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        repair_open_files(self.folder)
        prefix = f"govarchive-{clock.now().strftime('%Y%m%d%H%M%S')}-{_host()}-{os.getpid()}"
        self.series = WarcSeries(self.folder, prefix)

    def close(self) -> None:
        if self.series is not None:
            self.series.close()

    def process_response(self, request, response):
        if self.series is None:
            return response
        if request.meta.get("playwright"):
            records = [self._rendered(request, response)]
        else:
            exchange = self._response(request, response)
            asked = self._request(request)
            asked.rec_headers.add_header(
                "WARC-Concurrent-To", exchange.rec_headers.get_header("WARC-Record-ID"))
            records = [asked, exchange]
        offset = self.series.write(records)
        request.meta["warc"] = {"file": self.series.name, "offset": offset}
        self.crawler.stats.inc_value("govarchive/warc_records", len(records))
        return response

    def _warc_headers(self) -> dict:
        return {"WARC-Date": clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")}

    def _request(self, request):
        path = request.url.split("://", 1)[-1]
        target = "/" + path.split("/", 1)[1] if "/" in path else "/"
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, values in request.headers.items() for v in values]
        http = StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers, is_http_request=True)
        return self.series.writer.create_warc_record(
            request.url, "request", payload=io.BytesIO(request.body or b""),
            http_headers=http, warc_headers_dict=self._warc_headers())

    def _response(self, request, response):
        reason = _reason(response.status)
        # The body is kept as it came (still gzipped if it was), but already de-chunked.
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, values in response.headers.items() for v in values
                   if k.lower() != b"transfer-encoding"]
        protocol = response.protocol or "HTTP/1.1"
        http = StatusAndHeaders(f"{response.status} {reason}", headers, protocol=protocol)
        return self.series.writer.create_warc_record(
            request.url, "response", payload=io.BytesIO(response.body),
            http_headers=http, warc_headers_dict=self._warc_headers())

    def _rendered(self, request, response):
        return self.series.writer.create_warc_record(
            request.url, "resource", payload=io.BytesIO(response.body),
            warc_content_type="text/html; charset=utf-8",
            warc_headers_dict={**self._warc_headers(), "WARC-Source-URI": request.url,
                               "WARC-Resource-Type": "rendered-dom"})


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
