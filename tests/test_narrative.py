import pytest

from juesuan.extract.narrative import facts_in_line
from juesuan.model.document import make_line
from juesuan.read.text import document_from_text


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


def _carried(text, carried, section="three_public.detail", prior_year=2014):
    return {(f.metric, f.measure, f.period, f.value)
            for f in facts_in_line(make_line(5, text), section, "t", prior_year, carried=carried)}


@pytest.mark.parametrize("text,want", [
    ("与上年相比下降28%，主要原因是严格控制车辆运行费用。", {("three_public.vehicle.operation", "growth", "current", -28.0)}),
    ("比2013年下降308.51%，主要原因是口径不一致。", {("three_public.vehicle.operation", "growth", "current", -308.51)}),
    ("与2013年相比增加0.95万元，增长8.73%。", {("three_public.vehicle.operation", "change", "current", 0.95),
                                        ("three_public.vehicle.operation", "growth", "current", 8.73)}),
    ("2014年度支出4.63万元，在预算范围内正常使用。", {("three_public.vehicle.operation", "amount", "prior", 4.63)}),
    ("4、本部组团赴台交流学习。与2013年相比，因公出国境经费支出增长150%。",
     {("three_public.vehicle.operation", "growth", "current", 150.0)}),
])
def test_a_comparison_that_names_no_subject_is_about_the_last_one(text, want):
    """A page's sentences on lines of their own: 与上年相比… goes on about the subject named before. (The
    sentences come from reports of several years, each compared with its own last year.)"""
    prior = 2014 if text.startswith("2014年度") else 2013
    assert _carried(text, "three_public.vehicle.operation", prior_year=prior) == want
    assert _carried(text, None) == set()  # nothing named before: nothing read


@pytest.mark.parametrize("text", [
    "主要用于接待活动，累计接待77批次。",  # no comparison: nothing to carry
    "公务接待费1.37万元，与上年相比下降76%。",  # names its own subject
    "2015年公务用车购置0辆，下降5%。",  # this year, not a comparison
])
def test_a_sentence_that_names_its_own_subject_or_no_comparison_carries_nothing(text):
    assert not any(m == "three_public.vehicle.operation" for m, *_ in _carried(text, "three_public.vehicle.operation"))


@pytest.mark.parametrize("text", [
    "2015年公共财政拨款支出374.70万元，具体情况如下：1、2010201行政运行338.89 万元，比2014年决算数增加70.85万元，增长26.43%。",
    "2015年公共财政拨款支出374.70万元，其中：行政运行（2010201）338.89万元，比2014年决算数增加70.85万元，增长26.43%。",
    "2015年公共财政拨款支出374.70万元，其中：一般行政管理事务（项）338.89万元。较2014年决算增加70.85万元，增长26.43%。",
])
def test_the_figures_after_an_item_are_the_items(text):
    """A 功能分类 项 named by its code or its level mark takes the figures after it from the subject."""
    assert facts(text, "general_budget.total") == {("general_budget", "amount", 374.7)}
    assert _carried("较2014年决算增加70.85万元。", None, "general_budget.total") == set()


def test_a_compared_sentence_on_its_own_line_in_a_section():
    from juesuan.extract.narrative import extract_facts
    from juesuan.extract.sections import find_sections
    from juesuan.read.text import document_from_text

    lines = ["七、“三公”经费公共财政拨款支出决算情况", "（二）公务用车购置及运行费18.83万元。",
             "公务用车运行费18.83万元，主要用于公务用车燃油等支出。", "与上年相比下降28%，主要原因是压缩开支。",
             "（三）公务接待费1.37万元。", "较2014年决算增加0.2万元。"]
    doc = document_from_text("\n".join(lines))
    got = {(f.metric, f.measure, f.value, f.line) for f in extract_facts(doc, find_sections(doc), 2014)}
    assert ("three_public.vehicle.operation", "growth", -28.0, 4) in got
    assert ("three_public.reception", "change", 0.2, 6) in got


@pytest.mark.parametrize("text,section,want", [
    ("2014年部门决算总支出699.68万元，其中本年支出674.35万元。", "overview",
     {("total", "amount", 699.68), ("expenditure", "amount", 674.35)}),
    ("6. 年末结转结余231.84万元。", "overview", {("carryover.closing", "amount", 231.84)}),
    ("(一)基本支出382.49万元。", "general_budget.total", {("general_budget.basic", "amount", 382.49)}),
    ("与2013年相比，公务用车购置费和运行费分别下降54.17 %。", "three_public.detail",
     {("three_public.vehicle", "growth", -54.17)}),
    ("2015年度政府基金支出0万元，2014年政府基金支出决算数0万元。", "gov_fund", {("gov_fund", "amount", 0.0)}),
    ("因公出国（境）团组数3个, 人次数5人。", "three_public.detail",
     {("three_public.overseas.groups", "count", 3.0), ("three_public.overseas.persons", "count", 5.0)}),
    ("其中:一般公务用车2辆,其他车辆0辆。", "other.assets", {("assets.vehicles.general", "count", 2.0), ("assets.vehicles.other", "count", 0.0)}),
])
def test_the_2014_to_2016_wordings(text, section, want):
    assert facts(text, section, prior_year=2014) == want


_NOTICE = ["关于批复平潭县地震办2014年度部门决算的通知", "平潭县地震办:你部门报送的2014年度部门决算悉。现批复如下:",
           "一、2014年年初结转结余10.50万元,本年收入59.45万元,本年支出57.26万元。",
           "(一)公共预算财政拨款年初结转结余2.00万元,本年收入57.26万元,本年支出57.26万元。",
           "二、2014年基本支出55.26万元,项目支出2.00万元。",
           "三、2014年“三公”经费公共预算财政拨款支出2.82万元,其中:因公出国(境)费0.5万元;",
           "公务用车购置及运行维护费2.10万元;", "公务接待费0.22万元。",
           "四、请你部门自本决算批复之日起15日内,批复所属单位决算,本年支出应按10万元以上项目公开。"]


