""".docx files the package had no hand in: one built with python-docx calls alone (real bookmarks,
a TOC field code, the 绩效自评表 as a Word table, two charts placed before their captions, their
data written out here by hand), and one written by LibreOffice from HTML. Each reads as the text
export reads."""

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx_builder import CHART_CT, _inline_chart, chart_xml
from helpers import SHIPPED, read

from juesuan.extract import extract
from juesuan.read import read_document

_MARKS = re.compile(r"\[bookmark: ([^\]]*)\]")
# 图3 and 图5 of the shipped report, copied by hand from its chart data (lines 500–513); each is
# placed just before its caption (lines 50 and 72: （图3：支出决算结构图）…)
CHARTS = {
    3: ("pie", "支出决算结构图", [("支出决算结构图", ["基本支出", "项目支出"], [0.6768, 0.3232])]),
    5: ("bar", "一般公共预算财政拨款支出决算变动",
        [("2022年", ["一般公共预算财政拨款支出（万元）"], [958.23]), ("2023年", ["一般公共预算财政拨款支出（万元）"], [1050.28])]),
}
_CAPTION = re.compile(r"[（(]图(\d)[：:]")


def narrative_lines(text: str) -> list[str]:
    """The report's own lines: the text export's chart data (tab-separated, after the 附件) left out."""
    lines = text.split("\n")
    end = next(i for i, line in enumerate(lines) if line.strip() == "收、支变动情况图")
    return lines[:end]


def _bookmarked(paragraph, names: list[str], start_id: int) -> None:
    for offset, name in enumerate(names):
        begin, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        begin.set(qn("w:id"), str(start_id + offset))
        begin.set(qn("w:name"), name)
        end.set(qn("w:id"), str(start_id + offset))
        paragraph._p.insert(0, begin)
        paragraph._p.append(end)


def _toc_field(document) -> None:
    """目录 as Word writes it: a TOC field code, its cached result a single line."""
    p = document.add_paragraph()
    for kind, text in (("begin", None), (None, ' TOC \\o "1-3" \\h \\z \\u '), ("separate", None)):
        run = p.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = text
            run._r.append(instr)
    p.add_run("目  录")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    p.add_run()._r.append(end)


def _chart(document, n: int, kind: str, title: str, series) -> None:
    """A chart part with these series, related from a paragraph of its own (docx_builder's XML)."""
    block = SimpleNamespace(title=title, series=[SimpleNamespace(name=name, labels=labels, values=values)
                                                 for name, labels, values in series])
    part = Part(PackURI(f"/word/charts/chart{n}.xml"), CHART_CT, chart_xml(block, kind), document.part.package)
    rid = document.part.relate_to(part, RT.CHART)
    document.add_paragraph()._p.append(parse_xml(_inline_chart(rid, n)))


def table_rows(lines: list[str]) -> list[list[str]]:
    """The 绩效自评表 as the text export writes it: each cell on a line of its own after a tab, a
    blank line between rows."""
    rows: list[list[str]] = [[]]
    for line in lines:
        if line.startswith("\t"):
            rows[-1].append(line[1:].strip())
        elif not line.strip() and rows[-1]:
            rows.append([])
    return [row for row in rows if row]


def table_span(lines: list[str]) -> tuple[int, int]:
    starts = [i for i, line in enumerate(lines) if line.startswith("\t")]
    return (starts[0], starts[-1] + 1) if starts else (len(lines), len(lines))


def plain_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    _toc_field(document)
    lines, mark_id = narrative_lines(text), 0
    first, last = table_span(lines)
    for i, line in enumerate(lines):
        if i == first:  # the 绩效自评表: one Word table
            rows = table_rows(lines[first:last])
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
        if first <= i < last:
            continue
        caption = _CAPTION.search(line)
        if caption and int(caption[1]) in CHARTS:  # the chart first, then its caption
            kind, title, series = CHARTS[int(caption[1])]
            _chart(document, int(caption[1]), kind, title, series)
        names = _MARKS.findall(line)
        paragraph = document.add_paragraph(_MARKS.sub("", line))
        _bookmarked(paragraph, names, mark_id)
        mark_id += len(names)
    document.save(path)
    return path


