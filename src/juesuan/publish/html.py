"""HTML fragments of the report page (pure; every text from the document is escaped)."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

import pandas as pd

from ..model.outputs import csv_bytes
from ..reference import metrics

SECTIONS = (
    ("key", "关键数据"), ("charts", "图表"), ("income", "收入与支出"), ("functions", "功能分类支出"),
    ("three-public", "“三公”经费"), ("performance", "绩效自评"), ("appendix", "附表"), ("findings", "数据核对"),
    ("downloads", "数据下载"),
    ("source", "数据来源"),
)
BUDGET_SECTION = ("budget", "预算与决算")  # only on the page of a report with the same year's budget beside it
DOWNLOAD_NAMES = {
    "facts": "正文数字", "functions": "功能分类支出", "charts": "图表数据", "findings": "数据核对",
    "performance_budget": "绩效自评表-预算执行", "performance_indicators": "绩效自评表-指标",
    "performance_summary": "绩效自评表-合计", "performance_statements": "绩效评价文字",
    "appendix": "附表数据（每格一行）", "appendix_tables": "附表清单", "budget_vs_accounts": "预算与决算对比",
}
STATUS = {"data": "", "empty_stated": "本表无数据（部门已说明）", "empty": "本表无数据",
          "unreadable": "本表的数据列无法识别，未读取（见数据核对）"}


def fmt(value, decimals: int = 2) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    return f"{float(value):,.{decimals}f}"


def _cell(value, decimals=2, flagged=False, title="") -> str:
    cls = "num flag" if flagged else "num"
    tip = f' title="{escape(title)}"' if title else ""
    mark = "⚠ " if flagged else ""
    return f'<td class="{cls}"{tip}>{mark}{fmt(value, decimals)}</td>'


def table(headers: list[str], rows: list[str], cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return (f'<div class="table-wrap"><table class="{cls}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def with_section(extra: tuple[str, str], after: str) -> tuple[tuple[str, str], ...]:
    """SECTIONS with one more, after the section ``after``."""
    at = [k for k, _t in SECTIONS].index(after) + 1
    return (*SECTIONS[:at], extra, *SECTIONS[at:])


def header(meta: dict, sections: tuple[tuple[str, str], ...] = SECTIONS) -> str:
    toc = "".join(f'<li><a href="#{k}">{escape(t)}</a></li>' for k, t in sections)
    warnings = "".join(f'<p class="warning">⚠ {escape(w)}</p>' for w in meta.get("warnings", []))
    if meta.get("coverage", {}).get("summary"):  # what was checked, and what could not be
        warnings += f'<p class="sub">{escape(meta["coverage"]["summary"])}</p>'
    return (f'<header><h1>{escape(meta["department"])} {meta["year"]}年度{escape(meta.get("kind") or "部门决算")}</h1>'
            f'<p class="sub">数据报告 · 金额单位：万元</p>{warnings}'
            f'<nav class="toc"><h2>目录</h2><ol>{toc}</ol></nav></header>')


def section(key: str, body: str, sections: tuple[tuple[str, str], ...] = SECTIONS) -> str:
    title = dict(sections)[key]
    return f'<section id="{key}"><h2>{escape(title)}</h2>{body}</section>'


def error_subjects(findings: pd.DataFrame) -> dict[str, str]:
    """subject → the first error message about it (to mark the figure where it appears)."""
    errors = findings[findings["severity"] == "error"]
    out: dict[str, str] = {}
    for r in errors.itertuples():
        out.setdefault(str(r.subject), str(r.message))
    return out


def error_places(findings: pd.DataFrame) -> dict[str, str]:
    """Every place (line, or sheet!cell) an error names → the first such error's message."""
    out: dict[str, str] = {}
    for r in findings[findings["severity"] == "error"].itertuples():
        for place in str(getattr(r, "lines", "") or "").split(";"):
            if place:
                out.setdefault(place, str(r.message))
    return out


def key_figures(keys: pd.DataFrame, flags: dict[str, str]) -> str:
    rows = []
    for r in keys.itertuples():
        flag = flags.get(r.metric, "")
        basis = "" if r.prior_basis != "implied" else '<sup title="由本年数与增减额推算">推</sup>'
        rows.append(
            f"<tr><th scope=row>{escape(r.label)}</th>{_cell(r.current, flagged=bool(flag), title=flag)}"
            f'<td class="num">{fmt(r.prior)}{basis}</td>{_cell(r.change)}{_cell(r.growth)}</tr>'
        )
    note = '<p class="note">“推”表示上年数由报告所列本年数与增减额推算，并非报告直接列示。⚠ 表示该数字涉及核对错误，详见“数据核对”。</p>'
    return table(["项目", "本年（万元）", "上年（万元）", "增减（万元）", "增长率（%）"], rows, "key") + note