def test_an_approval_notice_reads_the_same_without_its_clause_numbers():
    """The clauses' scopes come from their words (2014年年初结转结余…, 公共预算财政拨款…, 基本支出…, “三公”…),
    not their numbers; a line that goes on with its scope's words keeps it, any other ends it."""
    import re

    from juesuan.extract.approval import approval_facts
    from juesuan.read.text import document_from_text

    def read(lines):
        return {(f.metric, f.value) for f in approval_facts(document_from_text("\n".join(lines)), 2013)}

    numbered = read(_NOTICE)
    assert {("expenditure", 57.26), ("general_budget", 57.26), ("expenditure.basic", 55.26),
            ("three_public.vehicle", 2.10), ("three_public.reception", 0.22)} <= numbered
    assert ("expenditure", 10.0) not in numbered  # clause 四 is no scope's
    assert read([re.sub(r"^(?:[一二三四]、|\([一二]\))", "", line) for line in _NOTICE]) == numbered


def test_a_comparison_after_a_figure_of_an_unnamed_thing_is_not_carried_to_the_last_subject():
    """广西: 1.一般公共预算财政拨款收入…万元,为…。较上年度决算数减少…万元 — under an overview whose words do not
    include that income, the change is that income's, not the 本年收入 named lines before."""
    from helpers import extract_text

    text = "\n".join([
        "某单位2021年度部门决算",
        "一、收入支出决算总体情况说明",
        "本单位2021年度本年收入400.00万元,较2020年度决算数减少100.00万元,下降20%。",
        "1.一般公共预算财政拨款收入380.00万元,为本级财政当年拨付的资金。较2020年度决算数减少90.00万元,下降19.15%。",
        "2.上级补助收入20.00万元,为事业单位取得的收入。较2020年度决算数减少10.00万元,下降33.33%。",
        "二、收入决算情况说明",
        "本年收入合计400.00万元。",
        "三、支出决算情况说明",
        "本年支出合计400.00万元。",
    ])
    e = extract_text(text)
    facts = e.tables["facts"]
    assert set(facts[facts["metric"] == "income"]["value"]) == {400.0, -100.0, -20.0}


def test_a_traditional_page_of_another_province_reads_its_totals_and_department(tmp_path):
    """甘肃-style: 本单位收入为…万元，其中… and (三)财政拨款收入决算情况, copied from a 繁體 page."""
    import opencc

    from juesuan.extract import extract
    from juesuan.read import read_document

    text = "\n".join([
        "某市幼儿园2017年度部门决算公开",
        "二、某市幼儿园2017年度部门决算情况说明",
        "(一)收入决算情况。",
        "2017年度,本单位收入为1000.00万元,其中:财政拨款收入900.00万元,占90%;事业收入100.00万元,占10%。",
        "(二)支出决算情况",
        "2017年度,本单位支出为980.00万元。其中:基本支出700.00万元,占71.43%;项目支出280.00万元,占28.57%。",
        "(三)财政拨款收入决算情况。",
        "2017年度,本单位财政拨款收入总计900.00万元,与上年相比减少50.00万元,降低5.26%。",
        "三、一般公共预算财政拨款支出决算情况。",
        "2017年度,本单位一般公共预算财政拨款支出总计880.00万元,与上年相比减少20.00万元,降低2.22%。",
    ])
    path = tmp_path / "page.txt"
    path.write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    e = extract(read_document(path))
    got = {(r.metric, r.measure, r.value) for r in e.tables["facts"].itertuples()}
    assert {("income", "amount", 1000.0), ("expenditure", "amount", 980.0), ("fiscal_total.income", "amount", 900.0),
            ("fiscal_total.income", "change", -50.0), ("general_budget", "amount", 880.0)} <= got
    assert e.department == "某市幼儿园" and e.year == 2017


@pytest.mark.parametrize("lines,name", [
    (["某县文化广播电视和旅游局2022年度单位决算", "第二部分 2022年度单位决算情况说明"], "某县文化广播电视和旅游局"),
    (["标题: 2015年度平潭综合实验区招商局 部门决算说明"], "平潭综合实验区招商局"),
    (["标题: 2015年社会事业局（含卫计、教育）财政决算"], "社会事业局(含卫计、教育)"),
    (["标题: 2015年度某县人大常委会部门决算说明", "本部门纳入部门决算共有单位1个。列入2015年部门决算编制范围的单位如下"],
     "某县人大常委会"),
])
def test_the_department_as_its_title_names_it(lines, name):
    from juesuan.extract.extraction import department_in
    from juesuan.read.text import document_from_text

    assert department_in(document_from_text("\n".join(lines))) == name


def test_a_difference_from_the_budget_is_not_the_change_from_last_year():
    """广西: 决算总额为5.48万元，比预算增加0万元，比去年增加1.55万元，增长39.4% — two comparisons, two measures."""
    got = facts("2020年度一般公共预算财政拨款安排的“三公”经费支出决算总额为5.48万元，比预算增加0万元，比去年增加1.55万元，"
                "增长39.4%，较年初预算下降2%。", "three_public.total", 2019)
    assert got == {("three_public", "amount", 5.48), ("three_public", "budget_change", 0.0),
                   ("three_public", "change", 1.55), ("three_public", "growth", 39.4),
                   ("three_public", "budget_growth", -2.0)}


def test_a_rate_against_last_years_budget_is_not_the_rate_against_last_years_accounts():
    """安徽 许镇镇: 决算数共计35.5万元，比上年预算数字下降35.45%，比上年决算数字下降34.26% — two bases."""
    got = facts("2020年“三公”经费决算数共计35.5万元，比上年预算数字下降35.45%，比上年决算数字下降34.26%。",
                "three_public.total", 2019)
    assert got == {("three_public", "amount", 35.5), ("three_public", "prior_budget_growth", -35.45),
                   ("three_public", "growth", -34.26)}


@pytest.mark.parametrize("heading,key", [
    ("七、一般公共预算财政拨款“三公”经费支出决算情况说明", "three_public"),
    ("一、“三公”经费财政拨款支出总体情况说明。", "three_public.total"),
    ("二、“三公”经费财政拨款支出与年初预算对比情况。", "three_public.detail"),
    ("（三）“三公”经费支出具体情况", "three_public.detail"),
])
def test_a_三公_heading_in_a_province_s_own_words(heading, key):
    from juesuan.extract.sections import heading_key
    from juesuan.model.document import make_line

    assert heading_key(make_line(1, heading))[0] == key


