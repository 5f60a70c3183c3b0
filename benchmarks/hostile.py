"""The extract stage on hostile text (docs/READING.md, "Untrusted input"; docs/BENCHMARKS.md): the
shipped report with one line that repeats a figure 100, 1,000 and 10,000 times (tests/hostile.py,
REPEATS), read, extracted and checked (pipeline.process), then written (CSVs and workbook); and the
report brought just under each of a document's limits (AT_LIMITS, extract/bounds.py). Each case
runs in a process of its own, stopped past a time limit and a memory limit (so that the code before
the limits can be measured too). Prints Markdown tables: CPU seconds, peak memory, the rows of
facts.csv and its size, and whether every line was read.

    python benchmarks/hostile.py [--seconds 120] [--repeats 100,1000,10000] [--shapes same,rates] [--no-limits]
                                 [--unbounded]  (the limits of extract/bounds.py lifted: the rules alone)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402

MEMORY = 4 * 2**30  # the address space a case may take (MemoryError past it)

# In the child: read, extract, check (its CPU time printed at once); write; the peak resident memory of
# the process (VmHWM). ``unbounded``: the limits of extract/bounds.py lifted, to measure the rules alone.
_CASE = """
import re, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
from juesuan.pipeline import process, write_processed
if sys.argv[4] == "unbounded":
    from juesuan.extract import bounds
    for name in ("MAX_LINE_CHARS", "MAX_LINE_FIGURES", "MAX_LINES", "MAX_TEXT", "MAX_ROWS", "MAX_CARRIED"):
        setattr(bounds, name, 10**15)
start = time.process_time()
result = process(Path(sys.argv[1]))
print(time.process_time() - start, len(result.tables["facts"]), flush=True)
start = time.process_time()
write_processed(result, Path(sys.argv[2]))
written = time.process_time() - start
peak = int(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read())[1]) * 1024
unread = any("未读取" in w for w in result.meta["warnings"])
size = (Path(sys.argv[2]) / "facts.csv").stat().st_size
print(written, peak, size, unread)
"""


def case(line: str, seconds: float, folder: Path, unbounded: bool = False) -> str:
    """The table's cells for the report with ``line`` (or lines) in it, or what stopped it."""
    path = hostile.repeated_line(folder, line)
    command = [sys.executable, "-c", _CASE, str(path), str(folder / "out"), str(MEMORY),
               "unbounded" if unbounded else "bounded"]
    stderr, timed_out = "", False
    try:
        r = subprocess.run(command, capture_output=True, text=True, timeout=seconds, env=os.environ)
        out, stderr, failed = r.stdout.split("\n"), r.stderr, r.returncode != 0
    except subprocess.TimeoutExpired as stopped:  # (its output is bytes, text or not)
        out, failed, timed_out = (stopped.stdout or b"").decode().split("\n"), True, True
    stop = f"> {seconds:.0f} s (stopped)" if timed_out else f"> {MEMORY // 2**30} GiB (stopped)" \
        if "MemoryError" in stderr else f"failed: {stderr.strip().splitlines()[-1:]}"
    read = out[0].split() if out and out[0].strip() else None
    if read is None:
        return f"{stop} | — | — | — | — |"
    if failed:  # read and checked, then stopped while writing
        return f"{float(read[0]):.2f} s | {stop} | — | {int(read[1]):,} | — |"
    written, peak, size, unread = out[1].split()
    said = "no: said not read" if unread == "True" else "yes"
    return (f"{float(read[0]):.2f} s | {float(written):.2f} s | {int(peak) / 2**20:.0f} MB | {int(read[1]):,} "
            f"({int(size) / 2**20:.1f} MB) | {said} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=120, help="time limit of a case (default 120)")
    parser.add_argument("--repeats", default="100,1000,10000")
    parser.add_argument("--shapes", default=",".join(hostile.REPEATS))
    parser.add_argument("--no-limits", action="store_true", help="not the documents at the limits")
    parser.add_argument("--unbounded", action="store_true", help="the limits of extract/bounds.py lifted")
    args = parser.parse_args()
    print("| line | repeats | characters | read, extracted, checked (CPU) | written (CPU) | peak memory "
          "| facts.csv rows (size) | line read |")
    print("|---|---|---|---|---|---|---|---|")
    for shape in args.shapes.split(","):
        for n in map(int, args.repeats.split(",")):
            line = hostile.REPEATS[shape](n)
            with tempfile.TemporaryDirectory() as tmp:
                print(f"| {shape} | {n:,} | {len(line):,} | {case(line, args.seconds, Path(tmp), args.unbounded)}",
                      flush=True)
    if args.no_limits:
        return
    print()
    print("| the report brought just under | characters added | read, extracted, checked (CPU) | written (CPU) "
          "| peak memory | facts.csv rows (size) | every line read |")
    print("|---|---|---|---|---|---|---|")
    for name, lines in hostile.AT_LIMITS.items():
        with tempfile.TemporaryDirectory() as tmp:
            print(f"| {name} | {len(lines):,} | {case(lines, args.seconds, Path(tmp))}", flush=True)


if __name__ == "__main__":
    main()
