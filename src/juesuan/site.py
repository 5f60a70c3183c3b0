"""reports/index.html on disk: gather every processed year that has a page, write the index."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .outputs import replace_file
from .pipeline import load_processed
from .publish.index import index_html
from .publish.summary import key_figures
from .publish.webfont import embed_font


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


def write_index(root: Path, font=None) -> Path:
    """``font``: a fresh webfont.load_font(), if one was parsed ahead."""
    root = Path(root)
    dest = root / "reports" / "index.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=dest.parent, suffix=".tmp", delete=False) as f:
        f.write(embed_font(index_html(year_rows(root)), font))
    replace_file(Path(f.name), dest)
    return dest
