"""The same figure stated in several places (text and charts) is stated the same."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, at_line, finding, fmt, interval_of, metric_label, num


def rule_same_figure(t: Context) -> Iterator[Finding]:
    facts = t.facts
    for (metric, _measure, _period), rows in facts.index.items():
        first = rows[0]
        for other in rows[1:]:
            if not interval_of(other).meets(interval_of(first)):
                yield finding("same_figure", metric, other, float(other["value"]), float(first["value"]),
                             f"{metric_label(metric)}在此处写作{fmt(other['value'])}，但{at_line(first)}写作"
                             f"{fmt(first['value'])}，同一数字应一致。")
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
        if not interval_of(c).meets(interval_of(ref)):
            unit = "%" if c["measure"] == "share" else "万元"
            yield finding("chart.narrative", c["metric"], c, float(c["value"]), float(ref["value"]),
                         f"图{c['figure']}中“{c['label']}”为{fmt(c['value'])}{unit}，但正文{at_line(ref)}为"
                         f"{fmt(ref['value'])}{unit}。")
