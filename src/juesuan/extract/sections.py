"""The template's sections, found by their titles whatever their numbering."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model.document import Document, Line
from ..reference import section_signatures

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
# Other titles for the same sections, across provinces and years (2014–2025): the pre-2015 name
# 公共财政拨款 is read as 一般公共预算财政拨款 (see _title_key), 说明 is optional.
ALIASES: tuple[tuple[str, str], ...] = (
    ("part.accounts", "部门决算说明"), ("part.accounts", "部门决算情况"),
    ("overview", "决算收支总体情况"), ("overview", "收支决算总体情况"), ("overview", "收入支出总体情况"),
    ("general_budget", "一般公共预算财政拨款支出情况"), ("general_budget", "财政拨款支出决算情况"),
    ("three_public", '"三公"经费一般公共预算财政拨款支出决算情况'), ("three_public", '"三公"经费财政拨款支出决算情况'),
    ("three_public", '"三公"经费支出决算情况'),
    ("gov_fund", "政府性基金预算财政拨款收入支出决算情况"), ("gov_fund", "政府性基金预算财政拨款支出决算情况"),
    ("gov_fund", "政府性基金支出决算情况"),
    ("state_capital", "国有资本经营预算财政拨款收入支出决算情况"), ("state_capital", "国有资本经营预算财政拨款支出决算情况"),
    ("fiscal", "财政拨款收入决算情况"), ("fiscal", "财政拨款收支决算总体情况"),
    ("other", "其他重要事项说明"), ("other.procurement", "政府采购支出、国有资产占用情况"),
    ("other.assets", "国有资产占用情况"), ("other.performance", "预算绩效情况"),
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
_MAX_HEADING = 40


def _title_key(title: str) -> str:
    """A heading's title for comparison: no quotes or spaces, the current name of 公共财政拨款, no 说明."""
    k = title.replace('"', "").replace(" ", "").replace("“", "").replace("”", "")
    k = re.sub(r"(?<!一般)公共财政拨款", "一般公共预算财政拨款", k)
    k = k.replace("的情况", "情况")
    return k.removesuffix("说明")


_TITLE_INDEX = {_title_key(title): key for key, title in TEMPLATE}
_TITLE_INDEX.update({_title_key(title): key for key, title in ALIASES if _title_key(title) not in _TITLE_INDEX})
_BY_LENGTH = sorted(_TITLE_INDEX, key=len, reverse=True)


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # as written, without its numbering
    heading: int  # line number of the heading
    end: int  # last line number of the section (inclusive)


def _three_public(title: str) -> str | None:
    """A 三公 heading in a province's own words (一般公共预算财政拨款“三公”经费支出决算情况说明, “三公”经费
    财政拨款支出总体情况说明, …与年初预算对比情况): the 三公 section, its 总体 or 具体 part where it says so."""
    k = _title_key(title)
    if "三公经费" not in k or not re.search(r"情况$", k) or len(k) > 30:
        return None
    return "three_public.total" if "总体" in k else "three_public.detail" if re.search(r"具体|对比|明细", k) else "three_public"


def _by_signature(title: str) -> str | None:
    """A numbered heading in words no template here uses (收入决算总体安排情况, 高等学校收支决算总表说明):
    the section whose words it has and whose exclusions it has not (reference/section_signatures.csv);
    None when none, or more than one, fits."""
    k = _title_key(title)  # a table's name alone (收入决算表, in a list of attachments) is no heading
    if len(k) > 30 or not re.search(r"(?:情况|说明)$", title.strip()) or re.search(r"\d", k):
        return None
    keys = [key for key, needs, excludes in section_signatures()
            if all(any(w in k for w in group) for group in needs) and not any(w in k for w in excludes)]
    return keys[0] if len(keys) == 1 else None


def subject_section(words: str) -> str | None:
    """The section whose subject a title says the document is of (“三公”经费, 一般公共预算财政拨款“三公”经费
    支出): a page about that alone is that section from its first line to its last."""
    if not words.strip():
        return None
    title = words + "决算情况"  # as a heading of that subject would read
    key = _three_public(title) or _by_signature(title)
    return key.split(".")[0] if key else None


