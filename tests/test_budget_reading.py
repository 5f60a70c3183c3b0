"""A budget's narrative read by meaning (extract/budget.py), its wording mutated: other numbering,
amounts in 元, a heading without its number; a PDF page drawn over a full-page background."""

from __future__ import annotations

import pytest

import juesuan
from juesuan.extract import budget
from juesuan.model.document import Document, make_line
from juesuan.read import read_document


def _doc(text: str) -> Document:
    return Document("budget.txt", tuple(make_line(i, s) for i, s in enumerate(text.splitlines(), start=1)))


def _facts(text: str, prior_year: int = 2018) -> dict[tuple[str, str], list[float]]:
    out: dict[tuple[str, str], list[float]] = {}
    for f in budget.budget_facts(_doc(text), prior_year):
        out.setdefault((f.metric, f.measure), []).append(f.value)
    return out


WAN = {"amount": "10,271.56万元", "change": "2,444.10万元", "small": "3.66万元", "prior": "1,690.69万元"}
YUAN = {"amount": "102,715,600元", "change": "24,441,000元", "small": "36,600元", "prior": "16,906,900元"}


@pytest.mark.parametrize("number", ["1.", "1、", "（一）", "(1)", ""])
@pytest.mark.parametrize("unit", [WAN, YUAN], ids=["万元", "元"])
def test_a_class_line_gives_its_amount_and_change_of_all_funds(number, unit):
    """江苏: 1.一般公共服务（类）支出…，主要用于…项目支出。与上年相比增加…，增长…%: a 类 of all funds
    (origin all_funds), its change and growth; the 项目支出 its description names is no fact."""
    text = (f"{number}一般公共服务（类）支出{unit['amount']}，主要用于单位行政运行和发展项目支出。"
            f"与上年相比增加{unit['change']}，增长31.22%。主要原因是政策性增资、项目支出增加。")
    rows = [r for r in budget.budget_functions(_doc(text), {}) if r.level == "类"]
    assert [(r.code, r.origin, r.amount, r.change, r.growth) for r in rows] == [
        ("201", "all_funds", 10271.56, 2444.1, 31.22)]
    assert _facts(text) == {}


@pytest.mark.parametrize("unit", [WAN, YUAN], ids=["万元", "元"])
@pytest.mark.parametrize("number", ["1、", "1.", ""])
def test_an_item_line_gives_last_years_figure_and_the_change(number, unit):
    """上海: …行政运行（01项）X。主要用于…。2025年当年预算执行数为Y，2026年预算安排X，比2025年预算执行数减少1.07%."""
    text = (f"{number}公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。主要用于：机关运行。"
            f"2025年当年预算执行数为{unit['prior']}，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。")
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.code, item.amount, item.prior, item.change, item.growth) == ("2040601", 1672.67, 1690.69, None, -1.07)


@pytest.mark.parametrize("heading", ["（一）一般公共服务支出（类）", "一、一般公共服务支出（类）", "一般公共服务支出（类）"])
def test_items_under_their_class_heading_give_a_fall(heading):
    text = (f"{heading}\n1.政府办公厅（室）及相关机构事务（款）一般行政管理事务（项）支出426万元，与上年相比减少3.3万元，"
            "下降0.77%。主要原因是人数减少。")
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.code, item.amount, item.change, item.growth) == ("2010302", 426.0, -3.3, -0.77)


OTHER = """2026年本部门政府采购预算1486.42万元，其中：政府采购货物预算{small}、政府采购工程预算36.44万元、政府采购服务预算1446.32万元。
2026年本部门面向中小企业预留政府采购项目预算金额1486.42万元，其中，预留给小型和微型企业的政府采购项目预算为1486.42万元。
本部门2个预算单位开展了2026年项目预算绩效目标编报工作，编报绩效目标的项目20个，涉及项目预算资金7054.05万元。
截至2025年8月31日，本局共有车辆3辆，其中：主要领导干部用车0辆、执法执勤用车3辆、其他用车0辆；单价100万元（含）以上设备（不含车辆）0台（套）。
2026年部门预算安排购置车辆1辆，其中：执法执勤用车1辆；部门预算安排购置单价100万元（含）以上设备（不含车辆）2台（套）。
2026年本局下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为217.83万元。
因公出国（境）费预算支出70万元，与上年预算数一致。"""


@pytest.mark.parametrize("unit", [WAN, YUAN], ids=["万元", "元"])
def test_the_other_statements_of_a_budget(unit):
    """采购 by kind, 预留, 绩效目标, vehicles by kind (the ones it has, not the ones it plans to buy),
    设备, the bodies of the 机关运行经费, and 一致 as 持平."""
    facts = _facts(OTHER.format(small=unit["small"]))
    assert facts[("procurement.goods", "amount")] == [3.66]
    assert facts[("procurement.works", "amount")] == [36.44] and facts[("procurement.services", "amount")] == [1446.32]
    assert facts[("procurement.reserved.sme", "amount")] == facts[("procurement.reserved.small_micro", "amount")] == [1486.42]
    assert facts[("performance.targets", "count")] == [20] and facts[("performance.targets.amount", "amount")] == [7054.05]
    assert facts[("performance.targets.units", "count")] == [2]
    assert facts[("assets.vehicles", "count")] == [3] and facts[("assets.vehicles.law_enforcement", "count")] == [3]
    assert facts[("assets.vehicles.leader", "count")] == [0]  # once: the purchase plan's kinds are not the fleet's
    assert facts[("assets.vehicles.planned_purchase", "count")] == [1]
    assert facts[("assets.large_equipment", "count")] == [0]  # the 2 planned are not the ones it has
    assert facts[("operating_cost.offices", "count")] == [1] and facts[("operating_cost.civil_service_units", "count")] == [1]
    assert facts[("operating_cost", "amount")] == [217.83]
    assert facts[("three_public.overseas", "change")] == [0.0]


