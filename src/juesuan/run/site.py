"""The index pages on disk: gather every processed report that has a page, then write
reports/index.html and one reports/<year>/index.html per year."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from ..model.layout import ReportKey, processed_dir, raw_dir, report_path, year_reports_dir
from ..model.outputs import replace_file
from ..pipeline import BUDGET_DIR, COMPARISON, load_processed
from ..publish.html import BUDGET_SECTION
from ..publish.index import index_html
from ..publish.summary import key_figures
from ..publish.webfont import embed_fonts
from ..publish.year_index import year_index_html


def report_rows(root: Path) -> list[dict]:
    """One entry per (year, department) that has a report page and processed tables; ``href`` is
    the page's path under reports/. A budget beside the final accounts is an entry too (``beside``),
    linking to that page's 预算与决算 section."""
    out = []
    for html_path in sorted(Path(root, "reports").glob("[0-9][0-9][0-9][0-9]/*.html")):
        if html_path.name == "index.html":
            continue
        key = ReportKey(int(html_path.parent.name), html_path.stem)
        folder = processed_dir(root, key)
        if not (folder / "meta.json").exists():
            continue
        href = f"{key.year}/{html_path.name}"
        out.append(_row(key, folder, href))
        if (folder / BUDGET_DIR / "meta.json").exists():
            out.append({**_row(key, folder / BUDGET_DIR, f"{href}#{BUDGET_SECTION[0]}"), "beside": True})
    return out


def _row(key: ReportKey, folder: Path, href: str) -> dict:
    tables, meta = load_processed(folder)
    severity = tables["findings"]["severity"].value_counts()
    return {"year": key.year, "department": key.department, "meta": meta, "keys": key_figures(tables),
            "errors": int(severity.get("error", 0)), "warnings": int(severity.get("warning", 0)), "href": href,
            "budget": tables.get(COMPARISON)}  # 预算与决算, when the year's budget was beside the report


def failed_rows(root: Path, failures: dict[ReportKey, str] | None = None) -> list[dict]:
    """Every report whose last build failed: those of this batch (``failures``, key → reason) and
    those an earlier batch left a failed notebook for (reason read from it), while their raw
    folder is there. ``notebook``/``page``: the failed notebook and a previous page, under reports/."""
    failures = dict(failures or {})
    for path in Path(root, "reports").glob("[0-9][0-9][0-9][0-9]/*.failed.ipynb"):
        key = ReportKey(int(path.parent.name), path.name[: -len(".failed.ipynb")])
        if key not in failures and raw_dir(root, key).is_dir():
            failures[key] = notebook_error(path)
    out = []
    here = f"{Path(root).resolve()}/"  # paths in a reason said from the project folder, as on any machine
    for key in sorted(failures):
        notebook, page = report_path(root, key, ".failed.ipynb"), report_path(root, key, ".html")
        out.append({"year": key.year, "department": key.department,
                    "reason": (failures[key] or "原因未记录").replace(here, ""),
                    "notebook": f"{key.year}/{notebook.name}" if notebook.exists() and key.department else None,
                    "page": f"{key.year}/{page.name}" if page.exists() and key.department else None})
    return out


def notebook_error(path: Path) -> str:
    """The exception a failed notebook ended on (name: message), as the batch reported it."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return ""
    for cell in reversed(cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return re.sub(r"\x1b\[[0-9;]*m", "", f"{output.get('ename')}: {output.get('evalue')}")
    return ""


def _write(dest: Path, html: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dest.parent, suffix=".tmp", delete=False) as f:
        f.write(html)
    replace_file(Path(f.name), dest)


def write_index(root: Path, font=None, failures: dict[ReportKey, str] | None = None) -> Path:
    """reports/index.html and each year's reports/<year>/index.html (one font subset serves them
    all); ``font``: a fresh webfont.load_font(), if one was parsed ahead; ``failures``: the reports
    of this batch that failed, with the reason (listed, with those of earlier batches, so that every
    report given is accounted for)."""
    root = Path(root)
    failed = failed_rows(root, failures)
    down = {(f["year"], f["department"]) for f in failed}
    # a report whose last build failed is listed as failed (its previous page linked from there), not as built
    rows = [r for r in report_rows(root) if (r["year"], r["department"]) not in down]
    pages = {root / "reports" / "index.html": index_html(rows, failed)}
    for year in sorted({r["year"] for r in rows} | {f["year"] for f in failed}):
        mine = [{**r, "href": r["href"].split("/", 1)[1]} for r in rows if r["year"] == year]
        theirs = [{**f, **{k: f[k] and f[k].split("/", 1)[1] for k in ("notebook", "page")}} for f in failed
                  if f["year"] == year]
        pages[year_reports_dir(root, year) / "index.html"] = year_index_html(year, mine, theirs)
    for dest, html in zip(pages, embed_fonts(list(pages.values()), font)):
        _write(dest, html)
    return root / "reports" / "index.html"
