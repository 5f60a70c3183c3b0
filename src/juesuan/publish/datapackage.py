"""datapackage.json: the processed CSVs as a Frictionless Data Package (Table Schema)."""

from __future__ import annotations

# column → (type, description); units are part of the description and a "unit" property.
_FIELDS: dict[str, tuple[str, str, str]] = {
    "metric": ("string", "指标编号（metrics.csv）", ""),
    "period": ("string", "current（报告年度）或 prior（比较年度）", ""),
    "measure": ("string", "amount/share/change/growth/completion/count；budget/budget_full（预算数）、budget_change/"
                "budget_growth（较预算）、prior_budget_change/prior_budget_growth（较上年预算）、other_year_change/"
                "other_year_growth（较上年以外的年度，base为该年）", ""),
    "base": ("string", "占比的基数指标；other_year_*为比较的年度", ""),
    "value": ("number", "数值：金额为万元，比例与增长率为百分数", "万元 | %"),
    "unit_in_source": ("string", "报告原文的单位", ""),
    "section": ("string", "所在章节标题", ""),
    "line": ("integer", "原文行号（解码后，从1开始；PDF 为还原后的段落序号）", ""),
    "page": ("integer", "PDF 页码", ""), "page_line": ("integer", "该段落在 PDF 页内的起始行", ""),
    "text": ("string", "原文该行", ""),
    "code": ("string", "功能分类代码（3/5/7位）", ""),
    "level": ("string", "类/款/项", ""),
    "name": ("string", "该代码的规范名称", ""),
    "name_in_source": ("string", "报告写法", ""),
    "amount": ("number", "决算数", "万元"),
    "budget": ("number", "预算数", "万元"),
    "completion": ("number", "完成预算百分比", "%"),
    "share": ("number", "占比", "%"),
    "prior": ("number", "上年数（预算所写的上年预算或执行数）", "万元"),
    "change": ("number", "比上年增减额", "万元"), "growth": ("number", "比上年增减率", "%"),
    "origin": ("string", "stated（报告列示）、derived（由下级合计）、all_funds（预算说明按全部资金列示的类）"
               "或 table（说明未列示，取自一般公共预算表，不再重复核对）", ""),
    "code_in_source": ("string", "报告所写代码，? 表示缺省后补全", ""),
    "subject_in_source": ("string", "报告对该数字所指事物的写法（指标为 unnamed 等只表示类别时）", ""),
    "attach": ("string", "主语如何确定：named 本句点明；carried 沿用上文；cause 原因说明中的数字，其分句未点明主语；"
                         "similar 科目代码按相近名称推定；unnamed 无指标词语指称，仅按原文写法（subject_in_source）记录，不作核对", ""),
    "figure": ("integer", "图号 1–7", ""),
    "caption": ("string", "图题", ""),
    "kind": ("string", "bar 或 pie", ""),
    "series": ("string", "系列", ""),
    "category": ("string", "类别", ""),
    "label_in_source": ("string", "图表数据中的原始标签", ""),
    "series_in_source": ("string", "图表数据中的原始系列名", ""),
    "project": ("string", "项目名称", ""),
    "item": ("string", "资金来源", ""),
    "budget_initial": ("number", "年初预算", "万元"),
    "budget_adjusted": ("number", "调整后预算数", "万元"),
    "executed": ("number", "预算执行数", "万元"),
    "execution_rate": ("number", "预算执行率", "%"),
    "weight": ("number", "权重（分）", "分"),
    "score": ("number", "得分（分）", "分"),
    "level1": ("string", "一级指标", ""), "level2": ("string", "二级指标", ""),
    "indicator": ("string", "三级指标", ""), "nature": ("string", "指标性质", ""),
    "target": ("string", "指标值", ""), "unit": ("string", "度量单位", ""), "actual": ("string", "完成值", ""),
    "subject": ("string", "所涉指标、代码或表", ""),
    "rule": ("string", "核对规则编号", ""), "severity": ("string", "error/warning/info", ""),
    "stated": ("number", "报告所写数值", ""), "expected": ("number", "其他数据推算的数值", ""),
    "difference": ("number", "两者之差", ""), "message": ("string", "说明", ""),
    "lines": ("string", "所涉全部位置（行号或 工作表!单元格），以;分隔，所写数字在前", ""),
}
# Columns whose meaning differs in one table.
_TABLE_FIELDS: dict[str, dict[str, tuple[str, str, str]]] = {
    "appendix": {
        "table": ("string", "表号（公开01表 → 01）", ""),
        "kind": ("string", "表的种类（summary、expenditure、gb、gb_basic、three_public …，与表号体系无关）", ""),
        "title": ("string", "表名", ""),
        "row": ("string", "行标签（科目名称或项目），原文去空格", ""),
        "code": ("string", "功能分类或经济分类代码（由类/款/项列补全）", ""),
        "level": ("string", "合计/类/款/项；总表各行为空", ""),
        "column": ("string", "列的表头路径，以/连接", ""),
        "value": ("number", "数值（万元，元表已换算）", "万元"),
        "unit_in_source": ("string", "表中所写金额单位", ""),
        "sheet": ("string", "工作表名", ""), "cell": ("string", "单元格（A1 格式）", ""),
        "text": ("string", "单元格原文", ""),
    },
    "budget_vs_accounts": {
        "group": ("string", "类别：合计 / 功能分类 / 支出性质 / “三公”经费 / 机关运行经费", ""),
        "subject": ("string", "指标编号或功能分类代码", ""), "level": ("string", "功能分类级次（类/款）", ""),
        "name": ("string", "名称", ""), "budget": ("number", "预算数（同年度公开的预算）", "万元"),
        "outturn": ("number", "决算数", "万元"), "execution_rate": ("number", "执行率：决算数÷预算数（%），预算为0时为空", "%"),
        "budget_from": ("string", "预算数出处（预算正文行号或附表单元格）", ""),
        "outturn_from": ("string", "决算数出处（决算正文行号或附表单元格）", ""),
    },
    "appendix_tables": {
        "table": ("string", "表号", ""), "kind": ("string", "表的种类", ""), "title": ("string", "表名", ""),
        "sheet": ("string", "工作表名", ""), "first_cell": ("string", "表名所在单元格", ""),
        "unit_in_source": ("string", "表中所写金额单位", ""),
        "status": ("string", "data（有数据）/ empty_stated（部门说明本表无数据）/ empty / unreadable", ""),
        "cells": ("integer", "数据单元格数", ""), "note": ("string", "表注", ""),
        "columns": ("string", "数据列的表头路径（含全空的列），以;分隔", ""),
        "rows": ("string", "表中列出的每一行（科目编码或行名，含全空的行），以;分隔", ""),
        "beyond": ("string", "紧随其后未能读作本表续页的页（其中可能还有本表的行）", ""),
    },
}
_DESCRIPTIONS = {
    "facts": "报告正文陈述的每一个数字", "functions": "一般公共预算财政拨款支出功能分类（类/款/项）",
    "charts": "图1–图7 的数据", "performance_budget": "项目支出绩效自评表：预算执行情况",
    "performance_indicators": "项目支出绩效自评表：绩效指标", "performance_summary": "项目支出绩效自评表：合计",
    "performance_statements": "绩效评价文字所述得分与预算", "findings": "数据核对结果",
    "appendix": "附表：每个数据单元格一行，可追溯到工作表与单元格", "appendix_tables": "附表清单：识别出的每张表及其状态",
    "budget_vs_accounts": "预算与决算：同年度公开的预算与决算并列（功能分类类/款、基本/项目、三公、机关运行经费），执行率",
}


