"""Small but valid binary files made in code: PNG and JPEG images, a PDF, a Word document.

No image library is needed: the PNG is zlib + CRC chunks, the JPEG a baseline DCT file whose
8x8 blocks are flat (DC only), the PDF has a correct xref table. The .doc is what many
government sites really serve under that name: an RTF document (Word opens it).
"""

from __future__ import annotations

import struct
import zlib


def png(width: int, height: int, rgb: tuple[int, int, int], stripe: tuple[int, int, int] | None = None) -> bytes:
    """An RGB PNG of one colour, with an optional horizontal stripe in the middle third."""
    rows = []
    for y in range(height):
        colour = stripe if stripe and height // 3 <= y < 2 * height // 3 else rgb
        rows.append(b"\x00" + bytes(colour) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


# Standard (JPEG Annex K) luminance DC Huffman table; a one-symbol AC table (EOB only).
_DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
_DC_VALS = list(range(12))
_AC_BITS = [1] + [0] * 15
_AC_VALS = [0x00]


def _huffman_codes(bits: list[int], vals: list[int]) -> dict[int, tuple[int, int]]:
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


class _Bits:
    def __init__(self) -> None:
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, value: int, length: int) -> None:
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)  # byte stuffing
                self.acc, self.n = 0, 0

    def flush(self) -> bytes:
        while self.n:
            self.put(1, 1)
        return bytes(self.out)


def jpeg(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A baseline JPEG (YCbCr, no subsampling) of one colour; width and height are rounded
    up to whole 8x8 blocks in the data and stated exactly in the frame header."""
    r, g, b = rgb
    ycc = (0.299 * r + 0.587 * g + 0.114 * b,
           128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
           128 + 0.5 * r - 0.418688 * g - 0.081312 * b)
    # With a quantisation table of ones, a flat block's DC coefficient is 8 * (value - 128).
    dcs = [round(8 * (min(255, max(0, v)) - 128)) for v in ycc]
    dc_codes, ac_codes = _huffman_codes(_DC_BITS, _DC_VALS), _huffman_codes(_AC_BITS, _AC_VALS)
    bits = _Bits()
    previous = [0, 0, 0]
    for _ in range(((width + 7) // 8) * ((height + 7) // 8)):
        for c in range(3):
            diff = dcs[c] - previous[c]
            previous[c] = dcs[c]
            size = abs(diff).bit_length()
            code, length = dc_codes[size]
            bits.put(code, length)
            if size:
                bits.put(diff if diff > 0 else diff + (1 << size) - 1, size)
            code, length = ac_codes[0x00]  # end of block: every AC coefficient is zero
            bits.put(code, length)
    scan = bits.flush()

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload

    dqt = segment(0xDB, b"\x00" + b"\x01" * 64)
    sof = segment(0xC0, struct.pack(">BHHB", 8, height, width, 3)
                  + b"".join(struct.pack(">BBB", i, 0x11, 0) for i in (1, 2, 3)))
    dht = segment(0xC4, b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALS)
                  + b"\x10" + bytes(_AC_BITS) + bytes(_AC_VALS))
    sos = segment(0xDA, b"\x03" + b"".join(struct.pack(">BB", i, 0x00) for i in (1, 2, 3)) + b"\x00\x3f\x00")
    app0 = segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00")
    return b"\xff\xd8" + app0 + dqt + sof + dht + sos + scan + b"\xff\xd9"


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF printing ASCII ``lines`` in Helvetica."""
    text = "BT /F1 14 Tf 72 770 Td 18 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines
    ) + " ET"
    stream = text.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
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


def rtf_doc(title: str, paragraphs: list[str]) -> bytes:
    """A Word-readable document (RTF) with Chinese text as \\uN escapes."""

    def encode(text: str) -> str:
        out = []
        for ch in text:
            code = ord(ch)
            if ch in "\\{}":
                out.append("\\" + ch)
            elif code < 128:
                out.append(ch)
            else:
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
        return "".join(out)

    parts = [r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil\fcharset134 SimSun;}}",
             r"\viewkind4\uc1\pard\qc\b\fs32 " + encode(title) + r"\b0\par\pard\fs24"]
    parts += [r"\fi480 " + encode(p) + r"\par" for p in paragraphs]
    parts.append("}")
    return "\n".join(parts).encode("ascii")