@pytest.mark.parametrize("line,want", [
    # 广西's budget: each 功能分类 item with its own 其中 split — not the whole budget's 基本/项目支出
    ("机构运行1100000元,其中:基本支出1100000元,项目支出0元。主要用于事业单位日常运转。", set()),
    ("1.基本支出预算1440000.00元,占一般公共预算支出的96.00%,同比减少12000.00元,下降0.83%。",
     {("expenditure.basic", "amount", 144.0), ("expenditure.basic", "share", 96.0),
      ("expenditure.basic", "change", -1.2), ("expenditure.basic", "growth", -0.83)}),
    ("支出预算1600000元,其中:基本支出1440000元,项目支出160000元。",
     {("expenditure", "amount", 160.0), ("expenditure.basic", "amount", 144.0), ("expenditure.project", "amount", 16.0)}),
])
def test_the_parts_of_a_thing_the_section_has_no_word_for_are_not_the_whole_s(line, want):
    from juesuan.extract.budget import VOCABULARY

    got = {(f.metric, f.measure, f.value) for f in facts_in_line(make_line(1, line), "budget", "b", 2020, VOCABULARY)}
    assert got == want


def test_what_follows_an_amount_of_an_unknown_thing_is_that_thing_s():
    """其中：政府集中采购预算17000元，占政府采购预算的100%，同比增加17000元 — the share and the change are the
    集中采购's, not the 政府采购预算's; a remark in brackets keeps the subject (政协 2017)."""
    from juesuan.extract.budget import VOCABULARY

    def got(line):
        return {(f.metric, f.measure, f.value) for f in facts_in_line(make_line(1, line), "budget", "b", 2022, VOCABULARY)}

    assert got("2023年政府采购预算17000元，同比增加17000元。其中：政府集中采购预算17000元，占政府采购预算的100%，"
               "同比增加17000元。分散采购0元，占政府采购预算的0%。") == {("procurement", "amount", 1.7),
                                                                ("procurement", "change", 1.7)}
    assert got("2017年度部门支出预算安排与2016年度相比(2016年度部门支出预算安排为8,648.07万元),增加498.72万元,"
               "增长5.77%。") >= {("expenditure", "change", 498.72), ("expenditure", "growth", 5.77)}


@pytest.mark.parametrize("text, actual", [
    ("本部门行政编制115人，实有人数107人；事业编制31人，实有人数26人。", []),  # each category's own
    ("本部门编制数40个，其中行政编制数25个，事业编制15个；实有人数42人，其中编制内人员35人，聘用人员7人。", [42.0]),
])
def test_a_headcount_stated_per_category_is_not_the_whole(text, actual):
    from juesuan.extract.narrative import staffing_facts
    facts = staffing_facts(document_from_text("一、部门概况\n" + text))
    assert [f.value for f in facts if f.metric == "staff.actual"] == actual


@pytest.mark.parametrize("way, value", [("大于", 55.93), ("小于", -55.93), ("超过", 55.93)])
def test_the_outturn_beyond_its_budget_is_a_difference_from_the_budget(way, value):
    got = facts(f"本单位一般公共预算财政拨款支出总计1741.75万元，完成年初预算100%，决算数{way}预算数55.93万元，主要原因：调资。",
                "general_budget", 2016)
    assert ("general_budget", "budget_change", value) in got and ("general_budget", "amount", 1741.75) in got


def test_the_fiscal_section_names_its_funds_income():
    got = facts("本单位财政拨款收入总计1516.64万元，与上年相比减少58.49万元。其中：一般公共预算财政拨款收入1486.64万元，"
                "政府性基金预算财政拨款收入30万元。", "fiscal", 2016)
    assert {("income.general_budget", "amount", 1486.64), ("income.gov_fund", "amount", 30.0)} <= got


def test_a_rate_of_completion_with_the_budget_written_between():
    got = facts("“三公”经费财政拨款支出决算为62.07万元，完成全年预算84.82万元的73.2%。", "three_public.total", 2022)
    assert ("three_public", "completion", 73.2) in got


def test_a_comparison_with_another_year_is_not_the_change_from_last_year():
    """广东: …比上年决算数增加38.97万元，增长168.7%；比2019年（疫情前）决算数减少24.87万元，降低28.6%。"""
    got = facts("“三公”经费财政拨款支出决算为62.07万元，比上年决算数增加38.97万元，增长168.7%；比2019年（疫情前）决算数"
                "减少24.87万元，降低28.6%。", "three_public.total", 2022)
    assert {f for f in got if f[1] in ("change", "growth")} == {("three_public", "change", 38.97),
                                                                 ("three_public", "growth", 168.7)}
    assert {("three_public", "other_year_change", -24.87), ("three_public", "other_year_growth", -28.6)} <= got


def test_income_and_expenditure_compared_together():
    got = facts("2023年度收入总计8013.45万元，支出总计8013.45万元。收支较上年决算数减少5137.56万元，下降39.1%。", "overview", 2022)
    assert {("total", "change", -5137.56), ("total", "growth", -39.1)} <= got


def test_a_rate_in_brackets_after_a_change_is_its_rate():
    got = facts("2019年本部门一般公共预算“三公”经费预算支出9.80万元，较上年减少18.50万元(65.37%)，减少的主要原因是公车减少。",
                "three_public.total", 2018)
    assert ("three_public", "growth", -65.37) in got


def _budget_facts(text: str, prior_year: int = 2016) -> set:
    from juesuan.extract.budget import VOCABULARY
    return {(f.metric, f.measure, f.value) for f in facts_in_line(make_line(1, text), "budget", "部门预算", prior_year,
                                                                   VOCABULARY)}


@pytest.mark.parametrize("text, want", [
    # 保山: a change of one character (增/减) after the comparison; 预算安排 links the subject to its figure
    ("“三公”经费财政拨款预算安排389000元，比上年预算增56400元，同比增长16.96%。",
     {("three_public", "amount", 38.9), ("three_public", "change", 5.64), ("three_public", "growth", 16.96)}),
    ("安排公务接待费64000元，比上年预算减15600元，同比下降19.60%。",
     {("three_public.reception", "amount", 6.4), ("three_public.reception", "change", -1.56),
      ("three_public.reception", "growth", -19.6)}),
    # 广西 2017: 收入总预算, 公共财政 (一般公共预算's name until 2014/15), 上年结余收入
    ("收入总预算501.98万元，同比减少17.05万元，同比下降3.28%。",
     {("income", "amount", 501.98), ("income", "change", -17.05), ("income", "growth", -3.28)}),
    ("1、一般公共财政预算拨款507.37万元，同比减少19.96万元。",
     {("income.general_budget", "amount", 507.37), ("income.general_budget", "change", -19.96)}),
    ("2、上年结余收入8.3万元，同比增加8.3万元。", {("carryover.opening", "amount", 8.3), ("carryover.opening", "change", 8.3)}),
    # 江苏省政协 2017: the 机关运行经费's own 支出预算, not the whole budget's
    ("某厅2017年一般公共预算机关运行经费支出预算3,348.98万元，比2016年增加2,173.13万元，增长184.81%。",
     {("operating_cost", "amount", 3348.98), ("operating_cost", "change", 2173.13), ("operating_cost", "growth", 184.81)}),
])
def test_a_budgets_statements_in_other_provinces_words(text, want):
    assert _budget_facts(text) == want


