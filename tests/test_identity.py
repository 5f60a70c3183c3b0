"""What a document is (kind, year, department), read from its own words: titles in other orders and
broken over lines, labelled fields, table captions, an approval's addressee; no phrase of a report
taken for a name; the file name only as a last resort, and said so. Then every real sample."""

from __future__ import annotations

import csv
import re

import pytest
from real_samples import REAL

from juesuan.extract.identity import APPROVAL, identify, organisation
from juesuan.model.document import Document, Grid
from juesuan.pipeline import identify_file, process
from juesuan.read.simplified import to_simplified
from juesuan.read.text import document_from_text


def ident(text: str, name: str = "x.txt", grids: tuple = ()):
    doc = document_from_text(text, name)
    if grids:
        doc = Document(doc.path, doc.lines, grids=grids)
    return identify(doc, name)


@pytest.mark.parametrize("title, kind, year, department", [
    ("上海市普陀区财政局2024年度部门决算", "部门决算", 2024, "上海市普陀区财政局"),
    ("2026年度泉州市人民政府办公室部门预算", "部门预算", 2026, "泉州市人民政府办公室"),
    ("2026年\n广州市交通运输局部门预算", "部门预算", 2026, "广州市交通运输局"),  # a title broken over lines
    ("2026年深圳市交通运输局(本级)部\n门预算", "部门预算", 2026, "深圳市交通运输局"),
    ("杭州市交通运输局年度部门预算2026", "部门预算", 2026, "杭州市交通运输局"),
    ("上海市2026年市级单位预算\n预算单位:上海交通职业技术学院", "单位预算", 2026, "上海交通职业技术学院"),
    ("某某大学二〇二四年度部门决算", "部门决算", 2024, "某某大学"),
    ("2016年度某市发展和改革委员会部门决算说明", "部门决算", 2016, "某市发展和改革委员会"),
    ("第三部分 省人大办公厅2017年度预算公开", "部门预算", 2017, "省人大办公厅"),
    ("2019 年 度 江苏省人民检察院部门预算", "部门预算", 2019, "江苏省人民检察院"),  # spaced out on a cover
])
def test_a_title_in_any_order_gives_kind_year_and_department(title, kind, year, department):
    got = ident(title + "\n一、部门概况\n本部门主要职责是……")
    assert (got.kind, got.year, got.department) == (kind, year, department)
    assert got.where == {"kind": "文档", "year": "文档", "department": "文档"}


@pytest.mark.parametrize("above", ["长者版", "无障碍浏览 长者专版", "首页>政务公开>预算/决算>区教委", "公开范围: 面向社会",
                                   "时间:2021-08-31来源:规划财务科", "详细内容"])
def test_what_ends_the_line_above_the_title_is_no_part_of_its_name(above):
    # a web page's furniture, a breadcrumb's column, a field's value, its source: all a line of their own above
    got = ident(f"{above}\n重庆市綦江区中峰小学2023年部门预算情况说明\n一、单位基本情况\n本单位主要职责是……")
    assert (got.department, got.year, got.kind) == ("重庆市綦江区中峰小学", 2023, "部门预算")


@pytest.mark.parametrize("staff", ["部门事业编制22人,实际16人", "行政编制10名,实有人数9人", "核定编制15名"])
def test_a_department_named_only_as_the_subject_of_its_staff(staff):
    got = ident(f"2023年部门预算说明\n一、部门情况\n某某区档案馆{staff}。\n二、收入预算说明\n2023年收入预算100万元。")
    assert (got.department, got.year) == ("某某区档案馆", 2023)


@pytest.mark.parametrize("title, department", [
    ("中国共产党江苏省委员会\n办公厅2019年部门预算", "中国共产党江苏省委员会办公厅"),  # a name set over two lines
    ("上海市普陀区\n财政局2024年度部门决算", "上海市普陀区财政局"),
])
def test_a_name_set_over_two_lines_of_the_cover_stays_whole(title, department):
    assert ident(title + "\n一、部门概况\n本部门主要职责是……").department == department


@pytest.mark.parametrize("phrase", ["我部门没有下", "(五)附", "本单位无下", "(二)下", "本年附", "规规定", "(一)学校"])
def test_a_phrase_of_the_report_is_no_department(phrase):
    assert organisation(phrase) == ""


def test_a_department_from_the_captions_of_the_tables_when_the_cover_names_none():
    caption = Grid("page 5", (("表1 收支总表", "", ""), ("部门名称：杭州市公安局 单位：万元", "", ""),
                              ("项目", "预算数", "")))
    got = ident("第一部分 2026年度部门预算情况说明\n一、部门情况说明", grids=(caption, caption))
    assert got.department == "杭州市公安局" and got.kind == "部门预算" and got.year == 2026


def test_the_full_name_wins_over_a_short_one_read_as_often():
    got = ident("上海市普陀区财政局2024年度部门决算\n普陀区财政局2024年度部门决算编制范围……")
    assert got.department == "上海市普陀区财政局"


def test_the_title_year_outweighs_the_years_the_text_compares_with():
    text = "2026年深圳市人民政府口岸办公室部门预算\n" + "2025年深圳市人民政府口岸办公室部门预算执行情况……\n" * 8
    assert ident(text).year == 2026


def test_an_approval_notice_is_told_from_a_report_that_cites_one():
    notice = ("平潭综合实验区财政金融局关于批复 平潭县地震办2014年度部门决算的通知\n"
              "平潭县地震办:你部门报送的2014年度部门决算悉。现批复如下：……")
    got = ident(notice)
    assert got.kind == APPROVAL and got.year == 2014 and got.department == "平潭县地震办"
    citing = ("2017年度平潭综合实验区教育局部门决算说明\n按照《平潭综合实验区财政金融局关于批复2017年度部门决算的通知》"
              "（岚财金〔2018〕12号）要求，现将2017年度部门决算公开如下：")
    got = ident(citing)
    assert got.kind == "部门决算" and got.department == "平潭综合实验区教育局"


