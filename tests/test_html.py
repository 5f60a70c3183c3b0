"""A saved web page of a disclosure: the article's paragraphs as lines, its tables as grids, the
site's chrome left out; encodings; traditional characters; bad pages refused in one line."""

import codecs
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SHIPPED, read
from html_builder import (
    ARTICLE_BODY,
    ARTICLE_LINES,
    FURNITURE,
    SUMMARY_CELLS,
    SUMMARY_MERGES,
    SUMMARY_TABLE,
    WORD_LINES,
    gov_page,
    grid_table,
    paragraphs,
    table_layout_page,
)

import juesuan
from juesuan.extract import extract
from juesuan.extract.appendix import read_appendix
from juesuan.model.errors import ReportError
from juesuan.read import read_document, reader_for

JUESUAN = str(Path(sys.executable).parent / "juesuan")


def _read(tmp_path, page: str | bytes, name: str = "page.html"):
    path = tmp_path / name
    path.write_bytes(page.encode("utf-8") if isinstance(page, str) else page)
    return read_document(path)


def _lines(doc) -> list[str]:
    return [line.raw for line in doc.lines]


def test_article_lines_in_order_without_the_chrome(tmp_path):
    doc = _read(tmp_path, gov_page())
    assert _lines(doc) == ARTICLE_LINES
    everything = "\n".join(_lines(doc)) + "\n".join(str(c) for g in doc.grids for row in g.cells for c in row)
    for piece in FURNITURE:
        assert piece not in everything, piece
    assert "脚本写入的文字" not in everything  # a script's text is not the page's


def test_table_becomes_a_grid_with_merges_and_title_row(tmp_path):
    doc = _read(tmp_path, gov_page())
    [grid] = doc.grids
    assert grid.name == "表1"
    assert grid.cells == SUMMARY_CELLS
    assert sorted(grid.merges) == sorted(SUMMARY_MERGES)
    assert all(isinstance(c, str) for row in grid.cells for c in row)
    # the table's cells are not narrative lines
    assert not any("一般公共服务支出" in line or line.startswith("栏次") for line in _lines(doc))
    [table] = read_appendix(doc.grids).tables
    assert table["kind"] == "summary" and table["title"] == "收入支出决算总表" and table["unit_in_source"] == "万元"


def test_appendix_tables_read_as_from_the_workbook(tmp_path):
    """Each sheet of the shipped appendix workbook as a web page writes it: the title, form number and
    部门/金额单位 as paragraphs, the rest a table with rowspan/colspan. The tables read the same."""
    workbook = read_document(next(SHIPPED.parent.glob("*.xls")))
    body = []
    for grid in workbook.grids:
        body.append(f"<p><strong>{grid.cells[0][0]}</strong></p>")
        body += [f"<p>{'　　'.join(str(c) for c in row if str(c).strip())}</p>" for row in grid.cells[1:3]]
        body.append(grid_table(grid, first=3))
    doc = _read(tmp_path, gov_page("\n".join(body)))
    assert len(doc.grids) == len(workbook.grids)
    assert [g.cells[0][0] for g in doc.grids] == [g.cells[0][0] for g in workbook.grids]
    expected, got = read_appendix(workbook.grids), read_appendix(doc.grids)
    assert got.warnings == expected.warnings
    keys = ("table", "kind", "title", "row", "code", "level", "column", "value", "unit_in_source")
    assert [{k: c[k] for k in keys} for c in got.cells] == [{k: c[k] for k in keys} for c in expected.cells]
    assert len(got.cells) > 400


def test_table_laid_out_page_with_a_word_body(tmp_path):
    page = table_layout_page().encode("gb18030")
    doc = _read(tmp_path, page, "old.htm")
    assert _lines(doc) == WORD_LINES
    # the 绩效自评表 is a document table, as a Word file gives it (a merged cell once)
    [table] = doc.tables
    assert table.rows[0] == ("项目名称", "督导调研工作经费")
    assert table.rows[1] == ("预算执行情况", "年初预算数", "50", "执行率", "100%")
    assert table.line == WORD_LINES.index("项目支出绩效自评表") + 1
    assert not doc.grids


@pytest.mark.parametrize("make", [gov_page, table_layout_page], ids=["gov", "table-layout"])
def test_traditional_page_reads_as_the_simplified_one(tmp_path, make):
    import opencc

    page = make()
    traditional = opencc.OpenCC("s2t").convert(page)
    assert traditional != page and "門" in traditional
    simplified_doc = _read(tmp_path, page, "s.html")
    traditional_doc = _read(tmp_path, traditional, "t.html")
    assert _lines(traditional_doc) == _lines(simplified_doc)
    assert traditional_doc.grids == tuple(g for g in simplified_doc.grids)
    assert traditional_doc.tables == simplified_doc.tables


def test_a_few_traditional_characters_are_left_as_written(tmp_path):
    body = ARTICLE_BODY.replace("区政府办公室属独立核算机关行政单位。", "区政府办公室属独立核算机关行政单位（舊稱：縣政府辦公室）。")
    doc = _read(tmp_path, gov_page(body))
    assert "区政府办公室属独立核算机关行政单位（舊稱：縣政府辦公室）。" in _lines(doc)


