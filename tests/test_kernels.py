"""The start of a kept kernel (issue #24, docs/RELIABILITY.md): a kernel slow to start is waited
for, one that dies at start is started again (a bounded number of times, each logged), and a
notebook's own error fails its report at once, never retried."""

import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest
from departments import add_department

from juesuan.model.layout import ReportKey
from juesuan.run import kernels, runner

pytestmark = pytest.mark.slow  # every test here starts Jupyter kernels

# Run by every Python started while it is on PYTHONPATH; acts only in a kernel (ipykernel_launcher).
HOOK = """
import os, sys, time
if "ipykernel_launcher" in sys.orig_argv:
    time.sleep(float(os.environ.get("JUESUAN_TEST_SLOW_START", "0")))
    once = os.environ.get("JUESUAN_TEST_DIE_ONCE")
    if once and not os.path.exists(once):
        open(once, "w").close()
        os._exit(3)
    if os.environ.get("JUESUAN_TEST_DIE"):
        os._exit(4)
"""


@pytest.fixture
def hooked(tmp_path, monkeypatch):
    """Kernels started in this test run HOOK first (the environment is what a kernel inherits)."""
    where = tmp_path / "hook"
    where.mkdir()
    (where / "sitecustomize.py").write_text(HOOK)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(where), os.environ.get("PYTHONPATH")])))
    return monkeypatch


def starts(monkeypatch) -> list[int]:
    """Counts the kernels started (each attempt is one)."""
    count = []
    ready = kernels.KernelHost._ready

    def counted(km, cwd):
        count.append(1)
        return ready(km, cwd)

    monkeypatch.setattr(kernels.KernelHost, "_ready", staticmethod(counted))
    return count


def answers(host: kernels.KernelHost) -> bool:
    reply = host.control.execute_interactive("1 + 1", silent=True, store_history=False, timeout=60)
    return reply["content"]["status"] == "ok"


def test_a_kernel_slow_to_start_is_waited_for(hooked, tmp_path, caplog):
    """A kernel that takes 2 s before it binds its sockets (a loaded machine) is alive, not dead:
    jupyter_client's heartbeat would have called it dead after 1 s."""
    hooked.setenv("JUESUAN_TEST_SLOW_START", "2")
    count = starts(hooked)
    host = kernels.KernelHost()
    try:
        start = time.perf_counter()
        host.manager(cwd=str(tmp_path))
        assert time.perf_counter() - start > 2
        assert answers(host) and len(count) == 1
        assert "kernel start" not in caplog.text
    finally:
        host.shutdown()


def test_a_kernel_that_dies_at_start_is_started_again(hooked, tmp_path, caplog):
    """The first start and a replacement (after the kept kernel died) alike."""
    count = starts(hooked)
    host = kernels.KernelHost()
    try:
        hooked.setenv("JUESUAN_TEST_DIE_ONCE", str(tmp_path / "died-first"))
        host.manager(cwd=str(tmp_path))
        assert answers(host) and len(count) == 2 and (tmp_path / "died-first").exists()
        assert "kernel start 1 of 3 failed: Kernel died before replying to kernel_info (kernel exited with code 3)" \
            in caplog.text

        caplog.clear()
        first = host.km
        hooked.setenv("JUESUAN_TEST_DIE_ONCE", str(tmp_path / "died-replacing"))
        os.kill(first.provisioner.pid, 9)
        time.sleep(0.5)
        host.manager(cwd=str(tmp_path))
        assert host.km is not first and answers(host) and len(count) == 4
        assert "kernel start 1 of 3 failed" in caplog.text and "kernel start 2 of 3" not in caplog.text
    finally:
        host.shutdown()


def test_a_kernel_that_always_dies_fails_the_report_after_three_starts(hooked, tmp_path, caplog):
    hooked.setenv("JUESUAN_TEST_DIE", "1")
    count = starts(hooked)
    host = kernels.KernelHost()
    with pytest.raises(RuntimeError, match=r"Kernel died before replying to kernel_info \(kernel exited with code 4; "
                                           r"3 starts\)"):
        host.manager(cwd=str(tmp_path))
    assert len(count) == 3 and host.km is None and host.control is None
    assert caplog.text.count("starting a fresh kernel") == 2


def test_a_notebook_error_fails_the_report_at_once(tmp_path, monkeypatch):
    """A report that fails on its own merits runs once, in the kernel it was given, which is kept."""
    add_department(tmp_path, 2023, "broken", "这不是一份部门决算报告。\n", "示例区坏局")
    broken = ReportKey(2023, "broken")
    host = kernels.host()
    host.manager(cwd=str(tmp_path))  # a kernel up already
    kept = host.km
    count = starts(monkeypatch)
    start = time.perf_counter()
    result = runner.run_report(broken, tmp_path)
    assert not result.ok and result.error.startswith("ReportError: ") and "not a final-accounts report" in result.error
    assert (tmp_path / "reports" / "2023" / "broken.failed.ipynb").exists()
    assert count == [] and host.km is kept  # no new kernel, no second run
    assert time.perf_counter() - start < 60


# --- many kernels started at once, across processes ---

def _start_two(barrier, results) -> None:
    """In a fresh process: two threads (each with its kernel host) start their kernels together."""
    outcome = []

    def one():
        try:
            host = kernels.host()
            host.manager(cwd=str(Path.cwd()))
            outcome.append("ok" if answers(host) else "no answer")
            host.shutdown()
        except Exception as exc:  # noqa: BLE001 — a lost kernel is what is counted
            outcome.append(f"{type(exc).__name__}: {exc}")

    barrier.wait(timeout=120)
    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put(outcome)


@pytest.mark.slow
def test_many_kernels_started_at_once_across_processes_none_lost(tmp_path, monkeypatch):
    """6 processes × 2 kernels, released together onto 2 cores: every kernel starts."""
    monkeypatch.chdir(tmp_path)
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(6), spawn.Queue()
    processes = [spawn.Process(target=_start_two, args=(barrier, results)) for _ in range(6)]
    for p in processes:
        p.start()
    outcomes = [o for _ in processes for o in results.get(timeout=400)]
    for p in processes:
        p.join(timeout=60)
    assert outcomes == ["ok"] * 12
