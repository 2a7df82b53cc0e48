"""OFD (GB/T 33190), the national format for electronic official documents.

An OFD file is a ZIP of XML: ``OFD.xml`` names each document's root, the document lists its
pages in order, and each page places ``TextCode`` runs at coordinates. The text is read in
page order and, within a page, line by line (top to bottom, then left to right), because the
XML order of text objects is the order they were drawn, not read."""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
#: Pages read from one file, and the share of a line's height two runs may differ by.
MAX_PAGES = 500
_SAME_LINE = 0.5


def text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = {name.lstrip("/"): name for name in archive.namelist()}
        pages = []
        for page in _pages(archive, names)[:MAX_PAGES]:
            pages.append("\n".join(_lines(_xml(archive, names, page))))
    return "\n\n".join(pages)


def _xml(archive: zipfile.ZipFile, names: dict[str, str], path: str) -> etree._Element | None:
    member = names.get(posixpath.normpath(path).lstrip("/"))
    if member is None:
        return None
    return etree.fromstring(archive.read(member), _PARSER)


def _local(node) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _pages(archive: zipfile.ZipFile, names: dict[str, str]) -> list[str]:
    """Every page's Content.xml path, documents and pages in their declared order."""
    root = _xml(archive, names, "OFD.xml")
    pages: list[str] = []
    for doc_root in (n for n in root.iter() if _local(n) == "DocRoot") if root is not None else ():
        doc_path = (doc_root.text or "").strip()
        document = _xml(archive, names, doc_path)
        if document is None:
            continue
        base = posixpath.dirname(doc_path)
        for page in (n for n in document.iter() if _local(n) == "Page"):
            if page.get("BaseLoc"):
                pages.append(posixpath.join(base, page.get("BaseLoc")))
    if not pages:  # no usable index: every page in name order
        pages = sorted(n for n in names if n.lower().endswith("content.xml") and "/pages/" in n.lower())
    return pages


def _lines(page) -> list[str]:
    """The page's text runs grouped into lines by their vertical position."""
    if page is None:
        return []
    runs = []
    for obj in (n for n in page.iter() if _local(n) == "TextObject"):
        x, y, _, h = _box(obj.get("Boundary"))
        for code in (n for n in obj if _local(n) == "TextCode"):
            if code.text:
                runs.append((y + _float(code.get("Y")), x + _float(code.get("X")), h, code.text))
    runs.sort()
    lines: list[list[tuple[float, str]]] = []
    last_y, last_h = None, 0.0
    for y, x, h, chars in runs:
        if last_y is None or abs(y - last_y) > max(h, last_h, 1.0) * _SAME_LINE:
            lines.append([])
            last_y, last_h = y, h
        lines[-1].append((x, chars))
    return ["".join(chars for _, chars in sorted(line)) for line in lines]


def _box(value: str | None) -> tuple[float, float, float, float]:
    parts = [_float(v) for v in (value or "").split()]
    return tuple((parts + [0.0] * 4)[:4])  # type: ignore[return-value]


def _float(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0
