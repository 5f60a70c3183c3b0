"""Tables by structure (extract/table_model.py, extract/table_kinds.py): a table is known by its
header and row labels whatever its title; cells sit under the header column they are drawn under;
continuation pages join their table; a blank table is not understood, never a table of zeros."""

import pandas as pd
import pytest

from juesuan.check import run_checks
from juesuan.extract.appendix import read_appendix, title_kind
from juesuan.extract.table_kinds import kind_by_words
from juesuan.model.document import Grid


def pdf_grid(page: int, rows: list[list], merges=()) -> Grid:
    """A grid as the PDF reader gives one: every row on ``page``, numbered from 1."""
    cells = tuple(tuple(r) for r in rows)
    return Grid(f"第{page}页", cells, tuple(merges), pages=(page,) * len(cells),
                page_rows=tuple(range(1, len(cells) + 1)))


def cells_of(*grids: Grid) -> pd.DataFrame:
    return pd.DataFrame(read_appendix(tuple(grids)).cells)


def tables_of(*grids: Grid) -> list[dict]:
    return read_appendix(tuple(grids)).tables


GB = [["一般公共预算支出功能分类预算表", "", ""], ["单位：万元", "", ""],
      ["科目编码", "科目名称", "金额"]]


# ── a blank table is not understood ────────────────────────────────────────────────────────────────

def blank_gb() -> Grid:
    return pdf_grid(5, [*GB, ["合计", "", ""], ["201", "一般公共服务支出", ""], ["2010301", "行政运行", ""]])


def test_a_blank_table_is_read_as_empty_with_no_cell():
    (table,) = tables_of(blank_gb())
    assert table["kind"] == "budget_gb" and table["status"] == "empty" and table["cells"] == 0


def test_a_blank_table_is_never_compared_as_zeros_and_the_check_is_said_not_run():
    """The narrative's 类 (9,846.82) against a table read blank: no error, no warning of 0.00, and the
    coverage says which comparison was not made and why."""
    appendix = read_appendix((blank_gb(),))
    functions = pd.DataFrame([{"code": "201", "level": "类", "name": "一般公共服务支出", "name_in_source": "一般公共服务支出",
                               "amount": 9846.82, "budget": None, "completion": None, "share": None, "prior": None,
                               "change": None, "growth": None, "origin": "stated", "code_in_source": "201", "line": 3,
                               "page": 2, "page_line": 3, "text": "…9,846.82万元"}])
    facts = pd.DataFrame([{"metric": "general_budget", "period": "current", "measure": "amount", "value": 9846.82,
                           "base": "", "line": 2, "text": "一般公共预算支出9,846.82万元", "unit_in_source": "万元"}])
    tables = {"facts": facts, "functions": functions, "appendix": pd.DataFrame(appendix.cells),
              "appendix_tables": pd.DataFrame(appendix.tables)}
    findings = run_checks(tables, kind="部门预算", budget_policy=False)
    about_table = findings[findings["message"].str.contains("功能分类预算表|0.00", regex=True)]
    assert about_table.empty, about_table.to_string()
    ledger = findings.attrs["coverage"]
    assert "一般公共预算支出功能分类预算表" in ledger["tables_not_understood"]
    assert any("没有任何数字" in s for s in ledger["checks_not_run"]), ledger["checks_not_run"]


def test_a_blank_cell_in_a_table_with_figures_is_still_zero():
    grid = pdf_grid(5, [*GB, ["合计", "", "10.00"], ["201", "一般公共服务支出", "10.00"], ["2010301", "行政运行", ""]])
    (table,) = tables_of(grid)
    assert table["status"] == "data" and "2010301" in table["rows"].split(";")  # listed: blank there is zero


# ── structure ──────────────────────────────────────────────────────────────────────────────────────

def test_a_two_sided_summary_in_yuan_without_decimals():
    """income | expenditure on shared rows, amounts in 元 with separators and no decimals (万里街道)."""
    grid = pdf_grid(10, [
        ["2023年部门财务收支预算总表", "", "", ""], ["编制部门：某街道办事处 单位：元", "", "", ""],
        ["本年收入", "", "本年支出", ""], ["项目", "预算数", "项目", "预算数"],
        ["一、财政拨款收入", "164,978,640", "一、一般公共服务支出", "2,976,800"],
        ["二、事业收入", "", "二、城乡社区支出", "162,001,840"],
        ["收入总计", "164,978,640", "支出总计", "164,978,640"]])
    cells = cells_of(grid)
    got = {(r.column, r.row): r.value for r in cells.itertuples()}
    assert got[("本年收入/预算数", "收入总计")] == pytest.approx(16497.864)
    assert got[("本年支出/预算数", "二、城乡社区支出")] == pytest.approx(16200.184)
    assert set(cells["unit_in_source"]) == {"元"}
    assert cells.loc[cells["row"] == "二、城乡社区支出", "code"].item() == "212"  # a 总表's 类 by name