def test_equipment_of_20_wan_is_a_count_not_an_amount():
    facts = _facts("本部门共有车辆46辆，其中，一般公务用车46辆、执法执勤用车0辆。单价20万元（含）以上的设备4台（套）。")
    assert facts == {("assets.vehicles", "count"): [46], ("assets.vehicles.general", "count"): [46],
                     ("assets.vehicles.law_enforcement", "count"): [0], ("assets.equipment_20", "count"): [4]}


def test_a_description_names_no_subject():
    """单位预留机动经费…，主要是用于弥补人员经费不足…。与上年相比增加964.35万元: the change is the reserve's."""
    facts = _facts("单位预留机动经费预算数为2938.21万元，主要是用于弥补人员经费不足和不可预见事项。"
                   "与上年相比增加964.35万元，增长48.86%。主要原因是用于人员经费的预算数有所增加。")
    assert facts == {("expenditure.reserve", "amount"): [2938.21], ("expenditure.reserve", "change"): [964.35],
                     ("expenditure.reserve", "growth"): [48.86]}


@pytest.mark.parametrize("heading", ["六、年度预算安排", "6.年度预算安排", "年度预算安排"])
@pytest.mark.parametrize("amount", ["795万元", "2026年度项目总预算795.00万，其中购买服务795.00万。", "7,950,000元"])
def test_a_project_page_states_its_budget(heading, amount):
    text = f"人民调解项目经费情况说明\n一、项目概述\n化解矛盾纠纷。\n五、实施周期\n2026年1月1日-2026年12月31日\n{heading}\n{amount}\n七、绩效目标\n详见"
    rows = budget.project_budgets(_doc(text))
    assert [(r["project"], r["measure"], r["value"]) for r in rows] == [("人民调解项目", "budget", 795.0)]


def test_a_page_drawn_over_a_background_is_read(tmp_path):
    """A page whose first drawing is a rectangle as large as the page (a background or frame) is not a
    chart over its text: its lines are read (江苏省人大常委会 2019 was refused as no report at all)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "framed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    lines = ["某某办公厅2019年度部门预算公开", "第三部分 2019年度部门预算情况说明", "一、收支预算总体情况说明",
             "某某办公厅2019年度收入、支出预算总计18330.37万元，与上年相比增加2432.93万元，增长15.3%。"]
    c.setFillColorRGB(1, 1, 1)
    c.rect(0, 0, A4[0], A4[1], stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("STSong-Light", 11)
    for i, text in enumerate(lines):
        c.drawString(60, A4[1] - 80 - 20 * i, text)
    c.save()
    assert [ln.text.replace(" ", "") for ln in read_document(path).lines][:2] == [s.replace(" ", "") for s in lines[:2]]
    result = juesuan.process(path)
    facts = result.tables["facts"]
    assert result.meta["kind"] == "部门预算" and 18330.37 in set(facts[facts["metric"] == "total"]["value"])


def test_a_table_inside_its_frame_is_read_as_the_table():
    """江苏's budget tables: a frame round the table, title inside, read as one first cell holding every
    word over a first column of nothing → the table inside, its title the words up to the 单位."""
    from juesuan.read.pdf import _unframed

    rows = [["财政拨款支出预算表部门：某厅 单位：万元功能科目编码 功能科目名称 金额合计 100.00", "", "", ""],
            ["", "功能科目编码", "功能科目名称", "金额"], ["", "合计", "", "100.00"], ["", "201", "一般公共服务支出", "100.00"]]
    spans = [["", "h", "h", "h"], ["", "", "", ""], ["", "", "", ""], ["", "", "", ""]]
    inner, kinds = _unframed(rows, spans)
    assert inner == [["财政拨款支出预算表部门：某厅单位：万元", "", ""], ["功能科目编码", "功能科目名称", "金额"],
                     ["合计", "", "100.00"], ["201", "一般公共服务支出", "100.00"]]
    assert kinds[0] == ["", "h", "h"] and _unframed(inner, kinds) == (inner, kinds)  # a table without frame stays


@pytest.mark.parametrize("title", ["收支预算总表公开表一", "财政拨款支出预算表（功能科目）公开表五", "公开05表 财政拨款支出预算表（功能科目）"])
def test_a_budget_table_title_with_its_form_number(title):
    from juesuan.extract.appendix import title_kind

    assert title_kind(title)[0] in ("budget_summary", "budget_fiscal")


@pytest.mark.parametrize("number", ["1.", "1、", "(1)", ""])
def test_a_kuan_marked_as_a_class_under_its_class_heading(number):
    """江苏省人大 2019: under （二）社会保障和就业（类）, 2.行政事业单位离退休（类）…缴费支出（项）: the first
    mark names a 款; the item is read under the heading's 类."""
    text = (f"（二）社会保障和就业（类）\n{number}行政事业单位离退休（类）机关事业单位基本养老保险缴费支出（项）607.1万元，"
            "与上年相比增加27.09万元，增加4.67%。")
    item = next(r for r in budget.budget_functions(_doc(text), {"20805": "行政事业单位离退休"}) if r.level == "项")
    assert (item.code, item.amount, item.change, item.growth) == ("2080505", 607.1, 27.09, 4.67)


@pytest.mark.parametrize("flat", ["持平", "相比持平"])
def test_an_item_unchanged_from_last_year_has_no_change(flat):
    """比2022年预算执行数持平: a change of 0 and a growth of 0 %, not nothing (基本持平 is not 0)."""
    text = ("8.公共安全支出（类）司法（款）公共法律服务（项）15.00万元，主要用于公共法律服务。2022年当年预算执行数为"
            f"15.00万元，2023年预算安排15.00万元，比2022年预算执行数{flat}。主要原因是：经费保持不变。")
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.prior, item.change, item.growth) == (15.0, 0.0, 0.0)
    rough = next(r for r in budget.budget_functions(_doc(text.replace(flat, "基本持平")), {}) if r.level == "项")
    assert (rough.change, rough.growth) == (None, None)


