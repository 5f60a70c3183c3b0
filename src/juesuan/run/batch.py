"""`juesuan report`: which reports to build, and building them in worker processes (a local pool,
or the workers of a Dask cluster), each worker keeping one kernel for all its reports; then the
index pages."""

from __future__ import annotations

import glob
import os
import shutil
import sys
import uuid
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from pathlib import Path

from ..model.errors import ReportError
from ..model.layout import ReportKey, department_folder, find_reports, year_reports_dir
from ..model.manifest import read_manifest
from .progress import Progress
from .runner import ReportResult, run_report


def run_local(keys: list[ReportKey], root: Path, jobs: int, on_result: Callable[[ReportResult], None],
              meanwhile: Callable[[], None] | None = None, batch: str = "run") -> list[ReportResult]:
    """Every report in a pool of ``jobs`` processes (one process is a pool of one).

    ``meanwhile()`` is called once the reports are under way: after the pool has forked its
    workers, since a thread started before a fork is not safe. Reports always run in worker
    processes, even one at a time: nbclient takes SIGINT for itself while a notebook runs, so only
    a main process that waits for workers sees Ctrl-C; it then lets the running reports finish
    (each replaces its outputs whole or not at all), cancels the others and stops (exit 130).
    """
    workers = max(1, min(jobs, len(keys)))
    pool = ProcessPoolExecutor(max_workers=workers)
    waiting, running, results = list(keys), set(), []
    try:
        # as many reports as workers at a time, so that nothing queued runs after a Ctrl-C
        while waiting and len(running) < workers:
            running.add(pool.submit(run_report, waiting.pop(0), root, batch))  # a fork pool starts its workers now
        if meanwhile:
            meanwhile()
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                on_result(result)
                results.append(result)
                if waiting:
                    running.add(pool.submit(run_report, waiting.pop(0), root, batch))
    except KeyboardInterrupt:
        print(f"interrupted: {len(waiting)} report(s) not started; the reports under way are finished first (each "
              "report's outputs are replaced whole or not at all)", file=sys.stderr, flush=True)
        pool.shutdown(wait=True)
        raise
    pool.shutdown(wait=True)
    return results


def select(root: Path, years: list[int] | None, departments: list[str] | None) -> tuple[list[ReportKey], list[str]]:
    """The reports asked for, and a message for each year or department asked for that is not there.

    A department is named by its folder or by the name its manifest gives."""
    available = find_reports(root)
    problems = []
    if years is not None:
        for y in years:
            if not any(k.year == y for k in available):
                problems.append(f"{root / 'data' / 'raw' / str(y)}: no report for this year under data/raw/")
        available = [k for k in available if k.year in years]
    if departments is not None:
        names = {k: _names(root, k) for k in available}
        for d in departments:
            if not any(d in n for n in names.values()):
                where = f"in {', '.join(str(y) for y in years)}" if years else "under data/raw/"
                problems.append(f"{d}: no such department {where} (give its folder name or its manifest's name)")
        available = [k for k in available if any(d in names[k] for d in departments)]
    return available, problems


def _names(root: Path, key: ReportKey) -> set[str]:
    names = {key.department}
    try:
        manifest = read_manifest(department_folder(root, key))
    except ReportError:
        return names  # a broken manifest: the folder name still selects it (and its build says why)
    if manifest is not None:
        names.add(manifest.department)
    return names


def sweep_staging(root: Path, keys: list[ReportKey], batch: str) -> None:
    """Once every report of the batch is done, remove the staging folders its dead runs left (a
    killed worker cannot clean up after itself); a batch running beside has its own name."""
    for key in keys:
        for stage in year_reports_dir(root, key.year).glob(f".{glob.escape(key.department)}.{batch}.*.tmp"):
            shutil.rmtree(stage, ignore_errors=True)


def _prepare_index():
    from ..publish.webfont import load_font
    from . import site  # noqa: F401 — pandas and the index's own modules

    return load_font()


def cmd_report(root: Path, years: list[int] | None, departments: list[str] | None, jobs: int | None,
               scheduler: str | None = None) -> int:
    root = Path(root).resolve()
    keys, problems = select(root, years, departments)
    for problem in problems:
        print(f"juesuan: {problem}", file=sys.stderr)
    if not keys:
        print("juesuan: nothing to report", file=sys.stderr)
        return 2
    batch = uuid.uuid4().hex[:12]
    progress = Progress(len(keys))
    on_result = lambda r: progress.done(str(r.key), r.ok, r.seconds, r.error)  # noqa: E731
    # While the reports run, this process waits: import the index's modules and parse its font.
    with ThreadPoolExecutor(max_workers=1) as ahead:
        if scheduler:
            from .cluster import run_on_cluster

            print(f"building {len(keys)} report(s) on the Dask cluster at {scheduler} …", flush=True)
            prepared = [ahead.submit(_prepare_index)]
            results = run_on_cluster(keys, root, scheduler, on_result, batch)
        else:
            jobs = jobs or os.cpu_count() or 1
            print(f"building {len(keys)} report(s) with {min(jobs, len(keys))} process(es) …", flush=True)
            prepared = []  # the future of the index's font, once the reports are under way
            results = run_local(keys, root, jobs, on_result, lambda: prepared.append(ahead.submit(_prepare_index)), batch)
        progress.close()
        sweep_staging(root, keys, batch)
        from .site import write_index

        index = write_index(root, prepared[0].result(), {r.key: r.error for r in results if not r.ok})
    failed = sorted(r.key for r in results if not r.ok)
    print(f"done: {len(results) - len(failed)} succeeded, {len(failed)} failed"
          + (f" ({', '.join(str(k) for k in failed)})" if failed else "") + f"; index: {index}")
    if results:
        print(f"peak memory per worker: {max(r.worker_mb for r in results):.0f} MB, and its kernel "
              f"{max(r.kernel_mb for r in results):.0f} MB")
    return 1 if failed or problems else 0
