"""A year's final accounts beside the same year's published budget (pure): each side's figure for
one thing (a metric, a 功能分类 code) with where it is written and its precision, and the rule
``budget.stated``: the 年初预算 that the 决算 states differs from what the budget published.

Not one of ``RULES`` (those see one report): the pipeline calls ``rule_budget_stated`` when a
department folder holds both documents, and adds its findings to the 决算's findings.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ..extract.functions import NAMED_ALONE
from ..model.numbers import decimals, written_in
from .context import Finding, metric_label

# metrics compared (rows of the comparison, and the 决算's stated 年初预算 they may be checked against)
METRICS = ("expenditure", "expenditure.basic", "expenditure.project", "general_budget", "three_public",
           "three_public.overseas", "three_public.vehicle", "three_public.vehicle.purchase",
           "three_public.vehicle.operation", "three_public.reception", "operating_cost")
# what the 决算's evaluation text calls 年初预算收入/支出 → the budget's metric
STATED_TOTALS = {"budget.expenditure": "expenditure", "budget.income": "income"}
_UNIT_DIGITS = {"元": 4, "万元": 0, "亿元": -4}  # decimals in 万元 = decimals as written + this


@dataclass(frozen=True)
class Figure:
    value: float  # 万元
    decimals: int  # the precision it is written in, in 万元
    place: str  # its line, or its sheet!cell
    text: str
    origin: str  # text (the narrative states it), table (a cell), derived (summed from its parts)
    line: int | None = None


def written_decimals(value: float, text: str, unit: str) -> int:
    """The decimals (in 万元) of the number as the text writes it: 879.95万元 → 2, 10万元 → 0,
    9,101,677,535元 → 4 (-4 digits shifted); 2 when it cannot be found."""
    shift = _UNIT_DIGITS.get(str(unit), 0) if isinstance(unit, str) and unit else 0
    scale = 10 ** shift
    m = written_in(str(text or "")).find(abs(value) * scale, tolerance=1e-6 * scale)
    return 2 if m is None else decimals(m.group()) + shift


def _line(row: dict) -> int | None:
    value = row.get("line")
    return None if value is None or pd.isna(value) else int(value)


def _fact(facts: pd.DataFrame, metric: str, measure: str = "amount") -> Figure | None:
    rows = facts[(facts["metric"] == metric) & (facts["measure"] == measure) & (facts["period"] == "current")]
    if rows.empty:
        return None
    r = rows.iloc[0].to_dict()
    line = _line(r)
    return Figure(float(r["value"]), written_decimals(float(r["value"]), r["text"], r["unit_in_source"]),
                  str(line or ""), str(r["text"] or ""), "text", line)


def _cell(row: dict) -> Figure:
    """A table's cell: as exact as written, and never coarser than the tables' two decimals (a number
    cell of a workbook holds its value, whatever it shows)."""
    value = float(row["value"])
    text = str(row.get("text") if isinstance(row.get("text"), str) else value)
    return Figure(value, max(written_decimals(value, text, row.get("unit_in_source") or "万元"), 2),
                  f"{row['sheet']}!{row['cell']}", text, "table")


def _whole_column(columns: list[str]) -> str | None:
    """Of a table's value columns, the one that holds a row's whole amount (合计, 小计, 金额, …)."""
    for column in columns:
        if re.search(r"(合计|小计|总计|金额|预算数)$", column.split("/")[-1]) and "基本" not in column and "项目" not in column:
            return column
    return columns[0] if len(columns) == 1 else None


def _table_cells(appendix: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    for kind in kinds:
        cells = appendix[appendix["kind"] == kind]
        if not cells.empty:
            return cells
    return appendix.iloc[0:0]


def table_functions(appendix: pd.DataFrame, kinds: tuple[str, ...], within: str = "") -> dict[str, Figure]:
    """code (and 合计 as ``total``) → the whole amount of its row in the first of ``kinds`` present;
    ``within``: only columns under that header (本年支出, not 年初结转 …)."""
    cells = _table_cells(appendix, kinds)
    if within:
        cells = cells[cells["column"].str.startswith(within)] if (cells["column"].str.startswith(within)).any() else cells
    column = _whole_column(list(dict.fromkeys(cells["column"])))
    out: dict[str, Figure] = {}
    if column is None:
        return out
    for r in cells[cells["column"] == column].to_dict("records"):
        key = "total" if r["level"] == "合计" else str(r["code"] or "")
        if key and key not in out and (key == "total" or r["level"] in ("类", "款", "项")):
            out[key] = _cell(r)
    return out


def text_functions(functions: pd.DataFrame, column: str = "amount") -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for r in functions.to_dict("records"):
        value = r.get(column)
        if value is None or pd.isna(value) or not isinstance(r.get("code"), str) or r["code"] in out \
                or r.get("origin") in ("all_funds", NAMED_ALONE):  # a budget's 类 of all funds is not its 一般公共预算
            # (nor is a 项 it names alone: which items its lines list, all or some, nothing says)
            continue
        line = _line(r)
        origin = "derived" if r.get("origin") == "derived" else "text"
        out[r["code"]] = Figure(float(value), written_decimals(float(value), r.get("text"), "万元") if origin == "text"
                                else 2, str(line or ""), str(r.get("text") or ""), origin, line)
    return out


_THREE_PUBLIC_COLUMNS = (  # (metric, pattern on a column's last parts)
    ("three_public.vehicle.purchase", r"购置(费)?$"), ("three_public.vehicle.operation", r"运行(维护)?费?$"),
    ("three_public.vehicle", r"公务用车.*/(小计|合计)$|公务用车购置及运行(维护)?费$"),
    ("three_public.overseas", r"因公出国"), ("three_public.reception", r"公务接待"),
    ("operating_cost", r"机关运行经费"), ("three_public", r"三公.*/(合计|小计)$"),
    ("three_public", r"^(合计|小计)$"),  # the table's own total: 三公 only where it holds no 会议费/培训费 beside
)


def table_three_public(appendix: pd.DataFrame, kinds: tuple[str, ...], within: str = "") -> dict[str, Figure]:
    """The 三公 (and 机关运行经费) columns of a 三公 table, under ``within`` (预算数 or 决算数) if given."""
    cells = _table_cells(appendix, kinds)
    if within:
        cells = cells[cells["column"].str.startswith(within)]
    patterns = _THREE_PUBLIC_COLUMNS
    if cells["column"].str.contains("会议费|培训费").any():  # its 合计 is not 三公 alone
        patterns = tuple((m, p) for m, p in patterns if not p.startswith("^"))
    out: dict[str, Figure] = {}
    for r in cells.to_dict("records"):
        tail = str(r["column"]).removeprefix(within).strip("/")
        metric = next((m for m, p in patterns if re.search(p, tail)), None)  # a column's first pattern names it
        if metric is not None:
            out.setdefault(metric, _cell(r))
    return out


def _total_row(appendix: pd.DataFrame, kind: str, column_end: str) -> Figure | None:
    cells = appendix[(appendix["kind"] == kind) & (appendix["level"] == "合计")]
    cells = cells[cells["column"].str.split("/").str[-1] == column_end]
    return _cell(cells.iloc[0].to_dict()) if not cells.empty else None


def budget_side(tables: dict[str, pd.DataFrame]) -> dict[str, list[Figure]]:
    """What a budget publishes, per metric and per 功能分类 code: its table's figure first (exact,
    often in 元), then its narrative's; both are kept so that a disagreement between them is seen."""
    facts, appendix = tables["facts"], tables["appendix"]
    out: dict[str, list[Figure]] = {}

    def add(key: str, figure: Figure | None) -> None:
        if figure is not None:
            out.setdefault(key, []).append(figure)

    functions = table_functions(appendix, ("budget_gb", "budget_fiscal"))
    add("general_budget", functions.pop("total", None))
    for code, figure in functions.items():
        add(code, figure)
    for code, figure in text_functions(tables["functions"]).items():
        add(code, figure)
    add("expenditure", _total_row(appendix, "budget_expenditure", "合计"))
    add("expenditure.basic", _total_row(appendix, "budget_expenditure", "基本支出"))
    add("expenditure.project", _total_row(appendix, "budget_expenditure", "项目支出"))
    for metric, figure in table_three_public(appendix, ("budget_three_public",)).items():
        add(metric, figure)
    add("operating_cost", table_functions(appendix, ("budget_operating",)).get("total"))
    for metric in (*METRICS, "income"):
        add(metric, _fact(facts, metric))
    return out


