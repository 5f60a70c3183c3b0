"""The appendix tables (附表): every cell of the samples, any layout, and the checks across them."""

import subprocess

import pandas as pd
import pytest
from appendix_model import expected_cells, parsed_cells
from helpers import APPENDIX, EDUCATION, SHIPPED, read
from project_builder import EDU, JUESUAN
from project_builder import page as page_of
from workbook_variants import (
    Sheet,
    code_in_name,
    dashes_for_zero,
    in_yuan,
    missing,
    numbers_as_text,
    one_code_column,
    renamed,
    set_cell,
    sheets_of,
    stacked,
    titled_with_department,
    without_lanci,
    without_merges,
    write_xlsx,
)

import juesuan
from juesuan.read import read_document

ANJU_XLS, ANJU_XLSX = APPENDIX / "anju_2023_附表.xls", APPENDIX / "anju_2023_附表.xlsx"
EDU_XLSX = APPENDIX / "education_2022_附表.xlsx"
MODELS = {ANJU_XLS: APPENDIX / "anju_2023.tables.json", ANJU_XLSX: APPENDIX / "anju_2023.tables.json",
          EDU_XLSX: APPENDIX / "education_2022.tables.json"}


def cells_of(path) -> pd.DataFrame:
    return juesuan.process(path).tables["appendix"]


def findings_of_workbook(path) -> set[tuple[str, str]]:
    f = juesuan.process(path).tables["findings"]
    return {(r.rule, r.subject) for r in f.itertuples()}


@pytest.mark.parametrize("path", list(MODELS), ids=lambda p: p.name)
def test_every_cell_of_the_sample_workbooks(path):
    assert parsed_cells(cells_of(path)) == expected_cells(MODELS[path])


def test_every_cell_traces_to_its_sheet_and_cell():
    doc = read_document(ANJU_XLS)
    sheets = {g.name: g for g in doc.grids}
    for r in cells_of(ANJU_XLS).itertuples():
        letters = "".join(ch for ch in r.cell if ch.isalpha())
        row, col = int(r.cell[len(letters):]) - 1, sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letters))) - 1
        assert float(sheets[r.sheet].cells[row][col]) == pytest.approx(r.value), r


def test_xls_and_xlsx_give_the_same_table():
    a, b = cells_of(ANJU_XLS), cells_of(ANJU_XLSX)
    keep = [c for c in a.columns if c not in ("sheet", "cell")]
    assert a[keep].equals(b[keep])


def test_the_sample_tables_hold_every_identity():
    """Consistent workbooks: no finding at all (the checks raise no false alarm)."""
    for path in (ANJU_XLS, EDU_XLSX):
        assert findings_of_workbook(path) == set()


def test_empty_fund_tables_are_empty_not_missing():
    tables = juesuan.process(ANJU_XLS).tables["appendix_tables"].set_index("table")
    assert list(tables.index) == [f"{n:02d}" for n in range(1, 14)]
    assert tables.loc["10", "status"] == "empty_stated" and tables.loc["11", "status"] == "empty_stated"
    assert tables.loc["13", "status"] == "data" and tables.loc["13", "cells"] == 12
    # the 三公 table writes its zeros: they are rows with 0, not blanks
    three = cells_of(ANJU_XLS).query("table == '13'")
    assert (three["value"] == 0).sum() == 4


def _values(frame: pd.DataFrame) -> set[tuple]:
    return {(r.kind, r.row, r.code if isinstance(r.code, str) else "", r.column, round(r.value, 6))
            for r in frame.itertuples()}


VARIANTS = {
    "all tables on one sheet": stacked,
    "sheet names Sheet1…": renamed,
    "no merged cells": without_merges,
    "code in one column": one_code_column,
    "numbers as text with thousands separators": numbers_as_text,
    "no 栏次 row": without_lanci,
    "code and name in one cell": code_in_name,
    "department and year before the title": lambda s: titled_with_department(s, "某某局2023年度"),
    "stacked, unmerged, one code column, no 栏次": lambda s: stacked(without_merges(one_code_column(without_lanci(s)))),
}


@pytest.mark.parametrize("source", [ANJU_XLS, EDU_XLSX], ids=["anju", "education"])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_layouts_give_the_same_values(tmp_path, source, variant):
    path = write_xlsx(VARIANTS[variant](sheets_of(source)), tmp_path / "variant.xlsx")
    result = juesuan.process(path)
    assert _values(result.tables["appendix"]) == _values(cells_of(source))
    assert set(result.tables["findings"]["rule"]) == set()


