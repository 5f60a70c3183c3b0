"""Real published disclosures (../shared/samples/real) against their hand-read truth. The bounds are
the figures measured when this was written (docs/REAL.md): a change that reads fewer figures, raises
an error the truth does not explain or misses a material defect fails here."""

import json
import re
from pathlib import Path

import pytest
from real_samples import (
    BUDGET,
    PINGTAN_TRUTH,
    SHANGHAI,
    budget_truths,
    heldout_budget_truths,
    pingtan_files,
    score_budget,
    score_pingtan,
    score_shanghai,
)

pytestmark = pytest.mark.skipif(not SHANGHAI.exists(), reason="the real samples (../shared) are not beside the repo")
HAND_READ = Path(__file__).parent / "fixtures" / "real" / "hand_read"


@pytest.mark.slow  # a real document read whole: make test runs it, make test-fast (at its 90 s budget) does not
@pytest.mark.parametrize(("name", "least", "rounding", "wording"), [("上海市普陀区财政局2024年度部门决算.pdf", 113, 7, 2),
                                                                   ("中共上海市普陀区委社会工作部2024年度部门决算.pdf", 85, 2, 3)])
def test_shanghai_figures_read_and_only_true_errors(name, least, rounding, wording):
    r = score_shanghai(name)
    assert r["read"] == r["mapped"] == r["figures"] >= least, r["missed"]  # every key figure of the truth
    assert r["rounding_found"] >= rounding, r["rounding_missed"]  # said as warnings, never errors
    assert r["text_found"] >= wording  # the wording defects a rule says
    assert r["errors"] == r["explained"], "an error the truth does not explain"
    assert r["material_found"] == r["material"]
    assert r["likely_said"] == r["likely"]  # the `likely` ones: as errors or warnings
    assert r["meta"]["department"] in name and r["meta"]["year"] == 2024
    assert r["meta"]["coverage"]["checks_run"] > 0


@pytest.mark.slow  # a real document read whole: make test runs it, make test-fast (at its 90 s budget) does not
def test_a_shanghai_report_read_first_as_it_came():
    """规划和自然资源局 2024 (a Word export, not among the samples the reader was tuned on; first reading
    in docs/REAL.md): 97 % of the figures mapped, no error its truth does not explain, every material
    defect found. Not read (2 of 115): a 项 named by a name the classification does not have, and a rate
written without its % (增长13.95。, said by text.percent_sign)."""
    r = score_shanghai("上海市普陀区规划和自然资源局2024年度部门决算.pdf")
    assert r["mapped"] == r["figures"] and r["read"] >= 0.97 * r["figures"] and r["read"] >= 113, r["missed"]
    assert r["errors"] == r["explained"], "an error the truth does not explain"
    assert r["material_found"] == r["material"] == 3
    assert r["rounding_found"] >= 9, r["rounding_missed"]
    assert r["text_found"] >= 2  # 下降（增长）, 增长13.95 without its %


@pytest.mark.slow  # a real document read whole: make test runs it, make test-fast (at its 90 s budget) does not
def test_pingtan_pages_read_with_year_department_and_their_figures():
    """Every page, the 批复 notices too: year and department right, 97 figures in 100 of the hand-read
    truth, and no error that the truth does not explain."""
    truth = json.loads(PINGTAN_TRUTH.read_text(encoding="utf-8"))
    scores = [score_pingtan(p, truth) for p in pingtan_files()]
    assert all(s["read"] and s["year_ok"] for s in scores), [s["file"] for s in scores if not s.get("year_ok")]
    # a name, not a piece of a sentence (度部门, 部门决算共有单位1个。列入 were taken once)
    names = [s["department"] for s in scores]
    assert all(re.fullmatch(r"[\u4e00-\u9fff()（）、]{3,40}", n) and not n.startswith(("度", "部门")) for n in names), names
    hits, figures = sum(s["hits"] for s in scores), sum(s["figures"] for s in scores)
    assert hits / figures >= 0.97, (hits, figures)  # measured: 913 of 936
    assert sum(s["errors"] for s in scores) == sum(s["explained"] for s in scores)
    # 功能分类 项 written by their 7-digit codes, in five ways (measured: 238 of 252)
    assert sum(s["function_hits"] for s in scores) / sum(s["functions"] for s in scores) >= 0.94


@pytest.mark.parametrize(("name", "missed", "by_value"), [
    ("江苏省政协办公厅_江苏省政协办公厅2019年度部门预算.pdf", 0, 181), ("上海市普陀区商务委员会2025年部门预算.pdf", 0, 120),
    ("上海市普陀区司法局2026年部门预算.pdf", 1, 198), ("江苏省委办公厅_江苏省委办公厅2019年度部门预算公开文件.pdf", 0, 230)])
