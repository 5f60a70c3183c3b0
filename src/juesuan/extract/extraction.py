"""One report → its tidy tables (pure: a Document in, DataFrames out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..document import Document
from ..errors import ReportError
from . import charts_data, functions, narrative, performance
from .sections import CORE, EXPECTED, TEMPLATE, find_sections, report_year

TABLE_FILES = {
    "facts": "facts.csv",
    "functions": "expenditure_by_function.csv",
    "charts": "charts.csv",
    "performance_budget": "performance_budget.csv",
    "performance_indicators": "performance_indicators.csv",
    "performance_summary": "performance_summary.csv",
    "performance_statements": "performance_statements.csv",
}
COLUMNS = {
    "facts": narrative.FACT_COLUMNS,
    "functions": functions.FUNCTION_COLUMNS,
    "charts": charts_data.CHART_COLUMNS,
    "performance_budget": performance.BUDGET_COLUMNS,
    "performance_indicators": performance.INDICATOR_COLUMNS,
    "performance_summary": performance.SUMMARY_COLUMNS,
    "performance_statements": performance.STATEMENT_COLUMNS,
}
_TITLES = dict(TEMPLATE)


@dataclass
class Extraction:
    path: str
    year: int
    department: str
    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)  # sections missing, …


def extract(doc: Document, department: str = "") -> Extraction:
    sections = find_sections(doc)
    core = [k for k in CORE if k in sections]
    if len(core) < 2:
        raise ReportError(doc.path, "not a final-accounts report (部门决算): none of its sections "
                          "收入支出决算总体情况说明 / 收入决算情况说明 / 支出决算情况说明 were found")
    year = report_year(doc)
    if year is None:
        raise ReportError(doc.path, "the report states no year (such as 2023年度部门决算)")
    warnings = [f"缺少章节：{_TITLES[k]}（报告可能不完整）" for k in EXPECTED if k not in sections]
    facts = narrative.extract_facts(doc, sections, year - 1)
    function_lines = functions.extract_functions(doc, sections)
    blocks = list(doc.charts) or charts_data.text_chart_blocks(doc, sections)
    chart_rows = charts_data.chart_rows(blocks, charts_data.find_captions(doc))
    tables_rows = [performance.rows_from_table(t) for t in doc.tables] or performance.text_table_rows(doc)
    perf = performance.extract_performance(doc, sections, tables_rows)
    tables = {
        "facts": _frame([f.row() for f in facts], "facts"),
        "functions": _frame([f.row() for f in function_lines], "functions"),
        "charts": _frame(chart_rows, "charts"),
        "performance_budget": _frame(perf["budget"], "performance_budget"),
        "performance_indicators": _frame(perf["indicators"], "performance_indicators"),
        "performance_summary": _frame(perf["summary"], "performance_summary"),
        "performance_statements": _frame(perf["statements"], "performance_statements"),
    }
    if tables["charts"].empty:
        warnings.append("未找到图表数据（图1–图7）")
    return Extraction(doc.path, year, department or department_in(doc), tables, warnings)


def department_in(doc: Document) -> str:
    """The department as the report names itself (纳入XX2023年度部门决算编制范围 …)."""
    for line in doc.lines:
        m = re.search(r"纳入(.{2,30}?)20\d\d年度?部门决算编制范围", line.text)
        if m:
            return m[1]
    for line in doc.lines:
        m = re.match(r"^\s*(\S{2,30}?)属(?:独立核算)?", line.text)
        if m:
            return m[1]
    return ""


def _frame(rows: list[dict], name: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    if "line" in frame:
        frame["line"] = frame["line"].astype("Int64")
    return frame
