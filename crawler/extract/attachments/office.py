"""Word processor and spreadsheet files: RTF, DOCX, binary Word / WPS, XLS / ET, XLSX."""

from __future__ import annotations

import io
import re
import zipfile

from crawler.extract.attachments import tools

#: Rows read from one spreadsheet (a budget table, a name list: never millions).
MAX_ROWS = 20_000
_XML_LIMIT = 120 * 1024 * 1024

_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def rtf(body: bytes) -> str:
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


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx(body: bytes) -> str:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > _XML_LIMIT:
            raise ValueError("document.xml too large")
        xml = archive.read(info)
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
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


def has_antiword() -> bool:
    return tools.have("antiword")


def doc(body: bytes) -> str | None:
    """Binary Word 97–2003, and Kingsoft ``.wps`` saved in the same format, with antiword
    (Debian); its UTF-8 map keeps Chinese text. None when antiword is missing or refuses."""
    with tools.scratch(body, ".doc") as path:
        return tools.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)])


def xls(body: bytes) -> str:
    """BIFF spreadsheets (``.xls``, and Kingsoft ``.et`` in the same format) with xlrd."""
    import xlrd

    book = xlrd.open_workbook(file_contents=body, on_demand=True)
    return _sheets((sheet.name, (sheet.row_values(i) for i in range(sheet.nrows)))
                   for sheet in book.sheets())


def xlsx(body: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    try:
        return _sheets((sheet.title, sheet.iter_rows(values_only=True))
                       for sheet in book.worksheets)
    finally:
        book.close()


def _sheets(sheets) -> str:
    """One line per non-empty row, cells joined by tabs, each sheet headed by its name."""
    lines: list[str] = []
    for name, rows in sheets:
        body = []
        for count, row in enumerate(rows):
            if count >= MAX_ROWS:
                break
            cells = [_cell(value) for value in row]
            if any(cells):
                body.append("\t".join(cells).rstrip("\t"))
        if body:
            lines += [name, *body, ""]
    return "\n".join(lines)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
