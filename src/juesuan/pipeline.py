"""Wire the steps together: a raw report → its processed tables (the imperative shell)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .check import run_checks
from .extract import TABLE_FILES, Extraction, extract
from .model.errors import ReportError
from .model.manifest import check_year, load_manifest, sha256, tables_file, verify, workbook_beside
from .model.outputs import WORKBOOK_FILE, read_csv, staged_dir, write_csv
from .model.version import __version__
from .publish.datapackage import datapackage
from .publish.workbook import workbook_bytes
from .read import read_document

FINDINGS_FILE = "findings.csv"
CSV_FILES = {**TABLE_FILES, "findings": FINDINGS_FILE}  # every table of a processed folder
META_FILE = "meta.json"
DATAPACKAGE_FILE = "datapackage.json"


@dataclass
class Processed:
    extraction: Extraction
    findings: pd.DataFrame
    meta: dict

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {**self.extraction.tables, "findings": self.findings}


def process(source: str | Path, tables: str | Path | None = None) -> Processed:
    """Read, verify, extract and check one report (no output written).

    ``tables``: the appendix workbook; by default the one its manifest lists. A workbook given as
    ``source`` is processed alone (its tables, no narrative)."""
    source = Path(source)
    document = read_document(source)
    manifest = load_manifest(source)
    verify(source, manifest)
    workbook_path = Path(tables) if tables else tables_file(source, manifest)
    workbook = None
    if workbook_path is not None:
        workbook = read_document(workbook_path)
        if not workbook.grids:
            raise ReportError(workbook_path, "holds no table (an Excel workbook, or a PDF of the tables, is expected)")
    extraction = extract(document, manifest.department if manifest else "", workbook)
    if workbook_path is None and manifest is not None and (beside := workbook_beside(source.parent)) is not None:
        # recorded files only: a workbook the manifest does not list is not read, but said
        extraction.table_warnings.append(f"报告旁有工作簿 {beside.name}，但 manifest.json 未列出（tables），未读取附表；"
                                         "如是本报告的附表，请在 manifest.json 中登记其文件名与 SHA-256")
    check_year(source, extraction.year, manifest)
    findings = run_checks(extraction.tables, extraction.warnings, extraction.table_warnings, extraction.unread_pages,
                          [(ln.number, ln.text) for ln in document.lines], extraction.year, extraction.kind)
    meta = {
        "department": extraction.department,
        "year": extraction.year,
        "source": source.name,
        "original_name": manifest.original_name if manifest else source.name,
        "sha256": sha256(source),
        "juesuan_version": __version__,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warnings": extraction.warnings + extraction.table_warnings,
        "tables_source": _tables_source(workbook_path, manifest),
        "kind": extraction.kind,
        "coverage": findings.attrs.get("coverage", {}),
    }
    return Processed(extraction, findings, meta)


def _tables_source(path: Path | None, manifest) -> dict | None:
    """What the appendix tables were read from, and whether the department published it."""
    if path is None:
        return None
    entry = manifest.tables if manifest is not None and manifest.tables is not None and \
        manifest.tables.file == path.name else None
    return {"file": path.name, "sha256": sha256(path),
            "original_name": entry.original_name if entry else path.name,
            "reconstructed": bool(entry and entry.reconstructed), "note": entry.note if entry else ""}


def write_processed(result: Processed, out_dir: Path) -> None:
    with staged_dir(out_dir) as tmp:
        write_into(result, tmp)


def write_into(result: Processed, folder: Path) -> None:
    tables = result.tables
    for key, name in CSV_FILES.items():
        write_csv(tables[key], folder / name)
    (folder / META_FILE).write_text(json.dumps(result.meta, ensure_ascii=False, indent=2), encoding="utf-8")
    descriptor = datapackage(result.meta, CSV_FILES, {key: list(frame.columns) for key, frame in tables.items()})
    (folder / DATAPACKAGE_FILE).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / WORKBOOK_FILE).write_bytes(workbook_bytes(tables, result.meta))


def load_processed(folder: Path) -> tuple[dict[str, pd.DataFrame], dict]:
    """The tables and meta of a processed folder, as the notebooks and charts read them."""
    folder = Path(folder)
    tables = {key: read_csv(folder / name) for key, name in CSV_FILES.items()}
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return tables, meta
