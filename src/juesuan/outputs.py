"""Writing outputs so that a failed run never replaces good ones.

Everything of one run is written into a fresh folder beside its destination and swapped in
only when complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is read: `juesuan report`'s main process needs
    import pandas as pd  # it only for the index, and imports it while the years run

CSV_ENCODING = "utf-8-sig"  # a BOM so that Excel opens the Chinese correctly
WORKBOOK_FILE = "workbook.xlsx"  # a processed folder's tables in one Excel workbook (reports/<year>.xlsx too)


@contextlib.contextmanager
def staged_dir(dest: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``dest``; on success it replaces ``dest``."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    try:
        yield tmp
        replace_dir(tmp, dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def replace_dir(src: Path, dest: Path) -> None:
    """Move a finished folder into place (the old one is removed only after the swap)."""
    old = None
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(src, 0o755)  # mkdtemp makes 0700 folders
    if dest.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
        os.rename(dest, old / "x")
    os.rename(src, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def replace_file(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(src, 0o644)  # temporary files are made 0600
    os.replace(src, dest)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as the project writes it everywhere: the processed files and the page's downloads."""
    return frame.to_csv(index=False, float_format="%.10g").encode(CSV_ENCODING)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_bytes(csv_bytes(frame))


def read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    return pd.read_csv(path, encoding=CSV_ENCODING, dtype={"code": str, "subject": str})
