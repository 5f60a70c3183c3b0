import io
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from helpers import EDUCATION, SHIPPED

from juesuan.extract import extract
from juesuan.publish.charts import colour, figure_for, pie_figure, save_figures, setup_fonts
from juesuan.read import read_document


@pytest.fixture(scope="module")
def shipped_charts():
    return extract(read_document(SHIPPED)).tables["charts"]


def _render_without_glyph_warnings(fig):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font" becomes a failure
        fig.canvas.draw()
        fig.savefig(io.BytesIO(), format="svg")


@pytest.mark.parametrize("number", range(1, 8))
def test_every_figure_renders_chinese_with_the_shipped_font(shipped_charts, number):
    fig = figure_for(shipped_charts, number)
    _render_without_glyph_warnings(fig)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert any(f"图{number}" in t for t in texts)


def test_the_glyph_check_can_fail():
    """Without the CJK font, Chinese text does warn: the check above is not vacuous."""
    setup_fonts()
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = plt.figure()
        fig.text(0.5, 0.5, "收入决算")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.canvas.draw()
        plt.close(fig)
    assert any("Glyph" in str(w.message) for w in caught)


def test_figures_match_the_document(shipped_charts):
    fig = figure_for(shipped_charts, 1)
    labels = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    assert {"1,010.10", "1,050.28", "收入", "支出", "2022年", "2023年"} <= labels
    pie = figure_for(shipped_charts, 3)
    labels = {t.get_text() for t in pie.findobj(matplotlib.text.Text)}
    assert {"67.68%", "32.32%"} <= labels


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_png_and_svg_are_deterministic(tmp_path):
    tables = extract(read_document(EDUCATION)).tables
    a, b = save_figures(tables, 2022, tmp_path / "a"), save_figures(tables, 2022, tmp_path / "b")
    assert len(a) == 14
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_zero_slices_left_out_and_all_zero_says_so():
    rows = pd.DataFrame({"category": ["甲", "乙"], "value": [100.0, 0.0]})
    fig = pie_figure(rows, 7, "测试")
    texts = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    assert "100.00%" in texts and "0.00%" not in texts and not any(t.startswith("乙") for t in texts)
    empty = pie_figure(pd.DataFrame({"category": ["甲"], "value": [0.0]}), 7, "测试")
    assert "本年各项均为0，无结构可示" in {t.get_text() for t in empty.findobj(matplotlib.text.Text)}


def test_same_category_same_colour():
    """A category keeps its colour from figure to figure, wherever it stands in the pie."""
    def wedge_colours(categories):
        fig = pie_figure(pd.DataFrame({"category": categories, "value": [60.0, 40.0]}), 3, "测试")
        wedges = [p for p in fig.axes[0].patches]
        return {c: matplotlib.colors.to_hex(w.get_facecolor()) for c, w in zip(categories, wedges)}

    first, second = wedge_colours(["基本支出", "项目支出"]), wedge_colours(["项目支出", "基本支出"])
    assert first == second and first["基本支出"] != first["项目支出"]
    assert colour("卫生健康支出") == colour("医疗卫生")  # same 类 (210), whatever the label
    assert colour("一般公共服务") != colour("国防支出")


def test_missing_chart_data_drawn_from_the_narrative():
    from helpers import extract_text, read

    text = read(EDUCATION)
    e = extract_text(text[: text.index("收、支变动情况图")])  # the chart data cut off
    assert e.tables["charts"].empty
    from juesuan.publish.chart_fallback import narrative_rows

    fig1 = narrative_rows(e.tables, 2022, 1)
    assert {(r.series, r.category): r.value for r in fig1.itertuples()} == {
        ("2021年", "收入"): 4880.2, ("2021年", "支出"): 4880.2, ("2022年", "收入"): 5120.6, ("2022年", "支出"): 5120.6}
    fig7 = narrative_rows(e.tables, 2022, 7)
    assert dict(zip(fig7["category"], fig7["value"])) == {"因公出国（境）费": 31.62, "公务用车购置及运行维护费": 48.62,
                                                          "公务接待费": 19.76}
    assert len(narrative_rows(e.tables, 2022, 6)) == 4
    fig = figure_for(e.tables["charts"], 3, narrative_rows(e.tables, 2022, 3))
    texts = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    assert "报告未附此图数据，据正文数字绘制" in texts and "64.26%" in texts


def test_saved_figures_fall_back_to_the_narrative_only_where_data_is_missing(tmp_path):
    tables = dict(extract(read_document(SHIPPED)).tables)
    tables["charts"] = tables["charts"][tables["charts"]["figure"] != 3]
    save_figures(tables, 2023, tmp_path)
    note = "<!-- 报告未附此图数据，据正文数字绘制 -->"  # matplotlib keeps each text as a comment in the SVG
    marked = {n for n in range(1, 8) if note in (tmp_path / f"fig{n}.svg").read_text(encoding="utf-8")}
    assert marked == {3}
    assert "<!-- 基本支出  67.68% -->" in (tmp_path / "fig3.svg").read_text(encoding="utf-8")


def test_missing_chart_data_drawn_from_the_tables_before_the_narrative():
    """With the appendix workbook, the structure pies come from the tables (authoritative); the
    bars compare with the prior year, which no table holds, so they still come from the text."""
    from helpers import APPENDIX, read

    from juesuan.extract import extract as extract_doc
    from juesuan.model.document import Document
    from juesuan.publish.chart_fallback import derived_rows
    from juesuan.read.text import document_from_text

    text = read(EDUCATION)
    doc = document_from_text(text[: text.index("收、支变动情况图")])
    workbook = read_document(APPENDIX / "education_2022_附表.xlsx")
    tables = extract_doc(doc, tables=workbook).tables
    assert tables["charts"].empty and isinstance(workbook, Document)
    rows, source = derived_rows(tables, 2022, 7)
    assert source == "附表"
    assert dict(zip(rows["category"], rows["value"])) == {"因公出国(境)费": 31.62, "公务用车购置及运行维护费": 48.62,
                                                          "公务接待费": 19.76}  # 8.00, 12.30, 5.00 of 25.30
    rows, source = derived_rows(tables, 2022, 3)
    assert source == "附表" and dict(zip(rows["category"], rows["value"]))["基本支出"] == 64.26  # 3200.40 / 4980.60
    rows, source = derived_rows(tables, 2022, 2)
    assert dict(zip(rows["category"], rows["value"])) == {"一般公共预算财政拨款收入": 94.0, "事业收入": 6.0}
    rows, source = derived_rows(tables, 2022, 1)
    assert source == "正文数字" and len(rows) == 4
    fig = figure_for(tables["charts"], 7, *derived_rows(tables, 2022, 7))
    assert "报告未附此图数据，据附表绘制" in {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
