"""A year's budget beside its final accounts (issue #22, part 3): the shipped 2023 department with a
synthetic 2023 budget of its own (tests/fixtures/anju_2023_budget.txt, figures chosen for the test:
its 收入/支出预算 897.95万元 differ on purpose from the 年初预算 879.95万元 that the 决算 states), as
files on disk, read, compared, refused when the pair disagrees, and published."""

import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from helpers import FIXTURES, SHIPPED, read

from juesuan.check.pair import Figure, differs, written_decimals
from juesuan.pipeline import process

JUESUAN = str(Path(sys.executable).parent / "juesuan")
BUDGET = FIXTURES / "anju_2023_budget.txt"
ANJU = SHIPPED.parent.name
BUDGET_NAME = "安居区人民政府办公室_2023年部门预算.txt"


def make_pair(root: Path, text: str | None = None, manifest: bool = True) -> Path:
    """data/raw/2023/<shipped department>/ with the budget beside the final accounts: listed in the
    manifest (its checksum recorded), or in a folder without manifest.json, found by its name."""
    folder = root / "data" / "raw" / "2023" / ANJU
    shutil.copytree(SHIPPED.parent, folder)
    budget = folder / BUDGET_NAME
    budget.write_text(text if text is not None else read(BUDGET), encoding="utf-8")
    if manifest:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        data["budget"] = {"file": budget.name, "original_name": "synthetic_budget.txt",
                          "sha256": hashlib.sha256(budget.read_bytes()).hexdigest()}
        (folder / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    else:
        (folder / "manifest.json").unlink()
    return folder / SHIPPED.name


def raw_snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "data" / "raw").rglob("*")) if p.is_file()}


