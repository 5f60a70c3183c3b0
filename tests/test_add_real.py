"""`juesuan add` on the real published samples (../shared/samples): every file filed or listed
with its reason, a second run changes no byte, and the tree it makes is one `juesuan report --all`
builds, budgets apart from final accounts on the index pages (issue 29). Skipped without the samples."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from real_samples import REAL

from juesuan.cli import main
from juesuan.ingest.filing import DOCUMENT_SUFFIXES
from juesuan.model.manifest import read_manifest, sha256

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not REAL.is_dir(), reason=f"no real samples at {REAL}")]
SAMPLES = REAL.parent
PILE = [REAL, SAMPLES / "000_92b3a0fef2bd13ec.txt", SAMPLES / "education_2022.txt"]
JUESUAN = str(Path(sys.executable).parent / "juesuan")
LINE = re.compile(r"^(added|duplicate|CONFLICT|NOT ADDED|skipped)\s+(.+?)(?: → (.+?))?: (.+)$")


def _documents() -> set[str]:
    return {str(p) for p in REAL.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES} | \
        {str(p) for p in PILE[1:]}


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _lines(out: str) -> dict[str, tuple[str, str, str]]:
    lines = {}
    for text in out.splitlines():
        m = LINE.match(text)
        if m:
            lines[m.group(2)] = (m.group(1), m.group(3) or "", m.group(4))
    return lines


def test_every_real_file_is_filed_or_listed_and_a_second_add_changes_nothing(tmp_path, capsys):
    code = main(["add", *map(str, PILE), "--root", str(tmp_path)])
    lines = _lines(capsys.readouterr().out)
    documents = _documents()
    assert documents <= set(lines)  # one line per file
    added = {path: dest for path, (status, dest, _why) in lines.items() if status == "added"}
    left_out = {path: why for path, (status, _d, why) in lines.items() if status in ("CONFLICT", "NOT ADDED")}
    assert set(added) | set(left_out) == documents  # nothing lost: filed, or listed with its reason
    assert all(why for why in left_out.values())
    assert code == (1 if left_out else 0)
    assert len(added) >= len(documents) * 3 // 4  # most real files are read well enough to be filed
    raw = tmp_path / "data" / "raw"
    for source, dest in added.items():  # each a byte-for-byte copy its folder's manifest records
        dest = Path(dest)
        assert dest.read_bytes() == Path(source).read_bytes()
        manifest = read_manifest(dest.parent)
        entries = [manifest, manifest.tables, manifest.budget, manifest.budget and manifest.budget.tables]
        entry = next(e for e in entries if e is not None and e.file == dest.name)
        assert entry.sha256 == sha256(dest) and entry.original_name == Path(source).name
    before = _tree(raw)
    assert main(["add", *map(str, PILE), "--root", str(tmp_path)]) == code
    again = _lines(capsys.readouterr().out)
    assert _tree(raw) == before  # not a byte changed
    assert {p for p, (status, _d, _w) in again.items() if status == "duplicate"} == set(added)


def test_a_tree_of_real_budgets_and_accounts_builds_and_no_page_calls_a_budget_accounts(tmp_path):
    """The 2025 budgets of 上海 普陀 (部门 and 单位 of three departments) and two 2024 决算: every report
    built or listed; the 2025 page is all 预算; the main index keeps the two apart."""
    pile = sorted((REAL / "budget").glob("*2025年*预算.pdf")) + sorted((REAL / "shanghai").glob("上海市普陀区*决算.pdf"))
    added = subprocess.run([JUESUAN, "add", *map(str, pile), "--root", str(tmp_path)], capture_output=True, text=True,
                           timeout=600)
    assert added.returncode in (0, 1), added.stderr
    built = subprocess.run([JUESUAN, "report", "--all", "--root", str(tmp_path), "--jobs", "2"], capture_output=True,
                           text=True, timeout=1200)
    folders = [p for p in (tmp_path / "data" / "raw").glob("*/*") if p.is_dir()]
    assert folders and "index:" in built.stdout
    for year in {p.parent.name for p in folders}:
        soup = BeautifulSoup((tmp_path / "reports" / year / "index.html").read_text(encoding="utf-8"), "html.parser")
        rows = soup.select("table.departments tbody tr, table.budgets tbody tr")
        shown = sum("#budget" not in tr.a["href"] for tr in rows)  # a budget beside its 决算 is in that report
        failed = len(soup.select("table.failed tbody tr"))
        assert shown + failed == sum(p.parent.name == year for p in folders)  # every report given, accounted for
    page = BeautifulSoup((tmp_path / "reports" / "2025" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "决算" not in page.get_text() and page.select("table.budgets") and not page.select("table.departments")
    kinds = {tr.select("td")[1].get_text() for tr in page.select("table.budgets tbody tr")}
    assert kinds <= {"部门预算", "单位预算"} and len(kinds) == 2
    index = BeautifulSoup((tmp_path / "reports" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert {tr.select("td")[2].get_text() for tr in index.select("table.budgets tbody tr")} <= {"部门预算", "单位预算"}
    assert all("决算" in tr.select("td")[2].get_text() for tr in index.select("table.reports tbody tr"))


def test_a_zip_of_the_real_files_files_them_as_the_folder_does(tmp_path, capsys):
    """The same real downloads zipped (names in the UTF-8 the zip flags) give the same folders, manifests and
    bytes as the files given loose, each entry also naming the zip it came in."""
    import zipfile

    pile = sorted((REAL / "budget").glob("上海*.pdf")) + sorted((REAL / "pingtan").glob("2015_*.txt"))[:6]
    with zipfile.ZipFile(tmp_path / "downloads.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for path in pile:
            z.write(path, f"下载/{path.parent.name}/{path.name}")
    loose, zipped = tmp_path / "loose", tmp_path / "zipped"
    assert main(["add", *map(str, pile), "--root", str(loose)]) in (0, 1)
    assert main(["add", str(tmp_path / "downloads.zip"), "--root", str(zipped)]) in (0, 1)
    capsys.readouterr()
    files = {k: v for k, v in _tree(loose / "data" / "raw").items() if not k.endswith("manifest.json")}
    assert files and files == {k: v for k, v in _tree(zipped / "data" / "raw").items() if not k.endswith("manifest.json")}
    for manifest in (zipped / "data" / "raw").rglob("manifest.json"):
        folder = manifest.parent
        entry = read_manifest(folder)
        assert entry.sha256 == sha256(folder / entry.file)
        assert '"archive": "downloads.zip"' in manifest.read_text(encoding="utf-8")
