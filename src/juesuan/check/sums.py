"""Parts add up to their whole: metrics with a parent, and 项 → 类 → 一般公共预算财政拨款支出."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..extract.functions import NAMED_ALONE
from ..reference import metrics
from .context import Context, Finding, as_written, finding, fmt, interval_of, metric_label, num, rounding_said
from .interval import Interval, total


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
            if whole is None:
                continue
            parts = [facts.first(k, measure) for k in kids]
            if measure == "count":
                # a count's parts are those its own line lists: 行政编制24个 elsewhere may be another unit's
                parts = [next((p for p in facts.all(k, measure) if p["line"] == whole["line"]), None) for k in kids]
                if _other_kinds_beside(t["facts"], whole, parent, kids):
                    continue  # 实有人数55人,其中在职人员15人,退休人员3人,聘用人员37人: a whole of other kinds
            if any(p is None for p in parts) and _listed_whole(kids, parts, whole):
                # a 其中 list on the whole's line that ends with its catch-all (…、其他用车0辆): the types a
                # template does not list are in 其他, so the parts listed add up to the whole
                kids, parts = zip(*[(k, p) for k, p in zip(kids, parts) if p is not None])
            if any(p is None for p in parts):
                # parts left unstated are not zero, but amounts are never negative: the parts stated
                # may not add up to more than the whole
                stated = [p for p in parts if p is not None]
                if measure == "amount" and len(stated) >= 2:
                    least = total(interval_of(p) for p in stated)
                    if least.lo > interval_of(whole).hi:
                        names = "、".join(metric_label(k) for k, p in zip(kids, parts) if p is not None)
                        yield finding("sum.parts", parent, whole, float(whole["value"]), least,
                                      f"{metric_label(parent)}为{as_written(whole)}，但已列出的组成部分（{names}）合计已达"
                                      f"{as_written(whole, least.mid)}，超过了整体。", others=tuple(stated))
                continue
            expected = total(interval_of(p) for p in parts)
            what = {"amount": "", "change": "的增减额", "count": "数"}[measure]
            names = "、".join(metric_label(k) for k in kids)
            if not interval_of(whole).meets(expected):
                yield finding("sum.parts", parent, whole, float(whole["value"]), expected,
                             f"{metric_label(parent)}{what}为{as_written(whole)}，但其组成部分（{names}）合计为"
                             f"{as_written(whole, expected.mid)}，两者应一致。", others=tuple(parts))
            elif measure != "count":
                yield from rounding_note("sum.parts", parent, whole, parts, f"{metric_label(parent)}{what}",
                                         f"其组成部分（{names}）合计")


def _other_kinds_beside(facts: list[dict], whole: dict, parent: str, kids: list[str]) -> bool:
    """The whole's line states counts of its kind that are none of its parts (staff.actual.retired, 退休人员,
    beside 实有人数's 在职人员 and 聘用人员): the whole counts them too, or not — its parts cannot be added up."""
    return any(f["line"] == whole["line"] and f["measure"] == "count" and f["metric"].startswith(parent + ".")
               and f["metric"] != parent and f["metric"] not in kids and f["period"] == whole["period"]
               for f in facts)


def _listed_whole(kids: list[str], parts: list[dict | None], whole: dict) -> bool:
    """A count whose 其中 list, on its own line, is read item by item and ends with its catch-all
    (…、其他用车0辆): the types a template leaves out are in 其他, so the parts listed add up to it. Not
    when the list holds an item not read (一般公务用车46辆) or trails off (…其他用车0辆等)."""
    stated = [p for p in parts if p is not None]
    other = next((p for k, p in zip(kids, parts) if k.endswith(".other")), None)
    if whole["measure"] != "count" or other is None or len(stated) < 2 or any(
            p["line"] != whole["line"] for p in stated):
        return False
    unit = re.escape(str(whole.get("unit_in_source") or ""))
    m = re.search(r"其中[:：,，]?(?P<list>[^。；;]*)", str(whole.get("text") or ""))
    if not unit or m is None or re.search(rf"\d+\s*{unit}\s*等", m["list"]):
        return False
    return len(re.findall(rf"\d+\s*{unit}", m["list"])) == len(stated)


