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
class BudgetFile:
    """The same year's budget (部门预算 / 单位预算) beside the final accounts (``budget`` in
    manifest.json), and its tables when they are a file of their own (江苏: 说明 and 表格)."""

    file: str
    sha256: str
    original_name: str = ""
    tables: TablesFile | None = None


@dataclass(frozen=True)
class Manifest:
    department: str
    year: int
    file: str
    original_name: str
    sha256: str
    tables: TablesFile | None = None
    budget: BudgetFile | None = None


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
        b = data.get("budget")
        budget = BudgetFile(b["file"], b["sha256"], b.get("original_name", ""), _tables(b.get("tables"))) if b else None
        manifest = Manifest(data["department"], int(data["year"]), data["file"], data.get("original_name", ""),
                            data["sha256"], _tables(data.get("tables")), budget)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReportError(path, f"not a valid manifest ({exc})") from exc
    return manifest


def _tables(t: dict | None) -> TablesFile | None:
    return TablesFile(t["file"], t["sha256"], t.get("original_name", ""), bool(t.get("reconstructed", False)),
                      t.get("note", "")) if t else None


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


def filed_year(source: Path, manifest: Manifest | None) -> int | None:
    """The year a report was filed under: its manifest's, else a data/raw/<year>/<department>/ path's."""
    if manifest is not None and manifest.year:
        return int(manifest.year)
    return _year_folder(source)


def _year_folder(source: Path) -> int | None:
    """The year of a data/raw/<year>/<department>/ path, or of a <year>/ folder given by hand."""
    return next((int(f) for f in (source.parent.parent.name, source.parent.name) if f.isdigit() and len(f) == 4), None)


def check_year(source: Path, document_year: int, manifest: Manifest | None) -> None:
    """The year in the manifest and in a data/raw/<year>/<department>/ path must be the document's."""
    if manifest is not None and manifest.year != document_year:
        raise ReportError(source, f"manifest.json says {manifest.year} but the document is the {document_year} report")
    folder = _year_folder(source)
    if folder is not None and folder != document_year:
        raise ReportError(source, f"the folder says {folder} but the document is the {document_year} report")


WORKBOOK_SUFFIXES = (".xls", ".xlsx", ".xlsm")
# what a department publishes its report as: text, Word (and .doc/.wps), PDF, a saved web page
REPORT_SUFFIXES = (".txt", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm", ".shtml")


def workbook_beside(folder: Path) -> Path | None:
    """The one appendix workbook of a folder without a manifest (None if none, or several)."""
    books = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                   and not p.name.startswith(("~$", ".")))
    return books[0] if len(books) == 1 else None


def report_file(folder: Path) -> Path:
    """The report of a department folder: the file its manifest names, else its one report file
    (beside which the folder may hold the same year's budget, named so: budget_beside)."""
    manifest = read_manifest(folder)
    if manifest is not None:
        if not (folder / manifest.file).is_file():
            raise ReportError(folder / MANIFEST, f"names {manifest.file}, which is not in {folder}")
        return folder / manifest.file
    files = _report_files(folder)
    if len(files) == 2 and sum(map(_named_budget, files)) == 1:
        return next(p for p in files if not _named_budget(p))
    if len(files) != 1:
        raise ReportError(folder, f"expected one report ({', '.join(REPORT_SUFFIXES)}) or a manifest.json, "
                                  f"found {len(files)}"
                          + (" (a budget beside the final accounts is a file whose name says 预算 and not 决算)"
                             if len(files) == 2 else ""))
    return files[0]


def _report_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                  and not p.name.startswith(("~$", ".")))


def _named_budget(path: Path) -> bool:
    return "预算" in path.stem and "决算" not in path.stem


@dataclass(frozen=True)
class BudgetPaths:
    """Where the budget paired with a report is, checked against its manifest when it has one."""

    file: Path
    tables: Path | None = None
    original_name: str = ""


def budget_file(source: Path, manifest: Manifest | None) -> BudgetPaths | None:
    """The same year's budget beside a report: the one its manifest lists (checksums verified), or,
    in a folder without manifest.json, the one other report file whose name says 预算 and not 决算.
    None when there is none (and for a budget itself)."""
    if manifest is not None:
        entry = manifest.budget
        if entry is None:
            return None
        paths = [source.parent / entry.file] + ([source.parent / entry.tables.file] if entry.tables else [])
        for path, expected in zip(paths, [entry.sha256] + ([entry.tables.sha256] if entry.tables else [])):
            if not path.is_file():
                raise ReportError(source.parent / MANIFEST, f"names the budget file {path.name}, which is not in "
                                  f"{source.parent}")
            verify_file(path, expected)
        return BudgetPaths(paths[0], paths[1] if entry.tables else None, entry.original_name or entry.file)
    if _named_budget(source) or (source.parent / MANIFEST).exists():
        return None  # a budget is paired with nothing; a report given by hand beside another's manifest neither
    others = [p for p in _report_files(source.parent) if p != source]
    if len(others) == 1 and _named_budget(others[0]):
        return BudgetPaths(others[0], None, others[0].name)
    return None
