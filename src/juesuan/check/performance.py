"""The 项目支出绩效自评表: weights and scores add up, execution rates, and the evaluation text agrees."""

from __future__ import annotations

from collections.abc import Iterator

from .context import Context, Finding, at_line, finding, fmt, num
from .interval import Interval, total


def rule_performance(t: Context) -> Iterator[Finding]:
    budget = t["performance_budget"]
    indicators = t["performance_indicators"]
    summary = t["performance_summary"]
    statements = t["performance_statements"]
    for project in sorted({r["project"] for r in budget + indicators + summary}):
        stated = {r["measure"]: r for r in summary if r["project"] == project}
        ind = [r for r in indicators if r["project"] == project and num(r["weight"]) is not None]
        head = next((r for r in budget if r["project"] == project and r["item"] == "总额"), None)
        parts_w = [float(r["weight"]) for r in ind] + ([float(head["weight"])] if head and num(head["weight"]) is not None else [])
        parts_s = [float(r["score"]) for r in ind if num(r["score"]) is not None] + (
            [float(head["score"])] if head and num(head["score"]) is not None else [])
        checks = (
            ("indicator_weight_stated", sum(float(r["weight"]) for r in ind), "绩效指标权重合计"),
            ("budget_weight_stated", num(head["weight"]) if head else None, "预算执行情况权重"),
            ("weight_total", sum(parts_w), "各项权重合计"),
            ("score_total", sum(parts_s), "各项得分合计"),
        )
        for measure, computed, what in checks:
            row = stated.get(measure)
            if row is None or computed is None or not (ind or head):
                continue
            if abs(float(row["value"]) - computed) > 1e-9:
                yield finding("performance.total", project, row, float(row["value"]), computed,
                             f"“{project}”绩效自评表中{what}为{computed:g}，但表中写作{float(row['value']):g}。")
        for r in ind + ([head] if head else []):
            if num(r.get("score")) is not None and num(r.get("weight")) is not None and r["score"] > r["weight"]:
                yield finding("performance.score", project, r, float(r["score"]), float(r["weight"]),
                             f"“{project}”的指标得分{r['score']:g}超过其权重{r['weight']:g}。")
        for r in (x for x in budget if x["project"] == project):
            executed, adjusted, rate = num(r["executed"]), num(r["budget_adjusted"]), num(r["execution_rate"])
            if None in (executed, adjusted, rate):
                continue
            expected = Interval.stated(executed).ratio(Interval.stated(adjusted))
            if expected is not None and not Interval.stated(rate).meets(expected):
                yield finding("performance.execution_rate", project, r, rate, expected,
                             f"“{project}”{r['item']}的预算执行率写作{fmt(rate)}%，按执行数÷调整后预算数应为"
                             f"{fmt(expected.mid)}%。")
        score = stated.get("score_total")
        scored = sum(parts_s) if parts_s else None  # what the table's own scores add up to
        for s in (x for x in statements if x["project"] == project):
            # a text that states what the scores add up to is right when the table's 合计 is not
            # (performance.total reports the table)
            if s["measure"] == "score" and score is not None and float(s["value"]) != float(score["value"]) \
                    and (scored is None or float(s["value"]) != scored):
                yield finding("performance.text_vs_table", project, s, float(s["value"]), float(score["value"]),
                             f"评价文字称“{project}”得分{float(s['value']):g}分，但绩效自评表合计得分为"
                             f"{float(score['value']):g}分（{at_line(score)}）。", others=(score,))
            if s["measure"] == "budget" and head is not None:
                known = [v for v in (num(head["budget_initial"]), num(head["budget_adjusted"])) if v is not None]
                if known and all(abs(float(s["value"]) - v) > 0.005 for v in known):
                    yield finding("performance.text_vs_table", project, s, float(s["value"]), known[0],
                                 f"评价文字称“{project}”预算{float(s['value']):g}万元，与绩效自评表的年初预算"
                                 f"{fmt(known[0])}万元及调整后预算{fmt(known[-1])}万元均不一致。", "warning")


_COLUMNS = {"budget_initial": "年初预算", "budget_adjusted": "调整后预算数", "executed": "预算执行数"}


def rule_performance_funding(t: Context) -> Iterator[Finding]:
    """The 绩效自评表's 总额 = its funding rows (财政资金, 财政专户管理资金, 单位资金, 其他资金), in
    each money column."""
    budget = t["performance_budget"]
    for project in sorted({r["project"] for r in budget}):
        rows = [r for r in budget if r["project"] == project]
        head = next((r for r in rows if r["item"] == "总额"), None)
        parts = [r for r in rows if r is not head]
        if head is None or not parts:
            continue
        for column, label in _COLUMNS.items():
            if num(head[column]) is None or all(num(r[column]) is None for r in parts):
                continue
            expected = total(Interval.stated(num(r[column])) for r in parts if num(r[column]) is not None)
            if not Interval.stated(num(head[column])).meets(expected):
                yield finding("performance.funding", project, head, num(head[column]), expected,
                              f"“{project}”绩效自评表的{label}总额为{fmt(num(head[column]))}万元，但各资金来源合计"
                              f"{fmt(expected.mid)}万元。", others=tuple(parts))
