"""One report through papermill: a private staging folder, the worker's kept kernel, the page
exported in-process, and the outputs swapped in as one step only when everything succeeded."""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from ..model.layout import ReportKey, department_folder, figures_dir, processed_dir, report_path
from ..model.outputs import WORKBOOK_FILE, recover, replace_all, replace_file

NOTEBOOK = "notebooks/report.ipynb"  # in the package: a data folder needs no copy


@dataclass(frozen=True)
class ReportResult:
    key: ReportKey
    ok: bool
    seconds: float
    error: str = ""
    worker_mb: float = 0.0  # peak resident size of the worker process so far
    kernel_mb: float = 0.0  # resident size of its kernel after this report


def notebook_path() -> Path:
    return Path(str(files("juesuan").joinpath(NOTEBOOK)))


def run_report(key: ReportKey, root: str | Path, batch: str = "run") -> ReportResult:
    """Build one report in a private staging folder, then swap its outputs in as one step.

    A plain function of (key, root) that never raises, so that it runs in any process: a pool
    worker or a Dask worker. The worker's kernel is reused (juesuan.run.kernels)."""
    import json

    import papermill as pm

    from ..publish.webfont import embed_font, load_font
    from .export import export_html, make_exporter
    from .kernels import host

    start = time.perf_counter()
    root = Path(root).resolve()
    kernel = host()
    executed = None
    stage = None
    # While the kernel works, this process is idle: load nbconvert and parse the font meanwhile.
    warm = ThreadPoolExecutor(max_workers=1)
    exporter, font = warm.submit(make_exporter), warm.submit(load_font)
    try:
        department_folder(root, key)  # a missing or flat folder fails here, before any kernel work
        outputs = [processed_dir(root, key), figures_dir(root, key)] + [report_path(root, key, s)
                                                                        for s in (".ipynb", ".html", ".xlsx")]
        for dest in outputs:  # a run killed mid-replacement: its previous outputs back first
            recover(dest)
        page_path = report_path(root, key, ".html")
        page_path.parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{key.department}.{batch}.", suffix=".tmp", dir=page_path.parent))
        executed = stage / "report.ipynb"
        pm.execute_notebook(
            str(notebook_path()), str(executed), kernel_name="python3", progress_bar=False, log_output=False,
            request_save_on_cell_execute=False,  # written once at the end (or on a failure), not at every cell
            km=kernel.manager(cwd=str(root)),
            parameters={"year": key.year, "department": key.department, "root": str(root),
                        "processed_dir": str(stage / "processed"), "figures_dir": str(stage / "figures")},
        )
        meta = json.loads((stage / "processed" / "meta.json").read_text(encoding="utf-8"))
        page = export_html(executed, f"{meta['department']} {key.year}年度{meta.get('kind') or '部门决算'}", exporter.result())
        (stage / "page.html").write_text(embed_font(page, font.result()), encoding="utf-8")
        shutil.copyfile(stage / "processed" / WORKBOOK_FILE, stage / "workbook.xlsx")
        # one step: if any move fails, the ones made are undone and the previous outputs are back
        replace_all(list(zip([stage / "processed", stage / "figures", executed, stage / "page.html",
                              stage / "workbook.xlsx"], outputs)))
        report_path(root, key, ".failed.ipynb").unlink(missing_ok=True)
        return _result(key, True, start, kernel)
    except Exception as exc:  # one report's failure is reported, never raised into the batch
        if executed is not None and executed.exists():
            replace_file(executed, report_path(root, key, ".failed.ipynb"))
        return _result(key, False, start, kernel, _describe(exc))
    finally:
        warm.shutdown(wait=True)
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


def _result(key: ReportKey, ok: bool, start: float, kernel, error: str = "") -> ReportResult:
    return ReportResult(key, ok, time.perf_counter() - start, error,
                        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, kernel.memory_mb())


def _describe(exc: Exception) -> str:
    """papermill's error carries the kernel's exception: show its name and message only."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return f"{type(exc).__name__}: {exc}"
