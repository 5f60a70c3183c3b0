"""Every shared sample read, summarised for a before/after diff: identity, each table's row count, and every
finding that is not a note. A change to reading is checked by diffing this before and after it:

    python benchmarks/real_findings.py before.txt    # (on the old code: PYTHONPATH=<worktree>/src)
    python benchmarks/real_findings.py after.txt && diff before.txt after.txt

Nothing here is a bound (tests/test_real.py holds those): it shows what changed, to be read."""

from __future__ import annotations

import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "shared" / "samples"
SUFFIXES = (".pdf", ".txt", ".html", ".htm", ".xls", ".xlsx", ".doc", ".docx")


def samples() -> list[Path]:
    return [p for p in sorted(ROOT.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES
            and "TRUTH" not in p.name]


def summary(path: Path) -> str:
    import juesuan
    from juesuan.model.errors import ReportError

    head = f"## {path.relative_to(ROOT)}"
    try:
        result = juesuan.process(path)
    except ReportError as error:
        return f"{head}\n  refused: {error}\n"
    meta, tables = result.meta, result.tables
    lines = [head, f"  identity: {meta.get('kind')} {meta.get('year')} {meta.get('department')}",
             "  counts: " + " ".join(f"{k}={len(v)}" for k, v in sorted(tables.items()))]
    findings = tables["findings"]
    lines += [f"  {f.severity} {f.rule}: {f.message}" for f in findings.itertuples() if f.severity != "info"]
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/real_findings.py OUT.txt")
    with ProcessPoolExecutor(2) as pool:
        out = list(pool.map(summary, samples()))
    Path(sys.argv[1]).write_text("".join(out), encoding="utf-8")
    print(f"{len(out)} samples → {sys.argv[1]}")


if __name__ == "__main__":
    main()
