"""The Document every reader produces and every extractor reads: numbered lines, table grids
and chart data, each piece with its provenance. Also the one normalisation of text.

Each line keeps two views of the same length, so a span found in one can be cut from the
other: ``raw`` is the text as published (export markers removed) and ``text`` is the
normalised form the parsers read (full-width ASCII → half-width, quotes unified).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

_EXPORT_MARKER = re.compile(r"\[bookmark: [^\]]*\]")
# One character in, one character out: keeps raw and text aligned.
_NORMALISE = str.maketrans(
    {**{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}, 0x3000: " ", 0x00A0: " ",
     "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "「": '"', "」": '"',
     "‘": "'", "’": "'", "—": "-", "–": "-"}
)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the decoded file
    raw: str  # as published, export markers removed
    text: str  # normalised for parsing; same length as raw
    page: int = 0  # a PDF's page (0: the source has no pages)
    page_line: int = 0  # the line on that page where the paragraph starts
    breaks: tuple[tuple[int, int, int], ...] = ()  # a PDF paragraph: (offset, page, line) where each later line joins

    @cached_property
    def stripped(self) -> str:
        """``raw`` without the white space around it: the text each row read from the line carries, one
        string for all of them (stripped for each, a line of n figures held n copies of itself)."""
        return self.raw.strip()

    def page_at(self, offset: int) -> tuple[int, int]:
        """The page and the line on it of the character at ``offset`` (a paragraph may run over a page)."""
        page, line = self.page, self.page_line
        for start, p, at in self.breaks:
            if start > offset:
                break
            page, line = p, at
        return page, line


@dataclass(frozen=True)
class Table:
    """A table read from a .docx (rows of cell strings); ``line`` is where it stands."""

    line: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Series:
    name: str  # as written ('' when the data gives none)
    labels: tuple[str, ...]
    values: tuple[float, ...]
    lines: tuple[int, ...]  # line of each value
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ChartBlock:
    """The data of one chart, as a .docx chart part or a text export's data block holds it."""

    title: str
    series: tuple[Series, ...]


Value = str | float | int  # a grid cell: '' when blank, a number when stored as one, else its text


# a table row's label, never a column's name: a total, a numbered item (一、 1. (一)), 其中 — a table's first
# data row (appendix) and a flattened table's header (read/cell_lines) are told apart by it
ROW_LABEL = re.compile(r"^(?:合计|总计|小计|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[(（][一二三四五六七八九十\d]+[)）]|其中)")


@dataclass(frozen=True)
class Grid:
    """A sheet of a workbook (or a table of a PDF page) as rows of cell values, with its merged
    ranges ((first row, first col), (last row, last col)), 0-based like ``cells``."""

    name: str  # sheet name (or "page N")
    cells: tuple[tuple[Value, ...], ...]
    merges: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    unread: frozenset[str] = frozenset()  # cells whose value could not be read (a formula never calculated)
    pages: tuple[int, ...] = ()  # a PDF table: the page of each row (a 续表 runs over several)
    page_rows: tuple[int, ...] = ()  # and the row's number in that page's table
    refs: tuple[tuple[str, ...], ...] = ()  # a table rebuilt from text: each cell's line (第123行)
    unread_why: str = "公式，未保存计算结果"  # what the unread cells are

    def sheet_of(self, row: int) -> str:
        """Where a row is: its sheet, or its PDF page."""
        return f"第{self.pages[row]}页" if self.pages else self.name

    def ref(self, row: int, col: int) -> str:
        """Where a cell is, as a user finds it: A1 reference of a sheet; row and column of a PDF table."""
        if self.refs:
            return self.refs[row][col] if row < len(self.refs) and col < len(self.refs[row]) else ""
        if self.pages:
            at = self.page_rows[row]
            return f"第{at}行第{col + 1}列" if at else "表外文字"  # a title or 注 beside the ruled table
        return f"{column_letter(col)}{row + 1}"

    def unread_at(self, row: int, col: int) -> bool:
        """A cell whose value no one can know (``unread`` holds its A1 position)."""
        return f"{column_letter(col)}{row + 1}" in self.unread


@dataclass(frozen=True)
class Document:
    path: str
    lines: tuple[Line, ...]
    charts: tuple[ChartBlock, ...] = field(default=())  # chart parts of a .docx
    tables: tuple[Table, ...] = field(default=())
    grids: tuple[Grid, ...] = field(default=())  # sheets of an appendix workbook
    notes: tuple[str, ...] = field(default=())  # what the reader noticed (formula cells without values …)
    unread_pages: tuple[int, ...] = field(default=())  # PDF pages with no text layer (scanned)


def column_letter(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def normalise(s: str) -> str:
    return s.translate(_NORMALISE)


def make_line(number: int, s: str) -> Line:
    raw = _EXPORT_MARKER.sub("", s)
    return Line(number, raw, normalise(raw))
