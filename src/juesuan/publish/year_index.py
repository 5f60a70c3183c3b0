"""reports/<year>/index.html: every department of one year side by side, sortable, with the
comparison as a CSV inside the page and bar charts where a picture reads faster than a table."""

from __future__ import annotations

import base64
from html import escape
from urllib.parse import quote

import pandas as pd

from ..model.outputs import csv_bytes
from .budget_vs_accounts import figure_of, rate
from .html import fmt
from .index import CSS, failures_table, is_budget, kind_of

# (column, header, decimals): the figures the year page compares
COLUMNS = (
    ("total", "收支总计（万元）", 2), ("general_budget", "一般公共预算财政拨款（万元）", 2),
    ("basic_share", "基本支出占比（%）", 2), ("project_share", "项目支出占比（%）", 2),
    ("three_public", "“三公”经费（万元）", 2), ("three_public_prior", "上年“三公”经费（万元）", 2),
    ("three_public_change", "“三公”增减（万元）", 2), ("operating_cost", "机关运行经费（万元）", 2),
    ("errors", "核对错误", 0), ("warnings", "警告", 0),
)
SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0], rows = Array.from(body.rows);
      var down = th.getAttribute("aria-sort") !== "descending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
        var nx = parseFloat(x), ny = parseFloat(y), r;
        if (x === "" || y === "") { r = (x === "") - (y === ""); return r; }  /* blanks last */
        r = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y, "zh") : nx - ny;
        return down ? -r : r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


# a year's budgets, in a table of their own: the same figures, as budgeted
BUDGET_TABLE = (
    ("total", "收支总预算（万元）", 2), ("general_budget", "一般公共预算财政拨款支出预算（万元）", 2),
    ("basic_share", "基本支出占比（%）", 2), ("project_share", "项目支出占比（%）", 2),
    ("three_public", "“三公”经费预算（万元）", 2), ("three_public_prior", "上年“三公”经费预算（万元）", 2),
    ("three_public_change", "“三公”增减（万元）", 2), ("operating_cost", "机关运行经费预算（万元）", 2),
    ("errors", "核对错误", 0), ("warnings", "警告", 0),
)


def label(name: str, kind: str) -> str:
    """A department's name as a chart labels it: a 单位's own report told apart from its 部门's."""
    return f"{name}（单位）" if str(kind).startswith("单位") else name


# shown only in a year where some department has its budget beside its final accounts, after general_budget
BUDGET_COLUMNS = (("general_budget_budget", "一般公共预算财政拨款预算（万元）", 2), ("execution_rate", "预算执行率（%）", 2))


def columns_of(frame: pd.DataFrame) -> tuple:
    """COLUMNS, with the budget's beside 一般公共预算财政拨款 when the frame has them; BUDGET_TABLE
    for a frame of budgets."""
    if "kind" in frame and len(frame) and frame["kind"].map(is_budget).all():
        return BUDGET_TABLE
    if "general_budget_budget" not in frame:
        return COLUMNS
    at = [c for c, _h, _d in COLUMNS].index("general_budget") + 1
    return (*COLUMNS[:at], *BUDGET_COLUMNS, *COLUMNS[at:])


def _current(keys: pd.DataFrame, metric: str, column: str = "current"):
    part = keys[keys["metric"] == metric]
    if part.empty or pd.isna(part.iloc[0][column]):
        return None
    return float(part.iloc[0][column])


def _share(part, whole):
    return None if part is None or not whole else round(part / whole * 100, 2)


def comparison(rows: list[dict]) -> pd.DataFrame:
    """One row per department of a year (rows as site.report_rows gives them), sorted by name."""
    out = []
    for r in rows:
        k = r["keys"]
        spent = _current(k, "expenditure")
        three, prior = _current(k, "three_public"), _current(k, "three_public", "prior")
        change = _current(k, "three_public", "change")
        out.append({
            "department": r["meta"]["department"], "kind": kind_of(r), "folder": r["department"], "href": r["href"],
            "total": _current(k, "total"), "general_budget": _current(k, "general_budget"),
            "basic_share": _share(_current(k, "expenditure.basic"), spent),
            "project_share": _share(_current(k, "expenditure.project"), spent),
            "three_public": three, "three_public_prior": prior,
            "three_public_change": change if change is not None else (None if three is None or prior is None
                                                                      else round(three - prior, 2)),
            "operating_cost": _current(k, "operating_cost"), "errors": r["errors"], "warnings": r["warnings"],
        })
    shown = COLUMNS
    if any(r.get("budget") is not None for r in rows):  # the budget beside the outturn, with its execution rate
        shown = columns_of(pd.DataFrame(columns=["general_budget_budget"]))
        for r, row in zip(rows, out):
            budget = None if r.get("budget") is None else figure_of(r["budget"], "general_budget", "budget")
            row.update(general_budget_budget=budget, execution_rate=rate(row["general_budget"], budget))
    columns = ["department", "kind", "folder", "href", *(c for c, _h, _d in shown)]
    return pd.DataFrame(out, columns=columns).sort_values(["department", "kind", "folder"], ignore_index=True)


