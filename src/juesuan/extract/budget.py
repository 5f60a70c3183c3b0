"""A budget (部门预算 / 单位预算) → the same tidy tables as final accounts: facts (the budget's
figures, with the base each change is stated against), 功能分类 lines, and its tables.

Budgets are not written to one template: 江苏 numbers its sections like a 决算 (一、收支预算总体情况说明 …),
上海 writes one 编制说明 and a 其他相关情况说明. The narrative is therefore read with one vocabulary
for the whole document; a change keeps the base the sentence names (上年预算 or 上年预算执行数,
facts.csv `base`), so that the two are never compared as one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.document import Document, Line, normalise
from ..model.numbers import NUMBER, find_written, parse_number, to_wanyuan
from .functions import ITEM_LINE, ITEM_UNDER_CLASS, FunctionLine, derived_rows, item_rows
from .narrative import Fact, facts_in_line
from .sections import Section

# phrase → metric; the longest phrase written wins (narrative._labels)
VOCABULARY: tuple[tuple[str, str], ...] = (
    ("收入、支出预算总计", "total"), ("收、支预算总计", "total"), ("收支预算总计", "total"), ("收入支出预算总计", "total"),
    ("收入预算总计", "income"), ("本年收入预算合计", "income"), ("收入预算合计", "income"), ("收入预算", "income"),
    ("支出预算总计", "expenditure"), ("本年支出预算合计", "expenditure"), ("支出预算合计", "expenditure"),
    ("支出预算", "expenditure"),
    ("财政拨款收入预算总计", "income.fiscal"), ("财政拨款收入", "income.fiscal"),
    ("一般公共预算收入预算", "income.general_budget"), ("一般公共预算收入", "income.general_budget"),
    ("一般公共预算拨款收入", "income.general_budget"), ("一般公共预算资金", "income.general_budget"),
    ("政府性基金收入预算", "income.gov_fund"), ("政府性基金预算收入", "income.gov_fund"),
    ("政府性基金收入", "income.gov_fund"),
    ("财政专户管理资金收入预算", "income.special_account"), ("财政专户管理资金", "income.special_account"),
    ("事业收入", "income.business"), ("事业单位经营收入", "income.operating"),
    ("其他资金收入预算", "income.other"), ("其他资金", "income.other"), ("其他收入", "income.other"),
    ("上年结转资金", "carryover.opening"), ("结转下年资金", "carryover.closing"),
    ("基本支出预算数", "expenditure.basic"), ("基本支出", "expenditure.basic"),
    ("项目支出预算数", "expenditure.project"), ("项目支出", "expenditure.project"),
    ("单位预留机动经费", "expenditure.reserve"),
    ("财政拨款收、支预算", "fiscal_total"), ("财政拨款收支预算", "fiscal_total"), ("财政拨款收、支总计", "fiscal_total"),
    ("财政拨款支出预算", "fiscal_expenditure"), ("财政拨款预算支出", "fiscal_expenditure"),
    ("财政拨款基本支出预算", "fiscal_expenditure.basic"), ("财政拨款基本支出", "fiscal_expenditure.basic"),
    ("一般公共预算拨款支出预算", "general_budget"), ("一般公共预算财政拨款支出预算", "general_budget"),
    ("一般公共预算支出预算", "general_budget"), ("一般公共预算财政拨款基本支出预算", "general_budget.basic"),
    ("一般公共预算基本支出预算", "general_budget.basic"),
    ("人员经费", "general_budget.basic.personnel"), ("公用经费", "general_budget.basic.public"),
    ('"三公"经费预算数', "three_public"), ('"三公"经费预算', "three_public"), ('"三公"经费', "three_public"),
    ("因公出国(境)费", "three_public.overseas"), ("公务用车购置及运行维护费", "three_public.vehicle"),
    ("公务用车购置及运行费", "three_public.vehicle"), ("公务用车购置费", "three_public.vehicle.purchase"),
    ("公务用车运行维护费", "three_public.vehicle.operation"), ("公务用车运行费", "three_public.vehicle.operation"),
    ("公务接待费", "three_public.reception"), ("会议费", "meeting_fee"), ("培训费", "training_fee"),
    ("政府性基金支出预算", "gov_fund"), ("政府性基金拨款支出预算", "gov_fund"), ("政府性基金预算拨款支出预算", "gov_fund"),
    ("国有资本经营预算拨款支出预算", "state_capital"), ("国有资本经营预算支出预算", "state_capital"), ("机关运行经费预算", "operating_cost"), ("机关运行经费", "operating_cost"),
    ("政府采购预算总额", "procurement"), ("政府采购预算", "procurement"), ("政府采购支出预算总额", "procurement"),
    ("政府采购支出预算", "procurement"), ("拟采购货物支出", "procurement.goods"), ("拟采购工程支出", "procurement.works"),
    ("拟购买服务支出", "procurement.services"),
)
VOCABULARY = VOCABULARY + tuple((p.replace('"', ""), m) for p, m in VOCABULARY if '"' in p)
# Where a change is stated against last year's 执行数 rather than its budget.
_EXECUTED = re.compile(r"执行数")
_ITEM_AMOUNT = re.compile(rf"\(\d*\s*项\)\s*:?\s*(?P<num>{NUMBER})\s*(?P<unit>亿元|万元|元)")
_CLASS_HEADING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.]?)?\s*(?P<name>[^(（]+?)\s*\(类\)\s*$")
_NUMBERED = re.compile(r"^\s*(?:\d+\s*[.、]|[(（]\d+[)）])\s*")


def budget_facts(doc: Document, prior_year: int | None) -> list[Fact]:
    """Every figure the narrative states, with the base of each change and growth."""
    out: list[Fact] = []
    for line in doc.lines:
        if not line.text.strip() or ITEM_LINE.search(line.text) or ITEM_UNDER_CLASS.search(line.text):
            continue  # a 功能分类 item: expenditure_by_function.csv
        for f in facts_in_line(line, "budget", "部门预算", prior_year, VOCABULARY):
            out.append(replace(f, base=_base(line.text, f)) if f.measure in ("change", "growth") else f)
    return out


def _base(text: str, fact: Fact) -> str:
    """上年预算执行数 or 上年预算: what the sentence compares this year's budget with (the words
    between the figure and the end of the clause before it)."""
    written = find_written(text, fact.value)
    clause = re.split(r"[;。]", text[:written.start() if written else len(text)])[-1]
    return "上年预算执行数" if _EXECUTED.search(clause) else "上年预算"


def budget_functions(doc: Document, known: dict[str, str]) -> list[FunctionLine]:
    """The 功能分类 items the narrative lists (1.一般公共服务支出（类）商贸事务（款）行政运行（项）938.99万元,
    or under a heading （一）一般公共服务支出（类）: 1.政协事务（款）行政运行（项）5,223.22万元), their budget in
    ``amount`` (a budget's figures are budgets)."""
    whole = {"general_budget": Section("general_budget", "", 0, len(doc.lines))}
    items, kuan_names = item_rows(_with_classes(doc), whole, known)
    rows = []
    for row in items:
        if row.amount is None:  # the amount right after （项）, as budgets write it
            m = _ITEM_AMOUNT.search(normalise(row.text))
            if m:
                row = replace(row, amount=to_wanyuan(parse_number(m["num"]), m["unit"]))
        rows.append(row)
    return sorted(rows + derived_rows(rows, [], kuan_names, known), key=lambda r: (r.code or "~", len(r.code)))


def _with_classes(doc: Document) -> Document:
    """Items written under their 类's heading get the 类 written in front, as the other template has it."""
    lines, current = [], ""
    for line in doc.lines:
        heading = _CLASS_HEADING.match(line.text)
        if heading:
            current = line.raw[heading.start("name"):heading.end("name")].strip()
        elif current and ITEM_UNDER_CLASS.search(line.text) and not ITEM_LINE.search(line.text):
            body = line.raw[_NUMBERED.match(line.text).end() if _NUMBERED.match(line.text) else 0:]
            raw = f"{current}（类）{body}"
            line = Line(line.number, raw, normalise(raw), line.page, line.page_line)
        lines.append(line)
    return replace(doc, lines=tuple(lines))
