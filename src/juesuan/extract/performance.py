"""The attachment's 项目支出绩效自评表 and the scores its evaluation text states.

In a text export the table is tab-indented: one cell a line, rows separated by blank lines,
merged cells left empty. Rows are read the same way from a .docx table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.document import Document, normalise
from ..model.numbers import NUMBER, parse_cell, parse_number
from .sections import Section

BUDGET_COLUMNS = ["project", "item", "budget_initial", "budget_adjusted", "executed", "execution_rate",
                  "weight", "score", "line", "text"]
INDICATOR_COLUMNS = ["project", "level1", "level2", "indicator", "nature", "target", "unit", "actual",
                     "weight", "score", "line", "text"]
SUMMARY_COLUMNS = ["project", "measure", "value", "line", "text"]
STATEMENT_COLUMNS = ["subject", "project", "measure", "value", "section", "line", "text"]


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    line: int


def text_table_rows(doc: Document) -> list[list[Row]]:
    """Each 绩效自评表 of a text export as rows of cells: tab-indented cells, or rows written a line each
    with `|` between the cells (a web page's text)."""
    return _tab_rows(doc) or _bar_rows(doc)


def _bar_rows(doc: Document) -> list[list[Row]]:
    """Rows written a line each, cells between `|` (the cells a row's merges cover are not written: see
    read_table's alignment); a table from its title row (…自评表) on, or from its first row of cells."""
    tables: list[list[Row]] = []
    current: list[Row] = []
    for line in doc.lines:
        cells = [c.strip() for c in re.split(r"[|｜]", line.raw)] if re.search(r"[|｜]", line.raw) else []
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) < 2 and not (cells and "自评表" in cells[0]):
            if current:
                tables.append(current)
            current = []
            continue
        if "自评表" in cells[0] and current:
            tables.append(current)
            current = []
        current.append(Row(tuple(cells), line.number))
    if current:
        tables.append(current)
    return [t for t in tables if any("年初预算" in r.cells or "一级指标" in r.cells for r in t)]


def _tab_rows(doc: Document) -> list[list[Row]]:
    tables, rows, cells, start, inside = [], [], [], 0, False
    for line in doc.lines:
        if "绩效自评表" in line.text and line.raw.startswith("\t"):
            if rows:
                tables.append(rows)
            rows, cells, inside = [], [], True
        if not inside:
            continue
        if line.raw.startswith("\t"):
            if not cells:
                start = line.number
            cells.append(line.raw[1:].strip())
        elif not line.raw.strip():
            if cells:
                rows.append(Row(tuple(cells), start))
                cells = []
        else:  # a line of prose ends the table
            inside = False
    if cells:
        rows.append(Row(tuple(cells), start))
    if rows:
        tables.append(rows)
    return tables


def _number(cell: str) -> float | None:
    return parse_cell(normalise(cell))


def _row_text(row: Row) -> str:
    return " | ".join(c for c in row.cells if c)


def project_name(rows: list[Row]) -> str:
    for row in rows:
        if row.cells and normalise(row.cells[0]) == "项目名称" and len(row.cells) > 1:
            name = normalise(row.cells[1])
            name = re.sub(r"^[0-9A-Z]+\s*-\s*", "", name)  # the project's system code
            return re.sub(r"\s*20\d\d\s*$", "", name)  # the year suffix
    return ""


def read_table(rows: list[Row]) -> dict[str, list[dict]]:
    """Budget lines, indicators and totals of one 绩效自评表."""
    project = project_name(rows)
    budget, indicators, summary = [], [], []
    mode, header, level1, level2 = "", (), "", ""
    unread = False
    for row in rows:
        cells = tuple(normalise(c) for c in row.cells)
        first = cells[0] if cells else ""
        if "年初预算" in cells and "预算执行数" in cells:
            mode, header = "budget", cells
            _stated_weight(first, project, "budget_weight_stated", row, summary)
            continue
        if "一级指标" in cells and "权重" in cells:
            mode, header = "indicators", cells
            _stated_weight(first, project, "indicator_weight_stated", row, summary)
            continue
        if first == "合计":
            numbers = [_number(c) for c in cells[1:]]
            numbers = [n for n in numbers if n is not None]
            if len(numbers) >= 2:
                summary.append({"project": project, "measure": "weight_total", "value": numbers[0],
                                "line": row.line, "text": _row_text(row)})
                summary.append({"project": project, "measure": "score_total", "value": numbers[1],
                                "line": row.line, "text": _row_text(row)})
            mode = ""
            continue
        if mode == "budget":
            cells = _aligned(cells, header, _first_figure(cells), header.index("年初预算"))
        elif mode == "indicators" and "指标性质" in header:
            cells = _aligned(cells, header, _nature(cells), header.index("指标性质"))
        if mode == "budget" and len(cells) >= len(header) - 1:
            col = dict(zip(header, cells))
            item = col.get(header[1], "").removeprefix("其中:").strip()
            if not item:
                mode = ""
                continue
            budget.append({
                "project": project, "item": item,
                "budget_initial": _number(col.get("年初预算", "")),
                "budget_adjusted": _number(col.get("调整后预算数", "")),
                "executed": _number(col.get("预算执行数", "")),
                "execution_rate": _number(col.get("预算执行率", "")),
                "weight": _number(col.get("权重", "")), "score": _number(col.get("得分", "")),
                "line": row.line, "text": _row_text(row),
            })
        elif mode == "indicators" and len(cells) == len(header):
            col = dict(zip(header, cells))
            level1 = col.get("一级指标") or level1
            level2 = col.get("二级指标") or level2
            indicators.append({
                "project": project, "level1": level1, "level2": level2,
                "indicator": cells[header.index("三级指标")] if "三级指标" in header else "",
                "nature": col.get("指标性质", ""), "target": col.get("指标值", ""),
                "unit": col.get("度量单位", ""), "actual": col.get("完成值", ""),
                "weight": _number(col.get("权重", "")), "score": _number(col.get("得分", "")),
                "line": row.line, "text": _row_text(row),
            })
            unread = unread or (indicators[-1]["weight"] is None and "权重" in header)
        elif mode == "indicators" and any(_number(c) is not None for c in cells):
            unread = True  # an indicator whose cells could not be placed: its weight is not in the sums
    if unread:  # the stated totals cannot be compared with what was read: left out, not checked
        summary = [s for s in summary if s["measure"] not in ("indicator_weight_stated", "weight_total", "score_total")]
    return {"budget": budget, "indicators": indicators, "summary": summary}


