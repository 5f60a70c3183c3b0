"""Zip packages (.xlsx, .docx) come from the web and are untrusted: checked before a parser sees them.

A zip bomb is a small file that unpacks beyond reason (one shared string of 600 MB deflates to
600 KB; the 50 MiB file limit sees only the packed size). Before any parsing:

1. the central directory (what each member says it unpacks to) is checked against the limits
   below — the common bomb is refused here, having inflated nothing;
2. every member is then inflated in chunks, counting: the directory may lie, so no more than
   the limit is ever inflated, and zipfile stops at the stated size and checks the CRC;
3. the parser is given the members as read (``repack``: an uncompressed zip of them), never the
   original bytes, so a parser that inflates on its own (calamine, in Rust) reads only what was
   counted here.

The limits (docs/READING.md, "Untrusted input") are far above any disclosure — the sample
workbooks hold 17–21 members, 0.1–0.2 MB unpacked, compressed 5–9 times — and far below what
exhausts a machine.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import ReportError

MAX_MEMBERS = 5000  # a workbook has a few files per sheet; a Word file one per image
MAX_UNPACKED = 100 * 2**20  # all members together: twice the packed file limit (images barely compress)
MAX_RATIO = 100  # unpacked / packed, of a member (Apache POI's default too); deflate reaches ≈ 1000
RATIO_GRACE = 2**20  # a member smaller than this may compress better (a run of blanks): no ratio check
_CHUNK = 2**20


@dataclass(frozen=True)
class Limits:
    """What a zip's central directory may state: members, bytes unpacked in all, a member's ratio."""

    members: int = MAX_MEMBERS
    unpacked: int = MAX_UNPACKED
    ratio: int = MAX_RATIO


PACKAGE = Limits()


def unpack(data: bytes, path: Path, broken: str) -> dict[str, bytes]:
    """Every member of the zip package ``data``, read under the limits; ``broken`` is the problem
    said of a package that zipfile cannot read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
            check_directory(infos, path)
            budget = MAX_UNPACKED
            members = {}
            for info in infos:
                members[info.filename] = _inflate(z, info, budget, path)
                budget -= len(members[info.filename])
            return members
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError, OSError,
            ValueError) as exc:  # damaged or cut short, an unknown compression method, a wrong CRC or size, encrypted
        raise ReportError(path, f"{broken}: {str(exc)[:200] or type(exc).__name__}") from exc


def check_directory(infos: list[zipfile.ZipInfo], path: Path, limits: Limits = PACKAGE) -> None:
    """Refuse a package whose central directory states too many members, too many bytes, or a
    member that unpacks too many times its packed size."""
    if len(infos) > limits.members:
        raise ReportError(path, f"refused: the package holds {len(infos)} files (the limit is {limits.members}): "
                                "a zip bomb?")
    total = sum(i.file_size for i in infos)
    if total > limits.unpacked:
        raise ReportError(path, f"refused: the package would unpack to {total / 2**20:.0f} MiB "
                                f"(the limit is {limits.unpacked // 2**20} MiB): a zip bomb?")
    for i in infos:
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > RATIO_GRACE and ratio > limits.ratio:
            raise ReportError(path, f"refused: {i.filename} would unpack {ratio:.0f} times its packed size "
                                    f"(the limit is {limits.ratio}): a zip bomb?")


def inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, path: Path, write: Callable[[bytes], object],
            limit: int = MAX_UNPACKED) -> int:
    """Inflate a member a chunk at a time into ``write``; refused as soon as it passes ``budget``
    (``limit``: the limit the message names). Returns its size."""
    size = 0
    with z.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                raise ReportError(path, f"refused: {info.filename} unpacks past the limit of "
                                        f"{limit // 2**20} MiB for the package: a zip bomb?")
            write(chunk)
    return size


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, path: Path) -> bytes:
    parts: list[bytes] = []
    inflate(z, info, budget, path, parts.append)
    return b"".join(parts)


def repack(members: dict[str, bytes]) -> bytes:
    """The members as an uncompressed zip: what a parser is given, so that it reads what was counted."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, content in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), content)
    return out.getvalue()