def run(*args, cwd=None):
    return subprocess.run([JUESUAN, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=300)


def row(frame: pd.DataFrame, subject: str) -> dict:
    return frame[frame["subject"] == subject].iloc[0].to_dict()


def test_the_pair_is_read_and_compared(tmp_path):
    result = process(make_pair(tmp_path))
    assert result.budget is not None and result.budget.extraction.kind == "部门预算"
    assert result.meta["budget_source"]["file"] == BUDGET_NAME and result.meta["budget_source"]["year"] == 2023
    frame = result.comparison
    total = row(frame, "general_budget")
    assert (total["budget"], total["outturn"], total["execution_rate"]) == (897.95, 1050.28, 116.96)
    assert row(frame, "201")["level"] == "类" and row(frame, "201")["budget"] == 693.0 and row(frame, "201")["outturn"] == 788.38
    assert row(frame, "20103")["level"] == "款" and row(frame, "20103")["name"] == "政府办公厅（室）及相关机构事务"
    assert pd.isna(row(frame, "20899")["budget"]) and pd.isna(row(frame, "20899")["execution_rate"])  # no budget
    assert (row(frame, "expenditure.basic")["budget"], row(frame, "expenditure.project")["outturn"]) == (700.0, 339.5)
    assert row(frame, "three_public")["execution_rate"] == 91.0  # 10.92 / 12.00
    assert pd.isna(row(frame, "three_public.overseas")["execution_rate"])  # a budget of 0: no rate
    assert (row(frame, "operating_cost")["budget"], row(frame, "operating_cost")["outturn"]) == (90.0, 85.22)
    assert set(frame["group"]) == {"合计", "功能分类", "支出性质", "“三公”经费", "机关运行经费"}
    # only 类 and 款 of the 功能分类, never a 项
    assert not frame[frame["group"] == "功能分类"]["subject"].str.len().eq(7).any()


def test_a_stated_budget_that_differs_is_found(tmp_path):
    findings = process(make_pair(tmp_path)).findings
    stated = findings[findings["rule"] == "budget.stated"]
    spent = stated[stated["subject"] == "budget:expenditure"].iloc[0]
    assert spent["severity"] == "error" and (spent["stated"], spent["expected"]) == (879.95, 897.95)
    assert spent["line"] == 202 and spent["lines"] == "202;预算:6" and "年初预算支出为879.95万元" in spent["message"]
    # the 三公 table's 预算数 may be the adjusted budget: said, as a warning
    three = stated[stated["subject"] == "budget:three_public"].iloc[0]
    assert three["severity"] == "warning" and (three["stated"], three["expected"]) == (10.92, 12.0)
    assert list(findings["severity"]) == sorted(findings["severity"], key=["error", "warning", "info"].index)


def test_a_budget_that_agrees_gives_no_error(tmp_path):
    text = read(BUDGET).replace("897.95", "879.95").replace("197.95", "179.95").replace("42.95", "24.95")
    findings = process(make_pair(tmp_path, text)).findings
    stated = findings[findings["rule"] == "budget.stated"]
    assert not (stated["severity"] == "error").any()
    assert not stated["subject"].isin(["budget:income", "budget:expenditure"]).any()


def test_figures_are_compared_at_the_precision_each_is_written_in():
    assert written_decimals(10.0, "公务接待费10万元", "万元") == 0
    assert written_decimals(879.95, "年初预算支出879.95万元", "万元") == 2
    assert written_decimals(937.6655, "合计9,376,655元", "元") == 4
    ten, exact = Figure(10.0, 0, "1", "", "text"), Figure(10.004, 4, "A1", "", "table")
    assert not differs(ten, exact) and not differs(Figure(879.95, 2, "", "", "text"), Figure(879.9549, 4, "", "", "table"))
    assert differs(Figure(879.95, 2, "", "", "text"), Figure(879.96, 2, "", "", "text"))
    assert not differs(Figure(879.95, 2, "", "", "text"), Figure(879.945, 3, "", "", "table"))  # rounds half up


def test_without_a_manifest_the_budget_is_found_by_its_name(tmp_path):
    from juesuan.model.manifest import report_file

    source = make_pair(tmp_path, manifest=False)
    assert report_file(source.parent) == source  # the final accounts, not the budget beside them
    result = process(source, next(source.parent.glob("*.xls")))
    assert result.budget is not None and row(result.comparison, "general_budget")["budget"] == 897.95


@pytest.mark.slow  # runs the juesuan command
@pytest.mark.parametrize(("change", "problem"), [
    (lambda t: t.replace("2023", "2024").replace("2022", "2023"), "are not of one year: the final accounts are of 2023, "
                                                                  "the budget of 2024"),
    (lambda t: t.replace("遂宁市安居区人民政府办公室", "遂宁市安居区教育局"), "are not of one department"),
])
def test_a_pair_that_disagrees_is_one_line_and_exit_2(tmp_path, change, problem):
    source = make_pair(tmp_path, change(read(BUDGET)))
    before = raw_snapshot(tmp_path)
    out = tmp_path / "out"
    for command in (["extract", source, "--out", out], ["check", source]):
        r = run(*command)
        assert r.returncode == 2, r.stdout + r.stderr
        assert r.stderr.count("\n") == 1 and problem in r.stderr and "Traceback" not in r.stderr
        assert str(source) in r.stderr and BUDGET_NAME in r.stderr  # both files named
    assert not out.exists() and raw_snapshot(tmp_path) == before  # nothing written, data/raw untouched


@pytest.mark.slow  # runs the juesuan command
def test_a_budget_listed_but_changed_is_refused(tmp_path):
    source = make_pair(tmp_path)
    budget = source.parent / BUDGET_NAME
    budget.write_text(budget.read_text(encoding="utf-8") + "\n篡改", encoding="utf-8")
    r = run("check", source)
    assert r.returncode == 2 and "checksum does not match" in r.stderr and BUDGET_NAME in r.stderr


@pytest.mark.slow  # runs the juesuan command
def test_extract_writes_the_budget_and_the_comparison(tmp_path):
    source = make_pair(tmp_path)
    out = tmp_path / "out"
    r = run("extract", source, "--out", out)
    assert r.returncode == 0, r.stderr
    assert "budget: " in r.stdout
    comparison = pd.read_csv(out / "budget_vs_accounts.csv", encoding="utf-8-sig", dtype={"subject": str})
    assert list(comparison.columns) == ["group", "subject", "level", "name", "budget", "outturn", "execution_rate",
                                        "budget_from", "outturn_from"]
    budget_meta = json.loads((out / "budget" / "meta.json").read_text(encoding="utf-8"))
    assert budget_meta["kind"] == "部门预算" and budget_meta["original_name"] == "synthetic_budget.txt"
    assert (out / "budget" / "facts.csv").exists() and (out / "budget" / "workbook.xlsx").exists()
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert "budget_vs_accounts.csv" in [res["path"] for res in package["resources"]]
    from openpyxl import load_workbook

    assert "预算与决算" in load_workbook(out / "workbook.xlsx").sheetnames
    findings = pd.read_csv(out / "findings.csv", encoding="utf-8-sig")
    assert (findings["rule"] == "budget.stated").any()


def test_a_report_without_a_budget_is_unchanged(tmp_path):
    """No budget, no trace: the same tables, meta keys, page sections and index columns as before."""
    from juesuan.publish import html, year_index
    from juesuan.publish.index import across_years_html

    result = process(SHIPPED)
    assert result.budget is None and result.comparison is None and "budget_vs_accounts" not in result.tables
    assert "budget_source" not in result.meta
    assert "预算与决算" not in html.header(result.meta)
    from juesuan.publish.summary import key_figures

    rows = [{"year": 2023, "department": ANJU, "meta": result.meta, "keys": key_figures(result.tables), "errors": 0,
             "warnings": 0, "href": "x.html", "budget": None}]
    frame = year_index.comparison(rows)
    assert "general_budget_budget" not in frame and year_index.columns_of(frame) == year_index.COLUMNS
    assert "预算执行率" not in across_years_html(rows)


def test_the_indexes_show_budget_and_outturn_side_by_side(tmp_path):
    from juesuan.publish import year_index
    from juesuan.publish.index import across_years_html
    from juesuan.publish.summary import key_figures

    paired, alone = process(make_pair(tmp_path)), process(SHIPPED)
    rows = [{"year": 2023, "department": ANJU, "meta": paired.meta, "keys": key_figures(paired.tables), "errors": 0,
             "warnings": 0, "href": "a.html", "budget": paired.comparison},
            {"year": 2023, "department": "other", "meta": {**alone.meta, "department": "另一部门"},
             "keys": key_figures(alone.tables), "errors": 0, "warnings": 0, "href": "b.html", "budget": None}]
    soup = BeautifulSoup(year_index.year_index_html(2023, rows), "html.parser")
    headers = [th.get_text() for th in soup.select("table.departments thead th")]
    at = headers.index("一般公共预算财政拨款（万元）")
    assert headers[at + 1:at + 3] == ["一般公共预算财政拨款预算（万元）", "预算执行率（%）"]
    cells = {tr.td.get_text(): [td.get_text() for td in tr.select("td")] for tr in soup.select("table.departments tbody tr")}
    assert cells["遂宁市安居区人民政府办公室"][at + 1:at + 3] == ["897.95", "116.96"]
    assert cells["另一部门"][at + 1:at + 3] == ["", ""]  # no budget beside it: blank, not 0
    link = soup.select_one('a[download$=".csv"]')
    table = pd.read_csv(io.BytesIO(base64.b64decode(link["href"].split("base64,", 1)[1])), encoding="utf-8-sig")
    assert "一般公共预算财政拨款预算（万元）" in table.columns
    across = BeautifulSoup(across_years_html(rows[:1]), "html.parser")
    trend = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in across.select("table.trend tbody tr")}
    assert trend["一般公共预算财政拨款预算"][-1] == "897.95" and trend["预算执行率（%）"][-1] == "116.96"


