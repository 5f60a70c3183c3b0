"""Extraction: a Document → the report's tidy tables (facts, 功能分类, chart data, 绩效 tables).
Enters: ``Document``. Leaves: ``Extraction`` (year, department, DataFrames, warnings). Pure.
"""

from .extraction import COLUMNS, TABLE_FILES, Extraction, department_in, extract

__all__ = ["COLUMNS", "TABLE_FILES", "Extraction", "department_in", "extract"]
