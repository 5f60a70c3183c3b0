"""The index pages on disk: gather every processed report that has a page, then write
reports/index.html and one reports/<year>/index.html per year."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..model.layout import ReportKey, processed_dir, year_reports_dir
from ..model.outputs import replace_file
from ..pipeline import COMPARISON, load_processed
from ..publish.index import index_html
from ..publish.summary import key_figures
from ..publish.webfont import embed_fonts
from ..publish.year_index import year_index_html


def report_rows(root: Path) -> list[dict]:
    """One entry per (year, department) that has a report page and processed tables; ``href`` is
    the page's path under reports/."""
    out = []
    for html_path in sorted(Path(root, "reports").glob("[0-9][0-9][0-9][0-9]/*.html")):
        if html_path.name == "index.html":
            continue
        key = ReportKey(int(html_path.parent.name), html_path.stem)
        folder = processed_dir(root, key)
        if not (folder / "meta.json").exists():
            continue
        tables, meta = load_processed(folder)
        severity = tables["findings"]["severity"].value_counts()
        out.append({"year": key.year, "department": key.department, "meta": meta, "keys": key_figures(tables),
                    "errors": int(severity.get("error", 0)), "warnings": int(severity.get("warning", 0)),
                    "href": f"{key.year}/{html_path.name}",
                    "budget": tables.get(COMPARISON)})  # 预算与决算, when the year's budget was beside the report
    return out


def _write(dest: Path, html: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dest.parent, suffix=".tmp", delete=False) as f:
        f.write(html)
    replace_file(Path(f.name), dest)


def write_index(root: Path, font=None) -> Path:
    """reports/index.html and each year's reports/<year>/index.html (one font subset serves them
    all); ``font``: a fresh webfont.load_font(), if one was parsed ahead."""
    root = Path(root)
    rows = report_rows(root)
    pages = {root / "reports" / "index.html": index_html(rows)}
    for year in sorted({r["year"] for r in rows}):
        mine = [{**r, "href": r["href"].split("/", 1)[1]} for r in rows if r["year"] == year]
        pages[year_reports_dir(root, year) / "index.html"] = year_index_html(year, mine)
    for dest, html in zip(pages, embed_fonts(list(pages.values()), font)):
        _write(dest, html)
    return root / "reports" / "index.html"
