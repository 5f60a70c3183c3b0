"""The appendix tables (附表) → appendix.csv (one row per data cell) and appendix_tables.csv (one
row per table found, with its status: data, or empty as the department states).

A grid is a sheet of a workbook or a ruled table of a PDF page. Tables are recognised by their
title (longest known title the cell ends with, so a department or year in front does not
matter) or their form number, wherever they stand: one per sheet or stacked on one sheet.
Between the title and the data: the 部门/金额单位 row, 2–4 header rows (merged cells → a column
path such as 本年支出/基本支出), and a 栏次 row. The columns are then split into segments that
each start at a 科目编码 or 项目/科目名称 column, so the two halves of 收入支出决算总表 and of the
基本支出 table are read like any other table. Nothing here guesses: a table whose value columns
cannot be told apart is reported with the headers it has, and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..model.document import ROW_LABEL, Grid, Value, normalise
from ..model.numbers import parse_cell, to_wanyuan
from ..reference import economic_name, find_class_code, official_name
from .table_kinds import family_of, header_parts, kind_by_parts, kind_by_words, known_titles, parts_of
from .table_model import NUMBERING, header_blocks, join_figures_to_labels, seat_under_header, split_run_together
from .table_model import at as _at
from .table_model import is_blank as _is_blank

APPENDIX_COLUMNS = ["table", "kind", "title", "row", "code", "level", "column", "value", "unit_in_source",
                    "sheet", "cell", "text"]
TABLE_COLUMNS = ["table", "kind", "title", "sheet", "first_cell", "unit_in_source", "status", "cells", "columns", "note",
                 "rows", "beyond"]

# Table kinds by title, national and Sichuan sets and the provinces' budgets alike (the form numbers
# differ between them): the lexicon's titles (reference/table_kinds.csv), with a table's signature
# scored where its title is none of them (extract/table_kinds.py).
TITLES = known_titles()
KIND_TITLES = {kind: title for title, kind in TITLES.items()}
# Tables of two sides (收入 left, 支出 right) whose 支出 lines are 类 by name.
SUMMARIES = ("summary", "fiscal_summary", "budget_summary", "budget_fiscal_summary")
NATIONAL = ("summary", "income", "expenditure", "fiscal_summary", "gb", "gb_basic", "three_public", "gov_fund",
            "state_capital")
SICHUAN_ONLY = ("fiscal_detail", "gb_detail", "gb_project", "state_capital_ie")
# The national set's 9th table changed with the years: 国有资本经营预算财政拨款支出决算表, later its
# 收入支出 form (the 2024 template, Shanghai). Either stands for the other in the set.
SAME_PLACE = {"state_capital": "state_capital_ie", "state_capital_ie": "state_capital"}

_FORM = re.compile(r"(?:公开|附表)\s*(\d{1,2})\s*表?")
_UNIT = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")
_META = re.compile(r"^(?:部门|单位|编制单位|编制部门|预算单位|填报单位|金额单位|公开\d+表|附表\d*|\d{4}年度?)")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：]?")
_BARE_LABEL = re.compile(r"^(?:部门|单位|编制单位|编制部门|预算单位|填报单位)[:：]$")
_NO_DATA = re.compile(r"本表无数据|无数据|故本表为空|本表为空")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(20\d\d)年度?")
_WHOLE = re.compile(r"(?!(?:19|20)\d\d$)\d+")
_MEASURED = re.compile(r"数|额|率|支出|收入|决算|预算|金额|合计|万元|元|人次|幅度|比例")  # a column of figures, by its name
_COUNTED = re.compile(r"[(（](个|人|人次|辆|批|批次|次|台|套|间|处|平方米)[)）]$")
_DASH = re.compile(r"^[-－—–―]+$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_IN_NAME = re.compile(r"^\[?(?P<code>\d{3}(?:\d{2}){0,2})\]?\s*(?P<name>\D.*)$")
CODE_HEADS = ("科目编码", "功能分类科目编码", "经济分类科目编码", "编码", "代码", "科目代码", "功能科目编码", "经济科目编码",
              "功能科目代码", "经济科目代码", "功能分类科目代码", "经济分类科目代码")
NAME_HEADS = ("科目名称", "项目", "科目", "功能分类科目名称", "经济分类科目名称", "名称", "项目名称", "功能科目名称",
              "经济科目名称", "采购品目大类", "采购品目")
# columns that label a row by something else than its 科目 (行次; the unit a row is of: 苏州's 部门代码 123
# is no amount), never summed
_NAME_HEAD = re.compile(r"^.{0,6}(?:项目|名称|科目)$")  # 经费项目, 使用项目, 支出科目: a label column by its last word
LINE_HEADS = ("行次", "部门代码", "单位代码", "部门编码", "单位编码", "部门名称", "单位名称", "预算单位", "预算单位名称")
SPLIT_PARTS = ("类", "款", "项")
TOTAL_LABELS = ("合计", "总计")


@dataclass
class Segment:
    code_cols: list[int] = field(default_factory=list)
    split: bool = False  # code in three columns 类 | 款 | 项
    name_col: int | None = None
    value_cols: list[int] = field(default_factory=list)


@dataclass
class Found:
    """One table of the workbook, as recognised."""

    kind: str
    title: str
    form: str
    grid: Grid
    first: int  # row of its title (or of its header, untitled)
    last: int  # row after its last row
    untitled: bool = False  # known by its structure: its first row is its header's


@lru_cache(maxsize=1 << 16)
def key(text: Value) -> str:
    """Comparison form of a cell: half-width, no white space, quotes unified (cells repeat: cached)."""
    return _SPACE.sub("", normalise(str(text))).replace("'", '"')


def clean(text: Value) -> str:
    """A label as written, without its white space (the form appendix.csv keeps)."""
    return _SPACE.sub("", str(text))


_TITLE_TAIL = re.compile(r"编制(?:部门|单位)|(?:金额|预算)?(?:单位|部门)(?:名称)?\s*[:：]")
# a bracket after a title's 表 naming its classification or its fund: （功能科目）, (按功能分类科目), （一般公共预算）
_CLASSIFIED = re.compile(r"[(（](?:(?:按)?(?:功能|经济)(?:分类|科目)*|一般公共预算|政府性基金预算?|国有资本经营预算|财政拨款)[)）]$")
_SENTENCE = re.compile(r"[，。；;,]")


def title_kind(text: Value, family: str = "") -> tuple[str, str]:
    """(kind, title as written) when a cell is a table title (possibly after a department and year):
    a title the lexicon lists, else one whose words fit a table's signature of ``family``."""
    if not isinstance(text, str):
        return "", ""
    whole = key(text)
    # a budget's title may run on into its 编制部门/单位 line, or name its classification: （功能科目）
    whole = _TITLE_TAIL.split(whole, maxsplit=1)[0]
    whole = re.sub(r"(?<=[表)])公开表[一二三四五六七八九十\d]+$", "", whole)  # 收支预算总表公开表一: its form number after it
    k = _CLASSIFIED.sub("", whole)
    if not k.endswith("表") or len(k) > 60 or _NOTE.match(k):
        return "", ""
    written = _TITLE_TAIL.split(clean(text), maxsplit=1)[0]
    written = re.sub(r"(?<=[表)）])公开表[一二三四五六七八九十\d]+$", "", written)
    matches = [t for t in TITLES if k.endswith(t) or k.endswith(t.replace('"', ""))]
    if not matches:
        kind = kind_by_words(whole, family) if len(k) <= 40 and not _SENTENCE.search(k) else ""
        return (kind, _CLASSIFIED.sub("", written)) if kind else ("", "")
    best = max(matches, key=len)
    length = len(best) if k.endswith(best) else len(best.replace('"', ""))
    before = parts_of(k[:-length])
    if any(before[p] for p in ("scope", "part")) and (kind := kind_by_words(whole, family)):
        return kind, _CLASSIFIED.sub("", written)  # 高等学校财政拨款支出决算表: more than 支出决算表 says
    return TITLES[best], _CLASSIFIED.sub("", written)[-length:]