@pytest.mark.parametrize("unit,factor", [("元", 1e-4), ("万元", 1.0)])
def test_the_unit_comes_from_the_tables_own_note(unit, factor):
    grid = pdf_grid(3, [["收入预算总表", "", ""], [f"单位：{unit}", "", ""], ["项目", "", "金额"],
                        ["收入总计", "", "1,234.50"]])
    (cell,) = cells_of(grid).itertuples()
    assert cell.value == pytest.approx(1234.5 * factor) and cell.unit_in_source == unit


@pytest.mark.parametrize("total_first", [True, False])
def test_the_total_row_first_or_last(total_first):
    total = ["合计", "", "30.00"]
    rows = [["201", "一般公共服务支出", "10.00"], ["208", "社会保障和就业支出", "20.00"]]
    grid = pdf_grid(4, [*GB, *([total, *rows] if total_first else [*rows, total])])
    cells = cells_of(grid)
    assert dict(zip(cells["row"], cells["value"])) == {"合计": 30.0, "一般公共服务支出": 10.0, "社会保障和就业支出": 20.0}
    assert cells.loc[cells["row"] == "合计", "level"].item() == "合计"


def test_a_figure_drawn_beside_its_header_column_is_read_under_it():
    """The PDF's box draws a 项 amount over grid columns 2–4 while 金额 labels column 3 (检察院's tables):
    the cell's extent says which header column it stands under."""
    grid = pdf_grid(17, [["财政拨款基本支出预算表（经济科目）", "", "", "", ""], ["单位：万元", "", "", "", ""],
                         ["科目编码", "科目名称", "", "金额", ""],
                         ["301", "工资福利支出", "", "11.00", ""],
                         ["30101", "基本工资", "11.00", "", ""]], merges=[((4, 2), (4, 4))])
    cells = cells_of(grid)
    assert dict(zip(cells["code"], cells["value"])) == {"301": 11.0, "30101": 11.0}
    assert set(cells["column"]) == {"金额"}


def test_a_total_whose_figure_prints_a_line_below_its_label():
    grid = pdf_grid(21, [["一般公共预算机关运行经费支出预算表", "", ""], ["单位：万元", "", ""],
                         ["科目编码", "科目名称", "机关运行经费支出"], ["合计", "", ""], ["", "", "5.00"],
                         ["302", "商品和服务支出", "5.00"]])
    cells = cells_of(grid)
    assert dict(zip(cells["row"], cells["value"])) == {"合计": 5.0, "商品和服务支出": 5.0}
    assert cells.loc[cells["row"] == "合计", "cell"].item() == "第5行第3列"  # where the figure is


def test_a_table_split_over_two_pages_without_repeated_header():
    """The next page: no title, no header, its own box with fewer columns, a 注 at its end."""
    first = pdf_grid(18, [["一般公共预算基本支出预算表（经济科目）", "", "", "", ""], ["单位：万元", "", "", "", ""],
                          ["", "科目编码", "科目名称", "金额", ""],
                          ["", "合计", "", "", "15.00"],
                          ["301", "", "工资福利支出", "", "15.00"],
                          ["30101", "", "基本工资", "6.00", ""]])
    second = pdf_grid(19, [["30102", "津贴补贴", "9.00", ""], ["302", "商品和服务支出", "", "5.00"],
                           ["注：科目编码为必填项。", "", "", ""]])
    cells = cells_of(first, second)
    assert set(cells["kind"]) == {"budget_gb_basic"}
    assert dict(zip(cells["code"], cells["value"])) == {"": 15.0, "301": 15.0, "30101": 6.0, "30102": 9.0, "302": 5.0}
    assert set(cells.loc[cells["code"].isin(["30102", "302"]), "sheet"]) == {"第19页"}


# ── kinds by signature, whatever the title ─────────────────────────────────────────────────────────

