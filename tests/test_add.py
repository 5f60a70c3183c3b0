"""`juesuan add`: department names matched, each file planned into its folder, filed atomically
and idempotently; duplicates, conflicts and unread identities reported (issue 29)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from helpers import EDUCATION, SHIPPED

from juesuan.cli import main
from juesuan.extract.identity import Identity
from juesuan.ingest.filing import add, exit_code
from juesuan.ingest.names import DIFFERENT, DOUBTFUL, SAME, compare, from_file_name, name_key
from juesuan.ingest.plan import ADDED, CONFLICT, DUPLICATE, UNREAD, Held, Received, plan, recorded, render
from juesuan.model.errors import ReportError
from juesuan.model.manifest import read_manifest, report_file


@pytest.mark.parametrize(("a", "b", "verdict"), [
    ("上海市普陀区财政局", "普陀区财政局", SAME),  # full and short
    ("上海市普陀区财政局", "财政局", DOUBTFUL),  # names no place of its own: any city's, any district's
    ("遂宁市安居区人民政府办公室", "区政府办公室", DOUBTFUL),
    ("上海市普陀区社会福利院单位", "上海市普陀区社会福利院", SAME),  # with its scope
    ("上海市普陀区财政局本级", "上海市普陀区财政局", SAME),  # a trailing 本级
    ("上海市普陀区财政局（本级）", "上海市普陀区财政局部门", SAME),
    ("遂宁市安居区人民政府办公室", "安居区政府办公室", SAME),
    ("中共上海市普陀区委社会工作部", "上海市普陀区委社会工作部", SAME),
    ("办公室", "上海市普陀区人民政府办公室", DOUBTFUL),  # inside, but not after a place
    ("上海市普陀区人民政府", "上海市普陀区人民政府办公室", DOUBTFUL),  # another organ: 政府 and its 办公室
    ("上海市财政局", "上海市普陀区财政局", DIFFERENT),
    ("上海市普陀区司法局", "上海市普陀区财政局", DIFFERENT),
    ("", "上海市普陀区财政局", DIFFERENT),
])
def test_department_names_compare(a, b, verdict):
    assert compare(a, b) == verdict
    assert compare(b, a) == verdict


def test_name_key_sets_aside_scope_spaces_and_brackets():
    assert name_key(" 上海市普陀区财政局 单位本级 ") == "上海市普陀区财政局"
    assert name_key("遂宁市安居区人民政府办公室") == "遂宁市安居区政府办公室"


def test_a_name_two_departments_may_be_is_doubtful_not_merged():
    def folders(*names):
        p = plan([_r(f"in/{i}.pdf", year=2020 + i, department=n) for i, n in enumerate(names)], [])
        return [s.folder for s in p.steps], p.notes  # one a year: no two for one folder

    got, notes = folders("上海市普陀区财政局", "普陀区财政局", "上海市司法局")
    assert got == ["上海市普陀区财政局", "上海市普陀区财政局", "上海市司法局"] and not notes
    got, notes = folders("上海市普陀区财政局", "北京市普陀区财政局", "普陀区财政局")
    assert got[2] == "普陀区财政局" and "上海市普陀区财政局" in notes[0] and "北京市普陀区财政局" in notes[0]


@pytest.mark.parametrize(("name", "kind", "year", "department"), [
    ("江苏省委办公厅_江苏省委办公厅2019年度部门预算公开表格.pdf", "部门预算", 2019, "江苏省委办公厅"),
    ("上海市普陀区人民政府办公室2025年单位预算.pdf", "单位预算", 2025, "上海市普陀区人民政府办公室"),
    ("北京_2026年北京市交通委员会部门预算.pdf", "部门预算", 2026, "北京市交通委员会"),
    ("2014_平潭县地震办_部门决算.txt", "部门决算", 2014, "平潭县地震办"),
    ("关于平潭县地震办2014年度部门决算的批复.txt", "部门决算批复", 2014, "关于平潭县地震办"),
    ("W020240812.pdf", "", None, ""), ("download.jsp.pdf", "", None, ""), ("附件2.xls", "", None, ""),
])
def test_what_a_file_name_says(name, kind, year, department):
    said = from_file_name(name)
    assert (said.kind, said.year, said.department) == (kind, year, department)


def _r(path, kind="部门决算", year=2024, department="上海市普陀区财政局", sha=None, **kw) -> Received:
    return Received(path, Path(path).name, sha or hashlib.sha256(path.encode()).hexdigest(), kind, year, department, **kw)


def _where(p, path):
    return next(s for s in p.steps if s.source == path)


def test_plan_files_a_budget_beside_the_accounts_of_its_department_and_year():
    p = plan([_r("in/a.pdf"), _r("in/b.pdf", "部门预算", department="普陀区财政局"),
              _r("in/c.pdf", "部门预算", 2025, "普陀区财政局")], [])
    assert [s.status for s in p.steps] == [ADDED] * 3
    assert {(w.year, w.folder) for w in p.writes} == {(2024, "上海市普陀区财政局"), (2025, "上海市普陀区财政局")}
    m = next(w.manifest for w in p.writes if w.year == 2024)
    assert m["department"] == "上海市普陀区财政局" and m["kind"] == "部门决算" and m["original_name"] == "a.pdf"
    assert m["budget"]["original_name"] == "b.pdf" and m["budget"]["kind"] == "部门预算"
    alone = next(w.manifest for w in p.writes if w.year == 2025)  # a budget alone is the folder's report
    assert alone["kind"] == "部门预算" and "budget" not in alone


def test_plan_keeps_a_unit_apart_from_its_department_and_takes_the_tables_file():
    p = plan([_r("in/说明.pdf", "部门预算", 2019, "江苏省委办公厅"),
              _r("in/公开表格.pdf", "部门预算", 2019, "江苏省委办公厅"),
              _r("in/unit.pdf", "单位预算", 2019, "江苏省委办公厅本级"),
              _r("in/附表.xls", "部门预算", 2019, "江苏省委办公厅", workbook=True)], [])
    folders = {w.folder: w.manifest for w in p.writes}
    assert set(folders) == {"江苏省委办公厅", "江苏省委办公厅（单位）"}
    dept = folders["江苏省委办公厅"]
    assert dept["original_name"] == "说明.pdf" and dept["tables"]["original_name"] == "公开表格.pdf"
    assert _where(p, "in/附表.xls").status == CONFLICT  # its tables are already there: not overwritten
    assert "公开表格.pdf" in _where(p, "in/附表.xls").reason


def test_plan_puts_an_approval_beside_the_accounts():
    p = plan([_r("in/pf.txt", "部门决算批复", 2014, "平潭县地震办"), _r("in/js.txt", "部门决算", 2014, "平潭县地震办")], [])
    (m,) = [w.manifest for w in p.writes]
    assert m["original_name"] == "js.txt" and m["approval"]["original_name"] == "pf.txt"
    assert recorded(m, lambda f: "")["approval"].entry["kind"] == "部门决算批复"


def test_plan_duplicates_conflicts_and_unread_files():
    same = "0" * 64
    held = [Held(2024, "财政局", "上海市普陀区财政局",
                 recorded({"department": "上海市普陀区财政局", "year": 2024, "file": "r.pdf", "original_name": "old.pdf",
                           "sha256": "1" * 64, "kind": "部门决算"}, lambda f: ""), {}, frozenset({"r.pdf"}))]
    held = [Held(h.year, h.folder, h.department, h.files, render(h.department, h.year, h.files), h.names) for h in held]
    p = plan([_r("in/again.pdf", sha="1" * 64), _r("in/x.pdf", sha=same), _r("in/y.pdf", sha=same),
              _r("in/new.pdf", department="普陀区财政局"),
              Received("in/blank.pdf", "blank.pdf", "2" * 64, problem="identity not read: department")], held)
    assert _where(p, "in/again.pdf").status == DUPLICATE and "data/raw/2024/财政局/r.pdf" in _where(p, "in/again.pdf").reason
    assert _where(p, "in/y.pdf").status == DUPLICATE and "in/x.pdf" in _where(p, "in/y.pdf").reason
    assert _where(p, "in/x.pdf").status == CONFLICT  # the folder already has its 决算 (old.pdf): not overwritten
    assert "old.pdf" in _where(p, "in/x.pdf").reason and "x.pdf" in _where(p, "in/x.pdf").reason
    assert _where(p, "in/new.pdf").status == CONFLICT
    assert _where(p, "in/blank.pdf").status == UNREAD
    assert p.writes == ()


def test_plan_a_doubtful_name_is_filed_apart_and_said():
    held = [Held(2024, f, f, recorded({"department": f, "year": 2024, "file": "r.pdf", "sha256": f * 4,
                                       "kind": "部门决算"}, lambda x: ""), {"x": 1}, frozenset()) for f in
            ("上海市财政局", "上海市普陀区财政局")]
    p = plan([_r("in/a.pdf", year=2024, department="财政局", kind="单位决算")], held)
    assert p.writes[0].folder == "财政局（单位）"
    assert p.notes and "上海市财政局" in p.notes[0] and "上海市普陀区财政局" in p.notes[0]


def test_plan_a_budget_arriving_after_its_accounts_goes_beside_them_in_the_same_folder():
    first = plan([_r("in/a.pdf", department="普陀区财政局")], [])
    (w,) = first.writes
    held = [Held(2024, w.folder, w.manifest["department"], recorded(w.manifest, lambda f: ""), w.manifest,
                 frozenset({w.manifest["file"]}))]
    later = plan([_r("in/b.pdf", "部门预算", department="上海市普陀区财政局")], held)
    (w2,) = later.writes
    assert w2.folder == w.folder and w2.manifest["budget"]["original_name"] == "b.pdf"
    assert w2.manifest["file"] == w.manifest["file"] and w2.manifest["department"] == "上海市普陀区财政局"


FAKE = {  # file name → (kind, year, department) a document states
    "a.txt": ("部门决算", 2023, "示例区财政局"), "b.txt": ("部门预算", 2023, "示例区财政局本级"),
    "c.txt": ("部门决算", 2023, "示例区财政局"), "d.txt": ("", 2023, "示例区审计局"),
    "W0201.txt": ("部门决算", None, "示例区审计局"),
}


def _identify(path: Path) -> Identity:
    if path.read_bytes() == b"broken":
        raise ReportError(path, "not a final-accounts report")
    kind, year, department = FAKE[path.name]
    return Identity(kind, year, department)


def _pile(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in FAKE:
        (folder / name).write_text(f"{name} text", encoding="utf-8")
    (folder / "e.txt").write_bytes(b"broken")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    return folder


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_add_files_copies_reports_and_changes_nothing_the_second_time(tmp_path):
    pile = _pile(tmp_path / "downloads")
    before = _tree(pile)
    raw = tmp_path / "data" / "raw"
    plan_, skipped = add([pile], raw, identify=_identify)
    statuses = {Path(s.source).name: s.status for s in [*plan_.steps, *skipped]}
    assert statuses == {"a.txt": ADDED, "b.txt": ADDED, "c.txt": CONFLICT, "d.txt": UNREAD, "e.txt": UNREAD,
                        "W0201.txt": UNREAD, "notes.md": "skipped"}
    assert exit_code(plan_, skipped) == 1
    reasons = {Path(s.source).name: s.reason for s in plan_.steps}
    assert reasons["d.txt"].startswith("identity not read: kind（决算/预算/批复） (the document does not state it")
    assert reasons["W0201.txt"].startswith("identity not read: year (") and "file's name" in reasons["W0201.txt"]
    assert "not a final-accounts report" in reasons["e.txt"]
    folder = raw / "2023" / "示例区财政局"
    manifest = read_manifest(folder)  # the pipeline's own reader takes it
    assert manifest.department == "示例区财政局" and manifest.budget is not None
    assert report_file(folder).read_text(encoding="utf-8") == "a.txt text"
    assert (folder / manifest.budget.file).read_text(encoding="utf-8") == "b.txt text"
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["budget"]["kind"] == "部门预算"
    assert not list(raw.rglob(".*.tmp"))
    assert _tree(pile) == before  # the originals are copied, never moved or edited
    after = _tree(raw)
    again, skipped = add([pile], raw, identify=_identify)
    assert _tree(raw) == after and again.writes == ()
    assert {Path(s.source).name for s in again.steps if s.status == DUPLICATE} == {"a.txt", "b.txt"}


def test_add_dry_run_writes_nothing(tmp_path):
    pile = _pile(tmp_path / "downloads")
    plan_, _ = add([pile], tmp_path / "data" / "raw", dry_run=True, identify=_identify)
    assert plan_.writes and not (tmp_path / "data").exists()


def test_add_command_on_real_text_reports(tmp_path, capsys):
    """The CLI over the two sample reports, their identities read by the pipeline: one line per
    file, a table at the end; then a different report for a folder that has one: a conflict."""
    code = main(["add", str(SHIPPED), str(EDUCATION), str(tmp_path / "missing.pdf"), "--root", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 1 and "missing.pdf: no such file or folder" in out.out
    assert (tmp_path / "data" / "raw" / "2022" / "示例市教育局" / "2022年度部门决算.txt").exists()
    (shipped,) = (tmp_path / "data" / "raw" / "2023").iterdir()  # named by the department the report states
    assert read_manifest(shipped).original_name == SHIPPED.name
    assert "3 file(s): 2 added" in out.out
    other = tmp_path / "other" / SHIPPED.name
    other.parent.mkdir()
    other.write_text(SHIPPED.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert main(["add", str(other), str(SHIPPED), "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "CONFLICT" in out and SHIPPED.name in out and "duplicate" in out


def test_a_budget_added_beside_its_accounts_is_compared_by_the_pipeline(tmp_path):
    """What `add` writes is what the pipeline reads: the budget beside the final accounts is paired."""
    from test_budget_pair import BUDGET

    from juesuan.pipeline import process

    def same_name(path: Path) -> Identity:  # the two documents' identities, as the rewritten reader gives them
        return Identity("部门预算" if path == BUDGET else "部门决算", 2023, "遂宁市安居区人民政府办公室")

    raw = tmp_path / "data" / "raw"
    plan_, _ = add([SHIPPED, BUDGET], raw, identify=same_name)
    assert [s.status for s in plan_.steps] == [ADDED, ADDED]
    folder = raw / "2023" / "遂宁市安居区人民政府办公室"
    result = process(report_file(folder))
    assert result.budget is not None and result.meta["budget_source"]["original_name"] == BUDGET.name
    assert result.comparison is not None and not result.comparison.empty


def test_a_new_folder_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    """A copy that fails half-way leaves no folder behind (nor a temporary file), so that the next
    add of the same pile is not blocked by a folder without its manifest."""
    from juesuan.ingest import filing

    pile = _pile(tmp_path / "downloads")
    calls = []

    def failing(source, into):
        calls.append(source)
        if len(calls) == 2:
            raise OSError("disk full")
        into.write(Path(source).read_bytes())

    monkeypatch.setattr(filing, "_copy", failing)
    raw = tmp_path / "data" / "raw"
    with pytest.raises(OSError):
        add([pile], raw, identify=_identify)
    assert not [p for p in raw.rglob("*") if p.is_file()]
    monkeypatch.undo()
    plan_, _ = add([pile], raw, identify=_identify)
    assert sum(s.status == ADDED for s in plan_.steps) == 2
