"""A report as users download it in pieces: a text a PDF was turned into (lines broken at the page's
width), a page of a longer report whose headings are on other pages. What is understood is read; a
figure whose funds are not known (no section says) rests no error."""

from __future__ import annotations

import pytest
from helpers import understood

from juesuan.pipeline import process
from juesuan.read.text import document_from_text, unwrap


def _read(tmp_path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process(path)


WRAPPED = """—5—
(一)本单位2021年度总收入581.45万元,其中本年收
入390.55万元,较2020年度决算数减少175.26万元,下降31%。
收入具体情况如下。
1.一般公共预算财政拨款收入382.17万元,为市本级财政
当年拨付的资金。较2020年度决算数减少157.86万元,下降
29.2%,主要原因:一是军休人员自然减员减少下拨相应的
离退休费、生活补助及其他经费。
2.上级补助收入8.38万元,为事业单位开展业务活动取得
的收入。较2020年度决算数减少17.40万元,下降67.5%,主
要原因是军休人员自然减员减少下拨定期增资经费及其他
经费。
3.上年结转和结余190.89万元,为以前年度支出预算因客
观条件变化未执行完毕、结转到本年度按有关规定继续使用
的资金。较2020年度决算数减少7.63万元,下降3.8%。
"""


def test_a_text_broken_at_the_page_width_is_joined_into_its_sentences():
    lines = unwrap(WRAPPED.splitlines())
    assert "(一)本单位2021年度总收入581.45万元,其中本年收入390.55万元,较2020年度决算数减少175.26万元,下降31%。" in lines
    assert any(line.startswith("2.上级补助收入8.38万元") and line.endswith("经费。") for line in lines)
    assert "收入具体情况如下。" in lines  # a sentence's end is a line's end
    assert lines[0] == "—5—"  # a page number stays apart


def test_paragraphs_one_a_line_are_left_as_they_are():
    text = ["一、部门概况", "本部门主要职责是依法行使职权。" * 3, "二、收入支出决算总体情况说明",
            "2021年度收入总计100万元，支出总计100万元。与上年相比增加10万元，增长11.11%，主要原因是业务增加。",
            "三、收入决算情况说明", "本年收入合计90万元。", "其中：财政拨款收入80万元，占88.89%；其他收入10万元。"]
    assert unwrap(text) == text


def test_a_page_with_no_section_heading_is_read_and_no_error_rests_on_its_figures(tmp_path):
    # the parts add to 400.55, not the 390.55 stated: a sum that would be an error in a section of its own
    page = WRAPPED.replace("3.上年结转和结余190.89万元", "3.事业收入10.00万元") \
        + "(二)本单位2021年度本年支出480.71万元。\n1.基本支出400.00万元。其中，人员支出350.00万元，公用支出60.00万元。\n"
    result = _read(tmp_path, page, "page5.txt")
    facts = understood(result.tables["facts"])
    got = set(zip(facts.metric, facts.measure, facts.value))
    assert {("income", "amount", 390.55), ("income.general_budget", "amount", 382.17),
            ("income.higher_subsidy", "change", -17.4), ("expenditure", "amount", 480.71)} <= got
    assert set(facts.attach) <= {"unsectioned", "carried", "cause"}
    assert result.extraction.year == 2021
    findings = result.tables["findings"]
    assert not (findings.severity == "error").any()
    said = findings[findings.rule == "sum.parts"]
    assert len(said) and (said.severity == "warning").all() and said.message.str.contains("口径").all()


def test_the_parts_of_basic_spending_are_read_and_not_added_up(tmp_path):
    # a 基本支出 may count 对个人和家庭的补助 apart from its 人员支出 and 公用支出 (平潭 2016 东庠乡: 986.46
    # against 389.85 + 71.98): its parts as written are no sum to check
    text = ("某某局2021年度部门决算\n一、收入支出决算总体情况说明\n本年收入合计500万元，本年支出合计500万元。\n"
            "三、支出决算情况说明\n本年支出合计500万元，其中：基本支出400.00万元；项目支出100.00万元。"
            "基本支出中，人员支出350.00万元，公用支出60.00万元。\n")
    result = _read(tmp_path, text, "r.txt")
    facts = result.tables["facts"]
    assert {("expenditure.basic.personnel", 350.0), ("expenditure.basic.public", 60.0)} <= set(zip(facts.metric, facts.value))
    findings = result.tables["findings"]
    assert not findings.message.str.contains("人员支出").any()


@pytest.mark.parametrize("listed, errors", [
    # the page ends after the first class's 项: the items read are not the whole's parts
    ("1.社会保障和就业(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项):支出决算为67.64万元。", 0),
    # every class has its 项, and they do not add up to the whole: said
    ("1.社会保障和就业(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项):支出决算为67.64万元。\n"
     "2.卫生健康(类)公立医院(款)综合医院(项):支出决算为1190.00万元。", 1),
])
def test_the_items_of_a_list_cut_short_are_not_compared_with_the_whole(tmp_path, listed, errors):
    text = ("某某医院2020年度部门决算\n一、一般公共预算财政拨款支出决算情况说明\n（一）一般公共预算财政拨款支出决算总体情况\n"
            "2020年一般公共预算财政拨款支出1264.12万元。\n（二）一般公共预算财政拨款支出决算结构情况\n"
            "2020年一般公共预算财政拨款支出1264.12万元,主要用于以下方面:社会保障和就业支出67.64万元,占5.35%;"
            "卫生健康支出1196.48万元,占94.65%。\n（三）一般公共预算财政拨款支出决算具体情况\n" + listed + "\n")
    findings = _read(tmp_path, text, "r.txt").tables["findings"]
    said = findings[(findings.rule == "sum.functions") & (findings.subject == "general_budget")]
    assert (said.severity == "error").sum() == errors
    assert said.message.str.contains("未列出卫生健康支出的项").any() == (errors == 0)


def test_a_page_that_begins_in_a_section_reads_its_first_lines_too(tmp_path):
    # the 收入 section's heading is on the page before; the page's own headings follow its first lines
    text = ("2020年本年收入合计3765.66万元,其中:一般公共预算财政拨款收入1008.64万元,占26.79%;事业收入2148.69万元,占57.06%。\n"
            "三、支出决算情况说明\n2020年本年支出合计4021.94万元,其中:基本支出2719.24万元,占67.61%;项目支出1302.70万元,占32.39%。\n")
    facts = _read(tmp_path, text, "page3.txt").tables["facts"]
    got = {(m, v, a) for m, v, a in zip(facts.metric, facts.value, facts.attach)}
    assert {("income", 3765.66, "unsectioned"), ("income.business", 2148.69, "unsectioned"),
            ("expenditure", 4021.94, "named")} <= got
    assert list(facts.metric).index("expenditure") < list(facts.metric).index("income")  # a section's own first


def test_a_class_on_a_line_of_its_own_before_any_section_is_read_of_all_funds(tmp_path):
    rows = _read(tmp_path, WRAPPED + "1.社会保障和就业支出467.99万元:主要用于本单位在社会保障与就业方面的支出。较2020年度决算数减少"
                    "91.91万元,下降16.4%。\n", "page5.txt").tables["functions"]
    row = rows[rows.code == "208"].iloc[0]
    assert (row.amount, row.change, row.growth, row.origin) == (467.99, -91.91, -16.4, "all_funds")


def test_a_letter_spaced_line_reads_as_the_plain_one():
    from juesuan.read.text import unspaced
    assert unspaced("经 费 总预 算 安 排 37337407.64 元 , 其中 : 基 本 支出 预 算 488180.64 元") \
        == "经费总预算安排37337407.64元,其中:基本支出预算488180.64元"
    for plain in ("一般公共预算财政拨款收入 1008.64 万元，占 26.79%。",
                  "单位名称 经费性质 人员编制数 在职人数 某某局本级 财政核拨 389 373",  # words apart, not letters
                  "项目 上年数 本年数",  # a header's words: no character stands alone
                  "基本支出\t项目支出\t0.6768\t0.3232\t"):  # a chart's data: tabs part its cells
        assert unspaced(plain) == plain


def test_the_spaces_a_pdfs_line_ends_left_inside_words_are_dropped_in_prose(tmp_path):
    # a PDF copied onto one line: where each of its lines ended, a space — inside 三公 经费, 公 务, 支 出
    text = ("某某县人民法院 2019 年一般公共预算财政拨款“三公”经费支出决算情况说明 (一)一般公共预算财政拨款“三公”经费支出决算总体情"
            "况说明。 某某县人民法院 2019 年度一般公共预算财政拨款“三公” 经费支出预算为 58 万元,支出决算为 51.36 万元,完成预算的"
            " 88.6%。 (二)一般公共预算财政拨款“三公”经费支出决算具体情况说明。 某某县人民法院 2019 年度一般公共预算财政拨款“三公” "
            "经费支出决算中,因公出国(境)费支出决算 0 万元,占 0%;公 务接待费支出决算 13.2 万元,占 25.7%;公务用车购置及运行费支 "
            "出决算 38.16 万元,占 74.3%。" * 2)
    facts = _read(tmp_path, text, "r.txt").tables["facts"]
    got = {(m, s, v) for m, s, v in zip(facts.metric, facts.measure, facts.value)}
    assert {("three_public", "budget", 58.0), ("three_public", "amount", 51.36), ("three_public.reception", "amount", 13.2),
            ("three_public.vehicle", "amount", 38.16), ("three_public.vehicle", "share", 74.3)} <= got
    from juesuan.read.text import unspaced
    # a figure left out stays left out (总收入 万元); a page whose figures are not set apart is no PDF's copy:
    # its spaces part a heading from its text
    assert "总收入 万元" in unspaced("本部门 2014 年部门决算总收入 万元,本年收入 10 万元,占 50%。")
    plain = "2016年决算收支总体情况 潭城镇2016年部门年初结转和结余46.74万元。"
    assert unspaced(plain) == plain


@pytest.mark.parametrize("rate", ["下降-43.78%", "增长-43.78%", "下降43.78%"])
def test_a_minus_before_a_rate_says_a_fall_whatever_the_word(tmp_path, rate):
    text = ("某某局2018年度“三公”经费决算情况说明\n一、“三公”经费财政拨款支出决算总体情况\n"
            f"2018年度一般公共预算财政拨款“三公”经费支出决算为11.57万元,比2017年减少9.01万元,{rate}。\n")
    result = _read(tmp_path, text, "r.txt")
    facts = result.tables["facts"]
    assert list(facts[(facts.metric == "three_public") & (facts.measure == "growth")].value) == [-43.78]
    assert not len(result.tables["findings"].query("severity == 'error'"))


@pytest.mark.parametrize("share, errors", [("12.59", 0), ("21.59", 1)])
def test_a_bare_share_of_a_part_is_of_the_whole_its_line_stated_before(tmp_path, share, errors):
    text = ("某某中心2021年度部门决算\n一、收入支出决算总体情况说明\n"
            f"3.支出情况。本部门2021年度支出合计12638.86万元,较上年决算数增加5117.19万元。其中:基本支出1591.79万元,"
            f"占{share}%;项目支出11047.07万元,占87.41%。\n")
    findings = _read(tmp_path, text, "r.txt").tables["findings"]
    said = findings[(findings.rule == "share") & (findings.severity == "error")]
    assert len(said) == errors and all("基本支出" in m for m in said.message)
    # no whole stated before it on its line: of what, not said — no check
    alone = _read(tmp_path, text.replace("本部门2021年度支出合计12638.86万元,较上年决算数增加5117.19万元。", ""), "s.txt")
    assert not len(alone.tables["findings"].query("rule == 'share'"))


def test_level_with_the_budget_is_no_change_from_last_year(tmp_path):
    text = ("某某单位2023年度“三公”经费决算情况说明\n一、“三公”经费财政拨款支出决算总体情况说明\n"
            "2023年“三公”经费财政拨款支出决算为3.46万元,完成预算100%,较上年增加2.4万元,增长226.42%。"
            "决算数小于预算数(或与预算数持平)的主要原因是公务用车年久失修。\n")
    result = _read(tmp_path, text, "r.txt")
    facts = result.tables["facts"]
    changes = facts[(facts.metric == "three_public") & (facts.measure == "change")]
    assert list(changes.value) == [2.4]  # 持平 with the budget: budget_change, not a second change
    assert not len(result.tables["findings"].query("rule in ('same_figure', 'text.contradiction')"))


def test_spending_by_kind_in_the_structure_list_is_no_functional_class(tmp_path):
    text = ("某某学校2020年度部门决算\n(二)一般公共预算财政拨款支出决算结构情况\n"
            "2020年度财政拨款支出3611.81万元,主要用于以下方面:教育支出3000万元,占83.06%;基本支出3455.91万元,占95.68%;"
            "项目支出155.9万元,占4.32%。\n")
    result = _read(tmp_path, text, "r.txt")
    assert list(result.tables["functions"].name_in_source) == ["教育支出"]
    assert not len(result.tables["findings"].query("rule == 'function.code'"))


def test_a_completion_rate_is_held_to_the_words_said_of_its_own_subject(tmp_path):
    text = ("某某局2022年度“三公”经费决算情况说明\n一、一般公共预算财政拨款“三公”经费支出决算总体情况\n"
            "2022年度一般公共预算财政拨款“三公”经费支出预算为14.55万元,支出决算为39.01万元,完成年初预算的268%。"
            "其中:因公出国(境)费支出决算为0万元,完成预算的0%;公务接待费支出决算为11.64万元。"
            "2022年度一般公共预算财政拨款“三公”经费支出决算数{word}预算数的主要原因是业务工作增加。\n")
    for word, errors in (("大于", 0), ("小于", 1)):
        findings = _read(tmp_path, text.replace("{word}", word), f"{word}.txt").tables["findings"]
        said = findings[(findings.rule == "text.contradiction") & (findings.severity == "error")]
        assert len(said) == errors and all("268" in m for m in said.message)


def test_a_reports_own_beginning_is_not_read_as_a_page_that_opens_mid_section(tmp_path):
    # a work summary under 一、部门概况 names 事业收入 of something else: the report's beginning, not a
    # section's tail, so it is not read by the words that mean one thing anywhere
    text = ("某某镇2017年度部门决算\n一、部门概况\n(1)完成当年预算收支及医院事业收入3939.39万元.\n"
            "二、收入决算情况说明\n2017年本年收入合计3939.39万元。其中:一般公共预算财政拨款收入3692.99万元,占93.7%;"
            "事业收入171.05万元,占4.3%。\n")
    facts = _read(tmp_path, text, "r.txt").tables["facts"]
    assert list(facts[(facts.metric == "income.business") & (facts.measure == "amount")].value) == [171.05]


def test_a_paragraphs_short_last_line_ends_it_even_without_a_full_stop():
    full = "一般公共预算财政拨款收入382.17万元,为市本级财政当年拨付"
    lines = [full] * 6 + ["收入决算结构图", "2.上级补助收入8.38万元,为事业单位开展业务活动取得"]
    out = unwrap(lines)
    assert out[0].endswith("收入决算结构图") and out[1].startswith("2.上级补助收入")


def test_a_letter_spaced_text_broken_at_the_page_width_is_joined_then_read_plain():
    page = """(二)政府采购预算安排情况说明。
2025 年 政 府 采 购 预 算 6429768.84 元 , 同 比 增 加
2433505.07 元,增长 60.89%。其中:政府集中采购预算
3378990 元,占政府采购预算的 52.55%,同比增加 2092210
元,增长 162.59%;主要原因是增加了服务类政府采购、固
定资产政府采购等。分散采购 3050778.84 元,占政府采购
预算的 47.45%,同比增加 341295.07 元,增长 12.60%;主
要原因是增加了基建项目支出采购、公务用车购置。"""
    lines = [line.text for line in document_from_text(page).lines]
    assert lines[1].startswith("2025年政府采购预算6429768.84元,同比增加2433505.07 元,增长 60.89%")


@pytest.mark.parametrize("rate, errors", [("100", 0), ("101", 1)])
def test_less_than_or_equal_as_the_template_leaves_it_is_not_less_than(tmp_path, rate, errors):
    text = ("某某单位2023年度“三公”经费决算情况说明\n一、“三公”经费财政拨款支出决算总体情况说明\n"
            f"2023年“三公”经费财政拨款支出决算为3.46万元,完成预算{rate}%。决算数小于预算数(或与预算数持平)的主要原因是"
            "公务用车年久失修。\n")
    findings = _read(tmp_path, text, "r.txt").tables["findings"]
    said = findings[(findings.rule == "text.contradiction") & (findings.severity == "error")]
    assert len(said) == errors


LIXIAN = """XX中学2018年度部门决算公开
一、XX中学2018年度部门决算情况说明
(一)收入支出决算总体情况说明
2018年总收入3647.88万元。比上年增长12.16%。总支出3629.2万元,比上年增长11.64%。
(二)收入决算情况说明
2018年收入合计3647.88万元,其中:财政拨款收入 2150.48万元,事业收入1497.40万元。
(三)支出决算情况说明
2018年本年支出3629.2万元中,{fiscal}2131.80万元,占本年支出的58.74%。纳入专户管理的非税收入拨款支出1497.40万元,占本年支出的41.26%。
"""


@pytest.mark.parametrize("fiscal", ["财政拨款支出", "财政资金支出"])
def test_a_share_of_the_whole_said_of_a_part_the_reader_does_not_know_is_nobodys(tmp_path, fiscal):
    """本年支出3629.2万元中，X 2131.80万元，占本年支出的58.74%: the share is X's. Read as 财政拨款支出 where
    the words are known; where they are not, the share's subject is not the whole it is a share of
    (本年支出占本年支出 is no statement) — never an error against 本年支出."""
    result = _read(tmp_path, LIXIAN.format(fiscal=fiscal), "lixian.txt")
    facts = result.extraction.tables["facts"]
    shares = facts[facts["measure"] == "share"]
    assert not ((shares["metric"] == "expenditure") & (shares["base"] == "expenditure")).any()
    assert not (result.findings["severity"] == "error").any()
    if fiscal == "财政拨款支出":
        row = facts[(facts["metric"] == "fiscal_expenditure") & (facts["measure"] == "share")]
        assert row["value"].tolist() == [58.74] and row["base"].tolist() == ["expenditure"]


NO_YEAR = """一、基本情况
政协主要职能是政治协商、民主监督、参政议政，现有人数43人。
二、预算安排情况
预算总收入417.6万元，其中：经费拨款417.6万元。
预算总支出417.6万元，其中：基本支出237.6万元；项目支出180万元。
"""


def test_a_report_that_states_no_year_is_read_and_says_so(tmp_path):
    """No year anywhere (a 政协's budget page): read, not refused; the year is unknown (no output says
    None), the checks on years are not run, and a report filed under data/raw/<year>/ takes that year."""
    from juesuan.extract.extraction import NO_YEAR as SAID
    result = _read(tmp_path, NO_YEAR, "zx.txt")
    facts = result.extraction.tables["facts"]
    assert result.extraction.year is None and result.meta["year"] is None and result.extraction.kind == "部门预算"
    assert set(facts["metric"]) >= {"income", "income.fiscal", "expenditure", "expenditure.basic"}
    assert SAID in result.meta["warnings"]
    filed = tmp_path / "data" / "raw" / "2019" / "政协"
    filed.mkdir(parents=True)
    result = _read(filed, NO_YEAR, "zx.txt")
    assert result.extraction.year == 2019 and SAID not in result.meta["warnings"]
    assert any("data/raw/2019/" in w for w in result.meta["warnings"])


def test_the_command_writes_a_report_of_no_year_under_a_folder_that_says_so(tmp_path):
    from juesuan.cli import UNKNOWN_YEAR, default_out
    assert default_out(tmp_path / "zx.txt", None).parts[-2:] == (UNKNOWN_YEAR, "zx")
    assert default_out(tmp_path / "zx.txt", 2019).parts[-2:] == ("2019", "zx")


YIYANG = """五、一般公共预算财政拨款支出决算情况说明
(一)财政拨款支出决算总体情况
2020年度财政拨款支出3611.81万元,占本年支出合计的93.6 %。
(二)财政拨款支出决算结构情况
2020年度财政拨款支出3611.81万元,主要用于以下方面:基本支出3455.91万元,占95.68%;项目支出155.9万元,占4.32%;
(三)财政拨款支出决算具体情况
2020年度财政拨款支出年初预算数为1255.37万元,支出决算数为{outturn}万元,完成年初预算的100%。
"""


@pytest.mark.parametrize("outturn, errors", [("1255.37", set()), ("2112.86", {"completion", "same_figure"})])
def test_the_financial_aid_the_general_budgets_sections_name_is_what_they_say(tmp_path, outturn, errors):
    """财政拨款支出 in the 一般公共预算's sections (a school with no 政府性基金 says it for both): read as what it
    says (fiscal_expenditure), its 完成年初预算 held to the two figures its sentence states, its amount to
    the same figure stated above (益阳市第五中学 2020: 2112.86 for 3611.81, and 100 % for 168.31 %)."""
    page = "益阳市第五中学2020年度部门决算\n四、本年支出合计3858.81万元。\n" + YIYANG.format(outturn=outturn)
    if outturn == "1255.37":  # the consistent page: the same 财政拨款支出 throughout
        page = page.replace("3611.81", "1255.37")
    result = _read(tmp_path, page, "yiyang.txt")
    facts = result.extraction.tables["facts"]
    assert set(facts.loc[facts["metric"] == "fiscal_expenditure", "measure"]) >= {"amount", "budget", "completion"}
    found = result.findings[result.findings["severity"] == "error"]
    assert set(found["rule"]) == errors, found.to_string()


def test_the_financial_aid_sections_own_income_and_spending(tmp_path):
    """(二)财政拨款收入支出决算总体情况说明 stating the year's 财政拨款收入 and 财政拨款支出 with their changes: read,
    and each rate held to its own figures (沙坪坝区人民检察院 2016: 841.13 on 6954.57 is 13.76 %, not 13.36 %)."""
    page = ("重庆市某某区人民检察院2016年度部门决算\n二、部门决算情况说明\n(二)财政拨款收入支出决算总体情况说明\n"
            "本部门2016年度财政拨款收入6955.73万元,较上年决算数增加950.05万元,增长15.82%。\n"
            "本部门2016年度财政拨款支出6954.57万元,较上年决算数增加841.13万元,增长{rate}%。\n")
    for rate, errors in (("13.76", set()), ("13.36", {"growth"})):
        result = _read(tmp_path, page.format(rate=rate), "sp.txt")
        facts = result.extraction.tables["facts"]
        got = {(m, k) for m, k in zip(facts["metric"], facts["measure"])}
        assert {("income.fiscal", "change"), ("fiscal_expenditure", "growth")} <= got
        found = result.findings[result.findings["severity"] == "error"]
        assert set(found["rule"]) == errors, found.to_string()


def test_a_gross_income_whose_scope_the_words_do_not_say_is_held_to_no_total(tmp_path):
    """总收入 is the year's income on one page, the whole with the carry-over on another: its rate is held to
    nothing but its own sentence (垫江县殡仪馆 2020: 总收入较上年决算数增加819.06万元，增长195.2% — of 收入合计
    1238.61, not of 收入总计 1937.65)."""
    page = ("重庆市某县殡仪馆2020年度部门决算\n(一)收入支出决算总体情况说明\n"
            "1.收支总体情况。2020年度收入总计1,937.65万元,支出总计1,937.65万元。\n"
            "2.收入情况。2020年度收入合计1238.61万元,总收入较上年决算数增加819.06万元,增长195.2%。\n")
    result = _read(tmp_path, page, "dj.txt")
    facts = result.extraction.tables["facts"]
    assert set(facts.loc[facts["metric"] == "income.gross", "measure"]) == {"change", "growth"}
    assert not (result.findings["severity"] == "error").any(), result.findings.to_string()


@pytest.mark.parametrize("words", ["公共财政总收入", "地方总收入"])
def test_a_regions_revenue_in_a_work_summary_is_no_figure_of_the_report(tmp_path, words):
    """A finance bureau's work summary: 2016年公共财政总收入达到375747万元 is the region's, not the bureau's 总收入."""
    page = ("某某财政局2016年度部门决算说明\n一、收入支出决算总体情况说明\n"
            f"2016年{words}达到375747万元。本年收入2,390.36万元，本年支出4,379.65万元。\n")
    facts = understood(_read(tmp_path, page, "cz.txt").extraction.tables["facts"])
    assert 375747 not in set(facts["value"]) and 2390.36 in set(facts["value"])


def test_one_funds_financial_aid_is_not_all_of_it(tmp_path):
    """财政拨款总支出488.80万元，…政府性基金预算财政拨款支出0万元: the fund's 0, not 财政拨款支出's (澧县澧州幼儿园 2017:
    a false error on the first reading of a page taken in after the session's last change)."""
    page = ("澧县某幼儿园2017年度部门决算\n(三)2017年度支出决算情况\n2017年本年支出488.80万元中,财政拨款支出488.80万元,占本年支出的100%。\n"
            "(四)2017年度财政拨款收入支出决算总体情况\n财政拨款总支出488.80万元,一般公共预算财政拨款支出488.80万元,"
            "政府性基金预算财政拨款支出0万元。\n")
    result = _read(tmp_path, page, "lz.txt")
    facts = result.extraction.tables["facts"]
    assert 0.0 not in set(facts.loc[facts["metric"] == "fiscal_expenditure", "value"])
    assert not (result.findings["severity"] == "error").any(), result.findings.to_string()


BUDGET_CLASSES = ("某某中心2025年部门预算公开说明\n一、收支预算总体情况说明\n2025年支出总预算1085203.63元。\n"
                  "二、支出预算情况说明\n(一)文化旅游体育与传媒支出类科目 850088.3 元,占支出总预算 {share}%,同比减少 54357.12 元,下降 6.00 %。\n"
                  "(二)社会保障和就业支出类科目 235115.33 元,占支出总预算 21.67 %,同比增加 16803.36 元,增长 7.70%。\n")


@pytest.mark.parametrize(("share", "errors"), [("78.33", 0), ("88.33", 1)])
def test_a_budget_classs_share_of_its_named_whole_is_held_to_it(tmp_path, share, errors):
    """占支出总预算78.33%: 850088.3 ÷ 1085203.63; a share planted 10 points off is said."""
    result = _read(tmp_path, BUDGET_CLASSES.format(share=share), "ys.txt")
    found = result.findings[result.findings["rule"] == "share"]
    assert len(found) == errors, result.findings.to_string()


def test_a_budget_classs_bare_share_is_not_held_to_a_whole_it_does_not_name(tmp_path):
    """杭州 2026: 城乡社区（类）支出211,000.00万元，占95.2% — of one fund's spending, not of the 支出总预算."""
    page = BUDGET_CLASSES.format(share="78.33").replace("占支出总预算 78.33%", "占95.2%")
    result = _read(tmp_path, page, "ys.txt")
    assert result.findings[result.findings["rule"] == "share"].empty, result.findings.to_string()


XINZHOU = """第一部分 概况
某某小学是某某市教育局直属的财政全额拨款事业单位。
第三部分 2018年度部门决算情况说明
一、2018年度部门决算收支增减情况说明
2018年度总支出1095.67万元比2017年度总支出1060.87万元增加34.80万元,主要是拆迁补偿款用于校园绿化。
二、2018年度一般公共预算收入支出决算情况
2018年度一般公共预算收入总计1085.31万元,本年支出1070.67万元,年末结转和结余30.65万元。
2018年度一般公共预算财政拨款安排的“三公”经费支出决算总额为5.48万元。
四、2018年度本单位 “三公”经费决算情况
无公务用车购置和运行费。
"""


def test_statements_under_headings_no_signature_knows_are_read_with_their_funds_unknown(tmp_path):
    """忻州 2018: 第三部分 …部门决算情况说明 holds headings in words no template here uses; what they state is
    read with the words that mean one thing anywhere (no error rests on it). What a sentence says of one
    fund (一般公共预算收入总计…,本年支出…) is not the department's: not read; its “三公”经费 is."""
    result = _read(tmp_path, XINZHOU, "xz.txt")
    facts = understood(result.extraction.tables["facts"])
    got = {(m, v) for m, v in zip(facts["metric"], facts["value"])}
    assert ("expenditure.gross", 1095.67) in got and ("three_public", 5.48) in got
    assert not {1085.31, 1070.67, 30.65} & set(facts["value"])
    assert set(facts.loc[facts["value"] == 1095.67, "attach"]) == {"unsectioned"}


@pytest.mark.parametrize("whose", ["人员经费", "公用经费"])
def test_a_bare_income_and_spending_named_after_another_thing_is_that_things(tmp_path, whose):
    """云阳 疾控 2023: 收支较上年决算数增加128.63万元,…主要原因是2023年人员经费收支减少13.25万元 — 人员经费's
    收支, not the department's (three false errors on the page's first reading)."""
    page = ("某某中心2023年度决算公开说明\n(一)收入支出决算总体情况说明。\n2023年度收入总计2828.33万元,支出总计2828.33万元。"
            f"收支较上年决算数增加128.63万元,增长4.76%,主要原因是2023年{whose}收支减少13.25万元,项目经费收支增加141.88万元。\n")
    result = _read(tmp_path, page, "yy.txt")
    facts = result.extraction.tables["facts"]
    assert list(facts.loc[(facts["metric"] == "total") & (facts["measure"] == "change"), "value"]) == [128.63]
    assert not (result.findings["severity"] == "error").any(), result.findings.to_string()


def test_a_list_of_classes_cut_off_is_not_added_up_and_its_one_decimal_share_is_as_written(tmp_path):
    """浮山中学 2022 (a page cut there): 教育支出(类)4836.62万元,占81.4%;社会保障和就业 — the list is not whole,
    and 81.4 % is 4836.62 ÷ 5939.19 = 81.44 % as one decimal writes it. The same list whole is added up."""
    head = ("某某中学2022年度单位决算\n(二)一般公共预算财政拨款支出决算结构情况。\n2022年度一般公共预算财政拨款支出5939.19万元,"
            "主要用于以下方面:教育支出(类)4836.62万元,占81.4%;")
    cut = _read(tmp_path, head + "社会保障和就业\n", "fs.txt").findings
    assert not (cut["severity"] == "error").any(), cut.to_string()
    assert cut["message"].str.contains("截断").any()
    whole = _read(tmp_path, head + "社会保障和就业支出(类)1000万元,占16.8%。\n", "fs2.txt").findings
    assert (whole["rule"] == "sum.functions").any() and (whole["severity"] == "error").any()


def test_a_budget_class_stated_without_a_share_beside_one_with_it_is_read(tmp_path):
    """A 类 of all funds whose share is not read (written after its change, 增长7.70%,占比21.67%) beside one
    with it: both read, the one without held to nothing (a crash on a run over an earlier batch's pages)."""
    page = BUDGET_CLASSES.format(share="78.33").replace(",占支出总预算 21.67 %", "").replace("增长 7.70%。", "增长 7.70%,占比 21.67%。")
    result = _read(tmp_path, page, "ys.txt")
    functions = result.extraction.tables["functions"]
    assert {"207", "208"} <= set(functions["code"])
    assert result.findings[result.findings["rule"] == "share"].empty, result.findings.to_string()


def test_reception_counts_written_after_their_amount(tmp_path):
    """瓦马乡 2017: 国内公务接待35.9万元,共计265批次,3180人次;国(境)外公务接待0万元,共计0批次,0人次 — the counts
    after the amount are the reception's (a warning said they were missing)."""
    page = ("某某乡2017年“三公”经费决算支出情况说明\n2017年全乡“三公”经费决算汇总数为35.9万元。其中:公务接待费35.9万元,"
            "其中:国内公务接待35.9万元,共计265批次,3180人次;国(境)外公务接待0万元,共计0批次,0人次。\n")
    result = _read(tmp_path, page, "wm.txt")
    facts = result.extraction.tables["facts"]
    got = dict(zip(facts["metric"], facts["value"]))
    assert got["three_public.reception.domestic.batches"] == 265 and got["three_public.reception.domestic.persons"] == 3180
    assert got["three_public.reception.foreign.batches"] == 0
    assert not result.findings["message"].str.contains("国内公务接待批次").any(), result.findings.to_string()


WUZHOU_ITEMS = """五、一般公共预算支出情况说明
2021 年一般公共预算拨款支出 1493924.6 元,其中:基
本支出 1440224.6 元,项目支出 53700 元,具体支出预算如
下:
(一)一般公共预算支出按支出功能分类科目划分。
机构运行 1100910.5 元,其中:基本支出 1100910.5 元,
项目支出 0元。主要用于事业单位日常运转和各项科技活动
工作等方面的支出。
机关事业单位基本养老保险缴费支出 150384 元,其中:
基本支出 150384 元,项目支出 0元。主要用于机关事业单
位人员基本养老保险缴费支出。
"""


def test_a_line_broken_after_qizhong_goes_on_with_its_parts():
    """梧州 2021: 机关事业单位基本养老保险缴费支出 150384 元,其中: / 基本支出 150384 元,… — the parts on the next
    line are that item's; set apart, 基本支出 150384 元 was read as the budget's own (15.04 against 144.02)."""
    lines = unwrap(WUZHOU_ITEMS.splitlines())
    assert any(line.startswith("机关事业单位基本养老保险缴费支出 150384 元,其中:基本支出 150384 元") for line in lines)
    assert not any(line.startswith("基本支出") for line in lines)


ITEMS_ONLY = """一般公共服务(类)党委办公厅(室)及相关机构事务(款) 其他党委办公厅(室)及相关机构事务支出(项):支出决算为3万元,完成预算100%,决算数与预算数持平。
国防支出(类)国防动员(款)其他国防动员支出(项):支出决算为2万元,完成预算100%,决算数与预算数持平。
城乡社区(类)城乡社区管理事务(款)一般行政管理事务(项):支出决算为32万元,完成预算100%,决算数与预算数持平。
"""


def test_a_page_of_the_items_alone_is_read_and_no_error_rests_on_them(tmp_path):
    """大英 (page 2 of a 决算 article): nothing but its 具体情况's items, no heading, no year — read, marked
    `unsectioned` (of which funds, no section says), the report filed as of unknown year; before, refused."""
    result = _read(tmp_path, ITEMS_ONLY, "page.txt")
    functions = result.extraction.tables["functions"]
    items = functions[functions["level"] == "项"]
    assert set(items["code"]) == {"2013199", "2030699", "2120102"}
    assert set(functions["attach"]) == {"unsectioned"}
    assert not (result.findings["severity"] == "error").any()


@pytest.mark.parametrize(("before", "read"), [("2016年", True), ("全年", True), ("机关运行经费", False)])
def test_income_and_spending_said_by_their_kind(tmp_path, before, read):
    """太原 小店区 路灯管理所 2016: 2016年收入决算205.27万元,比上年收入决算221.17万元减少15.9万元 — the year's
    income said by its kind (whether with the carry-over, not said: income.gross); 机关运行经费支出决算 is that cost's."""
    page = (f"某某所2016年度部门决算补充说明\n1、{before}收入决算205.27万元,比上年收入决算221.17万元减少15.9万元,减少率为7.19%。\n"
            f"2、{before}支出决算205.27万元。\n")
    facts = _read(tmp_path, page, "ld.txt").extraction.tables["facts"]
    got = set(zip(facts["metric"], facts["measure"], facts["value"]))
    assert (("income.gross", "amount", 205.27) in got) is read
    assert (("expenditure.gross", "amount", 205.27) in got) is read
    assert not read or ("income.gross", "change", -15.9) in got


@pytest.mark.parametrize(("whole", "read"), [("本年支出合计", True), ("一般公共预算财政拨款支出", False)])
def test_a_part_read_without_its_section_is_the_part_of_the_whole_before_it(tmp_path, whole, read):
    """汕头大学医学院 2016: 2016年我院支出合计26,994.72万元,其中基本支出12,270.36万元 — no heading found; 基本支出
    is 本年支出's part (metrics.csv: its parent), named after it. After the 一般公共预算's spending it would be that
    fund's, which no metric holds as a part: not read."""
    page = (f"某某学院2016年部门决算情况公开\n2016年支出构成情况\n2016年{whole}26,994.72万元,其中基本支出12,270.36万元,"
            "占总支出的45.46%,项目支出14,724.36万元。\n")
    facts = understood(_read(tmp_path, page, "st.txt").extraction.tables["facts"])
    got = set(zip(facts["metric"], facts["value"]))
    assert (("expenditure.basic", 12270.36) in got) is read and (("expenditure.project", 14724.36) in got) is read
    assert 12270.36 not in set(facts.loc[facts["metric"] != "expenditure.basic", "value"])


def test_a_heading_that_lost_its_first_word_is_not_another_sections():
    """大英 郪口小学 2020 (a page that lost characters): 一、 入支出决算总体情况说明 — not the 支出 section, whose
    vocabulary then read its 收、支总计 and 本年收入 as nothing."""
    from juesuan.extract.sections import heading_key
    from juesuan.model.document import make_line
    assert heading_key(make_line(1, "一、 入支出决算总体情况说明")) is None
    assert heading_key(make_line(1, "三、支出决算情况说明"))[0] == "expenditure"


def test_a_sentence_that_opens_with_a_year_and_a_budget_is_no_title(tmp_path):
    """津市五中 2016 (a year-end analysis with no title): 我校2016年收入预算总额为6488440元,…2016年预算中财政补助收入为
    6404400元…年末决算中…财政补助收入为9589412.13元 — the first sentence was taken for a title of a page about
    收入, the page for the 收入 section, and the year's budget and outturn for one figure stated twice: a false
    error on the page's first reading. A title states no amount."""
    page = ("一、单位情况:\n某某中学是一所义务教育学校。\n二、收入支出预算执行情况分析\n"
            "我校2016年收入预算总额为6488440元,其中,人员经费为6157140元,2016年预算中财政补助收入为6404400元,其他收入为80000元。"
            "2016年年末决算中收入总数为9657351.13元,其中财政补助收入为9589412.13元。\n")
    result = _read(tmp_path, page, "js.txt")
    assert not (result.findings["severity"] == "error").any(), result.findings.to_string()
    assert set(understood(result.extraction.tables["facts"])["attach"]) <= {"unsectioned", "cause", "carried"}


@pytest.mark.parametrize("written, value", [("1,206", 1206.0), ("1206", 1206.0)])
def test_a_count_written_with_its_thousands_reads_whole(tmp_path, written, value):
    """A district's staff and cars (财政供养人员共计9,244人, 其他用车1,318辆): the thousands separator is
    the number's, as in an amount."""
    text = (f"2019年度部门决算\n一、部门基本情况\n本部门编制人数120人，实有人员{written}人，其中：在职人员1,100人，"
            f"离退休人员106人。公务用车保有量{written}辆。\n")
    facts = _read(tmp_path, text, "page.txt").tables["facts"]
    got = dict(zip(facts["metric"], facts["value"]))
    assert got["staff.actual"] == value and got["three_public.vehicle.owned"] == value
    assert got["staff.actual.established"] == 1100.0


@pytest.mark.parametrize("compared", ["较上年", "相较于上年", "相比于上年", "与上年相比"])
def test_a_three_public_change_against_last_year_however_compared(tmp_path, compared):
    """相较于上年 as 较上年 (the figure's subject is named before it, whatever the comparison's words)."""
    text = ("2022年一般公共预算“三公”经费决算执行情况说明\n"
            "本部门2022年“三公”经费决算数合计为100.86万元,其中:因公出国(境)费0万元、公务用车购置费39.25万元、"
            "公务用车运行维护费47.38万元、公务接待费14.23万元、会议费34.10万元、培训费51.37万元。\n"
            f"2022年“三公”经费决算数{compared}增加27.76万元。\n")
    facts = _read(tmp_path, text, "page.txt").tables["facts"]
    got = {(m, s): v for m, s, v in zip(facts["metric"], facts["measure"], facts["value"])}
    assert got[("three_public", "change")] == 27.76


def test_a_figure_another_sections_words_name_is_read_where_it_stands(tmp_path):
    """政府性基金预算财政拨款支出 under the 一般公共预算 heading, 上年结转和结余 under 收入决算 and 实有15人 in the
    unit's description: each read by the words that mean one thing wherever they stand — as unsectioned,
    so no error rests on them."""
    text = ("2017年度部门决算\n一、单位基本概况\n我单位下设办公室等4个科室,核定编制19人,实有15人,无退休人员。\n"
            "二、2017年度部门决算情况说明\n(一)收入决算情况。\n2017年度上年结转和结余1万元,本年收入288.49万元。\n"
            "(四)一般公共预算财政拨款支出决算情况。\n2017年度本单位支出288.13万元。其中:一般公共预算财政拨款支出235.49万元。"
            "2017年度政府性基金预算财政拨款支出52.65万元,与上年相比增加52.65万元。\n")
    facts = _read(tmp_path, text, "page.txt").tables["facts"]
    got = {(r.metric, r.measure): (r.value, r.attach) for r in facts.itertuples()}
    assert got[("gov_fund", "amount")] == (52.65, "unsectioned")
    assert got[("carryover.opening", "amount")] == (1.0, "unsectioned")
    assert got[("general_budget", "amount")] == (235.49, "named")
    assert got[("staff.actual", "count")][0] == 15.0


def test_a_three_public_word_among_an_economic_classs_items_is_its_item(tmp_path):
    """公务接待费0.35万元 in 商品和服务支出's list is that class's 款, not the 三公's whole (121.86 elsewhere):
    not read as the 三公's, so no two statements of it disagree."""
    text = ("2015年度部门决算\n一、公共财政拨款支出决算情况\n2015年度公共财政拨款支出368.33万元。\n"
            "(二)商品和服务支出77.69万元,其中办公费9.36万元,因公出国(境)费用34.17万元,公务接待费0.35万元。\n"
            "二、“三公”经费公共财政拨款支出决算情况\n2015年度“三公”经费公共财政拨款支出181.62万元,其中因公出国(境)费121.86万元,"
            "公务接待费26.59万元,公务用车运行维护费33.17万元。\n")
    facts = _read(tmp_path, text, "page.txt").tables["facts"]
    three = facts[facts["metric"].str.startswith("three_public")]
    assert set(three["value"]) >= {181.62, 121.86, 26.59} and not {34.17, 0.35} & set(three["value"])


@pytest.mark.parametrize("said, change", [("增支119万元", 119.0), ("减支119万元", -119.0)])
def test_spending_raised_or_cut_is_a_change(tmp_path, said, change):
    """增支/减支 (spending raised, cut) as 增加/减少: its rate is then checked against it."""
    text = f"2018年部门预算\n2018年度“三公”经费支出预算为962万元,较2017年预算增长14.5%,{said}。\n"
    facts = _read(tmp_path, text, "page.txt").tables["facts"]
    got = {(m, s): v for m, s, v in zip(facts["metric"], facts["measure"], facts["value"])}
    assert got[("three_public", "change")] == change


@pytest.mark.parametrize("text, read", [
    ("决算数合计为1000.86万,其中", [("1000.86", "万", 1000.86)]),
    ("共计2.5亿。", [("2.5", "亿", 25000.0)]),
    ("国内公务接待支出0.39万(含外宾接待支出0.00万元)", [("0.39", "万", 0.39), ("0.00", "万元", 0.0)]),
    ("增加4.66万元,", [("4.66", "万元", 4.66)]),
    ("服务群众3万人次,建筑面积93.5万平方米,投入200万余", []),  # a count, an area, an approximation: no amount
    ("2018年支出总计668万", []),  # a page cut off inside its figure: 668万 may be 668.xx万元
])
def test_wan_or_yi_without_its_yuan_is_an_amount_only_before_no_word(text, read):
    from juesuan.model.numbers import AMOUNT, parse_number, to_wanyuan
    got = [(m["num"], m["unit"], to_wanyuan(parse_number(m["num"]), m["unit"])) for m in AMOUNT.finditer(text)]
    assert got == read


def test_a_total_written_in_wan_without_yuan_is_read(tmp_path):
    """鄂城区2022年的“三公"经费决算数合计为1000.86万 (its 元 left out): the 三公's whole, as 1000.86万元."""
    text = ("2022年一般公共预算“三公”经费决算执行情况说明\n"
            "本区2022年的“三公”经费决算数合计为1000.86万,其中:因公出国(境)费0万元、公务用车购置费399.25万元、"
            "公务用车运行维护费472.38万元、公务接待费129.23万元。\n")
    facts = _read(tmp_path, text, "page.txt").tables["facts"]
    whole = facts[(facts["metric"] == "three_public") & (facts["measure"] == "amount")]
    assert list(whole["value"]) == [1000.86] and list(whole["unit_in_source"]) == ["万"]