def figure_html(png: Path, number: int, caption: str, anchor: str = "") -> str:
    """An embedded figure: 图N of the report, or (number 0) a figure of juesuan's own, captioned as is."""
    data = base64.b64encode(png.read_bytes()).decode()
    alt = f"图{number}：{caption}" if number else caption
    return (f'<figure id="{anchor or f"fig{number}"}"><img src="data:image/png;base64,{data}" alt="{escape(alt)}">'
            f"<figcaption>{escape(alt)}</figcaption></figure>")


def metric_table(facts: pd.DataFrame, prefix: str, flags: dict[str, str]) -> str:
    """Amount and share of a metric and its parts (收入 / 支出 composition)."""
    rows = []
    for metric in [prefix] + [m for m, spec in metrics().items() if spec.parent == prefix]:
        stated = facts[(facts["metric"] == metric) & (facts["period"] == "current")]
        amount = stated[stated["measure"] == "amount"]["value"]
        share = stated[stated["measure"] == "share"]["value"]
        if amount.empty:
            continue
        flag = flags.get(metric, "")
        rows.append(f"<tr><th scope=row>{escape(metrics()[metric].label_zh)}</th>"
                    f"{_cell(amount.iloc[0], flagged=bool(flag), title=flag)}"
                    f"{_cell(share.iloc[0] if not share.empty else None)}</tr>")
    return table(["项目", "金额（万元）", "占比（%）"], rows)


def of_kind(text: str, kind: str) -> str:
    """A heading or caption worded for the document: a budget's page says 预算 where a final
    accounts' says 决算 (收入决算结构图 → 收入预算结构图)."""
    return text.replace("决算", "预算") if str(kind).endswith("预算") else text


def functions_table(functions: pd.DataFrame, flags: dict[str, str], kind: str = "部门决算") -> str:
    """功能分类 rows; a budget's rows hold its 预算数 and no outturn or completion to show."""
    budget = str(kind).endswith("预算")
    rows = []
    for r in functions.itertuples():
        flag = flags.get(str(r.code), "")
        written = "" if r.name_in_source == r.name or pd.isna(r.name_in_source) else str(r.name_in_source)
        origin = "（合计）" if r.origin == "derived" else ""
        planned = "" if budget else f"{_cell(r.budget)}{_cell(r.completion)}"
        rows.append(
            f'<tr class="level-{escape(str(r.level))}"><td>{escape(str(r.code or ""))}</td><td>{escape(str(r.level))}</td>'
            f"<td>{escape(str(r.name or ''))}{escape(origin)}</td><td>{escape(written)}</td>"
            f"{_cell(r.amount, flagged=bool(flag), title=flag)}{planned}{_cell(r.share)}</tr>"
        )
    amounts = ["预算数（万元）"] if budget else ["决算数（万元）", "预算数（万元）", "完成预算（%）"]
    return table(["代码", "级次", "规范名称", "报告写法（如不同）", *amounts, "占比（%）"], rows, "functions")


THREE_PUBLIC_ROWS = (
    ("three_public", "amount", "“三公”经费合计（万元）"), ("three_public.overseas", "amount", "因公出国（境）费（万元）"),
    ("three_public.overseas.groups", "count", "因公出国（境）团组（个）"), ("three_public.overseas.persons", "count", "因公出国（境）人数（人）"),
    ("three_public.vehicle", "amount", "公务用车购置及运行维护费（万元）"), ("three_public.vehicle.purchase", "amount", "其中：购置费（万元）"),
    ("three_public.vehicle.operation", "amount", "其中：运行维护费（万元）"), ("three_public.vehicle.purchased", "count", "购置车辆（辆）"),
    ("three_public.vehicle.owned", "count", "公务用车保有量（辆）"), ("three_public.reception", "amount", "公务接待费（万元）"),
    ("three_public.reception.domestic", "amount", "其中：国内公务接待（万元）"),
    ("three_public.reception.domestic.batches", "count", "国内公务接待批次"), ("three_public.reception.domestic.persons", "count", "国内公务接待人次"),
    ("three_public.reception.foreign", "amount", "其中：外事接待（万元）"),
    ("three_public.reception.foreign.batches", "count", "外事接待批次"), ("three_public.reception.foreign.persons", "count", "外事接待人次"),
)


