"""Is this HTML at all? Told from the bytes, before anything is extracted from them.

Servers and users label anything "text/html": an image, a PDF, a zip, an empty answer, random
bytes. Extraction reads whatever it is given and would turn such bytes into a "body" of
mojibake, so a caller that can refuse (``govarchive extract FILE``) asks here first.
"""

from __future__ import annotations

import re

from .decode import decode_html

#: Leading bytes of the binary formats most often met where a page was expected.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip file (or DOCX/XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (old Word/Excel)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"{\\rtf", "an RTF document"),
)
_RIFF_WEBP = re.compile(rb"^RIFF....WEBP", re.S)

#: A tag, comment or doctype: what every HTML page has somewhere near its start.
_MARKUP = re.compile(r"<\s*(?:[a-zA-Z][a-zA-Z0-9:-]*[\s/>]|!--|!doctype|/[a-zA-Z])", re.I)
_SAMPLE = 65536
#: Share of control or undecodable characters above which text is binary data.
_BINARY_SHARE = 0.02


def not_html(data: bytes, content_type: str | None = None) -> str | None:
    """Why ``data`` is not an HTML page ("empty", "a PNG image", …), or None if it is one."""
    if not data.strip():
        return "empty" if not data else "blank (only white space)"
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if _RIFF_WEBP.match(data[:12]):
        return "a WebP image"
    text, _ = decode_html(data, content_type)  # whole: a cut could split a GBK character
    text = text[:_SAMPLE]
    if _looks_binary(text):
        return "binary data"
    if not _MARKUP.search(text):
        return "text without any HTML markup"
    return None


def _looks_binary(text: str) -> bool:
    """Control characters (NUL included) or replacement characters beyond a stray few: a
    page with one stray NUL from a broken CMS is still a page."""
    if not text:
        return False
    odd = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or ch == "\ufffd")
    return odd / len(text) > _BINARY_SHARE