def test_the_file_name_only_as_a_last_resort_and_said_so():
    got = ident("一、部门概况\n本部门主要职责是……\n收入支出决算总体情况说明", "某区财政局2019年度部门决算.txt")
    assert got.kind == "部门决算" and got.year == 2019 and got.department == "某区财政局"
    assert got.where["year"] == got.where["department"] == "文件名"
    blank = ident("一、部门概况\n本部门主要职责是……", "W020240812.txt")
    assert blank.missing == ["kind", "year", "department"]


# ── every real sample: what its cover says it is ────────────────────────────────────────────────
def _named(name: str) -> tuple[str, int, str]:
    """Kind, year and department as the sample's file name gives them (the files were named by what
    their covers say): 2026年XX部门预算 / XX2024年度部门决算 / 2014_XX_部门决算."""
    stem = re.sub(r"\.\w+$", "", name.split("_", 1)[-1] if re.match(r"^\D+_", name) else name)
    m = re.search(r"(20\d\d)", stem)
    kind = re.search(r"(部门|单位)?(决算|预算)", stem)
    department = re.sub(r"20\d\d年?度?|(部门|单位)?(决算|预算).*|^_|_$", "", stem).strip("_")
    return ((kind[1] or "部门") + kind[2]) if kind else "", int(m[1]) if m else 0, department.split("_")[-1]


def _real_files():
    if not REAL.exists():
        return []
    files = sorted(REAL.glob("cities/*.pdf")) + sorted(REAL.glob("shanghai/*年度部门决算.pdf"))
    files += [p for p in sorted(REAL.glob("budget/*.pdf")) if re.search(r"上海", p.name)]
    return files


@pytest.mark.slow
@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name[:24])
def test_every_real_sample_says_what_it_is(path):
    kind, year, department = _named(path.name)
    got = identify_file(path)
    assert got.kind == kind and got.year == year
    key = lambda s: s.replace("（", "").replace("）", "").replace("(", "").replace(")", "").replace("本级", "")  # noqa: E731
    assert key(department) in key(got.department) or key(got.department) in key(department), got
    assert got.where["department"] == "文档"


@pytest.mark.slow
@pytest.mark.skipif(not REAL.is_dir(), reason=f"no real samples at {REAL}")
def test_the_pingtan_pages_say_what_they_are():
    """The nine 2014 approval notices are 批复; every other page a 部门决算 of its year and department."""
    rows = list(csv.DictReader((REAL / "pingtan" / "INDEX.tsv").read_text(encoding="utf-8").splitlines(),
                               delimiter="\t")) if REAL.exists() else []
    approvals = 0
    for path in sorted((REAL / "pingtan").glob("*.txt")):
        got = identify_file(path)
        year = int(path.name[:4])
        approvals += got.kind == APPROVAL
        assert got.year == year and got.department, (path.name, got)
    assert approvals == sum("批复" in r["doc_type"] for r in rows) == 9


def test_the_document_naming_itself_otherwise_is_found():
    from juesuan.extract.identity import name_variants

    lines = [(1, "上海市普陀区规划和自然资源局2024年度部门决算"),
             (7, "上海市规划和自然资源局 2024 年度部门决算表"),  # the district left out: another department
             (26, "上海市普陀区规划与自然资源局2024年度无政府性基金预算财政拨款收入和支出。"),  # 与 for 和
             (27, "2024年，普陀区规划和自然资源局所属各预算单位开支财政拨款的公务用车保有量为0辆。"),  # a short form
             (28, "根据上海市财政局2024年度部门决算编制要求")]  # another department altogether
    got = name_variants(lines, "上海市普陀区规划和自然资源局")
    assert got == [(7, "上海市规划和自然资源局"), (26, "上海市普陀区规划与自然资源局")]
    assert name_variants(lines, "") == []


def test_a_department_that_describes_itself_names_itself():
    text = "第一部分 部门概况\n一、部门职责\n示例市教育局属独立核算机关行政单位。\n北京市交通委员会所属事业单位为……"
    got = ident(text)
    assert got.department == "示例市教育局"


@pytest.mark.parametrize("title, kind, year, department", [
    # a page of the 三公 alone: what the figures are stands between the year and the kind
    ("示例县司法局2022年“三公”经费预算情况\n一、2022年一般公共预算“三公”经费支出预算表", "部门预算", 2022, "示例县司法局"),
    ("2023年某省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明", "部门决算", 2023, "某省财政厅"),  # a fund is no kind
    ("某市科技局2018年部门一般公共预算财政拨款“三公”经费支出决算情况说明", "部门决算", 2018, "某市科技局"),
    ("按照区政府工作部署，现将某某镇2020年度“三公”经费决算情况公布如下：", "部门决算", 2020, "某某镇"),
    ("某某镇2020年“三公”经费决算数共计35.5万元，比上年下降35.45%", "部门决算", 2020, "某某镇"),
    ("2019年某市环境保护局“三公”经费财政拨款预算安排389000元，比上年预算增56400元", "部门预算", 2019, "某市环境保护局"),
    ("2022年某区某乡人民政府(汇总)部门预算", "部门预算", 2022, "某区某乡人民政府"),  # a scope in brackets
    ("某县某乡中心学校部门2020年度部门决算", "部门决算", 2020, "某县某乡中心学校"),  # 部门 after the name
    ("首页\n某市规划局2018年部门预算", "部门预算", 2018, "某市规划局"),  # a web page's breadcrumb
    ("某县兴盛学区中心校2020年部门预算", "部门预算", 2020, "某县兴盛学区中心校"),
    # a title set over short lines; a list number before it
    ("天津市某区人民法院\n2017年度一般公共预算财政拨款\n“三公”经费决算情况说明", "部门决算", 2017, "天津市某区人民法院"),
    ("根据省财政厅通知要求，现将2021年度某某职业学院政府采购决算公开如下：", "部门决算", 2021, "某某职业学院"),
])
def test_a_title_naming_its_subject_gives_kind_year_and_department(title, kind, year, department):
    got = ident(title + "\n一、部门概况\n本部门主要职责是……")
    assert (got.kind, got.year, got.department) == (kind, year, department)