@pytest.mark.slow
def test_the_page_of_a_pair_has_its_budget_section(tmp_path):
    """A real `juesuan report` (papermill, nbconvert) of the pair: the 预算与决算 section, its chart and
    table, the finding, the download; the index pages with the budget; data/raw untouched."""
    make_pair(tmp_path)
    before = raw_snapshot(tmp_path)
    r = run("report", "--root", tmp_path, "--year", "2023", "--jobs", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    page = (tmp_path / "reports" / "2023" / f"{ANJU}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert [a["href"] for a in soup.select("nav.toc a")].index("#budget") == \
        [a["href"] for a in soup.select("nav.toc a")].index("#three-public") + 1
    section = soup.select_one("section#budget")
    assert section.h2.get_text() == "预算与决算"
    image = section.select_one("figure#fig-budget img")
    png = (tmp_path / "figures" / "2023" / ANJU / "budget_vs_accounts.png").read_bytes()
    assert image["src"] == "data:image/png;base64," + base64.b64encode(png).decode()
    rows = {tr.select("td")[2].get_text(): [td.get_text() for td in tr.select("td")[3:]]
            for tr in section.select("table.budget-vs tbody tr")}
    assert rows["一般公共预算财政拨款支出"] == ["897.95", "1,050.28", "116.96"]
    assert rows["住房保障支出"] == ["42.95", "52.07", "121.23"]
    assert "年初预算支出为879.95万元" in section.get_text()
    assert "年初预算支出为879.95万元" in soup.select_one("#findings").get_text()
    link = soup.select_one('ul.downloads a[download$="budget_vs_accounts.csv"]')
    processed = tmp_path / "data" / "processed" / "2023" / ANJU
    assert base64.b64decode(link["href"].split("base64,", 1)[1]) == (processed / "budget_vs_accounts.csv").read_bytes()
    assert (processed / "budget" / "facts.csv").exists()
    assert len(soup.select("figure img")) == 8  # 图1–图7 and the budget's
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    year = BeautifulSoup((tmp_path / "reports" / "2023" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "预算执行率（%）" in [th.get_text() for th in year.select("table.departments th")]
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "一般公共预算财政拨款预算" in index
    assert raw_snapshot(tmp_path) == before


def test_the_budget_of_a_item_and_of_a_fact_are_checked(tmp_path):
    """A 项's 年初预算 (functions.budget) and a fact's measure budget, against the budget's figures."""
    from juesuan.check.pair import rule_budget_stated

    result = process(make_pair(tmp_path))
    accounts = {k: v.copy() for k, v in result.extraction.tables.items()}
    functions = accounts["functions"]
    functions["budget"] = functions["budget"].astype(object)
    functions.loc[functions["code"] == "2010301", "budget"] = 527.87  # the budget says 520.00
    functions.loc[functions["code"] == "2101101", "budget"] = 29.0  # the budget says 29.00: no finding
    facts = accounts["facts"]
    stated = facts[(facts["metric"] == "three_public") & (facts["measure"] == "amount")].head(1).assign(
        measure="budget", value=12.0, text="“三公”经费年初预算为12万元")
    accounts["facts"] = pd.concat([facts, stated], ignore_index=True)
    found = {f.subject: f for f in rule_budget_stated(accounts, result.budget.extraction.tables, 2023, "部门预算")}
    item = found["budget:2010301"]
    assert item.severity == "error" and (item.stated, item.expected) == (527.87, 520.0) and "行政运行（2010301）的年初预算" in item.message
    assert "budget:2101101" not in found
    assert "budget:three_public" not in found  # 12万元 stated, 12.00 budgeted: one figure (the table's 10.92 is not asked)
