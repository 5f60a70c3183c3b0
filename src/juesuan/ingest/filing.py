"""`juesuan add`: the shell around plan.py — gather the files, hash and identify them, read what
data/raw/ holds, copy each file in (temporary file + rename, the original never moved or edited),
write each folder's manifest last, and say what happened to every file."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import ReportError
from ..model.manifest import MANIFEST, REPORT_SUFFIXES, WORKBOOK_SUFFIXES, sha256
from ..model.outputs import staged_dir
from .archives import ARCHIVE_SUFFIXES, UNOPENED, UNOPENED_SUFFIXES, unpack_pile
from .names import from_file_name
from .plan import ADDED, CONFLICT, DUPLICATE, SKIPPED, UNREAD, FolderWrite, Held, Plan, Received, Step, plan, recorded

DOCUMENT_SUFFIXES = REPORT_SUFFIXES + WORKBOOK_SUFFIXES
FIELDS_ZH = {"kind": "kind（决算/预算/批复）", "year": "year", "department": "department"}


@dataclass(frozen=True)
class Incoming:
    """A document received: as shown to the analyst, where its bytes are, the zip it came in."""

    shown: str
    file: Path
    archive: str = ""


def is_document(name: str) -> bool:
    return Path(name).suffix.lower() in DOCUMENT_SUFFIXES and name != MANIFEST


def gather(paths: list[Path], scratch: Path) -> tuple[list[Incoming], list[Step]]:
    """Every document under the paths given (folders walked, zips unpacked under ``scratch``), and a
    skip for each other file met in a folder; a path that does not exist, or a file given by name
    that is no document, is unread, as is an archive juesuan does not open."""
    found, skipped = [], []

    def take(p: Path, by_name: bool) -> None:
        suffix = p.suffix.lower()
        if suffix in ARCHIVE_SUFFIXES:
            members, steps = unpack_pile(p, Path(tempfile.mkdtemp(dir=scratch)), is_document)
            found.extend(Incoming(m.shown, m.file, m.archive) for m in members)
            skipped.extend(steps)
        elif is_document(p.name):
            found.append(Incoming(str(p), p))
        elif suffix in UNOPENED_SUFFIXES:
            skipped.append(Step(str(p), UNREAD, UNOPENED))
        elif by_name:
            skipped.append(Step(str(p), UNREAD, f"not a document ({', '.join(DOCUMENT_SUFFIXES + ARCHIVE_SUFFIXES)} "
                                                "expected)"))
        else:
            skipped.append(Step(str(p), SKIPPED, f"not a document ({p.suffix or 'no suffix'})"))

    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts):
                    take(p, by_name=False)
        elif path.is_file():
            take(path, by_name=True)
        else:
            skipped.append(Step(str(path), UNREAD, "no such file or folder"))
    return list({i.shown: i for i in found}.values()), skipped


def receive(incoming: Incoming, checksum: str, identify) -> Received:
    """A file's identity as its document states it; a field it does not state is taken from the
    file's name when the name says it (and said so), else the file is left out with the reason."""
    path = incoming.file
    where = {"file": str(path) if incoming.shown != str(path) else "", "archive": incoming.archive}
    workbook = path.suffix.lower() in WORKBOOK_SUFFIXES
    try:
        identity = identify(path)
    except ReportError as exc:
        return Received(incoming.shown, path.name, checksum, problem=f"unreadable: {exc.problem}", workbook=workbook,
                        **where)
    said = {"kind": identity.kind or "", "year": identity.year, "department": (identity.department or "").strip()}
    by_name = from_file_name(path.name)
    from_name = [key for key, where in getattr(identity, "where", {}).items() if where == "文件名" and key in said]
    for key in said:
        if not said[key] and getattr(by_name, key):
            said[key] = getattr(by_name, key)
            from_name.append(key)
    missing = [FIELDS_ZH[k] for k, v in said.items() if not v]
    # the file's name is read for what the document does not say: naming it is how the analyst supplies it
    problem = (f"identity not read: {', '.join(missing)} (the document does not state it: write it in the file's "
               "name, e.g. 2023年度XX局部门决算.pdf, and add it again)") if missing else ""
    return Received(incoming.shown, path.name, checksum, said["kind"], said["year"], said["department"],
                    tuple(from_name), problem, workbook, **where)


