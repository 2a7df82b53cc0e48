"""An attachment's format, told from its bytes: names and Content-Type lie on government sites
(RTF served as ``.doc``, DOCX saved as ``.wps``, PDFs as ``application/octet-stream``)."""

from __future__ import annotations

import io
import zipfile

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")

#: Members of a ZIP container that say what it is (first match wins).
_ZIP_MEMBERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("OFD.xml", "ofd"))
#: Streams of an OLE compound file: Word (and Kingsoft .wps), Excel (and Kingsoft .et).
_OLE_STREAMS = (("worddocument", "doc"), ("workbook", "xls"), ("book", "xls"))


def kind_of(body: bytes) -> str | None:
    """pdf, rtf, docx, xlsx, ofd, doc, xls, image — or None for anything else."""
    head = body[:8]
    if head.startswith(b"%PDF-") or b"%PDF-" in body[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(body)
    if head.startswith(OLE):
        return _ole_kind(body)
    if head.startswith(_IMAGES):
        return "image"
    return None


def _zip_kind(body: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = {name.lstrip("/") for name in archive.namelist()}
    except (zipfile.BadZipFile, ValueError):
        return None
    lowered = {name.lower() for name in names}
    return next((kind for member, kind in _ZIP_MEMBERS if member.lower() in lowered), None)


def _ole_kind(body: bytes) -> str | None:
    """``doc`` or ``xls`` from the streams the compound file holds; an OLE file that is
    neither (or is damaged) is still reported as ``doc`` so the reader can say it failed."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(body)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir()}
    except Exception:  # noqa: BLE001 - a damaged compound file
        return "doc"
    return next((kind for stream, kind in _OLE_STREAMS if stream in streams), "doc")
