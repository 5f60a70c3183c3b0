"""Speed and memory of juesuan, measured in one run on this machine (make bench).

Prints figures, never fails: the targets are for people to compare. Machines here are shared
and noisy, so compare the ratios measured in the same run rather than absolute seconds.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHIPPED = next((ROOT / "data" / "raw" / "2023").glob("*/*.txt"))
WORKBOOK = next((ROOT / "data" / "raw" / "2023").glob("*/*.xls"))
ROUNDS = 5
sys.path.insert(0, str(ROOT / "tests"))  # the generated departments (tests/departments.py)

FLOOR_SCRIPT = """
import sys
if sys.argv[3:] == ["skip"]:
    sys.modules["rfc3987_syntax"] = None  # as juesuan's processes do (cli.skip_slow_imports)
import nbformat, papermill as pm
from nbconvert import HTMLExporter
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
p = nbformat.v4.new_code_cell("n = 3"); p.metadata["tags"] = ["parameters"]
nb.cells = [p, nbformat.v4.new_code_cell("import pandas as pd\\npd.DataFrame({'a': range(n)})"),
            nbformat.v4.new_code_cell("import matplotlib\\nmatplotlib.use('Agg')\\nimport matplotlib.pyplot as plt\\nplt.plot([1, 2, n]); plt.show()")]
nbformat.write(nb, sys.argv[1] + "/in.ipynb")
pm.execute_notebook(sys.argv[1] + "/in.ipynb", sys.argv[1] + "/out.ipynb", parameters={"n": 5}, progress_bar=False,
                    shutdown_kernel=sys.argv[2])
body, _ = HTMLExporter(exclude_input=True).from_notebook_node(nbformat.read(sys.argv[1] + "/out.ipynb", as_version=4))
open(sys.argv[1] + "/out.html", "w").write(body)
"""


def timed(cmd: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def bench_extract(runs: int = 30) -> tuple[float, float]:
    from juesuan.check import run_checks
    from juesuan.extract import extract
    from juesuan.read import read_document

    extract_times, total_times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        e = extract(read_document(SHIPPED))
        middle = time.perf_counter()
        run_checks(e.tables, e.warnings)
        end = time.perf_counter()
        extract_times.append(middle - start)
        total_times.append(end - start)
    return statistics.median(extract_times), statistics.median(total_times)


def bench_appendix(runs: int = 30) -> tuple[float, float]:
    """Reading and cleaning the 13-table workbook, then the table checks (within, across, and
    against the narrative) — in-process, medians."""
    from juesuan.check import RULES, Context
    from juesuan.extract import extract
    from juesuan.extract.appendix import key
    from juesuan.read import read_document

    narrative = extract(read_document(SHIPPED)).tables
    rules = [rule for rule in RULES if rule.__module__ == "juesuan.check.tables"]
    read_times, total_times = [], []
    for _ in range(runs):
        key.cache_clear()  # each run as the first of a process: no cell text is known yet
        start = time.perf_counter()
        tables = extract(read_document(WORKBOOK)).tables
        middle = time.perf_counter()
        context = Context({**narrative, "appendix": tables["appendix"], "appendix_tables": tables["appendix_tables"]})
        for rule in rules:
            list(rule(context))
        end = time.perf_counter()
        read_times.append(middle - start)
        total_times.append(end - start)
    return statistics.median(read_times), statistics.median(total_times)


PDF = ROOT / "tests" / "fixtures" / "appendix" / "anju_2023.pdf"


def pdf_floor() -> float:
    """pdfplumber's own extract_text + extract_tables over every page: the floor of the PDF target."""
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(PDF) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
    return time.perf_counter() - start


def pdf_juesuan() -> float:
    """The 43-page PDF end to end: text, tables, every tidy table and every check."""
    from juesuan.pipeline import process

    start = time.perf_counter()
    process(PDF)
    return time.perf_counter() - start


def bench_pdf(rounds: int = 3) -> tuple[float, float, float]:
    pdf_juesuan()  # imports, once
    floors, ours = [], []
    for _ in range(rounds):  # alternate, so that a slow spell of the machine hits both
        floors.append(pdf_floor())
        ours.append(pdf_juesuan())
    paired = statistics.median(o / f for o, f in zip(ours, floors))
    return min(ours), min(floors), paired


def make_project(root: Path, years: list[int]) -> None:
    """The shipped report relabelled to each year, with its workbook, as department "bench"."""
    from departments import add_department

    text = SHIPPED.read_text(encoding="utf-8")
    for year in years:
        body = text.replace("2022", "@PRIOR@").replace("2023", str(year)).replace("@PRIOR@", str(year - 1))
        add_department(root, year, "bench", body, "基准测试", WORKBOOK)


