"""Optical character recognition with Tesseract (Debian: tesseract-ocr, tesseract-ocr-chi-sim)
for scans: PDFs without a text layer (the red-header original, scanned) and images.

OCR is slow (seconds a page), so a file's pages are capped; what OCR finds is marked in the
text by nothing but its source: the notice page says the text was read by OCR."""

from __future__ import annotations

import functools
from pathlib import Path

from crawler.extract.attachments import tools

#: Pages of a scanned PDF recognised, and the resolution they are rendered at.
MAX_PAGES = 20
DPI = 200
_WANTED = ("chi_sim", "eng")


def available() -> bool:
    return bool(_languages())


def has_pdftoppm() -> bool:
    return tools.have("pdftoppm")


@functools.cache
def _languages() -> str:
    """``chi_sim+eng`` (what this machine has of them), or "" without Tesseract."""
    listed = tools.run(["tesseract", "--list-langs"], timeout=30)
    if listed is None:
        return ""
    have = {line.strip() for line in listed.splitlines()}
    return "+".join(lang for lang in _WANTED if lang in have)


def image(body: bytes) -> str | None:
    """An image's text, or None when Tesseract is missing or fails."""
    with tools.scratch(body, ".img") as path:
        return _recognise(path)


def pdf_pages(body: bytes, pages: int) -> str | None:
    """The first pages of a PDF rendered to images and recognised (pdftoppm, Tesseract)."""
    if not (available() and has_pdftoppm()):
        return None
    with tools.scratch(body, ".pdf") as path:
        last = str(min(pages, MAX_PAGES))
        if tools.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-l", last,
                      str(path), str(path.with_name("page"))]) is None:
            return None
        texts = [_recognise(page) for page in sorted(path.parent.glob("page*.png"))]
    if any(text is None for text in texts):
        return None
    return "\n\n".join(texts)  # type: ignore[arg-type]


def _recognise(path: Path) -> str | None:
    languages = _languages()
    if not languages:
        return None
    return tools.run(["tesseract", str(path), "stdout", "-l", languages, "--psm", "3"])
