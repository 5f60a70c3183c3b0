"""Consistency rules over the tidy tables → findings.csv.

Each rule is a small function (tables) -> findings. Figures are compared as intervals of what
two-decimal rounding of their inputs can explain (interval.py), so rounding is never an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from .interval import HALF_CENT, Interval, total
from .reference import find_class_code, metrics, official_name, similarity
from .source import normalise

FINDING_COLUMNS = ["rule", "severity", "subject", "stated", "expected", "difference", "message", "line", "text"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    subject: str
    stated: float | None
    expected: float | None
    difference: float | None
    message: str
    line: int | None
    text: str

    def row(self) -> dict:
        return {c: getattr(self, c) for c in FINDING_COLUMNS}


Tables = dict[str, pd.DataFrame]


def _label(metric: str) -> str:
    m = metrics().get(metric)
    return m.label_zh if m else metric


def _records(frame: pd.DataFrame) -> list[dict]:
    return [] if frame is None or frame.empty else frame.to_dict("records")


def _line(row: dict | None) -> int | None:
    if not row:
        return None
    value = row.get("line")
    return None if value is None or pd.isna(value) else int(value)


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


class Facts:
    """Look-ups over facts.csv: the first statement of a figure is its reference value."""

    def __init__(self, rows: list[dict]):
        self.rows = rows
        self.index: dict[tuple, list[dict]] = defaultdict(list)
        for r in self.rows:
            self.index[(r["metric"], r["measure"], r["period"])].append(r)

    def all(self, metric: str, measure: str = "amount", period: str = "current") -> list[dict]:
        return self.index.get((metric, measure, period), [])

    def first(self, metric: str, measure: str = "amount", period: str = "current") -> dict | None:
        rows = self.all(metric, measure, period)
        return rows[0] if rows else None


class Context:
    """The tables as records, converted once for all the rules."""

    def __init__(self, tables: Tables):
        self.records = {key: _records(frame) for key, frame in tables.items()}
        self.facts = Facts(self["facts"])
        self.chart_facts = chart_facts(self)

    def __getitem__(self, key: str) -> list[dict]:
        return self.records.get(key, [])


def _error(rule, subject, row, stated, expected: Interval | float | None, message, severity="error") -> Finding:
    exp = expected.mid if isinstance(expected, Interval) else expected
    diff = None if stated is None or exp is None else round(stated - exp, 6)
    return Finding(rule, severity, subject, stated, None if exp is None else round(exp, 6), diff,
                   message, _line(row), (row or {}).get("text", ""))


def _fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:,.2f}"


def _stated(row: dict) -> Interval:
    """A stated figure as the interval its rounding allows (counts are exact)."""
    return Interval.stated(float(row["value"]), 0.0 if row.get("measure") == "count" else HALF_CENT)


# --- parts add up to their whole ------------------------------------------------------------

def rule_metric_parts(t: Context) -> Iterator[Finding]:
    facts = t.facts
    children = defaultdict(list)
    for m in metrics().values():
        if m.parent:
            children[m.parent].append(m.id)
    for parent, kids in children.items():
        kind = metrics()[parent].kind
        for measure in ("amount", "change") if kind == "amount" else ("count",):
            whole = facts.first(parent, measure)
            parts = [facts.first(k, measure) for k in kids]
            if whole is None or any(p is None for p in parts):
                continue
            expected = total(_stated(p) for p in parts)
            if not _stated(whole).meets(expected):
                what = {"amount": "", "change": "的增减额", "count": "数"}[measure]
                names = "、".join(_label(k) for k in kids)
                yield _error("sum.parts", parent, whole, float(whole["value"]), expected,
                             f"{_label(parent)}{what}为{_fmt(whole['value'])}，但其组成部分（{names}）合计为"
                             f"{_fmt(expected.mid)}，两者应一致。")


def rule_function_parts(t: Context) -> Iterator[Finding]:
    """项 → 类 and 类 → 一般公共预算财政拨款支出."""
    rows = t["functions"]
    facts = t.facts
    items = [r for r in rows if r["level"] == "项" and _num(r["amount"]) is not None]
    classes = [r for r in rows if r["level"] == "类" and r["origin"] == "stated" and _num(r["amount"]) is not None]
    for c in classes:
        parts = [i for i in items if c["code"] and str(i["code"]).startswith(str(c["code"]))]
        if not parts:
            continue
        expected = total(Interval.stated(float(i["amount"])) for i in parts)
        if not Interval.stated(float(c["amount"])).meets(expected):
            yield _error("sum.functions", c["code"], c, float(c["amount"]), expected,
                         f"{c['name_in_source']}（{c['code']}类）为{_fmt(c['amount'])}万元，但其下各项支出合计"
                         f"{_fmt(expected.mid)}万元，差{_fmt(float(c['amount']) - expected.mid)}万元。")
    whole = facts.first("general_budget")
    for parts, what in ((classes, "按功能分类各类合计"), (items, "具体情况中各项支出合计")):
        if whole is None or not parts:
            continue
        expected = total(Interval.stated(float(p["amount"])) for p in parts)
        if not _stated(whole).meets(expected):
            yield _error("sum.functions", "general_budget", whole, float(whole["value"]), expected,
                         f"一般公共预算财政拨款支出为{_fmt(whole['value'])}万元，但{what}{_fmt(expected.mid)}万元。")


# --- derived figures agree with their inputs -------------------------------------------------

def rule_shares(t: Context) -> Iterator[Finding]:
    facts = t.facts
    for r in facts.rows:
        if r["measure"] != "share" or not r["base"]:
            continue
        part, base = facts.first(r["metric"]), facts.first(r["base"])
        if part is None or base is None:
            continue
        expected = _stated(part).ratio(_stated(base))
        if expected is not None and not _stated(r).meets(expected):
            yield _error("share", r["metric"], r, float(r["value"]), expected,
                         f"{_label(r['metric'])}占{_label(r['base'])}的比例写作{_fmt(r['value'])}%，按"
                         f"{_fmt(part['value'])}÷{_fmt(base['value'])}应为{_fmt(expected.mid)}%。")
    general = facts.first("general_budget")
    for row in t["functions"]:
        share = _num(row.get("share"))
        if share is None or general is None or _num(row["amount"]) is None:
            continue
        expected = Interval.stated(float(row["amount"])).ratio(_stated(general))
        if expected is not None and not Interval.stated(share).meets(expected):
            yield _error("share", row["code"], row, share, expected,
                         f"{row['name_in_source']}占一般公共预算财政拨款支出的比例写作{_fmt(share)}%，应为"
                         f"{_fmt(expected.mid)}%。")


def prior_amounts(t: Context) -> dict[str, list[dict]]:
    """Prior-year amounts stated anywhere: narrative (period prior) and the bar charts."""
    out = defaultdict(list)
    for r in t["facts"]:
        if r["period"] == "prior" and r["measure"] == "amount":
            out[r["metric"]].append(r)
    for r in t.chart_facts:
        if r["period"] == "prior":
            out[r["metric"]].append(r)
    return out


def rule_growth_and_change(t: Context) -> Iterator[Finding]:
    facts = t.facts
    priors = prior_amounts(t)
    for r in facts.rows:
        metric = r["metric"]
        current = facts.first(metric)
        if r["measure"] == "growth":
            change = facts.first(metric, "change")
            candidates = []
            if current is not None and change is not None:
                candidates.append((_stated(change), _stated(current) - _stated(change), "由本年数与增减额推算的上年数"))
            elif current is not None:  # no change stated: the prior comes from elsewhere (a chart)
                for p in priors.get(metric, []):
                    candidates.append((_stated(current) - _stated(p), _stated(p), f"第{_line(p)}行所列上年数"))
            for delta, prior, basis in candidates:
                expected = delta.ratio(prior)
                if expected is not None and not _stated(r).meets(expected):
                    yield _error("growth", metric, r, float(r["value"]), expected,
                                 f"{_label(metric)}的增长率写作{_fmt(r['value'])}%，按{basis}计算应为"
                                 f"{_fmt(expected.mid)}%。")
                    break
        elif r["measure"] == "change" and current is not None:
            for p in priors.get(metric, []):
                expected = _stated(current) - _stated(p)
                if not _stated(r).meets(expected):
                    yield _error("change", metric, r, float(r["value"]), expected,
                                 f"{_label(metric)}的增减额写作{_fmt(r['value'])}万元，但本年{_fmt(current['value'])}"
                                 f"减去第{_line(p)}行所列上年数{_fmt(p['value'])}为{_fmt(expected.mid)}万元。")
                    break


def rule_completion(t: Context) -> Iterator[Finding]:
    items = [r for r in t["functions"] if r["level"] == "项"]
    for r in items:
        amount, budget, completion = _num(r["amount"]), _num(r["budget"]), _num(r["completion"])
        if None in (amount, budget, completion):
            continue
        expected = Interval.stated(amount).ratio(Interval.stated(budget))
        if expected is not None and not Interval.stated(completion).meets(expected):
            yield _error("completion", r["code"], r, completion, expected,
                         f"{r['name_in_source']}完成预算写作{_fmt(completion)}%，按决算{_fmt(amount)}÷预算"
                         f"{_fmt(budget)}应为{_fmt(expected.mid)}%。")
    facts = t.facts
    stated = facts.first("general_budget", "completion")
    if stated is not None and items and all(_num(r["budget"]) is not None for r in items):
        expected = total(Interval.stated(float(r["amount"])) for r in items).ratio(
            total(Interval.stated(float(r["budget"])) for r in items))
        if expected is not None and not _stated(stated).meets(expected):
            yield _error("completion", "general_budget", stated, float(stated["value"]), expected,
                         f"一般公共预算财政拨款支出完成预算写作{_fmt(stated['value'])}%，按各项决算与预算合计应为"
                         f"{_fmt(expected.mid)}%。")


# --- the same figure stated in several places ------------------------------------------------

PIE_LABELS = {
    "一般公共预算财政拨款收入": "income.general_budget", "政府性基金预算财政拨款收入": "income.gov_fund",
    "国有资本经营预算财政拨款收入": "income.state_capital", "上级补助收入": "income.higher_subsidy",
    "事业收入": "income.business", "经营收入": "income.operating", "附属单位上缴收入": "income.affiliated",
    "其他收入": "income.other", "基本支出": "expenditure.basic", "项目支出": "expenditure.project",
    "上缴上级支出": "expenditure.to_higher", "经营支出": "expenditure.operating",
    "对附属单位补助支出": "expenditure.affiliated_subsidy",
    "因公出国(境)费": "three_public.overseas", "因公出国(境)经费": "three_public.overseas",
    "公务用车购置及运行维护费": "three_public.vehicle", "公务用车购置及运行费": "three_public.vehicle",
    "公务接待费": "three_public.reception",
}
BAR_METRICS = {1: "total", 4: "fiscal_total", 5: "general_budget"}


def chart_facts(t: Context) -> list[dict]:
    """Chart values as facts (metric, period, measure, value), where a metric is known."""
    out = []
    years = sorted({int(str(s).rstrip("年")) for s in (r["series"] for r in t["charts"]) if str(s).rstrip("年").isdigit()})
    # bars count only when their series are years: the latest is the report's, the one before it the prior
    periods = {f"{years[-1]}年": "current", f"{years[-1] - 1}年": "prior"} if years else {}
    for r in t["charts"]:
        base = {"line": r["line"], "text": r["text"], "figure": r["figure"], "label": r["label_in_source"]}
        if r["kind"] == "bar" and r["figure"] in BAR_METRICS and str(r["series"]) in periods:
            out.append({**base, "metric": BAR_METRICS[r["figure"]], "period": periods[str(r["series"])],
                        "measure": "amount", "value": r["value"]})
        elif r["kind"] == "pie":
            metric = PIE_LABELS.get(normalise(str(r["category"])))
            code = find_class_code(str(r["category"])) if r["figure"] == 6 else ""
            if metric or code:
                out.append({**base, "metric": metric or code, "period": "current", "measure": "share",
                            "value": r["value"]})
    return out


def rule_same_figure(t: Context) -> Iterator[Finding]:
    facts = t.facts
    for (metric, _measure, _period), rows in facts.index.items():
        first = rows[0]
        for other in rows[1:]:
            if not _stated(other).meets(_stated(first)):
                yield _error("same_figure", metric, other, float(other["value"]), float(first["value"]),
                             f"{_label(metric)}在此处写作{_fmt(other['value'])}，但第{_line(first)}行写作"
                             f"{_fmt(first['value'])}，同一数字应一致。")
    class_shares = {r["code"]: r for r in t["functions"] if r["level"] == "类" and _num(r.get("share")) is not None}
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
        if not _stated(c).meets(_stated(ref)):
            unit = "%" if c["measure"] == "share" else "万元"
            yield _error("chart.narrative", c["metric"], c, float(c["value"]), float(ref["value"]),
                         f"图{c['figure']}中“{c['label']}”为{_fmt(c['value'])}{unit}，但正文第{_line(ref)}行为"
                         f"{_fmt(ref['value'])}{unit}。")


def rule_chart_labels(t: Context) -> Iterator[Finding]:
    """A pie label that names a 类 differently from the narrative (a warning)."""
    stated = {r["code"]: r for r in t["functions"] if r["level"] == "类" and r["origin"] == "stated"}
    pie = [r for r in t["charts"] if r["figure"] == 6]
    shown = {find_class_code(str(r["category"])) for r in pie}
    for code, row in stated.items():
        if pie and code not in shown and (_num(row.get("share")) or 0) > 0:
            yield _error("label.chart", code, row, None, None,
                         f"正文列出的“{row['name_in_source']}”（{_fmt(row.get('share'))}%）未出现在图6中。", "warning")
    for r in pie:
        code = find_class_code(str(r["category"]))
        if not code:
            yield _error("label.chart", "", r, None, None,
                         f"图6标签“{r['category']}”不是功能分类的类名，无法与正文对应。", "warning")
            continue
        if code not in stated:
            continue
        written = normalise(stated[code]["name_in_source"])
        label = normalise(str(r["category"]))
        if label not in (written, written.removesuffix("支出")) and label + "支出" != written:
            yield _error("label.chart", code, r, None, None,
                         f"图6标签“{r['category']}”与正文类名“{stated[code]['name_in_source']}”不一致"
                         f"（{code}类的规范名称为“{official_name(code)}”）。", "warning")


# --- the template's identities ---------------------------------------------------------------

def rule_identities(t: Context) -> Iterator[Finding]:
    facts = t.facts
    tot, income, expenditure = facts.first("total"), facts.first("income"), facts.first("expenditure")
    opening, closing = facts.first("carryover.opening"), facts.first("carryover.closing")
    for side, flow, carry, word in ((income, "income", opening, "年初"), (expenditure, "expenditure", closing, "年末")):
        if tot is None or side is None:
            continue
        expected = _stated(side) + (_stated(carry) if carry else Interval.exact(0.0))
        if _stated(tot).meets(expected):
            continue
        if carry is None:
            yield _error("identity.total", "total", tot, float(tot["value"]), expected,
                         f"收、支总计{_fmt(tot['value'])}万元与{_label(flow)}{_fmt(side['value'])}万元相差"
                         f"{_fmt(float(tot['value']) - expected.mid)}万元，报告未说明{word}结转和结余。", "info")
        else:
            yield _error("identity.total", "total", tot, float(tot["value"]), expected,
                         f"收、支总计{_fmt(tot['value'])}万元应等于{_label(flow)}{_fmt(side['value'])}万元加"
                         f"{word}结转和结余{_fmt(carry['value'])}万元（{_fmt(expected.mid)}万元）。")
    fiscal = facts.first("fiscal_total")
    fund_income = [facts.first(m) for m in ("income.general_budget", "income.gov_fund", "income.state_capital")]
    if fiscal is not None and all(fund_income):
        low = total(_stated(r) for r in fund_income)
        if _stated(fiscal).hi + 1e-9 < low.lo:
            yield _error("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), low,
                         f"财政拨款收、支总计{_fmt(fiscal['value'])}万元小于本年三项财政拨款收入合计"
                         f"{_fmt(low.mid)}万元。")
        if opening is not None and _stated(fiscal).lo - 1e-9 > (low + _stated(opening)).hi:
            high = low + _stated(opening)
            yield _error("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), high,
                         f"财政拨款收、支总计{_fmt(fiscal['value'])}万元大于财政拨款收入与全部年初结转和结余之和"
                         f"{_fmt(high.mid)}万元。")
    fund_spending = [facts.first(m) for m in ("general_budget", "gov_fund", "state_capital")]
    if fiscal is not None and all(fund_spending):
        low = total(_stated(r) for r in fund_spending)
        if _stated(fiscal).hi + 1e-9 < low.lo:
            yield _error("identity.fiscal", "fiscal_total", fiscal, float(fiscal["value"]), low,
                         f"财政拨款收、支总计{_fmt(fiscal['value'])}万元小于三项财政拨款支出合计{_fmt(low.mid)}万元。")
    for small, big, message in (
        ("operating_cost", "general_budget.basic.public", "机关运行经费{a}万元超过了公用经费{b}万元，机关运行经费应包含在公用经费之内。"),
        ("general_budget.basic", "expenditure.basic", "一般公共预算财政拨款基本支出{a}万元超过了全部基本支出{b}万元。"),
        ("general_budget", "expenditure", "一般公共预算财政拨款支出{a}万元超过了本年支出合计{b}万元。"),
        ("procurement.sme", "procurement", "授予中小企业合同金额{a}万元超过了政府采购支出总额{b}万元。"),
        ("procurement.sme.small_micro", "procurement.sme", "授予小微企业合同金额{a}万元超过了授予中小企业合同金额{b}万元。"),
    ):
        a, b = facts.first(small), facts.first(big)
        if a is not None and b is not None and _stated(a).lo > _stated(b).hi + 1e-9:
            yield _error("identity.bound", small, a, float(a["value"]), float(b["value"]),
                         message.format(a=_fmt(a["value"]), b=_fmt(b["value"])))


# --- names -----------------------------------------------------------------------------------

def rule_function_names(t: Context) -> Iterator[Finding]:
    for r in t["functions"]:
        written, code = str(r["name_in_source"] or ""), str(r["code"] or "")
        if not written:
            continue
        if not code:
            yield _error("function.code", "", r, None, None,
                         f"无法确定“{written}”的功能分类代码，请核对科目名称。", "warning")
            continue
        official = official_name(code)
        if not official:
            yield _error("function.code", code, r, None, None,
                         f"功能分类代码{code}不在分类参考表中，请核对。", "warning")
            continue
        key_w, key_o = normalise(written).replace(" ", ""), normalise(official).replace(" ", "")
        if key_w != key_o and key_w + "支出" != key_o and key_w != key_o + "支出":
            level = r["level"]
            yield _error("function.name", code, r, None, None,
                         f"{level}级科目{code}写作“{written}”，与规范名称“{official}”不一致"
                         f"（相似度{similarity(written, official):.0%}）。", "warning")
        source_code = str(r.get("code_in_source") or "")
        if "?" in source_code:
            yield _error("function.code_completed", code, r, None, None,
                         f"报告未写明“{written}”的完整代码（{source_code}），已据报告其他行与分类名称补全为{code}。", "info")


# --- absurd figures --------------------------------------------------------------------------

def rule_ranges(t: Context) -> Iterator[Finding]:
    for r in t["facts"]:
        v = float(r["value"])
        if r["measure"] in ("amount", "count") and v < 0:
            yield _error("range", r["metric"], r, v, None, f"{_label(r['metric'])}为负数（{_fmt(v)}），不可能成立。")
        if r["measure"] == "share" and not 0 <= v <= 100:
            yield _error("range", r["metric"], r, v, None, f"{_label(r['metric'])}的占比为{_fmt(v)}%，超出0–100%。")
        if r["measure"] == "completion" and v < 0:
            yield _error("range", r["metric"], r, v, None, f"{_label(r['metric'])}的预算完成率为负数。")
    for r in t["functions"]:
        for col in ("amount", "budget"):
            v = _num(r[col])
            if v is not None and v < 0:
                yield _error("range", r["code"], r, v, None, f"{r['name_in_source']}的{col}为负数（{_fmt(v)}）。")


# --- the 绩效自评表 ---------------------------------------------------------------------------

def rule_performance(t: Context) -> Iterator[Finding]:
    budget = t["performance_budget"]
    indicators = t["performance_indicators"]
    summary = t["performance_summary"]
    statements = t["performance_statements"]
    for project in sorted({r["project"] for r in budget + indicators + summary}):
        stated = {r["measure"]: r for r in summary if r["project"] == project}
        ind = [r for r in indicators if r["project"] == project and _num(r["weight"]) is not None]
        head = next((r for r in budget if r["project"] == project and r["item"] == "总额"), None)
        parts_w = [float(r["weight"]) for r in ind] + ([float(head["weight"])] if head and _num(head["weight"]) is not None else [])
        parts_s = [float(r["score"]) for r in ind if _num(r["score"]) is not None] + (
            [float(head["score"])] if head and _num(head["score"]) is not None else [])
        checks = (
            ("indicator_weight_stated", sum(float(r["weight"]) for r in ind), "绩效指标权重合计"),
            ("budget_weight_stated", _num(head["weight"]) if head else None, "预算执行情况权重"),
            ("weight_total", sum(parts_w), "各项权重合计"),
            ("score_total", sum(parts_s), "各项得分合计"),
        )
        for measure, computed, what in checks:
            row = stated.get(measure)
            if row is None or computed is None or not (ind or head):
                continue
            if abs(float(row["value"]) - computed) > 1e-9:
                yield _error("performance.total", project, row, float(row["value"]), computed,
                             f"“{project}”绩效自评表中{what}为{computed:g}，但表中写作{float(row['value']):g}。")
        for r in ind + ([head] if head else []):
            if _num(r.get("score")) is not None and _num(r.get("weight")) is not None and r["score"] > r["weight"]:
                yield _error("performance.score", project, r, float(r["score"]), float(r["weight"]),
                             f"“{project}”的指标得分{r['score']:g}超过其权重{r['weight']:g}。")
        for r in (x for x in budget if x["project"] == project):
            executed, adjusted, rate = _num(r["executed"]), _num(r["budget_adjusted"]), _num(r["execution_rate"])
            if None in (executed, adjusted, rate):
                continue
            expected = Interval.stated(executed).ratio(Interval.stated(adjusted))
            if expected is not None and not Interval.stated(rate).meets(expected):
                yield _error("performance.execution_rate", project, r, rate, expected,
                             f"“{project}”{r['item']}的预算执行率写作{_fmt(rate)}%，按执行数÷调整后预算数应为"
                             f"{_fmt(expected.mid)}%。")
        score = stated.get("score_total")
        for s in (x for x in statements if x["project"] == project):
            if s["measure"] == "score" and score is not None and float(s["value"]) != float(score["value"]):
                yield _error("performance.text_vs_table", project, s, float(s["value"]), float(score["value"]),
                             f"评价文字称“{project}”得分{float(s['value']):g}分，但绩效自评表合计得分为"
                             f"{float(score['value']):g}分（第{_line(score)}行）。")
            if s["measure"] == "budget" and head is not None:
                known = [v for v in (_num(head["budget_initial"]), _num(head["budget_adjusted"])) if v is not None]
                if known and all(abs(float(s["value"]) - v) > 0.005 for v in known):
                    yield _error("performance.text_vs_table", project, s, float(s["value"]), known[0],
                                 f"评价文字称“{project}”预算{float(s['value']):g}万元，与绩效自评表的年初预算"
                                 f"{_fmt(known[0])}万元及调整后预算{_fmt(known[-1])}万元均不一致。", "warning")


RULES: tuple[Callable[[Tables], Iterator[Finding]], ...] = (
    rule_metric_parts, rule_function_parts, rule_shares, rule_growth_and_change,
    rule_completion, rule_same_figure, rule_chart_labels, rule_identities, rule_function_names,
    rule_ranges, rule_performance,
)


def run_checks(tables: Tables, warnings: list[str] = ()) -> pd.DataFrame:
    context = Context(tables)
    findings = [f.row() for rule in RULES for f in rule(context)]
    findings += [Finding("document.incomplete", "warning", "document", None, None, None, w, None, "").row() for w in warnings]
    frame = pd.DataFrame(findings, columns=FINDING_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    order = frame["severity"].map(SEVERITY_ORDER)
    return frame.assign(_o=order).sort_values(["_o", "line"], kind="stable").drop(columns="_o").reset_index(drop=True)
