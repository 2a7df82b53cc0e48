"""The text of attachment files (附件), so a search finds a notice by what its documents say.

Government sites attach the document itself: old binary Word (``.doc``, the most common),
Kingsoft ``.wps`` and ``.et``, spreadsheets, DOCX, RTF, PDF — often a scan of the red-header
original — and ``.ofd``, the national e-document format. The format is told from the bytes
(:mod:`.kinds`), never from the name or Content-Type, which lie. Each format is read by a
well-kept library or Debian tool where one exists (pypdf, striprtf, xlrd, openpyxl, antiword,
Tesseract); scans and images without a text layer are read by OCR.

:func:`extract` never raises: a damaged file, a missing optional tool or a format govarchive
does not read is a file without text (None), not a failed crawl; the notice is still found by
the attachment's name, and the notice page says which files had no readable text.
"""

from __future__ import annotations

import re

from crawler.extract.attachments import kinds, ocr, office, ofd, pdf

#: Files larger than this are not read (their name is still indexed).
MAX_BYTES = 30 * 1024 * 1024
#: Characters kept: enough for any notice's attachment.
MAX_CHARS = 1_000_000

_READERS = {
    "pdf": pdf.text, "rtf": office.rtf, "docx": office.docx, "doc": office.doc,
    "xls": office.xls, "xlsx": office.xlsx, "ofd": ofd.text, "image": ocr.image,
}
#: The formats whose text is read (doc needs antiword, scans need Tesseract: Debian tools).
READABLE = tuple(_READERS)

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAPPED = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_SPACED = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_BLANKS = re.compile(r"\n{3,}")

kind_of = kinds.kind_of


def extract(body: bytes) -> str | None:
    """The file's text; ``""`` for a readable file without text (a blank page, a scan OCR
    found nothing in); None when the format is not read, a tool it needs is missing, or the
    file is damaged or too large."""
    kind = kinds.kind_of(body)
    if kind not in _READERS or len(body) > MAX_BYTES:
        return None
    try:
        raw = _READERS[kind](body)
    except Exception:  # noqa: BLE001 - any damage means "no text", never a crash
        return None
    if raw is None:
        return None
    return tidy(raw, laid_out=kind in ("pdf", "image", "ofd"))


def tidy(text: str, *, laid_out: bool = False, pdf: bool = False) -> str:
    """Trim and cap the text; in laid-out formats (PDF, OCR, OFD: lines, no paragraphs) join
    the lines and spaces layout broke inside Chinese words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if laid_out or pdf:
        text = _WRAPPED.sub("", text)
        text = _SPACED.sub("", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()[:MAX_CHARS]


def describe(text: str | None, stored: bool) -> str | None:
    """What a reader is told about an archived attachment's text (None: it was read)."""
    if not stored:
        return None
    if text is None:
        return ("its text could not be read (an unknown or damaged format, or a reader "
                "missing on this machine): found by name only")
    if not text.strip():
        return "no text found in the file, even by OCR: found by name only"
    return None

