"""The lines around a table that belong to it, for a reader whose tables stand among lines of text (a
web page's <table>, a Word table): its title, form number and 部门/金额单位 lines above it become its
first rows and a 注 below it its last, as a PDF page's are (read/pdf.py), so that the appendix reading
finds its title and unit as in a workbook."""

from __future__ import annotations

import re

from ..model.document import Grid, normalise

ABOVE = 4  # the lines above a table taken as its title rows (as read/pdf.py)
_TITLE_LINE = 60  # … when this short
NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：0-9１-９]")
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # not the full-width space, nor &nbsp;
# a title ends in 表, or in 表 and a short bracket or 续 (（续表）, (单位：万元), 续表)
_TITLE = re.compile(r"表\s*(?:[(（][^()（）]{0,12}[)）]|续表?)?$")
FORM_ONLY = re.compile(r"^(?:公开|附表|表)?[0-9]+(?:表|-\d+表?)?$")  # a form number alone is no title
_META = re.compile(r"^(?:部门|单位|编制单位|填报单位|金额单位|公开\d+表|附表\d*|\d{4}年度?)")


# a table's cells as a text export writes them (read/cell_lines.py, read/spaced_rows.py): a figure (1,050.28,
# 19.09%, a dash for nought), a 科目 code (three, five or seven digits), a bar or bars and nothing else
FIGURE_CELL = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*%?$|^[-—–]+$")
# a 科目 code: its class (收入 1xx, 功能分类 201–239, 经济分类 301–319 and 399, 政府经济分类 501–519 and 599) and
# its 款 and 项 — a count before a label (660 | 国内公务接待批次) is none
CODE_CELL = re.compile(r"^(?:10\d|11\d|2[0-3]\d|30\d|31\d|399|50\d|51\d|599)(?:\d{2}){0,2}$")
BARS = re.compile(r"^[|｜]+$")


def compact(text: str) -> str:
    """A cell's or a line's words without any white space (the full-width space too): 收 入 → 收入."""
    return re.sub(r"\s+", "", text)


def is_title(words: str) -> bool:
    """A table's title (its words without spaces): a line ending in 表 that is not its form number alone."""
    return bool(_TITLE.search(words)) and not FORM_ONLY.match(words) and len(words) >= 4


def lines_above(lines: list[str]) -> list[str]:
    """The lines above a table that belong to it: back to its title (a short line ending in 表), or,
    with no title there, the 部门/金额单位 and form-number lines right above it."""
    short = []
    for text in reversed(lines):
        if len(text) > _TITLE_LINE:
            break
        short.insert(0, text)
    for i in range(len(short) - 1, -1, -1):
        compact = _SPACE.sub("", normalise(short[i]))
        if is_title(compact):
            return short[i:]
    meta = []
    for text in reversed(short):
        if not _META.match(_SPACE.sub("", normalise(text))):
            break
        meta.insert(0, text)
    return meta


def is_performance(first_row) -> bool:
    """The 绩效自评表 (or a project's table) is read as a document table, not as an appendix grid."""
    return any("绩效" in c or c == "项目名称" for c in first_row)


def framed(name: str, rows, merges, above: list[str], below: list[str]) -> Grid:
    """A table's grid with the lines above it as its first rows and those below as its last."""
    width = len(rows[0])
    head = [(a,) + ("",) * (width - 1) for a in above]
    tail = [(b,) + ("",) * (width - 1) for b in below]
    return Grid(name, tuple(head) + tuple(rows) + tuple(tail),
                tuple(((r0 + len(head), c0), (r1 + len(head), c1)) for (r0, c0), (r1, c1) in merges))