@pytest.mark.parametrize("title,family,kind", [
    ("收支总体情况表", "预算", "budget_summary"),  # 广州
    ("收支总表", "预算", "budget_summary"),  # 深圳
    ("本年支出总体情况表", "预算", "budget_expenditure"),
    ("财政拨款收支总体情况表", "预算", "budget_fiscal_summary"),
    ("一般公共预算支出情况表(按功能分类科目)", "预算", "budget_gb"),
    ("一般公共预算基本支出情况表(按经济分类科目)", "预算", "budget_gb_basic"),
    ("一般公共预算支出表(按经济分类)", "预算", "budget_gb_economic"),  # not the 基本支出 table: no tie to it
    ("财政拨款\"三公\"经费支出表", "预算", "budget_three_public"),
    ("政府性基金预算财政拨款支出预算表", "", "budget_gov_fund"),  # 检察院's 公开10, not 财政拨款支出预算表
    ("政府采购支出预算表", "", "budget_procurement"),
    ("一般公共预算财政拨款支出决算表", "", "gb"),
    ("第二部分 2026年部门预算表", "预算", ""),  # a part's heading: no table
])
def test_a_kind_by_its_signature(title, family, kind):
    assert kind_by_words(title.replace(" ", ""), family) == kind


@pytest.mark.parametrize("title,kind", [
    ("高等学校收支决算总表", "summary"), ("高等学校收入决算表", "income"), ("高等学校支出决算表", "expenditure"),
    ("高等学校财政拨款支出决算表", "fiscal"),  # more than 支出决算表 says: not the 支出决算表
    ("某财政局2023年度收入支出决算总表", "summary"),  # a department's name is no part of the signature
])
def test_the_university_set_by_its_words(title, kind):
    assert title_kind(title, "决算")[0] == kind


def test_a_renamed_title_is_known_by_its_words():
    grid = pdf_grid(7, [["第二部分 2026年部门预算表", "", ""], ["表2", "", ""], ["某局2026年收入总体情况表", "", ""], ["单位名称：某局 单位：万元", "", ""],
                        ["项目", "", "合计"], ["收入总计", "", "7.00"]])
    (table,) = tables_of(grid)
    assert (table["kind"], table["title"]) == ("budget_income", "某局2026年收入总体情况表")
    assert title_kind("一般公共预算支出情况表(按功能分类科目)单位名称:某局单位:万元", "预算")[0] == "budget_gb"


def test_a_table_without_title_is_known_by_its_header_and_codes():
    """The title removed: two sides 收入 | 支出 make a 总表; 功能分类 codes and 基本/项目 columns a
    支出 table; a second table of a kind already taken is read as ``other``, never mixed with it."""
    summary = pdf_grid(1, [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
                           ["一、财政拨款收入", "10.00", "一、一般公共服务支出", "10.00"], ["收入总计", "10.00", "支出总计", "10.00"]])
    spending = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                ["201", "一般公共服务支出", "10.00", "6.00", "4.00"], ["2010301", "行政运行", "10.00", "6.00", "4.00"]]
    kinds = [t["kind"] for t in tables_of(summary, pdf_grid(3, spending), pdf_grid(5, spending))]
    assert kinds == ["budget_summary", "budget_expenditure", "other"]  # a budget: its 预算数 columns say so
    assert len(cells_of(summary, pdf_grid(3, spending), pdf_grid(5, spending))) == 4 + 6 + 6


def test_a_header_over_several_columns_is_no_column_of_its_own():
    """杭州's 支出预算总表: 基本支出 over 人员支出 | 日常公用支出 — the narrative's 基本支出 is compared with
    neither part (a false error once: 82,529.89 against 人员支出 73,924.43)."""
    from juesuan.check.context import Appendix

    columns = "总计;基本支出/人员支出;基本支出/日常公用支出;项目支出"
    a = Appendix([], [{"kind": "budget_expenditure", "status": "data", "columns": columns, "title": "", "sheet": "",
                       "unit_in_source": "万元", "table": "", "rows": ""}])
    assert a.column("budget_expenditure", "基本支出") is None
    assert a.column("budget_expenditure", "项目支出") == "项目支出"
    assert a.column("budget_expenditure", "人员支出") == "基本支出/人员支出"


