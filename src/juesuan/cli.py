"""`juesuan extract | check | report | add` — user errors end in one line and exit code 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .model.errors import ReportError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def skip_slow_imports() -> None:
    """jsonschema builds a grammar (≈ 1 s) at import when rfc3987-syntax is installed, as JupyterLab's
    jupyter-events brings it; nbformat, papermill and nbconvert never check the IRI formats it
    serves. Hidden from this process only, so that a batch with JupyterLab installed starts as fast."""
    sys.modules.setdefault("rfc3987_syntax", None)  # None: `import rfc3987_syntax` raises ImportError


def main(argv: list[str] | None = None) -> int:
    skip_slow_imports()
    parser = argparse.ArgumentParser(prog="juesuan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="read a report (or an appendix workbook alone) into tidy tables and findings.csv")
    p.add_argument("source", type=Path, help="the report (.txt/.docx), or its appendix workbook (.xls/.xlsx) alone")
    p.add_argument("--tables", type=Path, help="the report's appendix workbook (.xls/.xlsx); default: the manifest's")
    p.add_argument("--budget", type=Path, help="the same year's budget (部门预算), compared with the final accounts; "
                   "default: the manifest's")
    p.add_argument("--out", type=Path, help="output folder (default: data/processed/<year>/<department>/)")
    p = sub.add_parser("check", help="print the figures that do not add up (exit 1 if any error)")
    p.add_argument("source", type=Path)
    p.add_argument("--tables", type=Path, help="the report's appendix workbook (.xls/.xlsx); default: the manifest's")
    p.add_argument("--budget", type=Path, help="the same year's budget (部门预算); default: the manifest's")
    p.add_argument("--all", action="store_true", help="also list info findings")
    p = sub.add_parser("report", help="build figures and HTML reports with papermill, one per department and year")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=int, action="append", help="a year under data/raw/: all its departments (repeatable)")
    which.add_argument("--all", action="store_true", help="every department of every year under data/raw/")
    p.add_argument("--department", action="append",
                   help="only this department: its folder under data/raw/<year>/ or its manifest's name (repeatable)")
    p.add_argument("--root", type=Path, default=Path("."), help="project or data folder (default: current)")
    p.add_argument("--jobs", type=int, default=None, help="parallel reports (default: number of cores)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the reports on a Dask cluster (e.g. tcp://10.0.0.5:8786) instead of local processes")
    p = sub.add_parser("add", help="file downloaded disclosures under data/raw/<year>/<department>/ with their manifests")
    p.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_FOLDER", help="files, folders of them (walked) or zips of them")
    p.add_argument("--root", type=Path, default=Path("."), help="project folder whose data/raw/ receives them "
                   "(default: current)")
    p.add_argument("--dry-run", action="store_true", help="print where each file would go; write nothing")
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args.source, args.out, args.tables, args.budget)
        if args.command == "check":
            return cmd_check(args.source, args.all, args.tables, args.budget)
        if args.command == "add":
            from .ingest.filing import cmd_add

            return cmd_add(args.paths, args.root, args.dry_run)
        from .run.batch import cmd_report

        return cmd_report(args.root, None if args.all else args.year, args.department, args.jobs, args.scheduler)
    except ReportError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def cmd_extract(source: Path, out: Path | None, tables: Path | None = None, budget: Path | None = None) -> int:
    from .pipeline import process, write_processed

    result = process(source, tables, budget)
    out = out or default_out(source, result.extraction.year)
    write_processed(result, out)
    t = result.extraction.tables
    counts = result.findings["severity"].value_counts()
    appendix = (f", {len(t['appendix'])} 附表 cells in {len(t['appendix_tables'])} tables"
                if not t["appendix_tables"].empty else "")
    print(f"{source}: {result.extraction.department} {result.extraction.year or UNKNOWN_YEAR} — {len(t['facts'])} facts, "
          f"{len(t['functions'])} 功能分类 rows, {t['charts']['figure'].nunique()} figures{appendix}; "
          f"findings: {counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings → {out}")
    if result.budget is not None:
        print(f"budget: {result.meta['budget_source']['file']} — compared with the final accounts "
              f"({len(result.comparison)} rows, budget_vs_accounts.csv); its own tables → {out / 'budget'}")
    for warning in result.meta["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


UNKNOWN_YEAR = "年度未知"  # the folder of a report that states no year


def default_out(source: Path, year: int | None) -> Path:
    """data/processed/<year>/<department>/: the department folder a raw report sits in, else the file's name."""
    folder = source.resolve().parent
    department = folder.name if folder.parent.name == str(year) else source.stem
    return Path("data/processed") / (str(year) if year else UNKNOWN_YEAR) / department


def cmd_check(source: Path, show_info: bool, tables: Path | None = None, budget: Path | None = None) -> int:
    from .pipeline import process

    result = process(source, tables, budget)
    print(format_findings(result.findings, str(source), show_info))
    if result.meta.get("coverage"):
        print(result.meta["coverage"]["summary"])
    return EXIT_FINDINGS if (result.findings["severity"] == "error").any() else EXIT_OK


def format_findings(findings, source: str, show_info: bool = False) -> str:
    names = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
    lines = []
    for severity in ("error", "warning", "info"):
        rows = findings[findings["severity"] == severity]
        if rows.empty or (severity == "info" and not show_info):
            continue
        lines.append(f"{names[severity]} ({len(rows)})")
        for r in rows.itertuples():
            places = [p for p in str(getattr(r, "lines", "") or "").split(";") if p]
            first = places[0] if places else (str(r.line) if r.line is not None and str(r.line) != "<NA>" else "")
            where = f"{source}:{first}" if first else source
            if len(places) > 1:  # the figures it was compared with
                where += f" (with {', '.join(places[1:])})"
            lines.append(f"  {where}: [{r.rule}] {r.message}")
    counts = findings["severity"].value_counts()
    lines.append(f"{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, {counts.get('info', 0)} info")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