def three_public_table(facts: pd.DataFrame, flags: dict[str, str]) -> str:
    rows = []
    for metric, measure, label in THREE_PUBLIC_ROWS:
        values = facts[(facts["metric"] == metric) & (facts["measure"] == measure) & (facts["period"] == "current")]
        if values.empty:
            continue
        flag = flags.get(metric, "")
        decimals = 0 if measure == "count" else 2
        rows.append(f"<tr><th scope=row>{escape(label)}</th>"
                    f"{_cell(values['value'].iloc[0], decimals, bool(flag), flag)}</tr>")
    return table(["项目", "数值"], rows)


def performance_html(tables: dict[str, pd.DataFrame]) -> str:
    ind = tables["performance_indicators"]
    if ind.empty and tables["performance_budget"].empty:
        return "<p>报告未附项目支出绩效自评表。</p>"
    rows = [
        f"<tr><td>{escape(str(r.project))}</td><td>{escape(str(r.level1))}</td><td>{escape(str(r.level2))}</td>"
        f"<td>{escape(str(r.indicator))}</td>{_cell(r.weight, 0)}{_cell(r.score, 0)}</tr>"
        for r in ind.itertuples()
    ]
    return table(["项目", "一级指标", "二级指标", "三级指标", "权重", "得分"], rows)


def findings_html(findings: pd.DataFrame) -> str:
    if findings.empty:
        return '<p class="ok">未发现数字不一致。</p>'
    counts = findings["severity"].value_counts()
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    summary = "，".join(f"{names[s]} {counts.get(s, 0)} 项" for s in names)
    rows = [
        f'<tr class="{escape(str(r.severity))}"><td>{names.get(r.severity, escape(str(r.severity)))}</td>'
        f"<td>{escape(str(r.message))}</td><td class=num>{escape(_places(r))}</td>"
        f"<td class=src>{escape(str(r.text) if not pd.isna(r.text) else '')[:160]}</td></tr>"
        for r in findings.itertuples()
    ]
    return f"<p>共 {len(findings)} 项：{summary}。</p>" + table(["级别", "说明", "行号/单元格", "原文"], rows, "findings")


def _places(r) -> str:
    """Every line (and sheet!cell) a finding involves; the stated figure's first."""
    lines = getattr(r, "lines", "")
    if isinstance(lines, str) and lines:
        return lines.replace(";", "; ")
    return "" if pd.isna(r.line) else str(int(r.line))


def tables_source_note(meta: dict) -> str:
    """Where the appendix tables come from, said plainly when they were not published as such."""
    t = meta.get("tables_source")
    if not t:
        return ""
    made = "；该工作簿由报告正文的数字重建，并非部门公开的原表" if t.get("reconstructed") else ""
    note = f"（{t['note']}）" if t.get("note") else ""
    return f"附表来源：{t['file']}{made}{note}"


HALVES = ("summary", "fiscal_summary", "gb_basic")  # tables printed as two halves side by side


def appendix_html(cells: pd.DataFrame, tables: pd.DataFrame, findings: pd.DataFrame, meta: dict) -> str:
    """Each appendix table cleaned: code, official name, the name as written where it differs, the
    numbers right-aligned under their header paths, ⚠ on every cell an error names. The 总表 and the
    基本支出 table keep their two halves side by side, row for row as in the workbook."""
    if tables.empty:
        return "<p>未提供附表工作簿。把部门公开的附表（.xls/.xlsx）放在报告旁并写入 manifest.json 即可核对。</p>"
    flagged = error_places(findings)
    source = tables_source_note(meta)
    parts = [f'<p class="warning">{escape(source)}</p>' if "重建" in source else f"<p>{escape(source)}</p>"]
    for t in tables.itertuples():
        form = f"公开{t.table}表 " if isinstance(t.table, str) and t.table else ""
        unit = f"金额单位：{t.unit_in_source}，已换算为万元" if t.unit_in_source == "元" else "金额单位：万元"
        parts.append(f"<h3>{escape(form + str(t.title))}</h3><p class=note>{escape(unit)}；工作表“{escape(str(t.sheet))}”</p>")
        mine = cells[(cells["kind"] == t.kind) & (cells["sheet"] == t.sheet)]
        if mine.empty:
            note = STATUS.get(t.status, "") + (f"：{t.note}" if isinstance(t.note, str) and t.note else "")
            parts.append(f"<p>{escape(note)}</p>")
        elif t.kind in HALVES:
            parts.append(_halves_table(mine, t.kind, flagged))
        else:
            parts.append(_appendix_table(mine, t.kind, flagged))
    return "".join(parts)