def heading_key(line: Line) -> tuple[str, str] | None:
    """(key, title as written) if the line is a template heading, else None."""
    text = line.text.strip()
    if not text or len(text) > _MAX_HEADING:
        return None
    m = _NUMBERING.match(text)
    title = _YEAR_PREFIX.sub("", text[m.end():].strip()).rstrip("。.:")
    key = _TITLE_INDEX.get(_title_key(title)) or _three_public(title) or \
        (_by_signature(title) if m.group() and not text.endswith("。") else None)  # a sentence ends with 。
    if key is None:
        return None
    start = len(line.text) - len(line.text.lstrip()) + m.end()
    return key, line.raw[start:].strip().rstrip("。.:：")


def inline_heading(line: Line) -> int | None:
    """Where a heading written at the start of a line ends, when text follows it on the same line (a
    web page run together: 四、2016年决算收支总体情况2016年本部门年初结转和结余…). Without its number a
    heading is taken only for a title of some length followed by a figure's year or set apart by a
    space, as a page sets its blocks apart (决算收支总体情况2016年…, 2016年决算收支总体情况 潭城镇…): a
    sentence may begin with a short title's words."""
    text = line.text
    lead = len(text) - len(text.lstrip())
    m = _NUMBERING.match(text[lead:])
    numbered = bool(m and m.group())
    start = lead + (m.end() if numbered else 0)
    while start < len(text) and text[start] == " ":
        start += 1
    year = _YEAR_PREFIX.match(text[start:])
    body = start + (year.end() if year else 0)
    for end in range(body + 2, min(len(text), body + _MAX_HEADING) + 1):
        k = _title_key(text[body:end])
        if k in _TITLE_INDEX and end < len(text) and (numbered or (len(k) >= 6 and re.match(r"\s+|20\d\d", text[end:]))):
            longer = [t for t in _BY_LENGTH if t.startswith(k) and len(t) > len(k)]
            if not any(_title_key(text[body:body + len(t) + 8]).startswith(t) for t in longer):
                return end
    return None


# A numbered heading inside a line, where the text before it ends — a sentence or clause, a figure,
# its unit, a space: …/万元,七、"三公"经费…, …0万元六、…, …工勤财政拨款 4 6四、2014年决算收支总体情况….
_MID_MARK = re.compile(r"(?<=[\d\s,;。:!?%/元])[一二三四五六七八九十]{1,3}、")


def _cuts(line: Line) -> list[int]:
    """Where ``line`` is cut: before each numbered template heading inside it, and after each heading
    that text follows on the same line (offsets into the line, ascending)."""
    starts = [0] + [m.start() for m in _MID_MARK.finditer(line.text)
                    if _heading_in(line.text[m.start():])]
    cuts = []
    for i, at in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(line.text)
        part = replace(line, raw=line.raw[at:end], text=line.text[at:end])
        if at:
            cuts.append(at)
        if heading_key(part) is None:
            inner = inline_heading(part)
            if inner:
                cuts.append(at + inner)
    return cuts


def _heading_in(text: str) -> bool:
    """A numbered template heading starts ``text`` (alone, or with its text after it)."""
    probe = Line(0, text, text)
    return heading_key(probe) is not None or inline_heading(probe) is not None


def split_headings(doc: Document, renumbered: dict[int, int] | None = None) -> Document:
    """The document with every heading written inside a line set on a line of its own (lines numbered
    anew): an inline heading at the start of a line, and a numbered one further in. ``renumbered``, if
    given, is filled with each line's new number (of its first part) by its old one, where they differ."""
    cuts = {ln.number: _cuts(ln) for ln in doc.lines}
    if not any(cuts.values()):
        return doc
    out: list[Line] = []
    for ln in doc.lines:
        if renumbered is not None and ln.number != len(out) + 1:
            renumbered[ln.number] = len(out) + 1
        if not cuts[ln.number]:
            out.append(replace(ln, number=len(out) + 1))
            continue
        bounds = [0, *cuts[ln.number], len(ln.text)]
        for at, end in zip(bounds, bounds[1:]):
            if at == 0:
                out.append(replace(ln, number=len(out) + 1, raw=ln.raw[:end].strip(), text=ln.text[:end].strip(),
                                   breaks=tuple(b for b in ln.breaks if b[0] < end)))
                continue
            rest = len(ln.text[at:end]) - len(ln.text[at:end].lstrip())  # the text starts here
            page, line_at = ln.page_at(at + rest)
            out.append(replace(ln, number=len(out) + 1, raw=ln.raw[at:end].strip(), text=ln.text[at:end].strip(),
                               page=page, page_line=line_at,
                               breaks=tuple((b[0] - at - rest, b[1], b[2]) for b in ln.breaks
                                            if at + rest < b[0] < end)))
    return replace(doc, lines=tuple(out))


