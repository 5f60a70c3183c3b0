"""What the report notebook calls: build one report's tables and figures, then its page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..extract.charts_data import ROLES
from ..model.layout import ReportKey, department_folder, figures_dir, processed_dir
from ..model.manifest import MANIFEST, report_file, workbook_beside
from ..model.outputs import WORKBOOK_FILE, staged_dir
from ..pipeline import COMPARISON, csv_files, process, write_processed
from ..publish import budget_vs_accounts, html
from ..publish.charts import BUDGET_FIGURE, save_budget_figure, save_figures
from ..publish.summary import key_figures


@dataclass
class ReportData:
    tables: dict[str, pd.DataFrame]
    meta: dict
    figures: Path
    keys: pd.DataFrame
    processed: Path


def source_for(key: ReportKey, root: Path) -> Path:
    return report_file(department_folder(root, key))


def build(year: int, department: str, root: str | Path = ".", processed: str | Path = "",
          figures: str | Path = "") -> ReportData:
    """Extract, check and draw one report (data/raw/<year>/<department>/); each output folder is
    replaced only when complete. ``processed``/``figures``: where to write, by default the key's
    folders under ``root``."""
    root, key = Path(root), ReportKey(int(year), department)
    source = source_for(key, root)
    # a folder without manifest.json: the one workbook beside the report is its appendix (no checksum to verify)
    tables = None if (source.parent / MANIFEST).exists() else workbook_beside(source.parent)
    result = process(source, tables)
    processed = Path(processed or processed_dir(root, key))
    figures = Path(figures or figures_dir(root, key))
    write_processed(result, processed)
    with staged_dir(figures) as tmp:
        save_figures(result.extraction.tables, result.extraction.year, tmp, result.extraction.kind)
        if result.comparison is not None:  # the same year's budget beside: 预算与决算 by 类
            save_budget_figure(budget_vs_accounts.by_class(result.comparison), tmp)
    tables = result.tables
    return ReportData(tables, result.meta, figures, key_figures(tables), processed)


def page(data: ReportData) -> list[str]:
    """The page's sections as HTML, in order."""
    t, flags = data.tables, html.error_subjects(data.tables["findings"])
    charts = t["charts"]
    captions = dict(zip(charts["figure"], charts["caption"]))
    kind = data.meta.get("kind") or "部门决算"
    defaults = {n: html.of_kind(c, kind) for n, c, _k in ROLES.values()}
    figures = "".join(
        html.figure_html(data.figures / f"fig{n}.png", n, captions.get(n, defaults[n])) for n in range(1, 8)
    )
    paired = COMPARISON in t  # the same year's budget is beside the report: its section, after 三公
    sections = html.SECTIONS if not paired else html.with_section(html.BUDGET_SECTION, after="three-public")
    budget = []
    if paired:
        chart = html.figure_html(data.figures / f"{BUDGET_FIGURE}.png", 0, "预算与决算（按功能分类·类）", "fig-budget")
        budget = [html.section("budget", budget_vs_accounts.section_html(t[COMPARISON], chart, data.meta, t["findings"]),
                               sections)]
    return [
        html.header(data.meta, sections),
        html.section("key", html.key_figures(data.keys, flags)),
        html.section("charts", f'<div class="figures">{figures}</div>'),
        html.section("income", html.of_kind("<h3>收入决算</h3>", kind) + html.metric_table(t["facts"], "income", flags)
                     + html.of_kind("<h3>支出决算</h3>", kind) + html.metric_table(t["facts"], "expenditure", flags)),
        html.section("functions", html.functions_table(t["functions"], flags, kind)),
        html.section("three-public", html.three_public_table(t["facts"], flags)),
        *budget,
        html.section("performance", html.performance_html(t)),
        html.section("appendix", html.appendix_html(t["appendix"], t["appendix_tables"], t["findings"], data.meta)),
        html.section("findings", html.findings_html(t["findings"])),
        html.section("downloads", html.downloads(t, csv_files(t), data.meta["year"],
                                                 (data.processed / WORKBOOK_FILE).read_bytes())),
        html.section("source", html.source_html(data.meta)),
    ]
