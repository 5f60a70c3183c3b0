"""Checking: the tidy tables → findings (rule, severity, the figures involved, line and text).
Enters: the tables of one report. Leaves: ``findings.csv`` as a DataFrame. One module per family.

Figures are compared as intervals of what two-decimal rounding of their inputs can explain
(interval.py), so rounding is never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from .context import FINDING_COLUMNS, SEVERITY_ORDER, Context, Finding, Tables, at_line, prior_amounts
from .identities import rule_identities
from .names import rule_chart_labels, rule_function_names, rule_table_names
from .performance import rule_performance, rule_performance_funding
from .ranges import rule_ranges
from .ratios import (
    rule_against_own_budget,
    rule_completion,
    rule_flat_fiscal_total,
    rule_function_growth,
    rule_function_restated,
    rule_growth_and_change,
    rule_shares,
)
from .statements import rule_same_figure
from .sums import rule_classes_within_whole, rule_function_parts, rule_metric_parts
from .tables import (
    rule_budget_bases,
    rule_budget_narrative,
    rule_cross_tables,
    rule_fund_balance,
    rule_summary_tables,
    rule_table_columns,
    rule_table_hierarchy,
    rule_table_narrative,
)
from .text import rule_department_name, text_rules
from .understood import figures_not_understood

__all__ = ["FINDING_COLUMNS", "Context", "Finding", "RULES", "prior_amounts", "run_checks"]

RULES: tuple[Callable[[Tables], Iterator[Finding]], ...] = (
    rule_metric_parts, rule_function_parts, rule_classes_within_whole, rule_shares, rule_growth_and_change,
    rule_completion, rule_same_figure, rule_chart_labels, rule_identities, rule_function_names,
    rule_ranges, rule_performance, rule_table_hierarchy, rule_table_columns, rule_summary_tables, rule_fund_balance,
    rule_cross_tables, rule_table_narrative, rule_table_names, rule_performance_funding, rule_budget_narrative,
    rule_flat_fiscal_total, rule_function_growth, rule_function_restated, rule_against_own_budget,
)


# Budget rules whose errors stand as errors: each measured on every budget of the real samples
# (benchmarks/budget_checks.py) with every error it raised read on the page and found a real defect
# (docs/REAL.md lists them). The other rules' findings on a budget are warnings until they are.
BUDGET_ERROR_RULES: frozenset[str] = frozenset({"table.columns", "table.narrative", "table.sum",
                                                 "function.growth", "function.change", "function.restated"})
BUDGET_UNPROVEN = "（预算文件的核对仍在验证中，暂作提示，不作为错误）"

# Rules whose error may only mean that a part was not read (on a page without a text layer).
NEEDS_EVERY_PART = {"sum.parts", "sum.functions", "completion", "table.sum", "table.summary", "table.columns",
                    "table.cross", "label.chart"}


def _unit_slips(findings: list[dict], facts: pd.DataFrame | None) -> None:
    """A bare 元 in a line whose other amounts are in 万元 (33.17元 beside 33.17万元) is most likely a
    slip for 万元: an error that rests on such a figure is not certain, so it is a warning that says why."""
    if facts is None or facts.empty:
        return
    amounts = facts[facts["measure"].isin(["amount", "change"])]
    slips = set()
    in_wanyuan = (amounts["unit_in_source"] == "万元").any()
    for line, rows in amounts.groupby("line"):
        odd = set(rows["unit_in_source"][rows["value"] != 0]) - {"万元"}  # 0元 is 0 in any unit
        # 元 beside 万元 in one sentence; 亿元 in a report that counts in 万元 (其他收入168.50亿元)
        if ("元" in odd and (rows["unit_in_source"] == "万元").any()) or ("亿元" in odd and in_wanyuan):
            slips.add(str(int(line)))
    _soften(findings, lambda f: bool((set(str(f.get("lines") or "").split(";")) | {str(f.get("line"))}) & slips),
            "（所涉数字的单位（元或亿元）与报告其他金额的万元不一致，疑为单位笔误，故不作为错误）")


def _soften(findings: list[dict], when: Callable[[dict], bool], why: str) -> None:
    """Errors that rest on something uncertain become warnings that say why."""
    for f in findings:
        if f["severity"] == "error" and when(f):
            f["severity"] = "warning"
            f["message"] += why


def _stated_functions(tables: Tables) -> Tables:
    """The 功能分类 rows a report states in words: the ones copied from its tables (origin ``table``,
    extract/table_functions.py) are the tables' own cells, checked there (table.sum) — not twice."""
    functions = tables.get("functions")
    if functions is None or "origin" not in functions or not (functions["origin"] == "table").any():
        return tables
    return {**tables, "functions": functions[functions["origin"] != "table"].reset_index(drop=True)}


