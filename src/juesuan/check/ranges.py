"""Figures that cannot be: negative amounts, shares outside 0–100 %."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, finding, fmt, metric_label, num


def rule_ranges(t: Context) -> Iterator[Finding]:
    for r in t["facts"]:
        v = float(r["value"])
        if r["measure"] in ("amount", "count") and v < 0:
            yield finding("range", r["metric"], r, v, None, f"{metric_label(r['metric'])}为负数（{fmt(v)}），不可能成立。")
        if r["measure"] == "share" and not 0 <= v <= 100:
            yield finding("range", r["metric"], r, v, None, f"{metric_label(r['metric'])}的占比为{fmt(v)}%，超出0–100%。")
        if r["measure"] == "completion" and v < 0:
            yield finding("range", r["metric"], r, v, None, f"{metric_label(r['metric'])}的预算完成率为负数。")
    for r in t["functions"]:
        for col in ("amount", "budget"):
            v = num(r[col])
            if v is not None and v < 0:
                yield finding("range", r["code"], r, v, None, f"{r['name_in_source']}的{col}为负数（{fmt(v)}）。")
