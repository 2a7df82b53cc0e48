"""Office documents made in code, byte for byte the same on every run: DOCX, XLSX, binary Excel
(BIFF8 in an OLE compound file), OFD and a PDF whose text layer is Chinese.

Government sites attach the document itself in whatever format its author saved; the demo
serves each format so a crawl shows the archive reading every one of them. Formats that are
impractical to write here (binary Word, a WPS-saved sheet, a scan) are real files shipped in
``data/attachments`` (see its README). No library is needed: ZIP members carry a fixed date,
the compound file and the PDF are laid out by hand.
"""

from __future__ import annotations

import io
import struct
import zipfile
from xml.sax.saxutils import escape

_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _zip(members: dict[str, str]) -> bytes:
    """A ZIP of UTF-8 text members, in the order given, each dated ``_ZIP_DATE``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def docx(paragraphs: list[str]) -> bytes:
    """A Word (OOXML) document of plain paragraphs."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    return _zip({
        "[Content_Types].xml": _XML + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": _XML + (f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                               f'Type="{_OFFICE_DOC}" Target="word/document.xml"/></Relationships>'),
        "word/document.xml": _XML + f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>',
    })


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def xlsx(sheet: str, rows: list[list[str]]) -> bytes:
    """A one-sheet Excel (OOXML) workbook of text cells (inline strings, no shared table)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    cells = "".join(
        f'<row r="{r + 1}">' + "".join(
            f'<c r="{_column(c)}{r + 1}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
            for c, v in enumerate(row) if v) + "</row>"
        for r, row in enumerate(rows))
    return _zip({
        "[Content_Types].xml": _XML + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": _XML + (f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                               f'Type="{_OFFICE_DOC}" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": _XML + (
            f'<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": _XML + (
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": _XML + f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>',
    })


# -- binary Excel: BIFF8 records in an OLE compound file ----------------------------------------


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _bof(substream: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 0x06))


def xls(sheet: str, rows: list[list[str]]) -> bytes:
    """A one-sheet BIFF8 workbook of text cells (a shared string table and LABELSST cells),
    as Excel 97–2003 saves it: the ``Workbook`` stream of a compound file."""
    strings: list[str] = []
    for row in rows:
        strings += [v for v in row if v and v not in strings]
    sst = struct.pack("<II", sum(1 for row in rows for v in row if v), len(strings)) + b"".join(
        struct.pack("<HB", len(s), 1) + s.encode("utf-16-le") for s in strings)
    width = max(len(row) for row in rows)
    cells = b"".join(
        _record(0x00FD, struct.pack("<HHHI", r, c, 0x0F, strings.index(v)))
        for r, row in enumerate(rows) for c, v in enumerate(row) if v)
    worksheet = (_bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
                 + cells + _record(0x000A))
    name = sheet.encode("utf-16-le")

    def globals_(offset: int) -> bytes:
        return (_bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
                + _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(sheet), 1) + name)
                + _record(0x00FC, sst) + _record(0x000A))

    head = globals_(0)
    return compound_file("Workbook", globals_(len(head)) + worksheet)


_SECTOR = 512
_END, _FREE, _FAT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def compound_file(stream_name: str, stream: bytes) -> bytes:
    """An OLE compound file (version 3) holding one stream: the stream's sectors, then the
    directory, then the one FAT sector. Streams under 4096 bytes would live in the mini stream;
    the stream is padded to that size instead, as Excel pads its workbooks."""
    stream = stream.ljust(max(4096, -(-len(stream) // _SECTOR) * _SECTOR), b"\0")
    count = len(stream) // _SECTOR
    directory_at, fat_at = count, count + 1
    fat = [i + 1 for i in range(count - 1)] + [_END, _END, _FAT]
    if len(fat) > _SECTOR // 4:
        raise ValueError("stream too large for one FAT sector")
    fat_sector = struct.pack(f"<{_SECTOR // 4}I", *(fat + [_FREE] * (_SECTOR // 4 - len(fat))))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", _FREE, _FREE, child) + b"\0" * 36
                + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, _END, 0) + entry(stream_name, 2, _FREE, 0, len(stream))
                 + entry("", 0, _FREE, 0, 0) * 2)
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, directory_at, 0, 4096, _END, 0, _END, 0)
              + struct.pack("<109I", fat_at, *[_FREE] * 108))
    return header + stream + directory + fat_sector


# -- OFD -----------------------------------------------------------------------------------------


def ofd(lines: list[str], *, size: float = 4.2) -> bytes:
    """A one-page OFD (GB/T 33190) on A4, one text object per line, top to bottom."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    objects = "".join(
        f'<ofd:TextObject ID="{i + 10}" Boundary="20 {25 + i * 8} 170 {size + 2}" Font="3" Size="{size}">'
        f'<ofd:TextCode X="0" Y="{size}" DeltaX="g {len(line) - 1} {size}">{escape(line)}</ofd:TextCode>'
        "</ofd:TextObject>" for i, line in enumerate(lines))
    return _zip({
        "OFD.xml": _XML + (f'<ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                           "<ofd:DocID>0C1D4F7159954EEEDE517F7285E84DC4</ofd:DocID>"
                           "<ofd:Creator>govarchive demo</ofd:Creator></ofd:DocInfo>"
                           "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
        "Doc_0/Document.xml": _XML + (
            f'<ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{len(lines) + 10}</ofd:MaxUnitID>'
            "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'),
        "Doc_0/PublicRes.xml": _XML + (f'<ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
                                       '<ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/>'
                                       "</ofd:Fonts></ofd:Res>"),
        "Doc_0/Pages/Page_0/Content.xml": _XML + (
            f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>'),
    })


# -- a PDF with a Chinese text layer -------------------------------------------------------------


def pdf_chinese(lines: list[str]) -> bytes:
    """A one-page PDF printing ``lines`` in the standard Chinese font STSong-Light (not
    embedded, as PDF allows for it): UCS-2 codes through the predefined UniGB-UCS2-H CMap,
    and a ToUnicode map so every reader gets the text back."""
    shown = []
    for line in lines:
        shown.append("<" + line.encode("utf-16-be").hex().upper() + "> Tj T*")
    stream = ("BT /F1 14 Tf 72 770 Td 22 TL " + " ".join(shown) + " ET").encode("ascii")
    highs = sorted({ord(ch) >> 8 for line in lines for ch in line})
    ranges = "".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>\n" for h in highs)
    to_unicode = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
                  f"{len(highs)} beginbfrange\n{ranges}endbfrange\n"
                  "endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
         b"/Resources << /Font << /F1 5 0 R >> >> >>"),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
         b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>"),
        (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
         b"/FontDescriptor 7 0 R /DW 1000 >>"),
        (b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
         b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"),
        b"<< /Length %d >>\nstream\n" % len(to_unicode) + to_unicode + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def bundle(members: dict[str, bytes]) -> bytes:
    """A ZIP of files (附件打包下载): a format the archive keeps but does not read."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in members.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body)
    return out.getvalue()
