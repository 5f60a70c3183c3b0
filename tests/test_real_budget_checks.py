"""Every real budget of the samples (Jiangsu's 说明 and 表格 read as one) raises as errors exactly the
defects read on its pages and verified (docs/REAL.md, "Budget errors verified"): by rule, the figure the
document states and the one it is compared with. Everything else a budget's checks find is a warning."""

from collections import Counter

import pytest
from real_samples import BUDGET, budget_documents

import juesuan
from juesuan.check import BUDGET_ERROR_RULES
from juesuan.model.errors import ReportError

# slow: all 21 real budgets read (≈ 50 s on 2 shared cores), more than the fast loop's whole budget
pytestmark = [pytest.mark.skipif(not BUDGET.exists(), reason="the real samples (../shared) are not beside the repo"),
              pytest.mark.slow]

# (rule, stated, compared with), each read on the page (docs/REAL.md)
VERIFIED = {
    # p11 and p14: 2040601 行政运行's 项目支出 is printed 64,840,547.00 (the 款's whole 项目支出) where its
    # 合计 14,348,853.34 = its 基本支出 says 0: 合计 ≠ 基本 + 项目, in both tables that print the row
    # and so 20406 司法's 项目支出 6,484.05 against its 项 adding to twice that, in both tables
    "上海市普陀区司法局2026年单位预算.pdf": [("table.columns", 1434.89, 7918.94)] * 2
    + [("table.sum", 6484.05, 12968.11)] * 2
    # p6: 行政运行 1434.89万元 "比2025年预算执行数减少1.10%" against the 1690.69 it states (−15.13 %);
    # p9: 购房补贴 207万元 (and "2026年预算安排170.03万元") "增加21.74%" against 241.76 (a fall either way)
    + [("function.growth", -1.1, -15.13), ("function.growth", 21.74, -14.38)]
    # p6: 行政单位离退休（01项）56.12万元 (table 561,240.00) "…2026年预算安排57.8万元"; 购房补贴 207万元 "…安排170.03万元"
    + [("function.restated", 57.8, 56.12), ("function.restated", 170.03, 207.0)],
    # p6–p7 (the truth's material defects): 其他司法支出 3845.49 "增加17.62%" against 43269.3 (−91.11 %);
    # 职业年金 91.97 "增加17.66%" against 77.99 (17.93 %)
    "上海市普陀区司法局2026年部门预算.pdf": [("function.growth", 17.62, -91.11), ("function.growth", 17.66, 17.93),
                                    # the truth's: 住房公积金（01项）208.8万元 … "2026年预算安排201.50万元"
                                    ("function.restated", 201.5, 208.8)],
    # the truth's: 住房保障（类）3894.09 "增加878.93万元，增长30%" (29.15 %); 行政运行 9370.12 "增加1297.83万元，
    # 增长16.07%" (16.0776 %: 16.08)
    "江苏省委办公厅_江苏省委办公厅2019年度部门预算公开文件.pdf": [("function.growth", 30.0, 29.15),
                                                ("function.growth", 16.07, 16.08)],
    # 行政运行（项）支出 6106.99万元，增加 101.48万元，增长 1.66%: 101.48 over this year's 6106.99 (1.69 % over
    # last year's 6005.51)
    "江苏省委办公厅_江苏省委办公厅2017年部门预算.pdf": [("function.growth", 1.66, 1.69)],
    # 提租补贴（项）支出1959.99万元，增加865.57万元，增长79.05% (865.57 / 1094.42 = 79.09 %)
    "江苏省高级人民法院_省法院2017年度部门预算公开.pdf": [("function.growth", 79.05, 79.09)],
    # 一般行政事务管理（项）6049.97万元，减少392.92万元，减少5.95%: 392.92 / 6442.89 = 6.10 % (the 2017 budget's
    # 6432.89 gives 382.92 and 5.95 %: the change is the figure mistyped)
    "江苏省高级人民法院_省法院2018年度部门预算公开.pdf": [("function.growth", -5.95, -6.1)],
    # p6: 社会福利事业单位（项）738.66万元; p11: 2081005 6,964,796 元 (the other 项 agree to the 元)
    "上海市普陀区社会福利院2024年单位预算.pdf": [("table.narrative", 738.66, 696.48)],
    # p7 and p8: 机关事业单位职业年金缴费支出（项）887.36万元; p15: 2080506 873,617 元
    "上海市普陀区财政局2025年部门预算.pdf": [("table.narrative", 887.36, 87.36)] * 2,
    # the truth's (shared/samples/real/budget/TRUTH.md §4): p6 第3项 一般行政管理事务 45.41 against 11.67
    # "增加314.82%" (289.12 %); p7 第16项 职业年金 220.63 "2023年预算安排441.25万元，增加60.54%" (66.40 %)
    "上海市普陀区人民政府万里街道办事处2023年部门预算.pdf": [("function.growth", 314.82, 289.12), ("function.growth", 60.54, 66.4),
                                            ("function.restated", 441.25, 220.63)],
    # the truth's §5 #7: 住房公积金(项) 增加368.97 "增长34.38%" (368.97 / 1073.77 = 34.36 %)
    "江苏省人民检察院_2019年度部门预算公开.pdf": [("function.growth", 34.38, 34.36)],
}


def _documents():
    return [pytest.param(doc, tables, id=doc.stem[-24:]) for doc, tables in budget_documents()] if BUDGET.exists() else []


@pytest.mark.parametrize(("doc", "tables"), _documents())
def test_a_budget_raises_as_errors_exactly_its_verified_defects(doc, tables):
    try:
        result = juesuan.process(doc, tables=tables)
    except ReportError:
        pytest.skip(f"{doc.name} is not read as a budget (docs/REAL.md)")
    findings = result.tables["findings"]
    errors = findings[findings["severity"] == "error"]
    assert set(errors["rule"]) <= BUDGET_ERROR_RULES
    got = Counter((e.rule, round(e.stated, 2), round(e.expected, 2)) for e in errors.itertuples())
    assert got == Counter(VERIFIED.get(doc.name, [])), errors[["rule", "stated", "expected", "message"]].values.tolist()


def test_a_defect_of_a_rule_still_measured_is_said_as_a_warning():
    """社会福利院 单位预算: its 项 add up to 991.59 against the 950.12 it states (the 738.66 above): real,
    but sum.functions is not clean on every budget yet (items not read, lists repeated), so a warning."""
    findings = juesuan.process(BUDGET / "上海市普陀区社会福利院2024年单位预算.pdf").tables["findings"]
    said = findings[(findings["rule"] == "sum.functions") & (findings["stated"] == 950.12)]
    assert "sum.functions" not in BUDGET_ERROR_RULES
    assert len(said) == 1 and set(said["severity"]) == {"warning"} and round(said.iloc[0].expected, 2) == 991.59


def test_rows_atop_a_page_under_the_next_title_join_their_table():
    """人大 2017: 30312 提租补贴 1,018.01 stands atop p15, in the ruled box of the next table's title: a row of
    the 财政拨款基本支出预算表 of p13–14, so 303 adds up (it did not: 3,151.74 against 2,133.73)."""
    result = juesuan.process(BUDGET / "江苏省人大办公厅_江苏省人大办公厅2017年度预算公开.pdf")
    cells = result.tables["appendix"].query("kind == 'budget_fiscal_basic' and code == '30312'")
    assert list(zip(cells["sheet"], cells["value"])) == [("第15页", 1018.01)]
    findings = result.tables["findings"]
    assert findings[findings["rule"] == "table.sum"].empty
