"""Where each report's files live: one key per (year, department folder), the same under every root.

    data/raw/<year>/<department>/          the report, its workbook, manifest.json (never edited)
    data/processed/<year>/<department>/    tidy tables, findings, workbook.xlsx, meta.json
    figures/<year>/<department>/           fig1–fig7 (.png and .svg)
    reports/<year>/<department>.html       the page (+ .ipynb executed notebook, .xlsx workbook)
    reports/<year>/index.html              the departments of a year side by side
    reports/index.html                     every year, every department across years

The department folder's name is free (a short name, pinyin, a code); the department's full name
comes from its manifest or its report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .manifest import MANIFEST, REPORT_SUFFIXES, WORKBOOK_SUFFIXES

FLAT = ""  # the department of a year folder that holds a report itself (the layout before departments)


@dataclass(frozen=True, order=True)
class ReportKey:
    year: int
    department: str  # the folder's name under data/raw/<year>/

    def __str__(self) -> str:
        return f"{self.year}/{self.department}" if self.department else str(self.year)


def raw_dir(root: Path, key: ReportKey) -> Path:
    return Path(root) / "data" / "raw" / str(key.year) / key.department


def processed_dir(root: Path, key: ReportKey) -> Path:
    return Path(root) / "data" / "processed" / str(key.year) / key.department


def figures_dir(root: Path, key: ReportKey) -> Path:
    return Path(root) / "figures" / str(key.year) / key.department


def year_reports_dir(root: Path, year: int) -> Path:
    return Path(root) / "reports" / str(year)


def report_path(root: Path, key: ReportKey, suffix: str) -> Path:
    """reports/<year>/<department><suffix>: .html, .ipynb, .xlsx, .failed.ipynb."""
    return year_reports_dir(root, key.year) / f"{key.department}{suffix}"


def _is_year(path: Path) -> bool:
    return path.is_dir() and path.name.isdigit() and len(path.name) == 4


def _holds_report(folder: Path) -> bool:
    return any(p.is_file() and (p.name == MANIFEST or p.suffix.lower() in REPORT_SUFFIXES + WORKBOOK_SUFFIXES)
               for p in folder.iterdir())


def find_reports(root: Path) -> list[ReportKey]:
    """Every (year, department) under data/raw/, sorted. What a folder holds is checked when its
    report is built, so that one broken department never hides the others."""
    raw = Path(root) / "data" / "raw"
    if not raw.is_dir():
        raise ReportError(raw, "no such folder (reports go in data/raw/<year>/<department>/)")
    keys = []
    for year_dir in sorted(p for p in raw.iterdir() if _is_year(p)):
        year = int(year_dir.name)
        if _holds_report(year_dir):
            keys.append(ReportKey(year, FLAT))  # refused when built, with the way to move it
        keys += [ReportKey(year, p.name) for p in sorted(year_dir.iterdir())
                 if p.is_dir() and not p.name.startswith((".", "_"))]
    return keys


def department_folder(root: Path, key: ReportKey) -> Path:
    """The raw folder of a report, refusing the flat layout with the way out."""
    folder = raw_dir(root, key)
    if key.department == FLAT:
        raise ReportError(folder, "holds a report directly; each department has its own folder: move the report, "
                          f"its workbook and manifest.json into {folder}/<department>/ (any folder name)")
    if not folder.is_dir():
        raise ReportError(folder, "no such department folder under data/raw/<year>/")
    return folder
