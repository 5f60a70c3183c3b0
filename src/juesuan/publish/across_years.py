"""Key metrics across every available year (pure): each report's own year, and the prior-year
figures it states or implies; two reports that disagree about one year are reported."""

from __future__ import annotations

import pandas as pd

TREND_METRICS = (
    "total", "general_budget", "expenditure.basic", "expenditure.project", "three_public",
    "three_public.overseas", "three_public.vehicle", "three_public.reception", "operating_cost",
)
# a year's own report first, then what the next report states, then what it implies
_BASIS_ORDER = {"current": 0, "stated": 1, "implied": 2}


def statements(keys_by_year: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """(metric, year, value, report_year, basis) for every figure any report gives."""
    rows = []
    for report_year, keys in keys_by_year.items():
        for r in keys.itertuples():
            if r.metric not in TREND_METRICS:
                continue
            rows.append({"metric": r.metric, "label": r.label, "year": report_year, "value": r.current,
                         "report_year": report_year, "basis": "current"})
            if r.prior is not None and not pd.isna(r.prior):
                rows.append({"metric": r.metric, "label": r.label, "year": report_year - 1, "value": r.prior,
                             "report_year": report_year, "basis": r.prior_basis})
    return pd.DataFrame(rows, columns=["metric", "label", "year", "value", "report_year", "basis"])


def trend(stated: pd.DataFrame) -> pd.DataFrame:
    """The best figure per (metric, year)."""
    if stated.empty:
        return stated
    ordered = stated.assign(_o=stated["basis"].map(_BASIS_ORDER)).sort_values(["metric", "year", "_o"])
    return ordered.groupby(["metric", "year"], as_index=False).first().drop(columns="_o")


def conflicts(stated: pd.DataFrame, tolerance: float = 0.015) -> pd.DataFrame:
    """(metric, year) stated differently by two reports (beyond two-decimal rounding)."""
    rows = []
    for (metric, year), group in stated.groupby(["metric", "year"]):
        if group["report_year"].nunique() > 1 and group["value"].max() - group["value"].min() > tolerance:
            rows.append({"metric": metric, "label": group["label"].iloc[0], "year": year,
                         "values": "；".join(f"{int(r.report_year)}年报告{'' if r.basis == 'current' else '所列上年数'}"
                                            f"{'（推算）' if r.basis == 'implied' else ''}为{r.value:,.2f}"
                                            for r in group.itertuples())})
    return pd.DataFrame(rows, columns=["metric", "label", "year", "values"])


BUDGET_ROWS = (("budget", "一般公共预算财政拨款预算"), ("execution_rate", "预算执行率（%）"))


def budget_trend(comparisons: dict[int, pd.DataFrame | None]) -> pd.DataFrame:
    """(year, budget, outturn, execution_rate) of 一般公共预算财政拨款支出 for every year whose report had
    the year's budget beside it (its 预算与决算 comparison); empty when none had."""
    rows = []
    for year, frame in sorted(comparisons.items()):
        if frame is None:
            continue
        part = frame[frame["subject"] == "general_budget"]
        if part.empty:
            continue
        r = part.iloc[0]
        rows.append({"year": year, "budget": r["budget"], "outturn": r["outturn"], "execution_rate": r["execution_rate"]})
    return pd.DataFrame(rows, columns=["year", "budget", "outturn", "execution_rate"])
