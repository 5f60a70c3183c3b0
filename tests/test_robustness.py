"""Bad and odd input: cut-off reports, huge files, external references, fuzzed text."""

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx_builder import build_docx
from helpers import EDUCATION, SHIPPED, extract_text, read
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from juesuan.check import run_checks
from juesuan.extract import extract
from juesuan.model.document import normalise
from juesuan.model.errors import ReportError
from juesuan.read import read_document
from juesuan.read.text import document_from_text

JUESUAN = str(Path(sys.executable).parent / "juesuan")


@pytest.mark.slow
def test_cut_off_report_reads_what_is_there_and_says_what_is_missing(tmp_path):
    text = read(EDUCATION)
    cut = text[: text.index("[bookmark: _Toc2017]八、")]
    e = extract_text(cut)
    assert any("政府性基金预算支出决算情况说明" in w for w in e.warnings)
    assert not any("收入决算情况说明" in w for w in e.warnings)
    facts = e.tables["facts"]
    assert (facts["metric"] == "three_public").any() and not (facts["metric"] == "operating_cost").any()
    findings = run_checks(e.tables, e.warnings)
    assert (findings["rule"] == "document.incomplete").any()
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    r = subprocess.run([JUESUAN, "extract", path, "--out", tmp_path / "out"], capture_output=True, text=True)
    assert r.returncode == 0 and "缺少章节" in r.stderr


@pytest.mark.slow
def test_oversized_file_refused_without_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: large on paper, nothing to read
    start = time.perf_counter()
    r = subprocess.run([JUESUAN, "extract", big], capture_output=True, text=True)
    assert r.returncode == 2 and "too large" in r.stderr and r.stderr.count("\n") == 1
    assert time.perf_counter() - start < 10


@pytest.mark.slow
def test_manifest_year_must_match(tmp_path):
    import hashlib
    import json

    folder = tmp_path / "raw"
    folder.mkdir()
    path = folder / "r.txt"
    path.write_text(read(EDUCATION), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "department": "x", "year": 2021, "file": "r.txt", "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}))
    r = subprocess.run([JUESUAN, "extract", path, "--out", tmp_path / "out"], capture_output=True, text=True)
    assert r.returncode == 2 and "manifest.json says 2021 but the document is the 2022 report" in r.stderr


def test_docx_external_references_are_not_followed(tmp_path):
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    path = build_docx(read(EDUCATION), tmp_path / "r.docx")
    document = docx.Document(path)
    document.part.relate_to("http://example.invalid/tracker.png", RT.IMAGE, is_external=True)
    document.part.relate_to("http://example.invalid/page", RT.HYPERLINK, is_external=True)
    document.save(path)
    # the autouse fixture turns any connection to another host into an error
    e = extract(read_document(path))
    assert e.year == 2022


_TEXTS = [read(SHIPPED), read(EDUCATION)]


@st.composite
def mutated_reports(draw):
    lines = _TEXTS[draw(st.integers(0, 1))].split("\n")
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "garble", "truncate", "insert"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "garble":
            s = lines[i]
            j = draw(st.integers(0, max(len(s) - 1, 0)))
            lines[i] = s[:j] + draw(st.text(min_size=1, max_size=6)) + s[j + 1:]
        elif action == "truncate":
            lines = lines[: i + 1]
        else:
            lines.insert(i, draw(st.text(max_size=40)))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
@seed(20231231)
@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(mutated_reports())
def test_fuzzed_reports_never_crash(text):
    """The reader and the checks either succeed or raise their own clear error, quickly; and what
    they read is there: every fact's value is written in the line it names."""
    try:
        e = extract(document_from_text(text, "fuzz.txt"))
    except ReportError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        return
    lines = text.split("\n")
    for r in e.tables["facts"].itertuples():
        written = re.sub(r"[,，\s]", "", normalise(lines[r.line - 1]))
        assert r.text.strip() in lines[r.line - 1] or normalise(r.text.strip()) in normalise(lines[r.line - 1])
        value = abs(r.value) * (1e4 if r.unit_in_source == "元" else 1e-4 if r.unit_in_source == "亿元" else 1)
        assert any(f"{value:.{d}f}".rstrip("0").rstrip(".") in written for d in (0, 1, 2, 4, 6)), (r.line, r.value)
    run_checks(e.tables, e.warnings)
