"""图1–图7 drawn from charts.csv: one function per kind, one place for the CJK font."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..extract.charts_data import ROLES  # noqa: E402
from ..reference import find_class_code, function_codes  # noqa: E402
from .fonts import CJK_FAMILY, cjk_font_path  # noqa: E402
from .html import of_kind  # noqa: E402

# Same category, same colour, in every figure and every year.
CATEGORY_COLOURS = {
    "一般公共预算财政拨款收入": "#1f5fa8", "政府性基金预算财政拨款收入": "#5b9bd5",
    "国有资本经营预算财政拨款收入": "#9dc3e6", "上级补助收入": "#70ad47", "事业收入": "#ffc000",
    "经营收入": "#ed7d31", "附属单位上缴收入": "#a5a5a5", "其他收入": "#7f6084",
    "基本支出": "#1f5fa8", "项目支出": "#ed7d31", "上缴上级支出": "#a5a5a5", "经营支出": "#ffc000",
    "对附属单位补助支出": "#70ad47",
    "因公出国(境)费": "#5b9bd5", "因公出国（境）费": "#5b9bd5", "公务用车购置及运行维护费": "#ed7d31",
    "公务接待费": "#70ad47",
}
PERIOD_COLOURS = {"prior": "#9dc3e6", "current": "#1f5fa8"}
_TAB20 = tuple(matplotlib.colors.to_hex(c) for c in matplotlib.colormaps["tab20"].colors)


@cache
def setup_fonts() -> str:
    """Register the CJK font shipped by the noto-cjk-sans-otc package (no system font assumed)."""
    font_manager.fontManager.addfont(cjk_font_path())
    matplotlib.rcParams.update({
        "font.family": [CJK_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "svg.hashsalt": "juesuan",  # deterministic SVG ids
        "figure.dpi": 100,
    })
    return CJK_FAMILY


def colour(category: str) -> str:
    """A fixed colour per category: named ones from the table, 类 by their code's place in
    the classification, anything else by a stable hash."""
    if category in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[category]
    code = find_class_code(category)
    if code:
        classes = sorted(c for c, (level, _name) in function_codes().items() if level == "类")
        return _TAB20[classes.index(code) % len(_TAB20)]
    digest = int(hashlib.sha256(category.encode()).hexdigest(), 16)
    return _TAB20[digest % len(_TAB20)]


def _title(figure: int, caption: str) -> str:
    return f"图{figure}  {caption}"


def bar_figure(rows: pd.DataFrame, figure: int, caption: str) -> Figure:
    """Grouped bars: categories on the axis, one bar per year (prior lighter, current darker)."""
    setup_fonts()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    series = sorted(rows["series"].unique(), key=str)
    categories = list(dict.fromkeys(rows["category"]))
    width = 0.8 / max(len(series), 1)
    for i, name in enumerate(series):
        part = rows[rows["series"] == name].set_index("category")
        values = [float(part["value"].get(c, 0.0)) for c in categories]
        period = "current" if i == len(series) - 1 else "prior"
        xs = [j + (i - (len(series) - 1) / 2) * width for j in range(len(categories))]
        bars = ax.bar(xs, values, width=width * 0.95, label=str(name), color=PERIOD_COLOURS[period])
        ax.bar_label(bars, labels=[f"{v:,.2f}" for v in values], padding=2, fontsize=9)
    ax.set_xticks(range(len(categories)), categories)
    ax.set_ylabel("万元")
    ax.set_title(_title(figure, caption), fontsize=12)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=max(len(series), 1))
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    fig.tight_layout()
    return fig


def pie_figure(rows: pd.DataFrame, figure: int, caption: str) -> Figure:
    """A pie of percentages; zero slices are left out, an all-zero figure says so."""
    setup_fonts()
    rows = rows[rows["value"] > 0]
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.set_title(_title(figure, caption), fontsize=12)
    if rows.empty:
        ax.axis("off")
        ax.text(0.5, 0.5, "本年各项均为0，无结构可示", ha="center", va="center", fontsize=12, transform=ax.transAxes)
        return fig
    labels = [str(c) for c in rows["category"]]
    wedges, _texts, autotexts = ax.pie(
        rows["value"], colors=[colour(c) for c in labels], startangle=90, counterclock=False,
        autopct=lambda p: f"{p:.2f}%", pctdistance=0.72, wedgeprops={"linewidth": 1, "edgecolor": "white"},
    )
    for t in autotexts:
        t.set_fontsize(9)
    ax.legend(wedges, [f"{c}  {v:.2f}%" for c, v in zip(labels, rows["value"])], loc="center left",
              bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9)
    ax.axis("equal")
    fig.tight_layout()
    return fig


def figure_for(charts: pd.DataFrame, number: int, fallback: pd.DataFrame | None = None,
               drawn_from: str = "正文数字", kind: str = "部门决算") -> Figure:
    """图N from the document's chart data, else from ``fallback`` (drawn from the appendix tables or
    the narrative's figures, as the figure says). A caption the document writes stays as written; the
    template's own is worded for the document's kind (a budget's 收入预算结构图)."""
    rows = charts[charts["figure"] == number]
    derived = rows.empty and fallback is not None and not fallback.empty
    if derived:
        rows = fallback
    role = next(r for r, spec in ROLES.items() if spec[0] == number)
    _n, default_caption, shape = ROLES[role]
    caption = str(rows["caption"].iloc[0]) if not rows.empty and not derived else of_kind(default_caption, kind)
    if rows.empty:
        return _missing(number, caption)
    fig = bar_figure(rows, number, caption) if shape == "bar" else pie_figure(rows, number, caption)
    if derived:
        fig.text(0.99, 0.01, f"报告未附此图数据，据{drawn_from}绘制", ha="right", va="bottom", fontsize=8, color="#a15c00")
    return fig


def _missing(number: int, caption: str) -> Figure:
    setup_fonts()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.axis("off")
    ax.set_title(_title(number, caption), fontsize=12)
    ax.text(0.5, 0.5, "报告未提供此图的数据", ha="center", va="center", fontsize=12, transform=ax.transAxes)
    return fig


def save_figures(tables: dict[str, pd.DataFrame], year: int, folder: Path, kind: str = "部门决算") -> list[Path]:
    """图1–图7 as PNG (for the page) and SVG (for print); the same input gives the same bytes."""
    from .chart_fallback import derived_rows

    folder.mkdir(parents=True, exist_ok=True)
    charts, written = tables["charts"], []
    stated = set(charts["figure"])
    for number in range(1, 8):
        # the tables and the narrative are read (≈ 4 ms a figure) only where the document has no data
        fallback, drawn_from = (None, "") if number in stated else derived_rows(tables, year, number)
        written += save(figure_for(charts, number, fallback, drawn_from, kind), folder, f"fig{number}")
    return written


def save(fig, folder: Path, stem: str) -> list[Path]:
    """A figure as PNG (for the page) and SVG (for print), without the metadata that changes per run."""
    written = []
    for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        path = folder / f"{stem}.{ext}"
        fig.savefig(path, format=ext, metadata=meta, dpi=150 if ext == "png" else None)
        written.append(path)
    plt.close(fig)
    return written


BUDGET_FIGURE = "budget_vs_accounts"  # figures/<year>/<department>/budget_vs_accounts.png|svg, when paired
BUDGET_COLOURS = {"预算数": "#9dc3e6", "决算数": "#1f5fa8"}


def budget_figure(rows: pd.DataFrame) -> Figure:
    """预算与决算 by 功能分类 类: one pair of bars (budget lighter, outturn darker) per 类, each labelled
    with its amount. ``rows``: name, budget, outturn (publish.budget_vs_accounts.by_class)."""
    setup_fonts()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    title = "一般公共预算财政拨款支出：预算与决算（按功能分类·类）"
    ax.set_title(title, fontsize=12)
    if rows.empty:
        ax.axis("off")
        ax.text(0.5, 0.5, "预算与决算均未列出功能分类", ha="center", va="center", fontsize=12, transform=ax.transAxes)
        return fig
    names = [str(n) for n in rows["name"]]
    width = 0.4
    for i, (label, column) in enumerate((("预算数", "budget"), ("决算数", "outturn"))):
        values = [0.0 if pd.isna(v) else float(v) for v in rows[column]]
        xs = [j + (i - 0.5) * width for j in range(len(names))]
        bars = ax.bar(xs, values, width=width * 0.95, label=label, color=BUDGET_COLOURS[label])
        ax.bar_label(bars, labels=[f"{v:,.2f}" for v in values], padding=2, fontsize=8)
    ax.set_xticks(range(len(names)), names, fontsize=9)
    if len(names) > 5:  # long 类 names side by side would overlap
        plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    ax.set_ylabel("万元")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    fig.tight_layout()
    return fig


def save_budget_figure(rows: pd.DataFrame, folder: Path) -> list[Path]:
    """The 预算与决算 chart as PNG (for the page) and SVG (for print), reproducibly."""
    folder.mkdir(parents=True, exist_ok=True)
    return save(budget_figure(rows), folder, BUDGET_FIGURE)