def rule_function_parts(t: Context) -> Iterator[Finding]:
    """项 → 类 and 类 → 一般公共预算财政拨款支出."""
    rows = t["functions"]
    facts = t.facts
    items = [r for r in rows if r["level"] == "项" and r["origin"] != NAMED_ALONE and num(r["amount"]) is not None]
    classes = [r for r in rows if r["level"] == "类" and r["origin"] == "stated" and num(r["amount"]) is not None]
    for c in classes:
        parts = [i for i in items if c["code"] and str(i["code"]).startswith(str(c["code"]))]
        if not parts:
            continue
        expected = total(Interval.stated(float(i["amount"])) for i in parts)
        if not Interval.stated(float(c["amount"])).meets(expected):
            yield finding("sum.functions", c["code"], c, float(c["amount"]), expected,
                         f"{c['name_in_source']}（{c['code']}类）为{fmt(c['amount'])}万元，但其下各项支出合计"
                         f"{fmt(expected.mid)}万元，差{fmt(float(c['amount']) - expected.mid)}万元。", others=tuple(parts))
    # the 项 budgets against the whole's, of the same kind: 年初预算, or 全年预算 (社工部: a unit founded in
    # the year states 全年预算 for its 项 and 年初预算 0 for the whole — not one figure)
    planned = [{**i, "value": i["budget"], "measure": "amount"} for i in items if num(i.get("budget")) is not None]
    full = {bool(re.search(r"全年预算|调整后?预算", str(i.get("text") or ""))) for i in planned}
    budget = facts.first("general_budget", "budget_full" if full == {True} else "budget") if len(full) == 1 else None
    if budget is not None and planned and len(planned) == len(items):
        expected = total(Interval.stated(float(p["value"])) for p in planned)
        if not interval_of(budget).meets(expected):
            yield finding("sum.functions", "general_budget.budget", budget, float(budget["value"]), expected,
                          f"一般公共预算财政拨款支出年初预算为{fmt(budget['value'])}万元，但具体情况中各项年初预算合计"
                          f"{fmt(expected.mid)}万元。", others=tuple(planned))
        else:
            yield from rounding_note("sum.functions", "general_budget.budget", budget, planned,
                                     "一般公共预算财政拨款支出年初预算", "具体情况中各项年初预算合计")
    whole = facts.first("general_budget")
    # a 类 the report states with its amount and lists no 项 of: the 具体情况 read is not whole (a page
    # of the report, a list cut off), and its items' sum is no 一般公共预算 total
    covered = {str(i["code"])[:3] for i in items}
    unlisted = [c for c in classes if c["code"] and str(c["code"]) not in covered and (num(c["amount"]) or 0) > 0]
    if whole is not None and items and unlisted:
        names = "、".join(str(c["name_in_source"]) for c in unlisted)
        yield finding("sum.functions", "general_budget", whole, None, None,
                      f"具体情况未列出{names}的项，各项支出合计未与一般公共预算财政拨款支出比对。", "info")
    for parts, what in ((classes, "按功能分类各类合计"), (items if not unlisted else [], "具体情况中各项支出合计")):
        if whole is None or not parts:
            continue
        if (cut := _cut_at(parts)) is not None:
            yield finding("sum.functions", "general_budget", whole, None, None,
                          f"{what.removesuffix('合计')}的列举在第{cut}行末被截断（其后的科目未写出金额），"
                          f"未与一般公共预算财政拨款支出比对。", "info")
            continue
        expected = total(Interval.stated(float(p["amount"])) for p in parts)
        # a list of every fund's 科目 (杭州 2026: 一般公共预算当年拨款 370,219.25, its 具体使用情况 listing the
        # 政府性基金's 7,600 too) adds up to the 财政拨款 spending, not to the 一般公共预算's alone
        funds = [f for f in (facts.first("gov_fund"), facts.first("state_capital")) if f is not None]
        every_fund = total([interval_of(whole), *map(interval_of, funds)]) if funds else None
        if every_fund is not None and not interval_of(whole).meets(expected) and every_fund.meets(expected):
            yield finding("sum.functions", "general_budget", whole, None, None,
                          f"{what}{fmt(expected.mid)}万元等于一般公共预算与政府性基金（国有资本经营）预算财政拨款支出之和："
                          "所列科目含各项资金，未与一般公共预算财政拨款支出单独比对。", "info")
            continue
        if not interval_of(whole).meets(expected):
            yield finding("sum.functions", "general_budget", whole, float(whole["value"]), expected,
                         f"一般公共预算财政拨款支出为{fmt(whole['value'])}万元，但{what}{fmt(expected.mid)}万元。",
                          others=tuple(parts))


