"""One Excel workbook per report, for the colleagues who work in Excel or WPS: the findings first,
then every tidy table; Chinese headers, number formats, frozen header row, filters, column widths
that fit, and every figure an error names highlighted; a document's text is never a formula.
Written with openpyxl; the bytes are the same for the same tables (fixed document times, fixed zip
entry times)."""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from datetime import datetime

import pandas as pd

from ..model.formulas import looks_like_formula
from .html import error_places

SHEETS = (  # (table key, sheet name), findings first
    ("findings", "数据核对"), ("facts", "正文数字"), ("functions", "功能分类支出"), ("charts", "图表数据"),
    ("appendix", "附表数据"), ("appendix_tables", "附表清单"), ("performance_budget", "绩效-预算执行"),
    ("performance_indicators", "绩效-指标"), ("performance_summary", "绩效-合计"), ("performance_statements", "绩效-评价文字"),
    ("budget_vs_accounts", "预算与决算"),  # only with the same year's budget beside the report
)
HEADERS = {
    "rule": "规则", "severity": "级别", "subject": "对象", "stated": "所写数值", "expected": "应为", "difference": "差额",
    "message": "说明", "line": "行号", "text": "原文", "lines": "涉及位置（行号或 工作表!单元格）",
    "metric": "指标编号", "period": "期间", "measure": "度量", "value": "数值", "unit_in_source": "原文单位",
    "base": "占比基数", "section": "章节", "page": "PDF页码", "page_line": "页内行号",
    "code": "代码", "level": "级次", "name": "规范名称", "name_in_source": "报告写法", "amount": "决算数（万元）",
    "budget": "预算数（万元）", "completion": "完成预算（%）", "share": "占比（%）", "origin": "来源",
    "code_in_source": "原文代码", "attach": "主语来源", "subject_in_source": "原文所指", "figure": "图号", "caption": "图题", "kind": "类型", "series": "系列",
    "category": "类别", "label_in_source": "原文标签", "series_in_source": "原文系列",
    "table": "表号", "title": "表名", "row": "行", "column": "列（表头路径）", "sheet": "工作表/页", "cell": "单元格",
    "first_cell": "表名位置", "status": "状态", "cells": "数据格数", "columns": "数据列", "note": "表注", "rows": "表中各行",
    "project": "项目", "item": "资金来源", "budget_initial": "年初预算（万元）", "budget_adjusted": "调整后预算（万元）",
    "executed": "执行数（万元）", "execution_rate": "执行率（%）", "weight": "权重", "score": "得分",
    "level1": "一级指标", "level2": "二级指标", "indicator": "三级指标", "nature": "指标性质", "target": "指标值",
    "unit": "度量单位", "actual": "完成值",
    "group": "类别", "outturn": "决算数（万元）", "budget_from": "预算数出处",
    "outturn_from": "决算数出处",
}
AMOUNT = "#,##0.00"
PERCENT = '0.00"%"'  # the tables hold percent numbers (3.98 means 3.98 %)
PERCENT_COLUMNS = {"completion", "share", "execution_rate"}
INTEGER_COLUMNS = {"line", "page", "page_line", "figure", "cells"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
FIXED_TIME = datetime(2000, 1, 1)


def workbook_bytes(tables: dict[str, pd.DataFrame], meta: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    flagged = error_places(tables["findings"])
    red = PatternFill("solid", fgColor="FDE2E1")
    amber = PatternFill("solid", fgColor="FFF2CC")
    bold = Font(bold=True)
    book = Workbook()
    book.remove(book.active)
    for key, name in SHEETS:
        frame = tables.get(key)
        if frame is None:
            continue
        sheet = book.create_sheet(name)
        columns = list(frame.columns)
        sheet.append([HEADERS.get(c, c) for c in columns])
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(vertical="center")
        for record in frame.itertuples(index=False):
            sheet.append([_value(c, v) for c, v in zip(columns, record)])
        _formats(sheet, columns, frame)
        _text_stays_text(sheet)
        if key == "findings":
            for row, severity in enumerate(frame["severity"], start=2):
                fill = red if severity == "error" else amber if severity == "warning" else None
                if fill:
                    for cell in _row(sheet, row, len(columns)):
                        cell.fill = fill
        else:
            for row, place in enumerate(_places(frame), start=2):
                message = flagged.get(place)
                if message:
                    for cell in _row(sheet, row, len(columns)):
                        cell.fill = red
                    sheet.cell(row, 1).comment = Comment(message, "juesuan")
        sheet.freeze_panes = "A2"
        if frame.shape[0]:
            sheet.auto_filter.ref = sheet.dimensions
        _widths(sheet, columns, frame)
    about = book.create_sheet("说明")
    for row in (("部门", meta.get("department", "")), ("年度", meta.get("year", "")), ("原始文件", meta.get("source", "")),
                ("SHA-256", meta.get("sha256", "")), ("juesuan 版本", meta.get("juesuan_version", "")),
                ("金额单位", "万元（原文为元的已换算）"), ("百分比", "百分数（3.98 即 3.98%）"),
                ("标色", "红色：数据核对发现错误所涉及的数字；黄色：警告")):
        about.append(list(row))
    _text_stays_text(about)
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 14, 80
    book.properties.creator = "juesuan"
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip_times(out.getvalue())


def _row(sheet, row: int, width: int) -> list:
    """The cells of a row, as ``sheet[row]`` gives them when every row is ``width`` cells wide (as here):
    ``sheet[row]`` measures the sheet's width over all its cells each time (a sheet of n rows, n² steps)."""
    return [sheet.cell(row, column) for column in range(1, width + 1)]


def _value(column: str, value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if column == "severity":
        return SEVERITY.get(value, value)
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


def _text_stays_text(sheet) -> None:
    """A document's text is never a formula here: openpyxl makes one of any string that starts with
    '=', so such cells (and those starting with +, -, @: model/formulas.py) are set back to strings,
    with Excel's quote prefix, so that editing the cell keeps it text."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and looks_like_formula(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True


def _formats(sheet, columns: list[str], frame: pd.DataFrame) -> None:
    for i, column in enumerate(columns, start=1):
        if not pd.api.types.is_numeric_dtype(frame[column]):
            continue
        fmt = PERCENT if column in PERCENT_COLUMNS else "0" if column in INTEGER_COLUMNS else AMOUNT
        if column == "value" and "measure" in frame:  # facts: amounts, percents and counts in one column
            for row, measure in enumerate(frame["measure"], start=2):  # every *_growth is a rate too
                sheet.cell(row, i).number_format = PERCENT if measure in ("share", "completion") \
                    or str(measure).endswith("growth") else "0" if measure == "count" else AMOUNT
            continue
        for row in range(2, len(frame) + 2):
            sheet.cell(row, i).number_format = fmt


def _widths(sheet, columns: list[str], frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    for i, column in enumerate(columns, start=1):
        texts = [HEADERS.get(column, column)] + [str(v) for v in frame[column].head(500) if v is not None]
        # (a text's first 60 characters say all: every character takes at least one column, and 60 is the most)
        widest = max((_display_width(t[:_WIDEST]) for t in texts), default=8)
        sheet.column_dimensions[get_column_letter(i)].width = min(max(8, widest + 2), _WIDEST)


_WIDEST = 60


def _display_width(text: str) -> int:
    """Columns an Excel cell needs: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _places(frame: pd.DataFrame) -> list[str]:
    """Where each row stands, as findings name it: sheet!cell for a table cell, else its line."""
    if "cell" in frame and "sheet" in frame:
        return [f"{s}!{c}" for s, c in zip(frame["sheet"], frame["cell"])]
    if "line" in frame:
        if "page" in frame:
            return [("" if pd.isna(p) else f"第{int(p)}页" if pd.isna(q) else f"第{int(p)}页第{int(q)}行")
                    for p, q in zip(frame["page"], frame["page_line"])]
        return ["" if pd.isna(v) else str(int(v)) for v in frame["line"]]
    return [""] * len(frame)


def _fixed_zip_times(data: bytes) -> bytes:
    """The same workbook for the same tables: zip entries get one fixed time, and so does the
    document's 'modified' property, which openpyxl sets to the moment of saving."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + FIXED_TIME.isoformat().encode() + rb"Z\g<2>", content)
            dst.writestr(entry, content)
    return out.getvalue()
