"""Wire the steps together: a raw report → its processed tables (the imperative shell)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .check import run_checks
from .extract import TABLE_FILES, Extraction, extract
from .manifest import check_year, load_manifest, sha256, verify
from .outputs import read_csv, staged_dir, write_csv
from .publish.datapackage import datapackage
from .read import read_document
from .version import __version__

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


def process(source: str | Path) -> Processed:
    """Read, verify, extract and check one report (no output written)."""
    source = Path(source)
    document = read_document(source)
    manifest = load_manifest(source)
    verify(source, manifest)
    extraction = extract(document, manifest.department if manifest else "")
    check_year(source, extraction.year, manifest)
    findings = run_checks(extraction.tables, extraction.warnings)
    meta = {
        "department": extraction.department,
        "year": extraction.year,
        "source": source.name,
        "original_name": manifest.original_name if manifest else source.name,
        "sha256": sha256(source),
        "juesuan_version": __version__,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warnings": extraction.warnings,
    }
    return Processed(extraction, findings, meta)


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


def load_processed(folder: Path) -> tuple[dict[str, pd.DataFrame], dict]:
    """The tables and meta of a processed folder, as the notebooks and charts read them."""
    folder = Path(folder)
    tables = {key: read_csv(folder / name) for key, name in CSV_FILES.items()}
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return tables, meta
