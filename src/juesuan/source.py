"""Turn a file into decoded, normalised, numbered lines: the only place that decodes text.

Each line keeps two views of the same length, so a span found in one can be cut from the
other: ``raw`` is the text as published (export markers removed) and ``text`` is the
normalised form the parsers read (full-width ASCII → half-width, quotes unified).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReportError

MAX_BYTES = 50 * 1024 * 1024

_EXPORT_MARKER = re.compile(r"\[bookmark: [^\]]*\]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# One character in, one character out: keeps raw and text aligned.
_NORMALISE = str.maketrans(
    {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: " ", 0x00A0: " ",
     "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "「": '"', "」": '"',
     "‘": "'", "’": "'", "—": "-", "–": "-"}
)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the decoded file
    raw: str  # as published, export markers removed
    text: str  # normalised for parsing; same length as raw


@dataclass(frozen=True)
class Table:
    """A table read from a .docx (rows of cell strings); ``line`` is where it stands."""

    line: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Document:
    path: str
    lines: tuple[Line, ...]
    charts: tuple = field(default=())  # chart parts of a .docx (appendix.ChartBlock)
    tables: tuple[Table, ...] = field(default=())


def normalise(s: str) -> str:
    return s.translate(_NORMALISE)


def make_line(number: int, s: str) -> Line:
    raw = _EXPORT_MARKER.sub("", s)
    return Line(number, raw, normalise(raw))


def decode(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, or GB18030/GBK; refuse binary."""
    if not data.strip():
        raise ReportError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data:
        raise ReportError(path, "not a text file (binary content)")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise ReportError(path, "not a text file in UTF-8, UTF-16 or GB18030 (cannot decode it)")


def _strict(data: bytes, encoding: str, path) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportError(path, f"declares {encoding} by its byte-order mark but is not") from exc
    if _looks_binary(text):
        raise ReportError(path, "not a text file (binary content)")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters no text file has


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(8, len(text) // 200)


def document_from_text(text: str, path: str | Path = "<text>") -> Document:
    text = text.removeprefix("\ufeff")
    lines = tuple(make_line(i, s) for i, s in enumerate(_LINE_BREAK.split(text), start=1))
    return Document(str(path), lines)


def read_document(path: str | Path) -> Document:
    """Read a report (.txt export or .docx) from disk: the I/O edge of the pipeline."""
    path = Path(path)
    if not path.exists():
        raise ReportError(path, "no such file")
    if not path.is_file():
        raise ReportError(path, "not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReportError(path, f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MiB)")
    data = path.read_bytes()
    if path.suffix.lower() == ".docx" or data.startswith(b"PK\x03\x04"):
        from .docx import read_docx  # python-docx only when needed

        return read_docx(path, data)
    return document_from_text(decode(data, path), path)
