"""The real command in a subprocess: exit codes, one-line messages, outputs that survive."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EDUCATION, SHIPPED, read

JUESUAN = str(Path(sys.executable).parent / "juesuan")


def run(*args, cwd=None):
    return subprocess.run([JUESUAN, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.slow  # runs the juesuan command
def test_extract_writes_the_contract_tables(tmp_path):
    out = tmp_path / "out"
    r = run("extract", EDUCATION, "--out", out)
    assert r.returncode == 0, r.stderr
    assert {"facts.csv", "expenditure_by_function.csv", "charts.csv", "findings.csv", "meta.json",
            "performance_indicators.csv"} <= set(snapshot(out))
    head = (out / "facts.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head == "metric,period,measure,value,unit_in_source,base,section,line,text,attach,subject_in_source"
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["year"] == 2022 and len(meta["sha256"]) == 64


@pytest.mark.slow
def test_extract_default_folder_is_the_year_and_department(tmp_path):
    r = run("extract", EDUCATION, cwd=tmp_path)  # a file outside data/raw: its name stands for the department
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "data" / "processed" / "2022" / EDUCATION.stem / "facts.csv").exists()
    raw = tmp_path / "data" / "raw" / "2022" / "教育局"
    raw.mkdir(parents=True)
    shutil.copy(EDUCATION, raw / "report.txt")
    r = run("extract", raw / "report.txt", cwd=tmp_path)  # in its department folder: that folder's name
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "data" / "processed" / "2022" / "教育局" / "facts.csv").exists()


@pytest.mark.slow
@pytest.mark.parametrize("content,problem", [
    (b"", "empty"), (b"\x00\xff\x00junk" * 100, "binary"),
    ("这是一份普通的文件，不是决算报告。\n第二行".encode(), "not a final-accounts report"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    (out / "facts.csv").write_text("good", encoding="utf-8")
    for command in (["extract", bad, "--out", out], ["check", bad]):
        r = run(*command)
        assert r.returncode == 2
        assert r.stderr.count("\n") == 1 and str(bad) in r.stderr and problem in r.stderr
        assert "Traceback" not in r.stderr
    assert snapshot(out) == {"facts.csv": b"good"}


@pytest.mark.slow
def test_missing_file(tmp_path):
    r = run("extract", tmp_path / "nope.txt")
    assert r.returncode == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_checksum_mismatch_is_refused(tmp_path):
    raw = tmp_path / "2023"
    shutil.copytree(SHIPPED.parent, raw)
    report = raw / SHIPPED.name
    report.write_text(read(SHIPPED).replace("1050.28", "1050.29", 1), encoding="utf-8")
    r = run("extract", report, "--out", tmp_path / "out")
    assert r.returncode == 2 and "checksum does not match" in r.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_year_in_path_must_match_the_document(tmp_path):
    folder = tmp_path / "2021"
    folder.mkdir()
    shutil.copy(EDUCATION, folder / "r.txt")
    r = run("extract", folder / "r.txt", "--out", tmp_path / "out")
    assert r.returncode == 2 and "the folder says 2021 but the document is the 2022 report" in r.stderr


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_check_is_a_linter():
    ok = run("check", EDUCATION)
    assert ok.returncode == 0 and "0 errors" in ok.stdout
    bad = run("check", SHIPPED)
    assert bad.returncode == 1
    # the five errors of the narrative, and the one place the appendix workbook beside it disagrees
    assert "错误 error (6)" in bad.stdout and f"{SHIPPED}:74 (with 89, 90, 91): [sum.functions]" in bad.stdout
    assert f"{SHIPPED}:90 (with 公开06表!E25): [table.narrative]" in bad.stdout


@pytest.mark.slow
def test_failed_extract_keeps_previous_outputs(tmp_path):
    out = tmp_path / "out"
    assert run("extract", EDUCATION, "--out", out).returncode == 0
    before = snapshot(out)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00" * 100)
    assert run("extract", broken, "--out", out).returncode == 2
    assert snapshot(out) == before


@pytest.mark.slow
def test_datapackage_describes_every_csv(tmp_path):
    import csv

    out = tmp_path / "out"
    assert run("extract", SHIPPED, "--out", out).returncode == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in out.glob("*.csv")}
    for resource in package["resources"]:
        with (out / resource["path"]).open(encoding=resource["encoding"]) as f:
            rows = list(csv.reader(f))
        fields = resource["schema"]["fields"]
        assert rows[0] == [f["name"] for f in fields], resource["path"]
        for i, spec in enumerate(fields):
            for row in rows[1:]:
                if row[i] and spec["type"] == "number":
                    float(row[i])
                elif row[i] and spec["type"] == "integer":
                    int(row[i])
        assert all(f["description"] for f in fields), resource["path"]
    value = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "value")
    assert value["unit"] == "万元 | %"


@pytest.mark.slow
@pytest.mark.parametrize("make,problem", [
    (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a .docx (not a zip package)"),
    (lambda p: __import__("zipfile").ZipFile(p, "w").writestr("x.txt", "x"), "no word/document.xml"),
])
def test_bad_docx_through_the_command(tmp_path, make, problem):
    bad = tmp_path / "bad.docx"
    make(bad)
    r = run("extract", bad, "--out", tmp_path / "out")
    assert r.returncode == 2 and problem in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()
