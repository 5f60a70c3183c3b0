import pytest
from helpers import APPENDIX, EDUCATION, extract_text, facts_set, read

from juesuan.extract.sections import find_sections, heading_key, report_year, section_lines
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


# ── headings in words no template here uses: known by the words they have (section_signatures.csv) ──
@pytest.mark.parametrize("heading, key", [
    ("一、收入决算总体安排情况", "income"),  # a 2016 city 决算
    ("二、支出决算总体安排情况", "expenditure"),
    ("三、一般公共预算财政拨款资金支出决算情况", "general_budget"),
    ("(一)高等学校收支决算总表说明", "overview"),  # a university's four-table set
    ("(二)高等学校收入决算表说明", "income"),
    ("(三)高等学校支出决算表说明", "expenditure"),
    ("(五)政府采购情况说明", "other.procurement"),
    ("4.机关运行经费情况", "other.operating_cost"),
])
def test_a_numbered_heading_in_other_words_is_known_by_its_words(heading, key):
    assert heading_key(make_line(1, heading))[0] == key


@pytest.mark.parametrize("line", [
    "收入决算表", "2.支出决算表",  # a table's name in a list of attachments
    "收入决算总体安排情况",  # not numbered: may be a sentence's start
    "(四)高等学校财政拨款支出决算表说明",  # two sections fit (财政拨款, its 支出): neither is guessed
    "一、本年收入1,234.56万元，比上年增加情况",  # a figure: a sentence
])
def test_what_is_no_heading_or_fits_two_sections_is_not_guessed(line):
    assert heading_key(make_line(1, line)) is None


def test_a_report_with_its_headings_reworded_reads_the_same():
    text = read(EDUCATION)
    reworded = (text.replace("二、收入决算情况说明", "二、收入决算总体安排情况")
                .replace("三、支出决算情况说明", "三、支出决算总体安排情况")
                .replace("五、一般公共预算财政拨款支出决算情况说明", "五、一般公共预算财政拨款资金支出决算情况"))
    assert reworded != text
    assert facts_set(extract_text(reworded)) == facts_set(extract_text(text))


def test_a_final_accounts_report_whose_headings_are_all_unknown_is_read_not_refused():
    """Every heading in words no template has: the report says it is a 部门决算, so it is read — its
    tables (its workbook beside it) and what is understood — with the unread sections said, and no
    error made of it."""
    import re

    from juesuan.check import run_checks

    text = read(EDUCATION)
    unknown = re.sub(r"(?m)^(\[bookmark: _Toc\d+\])?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）).*?(说明|情况)$",
                     lambda m: f"{m[1] or ''}{m[2]}本单位有关事项", text)
    from juesuan.extract import extract
    from juesuan.read import read_document
    from juesuan.read.text import document_from_text

    e = extract(document_from_text("某市教育局2022年度部门决算\n" + unknown, "report.txt"), "",
                read_document(APPENDIX / "education_2022_附表.xlsx"))
    assert e.kind == "部门决算" and e.year == 2022 and e.department == "某市教育局"
    assert any("未识别出决算说明的主要章节" in w for w in e.warnings)
    findings = run_checks(e.tables, e.warnings, e.table_warnings, e.unread_pages, e.lines, e.year, e.kind,
                          e.unread_items)
    assert not (findings["severity"] == "error").any()


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"])
def test_a_table_of_contents_set_one_entry_a_paragraph_is_not_the_sections(gap):
    """A web page's 目录 with blank lines between its entries: the sections are the headings further on."""
    contents = gap.join(["目录", "(一)收入支出决算总体情况说明", "(二)收入决算情况说明", "(三)支出决算情况说明"])
    body = gap.join(["(一)收入支出决算总体情况说明", "2021年度收入总计1,151.41万元,支出总计1,151.41万元。",
                     "(二)收入决算情况说明", "本年收入合计1,151.41万元。",
                     "(三)支出决算情况说明", "本年支出合计1,151.41万元。"])
    doc = document_from_text(contents + gap + body)
    sections = find_sections(doc)
    for key, words in (("overview", "收入总计"), ("income", "本年收入"), ("expenditure", "本年支出")):
        lines = [ln.text for ln in section_lines(doc, sections[key]) if ln.text.strip()]
        assert len(lines) == 1 and words in lines[0], (key, lines)


def test_a_contents_numbered_without_parts_ends_where_its_numbering_starts_again():
    """A page cut off after its 概况: a 目录 of 一、… 五、 entries (its 5、…绩效情况说明 among them) and the body's
    一、单位基本情况 again. The units it states are the department's, not a performance section's teams."""
    contents = ["目录", "一、单位基本情况", "二、部门主要职能", "三、2019年部门决算收支情况说明", "1、部门决算收支情况总体说明",
                "2、关于“三公”经费支出说明", "3、机关运行经费支出说明", "4、国有资产占用情况说明",
                "5、重点绩效评价结果等预算绩效情况说明", "四、专业性较强的名词解释", "五、2019年部门决算公开表"]
    body = ["一、单位基本情况", "1、内设机构", "本局下设6个二级单位。另有19个林业管理站为林业局派出机构。"]
    sections = find_sections(document_from_text("\n".join(contents + body)))
    assert "other.performance" not in sections and "other.operating_cost" not in sections
    assert {("org.affiliated", "current", "count", 6.0), ("org.other", "current", "count", 19.0)} <= facts_set(
        extract_text("某县林业局2019年部门决算\n" + "\n".join(contents + body)))


@pytest.mark.parametrize("title", ["目录", "目 录", "目 錄"])
def test_a_contents_whose_last_parts_the_page_never_reaches_is_not_the_sections(title):
    """A page cut off in its 第二部分: its 目录 lists a 第四部分 never written again, and that entry must not
    take the body (the staff, the overview) for its own. The body starts where the parts' numbers do again."""
    contents = [title, "第一部分 2023年度部门决算报表", "一、收入支出决算总表", "二、收入决算表",
                "第二部分 2023年度部门决算说明", "第三部分 2023年度其他重要事项的情况说明", "第四部分 2023年度部门绩效评价情况"]
    body = ["第一部分 2023年度部门决算报表", "报表详见附件1。", "第二部分 2023年度部门决算说明", "一、部门基本情况",
            "(二)人员构成情况", "行政编制29人,实有人数26人。", "二、收入支出决算总体情况说明",
            "2023年度收、支总计1257.59万元,比上年减少98.97万元。"]
    doc = document_from_text("\n".join(contents + body))
    sections = find_sections(doc)
    assert "other.performance" not in sections
    assert sections["overview"].heading == len(contents) + 7
    assert ("staff.actual", "current", "count", 26.0) in facts_set(extract_text("\n".join(contents + body)))
