"""One Python kernel per worker process, kept for every notebook that worker runs.

Starting a kernel and importing pandas, matplotlib and juesuan into it costs more than building a
report. A worker therefore keeps its kernel and, before each notebook, gives it a clean slate: a
clean IPython namespace (user names and outputs gone, execution count back to 1), every figure
closed, the working folder set. What stays is what is meant to: imported modules and their read-only caches
(reference tables, the registered font). tests/test_batch.py shows that a report built after
others in the same kernel is byte-identical to one built in a fresh kernel.

papermill hands the kernel manager to nbclient, which leaves a kernel it does not own running.
nbclient asks the manager for a client at every notebook; the manager gives the same one, already
connected: a new client waits for 0.2 s of silence on the kernel's output channel before it is
ready, every time. The kernel keeps no input history (nothing to write to disk per report).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing.util
import os
import tempfile
import threading
import uuid

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager

log = logging.getLogger(__name__)

# Run silently before each notebook (no output, no history; the next cell is In [1]).
RESET = """
def _juesuan_reset(cwd):
    import gc, os, sys
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    os.chdir(cwd)
    collect, gc.collect = gc.collect, lambda *args, **kwargs: 0
    try:
        get_ipython().reset(new_session=False)  # removes this function's name too
    finally:
        gc.collect = collect
    get_ipython().execution_count = 1
_juesuan_reset({cwd!r})
"""
# IPython's reset ends with a full garbage collection (≈ 0.1 s with pandas and matplotlib loaded);
# the collector's own generations free the same objects without a pause per report.
# History is kept in memory only: no sqlite file written (and committed) at every notebook.
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
# Starts of a kernel that dies before it answers, before the report is failed (each a fresh kernel
# with fresh socket paths and connection file).
START_ATTEMPTS = 3
# A kernel that has grown past this is replaced before the next notebook (a worker's ceiling is
# 400 MB; a fresh kernel that has built a report holds ≈ 200 MB).
MAX_KERNEL_MB = 300


class KeptClient(AsyncKernelClient):
    """A client that stays connected from one notebook to the next: starting it again, or asking
    whether it is ready, costs nothing once it has been."""

    ready = started = False

    def start_channels(self, *args, **kwargs) -> None:
        if not self.started:
            super().start_channels(*args, **kwargs)
            self.started = True

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        if not self.ready:
            await super().wait_for_ready(timeout=timeout)
            self.ready = True


class LocalKernelManager(AsyncKernelManager):
    """Kernels over local sockets: never on the network, and no TCP warning.

    Each kernel gets its own socket path: workers share a working folder, where jupyter_client's
    default IPC names would collide. ``client()`` always gives the same, kept client.
    """

    transport = "ipc"

    def __init__(self, **kwargs):
        super().__init__(client_class="juesuan.run.kernels.KeptClient", **kwargs)
        self.ip = os.path.join(tempfile.gettempdir(), f"juesuan-kernel-{uuid.uuid4().hex}")
        self.kept: KeptClient | None = None

    def client(self, **kwargs):
        if self.kept is None:
            self.kept = super().client(**kwargs)
        return self.kept


class KernelHost:
    """The kernel of this process (and thread: an event loop and its sockets belong to one)."""

    def __init__(self) -> None:
        self.km: LocalKernelManager | None = None
        self.control: BlockingKernelClient | None = None
        self.notebooks = 0  # readied for in the current kernel

    def manager(self, cwd: str) -> LocalKernelManager:
        """A live kernel with a clean namespace and ``cwd`` as its working folder: the kept one, or
        a fresh one when it died, grew too big, or could not be reset."""
        from jupyter_core.utils import run_sync

        if self.km is None or not run_sync(self.km.is_alive)() or self._too_big():
            self._start(cwd)
        error = self._reset(cwd)
        if error is not None:  # a kernel left in a state it cannot leave: start afresh, once
            self._start(cwd)
            error = self._reset(cwd)
            if error is not None:
                raise RuntimeError(f"could not reset the kernel: {error}")
        self.notebooks += 1
        return self.km

    def _start(self, cwd: str) -> None:
        """A fresh kernel, ready: its first start, or its replacement after a death, a memory ceiling
        or a failed reset. A kernel that dies (or never answers) before kernel_info is started again
        from scratch, up to START_ATTEMPTS times, each failure logged with the kernel's exit status;
        only then is the report failed. Notebooks run later: a notebook's error is never retried."""
        self.shutdown()
        for attempt in range(1, START_ATTEMPTS + 1):
            km = LocalKernelManager(kernel_name="python3")
            try:
                control = self._ready(km, cwd)
            except Exception as exc:
                status = _exit_status(km)
                _stop(km)
                if attempt == START_ATTEMPTS:
                    raise RuntimeError(f"{exc} ({status}; {attempt} starts)") from exc
                log.warning("kernel start %d of %d failed: %s (%s); starting a fresh kernel",
                            attempt, START_ATTEMPTS, exc, status)
            else:
                self.km, self.control, self.notebooks = km, control, 0
                return

    @staticmethod
    def _ready(km: LocalKernelManager, cwd: str) -> BlockingKernelClient:
        """Start ``km``'s kernel and wait for its kernel_info reply.

        The control client is the manager's own (``blocking_client()``, its parent is ``km``), so
        that "is the kernel alive?" is asked of the kernel's process. A client made on its own
        judges by the heartbeat instead: its first ping is answered only once the kernel has
        imported ipykernel and bound its sockets, and jupyter_client's wait_for_ready declares the
        kernel dead ("Kernel died before replying to kernel_info") when no pong came within 1 s
        (HBChannel.time_to_dead). On a loaded machine a kernel's start takes longer than that,
        most of all a worker's first (two workers start theirs together, on cold caches): that
        kernel was alive, and the report was lost (issue #24, docs/RELIABILITY.md)."""
        from jupyter_core.utils import run_sync

        run_sync(km.start_kernel)(cwd=cwd, extra_arguments=KERNEL_ARGUMENTS)
        control = km.blocking_client()
        control.start_channels(hb=False)  # the process is watched instead
        try:
            control.wait_for_ready(timeout=60)
        except BaseException:
            control.stop_channels()
            raise
        return control

    def _reset(self, cwd: str) -> str | None:
        """The reset's error, or None."""
        reply = self.control.execute_interactive(RESET.format(cwd=cwd), silent=True, store_history=False,
                                                 timeout=60, output_hook=lambda msg: None)
        content = reply["content"]
        return None if content["status"] == "ok" else f"{content.get('ename', '')}: {content.get('evalue', '')}"

    def memory_mb(self) -> float:
        """Resident size of the kernel process (0 if none)."""
        import psutil

        pid = self.km.provisioner.pid if self.km is not None and self.km.provisioner else None
        try:
            return psutil.Process(pid).memory_info().rss / 2**20 if pid else 0.0
        except psutil.Error:
            return 0.0

    def _too_big(self) -> bool:
        return self.memory_mb() > MAX_KERNEL_MB

    def shutdown(self) -> None:
        if self.control is not None:
            self.control.stop_channels()
            self.control = None
        if self.km is not None:
            km, self.km = self.km, None
            _stop(km)


