import pytest

from juesuan.extract.functions import extract_functions, parse_item
from juesuan.extract.sections import find_sections
from juesuan.model.document import make_line
from juesuan.read.text import document_from_text
from juesuan.reference import find_child_code, find_class_code, official_name

HEAD = "五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"


def rows(body: str):
    doc = document_from_text(HEAD + body)
    return [r for r in extract_functions(doc, find_sections(doc)) if r.level == "项"]


def test_item_with_all_codes():
    p = parse_item(make_line(1, "1.一般公共服务201（类）政府办公厅（室）及相关事务03（款）行政运行01（项）： 支出决算为527.87万元，完成预算100%"))
    assert p.names == ("一般公共服务", "政府办公厅（室）及相关事务", "行政运行")
    assert p.digits == ("201", "03", "01")
    assert p.values == {"amount": 527.87, "completion": 100.0}


def test_missing_kuan_code_completed_from_the_reports_other_lines():
    r = rows("1.一般公共服务201（类）政府办公厅（室）及相关事务03（款）行政运行01（项）：支出决算为1万元。\n"
             "2.一般公共服务201（类）政府办公厅（室）及相关事务（款）事业支出50（项）：支出决算为2万元。")
    assert [(x.code, x.name, x.name_in_source, x.code_in_source) for x in r] == [
        ("2010301", "行政运行", "行政运行", "201/03/01"), ("2010350", "事业运行", "事业支出", "201/?/50")]


def test_missing_kuan_code_completed_from_the_reference_alone():
    r = rows("1.一般公共服务201（类）政府办公厅（室）及相关机构事务（款）其他政府办公厅（室）及相关机构事务支出99（项）：支出决算为3万元。")
    assert r[0].code == "2010399"


def test_full_codes_and_budget():
    r = rows("1.教育支出205（类）普通教育20502（款）小学教育2050202（项）：年初预算为1,500.00万元，支出决算为1,480.00万元，完成预算98.67%。")
    assert (r[0].code, r[0].budget, r[0].amount, r[0].completion) == ("2050202", 1500.0, 1480.0, 98.67)


def test_unknown_code_left_empty_not_guessed():
    r = rows("1.教育支出205（类）某某事务（款）某某项目（项）：支出决算为3万元。")
    assert r[0].code == ""


@pytest.mark.parametrize("name,code", [("一般公共服务", "201"), ("一般公共服务支出", "201"), ("医疗卫生", "210"),
                                       ("卫生健康支出", "210"), ("社会保障和就业", "208"), ("不存在", "")])
def test_class_names(name, code):
    assert find_class_code(name) == code


def test_reference():
    assert official_name("20103") == "政府办公厅（室）及相关机构事务"
    assert find_child_code("201", "款", "政府办公厅（室）及相关事务") == "20103"


@pytest.mark.parametrize("written", [
    "1、公共安全支出（204类）司法（06款）行政运行（01项）：支出决算为1672.67万元。",  # codes inside the marks
    "1、公共安全支出204（类）司法06（款）行政运行01（项）：支出决算为1672.67万元。",
    "1、公共安全支出（类）司法（款）行政运行（项）：支出决算为1672.67万元。",  # names only: codes by name
])
def test_the_same_item_whatever_the_templates_way_of_writing_its_codes(written):
    got = parse_item(make_line(1, written))
    assert got.names == ("公共安全支出", "司法", "行政运行") and got.values == {"amount": 1672.67}
    assert got.digits in (("204", "06", "01"), ("", "", ""))


@pytest.mark.parametrize("line", [
    "1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于行政单位的基本支出。",
    "1、“一般公共服务支出—政府办公厅（室）及相关机构事务—行政运行”科目1202.95万元。",
    "一般公共服务支出－政府办公厅（室）及相关机构事务－行政运行科目12,029,500元，主要用于行政单位的基本支出。",
])
def test_an_item_written_as_a_path_of_names(line):
    """上海's budgets: “类-款-项”科目X万元 — the names joined by a dash (any dash), quoted or not, 元 or 万元."""
    p = parse_item(make_line(1, line))
    assert p is not None and p.names == ("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行")
    assert p.values["amount"] == pytest.approx(1202.95)
    assert parse_item(make_line(1, "2025年收入预算9,101.68万元，其中：财政拨款收入9,101.68万元。")) is None


def _derived(body: str) -> dict[str, float | None]:
    doc = document_from_text(HEAD + body)
    return {r.code: r.amount for r in extract_functions(doc, find_sections(doc)) if r.origin == "derived"}


def test_an_item_stated_twice_counts_once_in_its_totals():
    # the 财政拨款 and the 一般公共预算 sections each list the same 项 with the same figure
    twice = ("1.一般公共服务201（类）政协事务02（款）行政运行01（项）：支出决算为100.00万元。\n"
             "2.一般公共服务201（类）政协事务02（款）一般行政管理事务02（项）：支出决算为20.00万元。\n")
    assert _derived(twice + twice) == {"201": 120.0, "20102": 120.0}


def test_an_item_stated_twice_with_two_figures_leaves_its_totals_unknown():
    body = ("1.一般公共服务201（类）政协事务02（款）行政运行01（项）：支出决算为100.00万元。\n"
            "2.一般公共服务201（类）政协事务02（款）行政运行01（项）：支出决算为90.00万元。\n")
    assert _derived(body) == {"201": None, "20102": None}
