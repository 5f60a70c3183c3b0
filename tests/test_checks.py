"""Each rule finds exactly the error planted into a copy of each report, and nothing on a
consistent report."""

import pytest
from helpers import EDUCATION, SHIPPED, findings_of, read, replace_once, scale_amounts

from juesuan.check import Context, rule_identities
from juesuan.check.interval import Interval

EDU, SHIP = read(EDUCATION), read(SHIPPED)


def _keys(findings, severity=("error",)):
    f = findings[findings["severity"].isin(severity)]
    return {(r.rule, str(r.subject), None if r.line is None or str(r.line) == "<NA>" else int(r.line))
            for r in f.itertuples()}


def test_consistent_report_has_no_error():
    f = findings_of(EDU)
    assert f[f["severity"] == "error"].empty, f.to_string()


@pytest.mark.parametrize("factor", [2, 3, 7])
def test_scaled_consistent_report_has_no_error(factor):
    f = findings_of(scale_amounts(EDU, factor))
    assert f[f["severity"] == "error"].empty, f.to_string()


def test_shipped_report_findings_are_the_reviewed_ones():
    """The five errors reviewed by hand (see docs/CHECKS.md, 'What the checks found in 2023')."""
    got = {(r, s) for r, s, _line in _keys(findings_of(SHIP))}
    assert got == {("sum.functions", "general_budget"), ("growth", "general_budget"), ("sum.functions", "208"),
                   ("performance.text_vs_table", "督导调研工作经费"), ("performance.total", "督导调研工作经费")}


