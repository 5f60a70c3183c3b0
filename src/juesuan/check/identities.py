"""The template's identities: 收支总计, 财政拨款收支总计, the budget's balance, and figures bounded
by others."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, finding, fmt, interval_of, metric_label
from .interval import Interval, total
from .statements import same_at_precision

# the two ends of a 收支总表, equal by its making (its 支出总计 holds what is carried into next year)
BALANCED = (("total.income", "total.expenditure"), ("fiscal_total.income", "fiscal_total.expenditure"))


def rule_identities(t: Context) -> Iterator[Finding]:
    facts = t.facts
    tot, income, expenditure = facts.first("total"), facts.first("income"), facts.first("expenditure")
    opening, closing = facts.first("carryover.opening"), facts.first("carryover.closing")
    for side, flow, carry, word in ((income, "income", opening, "年初"), (expenditure, "expenditure", closing, "年末")):
        if tot is None or side is None:
            continue
        expected = interval_of(side) + (interval_of(carry) if carry else Interval.exact(0.0))
        if interval_of(tot).meets(expected):
            continue
        if carry is None:
            yield finding("identity.total", "total", tot, float(tot["value"]), expected,
                         f"收、支总计{fmt(tot['value'])}万元与{metric_label(flow)}{fmt(side['value'])}万元相差"
                         f"{fmt(float(tot['value']) - expected.mid)}万元，报告未说明{word}结转和结余。", "info")
        else:
            yield finding("identity.total", "total", tot, float(tot["value"]), expected,
                         f"收、支总计{fmt(tot['value'])}万元应等于{metric_label(flow)}{fmt(side['value'])}万元加"
                         f"{word}结转和结余{fmt(carry['value'])}万元（{fmt(expected.mid)}万元）。")
    # no carry-over into the year: stated as 0, or implied by 收支总计 = 本年收入合计
    no_opening = (opening is not None and abs(float(opening["value"])) < 1e-9) or (
        opening is None and tot is not None and income is not None and interval_of(tot).meets(interval_of(income)))
    fiscal = facts.first("fiscal_total")
    fund_income = [facts.first(m) for m in ("income.general_budget", "income.gov_fund", "income.state_capital")]
    if fiscal is not None and no_opening and any(fund_income):
        # without carry-over, 财政拨款收支总计 is exactly this year's fiscal income (a fund the report
        # does not state is taken as none: it states every fund it has)
        stated = [r for r in fund_income if r is not None]
        exact = total(interval_of(r) for r in stated)
        if not interval_of(fiscal).meets(exact):
            names = "、".join(metric_label(r["metric"]) for r in stated)
            yield finding("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), exact,
                          f"财政拨款收、支总计{fmt(fiscal['value'])}万元应等于本年财政拨款收入（{names}）合计"
                          f"{fmt(exact.mid)}万元：报告没有年初结转和结余。", others=tuple(stated))
    elif fiscal is not None and all(fund_income):
        low = total(interval_of(r) for r in fund_income)
        if interval_of(fiscal).hi + 1e-9 < low.lo:
            yield finding("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), low,
                         f"财政拨款收、支总计{fmt(fiscal['value'])}万元小于本年三项财政拨款收入合计"
                         f"{fmt(low.mid)}万元。")
        if opening is not None and interval_of(fiscal).lo - 1e-9 > (low + interval_of(opening)).hi:
            high = low + interval_of(opening)
            yield finding("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), high,
                         f"财政拨款收、支总计{fmt(fiscal['value'])}万元大于财政拨款收入与全部年初结转和结余之和"
                         f"{fmt(high.mid)}万元。")
    budget_in, budget_out = facts.first("budget.income"), facts.first("budget.expenditure")
    if budget_in is not None and budget_out is not None and not same_at_precision(budget_in, budget_out):
        # a department's budget is drawn up balanced; with carry-overs the wording may count them apart
        yield finding("identity.budget", "budget.income", budget_out, float(budget_out["value"]),
                      float(budget_in["value"]),
                      f"年初预算支出{fmt(budget_out['value'])}万元与年初预算收入{fmt(budget_in['value'])}万元不等，"
                      "部门预算应收支平衡。", "error" if no_opening else "warning", others=(budget_in,))
    # a text that states no carry-over at all may write its 总计 as the year's own (收入总计 = 本年收入, 支出总计 =
    # 本年支出: a 重庆 school's 2020 说明): the two ends then differ by what it carries into next year
    carried = opening is not None or closing is not None
    for sides in BALANCED:
        got_in, got_out = (facts.first(m) for m in sides)
        if got_in is not None and got_out is not None and not same_at_precision(got_in, got_out):
            yield finding("identity.total", sides[1], got_out, float(got_out["value"]), float(got_in["value"]),
                          f"{metric_label(sides[0])}{fmt(got_in['value'])}万元与{metric_label(sides[1])}"
                          f"{fmt(got_out['value'])}万元不等：收支总表两端应相等（支出总计含年末结转和结余），"
                          "无法判断哪一处有误。" + ("" if carried else "（报告未说明结转和结余，其“总计”可能不含年末结转"
                                                   "和结余，故不作为错误，请核对）"),
                          "error" if carried else "warning", others=(got_in,))
    fund_spending = [facts.first(m) for m in ("general_budget", "gov_fund", "state_capital")]
    if fiscal is not None and all(fund_spending):
        low = total(interval_of(r) for r in fund_spending)
        if interval_of(fiscal).hi + 1e-9 < low.lo:
            yield finding("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), low,
                         f"财政拨款收、支总计{fmt(fiscal['value'])}万元小于三项财政拨款支出合计{fmt(low.mid)}万元。")
    for small, big, message in (
        ("operating_cost", "general_budget.basic.public", "机关运行经费{a}万元超过了公用经费{b}万元，机关运行经费应包含在公用经费之内。"),
        ("general_budget.basic", "expenditure.basic", "一般公共预算财政拨款基本支出{a}万元超过了全部基本支出{b}万元。"),
        ("general_budget", "expenditure", "一般公共预算财政拨款支出{a}万元超过了本年支出合计{b}万元。"),
        ("procurement.sme", "procurement", "授予中小企业合同金额{a}万元超过了政府采购支出总额{b}万元。"),
        ("procurement.sme.small_micro", "procurement.sme", "授予小微企业合同金额{a}万元超过了授予中小企业合同金额{b}万元。"),
    ):
        a, b = facts.first(small), facts.first(big)
        if a is not None and b is not None and interval_of(a).lo > interval_of(b).hi + 1e-9:
            yield finding("identity.bound", small, a, float(a["value"]), float(b["value"]),
                         message.format(a=fmt(a["value"]), b=fmt(b["value"])))
    # 中小企业 awards in the reserved projects and in the other projects are two parts of one purchasing:
    # together no more than it (社工部 2024: 21.07 in each, of a 政府采购 of 21.07)
    reserved, other = facts.first("procurement.reserved.sme.awarded"), facts.first("procurement.other.sme.awarded")
    whole = facts.first("procurement")
    if reserved is not None and other is not None and whole is not None:
        both = interval_of(reserved) + interval_of(other)
        if both.lo > interval_of(whole).hi + 1e-9:
            yield finding("identity.bound", "procurement.other.sme.awarded", other, float(other["value"]),
                          float(whole["value"]) - float(reserved["value"]),
                          f"预留项目中由中小企业中标或成交的{fmt(reserved['value'])}万元与其他项目中由中小企业中标或成交的"
                          f"{fmt(other['value'])}万元合计{fmt(both.mid)}万元，超过了政府采购金额{fmt(whole['value'])}万元"
                          f"（两者是同一采购的两部分）。", others=(reserved, whole))
