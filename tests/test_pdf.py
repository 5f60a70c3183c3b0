"""The whole report as one PDF gives what the text export and the workbook give together."""

import re
import subprocess

import pandas as pd
import pypdfium2 as pdfium
import pytest
from appendix_model import expected_cells, parsed_cells
from helpers import APPENDIX, EDUCATION, SHIPPED, read
from pdf_variants import encrypted, rotated, without_text
from project_builder import JUESUAN

import juesuan

PDF = APPENDIX / "anju_2023.pdf"
WORKBOOK = APPENDIX / "anju_2023_附表.xls"


@pytest.fixture(scope="module")
def from_pdf():
    return juesuan.process(PDF)


@pytest.fixture(scope="module")
def from_text():
    return juesuan.process(SHIPPED, tables=WORKBOOK)


def _facts(result) -> list[tuple]:
    f = result.tables["facts"]
    return sorted(zip(f["metric"], f["period"], f["measure"], f["value"].round(6)))


def test_the_pdf_states_the_same_facts_as_the_text_export(from_pdf, from_text):
    assert _facts(from_pdf) == _facts(from_text)  # every statement, repeated ones included
    assert len(from_pdf.tables["facts"]) == len(from_text.tables["facts"])


def test_the_pdf_gives_the_same_functions_and_performance_tables(from_pdf, from_text):
    def rows(result, key, columns):
        return sorted(map(tuple, result.tables[key][columns].astype(str).values.tolist()))

    assert rows(from_pdf, "functions", ["code", "level", "amount", "budget", "completion", "share"]) == \
        rows(from_text, "functions", ["code", "level", "amount", "budget", "completion", "share"])
    assert rows(from_pdf, "performance_budget", ["item", "budget_initial", "budget_adjusted", "executed", "weight",
                                                 "score"]) == \
        rows(from_text, "performance_budget", ["item", "budget_initial", "budget_adjusted", "executed", "weight", "score"])
    assert rows(from_pdf, "performance_indicators", ["level1", "level2", "indicator", "weight", "score"]) == \
        rows(from_text, "performance_indicators", ["level1", "level2", "indicator", "weight", "score"])
    assert rows(from_pdf, "performance_statements", ["project", "measure", "value"]) == \
        rows(from_text, "performance_statements", ["project", "measure", "value"])


def test_the_pdf_tables_are_the_workbook(from_pdf):
    assert parsed_cells(from_pdf.tables["appendix"].fillna("")) == expected_cells(APPENDIX / "anju_2023.tables.json")
    status = dict(zip(from_pdf.tables["appendix_tables"]["table"], from_pdf.tables["appendix_tables"]["status"]))
    assert status["10"] == status["11"] == status["12"] == "empty_stated"  # their 注, under the ruled table
    # 续表: tables 01, 04, 05, 07, 08 run over two pages and are read as one each
    assert len(status) == 13


def test_the_pdf_finds_what_text_and_workbook_find(from_pdf, from_text):
    def found(result):
        f = result.tables["findings"]
        return sorted(zip(f["rule"], f["subject"], f["severity"]))

    # a PDF's charts are drawings: it carries no chart data, so neither the rules on the charts' figures
    # nor their labels apply, and it says so
    assert ("document.incomplete", "document", "warning") in found(from_pdf)
    chart_rules = ("label.chart", "chart.narrative", "document.incomplete")
    assert [x for x in found(from_pdf) if x[0] not in chart_rules] == \
        [x for x in found(from_text) if x[0] not in chart_rules]


def _page_texts() -> dict[int, str]:
    pdf = pdfium.PdfDocument(PDF)
    out = {i + 1: re.sub(r"\s+", "", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))}
    pdf.close()
    return out


def test_every_fact_and_cell_names_its_page(from_pdf):
    pages = _page_texts()
    facts = from_pdf.tables["facts"]
    assert facts["page"].notna().all()
    for r in facts[facts["measure"].isin(["amount", "share", "growth"])].itertuples():
        written = [m for m in re.findall(r"[\d,]+\.?\d*", r.text) if abs(float(m.replace(",", "")) - abs(r.value)) < 1e-6]
        if written:  # the figure itself stands on the page it names (its paragraph may begin on the page before)
            assert any(w.replace(",", "") in pages[r.page] for w in written), (r.page, r.metric, r.value)
    cells = from_pdf.tables["appendix"]
    for r in cells.itertuples():
        page = int(r.sheet.strip("第页"))
        assert r.text.replace(",", "") in pages[page], (r.sheet, r.cell, r.text)
    # the one disagreement between text and table points at page 8 (text: the line where 60.99 stands,
    # the second of its paragraph) and page 34 (table 06)
    f = from_pdf.tables["findings"]
    assert f[f["rule"] == "table.narrative"]["lines"].tolist() == ["第8页第22行;第34页!第22行第5列"]


