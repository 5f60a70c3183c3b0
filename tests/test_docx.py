"""A .docx of a report gives the same tidy tables as its text export."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx_builder import build_docx
from helpers import EDUCATION, SHIPPED, read

from juesuan.extract import extract
from juesuan.model.errors import ReportError
from juesuan.read import read_document

JUESUAN = str(Path(sys.executable).parent / "juesuan")


def _values(frame, drop=("line", "text")):
    return frame.drop(columns=[c for c in drop if c in frame]).reset_index(drop=True)


@pytest.mark.parametrize("path", [SHIPPED, EDUCATION], ids=["shipped", "education"])
def test_docx_and_text_export_agree(tmp_path, path):
    text_doc = extract(read_document(path))
    docx_path = build_docx(read(path), tmp_path / "report.docx")
    with zipfile.ZipFile(docx_path) as z:
        assert any(n.startswith("word/charts/chart") for n in z.namelist())
    docx_doc = extract(read_document(docx_path))
    assert docx_doc.year == text_doc.year
    for key in ("facts", "functions", "charts"):
        assert _values(docx_doc.tables[key]).equals(_values(text_doc.tables[key])), key
    # the narrative's provenance text is the same sentence
    assert list(docx_doc.tables["facts"]["text"]) == list(text_doc.tables["facts"]["text"])
    for key in ("performance_indicators", "performance_summary"):
        assert _values(docx_doc.tables[key]).equals(_values(text_doc.tables[key])), key


@pytest.mark.slow
def test_docx_through_the_command(tmp_path):
    docx_path = build_docx(read(SHIPPED), tmp_path / "r.docx")
    r = subprocess.run([JUESUAN, "check", docx_path], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "5 errors" in r.stdout


@pytest.mark.parametrize("make,problem", [
    (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a .docx"),
    (lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "hi"), "no word/document.xml"),
])
def test_broken_docx(tmp_path, make, problem):
    path = tmp_path / "bad.docx"
    make(path)
    with pytest.raises(ReportError, match=problem):
        read_document(path)


def test_zip_bomb_refused_quickly(tmp_path):
    import time

    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/big.bin", b"\0" * (300 * 1024 * 1024))
    start = time.perf_counter()
    with pytest.raises(ReportError, match="zip bomb"):
        read_document(path)
    assert time.perf_counter() - start < 5