@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_budgets_read_with_their_tables_and_no_error(name, missed, by_value):
    """A budget (its tables in the same PDF or in a second one): kind, year, department, every figure
    of the truth held by the record its words name, on its page (measured: 186/186, 126/126, 201/202,
    231/231 — 司法局's 住房公积金 stated a second time, 201.50 against its 208.8, has no record), the
    same by value alone, and no error the truth does not explain (司法局's and 委办 2019's growth rates
    of a 项 or 类 against the last year's figure the same line states: tests/test_real_budget_checks.py)."""
    truths = budget_truths()
    r = score_budget(name, truths[name])
    assert r["meta"]["kind"] == "部门预算" and str(r["meta"]["year"]) in name
    assert r["meta"]["department"] and r["meta"]["department"][:4] in name.replace("省委", "中共江苏省委")
    assert r["figures"] - r["read_meaning"] <= missed, r["missed_meaning"]
    assert r["read"] >= by_value, r["missed"][:10]
    assert r["errors"] == r["explained"]  # every error a defect of the hand-read truth


@pytest.mark.slow  # a few seconds each: make test runs it, make test-fast does not
@pytest.mark.parametrize(("slug", "least"), [
    ("gz-health-2026", 83), ("hz-police-2026", 85), ("qz-police-2026", 82), ("sz-audit-2026", 84),
    ("zh-commerce-2026", 85), ("sh-jtzy-2026", 88), ("sz-transport-2026", 94), ("bj-hrss-2026", 45),
    ("sz-port-2026", 81), ("sh-exam-2026", 85), ("gz-transport-2026", 115), ("sz-hrss-2026", 109),
    ("hz-transport-2026", 89), ("qz-office-2026", 83), ("sz-jt-2026", 60), ("js-cppcc-2017", 83),
    ("js-party-office-2018", 84)])
def test_shared_samples_read_by_hand_this_round(slug, least):
    """Seventeen shared samples that had no figure truth (fifteen of the 18 city budgets of 2026, two 江苏
    budgets), read by hand by helpers who did not run juesuan (tests/fixtures/real/hand_read/, 2026-12-08;
    scored as the unseen documents are, tests/hand_read.py): identity right, the figures found on their page
    (measured 1,435 of 1,499; first readings in docs/REAL.md), and no error that no defect of the truth
    explains."""
    from hand_read import score

    r = score(HAND_READ, f"{slug}.truth.json")
    assert r["identity_right"], (r["kind"], r["year"], r["department"])
    assert r["read"] >= least, r["missed"][:10]
    assert r["explained"] == len(r["errors"]), r["errors"]


@pytest.mark.slow  # ≈ 13 s for the two: the fast suite is at its 90 s budget
@pytest.mark.parametrize(("name", "meaning", "by_value", "material"), [
    ("江苏省人民检察院_2019年度部门预算公开.pdf", 171, 172, 2), ("上海市普陀区人民政府万里街道办事处2023年部门预算.pdf", 269, 268, 3)])
def test_budgets_read_poorly_once_read_by_their_tables_structure(name, meaning, by_value, material):
    """Two budgets the project read poorly (issue 28: 120 and 174 by meaning; the two-sided 总表 read as
    empty, 检察院's 财政拨款支出 tables unread): every figure of their 附表 now, by meaning and by value on
    its page, and ≥ 97 % of all (检察院 171/172: its letter-spaced lines read; 万里街道 269/277: its assets
    paragraph, 公务车 and 持平 read); what is still missed is 万里街道's 绩效目标填报表 (project forms in 元,
    not read as tables),
    no error the truth does not explain, and at least half their material defects said."""
    truth = budget_truths()[name]
    r = score_budget(name, truth)
    assert r["read_meaning"] >= meaning and r["read"] >= by_value, r["missed_meaning"]
    tables = [(f["name"], f["page"]) for f in truth["facts"] if f["source"] == "table" and "绩效" not in f["table"]]
    assert not [m for m in r["missed_meaning"] if (m[0], m[2]) in tables], r["missed_meaning"]  # 附表: every figure
    assert r["errors"] == r["explained"]
    assert r["defects_said"] >= material  # 检察院: 3 material (2 said), 万里街道: 5 (3 said)


@pytest.mark.parametrize(("name", "metric", "measure"), [
    ("一般公共预算收入 增长率%", "income.general_budget", "growth"), ("收支预算总计 比上年增加", "total", "change"),
    ("财政拨款基本支出 人员经费", "general_budget.basic.personnel", "amount"),
    ("财政拨款收入 比2024年预算执行数增加", "income.fiscal", "change"), ("因公出国（境）费 占三公%", "three_public.overseas", "share"),
    ("政府采购 货物", "procurement.goods", "amount"), ("车辆总数(辆)", "assets.vehicles", "count"),
    ("编报绩效目标的项目数", "performance.targets", "count"), ("财政拨款收支 比上年增加", "fiscal_total", "change"),
    ("其他资金收入", "income.other", "amount"), ("公务接待费 比上年预算变化(一致)", "three_public.reception", "change")])
