"""`juesuan report`: one papermill run per year, HTML exported in-process, outputs swapped in
only when the year succeeded; years run in parallel processes."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import uuid
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from .manifest import year_folders
from .outputs import WORKBOOK_FILE, replace_all, replace_file
from .publish.webfont import embed_font, load_font

NOTEBOOK = "notebooks/report.ipynb"


class LocalKernelManager(AsyncKernelManager):
    """Kernels over local sockets: never on the network, and no TCP warning.

    Each kernel gets its own socket path: years run in parallel processes that share a working
    folder, where jupyter_client's default IPC names would collide.
    """

    transport = "ipc"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.ip = os.path.join(tempfile.gettempdir(), f"juesuan-kernel-{uuid.uuid4().hex}")


@dataclass(frozen=True)
class YearResult:
    year: int
    ok: bool
    seconds: float
    error: str = ""


@cache
def make_exporter():
    """nbconvert's HTML exporter with the offline template (no code, no prompts, no CDN); one
    per process: it keeps no state between notebooks, and a batch worker runs many years."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="juesuan", extra_template_basedirs=[str(files("juesuan").joinpath("templates"))],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    exporter.register_preprocessor(_tag_remover(), enabled=True)
    # A first export costs ~0.3 s (templates compiled, markdown and highlighting imported), the
    # next ones ~0.04 s: pay it now, on a tiny notebook, while the kernel works.
    exporter.from_notebook_node(_tiny_notebook())
    return exporter


def _tiny_notebook():
    import nbformat

    cell = nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": "<p>x</p>", "text/plain": "x"})])
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x"), cell])


def export_html(notebook_path: Path, title: str, exporter=None) -> str:
    """The executed notebook as a self-contained page."""
    import nbformat

    nb = nbformat.read(notebook_path, as_version=4)
    body, _ = (exporter or make_exporter()).from_notebook_node(nb, resources={"metadata": {"name": title}})
    return body


def _tag_remover():
    from nbconvert.preprocessors import TagRemovePreprocessor

    # The parameter cells have no output; papermill gives the injected one a random id, which
    # would make two runs of the same year differ.
    return TagRemovePreprocessor(remove_cell_tags={"remove_cell", "parameters", "injected-parameters"}, enabled=True)


def run_year(year: int, root: Path) -> YearResult:
    """Build one year's outputs in a private staging folder, then swap them in.

    A plain function of (year, paths) with no shared state, so that it can run in any process.
    """
    import papermill as pm

    start = time.perf_counter()
    root = Path(root).resolve()
    reports = root / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{year}.", suffix=".tmp", dir=reports))
    executed = stage / f"{year}.ipynb"
    # While the kernel works, this process is idle: load nbconvert and parse the font meanwhile.
    warm = ThreadPoolExecutor(max_workers=1)
    exporter, font = warm.submit(make_exporter), warm.submit(load_font)
    try:
        pm.execute_notebook(
            str(root / NOTEBOOK), str(executed), kernel_name="python3", progress_bar=False, log_output=False,
            kernel_manager_class="juesuan.batch.LocalKernelManager",
            # Every output is written and closed inside the cells, so the kernel has nothing left to
            # do: stopping it at once saves the ~0.4 s a graceful shutdown waits for it to exit.
            shutdown_kernel="immediate",
            cwd=str(root), parameters={"year": year, "root": str(root), "processed_dir": str(stage / "processed"),
                                       "figures_dir": str(stage / "figures")},
        )
        meta = json.loads((stage / "processed" / "meta.json").read_text(encoding="utf-8"))
        page = export_html(executed, f"{meta['department']} {year}年度部门决算", exporter.result())
        page = embed_font(page, font.result())
        (stage / f"{year}.html").write_text(page, encoding="utf-8")
        shutil.copyfile(stage / "processed" / WORKBOOK_FILE, stage / f"{year}.xlsx")
        # one step: if any move fails, the ones made are undone and the previous outputs are back
        replace_all([(stage / "processed", root / "data" / "processed" / str(year)),
                     (stage / "figures", root / "figures" / str(year)),
                     (executed, reports / f"{year}.ipynb"), (stage / f"{year}.html", reports / f"{year}.html"),
                     (stage / f"{year}.xlsx", reports / f"{year}.xlsx")])
        (reports / f"{year}.failed.ipynb").unlink(missing_ok=True)
        return YearResult(year, True, time.perf_counter() - start)
    except Exception as exc:  # one year's failure is reported, never raised into the batch
        if executed.exists():
            replace_file(executed, reports / f"{year}.failed.ipynb")
        return YearResult(year, False, time.perf_counter() - start, _describe(exc))
    finally:
        warm.shutdown(wait=True)
        shutil.rmtree(stage, ignore_errors=True)