def _value_cell(c, flagged: dict[str, str]) -> str:
    place = f"{c.sheet}!{c.cell}"
    return _cell(c.value, flagged=place in flagged, title=flagged.get(place, place))


def _names(kind: str, c) -> tuple[str, str]:
    """(code, name): the official name of the code, the label as written after it where it differs."""
    from ..extract.appendix import official

    code = c.code if isinstance(c.code, str) and kind not in ("summary", "fiscal_summary") else ""
    name = official(kind, code) if code else ""
    written = str(c.row)
    return code, (f"{name}（表中写作“{written}”）" if name and written != name else (name or written))


def _appendix_table(mine: pd.DataFrame, kind: str, flagged: dict[str, str]) -> str:
    columns = list(dict.fromkeys(mine["column"]))
    rows: dict[tuple, dict] = {}
    for c in mine.itertuples():
        rows.setdefault(_names(kind, c), {})[c.column] = c
    body = ["<tr><td>{}</td><td>{}</td>{}</tr>".format(
        escape(code), escape(name),
        "".join(_value_cell(by[col], flagged) if col in by else '<td class="num"></td>' for col in columns))
        for (code, name), by in rows.items()]
    return table(["编码", "科目/项目", *columns], body, "appendix")


def _halves_table(mine: pd.DataFrame, kind: str, flagged: dict[str, str]) -> str:
    halves = list(dict.fromkeys(str(c).split("/")[0] for c in mine["column"]))
    columns = {h: [c for c in dict.fromkeys(mine["column"]) if c.split("/")[0] == h] for h in halves}
    grid: dict[int, dict[str, list]] = {}
    for c in mine.itertuples():
        row = int("".join(ch for ch in c.cell if ch.isdigit()))
        grid.setdefault(row, {}).setdefault(c.column.split("/")[0], []).append(c)
    body = []
    for row in sorted(grid):
        tds = []
        for h in halves:
            found = {c.column: c for c in grid[row].get(h, [])}
            first = next(iter(found.values()), None)
            code, name = _names(kind, first) if first is not None else ("", "")
            tds.append(f"<td>{escape(code)}</td><td>{escape(name)}</td>" + "".join(
                _value_cell(found[col], flagged) if col in found else '<td class="num"></td>' for col in columns[h]))
        body.append(f"<tr>{''.join(tds)}</tr>")
    headers = [x for h in halves for x in ("编码", f"{h}项目", *columns[h])]
    return table(headers, body, "appendix halves")


def source_html(meta: dict) -> str:
    items = [
        ("原始文件", meta["source"]), ("原始文件名", meta.get("original_name", "")), ("SHA-256", meta["sha256"]),
        ("生成时间（UTC）", meta["generated_at"]), ("juesuan 版本", meta["juesuan_version"]),
    ]
    if meta.get("tables_source"):
        t = meta["tables_source"]
        items += [("附表工作簿", tables_source_note(meta)), ("附表 SHA-256", t["sha256"])]
    rows = [f"<tr><th scope=row>{escape(k)}</th><td><code>{escape(str(v))}</code></td></tr>" for k, v in items]
    return table(["项目", "内容"], rows)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def downloads(tables: dict[str, pd.DataFrame], files: dict[str, str], year: int, workbook: bytes = b"") -> str:
    """The Excel workbook and every tidy table as a CSV link inside the page (UTF-8 with BOM, for
    Excel); no server needed."""
    items = []
    if workbook:
        name = f"{year}_决算数据.xlsx"
        href = f"data:{XLSX};base64," + base64.b64encode(workbook).decode()
        items.append(f'<li><a download="{escape(name)}" href="{href}"><strong>全部数据（Excel 工作簿，{escape(name)}，'
                     f"{len(workbook) // 1024} KB）</strong></a></li>")
    for key, label in DOWNLOAD_NAMES.items():
        if key not in tables:
            continue
        data = csv_bytes(tables[key])
        name = f"{year}_{files[key]}"
        href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode()
        items.append(f'<li><a download="{escape(name)}" href="{href}">{escape(label)}（{escape(name)}，'
                     f"{len(tables[key])} 行）</a></li>")
    return (f"<p>Excel 工作簿含全部表格（数据核对在前，错误所涉数字标红）；各表另有 UTF-8（带 BOM）CSV，"
            f"可直接用 Excel 打开。</p><ul class=downloads>{''.join(items)}</ul>")