def test_what_an_item_says_of_last_year_on_the_next_line():
    """A PDF paragraph ended after 主要用于…。: last year's figures on the next line are the item's; a next
    item's are not."""
    text = ("13.“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”17.72万元，主要用于行政单位离退休。\n"
            "2022年当年预算执行数为8.61万元，2023年预算安排17.72万元，比2022年预算执行数增加105.81%。\n"
            "14.“社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”5.21万元，主要用于事业单位离退休。\n"
            "15.“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”220.63万元。\n"
            "2022年当年预算执行数为132.59万元。")
    items = {r.code: r for r in budget.budget_functions(_doc(text), {}) if r.level == "项"}
    assert (items["2080501"].prior, items["2080501"].growth) == (8.61, 105.81)
    assert items["2080502"].prior is None  # the next line is an item of its own
    assert items["2080506"].prior == 132.59


def test_a_remark_in_brackets_does_not_cut_the_comparison():
    # (a 2023 budget: 2022 is its last year — a comparison with another year is no change from the last)
    facts = _facts("其中：财政拨款收入16497.86万元，比2022年（上一年度，下同）预算增加1421.25万元；事业收入0万元。", 2022)
    assert facts[("income.fiscal", "change")] == [1421.25]


def test_vehicles_written_short_and_the_fleet_without_gongyou():
    """公务车购置及运行费 (公务用车 written short), 公务车用车运行费 (doubled); 车辆7辆 in an assets paragraph."""
    facts = _facts("（二）、公务车购置及运行费21.56万元，其中：公务用车购置费0万元，比2022年预算持平；公务车用车运行费"
                   "21.56万元，比2022年预算持平。\n截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，"
                   "其中：车辆7辆（一般公务用车3辆，执法执勤用车4辆）；报废车辆2辆。")
    assert facts[("three_public.vehicle", "amount")] == [21.56]
    assert facts[("three_public.vehicle.purchase", "amount")] == [0.0]
    assert facts[("three_public.vehicle.operation", "amount")] == [21.56]
    assert facts[("assets.vehicles", "count")] == [7] and facts[("assets.vehicles.general", "count")] == [3]
    assert facts[("assets.current", "amount")] == [448.82] and facts[("assets.fixed", "amount")] == [3149.52]


def test_a_projects_quarterly_plan_is_not_its_years_budget():
    text = ("项目经费情况说明\n六、年度预算安排\n第一季度用款计划25.88万元，第二季度用款计划180.74万元，第三季度用款计划"
            "186.60万元，第四季度用款计划16.78万元。\n七、绩效目标\n建成后…")
    assert budget.project_budgets(_doc(text)) == []


def test_items_under_a_kuan_heading_under_a_class_heading():
    """（一）公共安全支出（类） / 检察（款）：…合计16,444.36万元。其中： / 1．行政运行（项）支出…: each 项 with its
    款 and 类; procurement parts bought (拟购买) or procured (拟采购)."""
    text = ("（一）公共安全支出（类）\n检察（款）：2018年预算支出合计16,444.36万元。其中：\n"
            "1．行政运行（项）支出10,883.36万元，与上年相比增加2,915.22万元，增长36.58%。主要原因是工资改革。\n"
            "2．一般行政管理事务（项）支出3,666万元，与上年相比增加21.8万元，增长0.60%。\n"
            "（二）社会保障和就业支出（类）\n行政事业单位离退休（款）：2018年预算支出合计1,836.22万元。其中:\n"
            "1．未归口管理行政单位离退休费（项）支出371.92万元，与上年相比减少1,649.26万元，降幅81.6%。\n"
            "2017年我部门政府采购预算总金额为2889.8万元。其中拟购买货物334万元；拟购买工程0万元；拟采购服务2555.8万元。")
    tables = {"20404": "检察", "2040401": "行政运行", "2040402": "一般行政管理事务"}  # the codes its tables give
    items = {r.code: r for r in budget.budget_functions(_doc(text), tables) if r.level == "项"}
    assert (items["2040401"].amount, items["2040401"].change, items["2040401"].growth) == (10883.36, 2915.22, 36.58)
    retired = next(r for r in items.values() if r.name_in_source == "未归口管理行政单位离退休费")
    assert items["2040402"].amount == 3666.0 and (retired.amount, retired.change) == (371.92, -1649.26)
    facts = _facts(text)
    assert facts[("procurement.goods", "amount")] == [334.0] and facts[("procurement.works", "amount")] == [0.0]
    assert facts[("procurement.services", "amount")] == [2555.8]


@pytest.mark.parametrize("fall", ["降幅54.9%", "下降54.9%", "减少54.9%"])
def test_a_fall_stated_as_a_rate_is_negative(fall):
    facts = _facts(f"2018年本部门一般公共预算机关运行经费预算支出2,722.57万元，比上年相比减少3,309.98万元，{fall}。")
    assert facts[("operating_cost", "growth")] == [-54.9] and facts[("operating_cost", "change")] == [-3309.98]


def test_a_central_units_sections_of_each_table():
    """The central template's 说明 of each table under 关于…的说明: 上年结转 of all funds on the 收入总表's
    page, of 财政拨款 under its own heading (not one figure said twice), and the 绩效 amount written
    …全面实施绩效目标管理，涉及预算拨款X万元."""
    facts = _facts("""关于收入总表的说明
2023年初，我单位收入总计198,223.16万元。其中，一般公共预算拨款收入57,806.77万元，占29.16%；上年结转106,216.39万元，占53.59%。
关于财政拨款收支总表的说明
（一）收入预算
2023年初，一般公共预算拨款收入预算数为57,806.77万元；上年结转63,419.31万元。
（三）预算绩效情况说明
2023年对我单位项目支出全面实施绩效目标管理，涉及预算拨款44,199.25万元，其中：一般公共预算拨款44,199.25万元。""")
    assert facts[("carryover.opening", "amount")] == [106216.39] and facts[("carryover.opening", "share")] == [53.59]
    assert facts[("carryover.opening.fiscal", "amount")] == [63419.31]
    assert facts[("performance.targets.amount", "amount")] == [44199.25]


