"""PDF: the text layer with pypdf; a PDF without one (a scan) is read by OCR."""

from __future__ import annotations

import io
import logging
import re

from crawler.extract.attachments import ocr

#: Pages of a PDF read, and characters after which reading stops.
MAX_PAGES = 300
MAX_CHARS = 1_000_000
#: A text layer with fewer letters than this per page is a scan (a stamp, a page number).
_SCANNED_BELOW = 5
_LETTERS = re.compile(r"\w")


def text(body: bytes) -> str | None:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(body))
    pages = []
    for page in reader.pages[:MAX_PAGES]:
        pages.append(page.extract_text() or "")
        if sum(map(len, pages)) > MAX_CHARS:
            break
    layer = "\n".join(pages)
    if len(_LETTERS.findall(layer)) >= _SCANNED_BELOW * max(len(pages), 1):
        return layer
    if not _has_images(reader):
        return layer  # blank pages: nothing to recognise
    recognised = ocr.pdf_pages(body, len(reader.pages))
    return layer if recognised is None and layer.strip() else recognised


def _has_images(reader) -> bool:
    for page in reader.pages[:ocr.MAX_PAGES]:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        if xobjects:
            for ref in xobjects.get_object().values():
                if ref.get_object().get("/Subtype") == "/Image":
                    return True
    return False