def test_justified_lines_are_joined_back_into_sentences(from_pdf):
    texts = set(from_pdf.tables["facts"]["text"])
    # in the PDF this sentence wraps between 各增加 and 40.18万元
    assert any("收、支总计各增加40.18万元，增长3.98%" in t and t.startswith("2023年财政拨款") for t in texts)


def test_a_page_without_text_is_named_and_no_error_rests_on_it(tmp_path, from_pdf):
    path = without_text(PDF, tmp_path / "scan9.pdf", [9])
    result = juesuan.process(path)
    f = result.tables["findings"]
    messages = " ".join(f["message"])
    assert "第9页没有文字层" in messages
    missing = f[f["message"].str.startswith("缺少章节")]
    assert len(missing) > 0 and all("第9页" in m for m in missing["message"])
    # errors: those of the readable pages only; the sums that lost their parts on page 9 are warnings
    errors = f[f["severity"] == "error"]
    known = set(zip(from_pdf.tables["findings"]["rule"], from_pdf.tables["findings"]["subject"]))
    assert set(zip(errors["rule"], errors["subject"])) <= known
    assert {"sum.functions"} <= set(f[f["message"].str.contains("第9页无法读取")]["rule"])


def test_a_rotated_page_reads_the_same(tmp_path, from_pdf):
    result = juesuan.process(rotated(PDF, tmp_path / "rotated.pdf", 8))
    assert _facts(result) == _facts(from_pdf)


def run(*args):
    return subprocess.run([JUESUAN, *map(str, args)], capture_output=True, text=True, timeout=120)


