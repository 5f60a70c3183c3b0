"""How often a batch loses a report to a kernel that fails to start (issue #24; docs/RELIABILITY.md).

Runs the four-department batch N times on a loopback Dask cluster (a fresh `dask scheduler` and two
single-threaded `dask worker`s per run, so that every run starts its workers' kernels, which is
where reports were lost) and N times on the local pool (`--jobs 2`, a fresh pool per run), and
prints the failed runs and reports. `--local-departments 100` gives the 100-report batch of
benchmarks/bench.py (≈ 90 s a run). `--load K` keeps K busy processes running meanwhile (a loaded
machine). The juesuan measured is the one on PYTHONPATH (the worktree's src, or an older copy).

    PYTHONPATH=src python benchmarks/kernel_starts.py --runs 20
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))  # the generated departments (tests/departments.py)


def burn() -> None:
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    while True:
        pass


def start_cluster(where: Path) -> tuple[str, list[subprocess.Popen]]:
    address_file = where / "scheduler.json"
    address_file.unlink(missing_ok=True)
    log = open(where / "cluster.log", "a")  # noqa: SIM115 — open while the cluster runs
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(address_file)],
                                 stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 60
    while not address_file.exists() and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    workers = subprocess.Popen([str(BIN / "dask"), "worker", "--scheduler-file", str(address_file), "--nworkers", "2",
                                "--nthreads", "1", "--no-dashboard", "--memory-limit", "0"],
                               stdout=subprocess.DEVNULL, stderr=log)
    address = json.loads(address_file.read_text())["address"]
    from distributed import Client

    with Client(address, timeout=30) as client:
        client.wait_for_workers(2, timeout=90)
    return address, [workers, scheduler]


def stop(processes: list[subprocess.Popen]) -> None:
    for p in processes:
        p.send_signal(signal.SIGTERM)
    for p in processes:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def one_run(raw: Path, where: Path, args: list[str]) -> tuple[int, int, str]:
    """(exit code, failed reports, the failure lines and kernel restarts) of one batch on a fresh
    copy of ``raw``."""
    root = where / "gov"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(raw, root / "data" / "raw")
    r = subprocess.run([str(BIN / "juesuan"), "report", "--all", "--root", str(root), *args],
                       capture_output=True, text=True, timeout=1800)
    lines = (r.stdout + r.stderr).splitlines()
    failed = [line for line in lines if "FAILED" in line]
    return r.returncode, len(failed), "\n".join(failed + [line for line in lines if "kernel start" in line])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="batches of each kind (default 20)")
    parser.add_argument("--local-runs", type=int, help="batches on the local pool (default: --runs)")
    parser.add_argument("--departments", type=int, default=4, help="reports in a Dask batch (default 4)")
    parser.add_argument("--local-departments", type=int, default=4, help="reports in a local batch (default 4)")
    parser.add_argument("--load", type=int, default=0, help="busy processes kept running meanwhile")
    parser.add_argument("--only", choices=["dask", "local"], help="one kind of batch only")
    options = parser.parse_args()
    from departments import make_government

    burners = [multiprocessing.Process(target=burn, daemon=True) for _ in range(options.load)]
    for b in burners:
        b.start()
    try:
        with tempfile.TemporaryDirectory(prefix="kernel-starts-") as tmp:
            tmp = Path(tmp)
            kinds = []
            if options.only != "local":
                kinds.append(("dask", options.departments, options.runs))
            if options.only != "dask":
                kinds.append(("local --jobs 2", options.local_departments, options.local_runs or options.runs))
            for kind, count, runs in kinds:
                gov = tmp / f"gov-{count}"
                if not gov.exists():
                    make_government(gov, count)
                bad_runs = bad_reports = 0
                start = time.perf_counter()
                for i in range(runs):
                    if kind == "dask":
                        address, cluster = start_cluster(tmp)
                        try:
                            code, failed, lines = one_run(gov / "data" / "raw", tmp, ["--scheduler", address])
                        finally:
                            stop(cluster)
                        log = tmp / "cluster.log"  # the workers' log: a kernel started again is logged there
                        lines = "\n".join([lines] + [line for line in log.read_text().splitlines()
                                                     if "kernel start" in line]).strip()
                        log.unlink()
                    else:
                        code, failed, lines = one_run(gov / "data" / "raw", tmp, ["--jobs", "2"])
                    bad_runs += code != 0
                    bad_reports += failed
                    print(f"{kind} run {i + 1}/{runs}: exit {code}, {failed} failed" + (f"\n{lines}" if lines else ""),
                          flush=True)
                print(f"== {kind}, {count} reports a batch: {bad_runs} of {runs} runs failed, {bad_reports} "
                      f"reports lost ({(time.perf_counter() - start) / runs:.0f} s a run, load {options.load})",
                      flush=True)
    finally:
        for b in burners:
            b.terminate()


if __name__ == "__main__":
    main()
