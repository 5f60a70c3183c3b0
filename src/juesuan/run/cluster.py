"""The same batch on a Dask distributed cluster: one task per report, run by `dask worker`s that
share the project folder (same path on every machine) and have juesuan installed.

Each task is runner.run_report, which builds in a staging folder and swaps the outputs in as one
step; so a worker lost mid-report leaves nothing half-written, and the scheduler runs the task
again on another worker (up to its `allowed-failures`, then the report is reported failed).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..model.errors import ReportError
from ..model.layout import ReportKey
from .runner import ReportResult, run_report


def run_on_cluster(keys: list[ReportKey], root: Path, address: str,
                   on_result: Callable[[ReportResult], None], batch: str = "run") -> list[ReportResult]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ReportError(address, "Dask is not installed here: pip install -c requirements.lock -e '.[cluster]' "
                                   "(make setup installs it)") from exc
    try:
        client = Client(address, timeout="20s")
    except (OSError, ValueError) as exc:  # nothing listening, or not an address
        raise ReportError(address, f"no Dask scheduler answers at this address ({exc})") from exc
    results = []
    with client:
        if not client.scheduler_info().get("workers"):
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError as exc:
                raise ReportError(address, "the Dask scheduler has no worker (start `dask worker`s)") from exc
        futures = {client.submit(run_report, key, str(root), batch, key=f"juesuan-{batch}-{key}", pure=False): key
                   for key in keys}
        try:
            for future in as_completed(futures):
                key = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # the scheduler gave up: its workers kept dying on this report
                    result = ReportResult(key, False, 0.0, f"lost on the cluster: {type(exc).__name__}: {exc}")
                on_result(result)
                results.append(result)
        except KeyboardInterrupt:
            not_started = [f for f in futures if f.status == "pending"]
            print(f"interrupted: {len(not_started)} report(s) cancelled on the cluster (a report under way still "
                  "replaces its outputs whole or not at all)", file=sys.stderr, flush=True)
            client.cancel(list(futures))
            raise
    return results
