"""The text of attachment files (附件), so a search finds a notice by what its PDF or Word file says.

Read with pure-Python code only: PDF with pypdf, RTF with striprtf (government sites often
serve RTF under a ``.doc`` name and ``application/msword``), DOCX with the standard library's
zipfile and lxml. The format is told from the bytes, not from the name or Content-Type,
which lie. Anything else (old binary Word, WPS, spreadsheets, archives, scans without a text
layer) gives no text: the notice is still found by the attachment's name, and the notice
page says the file's text could not be read.

:func:`extract` never raises: a damaged file is a file without text, not a failed crawl.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

#: Files larger than this are not read (their name is still indexed).
MAX_BYTES = 30 * 1024 * 1024
#: Pages of a PDF read, and characters kept: enough for any notice's attachment.
MAX_PAGES = 300
MAX_CHARS = 1_000_000

#: The formats whose text is read.
READABLE = ("pdf", "rtf", "docx")

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_WRAPPED = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])")
_SPACED = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_BLANKS = re.compile(r"\n{3,}")


def kind_of(body: bytes) -> str | None:
    """pdf, rtf, docx, doc (binary Word or another OLE file), or None for anything else."""
    head = body[:8]
    if head.startswith(b"%PDF-") or b"%PDF-" in body[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in body[:65536] or _zip_has(body, "word/document.xml") else None
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    return None


def extract(body: bytes) -> str | None:
    """The file's text; ``""`` for a readable file without text (a scan); None when the
    format is not one govarchive reads, or the file is damaged or too large."""
    kind = kind_of(body)
    if kind not in READABLE or len(body) > MAX_BYTES:
        return None
    try:
        raw = {"pdf": _pdf, "rtf": _rtf, "docx": _docx}[kind](body)
    except Exception:  # noqa: BLE001 - any damage means "no text", never a crash
        return None
    return tidy(raw, pdf=kind == "pdf")


def tidy(text: str, *, pdf: bool = False) -> str:
    """Trim and cap the text; in a PDF, join the lines layout broke inside Chinese words
    (a PDF has no paragraphs, only lines; RTF and DOCX have real ones)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if pdf:
        text = _WRAPPED.sub("", text)
        text = _SPACED.sub("", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS.sub("\n\n", text).strip()[:MAX_CHARS]


def describe(text: str | None, stored: bool) -> str | None:
    """What a reader is told about an archived attachment's text (None: it was read)."""
    if not stored:
        return None
    if text is None:
        return "its text could not be read (govarchive reads PDF, DOCX and RTF): found by name only"
    if not text.strip():
        return "no text in the file (a scan?): found by name only"
    return None


# -- formats -----------------------------------------------------------------------------------


def _pdf(body: bytes) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(body))
    pages = []
    for page in reader.pages[:MAX_PAGES]:
        pages.append(page.extract_text() or "")
        if sum(map(len, pages)) > MAX_CHARS:
            break
    return "\n".join(pages)


_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def _rtf(body: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    found = _CODEPAGE.search(body[:4096])
    codepage = int(found.group(1)) if found else 1252
    if codepage == 1252 and re.search(rb"\\fcharset13[46]", body[:8192]):
        codepage = 936  # a GB2312/Big5 font declared without \ansicpg: Chinese Word did it
    encoding = f"cp{codepage}"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    return rtf_to_text(body.decode("latin-1"), encoding=encoding, errors="replace")


def _zip_has(body: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return name in archive.namelist()
    except zipfile.BadZipFile:
        return False


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(body: bytes) -> str:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_BYTES * 4:
            raise ValueError("document.xml too large")
        xml = archive.read(info)
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True,
                                                 huge_tree=False))
    paragraphs = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            else:
                parts.append("\t" if node.tag == f"{_W}tab" else "\n")
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)
