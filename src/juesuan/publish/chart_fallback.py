"""Chart data derived from the narrative, for a figure whose data the document does not carry
(a .docx whose charts are pictures, a text export cut before 附表). Never written to
charts.csv, which holds only what the document states."""

from __future__ import annotations

import pandas as pd

from ..check import Context
from ..extract.charts_data import CHART_COLUMNS, ROLES
from ..reference import metrics

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
