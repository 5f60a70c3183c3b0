"""预算与决算: a year's published budget beside its final accounts (pure). One row per thing both
may state — 一般公共预算 by 功能分类 类 and 款, 基本/项目支出, 三公 and its parts, 机关运行经费 — with the
budget, the outturn and the execution rate (outturn / budget, in %; blank where the budget is 0)."""

from __future__ import annotations

from html import escape

import pandas as pd

from ..check.pair import Figure, budget_side, outturn_side
from ..reference import function_codes, metrics
from .html import fmt, table

COMPARISON_COLUMNS = ["group", "subject", "level", "name", "budget", "outturn", "execution_rate", "budget_from",
                      "outturn_from"]
GROUPS = (  # (group, subjects) in the order of the page; 功能分类 codes are filled in
    ("合计", ("general_budget", "expenditure")),
    ("功能分类", ()),
    ("支出性质", ("expenditure.basic", "expenditure.project")),
    ("“三公”经费", ("three_public", "three_public.overseas", "three_public.vehicle", "three_public.vehicle.purchase",
                 "three_public.vehicle.operation", "three_public.reception")),
    ("机关运行经费", ("operating_cost",)),
)
LABELS = {"general_budget": "一般公共预算财政拨款支出", "expenditure": "支出合计（全部资金）"}


def _from(figure: Figure | None, document: str) -> str:
    if figure is None:
        return ""
    if figure.origin == "table":
        return f"{document}附表 {figure.place}"
    return f"{document}正文第{figure.place}行" + ("（由各项加总）" if figure.origin == "derived" else "") \
        if figure.place else f"{document}正文（由各项加总）"


def rate(outturn: float | None, budget: float | None) -> float | None:
    if outturn is None or budget is None or pd.isna(outturn) or pd.isna(budget) or budget == 0:
        return None
    return round(outturn / budget * 100, 2)


def comparison(accounts: dict[str, pd.DataFrame], budget: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per subject either side states (功能分类: 类 and 款 of the 一般公共预算)."""
    planned, spent = budget_side(budget), outturn_side(accounts)
    official = function_codes()
    names = {str(r["code"]): str(r["name"]) for t in (budget, accounts) for r in t["functions"].to_dict("records")}
    codes = sorted(k for k in {*planned, *spent} if k.isdigit() and len(k) in (3, 5))
    rows = []
    for group, subjects in GROUPS:
        for subject in subjects or codes:
            b, o = (planned.get(subject) or [None])[0], (spent.get(subject) or [None])[0]
            if b is None and o is None:
                continue
            if subject.isdigit():
                level, name = official.get(subject, ("类" if len(subject) == 3 else "款", names.get(subject, "")))
                name = name or names.get(subject, "")
            else:
                level, name = "", LABELS.get(subject) or metrics()[subject].label_zh
            rows.append({"group": group, "subject": subject, "level": level, "name": name,
                         "budget": None if b is None else b.value, "outturn": None if o is None else o.value,
                         "execution_rate": rate(None if o is None else o.value, None if b is None else b.value),
                         "budget_from": _from(b, "预算"), "outturn_from": _from(o, "决算")})
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def by_class(frame: pd.DataFrame) -> pd.DataFrame:
    """The 类 rows, for the chart: name, budget, outturn."""
    return frame[(frame["group"] == "功能分类") & (frame["level"] == "类")][["subject", "name", "budget", "outturn"]]


def figure_of(frame: pd.DataFrame, subject: str, column: str) -> float | None:
    part = frame[frame["subject"] == subject]
    if part.empty or pd.isna(part.iloc[0][column]):
        return None
    return float(part.iloc[0][column])


def section_html(frame: pd.DataFrame, figure: str, meta: dict, findings: pd.DataFrame) -> str:
    """The page's 预算与决算 section: where the budget comes from, the table, the chart and the
    differences between the 年初预算 the 决算 states and the budget published."""
    source = meta.get("budget_source") or {}
    intro = (f"<p>预算：{escape(str(source.get('kind', '部门预算')))}《{escape(str(source.get('file', '')))}》"
             f"（{escape(str(source.get('department', '')))}，{escape(str(source.get('year', '')))}年；SHA-256 "
             f"<code>{escape(str(source.get('sha256', '')))}</code>）。执行率 = 决算数 ÷ 预算数；预算数为0时不计。"
             "功能分类为一般公共预算财政拨款支出的类、款。</p>")
    rows = []
    for r in frame.itertuples():
        code = r.subject if str(r.subject).isdigit() else ""
        cls = f' class="level-{escape(r.level)}"' if r.level else ""
        tip = escape(" · ".join(x for x in (r.budget_from, r.outturn_from) if isinstance(x, str) and x))
        rows.append(f'<tr{cls} title="{tip}"><td>{escape(r.group)}</td><td>{escape(code)}</td><td>{escape(str(r.name))}</td>'
                    f'<td class="num">{fmt(r.budget)}</td><td class="num">{fmt(r.outturn)}</td>'
                    f'<td class="num">{fmt(r.execution_rate)}</td></tr>')
    body = table(["类别", "代码", "项目", "预算数（万元）", "决算数（万元）", "执行率（%）"], rows, "budget-vs")
    stated = findings[findings["rule"] == "budget.stated"] if "rule" in findings else findings.iloc[0:0]
    if stated.empty:
        said = "<p class=\"ok\">决算所列年初预算与公开的预算一致（或决算未列年初预算）。</p>"
    else:
        items = "".join(f'<li class="{escape(str(r.severity))}">{"错误" if r.severity == "error" else "提示"}：'
                        f"{escape(str(r.message))}</li>" for r in stated.itertuples())
        said = f"<p>决算所列年初预算与公开的预算不一致之处：</p><ul>{items}</ul>"
    return intro + figure + body + said
