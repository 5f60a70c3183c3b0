from juesuan.extract.charts_data import assign_roles, chart_rows, clean_label, find_captions, text_chart_blocks
from juesuan.extract.sections import find_sections
from juesuan.read.text import document_from_text

APPENDIX = """第五部分 附表
一、收入支出决算总表

列1\t
公务用车购置及运行维护费\t公务接待费\t0.4579\t0.5421\t

财政拨款收、支变动情况图
2022年\t
收入（万元）\t支出（万元）\t10\t10\t2023年\t
收入（万元）\t支出（万元）\t12\t12\t

收、支变动情况图
2022年\t
收入（万元）\t支出（万元）\t20\t20\t2023年\t
收入（万元）\t支出（万元）\t22\t22\t
"""


def test_blocks_are_matched_by_content_not_order_or_placeholder_titles():
    doc = document_from_text("（图1：收、支决算总计变动情况图）（柱状图）\n（图4：财政拨款收、支决算总计变动情况）（柱状图）\n"
                             "（图7：“三公”经费财政拨款支出结构）（饼状图）\n" + APPENDIX)
    blocks = text_chart_blocks(doc, find_sections(doc))
    assert assign_roles(blocks) == ["three_public", "fiscal_change", "total_change"]
    rows = chart_rows(blocks, find_captions(doc))
    fig7 = [(r["category"], r["value"]) for r in rows if r["figure"] == 7]
    assert fig7 == [("公务用车购置及运行维护费", 45.79), ("公务接待费", 54.21)]
    fig1 = {(r["series"], r["category"]): r["value"] for r in rows if r["figure"] == 1}
    assert fig1 == {("2022年", "收入"): 20, ("2022年", "支出"): 20, ("2023年", "收入"): 22, ("2023年", "支出"): 22}
    assert {r["figure"] for r in rows} == {1, 4, 7}


def test_labels_lose_their_units():
    assert clean_label("收入（万元）") == ("收入", "万元")
    assert clean_label("一般公共预算财政拨款支出(万元)") == ("一般公共预算财政拨款支出", "万元")
    assert clean_label("公务接待费") == ("公务接待费", "")
