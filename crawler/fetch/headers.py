"""Reading HTTP headers the way Chinese government servers write them.

File names in Content-Disposition arrive as RFC 5987 (``filename*=UTF-8''%E5…``), as raw
GBK or UTF-8 bytes in ``filename="…"`` (IIS and old Tomcat do this), or percent-encoded in
``filename``; all become text here. Header values are bytes in Scrapy.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

EXT_VALUE_RE = re.compile(r"filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)", re.I)
PLAIN_RE = re.compile(r'filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))', re.I)


def header(response, name: str) -> bytes | None:
    if response is None:
        return None
    return response.headers.get(name.encode("latin-1"))


def content_type(response) -> str | None:
    value = header(response, "Content-Type")
    return value.decode("latin-1") if value else None


def validators(response) -> tuple[str | None, str | None]:
    """ETag and Last-Modified, to make the next request for this URL conditional."""
    etag, modified = header(response, "ETag"), header(response, "Last-Modified")
    return (etag.decode("latin-1") if etag else None,
            modified.decode("latin-1") if modified else None)


def file_name(response) -> str | None:
    value = header(response, "Content-Disposition")
    return disposition_file_name(value) if value else None


def disposition_file_name(value: bytes) -> str | None:
    """The file name a Content-Disposition header gives, decoded; None if it gives none."""
    text = value.decode("latin-1")
    extended = EXT_VALUE_RE.search(text)
    if extended:
        charset, encoded = extended.group(1), extended.group(2).strip().strip('"')
        try:
            return _clean(unquote_to_bytes(encoded).decode(_codec(charset)))
        except (LookupError, UnicodeDecodeError):
            pass
    plain = PLAIN_RE.search(text)
    if not plain:
        return None
    raw = (plain.group(1) if plain.group(1) is not None else plain.group(2)).strip()
    raw_bytes = raw.encode("latin-1")
    if b"%" in raw_bytes and re.search(rb"%[0-9A-Fa-f]{2}", raw_bytes):
        raw_bytes = unquote_to_bytes(raw_bytes)
    return _clean(_decode(raw_bytes))


def _decode(data: bytes) -> str:
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _codec(charset: str) -> str:
    charset = charset.lower()
    return "gb18030" if charset in ("gbk", "gb2312", "gb18030") else charset


def _clean(name: str) -> str | None:
    """A name for display only: no path parts, no control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name or None