def agree(docx_path: Path, figures: tuple[int, ...]) -> None:
    text = extract(read_document(SHIPPED)).tables
    got = extract(read_document(docx_path)).tables
    for key in ("facts", "functions", "performance_indicators", "performance_summary"):
        columns = [c for c in text[key].columns if c not in ("line", "text")]
        assert got[key][columns].reset_index(drop=True).equals(text[key][columns].reset_index(drop=True)), key
    columns = ["figure", "kind", "series", "category", "value"]
    mine = got["charts"][columns].reset_index(drop=True)  # only the charts the .docx carries
    assert sorted(set(mine["figure"])) == list(figures)
    assert not figures or mine.equals(text["charts"][text["charts"]["figure"].isin(figures)][columns].reset_index(drop=True))


def test_a_docx_made_with_python_docx_alone(tmp_path):
    path = plain_docx(read(SHIPPED), tmp_path / "plain.docx")
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "w:bookmarkStart" in xml and "w:instrText" in xml and re.search(r"<w:tbl[ >]", xml) and "[bookmark" not in xml
    agree(path, figures=(3, 5))


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def html_of(text: str) -> str:
    lines = narrative_lines(text)
    first, last = table_span(lines)
    body = []
    for i, line in enumerate(lines):
        if i == first:
            rows = table_rows(lines[first:last])
            cells = ("".join(f"<td>{'<br>'.join(c.split(chr(10)))}</td>" for c in row) for row in rows)
            body.append("<table border=1>" + "".join(f"<tr>{r}</tr>" for r in cells) + "</table>")
        if not first <= i < last:
            body.append(f"<p>{_MARKS.sub('', line) or '&nbsp;'}</p>")
    return f'<html><head><meta charset="utf-8"></head><body>{"".join(body)}</body></html>'


@pytest.mark.slow
@pytest.mark.skipif(not SOFFICE and not os.environ.get("CI"), reason="LibreOffice is not installed (make system-deps)")
def test_a_docx_written_by_libreoffice(tmp_path):
    assert SOFFICE, "LibreOffice is required in CI (make test installs it)"
    source = tmp_path / "report.html"
    source.write_text(html_of(read(SHIPPED)), encoding="utf-8")
    profile = tmp_path / "lo-profile"  # a private profile: nothing written to the user's home
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    path = tmp_path / "report.docx"
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "LibreOffice" in zipfile.ZipFile(path).read("docProps/app.xml").decode()
    assert re.search(r"<w:tbl[ >]", xml)
    agree(path, figures=())


@pytest.mark.slow
@pytest.mark.skipif(not SOFFICE and not os.environ.get("CI"), reason="LibreOffice is not installed (make system-deps)")
def test_a_word_97_doc_reads_as_its_docx(tmp_path):
    """Many departments still publish .doc (Word 97–2003): converted by LibreOffice and read like .docx."""
    assert SOFFICE, "LibreOffice is required in CI (make test installs it)"
    docx_path = plain_docx(read(SHIPPED), tmp_path / "plain.docx")
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=180)
    doc = tmp_path / "plain.doc"
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # an OLE file, as .xls is too
    renamed = tmp_path / "报告"  # no suffix: told from a workbook by its content
    renamed.write_bytes(doc.read_bytes())
    for path in (doc, renamed):
        agree(path, figures=(3, 5))  # the charts the .docx carried survive the round trip


def test_a_doc_without_libreoffice_says_what_to_do(tmp_path, monkeypatch):
    from juesuan.model.errors import ReportError
    from juesuan.read import doc

    path = tmp_path / "report.doc"
    path.write_bytes(doc.OLE_MAGIC + "WordDocument".encode("utf-16-le") + bytes(512))
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(ReportError, match="LibreOffice"):
        read_document(path)
