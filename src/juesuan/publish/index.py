"""The index page (reports/index.html) as HTML: every report with its key figures, links to each
year's comparison of departments, and each department's view across years, from rows the shell
gathers (site.report_rows)."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from urllib.parse import quote

import pandas as pd

from ..reference import metrics
from .across_years import BUDGET_ROWS, TREND_METRICS, budget_trend, conflicts, statements, trend
from .html import fmt

INDEX_METRICS = ("total", "general_budget", "expenditure.basic", "expenditure.project", "three_public", "operating_cost")
# The report pages' stylesheet, plus what only the index has.
CSS = files("juesuan.publish").joinpath("templates/juesuan/juesuan.css").read_text(encoding="utf-8") + """
body{max-width:1100px;margin:2em auto;padding:0 12px}.err,.conflict{color:#b00020}
.sparks{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:8px}.spark{margin:0}
.spark svg{width:100%;height:auto}.spark figcaption{text-align:center;font-size:.9em}
.across summary{cursor:pointer}.across summary h2{display:inline}"""


def kind_of(row: dict) -> str:
    """What a report is (部门决算, 单位决算, 部门预算, 单位预算, 部门决算批复); a meta without one is a 部门决算."""
    return row["meta"].get("kind") or "部门决算"


def is_budget(kind: str) -> bool:
    return str(kind).endswith("预算")


def _budget(row: dict) -> bool:
    return is_budget(kind_of(row))


def reports_table(rows: list[dict], budgets: bool = False) -> str:
    """Every report with its key figures; ``budgets``: a table of budgets, headed as budgeted."""
    as_ = "预算" if budgets else ""
    head = "".join(f"<th>{escape(metrics()[m].label_zh)}{as_}（万元）</th>" for m in INDEX_METRICS)
    body = []
    for r in rows:
        keys = r["keys"].set_index("metric")
        cells = "".join(f'<td class="num">{fmt(keys.loc[m, "current"]) if m in keys.index else ""}</td>'
                        for m in INDEX_METRICS)
        errors = f'<span class="err">{r["errors"]}</span>' if r["errors"] else "0"
        path, _, anchor = r["href"].partition("#")
        href = quote(path) + (f"#{anchor}" if anchor else "")
        body.append(f'<tr><td><a href="{r["year"]}/index.html">{r["year"]}</a></td>'
                    f'<td><a href="{escape(href)}">{escape(r["meta"]["department"])}</a></td><td>{escape(kind_of(r))}</td>'
                    f'{cells}<td class="num">{errors}</td><td class="num">{r["warnings"]}</td></tr>')
    which = "budgets" if budgets else "reports"
    return (f'<div class="table-wrap"><table class="{which}"><thead><tr><th>年度</th><th>部门</th><th>类型</th>{head}'
            f'<th>核对错误</th><th>警告</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def trend_table(best: pd.DataFrame, clashes: pd.DataFrame, budgets: pd.DataFrame | None = None) -> str:
    """The metrics across years; ``budgets`` (across_years.budget_trend): the published budget of
    一般公共预算财政拨款支出 and its execution rate, beside the outturn, in the years that have one."""
    years = sorted(best["year"].unique())
    clash = {(r.metric, r.year): r.values for r in clashes.itertuples()}
    head = "".join(f"<th>{y}</th>" for y in years)
    body = []
    for metric in TREND_METRICS:
        part = best[best["metric"] == metric].set_index("year")
        if part.empty:
            continue
        cells = []
        for y in years:
            if y not in part.index:
                cells.append('<td class="num"></td>')
                continue
            note = clash.get((metric, y))
            mark = f' class="num conflict" title="{escape(note)}"' if note else ' class="num"'
            implied = "<sup>推</sup>" if part.loc[y, "basis"] == "implied" else ""
            cells.append(f"<td{mark}>{'⚠ ' if note else ''}{fmt(part.loc[y, 'value'])}{implied}</td>")
        body.append(f"<tr><th scope=row>{escape(metrics()[metric].label_zh)}</th>{''.join(cells)}</tr>")
        if metric == "general_budget" and budgets is not None and not budgets.empty:
            by_year = budgets.set_index("year")
            for column, label in BUDGET_ROWS:
                cells = "".join(f'<td class="num">{fmt(by_year.loc[y, column]) if y in by_year.index else ""}</td>'
                                for y in years)
                body.append(f'<tr class="budget"><th scope=row>{escape(label)}</th>{cells}</tr>')
    return (f'<div class="table-wrap"><table class="trend"><thead><tr><th>指标（万元）</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def sparkline(title: str, years: list[int], values: list[float]) -> str:
    """A small inline SVG line chart (no plotting library: the index is built in the batch
    process, where importing matplotlib for a few lines would cost more than the page)."""
    width, height, pad = 260, 120, 28
    lo, hi = min(values), max(values)
    span = (hi - lo) or max(abs(hi), 1.0)
    xs = [pad + (width - 2 * pad) * (i / max(len(years) - 1, 1)) for i in range(len(years))]
    ys = [height - pad - (height - 2 * pad) * ((v - lo) / span) for v in values]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{yr}: {fmt(v)}</title></circle>'
                   for x, y, yr, v in zip(xs, ys, years, values))
    labels = "".join(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle">{yr}</text>' for x, yr in zip(xs, years))
    values_text = "".join(f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle">{fmt(v)}</text>'
                          for x, y, v in zip(xs, ys, values))
    return (f'<figure class="spark"><svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f'<polyline points="{points}" fill="none" stroke="#1f5fa8" stroke-width="2"/>'
            f'<g fill="#1f5fa8">{dots}</g><g font-size="10" fill="#333">{labels}{values_text}</g></svg>'
            f"<figcaption>{escape(title)}（万元）</figcaption></figure>")


def trend_charts(best: pd.DataFrame) -> str:
    charts = []
    for metric in TREND_METRICS:
        part = best[best["metric"] == metric].sort_values("year")
        if not part.empty:
            charts.append(sparkline(metrics()[metric].label_zh, [int(y) for y in part["year"]],
                                    [float(v) for v in part["value"]]))
    return f'<div class="sparks">{"".join(charts)}</div>'


OPEN_UP_TO = 5  # departments whose views across years are shown open; more are folded, one line each


def across_years_html(rows: list[dict]) -> str:
    """One view across years per department (years of different departments are not mixed); with
    many departments each is folded under its name, so that the page stays a list to scan."""
    out = []
    rows = [r for r in rows if not _budget(r)]  # outturn across years; a budget is shown beside its year's
    unit = lambda r: kind_of(r).startswith("单位")  # noqa: E731 — a 单位's own reports apart from its 部门's
    departments = list(dict.fromkeys((r["meta"]["department"], unit(r)) for r in rows))
    state = " open" if len(departments) <= OPEN_UP_TO else ""
    for department, is_unit in departments:
        mine = [r for r in rows if (r["meta"]["department"], unit(r)) == (department, is_unit)]
        stated = statements({r["year"]: r["keys"] for r in mine})
        best, clashes = trend(stated), conflicts(stated)
        budgets = budget_trend({r["year"]: r.get("budget") for r in mine})
        if best.empty:
            continue
        notes = "".join(f"<li>{escape(r.label)} {r.year}年：{escape(r.values)}</li>" for r in clashes.itertuples())
        clash_html = (f'<p class="conflict">不同年度的报告对同一年数字的说法不一致：</p><ul>{notes}</ul>' if notes
                      else "<p>各报告对同一年度的数字说法一致。</p>")
        mark = ' <span class="conflict">⚠</span>' if notes else ""
        named = escape(department) + ("（单位）" if is_unit else "")
        out.append(f'<section class="across"><details{state}><summary><h2>跨年度主要指标：{named}{mark}</h2>'
                   f"</summary>{trend_table(best, clashes, budgets)}"
                   f'<p class="note">各年取本年度报告所列数；没有该年报告时取次年报告所列上年数（“推”表示由增减额推算）。</p>'
                   f"{clash_html}{trend_charts(best)}</details></section>")
    return "".join(out)


def years_list(rows: list[dict], failed: list[dict] | None = None) -> str:
    """Each year with what it holds: N 个部门 (final accounts), budgets, reports that failed."""
    failed = failed or []
    items = []
    for y in sorted({r["year"] for r in rows} | {f["year"] for f in failed}, reverse=True):
        accounts = sum(1 for r in rows if r["year"] == y and not _budget(r))
        budgets = sum(1 for r in rows if r["year"] == y and _budget(r))
        down = sum(1 for f in failed if f["year"] == y)
        said = [f"{accounts} 个部门（各部门对比）" if accounts and not budgets and not down else
                f"{accounts} 份决算" if accounts else "", f"{budgets} 份预算" if budgets else "",
                f'<span class="err">{down} 份未能生成</span>' if down else ""]
        items.append(f'<li><a href="{y}/index.html">{y}年度</a>：{"、".join(p for p in said if p)}</li>')
    return f'<ul class="years">{"".join(items)}</ul>'


def failures_table(failed: list[dict], with_year: bool = False) -> str:
    """The reports that could not be built, each with its reason and its failed notebook (links
    relative to the page; ``with_year``: a column linking each year's page, for reports/index.html)."""
    body = []
    for f in failed:
        folder = escape(f["department"] or "（年度文件夹本身）")
        links = [f'<a href="{escape(quote(f[k]))}">{text}</a>'
                 for k, text in (("notebook", "失败的笔记本"), ("page", "上次生成的报告")) if f.get(k)]
        year = f'<td><a href="{f["year"]}/index.html">{f["year"]}</a></td>' if with_year else ""
        body.append(f'<tr>{year}<td>{folder}</td><td class="reason">{escape(f["reason"])}</td><td>{" · ".join(links)}</td>'
                    "</tr>")
    head = "<th>年度</th>" if with_year else ""
    return (f'<div class="table-wrap"><table class="failed"><thead><tr>{head}<th>文件夹</th><th>原因</th><th>记录</th></tr>'
            f'</thead><tbody>{"".join(body)}</tbody></table></div>')


def index_html(rows: list[dict], failed: list[dict] | None = None) -> str:
    """Every year, every report (final accounts and budgets apart), every report that failed with its
    reason, and each department's outturn across years."""
    failed = failed or []
    accounts, budgets = [r for r in rows if not _budget(r)], [r for r in rows if _budget(r)]
    what = "决算与预算" if accounts and budgets else "预算" if budgets else "决算"
    empty = "" if rows or failed else "<p>尚无报告。</p>"
    tables = (f"<h2>全部报告</h2>{reports_table(accounts)}" if accounts and not budgets else
              (f"<h2>决算报告</h2>{reports_table(accounts)}" if accounts else "")
              + (f"<h2>预算报告</h2>{reports_table(budgets, budgets=True)}" if budgets else ""))
    down = (f'<h2>未能生成的报告（{len(failed)} 个）</h2>{failures_table(failed, with_year=True)}'
            if failed else "")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>部门{what}报告索引</title>'
            f"<style>{CSS}</style></head><body><h1>部门{what}报告</h1>{empty}<h2>各年度</h2>{years_list(rows, failed)}"
            f"{tables}{down}{across_years_html(accounts)}</body></html>")