_NATURE = re.compile(r"^(?:[=＝≥≤≧≦═><]|>=|<=|定性|定量)$")


def _first_figure(cells: tuple[str, ...]) -> int | None:
    return next((i for i, c in enumerate(cells) if _number(c) is not None), None)


def _nature(cells: tuple[str, ...]) -> int | None:
    return next((i for i, c in enumerate(cells) if _NATURE.match(c.strip())), None)


def _aligned(cells: tuple[str, ...], header: tuple[str, ...], at: int | None, under: int) -> tuple[str, ...]:
    """A row whose cells under a merge (预算执行情况, 一级指标 …) were not written: shifted so that its
    anchor (its first figure, its 指标性质 sign) stands under its column, and filled out to the header."""
    if at is None or at >= under:
        return cells
    cells = ("",) * (under - at) + cells
    return cells + ("",) * (len(header) - len(cells)) if len(cells) < len(header) else cells


def _stated_weight(cell: str, project: str, measure: str, row: Row, out: list) -> None:
    m = re.search(rf"\((?P<n>{NUMBER})分\)", cell)
    if m:
        out.append({"project": project, "measure": measure, "value": parse_number(m["n"]),
                    "line": row.line, "text": _row_text(row)})


# Anchored on the keyword (a lazy subject group before it backtracks badly on long lines);
# the subject is what stands between the previous clause break and the keyword.
_SCORE = re.compile(rf"(?:绩效自评得分|自评得分|评价总分|绩效评价得分)为?(?P<n>{NUMBER})分")
_BUDGET = re.compile(rf"(?:项目)?预算(?P<n>{NUMBER})万元?(?![\d.])")
_CLAUSE_BREAK = re.compile(r"[,;。:]")


def _subject(text: str, end: int) -> str:
    before = text[:end]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    return before[breaks[-1].end() if breaks else 0:].strip()


def statements(doc: Document, sections: dict[str, Section], projects: list[str]) -> list[dict]:
    """Scores and project budgets the evaluation text states (预算绩效管理情况 and 附件)."""
    spans = [sections[k] for k in ("other.performance", "part.attachments") if k in sections]
    out = []
    for span in spans:
        for line in doc.lines[span.heading - 1 : span.end]:
            if line.raw.startswith("\t"):
                continue  # the table itself
            for rx, measure in ((_SCORE, "score"), (_BUDGET, "budget")):
                for m in rx.finditer(line.text):
                    subject = _subject(line.text, m.start())
                    project = _which_project(line.text[: m.end()], projects)
                    if measure == "budget" and not project:
                        continue
                    if measure == "score" and "部门整体" in subject:
                        project = ""
                    out.append({"subject": subject, "project": project, "measure": measure,
                                "value": parse_number(m["n"]), "section": span.title,
                                "line": line.number, "text": line.stripped})
    return out


def _which_project(text: str, projects: list[str]) -> str:
    """The project a statement is about: the last one named before it in the line."""
    best, pos = "", -1
    for p in projects:
        for key in {p, p.removesuffix("经费"), p.removesuffix("工作经费")}:
            i = text.rfind(key)
            if key and i > pos:
                best, pos = p, i
    return best


def extract_performance(doc: Document, sections: dict[str, Section], tables: list[list[Row]]) -> dict[str, list[dict]]:
    out = {"budget": [], "indicators": [], "summary": []}
    for rows in tables:
        for key, values in read_table(rows).items():
            out[key].extend(values)
    projects = sorted({r["project"] for key in out for r in out[key] if r["project"]})
    out["statements"] = statements(doc, sections, projects)
    return out


def rows_from_table(table) -> list[Row]:
    """A .docx table (source.Table) as rows; every row stands at the table's line."""
    return [Row(tuple(cells), table.line) for cells in table.rows]
