"""A zip of downloads, opened for `juesuan add`: the documents it holds are unpacked to a scratch
folder and filed like loose files, each shown as ``pile.zip!/folder/name.pdf`` and recorded with the
archive it came in.

The zip is untrusted, as every download is (read/archive.py for the workbook packages):
- its central directory is checked before anything is inflated (members, bytes in all, a member's
  ratio), and every member is inflated counting, never past what the directory allowed;
- a member's name is never a path: only its last part is kept, in a folder of its own (no ``../``,
  no absolute path, no link is ever written);
- a member larger than a document may be (read.MAX_BYTES) is not unpacked; a zip inside the zip is
  opened too, to MAX_DEPTH, within the outer zip's bounds;
- a name written in the local code page (GBK, as Windows' compressor writes Chinese names, without
  the UTF-8 flag) is decoded as such.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import ReportError
from ..read import MAX_BYTES
from ..read.archive import Limits, check_directory, inflate
from .plan import SKIPPED, UNREAD, Step

ARCHIVE_SUFFIXES = (".zip",)
# archives juesuan does not open: said, so that the documents inside are not silently left out
UNOPENED_SUFFIXES = (".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz")
UNOPENED = "an archive juesuan does not open (only .zip): unpack it and add the folder"
PILE = Limits(members=5000, unpacked=2 * 2**30, ratio=100)  # a year's downloads of a county: ≈ 1 GB of PDFs
MAX_DEPTH = 3  # a zip in a zip in a zip (a batch download of per-department zips)
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Member:
    """A document unpacked from an archive: how it is shown, where it was unpacked, which archive."""

    shown: str
    file: Path
    archive: str


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it: UTF-8 when flagged, else UTF-8 if it decodes, else
    the Chinese code page (zipfile decoded it as cp437, which gives the bytes back unchanged)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def safe_name(name: str) -> str:
    """The last part of a member's name, with nothing that could make it a path or hide it."""
    last = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    last = "".join(ch for ch in last if ch.isprintable()).strip().lstrip(".")
    return last or "member"


def unpack_pile(path: Path, into: Path, is_document, shown: str = "", depth: int = 1,
                budget: list[int] | None = None) -> tuple[list[Member], list[Step]]:
    """The documents in the zip ``path``, unpacked under ``into``; a step for each other member
    (skipped) and for each that could not be unpacked (unread). ``is_document(name)``: a name
    juesuan reads. ``budget``: bytes still allowed for the outermost zip and all it holds."""
    shown = shown or str(path)
    budget = budget if budget is not None else [PILE.unpacked]
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
            check_directory(infos, Path(shown), PILE)
            return _members(z, infos, into, is_document, shown, depth, budget)
    except ReportError as exc:
        return [], [Step(shown, UNREAD, exc.problem)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            ValueError) as exc:
        return [], [Step(shown, UNREAD, f"not a readable zip: {str(exc)[:200] or type(exc).__name__}")]


def _members(z: zipfile.ZipFile, infos, into: Path, is_document, shown: str, depth: int, budget: list[int]):
    found, steps = [], []
    for n, info in enumerate(infos):
        name = member_name(info)
        where = f"{shown}!/{name}"
        base = safe_name(name)
        if any(part.startswith((".", "~$", "__MACOSX")) and part not in (".", "..")
               for part in name.replace("\\", "/").split("/")):
            continue  # a system's own files (macOS resource forks, Office lock files)
        suffix = Path(base).suffix.lower()
        nested = suffix in ARCHIVE_SUFFIXES
        if not nested and not is_document(base):
            why = UNOPENED if suffix in UNOPENED_SUFFIXES else f"not a document ({suffix or 'no suffix'})"
            steps.append(Step(where, UNREAD if suffix in UNOPENED_SUFFIXES else SKIPPED, why))
            continue
        if nested and depth >= MAX_DEPTH:
            steps.append(Step(where, UNREAD, f"a zip nested deeper than {MAX_DEPTH}: not opened"))
            continue
        if info.flag_bits & 0x1:
            steps.append(Step(where, UNREAD, "encrypted in the zip: not unpacked"))
            continue
        if not nested and info.file_size > MAX_BYTES:
            steps.append(Step(where, UNREAD, f"file too large ({info.file_size / 1e6:.0f} MB; the limit is "
                                             f"{MAX_BYTES // 2**20} MiB)"))
            continue
        target = into / str(n) / base
        target.parent.mkdir(parents=True)
        with target.open("wb") as out:
            budget[0] -= inflate(z, info, min(budget[0], MAX_BYTES) if not nested else budget[0], Path(shown),
                                 out.write, PILE.unpacked)
        if nested:
            inner, more = unpack_pile(target, into / f"{n}.zip", is_document, where, depth + 1, budget)
            found += inner
            steps += more
        else:
            found.append(Member(where, target, Path(shown.split("!/", 1)[0]).name))
    return found, steps