@pytest.mark.parametrize("between", ["科目", "”科目", "支出预算数为", "预算安排"])
def test_an_item_written_with_words_before_its_amount(between):
    """…（项）”科目43.83万元 (万里街道 2025): the words between an item and its figure say what it is."""
    text = f"1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）{between}43.83万元，主要用于统计管理。"
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.code, item.amount) == ("2010507", 43.83)


@pytest.mark.parametrize("written", ["“一般公共服务支出”科目", "一般公共服务支出科目", "一般公共服务支出预算为"])
def test_a_class_named_with_quotes_and_kemu(written):
    """上海市财政局 2025: 1.“一般公共服务支出”科目12,789万元 — a 类 by its name, quoted, 科目 after it."""
    lines = budget.class_lines(_doc(f"1.{written}12,789万元，主要用于人员经费、公用经费等基本支出。"), {})
    assert [(r.code, r.amount) for r in lines] == [("201", 12789.0)]


def test_a_projects_own_carry_over_is_not_the_budgets():
    """上年结转 bare is the budget's in a list of its income, a project's in a list of projects (深圳 口岸办:
    物业管理服务2,520.00万元，上年结转122.31万元)."""
    assert ("carryover.opening", "amount") not in _facts(
        "3.上级转移支付项目10,289.74万元，主要包括：物业管理服务2,520.00万元，上年结转122.31万元，用于运行维护工作。")
    assert _facts("2023年初，我单位收入总计198,223.16万元。其中，事业收入32,000.00万元，占16.14%；上年结转结余"
                  "106,216.39万元，占53.59%。")[("carryover.opening", "share")] == [53.59]


@pytest.mark.parametrize("number", ["（17）", "十一、", "(三)", "17."])
def test_an_item_after_its_number_in_a_list(number):
    """杭州: （17）交通运输支出（类）公路水路运输（款）其他公路水路运输支出（项）53,522.29万元 — an item read
    after its list number, whatever the numbering."""
    text = f"{number}交通运输支出（类）公路水路运输（款）其他公路水路运输支出（项）53,522.29万元，主要用于行业管理。"
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.code, item.amount) == ("2140199", 53522.29)


def test_an_item_named_in_the_glossary_states_no_budget():
    """名词解释: 八、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）：反映… — a name and
    what it covers, no figure: no row."""
    text = "八、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）：反映行政单位开支的离退休经费。"
    assert budget.budget_functions(_doc(text), {}) == []


@pytest.mark.parametrize("number", ["（五）", "(5)"])
def test_an_item_with_its_codes_after_its_number(number):
    """平潭 2016: （五）229其他支出（类） 22999其他支出（款）2299901其他支出（项）1,810.5万元 — the codes written
    before the names, after a number in brackets (the list number is not cut off there: the codes are
    read from the path as written)."""
    text = f"{number}229其他支出（类） 22999其他支出（款）2299901其他支出（项）1,810.5万元，较2015年决算增加1745.5万元。"
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.code, item.amount) == ("2299901", 1810.5)


def test_a_budget_compares_with_its_last_year_whatever_year_it_writes():
    """上海 司法局 2026: 财政拨款收入…比2026年预算增加793.14万元 — a slip for 2025: a budget's change is from last year."""
    facts = _facts("2026年财政拨款收入8,000.00万元，比2026年预算增加793.14万元。", 2025)
    assert facts[("income.fiscal", "change")] == [793.14]


@pytest.mark.parametrize("whose", ["单位", "部门"])
def test_the_whole_budget_named_by_whose_it_is_and_its_parts(whose):
    got = _facts(f"{whose}预算收入5212.91万元。其中:财政拨款收入4185.62万元,占预算收入的80.29%;上年结余结(转)150万元,"
                 f"占总收入2.88%。\n{whose}预算支出5212.91万元(含人员支出4450.87万元、占总支出85.38% 公用支出762.04万元,"
                 "占总支出14.62%)。")
    assert got[("income", "amount")] == [5212.91] and got[("expenditure", "amount")] == [5212.91]
    assert got[("carryover.opening", "amount")] == [150.0]
    assert not any(metric.startswith("expenditure.basic.") for metric, _ in got)  # of which funds, not said
    # read by use, of no whole (check.statements.OF_SEVERAL_WHOLES)
    assert got[("use.personnel", "amount")] == [4450.87] and got[("use.public", "share")] == [14.62]


def test_the_whole_budget_of_an_organisation_named_before_it_is_not_the_departments():
    got = _facts("深圳市社会保险基金管理局龙华分局部门预算收入5,127.91万元，包括在职人员经费2,781.70万元。\n"
                 "本单位部门预算收入6,000.00万元。")
    assert got[("income", "amount")] == [6000.0]


@pytest.mark.parametrize("cue", ["按支出功能分类:", "(一)按支出功能分类科目划分,共分为三类,其中:", "按功能分类，"])
@pytest.mark.parametrize("suffix", ["", "支出"])
def test_a_list_by_function_reads_each_class_with_or_without_its_zhichu(cue, suffix):
    doc = _doc(f"单位预算支出5212.91万元。{cue}教育{suffix}4411.13万元,占总支出84.62%;社会保障和就业{suffix}406.13万元,"
               f"占总支出7.79%;工作经费30万元;医疗卫生与计划生育{suffix}149.72万元,占总支出2.87%。")
    rows = {r.code: r for r in budget.budget_functions(doc, {})}
    assert set(rows) == {"205", "208", "210"}  # 工作经费 is no 类
    assert (rows["205"].amount, rows["205"].share, rows["205"].origin) == (4411.13, 84.62, "all_funds")