def find_sections(doc: Document) -> dict[str, Section]:
    """Each template section's first occurrence, ending where the next heading starts. A heading
    followed at once by another heading (blank lines aside: a web page's 目录 is set one entry a
    paragraph), and written again further on, is a line of the 目录 (a PDF's table of contents without
    dot leaders): the occurrence further on is the section."""
    contents = _contents(doc)
    hits = [(line.number, heading_key(line)) for line in doc.lines if line.number not in contents]
    hits = [(n, h) for n, h in hits if h]
    numbers = {n for n, _ in hits}
    written = [line.number for line in doc.lines if line.text.strip()]
    after = dict(zip(written, written[1:]))  # each written line's next written line
    later: dict[str, int] = {}
    for _n, (key, _title) in hits:
        later[key] = later.get(key, 0) + 1
    found: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for n, (key, title) in hits:
        later[key] -= 1
        if key in seen or (after.get(n, n + 1) in numbers and later[key] > 0):
            continue
        seen.add(key)
        found.append((key, title, n))
    found.sort(key=lambda f: f[2])
    sections = {}
    for i, (key, title, number) in enumerate(found):
        end = found[i + 1][2] - 1 if i + 1 < len(found) else len(doc.lines)
        sections[key] = Section(key, title, number, end)
    return sections


_CONTENTS = re.compile(r"^目\s*[录錄次]$")
_PART = re.compile(r"^第([一二三四五六七八九十])部分")
_DIGITS = "一二三四五六七八九十"
_SERIES = (_PART, re.compile(r"^([一二三四五六七八九十])\s*、"))


def _contents(doc: Document) -> set[int]:
    """The lines of a 目录 whose every entry the page does not write again (a page cut off before its last
    parts: 第四部分 2023年度部门绩效评价情况 listed, never reached): from the line 目录 to where the parts'
    numbering starts again (第一部分 after 第四部分, 一、 after 五、), the body's first line. None where it never does."""
    start = next((ln.number for ln in doc.lines if _CONTENTS.match(ln.text.strip())), None)
    if start is None:
        return set()
    last, series = 0, None
    for line in doc.lines[start:]:
        # the numbering of its first entry (第一部分, or 一、) is the one that starts again
        m = next((m for rx in ((series,) if series else _SERIES) if (m := rx.match(line.text.strip()))), None)
        if m:
            series = m.re
            number = _DIGITS.index(m[1]) + 1
            if number <= last:
                return set(range(start, line.number))
            last = number
    return set()


def section_lines(doc: Document, section: Section) -> list[Line]:
    return list(doc.lines[section.heading : section.end])


def report_year(doc: Document) -> int | None:
    """The report's year as the document states it (第二部分 2023年度部门决算情况说明); where it states
    none, the year after the one its figures are compared with (较2022年度决算数增加: a 2023 决算)."""
    counts: dict[int, int] = {}
    bare: dict[int, int] = {}  # 2015年 without 度; neither after 与/比/较 (与2014年决算数持平 compares with it)
    compared: dict[int, int] = {}
    for line in doc.lines:
        text = re.sub(r"\s+", "", line.text)  # a PDF spaces its figures out: 较 2022 年度
        for m in re.finditer(r"(20\d\d)年度部门决算", text):
            return int(m[1])
        for m in re.finditer(r"(?<![与比较\d])(20\d\d)年度", text):  # 较2020年度决算数: compared with
            counts[int(m[1])] = counts.get(int(m[1]), 0) + 1
        for m in re.finditer(r"(?<![与比较\d])(20\d\d)年(?!度)", text):
            bare[int(m[1])] = bare.get(int(m[1]), 0) + 1
        for m in re.finditer(r"[与比较](20\d\d)年度?决算", text):
            compared[int(m[1]) + 1] = compared.get(int(m[1]) + 1, 0) + 1
    counts = counts or bare or compared
    return max(counts, key=counts.get) if counts else None