def test_a_name_after_the_number_of_a_part_is_the_name_alone():
    got = ident("相关文件:\n某县某乡人民政府2022年部门预算\n第一部分 概况\n第二部分 某县某乡人民政府2022年部门预算表\n"
                "(详见附表)\n第三部分 某县某乡人民政府2022年部门预算情况说明")
    assert got.department == "某县某乡人民政府"


@pytest.mark.parametrize("text, department", [
    ("2023年度部门决算情况说明\n一、部门基本情况\n示例中央商务区管理委员会（以下简称“本部门”）为区政府派出机构。",
     "示例中央商务区管理委员会"),
    ("目录\n第一部分 示例县示例乡人民政府概况\n一、主要职能\n2022年度部门决算表", "示例县示例乡人民政府"),
])
def test_a_report_without_a_named_title_names_itself_in_its_text(text, department):
    assert ident(text).department == department


def test_a_traditional_page_glossed_with_pinyin_reads_as_the_plain_page():
    glossed = "2018年湛江市質(zhì)量技術(shù)監(jiān)督局“三公”經(jīng)費(fèi)預(yù)算情況說(shuō)明\n公務接待費4萬元，比上年減少2萬元。"
    got = ident(to_simplified(glossed))
    assert (got.kind, got.year, got.department) == ("部门预算", 2018, "湛江市质量技术监督局")
    assert "(" not in to_simplified(glossed)


def test_a_final_accounts_report_with_no_figure_is_read_and_said_not_refused(tmp_path):
    path = tmp_path / "toc.txt"
    path.write_text("示例县审计局2020年部门决算\n目 录\n第一部分 部门概况\n第二部分 2020年部门决算表\n"
                    "一、收入支出决算总表\n第三部分 2020年部门决算情况说明\n", encoding="utf-8")
    result = process(path)
    assert (result.extraction.kind, result.extraction.year) == ("部门决算", 2020)
    assert any("未读出任何数字" in w for w in result.extraction.warnings)


def test_a_year_compared_with_is_not_the_documents():
    got = ident("某某镇2015年三公经费支出说明\n一、因公出国(境)经费\n2015年因公出国(境)费0万元，与2014年决算数持平。")
    assert (got.year, got.department) == (2015, "某某镇")


