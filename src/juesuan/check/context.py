"""What every rule shares: the Finding, the tables as records (Context), facts look-ups, and the
stated figures of the charts and of prior years gathered from wherever they are written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..extract.appendix import SUMMARIES, label_key
from ..extract.clauses import CAUSE, CERTAIN
from ..extract.unnamed import UNNAMED
from ..model.document import normalise
from ..model.numbers import Written, decimals, to_wanyuan
from ..reference import find_class_code, metrics
from .interval import HALF_CENT, Interval

FINDING_COLUMNS = ["rule", "severity", "subject", "stated", "expected", "difference", "message", "line", "text",
                   "lines"]
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
    lines: str = ""  # every place involved, ';'-separated: the stated figure's first

    def row(self) -> dict:
        return {c: getattr(self, c) for c in FINDING_COLUMNS}


Tables = dict[str, pd.DataFrame]


def metric_label(metric: str) -> str:
    m = metrics().get(metric)
    return m.label_zh if m else metric


def records_of(frame: pd.DataFrame) -> list[dict]:
    return [] if frame is None or frame.empty else frame.to_dict("records")


def line_of(row: dict | None) -> int | None:
    if not row:
        return None
    value = row.get("line")
    return None if value is None or pd.isna(value) else int(value)


def num(value) -> float | None:
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
        self.records = {key: records_of(frame) for key, frame in tables.items()}
        # a figure of an explanation whose clause names no subject is no statement of any figure checked
        # nor is a figure recorded by the words that name it only (extract/unnamed.py): no rule reads it
        self.records["facts"] = [r for r in self["facts"] if r.get("attach") != CAUSE and r.get("metric") != UNNAMED]
        self.facts = Facts(self["facts"])
        self.chart_facts = chart_facts(self)
        self.appendix = Appendix(self["appendix"], self["appendix_tables"])

    def __getitem__(self, key: str) -> list[dict]:
        return self.records.get(key, [])


UNDERSTOOD = ("data", "empty_stated")


class Appendix:
    """Look-ups over appendix.csv. In a table that is there, a cell that is not (blank in the
    template) is zero; a table that is not there has no cells at all (``None``)."""

    def __init__(self, cells: list[dict], tables: list[dict]):
        # a table with no figure in any cell, and no word that the department has no such money, was
        # not understood (a grid read blank): never a table of zeros, its checks are said not run
        self.tables = {t["kind"]: t for t in tables if t["status"] in UNDERSTOOD}
        self.unreadable = {t["kind"]: t for t in tables if t["status"] not in UNDERSTOOD}
        self.runs: dict[str, int] = defaultdict(int)  # identities compared, by rule
        self.skipped: dict[tuple[str, str], str] = {}  # (rule, what) → why it was not compared
        self.cells: dict[str, list[dict]] = defaultdict(list)
        self.index: dict[tuple, dict] = {}
        for c in cells:
            self.cells[c["kind"]].append(c)
            # first one wins: the 04 总表 repeats fund names under 年初财政拨款结转和结余
            self.index.setdefault((c["kind"], self.row_key(c), c["column"]), c)

    @staticmethod
    def row_key(cell: dict) -> str:
        code = cell.get("code")
        if isinstance(code, str) and code and cell["kind"] not in SUMMARIES:
            return code
        return label_key(str(cell.get("row") or ""))

    def ran(self, rule: str) -> None:
        self.runs[rule] += 1

    def not_run(self, rule: str, what: str, why: str) -> None:
        self.skipped.setdefault((rule, what), why)

    def has(self, kind: str) -> bool:
        return kind in self.tables

    def columns(self, kind: str) -> list[str]:
        """The value columns of a table, as its header has them (blank ones too)."""
        header = self.tables.get(kind, {}).get("columns")
        written = str(header).split(";") if isinstance(header, str) and header else []
        return list(dict.fromkeys([*written, *(c["column"] for c in self.cells.get(kind, []))]))

    def column(self, kind: str, *alternatives: str) -> str | None:
        """The column of a table whose header path holds every part of one of ``alternatives``, in any
        order and under the names templates give the same thing (金额 = 决算数; 运行维护费 = 运行费):
        ``决算数/合计`` is Sichuan's 三公 column ``决算数/合计`` and Shanghai's ``…/合计/决算数``. The
        path with the fewest other parts wins. A part that heads several columns and none of its own
        (杭州's 基本支出 over 人员支出 | 日常公用支出) is no column: none of its parts is the whole."""
        columns = self.columns(kind)
        for alt in alternatives:
            want = _parts(alt)
            fits = [(len(_parts(col)) - len(want), i, col) for i, col in enumerate(columns)
                    if _holds(_parts(col), want)]
            best = min(fits, default=None)
            if best is None:
                continue
            under = [f for f in fits if f[0] == best[0] and _parts(f[2])[-1] not in want]
            if best[0] > 0 and len(under) > 1 and best in under:
                return None
            return best[2]
        return None

    def cell(self, kind: str, row: str, column: str | None) -> dict | None:
        """The cell; a zero cell naming the table where an understood table leaves it blank; None
        where nothing can be said: no such table, no such column, or a row the table does not list."""
        if not self.has(kind) or column is None:
            return None
        row_key = label_key(row) if not row.isdigit() else row
        found = self.index.get((kind, row_key, column))
        if found:
            return found
        t = self.tables[kind]
        listed = str(t.get("rows") or "")
        if row_key and listed and row_key not in listed.split(";"):
            return None
        if row_key.endswith(("合计", "总计", "小计")) and any(
                c["column"] == column and c["value"] for c in self.cells.get(kind, [])):
            return None  # a total left blank under figures is a row not read (split over grid rows), not a zero
        return {"kind": kind, "value": 0.0, "unit_in_source": t["unit_in_source"], "blank": True,
                "sheet": t["sheet"], "cell": "", "row": row, "column": column, "table": t["table"],
                "title": t["title"]}

    def row_cell(self, kind: str, row: str) -> dict | None:
        """The one value a row holds, whatever its column (the 基本支出 table's halves each have one);
        zero where the table lists the row blank; None where the table does not list it."""
        found = next((c for c in self.cells.get(kind, []) if self.row_key(c) == row), None)
        if found is not None or not self.has(kind):
            return found
        listed = str(self.tables[kind].get("rows") or "")
        return self.cell(kind, row, "") if not listed or row in listed.split(";") else None

    def rows(self, kind: str, level: str | None = None) -> list[str]:
        keys = (self.row_key(c) for c in self.cells.get(kind, []) if level is None or c["level"] == level)
        return list(dict.fromkeys(keys))


# Names that templates give the same column: compared as one.
_SAME_COLUMN = (("决算金额", "决算数"), ("金额", "决算数"), ("决算", "决算数"), ("运行维护费", "运行费"), ("经费", "费"))


def _parts(path: str) -> list[str]:
    out = []
    for part in label_key(path).replace('"', "").split("/"):
        for written, same in _SAME_COLUMN:
            part = part.replace(written, same) if part.endswith(written) else part
        out.append(part)
    return out


def _holds(path: list[str], want: list[str]) -> bool:
    """Every wanted part is a part of the path, in the path's order or not."""
    return all(w in path for w in want)


def finding(rule, subject, row, stated, expected: Interval | float | None, message, severity="error",
            others: tuple = ()) -> Finding:
    """``others``: the rows (or places) the stated figure was compared with. An error needs every figure
    in it read with certainty: one whose subject is not (uncertain, below) makes it a warning that says
    why (the rule of trust)."""
    figures = (row, *others)
    why = "" if _one_row(figures) else next((w for w in map(uncertain, figures) if w), "")
    if severity == "error" and why:
        severity, message = "warning", f"{message}（{why}，无法确定其所指，故不作为错误，请核对）"
    exp = expected.mid if isinstance(expected, Interval) else expected
    diff = None if stated is None or exp is None else round(stated - exp, 6)
    places = dict.fromkeys(p for p in (place(x) for x in (row, *others)) if p)
    return Finding(rule, severity, subject, stated, None if exp is None else round(exp, 6), diff,
                   message, line_of(row), (row or {}).get("text", ""), ";".join(places))


def _one_row(figures: tuple) -> bool:
    """Cells of one row of one table compared with each other (合计 against its parts in the 三公 table's
    one row): each is known by its column, whatever the row is called."""
    rows = {(f.get("sheet"), _row_of(str(f["cell"]))) if isinstance(f, dict) and f.get("cell") else None
            for f in figures}
    return len(figures) > 1 and None not in rows and len(rows) == 1


def _row_of(cell: str) -> str:
    """The row of a cell's place: 第4行第1列 (a PDF table) → 第4, B5 (a sheet) → 5."""
    return cell.split("行")[0] if "行" in cell else cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


_UNCERTAIN = {"carried": "所涉数字的主语未在其本句点明，系沿用上文", "cause": "所涉数字出自原因说明，其分句未点明主语",
              "similar": "所涉科目的代码系按相近名称推定",
              "unsectioned": "所涉数字所在段落不属于可识别的章节，其口径（全部资金或财政拨款）未能确定"}


def uncertain(row) -> str:
    """Why a figure's subject is not certain ('' when it is): a fact not named in its own clause
    (Fact.attach); a cell of a table in a row the table names by neither label nor code; a 功能分类 line
    whose code was found by a like name."""
    if not isinstance(row, dict):
        return ""
    if row.get("cell") is not None and "row" in row:
        named = any(isinstance(row.get(k), str) and row[k].strip() for k in ("row", "code"))
        return "" if named else "所涉表格数据行既无名称也无代码"
    how = row.get("attach")
    return "" if how is None or how != how or how in CERTAIN else _UNCERTAIN.get(how, f"所涉数字的主语为{how}")


def place(row) -> str:
    """Where a figure stands: its line, or sheet!cell for a cell of an appendix table."""
    if isinstance(row, str):
        return row
    if not row:
        return ""
    if row.get("cell"):
        return f"{row['sheet']}!{row['cell']}"
    if _page(row):
        return at_line(row)
    line = line_of(row)
    return "" if line is None else str(line)


def _page(row: dict) -> int | None:
    page = row.get("page")
    return None if page is None or pd.isna(page) else int(page)


def at_line(row: dict | None) -> str:
    """Where a statement stands, as a reader finds it: 第63行, or 第8页第21行 in a PDF."""
    page = _page(row or {})
    if page:  # a figure a table gives (a 功能分类 row of origin table) has its page, no line on it
        line = row.get("page_line")
        return f"第{page}页" if line is None or pd.isna(line) else f"第{page}页第{int(line)}行"
    return f"第{line_of(row)}行"


def rounding_said(unit: str = "0.01万元") -> str:
    """What a warning says of a difference that rounding explains (no error, but not silence)."""
    return f"此差额在各数分别四舍五入到{unit}所能解释的范围内，属舍入差异，不作为错误，请核对。"


def fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:,.2f}"


