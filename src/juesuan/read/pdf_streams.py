"""A PDF's compressed streams, counted before pdfium inflates them (a PDF from the web is untrusted).

A content stream of 600 MB of blanks deflates to 600 KB; pdfium inflates it whole to read the
page's text (6.7 s and 1.3 GB before the page is found empty). So every deflated (zlib) stream is
first inflated here a chunk at a time and thrown away, counting, and the PDF is refused as soon as
one stream passes MAX_STREAM or all of them MAX_INFLATED: the cost is bounded by those limits
(≈ 0.2 s and a few MB for the bomb). The 30 real disclosures in the samples inflate to 0.3–8.4 MB
in all, 1 MB at most a stream; a 300-dpi A4 colour image is 26 MB.

A stream whose dictionary names ASCII85Decode, ASCIIHexDecode or LZWDecode as its first filter is
decoded the same way, through each of its filters in turn as far as they are these or FlateDecode
(ASCII85 around deflated data hides it from a zlib check; LZW compresses as deflate does, up to
≈ 1,000 times), and what comes out is counted. Such a stream is read to its /Length (written, or an
object that holds only the number), else to the next endstream; streams whose data would add up past
the file's size overlap, and the PDF is refused (each would otherwise read the rest of the file). Not
counted: a stream whose dictionary is out of sight (more than 4 KB before its data), a filter after
one not named above, and what a stream's text draws; pdfium's own limits apply there (docs/READING.md,
"Untrusted input").
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..model.errors import ReportError

MAX_STREAM = 64 * 2**20
MAX_INFLATED = 256 * 2**20
_STREAM = re.compile(rb"stream\r?\n")  # where a stream's data starts (unless it is an endstream)
_IN, _OUT = 2**16, 2**20  # bytes fed to a decoder, and taken from zlib, at a time
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_DICTIONARY = 4096  # how far before its data a stream's dictionary is looked for
_LENGTH = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+(R))?")
_LENGTH_OBJECT = re.compile(rb"(?<!\d)(\d+)\s+(\d+)\s+obj\s*(\d+)\s*endobj")  # 140 0 obj 3521 endobj


def check_streams(data: bytes, path: Path) -> None:
    """Refuse a PDF whose compressed streams decode past the limits."""
    total, view, after, lengths, wrapped = 0, memoryview(data), 0, None, 0  # slices of a view are not copies
    for m in _STREAM.finditer(data):
        if data[m.start() - 3:m.start()] == b"end":
            continue  # (a lookbehind in the pattern would make the search 40 times slower)
        start, cap = m.end(), min(MAX_STREAM, MAX_INFLATED - total)
        window = data[max(after, m.start() - _DICTIONARY):m.start()]  # not back past the stream before
        after = start
        filters, early = _filters(window)
        if filters and filters[0] in _WRAPPERS:
            if lengths is None:
                lengths = {(n, g): int(v) for n, g, v in _LENGTH_OBJECT.findall(data)}
            end = _end(data, start, window, lengths)
            wrapped += end - start
            if wrapped > len(data):  # streams that overlap: a real PDF's streams are apart
                raise ReportError(path, "refused: the PDF's streams overlap (their data adds up past the file's "
                                        "size): a damaged or crafted file?")
            size = decoded_size(view[:end], start, filters, cap, early)
        else:
            size = inflated_size(view, start, cap)
        if size > MAX_STREAM:
            raise ReportError(path, f"refused: a stream of the PDF inflates past {MAX_STREAM // 2**20} MiB "
                                    f"(at byte {start}): a decompression bomb?")
        total += size
        if total > MAX_INFLATED:
            raise ReportError(path, f"refused: the PDF's streams inflate past {MAX_INFLATED // 2**20} MiB "
                                    "in all: a decompression bomb?")


def inflated_size(data: bytes | memoryview, start: int, cap: int) -> int:
    """What the zlib stream at ``data[start:]`` inflates to, counted up to just past ``cap``
    (0 when no zlib stream starts there; up to the error when it breaks off)."""
    inflater = zlib.decompressobj()
    size, position, pending = 0, start, b""
    try:
        while size <= cap and not inflater.eof:
            if not pending:
                pending = data[position:position + _IN]
                position += len(pending)
                if not pending:
                    break
            size += len(inflater.decompress(pending, _OUT))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass
    return size


def decoded_size(data: bytes | memoryview, start: int, filters: list[bytes], cap: int, early: bool = True) -> int:
    """What the stream at ``data[start:]`` decodes to through ``filters`` (as far as they are known
    here), counted up to just past ``cap``; up to the error when the data breaks off."""
    chunks: Iterator[bytes] = (bytes(data[i:i + _IN]) for i in range(start, len(data), _IN))
    for name in filters:
        decoder = _DECODERS.get(name)
        if decoder is None:
            break
        chunks = decoder(chunks, early) if decoder is _lzw else decoder(chunks)
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            break
    return size


def _filters(window: bytes) -> tuple[list[bytes], bool]:
    """The filters the dictionary at the end of ``window`` (the bytes before a stream keyword) names,
    and whether LZW's code width grows one code early (its EarlyChange, 1 unless it says 0)."""
    window = window[window.rfind(b"obj") + 1:]  # this object's dictionary (all the window if none)
    found = list(_FILTER.finditer(window))
    if not found:
        return [], True
    return _NAME.findall(found[-1][1]), re.search(rb"/EarlyChange\s*0", window) is None


