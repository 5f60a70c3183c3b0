"""reports/index.html: every year's report, its key figures, and the view across years."""

from __future__ import annotations

import base64
import io
import tempfile
from html import escape
from pathlib import Path

import pandas as pd

from .across_years import TREND_METRICS, conflicts, statements, trend
from .html import fmt
from .outputs import replace_file
from .pipeline import load_processed
from .reference import metrics
from .summary import key_figures
from .webfont import embed_font

INDEX_METRICS = ("total", "general_budget", "expenditure.basic", "expenditure.project", "three_public", "operating_cost")
CSS = """body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;padding:0 12px}
.table-wrap{overflow-x:auto;max-width:100%}table{border-collapse:collapse;margin:.5em 0 1em}th,td{border-bottom:1px solid #ddd;padding:4px 8px}
thead th{background:#f3f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.err,.conflict{color:#b00020}
img{max-width:100%;height:auto}.note{color:#666;font-size:.85em}"""


def year_rows(root: Path) -> list[dict]:
    """One entry per year that has a report page and processed tables."""
    out = []
    for html_path in sorted((root / "reports").glob("[0-9][0-9][0-9][0-9].html")):
        folder = root / "data" / "processed" / html_path.stem
        if not (folder / "meta.json").exists():
            continue
        tables, meta = load_processed(folder)
        severity = tables["findings"]["severity"].value_counts()
        out.append({"year": int(html_path.stem), "meta": meta, "keys": key_figures(tables),
                    "errors": int(severity.get("error", 0)), "warnings": int(severity.get("warning", 0)),
                    "href": html_path.name})
    return out


def reports_table(rows: list[dict]) -> str:
    head = "".join(f"<th>{escape(metrics()[m].label_zh)}（万元）</th>" for m in INDEX_METRICS)
    body = []
    for r in rows:
        keys = r["keys"].set_index("metric")
        cells = "".join(f'<td class="num">{fmt(keys.loc[m, "current"]) if m in keys.index else ""}</td>'
                        for m in INDEX_METRICS)
        errors = f'<span class="err">{r["errors"]}</span>' if r["errors"] else "0"
        body.append(f'<tr><td><a href="{escape(r["href"])}">{r["year"]}</a></td><td>{escape(r["meta"]["department"])}</td>'
                    f'{cells}<td class="num">{errors}</td><td class="num">{r["warnings"]}</td></tr>')
    return (f'<div class="table-wrap"><table><thead><tr><th>年度</th><th>部门</th>{head}<th>核对错误</th><th>警告</th>'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def trend_table(best: pd.DataFrame, clashes: pd.DataFrame) -> str:
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
    return (f'<div class="table-wrap"><table class="trend"><thead><tr><th>指标（万元）</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def trend_chart(best: pd.DataFrame) -> str:
    """Small multiples of the trend metrics, as one embedded PNG."""
    import matplotlib.pyplot as plt

    from .charts import setup_fonts

    setup_fonts()
    shown = [m for m in TREND_METRICS if (best["metric"] == m).any()]
    if not shown:
        return ""
    cols = 3
    fig, axes = plt.subplots((len(shown) + cols - 1) // cols, cols, figsize=(10, 2.6 * ((len(shown) + cols - 1) // cols)),
                             squeeze=False)
    for ax, metric in zip(axes.flat, shown):
        part = best[best["metric"] == metric].sort_values("year")
        ax.plot(part["year"], part["value"], marker="o", color="#1f5fa8")
        ax.set_title(metrics()[metric].label_zh, fontsize=10)
        ax.set_xticks(list(part["year"]), [str(y) for y in part["year"]])
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(shown):]:
        ax.axis("off")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    return f'<img src="data:image/png;base64,{data}" alt="主要指标跨年度变化（万元）">'


def across_years_html(rows: list[dict]) -> str:
    """One view across years per department (years of different departments are not mixed)."""
    out = []
    for department in dict.fromkeys(r["meta"]["department"] for r in rows):
        mine = [r for r in rows if r["meta"]["department"] == department]
        stated = statements({r["year"]: r["keys"] for r in mine})
        best, clashes = trend(stated), conflicts(stated)
        if best.empty:
            continue
        notes = "".join(f"<li>{escape(r.label)} {r.year}年：{escape(r.values)}</li>" for r in clashes.itertuples())
        clash_html = (f'<p class="conflict">不同年度的报告对同一年数字的说法不一致：</p><ul>{notes}</ul>' if notes
                      else "<p>各报告对同一年度的数字说法一致。</p>")
        out.append(f'<section class="across"><h2>跨年度主要指标：{escape(department)}</h2>{trend_table(best, clashes)}'
                   f'<p class="note">各年取本年度报告所列数；没有该年报告时取次年报告所列上年数（“推”表示由增减额推算）。</p>'
                   f"{clash_html}{trend_chart(best)}</section>")
    return "".join(out)


def index_html(rows: list[dict]) -> str:
    across = across_years_html(rows)
    empty = "" if rows else "<p>尚无报告。</p>"
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>部门决算报告索引</title>'
            f"<style>{CSS}</style></head><body><h1>部门决算报告</h1>{empty}<h2>各年度报告</h2>{reports_table(rows)}"
            f"{across}</body></html>")


def write_index(root: Path) -> Path:
    root = Path(root)
    dest = root / "reports" / "index.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dest.parent, suffix=".tmp", delete=False) as f:
        f.write(embed_font(index_html(year_rows(root))))
    replace_file(Path(f.name), dest)
    return dest
