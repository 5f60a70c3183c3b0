"""The appendix tables (附表): within each table, across tables, and against the narrative.

Every cell is a two-decimal figure in its table's unit, so it stands for an interval of half a
unit in the last place (0.005 万元, or 0.005 元 in a table in 元); a sum is an error only when no
unrounded figures could make it true. A cell left blank in the template is zero; a table that
is not in the workbook is never taken for zero: the identities that need it are not checked.
Findings name every cell involved (``lines``: sheet!cell;…).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pandas as pd

from ..extract.appendix import KIND_TITLES, label_key
from ..extract.table_kinds import apart
from ..model.numbers import decimals, parse_cell, to_wanyuan
from .context import (
    Appendix,
    Context,
    Finding,
    at_line,
    finding,
    fmt,
    half_unit,
    interval_of,
    metric_label,
    rounding_said,
)
from .interval import HALF_CENT, Interval, total

SUBTOTALS = ("合计", "小计", "本年收入合计", "本年支出合计")
CODED = ("income", "expenditure", "fiscal_detail", "gb", "gb_detail", "gb_basic", "gb_project", "gov_fund",
         "state_capital_ie", "state_capital", "budget_income", "budget_expenditure", "budget_fiscal", "budget_gb",
         "budget_fiscal_basic", "budget_gb_basic", "budget_gov_fund", "budget_state_capital")


def interval(cell: dict) -> Interval:
    return Interval.stated(float(cell["value"]), 0.0 if cell.get("blank") else cell_half_unit(cell))


def cell_half_unit(cell: dict) -> float:
    """Half a unit of the last place a cell is written in, in 万元: two decimals (0.005 万元, or 0.005
    元 in a table in 元), or coarser where the table prints it so (22,118,861 in a table in 元: 0.5 元).
    A workbook's number is exact however it looks (its text is its float's own form)."""
    two = half_unit(cell.get("unit_in_source"))
    text = str(cell.get("text") or "").strip()
    value = parse_cell(text)
    if value is None or text == f"{value:.10g}" or decimals(text) >= 2:
        return two
    unit = cell.get("unit_in_source") if cell.get("unit_in_source") in ("元", "亿元") else "万元"  # a count as 万元
    return max(two, to_wanyuan(0.5 * 10 ** -decimals(text), unit))


def where(cell: dict) -> str:
    """A cell as a user finds it: 公开06表 一般公共预算财政拨款支出决算表 (sheet!E8)."""
    form = f"公开{cell['table']}表" if cell.get("table") else ""
    spot = f"{cell['sheet']}!{cell['cell']}" if cell.get("cell") else f"{cell['sheet']}，空白即为0"
    return f"{form}{cell.get('title', '')}（{spot}）"


def row_name(cell: dict) -> str:
    row = str(cell.get("row") or "")
    code = cell.get("code") if isinstance(cell.get("code"), str) else ""
    return f"{code} {row}".strip() if code and code not in row else row


def compare(rule: str, subject: str, whole: dict, parts: list[dict], what: str, sign: list[int] | None = None,
            severity: str = "error") -> Finding | None:
    """``whole`` = Σ sign·parts, within rounding; a finding naming every cell otherwise. A cell that
    is not there (None: a table, column or row not understood) leaves nothing to compare."""
    if whole is None or any(p is None for p in parts):
        return None
    if any(pd.isna(c["value"]) for c in (whole, *parts)):
        return None  # a value that could not be read (named by appendix.read) proves nothing either way
    sign = sign or [1] * len(parts)
    expected = total(interval(p) for p, s in zip(parts, sign) if s > 0)
    for p, s in zip(parts, sign):
        if s < 0:
            expected = expected - interval(p)
    stated = interval(whole)
    if stated.meets(expected):
        return _rounding(rule, subject, whole, parts, sign, what)
    say = _money((whole, *parts))
    message = (f"{where(whole)}“{row_name(whole)}”{whole['column']}为{say(whole['value'])}，"
               f"但{what}为{say(expected.mid)}，差{say(float(whole['value']) - expected.mid)}。")
    return finding(rule, subject, whole, float(whole["value"]), expected, message, severity, others=tuple(parts))


def _money(cells: tuple[dict, ...]):
    """How the amounts of these cells are written in a message: in 元 when every cell is a table's in 元
    (a difference of 1 元 is not 0.00万元), in 万元 otherwise."""
    if all(c.get("unit_in_source") == "元" for c in cells):
        return _yuan
    return lambda v: f"{fmt(float(v))}万元"


def _yuan(wan: float) -> str:
    """An amount in 万元 written in 元: whole 元 without cents (154,369,326元), else with them."""
    x = float(wan) * 10000
    whole = abs(x - round(x)) < 0.005
    return (f"{round(x) + 0:,}" if whole else f"{x:,.2f}") + "元"


def _rounding(rule: str, subject: str, whole: dict, parts: list[dict], sign: list[int], what: str) -> Finding | None:
    """Intervals that meet while the written figures differ by a unit in the last place or more
    (基本支出表 301 2,082.85 against its 款 adding to 2,082.86): rounding explains it, so it is no
    error, but it is said — a warning that names the cells, never silence."""
    written = sum(float(p["value"]) * s for p, s in zip(parts, sign))
    difference = float(whole["value"]) - written
    # one unit in the last place of the coarsest figure involved: 0.01 万元, or 0.01 元 (1 元 where a
    # table in 元 prints whole 元) when all are in 元
    unit = 2 * max(cell_half_unit(c) for c in (whole, *parts))
    if abs(difference) < unit - 1e-9:
        return None
    said = "0.01万元" if unit > 2 * HALF_CENT - 1e-9 else f"{unit * 10000:g}元"
    say = _money((whole, *parts))
    message = (f"{where(whole)}“{row_name(whole)}”{whole['column']}为{say(whole['value'])}，"
               f"{what}为{say(written)}，差{say(difference)}；" + rounding_said(said))
    return finding(rule, subject, whole, float(whole["value"]), written, message, "warning", others=tuple(parts))


# --- within a table -------------------------------------------------------------------------

def _maybe_continued(a, kind: str, f: Finding) -> Finding:
    """A sum over a table's rows when the page after it was read as no part of it: its rows may go on
    there, so a shortfall is a warning saying so, not an error."""
    beyond = a.tables[kind].get("beyond")
    if f.severity != "error" or not isinstance(beyond, str) or not beyond:
        return f
    return replace(f, severity="warning", message=f"{f.message}（{beyond}未能读作本表的续页，其中可能还有本表的行，故不作为错误）")


def _codes_repeat(cells: list[dict]) -> bool:
    """A 科目 code written on two rows of one column: the table lists several units' (or parts') rows."""
    seen = Counter((c["code"], c["column"]) for c in cells if isinstance(c.get("code"), str) and c["code"])
    return any(n > 1 for n in seen.values())


def rule_table_hierarchy(t: Context) -> Iterator[Finding]:
    """Every 合计/类/款 row = the rows below it, in every column."""
    a = t.appendix
    for kind in CODED:
        cells = a.cells.get(kind, [])
        if _codes_repeat(cells):  # 深圳's 支出总表 lists each unit's 科目 under its own name
            a.not_run("table.sum", KIND_TITLES.get(kind, kind), "科目编码在表中重复出现（分单位或分项列示），不按科目加总")
            continue
        coded = [c for c in a.rows(kind) if c.isdigit()]
        children = {code: [k for k in coded if k.startswith(code) and len(k) == len(code) + 2]
                    for code in coded if len(code) < 7}
        for column in a.columns(kind):
            for code, kids in children.items():
                if not kids:
                    continue
                whole = a.cell(kind, code, column)
                parts = [a.cell(kind, k, column) for k in kids]
                f = compare("table.sum", f"{kind}:{code}", whole, parts, f"其下{len(kids)}个科目合计")
                if f:
                    yield _maybe_continued(a, kind, f)
            top = [c for c in coded if len(c) == 3 and a.index.get((kind, c, column))]
            for total_row in {a.row_key(c) for c in cells if c["level"] == "合计" and c["column"] == column}:
                whole = a.cell(kind, total_row, column)
                if top:
                    f = compare("table.sum", f"{kind}:合计", whole, [a.cell(kind, c, column) for c in top],
                                "各类合计")
                    if f:
                        yield _maybe_continued(a, kind, f)


def rule_table_columns(t: Context) -> Iterator[Finding]:
    """In every row, a 合计/小计 column = the columns it totals (its siblings under one header)."""
    a = t.appendix
    for kind in a.tables:
        columns = a.columns(kind)
        if kind in ("summary", "fiscal_summary"):
            columns = [c for c in columns if c.startswith("支出")]
        for col in columns:
            parts = col.split("/")
            if label_key(parts[-1]) not in SUBTOTALS:
                continue
            siblings = [s for s in _siblings(columns, parts[:-1], col) if not any(w in s for w in apart(kind))]
            if not siblings:
                continue
            for row in a.rows(kind):
                whole = a.index.get((kind, row, col))
                members = [a.cell(kind, row, s) for s in siblings]
                if whole is None and all(m is None or m.get("blank") for m in members):
                    continue
                whole = whole or a.cell(kind, row, col)
                names = "、".join(s.split("/")[-2] if s.split("/")[-1] in SUBTOTALS else s.split("/")[-1]
                                 for s in siblings)
                f = compare("table.columns", f"{kind}:{row}", whole, members, f"{names}之和")
                if f:
                    yield f


def _siblings(columns: list[str], parent: list[str], itself: str) -> list[str]:
    """The columns a subtotal adds up: same parent; a group is taken by its own 小计/合计. Beside a
    column of 其中, nothing: whether the parts add up is not written (深圳's 其中：预留给中小企业 is a
    part of the 小计 named apart; 广州's 其中：基本支出 | 项目支出 add up to theirs)."""
    depth = len(parent)
    out = []
    for group in dict.fromkeys(c.split("/")[depth] for c in columns
                               if c != itself and c.split("/")[:depth] == parent and len(c.split("/")) > depth):
        if label_key(group).startswith("其中"):
            return []
        path = "/".join([*parent, group])
        sub = next((c for c in columns if c.startswith(path + "/") and label_key(c.split("/")[-1]) in SUBTOTALS
                    and len(c.split("/")) == depth + 2), None)
        # a group's own 小计 first: a PDF grid may also give the group's bare name to a stray column
        # between its parts (法院's “三公”经费 over 小计 | 因公出国 | …)
        if sub is not None:
            out.append(sub)
        elif path in columns:
            out.append(path)
        else:
            return []  # a group without its subtotal: what it adds up to is not written, so nothing to check
    return out


_FLOW_SIDES = {"收入": "本年收入合计", "支出": "本年支出合计"}


def rule_summary_tables(t: Context) -> Iterator[Finding]:
    """总表 (01, 04): 本年合计 = its lines; 总计 = 本年合计 + 结转结余 lines; 收入总计 = 支出总计."""
    a = t.appendix
    for kind in ("summary", "fiscal_summary"):
        if not a.has(kind):
            continue
        for side, flow in _FLOW_SIDES.items():
            for col in [c for c in a.columns(kind) if c.startswith(side)]:
                rows = sorted((c for c in a.cells[kind] if c["column"] == col), key=_row_number)
                labels = [label_key(c["row"]) for c in rows]
                if flow not in labels:
                    continue
                i = labels.index(flow)
                lines = [c for c in rows[:i] if _numbered(c["row"])]
                whole = rows[i]
                f = compare("table.summary", f"{kind}:{flow}", whole, lines, "各项合计")
                if f:
                    yield f
                if "总计" in labels:
                    j = labels.index("总计")
                    carry = [c for c in rows[i + 1:j] if re.search(r"结转|结余", c["row"])]
                    f = compare("table.summary", f"{kind}:总计", rows[j], [whole, *carry],
                                f"{flow}与结转结余各项之和")
                    if f:
                        yield f
        left = a.cell(kind, "总计", a.column(kind, "收入/金额"))
        right = a.cell(kind, "总计", a.column(kind, "支出/合计", "支出/金额"))
        if left and right and not (left.get("blank") and right.get("blank")):
            f = compare("table.summary", f"{kind}:总计", left, [right], "支出总计")
            if f:
                yield f


def _row_number(cell: dict) -> int:
    m = re.search(r"(\d+)$", cell.get("cell") or "")
    return int(m[1]) if m else 0


def _numbered(label: str) -> bool:
    return bool(re.match(r"^[一二三四五六七八九十]+、", str(label)))


def rule_fund_balance(t: Context) -> Iterator[Finding]:
    """Fund tables: 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余, in every row."""
    a = t.appendix
    for kind in ("gov_fund", "state_capital_ie"):
        opening, income = a.column(kind, "年初结转和结余"), a.column(kind, "本年收入")
        spent, closing = a.column(kind, "本年支出/小计", "本年支出/合计"), a.column(kind, "年末结转和结余")
        if None in (opening, income, spent, closing):
            continue
        for row in a.rows(kind):
            whole = a.cell(kind, row, closing)
            parts = [a.cell(kind, row, c) for c in (opening, income, spent)]
            f = compare("table.balance", f"{kind}:{row}", whole, parts, "年初结转和结余加本年收入减本年支出",
                        sign=[1, 1, -1])
            if f:
                yield f


# --- across tables --------------------------------------------------------------------------

def _pair(rule: str, subject: str, a: Appendix, left: tuple, right: list[tuple], what: str,
          sign: list[int] | None = None) -> Finding | None:
    """left = Σ right, each a (kind, row, column alternatives…) of a table that is there."""
    kinds = {left[0], *(r[0] for r in right)}
    if not all(a.has(k) for k in kinds):
        return None
    whole = a.cell(left[0], left[1], a.column(left[0], *left[2:]))
    parts = [a.cell(k, row, a.column(k, *cols)) for k, row, *cols in right]
    missing = [spec for spec, cell in zip([left, *right], [whole, *parts]) if cell is None]
    if missing:
        a.not_run(rule, what, "、".join(f"{KIND_TITLES.get(k, k)}的“{row or '数据行'}”" for k, row, *_ in missing))
        return None
    a.ran(rule)
    if whole.get("blank") and all(p.get("blank") for p in parts):
        return None
    return compare(rule, subject, whole, parts, what, sign)


def rule_cross_tables(t: Context) -> Iterator[Finding]:
    a = t.appendix
    checks = [
        (("summary", "本年收入合计", "收入/金额"), [("income", "合计", "本年收入合计")], "收入决算表的本年收入合计"),
        (("summary", "本年支出合计", "支出/金额"), [("expenditure", "合计", "本年支出合计")], "支出决算表的本年支出合计"),
        (("income", "合计", "财政拨款收入"), [("fiscal_summary", "本年收入合计", "收入/金额")],
         "财政拨款收入支出决算总表的本年收入合计"),
        (("fiscal_summary", "本年支出合计", "支出/一般公共预算财政拨款"), [("gb", "合计", "本年支出/小计", "本年支出/合计", "合计")],
         "一般公共预算财政拨款支出决算表的合计"),
        (("fiscal_summary", "本年支出合计", "支出/政府性基金预算财政拨款"), [("gov_fund", "合计", "本年支出/小计")],
         "政府性基金预算财政拨款收入支出决算表的本年支出"),
        (("fiscal_summary", "本年支出合计", "支出/国有资本经营预算财政拨款"),
         [("state_capital", "合计", "本年支出/合计", "本年支出/小计")], "国有资本经营预算财政拨款支出决算表的本年支出"),
        (("gb", "合计", "本年支出/基本支出", "基本支出"),
         [("gb_basic", "人员经费合计", "人员经费/决算数"), ("gb_basic", "公用经费合计", "公用经费/决算数")],
         "基本支出决算表的人员经费合计与公用经费合计之和"),
    ]
    for fund in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"):
        checks.append((("summary", fund + "收入", "收入/金额"), [("fiscal_summary", fund, "收入/金额")],
                       f"财政拨款收入支出决算总表的{fund}收入"))
    for left, right, what in checks:
        f = _pair("table.cross", left[0], a, left, right, what)
        if f:
            yield f
    yield from _by_row(a, ("summary", "支出/金额"), ("expenditure", "本年支出合计"), "类", "支出决算表同一类的本年支出合计")
    yield from _by_row(a, ("fiscal_summary", "支出/一般公共预算财政拨款"), ("gb", "本年支出/小计", "本年支出/合计", "合计"),
                       "类", "一般公共预算财政拨款支出决算表同一类的支出")
    yield from _by_row(a, ("gb", "本年支出/项目支出", "项目支出"), ("gb_project", "本年支出/合计", "合计"), None,
                       "项目支出决算表同一科目的合计")
    yield from _by_row(a, ("gb_detail", "合计"), ("gb", "本年支出/小计", "本年支出/合计", "合计"), None,
                       "一般公共预算财政拨款支出决算表同一科目的支出")
    yield from _fiscal_detail(a)
    yield from _detail_by_economic_class(a)
    yield from _three_public_vs_basic(a)


def _by_row(a: Appendix, left: tuple, right: tuple, level: str | None, what: str) -> Iterator[Finding]:
    """For every row of either table (by code; 总表 lines by their 类 code): left = right."""
    lk, rk = left[0], right[0]
    if not (a.has(lk) and a.has(rk)):
        return
    lcol, rcol = a.column(lk, *left[1:]), a.column(rk, *right[1:])
    if lcol is None or rcol is None:
        return
    lrows = _coded(a, lk, lcol, level)
    rrows = _coded(a, rk, rcol, level)
    for code in dict.fromkeys([*lrows, *rrows]):
        whole = lrows.get(code) or a.cell(lk, code, lcol)
        part = rrows.get(code) or a.cell(rk, code, rcol)
        f = compare("table.cross", f"{lk}:{code}", whole, [part], what)
        if f:
            yield f


def _coded(a: Appendix, kind: str, column: str, level: str | None) -> dict[str, dict]:
    out = {}
    for c in a.cells.get(kind, []):
        code = c.get("code") if isinstance(c.get("code"), str) else ""
        if c["column"] == column and code and (level is None or len(code) == 3):
            out[code] = c
        elif c["column"] == column and c["level"] == "合计" and level is None:
            out["合计"] = c
    return out


def _fiscal_detail(a: Appendix) -> Iterator[Finding]:
    """财政拨款支出决算明细表 (each row) = 一般公共预算 + 政府性基金 + 国有资本经营 (same code)."""
    if not all(a.has(k) for k in ("fiscal_detail", "gb_detail", "gov_fund", "state_capital")):
        return
    cols = {"fiscal_detail": a.column("fiscal_detail", "合计"), "gb_detail": a.column("gb_detail", "合计"),
            "gov_fund": a.column("gov_fund", "本年支出/小计"), "state_capital": a.column("state_capital", "本年支出/合计")}
    rows = {k: _coded(a, k, c, None) for k, c in cols.items() if c}
    for code in dict.fromkeys(x for r in rows.values() for x in r):
        whole = rows.get("fiscal_detail", {}).get(code) or a.cell("fiscal_detail", code, cols["fiscal_detail"])
        parts = [rows.get(k, {}).get(code) or a.cell(k, code, cols[k]) for k in ("gb_detail", "gov_fund", "state_capital")]
        f = compare("table.cross", f"fiscal_detail:{code}", whole, parts,
                    "一般公共预算、政府性基金、国有资本经营三张表同一科目支出之和")
        if f:
            yield f


_ECONOMIC = {"工资福利支出": "301", "商品和服务支出": "302", "对个人和家庭的补助": "303", "资本性支出": "310"}


def _detail_by_economic_class(a: Appendix) -> Iterator[Finding]:
    """一般公共预算支出明细表 合计 by economic class = 基本支出 (类 301…) + 项目支出 (same column)."""
    if not all(a.has(k) for k in ("gb_detail", "gb_basic", "gb_project")):
        return
    for name, code in _ECONOMIC.items():
        col = a.column("gb_detail", name)
        if col is None:
            continue
        whole = a.cell("gb_detail", "合计", col)
        basic = a.row_cell("gb_basic", code)
        project = a.cell("gb_project", "合计", a.column("gb_project", "本年支出/" + name, name))
        f = compare("table.cross", f"gb_detail:{code}", whole, [basic, project],
                    f"基本支出决算表{code}{name}与项目支出决算表{name}之和")
        if f:
            yield f


_THREE = (("30217", "决算数/公务接待费"), ("30231", "决算数/公务用车购置及运行费/公务用车运行费"),
          ("30212", "决算数/因公出国(境)费"), ("31013", "决算数/公务用车购置及运行费/公务用车购置费"))


def _three_public_vs_basic(a: Appendix) -> Iterator[Finding]:
    """基本支出表的 30217/30231/30212/31013 are 三公 spending: more than the 三公 table's 决算数 is
    an error; less leaves the rest to 项目支出, which no table details, so it is a warning."""
    if not (a.has("gb_basic") and a.has("three_public")):
        return
    for code, column in _THREE:
        basic = a.row_cell("gb_basic", code)
        three = a.cell("three_public", "", a.column("three_public", column))
        if three is None or basic is None or (basic.get("blank") and three.get("blank")):
            continue
        if pd.isna(basic["value"]) or pd.isna(three["value"]):
            continue
        b, s = interval(basic), interval(three)
        if b.meets(s):
            continue
        more = b.lo > s.hi
        name = column.split("/")[-1]
        message = (f"{where(basic)}的{code}为{fmt(basic['value'])}万元，"
                   f"{'超过' if more else '少于'}{where(three)}的{name}决算数{fmt(three['value'])}万元"
                   + ("。" if more else "；差额应为项目支出中的同类支出，请核对。"))
        yield finding("table.cross", f"gb_basic:{code}", basic, float(basic["value"]), s, message,
                      "error" if more else "warning", others=(three,))


# --- tables against the narrative -----------------------------------------------------------

# metric → (table kind, row, column alternatives…)
NARRATIVE_TIES = {
    "total": ("summary", "总计", "收入/金额"),
    "income": ("summary", "本年收入合计", "收入/金额"),
    "expenditure": ("summary", "本年支出合计", "支出/金额"),
    "carryover.opening": ("summary", "年初结转和结余", "收入/金额"),
    "carryover.closing": ("summary", "年末结转和结余", "支出/金额"),
    "income.general_budget": ("summary", "一般公共预算财政拨款收入", "收入/金额"),
    "income.gov_fund": ("summary", "政府性基金预算财政拨款收入", "收入/金额"),
    "income.state_capital": ("summary", "国有资本经营预算财政拨款收入", "收入/金额"),
    "income.higher_subsidy": ("summary", "上级补助收入", "收入/金额"),
    "income.business": ("summary", "事业收入", "收入/金额"),
    "income.operating": ("summary", "经营收入", "收入/金额"),
    "income.affiliated": ("summary", "附属单位上缴收入", "收入/金额"),
    "income.other": ("summary", "其他收入", "收入/金额"),
    "expenditure.basic": ("expenditure", "合计", "基本支出"),
    "expenditure.project": ("expenditure", "合计", "项目支出"),
    "expenditure.to_higher": ("expenditure", "合计", "上缴上级支出"),
    "expenditure.operating": ("expenditure", "合计", "经营支出"),
    "expenditure.affiliated_subsidy": ("expenditure", "合计", "对附属单位补助支出"),
    "fiscal_total": ("fiscal_summary", "总计", "收入/金额"),
    "general_budget": ("gb", "合计", "本年支出/小计", "本年支出/合计", "合计"),
    "general_budget.basic": ("gb", "合计", "本年支出/基本支出", "基本支出"),
    "general_budget.basic.personnel": ("gb_basic", "人员经费合计", "人员经费/决算数"),
    "general_budget.basic.public": ("gb_basic", "公用经费合计", "公用经费/决算数"),
    "gov_fund": ("fiscal_summary", "本年支出合计", "支出/政府性基金预算财政拨款"),
    "state_capital": ("fiscal_summary", "本年支出合计", "支出/国有资本经营预算财政拨款"),
    "three_public": ("three_public", "", "决算数/合计"),
    "three_public.overseas": ("three_public", "", "决算数/因公出国(境)费"),
    "three_public.vehicle": ("three_public", "", "决算数/公务用车购置及运行费/小计"),
    "three_public.vehicle.purchase": ("three_public", "", "决算数/公务用车购置及运行费/公务用车购置费"),
    "three_public.vehicle.operation": ("three_public", "", "决算数/公务用车购置及运行费/公务用车运行费"),
    "three_public.reception": ("three_public", "", "决算数/公务接待费"),
}


def rule_table_narrative(t: Context) -> Iterator[Finding]:
    """Every figure the narrative states that a table also holds: the same, within rounding."""
    a = t.appendix
    for metric, (kind, row, *cols) in NARRATIVE_TIES.items():
        stated = t.facts.first(metric)
        if stated is None or not a.has(kind):
            if stated is not None:
                _not_understood(a, kind, f"正文的{metric_label(metric)}")
            continue
        cell = a.cell(kind, row, a.column(kind, *cols))
        yield from _tie(t, metric, stated, kind, cell, f"“{row or '数据行'}”的{cols[0]}")
    general = a.column("gb", "本年支出/小计", "本年支出/合计", "合计")
    if any(r["origin"] == "stated" for r in t["functions"]):
        _not_understood(a, "gb", "正文的功能分类各项")
    if a.has("gb") and general:
        for r in t["functions"]:
            if r["origin"] != "stated" or r["level"] not in ("类", "项") or r["amount"] is None or r["amount"] != r["amount"]:
                continue
            stated = {**r, "value": r["amount"]}
            yield from _against(t, stated, a.cell("gb", str(r["code"]), general), f"{r['name_in_source']}（{r['code']}）",
                                str(r["code"]))
    cost, public = t.facts.first("operating_cost"), a.cell("gb_basic", "公用经费合计", a.column("gb_basic", "公用经费/决算数"))
    if cost is not None and public is not None and Interval.stated(float(cost["value"])).lo > interval(public).hi:
        yield finding("table.narrative", "operating_cost", cost, float(cost["value"]), float(public["value"]),
                      f"正文{at_line(cost)}的机关运行经费{fmt(cost['value'])}万元超过了{where(public)}的公用经费合计"
                      f"{fmt(public['value'])}万元。", others=(public,))


def _not_understood(a, kind: str, what: str) -> None:
    """A table there but not understood (blank, or its columns unknown): what needed it is a check not
    run, said so — never compared with the blanks as zeros."""
    if kind in a.unreadable:
        title = a.unreadable[kind]["title"] or KIND_TITLES.get(kind, kind)
        why = "表中没有任何数字，未能读取" if a.unreadable[kind]["status"] == "empty" else "表的数据列未能识别"
        a.not_run("table.narrative", f"{what}与{title}", f"{title}（{a.unreadable[kind]['sheet']}）{why}")


def _tie(t: Context, metric: str, stated: dict, kind: str, cell: dict | None, sought: str) -> Iterator[Finding]:
    """A narrative figure against its table's cell; a cell not found is a check not run, with why."""
    title = KIND_TITLES.get(kind, kind)
    if cell is None:
        t.appendix.not_run("table.narrative", f"正文的{metric_label(metric)}与{title}", f"{title}中未找到{sought}")
        return
    t.appendix.ran("table.narrative")
    yield from _against(t, stated, cell, metric_label(metric), metric)


def _against(t: Context, stated: dict, cell: dict | None, label: str, subject: str) -> Iterator[Finding]:
    if cell is None:
        return
    # the narrative's figure at the precision it is written in (17,192万元 is 17,191.5–17,192.5)
    said = interval_of({"measure": "amount", "unit_in_source": "万元", **stated})  # a 功能分类 line: in 万元
    if pd.isna(cell["value"]) or said.meets(interval(cell)):
        return
    zero = " 正文称无此项支出，表中却有金额。" if float(stated["value"]) == 0 else ""
    message = (f"正文{at_line(stated)}的{label}为{fmt(stated['value'])}万元，而{where(cell)}为"
               f"{fmt(cell['value'])}万元。{zero}").rstrip()
    if abs(float(stated["value"]) - float(cell["value"])) < said.hi - said.lo - 1e-9:
        # less than a unit of its last place apart (87.70 for the table's 87.708): cut off, not rounded —
        # said, not an error against the department
        yield finding("table.narrative", subject, stated, float(stated["value"]), float(cell["value"]),
                      message + "差额不足正文所写末位的一个单位，疑为舍去尾数而非四舍五入，不作为错误，请核对。",
                      "warning", others=(cell,))
        return
    yield finding("table.narrative", subject, stated, float(stated["value"]), float(cell["value"]), message,
                  others=(cell,))


# --- a budget's narrative against its tables -------------------------------------------------

_TOTAL_ROWS = ("合计", "总计", "收入合计", "收入总计", "支出合计", "支出总计", "本年收入合计", "本年支出合计")
# metric → alternatives of (table kind, rows, columns): the first table the budget has decides
BUDGET_TIES: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    "income": (("budget_income", ("收入总计", "收入合计", "合计"), ("合计", "金额", "收入预算/合计")),
               ("budget_summary", ("收入合计", "收入总计", "本年收入合计"), ("收入/金额", "收入/预算数"))),
    "expenditure": (("budget_expenditure", _TOTAL_ROWS + ("",), ("合计", "支出预算/合计")),
                    ("budget_summary", ("支出合计", "支出总计", "本年支出合计"), ("支出/支出用途/金额", "支出/金额"))),
    "expenditure.basic": (("budget_expenditure", _TOTAL_ROWS + ("",), ("基本支出",)),),
    "expenditure.project": (("budget_expenditure", _TOTAL_ROWS + ("",), ("项目支出",)),),
    "expenditure.reserve": (("budget_expenditure", _TOTAL_ROWS + ("",), ("单位预留机动经费",)),),
    "general_budget": (("budget_gb", _TOTAL_ROWS, ("合计", "金额")),),
    "general_budget.basic": (("budget_gb_basic", _TOTAL_ROWS, ("合计", "金额")),),
    "general_budget.basic.personnel": (("budget_gb_basic", _TOTAL_ROWS, ("人员经费",)),),
    "general_budget.basic.public": (("budget_gb_basic", _TOTAL_ROWS, ("公用经费",)),),
    "fiscal_expenditure": (("budget_fiscal", _TOTAL_ROWS, ("合计", "金额")),),
    "three_public": (("budget_three_public", ("",), ('"三公"经费/合计', '"三公"经费/小计', "合计")),),
    "three_public.overseas": (("budget_three_public", ("",), ("因公出国(境)费",)),),
    "three_public.vehicle": (("budget_three_public", ("",), ("公务用车购置及运行维护费/小计", "公务用车购置及运行费/小计")),),
    "three_public.vehicle.purchase": (("budget_three_public", ("",), ("公务用车购置费", "购置费")),),
    "three_public.vehicle.operation": (("budget_three_public", ("",), ("公务用车运行维护费", "运行费")),),
    "three_public.reception": (("budget_three_public", ("",), ("公务接待费",)),),
    "meeting_fee": (("budget_three_public", ("",), ("会议费",)),),
    "training_fee": (("budget_three_public", ("",), ("培训费",)),),
    "operating_cost": (("budget_operating", _TOTAL_ROWS, ("机关运行经费支出", "合计", "金额")),
                       ("budget_three_public", ("",), ("机关运行经费预算数", "机关运行经费"))),
    "procurement": (("budget_procurement", _TOTAL_ROWS + ("",), ("总计", "合计")),),
}


