"""Key figures of a year (current, prior, change, growth) from the tidy tables."""

from __future__ import annotations

import pandas as pd

from ..check import Context, prior_amounts
from ..reference import metrics

KEY_METRICS = (
    "total", "income", "expenditure", "expenditure.basic", "expenditure.project", "fiscal_total",
    "general_budget", "general_budget.basic", "three_public", "three_public.overseas",
    "three_public.vehicle", "three_public.reception", "operating_cost", "procurement",
)
KEY_COLUMNS = ["metric", "label", "current", "prior", "prior_basis", "change", "growth", "line"]


def key_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per key metric the report states; prior from a stated figure, else implied."""
    context = Context(tables)
    facts, priors = context.facts, prior_amounts(context)
    rows = []
    for metric in KEY_METRICS:
        current = facts.first(metric)
        if current is None:
            continue
        change, growth = facts.first(metric, "change"), facts.first(metric, "growth")
        prior, basis = None, ""
        if priors.get(metric):
            prior, basis = float(priors[metric][0]["value"]), "stated"
        elif change is not None:
            prior, basis = round(float(current["value"]) - float(change["value"]), 6), "implied"
        rows.append({
            "metric": metric, "label": metrics()[metric].label_zh, "current": float(current["value"]),
            "prior": prior, "prior_basis": basis,
            "change": None if change is None else float(change["value"]),
            "growth": None if growth is None else float(growth["value"]),
            "line": current["line"],
        })
    return pd.DataFrame(rows, columns=KEY_COLUMNS)
