"""Figures stated more than once and lists with a total: the evaluation text's restatements, the
budget's balance, 财政拨款收支总计 without carry-over, counts listed after 其中, the odd one out of
three statements, and messages in the unit the report wrote. Each fires on a planted case (just
past its bound where it has one) and is silent on the samples."""

import pytest
from helpers import EDUCATION, SHIPPED, read, replace_once

from juesuan.check import run_checks
from juesuan.extract import extract
from juesuan.read.text import document_from_text

SHIP, EDU = read(SHIPPED), read(EDUCATION)
RULES = ("same_figure", "identity.budget", "identity.fiscal", "count.parts", "growth", "change", "sum.parts")


def findings(text):
    doc = document_from_text(text, "<test>")
    e = extract(doc)
    f = run_checks(e.tables, e.warnings, lines=[(ln.number, ln.text) for ln in doc.lines], year=e.year)
    return f[f["rule"].isin(RULES)]


@pytest.mark.parametrize("text", [SHIP, EDU], ids=["shipped", "education"])
def test_silent_on_the_samples(text):
    f = findings(text)
    # the shipped report's one real growth error (8.76 % for 9.61 %) is the only one of these
    assert [(r.rule, r.line) for r in f.itertuples()] == ([("growth", 63)] if text is SHIP else [])


def test_the_evaluation_texts_accounts_must_be_the_years():
    f = findings(replace_once(SHIP, "决算报表收入1050.28万元", "决算报表收入1050.29万元"))
    row = f[f["rule"] == "same_figure"].iloc[0]
    assert (row.line, row.stated, row.expected) == (200, 1050.29, 1050.28)
    assert row.lines == "200;37" and "第37行" in row.message


@pytest.mark.parametrize(("new", "severity"), [("879.96", "error"), ("879.95", None)])
def test_the_budget_balances(new, severity):
    f = findings(replace_once(SHIP, "年初预算支出879.95万元", f"年初预算支出{new}万元"))
    got = f[f["rule"] == "identity.budget"]
    assert list(got["severity"]) == ([severity] if severity else [])
    if severity:
        assert got.iloc[0].lines == "202;200"


def test_an_unbalanced_budget_with_carry_over_is_only_a_warning():
    """The education department carries money over: its budget wording may count it apart."""
    text = EDU.replace("2022年度收、支总计", "年初预算收入100.00万元，年初预算支出100.10万元。2022年度收、支总计", 1)
    assert list(findings(text).query("rule == 'identity.budget'")["severity"]) == ["warning"]


@pytest.mark.parametrize(("new", "caught"), [("1050.31", True), ("1050.29", False)])
def test_fiscal_total_equals_the_fiscal_income_without_carry_over(new, caught):
    """Past the rounding of the three incomes (1050.28 + 0 + 0, each ± 0.005, and the total's own
    ± 0.005: 0.02 in all) and inside it."""
    f = findings(replace_once(SHIP, "2023年财政拨款收、支总计1050.28万元", f"2023年财政拨款收、支总计{new}万元"))
    got = f[f["rule"] == "identity.fiscal"]
    assert len(got) == caught
    if caught:  # named with the fund incomes it should equal
        assert got.iloc[0].line == 52 and got.iloc[0].expected == 1050.28 and got.iloc[0].lines == "52;37"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("留言531件", "留言532件", "共532件，但其中所列各项52+253+226=531件，两者应一致。"),
    ("领导信箱52件", "领导信箱53件", "共531件，但其中所列各项53+253+226=532件，两者应一致。"),
    ("征集梳理民生实事项目16个，确定民生实事建议项目名单共3个。", "共征集梳理民生实事项目16个，其中确定建议项目17个。",
     "共16个，但其中一项即为17个。"),
])
def test_counts_listed_after_qizhong_add_up(old, new, message):
    f = findings(replace_once(SHIP, old, new))
    got = f[f["rule"] == "count.parts"]
    assert list(got["message"]) == [message] and list(got["severity"]) == ["error"]


