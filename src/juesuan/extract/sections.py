"""The template's sections, found by their titles whatever their numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.document import Document, Line

# key, title (normalised); order is the template's order.
TEMPLATE: tuple[tuple[str, str], ...] = (
    ("part.overview", "部门概况"),
    ("part.accounts", "部门决算情况说明"),
    ("overview", "收入支出决算总体情况说明"),
    ("income", "收入决算情况说明"),
    ("expenditure", "支出决算情况说明"),
    ("fiscal", "财政拨款收入支出决算总体情况说明"),
    ("general_budget", "一般公共预算财政拨款支出决算情况说明"),
    ("general_budget.total", "一般公共预算财政拨款支出决算总体情况"),
    ("general_budget.structure", "一般公共预算财政拨款支出决算结构情况"),
    ("general_budget.detail", "一般公共预算财政拨款支出决算具体情况"),
    ("basic", "一般公共预算财政拨款基本支出决算情况说明"),
    ("three_public", '财政拨款"三公"经费支出决算情况说明'),
    ("three_public.total", '"三公"经费财政拨款支出决算总体情况说明'),
    ("three_public.detail", '"三公"经费财政拨款支出决算具体情况说明'),
    ("gov_fund", "政府性基金预算支出决算情况说明"),
    ("state_capital", "国有资本经营预算支出决算情况说明"),
    ("other", "其他重要事项的情况说明"),
    ("other.operating_cost", "机关运行经费支出情况"),
    ("other.procurement", "政府采购支出情况"),
    ("other.assets", "国有资产占有使用情况"),
    ("other.performance", "预算绩效管理情况"),
    ("part.glossary", "名词解释"),
    ("part.attachments", "附件"),
    ("part.appendix", "附表"),
)
# Sections a report must have to be read as a final-accounts report at all.
CORE = ("overview", "income", "expenditure", "general_budget", "three_public")
# Sections whose absence is worth a warning (a report cut off part way).
EXPECTED = tuple(k for k, _ in TEMPLATE if not k.startswith("part.") and k != "other.performance")

_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、.]|\d+\s*[、.]|"
    r"\((?:[一二三四五六七八九十]+|\d+)\)[、.]?)?"
)
_YEAR_PREFIX = re.compile(r"^\d{4}年度?")
_TITLE_INDEX = {title.replace('"', ""): key for key, title in TEMPLATE}
_MAX_HEADING = 40


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # as written, without its numbering
    heading: int  # line number of the heading
    end: int  # last line number of the section (inclusive)


def heading_key(line: Line) -> tuple[str, str] | None:
    """(key, title as written) if the line is a template heading, else None."""
    text = line.text.strip()
    if not text or len(text) > _MAX_HEADING:
        return None
    m = _NUMBERING.match(text)
    title = _YEAR_PREFIX.sub("", text[m.end():].strip()).rstrip("。.:")
    key = _TITLE_INDEX.get(title.replace('"', "").replace(" ", ""))
    if key is None and not title.endswith("说明"):
        key = _TITLE_INDEX.get(title.replace('"', "").replace(" ", "") + "说明")
    if key is None:
        return None
    start = len(line.text) - len(line.text.lstrip()) + m.end()
    return key, line.raw[start:].strip().rstrip("。.:：")


def find_sections(doc: Document) -> dict[str, Section]:
    """Each template section's first occurrence, ending where the next heading starts."""
    found: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for line in doc.lines:
        hit = heading_key(line)
        if hit and hit[0] not in seen:
            seen.add(hit[0])
            found.append((hit[0], hit[1], line.number))
    sections = {}
    for i, (key, title, number) in enumerate(found):
        end = found[i + 1][2] - 1 if i + 1 < len(found) else len(doc.lines)
        sections[key] = Section(key, title, number, end)
    return sections


def section_lines(doc: Document, section: Section) -> list[Line]:
    return list(doc.lines[section.heading : section.end])


def report_year(doc: Document) -> int | None:
    """The report's year as the document states it (第二部分 2023年度部门决算情况说明)."""
    counts: dict[int, int] = {}
    for line in doc.lines:
        for m in re.finditer(r"(20\d\d)年度部门决算", line.text):
            return int(m[1])
        for m in re.finditer(r"(20\d\d)年度", line.text):
            counts[int(m[1])] = counts.get(int(m[1]), 0) + 1
    return max(counts, key=counts.get) if counts else None