# (report text, old, new, occurrence, the rules the planted error must raise — and nothing else)
PLANTS = {
    "sum.parts": [
        (EDU, "人员经费2,900.00万元", "人员经费2,800.00万元", 1, {"sum.parts"}),
        (SHIP, "人员经费625.56万元", "人员经费615.56万元", 1, {"sum.parts"}),
    ],
    "sum.functions": [
        (EDU, "年初预算为1,800.00万元，支出决算为1,800.00万元", "年初预算为1,810.00万元，支出决算为1,810.00万元", 1,
         {"sum.functions"}),
        (SHIP, "支出决算为60.5万元", "支出决算为61.5万元", 1, {"sum.functions"}),
    ],
    "share": [
        (EDU, "占本年支出合计的93.98%", "占本年支出合计的92.98%", 1, {"share"}),
        (SHIP, "占本年支出合计的100%", "占本年支出合计的99%", 1, {"share"}),
    ],
    "growth": [
        (EDU, "增长4.93%", "增长5.93%", 1, {"growth"}),
        (SHIP, "增长3.98%", "增长4.98%", 1, {"growth"}),
    ],
    "change": [
        (EDU, "一般公共预算财政拨款支出（万元）\t4500", "一般公共预算财政拨款支出（万元）\t4510", 1, {"change"}),
        (SHIP, "1010.1\t1010.1", "1020.1\t1020.1", 2, {"change"}),
    ],
    "completion": [
        (EDU, "完成预算103.33%", "完成预算105.33%", 1, {"completion"}),
        (SHIP, "支出决算为527.87万元", "年初预算为500.00万元，支出决算为527.87万元", 1, {"completion"}),
        # a rate beside its own outturn and budget, of a subject that is no 项 (the 三公 as a whole)
        (EDU, "“三公”经费财政拨款支出决算为25.30万元，完成预算84.33%",
         "“三公”经费财政拨款支出年初预算为30.00万元，支出决算为25.30万元，完成预算85.33%", 1, {"completion"}),
    ],
    "same_figure": [
        (EDU, "2022年一般公共预算财政拨款支出4,680.60万元，主要用于", "2022年一般公共预算财政拨款支出4,690.60万元，主要用于", 1,
         {"same_figure"}),
        (SHIP, "2023年一般公共预算财政拨款支出1050.28万元，主要用于", "2023年一般公共预算财政拨款支出1051.28万元，主要用于", 1,
         {"same_figure"}),
    ],
    "chart.narrative": [
        (EDU, "0.6426\t0.3574", "0.6326\t0.3674", 1, {"chart.narrative"}),
        (SHIP, "0.6768\t0.3232", "0.6668\t0.3332", 1, {"chart.narrative"}),
    ],
    "identity.total": [
        (EDU, "年初结转和结余120.00万元", "年初结转和结余130.00万元", 1, {"identity.total"}),
        (SHIP, "主要变动原因是项目支出增加。\n", "主要变动原因是项目支出增加。年初结转和结余10万元。\n", 1, {"identity.total"}),
    ],
    "identity.fiscal": [
        # 财政拨款收支总计 below the 财政拨款 income it must hold; its change, growth and chart then disagree too.
        (EDU, "财政拨款收、支总计4,820.60万元", "财政拨款收、支总计4,620.60万元", 1,
         {"identity.fiscal", "change", "growth", "chart.narrative"}),
        (SHIP, "2023年财政拨款收、支总计1050.28万元", "2023年财政拨款收、支总计1040.28万元", 1,
         {"identity.fiscal", "change", "growth", "chart.narrative"}),
    ],
    "identity.bound": [
        (EDU, "机关运行经费支出200.40万元，比2021年减少9.60万元，下降4.57%",
         "机关运行经费支出210.40万元，比2021年减少9.60万元，下降4.36%", 1, {"identity.bound"}),
        (SHIP, "机关运行经费支出85.22万元，比2022年减少9.8万元，下降10.31%",
         "机关运行经费支出95.22万元，比2022年减少9.8万元，下降9.33%", 1, {"identity.bound"}),
    ],
    "identity.bound (procurement)": [
        # 小微 > 中小企业 (its share of the total rewritten to stay consistent)
        (EDU, "授予小微企业合同金额2,000,000.00元，占政府采购支出总额的62.40%",
         "授予小微企业合同金额3,100,000.00元，占政府采购支出总额的96.72%", 1, {"identity.bound"}),
    ],
    "range": [
        (EDU, "事业收入300.00万元，占6.00%", "事业收入300.00万元，占106.00%", 1, {"range", "share", "chart.narrative"}),
        (SHIP, "项目支出339.5万元，占32.32%", "项目支出339.5万元，占132.32%", 1, {"range", "share", "chart.narrative"}),
    ],
    "performance.total": [
        (SHIP, "\t数量指标\n\t全年开展督导调研8000余次\n\t＝\n\t8000\n\t次\n\t\n\t10",
         "\t数量指标\n\t全年开展督导调研8000余次\n\t＝\n\t8000\n\t次\n\t\n\t12", 1, {"performance.total"}),
    ],
    "performance.score": [
        (SHIP, "\t20\n\t10\n", "\t20\n\t21\n", 1, {"performance.score"}),
    ],
    "performance.execution_rate": [
        (SHIP, "\t总额\n\t80.00\n\t104.45\n\t104.45\n\t100.00%", "\t总额\n\t80.00\n\t104.45\n\t104.45\n\t90.00%", 1,
         {"performance.execution_rate"}),
    ],
    "performance.text_vs_table": [
        (SHIP, "评价总分为97分", "评价总分为96分", 1, {"performance.text_vs_table"}),
    ],
}
CASES = [pytest.param(text, old, new, n, rules, id=f"{rule}-{'edu' if text is EDU else 'shipped'}")
         for rule, cases in PLANTS.items() for text, old, new, n, rules in cases]


@pytest.mark.parametrize("text,old,new,occurrence,rules", CASES)
def test_planted_error_is_found_exactly(text, old, new, occurrence, rules):
    before = _keys(findings_of(text))
    after = _keys(findings_of(replace_once(text, old, new, occurrence)))
    new_rules = {rule for rule, _subject, _line in after - before}
    assert new_rules == rules


WARNING_PLANTS = [
    pytest.param(EDU, "行政运行01（项）", "行政运转01（项）", "function.name", id="function.name-edu"),
    pytest.param(SHIP, "公务员医疗补助03（项）", "公务员医疗补贴03（项）", "function.name", id="function.name-shipped"),
    pytest.param(EDU, "卫生健康\t住房保障", "医疗卫生\t住房保障", "label.chart", id="label.chart-edu"),
    pytest.param(SHIP, "医疗卫生\t住房保障", "医疗卫生\t住房改革", "label.chart", id="label.chart-shipped"),
]


@pytest.mark.parametrize("text,old,new,rule", WARNING_PLANTS)
def test_planted_name_drift_is_a_warning_not_an_error(text, old, new, rule):
    before, after = findings_of(text), findings_of(replace_once(text, old, new))
    assert _keys(after) == _keys(before)  # no new error
    added = _keys(after, ("warning",)) - _keys(before, ("warning",))
    assert added and {r for r, _s, _l in added} == {rule}


