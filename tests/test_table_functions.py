"""The 功能分类 a budget states only in its tables (extract/table_functions.py): rows of origin ``table``
from the 一般公共预算 table's whole column, traceable to their page and cell, never checked a second time."""

from __future__ import annotations

import pandas as pd

from juesuan.check import run_checks
from juesuan.extract.table_functions import table_function_lines
from juesuan.reference import find_child_code


def _cell(kind, code, level, row, column, value, page=12, r=4, c=2):
    return {"kind": kind, "code": code, "level": level, "row": row, "column": column, "value": value,
            "title": "一般公共预算支出情况表", "sheet": f"第{page}页", "cell": f"第{r}行第{c}列"}


CELLS = [
    _cell("budget_gb", "", "合计", "合计", "一般公共预算支出/小计", 16410.71, r=3),
    _cell("budget_gb", "201", "类", "一般公共服务支出", "一般公共预算支出/小计", 8812.33),
    _cell("budget_gb", "201", "类", "一般公共服务支出", "一般公共预算支出/其中：基本支出", 7341.47, c=3),
    _cell("budget_gb", "20103", "款", "政府办公厅（室）及相关机构事务", "一般公共预算支出/小计", 8801.45, r=5),
    _cell("budget_gb", "2010301", "项", "行政运行", "一般公共预算支出/小计", 6853.85, page=13, r=2),
    _cell("budget_gb", "2010301", "项", "行政运行", "一般公共预算支出/项目支出", 0.0, page=13, r=2, c=4),
]


def test_the_whole_column_of_each_coded_row_with_its_page():
    rows = table_function_lines(CELLS, {})
    assert [(f.code, f.level, f.amount, f.origin, page) for f, page in rows] == [
        ("201", "类", 8812.33, "table", 12), ("20103", "款", 8801.45, "table", 12), ("2010301", "项", 6853.85, "table", 13)]
    assert "第13页第2行第2列" in rows[2][0].text and rows[2][0].name == "行政运行"


def test_no_rows_where_the_whole_column_cannot_be_told():
    parts_only = [dict(c, column="一般公共预算支出/基本支出") for c in CELLS] + \
        [dict(c, column="一般公共预算支出/项目支出") for c in CELLS]
    assert table_function_lines(parts_only, {}) == []


def test_rows_from_the_tables_are_not_checked_again():
    """A name the table writes otherwise than the classification is the table's finding (table.name); the
    same row copied into expenditure_by_function is not a second one."""
    rows = table_function_lines([dict(c, row="行政运行经费") if c["code"] == "2010301" else c for c in CELLS], {})
    functions = pd.DataFrame([dict(f.row(), page=p, page_line=1) for f, p in rows])
    assert functions.loc[2, "name_in_source"] == "行政运行经费"
    findings = run_checks({"functions": functions}, kind="部门预算")
    assert not findings["rule"].str.startswith("function").any(), findings["message"].tolist()
    stated = run_checks({"functions": functions.assign(origin="stated")}, kind="部门预算")
    assert "function.name" in set(stated["rule"])  # what the rule would have said of them


def test_a_code_the_samples_tables_print_is_found_by_its_name():
    """检察（款）行政运行（项） with no code written: the samples' own 功能分类 tables give 20404 检察."""
    assert find_child_code("204", "款", "检察") == "20404"
    assert find_child_code("20404", "项", "行政运行") == "2040401"


def test_a_row_a_table_gives_is_placed_by_its_page_alone():
    """A 功能分类 row of origin table stands on a page, on no line of the text: said so, never a crash
    (the report of a budget whose 功能分类 are only in its tables)."""
    from juesuan.check.context import at_line
    from juesuan.publish.workbook import _places

    assert at_line({"page": 13, "page_line": pd.NA, "line": pd.NA}) == "第13页"
    assert at_line({"page": 13, "page_line": 4, "line": 40}) == "第13页第4行"
    frame = pd.DataFrame({"page": pd.array([13, 7, None], dtype="Int64"), "page_line": pd.array([None, 4, None], dtype="Int64"),
                          "line": pd.array([None, 40, None], dtype="Int64")})
    assert _places(frame) == ["第13页", "第7页第4行", ""]


def test_a_budget_stating_its_classes_alone_keeps_them_and_the_tables_items(tmp_path):
    """上海市财政局 2025: 1.“一般公共服务支出”科目12,789万元 — 类 of all funds, no 项: the 类 lines read, and the
    一般公共预算 table's rows beside them (origin table), each on its own page."""
    from budget_pdf_builder import TEXT, budget_pdf

    import juesuan

    lines = TEXT.splitlines()
    text = "\n".join([*lines[:5], "1.“公共安全支出”科目900.00万元，主要用于司法事务。",
                      "2.“社会保障和就业支出”科目100.00万元，主要用于养老保险缴费。"])
    functions = juesuan.process(budget_pdf(tmp_path / "classes.pdf", text=text)).tables["functions"]
    said = functions[functions["origin"] == "all_funds"]
    assert sorted(zip(said["code"], said["amount"], said["page"])) == [("204", 900.0, 1), ("208", 100.0, 1)]
    table = functions[functions["origin"] == "table"]
    assert "2040601" in set(table["code"]) and set(table["page"]) == {4}