def rule_classes_within_whole(t: Context) -> Iterator[Finding]:
    """The 类 a text lists of all funds (2026年支出预算65.61万元，其中：一般公共服务支出65.61万元，文化旅游体育与传媒支出
    50.53万元…) cannot add up to more than the largest whole it states (支出, 支出总计, 收支总计): such a list may
    leave 类 out, so only parts past the whole are said — never a list short of it."""
    classes = [r for r in t["functions"] if r["level"] == "类" and r["origin"] == "all_funds"
               and num(r["amount"]) is not None]
    codes = [str(c["code"]) for c in classes]
    if len(classes) < 2 or len(set(codes)) < len(codes):
        return  # one 类 alone, or a 类 listed twice (two lists of one text: which whole each is of is unknown)
    wholes = [w for m in ("expenditure", "total.expenditure", "total", "expenditure.gross") for w in t.facts.all(m)]
    if not wholes:
        return
    whole = max(wholes, key=lambda w: float(w["value"]))
    expected = total(Interval.stated(float(c["amount"])) for c in classes)
    if expected.lo > interval_of(whole).hi:
        yield finding("sum.functions", str(whole["metric"]), whole, float(whole["value"]), expected,
                      f"{metric_label(whole['metric'])}为{as_written(whole)}，但所列各类支出合计{fmt(expected.mid)}万元，"
                      f"部分之和大于总数。", others=tuple(classes))


# the text after a line's last figure: a list's next entry named with no figure, and no end of sentence
# (…教育支出(类)4836.62万元,占81.4%;社会保障和就业 — a page cut off there)
_CUT = re.compile(r"[;；、,，]\s*[\u4e00-\u9fff()（）]{2,}\s*$")


def _cut_at(rows: list[dict]) -> int | None:
    """The line where the list ``rows`` were read from is cut off (its last line ends with an entry named and
    no figure), or None."""
    placed = [r for r in rows if r.get("line") is not None and r["line"] == r["line"]]
    if not placed:
        return None
    last = max(placed, key=lambda r: int(r["line"]))
    tail = re.split(r"\d", str(last.get("text") or "").rstrip())[-1]
    return int(last["line"]) if _CUT.search(tail) else None


def rounding_note(rule: str, subject: str, whole: dict, parts: list[dict], name: str, what: str) -> Iterator[Finding]:
    """A sum that rounding explains while its written figures differ by 0.01 or more (政府采购 251.25
    against 4.79 + 0 + 246.47 = 251.26): no error, but said — a warning naming the figures."""
    written = sum(float(p["value"]) for p in parts)
    difference = float(whole["value"]) - written
    if abs(difference) >= 0.01 - 1e-9:
        yield finding(rule, subject, whole, float(whole["value"]), written,
                      f"{name}为{as_written(whole)}，{what}为{as_written(whole, written)}，差{fmt(difference)}万元；"
                      + rounding_said(), "warning",
                      others=tuple(parts))
