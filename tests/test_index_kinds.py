"""The index pages account for every report given — a failed one listed with its reason and its
failed notebook — and say what each report is: budgets in a table of their own, headed as
budgets, never called 决算; a 部门 and its 单位 told apart (issue 29)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from juesuan.model.layout import ReportKey
from juesuan.publish.index import index_html
from juesuan.publish.year_index import year_index_html
from juesuan.run.site import failed_rows


@pytest.fixture(scope="module")
def keys():
    """Key figures as summary.key_figures gives them (a few, written here: no report need be read)."""
    rows = [("total", "收、支总计", 1050.28, 1010.10, "stated", 40.18, 3.98, 27),
            ("expenditure", "本年支出合计", 1050.28, None, "", None, None, 43),
            ("expenditure.basic", "基本支出", 710.78, None, "", None, None, 43),
            ("general_budget", "一般公共预算财政拨款支出", 1050.28, 958.23, "stated", 92.05, 8.76, 63),
            ("three_public", "“三公”经费财政拨款支出", 10.92, 9.43, "implied", 1.49, 15.80, 102)]
    return pd.DataFrame(rows, columns=["metric", "label", "current", "prior", "prior_basis", "change", "growth", "line"])


def _row(keys, folder: str, kind: str, department: str = "上海市普陀区商务委员会", year: int = 2025) -> dict:
    return {"year": year, "department": folder, "meta": {"department": department, "kind": kind}, "keys": keys,
            "errors": 1, "warnings": 0, "href": f"{folder}.html", "budget": None}


FAILED = {"year": 2025, "department": "上海市财政局（单位）", "reason": "ReportError: x.pdf: not a budget",
          "notebook": "上海市财政局（单位）.failed.ipynb", "page": None}


def test_a_year_of_budgets_is_never_called_final_accounts(keys):
    rows = [_row(keys, "商务委", "部门预算"), _row(keys, "商务委（单位）", "单位预算")]
    soup = BeautifulSoup(year_index_html(2025, rows, [FAILED]), "html.parser")
    assert "决算" not in soup.get_text() and "决算" not in soup.title.get_text()
    assert soup.h1.get_text() == "2025年度各部门预算对比"
    headers = [th.get_text() for th in soup.select("table.budgets thead th")]
    assert headers[:4] == ["部门", "类型", "收支总预算（万元）", "一般公共预算财政拨款支出预算（万元）"]
    kinds = [tr.select("td")[1].get_text() for tr in soup.select("table.budgets tbody tr")]
    assert kinds == ["单位预算", "部门预算"]  # one department's two budgets, told apart
    assert not soup.select("table.departments")
    labels = {t.get_text() for t in soup.select('figure.bars svg > text[text-anchor="end"]')}
    assert labels == {"上海市普陀区商务委员会", "上海市普陀区商务委员会（单位）"}
    # every report given is accounted for: two built, one failed with its reason and notebook
    assert "2025年度共 3 个报告：生成 2 个，未能生成 1 个" in soup.get_text()
    (failed,) = soup.select("table.failed tbody tr")
    assert "not a budget" in failed.select_one("td.reason").get_text()
    assert failed.a["href"].endswith(".failed.ipynb")


def test_a_year_with_both_keeps_accounts_and_budgets_apart(keys):
    rows = [_row(keys, "a", "部门决算", "甲局"), _row(keys, "b", "单位决算", "甲局"),
            {**_row(keys, "a", "部门预算", "甲局"), "href": "a.html#budget", "beside": True}]
    soup = BeautifulSoup(year_index_html(2025, rows), "html.parser")
    assert soup.h1.get_text() == "2025年度各部门决算与预算对比"
    assert [tr.select("td")[1].get_text() for tr in soup.select("table.departments tbody tr")] == ["单位决算", "部门决算"]
    (budget,) = soup.select("table.budgets tbody tr")
    assert budget.a["href"] == "a.html#budget" and "1 份与同年决算同页" in soup.get_text()
    assert "2025年度共 2 个报告" in soup.get_text()  # the budget beside its accounts is no report of its own


def test_the_index_lists_budgets_apart_and_every_failure(keys):
    rows = [_row(keys, "a", "部门决算", "甲局", 2024), _row(keys, "b", "部门预算", "甲局", 2025)]
    failed = [{**FAILED, "notebook": f"2025/{FAILED['notebook']}"}]
    soup = BeautifulSoup(index_html(rows, failed), "html.parser")
    assert soup.h1.get_text() == "部门决算与预算报告"
    assert [tr.select("td")[2].get_text() for tr in soup.select("table.reports tbody tr")] == ["部门决算"]
    assert [tr.select("td")[2].get_text() for tr in soup.select("table.budgets tbody tr")] == ["部门预算"]
    assert "收、支总计预算（万元）" in [th.get_text() for th in soup.select("table.budgets thead th")]
    assert "2025年度：1 份预算、1 份未能生成" in soup.get_text()
    assert soup.select_one("table.failed a[href$='.failed.ipynb']")["href"].startswith("2025/")
    across = soup.select("section.across table.trend thead th")  # outturn across years: the 决算 year only
    assert "2024" in [th.get_text() for th in across] and "2025" not in [th.get_text() for th in across]
    only = BeautifulSoup(index_html([rows[1]]), "html.parser")
    assert "决算" not in only.get_text()


def test_failed_reports_are_found_with_their_reason(tmp_path):
    """A failed notebook an earlier batch left is listed with the exception it ended on; one of this
    batch with the batch's reason; a notebook whose raw folder is gone is not."""
    for folder in ("a", "b"):
        (tmp_path / "data" / "raw" / "2024" / folder).mkdir(parents=True)
    notebook = {"cells": [{"cell_type": "code", "outputs": [
        {"output_type": "error", "ename": "ReportError", "evalue": "r.pdf: \x1b[0;31mnot a report", "traceback": []}]}]}
    (tmp_path / "reports" / "2024").mkdir(parents=True)
    for name in ("a", "gone"):
        (tmp_path / "reports" / "2024" / f"{name}.failed.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    rows = failed_rows(tmp_path, {ReportKey(2024, "b"): f"ReportError: {tmp_path}/data/raw/2024/b/x.pdf: empty"})
    assert [(r["department"], r["reason"], r["notebook"]) for r in rows] == [
        ("a", "ReportError: r.pdf: not a report", "2024/a.failed.ipynb"),
        ("b", "ReportError: data/raw/2024/b/x.pdf: empty", None)]  # said from the project folder
