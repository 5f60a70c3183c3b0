"""What the checks would raise as errors on every real budget of the samples (../shared/samples/real/
budget; Jiangsu's 说明 and 表格 read as one), and what they raise with the shipping policy
(check.BUDGET_ERROR_RULES): per document and per rule. ``-v`` lists each would-be error."""

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from real_samples import BUDGET, budget_documents  # noqa: E402

import juesuan  # noqa: E402
from juesuan.model.errors import ReportError  # noqa: E402


def errors(doc: Path, tables: Path | None, policy: bool):
    findings = juesuan.process(doc, tables=tables, budget_policy=policy).tables["findings"]
    return findings[findings["severity"] == "error"]


def main(verbose: bool) -> None:
    if not BUDGET.is_dir():
        print(f"no samples at {BUDGET}")
        return
    would_total, raised_total = Counter(), Counter()
    print("| budget | would raise (per rule) | raised (shipping policy) | time |")
    print("|---|---|---|---|")
    for doc, tables in budget_documents():
        name = doc.stem + (f" (+ {tables.stem})" if tables else "")
        start = time.perf_counter()
        try:
            would, raised = errors(doc, tables, False), errors(doc, tables, True)
        except ReportError as exc:
            print(f"| {name} | not read: {exc} | | |")
            continue
        seconds = (time.perf_counter() - start) / 2
        per_rule = Counter(would["rule"])
        would_total.update(per_rule)
        raised_total.update(Counter(raised["rule"]))
        said = ", ".join(f"{r} {n}" for r, n in per_rule.most_common()) or "0"
        shipped = ", ".join(f"{r} {n}" for r, n in Counter(raised["rule"]).most_common()) or "0"
        print(f"| {name} | {len(would)}: {said} | {len(raised)}: {shipped} | {seconds:.1f} s |")
        if verbose:
            for e in would.itertuples():
                print(f"    {e.rule} line {e.line} stated {e.stated} expected {e.expected}: {e.message[:300]}")
    print(f"\nwould raise {sum(would_total.values())}: "
          + ", ".join(f"{r} {n}" for r, n in would_total.most_common()))
    print(f"raised {sum(raised_total.values())}: " + (", ".join(f"{r} {n}" for r, n in raised_total.most_common())
                                                     or "none"))


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