def test_a_rate_after_its_change_is_against_what_the_change_was_against():
    """重庆 焦石镇: …较上年减少19万元，下降43.78%，较年初预算数减少4万元，下降2.2% — the second rate is the budget's."""
    got = facts("2020年度镇本级“三公”经费41万元，较上年减少19万元，下降43.78%，较年初预算数减少4万元，下降2.2%。",
                "three_public.total", 2019)
    assert got == {("three_public", "amount", 41.0), ("three_public", "change", -19.0), ("three_public", "growth", -43.78),
                   ("three_public", "budget_change", -4.0), ("three_public", "budget_growth", -2.2)}


def test_a_subject_named_after_a_comparison_with_last_year_states_last_years_figure():
    """甘南 2015: …较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元 — 16.08 is 2014's."""
    got = {(f.metric, f.measure, f.period, f.value) for f in facts_in_line(
        make_line(5, "较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元。"), "three_public", "t", 2014)}
    assert got == {("three_public", "amount", "prior", 16.08), ("three_public", "change", "current", 15.15)}


def test_a_budgets_share_that_names_no_base_is_of_the_whole_before_its_parts():
    """宁波: 收入预算20592.41万元，其中：一般公共预算拨款收入19693.16万元，占95.15% — of the 收入预算."""
    from juesuan.extract.budget import VOCABULARY
    got = {(f.metric, f.measure, f.base) for f in facts_in_line(
        make_line(1, "2018年收入预算20592.41万元，其中：一般公共预算拨款收入19693.16万元，占95.15%；公务用车运行维护费10万元，占5%。"),
        "budget", "部门预算", 2017, VOCABULARY)}
    assert ("income.general_budget", "share", "income") in got
    assert ("three_public.vehicle.operation", "share", "") in got  # a part of a part: not guessed
    written = {(f.metric, f.measure, f.base) for f in facts_in_line(
        make_line(1, "基本支出预算70692.09万元，占本年支出预算53.59%。"), "budget", "部门预算", 2025, VOCABULARY)}
    assert ("expenditure.basic", "share", "") in written  # a base written and not known: not guessed either


def test_a_comparison_with_the_years_own_budget_named_by_its_year():
    got = facts("“三公”经费支出决算为62.07万元，与2023年年初预算相比减少5.00万元，下降7.45%。", "three_public.total", 2022)
    assert {("three_public", "budget_change", -5.0), ("three_public", "budget_growth", -7.45)} <= got


def test_the_parts_of_basic_spending_of_all_funds():
    got = facts("1. 基本支出9890.31万元。其中，人员支出8659.7万元，公用支出1230.61万元。", "expenditure")
    assert {("expenditure.basic", "amount", 9890.31), ("expenditure.basic.personnel", "amount", 8659.7),
            ("expenditure.basic.public", "amount", 1230.61)} <= got


def test_a_whole_of_the_reports_own_is_no_part_of_an_unnamed_figure():
    # 总收入 is a word the section has not: 本年收入 after its 其中 is still the report's 本年收入 …
    got = facts("本单位2021年度总收入581.45万元,其中本年收入390.55万元,较2020年度决算数减少175.26万元,下降31%。",
                "overview", 2020)
    assert {("income", "amount", 390.55), ("income", "change", -175.26), ("income", "growth", -31.0)} <= got
    # … but 基本支出 after an unnamed thing's 其中 is that thing's, not the report's
    assert not facts("机构运行1100000元，其中：基本支出1100000元。", "expenditure")


def test_the_whole_with_its_opening_balance_stated_where_the_income_is():
    got = facts("本部门2020年度收入总计3759.2万元,其中年初结转和结余1366.76万元,较2019年增加197.03万元,增加5.5%;"
                "本年收入合计2392.44万元。", "income", 2019)
    assert {("total.income", "amount", 3759.2), ("income", "amount", 2392.44)} <= got
    # the change after 其中年初结转和结余 is the whole's in this template, not the part's: given to neither
    assert not any(measure in ("change", "growth") for _, measure, _ in got)
    assert ("total.expenditure", "amount", 3759.2) in facts("本部门2020年度支出总计3759.2万元。", "expenditure", 2019)


def test_a_summed_three_public_and_its_rates_said_with_one_character():
    """瓦马乡 2017: 全乡…“三公”经费支出决算汇总数为51.58万元,较2016年增加23.86万元,增加86.07% — 汇总 names no
    other thing; 公务接待费为35.9万元,较2016年增加17.77万元,增97.98% — 增 alone, right after the change, is its rate."""
    got = facts("2017年全乡一般公共预算财政拨款“三公”经费支出决算汇总数为51.58万元,较2016年增加23.86万元,增加86.07%。"
                "其中:公务接待费为35.9万元,较2016年增加17.77万元,增97.98%;公务用车运行维护费为15.68万元,较2016年减少6.09万元,"
                "减27.97%。", "three_public", 2016)
    assert ("three_public", "amount", 51.58) in got and ("three_public", "growth", 86.07) in got
    assert ("three_public.reception", "growth", 97.98) in got
    assert ("three_public.vehicle.operation", "growth", -27.97) in got


def test_a_rate_with_one_character_and_no_change_before_it_is_not_read():
    """增5% with no change of its subject stated before it: what it is a rate of is not said."""
    got = facts("公务接待费为35.9万元,增5%。", "three_public", 2016)
    assert not [f for f in got if f[1] == "growth"]


