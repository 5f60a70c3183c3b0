"""A Word table's cells laid out on its grid, as a web page's <table> is (read/html.py): a cell spanning
columns (w:gridSpan) once, the places it covers '', and cells merged down (w:vMerge) one merged range,
so that the appendix reading spreads a header over its columns as it does a workbook's merged cells."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_COLUMNS = 64  # Word's own limit is 63: a row is cut there, however wide its cells say they are
_MAX_CELLS = 500_000  # places of one table's grid (a disclosure's longest has a few thousand): rows past it are cut


def table_cells(tbl, cell_text) -> tuple[list[tuple[str, ...]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    """The rows of a w:tbl (its own rows, not those of a table nested in a cell) as cell strings, and
    its merged ranges ((first row, first col), (last row, last col)), 0-based."""
    rows: list[list[str]] = []
    merges: list[list[int]] = []  # [r0, c0, r1, c1], open while cells below continue them
    down: dict[int, list[int]] = {}  # column → the vertical merge it starts
    for r, tr in enumerate(tbl.findall(f"{W}tr")):
        if r * _MAX_COLUMNS >= _MAX_CELLS:
            break
        row: list[str] = [""] * min(max(_int(tr, f"{W}trPr/{W}gridBefore"), 0), _MAX_COLUMNS)
        for tc in tr.findall(f"{W}tc"):
            c, span = len(row), min(max(_int(tc, f"{W}tcPr/{W}gridSpan", 1), 1), _MAX_COLUMNS - len(row))
            if span <= 0:
                break
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            continues = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
            row += [""] * span
            if continues and c in down:
                down[c][2] = r
                continue
            row[c] = cell_text(tc)
            merge = [r, c, r, c + span - 1]
            merges.append(merge)
            if vmerge is not None:
                down[c] = merge
            else:
                down.pop(c, None)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    cells = [tuple(r + [""] * (width - len(r))) for r in rows]
    return cells, [((r0, c0), (r1, c1)) for r0, c0, r1, c1 in merges if (r0, c0) != (r1, c1)]


def _int(element, path: str, default: int = 0) -> int:
    found = element.find(path)
    try:
        return int(found.get(f"{W}val")) if found is not None else default
    except (TypeError, ValueError):
        return default
