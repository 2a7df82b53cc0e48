"""Crawled text made presentable without trusting it: links, paragraphs, signatures, dates.

Everything crawled is untrusted. Templates rely on Jinja autoescaping, HTML built in Python
uses ``Markup.format`` (which escapes its arguments), and a crawled URL only becomes an
``href`` or ``src`` when it is absolute http(s). Plain functions, no Datasette.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from markupsafe import Markup

from crawler.items import FLAGS

#: Characters of body shown in the notices table (the row page and /-/notice show it all).
BODY_PREVIEW_CHARS = 140
UNTITLED = "(untitled 无标题)"


def safe_href(url: Any) -> str | None:
    """The URL if it may become a link (absolute http or https), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not re.match(r"(?i)^https?://[^\s/]", url):
        return None
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in url):
        return None
    return url


def split_paragraphs(body: str | None) -> list[str]:
    """Body is stored as paragraphs joined by newlines; blank lines are not paragraphs."""
    if not body:
        return []
    return [p.strip() for p in body.split("\n") if p.strip()]


def squash(text: str | None) -> str:
    """Text without whitespace (incl. ideographic space), for comparing signature lines."""
    return re.sub(r"\s+", "", text or "")


def _is_signer_line(line: str, signer: str) -> bool:
    """A line of the signature block: the signer, or one of several signers (joint notices)."""
    if len(line) < min(4, len(signer)):
        return False
    return line in signer or (signer in line and len(line) <= len(signer) + 12)


def signature_start(paragraphs: list[str], signed_by: str | None, *, window: int = 5) -> int:
    """Index of the first signature paragraph at the end of the body; len() when none.

    The signature is recognised only where ``signed_by`` matches: a paragraph among the last
    ``window`` that is (part of) the signer, with only short lines (its date) after it, and
    the signer lines just before it (joint notices print one signing body per line).
    """
    signer = squash(signed_by)
    if not signer:
        return len(paragraphs)
    first_possible = max(0, len(paragraphs) - window)
    for i in range(len(paragraphs) - 1, first_possible - 1, -1):
        if not _is_signer_line(squash(paragraphs[i]), signer):
            continue
        if any(len(squash(p)) > 30 for p in paragraphs[i + 1 :]):
            return len(paragraphs)
        start = i
        while start > first_possible and _is_signer_line(squash(paragraphs[start - 1]), signer):
            start -= 1
        return start
    return len(paragraphs)


def parse_flags(value: Any) -> list[str]:
    """The flags column is a JSON list of names; anything else is shown as one raw flag."""
    if value in (None, "", "[]"):
        return []
    try:
        flags = json.loads(value)
    except (TypeError, ValueError):
        return [str(value)]
    if not isinstance(flags, list):
        return [str(value)]
    return [str(f) for f in flags if f not in (None, "")]


def flag_chips(flags: list[str]) -> Markup:
    chips = [
        Markup('<span class="ga-flag" title="{}">{}</span>').format(FLAGS.get(f, "unknown flag"), f)
        for f in flags
    ]
    return Markup(" ").join(chips)


def body_preview(body: str, limit: int = BODY_PREVIEW_CHARS) -> str:
    text = " ".join(split_paragraphs(body))
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def display_datetime(value: str | None) -> str | None:
    """ISO 8601 as people read it: 2024-01-30 09:00 (UTC timestamps keep their Z)."""
    if not value:
        return value
    text = value.replace("T", " ")
    if text.endswith("Z"):
        text = text[:-1] + " UTC"
    return text


def download_name(name: str | None, kind: str | None, item_id: int,
                  prefix: str = "attachment") -> tuple[str, str]:
    """(ASCII fallback, UTF-8 name) for Content-Disposition; the remote name is only data."""
    ext = kind.lower() if kind and re.fullmatch(r"[A-Za-z0-9]{1,8}", kind) else None
    clean = "".join(
        ch for ch in (name or "") if unicodedata.category(ch)[0] != "C" and ch not in '/\\"'
    ).strip(" .")[:150]
    if not clean:
        clean = f"{prefix}-{item_id}"
    if ext and not clean.lower().endswith("." + ext):
        clean += "." + ext
    fallback = f"{prefix}-{item_id}" + (f".{ext}" if ext else "")
    return fallback, clean


def content_disposition(fallback: str, name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