@pytest.mark.parametrize("budget", ["年初预算为30.00万元", "年初预算为30万元", "调整后预算为31.00万元，年初预算为29.00万元"])
def test_a_rate_that_is_its_outturn_over_its_budget_is_no_error(budget):
    """25.30 ÷ 30.00 is 84.33 %; a sentence with an adjusted budget beside the initial one is not held to
    either (the rate may be of the other)."""
    text = replace_once(EDU, "“三公”经费财政拨款支出决算为25.30万元，完成预算84.33%",
                        f"“三公”经费财政拨款支出{budget}，支出决算为25.30万元，完成预算84.33%")
    assert _keys(findings_of(text)) == _keys(findings_of(EDU))


def test_rounding_is_not_an_error():
    # 2 parts rounded to 2 decimals may differ from the rounded whole by up to 0.015
    assert Interval.stated(10.01).meets(Interval.stated(3.33) + Interval.stated(6.67))
    assert not Interval.stated(10.03).meets(Interval.stated(3.33) + Interval.stated(6.67))
    share = Interval.stated(100.0).ratio(Interval.stated(300.0))
    assert Interval.stated(33.33).meets(share) and not Interval.stated(33.5).meets(share)


@pytest.mark.parametrize("stated, fine", [("-33.1", True), ("-33.0", True), ("-33.2", False), ("-33.16", False)])
def test_a_rate_rounded_twice_is_no_error_and_one_further_off_is(stated, fine):
    """6,315.69 after a fall of 3,117.38 is −33.048 %: written −33.1 % (via −33.05) or −33.0 % it is right;
    −33.2 %, or −33.16 % (two decimals: rounded once), is not."""
    from juesuan.check.context import interval_of

    expected = Interval.stated(-3117.38).ratio(Interval.stated(6315.69) - Interval.stated(-3117.38))
    row = {"measure": "growth", "value": float(stated), "unit_in_source": "%", "text": f"下降{stated[1:]}%"}
    assert interval_of(row).meets(expected) is fine


def test_missing_carryover_is_only_info():
    import pandas as pd

    facts = pd.DataFrame([
        {"metric": "total", "period": "current", "measure": "amount", "value": 110.0, "base": "", "line": 1, "text": ""},
        {"metric": "income", "period": "current", "measure": "amount", "value": 100.0, "base": "", "line": 2, "text": ""},
    ])
    (finding,) = list(rule_identities(Context({"facts": facts})))
    assert finding.severity == "info" and finding.difference == pytest.approx(10.0)
    assert Context({"facts": facts}).facts.first("income")["line"] == 2


def test_bars_without_year_series_are_not_compared():
    """A chart whose series are not years says nothing about which bar is the prior year."""
    text = EDU.replace("2021年\t\n收入（万元）", "列1\t\n收入（万元）", 1).replace("2022年\t\n收入（万元）", "列2\t\n收入（万元）", 1)
    assert text != EDU
    f = findings_of(text)
    assert f[f["severity"] == "error"].empty, f.to_string()


@pytest.mark.parametrize("empty,change,said", [
    ({"gov_fund", "state_capital_ie"}, -63.14, True),
    ({"gov_fund", "state_capital_ie"}, 0.0, False),  # both flat: nothing to say
    ({"gov_fund"}, -63.14, False),  # 国有资本经营 funds may have moved the other way
])
def test_a_flat_fiscal_total_beside_a_changed_general_budget_is_said(empty, change, said):
    import pandas as pd

    from juesuan.check.ratios import rule_flat_fiscal_total

    row = {"period": "current", "base": "", "text": "", "unit_in_source": "万元"}
    facts = pd.DataFrame([
        {**row, "metric": "fiscal_total", "measure": "change", "value": 0.0, "unit_in_source": "持平", "line": 5},
        {**row, "metric": "general_budget", "measure": "change", "value": change, "line": 9},
    ])
    tables = pd.DataFrame([{"kind": k, "status": "empty_stated" if k in empty else "data"}
                           for k in ("gb", "gov_fund", "state_capital_ie")])
    found = list(rule_flat_fiscal_total(Context({"facts": facts, "appendix_tables": tables})))
    assert [(f.rule, f.severity, f.line) for f in found] == ([("change.flat_total", "warning", 5)] if said else [])