@pytest.mark.parametrize("short", ["公车", "公务车"])
def test_official_cars_written_short(short):
    """眉山 2014: 安排公车购置及运行维护费62.03万元,较2013年预算下降6.9%."""
    got = facts(f"2014年公务用车购置及运行维护费决算为62.03万元;其中{short}运行维护费62.03万元。", "three_public", 2013)
    assert ("three_public.vehicle.operation", "amount", 62.03) in got


def test_procurement_said_as_its_total():
    """忻州 2018: 2018年度政府采购总额45.24万元,其中:货物13.99万元,工程31.25万元."""
    assert ("procurement", "amount", 45.24) in facts("2018年度政府采购总额45.24万元,其中:货物13.99万元,工程31.25万元。",
                                                    "other.procurement", 2017)


@pytest.mark.parametrize("whole", ["上年度“三公”经费支出24.67万元", "2022年“三公”经费支出24.67万元",
                                   "上年“三公”经费为24.67万元"])
def test_the_parts_listed_after_a_whole_of_last_year_are_last_years(whole):
    text = f"{whole}，其中公务用车运行维护费15.48万元、公务接待费9.18万元。本年“三公”经费支出9.75万元，其中公务用车运行维护费5.98万元、公务接待费3.77万元。"
    got = {(f.metric, f.period, f.value) for f in facts_in_line(make_line(1, text), "three_public", "t", 2022)}
    assert {("three_public.vehicle.operation", "prior", 15.48), ("three_public.reception", "prior", 9.18),
            ("three_public.vehicle.operation", "current", 5.98), ("three_public.reception", "current", 3.77)} <= got
    assert ("three_public.reception", "current", 9.18) not in got


def test_the_parts_of_this_years_whole_stay_this_years():
    text = "2023年“三公”经费支出9.75万元，其中公务用车运行维护费5.98万元、公务接待费3.77万元。"
    got = {(f.metric, f.period) for f in facts_in_line(make_line(1, text), "three_public", "t", 2022)}
    assert got >= {("three_public.vehicle.operation", "current"), ("three_public.reception", "current")}
    assert not any(period == "prior" for _, period in got)


@pytest.mark.parametrize(("words", "sign"), [("比上年少", -1), ("较上年多", 1), ("比2022年少", -1), ("比上年减少", -1)])
def test_more_or_less_than_last_year_is_a_change(words, sign):
    got = facts(f"公务接待费3.77万元，{words}5.41万元。", "three_public")
    assert ("three_public.reception", "change", sign * 5.41) in got
    assert not any(measure == "amount" and value == 5.41 for _, measure, value in got)


def test_a_budget_compared_with_last_years_is_last_years():
    from juesuan.extract.narrative import evaluation_facts

    doc = document_from_text("主要原因:一是2019年年初预算收入7031.72万元,比2018年年初预算收入2724.44万元增加4307.28万元;"
                             "二是比2016年年初预算收入1000万元增加较多。", "x.txt")
    got = {(f.metric, f.period, f.value) for f in evaluation_facts(doc, 2018)}
    assert got == {("budget.income", "current", 7031.72), ("budget.income", "prior", 2724.44)}


def test_like_for_like_names_nothing_else():
    got = facts("“三公”经费决算支出数为1165.08万元,按同口径同比减少63.96万元,下降5.2%。", "three_public")
    assert ("three_public", "change", -63.96) in got and ("three_public", "growth", -5.2) in got


def test_an_amount_after_last_years_de_is_last_years():
    got = facts_in_line(make_line(1, "“三公”经费1969万元,较2022年的2190万元减少221万元。"), "three_public", "t", 2022)
    assert {(f.period, f.measure, f.value) for f in got} >= {("current", "amount", 1969.0), ("prior", "amount", 2190.0),
                                                             ("current", "change", -221.0)}


@pytest.mark.parametrize("words", ["财政拨款收支总决算", "财政拨款收支总计"])
def test_a_total_written_as_its_zongjuesuan(words):
    got = facts(f"2016年度{words}19170.97万元。", "fiscal")
    assert any(metric.startswith("fiscal_total") and value == 19170.97 for metric, _, value in got)


@pytest.mark.parametrize("parts, summed", [("其中在职在编人员15人,退休人员3人,聘用人员37人", False),
                                           ("其中编制内人员52人,聘用人员3人", True)])
def test_a_headcount_whose_list_holds_another_kind_is_not_added_up(parts, summed, tmp_path):
    """退休人员 is no part of 实有人数: with it in the list, 在职在编 and 聘用 fall short of the whole, and a
    sum.parts error would be false — the kinds are read, their sum not checked (check.sums._other_kinds_beside).
    A list of the whole's own parts is checked (its sum planted one short)."""
    import juesuan
    from juesuan.extract.narrative import staffing_facts
    facts = staffing_facts(document_from_text(f"一、部门概况\n目前实有人数55人,{parts}。"))
    assert any(f.metric == "staff.actual" for f in facts)
    assert any(f.metric == "staff.actual.established" for f in facts)
    path = tmp_path / "r.txt"
    path.write_text(f"某某局2023年度部门决算\n一、部门概况\n目前实有人数56人,{parts}。\n", encoding="utf-8")
    findings = juesuan.process(path).tables["findings"]
    assert ((findings["rule"] == "sum.parts") & (findings["subject"] == "staff.actual")).any() == summed


