"""Reading: a file on disk → a Document (numbered lines, table grids, chart data, with provenance).
Enters: a path. Leaves: ``Document``. One module per format, chosen here by suffix or magic bytes.

To add a format, write ``read/<format>.py`` with ``read_<format>(path, data) -> Document`` and add
one line to ``READERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from ..model.document import Document
from ..model.errors import ReportError

MAX_BYTES = 50 * 1024 * 1024  # on disk; what a file unpacks to is bounded by its reader (docs/READING.md)


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes], bool]  # recognises the format by its content, whatever the name
    function: str  # "module:function" under juesuan.read, imported only when used

    def load(self) -> Callable[[Path, bytes], Document]:
        module, function = self.function.split(":")
        return getattr(import_module(f"{__name__}.{module}"), function)


def _is_workbook(data: bytes) -> bool:
    from .workbook import is_workbook

    return is_workbook(data)


def _is_word97(data: bytes) -> bool:
    from .doc import is_word97

    return is_word97(data)


def _is_zip(data: bytes) -> bool:  # any other zip package is taken for a Word file, which says if it is not
    return data.startswith(b"PK\x03\x04")


def _is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def _is_html(data: bytes) -> bool:  # <!doctype html or <html first (after white space and a BOM)
    return data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith((b"<!doctype html", b"<html"))


# Sniffed in this order when the suffix names no reader.
READERS: tuple[Reader, ...] = (
    Reader("pdf", (".pdf",), _is_pdf, "pdf:read_pdf"),
    Reader("doc", (".doc", ".wps"), _is_word97, "doc:read_doc"),  # before the workbook: both are OLE files
    Reader("workbook", (".xls", ".xlsx", ".xlsm"), _is_workbook, "workbook:read_workbook"),
    Reader("docx", (".docx",), _is_zip, "docx:read_docx"),
    Reader("html", (".html", ".htm", ".shtml"), _is_html, "html:read_html"),
    Reader("text", (".txt",), lambda data: False, "text:read_text"),  # also the fallback
)


def reader_for(path: Path, data: bytes) -> Reader:
    """The reader of a file's suffix; else the one whose magic bytes match; else plain text."""
    suffix = path.suffix.lower()
    by_suffix = [r for r in READERS if suffix in r.suffixes]
    if by_suffix:
        return by_suffix[0]
    return next((r for r in READERS if r.sniff(data)), READERS[-1])


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or one clear error: missing, not a file, too large."""
    path = Path(path)
    if not path.exists():
        raise ReportError(path, "no such file")
    if not path.is_file():
        raise ReportError(path, "not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReportError(path, f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MiB)")
    return path.read_bytes()


def read_document(path: str | Path) -> Document:
    """Read a report from disk with the reader its format asks for: the I/O edge of the pipeline."""
    path = Path(path)
    data = read_bytes(path)
    return reader_for(path, data).load()(path, data)
