"""Workbooks laid out differently, made from a sample's cells: the layouts departments publish.

Each variant is a plain function of the sheets (name, rows, merges) that returns new sheets;
``write_xlsx`` writes them with openpyxl (another writer than the samples'), merges included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from juesuan.read import read_document


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list]
    merges: list[tuple[tuple[int, int], tuple[int, int]]]


def sheets_of(path: Path) -> list[Sheet]:
    doc = read_document(path)
    return [Sheet(g.name, [list(r) for r in g.cells], [tuple(map(tuple, m)) for m in g.merges]) for g in doc.grids]


def write_xlsx(sheets: list[Sheet], path: Path) -> Path:
    book = Workbook()
    book.remove(book.active)
    for s in sheets:
        ws = book.create_sheet(s.name[:31])
        for r, row in enumerate(s.rows, start=1):
            for c, v in enumerate(row, start=1):
                if v != "" and v is not None:
                    ws.cell(r, c, v)
        for (r0, c0), (r1, c1) in s.merges:
            if (r0, c0) != (r1, c1):
                ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    book.save(path)
    return path


def stacked(sheets: list[Sheet], name: str = "附表") -> list[Sheet]:
    """Every table on one sheet, one below the other with two blank rows between."""
    rows, merges = [], []
    for s in sheets:
        offset = len(rows)
        width = max(len(r) for r in s.rows)
        rows += [list(r) + [""] * (width - len(r)) for r in s.rows] + [[], []]
        merges += [((r0 + offset, c0), (r1 + offset, c1)) for (r0, c0), (r1, c1) in s.merges]
    return [Sheet(name, rows, merges)]


def renamed(sheets: list[Sheet]) -> list[Sheet]:
    return [replace(s, name=f"Sheet{i + 1}") for i, s in enumerate(sheets)]


def without_merges(sheets: list[Sheet]) -> list[Sheet]:
    return [replace(s, merges=[]) for s in sheets]


def drop_columns(sheet: Sheet, drop: set[int]) -> Sheet:
    keep = [c for c in range(max(len(r) for r in sheet.rows)) if c not in drop]
    new_index = {c: i for i, c in enumerate(keep)}
    rows = [[r[c] if c < len(r) else "" for c in keep] for r in sheet.rows]
    merges = []
    for (r0, c0), (r1, c1) in sheet.merges:
        cols = [new_index[c] for c in range(c0, c1 + 1) if c in new_index]
        if cols:
            merges.append(((r0, min(cols)), (r1, max(cols))))
    return Sheet(sheet.name, rows, merges)


def one_code_column(sheets: list[Sheet]) -> list[Sheet]:
    """科目编码 in one column (2010301) instead of 类 | 款 | 项 (201 | 03 | 01)."""
    out = []
    for s in sheets:
        split = next((r for r, row in enumerate(s.rows) if row[:3] == ["类", "款", "项"]), None)
        if split is None:
            out.append(s)
            continue
        rows = [list(r) for r in s.rows]
        rows[split][0] = ""
        for row in rows[split + 1:]:
            parts = [str(x) for x in row[:3]]
            if parts[0].isdigit():
                row[0] = "".join(p for p in parts if p.isdigit())
        out.append(drop_columns(Sheet(s.name, rows, s.merges), {1, 2}))
    return out


def numbers_as_text(sheets: list[Sheet]) -> list[Sheet]:
    """Every number stored as text with thousands separators ('1,050.28')."""
    return [replace(s, rows=[[f"{v:,.2f}" if isinstance(v, int | float) else v for v in r] for r in s.rows])
            for s in sheets]


def dashes_for_zero(sheets: list[Sheet]) -> list[Sheet]:
    """A zero written as '-'."""
    return [replace(s, rows=[["-" if isinstance(v, int | float) and v == 0 else v for v in r] for r in s.rows])
            for s in sheets]


def in_yuan(sheets: list[Sheet], sheet_name: str) -> list[Sheet]:
    """One table in 元: its numbers × 10000 and its 金额单位 says 元."""
    out = []
    for s in sheets:
        if s.name != sheet_name:
            out.append(s)
            continue
        rows = [[round(v * 10000, 2) if isinstance(v, int | float) else
                 (v.replace("金额单位：万元", "金额单位：元") if isinstance(v, str) else v) for v in r] for r in s.rows]
        out.append(replace(s, rows=rows))
    return out


def missing(sheets: list[Sheet], sheet_name: str) -> list[Sheet]:
    return [s for s in sheets if s.name != sheet_name]


def titled_with_department(sheets: list[Sheet], prefix: str) -> list[Sheet]:
    """Titles written after the department and year (遂宁市…2023年度收入支出决算总表)."""
    out = []
    for s in sheets:
        rows = [list(r) for r in s.rows]
        rows[0][0] = prefix + str(rows[0][0])
        out.append(replace(s, rows=rows))
    return out


def set_cell(sheets: list[Sheet], sheet_name: str, ref: str, value) -> list[Sheet]:
    """One cell changed (A1 reference): a planted error."""
    letters = "".join(ch for ch in ref if ch.isalpha())
    row = int(ref[len(letters):]) - 1
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    out = []
    for s in sheets:
        if s.name == sheet_name:
            rows = [list(r) for r in s.rows]
            rows[row][col - 1] = value
            s = replace(s, rows=rows)
        out.append(s)
    return out


def without_lanci(sheets: list[Sheet]) -> list[Sheet]:
    """No 栏次 row under the headers."""
    out = []
    for s in sheets:
        lanci = next((r for r, row in enumerate(s.rows[:10]) if row and (row[0] == "栏次" or row[0] == "1")), None)
        if lanci is None:
            out.append(s)
            continue
        rows = s.rows[:lanci] + s.rows[lanci + 1:]
        merges = [((r0 - (r0 > lanci), c0), (r1 - (r1 > lanci), c1)) for (r0, c0), (r1, c1) in s.merges
                  if not r0 == r1 == lanci]
        out.append(Sheet(s.name, rows, merges))
    return out


def code_in_name(sheets: list[Sheet]) -> list[Sheet]:
    """One 科目 column holding code and name together ('2010301 行政运行'), as some exports do."""
    out = []
    for s in one_code_column(sheets):
        head = next((r for r, row in enumerate(s.rows[:8]) if "科目名称" in row), None)
        if head is None or s.rows[head][0] != "" and s.rows[head][0] != "科目编码":
            out.append(s)
            continue
        name_col = s.rows[head].index("科目名称")
        if name_col != 1:
            out.append(s)
            continue
        rows = [list(r) for r in s.rows]
        for row in rows[head + 1:]:
            if str(row[0]).isdigit() and row[1]:
                row[1] = f"{row[0]} {row[1]}"
        rows = [[r[1] if i == 0 and r[1] else v for i, v in enumerate(r)] if k > head else r for k, r in enumerate(rows)]
        out.append(drop_columns(Sheet(s.name, rows, s.merges), {1}))
    return out
