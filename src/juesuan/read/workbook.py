"""An appendix workbook (.xls or .xlsx) → a Document of grids, one per sheet, merged ranges kept.

python-calamine reads both the old BIFF8 .xls and .xlsx with one API, fast (Rust), and gives the
merged ranges of both, which the header reading needs; openpyxl reads only .xlsx and xlrd only
.xls. Calamine gives a formula's cached value and nothing when there is none, so for .xlsx the
sheet XML is scanned for formula cells without a value, which are named in the document's notes.
An .xlsx is unpacked under read/archive.py's limits (zip bombs) before either reads it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from itertools import chain, pairwise
from pathlib import Path

from ..model.document import Document, Grid
from ..model.errors import ReportError
from .archive import repack, unpack

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")  # an encrypted .xlsx is an OLE file with this


def is_workbook(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC) or (data.startswith(b"PK\x03\x04") and b"xl/workbook" in data)


def read_workbook(path: Path, data: bytes) -> Document:
    from python_calamine import CalamineWorkbook

    if data.startswith(OLE_MAGIC) and _ENCRYPTED_STREAM in data:
        raise ReportError(path, "the workbook is encrypted (password-protected); save a copy without a password")
    if not data.startswith((OLE_MAGIC, b"PK\x03\x04")):
        raise ReportError(path, "not an Excel workbook (.xls or .xlsx)")
    unread = []
    if data.startswith(b"PK"):  # an .xlsx: zip bombs refused, calamine given only the members counted
        members = unpack(data, path, "cannot read the workbook (damaged, cut short, or not Excel)")
        unread = formulas_without_value(members)
        data = repack(members)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = tuple(tuple(map(tuple, m)) for m in (sheet.merged_cell_ranges or ()))
            grids.append(Grid(name, tuple(tuple(r) for r in rows), merges,
                              frozenset(cell for s, cell in unread if s == name)))
    except ReportError:
        raise
    except Exception as exc:  # calamine raises its own error types for broken and encrypted files
        problem = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        if re.search(r"password|encrypt", problem, re.I):
            raise ReportError(path, "the workbook is encrypted (password-protected); save a copy without a password") from exc
        raise ReportError(path, f"cannot read the workbook (damaged, cut short, or not Excel): {problem}") from exc
    notes = tuple(f"{sheet}!{cell}：公式单元格没有保存计算结果（未读取其数值），请在 Excel 中重新计算并保存"
                  for sheet, cell in unread)
    return Document(str(path), (), grids=tuple(grids), notes=notes)


# Linear scans (the XML is untrusted): a tag is what lies between "<" and ">" with no "<" inside, its
# attributes are read from it alone, and a cell's content ends at its </c> or the next cell's tag.
# (Lazy patterns spanning tags took 65 s on 176 KB of unclosed <c> tags.)
_SHEET = re.compile(rb"<sheet\b([^<>]*)>")
_RELATIONSHIP = re.compile(rb"<Relationship\b([^<>]*)>")
_CELL = re.compile(rb"<c\b([^<>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_VALUE = re.compile(rb"<v>[^<]+</v>")
_REFERENCE = re.compile(rb"[A-Z]+\d+")


def formulas_without_value(members: dict[str, bytes]) -> list[tuple[str, str]]:
    """(sheet, cell) of every formula cell of an .xlsx (its unpacked members) that has no cached value."""
    if "xl/workbook.xml" not in members:
        return []
    relationships = (_attributes(m[1]) for m in _RELATIONSHIP.finditer(members.get("xl/_rels/workbook.xml.rels", b"")))
    targets = {r[b"Id"]: r[b"Target"] for r in relationships if b"Id" in r and b"Target" in r}
    out = []
    for sheet in (_attributes(m[1]) for m in _SHEET.finditer(members["xl/workbook.xml"])):
        if b"name" not in sheet:
            continue
        target = targets.get(sheet.get(b"r:id", b""), b"").decode("utf-8", "replace")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        for ref, inner in _formula_cells(members.get(member, b"")):
            if not _VALUE.search(inner):
                out.append((_unescape(sheet[b"name"]), ref.decode()))
    return out


def _attributes(tag: bytes) -> dict[bytes, bytes]:
    return dict(_ATTRIBUTE.findall(tag))


def _formula_cells(sheet: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(reference, content) of every cell holding a formula (<f>), in one pass over the sheet's XML."""
    close = -1  # the first </c> at or after the current cell's tag
    for tag, following in pairwise(chain(_CELL.finditer(sheet), [None])):
        if tag[1].endswith(b"/"):  # <c r="A1"/>: empty
            continue
        if close < tag.end():
            close = sheet.find(b"</c>", tag.end())
            close = len(sheet) if close < 0 else close
        end = close if following is None else min(close, following.start())
        if sheet.find(b"<f", tag.end(), end) < 0:
            continue
        ref = _attributes(tag[1]).get(b"r", b"")
        if _REFERENCE.fullmatch(ref):
            yield ref, sheet[tag.end():end]


def _unescape(name: bytes) -> str:
    return (name.decode("utf-8", "replace").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'"))