def test_a_table_in_yuan_is_converted_and_says_so(tmp_path):
    path = write_xlsx(in_yuan(sheets_of(ANJU_XLS), "公开03表"), tmp_path / "yuan.xlsx")
    result = juesuan.process(path)
    cells = result.tables["appendix"]
    assert _values(cells) == _values(cells_of(ANJU_XLS))
    three = cells[cells["table"] == "03"]
    assert set(three["unit_in_source"]) == {"元"} and set(cells[cells["table"] != "03"]["unit_in_source"]) == {"万元"}
    total = three[(three["row"] == "合计") & (three["column"] == "本年支出合计")].iloc[0]
    assert total["text"] == "10502800" and total["value"] == pytest.approx(1050.28)
    assert result.tables["findings"].empty


def test_a_dash_is_a_zero_as_written(tmp_path):
    path = write_xlsx(dashes_for_zero(sheets_of(ANJU_XLS)), tmp_path / "dash.xlsx")
    cells = juesuan.process(path).tables["appendix"]
    dashes = cells[cells["text"] == "-"]
    assert len(dashes) == 4 and (dashes["value"] == 0).all() and set(dashes["table"]) == {"13"}


def test_a_missing_table_is_said_and_never_taken_for_zero(tmp_path):
    # 公开06表 carries the 一般公共预算 identities: without it they are not checked (no false error)
    path = write_xlsx(missing(sheets_of(ANJU_XLS), "公开06表"), tmp_path / "missing.xlsx")
    result = juesuan.process(path)
    f = result.tables["findings"]
    assert list(f["rule"]) == ["appendix.read"]
    assert "一般公共预算财政拨款支出决算表" in f["message"].iloc[0] and "缺少" in f["message"].iloc[0]
    assert "06" not in set(result.tables["appendix"]["table"])


# (sheet, cell, new value, the findings it must raise — and nothing else)
PLANTED = {
    "三公 table: reception one more": ("公开13表", "L8", 6.92, {
        ("table.columns", "three_public:"),  # 决算数 合计 ≠ 出国 + 车辆 + 接待
        ("table.cross", "gb_basic:30217"),  # 基本支出表 30217 no longer equals it (a warning: the rest may be project)
    }),
    "基本支出 table: 人员经费合计": ("公开08表", "C60", 625.66, {
        ("table.sum", "gb_basic:合计"),  # ≠ 301 + 303
        ("table.cross", "gb"),  # 06 基本支出 ≠ 人员 + 公用
    }),
    "支出决算表: one 项's 基本支出": ("公开03表", "F11", 528.87, {
        ("table.columns", "expenditure:2010301"),  # 本年支出合计 ≠ 基本 + 项目 in its row
        ("table.sum", "expenditure:20103"),  # its 款 ≠ the sum of its 项
    }),
    "财政拨款总表: a 类 of 一般公共预算": ("公开04表", "G7", 789.38, {
        ("table.columns", "fiscal_summary:一般公共服务支出"),  # 合计 ≠ the three funds
        ("table.summary", "fiscal_summary:本年支出合计"),  # 本年支出合计 ≠ its 类 lines
        ("table.cross", "fiscal_summary:201"),  # ≠ 06 201 小计
    }),
    "empty fund table with money in it": ("公开10表", "G8", 5.0, {
        ("table.columns", "gov_fund:合计"),  # 小计 ≠ 基本 + 项目
        ("table.balance", "gov_fund:合计"),  # 年初 + 收入 − 支出 ≠ 年末
        ("table.cross", "fiscal_summary"),  # the 总表 shows no 政府性基金 spending
        ("table.cross", "fiscal_detail:合计"),  # 05 ≠ 07 + 10 + 12
    }),
}


@pytest.mark.parametrize("plant", list(PLANTED))
def test_each_planted_error_gives_exactly_its_findings(tmp_path, plant):
    sheet, cell, value, expected = PLANTED[plant]
    path = write_xlsx(set_cell(sheets_of(ANJU_XLS), sheet, cell, value), tmp_path / "planted.xlsx")
    f = juesuan.process(path).tables["findings"]
    assert {(r.rule, r.subject) for r in f.itertuples()} == expected
    # every finding names the planted cell among the places involved
    assert all(f"{sheet}!{cell}" in str(lines).split(";") for lines in f["lines"])


