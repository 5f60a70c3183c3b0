"""Statements by meaning: a sentence as clauses with a role (extract/clauses.py), each figure given the
subject its own clause names and marked with how it was found (Fact.attach); an error only from figures
whose subject is certain (check/context.finding)."""

import pytest
from helpers import SHIPPED, read, replace_once

import juesuan
from juesuan.check.context import finding
from juesuan.extract.clauses import clauses
from juesuan.extract.narrative import facts_in_line
from juesuan.model.document import make_line, normalise


def roles(text):
    text = normalise(text)
    return [(c.role, text[c.start:c.end]) for c in clauses(text)]


def attached(text, section, prior_year=2023):
    return {(f.metric, f.measure, f.value, f.attach)
            for f in facts_in_line(make_line(5, normalise(text)), section, "t", prior_year)}


def test_a_sentence_cut_into_statement_cause_and_items():
    got = roles("收入支出总计9859.38万元。主要原因：项目支出增加，较上年增加1133.95万元，主要由于装修等。"
                "三公经费减少0.15万元，其中：A持平；B持平；C减少0.15万元。下一句。")
    assert [r for r, _ in got] == ["statement", "cause", "statement", "item", "item", "item", "statement"]
    assert got[1][1] == "主要原因:项目支出增加,较上年增加1133.95万元,主要由于装修等。"
    assert got[3][1].startswith("其中:A持平")


def test_a_cause_runs_over_its_numbered_reasons_and_a_purpose_to_its_clause():
    got = roles("主要原因是：一是人员增加；二是项目增加10万元。主要用于：办公；公务接待费5万元。")
    assert [r for r, _ in got] == ["cause", "purpose", "statement"]


def test_the_longest_cue_decides_the_role():
    assert [r for r, _ in roles("主要是用于人员支出。主要是人员增加。")] == ["purpose", "cause"]


CAUSE = "主要原因：项目支出增加，较上年增加1133.95万元，主要由于办公大楼装修等。"


@pytest.mark.parametrize("cause", [
    CAUSE, CAUSE.replace("主要原因：", "主要原因是"), CAUSE.replace("主要原因：", "增加的原因主要是"),
    CAUSE.replace("主要原因：", "主要是由于"), "主要原因：一是人员增加；二是项目支出增加，较上年增加1133.95万元。",
    CAUSE.replace("，", ","), CAUSE.replace("较上年", "较上一度")])
def test_a_cause_clause_figure_is_not_the_totals_change(cause):
    got = attached("2024年度收入支出总计9859.38万元。与2023年度相比，收入支出总计增加1062.85万元，增长12.08%。" + cause,
                   "overview")
    assert ("total", "change", 1062.85, "named") in got
    named = {(m, measure, v) for m, measure, v, how in got if how == "named"}
    assert not any(v == 1133.95 for _, _, v in named)
    assert all(how in ("named", "cause") for *_, how in got)


def test_a_cause_clause_that_names_its_subject_states_its_figure():
    got = attached("本年支出合计9759.38万元。主要原因是基本支出增加100.5万元。", "expenditure")
    assert ("expenditure.basic", "change", 100.5, "named") in got


LIST = "其中：因公出国（境）费支出与上一年度持平；公务用车购置及运行维护费支出与上一年度持平；公务接待费支出决算减少0.15万元，下降27.78%。"


@pytest.mark.parametrize("items", [
    LIST, LIST.replace("；", "，"), LIST.replace("；", "。"),
    "其中：1.因公出国（境）费支出与上一年度持平；2.公务用车购置及运行维护费支出与上一年度持平；3.公务接待费支出决算减少0.15万元，下降27.78%。",
    "其中：（1）因公出国（境）费支出与上一年度持平；（2）公务用车购置及运行维护费支出与上一年度持平；（3）公务接待费支出决算减少0.15万元。"])
def test_a_flat_list_gives_the_change_to_its_own_item_only(items):
    got = attached("2024年度“三公”经费财政拨款支出决算数比2023年度减少0.15万元，" + items, "three_public.detail")
    changes = {(m, v) for m, measure, v, _ in got if measure == "change"}
    assert {("three_public.overseas", 0.0), ("three_public.vehicle", 0.0), ("three_public.reception", -0.15),
            ("three_public", -0.15)} == changes


def test_a_comparison_in_its_own_sentence_is_carried():
    got = attached("2024年机关运行经费142.80万元。比上年减少13.52万元，下降8.65%。", "other.operating_cost")
    assert ("operating_cost", "amount", 142.8, "named") in got
    assert ("operating_cost", "change", -13.52, "carried") in got


