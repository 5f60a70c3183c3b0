"""The same figure stated in several places (text and charts) is stated the same: equal at the
precision both are written in (1050.28 and 1050.29 differ; 1050.3 and 1050.28 agree; a chart's
0.6769 is 67.69 % and differs from the text's 67.68 %). Rounding is no excuse here: one figure
rounded once gives one number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.document import normalise
from ..model.numbers import NUMBER, parse_number
from .context import Context, Finding, as_written, at_line, finding, fmt, metric_label, num

_NUMBER = re.compile(NUMBER)


def written_decimals(row: dict) -> int:
    """Decimals a figure was written with, in its own unit (an amount in 元 has 4 more in 万元): read
    from its line where the number stands there (5,000.60 has two, though its value is 5000.6)."""
    value = abs(float(row["value"]))
    extra = 4 if row.get("unit_in_source") == "元" and row.get("measure") in ("amount", "change") else 0
    in_source = value * 10 ** extra
    for m in _NUMBER.finditer(normalise(str(row.get("text") or ""))):
        if abs(parse_number(m.group()) - in_source) < 1e-9:
            return (len(m.group().split(".")[1]) if "." in m.group() else 0) + extra
    text = f"{in_source:.6f}".rstrip("0").rstrip(".")
    return (len(text.split(".")[1]) if "." in text else 0) + extra


def same_at_precision(a: dict, b: dict) -> bool:
    digits = min(written_decimals(a), written_decimals(b))
    return abs(round(float(a["value"]), digits) - round(float(b["value"]), digits)) < 1e-9


def rule_same_figure(t: Context) -> Iterator[Finding]:
    facts = t.facts
    for (metric, _measure, _period), rows in facts.index.items():
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
    groups: list[list[dict]] = []
    for r in rows:
        home = next((g for g in groups if same_at_precision(r, g[0])), None)
        if home is None:
            groups.append([r])
        else:
            home.append(r)
    if len(groups) < 2:
        return
    ranked = sorted(groups, key=len, reverse=True)  # stable: among equals, the first stated first
    label = metric_label(metric)
    if len(ranked[0]) > len(ranked[1]):
        agreed = ranked[0]
        where = "、".join(at_line(a) for a in agreed)
        for odd in (r for g in ranked[1:] for r in g):
            yield finding("same_figure", metric, odd, float(odd["value"]), float(agreed[0]["value"]),
                          f"{label}在此处写作{as_written(odd)}，而{where}均写作{as_written(agreed[0])}："
                          f"此处与其余{len(agreed)}处不一致。", others=tuple(agreed))
        return
    first = rows[0]
    for other in rows[1:]:
        if not same_at_precision(other, first):
            yield finding("same_figure", metric, other, float(other["value"]), float(first["value"]),
                          f"{label}在此处写作{as_written(other)}，但{at_line(first)}写作{as_written(first)}，"
                          "同一数字应一致（无法判断哪一处有误）。", others=(first,))
