"""Tables a web page's text export wrote a row to a line, the cells parted by spaces (一、支出合计 4.9 0 0 0),
cut into the cells that read/cell_lines.py rebuilds as grids.

Such an export joins a row's cells with one space and writes an empty cell as a space of its own (the
`&nbsp;` it held), so a blank cell is two spaces: `公务接待费 1.8␣␣␣␣␣␣` is 1.8 and three blank cells. A line
is cut so only where that reading holds to its end (a run of spaces of any other length cannot be); a
header's or a title's line is cut at its spaces into words. Whether the rows then fit the header's columns
is cell_lines' to judge, as for any flattened table: a row that does not is left unread, never guessed."""

from __future__ import annotations

from ..model.document import Line, normalise
from .table_lines import BARS, CODE_CELL, FIGURE_CELL, compact, is_title

_MIN_ROWS = 3  # this many lines of a label and cells, with a figure among them, or more: a spaced table


def spaced_cells(group: list[Line]) -> list[tuple[str, int]] | None:
    """The cells (text, line) of a run of lines that is a table written a row to a line with its cells
    parted by spaces, or None when the run is not one."""
    rows = [_row(_trimmed(ln.raw)) for ln in group]
    if sum(r is not None and any(FIGURE_CELL.match(normalise(c)) for c in r[1:]) for r in rows) < _MIN_ROWS:
        return None
    out: list[tuple[str, int]] = []
    for line, row in zip(group, rows):
        if row is not None:
            out += [(c, line.number) for c in row]
        elif is_title(compact(line.raw)):
            out.append((line.raw.strip(), line.number))  # a table's title, whole
        else:  # a unit or a header: its words, each a cell (bars between them part nothing)
            out += [(w, line.number) for w in line.raw.split() if not BARS.match(w)]
    return out


def _trimmed(raw: str) -> str:
    """The line without its indent; the spaces after its last word are kept (they are its blank cells)."""
    return raw.lstrip().rstrip("\r\n")


def _row(text: str) -> list[str] | None:
    """[code?, label, cell, …] of a line whose label (after its 科目 code, if any) is followed by cells each written as one space and a figure
    (or a blank: two spaces), or None: a line of words, or spaces that part no cells so."""
    label, _, rest = text.partition(" ")
    code = []
    if CODE_CELL.match(label):  # 2050101 行政运行 344.61: the code, then the name
        code = [label]
        label, _, rest = rest.partition(" ")
    if not label or not rest or FIGURE_CELL.match(normalise(label)):
        return None
    rest = " " + rest
    cells, i = [], 0
    while i < len(rest):
        if rest[i] != " ":
            return None  # a run of spaces of odd length before a word: not this writing
        if i + 1 < len(rest) and rest[i + 1] == " ":
            cells.append("")
            i += 2
            continue
        end = rest.find(" ", i + 1)
        end = len(rest) if end < 0 else end
        cell = rest[i + 1:end]
        if not FIGURE_CELL.match(normalise(cell)):
            return None  # a word among the cells: a header or a sentence
        cells.append(cell)
        i = end
    return [*code, label, *cells]