def test_a_budget_truths_words_name_a_metric(name, metric, measure):
    """The scoring by meaning maps the truth's words through the reader's vocabulary: the subject is
    the phrase that ends last, the measure the words after it."""
    from real_samples import budget_measure, budget_metric

    subject, got, _ = budget_measure(name)
    assert (budget_metric(subject), got) == (metric, measure)


def test_a_budget_drawn_over_a_page_background_is_read_with_its_tables():
    """江苏省人大常委会 2019: every page draws a rectangle as large as itself first (was refused: "not a
    final-accounts report", no line read); its tables carry their form number after the title
    (收支预算总表公开表一). Read: its narrative, its 12 tables, no error."""
    import juesuan

    r = juesuan.process(BUDGET / "江苏省人大办公厅_江苏省人大常委会2019年度部门预算公开.pdf",
                        tables=BUDGET / "江苏省人大办公厅_江苏省人大常委会办公厅2019年部门预算公开表.pdf")
    assert r.meta["kind"] == "部门预算" and r.meta["year"] == 2019
    facts = r.tables["facts"]
    assert 18330.37 in set(facts[facts["metric"] == "total"]["value"]) and len(facts) >= 90
    assert len(r.tables["appendix_tables"]) == 12 and (r.tables["findings"]["severity"] == "error").sum() == 0


@pytest.mark.slow  # a real document read whole: make test runs it, make test-fast (at its 90 s budget) does not
def test_the_budget_that_mixes_its_bases_is_told():
    """商务委 2025: income changed against last year's 执行数, spending against last year's 预算 (66.47 apart)."""
    import juesuan

    f = juesuan.process(BUDGET / "上海市普陀区商务委员会2025年部门预算.pdf").tables["findings"]
    mixed = f[f["rule"] == "budget.base"]
    assert len(mixed) == 1 and "上年预算执行数" in mixed.iloc[0].message and "66.47" in mixed.iloc[0].message


def test_a_budget_with_the_tables_of_another_year_is_refused():
    from juesuan.cli import main

    narrative = BUDGET / "江苏省政协办公厅_江苏省政协办公厅2019年度部门预算.pdf"
    tables = BUDGET / "江苏省政协办公厅_江苏省政协办公厅2018度部门预算公开表.pdf"
    assert main(["check", str(narrative), "--tables", str(tables)]) == 2


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_what_was_checked_is_said_on_the_page_and_by_check(capsys):
    """The coverage line: in meta.json, in the page's header and at the end of `juesuan check`."""
    from juesuan.cli import main
    from juesuan.publish.html import header

    name = SHANGHAI / "中共上海市普陀区委社会工作部2024年度部门决算.pdf"
    summary = score_shanghai(name.name)["meta"]["coverage"]["summary"]
    assert "核对了" in summary and "未核对1项" in summary and "政府性基金" in summary
    meta = {"department": "社工部", "year": 2024, "coverage": {"summary": summary}}
    assert summary in header(meta).replace("&quot;", '"')
    main(["check", str(name)])
    assert capsys.readouterr().out.strip().splitlines()[-1] == summary


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_a_budget_page_says_budget_where_a_final_accounts_page_says_决算(tmp_path):
    """Headings, the 功能分类 table and the template's chart captions are worded for a budget."""
    import shutil

    from juesuan.run import report

    folder = tmp_path / "data" / "raw" / "2025" / "商务委"
    folder.mkdir(parents=True)
    shutil.copy(BUDGET / "上海市普陀区商务委员会2025年部门预算.pdf", folder)
    data = report.build(2025, "商务委", tmp_path)
    page = "".join(report.page(data))
    assert "<h3>收入预算</h3>" in page and "<h3>支出预算</h3>" in page and "收入决算" not in page
    assert "图2：收入预算结构图" in page and "决算结构" not in page
    assert "预算数（万元）" in page and "完成预算（%）" not in page  # a budget has no outturn to complete
    assert data.meta["kind"] == "部门预算"


@pytest.mark.slow  # a real document read whole: make test runs it, make test-fast (at its 90 s budget) does not
def test_a_budget_read_apart_from_the_reader():
    """上海市普陀区人民政府办公室2025年部门预算, hand-read by someone who never ran juesuan on it
    (tests/fixtures/real/BUDGET_TRUTH_HELDOUT.md): 176 of 191 on first reading (92 %: the 12 项 written
    “类-款-项”科目X万元 were not read), 188 since; no error."""
    (name, truth), = heldout_budget_truths().items()
    r = score_budget(name, truth)
    assert r["read_meaning"] >= 188 and r["figures"] == 191, r["missed_meaning"]
    assert r["errors"] == 0
