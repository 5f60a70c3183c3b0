"""A .docx report → the same Document a text export gives.

Paragraphs become lines (in body order), tables become document.Table — and, but for the
绩效自评表, grids for the appendix reading too (read/docx_tables.py) — and the charts' data come from
their embedded chart parts (word/charts/chartN.xml: series names, categories, values). An embedded
Excel workbook becomes grids, and any other embedded object, or a picture under a table's title, a
note (read/embedded.py). Zip bombs (read/archive.py) and broken packages are refused; nothing
external is ever followed.
"""

from __future__ import annotations

import io
from pathlib import Path

from defusedxml import ElementTree

from ..model.document import ChartBlock, Document, Grid, Line, Series, Table, make_line
from ..model.errors import ReportError
from .archive import repack, unpack
from .docx_tables import table_cells
from .embedded import embedded_in, read_embedded
from .table_lines import ABOVE, NOTE, framed, is_performance, lines_above

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def check_package(data: bytes, path: Path) -> bytes:
    """The Word package as its parser is to read it (read/archive.py: zip bombs refused), or one
    clear error for what is not a Word package."""
    members = unpack(data, path, "not a .docx (not a zip package)")
    if "word/document.xml" not in members:
        raise ReportError(path, "not a .docx (no word/document.xml in the package)")
    return repack(members)


def read_docx(path: Path, data: bytes) -> Document:
    import docx  # python-docx

    package = check_package(data, path)
    try:
        document = docx.Document(io.BytesIO(package))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ReportError(path, f"cannot read the .docx ({type(exc).__name__}: {exc})") from exc
    lines, tables, chart_ids, embedded, word_tables = [], [], [], [], []
    after_table = 0  # the number of lines when the last table ended: a table's title is looked for after it
    for child in document.element.body.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            embedded += embedded_in(child, len(lines) + 1)
        if child.tag == f"{W}p":
            for rid in (c.get(R_ID) for c in child.iter(f"{C}chart")):
                chart_ids.append((rid, len(lines) + 1))
            text = "".join(_paragraph_text(child))
            for part in text.split("\n"):
                lines.append(make_line(len(lines) + 1, part))
        elif child.tag == f"{W}tbl":
            rows = tuple(tuple(_cell_text(tc) for tc in tr.iter(f"{W}tc")) for tr in child.iter(f"{W}tr"))
            tables.append(Table(len(lines) + 1, rows))
            if rows and not is_performance(rows[0]):
                word_tables.append((child, len(lines) + 1, after_table))
            lines.append(make_line(len(lines) + 1, ""))
            after_table = len(lines)
    charts = []
    for rid, line in chart_ids:
        part = document.part.related_parts.get(rid)
        if part is not None:
            charts.append(chart_block(part.blob, line, str(part.partname)))
    placed, notes = read_embedded(embedded, document.part.related_parts, lines)
    placed += word_grids(word_tables, lines)
    grids = tuple(g for _, g in sorted(placed, key=lambda p: p[0]))  # in body order: a 续表 joins the table before
    return Document(str(path), tuple(lines), tuple(c for c in charts if c.series), tuple(tables), grids=grids,
                    notes=notes)


def word_grids(word_tables: list, lines: list[Line]) -> tuple[tuple[int, Grid], ...]:
    """The Word tables other than the 绩效自评表 as grids for the appendix reading, each with the line
    where it stands: its title, form number and 部门/金额单位 lines above it as its first rows, a 注
    right below it as its last (read/table_lines.py)."""
    out = []
    for n, (tbl, at, after) in enumerate(word_tables, start=1):
        cells, merges = table_cells(tbl, _cell_text)
        if not any(c for row in cells for c in row):
            continue
        window = [ln.raw.strip() for ln in lines[max(after, at - 1 - ABOVE):at - 1] if ln.raw.strip()]
        below = [lines[at].raw.strip()] if at < len(lines) and NOTE.match(lines[at].text.strip()) else []
        out.append((at, framed(f"表{n}（第{at}行）", cells, merges, lines_above(window), below)))
    return tuple(out)


def _paragraph_text(p) -> list[str]:
    out = []
    for node in p.iter():
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return out


def _cell_text(tc) -> str:
    return "\n".join("".join(_paragraph_text(p)) for p in tc.iter(f"{W}p")).strip()


def chart_block(xml: bytes, line: int, name: str) -> ChartBlock:
    """Series of a DrawingML chart part: name, category labels, values."""
    root = ElementTree.fromstring(xml)
    title = " ".join(t.text or "" for t in root.iter(f"{A}t")) if root.find(f".//{C}title") is not None else ""
    series = []
    for ser in root.iter(f"{C}ser"):
        sname = (_points(ser.find(f"{C}tx")) or [""])[0]
        cats = _points(ser.find(f"{C}cat"))
        vals = [float(v) for v in _points(ser.find(f"{C}val"))]
        n = min(len(cats), len(vals))
        text = f"{name}: {sname}"
        series.append(Series(sname, tuple(cats[:n]), tuple(vals[:n]), (line,) * n, (text,) * n))
    return ChartBlock(title=title, series=tuple(series))


def _points(el) -> list[str]:
    if el is None:
        return []
    points = sorted(el.iter(f"{C}pt"), key=lambda p: int(p.get("idx", "0")))
    if points:
        return [(p.find(f"{C}v").text or "") for p in points if p.find(f"{C}v") is not None]
    v = el.find(f".//{C}v")
    return [v.text or ""] if v is not None else []
