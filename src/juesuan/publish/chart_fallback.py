"""Chart data derived from the appendix tables or, failing them, the narrative, for a figure whose
data the document does not carry (a .docx whose charts are pictures, a PDF, a text export cut
before 附表). Never written to charts.csv, which holds only what the document states."""

from __future__ import annotations

import pandas as pd

from ..check import Context
from ..extract.appendix import label_key
from ..extract.charts_data import CHART_COLUMNS, ROLES
from ..reference import metrics, official_name

_BARS = {1: ("total", ("收入", "支出")), 4: ("fiscal_total", ("收入", "支出")),
         5: ("general_budget", ("一般公共预算财政拨款支出",))}
_PIES = {2: "income", 3: "expenditure", 7: "three_public"}


def narrative_rows(tables: dict[str, pd.DataFrame], year: int, number: int) -> pd.DataFrame:
    facts = Context(tables).facts
    caption = next(c for n, c, _k in ROLES.values() if n == number)
    rows = []

    def row(kind, series, category, value):
        rows.append({"figure": number, "caption": caption, "kind": kind, "series": series, "category": category,
                     "value": value, "label_in_source": "", "series_in_source": "", "unit_in_source": "",
                     "line": None, "text": ""})

    if number in _BARS:
        metric, categories = _BARS[number]
        current, change = facts.first(metric), facts.first(metric, "change")
        if current is not None:
            if change is not None:
                for c in categories:
                    row("bar", f"{year - 1}年", c, round(float(current["value"]) - float(change["value"]), 6))
            for c in categories:
                row("bar", f"{year}年", c, float(current["value"]))
    elif number in _PIES:
        base = _PIES[number]
        for r in facts.rows:
            if r["measure"] == "share" and r["base"] == base and metrics().get(r["metric"]) and \
                    metrics()[r["metric"]].parent == base:
                row("pie", caption, metrics()[r["metric"]].label_zh, float(r["value"]))
    elif number == 6:
        fn = tables["functions"]
        for r in fn[(fn["level"] == "类") & fn["share"].notna()].itertuples():
            row("pie", caption, str(r.name_in_source), float(r.share))
    return pd.DataFrame(rows, columns=CHART_COLUMNS)


def derived_rows(tables: dict[str, pd.DataFrame], year: int, number: int) -> tuple[pd.DataFrame, str]:
    """(rows, what they were drawn from): the tables first (their figures are the authoritative
    ones), then the narrative."""
    rows = table_rows(tables, number)
    if not rows.empty:
        return rows, "附表"
    return narrative_rows(tables, year, number), "正文数字"


_TABLE_PIES = {
    2: ("summary", "本年收入合计", "收入/金额"),
    3: ("expenditure", "合计", "本年支出合计"),
    6: ("gb", "合计", "本年支出/小计"),
    7: ("three_public", "", "决算数/合计"),
}


def table_rows(tables: dict[str, pd.DataFrame], number: int) -> pd.DataFrame:
    """The structure pies (图2, 图3, 图6, 图7) as shares of the appendix tables' totals; the bars
    compare with the prior year, which no appendix table holds."""
    if number not in _TABLE_PIES or "appendix" not in tables:
        return pd.DataFrame(columns=CHART_COLUMNS)
    a = Context(tables).appendix
    kind, total_row, total_col = _TABLE_PIES[number]
    if not a.has(kind):
        return pd.DataFrame(columns=CHART_COLUMNS)
    column = a.column(kind, total_col, "本年支出/合计", "合计")
    whole = a.cell(kind, total_row, column)
    if column is None or not whole or float(whole["value"]) <= 0:
        return pd.DataFrame(columns=CHART_COLUMNS)
    parts = _pie_parts(a, kind, column)
    caption = next(c for n, c, _k in ROLES.values() if n == number)
    return pd.DataFrame([{"figure": number, "caption": caption, "kind": "pie", "series": caption, "category": label,
                          "value": round(float(cell["value"]) / float(whole["value"]) * 100, 2), "label_in_source": "",
                          "series_in_source": "", "unit_in_source": "", "line": None, "text": ""}
                         for label, cell in parts], columns=CHART_COLUMNS)


def _pie_parts(a, kind: str, column: str) -> list[tuple[str, dict]]:
    cells = a.cells.get(kind, [])
    if kind == "summary":
        return [(label_key(c["row"]), c) for c in cells if c["column"] == column and
                c["row"][:1] in "一二三四五六七八九" and "、" in c["row"][:4]]
    if kind == "expenditure":
        return [(col, a.cell(kind, "合计", col)) for col in a.columns(kind) if col != column]
    if kind == "gb":
        return [(official_name(c["code"]) or c["row"], c) for c in cells
                if c["column"] == column and isinstance(c["code"], str) and len(c["code"]) == 3]
    names = {"决算数/因公出国（境）费": "因公出国(境)费", "决算数/公务用车购置及运行费/小计": "公务用车购置及运行维护费",
             "决算数/公务接待费": "公务接待费"}
    return [(names[c["column"]], c) for c in cells if c["column"] in names]