def _budget_cell(a: Appendix, kind: str, rows: tuple[str, ...], columns: tuple[str, ...]) -> dict | None:
    """The cell of the first row and column the table has (blank in a listed row is zero)."""
    column = a.column(kind, *columns)
    if "" in rows and len({(c["sheet"], c["cell"].split("行")[0]) for c in a.cells.get(kind, []) if a.row_key(c) == ""}) > 1:
        return None  # rows told apart by no label of theirs (深圳's 三公 table: 2025年, 2026年 in a 年度 column)
    for row in rows:
        cell = a.index.get((kind, label_key(row), column)) if column else None
        if cell is not None:
            return cell
    written = a.tables[kind].get("rows")
    listed = str(written).split(";") if isinstance(written, str) and written else []
    unlabelled = any(a.row_key(c) == "" for c in a.cells.get(kind, []))  # a table of one data row (三公)
    for row in rows:
        if column and (label_key(row) in listed or (row == "" and unlabelled)):  # a blank cell of a listed row: zero
            cell = a.cell(kind, row, column)
            return None if cell is None else {**cell, "blank": True}
    return None


def rule_budget_narrative(t: Context) -> Iterator[Finding]:
    """A budget's narrative figures against its tables, and its 功能分类 items against the 一般公共预算 table."""
    a = t.appendix
    if not any(k.startswith("budget_") for k in (*a.tables, *a.unreadable)):
        return
    for metric, places in BUDGET_TIES.items():
        stated = t.facts.first(metric)
        there = [p for p in places if a.has(p[0])]
        if stated is not None and not there:
            for p in places:
                _not_understood(a, p[0], f"正文的{metric_label(metric)}")
        if stated is None or not there:
            continue
        kind, rows, columns = there[0]
        yield from _tie(t, metric, stated, kind, _budget_cell(a, kind, rows, columns), "对应的合计")
    kind = next((k for k in ("budget_gb", "budget_fiscal") if a.has(k)), None)
    if kind is None and any(r["origin"] == "stated" for r in t["functions"]):
        _not_understood(a, "budget_gb", "正文的功能分类各项")
    column = a.column(kind, "合计", "金额") if kind else None
    for r in t["functions"]:
        if kind is None or column is None or r["origin"] != "stated" or not r["code"] or pd.isna(r["amount"]):
            continue
        cell = a.index.get((kind, str(r["code"]), column))
        if cell is None:
            continue
        a.ran("table.narrative")
        yield from _against(t, {**r, "value": r["amount"]}, cell, f"{r['name_in_source']}（{r['code']}）", str(r["code"]))