def test_a_cent_inside_rounding_is_a_warning_and_past_it_an_error(tmp_path):
    """08 人员经费合计 = 301 + 303: 603.62 + 21.94 = 625.56; two parts allow 0.015 of rounding. A cent
    inside it is said (a warning naming rounding), never an error; two cents are an error."""
    sheets = sheets_of(ANJU_XLS)
    inside = juesuan.process(write_xlsx(set_cell(sheets, "公开08表", "C60", 625.57), tmp_path / "in.xlsx"))
    past = juesuan.process(write_xlsx(set_cell(sheets, "公开08表", "C60", 625.58), tmp_path / "past.xlsx"))
    found = inside.tables["findings"]
    said = found[(found["rule"] == "table.sum") & (found["subject"] == "gb_basic:合计")]
    assert list(said["severity"]) == ["warning"] and "四舍五入" in said.iloc[0]["message"]
    assert said.iloc[0]["stated"] == 625.57 and said.iloc[0]["expected"] == 625.56
    assert not (found["severity"] == "error").any(), found.to_string()
    errors = past.tables["findings"][past.tables["findings"]["severity"] == "error"]
    assert ("table.sum", "gb_basic:合计") in {(r.rule, r.subject) for r in errors.itertuples()}


def test_the_shipped_report_disagrees_with_its_tables_in_one_place():
    """2080505 is 60.99 in the text and 61.69 in the table (which is what makes 208 = 69.68)."""
    f = juesuan.process(SHIPPED).tables["findings"]
    table = f[f["rule"].str.startswith("table")]
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["rule"], row["subject"], row["stated"], row["expected"]) == ("table.narrative", "2080505", 60.99, 61.69)
    assert row["lines"] == "90;公开06表!E25" and row["line"] == 90


def test_the_education_report_agrees_with_its_tables():
    f = juesuan.process(EDUCATION, tables=EDU_XLSX).tables["findings"]
    assert f.empty, f.to_string()


def test_a_narrative_figure_that_the_table_contradicts(tmp_path):
    """A table holding money where the narrative states another figure: an error naming both places."""
    path = write_xlsx(set_cell(sheets_of(EDU_XLSX), "一般公共预算财政拨款“三公”经费支出决算表", "L8", 6.0),
                      tmp_path / "edu.xlsx")
    f = juesuan.process(EDUCATION, tables=path).tables["findings"]
    narrative = f[f["rule"] == "table.narrative"]
    assert list(narrative["subject"]) == ["three_public.reception"]
    assert narrative["lines"].iloc[0].endswith("!L8")


# --- bad input ------------------------------------------------------------------------------