def test_a_list_in_mixed_units_is_not_a_sum():
    """编制数40个，其中…8人: the staffing rules read those; this rule leaves them."""
    text = replace_once(SHIP, "机关工勤编制8人", "机关工勤编制9人")
    assert findings(text).query("rule == 'count.parts'").empty


def test_the_odd_one_out_of_three_statements_is_blamed():
    """一般公共预算财政拨款支出 is stated at lines 63, 74 and 81: change any one, that one is named."""
    for line, old in ((63, "2023年一般公共预算财政拨款支出1050.28万元，占本年"), (74, "2023年一般公共预算财政拨款支出1050.28万元，主要"),
                      (81, "一般公共预算支出决算数为1050.28万元")):
        f = findings(replace_once(SHIP, old, old.replace("1050.28", "1051.28")))
        same = f[(f["rule"] == "same_figure") & (f["subject"] == "general_budget")]
        assert list(same["line"]) == [line], line
        assert "此处与其余2处不一致" in same.iloc[0].message


def test_two_statements_that_differ_name_both_and_blame_neither():
    f = findings(replace_once(SHIP, "决算报表支出1050.28万元", "决算报表支出1050.38万元"))
    row = f[f["rule"] == "same_figure"].iloc[0]
    assert row.lines == "202;43" and "无法判断哪一处有误" in row.message


def test_a_wrong_change_does_not_blame_the_right_growth():
    """一般公共预算财政拨款支出 in the education report: 图5 states the prior year, the text the change
    (+180.60) and the growth (4.01 %). A wrong change is the change's error only."""
    f = findings(replace_once(EDU, "一般公共预算财政拨款支出增加180.60万元", "一般公共预算财政拨款支出增加180.70万元"))
    mine = f[f["subject"] == "general_budget"]
    assert list(mine["rule"]) == ["change"] and mine.iloc[0].line == 30


def test_a_wrong_growth_is_still_blamed_when_every_basis_disagrees():
    f = findings(replace_once(EDU, "增加180.60万元，增长4.01%", "增加180.60万元，增长4.03%"))
    mine = f[f["subject"] == "general_budget"]
    assert list(mine["rule"]) == ["growth"] and mine.iloc[0].line == 30


def test_an_amount_written_in_yuan_is_quoted_in_yuan():
    f = findings(replace_once(EDU, "政府采购支出总额3,205,000.00元", "政府采购支出总额3,205,100.00元"))
    message = f[f["rule"] == "sum.parts"].iloc[0].message
    assert "3,205,100.00元" in message and "3,205,000.00元" in message and "万元" not in message


def test_a_count_is_printed_as_a_whole_number():
    f = findings(replace_once(SHIP, "共有编制数40个", "共有编制数41个"))
    message = f[(f["rule"] == "sum.parts") & (f["subject"] == "staff.authorized")].iloc[0].message
    assert message == "编制数数为41，但其组成部分（行政编制、参公编制、事业编制、工勤编制）合计为40，两者应一致。"


def test_a_text_that_states_what_the_scores_add_up_to_is_not_blamed():
    """The 自评表's scores add up to 87 while its 合计 says 97 (the shipped report's real error): a text
    saying 87 is right, the table's 合计 is what is wrong (performance.total names it)."""
    def performance(text):
        doc = document_from_text(text, "<test>")
        e = extract(doc)
        f = run_checks(e.tables, e.warnings)
        return [(r.rule, r.line) for r in f.itertuples() if r.rule.startswith("performance.") and r.severity == "error"]

    assert performance(SHIP) == [("performance.text_vs_table", 132), ("performance.total", 421)]
    fixed = replace_once(SHIP, "自评得分为98分", "自评得分为87分")
    # 87 is the scores' sum: only the table is blamed; line 464's 97 agrees with the table's 合计
    assert performance(fixed) == [("performance.total", 421)]
