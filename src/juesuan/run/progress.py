"""A batch's progress: a bar on a terminal (done/total, failures, ETA), plain lines in a log."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


def _eta(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


class Progress:
    """Call ``done(label, ok, seconds, error)`` once per report; ``close()`` at the end.

    On a terminal the bar is tqdm's and only failures get a line of their own; elsewhere (a CI
    log, a file) every report gets one line with the counts and the time left."""

    def __init__(self, total: int, stream: TextIO | None = None, bar: bool | None = None) -> None:
        self.total, self.count, self.failed = total, 0, 0
        self.stream = stream or sys.stdout
        self.start = time.monotonic()
        use_bar = self.stream.isatty() if bar is None else bar
        self.bar = None
        if use_bar:
            from tqdm import tqdm

            # the terminal's size, or 100×24 where it reports none: tqdm draws nothing on a 0×0 pty
            size = shutil.get_terminal_size((100, 24))
            self.bar = tqdm(total=total, file=self.stream, unit="report", ncols=size.columns, nrows=size.lines,
                            smoothing=0.1)

    def done(self, label: str, ok: bool, seconds: float, error: str = "") -> None:
        self.count += 1
        self.failed += not ok
        status = "ok" if ok else f"FAILED — {error}"
        if self.bar is not None:
            if not ok:
                self.bar.write(f"[{label}] {status}", file=self.stream)
            self.bar.set_postfix(failed=self.failed, refresh=False)
            self.bar.update(1)
            return
        elapsed = time.monotonic() - self.start
        left = elapsed / self.count * (self.total - self.count)
        print(f"[{self.count}/{self.total}] [{label}] {status} ({seconds:.1f} s); {self.failed} failed, "
              f"ETA {_eta(left)}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
