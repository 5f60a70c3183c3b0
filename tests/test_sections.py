import pytest

from juesuan.extract.sections import find_sections, heading_key, report_year
from juesuan.model.document import make_line
from juesuan.read.text import document_from_text


@pytest.mark.parametrize("line,key", [
    ("1、 [bookmark: _Toc1]收入支出决算总体情况说明", "overview"),
    ("四、财政拨款收入支出决算总体情况说明", "fiscal"),
    ("（4） 预算绩效管理情况", "other.performance"),
    ("(三)一般公共预算财政拨款支出决算具体情况", "general_budget.detail"),
    ("第3部分 名词解释", "part.glossary"),
    ("　第二部分 2023年度部门决算情况说明", "part.accounts"),
    ("七、财政拨款“三公”经费支出决算情况说明", "three_public"),
    ("六、一般公共预算财政拨款基本支出决算情况说明\t", "basic"),
    ("9．支出决算情况说明", "expenditure"),
    ("收入决算情况", "income"),
])
def test_headings_by_title_whatever_the_numbering(line, key):
    assert heading_key(make_line(1, line))[0] == key


@pytest.mark.parametrize("line", [
    "2023年本年收入合计1050.28万元，其中：一般公共预算财政拨款收入1050.28万元。",
    "（一）收入情况。", "附件1", "",
])
def test_prose_is_not_a_heading(line):
    assert heading_key(make_line(1, line)) is None


def test_sections_span_to_the_next_heading_and_year():
    doc = document_from_text("第二部分 2022年度部门决算情况说明\n一、收入支出决算总体情况说明\na\nb\n二、收入决算情况说明\nc")
    s = find_sections(doc)
    assert (s["overview"].heading, s["overview"].end) == (2, 4)
    assert (s["income"].heading, s["income"].end) == (5, 6)
    assert report_year(doc) == 2022