def outturn_side(tables: dict[str, pd.DataFrame]) -> dict[str, list[Figure]]:
    """What the final accounts report as spent: the narrative's figures first, then its tables'."""
    facts, appendix = tables["facts"], tables["appendix"]
    out: dict[str, list[Figure]] = {}
    for metric in METRICS:
        figure = _fact(facts, metric)
        if figure is not None:
            out.setdefault(metric, []).append(figure)
    for code, figure in text_functions(tables["functions"]).items():
        out.setdefault(code, []).append(figure)
    table = table_functions(appendix, ("gb",), within="本年支出")
    if "total" in table:
        out.setdefault("general_budget", []).append(table.pop("total"))
    for code, figure in table.items():
        out.setdefault(code, []).append(figure)
    for metric, figure in table_three_public(appendix, ("three_public",), within="决算数").items():
        out.setdefault(metric, []).append(figure)
    return out


def stated_budgets(tables: dict[str, pd.DataFrame]) -> list[tuple[str, Figure, bool]]:
    """(metric or code, figure, certain) for every 年初预算 the final accounts state: the measure
    ``budget`` of a fact, 年初预算收入/支出 of the evaluation text, the ``budget`` of a 项, and the
    预算数 columns of the 三公 table (not certain: such a column may hold the adjusted budget)."""
    facts, out = tables["facts"], []
    current = facts[(facts["period"] == "current") & (facts["measure"] == "budget")]
    for metric in dict.fromkeys(current["metric"]):
        out.append((metric, _fact(facts, metric, "budget"), True))
    for stated, metric in STATED_TOTALS.items():
        figure = _fact(facts, stated)
        if figure is not None:
            out.append((metric, figure, True))
    functions = tables["functions"]
    items = functions[functions["level"] == "项"] if "level" in functions else functions
    for code, figure in text_functions(items, "budget").items():
        out.append((code, figure, figure.origin == "text"))
    said = {key for key, _f, _c in out}
    for metric, figure in table_three_public(tables["appendix"], ("three_public",), within="预算数").items():
        if metric not in said:
            out.append((metric, figure, False))
    return out