def field(name: str, table: str = "") -> dict:
    kind, description, unit = _TABLE_FIELDS.get(table, {}).get(name) or _FIELDS.get(name, ("string", "", ""))
    out = {"name": name, "type": kind, "description": description}
    if unit:
        out["unit"] = unit
    return out


# the CSVs' reversible quoting of text that starts like a formula (model/formulas.py, docs/DATA_CONTRACT.md)
QUOTE_RULE = ("文本字段以 = + - @、制表符或回车开头（或以若干 ' 后接这些字符开头）时，写入时前加一个 '，"
              "以免电子表格将其当作公式；读取时去掉一个 '。数值字段不变。")


def _year_of(meta: dict) -> str:
    return f"{meta['year']}年度" if meta["year"] else "（年度未知）"


def datapackage(meta: dict, files: dict[str, str], columns: dict[str, list[str]]) -> dict:
    """The descriptor for one processed folder: ``files`` maps table key → CSV name,
    ``columns`` table key → header."""
    return {
        "profile": "tabular-data-package",
        "name": f"juesuan-{meta['year'] or 'unknown-year'}",  # a report that states no year (extraction.NO_YEAR)
        "title": f"{meta['department']} {_year_of(meta)}{meta.get('kind') or '部门决算'}",
        "description": f"由 juesuan {meta['juesuan_version']} 从 {meta['source']}（SHA-256 {meta['sha256']}）提取。" + QUOTE_RULE,
        "resources": [
            {
                "name": key.replace("_", "-"), "path": files[key], "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                "description": _DESCRIPTIONS.get(key, key),
                "schema": {"fields": [field(c, key) for c in columns[key]]},
            }
            for key in files
        ],
    }
