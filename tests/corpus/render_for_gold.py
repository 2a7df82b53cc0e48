"""Print a page as numbered plain lines, to make a gold record by hand (not the extractor).

    python tests/corpus/render_for_gold.py tests/corpus/pages/r_xxx.html

Every text node of ``<body>``, one line per block element, whitespace collapsed; lines inside an
element hidden by inline style or the ``hidden`` attribute are marked ``[H]``; the ``<title>``
and date/title/source ``<meta>`` values are printed first. The ``r_*`` gold records were made by
reading this rendering: the title, the date the page shows, and the body's line ranges chosen
by hand. Nothing of ``crawler.extract`` is used but the decoder (bytes → text).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from crawler.extract import decode_html  # noqa: E402

BLOCK = set("p div br li tr h1 h2 h3 h4 h5 h6 table ul ol section article header footer dd dt dl "
            "td th title form center blockquote pre figure figcaption".split())
SKIP = {"script", "style", "noscript", "template"}
METAS = ("pubdate", "articletitle", "contentsource", "firstpublishedtime", "publishdate",
         "article:published_time", "maketime", "url")
HIDDEN = "\x01"


def _walk(el, out: list[str], hidden: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in SKIP:
        if el.tail:
            out.append(el.tail)
        return
    style = (el.get("style") or "").replace(" ", "").lower() if tag else ""
    inner = hidden or "display:none" in style or (tag and el.get("hidden") is not None)
    mark = HIDDEN if inner else ""
    if tag in BLOCK:
        out.append("\n")
    if el.text and tag:
        out.append(mark + el.text)
    for child in el:
        _walk(child, out, inner)
    if tag in BLOCK:
        out.append("\n")
    if el.tail:
        out.append((HIDDEN if hidden else "") + el.tail)


def render(data: bytes) -> list[str]:
    doc = lxml.html.fromstring(decode_html(data)[0])
    head = [f"TITLE: {(doc.findtext('.//title') or '').strip()}"]
    for m in doc.iter("meta"):
        name = (m.get("name") or m.get("property") or "").lower()
        if name in METAS:
            head.append(f"META {name} {m.get('content')}")
    out: list[str] = []
    body = doc.find("body")
    _walk(body if body is not None else doc, out)
    lines = [re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in "".join(out).split("\n")]
    lines = [ln for ln in lines if ln.replace(HIDDEN, "").strip()]
    return head + [f"{i} {'[H]' if HIDDEN in ln else ''}{ln.replace(HIDDEN, '')}"
                   for i, ln in enumerate(lines)]


if __name__ == "__main__":
    print("\n".join(render(Path(sys.argv[1]).read_bytes())))
