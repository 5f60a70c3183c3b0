"""Many departments: choosing them, the kept kernel (nothing leaks from one report to the next),
the progress display, and the same batch on a real Dask cluster on loopback."""

import contextlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from departments import make_government
from project_builder import page, report

from juesuan.model.layout import ReportKey
from juesuan.run import kernels, runner
from juesuan.run.progress import Progress

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def government(tmp_path_factory):
    """Four generated departments of 2023 (two from each sample, amounts ×1 and ×2)."""
    root = tmp_path_factory.mktemp("government")
    make_government(root, 4)
    return root


def outputs(root: Path) -> dict[str, bytes]:
    """Every CSV and figure (meta.json's moment of generation aside)."""
    out = {}
    for folder in ("data/processed", "figures"):
        for p in sorted((root / folder).rglob("*")):
            if p.is_file():
                data = p.read_bytes()
                out[str(p.relative_to(root))] = re.sub(rb'"generated_at": "[^"]*"', b"", data)
    return out


def namespace_after_reset() -> dict:
    """What a kept kernel holds once reset: user names, open figures, working folder, count."""
    probe = ("import json, os, sys\n"
             "_plt = sys.modules.get('matplotlib.pyplot')\n"
             "print(json.dumps({'names': sorted(k for k in get_ipython().user_ns if not k.startswith('_')"
             " and k not in ('json', 'os', 'sys')), 'figures': len(_plt.get_fignums()) if _plt else 0,"
             " 'cwd': os.getcwd(), 'count': get_ipython().execution_count}))")
    lines = []
    reply = kernels.host().control.execute_interactive(
        probe, silent=False, store_history=False, timeout=60,
        output_hook=lambda m: lines.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None)
    assert reply["content"]["status"] == "ok"
    return json.loads("".join(lines))


@pytest.mark.slow
def test_a_kept_kernel_leaks_nothing_from_one_report_to_the_next(government, tmp_path):
    """Built after others in one kernel, a report is byte for byte what a fresh kernel builds."""
    alone = tmp_path / "alone"
    shutil.copytree(government / "data" / "raw", alone / "data" / "raw")
    kernels.host().shutdown()
    assert runner.run_report(ReportKey(2023, "d003"), alone).ok  # a fresh kernel, one report
    fresh = kernels.host().km

    # the other departments first, then d003, all in one kernel
    for department in ("d001", "d002", "d004", "d003"):
        result = runner.run_report(ReportKey(2023, department), government)
        assert result.ok, result.error
    assert kernels.host().km is fresh and kernels.host().notebooks == 5  # the same kernel throughout

    kept = {k: v for k, v in outputs(government).items() if "/d003/" in k}
    assert kept and kept == {k: v for k, v in outputs(alone).items() if "/d003/" in k}
    # and the state that could carry over is gone before each notebook
    kernels.host().manager(cwd=str(tmp_path))
    state = namespace_after_reset()
    kernels.host().manager(cwd=str(tmp_path))  # a clean slate again, for whoever comes next
    assert state == {"names": ["In", "Out", "exit", "get_ipython", "open", "quit"], "figures": 0,
                     "cwd": str(tmp_path), "count": 1}


@pytest.mark.slow
def test_a_dead_kernel_is_replaced(government):
    host = kernels.host()
    assert runner.run_report(ReportKey(2023, "d001"), government).ok
    os.kill(host.km.provisioner.pid, signal.SIGKILL)
    time.sleep(0.5)
    result = runner.run_report(ReportKey(2023, "d002"), government)
    assert result.ok, result.error
    assert result.kernel_mb > 50 and result.worker_mb > 50  # measured, for the benchmark


@pytest.mark.slow
def test_a_kernel_that_cannot_be_reset_is_replaced(government):
    host = kernels.host()
    assert runner.run_report(ReportKey(2023, "d001"), government).ok
    broken = host.km
    host.control.execute_interactive("get_ipython().reset = None", timeout=60)  # the reset will raise
    result = runner.run_report(ReportKey(2023, "d002"), government)
    assert result.ok, result.error
    assert host.km is not broken


@pytest.mark.slow
def test_a_department_is_chosen_by_folder_or_by_name(government, tmp_path):
    root = tmp_path / "gov"
    shutil.copytree(government / "data" / "raw", root / "data" / "raw")
    r = report(root, "--year", "2023", "--department", "d002", "--department", "示例区卫生健康局")
    assert r.returncode == 0, r.stdout + r.stderr
    assert sorted(p.name for p in (root / "reports" / "2023").glob("d*.html")) == ["d002.html", "d004.html"]
    assert "2 succeeded, 0 failed" in r.stdout
    r = report(root, "--all", "--department", "没有这个部门")
    assert r.returncode == 2
    assert r.stderr.splitlines() == ["juesuan: 没有这个部门: no such department under data/raw/ (give its folder "
                                     "name or its manifest's name)", "juesuan: nothing to report"]


def test_progress_is_a_bar_on_a_terminal_and_lines_in_a_log():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    bar = Progress(3, screen)
    bar.done("2023/a", True, 1.0)
    bar.done("2023/b", False, 1.0, "ReportError: broken")
    bar.done("2023/c", True, 1.0)
    bar.close()
    shown = screen.getvalue()
    assert "3/3" in shown and "failed=1" in shown and "[2023/b] FAILED — ReportError: broken" in shown
    assert "[2023/a] ok" not in shown  # on a terminal only failures get a line of their own

    log = io.StringIO()
    lines = Progress(2, log)
    lines.done("2023/a", True, 1.0)
    lines.done("2023/b", False, 1.0, "ReportError: broken")
    assert log.getvalue().splitlines()[0].startswith("[1/2] [2023/a] ok (1.0 s); 0 failed, ETA 0:0")
    assert log.getvalue().splitlines()[1] == "[2/2] [2023/b] FAILED — ReportError: broken (1.0 s); 1 failed, ETA 0:00"
    assert "\r" not in log.getvalue()


