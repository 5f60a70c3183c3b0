"""Objects embedded in a Word file (read/embedded.py): an embedded Excel workbook is read as an appendix
table where it stands; whatever else is embedded, and a picture under a table's title, is a note that
reaches the warnings and the coverage. Word files built at test time (tests/embedded_builder.py)."""

import os
import shutil
import subprocess
import zipfile

import pytest
from docx.oxml import parse_xml
from embedded_builder import ANJU_XLS, DOCX, OLE, Builder, _object_xml, table_01_in_yuan
from helpers import SHIPPED, read
from workbook_variants import sheets_of

import juesuan
from juesuan.extract import appendix
from juesuan.read import doc as word97
from juesuan.read import embedded, read_document
from juesuan.read.workbook import OLE_MAGIC

TITLE = "遂宁市安居区人民政府办公室2023年度部门决算"


def _cell(cells, row, column):
    return next(c for c in cells if c["row"] == row and c["column"] == column)


def test_an_embedded_xlsx_is_the_appendix_table_it_holds(tmp_path):
    """Excel.Sheet.12: the .xlsx package under word/embeddings/, its sheet read where the object stands."""
    path = (Builder().text(TITLE, "附件：公开01表 收入支出决算总表").embed(table_01_in_yuan(tmp_path))
            .text("公开02表 收入决算表").save(tmp_path / "r.docx"))
    assert "word/embeddings/Microsoft_Excel_Worksheet1.xlsx" in zipfile.ZipFile(path).namelist()
    doc = read_document(path)
    assert [g.name for g in doc.grids] == ["嵌入对象（第3行）公开01表"] and doc.notes == ()
    assert doc.lines[2].raw == ""  # the object's paragraph is a line of its own
    parsed = appendix.read_appendix(doc.grids)
    (table,) = parsed.tables
    assert (table["table"], table["kind"], table["unit_in_source"]) == ("01", "summary", "元")
    income = _cell(parsed.cells, "一、一般公共预算财政拨款收入", "收入/金额")
    assert income["text"] == "10502800" and income["value"] == pytest.approx(1050.28)
    assert income["sheet"] == "嵌入对象（第3行）公开01表" and income["cell"] == "C7"
    result = juesuan.process(path)  # the Word file alone: its embedded table is its appendix
    assert set(result.tables["appendix_tables"]["kind"]) == {"summary"}


def test_the_real_case_an_embedded_01_and_word_tables_after_it(tmp_path):
    """A 2016 city 发改委's .doc: 公开01表 (in 元) an embedded Excel object, the tables after it Word
    tables under their title paragraphs. All are appendix tables, in body order, cell for cell the
    sample workbook's, and the checks across them run clean."""
    sheets = {s.name: s for s in sheets_of(ANJU_XLS)}
    builder = Builder().text(TITLE, "附件：公开01表 收入支出决算总表").embed(table_01_in_yuan(tmp_path))
    for name in ("公开02表", "公开03表"):
        builder.word_table(sheets[name].rows, sheets[name].merges)
    path = builder.save(tmp_path / "r.docx")
    doc = read_document(path)
    assert [g.name for g in doc.grids] == ["嵌入对象（第3行）公开01表", "表1（第7行）", "表2（第11行）"]
    assert doc.grids[1].cells[0][0] == "收入决算表"  # its title paragraph, its first row
    result = juesuan.process(path)
    got = result.tables["appendix"]
    assert list(result.tables["appendix_tables"]["table"]) == ["01", "02", "03"]
    assert _values(got) == _values(_sample_cells(("01", "02", "03")))
    assert result.tables["findings"].query("severity == 'error'").empty
    assert result.meta["coverage"]["checks_run"] > 0


def _values(cells) -> dict:
    return {(r.table, r.row, r.column): round(r.value, 2) for r in cells.itertuples()}


def _sample_cells(tables):
    cells = juesuan.process(ANJU_XLS).tables["appendix"]
    return cells[cells["table"].isin(tables)]