def _end(data: bytes, start: int, window: bytes, lengths: dict[tuple[bytes, bytes], int]) -> int:
    """Where the stream that starts at ``start`` ends: by its /Length (written, or an object that holds
    only a number), else at the next endstream."""
    window = window[window.rfind(b"obj") + 1:]
    length = _LENGTH.findall(window)
    if length:
        number, generation, referred = length[-1]
        value = lengths.get((number, generation)) if referred else int(number)
        if value is not None:
            return min(len(data), start + value)
    end = data.find(b"endstream", start)
    return len(data) if end < 0 else end


def _flate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                yield inflater.decompress(chunk, _OUT)
                if inflater.eof:
                    return
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return


_SPACE = b" \t\r\n\f\x00"
_A85_GROUPS = re.compile(rb"(?:z|[!-u]{5})*")


def _ascii85(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """ASCII85 to its end (~>), a chunk at a time: whole groups of five (or z) decoded as they come."""
    pending = b""
    for chunk in chunks:
        text = pending + chunk.translate(None, _SPACE)
        end = text.find(b"~")
        body = text if end < 0 else text[:end]
        whole = len(body) if end >= 0 else _A85_GROUPS.match(body).end()
        try:
            yield base64.a85decode(body[:whole])
        except ValueError:
            return
        pending = body[whole:]
        if end >= 0 or len(pending) >= 5:  # its end, or a character outside ASCII85
            return


_HEX = re.compile(rb"[0-9A-Fa-f]*")


def _ascii_hex(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """ASCIIHex to its end (>), a chunk at a time."""
    pending = b""
    for chunk in chunks:
        text = pending + chunk.translate(None, _SPACE)
        digits = _HEX.match(text).end()
        ended = digits < len(text)  # its end (>), or a character that is not a hex digit
        whole = digits if ended else digits - digits % 2
        body = text[:whole] + (b"0" if ended and whole % 2 else b"")  # a last odd digit is followed by 0
        yield bytes.fromhex(body.decode("ascii"))
        if ended:
            return
        pending = text[whole:]


def _lzw(chunks: Iterator[bytes], early: bool = True) -> Iterator[bytes]:
    """LZW as PDF writes it: 9- to 12-bit codes, 256 to clear the table, 257 to end; the code width
    grows at 511, 1023, 2047 entries (one code early) or at 512, 1024, 2048 (EarlyChange 0). The table
    stops at 4,096 entries (no 12-bit code names more), so it holds 8 MB at most."""
    grow = (511, 1023, 2047) if early else (512, 1024, 2048)
    first = [bytes((c,)) for c in range(256)] + [b"", b""]
    table, previous = list(first), b""
    width, bits, held = 9, 0, 0
    for chunk in chunks:
        out, size = [], 0
        for byte in chunk:
            bits, held = (bits << 8) | byte, held + 8
            if held < width:
                continue
            held -= width
            code, bits = bits >> held, bits & ((1 << held) - 1)
            if code == 256:
                table, previous, width = list(first), b"", 9
                continue
            if code == 257:  # its end
                yield b"".join(out)
                return
            if code < len(table):
                entry = table[code]
                if previous and len(table) < 4096:
                    table.append(previous + entry[:1])
            elif code == len(table) and previous:
                entry = previous + previous[:1]
                table.append(entry)
            else:  # a code not yet in the table: damaged
                yield b"".join(out)
                return
            if len(table) in grow:
                width = 10 + grow.index(len(table))
            previous = entry
            out.append(entry)
            size += len(entry)
            if size > _OUT:
                yield b"".join(out)
                out, size = [], 0
        yield b"".join(out)


_DECODERS = {b"FlateDecode": _flate, b"Fl": _flate, b"ASCII85Decode": _ascii85, b"A85": _ascii85,
             b"ASCIIHexDecode": _ascii_hex, b"AHx": _ascii_hex, b"LZWDecode": _lzw, b"LZW": _lzw}
_WRAPPERS = {name for name, decoder in _DECODERS.items() if decoder is not _flate}