@pytest.mark.slow
def test_the_bar_on_a_real_terminal(government, tmp_path):
    """On a pseudo-terminal (0×0, as `script` or a CI runner with a tty gives) the bar is drawn."""
    import pty

    root = tmp_path / "gov"
    shutil.copytree(government / "data" / "raw", root / "data" / "raw")
    master, slave = pty.openpty()
    p = subprocess.Popen([str(BIN / "juesuan"), "report", "--all", "--department", "d001", "--root", str(root)],
                         stdout=slave, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side has closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert p.wait(timeout=120) == 0
    out = b"".join(chunks).decode()
    assert "100%" in out and "1/1" in out and "failed=0" in out and "] ok (" not in out


# --- a real Dask cluster on loopback: a scheduler and two single-threaded worker processes ---

@contextlib.contextmanager
def loopback_cluster(where: Path):
    """The address of a fresh scheduler with two single-threaded worker processes, stopped after."""
    logs = [open(where / name, "a") for name in ("scheduler.log", "workers.log")]  # noqa: SIM115 — open while they run
    address_file = where / "scheduler.json"
    address_file.unlink(missing_ok=True)
    env = dict(os.environ)
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(address_file)],
                                 stdout=subprocess.DEVNULL, stderr=logs[0], env=env)
    deadline = time.time() + 60
    while not address_file.exists() and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # the file is written whole before the next poll
    workers = subprocess.Popen([str(BIN / "dask"), "worker", "--scheduler-file", str(address_file), "--nworkers", "2",
                                "--nthreads", "1", "--no-dashboard", "--memory-limit", "0"],
                               stdout=subprocess.DEVNULL, stderr=logs[1], env=env)
    try:
        address = json.loads(address_file.read_text())["address"]
        from distributed import Client

        with Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=90)
        yield address
    finally:
        for p in (workers, scheduler):
            p.send_signal(signal.SIGTERM)
        for p in (workers, scheduler):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        for log in logs:
            log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with loopback_cluster(tmp_path_factory.mktemp("cluster")) as address:
        yield address


@pytest.mark.slow
@pytest.mark.parametrize("run", range(5))
def test_a_batch_on_a_fresh_cluster_loses_no_report(government, tmp_path, run):
    """Each run on new workers, whose first report starts their kernels together (issue #24: that
    start was taken for a death on a loaded machine, 6 runs in 19). benchmarks/kernel_starts.py
    runs it 20 times."""
    root = tmp_path / "gov"
    shutil.copytree(government / "data" / "raw", root / "data" / "raw")
    with loopback_cluster(tmp_path) as address:
        r = report(root, "--all", "--scheduler", address)
    assert r.returncode == 0 and "4 succeeded, 0 failed" in r.stdout, r.stdout + r.stderr


@pytest.mark.slow
def test_the_cluster_builds_what_the_local_pool_builds(government, cluster, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "remote"
    for root in (local, remote):
        shutil.copytree(government / "data" / "raw", root / "data" / "raw")
    r_local = report(local, "--all", "--jobs", "2")
    r_remote = report(remote, "--all", "--scheduler", cluster)
    assert r_local.returncode == r_remote.returncode == 0, r_remote.stdout + r_remote.stderr
    assert f"on the Dask cluster at {cluster}" in r_remote.stdout and "4 succeeded, 0 failed" in r_remote.stdout
    built = outputs(remote)
    assert len(built) == 4 * (13 + 14) and built == outputs(local)  # every CSV and figure, byte for byte
    assert page(remote, 2023, "d001").exists() and (remote / "reports" / "2023" / "index.html").exists()


@pytest.mark.slow
def test_a_worker_lost_mid_report_costs_nothing(government, cluster, tmp_path):
    """A worker killed while it builds a report: the scheduler runs the report again elsewhere, and
    no output is half-written (nothing of the dead run is left but what the batch sweeps away)."""
    from distributed import Client

    root = tmp_path / "gov"
    shutil.copytree(government / "data" / "raw", root / "data" / "raw")
    batch = subprocess.Popen([str(BIN / "juesuan"), "report", "--all", "--root", str(root), "--scheduler", cluster],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    staging = root / "reports" / "2023"
    deadline = time.time() + 60
    while time.time() < deadline and len(list(staging.glob(".*.tmp"))) < 2:  # both workers mid-report
        time.sleep(0.05)
    with Client(cluster, timeout=30) as client:
        victim = sorted(client.run(os.getpid).values())[0]
    os.kill(victim, signal.SIGKILL)
    out, err = batch.communicate(timeout=300)
    assert batch.returncode == 0, out + err
    assert "4 succeeded, 0 failed" in out
    assert sorted(p.name for p in staging.glob("d*.html")) == ["d001.html", "d002.html", "d003.html", "d004.html"]
    assert [p for p in root.rglob(".*") if p.name.endswith((".tmp", ".old"))] == []
    with Client(cluster, timeout=30) as client:  # the nanny brought the worker back
        client.wait_for_workers(2, timeout=90)


@pytest.mark.slow
def test_a_scheduler_address_that_is_none_is_one_line(government, tmp_path):
    root = tmp_path / "gov"
    shutil.copytree(government / "data" / "raw", root / "data" / "raw")
    r = report(root, "--all", "--scheduler", "no-such-address")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == ["juesuan: no-such-address: no Dask scheduler answers at this address "
                                     "(missing port number in address 'no-such-address')"]
    assert not (root / "reports").exists() or not list((root / "reports").rglob("*.html"))
