"""A text export (.txt) → Document: the only place that decodes text."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..model.document import Document, make_line
from ..model.errors import ReportError

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters no text file has


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


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(8, len(text) // 200)


def document_from_text(text: str, path: str | Path = "<text>") -> Document:
    text = text.removeprefix("\ufeff")
    lines = tuple(make_line(i, s) for i, s in enumerate(_LINE_BREAK.split(text), start=1))
    return Document(str(path), lines)


def read_text(path: Path, data: bytes) -> Document:
    return document_from_text(decode(data, path), path)