def test_a_page_of_the_sangong_that_names_no_kind_is_read_as_its_section(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("某某镇2015年三公经费支出说明\n一、公务接待费\n2015年公务接待费9.95万元，比2014年决算数下降5.5%。\n"
                    "二、公务用车购置及运行维护费\n2015年公务用车购置及运行维护费13.01万元，与2014年决算数持平。", encoding="utf-8")
    facts = process(path).tables["facts"]
    assert {("three_public.reception", 9.95), ("three_public.vehicle", 13.01)} <= set(zip(facts.metric, facts.value))


def test_a_report_that_opens_with_its_table_names_itself_in_its_first_sentence():
    got = ident("一、2020年“三公”经费支出预算表\n单位:万元\n项目\n预算数\n" * 3
                + "某市人民政府办公室2020年度“三公”经费支出预算为142.40万元，相比2019年预算增加90.92万元。")
    assert (got.kind, got.year, got.department) == ("部门预算", 2020, "某市人民政府办公室")


def test_the_name_a_report_gives_itself_is_an_organisations():
    from juesuan.extract.extraction import department_in
    doc = document_from_text("根据通知要求，现将2021年度某某职业学院政府采购决算公开如下：\n政府采购支出总额100万元。")
    assert department_in(doc) in ("", "某某职业学院")


@pytest.mark.parametrize("body, department", [
    ("第一部分 单位概况\n1.职能职责。\n某市第一中学创办于1906年,是省级重点中学。", "某市第一中学"),
    ("（二）机构设置\n某某街道办事处内设10个办公室:党政办公室、经济发展办公室。", "某某街道办事处"),
    ("二、机构设置\n本单位为行政单位。某某区人大常委会下设办公室、财政经济委员会。", "某某区人大常委会"),
])
def test_a_report_named_in_no_title_is_the_subject_its_description_opens_with(body, department):
    got = ident("目录\n一、部门概况\n二、2020年部门预算表\n" + body + "\n2020年部门预算收入100万元。")
    assert got.department == department


@pytest.mark.parametrize("body, department", [
    ("2020年部门预算收入100万元。", ""),  # 2020年部: 部 of 部门, no name
    ("2017年区政协委员运行经费财政拨款预算112.83万元。", "区政协"),  # not 区政协委|员
    ("内设机构12个:办公室、人事处、法制监督处。", ""),  # a list, not a name
    ("根据某某市财政局要求，现将预算公开如下。", ""),  # a name a lead word introduces is no opening
])
def test_no_phrase_a_sentence_opens_with_is_taken_for_the_department(body, department):
    assert ident("目录\n一、部门概况\n" + body).department == department


@pytest.mark.parametrize("text, kind", [
    # a 三公 page that never names its kind: a 决算 states its year's budget beside its 决算
    ("三公经费项目\n2015年度预算数\n5.23\n2015年度决算数\n6.94\n公务接待费用4万元。", "部门决算"),
    ("2015年度预算数5.23万元，2015年度决算数6.94万元。", "部门决算"),  # the first kind is not the page's
    # a budget states last year's 决算 beside its own year's 预算
    ("2021年三公经费决算20.12万元，2022年三公经费预算21.8万元，比上年增加1.68万元。", "部门预算"),
    # a report's page with no year beside a kind: the words its figures are called by (a fund's name is none)
    ("1. 基本支出预算 2476260.58 元,占一般公共预算支出的84.06%。\n2. 项目支出预算 469500 元。", "部门预算"),
    ("公务接待费4万元，比上年增加0.5万元。", ""),  # nothing says: not guessed
    # held to its budget (与预算相比, 完成年初预算): only a 决算 says so, though 预算 outnumbers 决算 in its words
    ("经营收入0.00万元。较2022年度决算数增加0.00万元，与去年相比无变化，与预算相比无变化。\n"
     "其他收入0.00万元，与预算相比无变化。", "部门决算"),
    ("“三公”经费支出2.05万元，年初预算为2.95万元。二、“三公”经费财政拨款支出与年初预算对比情况。"
     "其中：公务接待费支出2.05万元，完成年初预算的69.49%。", "部门决算"),
])
def test_a_page_that_never_names_its_kind_is_known_by_what_its_figures_are(text, kind):
    assert ident(text).kind == kind


def test_a_cover_that_names_both_kinds_leaves_it_to_the_documents_words():
    # the sentence above the title calls it a 预算; its title and sections are a 决算's
    got = ident("现将2021年部门预算公开如下:\n一、刘堡镇卫生院基本概况\n(二)机构设置情况(部门决算单位构成)\n"
                "二、刘堡镇卫生院2021年度部门决算情况说明\n(一)收入决算情况。2021年度，收入总计为415.26万元。")
    assert (got.kind, got.year, got.department) == ("部门决算", 2021, "刘堡镇卫生院")
    assert ident("2023年部门预算\n一、部门概况\n2022年部门决算数为100万元。").kind == "部门预算"  # one kind named


def test_a_scope_written_after_the_name_without_brackets_is_not_part_of_it():
    got = ident("殷祖卫生院\n发表日期:2023-02-02\n大冶市殷祖卫生院本级\n2023年部门预算公开情况说明\n一、单位主要职责")
    assert (got.kind, got.year, got.department) == ("部门预算", 2023, "大冶市殷祖卫生院")


def test_a_report_that_states_only_the_year_it_is_compared_with_is_of_the_year_after():
    from juesuan.extract.sections import report_year
    doc = document_from_text("5.经营收入 0.00 万,较 2022 年度决算数增加 0.00\n万元,增长 0%。\n"
                             "8.上年结转和结余 8.02 万元。较 2022 年度决算数增加 0.78 万元,增长 10.8%。")
    assert report_year(doc) == 2023
    # a year of its own, spaced out as a PDF sets it, outweighs it
    doc = document_from_text("(二)本单位 2024 年度总支出 125.08 万元,较 2022 年度决算数增加 19.68 万元。")
    assert report_year(doc) == 2024


def test_a_year_compared_with_does_not_outnumber_the_reports_own():
    from juesuan.extract.sections import report_year
    doc = document_from_text("本单位2021年度总收入581.45万元，较2020年度决算数减少175.26万元。\n"
                             "一般公共预算财政拨款收入382.17万元，较2020年度决算数减少157.86万元。\n"
                             "上级补助收入8.38万元，较2020年度决算数减少17.40万元。")
    assert report_year(doc) == 2021


def test_a_title_that_says_about_what_it_is_names_its_department_before_that():
    got = ident("六枝特区六盘水市第二中学关于2022年预算及“三公”经费预算公开的说明\n目录\n一、部门概况")
    assert (got.kind, got.year, got.department) == ("部门预算", 2022, "六枝特区六盘水市第二中学")


def test_an_autonomous_countys_department_is_one_with_its_short_name():
    from juesuan.extract.identity import same_department
    assert same_department("寻甸回族彝族自治县农业农村局", "寻甸县农业农村局")
    assert not same_department("寻甸回族彝族自治县农业农村局", "寻甸县教育体育局")


LECHANG = """一、 “三公”经费安排情况
2019
年本部门财政拨款安排“三公”经费 10.8 万元,比上年 增加1.30 万元, 增长13.68 %。其中:公务接待费 5.30 万元。
二、专业名词解释。
“三公”经费:指行政单位、事业单位用于因公出国(境)、公务用车购置及运行维护、公务接待的经费。
{signature}
{signed}
年3月7日"""


@pytest.mark.parametrize("signed, kind", [("2019", "部门预算"), ("2020", "部门决算"), ("2022", "")])
def test_a_page_that_names_neither_kind_is_known_by_the_date_it_is_signed_on(signed, kind):
    """A 决算 is made after its year ends: signed within the year its figures are of, a budget; the
    year after, its 决算; any other year says nothing. Its name from the signature above the date, its
    year from its figures (a web template sets the year it filled in apart from its 年)."""
    got = ident(LECHANG.format(signature="乐昌市审计局", signed=signed))
    assert (got.kind, got.year, got.department) == (kind, 2019, "乐昌市审计局")
    assert ident(LECHANG.format(signature="专业名词解释完毕", signed=signed)).department == ""  # no organisation's


TIANSHAN = """区级预算、决算、三公经费公开
某某市某某区2019年度“三公”经费公开说明
{dated}
2019年度某某区本级一般公共预算财政拨款“三公”经费公开说明
一、某某区本级预算单位、人员及车辆基本情况
2019年度某某区本级共127个一级预算部门,财政供养人员共计9,244人。
二、2019年度,某某区本级一般公共预算财政拨款三公经费支出合计585.53万元,同比减少144.92万元。"""


@pytest.mark.parametrize("dated, kind", [("2020-09-27 15:24:15    点击:[]", "部门决算"),
                                         ("发布时间:2019-03-02", "部门预算"), ("", "")])
def test_a_page_that_names_neither_kind_is_known_by_its_own_date(dated, kind):
    """预算单位 and 预算部门 name units, not a kind, and a breadcrumb names both kinds: the page's date
    says which — the year after its figures' year, their 决算; within it, their budget; none, none."""
    got = ident(TIANSHAN.format(dated=dated))
    assert (got.kind, got.year) == (kind, 2019)


def test_a_sites_name_above_the_title_is_no_part_of_the_departments():
    """The site's heading (深圳市罗湖区人民政府) on the line above a title that begins with its own place."""
    got = ident("深圳市某某区人民政府\n\n某某区审计局2024年度财政拨款“三公”经费支出决算情况\n来源:某某区审计局\n"
                "一、“三公”经费财政拨款支出决算总体情况说明")
    assert (got.kind, got.year) == ("部门决算", 2024)
    assert got.department.endswith("某某区审计局") and "人民政府" not in got.department


def test_a_web_pages_fields_above_its_title_are_no_part_of_its_name_nor_of_its_first_lines():
    """主题分类 卫生 / 公开范围 面向全社会 / XX2021年预算: the name begins after the page's fields; a page with many
    fields (索引号, 发布机构 … twice over) still has its title among its first lines."""
    got = ident("首页 > 政府信息公开 > 财政预决算\n索引号 002969720/2022-100191\n主题分类 卫生 体裁分类 其他\n"
                "公开范围 面向全社会\n宁波市鄞州区明楼街道社区卫生服务中心2021年预算\n第一部分 单位概况")
    # (单位预算: its 第一部分 单位概况 says whose, as the hand-read truth of the page does — docs/REAL.md)
    assert (got.kind, got.year, got.department) == ("单位预算", 2021, "宁波市鄞州区明楼街道社区卫生服务中心")
    fields = "".join(f"[ {f} ] | 某某 |\n" for f in ("索引号", "发文字号", "主题分类", "体裁分类", "发布机构", "发布日期",
                                                  "成文日期", "有效性") * 2)
    got = ident(f"您当前的位置: 首页>政务公开\n{fields}重庆市大足区昌州幼儿园 2021年度部门决算情况说明\n一、部门基本情况\n"
                + "2020年度收入合计100万元。\n" * 3)
    assert (got.kind, got.year, got.department) == ("部门决算", 2021, "重庆市大足区昌州幼儿园")


@pytest.mark.parametrize("text, department", [
    # a table's caption: the unit's code before its name, a cell's bar after it
    ("2025年部门预算信息公开目录\n部门预算公开表\n920平山县下口镇财政所 |\n预算年度:2025 |\n单位:万元 |", "平山县下口镇财政所"),
    # a description's subject after a connective
    ("13\n要原因是今年委托业务费不纳入行政运行经费进行核算。\n另外,梧州市民政局下属共有 6 个事业单位,事业运行经费"
     "总预算安排37337407.64元。\n2025年政府采购预算6429768.84元。", "梧州市民政局"),
    # a web page's links are no organisation
    ("2024年一般公共预算“三公”经费支出预算为14.01万元。\n国务院部门网站\n地方政府网站\n区县政府网站", ""),
])
def test_a_name_set_alone_or_after_a_connective_where_no_title_names_one(text, department):
    assert ident(text).department == department


def test_a_sentence_that_opens_with_its_subject_and_its_year_names_the_department():
    got = ident("第三部分 2018年度决算情况说明\n一、收入支出总体情况说明\n"
                "市档案局2018年度收入、支出总计1759.77万元，与上年相比收、支总计各增加75.43万元，增长4.2%。")
    assert (got.kind, got.year, got.department) == ("部门决算", 2018, "市档案局")


def test_a_title_that_writes_its_year_without_its_nian():
    got = ident("2016三公经费预算说明\n三公经费：2016-公务接待费42万元，其中业务接待22万元。")
    assert (got.kind, got.year) == ("部门预算", 2016)


@pytest.mark.parametrize("year", [2015, 2019])
def test_a_title_that_writes_its_year_after_its_kind(year):
    """眉山 (2014–2015): 眉山市人民检察院财政拨款“三公”经费预算2015年情况如下 — the year after the kind; the
    years the text compares with (2014年也未安排此项预算) are not the document's."""
    text = (f"某某市人民检察院财政拨款“三公”经费预算{year}年情况如下:\n一、因公出国(境)经费\n"
            f"{year}年某某市人民检察院未安排出国(境)计划,未安排出国(境)经费预算,{year - 1}年也未安排此项预算。\n"
            f"二、公务接待费\n{year}年某某市人民检察院安排公务接待费预算10万元,较{year - 1}年预算下降80%。\n"
            f"某某市人民检察院\n{year}年4月1日\n")
    found = identify(document_from_text(text), "page.txt")
    assert (found.kind, found.year, found.department) == ("部门预算", year, "某某市人民检察院")


@pytest.mark.parametrize("verb", ["贯彻落实全民义务植树的组织、动员", "承担全县古树名木普查工作", "履行全县绿化管理职责"])
def test_a_department_named_only_as_the_subject_of_its_duties(verb):
    """平陆 2019: no title names it; 一、部门主要职责 / 平陆县植树绿化服务中心贯彻落实全民义务植树的组织… — the
    subject of its duties is the department."""
    text = ("第一部分 概况\n一、部门主要职责\n"
            f"某某县植树绿化服务中心{verb},完成县人民政府交办的其他工作任务。\n"
            "第二部分 2019年度部门决算情况说明\n一、收入支出决算总体情况说明\n2019年度收入总计86.5万元。\n")
    found = identify(document_from_text(text), "page.txt")
    assert (found.kind, found.year, found.department) == ("部门决算", 2019, "某某县植树绿化服务中心")


@pytest.mark.parametrize("name", ["民宗局(外侨办)", "区委宣传部（区文明办）"])
def test_one_office_under_two_names(name):
    """民宗局(外侨办)2015年度“三公”经费财政拨款决算情况说明: one office under two names, the second in brackets."""
    assert organisation(name) == name.replace("(", "（").replace(")", "）")
    assert organisation("某某局（本级）") == "某某局"  # a scope in brackets is no second name
    assert organisation("皇家国际(中国)官方网站") == ""


@pytest.mark.parametrize(("sentence", "kind"), [
    ("2017年预算数3786.71万元,调整数4610.19万元,决算数4610.19万元,增加823.48万元。", "部门决算"),
    ("2023年预算数为100万元,比2022年决算数增加5万元。", "部门预算"),
    ("2023年收入预算100万元,比上年决算数增加5万元。", "部门预算")])
def test_a_years_budget_with_its_own_outturn_after_it_is_a_final_account(sentence, kind):
    """A page that never names its kind (page 2 of a mirrored 2017 决算): 2017年预算数…,调整数…,决算数… — its year's
    budget and outturn side by side; a budget's comparison with another year's 决算 is not."""
    text = f"某某局\n{sentence}\n一般公共预算财政拨款支出4603.07万元。\n"
    assert identify(document_from_text(text), "page.txt").kind == kind


@pytest.mark.parametrize("staff", ["核定某某区妇联机关事业编制11名", "经核定某某区妇联机关行政编制5名", "某某区妇联机关事业编制11名"])
def test_the_organ_whose_staff_is_counted_is_named_without_its_verb_or_its_jiguan(staff):
    """核定 opens the sentence before its subject; 机关 belongs to the staff counted (机关事业编制)."""
    got = ident(f"2021年部门预算说明\n一、单位基本情况\n{staff},财政供给人员17人。\n二、收入预算\n2021年收入预算100万元。")
    assert got.department == "某某区妇联"


@pytest.mark.parametrize("crumb", ["当前位置:首页 > 政府信息公开 > 财政信息 > 部门预算", "您的位置：首页>预决算公开>部门预算",
                                   "首页 > 信息公开 > 部门预算"])
def test_a_breadcrumb_above_the_title_says_nothing_of_the_kind_or_the_name(crumb):
    got = ident(f"{crumb}\n\n广西壮族自治区某某林场(广西某某救助服务指导中心)2022年单位预算公开\n\n目录\n第一部分 自治区某某林场概况\n"
                "第二部分 自治区某某林场2022年部门预算说明\n第四部分 自治区某某林场2022年单位预算报表\n"
                "自治区某某林场2022年单位预算说明\n一、收支预算总体情况\n2022年收支总预算4726.54万元。")
    assert got.kind == "单位预算" and got.year == 2022
    # the full name the title gives, though a short one is read more often: it ends with the short one but
    # for a second name in brackets
    assert got.department == "广西壮族自治区某某林场（广西某某救助服务指导中心）"


def test_a_long_form_and_its_short_form_are_one_department():
    from juesuan.extract.identity import same_department
    from juesuan.ingest.names import SAME, compare

    full, short = "重庆市万州区人民代表大会常务委员会办公室", "重庆市万州区人大常委会办公室"
    assert same_department(full, short) and compare(full, short) == SAME
    assert compare("某县中国人民政治协商会议委员会", "某县政协委员会") == SAME
    assert not same_department("重庆市万州区人大常委会办公室", "重庆市万州区人民政府办公室")


@pytest.mark.parametrize("words", ["部门及单位预算", "部门和单位预算"])
def test_a_department_and_its_units_budget_is_the_departments(words):
    got = ident(f"某某市职业技术教育中心2023年{words}信息公开\n第一部分 部门预算\n第二部分 部门所属单位预算")
    assert (got.kind, got.year, got.department) == ("部门预算", 2023, "某某市职业技术教育中心")


@pytest.mark.parametrize("title", ["洛阳市洛龙区龙祥小学2016部门决算", "洛阳市洛龙区龙祥小学2016年部门决算"])
def test_a_year_written_without_nian_before_the_kind(title):
    got = ident(f"部门决算\n{title}\n2017-09-15\n收入支出决算总表\n公开01表")
    assert (got.kind, got.year, got.department) == ("部门决算", 2016, "洛阳市洛龙区龙祥小学")


def test_a_policy_office_is_an_organisation():
    got = ident("2020年度部门决算说明\n一、单位基本情况\n(一)机构设置、职责。北京市人民政府研究室是承担综合性政策研究和咨询任务的市政府直属机构。")
    assert got.department == "北京市人民政府研究室"


@pytest.mark.parametrize(("full", "short"), [("洛阳市洛龙区文化广电新闻出版局", "洛龙区文广新局"),
                                             ("某某县发展和改革委员会", "某某县发改委"), ("某某县住房和城乡建设局", "某某县住建局")])
def test_a_bureau_written_short_is_the_same_bureau(full, short):
    from juesuan.extract.identity import same_department
    assert same_department(full, short)


def test_a_report_that_names_its_kind_is_read_though_nothing_in_it_is_understood(tmp_path):
    """A table flattened one cell a line (a web page's) gives no figure juesuan reads: the report is read all
    the same, and says so — never refused while its cover says it is a 决算."""
    cells = "\n".join(["收入支出决算总表", "公开01表", "单位:元", "项目", "行次", "金额", "一、财政拨款收入", "1", "5,604,878.83"])
    path = tmp_path / "page.txt"
    path.write_text(f"部门决算\n某某县某某小学2016部门决算\n2017-09-15\n{cells}\n", encoding="utf-8")
    result = process(path)
    assert result.meta["year"] == 2016 and result.meta["kind"] == "部门决算"
    assert any("未读出任何数字" in w for w in result.meta["warnings"])


def test_what_several_lines_above_the_title_end_with_is_no_part_of_its_name():
    got = ident("某某省某某商业学校2022年决算批复公开资料\n内容\n发送至邮箱\n某某省某某商业学校2022年决算批复公开资料\n详情见附件")
    assert (got.kind, got.year, got.department) == (APPROVAL, 2022, "某某省某某商业学校")


@pytest.mark.parametrize("title", ["某某学校2022年决算批复公开资料", "某某学校2022年度部门决算批复"])
def test_a_title_that_calls_the_document_the_approval(title):
    assert ident(f"{title}\n详情见附件").kind == APPROVAL


def test_a_report_citing_its_approval_in_running_text_is_no_approval():
    got = ident("某某学校2022年度部门决算说明\n根据区财政局2022年度决算批复要求，现将决算公开如下。\n一、收入支出决算总体情况")
    assert got.kind == "部门决算"


def test_a_page_field_before_the_title_is_no_part_of_the_name():
    got = ident("  • 索引号 11500114MB1574575A/2023-00006\n  • 文件标题 重庆市黔江区科技情报信息中心 2023年部门预算情况说明\n"
                "  • 发布机构 黔江区科技局\n重庆市黔江区科技情报信息中心 2023年部门预算情况说明\n一、单位基本情况")
    assert got.department == "重庆市黔江区科技情报信息中心"


def test_an_approval_whose_figures_are_not_understood_is_read_and_says_so(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("某某学校2022年决算批复公开资料\n详情见附件\n(注:以下内容为附件图片识别)\n部门: (略) 某某学校 金额单位:万元\n",
                    encoding="utf-8")
    result = process(path)
    assert result.meta["kind"] == APPROVAL and result.meta["year"] == 2022
    assert any("未读出任何数字" in w for w in result.meta["warnings"])


def test_a_page_that_only_says_what_a_year_spent_against_the_last_is_an_outturn():
    text = "2020年“三公”经费支出431万元,比上年累计支出433万元减少2万元,下降0.46%。其中,公务接待支出124万元,比上年累计支出148万元下降24万元。"
    assert ident(text).kind == "部门决算"
    assert ident(text.replace("支出431万元", "预算安排431万元")).kind != "部门决算"


def test_an_organ_described_by_the_powers_it_exercises():
    got = ident("一、部门基本情况\n(一)职能职责。\n某某工业园区管理委员会行使区政府赋予的经济管理权限,负责园区规划建设。\n"
                "二、2021年度部门决算情况说明\n2021年度收入总计100万元。")
    assert got.department == "某某工业园区管理委员会"


@pytest.mark.parametrize("line", ["我中心系省民政厅所属县级事业单位", "本局内设5个科室"])
def test_the_reports_word_for_itself_is_no_department(line):
    assert ident(f"现将2015年部门决算公开说明如下。\n一、基本情况\n{line}。\n二、收入支出决算总体情况").department == ""


def test_a_fields_label_is_no_part_of_the_name_and_empty_cells_are_no_cover():
    cells = "\n".join(["|"] * 20)
    got = ident(f"某某市中医院医改信息公开\n来源:卫计局\n日期:2018-01-16\n2017年收支决算总表 |\n{cells}\n"
                "编制单位:某某市中医院[单户表] |\n金额单位:元 |")
    assert got.department == "某某市中医院"
    assert organisation("编制部门:庐江县第二中学") == "庐江县第二中学"
    assert organisation("主管部门|大英县司法局部门|实施单位|大英县司法局") == ""


def test_a_sentence_that_names_a_kind_is_no_title_and_the_file_is_refused(tmp_path):
    from juesuan.model.errors import ReportError

    path = tmp_path / "x.txt"
    path.write_text("这不是一份部门决算报告。\n", encoding="utf-8")
    with pytest.raises(ReportError, match="not a final-accounts report"):
        process(path)


@pytest.mark.parametrize("title", ["部门预算项目支出绩效自评表(2023年度)", "某某中心2023年度项目支出绩效单位自评报告"])
def test_a_projects_self_evaluation_is_an_outturn(title):
    assert ident(f"{title}\n项目名称 | 某某项目 |\n主管部门 | 某某局 |").kind == "部门决算"


def test_a_budget_whose_contents_list_a_self_evaluation_stays_a_budget():
    assert ident("某某局2024年部门预算\n目录\n一、部门概况\n二、2023年度项目支出绩效自评表\n").kind == "部门预算"


def test_a_label_beside_its_value_in_a_flattened_table():
    got = ident("部门预算项目支出绩效自评表(2023年度) | |\n项目名称 | 某某项目 |\n主管部门 | 某某县司法局部门 | 实施单位 | 某某县司法局 |")
    assert got.department == "某某县司法局"
    # a web page's field beside its value says who published the page, not whose figures they are
    page = ident("索引号 | 0152-2017 | 发布机构 | 某某县财政局 |\n某某乡2017年“三公”经费财政拨款预算安排60万元。")
    assert page.department == "某某乡"


@pytest.mark.parametrize("text, department", [
    ("一、浙江省衢州第二中专概况\n（一）部门职责\n负责中等职业教育。\n2020年度部门决算收入合计100万元。", "浙江省衢州第二中专"),
    ("某某市第一职专2021年度部门决算\n一、基本情况", "某某市第一职专"),
    ("皖江江南新兴产业集中区(管委会)2024年\n一般公共预算“三公”经费预算\n“三公”经费预算为328.7万元。",
     "皖江江南新兴产业集中区（管委会）"),
    ("项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 实施单位 "
     "219001-池州市贵池区棠溪镇人民政府 项目资金 (万元) 年初预算数 90", "池州市贵池区棠溪镇人民政府"),
])
def test_names_of_schools_places_organs_and_coded_cells(text, department):
    """A 中专 by its short name; a place's organ with the organ in brackets; a department after its budget code
    in a table's cells run together (主管部门 219-XX)."""
    from juesuan.extract.identity import labelled
    ident = identify(document_from_text(text))
    assert ident.department == department or department in labelled(text)


@pytest.mark.parametrize("name", ["皖江江南新兴产业集中区（税务）", "某某新区（一期）", "中小学编制"])
def test_a_bracket_that_names_no_organ_makes_no_name(name):
    assert organisation(name) == ""


def test_a_title_that_lost_its_year_still_names_its_department():
    """德钦县司法局年度部门决算 (the year left out of the title) over a sentence that misspells the name beside
    a year (纳入的亲下你司法局2019年度部门决算编报的单位): the title's name, the sentence's year."""
    text = ("监督索引号53342200131501000\n德钦县司法局年度部门决算\n目录:\n第一部分 单位概况……(1)\n"
            "第二部分 2019年度部门决算表……(2)\n第三部分 2019年度部门决算情况说明……(3-13)\n第一部分 单位概况\n"
            "第四部分 其他重要事项及相关口径情况说明……(14)\n第五部分 名词解释……(14)\n第一部分 单位概况\n一、主要职能\n"
            "(一)主要职能\n本年本单位主要负责法律援助、依法治县工作、普法、社区矫正、人民调解、公证，并取得了显著成效。\n"
            "(二)2019年度重点工作任务介绍\n本年本单位主要负责法律援助、依法治县工作、普法、社区矫正、人民调解、公证。\n"
            "二、部门基本情况\n(一)部门决算单位构成\n"
            "纳入的亲下你司法局2019年度部门决算编报的单位共1个。其中:行政单位1个,为德钦县司法局。\n")
    ident = identify(document_from_text(text))
    assert (ident.kind, ident.year, ident.department) == ("部门决算", 2019, "德钦县司法局")


@pytest.mark.parametrize("text, department", [
    # a year set apart by a comma before the subject of a 三公 sentence
    ("一、“三公”经费财政拨款支出决算总体情况\n2016年,市人大“三公”经费预算为168.53万元,其中:因公出国(境)费39万元。", "市人大"),
    # a department with its units: the name ends before 及所属
    ("(一)公务接待费预算1.61万元。\n2017年,桂林市司法局及所属单位开支财政拨款的公务用车保有量为7辆。", "桂林市司法局"),
    # the organ a sentence says was set up, then describes
    ("目 录\n第一部分 2019年度部门决算报表\n一、部门职责\n经东城区机构编制委员会东编办【2014】3号设立北京市东城区人民法院,"
     "内设13个部门。", "北京市东城区人民法院"),
    # a code-marked value right after the cell before it (a table's cells run together in image text)
    ("附件: 项目支出绩效自评表 (2022年度) 项目名称 委托业务项目 主管部门 219-池州市贵池区棠溪镇人民政府 实施单位 "
     "219001-池州市贵池区棠溪镇人民政府 项目资金 (万元) 年初预算数 全年执行数", "池州市贵池区棠溪镇人民政府"),
    # every township, no one: not a name (nor a name with its bracket left open)
    ("2019年度某县“三公”经费支出决算情况\n2019年,各乡(镇)、县本级一般公共预算拨款安排的“三公”经费决算支出30万元。", ""),
])
def test_a_department_named_only_inside_a_sentence_or_a_field(text, department):
    assert ident(text).department == department


def test_implementing_unit_alone_is_not_the_department():
    """实施单位 ends in 单位: only a label of its own, not its last two characters, names the department."""
    assert ident("项目名称 某项目 实施单位 219001-某某镇卫生院 项目资金 (万元) 年初预算数 全年执行数").department == ""


def test_a_kind_named_in_passing_is_not_the_kind_of_the_years_figures():
    """2019年XX局“三公”经费决算情况说明 over a note citing 部门预算管理有关规定: a 决算."""
    got = ident("2019年普洱市审计局(本级)“三公”经费决算情况说明 | ||||\n|\n2019年普洱市审计局(本级)“三公”经费支出决算数为"
                "6.20万元。\n附件2:\n“三公”经费口径说明\n按照党中央、国务院有关文件及部门预算管理有关规定,“三公”经费包括…")
    assert (got.kind, got.year, got.department) == ("部门决算", 2019, "普洱市审计局")


def test_a_budgets_execution_is_its_outturn():
    """现将XX2016年决算和“三公”经费公开如下 / 二、2016年部门预算执行情况: a 决算, not a 预算."""
    got = ident("现将黔南州计划生育指导所2016年决算和“三公”经费公开如下:\n一、部门(单位)情况\n(一)主要职能\n控制人口数量。\n"
                "二、2016年部门预算执行情况\n1.预算完成率=(145.36/145.36)×100% =100%\n")
    assert (got.kind, got.year) == ("部门决算", 2016)


@pytest.mark.parametrize("heading, kind", [("一、单位基本情况\n二、单位决算收支情况说明", "单位决算"),
                                           ("一、部门基本情况\n二、部门决算收支情况说明", "部门决算"),
                                           ("一、基本情况\n二、收支情况说明", "部门决算")])
def test_whose_a_title_without_bumen_or_danwei_is_its_headings_say(heading, kind):
    """重庆市荣昌安富中学校2024年度决算公开说明: the unit's, where its headings call it a 单位; a 部门's by default."""
    got = ident(f"重庆市荣昌安富中学校2024年度决算公开说明\n{heading}\n本年收入合计100.00万元。")
    assert (got.kind, got.year, got.department) == (kind, 2024, "重庆市荣昌安富中学校")


@pytest.mark.parametrize("text, year, department", [
    # the place in a department's stead, before the year of its title
    ("江川县2017年“三公”经费决算情况统计表\n单位:万元\n项目 | 上年决算数 | 本年决算数 |\n合计 | 30.5 | 28.1 |", 2017, "江川县"),
    # the place whose 财政局 summed every department; the year of the table's columns (2015年决算数) is the last
    # year's, and its caption writes the county's own level after its name (石屏县县本级)
    ("根据省政府工作安排,经石屏县财政局汇总,县人民政府审定,石屏县本级部门2016年“三公”经费决算情况如下:\n"
     "石屏县县本级2016年度“三公”经费决算情况统计表\n项目 | 2015年决算数 | 2016年决算数 |\n合计 | 30.5 | 28.1 |",
     2016, "石屏县"),
    ("2019年市本级财政拨款“三公”经费情况说明\n根据市政府部署安排,经常德市财政局汇总,常德市本级部门2019年“三公”经费"
     "预算为1.2亿元。", 2019, "常德市"),
    ("经湖北省财政厅汇总,2018年省本级部门一般公共预算“三公”经费支出决算为3.5亿元。", 2018, "湖北省"),
])
def test_a_places_summed_sangong_is_the_places(text, year, department):
    """A page of a whole county's (city's, province's) 三公, summed by its 财政局: no department's, the place's."""
    got = ident(text)
    assert (got.year, got.department) == (year, department)


def test_a_department_that_its_finance_bureau_summed_keeps_its_own_name():
    got = ident("安宁市林业局2019年“三公”经费决算情况说明\n经安宁市财政局汇总,本局2019年“三公”经费支出12.5万元。")
    assert got.department == "安宁市林业局"


@pytest.mark.parametrize("kind_words, kind", [("部门(单位)预算", "部门预算"), ("部门（单位）决算", "部门决算")])
def test_a_title_of_the_department_and_its_units_names_the_department_over_its_short_name(kind_words, kind):
    """某某办公室2025年度部门(单位)预算 on the cover: its title, though its 概况's heading names it short."""
    got = ident(f"标 题 某某自治区党委政法委员会某某办公室2025年度{kind_words}\n目 录\n第一部分 区党委政法委部门概况\n"
                "一、主要职责\n第二部分 2025年部门预算表")
    assert (got.kind, got.year, got.department) == (kind, 2025, "某某自治区党委政法委员会某某办公室")
