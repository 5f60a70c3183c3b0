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


def _sections_of(text: str) -> dict:
    from juesuan.extract.sections import split_headings

    doc = split_headings(document_from_text(text))
    return {k: [ln.text for ln in doc.lines[s.heading - 1:s.end]] for k, s in find_sections(doc).items()}


@pytest.mark.parametrize("text,key,first", [
    # a web page's heading run on after a comma, after a figure, after a table's last cell
    ('六、政府性基金支出决算情况\n2014年度政府性基金支出 /万元,七、“三公”经费公共财政拨款支出决算情况2014年“三公”经费支出28.40万元。',
     "three_public", '2014年"三公"经费支出28.40万元。'),
    ("五、公共财政拨款支出决算情况\n(七)其他支出0万元六、政府性基金支出决算情况2015年度政府性基金支出 0 万元。",
     "gov_fund", "2015年度政府性基金支出 0 万元。"),
    ("三、单位情况 工勤 4 6四、2014年决算收支总体情况(一)××部门2014年部门决算总收入 万元。",
     "overview", "(一)××部门2014年部门决算总收入 万元。"),
])
def test_a_numbered_heading_inside_a_line_is_set_on_its_own(text, key, first):
    lines = _sections_of(text)[key]
    assert lines[1] == first and len(lines) == 2


@pytest.mark.parametrize("text", [
    "主要用于:一、办公费10万元,二、差旅费5万元。",  # numbered, but no template title follows
    "本年支出10万元,其中:一、收入情况说明见附表。",  # a title too short to be one of the template's
])
def test_a_numbered_list_inside_a_line_is_not_a_heading(text):
    from juesuan.extract.sections import split_headings

    assert [ln.text for ln in split_headings(document_from_text(text)).lines] == [text]


def test_a_heading_without_its_number_set_apart_by_a_space():
    """A page without heading numbers: a title of some length, a space, then its text."""
    got = _sections_of("2016年决算收支总体情况 潭城镇2016年部门年初结转和结余46.74万元。\n公共财政拨款支出决算情况\n…")
    assert got["overview"] == ["2016年决算收支总体情况", "潭城镇2016年部门年初结转和结余46.74万元。"]
    # a short title's words at the start of a sentence are not taken for it
    assert "income" not in _sections_of("收入决算 情况如下，本年收入10万元。")
