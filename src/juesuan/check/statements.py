"""The same figure stated in several places (text and charts) is stated the same: equal at the
precision both are written in (1050.28 and 1050.29 differ; 1050.3 and 1050.28 agree; a chart's
0.6769 is 67.69 % and differs from the text's 67.68 %). Rounding is no excuse here: one figure
rounded once gives one number."""

from __future__ import annotations

import math
from collections.abc import Iterator

from .context import (
    Context,
    Finding,
    as_written,
    at_line,
    finding,
    fmt,
    metric_label,
    num,
    uncertain,
    written_decimals,
)

# The statements that agree a finding names (a report states a figure a few times; a document that
# states it thousands of times would make each finding name them all: n findings of n places).
PLACES_SAID = 10


def same_at_precision(a: dict, b: dict) -> bool:
    digits = min(written_decimals(a), written_decimals(b))
    return abs(round(float(a["value"]), digits) - round(float(b["value"]), digits)) < 1e-9


# a 经济分类 class, or a budget's spending by use (人员支出, 公用支出), is stated of several wholes (基本支出,
# 项目支出, all spending): its statements are not one figure
# a metric several wholes have: 经济分类 items, uses; staff and units (the department's, a sub-unit's: 区地方志编纂中心核定编制3人)
OF_SEVERAL_WHOLES = ("economic.", "use.", "staff.", "org.", "commissioned")  # (委托业务费: of one fund or all)


def rule_same_figure(t: Context) -> Iterator[Finding]:
    facts = t.facts
    for (metric, _measure, _period), rows in facts.index.items():
        if not metric.startswith(OF_SEVERAL_WHOLES):
            yield from _disagreements(metric, rows)
    class_shares = {r["code"]: r for r in t["functions"] if r["level"] == "类" and num(r.get("share")) is not None}
    for c in t.chart_facts:
        if c["period"] != "current":
            continue
        if c["metric"] in class_shares:
            stated = class_shares[c["metric"]]
            ref = {"value": stated["share"], "line": stated["line"], "measure": "share"}
        else:
            ref = facts.first(c["metric"], c["measure"])
        if ref is None:
            continue
        if not same_at_precision(c, ref):
            unit = "%" if c["measure"] == "share" else "万元"
            yield finding("chart.narrative", c["metric"], c, float(c["value"]), float(ref["value"]),
                         f"图{c['figure']}中“{c['label']}”为{fmt(c['value'])}{unit}，但正文{at_line(ref)}为"
                         f"{fmt(ref['value'])}{unit}。")


def _disagreements(metric: str, rows: list[dict]) -> Iterator[Finding]:
    """Statements of one figure grouped by what they say: when most say one thing, each of the
    others is the odd one out; when no value has a majority, each differing one is compared with
    the first statement, and the finding says that it cannot tell which is wrong."""
    groups = _grouped(rows)
    if len(groups) < 2:
        return
    ranked = sorted(groups, key=len, reverse=True)  # stable: among equals, the first stated first
    label = metric_label(metric)
    if len(ranked[0]) > len(ranked[1]):
        agreed = ranked[0]
        shown = agreed[:PLACES_SAID]
        where = "、".join(at_line(a) for a in shown) + (f"等{len(agreed)}处" if len(agreed) > len(shown) else "")
        # compared with: the statements named, and the first not named whose subject is not certain (a
        # finding's severity rests on every figure in it: context.finding)
        doubt = next((a for a in agreed[PLACES_SAID:] if uncertain(a)), None)
        others = tuple(shown) + (() if doubt is None else (doubt,))
        for odd in (r for g in ranked[1:] for r in g):
            yield finding("same_figure", metric, odd, float(odd["value"]), float(agreed[0]["value"]),
                          f"{label}在此处写作{as_written(odd)}，而{where}均写作{as_written(agreed[0])}："
                          f"此处与其余{len(agreed)}处不一致。", others=others)
        return
    first = rows[0]
    for other in rows[1:]:
        if not same_at_precision(other, first):
            yield finding("same_figure", metric, other, float(other["value"]), float(first["value"]),
                          f"{label}在此处写作{as_written(other)}，但{at_line(first)}写作{as_written(first)}，"
                          "同一数字应一致（无法判断哪一处有误）。", others=(first,))


def _grouped(rows: list[dict]) -> list[list[dict]]:
    """The statements grouped by what they say: each joins the first group whose first statement it
    agrees with (``same_at_precision``), else starts a group. The first statements are looked up by
    their value rounded to each precision a statement may be compared at, not compared one by one
    (n statements of n values were n² comparisons, each finding both figures in their lines: 400
    different growth rates on one line took 80 s). Rounded to 8 decimals or fewer, two values agree
    exactly when they round to one float; finer ones (rare) are compared one by one."""
    groups: list[list[dict]] = []
    heads: list[tuple[float, int]] = []  # each group's first value and the decimals it is written in
    index: dict[tuple[int, int], dict[float, int]] = {}  # (a head's decimals, decimals compared at) → value → group
    fine: list[int] = []  # groups whose head is written in 9 decimals or more
    for r in rows:
        value, digits = float(r["value"]), written_decimals(r)
        home = None
        if math.isfinite(value):  # (what is not finite agrees with nothing, itself included)
            for (head_digits, at), found in index.items():
                if at == min(digits, head_digits) and (g := found.get(round(value, at))) is not None:
                    home = g if home is None else min(home, g)
            if digits >= 9:
                home = next((g for g in fine if (home is None or g < home) and abs(
                    round(value, min(digits, heads[g][1])) - round(heads[g][0], min(digits, heads[g][1]))) < 1e-9),
                    home)
        if home is not None:
            groups[home].append(r)
            continue
        groups.append([r])
        heads.append((value, digits))
        if math.isfinite(value):
            for at in range(min(digits, 8) + 1):
                index.setdefault((digits, at), {}).setdefault(round(value, at), len(groups) - 1)
            if digits >= 9:
                fine.append(len(groups) - 1)
    return groups
