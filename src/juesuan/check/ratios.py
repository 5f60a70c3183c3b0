"""Derived figures agree with their inputs: shares, growth, changes, completion rates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..extract.clauses import NAMED, SIMILAR
from ..model.document import normalise
from ..model.numbers import MONEY, NUMBER, parse_number, to_wanyuan
from ..reference import metrics
from .context import Context, Finding, as_written, at_line, finding, fmt, interval_of, metric_label, num, prior_amounts
from .identities import BALANCED
from .interval import Interval, total


def rule_shares(t: Context) -> Iterator[Finding]:
    facts = t.facts
    for r in facts.rows:
        if r["measure"] != "share" or not r["base"]:
            continue
        # a share of last year's (2016年度支出合计628万元,其中:基本支出230万元,占总支出的37%) is of last year's figures
        period = r.get("period") or "current"
        part, base = facts.first(r["metric"], "amount", period), facts.first(r["base"], "amount", period)
        parts = [] if base is not None or period != "current" else _every_part(facts, r["base"])
        if part is None or (base is None and not parts):
            continue
        # a whole the text does not state is the sum of its parts, where it states every one of them
        whole = interval_of(base) if base is not None else total(interval_of(p) for p in parts)
        expected = interval_of(part).ratio(whole)
        if expected is not None and not interval_of(r).meets(expected):
            written = fmt(base["value"]) if base is not None else f"各项之和{fmt(whole.mid)}"
            yield finding("share", r["metric"], r, float(r["value"]), expected,
                         f"{metric_label(r['metric'])}占{metric_label(r['base'])}的比例写作{fmt(r['value'])}%，按"
                         f"{fmt(part['value'])}÷{written}应为{fmt(expected.mid)}%。", others=(part, base or parts[0], *parts[1:]))
    for row in t["functions"]:
        share = num(row.get("share"))
        if share is None:
            continue
        # a budget's 类 of all funds is a share of its 支出总预算 (or 收支总预算, the same where no carry-over is
        # kept): a share either bears out is right; the others' shares are of 一般公共预算财政拨款支出
        # (where its line names the whole: 占1.6% in a list of one fund's 类 is of that fund's spending)
        if row["origin"] != "all_funds":
            candidates = (facts.first("general_budget"),)
        else:
            candidates = (facts.first("expenditure"), facts.first("total")) if _whole_named(row, share) else ()
        wholes = [w for w in candidates if w is not None]
        if not wholes or num(row["amount"]) is None:
            continue
        expected = [e for w in wholes if (e := Interval.stated(float(row["amount"])).ratio(interval_of(w))) is not None]
        # as its line writes it: 占81.4% is 81.35–81.45
        stated = interval_of({"value": share, "measure": "share", "text": row.get("text"), "unit_in_source": ""})
        if expected and not any(stated.meets(e) for e in expected):
            yield finding("share", row["code"], row, share, expected[0],
                         f"{row['name_in_source']}占{metric_label(wholes[0]['metric'])}的比例写作{fmt(share)}%，按"
                         f"{fmt(num(row['amount']))}÷{fmt(wholes[0]['value'])}应为{fmt(expected[0].mid)}%。",
                         others=(wholes[0],))


def _whole_named(row: dict, share: float) -> bool:
    """The line states the share of its whole by name (占支出总预算82.27%), not bare (占1.6%)."""
    for m in re.finditer(rf"占(?P<base>[^,;。:%\d]{{0,24}}?)的?\s*(?P<num>{NUMBER})\s*%", normalise(str(row.get("text") or ""))):
        if abs(parse_number(m["num"]) - share) < 1e-9:
            return bool(m["base"].strip())
    return False


def _every_part(facts, whole: str) -> list[dict]:
    """The amounts of every part of ``whole`` (metrics.csv's parent), where the text states each; else []."""
    names = [m for m, spec in metrics().items() if spec.parent == whole and spec.kind == "amount"] if whole else []
    parts = [facts.first(m) for m in names]
    return parts if names and all(p is not None for p in parts) else []


_PAIRED = {a: b for pair in BALANCED for a, b in (pair, pair[::-1])}  # each end of a 收支总表 to the other


def rule_growth_and_change(t: Context) -> Iterator[Finding]:
    facts = t.facts
    priors = prior_amounts(t)
    for r in facts.rows:
        metric = r["metric"]
        # the amount and change its own line states, where it states them (a class of 经济分类 is said of 基本支出
        # and of 项目支出 alike, one sentence each); else the subject's first
        current = _beside(facts, r, "amount") or facts.first(metric)
        if r["measure"] == "growth" and current is not None:
            # every basis the report gives: its change, and each prior year it states elsewhere
            change = _beside(facts, r, "change") or facts.first(metric, "change")
            bases = []
            if change is not None:
                bases.append((interval_of(change), interval_of(current) - interval_of(change),
                              "由本年数与增减额推算的上年数", (change, current)))
            for p in priors.get(metric, []):
                bases.append((interval_of(current) - interval_of(p), interval_of(p), f"{at_line(p)}所列上年数", (p, current)))
            # 收入总计X万元，支出总计Y万元，与上年相比增加Z万元，增长W%: the change is of the pair; where the two
            # differ (identity.total says so) a rate that the other bears out is right
            pair = _beside(facts, {**r, "metric": _PAIRED.get(metric, "")}, "amount")
            if change is not None and pair is not None:
                bases.append((interval_of(change), interval_of(pair) - interval_of(change),
                              "由本年数与增减额推算的上年数", (change, pair)))
            checked = [(delta.ratio(prior), basis, rows) for delta, prior, basis, rows in bases]
            checked = [(e, basis, rows) for e, basis, rows in checked if e is not None]
            # a rate that one basis bears out is right: the basis that disagrees (a wrong 增减额) is
            # what the change rule reports, not the rate
            if checked and not any(interval_of(r).meets(e) for e, _b, _rows in checked):
                expected, basis, rows = checked[0]
                yield finding("growth", metric, r, float(r["value"]), expected,
                             f"{metric_label(metric)}的增长率写作{fmt(r['value'])}%，按{basis}计算应为"
                             f"{fmt(expected.mid)}%。", others=rows)
        elif r["measure"] == "change" and current is not None:
            for p in priors.get(metric, []):
                expected = interval_of(current) - interval_of(p)
                if not interval_of(r).meets(expected):
                    yield finding("change", metric, r, float(r["value"]), expected,
                                 f"{metric_label(metric)}的增减额写作{as_written(r)}，但本年{as_written(current)}"
                                 f"减去{at_line(p)}所列上年数{fmt(p['value'])}为{as_written(r, expected.mid)}。",
                                  others=(current, p))
                    break


def rule_completion(t: Context) -> Iterator[Finding]:
    items = [r for r in t["functions"] if r["level"] == "项"]
    for r in items:
        amount, budget, completion = num(r["amount"]), num(r["budget"]), num(r["completion"])
        if None in (amount, budget, completion):
            continue
        expected = Interval.stated(amount).ratio(Interval.stated(budget))
        if expected is not None and not Interval.stated(completion).meets(expected):
            yield finding("completion", r["code"], r, completion, expected,
                         f"{r['name_in_source']}完成预算写作{fmt(completion)}%，按决算{fmt(amount)}÷预算"
                         f"{fmt(budget)}应为{fmt(expected.mid)}%。")
    facts = t.facts
    held = _stated_completions(facts)
    yield from (f for _, f in held if f is not None)
    stated = facts.first("general_budget", "completion")
    if any(row is stated for row, _ in held):  # held to the budget its own line states: said once
        return
    if stated is not None and items and all(num(r["budget"]) is not None for r in items):
        expected = total(Interval.stated(float(r["amount"])) for r in items).ratio(
            total(Interval.stated(float(r["budget"])) for r in items))
        if expected is not None and not interval_of(stated).meets(expected):
            yield finding("completion", "general_budget", stated, float(stated["value"]), expected,
                         f"一般公共预算财政拨款支出完成预算写作{fmt(stated['value'])}%，按各项决算与预算合计应为"
                         f"{fmt(expected.mid)}%。")


def _stated_completions(facts) -> list[tuple[dict, Finding | None]]:
    """预算为5.92万元，支出决算为3.58万元，完成预算的59.5%: a rate whose outturn and budget the same line states
    of the same subject is their ratio (60.47 %). A line naming an adjusted or full-year budget is left: the
    rate may be of the other. Each rate held so, with its finding (None where it agrees)."""
    held = []
    for completion in facts.rows:
        if completion["measure"] != "completion" or re.search(r"调整|全年", str(completion.get("text") or "")):
            continue
        amount, budget = (_beside(facts, completion, measure) for measure in ("amount", "budget"))
        expected = None if amount is None or budget is None else interval_of(amount).ratio(interval_of(budget))
        if expected is None:
            continue
        said = None
        if not interval_of(completion).meets(expected):
            said = finding("completion", completion["metric"], completion, float(completion["value"]), expected,
                           f"{metric_label(completion['metric'])}完成预算写作{fmt(completion['value'])}%，按决算"
                           f"{fmt(amount['value'])}万元÷预算{fmt(budget['value'])}万元应为"
                           f"{fmt(float(amount['value']) / float(budget['value']) * 100)}%。",
                           others=(amount, budget))
        held.append((completion, said))
    return held


def rule_against_own_budget(t: Context) -> Iterator[Finding]:
    """决算数大于预算数55.93万元 (budget_change): the outturn less its budget. Beside the year's 年初预算, its
    完成预算X% or its rate against the budget (较年初预算数减少4万元，下降2.2%), stated in the same sentence, they
    must agree (天水: 1,741.75万元，完成年初预算100%，
    决算数大于预算数55.93万元 — a budget of 1,685.82万元, 103.32 %). A sentence naming an adjusted or
    full-year budget is left: its bases may differ."""
    facts = t.facts
    for r in (r for r in facts.rows if r["measure"] == "budget_change"):
        metric = r["metric"]
        amount, budget, completion, rate = (_beside(facts, r, measure)
                                            for measure in ("amount", "budget", "completion", "budget_growth"))
        if amount is None or re.search(r"调整|全年", str(r.get("text") or "")):
            continue
        implied = interval_of(amount) - interval_of(r)  # the budget the difference implies
        planned = float(amount["value"]) - float(r["value"])  # and as written, for the messages
        label = metric_label(metric)
        budget_differs = budget is not None and not interval_of(budget).meets(implied)
        if budget_differs:
            expected = interval_of(amount) - interval_of(budget)
            yield finding("budget_change", metric, r, float(r["value"]), expected,
                          f"{label}决算数与预算数之差写作{as_written(r)}，但决算{as_written(amount)}减去年初预算"
                          f"{as_written(budget)}为{as_written(r, expected.mid)}。", others=(amount, budget))
        if rate is not None and (expected := interval_of(r).ratio(implied)) is not None \
                and not interval_of(rate).meets(expected):  # 较年初预算数减少4万元，下降2.2%: 4 ÷ 45 is 8.89 %
            yield finding("budget_growth", metric, rate, float(rate["value"]), expected,
                          f"{label}较预算的增减率写作{fmt(rate['value'])}%，但决算{as_written(amount)}较预算"
                          f"{'增加' if float(r['value']) > 0 else '减少'}{fmt(abs(float(r['value'])))}万元（预算为"
                          f"{fmt(planned)}万元），应为{fmt(float(r['value']) / planned * 100)}%。", others=(amount, r))
        if not budget_differs and completion is not None \
                and (expected := interval_of(amount).ratio(implied)) is not None \
                and not interval_of(completion).meets(expected):
            more = "大于" if float(r["value"]) > 0 else "小于"
            yield finding("completion", metric, completion, float(completion["value"]), expected,
                          f"{label}完成预算写作{fmt(completion['value'])}%，但决算{as_written(amount)}，决算数{more}"
                          f"预算数{fmt(abs(float(r['value'])))}万元，即预算为{fmt(planned)}万元，完成预算应为"
                          f"{fmt(float(amount['value']) / planned * 100)}%。", others=(amount, r))


def _beside(facts, row: dict, measure: str) -> dict | None:
    """The row's subject's ``measure`` as the same line states it."""
    return next((x for x in facts.all(row["metric"], measure) if x.get("line") == row.get("line")), None)


def rule_flat_fiscal_total(t: Context) -> Iterator[Finding]:
    """财政拨款收入支出总计 said 持平 with last year while 一般公共预算财政拨款支出 changed, in a department
    whose 财政拨款 is all 一般公共预算 (its 政府性基金 and 国有资本经营 tables stated empty). The total is the
    spending plus the closing balance: flat only if that balance moved by the very change — possible, so
    a warning that names the figures, never an error."""
    flat = next((r for r in t.facts.all("fiscal_total", "change") if r["unit_in_source"] == "持平"), None)
    change = t.facts.first("general_budget", "change")
    if flat is None or change is None or abs(float(change["value"])) < 0.005:
        return
    empty = {r["kind"] for r in t["appendix_tables"] if r["status"] == "empty_stated"}
    if "gov_fund" not in empty or not empty & {"state_capital", "state_capital_ie"}:  # the 9th table, either form
        return
    moved = "减少" if float(change["value"]) < 0 else "增加"
    yield finding("change.flat_total", "fiscal_total", flat, 0.0, float(change["value"]),
                  f"财政拨款收入支出总计称与上年“持平”，但一般公共预算财政拨款支出{moved}{abs(float(change['value'])):,.2f}万元，"
                  f"而政府性基金和国有资本经营预算财政拨款本年均无收支（附表已说明）。总计等于支出加年末结转和结余，"
                  f"除非年末结转和结余恰好反向变动同一金额，总计不应持平，请核对。", "warning", others=(change,))


def _on_line(value: float, measure: str, unit: str, line: dict) -> Interval:
    """A figure of a 功能分类 line at the precision its text writes it (30% is 29.5–30.5)."""
    return interval_of({"value": value, "measure": measure, "unit_in_source": unit, "text": line.get("text")})


def rule_function_growth(t: Context) -> Iterator[Finding]:
    """A 类/项 line's own comparison with last year (其他司法支出3,845.49万元…2025年预算执行数为43,269.30万元…
    增加17.62%): its change against its amount less the last year's figure it states, its growth against
    the change over that figure (or, without one, over the amount less the change)."""
    for r in t["functions"]:
        amount, prior, change, growth = (num(r.get(k)) for k in ("amount", "prior", "change", "growth"))
        if amount is None or (change is None and growth is None):
            continue
        # the line's own figures compared with each other: known by their place in it, whatever code its
        # name was given (a code found by a like name makes no comparison of them uncertain)
        r = {**r, "attach": NAMED} if r.get("attach") == SIMILAR else r
        name = f"{r['name_in_source'] or r['name']}（{r['code']}）"
        here = _on_line(amount, "amount", "万元", r)
        stated = None if prior is None else _on_line(prior, "amount", "万元", r)
        moved = None if change is None else _on_line(change, "change", "万元", r)
        before = stated if stated is not None else (here - moved if moved is not None else None)
        if stated is not None and moved is not None:
            expected = here - stated
            if not moved.meets(expected):
                yield finding("function.change", str(r["code"]), r, change, expected,
                              f"{name}的增减额写作{fmt(change)}万元，但{fmt(amount)}减去所列上年数{fmt(prior)}为"
                              f"{fmt(expected.mid)}万元。")
        if growth is not None and before is not None:
            expected = (here - before).ratio(before)
            if expected is not None and not _on_line(growth, "growth", "万元", r).meets(expected):
                basis = f"所列上年数{fmt(prior)}" if prior is not None else f"{fmt(amount)}与增减额{fmt(change)}推算的上年数"
                yield finding("function.growth", str(r["code"]), r, growth, expected,
                              f"{name}的增长率写作{fmt(growth)}%，按{basis}应为{fmt(expected.mid)}%。")


# 住房公积金（01项）208.8万元。…2026年预算安排201.50万元 — a budget's 项 line stating its amount twice
_RESTATED = re.compile(rf"20\d\d年预算安排\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})")


def rule_function_restated(t: Context) -> Iterator[Finding]:
    """In a budget (its tables are budget tables), a 项 line that states its amount again as this
    year's 预算安排 and another figure: one of the two is wrong, which the line does not say."""
    if not any(kind.startswith("budget") for kind in t.appendix.tables):
        return
    for r in t["functions"]:
        amount = num(r.get("amount"))
        m = _RESTATED.search(normalise(str(r.get("text") or "")))
        if amount is None or m is None or r["level"] != "项":
            continue
        again = to_wanyuan(parse_number(m["num"]), m["unit"])
        if not _on_line(again, "amount", m["unit"], r).meets(_on_line(amount, "amount", "万元", r)):
            yield finding("function.restated", str(r["code"]), r, again, amount,
                          f"{r['name_in_source'] or r['name']}（{r['code']}）写作{fmt(amount)}万元，同一段又写“{m[0]}”："
                          f"同一预算数前后不一致（无法判断哪一处有误）。")
