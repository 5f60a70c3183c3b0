"""Every error raised on every real document we hold against the ledger (tests/fixtures/error_ledger.json):
per document, errors raised, real, false, not in the ledger. ``--add`` writes the errors not in the ledger
into it with an empty verdict, to be read on the page and marked (``real`` + the defect, ``false`` + why)."""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from real_samples import ERROR_LEDGER, ledger, raised_errors, real_documents  # noqa: E402


def main(add: bool) -> None:
    known = ledger()
    new, rows = [], []
    total = {"errors": 0, "real": 0, "false": 0, "new": 0}
    start = time.perf_counter()
    for name, path, tables in real_documents():
        errors = raised_errors(name, path, tables)
        verdicts = [known.get(e["key"], {}).get("verdict", "new") or "new" for e in errors]
        counts = {"errors": len(errors), **{v: verdicts.count(v) for v in ("real", "false", "new")}}
        new += [e for e in errors if e["key"] not in known]
        for k in total:
            total[k] += counts[k]
        if errors:
            rows.append(f"| {name} | {counts['errors']} | {counts['real']} | {counts['false']} | {counts['new']} |")
    print("| document (those with an error) | errors | real | false | not in the ledger |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"| **all {len(real_documents())} documents** | {total['errors']} | {total['real']} | {total['false']} | "
          f"{total['new']} |")
    print(f"\n{time.perf_counter() - start:.0f} s")
    if add and new:
        entries = list(known.values()) + [{**e, "verdict": "", "why": ""} for e in new]
        ERROR_LEDGER.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{len(new)} new errors written to {ERROR_LEDGER} for review")


if __name__ == "__main__":
    main("--add" in sys.argv[1:])
