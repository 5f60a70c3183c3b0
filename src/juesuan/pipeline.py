"""Wire the steps together: a raw report → its processed tables (the imperative shell)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .check import run_checks
from .check.context import SEVERITY_ORDER
from .check.pair import rule_budget_stated
from .extract import TABLE_FILES, Extraction, extract
from .extract.extraction import NO_YEAR
from .extract.identity import Identity, identify, same_department
from .model.errors import ReportError
from .model.manifest import (
    BudgetPaths,
    budget_file,
    check_year,
    filed_year,
    load_manifest,
    sha256,
    tables_file,
    verify,
    workbook_beside,
)
from .model.outputs import WORKBOOK_FILE, read_csv, staged_dir, write_csv
from .model.version import __version__
from .publish.budget_vs_accounts import comparison
from .publish.datapackage import datapackage
from .publish.workbook import workbook_bytes
from .read import read_document

FINDINGS_FILE = "findings.csv"
CSV_FILES = {**TABLE_FILES, "findings": FINDINGS_FILE}  # every table of a processed folder
META_FILE = "meta.json"
DATAPACKAGE_FILE = "datapackage.json"
COMPARISON = "budget_vs_accounts"  # a table of a folder whose report has its budget beside it
COMPARISON_FILE = "budget_vs_accounts.csv"
BUDGET_DIR = "budget"  # data/processed/<year>/<department>/budget/: the budget's own processed tables


@dataclass
class Processed:
    extraction: Extraction
    findings: pd.DataFrame
    meta: dict
    budget: Processed | None = None  # the same year's budget, processed, when it is beside the final accounts
    comparison: pd.DataFrame | None = None  # 预算与决算 (publish.budget_vs_accounts), with the budget

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        paired = {} if self.comparison is None else {COMPARISON: self.comparison}
        return {**self.extraction.tables, "findings": self.findings, **paired}


def process(source: str | Path, tables: str | Path | None = None, budget: str | Path | None = None,
            budget_policy: bool = True) -> Processed:
    """Read, verify, extract and check one report (no output written).

    ``tables``: the appendix workbook; by default the one its manifest lists. A workbook given as
    ``source`` is processed alone (its tables, no narrative). ``budget``: the same year's budget
    (部门预算), by default the one the manifest lists (or, without a manifest, the file beside
    whose name says 预算): processed too, compared with the final accounts, and refused when its
    year or department is another. ``budget_policy``: see ``check.run_checks``."""
    source = Path(source)
    result = _process_one(source, tables, budget_policy=budget_policy)
    if result.extraction.kind not in ("部门决算", "单位决算"):
        if budget is not None:
            raise ReportError(source, f"is a {result.extraction.kind or 'document'}, not final accounts: "
                              f"it has no budget to be compared with ({Path(budget).name})")
        return result
    paths = BudgetPaths(Path(budget), None, Path(budget).name) if budget else budget_file(source, load_manifest(source))
    return result if paths is None else pair(result, source, paths)


def identify_file(source: str | Path) -> Identity:
    """What a file is (kind, year, department), read from the document itself; its name only as a
    last resort. Raises ReportError only when the file cannot be read at all."""
    source = Path(source)
    return identify(read_document(source), source.name)


def pair(accounts: Processed, source: Path, paths: BudgetPaths) -> Processed:
    """The final accounts with the same year's budget: the budget processed, both checked to be of
    one department and year, the 预算与决算 comparison made and the 年初预算 the 决算 states checked."""
    budget = _process_one(paths.file, paths.tables, folder_year=False)  # its year is told against the report's
    a, b = accounts.extraction, budget.extraction
    files = f"{source} and its budget {paths.file}"
    if not b.kind.endswith("预算"):
        raise ReportError(paths.file, f"is listed as the budget of {source.name} but is a {b.kind or 'document'} "
                          "(a 部门预算 or 单位预算 is expected)")
    if a.year != b.year:
        raise ReportError(files, f"are not of one year: the final accounts are of {a.year}, the budget of {b.year}")
    if not same_department(a.department, b.department):
        raise ReportError(files, f"are not of one department: the final accounts are of {a.department}, "
                          f"the budget of {b.department}")
    carryover = any(b.tables["facts"]["metric"].astype(str).str.startswith("carryover.opening")
                    & (b.tables["facts"]["value"] != 0))
    stated = rule_budget_stated(a.tables, b.tables, b.year, b.kind, carryover)
    findings = accounts.findings
    if stated:
        added = pd.DataFrame([f.row() for f in stated], columns=findings.columns)
        frame = pd.concat([findings, added], ignore_index=True) if not findings.empty else added
        frame["line"] = frame["line"].astype("Int64")
        order = frame["severity"].map(SEVERITY_ORDER)
        frame = frame.assign(_o=order).sort_values(["_o", "line"], kind="stable").drop(columns="_o").reset_index(drop=True)
        frame.attrs = dict(findings.attrs)
        findings = frame
    budget.meta["original_name"] = paths.original_name or paths.file.name
    meta = {**accounts.meta, "budget_source": {
        "file": paths.file.name, "original_name": budget.meta["original_name"], "sha256": budget.meta["sha256"],
        "kind": b.kind, "department": b.department, "year": b.year, "folder": BUDGET_DIR,
        "tables_source": budget.meta.get("tables_source")}}
    return Processed(accounts.extraction, findings, meta, budget, comparison(a.tables, b.tables))


def _process_one(source: Path, tables: str | Path | None = None, folder_year: bool = True,
                 budget_policy: bool = True) -> Processed:
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
    if extraction.year is None and (filed := filed_year(source, manifest)):
        # the document states no year: the one it was filed under (manifest.json, data/raw/<year>/), said so
        extraction.year = filed
        extraction.warnings = [f"报告未写明年度：按其存放位置（manifest.json 或 data/raw/{filed}/）作{filed}年读取"
                               if w == NO_YEAR else w for w in extraction.warnings]
    if folder_year and extraction.year is not None:
        check_year(source, extraction.year, manifest)
    findings = run_checks(extraction.tables, extraction.warnings, extraction.table_warnings, extraction.unread_pages,
                          extraction.lines or [(ln.number, ln.text) for ln in document.lines], extraction.year,
                          extraction.kind, extraction.unread_items, budget_policy, extraction.department,
                          extraction.not_read, extraction.pages)
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


def csv_files(tables: dict) -> dict[str, str]:
    """The CSV files of a processed folder: every report's, and the comparison when it has a budget."""
    return {**CSV_FILES, COMPARISON: COMPARISON_FILE} if COMPARISON in tables else CSV_FILES


def write_into(result: Processed, folder: Path) -> None:
    tables = result.tables
    files = csv_files(tables)
    for key, name in files.items():
        write_csv(tables[key], folder / name)
    if result.budget is not None:  # the budget's own tables, findings and meta, beside (never instead of) the report's
        (folder / BUDGET_DIR).mkdir()
        write_into(result.budget, folder / BUDGET_DIR)
    (folder / META_FILE).write_text(json.dumps(result.meta, ensure_ascii=False, indent=2), encoding="utf-8")
    descriptor = datapackage(result.meta, files, {key: list(frame.columns) for key, frame in tables.items()})
    (folder / DATAPACKAGE_FILE).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    (folder / WORKBOOK_FILE).write_bytes(workbook_bytes(tables, result.meta))


def load_processed(folder: Path) -> tuple[dict[str, pd.DataFrame], dict]:
    """The tables and meta of a processed folder, as the notebooks and charts read them."""
    folder = Path(folder)
    tables = {key: read_csv(folder / name) for key, name in CSV_FILES.items()}
    if (folder / COMPARISON_FILE).exists():
        tables[COMPARISON] = read_csv(folder / COMPARISON_FILE)
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return tables, meta