def _sort_value(value) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.6g}"


def comparison_table(frame: pd.DataFrame, link_prefix: str = "") -> str:
    shown = columns_of(frame)
    head = "".join(f"<th>{escape(h)}</th>" for _c, h, _d in shown)
    body = []
    for r in frame.to_dict("records"):
        cells = []
        for column, _h, decimals in shown:
            value = r[column]
            cls = "num err" if column == "errors" and value else "num"
            cells.append(f'<td class="{cls}" data-sort="{_sort_value(value)}">{fmt(value, decimals)}</td>')
        name = escape(r["department"])
        path, _, anchor = r["href"].partition("#")
        link = f'<a href="{escape(link_prefix + quote(path) + ("#" + anchor if anchor else ""))}">{name}</a>'
        kind = escape(r["kind"])
        body.append(f'<tr><td data-sort="{name}">{link}</td><td data-sort="{kind}">{kind}</td>{"".join(cells)}</tr>')
    which = "budgets" if shown is BUDGET_TABLE else "departments"
    return (f'<div class="table-wrap"><table class="sortable {which}"><thead><tr><th>部门</th><th>类型</th>{head}</tr>'
            f'</thead><tbody>{"".join(body)}</tbody></table></div>')


def bar_chart(title: str, labels: list[str], series: dict[str, list[float | None]], colours: dict[str, str]) -> str:
    """Horizontal bars, one group per department (inline SVG: no plotting library in the index)."""
    bar, gap, left, width, right = 12, 10, 230, 680, 90
    group = bar * len(series) + gap
    height = group * len(labels) + 40
    values = [v for vs in series.values() for v in vs if v is not None]
    top = max(values + [0.0]) or 1.0
    parts = []
    for i, label in enumerate(labels):
        y0 = 20 + i * group
        parts.append(f'<text x="{left - 6}" y="{y0 + bar * len(series) / 2 + 4:.1f}" text-anchor="end">'
                     f"{escape(label)}</text>")
        for j, (name, vs) in enumerate(series.items()):
            v = vs[i]
            if v is None:
                continue
            w = max(v, 0) / top * (width - left - right)
            y = y0 + j * bar
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 2}" fill="{colours[name]}">'
                         f"<title>{escape(label)} {escape(name)}: {fmt(v)}</title></rect>"
                         f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}">{fmt(v)}</text>')
    legend = "".join(f'<rect x="{left + k * 130}" y="2" width="10" height="10" fill="{c}"/>'
                     f'<text x="{left + k * 130 + 14}" y="11">{escape(n)}</text>' for k, (n, c) in enumerate(colours.items()))
    return (f'<figure class="bars"><svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'font-size="11" fill="#333">{legend}{"".join(parts)}</svg><figcaption>{escape(title)}</figcaption></figure>')


MAX_BARS = 40  # departments a bar chart shows: beyond, the largest, and the table has them all


def _largest(frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, str]:
    """The departments a chart of ``column`` shows, largest first when there are too many to read."""
    if len(frame) <= MAX_BARS:
        return frame, ""
    return frame.sort_values(column, ascending=False, na_position="last").head(MAX_BARS), f"（前{MAX_BARS}个部门）"


def charts(frame: pd.DataFrame, budgets: bool = False) -> str:
    """三公 (this year and the last) and 收支总计 by department; of budgets, as budgeted."""
    def values(part, column):
        return [None if pd.isna(v) else float(v) for v in part[column]]

    def labels(part):
        kinds = part["kind"] if "kind" in part else [""] * len(part)
        return [label(n, k) for n, k in zip(part["department"], kinds)]

    three_title, total_title = ("各部门“三公”经费财政拨款预算（万元）", "各部门收支总预算（万元）") if budgets else \
        ("各部门“三公”经费财政拨款支出（万元）", "各部门收支总计（万元）")
    shown, more = _largest(frame, "three_public")
    three = bar_chart(f"{three_title}{more}", labels(shown),
                      {"上年": values(shown, "three_public_prior"), "本年": values(shown, "three_public")},
                      {"上年": "#9dc3e6", "本年": "#1f5fa8"})
    shown, more = _largest(frame, "total")
    total = bar_chart(f"{total_title}{more}", labels(shown), {"本年": values(shown, "total")}, {"本年": "#1f5fa8"})
    return three + total


def download(frame: pd.DataFrame, year: int, what: str = "") -> str:
    table = frame.drop(columns=["href"]).rename(columns={"department": "部门", "kind": "类型", "folder": "文件夹",
                                                         **{c: h for c, h, _d in columns_of(frame)}})
    data = base64.b64encode(csv_bytes(table)).decode()
    name = f"{year}_各部门{what}对比.csv"
    return f'<p><a download="{escape(name)}" href="data:text/csv;charset=utf-8;base64,{data}">下载对比表（{escape(name)}）</a></p>'


def page_title(year: int, rows: list[dict]) -> str:
    """What the year's page compares: 决算, 预算, or both, by what its reports are."""
    kinds = {is_budget(kind_of(r)) for r in rows}
    what = "决算与预算" if kinds == {True, False} else "预算" if kinds == {True} else "决算"
    return f"{year}年度各部门{what}对比"


def counts(rows: list[dict]) -> str:
    """部门决算 2 个、单位预算 1 个 …: what the reports of a list are."""
    tally: dict[str, int] = {}
    for r in rows:
        tally[kind_of(r)] = tally.get(kind_of(r), 0) + 1
    return "、".join(f"{k} {n} 个" for k, n in sorted(tally.items()))


def year_index_html(year: int, rows: list[dict], failed: list[dict] | None = None) -> str:
    """A year's reports: its final accounts (and 批复) side by side, its budgets in a table of their
    own with budget headings, and every report that failed with its reason."""
    failed = failed or []
    accounts = [r for r in rows if not is_budget(kind_of(r))]
    budgets = [r for r in rows if is_budget(kind_of(r))]
    given = len([r for r in rows if not r.get("beside")]) + len(failed)
    frame = comparison(accounts)
    errors = int(frame["errors"].sum()) if accounts else 0
    if not rows and not failed:
        summary = "<p>该年度尚无报告。</p>"
    elif budgets or failed:  # the count given, built and failed
        summary = (f"<p>{year}年度共 {given} 个报告：生成 {given - len(failed)} 个"
                   + (f"，未能生成 {len(failed)} 个" if failed else "") + "。</p>")
    else:
        summary = (f"<p>{year}年度共 {len(frame)} 个部门的决算报告；核对发现错误 {errors} 处。"
                   "点击表头排序，点击部门名称打开报告。</p>")
    parts = []
    if accounts:
        if budgets or failed:
            parts.append(f"<h2>决算（{counts(accounts)}）</h2><p>核对发现错误 {errors} 处。点击表头排序，点击部门名称打开报告。</p>")
        parts.append(f"{comparison_table(frame)}{download(frame, year)}{charts(frame)}")
    if budgets:
        b_frame = comparison(budgets)
        beside = sum(bool(r.get("beside")) for r in budgets)
        note = f"其中 {beside} 份与同年决算同页（预算与决算）。" if beside else ""
        parts.append(f"<h2>预算（{counts(budgets)}）</h2><p>{note}核对发现错误 {int(b_frame['errors'].sum())} 处。</p>"
                     f"{comparison_table(b_frame)}{download(b_frame, year, '预算')}{charts(b_frame, budgets=True)}")
    if failed:
        parts.append(f"<h2>未能生成的报告（{len(failed)} 个）</h2>{failures_table(failed)}")
    title = page_title(year, rows)
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>'
            f"<style>{CSS}\n.bars svg{{width:100%;height:auto}}th{{cursor:pointer}}table.departments td:first-child,"
            f"table.budgets td:first-child{{white-space:nowrap}}</style></head><body>"
            f'<p><a href="../index.html">← 全部年度</a></p><h1>{title}</h1>{summary}{"".join(parts)}'
            f"<script>{SORT_SCRIPT}</script></body></html>")