@pytest.mark.parametrize("charset,encoding,bom", [
    ("gb2312", "gb18030", b""),  # a GB18030 page declaring gb2312 (GBK characters and beyond)
    ("GBK", "gb18030", b""),
    ("utf-8", "utf-8", codecs.BOM_UTF8),
    ("", "gb18030", b""),  # no declaration: decoded as a text file is
    ("utf-8", "gb18030", b""),  # a wrong declaration: likewise
])
def test_encodings(tmp_path, charset, encoding, bom):
    page = gov_page(ARTICLE_BODY.replace("好", "好𠀀"), charset=charset)  # 𠀀: beyond GBK, in GB18030
    if not charset:
        page = page.replace('<meta http-equiv="Content-Type" content="text/html; charset=">', "")
    doc = _read(tmp_path, bom + page.encode(encoding))
    assert _lines(doc) == [("好𠀀" if line == "好" else line) for line in ARTICLE_LINES]


def test_meta_charset_attribute_and_xml_declaration(tmp_path):
    page = gov_page().replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
                              '<meta charset="gb2312">')
    assert _lines(_read(tmp_path, page.encode("gb18030"))) == ARTICLE_LINES
    xhtml = '<?xml version="1.0" encoding="GBK"?>\n' + gov_page().replace("charset=utf-8", "charset=gbk")
    assert _lines(_read(tmp_path, xhtml.encode("gb18030"))) == ARTICLE_LINES


@pytest.mark.parametrize("name,data", [
    ("page.html", b""), ("page.htm", b"x"), ("page.shtml", b"x"),
    ("saved", b"\xef\xbb\xbf  \n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"),
    ("saved.bin", b"\n<HTML><body>"),
])
def test_html_reader_by_suffix_or_content(name, data):
    assert reader_for(Path(name), data).name == "html"


def test_text_that_is_not_html_stays_text():
    assert reader_for(Path("report"), "第一部分 部门概况\n<html>".encode()).name == "text"


def test_shipped_report_as_a_web_page_gives_the_same_facts(tmp_path):
    page = gov_page(paragraphs(read(SHIPPED)), title="遂宁市安居区人民政府办公室2023年度部门决算")
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    text_doc, html_doc = read_document(SHIPPED), read_document(path)
    chrome = ("当前位置", "发布时间", "分享到", "QQ空间", "打印本页", "相关链接", "版权所有", "ICP备", "走进安居")
    assert not any(piece in line.raw for line in html_doc.lines for piece in chrome)
    text_result, html_result = juesuan.process(SHIPPED), juesuan.process(path)
    facts_text, facts_html = (r.tables["facts"] for r in (text_result, html_result))
    columns = [c for c in facts_text.columns if c not in ("line", "text")]
    assert len(facts_text) > 50
    assert facts_html[columns].reset_index(drop=True).equals(facts_text[columns].reset_index(drop=True))
    # the sentence each fact comes from is the same (white space as a page shows it)
    assert [" ".join(t.split()) for t in facts_html["text"]] == [" ".join(t.split()) for t in facts_text["text"]]
    assert extract(html_doc).year == extract(text_doc).year == 2023


@pytest.mark.parametrize("page", [
    "",
    "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
    "<html><body><div class='nav'><a href='/'>首页</a><a href='/zw'>政务公开</a></div>"
    "<div class='footer'>版权所有：某某县人民政府 蜀ICP备05000000号</div></body></html>",
    "<html><body><script>var a = '正文';</script><p>　 &nbsp;</p></body></html>",
], ids=["empty-file", "empty-page", "chrome-only", "script-only"])
def test_page_without_article_text_is_refused(tmp_path, page):
    with pytest.raises(ReportError, match="a web page without article text"):
        _read(tmp_path, page)


def _run(*args):
    return subprocess.run([JUESUAN, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # runs the juesuan command
@pytest.mark.parametrize("page,problem", [
    ("", "a web page without article text"),
    (gov_page("<p></p>"), "a web page without article text"),
    # (a page titled as a 决算 is read, whatever its body: test_identity's no-figure test)
    (gov_page("<p>本站将于近日更新网站栏目，请关注。</p><p>感谢您的支持。</p>", title="网站维护公告"),
     "not a final-accounts report"),
], ids=["empty", "no-article", "not-a-disclosure"])
def test_bad_page_through_the_command(tmp_path, page, problem):
    bad = tmp_path / "bad.html"
    bad.write_text(page, encoding="utf-8")
    r = _run("extract", bad, "--out", tmp_path / "out")
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and str(bad) in r.stderr and problem in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_article_container_named_for_printing_is_read(tmp_path):
    page = gov_page().replace('<div class="TRS_Editor" id="zoom">', '<div class="TRS_Editor" id="print_area">')
    assert _lines(_read(tmp_path, page)) == ARTICLE_LINES


def test_bare_page_of_a_paragraph_and_a_table(tmp_path):
    """readability gives a short page's paragraphs one by one: their table beside them is still read."""
    page = f"<html><body><p>收入支出决算总表</p><p>部门：遂宁市安居区人民政府办公室　　金额单位：万元</p>{SUMMARY_TABLE}</body></html>"
    doc = _read(tmp_path, page)
    [grid] = doc.grids
    assert grid.cells == SUMMARY_CELLS[:-1] and sorted(grid.merges) == sorted(SUMMARY_MERGES)


def test_text_copied_from_a_traditional_page_reads_as_simplified(tmp_path):
    import opencc

    text = read(SHIPPED)
    (tmp_path / "s.txt").write_text(text, encoding="utf-8")
    (tmp_path / "t.txt").write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    simplified, traditional = (extract(read_document(tmp_path / n)) for n in ("s.txt", "t.txt"))
    assert traditional.year == simplified.year == 2023
    assert traditional.tables["facts"]["value"].tolist() == simplified.tables["facts"]["value"].tolist()
