"""reports/index.html: every year's report with its key figures."""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path

from .html import fmt
from .outputs import replace_file
from .pipeline import load_processed
from .summary import key_figures

INDEX_METRICS = ("total", "general_budget", "expenditure.basic", "expenditure.project", "three_public", "operating_cost")
CSS = """body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;padding:0 12px}
.table-wrap{overflow-x:auto}table{border-collapse:collapse}th,td{border-bottom:1px solid #ddd;padding:4px 8px}
thead th{background:#f3f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.err{color:#b00020}"""


def year_rows(root: Path) -> list[dict]:
    """One entry per year that has a report page and processed tables."""
    out = []
    for html_path in sorted((root / "reports").glob("[0-9][0-9][0-9][0-9].html")):
        folder = root / "data" / "processed" / html_path.stem
        if not (folder / "meta.json").exists():
            continue
        tables, meta = load_processed(folder)
        keys = key_figures(tables).set_index("metric")
        severity = tables["findings"]["severity"].value_counts()
        out.append({"year": int(html_path.stem), "meta": meta, "keys": keys, "errors": int(severity.get("error", 0)),
                    "warnings": int(severity.get("warning", 0)), "href": html_path.name})
    return out


def index_html(rows: list[dict]) -> str:
    from .reference import metrics

    head = "".join(f"<th>{escape(metrics()[m].label_zh)}（万元）</th>" for m in INDEX_METRICS)
    body = []
    for r in rows:
        cells = "".join(
            f'<td class="num">{fmt(r["keys"].loc[m, "current"]) if m in r["keys"].index else ""}</td>' for m in INDEX_METRICS
        )
        errors = f'<span class="err">{r["errors"]}</span>' if r["errors"] else "0"
        body.append(f'<tr><td><a href="{escape(r["href"])}">{r["year"]}</a></td><td>{escape(r["meta"]["department"])}</td>'
                    f'{cells}<td class="num">{errors}</td><td class="num">{r["warnings"]}</td></tr>')
    table = (f'<div class="table-wrap"><table><thead><tr><th>年度</th><th>部门</th>{head}<th>核对错误</th><th>警告</th></tr></thead>'
             f'<tbody>{"".join(body)}</tbody></table></div>')
    empty = "" if rows else "<p>尚无报告。</p>"
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>部门决算报告索引</title>'
            f"<style>{CSS}</style></head><body><h1>部门决算报告</h1>{empty}{table}</body></html>")


def write_index(root: Path) -> Path:
    root = Path(root)
    dest = root / "reports" / "index.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dest.parent, suffix=".tmp", delete=False) as f:
        f.write(index_html(year_rows(root)))
    replace_file(Path(f.name), dest)
    return dest