def test_an_error_on_a_carried_or_cause_figure_is_a_warning():
    row = {"line": 3, "text": "t", "attach": "carried"}
    assert finding("growth", "x", row, 1.0, 2.0, "m").severity == "warning"
    assert finding("growth", "x", {**row, "attach": "named"}, 1.0, 2.0, "m").severity == "error"
    assert finding("growth", "x", {**row, "attach": "named"}, 1.0, 2.0, "m", others=(row,)).severity == "warning"
    assert finding("table.narrative", "x", {"line": 3, "attach": "similar"}, 1.0, 2.0, "m").severity == "warning"
    assert finding("table.narrative", "x", {"sheet": "s", "cell": "A1"}, 1.0, 2.0, "m").severity == "error"


SHIP = read(SHIPPED)


def errors(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    f = juesuan.process(path).tables["findings"]
    return f[f["severity"] == "error"]


def said(tmp_path, text) -> set:
    found = errors(tmp_path, text)
    return set(zip(found["rule"], found["stated"]))


@pytest.fixture(scope="module")
def shipped_errors(tmp_path_factory):
    return said(tmp_path_factory.mktemp("shipped"), SHIP)


def new_errors(tmp_path, text, shipped) -> set:
    """The errors of ``text`` that the shipped report itself (its own defects) does not raise."""
    return said(tmp_path, text) - shipped


@pytest.mark.parametrize("cause", ["主要变动原因是项目支出增加，较上年增加55.5万元。", "主要原因：项目支出增加，较上年增加55.5万元。",
                                   "主要是由于项目支出增加，较上年增加55.5万元。"])
def test_a_report_with_a_cause_figure_raises_no_error(tmp_path, cause, shipped_errors):
    text = replace_once(SHIP, "主要变动原因是项目支出增加。", cause)
    assert new_errors(tmp_path, text, shipped_errors) == set()


@pytest.mark.parametrize("sep", ["；", "，"])
def test_a_report_with_a_flat_list_raises_no_contradiction(tmp_path, sep, shipped_errors):
    text = replace_once(SHIP, "较上年增加1.49万元，增长15.8%。", f"较上年增加1.49万元，增长15.8%，其中：因公出国（境）费支出与上年持平{sep}"
                        f"公务用车购置及运行维护费支出与上年持平{sep}公务接待费支出增加1.49万元。")
    assert new_errors(tmp_path, text, shipped_errors) == set()


def test_the_flat_contradiction_still_fires_on_its_own_subject(tmp_path):
    found = errors(tmp_path, replace_once(SHIP, "增加1.49万元，增长33.63%。", "增加1.49万元，与上年持平。"))
    assert ("text.contradiction", 116) in set(zip(found["rule"], found["line"]))


@pytest.mark.parametrize(("sentence", "figure"), [
    ("本部门全年花费合计1234.56万元，比去年多了100万元，为上年的110%。", "1234.56万元"),
    ("据统计，差旅费较上年增加50万元，增幅为8.88%，系会议增多所致。", "8.88%"),
    ("注：上述数据口径为全口径，合计数与分项之和的差异1.11万元系四舍五入所致。", "1.11万元")])
def test_a_sentence_never_seen_raises_no_error_and_is_said_not_understood(tmp_path, sentence, figure, shipped_errors):
    text = replace_once(SHIP, "主要变动原因是项目支出增加。", "主要变动原因是项目支出增加。" + sentence)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = juesuan.process(path)
    found = result.tables["findings"]
    assert set(zip(found[found["severity"] == "error"]["rule"], found[found["severity"] == "error"]["stated"])) \
        <= shipped_errors
    unread = result.meta["coverage"]["figures_not_understood"]
    assert any(f"：{figure}（未能识别其所指" in s for s in unread), unread


def test_a_cell_in_a_row_the_table_does_not_name_makes_no_error():
    cell = {"sheet": "第21页", "cell": "第4行第1列", "row": "", "code": None, "value": 0.0}
    assert finding("table.columns", "x", cell, 0.0, 2391.92, "m").severity == "warning"
    assert finding("table.columns", "x", {**cell, "row": "合计"}, 0.0, 2391.92, "m").severity == "error"
    assert finding("table.columns", "x", {**cell, "code": "30201"}, 0.0, 2391.92, "m").severity == "error"


def test_a_column_split_in_two_is_not_either_half():
    """基本支出 over 人员支出 | 日常公用支出 with no column of its own: 基本支出 is not understood (杭州's 支出预算总表
    gave its 人员支出 for the 基本支出), while a column of its own is found."""
    from juesuan.check.context import Appendix

    def table(columns):
        cells = [{"kind": "budget_expenditure", "row": "合计", "code": "", "column": c, "value": 1.0} for c in columns]
        return Appendix(cells, [{"kind": "budget_expenditure", "status": "read", "columns": ";".join(columns)}])

    assert table(["总计", "基本支出/人员支出", "基本支出/日常公用支出", "项目支出"]).column("budget_expenditure", "基本支出") is None
    assert table(["总计", "基本支出/合计", "基本支出/人员支出", "项目支出"]).column(
        "budget_expenditure", "基本支出/合计", "基本支出") == "基本支出/合计"
    assert table(["总计", "基本支出", "项目支出"]).column("budget_expenditure", "基本支出") == "基本支出"