@pytest.mark.parametrize("text, expected", [
    # categories stated without a whole, a bracket's parts, a year-end headcount, retirees
    ("2022年我单位共有行政编制24个(机关公勤2个),事业编制41个(参公3人,机关工勤1人),2021年末实有在职人员60人,退休25人。",
     {("staff.authorized.administrative", 24), ("staff.authorized.workers", 2), ("staff.authorized.public_institution", 41),
      ("staff.authorized.civil_service", 3), ("staff.authorized.workers", 1), ("staff.actual.established", 60),
      ("staff.actual.retired", 25)}),
    # units counted before their word; a change in units is no count
    ("内设办公室、后勤科等4个科室，所属事业单位1个，共有10个机构单位。比上年增加2个单位。",
     {("org.sections", 4), ("org.affiliated", 1), ("org.units", 10)}),
    # short words only where a clause or 有/共/核定 opens them; a vehicle 编制内 is no staff
    ("石柱县妇幼保健院是财政全额拨款事业单位,人员编制45人,正式在职职工37人,退休42人,临聘15人。经调整预算采购编制内公务用车1辆。",
     {("staff.authorized", 45), ("staff.actual.established", 37), ("staff.actual.retired", 42), ("staff.actual.hired", 15)}),
    # 离退休 apart from 离休 and 退休; a 行政事业编制 is neither kind
    ("全院政法编制60人,行政事业编制7人。离退休人员16人,其中:离休0人,退休16人。",
     {("staff.authorized.political_legal", 60), ("staff.actual.retirees", 16), ("staff.actual.retired_cadres", 0),
      ("staff.actual.retired", 16)}),
    # a whole whose 其中 lists a kind no word knows: that item its whole's .other (so the parts are not added up)
    ("编制总数16人,其中管理编制1人,事业编制13人,工勤编制2名。",
     {("staff.authorized", 16), ("staff.authorized.other", 1), ("staff.authorized.public_institution", 13),
      ("staff.authorized.workers", 2)}),
    # the kind a list item's words begin with: 参照公务员法管理的事业编制 is 参公; 行政在职人数 is a kind of its own
    ("编制人数小计14人,其中:行政编制人数5人,参照公务员法管理的事业编制人数1人,事业编制人数8人。",
     {("staff.authorized", 14), ("staff.authorized.administrative", 5), ("staff.authorized.civil_service", 1),
      ("staff.authorized.public_institution", 8)}),
    # the sections by other names; those at work (在岗, 编内 or not) a count of their own
    ("本单位内设3个职能处室,下设7个机构科室。在岗职工78人,退休职工18人,实有在编225人。",
     {("org.sections", 3), ("org.sections", 7), ("staff.actual.working", 78), ("staff.actual.retired", 18),
      ("staff.actual.established", 225)}),
    # a township's offices and stations; a list's short word right after its 其中
    ("我镇内设机构统一设置10个办事机构,统筹设置事业站所7个,下设7个直属事业单位。共有职工111人,其中在编75人,编外长聘人员34人。",
     {("org.sections", 10), ("org.affiliated", 7), ("org.affiliated", 7), ("staff.actual", 111),
      ("staff.actual.established", 75), ("staff.actual.other", 34)}),
    # 内设机构 before its count, spaced; 在职在编 one kind
    ("内设机构 5 个,本单位内设1个行政机构。有在职在编70人。",
     {("org.sections", 5), ("org.sections", 1), ("staff.actual.established", 70)}),
    # units no word names, by what their names end in: 司法所, 派出局, 分局, 事业机构 (under 内设: sections; 下设: affiliates)
    ("所属单位:15个乡镇司法所,县公证处。审计局内设机构及其他机构20个、派出局20个,设有9个直属分局,下设2个事业机构。",
     {("org.other", 15), ("org.sections", 20), ("org.other", 20), ("org.other", 9), ("org.affiliated", 2)}),
    # not the department itself, nor a project, nor a word that goes on past its suffix
    ("本部门共6个项目实行绩效目标管理。确定30个左右发展所需的课题。另有19个林业管理站为派出机构。",
     {("org.other", 19)}),
])
def test_staff_and_units_are_read_by_the_words_that_name_them(text, expected):
    from juesuan.extract.narrative import staffing_facts
    facts = staffing_facts(document_from_text("一、部门基本情况\n" + text))
    assert {(f.metric, f.value) for f in facts} == expected
    assert all(f.measure == "count" for f in facts)


def test_a_project_team_is_not_the_departments_staff(tmp_path):
    """区地方志编纂中心核定编制3人 in the 预算绩效管理情况 section: not read, never compared with the 编制数40个
    the 部门概况 states (a same_figure error would be false)."""
    from helpers import SHIPPED, read

    import juesuan
    text = read(SHIPPED).replace("由区地方志编纂中心牵头", "由区地方志编纂中心牵头，区地方志编纂中心核定编制3人，在编2人")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = juesuan.process(path).tables
    staff = result["facts"][result["facts"]["metric"] == "staff.authorized"]
    assert list(staff["value"]) == [40.0]
    assert not (result["findings"]["rule"] == "same_figure").any()


def test_a_headcounts_parts_are_those_its_own_line_lists(tmp_path):
    """行政编制 and 事业编制 stated on a line of their own (a unit's, say) are not summed against the 编制数 of
    another line; the parts its own 其中 lists are."""
    from helpers import SHIPPED, read

    import juesuan
    text = read(SHIPPED).replace("截至2023年末，区政府办公室共有编制数40个，",
                                 "下属中心有行政编制9个，参公编制1个，事业编制2个，机关工勤编制1人。\n截至2023年末，区政府办公室共有编制数40个，")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    findings = juesuan.process(path).tables["findings"]
    assert not ((findings["rule"] == "sum.parts") & (findings["subject"] == "staff.authorized")).any()
    planted = path.read_text(encoding="utf-8").replace("其中行政编制数25个", "其中行政编制数26个")
    path.write_text(planted, encoding="utf-8")
    findings = juesuan.process(path).tables["findings"]
    assert ((findings["rule"] == "sum.parts") & (findings["subject"] == "staff.authorized")).any()


@pytest.mark.parametrize("whole, parts_measure", [("预算为168.53万元", "budget"), ("支出为163.58万元", "amount")])
def test_the_parts_a_budget_lists_after_its_colon_are_budgets(whole, parts_measure):
    """“三公”经费预算为168.53万元,其中:因公出国(境)费39万元、…国内公务接待费10万元: the parts of a budget are
    budgets (read as spent, they gave five false errors on a 2016 人大 page); the parts of an outturn are spent."""
    text = (f"2016年,市人大“三公”经费{whole},其中:因公出国(境)费39万元、公务用车运行维护费119.5万元、国内公务接待费10万元。"
            "“三公”经费支出为163.58万元。")
    got = facts(text, "three_public", 2015)
    parts = {(m, v) for m, measure, v in got if measure == parts_measure and m != "three_public"}
    assert parts == {("three_public.overseas", 39.0), ("three_public.vehicle.operation", 119.5),
                     ("three_public.reception.domestic", 10.0)}