def as_written(row: dict, value: float | None = None) -> str:
    """A figure (the row's, or ``value`` measured like it) in the unit the report wrote it in: a
    count as a whole number, an amount written in 元 in 元, other amounts in 万元."""
    v = float(row["value"]) if value is None else float(value)
    if row.get("measure") == "count":
        return f"{v:,.0f}"
    if row.get("measure") in ("amount", "change"):
        if row.get("unit_in_source") == "元":
            return f"{v * 10000:,.2f}元"
        return f"{v:,.2f}万元"
    return fmt(v)




def written_decimals(row: dict) -> int:
    """Decimals a figure was written with, in its own unit (an amount in 元 has 4 more in 万元): read
    from its line where the number stands there (5,000.60 has two, though its value is 5000.6)."""
    found = decimals_in_text(row)
    if found is not None:
        return found
    extra = 4 if row.get("unit_in_source") == "元" and row.get("measure") in ("amount", "change") else 0
    in_source = abs(float(row["value"])) * 10 ** extra
    text = f"{in_source:.6f}".rstrip("0").rstrip(".")
    return (len(text.split(".")[1]) if "." in text else 0) + extra


def decimals_in_text(row: dict) -> int | None:
    """The decimals of the figure where its line writes it (in 万元 terms); None if the line does not."""
    extra = 4 if row.get("unit_in_source") == "元" and row.get("measure") in ("amount", "change") else 0
    in_source = abs(float(row["value"])) * 10 ** extra
    m = _written_normalised(str(row.get("text") or "")).find(in_source, tolerance=1e-9)
    return None if m is None else decimals(m.group()) + extra