def test_an_embedded_ole_workbook_is_read_too(tmp_path):
    """Excel.Sheet.8: an OLE compound file (oleObject1.bin) holding the Workbook stream of an .xls."""
    path = (Builder().text(TITLE, "附件").embed(ANJU_XLS.read_bytes(), "Excel.Sheet.8", "oleObject1.bin", OLE)
            .save(tmp_path / "r.docx"))
    doc = read_document(path)
    assert len(doc.grids) == 13 and all(g.name.startswith("嵌入对象（第3行）") for g in doc.grids)
    parsed = appendix.read_appendix(doc.grids)
    assert len(parsed.tables) == 13
    income = _cell([c for c in parsed.cells if c["table"] == "01"], "一、一般公共预算财政拨款收入", "收入/金额")
    assert income["value"] == pytest.approx(1050.28) and income["unit_in_source"] == "万元"


def test_what_is_not_read_is_a_note_naming_where_it_stands(tmp_path):
    path = (Builder().text(TITLE, "一、收入支出决算总体情况说明").picture()  # a picture under no table title: no note
            .text("公开02表 收入决算表").picture()
            .text("公开03表 支出决算表").embed(b"PK\x03\x04 a document, not a workbook", "Word.Document.12",
                                           "Microsoft_Word_Document1.docx", DOCX)
            .text("公开04表").embed(b"PK\x03\x04xl/workbook.xml cut short")
            .text("公开05表").embed(OLE_MAGIC + bytes(600), "Excel.Sheet.8", "oleObject2.bin", OLE)
            .text("公开06表").link()
            .save(tmp_path / "r.docx"))
    doc = read_document(path)  # nothing of it stops the document being read
    assert doc.grids == () and len(doc.notes) == 5
    picture, word, broken, ole, linked = doc.notes
    assert picture.startswith("第5行（“公开02表 收入决算表”之后）是一张图片，未读取")
    assert word.startswith("第7行（“公开03表 支出决算表”之后）的嵌入对象（Word.Document.12，Microsoft_Word_Document1.docx）"
                           "未读取：不是 Excel 工作簿")
    assert broken.startswith("第9行（“公开04表”之后）的嵌入对象（Excel.Sheet.12，Microsoft_Excel_Worksheet3.xlsx）未能读取："
                           "cannot read the workbook")
    assert ole.startswith("第11行（“公开05表”之后）的嵌入对象（Excel.Sheet.8，oleObject2.bin）未读取：OLE 数据已损坏")
    assert linked.startswith("第13行（“公开06表”之后）的嵌入对象（Excel.Sheet.8）未读取：链接到文档之外的文件，不予打开")


@pytest.mark.parametrize("limit,said", [("MAX_PART", "超过单个嵌入对象的上限"), ("MAX_ALL", "合计将超过")])
def test_embedded_parts_are_bounded(tmp_path, monkeypatch, limit, said):
    monkeypatch.setattr(embedded, limit, 1000)  # the table's .xlsx is ≈ 6 KB packed, more unpacked
    path = Builder().text(TITLE, "公开01表").embed(table_01_in_yuan(tmp_path)).save(tmp_path / "r.docx")
    doc = read_document(path)
    assert doc.grids == () and said in doc.notes[0]


def test_a_note_reaches_the_warnings_and_the_coverage(tmp_path):
    """A report whose 公开01表 is a picture: said among the warnings and in the coverage line that the
    page, meta.json and `juesuan check` show."""
    path = Builder().text(*read(SHIPPED).split("\n")[:120]).text("公开01表 收入支出决算总表").picture() \
        .save(tmp_path / "r.docx")
    result = juesuan.process(path)
    findings = result.tables["findings"]
    said = findings[findings["message"].str.contains("是一张图片，未读取")]
    assert list(said["rule"]) == ["document.incomplete"] and list(said["severity"]) == ["warning"]
    coverage = result.meta["coverage"]
    assert coverage["not_read"] == [said["message"].iloc[0]]
    assert "读取时有1处未能读取（第122行（“公开01表 收入支出决算总表”之后）是一张图片" in coverage["summary"]