def test_two_classes_listed_are_a_list_by_function_one_alone_is_not():
    doc = _doc("支出包括:一般公共服务支出656.32万元、社会保障和就业支出69.32万元、工作经费30万元。")
    assert {r.code: r.amount for r in budget.budget_functions(doc, {})} == {"201": 656.32, "208": 69.32}
    assert not budget.budget_functions(_doc("单位预算支出5212.91万元,主要是教育4411.13万元。"), {})


def test_the_years_budget_named_as_at_its_start_and_the_general_budget_without_its_income():
    got = _facts("(一)2017年初预算收入275.7248万元,其中:一般公共预算拨款226.7248万元,专项资金拨款49万元。\n"
                 "2017年一般公共预算拨款支出226.7248万元。")
    assert got[("income", "amount")] == [275.7248] and got[("income.general_budget", "amount")] == [226.7248]
    assert got[("general_budget", "amount")] == [226.7248]


def test_an_item_whose_amount_a_pdf_set_on_the_next_line():
    doc = _doc("2026年度一般公共预算拨款支出1095.79万元。其中（按项级科目）：\n(五)2080501-行政单位离退休653.08万元。主要用于离退休费。\n"
               "(六)2080505-机关事业单位基本养老保险缴费支出\n442.44万元。主要用于基本养老保险缴费支出。\n"
               "(七)2101101-行政单位医疗0.27万元。")
    rows = {r.code: r.amount for r in budget.budget_functions(doc, {}) if r.level == "项"}
    assert rows == {"2080501": 653.08, "2080505": 442.44, "2101101": 0.27}


def test_the_general_budgets_appropriation_written_bare_is_an_income_only_in_a_list_of_incomes():
    got = _facts("2017年初预算收入275.7248万元,其中:一般公共预算拨款226.7248万元。\n"
                 "2023年对我单位项目支出全面实施绩效目标管理，涉及预算拨款44,199.25万元，其中：一般公共预算拨款44,199.25万元。")
    assert got[("income.general_budget", "amount")] == [226.7248]


def test_a_budgets_total_named_budget_first_and_financial_aid_by_its_older_name():
    facts = _facts("预算总收入417.6万元，其中：经费拨款417.6万元。\n"
                   "预算总支出417.6万元，其中：基本支出237.6万元（工资福利支出191.58万元、一般商品和服务支出29.95万元）；"
                   "项目支出180万元。")
    assert facts[("income", "amount")] == [417.6] and facts[("income.fiscal", "amount")] == [417.6]
    assert facts[("expenditure", "amount")] == [417.6]
    assert facts[("expenditure.basic", "amount")] == [237.6] and facts[("expenditure.project", "amount")] == [180.0]


def test_the_economic_classes_are_read_as_parts_of_no_whole():
    """工资福利支出 of 基本支出 and of 项目支出, one sentence each: both read, neither taken for the other, each
    rate held to its own sentence's figures; 其他商品和服务支出 is the catch-all under the class, not it."""
    text = ("工资福利支出预算 905709.06 元，占基本支出预算 79.89%，同比增加 21557.64 元，增长 2.44%。\n"
            "工资福利支出 12000 元，占项目支出预算 2.56%，同比增加 2000 元，增长 20%。\n"
            "其他商品和服务支出 3000 元。商品和服务支出预算 75800 元，同比增加 52044.27 元，增长 219.08%。")
    facts = _facts(text)
    assert facts[("economic.wages", "amount")] == [90.570906, 1.2]
    assert facts[("economic.goods_services", "amount")] == [7.58]
    from juesuan.check import run_checks
    from juesuan.extract.extraction import _frame
    frame = _frame([f.row() for f in budget.budget_facts(_doc(text), 2018)], "facts")
    empty = {name: _frame([], name) for name in ("functions", "charts", "appendix", "appendix_tables")}
    found = run_checks({"facts": frame, **empty}, kind="部门预算")
    assert not found[found["rule"].isin(["growth", "same_figure", "change"])].shape[0], found.to_string()


def test_a_share_whose_number_is_left_out_names_no_subject():
    """商品和服务支出预算75800元，占基本支出预算%，同比增加…: 基本支出 is the share's base, the change is 商品和服务支出's."""
    facts = _facts("商品和服务支出预算 75800 元,占基本支出预算%,同比增加 52044.27 元,增长 50.63%,增长原因是编外人员经费。")
    assert facts[("economic.goods_services", "change")] == [5.204427]
    assert facts[("economic.goods_services", "growth")] == [50.63]
    assert ("expenditure.basic", "change") not in facts


@pytest.mark.parametrize("word, sign", [("减幅", -1), ("涨幅", 1)])
def test_a_rate_called_by_its_fall_or_rise(word, sign):
    way = "减少" if sign < 0 else "增加"
    facts = _facts(f"2018年“三公”经费预算数比2017年预算数{way}0.06万元，{word}2.17%。")
    assert facts[("three_public", "growth")] == [sign * 2.17]


def test_financial_aid_named_bare_in_a_list_of_incomes():
    """部门收入预算…，其中：财政拨款X万元，纳入财政专户的行政事业性收费拨款Y万元…: each income read; 财政拨款支出 on
    such a line is the spending, not the income."""
    facts = _facts("部门收入预算919543.7万元,其中:财政拨款79468.4万元,纳入财政专户的行政事业性收费拨款2917.5万元,"
                   "事业收入752738.2万元,其他各项收入56948.5万元,上年结转27471.1万元。\n"
                   "本年收入预算100万元，财政拨款支出预算90万元，财政拨款支出80万元。")
    assert facts[("income.fiscal", "amount")] == [79468.4]
    assert facts[("income.special_account", "amount")] == [2917.5] and facts[("income.other", "amount")] == [56948.5]
    assert facts[("fiscal_expenditure", "amount")] == [90, 80]


