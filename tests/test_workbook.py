"""The Excel workbook beside each report page: what it holds, how it looks, and that it is the CSVs."""

import base64
import io

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from project_builder import page, processed

from juesuan.model.outputs import read_csv
from juesuan.pipeline import CSV_FILES
from juesuan.publish.workbook import HEADERS, SHEETS

# the 2023 report has no budget beside it: no 预算与决算 sheet (tests/test_budget_pair.py has one)
WITHOUT_BUDGET = [(key, name) for key, name in SHEETS if key != "budget_vs_accounts"]


@pytest.fixture(scope="module")
def book_2023(project):
    root, _ = project
    return load_workbook(page(root, 2023, suffix=".xlsx")), root


@pytest.mark.slow
def test_the_findings_come_first_then_every_table(book_2023):
    book, _ = book_2023
    assert book.sheetnames == [name for _key, name in WITHOUT_BUDGET] + ["说明"]


@pytest.mark.slow
@pytest.mark.parametrize("key,name", WITHOUT_BUDGET)
def test_every_sheet_holds_its_csv(book_2023, key, name):
    book, root = book_2023
    csv = read_csv(processed(root, 2023) / CSV_FILES[key])
    sheet = pd.read_excel(page(root, 2023, suffix=".xlsx"), sheet_name=name, dtype={HEADERS.get("code"): str},
                          engine="calamine")  # another reader than the writer
    assert list(sheet.columns) == [HEADERS.get(c, c) for c in csv.columns]  # Chinese headers, same order
    assert len(sheet) == len(csv)
    for column, header in zip(csv.columns, sheet.columns):
        mine, theirs = sheet[header], csv[column]
        if column == "severity":
            theirs = theirs.map({"error": "错误", "warning": "警告", "info": "提示"})
        if pd.api.types.is_numeric_dtype(theirs):
            assert pd.to_numeric(mine).fillna(-1).round(8).tolist() == theirs.astype(float).fillna(-1).round(8).tolist(), column
        else:
            assert mine.fillna("").astype(str).tolist() == theirs.fillna("").astype(str).tolist(), column


@pytest.mark.slow
def test_formats_frozen_headers_filters_and_widths(book_2023):
    book, _ = book_2023
    for name in ("数据核对", "正文数字", "附表数据"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
        assert all(cell.font.bold for cell in sheet[1])
    facts = book["正文数字"]
    header = [c.value for c in facts[1]]
    value, measure = header.index("数值") + 1, header.index("度量") + 1
    formats = {facts.cell(r, measure).value: facts.cell(r, value).number_format for r in range(2, facts.max_row + 1)}
    assert formats["amount"] == "#,##0.00" and formats["share"] == '0.00"%"' and formats["count"] == "0"
    functions = book["功能分类支出"]
    head = [c.value for c in functions[1]]
    assert functions.cell(2, head.index("决算数（万元）") + 1).number_format == "#,##0.00"
    assert functions.cell(2, head.index("完成预算（%）") + 1).number_format == '0.00"%"'
    # a column of sentences is wide, a column of codes narrow; Chinese counts double
    assert facts.column_dimensions["M"].width > 40 or max(d.width for d in facts.column_dimensions.values()) == 60
    assert book["附表数据"].column_dimensions["E"].width < 15


@pytest.mark.slow
def test_errors_are_highlighted_with_their_place(book_2023):
    book, _ = book_2023
    findings = book["数据核对"]
    head = [c.value for c in findings[1]]
    level = head.index("级别") + 1
    red = {findings.cell(r, 1).fill.fgColor.rgb for r in range(2, findings.max_row + 1)
           if findings.cell(r, level).value == "错误"}
    assert red == {"00FDE2E1"}
    cells = book["附表数据"]
    head = [c.value for c in cells[1]]
    where = [(cells.cell(r, head.index("工作表/页") + 1).value, cells.cell(r, head.index("单元格") + 1).value, r)
             for r in range(2, cells.max_row + 1)]
    flagged = [(s, c) for s, c, r in where if cells.cell(r, 1).fill.fgColor.rgb == "00FDE2E1"]
    assert flagged == [("公开06表", "E25")]  # 2080505: 61.69 in the table, 60.99 in the text
    row = next(r for s, c, r in where if (s, c) == ("公开06表", "E25"))
    assert "60.99" in cells.cell(row, 1).comment.text


@pytest.mark.slow
def test_the_page_offers_the_workbook(book_2023):
    _, root = book_2023
    html = BeautifulSoup(page(root, 2023).read_text(encoding="utf-8"), "html.parser")
    link = html.select_one('ul.downloads a[download$=".xlsx"]')
    data = base64.b64decode(link["href"].split(",", 1)[1])
    assert data == page(root, 2023, suffix=".xlsx").read_bytes()
    assert load_workbook(io.BytesIO(data)).sheetnames[0] == "数据核对"


def test_the_same_tables_give_the_same_bytes():
    """openpyxl stamps the moment of saving; the workbook must not, so two builds can be compared."""
    import time

    from helpers import EDUCATION

    import juesuan
    from juesuan.publish.workbook import workbook_bytes

    result = juesuan.process(EDUCATION)
    first = workbook_bytes(result.tables, result.meta)
    time.sleep(1.1)
    assert workbook_bytes(result.tables, result.meta) == first