def test_a_word_97_file_without_calc_says_its_workbooks_were_not_read(tmp_path, monkeypatch):
    """Without Calc, LibreOffice keeps an Excel object of a .doc only as its picture: the count of
    workbooks the .doc embeds (its ObjectPool) is said, with what to install."""
    monkeypatch.setattr(word97, "has_calc", lambda soffice: False)
    monkeypatch.setattr(word97, "excel_objects_in_doc", lambda data: 2)
    monkeypatch.setattr(word97, "convert", lambda command, timeout: _fake_convert(command, tmp_path))
    monkeypatch.setattr(word97.shutil, "which", lambda name: "/usr/bin/soffice")
    path = tmp_path / "report.doc"
    path.write_bytes(OLE_MAGIC + "WordDocument".encode("utf-16-le") + bytes(512))
    (note,) = read_document(path).notes
    assert note.startswith("此 .doc 文件嵌入了2个 Excel 工作簿，本机的 LibreOffice 没有 Calc 组件") and "make system-deps" in note


def _fake_convert(command: list[str], tmp_path) -> bool:
    outdir = command[command.index("--outdir") + 1]
    Builder().text(TITLE).save(tmp_path / "made.docx")
    shutil.copy(tmp_path / "made.docx", f"{outdir}/report.docx")
    return True


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(not SOFFICE and not os.environ.get("CI"), reason="LibreOffice is not installed (make system-deps)")
def test_a_word_97_file_whose_first_table_is_an_embedded_workbook(tmp_path):
    """The real case: a .doc whose 公开01表, in 元, is an embedded Excel object. LibreOffice writes the
    .doc (the object in its ObjectPool as an Excel 97 workbook) and reads it back (as
    word/embeddings/oleObject1.xlsx, when it has Calc; as the object's picture, when not)."""
    assert SOFFICE, "LibreOffice is required in CI (make test installs it)"
    source = (Builder().text(TITLE, "附件：公开01表 收入支出决算总表").embed(table_01_in_yuan(tmp_path))
              .text("公开02表 收入决算表").save(tmp_path / "source.docx"))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir",
                    str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    data = (tmp_path / "source.doc").read_bytes()
    assert data.startswith(OLE_MAGIC) and embedded.excel_objects_in_doc(data) == 1
    doc = read_document(tmp_path / "source.doc")
    assert word97.has_calc(SOFFICE), "make system-deps installs LibreOffice Calc"
    assert [g.name for g in doc.grids] == ["嵌入对象（第3行）公开01表"] and doc.notes == ()
    parsed = appendix.read_appendix(doc.grids)
    (table,) = parsed.tables
    assert (table["kind"], table["unit_in_source"]) == ("summary", "元")
    assert _cell(parsed.cells, "本年支出合计", "支出/金额")["value"] == pytest.approx(1050.28)


def test_an_objects_preview_is_no_picture():
    """The picture Word shows in an object's place (v:imagedata inside w:object) is not a picture of its own."""
    run = parse_xml(_object_xml("Excel.Sheet.12", "rId9", "rId8"))
    assert embedded.embedded_in(run, 4) == [embedded.Embedded(4, "rId9", "Excel.Sheet.12")]


def test_a_word_table_is_laid_out_on_its_grid_within_bounds():
    """gridSpan across, vMerge down; a span or a gridBefore past Word's 63 columns is cut (untrusted)."""
    from juesuan.read.docx_tables import table_cells

    def tc(text, props=""):
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    restart, below = "<w:vMerge w:val='restart'/>", "<w:vMerge/>"
    two, endless = "<w:gridSpan w:val='2'/>", "<w:gridSpan w:val='99999999'/>"
    tbl = parse_xml(
        "<w:tbl xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
        f"<w:tr>{tc('项目', restart)}{tc('金额', two)}</w:tr>"
        f"<w:tr>{tc('', below)}{tc('上年')}{tc('本年')}</w:tr>"
        f"<w:tr><w:trPr><w:gridBefore w:val='1000000000'/></w:trPr>{tc('x', endless)}</w:tr></w:tbl>")
    cells, merges = table_cells(tbl, lambda cell: "".join(t.text or "" for t in cell.iter("{*}t")))
    assert [row[:3] for row in cells[:2]] == [("项目", "金额", ""), ("", "上年", "本年")]
    assert ((0, 0), (1, 0)) in merges and ((0, 1), (0, 2)) in merges
    assert all(len(row) == 64 for row in cells)  # the hostile row cut at Word's width