@pytest.mark.parametrize("words", ["“三公”经费预算安排108.8万元", "“三公”经费预算108.8万元"])
def test_a_budget_arranged_and_hospitality_by_its_older_word(words):
    facts = _facts(f"2018年度本部门{words},比上年减少了8.45万元,下降了7.2%。\n公务招待费为51万元,比上年预算减少了12.05万元。",
                   2017)
    assert facts[("three_public", "amount")] == [108.8] and facts[("three_public", "growth")] == [-7.2]
    assert facts[("three_public.reception", "amount")] == [51]


def test_a_change_after_a_class_is_the_classs_not_the_subjects_before_it():
    """…支出预算…增加498.72万元。按功能分类，一般公共服务支出减少108.56万元: the 类's change (functions), never
    the 支出预算's carried on (江苏省政协办公厅 2017: three false warnings)."""
    facts = _facts("2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元。"
                   "按功能分类，一般公共服务支出减少108.56万元，社会保障和就业支出增加140.96万元。", 2016)
    assert facts[("expenditure", "change")] == [498.72]


@pytest.mark.parametrize("against", ["同比增加", "比上年增加"])
def test_a_class_line_with_leike_mu_gives_its_share_and_change(against):
    """梧州: (一)教育支出类科目 5,806,105.16 元,占支出总预算82.27%,同比增加3,520,772.45 元,增长154.06%。 —
    the 类 by its name, 类科目 after it; its share of the whole and its change against last year."""
    text = f"(一)教育支出类科目 5,806,105.16 元,占支出总预算82.27%,{against}3,520,772.45 元,增长154.06%。"
    [row] = budget.class_lines(_doc(text), {})
    assert (row.code, round(row.amount, 6), row.share, round(row.change, 6), row.growth) == \
        ("205", 580.610516, 82.27, 352.077245, 154.06)


@pytest.mark.parametrize("who", ["洛阳市某某中学", "本单位", ""])
def test_the_finance_ministrys_template_words_for_the_whole_and_the_years_budget(who):
    """洛阳 2023 (财政部's template): 收入总计4914.82万元,支出总计…,与2022年预算相比,收支总计各增加954.86万元 —
    the 总计 hold the carry-over; 收入合计4914.82万元,其中：一般公共预算拨款收入… is the year's (the page read
    nothing on its first reading)."""
    got = _facts(f"{who}2023年收入总计4914.82万元,支出总计4914.82万元,与2022年预算相比,收支总计各增加954.86万元,增长24.11%。\n"
                 f"{who}2023年收入合计4914.82万元,其中:一般公共预算拨款收入4760.82万元;财政专户管理资金收入154万元。", 2022)
    assert got[("total.income", "amount")] == got[("total.expenditure", "amount")] == [4914.82]
    assert got[("total", "change")] == [954.86] and got[("total", "growth")] == [24.11]
    assert got[("income", "amount")] == [4914.82] and got[("income.general_budget", "amount")] == [4760.82]


@pytest.mark.parametrize(("before", "read"), [("2021年", True), ("本单位", True), ("国有资本经营", False)])
def test_a_budgets_income_said_bare_is_its_own_only_unqualified(before, read):
    """孝感高中 2021: 2021年预算收入6049.98万元比2020年减少558.32万元; 国有资本经营预算收入 is that fund's."""
    got = _facts(f"{before}预算收入6049.98万元,比2020年减少558.32万元。", 2020)
    assert (got.get(("income", "amount")) == [6049.98]) is read


def test_classes_listed_with_the_word_for_their_figure():
    """重庆两江 星光学校 2020: 其中:一般公共服务支出预算 0万元,教育支出预算 11398.02万元,社会保障和就业支出预算 573.42万元."""
    text = "(二)支出预算:2020年年初预算数12658.29万元,其中:一般公共服务支出预算 0万元,教育支出预算 11398.02万元,社会保障和就业支出预算 573.42万元。"
    rows = [r for r in budget.budget_functions(_doc(text), {}) if r.level == "类"]
    assert {(r.code, r.amount) for r in rows} == {("201", 0.0), ("205", 11398.02), ("208", 573.42)}


@pytest.mark.parametrize("year", ["2023年", "2023年度", ""])
def test_an_item_whose_budget_follows_its_year(year):
    """大英县政协 2023 (四川's template): 1. 一般公共服务(类)政协事务(款)行政运行(项):2023年预算数为484.95万元,主要用于…"""
    text = f"1. 一般公共服务(类)政协事务(款)行政运行(项):{year}预算数为484.95万元,主要用于:机关行政人员正常运转的基本支出。"
    item = next(r for r in budget.budget_functions(_doc(text), {}) if r.level == "项")
    assert (item.code, item.amount) == ("2010201", 484.95)


@pytest.mark.parametrize("unit, scale", [("元", 1e-4), ("万元", 1.0)])
def test_an_item_named_alone_at_a_lines_start_is_read_but_never_an_errors_ground(unit, scale):
    doc = _doc(f"(一)一般公共预算支出按支出功能分类科目划分。\n"
               f"机关事业单位基本养老保险缴费支出 101,612.42 {unit},全部是基本支出。主要用于缴纳基本养老保险。\n"
               f"事业单位医疗 50,891.13 {unit},全部是基本支出。\n"
               f"工作经费 30,000 {unit},全部是项目支出。\n"  # no 功能分类 name
               f"教育支出 80,000 {unit},其中:基本支出 80,000 {unit}。")  # a 类: class_lines' (when numbered) or none
    rows = budget.budget_functions(doc, {})
    alone = {r.code: r for r in rows if r.level == "项"}
    assert set(alone) == {"2080505", "2101102"}
    assert alone["2080505"].amount == pytest.approx(101612.42 * scale)
    assert alone["2080505"].name_in_source == "机关事业单位基本养老保险缴费支出"
    assert all(r.attach == "similar" for r in alone.values())  # the reference may not hold every 项 of the name
    # all the budget's items, or some: not said — neither summed into a 款 or 类, nor compared
    assert all(r.origin == "named_alone" for r in alone.values()) and not [r for r in rows if r.origin == "derived"]


