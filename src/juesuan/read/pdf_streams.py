"""A PDF's compressed streams, counted before pdfium inflates them (a PDF from the web is untrusted).

A content stream of 600 MB of blanks deflates to 600 KB; pdfium inflates it whole to read the
page's text (6.7 s and 1.3 GB before the page is found empty). So every deflated (zlib) stream is
first inflated here a chunk at a time and thrown away, counting, and the PDF is refused as soon as
one stream passes MAX_STREAM or all of them MAX_INFLATED: the cost is bounded by those limits
(≈ 0.2 s and a few MB for the bomb). The 30 real disclosures in the samples inflate to 0.3–8.4 MB
in all, 1 MB at most a stream; a 300-dpi A4 colour image is 26 MB.

Not counted: a stream whose first filter is not FlateDecode (ASCII85 or LZW before it), and what a
stream's text draws; pdfium's own limits apply there (docs/READING.md, "Untrusted input").
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from ..model.errors import ReportError

MAX_STREAM = 64 * 2**20
MAX_INFLATED = 256 * 2**20
_STREAM = re.compile(rb"stream\r?\n")  # where a stream's data starts
_IN, _OUT = 2**16, 2**20  # bytes fed to zlib, and taken from it, at a time


def check_streams(data: bytes, path: Path) -> None:
    """Refuse a PDF whose deflated streams inflate past the limits."""
    total, view = 0, memoryview(data)  # slices of a view are not copies
    for start in (m.end() for m in _STREAM.finditer(data)):
        size = inflated_size(view, start, min(MAX_STREAM, MAX_INFLATED - total))
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