def test_the_three_public_total_leaves_out_the_operating_cost_column():
    """上海's “三公”经费和机关运行经费预算表: 合计 22.91 is 出国 + 接待 + 用车, not the 机关运行经费 beside them
    (a false error once: 合计 against a sum of 809.00 with the 786.09 of 机关运行经费); the signature
    file says which columns stand apart, and a 合计 that the parts do not make is still an error."""
    def table(total: str) -> Grid:
        return pdf_grid(28, [["2023年部门“三公”经费和机关运行经费预算表", "", "", "", ""], ["单位：万元", "", "", "", ""],
                             ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "2023年机关运行经费预算数"],
                             [total, "0", "1.35", "21.56", "786.09"]])

    def errors(grid):
        appendix = read_appendix((grid,))
        found = run_checks({"appendix": pd.DataFrame(appendix.cells), "appendix_tables": pd.DataFrame(appendix.tables)},
                           kind="部门预算", budget_policy=False)
        return found[(found["severity"] == "error") & (found["rule"] == "table.columns")]

    assert errors(table("22.91")).empty
    assert len(errors(table("23.91"))) == 1


@pytest.mark.parametrize("parts", [("其中：基本支出", "项目支出", "6.00", "4.00"),  # 广州: they add up
                                   ("其中：预留给中小企业", "其中：小型微型企业", "3.00", "1.00")])  # 深圳: they do not
def test_a_subtotal_beside_a_column_of_of_which_is_not_checked(parts):
    """Whether 其中 columns add up to their 小计 is not written: no table.columns finding either way."""
    first, second, a, b = parts
    grid = pdf_grid(12, [["一般公共预算支出预算表", "", "", "", ""], ["单位：万元", "", "", "", ""],
                         ["科目编码", "科目名称", "一般公共预算支出", "", ""], ["", "", "小计", first, second],
                         ["201", "一般公共服务支出", "10.00", a, b]], merges=[((2, 2), (2, 4))])
    appendix = read_appendix((grid,))
    found = run_checks({"appendix": pd.DataFrame(appendix.cells), "appendix_tables": pd.DataFrame(appendix.tables)},
                       kind="部门预算", budget_policy=False)
    assert len(appendix.cells) == 3 and found[found["rule"] == "table.columns"].empty


def test_a_next_page_whose_first_row_runs_together_joins_its_table():
    """法院 2018: the box on the next page drawn without column rules in its first row — code, name and
    amount in one cell — still goes on from the table before (else the 款's items are short of a page,
    and their sum a false error)."""
    first = pdf_grid(12, [["一般公共预算支出预算表", "", "", ""], ["单位：万元", "", "", ""], ["科目编码", "科目名称", "", "金额"],
                          ["204", "公共安全支出", "", "20.00"], ["20405", "法院", "", "20.00"],
                          ["2040501", "行政运行", "15.00", ""]], merges=[((5, 2), (5, 3))])  # a 项 amount drawn over 2–3
    second = pdf_grid(13, [["2040504 案件审判 3.00", "", "", ""], ["2040505", "案件执行", "2.00", ""]])
    tables = read_appendix((first, second)).tables
    assert [t["kind"] for t in tables] == ["budget_gb"]
    cells = cells_of(first, second)
    assert dict(zip(cells["code"], cells["value"]))["2040504"] == 3.0 and cells["value"].sum() == 60.0


def test_a_sum_short_of_a_page_not_read_is_a_warning():
    """The page after a table read as no part of it (here: rows no reader joins) may hold its rows: a 款
    short of its items is said, not an error against the department."""
    first = pdf_grid(12, [["一般公共预算支出预算表", "", ""], ["单位：万元", "", ""], ["科目编码", "科目名称", "金额"],
                          ["204", "公共安全支出", "20.00"], ["20405", "法院", "20.00"], ["2040501", "行政运行", "15.00"]])
    unread = pdf_grid(13, [["案件审判（续）", "", ""], ["说明文字", "", ""]])
    appendix = read_appendix((first, unread))
    assert appendix.tables[0]["beyond"] == "第13页"
    found = run_checks({"appendix": pd.DataFrame(appendix.cells), "appendix_tables": pd.DataFrame(appendix.tables)},
                       kind="部门预算", budget_policy=False)
    sums = found[found["rule"] == "table.sum"]
    assert len(sums) == 1 and set(sums["severity"]) == {"warning"} and "第13页" in sums["message"].item()