def test_items_named_alone_are_held_to_nothing(tmp_path):
    text = ("某某中心2021年部门预算\n五、一般公共预算支出情况说明\n2021年一般公共预算拨款支出1493924.6元,其中:基本支出"
            "1440224.6元,项目支出53700元。\n(一)一般公共预算支出按支出功能分类科目划分。\n"
            "事业单位医疗 76142.1 元,其中:基本支出 76142.1 元,项目支出 0元。\n住房公积金 112788 元,其中:基本支出 112788 元。\n")
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    result = juesuan.process(path)
    assert set(result.tables["functions"].code) >= {"2101102", "2210201"}
    assert not len(result.tables["findings"].query("rule == 'sum.functions'"))


@pytest.mark.parametrize("against", ["比2022年", "较上年"])
def test_last_years_figure_right_after_the_comparison_and_a_minus_before_a_rate(against):
    got = _facts(f"2023年收入预算1674.95万元,{against}2423.96万元减少749.01万元,增长-30.9%。", prior_year=2022)
    assert got[("income", "amount")] == [1674.95, 2423.96]  # the second of last year (period prior)
    assert got[("income", "growth")] == [-30.9] and got[("income", "change")] == [-749.01]
    period = {(f.value, f.period) for f in budget.budget_facts(
        _doc(f"2023年收入预算1674.95万元,{against}2423.96万元减少749.01万元。"), 2022)}
    assert (2423.96, "prior") in period and (1674.95, "current") in period


def test_a_budgets_bare_total_income_is_a_figure_of_its_own_with_last_years_in_brackets():
    got = _facts("1.收入情况。2022年,本部门总收入4089.48万元,较上年增加259.96万元(上年总收入3828.41万元),主要是养老保险。",
                 prior_year=2021)
    assert got[("income.gross", "amount")] == [4089.48, 3828.41] and got[("income.gross", "change")] == [259.96]
    assert ("income", "amount") not in got  # with the carry-over or without: not said


@pytest.mark.parametrize("item, metric", [("公务接待费", "three_public.reception"), ("因公出国(境)费", "three_public.overseas")])
def test_a_whole_word_right_after_a_subjects_name_is_that_subjects(item, metric):
    got = _facts(f"(二){item}支出预算4万元,比2021年预算减少4万元,下降50%。", prior_year=2021)
    assert got[(metric, "amount")] == [4.0] and got[(metric, "change")] == [-4.0]
    assert ("expenditure", "amount") not in got  # not the department's 支出预算
    # after the department's name it is the department's
    assert _facts("2022年某某镇人民政府收入预算总额为7783.26万元。")[("income", "amount")] == [7783.26]


@pytest.mark.parametrize("whole", ["2017年区级财政预算拨款合计139.38万元,其中:", "2017年财政拨款总额139.38万元,其中:"])
def test_a_line_totalling_the_appropriations_lists_incomes(whole):
    got = _facts(f"{whole}一般公共预算拨款139.38万元,其中基本支出95.81万元,项目支出43.57万元。", 2016)
    assert got[("income.general_budget", "amount")] == [139.38]
    assert got[("expenditure.basic", "amount")] == [95.81] and got[("expenditure.project", "amount")] == [43.57]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_list_of_incomes_opened_by_the_line_above_goes_on_below(gap):
    text = gap.join(["一、单位收支预算总体情况说明", "2022年收支总预算4726.54万元,同比减少330.51万元。其中:",
                     "一般公共预算拨款1315.26万元,同比减少256.17万元,同比下降16.3%。",
                     "政府性基金预算拨款340万元,同比增加65.5万元,增长23.86%。",
                     "二、单位支出预算情况说明", "财政拨款安排的项目支出200万元,其中一般公共预算拨款150万元。"])
    got = _facts(text, 2021)
    assert got[("income.general_budget", "amount")] == [1315.26] and got[("income.general_budget", "change")] == [-256.17]
    assert got[("income.gov_fund", "amount")] == [340.0] and got[("income.gov_fund", "growth")] == [23.86]
    # after the next heading the list is over: a project's 一般公共预算拨款 is no income
    assert 150.0 not in got[("income.general_budget", "amount")]


@pytest.mark.parametrize("other", ["其他收入", "其它收入"])
def test_other_income_however_written(other):
    got = _facts(f"本单位2022年收入预算869.97万元,其中:一般公共预算拨款收入844.97万元,占97.13%;{other}25.00万元,占2.87%。", 2021)
    assert got[("income.other", "amount")] == [25.0]


@pytest.mark.parametrize("lead", ["包括", "主要是", ""])
def test_a_list_of_classes_after_its_lead_word_keeps_its_first(lead):
    from juesuan.extract.functions import listed_classes

    line = make_line(1, f"(一)按支出功能分类,{lead}社会保障和就业支出(类)790.35万元、卫生健康支出(类)16.93万元、"
                        "住房保障支出(类)62.69万元。")
    got = {(r.code, r.amount) for r in listed_classes(line, {})}
    assert got == {("208", 790.35), ("210", 16.93), ("221", 62.69)}


@pytest.mark.parametrize("words", ["区级财政支出预算", "市级财政拨款", "县级财政预算"])
def test_the_level_of_the_financing_names_nothing_else(words):
    assert _facts(f"“三公”经费{words}2.5万元。", 2016)[("three_public", "amount")] == [2.5]


@pytest.mark.parametrize("heading", ["二、公务接待费", "（二）公务接待费：", "2.公务接待费"])
def test_a_sentence_under_a_heading_naming_its_subject_speaks_of_it(heading):
    got = _facts(f"一、因公出国(境)经费\n2019年无因公出国(境)经费预算安排。\n{heading}\n"
                 "2019年预算安排12万元,较2018年年初预算下降51.22%,下降主要原因是厉行节约。\n三、名词解释\n"
                 "2019年本部门预算安排3万元。", 2018)
    assert got[("three_public.reception", "amount")] == [12.0]
    assert got[("three_public.reception", "growth")] == [-51.22]
    # under a heading that names no subject, a sentence without one is read as nothing
    assert 3.0 not in [v for values in got.values() for v in values]