def _describe(exc: Exception) -> str:
    """papermill's error carries the kernel's exception: show its name and message only."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return "".join(traceback.format_exception_only(exc)).strip()


def run_years(years: list[int], root: Path, jobs: int, meanwhile=None) -> list[YearResult]:
    """Every year in a pool of ``jobs`` processes (one process is a pool of one); a progress line each.

    ``meanwhile()`` is called once the years are under way: after the pool has forked its
    workers, since a thread started before a fork is not safe. The years always run in worker
    processes, even one at a time: nbclient takes SIGINT for itself while a notebook runs, so only
    a main process that waits for workers sees Ctrl-C; it then lets the running years finish
    (each replaces its outputs whole or not at all), cancels the others and stops (exit 130).
    """
    workers = max(1, min(jobs, len(years)))
    pool = ProcessPoolExecutor(max_workers=workers)
    waiting, running, results = list(years), set(), []
    try:
        # as many years as workers at a time, so that nothing queued runs after a Ctrl-C
        while waiting and len(running) < workers:
            running.add(pool.submit(run_year, waiting.pop(0), root))  # a fork pool starts its workers now
        if meanwhile:
            meanwhile()
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                result = future.result()
                _progress(result)
                results.append(result)
                if waiting:
                    running.add(pool.submit(run_year, waiting.pop(0), root))
    except KeyboardInterrupt:
        print(f"interrupted: {len(waiting)} year(s) not started; the years under way are finished first (each "
              "year's outputs are replaced whole or not at all)", file=sys.stderr, flush=True)
        pool.shutdown(wait=True)
        raise
    pool.shutdown(wait=True)
    return sorted(results, key=lambda r: years.index(r.year))


def _progress(r: YearResult) -> None:
    status = "ok" if r.ok else f"FAILED — {r.error}"
    print(f"[{r.year}] {status} ({r.seconds:.1f} s)", flush=True)


def _prepare_index():
    from . import site  # noqa: F401 — pandas and the index's own modules

    return load_font()


def cmd_report(root: Path, years: list[int] | None, jobs: int | None) -> int:
    root = Path(root).resolve()
    available = year_folders(root / "data" / "raw")
    if years is None:
        years = sorted(available)
    missing = [y for y in years if y not in available]
    for y in missing:
        print(f"juesuan: {root / 'data' / 'raw' / str(y)}: no report for this year under data/raw/", file=sys.stderr)
    years = [y for y in years if y in available]
    if not years:
        print("juesuan: nothing to report", file=sys.stderr)
        return 2
    jobs = jobs or os.cpu_count() or 1
    print(f"building {len(years)} year(s) with {min(jobs, len(years))} process(es) …", flush=True)
    # While the years run, this process waits: import the index's modules and parse its font.
    with ThreadPoolExecutor(max_workers=1) as ahead:
        prepared = []  # the future of the index's font, once the years are under way
        results = run_years(years, root, jobs, meanwhile=lambda: prepared.append(ahead.submit(_prepare_index)))
        from .site import write_index

        write_index(root, prepared[0].result())
    failed = [r for r in results if not r.ok]
    print(f"done: {len(results) - len(failed)} succeeded, {len(failed)} failed"
          + (f" ({', '.join(str(r.year) for r in failed)})" if failed else "") + f"; index: {root / 'reports' / 'index.html'}")
    return 1 if failed or missing else 0
