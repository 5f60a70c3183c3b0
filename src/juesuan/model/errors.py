"""Errors a user can act on: each names the file and the problem in one line."""

from __future__ import annotations

from pathlib import Path


class ReportError(Exception):
    """Bad input (unreadable file, not a report, checksum mismatch …)."""

    def __init__(self, path: str | Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem
