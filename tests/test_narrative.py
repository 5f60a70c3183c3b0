import pytest

from juesuan.extract.narrative import facts_in_line
from juesuan.model.document import make_line


def facts(text, section, prior_year=2022):
    return {(f.metric, f.measure, f.value) for f in facts_in_line(make_line(5, text), section, "t", prior_year)}


def test_total_change_and_growth_follow_their_subject():
    got = facts("2023年度收、支总计1050.28万元。与2022年相比，收、支总计各增加40.18万元，增长3.98%。", "overview")
    assert got == {("total", "amount", 1050.28), ("total", "change", 40.18), ("total", "growth", 3.98)}


def test_decrease_is_negative():
    got = facts("2023年，区政府办公室机关运行经费支出85.22万元，比2022年减少9.8万元，下降10.31%，主要原因是厉行节约。",
                "other.operating_cost")
    assert got == {("operating_cost", "amount", 85.22), ("operating_cost", "change", -9.8),
                   ("operating_cost", "growth", -10.31)}


def test_shares_take_the_named_base():
    got = facts_in_line(make_line(1, "2023年一般公共预算财政拨款支出1050.28万元，占本年支出合计的100%。"),
                        "general_budget.total", "t")
    share = next(f for f in got if f.measure == "share")
    assert (share.metric, share.base, share.value) == ("general_budget", "expenditure", 100.0)


def test_yuan_converted_with_unit_kept():
    got = facts_in_line(make_line(1, "政府采购支出总额3,205,000.00元，其中：政府采购货物支出1,205,000.00元。"),
                        "other.procurement", "t")
    assert [(f.metric, f.value, f.unit_in_source) for f in got] == [
        ("procurement", 320.5, "元"), ("procurement.goods", 120.5, "元")]


def test_counts_and_flat():
    got = facts("1.因公出国（境）经费支出0万元，完成预算100%。全年安排因公出国（境）团组1次，出国（境）3人。"
                "因公出国（境）支出决算与2022年持平。", "three_public.detail")
    assert got == {("three_public.overseas", "amount", 0.0), ("three_public.overseas", "completion", 100.0),
                   ("three_public.overseas.groups", "count", 1.0), ("three_public.overseas.persons", "count", 3.0),
                   ("three_public.overseas", "change", 0.0)}


def test_vehicle_breakdown_amounts_do_not_leak_into_the_subject():
    got = facts("其中：公务用车购置支出30万元。全年按规定更新购置公务用车1辆，其中：轿车1辆、金额30万元，越野车0辆、金额0万元。",
                "three_public.detail")
    assert ("three_public.vehicle.purchase", "amount", 30.0) in got
    assert ("three_public.vehicle.purchase", "amount", 0.0) not in got
    assert ("three_public.vehicle.purchase.sedan", "amount", 30.0) in got
    assert ("three_public.vehicle.purchased.suv", "count", 0.0) in got


def test_restated_total_with_gongji():
    got = facts_in_line(make_line(1, "国内公务接待支出5.92万元，主要用于执行公务。国内公务接待31批次，612人次（不包括陪同人员），共计支出5.92万元。"),
                        "three_public.detail", "t")
    amounts = [f.value for f in got if f.metric == "three_public.reception.domestic" and f.measure == "amount"]
    assert amounts == [5.92, 5.92]
    assert {(f.metric, f.value) for f in got if f.measure == "count"} == {
        ("three_public.reception.domestic.batches", 31.0), ("three_public.reception.domestic.persons", 612.0)}


def test_thresholds_and_dates_are_not_amounts():
    got = facts("截至2023年12月31日，共有车辆1辆，其中：主要领导干部用车1辆。单价100万元以上专用设备2台（套）。", "other.assets")
    assert got == {("assets.vehicles", "count", 1.0), ("assets.vehicles.leader", "count", 1.0),
                   ("assets.large_equipment", "count", 2.0)}


def test_prior_year_amount_is_a_prior_fact():
    got = facts_in_line(make_line(1, "2023年机关运行经费支出85.22万元，2022年为95.02万元。"), "other.operating_cost", "t", 2022)
    assert {(f.period, f.value) for f in got} == {("current", 85.22), ("prior", 95.02)}


@pytest.mark.parametrize("section", ["income", "expenditure"])
def test_an_amount_without_subject_is_ignored(section):
    assert facts("主要变动原因是增加了100万元。", section) == set()


@pytest.mark.parametrize("text,section,want", [
    ("2023年本年收入1,200.50万元，其中：事业收入200.5万元，占比16.70%。", "income",
     {("income", "amount", 1200.5), ("income.business", "amount", 200.5), ("income.business", "share", 16.7)}),
    ("2023年“三公”经费财政拨款支出决算为8万元，完成年初预算的80%，同比下降20%。", "three_public.total",
     {("three_public", "amount", 8.0), ("three_public", "completion", 80.0), ("three_public", "growth", -20.0)}),
    ("机关运行经费支出30万元，较上年增加3万元，增幅11.11%。", "other.operating_cost",
     {("operating_cost", "amount", 30.0), ("operating_cost", "change", 3.0), ("operating_cost", "growth", 11.11)}),
    ("2023年度收入、支出总计500万元。", "overview", {("total", "amount", 500.0)}),
])
def test_other_phrasings_of_the_template(text, section, want):
    assert facts(text, section) == want


# 分别/各: figures listed for several subjects go to them one by one (written so in many provinces).
@pytest.mark.parametrize("text", [
    "其中：因公出国(境)费、公务用车购置及运行费、公务接待费分别为1.20万元、3.40万元、5.60万元。",
    "因公出国(境)费、公务用车购置及运行费和公务接待费支出分别为1.2、3.4、5.6万元。",
    "因公出国（境）费、公务用车购置及运行费及公务接待费分别是12,000元、34,000元、56,000元。",
])
def test_respective_amounts_go_to_their_subjects_in_order(text):
    got = {(m, v) for m, measure, v in facts(text, "three_public.detail") if measure == "amount"}
    assert got == {("three_public.overseas", 1.2), ("three_public.vehicle", 3.4), ("three_public.reception", 5.6)}


def test_respective_changes_keep_each_sign_and_inherit_the_first():
    got = facts("基本支出、项目支出分别为60万元、40万元，分别比上年增长10%、下降5%。", "expenditure")
    assert got == {("expenditure.basic", "amount", 60.0), ("expenditure.project", "amount", 40.0),
                   ("expenditure.basic", "growth", 10.0), ("expenditure.project", "growth", -5.0)}
    got = facts("基本支出和项目支出分别减少6万元、4万元，分别下降9.09%、8.16%。", "expenditure")
    assert got == {("expenditure.basic", "change", -6.0), ("expenditure.project", "change", -4.0),
                   ("expenditure.basic", "growth", -9.09), ("expenditure.project", "growth", -8.16)}


def test_respective_shares():
    got = facts("本年支出合计100万元，其中基本支出和项目支出分别为60万元和40万元，分别占60%和40%。", "expenditure")
    assert got == {("expenditure", "amount", 100.0), ("expenditure.basic", "amount", 60.0),
                   ("expenditure.project", "amount", 40.0), ("expenditure.basic", "share", 60.0),
                   ("expenditure.project", "share", 40.0)}


def test_income_and_expenditure_totals_stated_respectively():
    """四川 单位决算: 收、支总计各是X,Y万元 — two totals, not one stated twice (was a false same_figure error)."""
    got = facts("2022年度收、支总计各是4125.49,4143.91万元。与2021年相比,收、支总计各减少1267.86,2570.97万元,"
                "各下降23.51%、38.28%。", "overview", 2021)
    assert got == {("total.income", "amount", 4125.49), ("total.expenditure", "amount", 4143.91),
                   ("total.income", "change", -1267.86), ("total.expenditure", "change", -2570.97),
                   ("total.income", "growth", -23.51), ("total.expenditure", "growth", -38.28)}


def test_a_list_that_does_not_match_its_subjects_is_not_guessed():
    got = facts("因公出国(境)费、公务用车购置及运行费、公务接待费分别为1.2万元、3.4万元。", "three_public.detail")
    assert not {f for f in got if f[1] == "amount"}


def test_one_figure_for_each_of_several_subjects():
    got = facts("基本支出和项目支出各增加10万元。", "expenditure")
    assert got == {("expenditure.basic", "change", 10.0), ("expenditure.project", "change", 10.0)}


def test_thousands_separator_is_not_a_list():
    got = facts("公务接待费分别为1,234.56万元。", "three_public.detail")
    assert got == {("three_public.reception", "amount", 1234.56)}


def test_totals_stated_one_by_one():
    got = facts("2023年度收入总计434.72万元,其中:本年收入合计434.16万元,年初结转和结余0.56万元。", "overview")
    assert ("total.income", "amount", 434.72) in got and ("income", "amount", 434.16) in got


def test_shipped_report_written_with_respective_lists_reads_the_same():
    """The shipped report's 支出 sentence rewritten as 分别 lists: the same facts, the same findings."""
    from helpers import SHIPPED, extract_text, findings_of, read, replace_once

    text = read(SHIPPED)
    listed = replace_once(text, "其中：基本支出710.78万元，占67.68%；项目支出339.5万元，占32.32%；",
                          "其中：基本支出、项目支出分别为710.78、339.5万元，分别占67.68%、32.32%；")
    listed = replace_once(listed, "2023年度收、支总计1050.28万元。", "2023年度收、支总计各是1050.28,1050.28万元。")
    facts = lambda t: {(f.metric, f.measure, f.value) for f in extract_text(t).tables["facts"].itertuples()}  # noqa: E731
    assert facts(listed) - facts(text) == {("total.income", "amount", 1050.28), ("total.expenditure", "amount", 1050.28)}
    assert facts(text) <= facts(listed)  # the two totals agree: the 收、支总计 too
    errors = lambda t: sorted(findings_of(t).query("severity == 'error'")["rule"])  # noqa: E731
    assert errors(listed) == errors(text)
