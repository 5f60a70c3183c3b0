"""The data behind 图1–图7 → charts.csv.

In a text export the chart data stands after 第五部分 附表 as tab-separated runs: a series
name, its category labels, then its values. A .docx carries the same in its chart parts.
Blocks are matched to the report's 图 captions by what they contain (收入/支出 bars, 基本支出
pies, 类 names …), never by their placeholder titles (列1, 2023年).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.document import ChartBlock, Document, Series, normalise
from ..model.numbers import parse_cell, to_wanyuan
from ..reference import find_class_code
from .sections import Section

CHART_COLUMNS = ["figure", "caption", "kind", "series", "category", "value", "label_in_source",
                 "series_in_source", "unit_in_source", "line", "text"]

# Role of each figure in the template, its default number and caption.
ROLES = {
    "total_change": (1, "收、支决算总计变动情况图", "bar"),
    "income_structure": (2, "收入决算结构图", "pie"),
    "expenditure_structure": (3, "支出决算结构图", "pie"),
    "fiscal_change": (4, "财政拨款收、支决算总计变动情况", "bar"),
    "gb_change": (5, "一般公共预算财政拨款支出决算变动情况", "bar"),
    "gb_structure": (6, "一般公共预算财政拨款支出决算结构", "pie"),
    "three_public": (7, '“三公”经费财政拨款支出结构', "pie"),
}
_CAPTION = re.compile(r"\(图\s*(?P<n>\d+)\s*[:,]\s*(?P<caption>[^)]+)\)\s*(?:\((?P<kind>[^)]*图)\))?")
_UNIT_SUFFIX = re.compile(r"^(?P<label>.*?)\s*[(（]\s*(?P<unit>亿元|万元|元|%)\s*[)）]\s*$")


@dataclass(frozen=True)
class Caption:
    figure: int
    caption: str  # as written
    kind: str  # bar / pie / '' (from 柱状图 / 饼状图)
    line: int


def find_captions(doc: Document) -> list[Caption]:
    out = []
    for line in doc.lines:
        for m in _CAPTION.finditer(line.text):
            kind = {"柱状图": "bar", "饼状图": "pie", "条形图": "bar", "饼图": "pie"}.get(m["kind"] or "", "")
            out.append(Caption(int(m["n"]), line.raw[m.start("caption"):m.end("caption")].strip(), kind, line.number))
    return out


def text_chart_blocks(doc: Document, sections: dict[str, Section]) -> list[ChartBlock]:
    """Tab-separated chart data after the appendix heading of a text export."""
    appendix = sections.get("part.appendix")
    if appendix is None:
        return []
    blocks, titles, cells = [], [], []
    for line in doc.lines[appendix.heading:]:
        if "\t" in line.raw:
            cells.extend((c.strip(), line.number, line.stripped) for c in line.raw.split("\t") if c.strip())
            continue
        if cells:
            blocks.append(_block(titles, cells))
            titles, cells = [], []
        if line.raw.strip():
            titles.append(line.raw.strip())
        elif not cells:
            continue
    if cells:
        blocks.append(_block(titles, cells))
    return [b for b in blocks if b.series]


def _block(titles: list[str], cells: list[tuple[str, int, str]]) -> ChartBlock:
    """Cells are runs of names followed by runs of values: [series] labels… values…"""
    series, names, values = [], [], []
    for cell in cells + [("", 0, "")]:
        is_value = parse_cell(normalise(cell[0])) is not None
        if is_value and cell[0]:
            values.append(cell)
            continue
        if values:
            n = len(values)
            labels = names[-n:] if len(names) >= n else names
            head = names[: len(names) - len(labels)]
            series.append(Series(
                name=head[-1][0] if head else "",
                labels=tuple(c[0] for c in labels),
                values=tuple(parse_cell(normalise(c[0])) for c in values[: len(labels)]),
                lines=tuple(c[1] for c in values[: len(labels)]),
                texts=tuple(c[2] for c in values[: len(labels)]),
            ))
            names, values = [], []
        if cell[0]:
            names.append(cell)
    return ChartBlock(title=" ".join(titles[-1:]), series=tuple(series))


def clean_label(label: str) -> tuple[str, str]:
    """'收入（万元）' → ('收入', '万元')."""
    m = _UNIT_SUFFIX.match(label)
    return (m["label"].strip(), m["unit"]) if m else (label.strip(), "")


def block_role(block: ChartBlock) -> str:
    labels = [normalise(clean_label(lab)[0]) for s in block.series for lab in s.labels]
    units = {clean_label(lab)[1] for s in block.series for lab in s.labels}
    joined = "".join(labels)
    if set(labels) <= {"收入", "支出"}:
        return "fiscal_change" if "财政拨款" in block.title else "total_change"
    if "一般公共预算" in joined and (len(block.series) > 1 or "万元" in units):
        return "gb_change"
    if {"基本支出", "项目支出"} & set(labels):
        return "expenditure_structure"
    if any(w in joined for w in ("出国", "公务用车", "公务接待")):
        return "three_public"
    if any(lab.endswith("收入") for lab in labels):
        return "income_structure"
    if labels and sum(bool(find_class_code(lab)) for lab in labels) * 2 >= len(labels):
        return "gb_structure"
    return ""


def caption_role(caption: str) -> str:
    c = normalise(caption)
    if "三公" in c:
        return "three_public"
    if "一般公共预算" in c:
        return "gb_structure" if "结构" in c else "gb_change"
    if "结构" in c:
        return "income_structure" if "收入" in c else "expenditure_structure"
    if "变动" in c:
        return "fiscal_change" if "财政拨款" in c else "total_change"
    return ""


def assign_roles(blocks: list[ChartBlock]) -> list[str]:
    """A role per block; a second 收入/支出 bar without a telling title is 财政拨款's (图4)."""
    roles = [block_role(b) for b in blocks]
    if "fiscal_change" not in roles and roles.count("total_change") > 1:
        roles[[i for i, r in enumerate(roles) if r == "total_change"][1]] = "fiscal_change"
    return roles


def chart_rows(blocks: list[ChartBlock], captions: list[Caption]) -> list[dict]:
    by_role = {caption_role(c.caption): c for c in captions}
    rows = []
    for block, role in zip(blocks, assign_roles(blocks)):
        if not role:
            continue
        number, caption, kind = ROLES[role]
        if role in by_role:
            number, caption = by_role[role].figure, by_role[role].caption
        values = [v for s in block.series for v in s.values]
        fractions = kind == "pie" and all(0 <= v <= 1.0001 for v in values) and sum(values) <= 1.01
        for s in block.series:
            for label, value, line, text in zip(s.labels, s.values, s.lines, s.texts):
                category, unit = clean_label(label)
                if kind == "bar":
                    value = to_wanyuan(value, unit or "万元")
                    series = clean_label(s.name)[0]
                else:
                    value = round(value * 100, 8) if fractions else value
                    series = caption
                rows.append({
                    "figure": number, "caption": caption, "kind": kind, "series": series,
                    "category": category, "value": value, "label_in_source": label,
                    "series_in_source": s.name, "unit_in_source": unit or ("比例" if fractions else "%" if kind == "pie" else ""),
                    "line": line, "text": text,
                })
    return sorted(rows, key=lambda r: r["figure"])