def _cut(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(PDF.read_bytes()[:200_000])
    return path


def _empty(tmp_path):
    path = tmp_path / "empty.pdf"
    pdfium.PdfDocument.new().save(path)
    return path


def _first_pages(tmp_path):
    pdf = pdfium.PdfDocument(PDF)
    for i in range(len(pdf) - 1, 3, -1):  # keep the cover, 目录 and 部门概况: no 决算 section, no table
        pdf.del_page(i)
    path = tmp_path / "cover.pdf"
    pdf.save(path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("make,problem", [
    (lambda tmp: encrypted(PDF, tmp / "locked.pdf"), "encrypted"),
    (_cut, "cannot read the PDF"),
    (_empty, "has no pages"),
    (lambda tmp: without_text(PDF, tmp / "scanned.pdf", list(range(1, 44))), "no text layer: scanned PDF"),
])
def test_a_bad_pdf_is_one_line_and_exit_2(tmp_path, make, problem):
    path = make(tmp_path)
    r = run("extract", path, "--out", tmp_path / "out")
    assert r.returncode == 2, r.stderr
    assert problem in r.stderr and str(path) in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_reports_first_pages_alone_are_read_and_said_not_refused(tmp_path):
    """The cover, 目录 and 部门概况 of a 决算: it says what it is, so it is read — and says that no figure
    was understood and no check ran (issue 28: a file that calls itself a 决算 is never refused)."""
    result = juesuan.process(_first_pages(tmp_path))
    assert result.extraction.kind == "部门决算" and result.extraction.year == 2023
    assert any("未读出任何数字" in w for w in result.extraction.warnings)
    assert not (result.tables["findings"]["severity"] == "error").any()


def test_a_pdf_of_the_tables_alone_gives_the_tables(tmp_path):
    pdf = pdfium.PdfDocument(PDF)
    for i in range(24, -1, -1):  # pages 26–43: the 附表 only
        pdf.del_page(i)
    path = tmp_path / "tables.pdf"
    pdf.save(path)
    result = juesuan.process(path)
    assert result.tables["facts"].empty and len(result.tables["appendix"]) == 457
    assert result.tables["findings"].empty


@pytest.mark.slow
def test_a_pdf_in_a_year_folder_builds_the_year(tmp_path):
    import shutil

    from juesuan.run import report

    folder = tmp_path / "data" / "raw" / "2023" / "office"
    folder.mkdir(parents=True)
    shutil.copy(PDF, folder / "决算.pdf")
    data = report.build(2023, "office", tmp_path)
    assert len(data.tables["appendix"]) == 457 and len(data.tables["facts"]) > 100
    # the structure pies come from the tables, the bars from the text: the PDF has no chart data
    svg = (tmp_path / "figures" / "2023" / "office" / "fig3.svg").read_text(encoding="utf-8")
    assert "据附表绘制" in svg
    assert "据正文数字绘制" in (tmp_path / "figures" / "2023" / "office" / "fig1.svg").read_text(encoding="utf-8")
    assert pd.read_csv(tmp_path / "data" / "processed" / "2023" / "office" / "facts.csv", encoding="utf-8-sig")["page"].notna().all()


@pytest.fixture(scope="module")
def other_pdf(tmp_path_factory):
    """The education report and its tables, written by reportlab: another font (not embedded) and
    size, left-aligned lines, — N — page numbers, 8 pt tables with thousands separators, no merged
    cells, codes too long for their column, tables continued as 续表 every 12 rows."""
    from pdf_builder import build_pdf
    from workbook_variants import sheets_of

    path = tmp_path_factory.mktemp("pdf") / "education.pdf"
    return build_pdf(read(EDUCATION), sheets_of(APPENDIX / "education_2022_附表.xlsx"), path, size=12.5,
                     code_width=27.0, rows_per_page=12)


def test_a_pdf_laid_out_otherwise_gives_the_same_facts_and_tables(other_pdf):
    result = juesuan.process(other_pdf)
    text = juesuan.process(EDUCATION)
    assert _facts(result) == _facts(text)
    assert parsed_cells(result.tables["appendix"].fillna("")) == expected_cells(APPENDIX / "education_2022.tables.json")
    sheets = set(result.tables["appendix"]["sheet"])
    assert len(sheets) > len(result.tables["appendix_tables"])  # 续表: tables ran over several pages
    # thousands separators as written, codes put back together from the cell they ran into
    cells = result.tables["appendix"]
    assert "4,700.60" in set(cells["text"]) and {"2050203", "2210201"} <= set(cells["code"].dropna())
    assert list(result.tables["findings"]["rule"]) == ["document.incomplete"]  # no chart data in a PDF



@pytest.mark.parametrize("spacing", [-4, -2.5])
def test_glyphs_set_closer_than_their_width_are_read_once(tmp_path, spacing):
    """A WPS page sets glyph by glyph, boxes overlapping (江苏省人民检察院 2017: 增长8.85% was read
    8.8.8585%, 2018: 降幅9.1 % read 9.11%): each character is read once, in its place."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "overlap.pdf"
    c = canvas.Canvas(str(path))
    t = c.beginText(72, 700)
    t.setFont("STSong-Light", 16)
    t.textOut("与上年相比增加1463.8万元，增长")
    t.setCharSpace(spacing)  # each glyph's box reaches into the next one's
    t.textOut("8.85")
    t.setCharSpace(0)
    t.textOut("%。")
    c.drawText(t)
    c.save()
    assert [ln.raw for ln in juesuan.read.read_document(path).lines] == ["与上年相比增加1463.8万元，增长8.85%。"]


def test_spaces_between_han_characters_are_the_layouts(tmp_path):
    """A justified line set with spaces between its characters (2019 江苏省人民检察院: 江 苏 省 人 民 检 察 院
    2019年 度 收 入 、 支 出 预 算 总 计): read as the words it writes; a space between Latin words stays."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "其中 ： 拟 采 购 货 物 支 出268万 元 、 拟 购 买 服 务 支 出2,828.24万元。")
    c.drawString(72, 660, "PDF Producer 2019 年度")
    c.save()
    text = "".join(ln.raw for ln in juesuan.read.read_document(path).lines)
    assert text.startswith("其中：拟采购货物支出268万元、拟购买服务支出2,828.24万元。") and "PDF Producer 2019 年度" in text


@pytest.mark.parametrize("framed", [True, False])
def test_a_paragraph_in_a_drawn_frame_is_narrative_and_a_chart_is_not(tmp_path, framed):
    """A paragraph set in a framed or shaded box (中国科学院国家天文台 2023: 关于收入总表的说明) is read as
    the narrative; the short title, ticks and legend inside a chart's drawing are not."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(220, 780, "关于收入总表的说明")
    lines = ["2023年初，我单位收入总计198,223.16万元。其中，一般", "公共预算拨款收入57,806.77万元，占29.16%；事业收入",
             "32,000.00万元，占16.14%；上年结转106,216.39万元。"]
    for i, line in enumerate(lines):
        c.drawString(80, 740 - 22 * i, line)
    if framed:
        c.rect(74, 680, 440, 80)
    # a chart below: its frame, bars and short labels
    c.rect(100, 300, 300, 200)
    for i, height in enumerate((120, 60, 150)):
        c.rect(140 + 80 * i, 320, 40, height, fill=1)
        c.drawString(140 + 80 * i, 305, f"类{i + 1}")
    c.drawString(180, 480, "收入构成（万元）")
    c.save()
    text = "".join(ln.raw for ln in juesuan.read.read_document(path).lines)
    assert "一般公共预算拨款收入57,806.77万元，占29.16%" in text and "上年结转106,216.39万元" in text
    assert "收入构成" not in text and "类1" not in text


def test_a_running_head_is_read_once_and_the_margin_is_the_bodys(tmp_path):
    """苏州's budgets: the department's name atop every page at 42pt, the text's margin at 64pt, each
    paragraph indented at 97pt. The head is the title on its first page only; a line of the text at the
    margin goes on its paragraph, also past a page's head; a line ending on a comma goes on too."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path))
    head = "苏州市某某局部门预算公开"
    pages = [[(97, "苏州市某某局2026年收入预算合计4,651.67万元，包括本年本年本年本年本年"),
              (64, "收入4,651.67万元，上年结转结余0万元，本年收入均为一般公共预算收入收入收"), (64, "入。")],
             [(97, "2.按支出用途分类，包括人员支出73.43万元，"), (64, "占11.1%；日常公用支出15.83万元，占2.4%；项目支出预算预算预算预算预"),
              (64, "算五五五五万元。")],
             [(97, "支出预算合计249,977.11万元，其中基本支出29,606.33万元，项目支出二二二二二"), (64, "220,370.78万元，"),
              (64, "均为一般公共预算。")]]
    for lines in pages:
        c.setFont("STSong-Light", 14)
        c.drawString(42, 800, head)
        for i, (x, text) in enumerate(lines):
            c.drawString(x, 760 - 24 * i, text)
        c.showPage()
    c.save()
    raw = [ln.raw for ln in juesuan.read.read_document(path).lines]
    assert sum(head in r for r in raw) == 1
    assert any(r.startswith("苏州市某某局2026年收入预算合计4,651.67万元，包括本年本年本年本年本年收入4,651.67万元，") for r in raw)
    assert any(r.startswith("2.按支出用途分类，包括人员支出73.43万元，占11.1%；") for r in raw), raw


def test_a_paragraph_that_goes_on_above_a_ruled_list_is_the_narratives(tmp_path):
    """泉州 2026: …办公室包括27个机 / 关行政科室及12个下属单位，其中：… / …见下表: right above a ruled list of
    units (no figure, no 表 on the page): the lines are the paragraph's, not a chart's title dropped with it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "units.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 15)
    lines = [(90, 760, "某某市人民政府办公室2026年部门预算"), (90, 700, "二、部门预算单位构成"),
             (122, 670, "从预算单位构成看，某某市人民政府办公室包括27个机"),
             (90, 640, "关行政科室及12个下属单位，其中：列入2026年部门预算"), (90, 610, "编制范围的单位详细情况见下表:")]
    for x, y, text in lines:
        c.drawString(x, y, text)
    top = 590
    for i, name in enumerate(["序号 单位名称", "1 某某市外事服务中心", "2 某某市机关事务服务中心", "3 某某市发展研究中心"]):
        c.rect(106, top - 30 * (i + 1), 383, 30)
        c.line(182, top - 30 * (i + 1), 182, top - 30 * i)
        c.drawString(127, top - 30 * (i + 1) + 10, name)
    c.showPage()
    c.save()
    from juesuan.read import read_document

    text = "".join(line.text for line in read_document(path).lines)
    assert "关行政科室及12个下属单位" in text and "编制范围的单位详细情况见下表" in text


@pytest.mark.parametrize(("first", "performance"), [
    (["项目", "预算数（单位：万元）", "绩效目标"], False),  # 珠海 2026: projects, their budgets and goals in prose
    (["项目名称", "预算数", "绩效目标", "一级指标", "二级指标", "指标值"], True),  # a project's indicators
    (["项目支出绩效自评表", "", ""], True),
    (["绩效目标", "预算数", "得分"], True),
])
def test_a_list_of_projects_with_their_goals_is_a_table_of_figures(first, performance):
    from juesuan.read.pdf import _performance

    assert _performance(first, []) is performance