def rule_budget_bases(t: Context) -> Iterator[Finding]:
    """Income and spending of one budget, equal this year, changed by different amounts because the
    text measures one against last year's 预算执行数 and the other against last year's 预算: the two
    changes are not comparable, and the reader is not told — a warning naming both."""
    pairs = (("income.fiscal", "fiscal_expenditure"), ("income", "expenditure"))
    for income, spending in pairs:
        a, b = t.facts.first(income), t.facts.first(spending)
        ca, cb = t.facts.first(income, "change"), t.facts.first(spending, "change")
        if None in (a, b, ca, cb) or ca.get("base") == cb.get("base"):
            continue
        if abs(float(a["value"]) - float(b["value"])) < 0.005 and abs(float(ca["value"]) - float(cb["value"])) >= 0.01:
            yield finding("budget.base", income, ca, float(ca["value"]), float(cb["value"]),
                          f"{metric_label(income)}与{metric_label(spending)}本年同为{fmt(a['value'])}万元，但增减额分别按"
                          f"“{ca['base']}”（{fmt(ca['value'])}万元）与“{cb['base']}”（{fmt(cb['value'])}万元）计算，"
                          f"相差{fmt(abs(float(ca['value']) - float(cb['value'])))}万元：两种口径混用，增减不可比。", "warning",
                          others=(cb,))
            return
