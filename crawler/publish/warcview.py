"""The archived copy of a notice: the response record its text was read from, out of the WARC.

The crawl keeps every response in WARC files beside the database (``<db stem>_warc/``) and
each notice version records its file and offset. The copy is only ever shown as escaped
text or sent as a download: archived HTML is someone else's page and must never run on
the archive's origin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crawler.fetch.warc import warc_dir

#: Bytes of an archived body read for display or download.
MAX_BODY = 5 * 1024 * 1024


@dataclass
class ArchivedCopy:
    record_type: str
    target_uri: str | None
    date: str | None
    status_line: str | None
    http_headers: list[tuple[str, str]]
    body: bytes
    truncated: bool
    warc_file: str
    warc_offset: int

    def text(self, encoding: str | None) -> str:
        for candidate in (encoding, self.charset(), "utf-8"):
            if not candidate:
                continue
            try:
                return self.body.decode(candidate, errors="replace")
            except LookupError:
                continue
        return self.body.decode("utf-8", errors="replace")

    def charset(self) -> str | None:
        for name, value in self.http_headers:
            if name.lower() == "content-type" and "charset=" in value.lower():
                return value.lower().split("charset=", 1)[1].split(";")[0].strip().strip('"')
        return None


def locate(db_path: str | Path, warc_file: str | None) -> Path | None:
    """The WARC file, if the name is a plain file name inside the archive's WARC folder."""
    if not warc_file or "/" in warc_file or "\\" in warc_file or warc_file.startswith("."):
        return None
    folder = warc_dir(db_path).resolve()
    path = (folder / warc_file).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


def read(db_path: str | Path, warc_file: str | None, offset: int | None) -> ArchivedCopy | None:
    """The record at ``offset``, or None when the file or the record cannot be read."""
    from warcio.archiveiterator import ArchiveIterator

    path = locate(db_path, warc_file)
    if path is None or offset is None or offset < 0:
        return None
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            for record in ArchiveIterator(handle):
                http = record.http_headers
                body = record.content_stream().read(MAX_BODY + 1)
                return ArchivedCopy(
                    record_type=record.rec_type,
                    target_uri=record.rec_headers.get_header("WARC-Target-URI"),
                    date=record.rec_headers.get_header("WARC-Date"),
                    status_line=http.statusline if http else None,
                    http_headers=list(http.headers) if http else [],
                    body=body[:MAX_BODY],
                    truncated=len(body) > MAX_BODY,
                    warc_file=warc_file,
                    warc_offset=offset,
                )
    except Exception:  # noqa: BLE001 - a damaged or cut file: no copy to show
        return None
    return None