@pytest.mark.parametrize("text, expected", [
    ("公务接待费支出26.4万元,减少9.6万元,公务接待220批次,人数2929人。",
     {("three_public.reception.batches", 220.0), ("three_public.reception.persons", 2929.0)}),
    ("公务接待费支出26.4万元，共接待220批次，2929人次。",
     {("three_public.reception.batches", 220.0), ("three_public.reception.persons", 2929.0)}),
    ("国内公务接待220批次、2929人次。",
     {("three_public.reception.domestic.batches", 220.0), ("three_public.reception.domestic.persons", 2929.0)}),
    ("国(境)外公务接待1批次,5人次。",
     {("three_public.reception.foreign.batches", 1.0), ("three_public.reception.foreign.persons", 5.0)}),
    # the batches named before their count (云南, 平潭)
    ("公务接待费为1.81万元,国内公务接待批次为41次,共计接待217人次。",
     {("three_public.reception.domestic.batches", 41.0), ("three_public.reception.persons", 217.0)}),
    ("公务接待费26.31万元。国内公务接待批次217次,国内公务接待人次3342人。",
     {("three_public.reception.domestic.batches", 217.0), ("three_public.reception.domestic.persons", 3342.0)}),
])
def test_receptions_counted_however_the_persons_follow(text, expected):
    assert {(m, v) for m, measure, v in facts(text, "three_public", 2015) if measure == "count"} == expected


def test_a_sentence_that_opens_with_last_year_is_last_years_shares_and_parts_too(tmp_path):
    """2016年度支出合计628万元,其中:基本支出230万元,占总支出的37%;项目支出398万元,占总支出的63%。 in a 2017 report:
    every figure of it last year's (four false errors on 德钦县移民局's first reading: its shares compared with
    2017's figures); a share of last year's is checked against last year's figures."""
    import juesuan
    text = ("德钦县移民局2017年度部门决算\n二、支出决算情况说明\n"
            "2017年度支出合计2906万元,其中:基本支出279万元,占总支出的10%;项目支出2626万元,占总支出的90%。"
            "2016年度支出合计628万元,其中:基本支出230万元,占总支出的{share}%;项目支出398万元,占总支出的63%。\n")
    path = tmp_path / "r.txt"
    path.write_text(text.format(share=37), encoding="utf-8")
    result = juesuan.process(path).tables
    facts_ = result["facts"]
    prior = facts_[facts_["period"] == "prior"]
    assert {(m, v) for m, v in zip(prior["metric"], prior["value"])} >= {
        ("expenditure", 628.0), ("expenditure.basic", 230.0), ("expenditure.project", 398.0),
        ("expenditure.basic", 37.0), ("expenditure.project", 63.0)}
    errors = result["findings"][result["findings"]["severity"] == "error"]
    assert errors.empty
    path.write_text(text.format(share=47), encoding="utf-8")  # a wrong share of last year's: found
    errors = juesuan.process(path).tables["findings"]
    assert ((errors["rule"] == "share") & errors["message"].str.contains("47")).any()


def test_staff_written_with_spaces_and_the_departments_own_staff_in_an_evaluation():
    """编制数为 6人,其中:行政编制 2 人、事业编制 4 人 (spaces before the unit) is a whole and its parts; a sentence
    about the department itself (本部门…) is read in the 绩效 section too (a contents list can put the 部门概况
    inside it), a project's team there is not."""
    from juesuan.extract.narrative import staffing_facts
    from juesuan.extract.sections import Section
    facts = staffing_facts(document_from_text("一、部门概况\n编制数为 6人,其中:行政编制 2 人、事业编制 4 人。"))
    assert {(f.metric, f.value) for f in facts} == {("staff.authorized", 6), ("staff.authorized.administrative", 2),
                                                   ("staff.authorized.public_institution", 4)}
    doc = document_from_text("五、部门绩效评价情况\n本部门行政编制362人,实有人数347人。\n区档案中心核定编制3人。")
    facts = staffing_facts(doc, {"other.performance": Section("other.performance", "部门绩效评价情况", 1, 3)})
    assert {(f.metric, f.value) for f in facts} == {("staff.authorized.administrative", 362), ("staff.actual", 347)}


@pytest.mark.parametrize("other, summed", [("", True), ("，管理编制2个", False)])
def test_a_kind_no_word_knows_keeps_its_wholes_parts_from_being_added_up(other, summed, tmp_path):
    """编制数21个 over its four kinds (19 of them) and 管理编制2个: the fifth kind is the whole's .other, so the four
    are not added up to 21 (a false error); without it the same four fall short and are said."""
    import juesuan
    text = f"某某局2023年度部门决算\n一、部门概况\n本部门编制数21个，其中行政编制数5个，参公编制2个，事业编制10个，机关工勤编制2人{other}。\n"
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    findings = juesuan.process(path).tables["findings"]
    assert ((findings["rule"] == "sum.parts") & (findings["subject"] == "staff.authorized")).any() == summed


def test_a_share_after_a_figure_not_read_is_not_the_last_subjects():
    """一般公共预算财政拨款收入3277.62万元,占48.53%,2019年结转3476.69万,占收入总额的51.47%: the second share is of the
    carry-over (written 万, not read), not of 一般公共预算财政拨款收入 (a false same_figure error on 大英县人民法院's
    first reading); the first one stays."""
    got = facts("一般公共预算财政拨款收入3277.62万元,占收入决算总额48.53%,2019年结转3476.69万,占收入总额的51.47%。",
                "income", 2019)
    shares = {(m, v) for m, measure, v in got if measure == "share"}
    assert shares == {("income.general_budget", 48.53)}


LIYANG = ("某某镇中学2016年部门决算公开\n一、部门职能职责\n某某镇中学是县教育局设立的一所义务教育阶段学校。\n二、部门收支概况\n"
          "1、收入决算:2016年决算数3181.33万元,其中:公共预算财政拨款收入3165.33万元,政府性基金预算拨款收入16.00万元。\n"
          "三、一般公共决算拨款支出情况\n(一)基本支出:3093.38万元。其中1、工资福利支出2338.13万元,2、商品和服务支出76.54万元,"
          "3、对个人和家庭补助支出678.71万元。\n四、“三公”经费情况\n2016年“三公”经费支出2.5万元。主要是公务接待费。\n")


