"""How many single-number errors do the checks catch? (make audit-bench)

Every number the narrative states is changed, one at a time, in three ways: its last digit + 1,
two adjacent digits swapped, the value × 1.1 (written with the same decimals). Each mutated
report is extracted and checked; the mutation is

- detected      when an error appears that the unmutated report does not have;
- explainable   when it is not detected, but would be if figures were exact: a change of one
                unit in the last place that two-decimal rounding of the other figures can absorb
                (the checks never call rounding an error, so no rule can catch these);
- missed        otherwise.

A number is "tied" when some identity relates it to others — measured, not assumed: its × 1.1
mutation is detected with exact figures. The others are "free" and listed. Recall is counted
among tied numbers, explainable mutations left out; localisation is the share of detections whose
finding names the mutated line. False alarms are the errors of the unmutated reports beyond those
reviewed by hand (docs/CHECKS.md). Prints figures; never fails.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = {
    "shipped 2023": next((ROOT / "data" / "raw" / "2023").glob("*/*.txt")),
    "education 2022": ROOT / "tests" / "fixtures" / "education_2022.txt",
}
# The errors of the unmutated reports reviewed by hand (docs/CHECKS.md, "What the checks found in 2023").
KNOWN = {"shipped 2023": {("sum.functions", "general_budget"), ("growth", "general_budget"), ("sum.functions", "208"),
                          ("performance.text_vs_table", "督导调研工作经费"), ("performance.total", "督导调研工作经费")},
         "education 2022": set()}
NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?")
SKIP_AFTER = re.compile(r"^\s*(?:年|月|日|（类|（款|（项|\(类|\(款|\(项|部分|、|\.\D|．)")  # dates, codes, numbering
MARKER = re.compile(r"\[bookmark: [^\]]*\]")  # the text export's bookmarks: not the report's text
KINDS = ("last digit + 1", "adjacent digits swapped", "× 1.1")


def mutate(number: str, kind: str) -> str | None:
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    if kind == "last digit + 1":
        i = digits[-1]
        return number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:]
    if kind == "adjacent digits swapped":
        for a, b in reversed(list(zip(digits, digits[1:]))):
            if b == a + 1 and number[a] != number[b]:
                return number[:a] + number[b] + number[a] + number[b + 1:]
        return None
    value = float(number.replace(",", "")) * 1.1
    decimals = len(number.split(".")[1]) if "." in number else 0
    out = f"{value:,.{decimals}f}" if "," in number else f"{value:.{decimals}f}"
    return None if out == number else out


def occurrences(text: str):
    """(line, start, end, number) of every number the narrative states (not years, codes, numbering,
    nor the chart data and tables of the text export, which are tab-separated)."""
    for n, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            continue
        hidden = [range(b.start(), b.end()) for b in MARKER.finditer(line)]
        for m in NUMBER.finditer(line):
            if SKIP_AFTER.match(line[m.end():]) or (m.start() == 0 and line[m.end():m.end() + 1] in ".、") \
                    or any(m.start() in h for h in hidden) or line[max(m.start() - 1, 0):m.start()] == "图":
                continue
            yield n, m.start(), m.end(), m.group()


@contextmanager
def exact_figures():
    """Checks as if every stated figure were exact (no rounding interval)."""
    from juesuan.check import interval

    original = interval.Interval.stated
    interval.Interval.stated = staticmethod(lambda value, half=0.0: interval.Interval(value - 1e-9, value + 1e-9))
    try:
        yield
    finally:
        interval.Interval.stated = original


def errors(text: str, exact: bool = False) -> tuple[set, list]:
    """The errors of a report as keys; with exact figures, a finding whose expected figure moved is a
    new one too (the unmutated report already fails there, rounded figures never being exact)."""
    from juesuan.check import run_checks
    from juesuan.extract import extract
    from juesuan.model.errors import ReportError
    from juesuan.read.text import document_from_text

    try:
        doc = document_from_text(text, "audit.txt")
        e = extract(doc)
    except ReportError:
        return {("unreadable", "")}, []
    # every rule, the ones that read the wording too (as the pipeline runs them)
    f = run_checks(e.tables, e.warnings, lines=[(ln.number, ln.text) for ln in doc.lines], year=e.year)
    f = f[f["severity"] == "error"]
    # the line is part of an error's identity: the same disagreement reported at another line (a
    # restatement changed to agree with the odd one) is a new finding
    keys = {(r.rule, r.subject, None if r.stated != r.stated else round(float(r.stated), 6),
             round(float(r.expected), 6) if exact and r.expected == r.expected and r.expected is not None else None,
             r.line)
            for r in f.itertuples()}
    return keys, list(f["lines"])


def audit(name: str, path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    base, _ = errors(text)
    with exact_figures():
        exact_base, _ = errors(text, exact=True)
    false_alarms = {(r, s) for r, s, _v, _e, _line in base} - KNOWN[name]
    outcome: dict[tuple, dict[str, str]] = defaultdict(dict)
    named: set[tuple] = set()  # (line, start, kind) of detections whose finding names the line
    tied, free = set(), []
    cases = []
    for n, a, b, number in occurrences(text):
        for kind in KINDS:
            new = mutate(number, kind)
            if new is None:
                continue
            changed = "\n".join(lines[:n - 1] + [lines[n - 1][:a] + new + lines[n - 1][b:]] + lines[n:])
            cases.append((n, a, number, kind, changed))
    for n, a, number, kind, changed in cases:
        found, places = errors(changed)
        new_errors = found - base
        if new_errors:
            result = "detected"
            if any(str(n) in str(p).split(";") for p in places):
                named.add((n, a, kind))
        else:
            with exact_figures():
                exact_found, _ = errors(changed, exact=True)
            result = "explainable" if exact_found - exact_base else "missed"
        outcome[(n, a, number)][kind] = result
    for (n, a, number), results in outcome.items():
        if any(r in ("detected", "explainable") for r in results.values()):  # some identity relates it
            tied.add((n, a))
        else:
            free.append((n, number, MARKER.sub("", lines[n - 1]).strip()[:60]))
    misses = [(n, number, kind) for (n, a, number), res in outcome.items() if (n, a) in tied
              for kind, r in res.items() if r == "missed"]
    per_kind = {}
    for kind in KINDS:
        mine = [((n, a), res[kind]) for (n, a, _num), res in outcome.items() if (n, a) in tied and kind in res]
        counts = Counter(r for _k, r in mine)
        local = sum((key[0], key[1], kind) in named for key, r in mine if r == "detected")
        per_kind[kind] = (counts["detected"], counts["detected"] + counts["missed"], counts["explainable"], local)
    return {"numbers": len(outcome), "tied": len(tied), "free": free, "per_kind": per_kind, "misses": misses,
            "false_alarms": false_alarms, "mutations": len(cases)}


def lines_of(name: str) -> list[str]:
    return [MARKER.sub("", line) for line in REPORTS[name].read_text(encoding="utf-8").split("\n")]


def main() -> None:
    start = time.perf_counter()
    for name, path in REPORTS.items():
        r = audit(name, path)
        print(f"\n{name}: {r['numbers']} numbers stated, {r['mutations']} mutations; {r['tied']} numbers tied by an "
              f"identity, {len(r['free'])} free")
        total_detected = total_counted = total_localised = 0
        for kind, (detected, counted, explainable, localised) in r["per_kind"].items():
            total_detected += detected
            total_counted += counted
            total_localised += localised
            recall = detected / counted if counted else float("nan")
            local = localised / detected if detected else float("nan")
            print(f"  {kind:24s} recall {detected}/{counted} = {recall:.0%}   localised {local:.0%}   "
                  f"(rounding explains {explainable} more)")
        print(f"  all kinds                recall {total_detected}/{total_counted} = "
              f"{total_detected / max(total_counted, 1):.0%}   localised {total_localised / max(total_detected, 1):.0%}")
        print(f"  false alarms on the unmutated report: {len(r['false_alarms'])} {sorted(r['false_alarms'])}")
        print("  missed (a tied number whose change no rule catches, even with exact figures):")
        for n, number, kind in r["misses"]:
            print(f"    line {n}: {number} ({kind})  — {lines_of(name)[n - 1].strip()[:70]}")
        print("  free numbers (no identity relates them: no change of them is caught, even with exact figures):")
        for n, number, line in r["free"]:
            print(f"    line {n}: {number}  — {line}")
    print(f"\n({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