def test_a_项_line_not_read_makes_the_item_sums_uncertain(tmp_path):
    """A 具体情况 line that lists an item (numbered, with an amount) in words juesuan cannot place: the
    items read may not be all of them, so their sum against the whole is said, not an error."""
    from helpers import SHIPPED, read, replace_once

    import juesuan

    def findings_of(text):
        path = tmp_path / "report.txt"
        path.write_text(text, encoding="utf-8")
        return juesuan.process(path).tables["findings"]

    text = read(SHIPPED)
    before = findings_of(text)
    assert "error" in set(before[before["rule"] == "sum.functions"]["severity"])  # 1049.58 against 1050.28
    changed = replace_once(text, "4.一般公共服务201（类）档案事务26（款）其他档案事务支出99（项）： 支出决算为10万元",
                           "4.档案专项工作经费： 支出决算为10万元")
    after = findings_of(changed)
    sums = after[after["rule"] == "sum.functions"]
    assert not sums.empty and set(sums["severity"]) == {"warning"}
    assert all("未能读取" in m for m in sums["message"])


@pytest.mark.parametrize("amount,prior,change,growth,rules", [
    (91.97, 77.99, None, 17.93, []),
    (91.97, 77.99, None, 17.66, ["function.growth"]),  # 司法局: the line's own figures disagree
    (9370.12, None, 1297.83, 16.08, []),
    (3894.09, None, 878.93, 30.0, ["function.growth"]),  # written 30%: 29.5–30.5 against 29.15
    (3894.09, None, 878.93, 29.0, []),  # 29%: 28.5–29.5 holds 29.15
    (100.0, 80.0, 25.0, None, ["function.change"]),
])
def test_a_function_line_s_own_comparison_with_last_year(amount, prior, change, growth, rules):
    import pandas as pd

    from juesuan.check.ratios import rule_function_growth

    text = f"行政运行（项）{amount}万元，与上年相比增加{change}万元，增长{growth:g}%。" if growth is not None else ""
    row = {"code": "2010301", "level": "项", "name": "行政运行", "name_in_source": "行政运行", "amount": amount,
           "prior": prior, "change": change, "growth": growth, "line": 3, "text": text}
    found = list(rule_function_growth(Context({"functions": pd.DataFrame([row])})))
    assert [f.rule for f in found] == rules


@pytest.mark.parametrize("budget_tables,again,said", [(True, "201.50", True), (True, "208.80", False), (False, "201.50", False)])
def test_a_budget_item_stating_its_amount_twice(budget_tables, again, said):
    """住房公积金（01项）208.8万元。…2026年预算安排201.50万元: only in a budget (in final accounts 预算安排 is the plan)."""
    import pandas as pd

    from juesuan.check.ratios import rule_function_restated

    row = {"code": "2210201", "level": "项", "name": "住房公积金", "name_in_source": "住房公积金", "amount": 208.8,
           "line": 9, "text": f"12、住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。2026年预算安排{again}万元。"}
    kind = "budget_summary" if budget_tables else "summary"
    tables = pd.DataFrame([{"table": "01", "kind": kind, "title": "收支总表", "sheet": "第10页", "status": "data",
                            "unit_in_source": "元", "columns": "", "rows": ""}])
    found = list(rule_function_restated(Context({"functions": pd.DataFrame([row]), "appendix_tables": tables})))
    assert bool(found) == said


def test_a_former_official_name_is_said_as_such_not_as_a_drift():
    """A 2019 report names 20805 as the classification of 2019 did (行政事业单位离退休): an info that it
    was renamed since, no warning of a name that differs."""
    before = findings_of(EDU)
    after = findings_of(replace_once(EDU, "行政事业单位养老支出05（款）行政单位离退休", "行政事业单位离退休05（款）行政单位离退休"))
    assert _keys(after, ("warning", "error")) == _keys(before, ("warning", "error"))
    said = after[(after["rule"] == "function.name") & (after["severity"] == "info")]
    assert any("2023年以前的规范名称" in m for m in said["message"])


def test_totals_that_differ_where_no_carry_over_is_stated_are_a_warning():
    """收入总计 ≠ 支出总计 where the text states no 结转和结余 at all: its 总计 may be the year's own (收入总计 =
    本年收入), so the difference is said, not called an error; with a carry-over stated, it is an error."""
    from helpers import findings_of

    head = "某校2020年度部门决算\n一、收入支出决算总体情况说明\n2020年度收入总计1308.76万元，支出总计1259.45万元。"
    bare = findings_of(head)
    assert [f.severity for f in bare.itertuples() if f.rule == "identity.total"] == ["warning"]
    carried = findings_of(head + "年末结转和结余49.31万元。")
    assert "error" in [f.severity for f in carried.itertuples() if f.rule == "identity.total"]