def test_lines_under_headings_no_signature_knows_are_read_though_other_sections_are_found(tmp_path):
    """Only the “三公” section is known: the income and its funds under 二、部门收支概况 are read all the same
    (unsectioned: of which funds is not said, so no error rests on them), never left unread."""
    import juesuan
    path = tmp_path / "r.txt"
    path.write_text(LIYANG, encoding="utf-8")
    result = juesuan.process(path).tables
    got = {(m, v, a) for m, v, a in zip(result["facts"]["metric"], result["facts"]["value"], result["facts"]["attach"])}
    assert {("income.gross", 3181.33, "unsectioned"), ("income.general_budget", 3165.33, "unsectioned"),
            ("income.gov_fund", 16.0, "unsectioned"), ("economic.wages", 2338.13, "unsectioned")} <= got
    path.write_text(LIYANG.replace("3165.33", "3175.33"), encoding="utf-8")  # parts past their whole: said, unsure
    findings = juesuan.process(path).tables["findings"]
    assert findings[findings["severity"] == "error"].empty


@pytest.mark.parametrize("text, expected", [
    ("2018年收入737615447元,支出743452949.21元,因人员工资调整略有增加。", {("income.gross", 73761.5447)}),
    ("公务接待费5万元。收入较上年增加1万元。", set()),  # 收入 alone: any item's, not the year's
])
def test_income_right_after_its_year_is_the_years(text, expected):
    got = {(m, round(v, 4)) for m, measure, v in facts(text, "overview", 2017) if m in ("income.gross", "expenditure.gross")}
    assert got == expected


def test_the_overview_reads_the_income_and_spending_words_where_their_sections_exist_too(tmp_path):
    """一、收入支出情况总体说明 lists 1. 财政拨款收入 … 2. 事业收入 …, and 二、收入决算情况说明 follows: the overview's
    items are read (before, only where no 收入/支出 section was found)."""
    import juesuan
    text = ("某某初中2016年度部门决算\n第三部分 某某初中2016年度部门决算情况说明\n一、收入支出决算总体情况说明\n"
            "2016年度收入、支出总计3666.34万元。其中:\n(一)收入总计3666.34万元。包括:\n"
            "1. 财政拨款收入3629.02万元,为当年从区级财政取得的拨款\n2. 事业收入37.32万元,为财政安排的预算外收入。\n"
            "二、收入决算情况说明\n本校本年收入合计3666.34万元。\n")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    facts_ = juesuan.process(path).tables["facts"]
    assert {("income.fiscal", 3629.02), ("income.business", 37.32)} <= set(zip(facts_["metric"], facts_["value"]))


def test_a_comparison_with_the_budget_set_before_the_subject_is_not_the_years_change():
    """与年初预算相比，收、支总计各增加96.21万元，增长40.63%；与上年决算相比，收、支总计各增加107.58万元: the first
    against the budget (two false same_figure errors on 巴彦淖尔市妇联 2022's first reading), the second the year's."""
    got = facts("2022年度收入、支出决算总计665.96万元。与年初预算相比,收、支总计各增加96.21万元,增长40.63%,变动原因:追加预算;"
                "与上年决算相比,收、支总计各增加107.58万元,增长47.7%。", "overview", 2021)
    assert {("total", "budget_change", 96.21), ("total", "budget_growth", 40.63), ("total", "change", 107.58),
            ("total", "growth", 47.7)} <= got
    assert ("total", "change", 96.21) not in got


@pytest.mark.parametrize("opening", ["收入较上年决算数增加", "收入比上年增加"])
def test_a_clause_that_opens_with_one_side_speaks_of_that_sides_total(opening):
    """收入总计…，支出总计…。收入较上年增加…；支出较上年增加…: each change to its own side, not to the
    last total named (支出总计) — a growth checked against the wrong base is a false finding."""
    from helpers import extract_text, facts_set

    got = facts_set(extract_text(
        "某校2020年度部门决算\n一、收入支出决算总体情况说明\n2020年度收入总计1308.76万元，支出总计1259.45万元。"
        f"{opening}635.12万元，增长94.3%，主要原因是：有土地置换补偿款收入。支出较上年决算数增加585.81万元，增长87.0%。"))
    assert {("total.income", "current", "change", 635.12), ("total.income", "current", "growth", 94.3),
            ("total.expenditure", "current", "change", 585.81), ("total.expenditure", "current", "growth", 87.0)} <= got


def test_reception_counts_go_to_the_kind_their_clause_names():
    """国内接待费603万元，共计接待3837批次，37861人次；国(境)外接待费89万元，共计接待152批次，1817人次: the
    domestic and the foreign counts apart (not two statements of the whole), the amounts kept; the groups and
    their persons, and the cars bought."""
    from helpers import extract_text, facts_set

    got = facts_set(extract_text(
        "2015年某市本级“三公”经费决算情况\n其中,因公出国(境)经费326万元,共组织因公出国(境)团组17个,105人次;"
        "公务用车购置费131万元,购置用车6辆;公务接待费692万元,其中国内接待费603万元,共计接待3837批次,37861人次;"
        "国(境)外接待费89万元,共计接待152批次,1817人次。"))
    assert {("three_public.overseas.groups", "current", "count", 17), ("three_public.overseas.persons", "current", "count", 105),
            ("three_public.vehicle.purchased", "current", "count", 6),
            ("three_public.reception.domestic", "current", "amount", 603), ("three_public.reception.foreign", "current", "amount", 89),
            ("three_public.reception.domestic.batches", "current", "count", 3837),
            ("three_public.reception.domestic.persons", "current", "count", 37861),
            ("three_public.reception.foreign.batches", "current", "count", 152),
            ("three_public.reception.foreign.persons", "current", "count", 1817)} <= got
    assert not any(m == "three_public.reception.batches" for m, *_ in got)


def test_a_kuan_of_the_basic_spending_is_not_the_sangong_whole():
    """会议费（款）支出66.72万元, 公务接待费（款）支出16万元 among the 基本支出's 商品和服务支出: that class's 经济分类 款,
    not the meetings' or the 三公's whole (443.50 in the 三公 table) — read as neither, never compared with them."""
    from helpers import extract_text, facts_set

    got = facts_set(extract_text(
        "某部门2017年度部门预算\n一、部门预算情况说明\n2.商品和服务支出（类）支出 1,131.92 万元。主要包括：\n"
        "（7）会议费（款）支出 66.72 万元。用于单位会议。\n（8）公务接待费（款）支出 16 万元。用于公务接待。\n"
        "（11）公务用车运行维护费（款）支出 156.60 万元。用于车辆运行。"))
    assert not {m for m, *_ in got} & {"meeting_fee", "three_public.reception", "three_public.vehicle.operation"}
