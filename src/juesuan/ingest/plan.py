"""Where each received file goes: a pure function of what was read from the files and what
data/raw/ already holds. No file is read or written here (filing.py does that).

A department folder holds, per year and scope (a 部门's documents; a 单位's in a folder of its own,
``<name>（单位）``), at most one file of each role: the final accounts (决算), the budget (预算), the
approval (批复), and a file of tables for the accounts or the budget (a workbook, or the 表格 a
province publishes apart from the 说明). Its manifest.json names the primary document at the top —
the 决算 if there is one, else the 批复, else the budget — and the others beside it (``tables``,
``budget``, ``approval``), each with ``file``, ``original_name``, ``sha256`` and ``kind``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .names import DOUBTFUL, SAME, compare, folder_name, fuller, name_key, plain_name

ACCOUNTS, BUDGET, APPROVAL = "accounts", "budget", "approval"
TABLES = {ACCOUNTS: "accounts_tables", BUDGET: "budget_tables", APPROVAL: "accounts_tables"}
ROLE_ZH = {ACCOUNTS: "决算", BUDGET: "预算", APPROVAL: "批复", "accounts_tables": "决算的表格",
           "budget_tables": "预算的表格"}
UNIT_SUFFIX = "（单位）"  # the folder of a 单位's own 决算/预算, apart from its 部门's
_TABLES_NAMED = re.compile(r"表格|公开表|附表|报表|表$")
ADDED, DUPLICATE, CONFLICT, UNREAD, SKIPPED = "added", "duplicate", "conflict", "unread", "skipped"


def family(kind: str) -> str:
    return APPROVAL if "批复" in kind else BUDGET if kind.endswith("预算") else ACCOUNTS


def scope(kind: str) -> str:
    return "单位" if kind.startswith("单位") else "部门"


@dataclass(frozen=True)
class Received:
    """One file as received: its checksum and identity, or why it cannot be filed."""

    path: str
    name: str
    sha256: str = ""
    kind: str = ""
    year: int | None = None
    department: str = ""
    from_name: tuple[str, ...] = ()  # the fields read from the file's name (its document said nothing)
    problem: str = ""
    workbook: bool = False  # .xls/.xlsx: a file of tables, never the report itself
    file: str = ""  # where its bytes are, when not at ``path`` (a document unpacked from a zip)
    archive: str = ""  # the zip it came in

    @property
    def tables_named(self) -> bool:
        return self.workbook or bool(_TABLES_NAMED.search(self.name.rsplit(".", 1)[0]))


@dataclass(frozen=True)
class Recorded:
    """A file a manifest lists, as its entry is written (keys other than ours kept)."""

    role: str
    entry: dict


@dataclass(frozen=True)
class Held:
    """A department folder already under data/raw/<year>/. ``manifest`` None: files put there by
    hand without one (or a broken one): never written into."""

    year: int
    folder: str
    department: str
    files: dict[str, Recorded] = field(default_factory=dict)
    manifest: dict | None = None
    names: frozenset[str] = frozenset()  # every file name in the folder

    @property
    def scope(self) -> str:
        primary = next((self.files[r] for r in (ACCOUNTS, APPROVAL, BUDGET) if r in self.files), None)
        return scope(primary.entry.get("kind", "")) if primary else "部门"


def recorded(manifest: dict, kind_of: Callable[[str], str]) -> dict[str, Recorded]:
    """The files a manifest lists, by role. ``kind_of(file)``: the kind of a top-level file whose
    manifest does not say it (one written by hand)."""
    top_kind = manifest.get("kind") or kind_of(manifest["file"])
    top = family(top_kind) if top_kind else ACCOUNTS
    files = {top: Recorded(top, {**_plain(manifest), "kind": top_kind})}
    if manifest.get("tables"):
        files[TABLES[top]] = Recorded(TABLES[top], dict(manifest["tables"]))
    if manifest.get("budget"):
        files[BUDGET] = Recorded(BUDGET, {"kind": "部门预算", **_plain(manifest["budget"])})
        if manifest["budget"].get("tables"):
            files[TABLES[BUDGET]] = Recorded(TABLES[BUDGET], dict(manifest["budget"]["tables"]))
    if manifest.get("approval"):
        files[APPROVAL] = Recorded(APPROVAL, dict(manifest["approval"]))
    return files


def _plain(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k not in ("department", "year", "tables", "budget", "approval")}


def render(department: str, year: int, files: dict[str, Recorded]) -> dict:
    """manifest.json of a folder holding ``files`` (the inverse of ``recorded``)."""
    primary = next(r for r in (ACCOUNTS, APPROVAL, BUDGET) if r in files)
    out = {"department": department, "year": year, **files[primary].entry}
    if TABLES[primary] in files:
        out["tables"] = files[TABLES[primary]].entry
    if primary != BUDGET and BUDGET in files:
        out["budget"] = {**files[BUDGET].entry,
                         **({"tables": files[TABLES[BUDGET]].entry} if TABLES[BUDGET] in files else {})}
    if primary == ACCOUNTS and APPROVAL in files:
        out["approval"] = files[APPROVAL].entry
    return out


@dataclass(frozen=True)
class Step:
    """What happens to one received file, and why."""

    source: str
    status: str  # ADDED, DUPLICATE, CONFLICT, UNREAD, SKIPPED
    reason: str
    year: int | None = None
    folder: str = ""
    file: str = ""  # its name in the folder


@dataclass(frozen=True)
class FolderWrite:
    year: int
    folder: str
    manifest: dict
    copies: tuple[tuple[str, str], ...]  # (received path, name in the folder)


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]
    writes: tuple[FolderWrite, ...]
    notes: tuple[str, ...] = ()  # doubtful names, said once each


@dataclass
class _Department:
    names: list[str]
    full: str
    folders: dict[tuple[int, str], str] = field(default_factory=dict)  # (year, scope) → folder


def _find(name: str, departments: list[_Department]) -> tuple[_Department | None, list[_Department]]:
    """The one department a name is, else (None, the ones it might be)."""
    same, doubtful = [], []
    for d in departments:
        verdicts = {compare(name, n) for n in d.names}
        if SAME in verdicts:
            same.append(d)
        elif DOUBTFUL in verdicts:
            doubtful.append(d)
    if len(same) == 1 and not doubtful:
        return same[0], []
    return None, same + doubtful


def plan(received: list[Received], held: list[Held]) -> Plan:
    """Where each received file goes (sorted by path, so that the same pile gives the same plan)."""
    steps: dict[str, Step] = {}
    where = {}  # sha256 → where those bytes already are
    for h in held:
        for r in h.files.values():
            where.setdefault(r.entry.get("sha256"), f"data/raw/{h.year}/{h.folder}/{r.entry.get('file')}")
    candidates = []
    for r in sorted(received, key=lambda r: r.path):
        if r.problem:
            steps[r.path] = Step(r.path, UNREAD, r.problem)
        elif r.sha256 in where:
            steps[r.path] = Step(r.path, DUPLICATE, f"same bytes as {where[r.sha256]}: not added again")
        else:
            where[r.sha256] = r.path
            candidates.append(r)

    departments, notes, target = _departments(candidates, held)
    held_at = {(h.year, h.folder): h for h in held}
    groups: dict[tuple[int, str], list[Received]] = {}
    for r in candidates:
        groups.setdefault(target[r.path], []).append(r)
    writes = []
    for (year, folder), members in sorted(groups.items()):
        h = held_at.get((year, folder))
        full = departments[members[0].path].full
        if h is not None and h.manifest is None:
            for r in members:
                steps[r.path] = Step(r.path, CONFLICT, f"data/raw/{year}/{folder}/ holds files without a readable "
                                     "manifest.json: not written into (record them in a manifest, or move them)",
                                     year, folder)
            continue
        files = dict(h.files) if h else {}
        taken = set(h.names) if h else set()
        copies = []
        for r in sorted(members, key=lambda r: (r.tables_named, r.workbook, r.path)):
            fam = family(r.kind)
            role = fam if fam not in files else TABLES[fam] if r.tables_named and fam != APPROVAL else fam
            if role in files:
                e = files[role].entry
                steps[r.path] = Step(r.path, CONFLICT, f"data/raw/{year}/{folder}/ already has its {ROLE_ZH[role]}: "
                                     f"{e.get('file')} (received as {e.get('original_name') or e.get('file')}), "
                                     f"a different file from {r.name}: not overwritten", year, folder)
                continue
            name = _file_name(year, r, role, taken)
            taken.add(name)
            entry = {"file": name, "original_name": r.name, "sha256": r.sha256, "kind": r.kind}
            files[role] = Recorded(role, entry | ({"archive": r.archive} if r.archive else {}))
            copies.append((r.file or r.path, name))
            named = f" ({', '.join(r.from_name)} from the file name)" if r.from_name else ""
            said = f"{r.kind} {r.year} {r.department}{named}"
            steps[r.path] = Step(r.path, ADDED, f"{said}, as its {ROLE_ZH[role]}", year, folder, name)
        if not copies:
            continue
        department = fuller(h.department, full) if h and h.department else full
        writes.append(FolderWrite(year, folder, render(department, year, files), tuple(copies)))
    ordered = tuple(steps[r.path] for r in sorted(received, key=lambda r: r.path))
    return Plan(ordered, tuple(writes), tuple(notes))


def _departments(candidates: list[Received], held: list[Held]):
    """Each candidate's department (matched across files and years) and the folder it goes to."""
    departments: list[_Department] = []
    for h in sorted(held, key=lambda h: (h.year, h.folder)):
        name = h.department or h.folder
        found, _maybe = _find(name, departments)
        if found is None:
            found = _Department([name], name)
            departments.append(found)
        else:
            found.names.append(name)
            found.full = fuller(found.full, name)
        found.folders.setdefault((h.year, h.scope), h.folder)
    of: dict[str, _Department] = {}
    notes = []
    said = set()
    # full names first, so that a short one finds the department its full name made
    for r in sorted(candidates, key=lambda r: (-len(name_key(r.department)), r.path)):
        found, maybe = _find(r.department, departments)
        if found is None:
            if maybe and r.department not in said:
                said.add(r.department)
                notes.append(f"{r.department}：可能与 {'、'.join(d.full for d in maybe)} 是同一部门，未合并，另立文件夹"
                             "（如确为同一部门，请移动其文件夹并改正 manifest.json）")
            found = _Department([r.department], plain_name(r.department))
            departments.append(found)
        elif r.department not in found.names:
            found.names.append(r.department)
            found.full = fuller(found.full, r.department)
        of[r.path] = found
    taken = {(h.year, h.folder) for h in held}
    target = {}
    for r in sorted(candidates, key=lambda r: r.path):
        d, key = of[r.path], (r.year, scope(r.kind))
        if key not in d.folders:
            elsewhere = sorted((y, f) for (y, s), f in d.folders.items() if s == key[1])
            base = elsewhere[0][1] if elsewhere else folder_name(d.full) + (UNIT_SUFFIX if key[1] == "单位" else "")
            folder, n = base, 1
            while (r.year, folder) in taken:
                n += 1
                folder = f"{base}-{n}"
            d.folders[key] = folder
            taken.add((r.year, folder))
        target[r.path] = (r.year, d.folders[key])
    return of, notes, target


def _file_name(year: int, r: Received, role: str, taken: set[str]) -> str:
    """<year>年度<kind>[_表格].<suffix>: the folder says whose, the manifest what it was called."""
    suffix = ("." + r.name.rsplit(".", 1)[1].lower()) if "." in r.name else ""
    stem = f"{year}年度{r.kind}" + ("_表格" if role.endswith("_tables") else "")
    name, n = stem + suffix, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    return name