def find_tables(grid: Grid, family: str = "") -> list[Found]:
    """The tables of one grid, each from its title row to the next title (or the grid's end)."""
    starts = []
    for r, row in enumerate(grid.cells):
        for cell in row:
            kind, title = title_kind(cell, family)
            if kind:
                starts.append((r, kind, title))
                break
        else:
            wrapped, last = _wrapped_title(grid, r, family)
            kind, title = title_kind(wrapped, family)
            if kind:  # the table starts at the title's last row: the rows above it are its title, no header
                starts.append((last, kind, title))
    if not starts:
        kind, title = title_kind(grid.name, family)
        if kind:  # a sheet named after its table, with no title row
            starts = [(0, kind, title)]
    # a heading right above the table's own title (一、收入支出决算总表 / 收入支出决算总表) is one title
    starts = [s for i, s in enumerate(starts) if not (i + 1 < len(starts) and starts[i + 1][0] == s[0] + 1
                                                       and starts[i + 1][1] == s[1])]
    found = []
    for i, (r, kind, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(grid.cells)
        found.append(Found(kind, title, _form(grid, r, end, len(starts) == 1), grid, r, end))
    return found


def _wrapped_title(grid: Grid, r: int, family: str) -> tuple[str, int]:
    """A title the page wrapped over two or three rows of its own (十一、一般公共预算 三公 经费、…支出预 /
    “ ” / 算表), joined — the rows' quote marks drawn apart left out — and its last row; '' where row r
    starts none."""
    def alone(row: tuple[Value, ...]) -> str:
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        return texts[0] if len(texts) == 1 and not any(_is_number(c) for c in row) else ""

    first = alone(grid.cells[r])
    if not first or key(first).endswith("表"):
        return "", r
    joined = first
    for below, row in enumerate(grid.cells[r + 1:r + 3], start=r + 1):
        more = alone(row)
        if not more or title_kind(more, family)[0]:  # a title of its own below a heading (表2 / 收入总体情况表)
            return "", r
        joined += re.sub(r"[“”\"'\s]", "", more)
        if key(joined).endswith("表"):
            return joined, below
    return "", r


def _form(grid: Grid, first: int, end: int, alone: bool) -> str:
    """The form number near the title; else the sheet's name, if the sheet holds this table alone."""
    for row in grid.cells[first:min(end, first + 4)]:
        for cell in row:
            m = _FORM.search(key(cell))
            if m:
                return f"{int(m[1]):02d}"
    m = _FORM.search(key(grid.name))
    return f"{int(m[1]):02d}" if m and alone else ""


def unit_of(grid: Grid, first: int, end: int) -> str:
    for row in grid.cells[first:min(end, first + 6)]:
        for cell in row:
            m = _UNIT.search(key(cell))
            if m:
                return m[1]
    return ""


def _rows_run_on(before: Found, grid: Grid, upto: int) -> Found | None:
    """Rows atop a PDF page that go on from the table that ended the page before join it, its 注 after
    them: coded rows above the next table's title in the same ruled box (人大 2017: 30312 提租补贴 over
    the 政府性基金 table's title), or a whole page without title or header whose rows hold figures
    (检察院's 公开08 and 公开12 over two and three pages). The page's box has its own columns: its
    columns are the table's data columns, or its header's, in their order, where the counts agree;
    else each coded row takes the places the table's last coded row of its shape fills."""
    g = before.grid
    grid = replace(grid, cells=_split_cells_joined(tuple(split_run_together(row) for row in grid.cells), upto))
    notes = [r for r in range(upto) if _is_note(grid.cells[r])]
    rows = [r for r in range(notes[0] if notes else upto) if not all(_is_blank(c) for c in grid.cells[r])]
    untitled = upto == len(grid.cells) and rows and _figured(grid.cells[rows[0]])
    if (not rows or not g.pages or not grid.pages or before.last != len(g.cells)
            or grid.pages[rows[0]] != g.pages[-1] + 1
            or not (all(_coded(grid.cells[r]) for r in rows) or (untitled and all(
                _figured(grid.cells[r]) for r in rows)))):
        return None
    data_start, paths = _layout(before)
    coded = [r for r in range(data_start, len(g.cells)) if _coded(g.cells[r])]
    width = max(len(row) for row in g.cells)
    page_columns = sorted({c for r in rows for c, v in enumerate(grid.cells[r]) if not _is_blank(v)})
    candidates = (sorted({c for r in coded for c, v in enumerate(g.cells[r]) if not _is_blank(v)}),
                  [first for first, _ in header_blocks(paths)])
    in_order = next((dict(zip(page_columns, cols)) for cols in candidates if len(cols) == len(page_columns)), None)
    extent = {c0: c1 for (r0, c0), (_r1, c1) in g.merges if r0 in coded}  # how wide the table draws each place
    added, merges = [], []
    for i, r in enumerate(rows):
        written = [(c, v) for c, v in enumerate(grid.cells[r]) if not _is_blank(v)]
        if in_order is not None:
            places = [in_order[c] for c, _ in written]
        else:  # the places the table's last coded row of the same shape fills (a 项 row: 类 款 项 name figures)
            like = next((g.cells[q] for q in reversed(coded) if sum(not _is_blank(v) for v in g.cells[q]) == len(written)),
                        None)
            if like is None:
                return None
            places = [c for c, v in enumerate(like) if not _is_blank(v)]
        placed = dict(zip(places, (v for _, v in written)))
        added.append(tuple(placed.get(c, "") for c in range(width)))
        at = len(g.cells) + i
        merges += [((at, c), (at, extent[c])) for c in placed if extent.get(c, c) > c]
    tail = [tuple(grid.cells[r]) + ("",) * (width - len(grid.cells[r])) for r in range(notes[0], upto)] if notes else []
    kept = rows + list(range(notes[0], upto)) if notes else rows
    joined = replace(g, cells=g.cells + tuple(added) + tuple(t[:width] for t in tail), merges=g.merges + tuple(merges),
                     pages=g.pages + tuple(grid.pages[r] for r in kept),
                     page_rows=g.page_rows + tuple(grid.page_rows[r] for r in kept),
                     refs=g.refs + tuple(grid.refs[r] for r in kept) if g.refs else ())
    return Found(before.kind, before.title, before.form, joined, before.first, len(joined.cells))


def _split_cells_joined(cells: tuple[tuple[Value, ...], ...], upto: int) -> tuple[tuple[Value, ...], ...]:
    """A row's figure that the page's table put on a row of its own under it (221 住房保障支出 / 3,660.38):
    back on its row, which then reads as a coded row. Only a code-and-name row without a figure, and a
    row of figures alone; the row left blank (the row count stays: rows are addressed by number)."""
    out = list(cells)
    for r in range(min(upto, len(out)) - 1):
        row, below = out[r], out[r + 1]
        filled = [v for v in row if not _is_blank(v)]
        figures = [v for v in below if not _is_blank(v)]
        if (filled and _CODE.match(key(filled[0])) and not any(_is_amount(v) for v in filled[1:])
                and figures and all(_is_amount(v) for v in figures)
                and all(_is_blank(row[c]) for c, v in enumerate(below) if not _is_blank(v) and c < len(row))):
            out[r] = tuple(v if not _is_blank(v) or c >= len(below) else below[c] for c, v in enumerate(row))
            out[r + 1] = ("",) * len(below)
    return tuple(out)


def _follows(before: Found, grid: Grid) -> bool:
    """A grid on the page right after a table that ran to the end of its own grid."""
    g = before.grid
    return bool(g.pages and grid.pages) and before.last == len(g.cells) and grid.pages[0] == g.pages[-1] + 1


def _figured(row: tuple[Value, ...]) -> bool:
    """A row holding a label and an amount as a PDF writes one (28,849.38 or 4,412,547)."""
    filled = [v for v in row if not _is_blank(v)]
    return any(_is_amount(v) or _AMOUNT_SEPARATED.fullmatch(key(v)) for v in filled) and \
        any(cell_value(v) is None for v in filled)


def _coded(row: tuple[Value, ...]) -> bool:
    """A row of a coded table: a 类/款/项 code first, an amount after it."""
    filled = [v for v in row if not _is_blank(v)]
    return bool(filled) and bool(_CODE.match(key(filled[0]))) and any(_is_amount(v) for v in filled[1:])


def _is_number(v: Value) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _is_lanci(row: tuple[Value, ...]) -> bool:
    """The 栏次 row: '栏次' first, or nothing but the column numbers 1, 2, 3 …"""
    cells = [c for c in row if not _is_blank(c)]
    if not cells:
        return False
    if key(cells[0]) == "栏次":
        return True
    numbers = [parse_cell(key(c)) if isinstance(c, str) else c for c in cells]
    return len(numbers) >= 2 and all(isinstance(c, str) for c in cells) and \
        numbers == list(range(1, len(numbers) + 1))


_PUNCTUATION_ONLY = re.compile(r'^["\'“”‘’、，。,.:：;；()（）\[\]-]+$')


def _is_meta(row: tuple[Value, ...]) -> bool:
    """A row between the title and the header: 部门, 金额单位, form number, year, or stray punctuation
    (the quotes of “三公” that a PDF producer set apart from the title)."""
    cells = [key(c) for c in row if not _is_blank(c)]
    # 部门： | 江苏省人大常委会办公厅: a label in a cell of its own, the department's name in the next
    cells = [c for i, c in enumerate(cells) if not (i and _BARE_LABEL.match(cells[i - 1]))]
    return not cells or all(title_kind(c)[0] or _META.match(c) or _PUNCTUATION_ONLY.match(c) for c in cells)


def resolve_merges(grid: Grid, rows: range) -> dict[tuple[int, int], Value]:
    """Each cell of ``rows`` that lies in a merged range takes the value of the range's first cell."""
    out = {}
    for (r0, c0), (r1, c1) in grid.merges:
        for r in range(max(r0, rows.start), min(r1, rows.stop - 1) + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    out[(r, c)] = grid.cells[r0][c0]
    return out


def header_paths(grid: Grid, rows: range, width: int) -> list[list[str]]:
    """The header path of every column: its labels top to bottom, merged cells spread over their range.

    A grid without merge information (a PDF table, a workbook saved without merges) spreads a
    label to the right over blank cells whose column has labels below it and the same labels
    above: the layout a horizontal merge leaves."""
    merged = resolve_merges(grid, rows)
    labels = [[clean(merged.get((r, c), _cell(grid, r, c))) for c in range(width)] for r in rows]
    if not grid.merges:
        for i in range(len(labels)):
            for c in range(1, width):
                below = any(labels[j][c] for j in range(i + 1, len(labels)))
                same_above = all(labels[j][c] == labels[j][c - 1] for j in range(i))
                if not labels[i][c] and labels[i][c - 1] and below and same_above:
                    labels[i][c] = labels[i][c - 1]
    for i, row in enumerate(labels):
        if any(_OWNER_ALONE.match(key(label)) for label in row if label):
            labels[i] = [""] * width  # 部门： | its name | 单位：万元 taken into the header rows: no header
    paths = []
    for c in range(width):
        path: list[str] = []
        for i in range(len(labels)):
            if labels[i][c] and (not path or path[-1] != labels[i][c]) and not _OWNER_OR_UNIT.match(key(labels[i][c])):
                path.append(labels[i][c])
        paths.append(path)
    return paths


# 单位：万元, 部门名称：…, a lone 元 that a ruled box took into its header rows: no column's name
_OWNER_OR_UNIT = re.compile(r"^(?:(?:编制|预算|填报|金额)?单位|部门(?:名称)?|编制部门)\s*:|^万?元$")
_OWNER_ALONE = re.compile(r"^(?:编制|预算|填报)?(?:单位|部门)(?:名称)?\s*:$")


def _cell(grid: Grid, r: int, c: int) -> Value:
    row = grid.cells[r]
    return row[c] if c < len(row) else ""


def segments(paths: list[list[str]]) -> list[Segment]:
    """Split the columns where a 科目编码/项目 column follows a value column (the side-by-side halves)."""
    out: list[Segment] = []
    current = Segment()
    for c, path in enumerate(paths):
        role = column_role(path)
        if role in ("code", "name", "line") and current.value_cols:
            out.append(current)
            current = Segment()
        if role == "code":
            current.code_cols.append(c)
            current.split = current.split or (key(path[-1]) in SPLIT_PARTS)
        elif role == "name":
            current.name_col = c if current.name_col is None else current.name_col
        elif role == "value":
            current.value_cols.append(c)
    out.append(current)
    for seg in out:  # codes in two or three columns are 类 | 款 (| 项), labelled so or not
        seg.split = seg.split or len(seg.code_cols) >= 2
    return [s for s in out if s.value_cols]


def column_role(written: list[str]) -> str:
    path = [key(p) for p in written]
    if not path:
        return "empty"
    if any(p in CODE_HEADS for p in path) or path[-1] in SPLIT_PARTS:
        return "code"
    if path[-1] in LINE_HEADS:
        return "line"
    if path[-1] in NAME_HEADS or _NAME_HEAD.search(path[-1]):
        return "name"
    return "value"


@dataclass
class Parsed:
    """One table: its cells (appendix.csv rows), its row of appendix_tables.csv, what reading met."""

    cells: list[dict]
    table: dict
    warnings: list[str]


@dataclass
class Appendix:
    """Every table of a workbook (or of a PDF's grids)."""

    cells: list[dict]
    tables: list[dict]
    warnings: list[str]


def _layout(found: Found) -> tuple[int, list[list[str]]]:
    """Where a table's data starts, and the header path of each of its grid's columns: under the title,
    the 部门/金额单位 rows, then the header rows down to the 栏次 row or the first row of data."""
    grid, first, end = found.grid, found.first, found.last
    head = first if found.untitled else first + 1
    while head < end and _is_meta(grid.cells[head]):
        head += 1
    lanci = next((r for r in range(head, min(end, head + 8)) if _is_lanci(grid.cells[r])), None)
    data_start = lanci + 1 if lanci is not None else _first_data_row(grid, head, end)
    width = max((len(r) for r in grid.cells[first:end]), default=0)
    return data_start, header_paths(grid, range(head, lanci if lanci is not None else data_start), width)


def parse_table(found: Found) -> Parsed:
    grid, first, end = found.grid, found.first, found.last
    unit = unit_of(grid, first, end)
    factor_unit = unit or "万元"
    where = f"{grid.name}!{grid.ref(first, 0)}"
    label = f"{('公开' + found.form + '表 ') if found.form else ''}{found.title}（{where}）"
    data_start, paths = _layout(found)
    grid, paths = seat_under_header(grid, range(data_start, end), paths)
    segs = segments(paths)
    grid = join_figures_to_labels(grid, range(data_start, end),
                                  [(seg.code_cols + ([seg.name_col] if seg.name_col is not None else []), seg.value_cols)
                                   for seg in segs], lambda v: cell_value(v) is not None)
    if found.kind == "gb_basic":
        paths = _basic_halves(paths, segs)
    stop = next((r for r in range(data_start, end) if _is_note(grid.cells[r])), end)
    note = " ".join(str(c).strip() for r in range(stop, end) for c in grid.cells[r] if not _is_blank(c))[:300]
    # 本表无数据 may stand anywhere under the title: in a note, or taken into a header that has no data under it
    no_data = any(_NO_DATA.search(key(c)) for r in range(first + 1, end) for c in grid.cells[r])
    value_columns = [c for seg in segs for c in seg.value_cols]
    table = {"table": found.form, "kind": found.kind, "title": found.title, "sheet": grid.name,
             "first_cell": grid.ref(first, 0), "unit_in_source": unit, "status": "", "cells": 0,
             "columns": ";".join("/".join(paths[c]) for c in value_columns), "note": note}
    if not segs:
        table["status"] = "unreadable"
        return Parsed([], table, [f"附表{label}的数据列无法识别，未读取。表头为：{_heads(paths)}"])
    cells = []
    rows: dict[str, None] = {}  # every row the table lists, blank or not: where blank is zero
    # a label written once over the name columns of both halves (当年支出小计): a merge within its row
    merged = {(r0, c): grid.cells[r0][c0] for (r0, c0), (r1, c1) in grid.merges if r0 == r1 for c in range(c0 + 1, c1 + 1)}
    # a row with an amount in no value column (a PDF grid's figures beside their header's column):
    # its blanks are not zeros, so the row is left out, as not understood
    astray = {r for r in range(data_start, stop) if any(
        c not in value_columns and _is_amount(v) for c, v in enumerate(grid.cells[r]))}
    for seg in segs:
        last = {"类": "", "款": ""}
        for r in range(data_start, stop):
            row = grid.cells[r]
            if seg.name_col is not None and _is_blank(_at(row, seg.name_col)) and (r, seg.name_col) in merged \
                    and not _is_blank(merged[(r, seg.name_col)]):
                row = row[:seg.name_col] + (merged[(r, seg.name_col)],) + row[seg.name_col + 1:]
            if r in astray:
                continue
            code, name = _row_code_and_name(row, seg, last)
            if not code and not name and all(_is_blank(_at(row, c)) for c in seg.value_cols):
                continue
            rows[code if code and found.kind not in SUMMARIES else label_key(name)] = None
            for c in seg.value_cols:
                raw = _at(row, c)
                value = cell_value(raw)
                if grid.unread_at(r, c):  # a formula never calculated, a row not placed: a value no one can know
                    value, raw = float("nan"), f"（{grid.unread_why}）"
                if value is None:
                    continue
                percent = str(raw).strip().endswith("%")  # a rate (增减幅度 19.09%) is no amount, whatever the table's unit
                counted = _COUNTED.search(key(name))  # 公务用车保有量(辆): a count, whatever the table's unit
                cells.append({
                    "table": found.form, "kind": found.kind, "title": found.title, "row": name, "code": code,
                    "level": row_level(found.kind, code, name), "column": "/".join(paths[c]),
                    "value": value if percent or counted else to_wanyuan(value, factor_unit),
                    "unit_in_source": "%" if percent else counted[1] if counted else unit, "sheet": grid.sheet_of(r),
                    "cell": grid.ref(r, c), "text": _as_written(raw),
                })
    table["cells"] = len(cells)
    table["rows"] = ";".join(rows)
    warnings = [f"附表{label}有{len(astray)}行的数字不在可识别的数据列之下，这些行未读取。"] if astray and cells else []
    if cells:
        table["status"] = "data"
    elif not no_data and astray:
        # figures stand there but under no value column found (a PDF grid whose header cells stand
        # beside their figures' columns): not read, so never taken for a table of zeros
        table["status"] = "unreadable"
        return Parsed([], table, [f"附表{label}的数字不在可识别的数据列之下，未读取。表头为：{_heads(paths)}"])
    else:
        table["status"] = "empty_stated" if no_data or "无" in note else "empty"
    return Parsed(cells, table, warnings)


def _heads(paths: list[list[str]]) -> str:
    """A table's header as its columns' paths, for a message that says why it was not read."""
    return " | ".join("/".join(p) for p in paths if p) or "（无）"


def _is_amount(v: Value) -> bool:
    """An amount as a PDF writes it, with decimals (28,849.38), not a code (20405) nor a label."""
    return isinstance(v, str) and bool(_AMOUNT_WRITTEN.fullmatch(v.strip())) and bool(cell_value(v))


_AMOUNT_WRITTEN = re.compile(r"-?\d[\d,]*\.\d+")
# an amount in 元 without decimals, told from a code or a 栏次 number by its thousands separators
_AMOUNT_SEPARATED = re.compile(r"-?\d+(?:,\d{3})+")  # 4,412,547; 120258,600 (its last separator only)


def _basic_halves(paths: list[list[str]], segs: list[Segment]) -> list[list[str]]:
    """The 基本支出 table in two halves without a 人员经费/公用经费 header (Shanghai's template): the
    left half (301, 303) is 人员经费, the right half (302, 310) 公用经费, as its 合计 row says."""
    if len(segs) != 2 or any(key(p) in ("人员经费", "公用经费") for path in paths for p in path):
        return paths
    out = [list(p) for p in paths]
    for seg, half in zip(segs, ("人员经费", "公用经费")):
        for c in seg.value_cols:
            out[c] = [half, *out[c]]
    return out


def _first_data_row(grid: Grid, head: int, end: int) -> int:
    """Without a 栏次 row: the first row holding an amount or a 科目编码 (a header holds neither;
    a 合计 label alone does not tell, since headers have 合计 columns)."""
    for r in range(head, end):
        filled = [(c, key(v)) for c, v in enumerate(grid.cells[r]) if not _is_blank(v)]
        if len(filled) == 1 and filled[0][1] in TOTAL_LABELS and r > head and filled[0][0] <= min(
                (c for c, v in enumerate(grid.cells[r - 1]) if not _is_blank(v)), default=0):
            return r  # a 合计 row alone under the header's first label, its figures on the line below: data
        for c in grid.cells[r]:
            k = key(c)
            if _is_number(c) or _CODE.match(k) or _AMOUNT_SEPARATED.fullmatch(k) or (
                    parse_cell(k.replace("，", ",")) is not None and "." in k):
                return r
        if filled and ROW_LABEL.match(filled[0][1]) and any(_WHOLE.fullmatch(k) for _, k in filled[1:]):
            return r  # 一、支出合计 | 250000: a numbered row's whole number (元), no header's year
        if _counted_row([k for _, k in filled]):
            return r
    return end


def _counted_row(cells: list[str]) -> bool:
    """A label, then figures and nothing else, one of them neither a year nor the columns' numbering
    (因公出国(境)团组数 | 0; 公务接待费 | 0 | 0 | 0%): a row of data written without decimals."""
    if len(cells) < 2 or cell_value(cells[0]) is not None or _CODE.match(cells[0]):
        return False
    figures = cells[1:]
    if any(cell_value(k) is None for k in figures):
        return False
    numbering = [str(i) for i in range(1, len(figures) + 1)]
    return figures != numbering and any(_WHOLE.fullmatch(k.rstrip("%")) or _DASH.match(k) for k in figures)


def _is_note(row: tuple[Value, ...]) -> bool:
    cells = [key(c) for c in row if not _is_blank(c)]
    return bool(cells) and bool(_NOTE.match(cells[0])) and len(cells[0]) > 2


def cell_value(raw: Value) -> float | None:
    """A data cell as a number in the table's unit: None for a blank (template) cell or text;
    '-' is zero, as departments write it."""
    if _is_number(raw):
        return float(raw)
    k = key(raw)
    if not k:
        return None
    if _DASH.match(k):
        return 0.0
    return parse_cell(k.replace("，", ","))


def _as_written(raw: Value) -> str:
    if _is_number(raw):
        return f"{float(raw):.10g}"
    return str(raw).strip()


def _code_part(v: Value, width: int) -> str:
    if _is_number(v):
        return f"{int(v):0{width}d}"
    k = key(v)
    return k.zfill(width) if k.isdigit() and len(k) <= width else ("" if not k.isdigit() else k)


def _row_code_and_name(row: tuple[Value, ...], seg: Segment, last: dict) -> tuple[str, str]:
    name = clean(_at(row, seg.name_col)) if seg.name_col is not None else ""
    code = ""
    if seg.split and len(seg.code_cols) >= 2:
        parts = [_code_part(_at(row, c), 3 if i == 0 else 2) for i, c in enumerate(seg.code_cols[:3])]
        lei, kuan, xiang = (parts + ["", "", ""])[:3]
        if lei and not lei.isdigit():
            lei = ""
        if (kuan or xiang) and not lei:
            lei = last["类"]  # parent parts left blank: the rows above give them
        if xiang and not kuan:
            kuan = last["款"]
        if lei:
            last["类"] = lei
            last["款"] = kuan if kuan else ("" if not xiang else last["款"])
        code = lei + (kuan if kuan else "") + (xiang if kuan and xiang else "")
        text = next((clean(_at(row, c)) for c in seg.code_cols if key(_at(row, c)) and not key(_at(row, c)).isdigit()), "")
        name = name or text
    elif seg.code_cols:
        raw = _at(row, seg.code_cols[0])
        k = f"{int(raw)}" if _is_number(raw) else key(raw)
        spilled = re.match(r"^(\d+)(\D.*)$", key(name)) if k.isdigit() and not _CODE.match(k) else None
        if spilled and _CODE.match(k + spilled[1]):  # a code too long for its cell ran into the name's
            k, name = k + spilled[1], name[len(spilled[1]):].lstrip()
        if _CODE.match(k):
            code = k
        elif not name:
            name = clean(raw)
    if not code and not name and seg.name_col is not None:  # a sub-row labelled in the columns after the
        name = _sub_label(row, seg)                            # name's (一般公共预算资金 | 公共财政拨款资金)
    if not code and name:
        m = _CODE_IN_NAME.match(normalise(name))
        if m:
            code, name = m["code"], name[m.start("name"):].strip()
    return (code if _CODE.match(code) else ""), name


def _sub_label(row: tuple[Value, ...], seg: Segment) -> str:
    """The words written in a row between its name column and its first figure, joined by /."""
    words = []
    for c in range(seg.name_col + 1, len(row)):
        v = _at(row, c)
        if _is_number(v) or cell_value(v) is not None:
            break
        if not _is_blank(v) and c not in seg.code_cols:
            words.append(clean(v))
    return "/".join(words)


def row_level(kind: str, code: str, name: str) -> str:
    if kind in SUMMARIES:
        return ""
    if code:
        return {3: "类", 5: "款", 7: "项"}.get(len(code), "")
    if key(name) in TOTAL_LABELS or key(name).endswith("合计"):
        return "合计"
    return ""


def official(kind: str, code: str) -> str:
    return economic_name(code) if kind == "gb_basic" else official_name(code)


def label_key(label: str) -> str:
    """A row label or column path for comparison: half-width, no spaces, no numbering (一、)."""
    return NUMBERING.sub("", normalise(str(label)).replace(" ", ""))


def summary_code(name: str) -> str:
    """The 类 code of a 总表 expenditure line such as 一、一般公共服务支出."""
    return find_class_code(NUMBERING.sub("", key(name)))


def read_appendix(grids: tuple[Grid, ...]) -> Appendix:
    """Every table of every grid → the long cells, the table list and the warnings."""
    cells, tables, warnings = [], [], []
    every: list[Found | str] = []  # the tables in order, and what was said of a grid without any
    beyond: dict[int, str] = {}  # a table → the page after it that was read as no part of it
    family = grids_family(grids)
    for grid in grids:
        found = find_tables(grid, family)
        before = next((f for f in reversed(every) if isinstance(f, Found)), None)
        if every and isinstance(every[-1], Found) and (
                joined := _rows_run_on(every[-1], grid, found[0].first if found else len(grid.cells))) is not None:
            every[-1] = joined
            continue
        if not found and before is not None and _follows(before, grid):
            beyond[id(before)] = grid.sheet_of(0)  # a page after it not joined: it may hold its rows
        if not found and (untitled := _by_structure(grid, family)) is not None:
            every.append(untitled)
        elif not found and any(not _is_blank(c) for row in grid.cells for c in row):
            every.append(f"工作表“{grid.name}”中未识别出附表（没有已知的表名或表号）")
        every += found
    # a kind known by structure alone is one table's: where a titled table (or an untitled one before)
    # has it, the table is read as ``other``, never mixed with the other's cells
    claimed = {f.kind for f in every if isinstance(f, Found) and not f.untitled}
    for f in every:
        if isinstance(f, Found) and f.untitled:
            f.kind = "other" if f.kind in claimed else f.kind
            claimed.add(f.kind)
    for f in every:
        if isinstance(f, str):
            warnings.append(f)
            continue
        parsed = parse_table(f)
        parsed.table["beyond"] = beyond.get(id(f), "")
        for cell in parsed.cells:
            if f.kind in SUMMARIES and "支出" in cell["column"].split("/")[0] and not cell["code"]:  # 支出, 本年支出
                cell["code"] = summary_code(cell["row"])
        cells += parsed.cells
        tables.append(parsed.table)
        warnings += parsed.warnings
    present = {t["kind"] for t in tables}
    accounts = [t for t in tables if not t["kind"].startswith("budget_") and t["kind"] != "other"]
    # the set a 决算 publishes; a budget's set differs by province: none is expected of it
    sichuan = present & {"fiscal_detail", "gb_detail", "gb_project"} or any(
        t["table"] and int(t["table"]) > 9 for t in accounts)
    expected = () if not accounts else NATIONAL + (SICHUAN_ONLY if sichuan else ())
    if tables:
        for kind in expected:
            if kind not in present and (sichuan or SAME_PLACE.get(kind) not in present):
                warnings.append(f"附表中缺少“{KIND_TITLES[kind]}”（未找到该表，相关核对未进行）")
    return Appendix(cells, tables, warnings)


def _by_structure(grid: Grid, family: str) -> Found | None:
    """A grid with no title that is a table of 科目 all the same — a header, then rows of codes and
    figures: its kind from its header and codes (extract/table_kinds.py), or ``other`` when they fit
    no signature well enough (its cells are read all the same; no check is made of them)."""
    start = _first_data_row(grid, 0, len(grid.cells))
    codes = [key(r[c]) for r in grid.cells[start:] for c in range(len(r)) if _CODE.match(key(r[c]))]
    paths = header_paths(grid, range(0, start), max((len(r) for r in grid.cells), default=0))
    segs = segments(paths)
    sides = [next((w for w in ("收入", "支出") if w in key(paths[seg.value_cols[0]][0])), "") if paths[seg.value_cols[0]]
             else "" for seg in segs]
    two_sided = sorted(sides) == ["支出", "收入"]
    # the words of its value columns (not of its 科目 columns: 支出功能分类 heads an income table's codes)
    header = "/".join(key("".join(paths[c])) for seg in segs for c in seg.value_cols)
    kind = kind_by_parts(header_parts(("收支" if two_sided else "") + header, codes), family)
    # no kind, no codes: rows of a label and its figures under columns that say what they measure (经费项目 |
    # 2020年度支出(万元) | 减少率; 使用项目 | 数量或人次) are read all the same, as ``other``
    named = [key("".join(paths[c])) for seg in segs for c in seg.value_cols]
    # (a header of column names holds no sentence's mark: a page of prose ran on)
    labelled = all(len(n) <= 20 and not _SENTENCE.search(n) for n in named) and _MEASURED.search(header) and sum(
        any(cell_value(v) is None and key(v) for v in r) and any(cell_value(v) is not None for v in r if key(v))
        for r in grid.cells[start:]) >= 2
    if start == 0 or not (kind or len(codes) >= 2 or labelled) or not labelled and not any(
            _figured(r) or any(_is_number(v) for v in r) for r in grid.cells[start:]):
        return None
    return Found(kind or "other", "", "", grid, 0, len(grid.cells), untitled=True)


def grids_family(grids: tuple[Grid, ...]) -> str:
    """决算 or 预算: what the tables' own words say most (a title 收支总表 names neither)."""
    said = [family_of(key(c)) for g in grids for row in g.cells for c in row if isinstance(c, str) and "算" in c]
    budget, accounts = said.count("预算"), said.count("决算")
    return "预算" if budget > accounts else "决算" if accounts > budget else ""


FUNCTION_KINDS = ("income", "expenditure", "fiscal", "fiscal_detail", "gb", "gb_detail", "gb_project", "gov_fund",
                  "state_capital_ie", "state_capital", "budget_income", "budget_expenditure", "budget_fiscal",
                  "budget_gb", "budget_gov_fund", "budget_state_capital")


def document_codes(cells: list[dict]) -> dict[str, str]:
    """功能分类 code → name as the document's own tables write them (the first writing of each)."""
    out: dict[str, str] = {}
    for c in cells:
        if c["kind"] in FUNCTION_KINDS and c["code"] and c["row"] and not c["row"].isdigit():
            out.setdefault(c["code"], c["row"])
    return out


def appendix_year(grids: tuple[Grid, ...]) -> int | None:
    """The year a workbook states (in a title, a note: 2023年度)."""
    for grid in grids:
        for row in grid.cells:
            for cell in row:
                if isinstance(cell, str) and "年" in cell:
                    m = _YEAR.search(key(cell))
                    if m:
                        return int(m[1])
    return None


def appendix_department(grids: tuple[Grid, ...]) -> str:
    for grid in grids:
        for row in grid.cells[:8]:
            for cell in row:
                m = re.match(r"^(?:部门|单位|编制单位|编制部门|预算单位|填报单位)[:：](.+?)(?:(?:金额)?单位[:：].*)?$",
                             key(cell))
                if m and not m[1].endswith("元"):
                    return m[1]
    return ""