def bench_scale(tmp: Path, count: int, cores: int) -> None:
    """A generated government of ``count`` departments in one batch, against the floor measured in
    the same run (three floors before the batch, three after)."""
    from departments import make_government

    root = tmp / "government"
    make_government(root, count)
    floor_cmds = {"as papermill starts": [sys.executable, "-c", FLOOR_SCRIPT, str(tmp), "graceful"],
                  "with the slow import skipped as juesuan does": [sys.executable, "-c", FLOOR_SCRIPT, str(tmp),
                                                                   "graceful", "skip"]}
    floors = {name: [timed(cmd) for _ in range(3)] for name, cmd in floor_cmds.items()}
    start = time.perf_counter()
    run = subprocess.run([str(BIN / "juesuan"), "report", "--all", "--root", str(root), "--jobs", str(cores)],
                         check=True, capture_output=True, text=True)
    batch = time.perf_counter() - start
    for name, cmd in floor_cmds.items():
        floors[name] += [timed(cmd) for _ in range(3)]
    per_report = batch / count
    memory = next(line for line in run.stdout.splitlines() if line.startswith("peak memory"))
    print(f"batch of {count} department-reports, {cores} processes, one kept kernel each: {batch:.1f} s = "
          f"{per_report:.2f} s per report; {memory}   (target ≤ 400 MB)")
    for name, times in floors.items():
        floor = statistics.median(times)
        print(f"  floor {name} (median of 6 around the batch): {floor:.2f} s; per report {per_report / floor:.2f}× "
              "the floor   (target ≤ 0.3×)")


def main() -> None:
    cores = os.cpu_count() or 1
    print(f"machine: {platform.platform()}, {cores} cores, Python {platform.python_version()}")
    warm_extract, warm_total = bench_extract()
    print(f"extraction of the 2023 report, in-process (median of 30): {warm_extract * 1000:.1f} ms; "
          f"with checks: {warm_total * 1000:.1f} ms   (target ≤ 50 ms)")
    ours, floor, paired = bench_pdf()
    print(f"the 43-page PDF end to end (text, tables, checks), in-process: {ours:.2f} s; floor (pdfplumber "
          f"extract_text + extract_tables on every page): {floor:.2f} s; {ours / floor:.2f}× best to best, "
          f"{paired:.2f}× median of paired runs   (target ≤ 1.0×)")
    read_tables, with_checks = bench_appendix()
    print(f"appendix workbook (13 tables, .xls), read and cleaned in-process (median of 30): {read_tables * 1000:.1f} ms; "
          f"with the table checks: {with_checks * 1000:.1f} ms   (target ≤ 50 ms)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one = tmp / "one"
        make_project(one, [2023])
        single_cmd = [str(BIN / "juesuan"), "report", "--year", "2023", "--root", str(one), "--jobs", "1"]
        # The floor as the issue defines it (papermill's defaults), and the same with the kernel
        # stopped at once as juesuan stops it, so that this saving can be seen apart from the rest.
        floor_cmds = {mode: [sys.executable, "-c", FLOOR_SCRIPT, str(tmp), mode] for mode in ("graceful", "immediate")}
        # First, alone: the peak resident size of any process of one year's run (the kernel included).
        timed(single_cmd)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        html_mb = (one / "reports" / "2023" / "bench.html").stat().st_size / 1e6
        # Floors and report alternate, so that a slow spell of the shared machine hits all of them.
        floors, singles = {mode: [] for mode in floor_cmds}, []
        for _ in range(ROUNDS):
            for mode, cmd in floor_cmds.items():
                floors[mode].append(timed(cmd))
            singles.append(timed(single_cmd))
        single = min(singles)
        print(f"juesuan report --year 2023 (whole process): {single:.2f} s (best of {ROUNDS})")
        for mode, times in floors.items():
            paired = statistics.median(s / f for s, f in zip(singles, times))
            print(f"floor, kernel shutdown {mode}: papermill run of a trivial pandas+matplotlib notebook + "
                  f"in-process HTML: {min(times):.2f} s; report = {single / min(times):.2f}× (best to best), "
                  f"{paired:.2f}× (median of {ROUNDS} paired runs)" + ("   (target ≤ 2×)" if mode == "graceful" else ""))
        # JupyterLab is installed (the `lab` extra): the same run with the import juesuan skips forced in
        slow = [sys.executable, "-c", "import sys, jsonschema\nfrom juesuan.cli import main\nsys.exit(main(sys.argv[1:]))",
                *single_cmd[1:]]
        skipped, forced = [], []
        for _ in range(3):
            skipped.append(timed(single_cmd))
            forced.append(timed(slow))
        print(f"with JupyterLab installed: juesuan report --year 2023 {min(skipped):.2f} s; the same with jsonschema's "
              f"rfc3987 grammar imported as it was before {min(forced):.2f} s (best of 3, alternating)")
        print(f"peak memory of the largest process in a year's run: {peak_mb:.0f} MB (target ≤ 400 MB); "
              f"HTML size: {html_mb:.2f} MB (target ≤ 1.5 MB)")

        years = list(range(2016, 2024))
        batch = tmp / "batch"
        make_project(batch, years)
        juesuan = str(BIN / "juesuan")
        serial = timed([juesuan, "report", "--all", "--root", str(batch), "--jobs", "1"])
        parallel = timed([juesuan, "report", "--all", "--root", str(batch), "--jobs", str(cores)])
        print(f"batch of {len(years)} years: one at a time {serial:.2f} s, {cores} processes {parallel:.2f} s, "
              f"speed-up {serial / parallel:.2f}× (target ≥ 1.7× on 2 cores)")
        bench_scale(tmp, int(os.environ.get("JUESUAN_BENCH_DEPARTMENTS", "100")), cores)


if __name__ == "__main__":
    main()
