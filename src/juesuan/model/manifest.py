"""data/raw/<year>/<department>/manifest.json: what a raw file is, and proof it was never edited."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class TablesFile:
    """The appendix workbook beside the report (``tables`` in manifest.json)."""

    file: str
    sha256: str
    original_name: str = ""
    reconstructed: bool = False  # made from the narrative's figures, not published by the department
    note: str = ""


@dataclass(frozen=True)
class Manifest:
    department: str
    year: int
    file: str
    original_name: str
    sha256: str
    tables: TablesFile | None = None


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(source: Path) -> Manifest | None:
    """The manifest beside a raw file, if it describes that file (a file given by hand may have none)."""
    manifest = read_manifest(source.parent)
    return manifest if manifest is not None and manifest.file == source.name else None


def read_manifest(folder: Path) -> Manifest | None:
    """A folder's manifest.json, if it has one: the one place the file is parsed."""
    path = folder / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        t = data.get("tables")
        tables = TablesFile(t["file"], t["sha256"], t.get("original_name", ""), bool(t.get("reconstructed", False)),
                            t.get("note", "")) if t else None
        manifest = Manifest(data["department"], int(data["year"]), data["file"], data.get("original_name", ""),
                            data["sha256"], tables)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReportError(path, f"not a valid manifest ({exc})") from exc
    return manifest


def verify(source: Path, manifest: Manifest | None) -> None:
    """Refuse a raw file whose checksum no longer matches its manifest."""
    if manifest is not None:
        verify_file(source, manifest.sha256)


def verify_file(path: Path, expected: str) -> None:
    if sha256(path) != expected:
        raise ReportError(path, "checksum does not match manifest.json: the raw file was changed "
                          "after it was recorded (data/raw is never edited; restore it or record the new file)")


def tables_file(source: Path, manifest: Manifest | None) -> Path | None:
    """The appendix workbook the manifest lists beside the report, checked against its checksum."""
    if manifest is None or manifest.tables is None:
        return None
    path = source.parent / manifest.tables.file
    if not path.is_file():
        raise ReportError(source.parent / MANIFEST, f"names the workbook {manifest.tables.file}, which is not in {source.parent}")
    verify_file(path, manifest.tables.sha256)
    return path


def check_year(source: Path, document_year: int, manifest: Manifest | None) -> None:
    """The year in the manifest and in a data/raw/<year>/<department>/ path must be the document's."""
    if manifest is not None and manifest.year != document_year:
        raise ReportError(source, f"manifest.json says {manifest.year} but the document is the {document_year} report")
    for folder in (source.parent.parent.name, source.parent.name):  # <year>/<department>/, or a <year>/ given by hand
        if folder.isdigit() and len(folder) == 4:
            if int(folder) != document_year:
                raise ReportError(source, f"the folder says {folder} but the document is the {document_year} report")
            return


WORKBOOK_SUFFIXES = (".xls", ".xlsx", ".xlsm")
REPORT_SUFFIXES = (".txt", ".docx", ".pdf")


def workbook_beside(folder: Path) -> Path | None:
    """The one appendix workbook of a folder without a manifest (None if none, or several)."""
    books = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                   and not p.name.startswith(("~$", ".")))
    return books[0] if len(books) == 1 else None


def report_file(folder: Path) -> Path:
    """The report of a department folder: the file its manifest names, else its one .txt/.docx/.pdf."""
    manifest = read_manifest(folder)
    if manifest is not None:
        if not (folder / manifest.file).is_file():
            raise ReportError(folder / MANIFEST, f"names {manifest.file}, which is not in {folder}")
        return folder / manifest.file
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
    if len(files) != 1:
        raise ReportError(folder, f"expected one report (.txt, .docx or .pdf) or a manifest.json, found {len(files)}")
    return files[0]
