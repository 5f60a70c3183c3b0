"""Hostile input, built at test time (nothing binary is committed): documents from the web that
try to run formulas in a colleague's spreadsheet, or to exhaust the machine that reads them.

- ``formula_copy``: the shipped report with one line turned into a live HYPERLINK formula;
- ``xlsx_bomb`` / ``docx_bomb``: a workbook whose one shared string, and a Word file whose one
  paragraph, is 600 MiB of one character, deflated to ≈ 620 KB (the bomb of issue 30);
- ``lying_zip``: the same, its directory stating that the member unpacks to 1 KB;
- ``crowded_zip``: a package of 6,000 empty members;
- ``unclosed_cells``: a sheet of 50,000 cell tags never closed;
- ``pdf_stream_bomb``: a page whose content stream is 600 MiB of blanks, deflated;
- ``pdf_page_loop``: a page tree whose node lists itself as its kid;
- ``pdf_nested``: an object nested 100,000 deep;
- ``fake_soffice``: a LibreOffice that never converts (it and a child of its own sleep);
- ``markup_page``: a web page of 49 MiB of markup.

The bombs are written by hand (zip and PDF structures): zipfile would take seconds to deflate
600 MiB; the same deflated block is repeated instead (after a full flush, blocks are independent).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from helpers import SHIPPED

MIB = 2**20
BOMB_SIZE = 600 * MIB
FORMULA = '=HYPERLINK("http://example.invalid/x","点击")&"'
FORMULA_LINE = "公务用车运行维护费支出5万元。"  # the shipped report's line that the formula is put in front of


def formula_copy(folder: Path) -> tuple[Path, str]:
    """(path, the line as written) of the shipped report with its 公务用车运行维护费 line made a formula."""
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(FORMULA_LINE))
    lines[index] = f'{FORMULA}{lines[index]}"'
    path = folder / SHIPPED.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, lines[index]


def _repeated_deflate(head: bytes, unit: bytes, count: int, tail: bytes, checksum=zlib.crc32) -> tuple[bytes, int]:
    """Raw deflate of head + unit * count + tail, and its checksum (CRC-32 for zip, Adler-32 for
    zlib), without deflating count units."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(unit) + packer.flush(zlib.Z_FULL_FLUSH)
    last = packer.compress(tail) + packer.flush()
    check = checksum(head)
    for _ in range(count):
        check = checksum(unit, check)
    return first + block * count + last, checksum(tail, check)


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate, CRC-32, size the directory states) members."""
    out, directory = bytearray(), bytearray()
    for name, packed, crc, size in members:
        encoded = name.encode()
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 33, crc, len(packed), size, len(encoded), 0)
        directory += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, 8, 0, 33, crc, len(packed), size,
                                 len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += header + encoded + packed
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def _member(name: str, content: bytes) -> tuple[str, bytes, int, int]:
    packed, crc = _repeated_deflate(content, b"", 0, b"")
    return name, packed, crc, len(content)


def _bomb_member(name: str, head: bytes, tail: bytes, size: int = BOMB_SIZE) -> tuple[str, bytes, int, int]:
    packed, crc = _repeated_deflate(head, b"a" * MIB, size // MIB, tail)
    return name, packed, crc, len(head) + size + len(tail)


_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  b'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
_XLSX = [
    ("xl/workbook.xml", b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://'
     b'schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/>'
     b"</sheets></workbook>"),
    ("xl/_rels/workbook.xml.rels", b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
     b'Target="worksheets/sheet1.xml"/></Relationships>'),
    ("xl/worksheets/sheet1.xml", b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
     b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'),
]
_SST = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
        b"</t></si></sst>")
_WORD = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>',
         b"</w:t></w:r></w:p></w:body></w:document>")


def xlsx_bomb(path: Path, size: int = BOMB_SIZE, stated: int | None = None) -> Path:
    """A workbook whose shared string is ``size`` bytes of one character (its directory stating
    ``stated`` bytes, when given)."""
    name, packed, crc, real = _bomb_member("xl/sharedStrings.xml", *_SST, size=size)
    members = [_member("[Content_Types].xml", _CONTENT_TYPES)] + [_member(n, c) for n, c in _XLSX]
    path.write_bytes(_zip(members + [(name, packed, crc, real if stated is None else stated)]))
    return path


def docx_bomb(path: Path, size: int = BOMB_SIZE) -> Path:
    """A Word file whose one paragraph is ``size`` bytes of one character."""
    path.write_bytes(_zip([_member("[Content_Types].xml", _CONTENT_TYPES),
                           _bomb_member("word/document.xml", *_WORD, size=size)]))
    return path


def lying_zip(path: Path) -> Path:
    """The workbook bomb (200 MiB) with a directory that states 1 KB for its shared string."""
    return xlsx_bomb(path, size=200 * MIB, stated=1024)


def unclosed_cells(count: int = 50_000) -> dict[str, bytes]:
    """The members of a workbook whose sheet is ``count`` cell tags never closed, each holding a
    formula (650 KB): a lazy pattern
    spanning tags scanned such a sheet in quadratic time (176 KB took 65 s)."""
    return dict(_XLSX[:2]) | {"xl/worksheets/sheet1.xml": b'<worksheet><sheetData><row r="1">' + b'<c r="A1"><f>1' * count}


def crowded_zip(path: Path, count: int = 6000) -> Path:
    members = [_member("[Content_Types].xml", _CONTENT_TYPES), *(_member(n, c) for n, c in _XLSX)]
    path.write_bytes(_zip(members + [_member(f"xl/media/{i}.bin", b"") for i in range(count)]))
    return path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1 0 obj is the catalog), with its cross-reference table."""
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_stream_bomb(path: Path, size: int = BOMB_SIZE) -> Path:
    """One page whose content stream is ``size`` blanks (zlib: raw deflate with its header and Adler-32)."""
    raw, adler = _repeated_deflate(b"BT ", b" " * MIB, size // MIB, b" ET", checksum=zlib.adler32)
    stream = b"\x78\xda" + raw + struct.pack(">L", adler)
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]))
    return path


def pdf_page_loop(path: Path) -> Path:
    """A page tree whose node lists itself among its kids (and claims more pages than it holds)."""
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 5 >>",
    ]))
    return path


def pdf_nested(path: Path, depth: int = 100_000) -> Path:
    """A page (saying hello) whose resources hold an array nested ``depth`` deep."""
    text = b"BT /F1 12 Tf 72 712 Td (hello) Tj ET"
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /X "
        + b"[" * depth + b"]" * depth + b" >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
    ]))
    return path


def fake_soffice(folder: Path, seconds: int = 60) -> Path:
    """A folder holding an ``soffice`` that never converts: it starts a child that sleeps, writes the
    child's process id beside itself, and sleeps too."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nsleep {seconds} &\necho $! > "{folder}/child.pid"\nsleep {seconds}\n')
    script.chmod(0o755)
    return folder


def markup_page(path: Path, size: int = 49 * MIB) -> Path:
    """A web page of ``size`` bytes of small elements (under the 50 MiB file limit)."""
    unit = b"<div><span>x</span></div>\n"
    head = b"<!doctype html><html><head><meta charset='utf-8'></head><body>"
    path.write_bytes(head + unit * ((size - len(head)) // len(unit)) + b"</body></html>")
    return path