def run_checks(tables: Tables, warnings: list[str] = (), table_warnings: list[str] = (),
               unread_pages: tuple[int, ...] = (), lines: list[tuple[int, str]] = (), year: int = 0,
               kind: str = "部门决算", unread_items: tuple[int, ...] = (), budget_policy: bool = True,
               department: str = "", not_read: tuple[str, ...] = (),
               pages: dict[int, tuple[int, int]] | None = None) -> pd.DataFrame:
    """``warnings``: what extraction found missing in the report; ``table_warnings``: what reading
    the appendix workbook met (a sheet without a table, a formula without its value …);
    ``unread_pages``: pages that could not be read, so that no error rests on what is not there;
    ``lines`` and ``year``: the report's text, for the rules on its wording (check/text.py);
    ``unread_items``: 具体情况 lines that list an item not read, so that the item sums only warn;
    ``department``: the name the document gives itself, against which its other namings are read;
    ``not_read``: what the readers could not read (an embedded object, a picture under a table's
    title, a formula cell without its value), said in the coverage;
    ``pages``: a PDF's line → (page, line on the page), so that a finding placed on a line alone (a
    wording rule's) says where a reader finds it;
    ``budget_policy``: on a budget, only the rules of ``BUDGET_ERROR_RULES`` raise errors; False
    lets every rule raise its errors (to measure what they would raise: benchmarks/budget_checks.py)."""
    tables = _stated_functions(tables)
    context = Context(tables)
    findings = [f.row() for rule in RULES for f in rule(context)]
    ledger = coverage(tables, context)
    if not_read:
        ledger["not_read"] = list(not_read)
        ledger["summary"] = ledger["summary"].rstrip("。") + f"；读取时有{len(not_read)}处未能读取（" + \
            "；".join(not_read[:3]) + ("等" if len(not_read) > 3 else "") + "）。"
    if lines:
        findings += [f.row() for f in text_rules(list(lines), year, context, kind)]
        findings += [f.row() for f in rule_department_name(list(lines), department)]
        unread = figures_not_understood(list(lines), tables.get("facts"), tables.get("functions"))
        ledger["figures_not_understood"] = unread
        if unread:
            ledger["summary"] = ledger["summary"].rstrip("。") + f"；正文另有{len(unread)}个数字未能识别其所指，未作核对。"
    if kind.endswith("预算"):  # what a 决算 must disclose (公务用车保有量, 接待批次) a budget need not
        findings = [f for f in findings if f["rule"] != "document.required"]
        findings += [f.row() for f in rule_budget_bases(context)]
        # A rule not yet measured clean on the real budgets says what it finds as a warning, never an
        # error against the department (docs/REAL.md).
        if budget_policy:
            _soften(findings, lambda f: f["rule"] not in BUDGET_ERROR_RULES, BUDGET_UNPROVEN)
    if unread_pages:
        _soften(findings, lambda f: f["rule"] in NEEDS_EVERY_PART,
                f"（第{'、'.join(map(str, unread_pages))}页无法读取，所缺部分可能在其中，故不作为错误）")
    if unread_items:  # the 项 read may not be all the 具体情况 lists
        _soften(findings, lambda f: f["rule"] == "sum.functions",
                f"（具体情况第{'、'.join(map(str, unread_items))}行所列项目未能读取，各项可能不全，故不作为错误）")
    _unit_slips(findings, tables.get("facts"))
    if pages:
        for f in findings:
            f["lines"] = _on_pages(f["lines"], pages)
    findings += [Finding("document.incomplete", "warning", "document", None, None, None, w, None, "").row() for w in warnings]
    findings += [Finding("appendix.read", "warning", "appendix", None, None, None, w, None, "").row()
                 for w in table_warnings]
    frame = pd.DataFrame(findings, columns=FINDING_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    order = frame["severity"].map(SEVERITY_ORDER)
    frame = frame.assign(_o=order).sort_values(["_o", "line"], kind="stable").drop(columns="_o").reset_index(drop=True)
    frame.attrs["coverage"] = ledger  # what was checked and what was not (meta.json, the page, `juesuan check`)
    return frame


def _on_pages(places: str, pages: dict[int, tuple[int, int]]) -> str:
    """``places`` with each bare line number (63) written as a reader finds it in a PDF (第19页第14行)."""
    def paged(place: str) -> str:
        if not place.isdigit() or int(place) not in pages:
            return place
        page, line = pages[int(place)]
        return at_line({"page": page, "page_line": line, "line": int(place)})
    return ";".join(map(paged, places.split(";"))) if places else places


def coverage(tables: Tables, context: Context) -> dict:
    """What the checks could rest on: figures read, tables understood or not, the identities between
    tables and text that were compared and those that were not, with the reason."""
    a = context.appendix
    frames = {k: tables.get(k) for k in ("facts", "functions", "appendix")}
    ran = sum(a.runs.values())
    skipped = [f"{what}（{why}）" for (_rule, what), why in a.skipped.items()]
    read = {k: 0 if f is None else int(len(f)) for k, f in frames.items()}
    understood = sorted(a.tables[k]["title"] for k in a.tables)
    not_understood = sorted(t["title"] for t in a.unreadable.values())
    if understood or not_understood:
        tables_said = f"附表识别{len(understood)}张" + (f"，未能识别{len(not_understood)}张（{'、'.join(not_understood)}）"
                                                    if not_understood else "")
        cross = f"表间及表文勾稽核对了{ran}项" + (
            f"，未核对{len(skipped)}项：" + "；".join(skipped[:8]) + ("等" if len(skipped) > 8 else "") if skipped else "")
    else:
        tables_said, cross = "无附表", "未做表间及表文勾稽"
    return {
        "figures_read": read,
        "tables_understood": understood,
        "tables_not_understood": not_understood,
        "checks_run": ran,
        "checks_total": ran + len(skipped),
        "checks_not_run": skipped,
        "summary": (f"核对范围：正文读取{read['facts']}个数字、{read['functions']}行功能分类，并核对其加总、占比、"
                    f"增减与前后一致；{tables_said}，{read['appendix']}个数据格；{cross}。"),
    }