def read_held(raw: Path, identify) -> list[Held]:
    """The department folders data/raw/ already holds, with the files each manifest lists."""
    held = []
    if not raw.is_dir():
        return held
    for year_dir in sorted(p for p in raw.iterdir() if p.is_dir() and p.name.isdigit() and len(p.name) == 4):
        for folder in sorted(p for p in year_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
            names = frozenset(p.name for p in folder.iterdir())
            try:
                manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
                files = recorded(manifest, lambda name, f=folder: _kind_of(f / name, identify))
                department = str(manifest.get("department", ""))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                manifest, files, department = None, {}, folder.name
            held.append(Held(int(year_dir.name), folder.name, department, files, manifest, names))
    return held


def _kind_of(path: Path, identify) -> str:
    try:
        return identify(path).kind or ""
    except ReportError:
        return ""


def apply(result: Plan, raw: Path) -> None:
    """Copy each file in, then write its folder's manifest: every file through a temporary file in
    the same folder and a rename, so that no half-written file is ever seen under its name."""
    for write in result.writes:
        folder = raw / str(write.year) / write.folder
        if folder.exists():
            _fill(folder, write)
        else:  # a new folder appears whole or not at all: a half-filled one would block the next add
            with staged_dir(folder) as stage:
                _fill(stage, write)


def _fill(folder: Path, write: FolderWrite) -> None:
    for source, name in write.copies:
        _atomic(folder / name, lambda f, s=source: _copy(s, f))
    text = json.dumps(write.manifest, ensure_ascii=False, indent=2) + "\n"
    _atomic(folder / MANIFEST, lambda f, t=text: f.write(t.encode("utf-8")))


def _copy(source: str, into) -> None:
    with open(source, "rb") as f:
        shutil.copyfileobj(f, into)


def _atomic(dest: Path, fill) -> None:
    with tempfile.NamedTemporaryFile("wb", dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp", delete=False) as f:
        try:
            fill(f)
            f.flush()
            os.fsync(f.fileno())
        except BaseException:
            os.unlink(f.name)
            raise
    os.chmod(f.name, 0o644)
    os.replace(f.name, dest)


def add(paths: list[Path], raw: Path, dry_run: bool = False, identify=None) -> tuple[Plan, list[Step]]:
    """Plan the filing of ``paths`` into ``raw`` and, unless ``dry_run``, do it. Returns the plan and
    the files skipped before planning."""
    if identify is None:
        from ..pipeline import identify_file as identify
    with tempfile.TemporaryDirectory(prefix="juesuan-add-") as scratch:  # what zips hold, until copied in
        files, skipped = gather(paths, Path(scratch))
        held = read_held(raw, identify)
        known = {r.entry.get("sha256") for h in held for r in h.files.values()}
        received = []
        for incoming in files:
            checksum = sha256(incoming.file)
            if checksum in known:  # already filed, or met before in this pile: no need to read it again
                received.append(Received(incoming.shown, incoming.file.name, checksum))
            else:
                received.append(receive(incoming, checksum, identify))
                known.add(checksum)
        result = plan(received, held)
        if not dry_run:
            apply(result, raw)
    return result, skipped


LABELS = {ADDED: "added", DUPLICATE: "duplicate", CONFLICT: "CONFLICT", UNREAD: "NOT ADDED", SKIPPED: "skipped"}


def report_lines(result: Plan, skipped: list[Step], raw: Path, dry_run: bool) -> list[str]:
    lines = []
    for s in sorted([*result.steps, *skipped], key=lambda s: s.source):
        label = ("would add" if dry_run else "added") if s.status == ADDED else LABELS[s.status]
        where = f" → {raw / str(s.year) / s.folder / s.file}" if s.status == ADDED else ""
        lines.append(f"{label:9} {s.source}{where}: {s.reason}")
    lines += [f"note      {n}" for n in result.notes]
    lines.append("")
    lines += summary(result, skipped, dry_run)
    return lines


def summary(result: Plan, skipped: list[Step], dry_run: bool) -> list[str]:
    """The folders written (year, folder, department, what it holds now) and the count per outcome."""
    rows = [("year", "folder", "department", "holds")]
    for w in result.writes:
        m = w.manifest
        holds = [m.get("kind", "")] + [f"{k}:{m[k].get('kind', '')}".rstrip(":") for k in ("tables", "budget", "approval")
                                       if k in m]
        rows.append((str(w.year), w.folder, m["department"], ", ".join(holds)))
    out = []
    if len(rows) > 1:
        widths = [max(_width(r[i]) for r in rows) for i in range(3)]
        out += ["  ".join(_pad(c, w) for c, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    steps = [*result.steps, *skipped]
    counts = {status: sum(s.status == status for s in steps) for status in LABELS}
    verb = "would be added" if dry_run else "added"
    out.append(f"{len(steps)} file(s): {counts[ADDED]} {verb}, {counts[DUPLICATE]} duplicate(s), "
               f"{counts[CONFLICT]} conflict(s), {counts[UNREAD]} not added (identity or file unreadable), "
               f"{counts[SKIPPED]} skipped (not documents); {len(result.writes)} folder(s) "
               + ("would be written" if dry_run else "written") + (" — nothing written (dry run)" if dry_run else ""))
    return out


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # a Chinese character is two columns wide


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def exit_code(result: Plan, skipped: list[Step]) -> int:
    """1 when a file was left out (a conflict, an identity or a file not read), else 0."""
    return 1 if any(s.status in (CONFLICT, UNREAD) for s in [*result.steps, *skipped]) else 0


def cmd_add(paths: list[Path], root: Path, dry_run: bool) -> int:
    raw = Path(root) / "data" / "raw"
    try:
        result, skipped = add(paths, raw, dry_run)
    except OSError as exc:  # a full disk, a folder not writable: one line, the files already in place stay
        print(f"juesuan add: {exc}", file=sys.stderr)
        return 2
    print("\n".join(report_lines(result, skipped, raw, dry_run)))
    code = exit_code(result, skipped)
    if code:
        print("juesuan add: some files were not added (CONFLICT / NOT ADDED above)", file=sys.stderr)
    return code