def _stop(km: LocalKernelManager) -> None:
    """Stop ``km``'s kernel and clients (a kernel that is already gone is fine)."""
    from jupyter_core.utils import run_sync

    if km.kept is not None:
        km.kept.stop_channels()
    with contextlib.suppress(Exception):
        run_sync(km.shutdown_kernel)(now=True)


def _exit_status(km: LocalKernelManager) -> str:
    """How the kernel's process ended, for the log: its exit code or signal, or that it still runs."""
    process = getattr(km.provisioner, "process", None) if km.provisioner else None
    code = process.poll() if process is not None else None
    if process is None:
        return "not started"
    if code is None:
        return "kernel still running"
    return f"kernel killed by signal {-code}" if code < 0 else f"kernel exited with code {code}"


_hosts: dict[tuple[int, int], KernelHost] = {}


def host() -> KernelHost:
    """This process's kernel host, created on first use and shut down when the process ends
    (a pool worker ends through multiprocessing's finalizers, a plain process through atexit)."""
    key = (os.getpid(), threading.get_ident())
    if key not in _hosts:
        for old in [k for k in _hosts if k[0] == key[0]]:  # another thread of this process: its loop is gone
            _hosts.pop(old).shutdown()
        h = _hosts[key] = KernelHost()
        multiprocessing.util.Finalize(h, h.shutdown, exitpriority=10)
        atexit.register(h.shutdown)
    return _hosts[key]
