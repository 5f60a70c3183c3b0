"""`juesuan add` on a zip of downloads: the documents inside filed like loose files and traced to the
zip; the zip untrusted (names never paths, bombs refused having written nothing, GBK names read)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import hostile
from test_add import _identify, _tree

from juesuan.cli import main
from juesuan.ingest.filing import add, exit_code
from juesuan.ingest.plan import ADDED, DUPLICATE, SKIPPED, UNREAD


def _zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


def _statuses(plan_, skipped) -> dict[str, str]:
    return {s.source.split("!/", 1)[-1]: s.status for s in [*plan_.steps, *skipped]}


def test_the_documents_of_a_zip_are_filed_and_traced_to_it(tmp_path):
    inner = _zipped({"b.txt": b"b.txt text"})
    pile = tmp_path / "downloads.zip"
    pile.write_bytes(_zipped({"2023/a.txt": b"a.txt text", "2023/per-unit.zip": inner, "readme.md": b"x",
                              "__MACOSX/2023/._a.txt": b"fork", "d.txt": b"d.txt text"}))
    raw = tmp_path / "data" / "raw"
    plan_, skipped = add([pile], raw, identify=_identify)
    got = _statuses(plan_, skipped)
    assert got == {"2023/a.txt": ADDED, "2023/per-unit.zip!/b.txt": ADDED, "readme.md": SKIPPED, "d.txt": UNREAD}
    assert any(s.source == f"{pile}!/2023/a.txt" for s in plan_.steps)  # where it came from, said
    manifest = json.loads((raw / "2023" / "示例区财政局" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["original_name"] == "a.txt" and manifest["archive"] == "downloads.zip"
    assert manifest["budget"]["archive"] == "downloads.zip"  # the zip in the zip: traced to the one received
    assert (raw / "2023" / "示例区财政局" / manifest["file"]).read_bytes() == b"a.txt text"
    after = _tree(raw)
    loose = tmp_path / "a.txt"
    loose.write_bytes(b"a.txt text")
    again, skipped = add([pile, loose], raw, identify=_identify)  # the same bytes, zipped or not: filed once
    assert _tree(raw) == after and again.writes == ()
    assert _statuses(again, skipped)["2023/a.txt"] == DUPLICATE and _statuses(again, skipped)[str(loose)] == DUPLICATE


def test_a_zip_written_with_gbk_names_is_read_by_its_names(tmp_path):
    name = "2023年度示例区审计局部门决算.txt"
    pile = tmp_path / "pile.zip"
    pile.write_bytes(hostile._zip([hostile._member(name.encode("gbk"), b"d.txt text")]))
    FAKE_NAME = {name: ("部门决算", 2023, "")}  # the document names no department: its file name does

    def identify(path):
        from juesuan.extract.identity import Identity
        kind, year, department = FAKE_NAME[path.name]
        return Identity(kind, year, department)

    plan_, _ = add([pile], tmp_path / "raw", identify=identify)
    (step,) = plan_.steps
    assert step.status == ADDED and step.source.endswith(f"!/{name}") and step.folder == "示例区审计局"


def test_member_names_are_never_paths(tmp_path):
    pile = tmp_path / "evil.zip"
    pile.write_bytes(hostile._zip([hostile._member("../../a.txt", b"a.txt text"),
                                   hostile._member("/etc/b.txt", b"b.txt text")]))
    raw = tmp_path / "project" / "data" / "raw"
    plan_, _ = add([pile], raw, identify=_identify)
    assert [s.status for s in plan_.steps] == [ADDED, ADDED]
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert all(str(p).startswith("project/data/raw/2023/") for p in written - {Path("evil.zip")})


def test_a_zip_bomb_is_refused_having_written_nothing(tmp_path):
    pile = tmp_path / "bomb.zip"
    pile.write_bytes(hostile._zip([hostile._member("a.txt", b"a.txt text"),
                                   hostile._bomb_member("c.txt", b"", b"")]))
    raw = tmp_path / "raw"
    plan_, skipped = add([pile], raw, identify=_identify)
    (step,) = skipped
    assert step.status == UNREAD and "zip bomb?" in step.reason and not plan_.steps
    assert exit_code(plan_, skipped) == 1 and not raw.exists()


def test_a_lying_zip_is_refused_whole(tmp_path):
    """Its directory states 1 KB for a member of 200 MiB: zipfile stops at 1 KB and the CRC fails."""
    name, packed, crc, _ = hostile._bomb_member("c.txt", b"", b"", 200 * hostile.MIB)
    pile = tmp_path / "lying.zip"
    pile.write_bytes(hostile._zip([hostile._member("a.txt", b"a.txt text"), (name, packed, crc, 1024)]))
    plan_, skipped = add([pile], tmp_path / "raw", identify=_identify)
    assert not plan_.steps and [s.status for s in skipped] == [UNREAD]
    assert "not a readable zip" in skipped[0].reason


def test_archives_not_opened_and_broken_zips_are_said(tmp_path, capsys):
    (tmp_path / "pile").mkdir()
    (tmp_path / "pile" / "all.rar").write_bytes(b"Rar!\x1a\x07\x00")
    (tmp_path / "pile" / "cut.zip").write_bytes(_zipped({"a.txt": b"a.txt text"})[:40])
    code = main(["add", str(tmp_path / "pile"), "--root", str(tmp_path), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 1
    assert "NOT ADDED" in out and "all.rar: an archive juesuan does not open" in out
    assert "cut.zip: not a readable zip" in out and "Traceback" not in out


def test_zips_nested_past_the_depth_are_not_opened(tmp_path):
    inner = _zipped({"a.txt": b"a.txt text"})
    for level in range(3):
        inner = _zipped({f"level{level}.zip": inner})
    pile = tmp_path / "deep.zip"
    pile.write_bytes(inner)
    plan_, skipped = add([pile], tmp_path / "raw", identify=_identify)
    (step,) = skipped
    assert step.status == UNREAD and "nested deeper" in step.reason and not plan_.steps
