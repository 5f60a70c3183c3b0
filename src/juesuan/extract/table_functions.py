"""The 功能分类 a budget states only in its tables: 11 of the 18 city budgets of 2026 list no 类/款/项 in
their 说明, yet each prints them, code by code, in its 一般公共预算支出 table. Those rows become
expenditure_by_function rows of origin ``table`` (traceable to their table, page and cell), so that the
analyst has the 功能分类 whatever the 说明 says. They are the table's own figures: the checks compare
the table with itself elsewhere (table.sum), so these rows are never checked a second time
(check/__init__.py leaves them out)."""

from __future__ import annotations

import re

from .functions import FunctionLine, name_of

# the tables that state the 一般公共预算's spending by 功能分类, in the order they are trusted: the one
# titled so, then the 财政拨款 one (its 一般公共预算 column first), then the whole budget's
_KINDS = ("budget_gb", "budget_fiscal", "budget_expenditure")
# the column that holds a row's whole (合计, 小计, 预算数 …), not a part of it (基本支出, 项目支出)
_WHOLE = re.compile(r"(?:合计|小计|总计|预算数|金额|本年预算|预算)$")
_PART = re.compile(r"基本|项目|人员|公用|政府性基金|国有资本|事业|其他|上年|结转")


def _page(sheet) -> int | None:
    m = re.fullmatch(r"第(\d+)页", str(sheet or ""))
    return int(m[1]) if m else None


def _whole_column(columns: list[str]) -> str | None:
    """The column of a row's whole: the first whose last part says so and names no part (一般公共预算
    支出/小计, 合计); a table of one amount column has only it."""
    wholes = [c for c in columns if _WHOLE.search(c.rsplit("/", 1)[-1]) and not _PART.search(c.rsplit("/", 1)[-1])]
    if wholes:
        return wholes[0]
    return columns[0] if len(columns) == 1 else None


def table_function_lines(cells: list[dict], known: dict[str, str]) -> list[tuple[FunctionLine, int | None]]:
    """Each 类/款/项 of the first table of _KINDS that has them, with its whole in ``amount``, and the
    PDF page it stands on; none when no table states them or its whole column cannot be told."""
    for kind in _KINDS:
        rows = [c for c in cells if c.get("kind") == kind and c.get("level") in ("类", "款", "项")
                and re.fullmatch(r"\d{3}(?:\d{2}){0,2}", str(c.get("code") or ""))]
        columns = list(dict.fromkeys(str(c["column"]) for c in rows))
        column = _whole_column(columns)
        if not rows or column is None:
            continue
        out, seen = [], set()
        for c in rows:
            if c["column"] != column or c["code"] in seen:
                continue  # a table over two pages repeats no row; a second one of a code is a repeat
            seen.add(c["code"])
            out.append((FunctionLine(
                code=str(c["code"]), level=str(c["level"]), name=name_of(str(c["code"]), known) or str(c.get("row") or ""),
                name_in_source=str(c.get("row") or ""), amount=float(c["value"]), origin="table",
                code_in_source=str(c["code"]),
                text=f"{c.get('title') or ''}（{c.get('sheet') or ''}{c.get('cell') or ''}，{column}）"),
                _page(c.get("sheet"))))
        return out
    return []