@lru_cache(maxsize=256)
def _written_normalised(text: str) -> Written:
    """The numbers of a row's line as normalised, read once for all the rows of that line (normalising
    and scanning the line for each of its n rows cost n times the line: 1,600 rows of one line, 3 s)."""
    return Written(normalise(text))


def interval_of(row: dict) -> Interval:
    """A stated figure as the interval its rounding allows: half a unit of its last written place
    (0.005 万元 for 12.34万元, 0.05 for 6.2万元, 0.5 % for a rate written 240%; 0.005 元 for an amount
    written in 元); counts are exact."""
    if row.get("measure") == "count":
        return Interval.exact(float(row["value"]))
    unit = row.get("unit_in_source") if row.get("measure") in ("amount", "change") else ""
    # as the text writes it (a chart's data is not rounded for show); a zero written without
    # decimals is nothing at all, not a rounded figure
    decimals = decimals_in_text(row) if "unit_in_source" in row and float(row["value"]) != 0 else None
    written = 0.0 if decimals is None else 0.5 * 10 ** -decimals
    stated = Interval.stated(float(row["value"]), max(half_unit(unit), written))
    if decimals is not None and decimals < 2 and row.get("measure") in _RATES:
        # a rate rounded twice, as a spreadsheet shows it (two decimals) and then as the text writes it
        # (33.048 % → 33.05 → 33.1): its size may be half a unit of the second decimal less, never more
        v = float(row["value"])
        return Interval(stated.lo - HALF_CENT, stated.hi) if v > 0 else Interval(stated.lo, stated.hi + HALF_CENT)
    return stated


_RATES = ("growth", "share", "completion")


def half_unit(unit: str | None) -> float:
    """Half a unit of the second decimal, in 万元: 0.005 万元, or 0.005 元 for a figure written in 元."""
    return to_wanyuan(HALF_CENT, "元") if unit == "元" else HALF_CENT


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