def _rounded(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def differs(a: Figure, b: Figure) -> bool:
    """Different at the precision of the coarser of the two (10万元 and 10.004万元 are one figure)."""
    decimals = max(min(a.decimals, b.decimals, 6), 0)
    return _rounded(a.value, decimals) != _rounded(b.value, decimals)


def _name(key: str, names: dict[str, str]) -> str:
    if key.isdigit():
        return f"{names.get(key, '')}（{key}）的"
    return {"income": "", "expenditure": ""}.get(key, metric_label(key))


_SUFFIX = {"income": "收入", "expenditure": "支出"}  # 年初预算收入 / 年初预算支出, as the 决算 writes them


def rule_budget_stated(accounts: dict[str, pd.DataFrame], budget: dict[str, pd.DataFrame], year: int,
                       budget_source: str, carryover: bool = False) -> list[Finding]:
    """``budget.stated``: a 年初预算 the 决算 states that differs from the published budget's figure for the
    same thing. An error only when both were read with certainty: the 决算 states it as 年初预算 in its
    narrative, and the budget states it once (its table and its narrative agree) and not as a sum of
    parts, and, for its 收入/支出 totals, states no carried-over funds that the 决算 may or may not count."""
    published = budget_side(budget)
    names = {str(r["code"]): str(r["name"]) for r in budget["functions"].to_dict("records")}
    names.update({str(r["code"]): str(r["name"]) for r in accounts["functions"].to_dict("records")})
    findings = []
    for key, stated, certain in stated_budgets(accounts):
        figures = published.get(key)
        if stated is None or not figures:
            continue
        figure = figures[0]
        if not differs(stated, figure):
            continue
        sure = (certain and figure.origin != "derived" and not any(differs(f, figure) for f in figures[1:])
                and not (carryover and key in ("income", "expenditure")))
        where = f"（{budget_source}第{figure.place}行）" if figure.origin != "table" else f"（{budget_source} {figure.place}）"
        said = "决算说明" if stated.origin == "text" else "决算附表“三公”经费表的预算数"
        why = "" if sure else "（两处所指口径或读数未必一致，暂作提示）"
        findings.append(Finding(
            "budget.stated", "error" if sure else "warning", f"budget:{key}", stated.value, figure.value,
            round(stated.value - figure.value, 6),
            f"{said}所列{_name(key, names)}年初预算{_SUFFIX.get(key, '')}为{stated.value:,.{max(stated.decimals, 0)}f}万元，"
            f"与{year}年公开的预算{figure.value:,.2f}万元{where}不一致，相差{stated.value - figure.value:,.2f}万元{why}",
            stated.line, stated.text, ";".join(p for p in (stated.place, f"预算:{figure.place}") if p)))
    return findings