def run(*args):
    return subprocess.run([JUESUAN, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("content,problem", [
    (b"PK\x03\x04 not really a zip", "cannot read the workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    ("收入支出决算总表\n".encode(), "not an Excel workbook"),
])
def test_a_broken_workbook_is_one_line_and_exit_2(tmp_path, content, problem):
    path = tmp_path / "附表.xlsx"
    path.write_bytes(content)
    r = run("extract", SHIPPED, "--tables", path, "--out", tmp_path / "out")
    assert r.returncode == 2 and problem in r.stderr and str(path) in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_a_workbook_without_tables_warns_and_the_narrative_is_processed(tmp_path):
    path = write_xlsx([Sheet("Sheet1", [["部门人员名单"], ["张三", 1]], [])], tmp_path / "other.xlsx")
    result = juesuan.process(SHIPPED, tables=path)
    f = result.tables["findings"]
    read_warnings = f[f["rule"] == "appendix.read"]["message"]
    assert any("Sheet1" in m and "未识别出附表" in m for m in read_warnings)
    assert len(result.tables["facts"]) > 100 and result.tables["appendix"].empty


def test_a_formula_without_its_value_is_named(tmp_path):
    sheets = set_cell(sheets_of(ANJU_XLS), "公开13表", "A8", "=B8+C8+F8")  # openpyxl stores no cached value
    result = juesuan.process(write_xlsx(sheets, tmp_path / "formula.xlsx"))
    f = result.tables["findings"]
    assert list(f["rule"]) == ["appendix.read"]  # a warning naming the cell, and no error built on it
    assert "公开13表!A8" in f["message"].iloc[0] and "公式" in f["message"].iloc[0]
    cell = result.tables["appendix"].query("cell == 'A8' and sheet == '公开13表'").iloc[0]
    assert pd.isna(cell["value"]) and "公式" in cell["text"]


def test_a_table_whose_columns_cannot_be_matched_is_named_with_its_headers(tmp_path):
    sheets = sheets_of(ANJU_XLS)
    broken = []
    for s in sheets:
        if s.name == "公开03表":  # the header cells over the numbers are empty, and there is no 栏次 row
            rows = [list(r) for r in s.rows]
            for r in (3, 4, 5, 6):
                rows[r] = [v if i < 4 else "" for i, v in enumerate(rows[r])]
            s = Sheet(s.name, rows, [m for m in s.merges if m[0][1] < 4])
        broken.append(s)
    result = juesuan.process(write_xlsx(broken, tmp_path / "headers.xlsx"))
    messages = result.tables["findings"]["message"]
    hit = [m for m in messages if "公开03表" in m and "无法识别" in m]
    assert hit and "项目/科目编码/类" in hit[0]
    assert "03" not in set(result.tables["appendix"]["table"])


@pytest.mark.slow
def test_extract_a_workbook_alone(tmp_path):
    r = run("extract", EDU_XLSX, "--out", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert "192 附表 cells in 9 tables" in r.stdout and "0 errors" in r.stdout
    cells = pd.read_csv(tmp_path / "out" / "appendix.csv", encoding="utf-8-sig", dtype={"table": str, "code": str})
    assert parsed_cells(cells.fillna("")) == expected_cells(MODELS[EDU_XLSX])


@pytest.mark.slow
def test_the_page_shows_the_tables_and_says_they_were_reconstructed(project):
    from bs4 import BeautifulSoup

    root, _ = project
    page = BeautifulSoup(page_of(root, 2023).read_text(encoding="utf-8"), "html.parser")
    section = page.select_one("section#appendix")
    assert "由报告正文的数字重建，并非部门公开的原表" in section.get_text()
    assert len(section.select("h3")) == 13 and len(section.select("table")) == 10  # three fund tables say 无数据
    flagged = section.select("td.flag")
    assert len(flagged) == 1 and "61.69" in flagged[0].get_text()
    other = BeautifulSoup(page_of(root, 2022, EDU).read_text(encoding="utf-8"), "html.parser")
    assert "重建" not in other.select_one("section#appendix").get_text()
    assert len(other.select("section#appendix h3")) == 9


def test_a_folder_without_manifest_takes_the_workbook_beside_the_report(tmp_path):
    import shutil

    from juesuan.run import report

    folder = tmp_path / "data" / "raw" / "2022" / "教育局"
    folder.mkdir(parents=True)
    shutil.copy(EDUCATION, folder / "教育局2022年度部门决算.txt")
    shutil.copy(EDU_XLSX, folder / "附表.xlsx")
    data = report.build(2022, "教育局", tmp_path)
    assert len(data.tables["appendix"]) == 192 and data.meta["tables_source"]["file"] == "附表.xlsx"
    assert data.meta["tables_source"]["reconstructed"] is False
    assert (tmp_path / "data" / "processed" / "2022" / "教育局" / "appendix.csv").exists()


def test_a_name_that_differs_from_the_classification_is_a_warning(tmp_path):
    sheets = set_cell(sheets_of(ANJU_XLS), "公开03表", "D12", "事业支出")  # 2010350 is officially 事业运行
    sheets = set_cell(sheets, "公开08表", "B7", "基本工资（含津贴）")  # 30101 is 基本工资
    f = juesuan.process(write_xlsx(sheets, tmp_path / "names.xlsx")).tables["findings"]
    assert set(zip(f["rule"], f["subject"], f["severity"])) == {("table.name", "2010350", "warning"),
                                                                 ("table.name", "30101", "warning")}
    by_code = dict(zip(f["subject"], f["lines"]))  # the row's first number cell: the row the name stands in
    assert by_code["2010350"] == "公开03表!E12" and by_code["30101"] == "公开08表!C7"


def test_a_workbook_the_manifest_does_not_list_is_named_not_read(tmp_path):
    import shutil

    from departments import add_department

    from juesuan.run import report

    source = add_department(tmp_path, 2022, "教育局", read(EDUCATION), "示例市教育局")  # a manifest without tables
    shutil.copy(EDU_XLSX, source.parent / "附表.xlsx")
    data = report.build(2022, "教育局", tmp_path)
    assert data.tables["appendix"].empty and data.meta["tables_source"] is None
    f = data.tables["findings"]
    said = f[f["message"].str.contains("附表.xlsx", regex=False)]
    assert list(said["severity"]) == ["warning"] and "manifest.json 未列出" in said.iloc[0].message