def test_a_column_of_unit_codes_is_no_amount():
    """苏州's 收入总表: 部门代码 | 部门名称 | 合计 | 本年收入 — the code 123 is not added into the 合计."""
    grid = pdf_grid(9, [["收入预算总表", "", "", ""], ["单位：万元", "", "", ""], ["部门代码", "部门名称", "合计", "本年收入"],
                        ["123", "某局", "10.00", "10.00"]])
    cells = cells_of(grid)
    assert list(cells["column"]) == ["合计", "本年收入"]


def test_a_table_listing_each_units_rows_is_not_summed_by_code():
    """深圳's 支出总表: each 预算单位's 科目 under its own name, so 208 stands twice — a sum by code would add
    one unit's 项 to another's 类 (33 false errors once). Said not run, never an error."""
    grid = pdf_grid(66, [["支出预算总表", "", "", ""], ["单位：万元", "", "", ""], ["预算单位", "科目编码", "科目名称", "支出总计"],
                         ["某局本级", "208", "社会保障和就业支出", "10.00"], ["", "20805", "行政事业单位养老支出", "10.00"],
                         ["某中心", "208", "社会保障和就业支出", "5.00"], ["", "20805", "行政事业单位养老支出", "5.00"],
                         ["", "20899", "其他社会保障和就业支出", "4.00"]])
    appendix = read_appendix((grid,))
    assert appendix.tables[0]["kind"] == "budget_expenditure"
    found = run_checks({"appendix": pd.DataFrame(appendix.cells), "appendix_tables": pd.DataFrame(appendix.tables)},
                       kind="部门预算", budget_policy=False)
    assert found[found["rule"] == "table.sum"].empty
    assert any("重复出现" in s for s in found.attrs["coverage"]["checks_not_run"])


def test_a_figure_set_a_row_below_its_code_on_the_next_page():
    """2018 江苏省人民检察院 公开07表 over two pages: the next page's box sets 221 住房保障支出 on one row
    and its 3,660.38 on the row under it — one row, joined to the table, read by its code."""
    first = pdf_grid(17, [["一般公共预算支出预算表", "", ""], ["单位：万元", "", ""], ["功能科目代码", "功能科目名称", "金额"],
                          ["合计", "", "3,838.84"], ["208", "社会保障和就业支出", "178.46"],
                          ["2080501", "行政单位离退休", "178.46"]])
    second = pdf_grid(18, [["221", "住房保障支出", "", ""], ["", "", "3,660.38", ""], ["22102", "住房改革支出", "3,660.38", ""],
                           ["2210201", "住房公积金", "3,660.38", ""]])
    cells = cells_of(first, second)
    assert set(cells["kind"]) == {"budget_gb"}
    assert dict(zip(cells["code"], cells["value"]))["221"] == 3660.38
    findings = run_checks({"appendix": cells, "appendix_tables": pd.DataFrame(tables_of(first, second))},
                          kind="部门预算")
    assert not (findings["severity"] == "error").any(), findings["message"].tolist()


def test_a_title_wrapped_over_rows_of_its_own():
    """十一、一般公共预算 三公 经费、会议费、培训费支出预 / “ ” / 算表: one title; its header starts under it."""
    grid = pdf_grid(16, [["十一、一般公共预算 三公 经费、会议费、培训费支出预", "", ""], ["“ ”", "", ""], ["算表", "", ""],
                         ["部门：江苏省人民检察院 单位：万元", "", ""], ["合计", "会议费", "培训费"],
                         ["1,452.35", "168.00", "700.00"]])
    (table,) = tables_of(grid)
    assert table["kind"] == "budget_three_public"
    cells = cells_of(grid)
    assert dict(zip(cells["column"], cells["value"])) == {"合计": 1452.35, "会议费": 168.0, "培训费": 700.0}


@pytest.mark.parametrize("title, kind", [
    ("“三公”经费、会议费、培训费支出预算表（一般公共预算）", "budget_three_public"),  # 江苏 2017's 表十一
    ("“三公”经费、会议费、培训费支出预算表", "budget_three_public"),
    ("一般公共预算支出预算表（功能科目）", "budget_gb"),
    ("政府性基金支出预算表(政府性基金预算)", "budget_gov_fund"),
])
def test_a_bracket_after_the_title_naming_its_fund_or_classification_keeps_the_title(title, kind):
    assert title_kind(title, "预算")[0] == kind