def test_a_fee_written_as_its_jingfei():
    got = _facts("2025年“三公”经费预算总额为1969万元,较2024年的2190万元减少221万元,下降10.1%;其中:因公出国(境)经费40万元,较上年持平。", 2024)
    assert got[("three_public.overseas", "amount")] == [40.0]
    assert got[("three_public", "amount")] == [1969.0, 2190.0]  # the second last year's (period prior)


@pytest.mark.parametrize("last", ["政府性基金预算财政拨款收入0万元", "国有资本经营预算财政拨款收入0万元"])
def test_a_sentence_after_a_list_that_names_nothing_is_about_the_lists_whole(last):
    """收入预算X万元，其中，…，政府性基金预算财政拨款收入0万元。收入较上年增加…: the change is the whole's,
    not the last item's (said as carried: unsure); each fund's 财政拨款收入 read by its 决算 name."""
    facts = _facts("（一）收入预算：2019年本部门收入预算7018.51万元，其中，一般公共预算财政拨款收入7018.51万元，"
                   f"{last}。收入较上年增加2042.52万元，增加41.05%，主要是人员增加。")
    assert facts[("income", "change")] == [2042.52] and facts[("income", "growth")] == [41.05]
    assert facts[("income.general_budget", "amount")] == [7018.51]
    assert not any(measure == "change" for metric, measure in facts if metric != "income")


def test_a_figure_after_a_bracketed_list_stays_with_the_subject_before_it():
    """（公务用车购置费…；公务用车运行维护费…。）比上年增加…: the 。 inside the brackets ends no sentence — the
    change is not carried to the list's whole (the 三公 total)."""
    facts = _facts("2019年本部门财政拨款安排“三公”经费627万元，比上年增加46.49万元。其中：因公出国（境）费40万元；"
                   "公务用车购置及运行维护费567.72万元（公务用车购置费230.55万元；公务用车运行维护费337.17万元，"
                   "比上年减少2.96万元。）比上年增加46.49万元，增长8.9%。")
    assert 8.9 not in facts.get(("three_public", "growth"), [])


@pytest.mark.parametrize("classes, said", [
    # 一般公共服务支出 65.61 beside four more 类: the parts past the whole (万州 郭村镇 2026)
    ("一般公共服务支出65.61万元，文化旅游体育与传媒支出50.53万元，社会保障和就业支出8.94万元，卫生健康支出3.05万元", True),
    ("一般公共服务支出3.09万元，文化旅游体育与传媒支出50.53万元，社会保障和就业支出8.94万元，卫生健康支出3.05万元", False),
    # a list that leaves 类 out is short of its whole: not said
    ("一般公共服务支出3.09万元，文化旅游体育与传媒支出50.53万元", False),
])
def test_classes_listed_past_their_whole_are_said(tmp_path, classes, said):
    text = ("某某镇新时代文明实践服务中心2026年单位预算情况说明\n二、单位收支总体情况\n"
            "（一）收入预算：2026年收入合计65.61万元，其中：一般公共预算拨款65.61万元。\n"
            f"（二）支出预算：2026年支出合计65.61万元，其中：{classes}。\n")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    findings = juesuan.process(path).tables["findings"]
    hits = findings[(findings["rule"] == "sum.functions") & findings["message"].str.contains("部分之和大于总数")]
    assert (len(hits) == 1) is said


def test_what_the_budget_arranges_and_what_the_department_holds():
    """广州 2026's 说明, after its tables: 机关运行经费安排X (安排 links a subject to its figure), 政府采购安排X with
    its 货物类/工程类/服务类采购预算, 固定资产金额X, and 单价在100万元以上的设备2,528台 after the vehicles (their
    reading takes their count, not the rest of the sentence) — not the equipment a budget plans to buy."""
    got = _facts("2026年，本部门机关运行经费安排3,814.44万元，比上年减少287.94万元，下降7%。\n"
                 "2026年本部门政府采购安排283,840.81万元，其中：货物类采购预算102,713.68万元，工程类采购预算16,517.66万元，"
                 "服务类采购预算164,609.47万元等。\n"
                 "截至2026年1月31日，本部门固定资产金额3,106,862.14万元，分布构成情况为：房屋2,244,875.43平方米，车辆605辆，"
                 "单价在100万元以上的设备2,528台等。\n2026年部门预算安排购置单位价值100万元以上设备0台（套）。", 2025)
    assert got[("operating_cost", "amount")] == [3814.44] and got[("operating_cost", "change")] == [-287.94]
    assert got[("procurement", "amount")] == [283840.81] and got[("procurement.goods", "amount")] == [102713.68]
    assert got[("procurement.works", "amount")] == [16517.66] and got[("procurement.services", "amount")] == [164609.47]
    assert got[("assets.fixed", "amount")] == [3106862.14] and got[("assets.vehicles", "count")] == [605]
    assert got[("assets.large_equipment", "count")] == [2528]


def test_the_commissioned_work_a_budget_arranges():
    """委托业务费安排情况 (2026's 广东, 浙江, 福建 templates): of one fund or of all, as its words say — read, never compared."""
    got = _facts("2026年本部门一般公共预算安排委托业务费6,018.09万元，比上年减少945.52万元，下降13.6%。\n"
                 "5.委托业务费安排情况\n2026年本部门委托业务费财政拨款预算总额8,967.80万元。", 2025)
    assert got[("commissioned", "amount")] == [6018.09, 8967.8]
    assert got[("commissioned", "change")] == [-945.52] and got[("commissioned", "growth")] == [-13.6]
