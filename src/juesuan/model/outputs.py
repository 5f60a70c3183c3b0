"""Writing outputs so that a failed run never replaces good ones.

Everything of one run is written into a fresh folder beside its destination and swapped in
only when complete.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .formulas import neutralise_frame, restore_frame

if TYPE_CHECKING:  # pandas is imported where a table is read: `juesuan report`'s main process needs
    import pandas as pd  # it only for the index, and imports it while the years run

CSV_ENCODING = "utf-8-sig"  # a BOM so that Excel opens the Chinese correctly
WORKBOOK_FILE = "workbook.xlsx"  # a processed folder's tables in one Excel workbook (reports/<year>/<department>.xlsx too)


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
    replace_all([(src, dest)])


def replace_file(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(src, 0o644)  # temporary files are made 0600
    os.replace(src, dest)


def replace_all(moves: list[tuple[Path, Path]]) -> None:
    """Move finished outputs (folders or files) into place as one step: each previous output is
    set aside (a rename), the new one moved in; if any move fails, those made are undone and the
    previous outputs are back. The set-aside ones are removed only when every move succeeded."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for src, dest in moves:
            dest = Path(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(src, 0o755 if Path(src).is_dir() else 0o644)  # mkdtemp/mkstemp make private ones
            aside = None
            if dest.exists():
                holder = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".old", dir=dest.parent))
                try:
                    os.rename(dest, holder / "x")
                except BaseException:
                    holder.rmdir()
                    raise
                aside = holder / "x"
            try:
                os.rename(src, dest)
            except BaseException:
                if aside is not None:
                    os.rename(aside, dest)
                    aside.parent.rmdir()
                raise
            done.append((dest, aside))
    except BaseException:
        for dest, aside in reversed(done):
            _remove(dest)
            if aside is not None:
                os.rename(aside, dest)
                aside.parent.rmdir()
        raise
    for _dest, aside in done:
        if aside is not None:
            shutil.rmtree(aside.parent, ignore_errors=True)


def recover(dest: Path) -> None:
    """Undo what a process killed inside replace_all left: an output set aside (a ``.<name>.….old``
    holder beside it) whose replacement never moved in is moved back; holders of outputs that are in
    place are removed (their cleanup was cut short)."""
    dest = Path(dest)
    holders = sorted(dest.parent.glob(f".{glob.escape(dest.name)}.*.old"), key=lambda p: p.stat().st_mtime)
    if not dest.exists() and holders and (holders[-1] / "x").exists():
        os.rename(holders[-1] / "x", dest)
    for holder in holders:
        shutil.rmtree(holder, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as the project writes it everywhere: the processed files and the page's downloads;
    text a spreadsheet would evaluate is quoted (model/formulas.py), which ``read_csv`` undoes. Lines
    end in CRLF (RFC 4180): the csv module then quotes a field holding a lone carriage return, which
    with LF endings it writes bare, cutting the row in two for every reader."""
    return neutralise_frame(frame).to_csv(index=False, float_format="%.10g", lineterminator="\r\n").encode(CSV_ENCODING)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    path.write_bytes(csv_bytes(frame))


def read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    return restore_frame(pd.read_csv(path, encoding=CSV_ENCODING, dtype={"code": str, "subject": str}))
