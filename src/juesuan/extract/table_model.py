"""A table's structure read from any grid, whatever its title: which cells stand under which header
column, and which rows on a page without title or header go on from the table before.

A PDF's ruled grid has more columns than the table: a header label stands in one grid column while
the figures under it start in the column before (a cell drawn over three grid columns, its text in
the first). The merged range of a data cell says which header column it lies under.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.document import Grid, Value

# a row label's list number: 一、 (1) 1. 2、
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\(?[0-9]+\)|[0-9]+[.、])")


def is_blank(v: Value) -> bool:
    """A cell with nothing written (a number, even 0, is something)."""
    return isinstance(v, str) and not v.strip()


def at(row: tuple[Value, ...], c: int) -> Value:
    """A row's cell, blank beyond its end (rows of a grid differ in length)."""
    return row[c] if c < len(row) else ""


def header_blocks(paths: list[list[str]]) -> list[tuple[int, int]]:
    """(first, last) column of each header column: a run of grid columns under one label path."""
    blocks: list[tuple[int, int]] = []
    for c, path in enumerate(paths):
        if path and blocks and blocks[-1][1] == c - 1 and paths[blocks[-1][0]] == path:
            blocks[-1] = (blocks[-1][0], c)
        elif path:
            blocks.append((c, c))
    return blocks


def seat_under_header(grid: Grid, rows: range, paths: list[list[str]]) -> tuple[Grid, list[list[str]]]:
    """Each header column as one column (its label path on its first grid column only), and each data
    cell of ``rows`` moved under the header column its drawn extent is centred under, where that
    column is blank in its row: the grid and the paths as the table has them. A header over columns
    that a data row fills side by side (科目编码 over 类 | 款 | 项) is those columns, left as they are."""
    side_by_side = {b for b in header_blocks(paths) if any(
        sum(not is_blank(at(grid.cells[r], c)) for c in range(b[0], b[1] + 1)) > 1 for r in rows)}
    blocks = [b for b in header_blocks(paths) if b not in side_by_side]
    blocks += [(c, c) for first, last in side_by_side for c in range(first, last + 1)]
    firsts = {first for first, _ in blocks}
    paths = [p if c in firsts else [] for c, p in enumerate(paths)]
    extent = {(r0, c0): c1 for (r0, c0), (_r1, c1) in grid.merges if r0 in rows}
    cells = [list(row) for row in grid.cells]
    moved = False
    for r in rows:
        for c, v in enumerate(grid.cells[r]):
            if c in firsts or is_blank(v):
                continue
            centre = (c + extent.get((r, c), c)) / 2
            near = min(blocks, key=lambda b: (0 if b[0] - 0.5 <= centre <= b[1] + 0.5 else 1,
                                              abs((b[0] + b[1]) / 2 - centre)), default=None)
            if near is None or abs((near[0] + near[1]) / 2 - centre) > 3 or not is_blank(at(cells[r], near[0])):
                continue
            cells[r][near[0]], cells[r][c] = v, ""
            moved = True
    if not moved:
        return grid, paths
    return replace(grid, cells=tuple(tuple(row) for row in cells)), paths


def join_figures_to_labels(grid: Grid, rows: range, parts: list[tuple[list[int], list[int]]], is_figure) -> Grid:
    """In each part of a table (its label columns, its value columns: the two sides of a 总表 apart), a
    row of figures with no label, right under a labelled row with no figure, is that row's figures
    printed a line below its label (检察院's 合计 over 2,391.92): the two as one, on the figures' row
    (where the figures are is their provenance). A numbered label's tail on the row below it, with no
    figure and no number of its own (三、单位预留机动经 | 费), goes back on the label."""
    cells = [list(row) for row in grid.cells]
    joined = False

    def labels(r: int, cols: list[int]) -> list[int]:
        return [c for c in cols if not is_blank(at(cells[r], c))]

    def figures(r: int, cols: list[int]) -> list[int]:
        return [c for c in cols if is_figure(at(cells[r], c))]

    for label_cols, value_cols in parts:
        for r in rows[1:]:
            if not figures(r, value_cols) or labels(r, label_cols) or not labels(r - 1, label_cols) \
                    or figures(r - 1, value_cols):
                continue
            for c in labels(r - 1, label_cols):
                cells[r] += [""] * (c + 1 - len(cells[r]))
                cells[r][c], cells[r - 1][c] = cells[r - 1][c], ""
            last = labels(r, label_cols)[-1]
            if r + 1 in rows and NUMBERING.match(str(cells[r][last]).strip()) and labels(r + 1, label_cols) == [last] \
                    and not figures(r + 1, value_cols) and not NUMBERING.match(str(cells[r + 1][last]).strip()):
                cells[r][last] = str(cells[r][last]).strip() + str(cells[r + 1][last]).strip()
                cells[r + 1][last] = ""
            joined = True
    return replace(grid, cells=tuple(tuple(row) for row in cells)) if joined else grid


_RUN_TOGETHER = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s+(\S.*?)\s+(-?\d[\d,]*\.\d+)$")


def split_run_together(row: tuple[Value, ...]) -> tuple[Value, ...]:
    """A row whose code, name and amount stand in one cell (the first row of a page's box drawn without
    its column rules: 30108 机关事业单位基本养老保险缴费 1,326.81), as the three cells they are."""
    filled = [c for c, v in enumerate(row) if not is_blank(v)]
    m = _RUN_TOGETHER.match(str(row[filled[0]]).strip()) if len(filled) == 1 and len(row) >= 3 else None
    if m is None:
        return row
    return (*row[:filled[0]], m[1], m[2], m[3], *row[filled[0] + 3:])
