"""The rules on the report's wording: each fires on a planted case and is silent on the samples."""

import pytest
from helpers import EDUCATION, SHIPPED, read, replace_once

import juesuan

SHIP = read(SHIPPED)


def findings(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    f = juesuan.process(path).tables["findings"]
    return f[f["rule"].str.startswith(("text.", "document.required", "document.incomplete"))]


@pytest.mark.parametrize("source", [SHIPPED, EDUCATION], ids=["shipped", "education"])
def test_silent_on_the_samples(tmp_path, source):
    assert findings(tmp_path, read(source)).empty


PLANTS = {
    "a share without its % sign": ("占67.68%", "占67.68", ("text.percent_sign", "warning", 43)),
    "a three-digit year in a heading": ("　第二部分 2023年度部门决算", "　第二部分 202年度部门决算", ("text.year", "error", 24)),
    "another year in a heading": ("　第二部分 2023年度部门决算", "　第二部分 2021年度部门决算", ("text.year", "warning", 24)),
    "a placeholder left in": ("区政府办公室机关运行经费支出", "XX办公室机关运行经费支出", ("text.placeholder", "warning", 125)),
    "等于预算数 with a completion that is not 100 %": (
        "支出决算为60.5万元，完成预算100%，决算数等于预算数", "支出决算为60.5万元，完成预算101%，决算数等于预算数",
        ("text.contradiction", "error", 87)),
    "持平 with a change": ("增加1.49万元，增长33.63%。", "增加1.49万元，与上年持平。", ("text.contradiction", "error", 116)),
    "no 国内公务接待 批次 and 人次": ("国内公务接待31批次，612人次", "国内公务接待多批次", ("document.required", "warning", 104)),
    "a repeated paragraph with another number": ("副主任3名", "副主任4名", ("text.repeated", "error", 179)),
    "no 公务用车保有量": ("截至2023年12月底，单位共有公务用车1辆", "截至2023年12月底", ("document.required", "warning", 102)),
    "a change against the report's own year": ("2023年度收、支总计1050.28万元。与2022年相比", "2023年度收、支总计1050.28万元。与2023年相比",
                                               ("text.base_year", "warning", 27)),
    "the template's note to its filler left in": (
        "2023年一般公共预算支出决算数为1050.28万元，完成预算100%。",
        "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：\n"
        "2023年一般公共预算支出决算数为1050.28万元，完成预算100%。", ("text.instruction", "warning", 81)),
    "完成年初预算 of a nought 年初预算": (
        "2023年一般公共预算支出决算数为1050.28万元，完成预算100%。",
        "2023年一般公共预算财政拨款支出年初预算为0万元，全年预算为1050.28万元，支出决算为1050.28万元，"
        "完成年初预算的100%。", ("text.contradiction", "warning", 81)),
    "大于预算数 where the 决算 is below its 年初预算": (
        "支出决算为10万元，完成预算100%，决算数等于预算数", "年初预算为12万元，支出决算为10万元，决算数大于预算数的主要原因：追加",
        ("text.contradiction", "error", 85)),
    "the report's own title a year off": ("　第二部分 2023年度部门决算", "　第二部分 2022年度部门决算", ("text.year", "warning", 24)),
    "holdings at the end of another year": ("截至2023年12月底，单位共有公务用车1辆", "截至2022年12月底，单位共有公务用车1辆",
                                            ("text.year", "warning", 114)),
}


def test_a_final_account_held_to_its_own_years_budget_is_no_slip_of_the_year(tmp_path):
    said = replace_once(SHIP, "2023年度收、支总计1050.28万元。与2022年相比", "2023年度收、支总计1050.28万元。与2023年度预算相比")
    assert "text.base_year" not in set(findings(tmp_path, said)["rule"])
    slip = replace_once(SHIP, "2023年度收、支总计1050.28万元。与2022年相比", "2023年度收、支总计1050.28万元。与2023年度决算相比")
    assert "text.base_year" in set(findings(tmp_path, slip)["rule"])


def test_the_relation_said_between_a_budget_and_its_accounts_is_read_both_ways(tmp_path):
    """小于 where the 决算 is below the 年初预算 is what the figures say: nothing to report."""
    f = findings(tmp_path, replace_once(SHIP, "支出决算为10万元，完成预算100%，决算数等于预算数",
                                        "年初预算为12万元，支出决算为10万元，决算数小于预算数的主要原因：节约"))
    assert "text.contradiction" not in set(f["rule"]), f.to_string()


def test_a_sentence_that_announces_its_account_is_no_instruction(tmp_path):
    f = findings(tmp_path, replace_once(SHIP, "2023年一般公共预算支出决算数为1050.28万元，完成预算100%。",
                                        "现将有关情况作如下说明：2023年一般公共预算支出决算数为1050.28万元，完成预算100%。"))
    assert "text.instruction" not in set(f["rule"])


@pytest.mark.parametrize("area", ["学校占地面积51.16亩", "占地51.16亩", "建筑占用面积32.79公顷", "占本年支出合计的93.6 %"])
def test_an_area_or_a_sign_after_a_space_is_no_share_without_its_sign(tmp_path, area):
    f = findings(tmp_path, replace_once(SHIP, "一、部门（单位）基本情况", f"一、部门（单位）基本情况\n{area}。"))
    assert "text.percent_sign" not in set(f["rule"]), f.to_string()


@pytest.mark.parametrize("plant", list(PLANTS))
def test_each_rule_fires_on_its_plant(tmp_path, plant):
    old, new, (rule, severity, line) = PLANTS[plant]
    f = findings(tmp_path, replace_once(SHIP, old, new))
    assert (rule, severity, line) in set(zip(f["rule"], f["severity"], f["line"])), f.to_string()


def test_a_repeated_paragraph_names_both_places(tmp_path):
    f = findings(tmp_path, replace_once(SHIP, "副主任3名", "副主任4名", occurrence=2))
    row = f[f["rule"] == "text.repeated"].iloc[0]
    assert row.lines == "179;19" and "3/4" in row.message


def test_an_empty_section_is_named(tmp_path):
    body = "2023年，区政府办公室机关运行经费支出85.22万元，比2022年减少9.8万元，下降10.31%，主要原因是厉行节约，减少支出。"
    f = findings(tmp_path, replace_once(SHIP, body, ""))
    assert list(f["message"]) == ["章节为空：机关运行经费支出情况（标题之下没有内容）"]
    assert list(f["severity"]) == ["warning"]


@pytest.mark.parametrize("used_for,in_basic,in_project,said", [
    ("主要用于：财政业务指导与宣传等基本支出。", 0.0, 10.0, True),
    ("主要用于：财政业务指导与宣传等项目支出。", 0.0, 10.0, False),
    ("主要用于：人员经费等基本支出和业务项目支出。", 0.0, 10.0, False),  # both named: not told
    ("主要用于：日常运转。", 0.0, 10.0, False),
    ("主要用于：机关运转的项目支出。", 10.0, 0.0, True),
    ("主要用于：机关运转等基本支出。", 6.0, 4.0, False),  # the table has both
])
def test_a_项_called_basic_that_the_table_puts_in_projects(used_for, in_basic, in_project, said):
    import pandas as pd

    from juesuan.check.context import Context
    from juesuan.check.text import text_rules

    functions = pd.DataFrame([{"code": "2010602", "level": "项", "name": "一般行政管理事务", "name_in_source": "一般行政管理事务",
                               "amount": in_basic + in_project, "line": 65, "text": f"2、一般行政管理事务（项）。{used_for}"}])
    cell = {"table": "05", "kind": "gb", "title": "一般公共预算财政拨款支出决算表", "row": "一般行政管理事务", "code": "2010602",
            "level": "项", "unit_in_source": "万元", "sheet": "第15页", "text": ""}
    appendix = pd.DataFrame([{**cell, "column": "合计", "value": in_basic + in_project, "cell": "E8"},
                             {**cell, "column": "基本支出", "value": in_basic, "cell": "F8"},
                             {**cell, "column": "项目支出", "value": in_project, "cell": "G8"}])
    tables = pd.DataFrame([{"table": "05", "kind": "gb", "title": cell["title"], "sheet": "第15页", "status": "data",
                            "unit_in_source": "万元", "columns": "合计;基本支出;项目支出", "rows": "2010602"}])
    context = Context({"functions": functions, "appendix": appendix, "appendix_tables": tables, "facts": pd.DataFrame(
        columns=["metric", "period", "measure", "value", "unit_in_source", "base", "line", "text"])})
    found = [f for f in text_rules([], 2024, context) if f.rule == "text.basic_or_project"]
    assert [(f.severity, f.line) for f in found] == ([("warning", 65)] if said else [])


@pytest.mark.parametrize("listed,said", [
    ("基本工资、津贴补贴、退休费", []),
    ("基本工资、津贴补贴、退休费、个人农业生产补贴", ["个人农业生产补贴"]),  # listed, nothing spent on it
    ("基本工资、津贴补贴", ["退休费"]),  # spent on, left out
    ("基本工资、津贴补贴、离休费等", []),  # an open list: the template's, not this department's
    ("基本工资、津贴补贴、退休费、伙食补助费", []),  # written 0.00: may be a few 元 rounded away
])
def test_the_items_人员经费_mainly_consists_of_against_the_basic_table(listed, said):
    import pandas as pd

    from juesuan.check.context import Context
    from juesuan.check.text import text_rules

    text = f"一般公共预算财政拨款基本支出100.00万元。其中：人员经费100.00万元，主要包括：{listed}；公用经费0万元。"
    facts = pd.DataFrame([{"metric": "general_budget.basic.personnel", "period": "current", "measure": "amount",
                           "value": 100.0, "unit_in_source": "万元", "base": "", "line": 76, "text": text}])
    cell = {"table": "06", "kind": "gb_basic", "title": "一般公共预算财政拨款基本支出决算表", "level": "款",
            "column": "人员经费/决算数", "unit_in_source": "万元", "sheet": "第16页", "cell": "", "text": ""}
    rows = (("30101", "基本工资", 60.0), ("30102", "津贴补贴", 30.0), ("30106", "伙食补助费", 0.0), ("30302", "退休费", 10.0))
    appendix = pd.DataFrame([{**cell, "code": code, "row": name, "value": value} for code, name, value in rows])
    tables = pd.DataFrame([{"table": "06", "kind": "gb_basic", "title": cell["title"], "sheet": "第16页", "status": "data",
                            "unit_in_source": "万元", "columns": "人员经费/决算数", "rows": ";".join(r[0] for r in rows)}])
    context = Context({"facts": facts, "appendix": appendix, "appendix_tables": tables})
    found = [f.message for f in text_rules([], 2024, context) if f.rule == "text.basic_list"]
    assert len(found) == len(said) and all(name in message for name, message in zip(said, found)), found


@pytest.mark.parametrize("rows,said", [
    ([("2210201", "住房公积金", 20, "主要用于：事业单位医疗保险支出。")], True),  # another 类's 项
    ([("2210201", "住房公积金", 20, "主要用于：为职工缴存住房公积金。")], False),
    ([("2101102", "事业单位医疗", 20, "主要用于：事业单位医疗保险缴费。")], False),  # its own
    ([("2080505", "机关事业单位基本养老保险缴费支出", 20, "主要用于：机关事业单位职业年金缴费支出。")], False),  # same 类
    ([("2210201", "住房公积金", 20, "主要用于：事业单位医疗保险支出。"),
      ("2101102", "事业单位医疗", 20, "主要用于：事业单位医疗保险支出。")], False),  # one line, several 项
])
def test_a_purpose_copied_from_another_item(rows, said):
    import pandas as pd

    from juesuan.check.context import Context
    from juesuan.check.text import text_rules

    functions = pd.DataFrame([{"code": c, "level": "项", "name": n, "name_in_source": n, "amount": 1.0, "line": line,
                               "text": f"{n}（项）。{used}"} for c, n, line, used in rows])
    found = [f for f in text_rules([], 2024, Context({"functions": functions})) if f.rule == "text.purpose"]
    assert bool(found) == said


def test_a_finding_on_a_line_of_a_pdf_says_its_page():
    """A wording rule places its finding on a line: in a PDF the reader is told the page and the line on
    it; a table's cell and a line the map does not hold are left as they are."""
    from juesuan.check import _on_pages

    assert _on_pages("28;第7页!第32行第2列;5", {28: (7, 1)}) == "第7页第1行;第7页!第32行第2列;5"
    assert _on_pages("", {28: (7, 1)}) == ""


def test_a_page_number_run_into_a_repeated_paragraph_is_no_other_figure(tmp_path):
    """A mirrored 2017 决算 (its page break: 2 / 2017年预算数…, run together as 22017年…) repeats a paragraph:
    the same figures, the page's number before the year — no slip."""
    para = "2017年预算数3786.71万元,调整数4610.19万元,决算数4610.19万元,增加823.48万元,主要原因是人员增加,工资调整。"
    text = replace_once(SHIP, "　第二部分 2023年度部门决算", f"{para}\n2{para}\n　第二部分 2023年度部门决算")
    f = juesuan.process(_write(tmp_path, text)).tables["findings"]
    assert "text.repeated" not in set(f["rule"]), f.to_string()
    slip = replace_once(SHIP, "　第二部分 2023年度部门决算", f"{para}\n{para.replace('3786.71', '3786.17')}\n　第二部分 2023年度部门决算")
    assert "text.repeated" in set(juesuan.process(_write(tmp_path, slip)).tables["findings"]["rule"])


def _write(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path
