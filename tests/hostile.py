"""Hostile input, built at test time (nothing binary is committed): documents from the web that
try to run formulas in a colleague's spreadsheet, or to exhaust the machine that reads them.

- ``formula_copy``: the shipped report with one line turned into a live HYPERLINK formula;
- ``xlsx_bomb`` / ``docx_bomb``: a workbook whose one shared string, and a Word file whose one
  paragraph, is 600 MiB of one character, deflated to ≈ 620 KB (the bomb of issue 30);
- ``lying_zip``: the same, its directory stating that the member unpacks to 1 KB;
- ``crowded_zip``: a package of 6,000 empty members;
- ``unclosed_cells``: a sheet of 50,000 cell tags never closed;
- ``pdf_stream_bomb``: a page whose content stream is 600 MiB of blanks, deflated;
- ``pdf_ascii85_bomb`` / ``pdf_lzw_bomb``: the same deflated and then ASCII85-encoded (which hides the
  deflated data from a check for zlib), or LZW-compressed;
- ``pdf_page_loop``: a page tree whose node lists itself as its kid;
- ``pdf_nested``: an object nested 100,000 deep;
- ``fake_soffice``: a LibreOffice that never converts (it and a child of its own sleep);
- ``markup_page``: a web page of 49 MiB of markup;
- ``repeated_line``: the shipped report with a line that repeats a figure (``REPEATS``) many times.

The bombs are written by hand (zip and PDF structures): zipfile would take seconds to deflate
600 MiB; the same deflated block is repeated instead (after a full flush, blocks are independent).
"""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

from helpers import SHIPPED

MIB = 2**20
BOMB_SIZE = 600 * MIB
FORMULA = '=HYPERLINK("http://example.invalid/x","点击")&"'
FORMULA_LINE = "公务用车运行维护费支出5万元。"  # the shipped report's line that the formula is put in front of


# One figure written again and again on one line (count → the line), each a shape that cost the extract
# stage time growing faster than the line: the same growth rate, a new rate each time (every one a
# statement of one figure to tell apart), a new amount of one subject each time, a run of digits, a
# thousands-separated run after 分别 (a list a pattern could cut in 2ⁿ ways), subjects joined for 分别.
REPEATS = {
    "same": lambda n: "比上年增长1%" * n,
    "rates": lambda n: "".join(f"比上年增长{i}%" for i in range(n)),
    "amounts": lambda n: "".join(f"本年收入{i}.5万元，" for i in range(n)),
    "digits": lambda n: "1" * n + "万元",
    "groups": lambda n: "本年收入分别为1" + ",234" * n + "。",
    "subjects": lambda n: "、".join(["本年收入", "一般公共预算财政拨款收入"] * (n // 2)) + "分别为5万元。",
}
# The shipped report (522 lines, 16,193 characters, 502 figures, 186 rows) brought just under each of a
# document's limits of extract/bounds.py by what is put after its line (REPEAT_AFTER): their cost.
AT_LIMITS = {
    "10,000 lines": "\n".join(["说明文字。"] * 9_400),
    "500,000 characters": "\n".join(["本年收入说明。" * 10] * 6_800),
    "5,000 figures": "\n".join(f"本年收入{i}.5万元。" for i in range(4_450)),
    "5,000,000 characters carried": "本年收入5万元，" + "比上年增长1%" * 835,
}
REPEAT_AFTER = "2023年本年收入合计"  # the shipped report's line the repeated one is put after (收入决算)


def with_line(line: str, after: str = REPEAT_AFTER) -> str:
    """The shipped report's text with ``line`` (a line of REPEATS, or several) after its line that says ``after``."""
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    index = next(i for i, text in enumerate(lines) if after in text)
    return "\n".join([*lines[:index + 1], line, *lines[index + 1:]])


def repeated_line(folder: Path, line: str) -> Path:
    """The shipped report with ``line`` after its 本年收入合计 line, as a file in ``folder``."""
    path = folder / SHIPPED.name
    path.write_text(with_line(line), encoding="utf-8")
    return path


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


def _zip(members: list[tuple[str | bytes, bytes, int, int]]) -> bytes:
    """A zip of (name, raw deflate, CRC-32, size the directory states) members; a name given as bytes is
    written as they are, without the UTF-8 flag (as Windows' compressor writes a GBK name)."""
    out, directory = bytearray(), bytearray()
    for name, packed, crc, size in members:
        encoded = name if isinstance(name, bytes) else name.encode()
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 33, crc, len(packed), size, len(encoded), 0)
        directory += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 0, 20, 0, 0, 8, 0, 33, crc, len(packed), size,
                                 len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += header + encoded + packed
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def _member(name: str | bytes, content: bytes) -> tuple[str | bytes, bytes, int, int]:
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


def _pdf_page(path: Path, stream: bytes, filters: bytes) -> Path:
    """One page whose content stream is ``stream`` (as encoded), under ``filters``."""
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n%s\nendstream" % (len(stream), filters, stream),
    ]))
    return path


def pdf_ascii85_bomb(path: Path, size: int = BOMB_SIZE) -> Path:
    """The stream bomb's deflated blanks, ASCII85-encoded on top (/Filter [/ASCII85Decode /FlateDecode])."""
    raw, adler = _repeated_deflate(b"BT ", b" " * MIB, size // MIB, b" ET", checksum=zlib.adler32)
    stream = base64.a85encode(b"\x78\xda" + raw + struct.pack(">L", adler), wrapcol=76) + b"~>"
    return _pdf_page(path, stream, b"[/ASCII85Decode /FlateDecode]")


def pdf_lzw_bomb(path: Path, size: int = BOMB_SIZE) -> Path:
    """A content stream of ``size`` bytes of one letter, LZW-compressed (/Filter /LZWDecode): each code
    names the entry before it and one more letter, from a clear table to a full one (4 KB of codes
    unpack to 7 MB), again and again."""
    codes, written = [], 0
    while written < size:
        codes += [256, ord("a")]  # clear, then the letter
        written += 1 + sum(range(2, 4096 - 258 + 2))
        codes += range(258, 4096)
    codes.append(257)
    bits, held, out, width, entries = 0, 0, bytearray(), 9, 258
    for code in codes:
        bits, held = (bits << width) | code, held + width
        while held >= 8:
            held -= 8
            out.append((bits >> held) & 0xFF)
        bits &= (1 << held) - 1
        # the table as the decoder keeps it (one entry a code, but none after the clear and its first),
        # and the code width growing one code early
        entries = 258 if code == 256 else entries + (code != ord("a") and code != 257)
        width = 9 if code == 256 else 12 if entries >= 2047 else 11 if entries >= 1023 else 10 if entries >= 511 else 9
    if held:
        out.append((bits << (8 - held)) & 0xFF)
    return _pdf_page(path, bytes(out), b"/LZWDecode")


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
