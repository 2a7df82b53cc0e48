"""Bytes to text, trusting the bytes more than the labels.

Saved and mirrored Chinese pages often lie about their charset: a browser-saved copy is UTF-8
while its ``<meta>`` still says GB2312, and GBK pages declare GB2312 although they use
characters GB2312 lacks (镕, 喆, 堃). So the order is:

1. a byte-order mark;
2. strict UTF-8 — Chinese GBK text is practically never valid UTF-8, so success means UTF-8
   whatever the page declares;
3. the declared charset (HTTP header first, then ``<meta>``), with the GB2312/GBK family read
   as GB18030, its superset;
4. GB18030 undeclared;
5. UTF-8 with replacement characters (later flagged as ``encoding_damage``).

The decision is returned as a short string and kept in ``Notice.encoding``.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (bom)"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16 (bom)"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16 (bom)"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "ms936", "euc-cn",
              "gb18030", "csgb2312", "x-euc-cn", "chinese", "iso-ir-58"}
# Single-byte charsets servers send by default; any byte string "decodes" with them.
_WESTERN = {"iso8859-1", "cp1252", "ascii"}
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset the HTTP header or, failing that, a ``<meta>`` in the first 8 KB names."""
    if content_type:
        found = _HEADER_CHARSET.search(content_type)
        if found:
            return found.group(1).lower()
    found = _META_CHARSET.search(data[:8192])
    return found.group(1).decode("ascii", "ignore").lower() if found else None


def _codec_for(label: str) -> str | None:
    """The Python codec to read a declared label with, or None if unknown."""
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes; return ``(text, decision)``, e.g. ``"gb18030 (declared gb2312)"``."""
    for bom, codec, decision in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace"), decision
    declared = declared_charset(data, content_type)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and _codec_for(declared) not in (None, "utf-8", "ascii"):
            return text, f"utf-8 (declared {declared} ignored)"
        return text, "utf-8"
    codec = _codec_for(declared) if declared else None
    if codec in _WESTERN:
        codec = None  # a server default, not the page's choice: Chinese bytes decide below
    if codec and codec != "utf-8":
        try:
            return data.decode(codec), f"{codec} (declared {declared})"
        except UnicodeDecodeError:
            pass
    honoured = codec not in (None, "utf-8")
    note = f" (declared {declared} ignored)" if declared and not honoured else ""
    try:
        return data.decode("gb18030"), "gb18030" + note
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace"), "utf-8 (replace)"
