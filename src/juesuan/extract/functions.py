"""功能分类 (类/款/项) lines → expenditure_by_function.csv.

类 rows come from the structure section (一般公共服务支出788.38万元，占75.06%), 项 rows from
the detail section (一般公共服务201（类）…03（款）行政运行01（项）：支出决算为…). Codes the
report leaves out are completed, first from the report's own other lines, then from the
classification reference by name; the official name stands beside the name as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..model.document import Document, Line
from ..model.numbers import MONEY, NUMBER, parse_number, to_wanyuan
from ..reference import (
    cues,
    find_child_code,
    find_class_code,
    metrics,
    name_key,
    official_name,
    same_name,
    similarity,
)
from .clauses import NAMED, SIMILAR, UNSECTIONED
from .sections import Section, section_lines

# origin of a 款/项 a budget names alone at a line's start (budget._named_alone): read, compared with nothing
NAMED_ALONE = "named_alone"
FUNCTION_COLUMNS = [
    "code", "level", "name", "name_in_source", "amount", "budget", "completion", "share", "prior", "change", "growth",
    "origin", "code_in_source", "line", "text", "attach",
]


@dataclass(frozen=True)
class FunctionLine:
    code: str
    level: str
    name: str
    name_in_source: str
    amount: float | None = None
    budget: float | None = None
    completion: float | None = None
    share: float | None = None
    prior: float | None = None  # last year's figure as the line states it (a budget's 上年预算 or 执行数)
    change: float | None = None  # the change the line states against it (万元)
    growth: float | None = None  # and in per cent
    origin: str = "stated"
    code_in_source: str = ""
    line: int | None = None
    text: str = ""
    attach: str = NAMED  # SIMILAR: the code was found by a name like, not equal to, one the tables or the reference give

    def row(self) -> dict:
        return {c: getattr(self, c) for c in FUNCTION_COLUMNS}


# A line that states a 项 by its level marks: …（类）…（项）, or …（款）…（项） under its 类's heading.
ITEM_LINE = re.compile(r"\(\d*\s*类\).*\(\d*\s*项\)")
ITEM_UNDER_CLASS = re.compile(r"\(\d*\s*款\).*\(\d*\s*项\)")
# 一般公共服务201（类）…, 一般公共服务支出（类）…, or 公共安全支出（204类）司法（06款）行政运行（01项）, after
# its number in a list (1. / 十一、 / （三）; （五）229其他支出（类）…, a code after the number, is _PATH_ITEM's)
_ITEM = re.compile(
    r"^\s*(?:\d+\s*[.、]\s*|(?:[一二三四五六七八九十]+\s*[.、]|\([一二三四五六七八九十\d]+\))\s*(?=\D))?"
    r"(?P<c1>[^()]+?)\s*(?P<d1>\d*)\s*\((?P<e1>\d*)\s*类\)\s*"
    r"(?P<c2>.+?)\s*(?P<d2>\d*)\s*\((?P<e2>\d*)\s*款\)\s*(?P<c3>.+?)\s*(?P<d3>\d*)\s*\((?P<e3>\d*)\s*项\)\s*:?"
    r"(?P<rest>.*)$"
)
_CLASS_ITEM = re.compile(
    rf"(?P<name>[^;,:、\d]+?)\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})\s*,?\s*(?:占[^\d%]*?(?P<share>{NUMBER})\s*%)?"
)
_STATED = {
    "amount": re.compile(rf"(?:支出决算|决算数|决算支出|支出)(?:数)?为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})"),
    "budget": re.compile(rf"(?:年初预算|调整后预算|预算数|预算)(?:数)?为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})"),
    "completion": re.compile(rf"完成(?:年初|调整后?)?预算(?:数)?的?\s*(?P<num>{NUMBER})\s*%"),
}


def class_code(name: str, known: dict[str, str]) -> str:
    """A 类's code from its name: the document's own tables first, then the reference."""
    name = _LEVEL_MARK.sub("", name)
    mine = [code for code, written in known.items() if len(code) == 3 and same_name(name, written)]
    return mine[0] if len(mine) == 1 else find_class_code(name)


def child_code(parent: str, level: str, name: str, known: dict[str, str], suffix: str = "") -> str:
    """A 款/项's code under ``parent``: the one the document's tables give that name (or clearly the
    closest), else the reference's."""
    width = 5 if level == "款" else 7
    name = _LEVEL_MARK.sub("", name)
    mine = sorted(((1.0 if same_name(name, written) else similarity(name, written), code)
                   for code, written in known.items()
                   if len(code) == width and code.startswith(parent) and code.endswith(suffix)), reverse=True)
    if mine and mine[0][0] >= 0.8 and (len(mine) == 1 or mine[1][0] < mine[0][0]):
        return mine[0][1]
    return find_child_code(parent, level, name, suffix=suffix)


def name_of(code: str, known: dict[str, str]) -> str:
    """The official name; for a code the reference does not hold, the name the document's tables give."""
    return official_name(code) or known.get(code, "")


_LEVEL_MARK = re.compile(r"[(（]\s*\d*\s*[类款项]\s*[)）]\s*$")


def class_rows(doc: Document, sections: dict[str, Section], known: dict[str, str] | None = None) -> list[FunctionLine]:
    """类 rows from the structure section's list after 主要用于以下方面：; elsewhere, the 类 a list by
    功能分类 names (``listed_classes``), of all funds."""
    known = known or {}
    section = sections.get("general_budget.structure") or sections.get("general_budget")
    rows, read = [], set()
    for line in section_lines(doc, section) if section is not None else ():
        m = re.search(r"主要用于[^:]*:", line.text)
        if not m:
            continue
        read.add(line.number)
        for item in _CLASS_ITEM.finditer(line.text, m.end()):
            written = line.raw[item.start("name"):item.end("name")].strip()
            code = class_code(written, known)
            if not code and _a_metric(written):
                continue  # 主要用于以下方面：基本支出3455.91万元…: spending by kind, no 功能分类 类
            rows.append(FunctionLine(
                code=code, level="类", name=name_of(code, known), name_in_source=written,
                amount=to_wanyuan(parse_number(item["num"]), item["unit"]),
                share=parse_number(item["share"]) if item["share"] else None,
                code_in_source="", line=line.number, text=line.stripped,
            ))
    return rows + [r for line in doc.lines if line.number not in read for r in listed_classes(line, known)]


def _a_metric(name: str) -> bool:
    """The name is a figure's of the metric vocabulary (基本支出, 项目支出), as reference/metrics.csv labels it."""
    return name_key(name) in _metric_labels()


@cache
def _metric_labels() -> frozenset[str]:
    return frozenset(name_key(spec.label_zh) for spec in metrics().values())


@cache
def _function_list() -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(cues("function_list"), key=len, reverse=True))))


# what may stand before a 类's name in a list: a list number, 其中, quotes
_LIST_LEAD = re.compile(r"^[\s\"'“”‘’()（）、.．]*(?:其中|主要是|主要为|分别为|依次为|包括|包含|为)?[:：\s\"'“”‘’]*")


def listed_classes(line: Line, known: dict[str, str]) -> list[FunctionLine]:
    """The 类 a line lists after words saying its figures are by 功能分类 (按支出功能分类：教育4411.13万元，
    占总支出84.62%；社会保障和就业406.13万元…), or two or more of them listed: an item counts only where its
    name is a 类's, written with or without 支出. They detail a whole of all funds, not the 一般公共预算 the checks compare 类
    with, so their origin is ``all_funds``: recorded, not checked."""
    m = _function_list().search(line.text)
    rows = []
    for item in _CLASS_ITEM.finditer(line.text, m.end() if m else 0):
        written = _LIST_LEAD.sub("", line.raw[item.start("name"):item.end("name")]).strip().strip("\"'“”‘’")
        # (教育支出预算 11398.02万元: the 类 with the word for what its figure is)
        written = re.sub(r"(?<=支出)(?:预算|决算)数?$", "", written)
        code = find_class_code(written) and class_code(written, known)  # a 类's name, not one like it
        if code:
            rows.append(FunctionLine(
                code=code, level="类", name=name_of(code, known), name_in_source=written,
                amount=to_wanyuan(parse_number(item["num"]), item["unit"]),
                share=parse_number(item["share"]) if item["share"] else None,
                origin="all_funds", line=line.number, text=line.stripped))
    # without such words, two 类 or more with their amounts are a list by 功能分类 themselves (支出包括：一般
    # 公共服务支出656.32万元、社会保障和就业支出69.32万元…); one alone may be a figure of anything
    return rows if m or len({r.code for r in rows}) >= 2 else []


@dataclass(frozen=True)
class _Parsed:
    line: Line
    names: tuple[str, str, str]  # 类, 款, 项 names as written
    digits: tuple[str, str, str]  # codes as written ('' where left out)
    values: dict


# A 项 written by its full 7-digit code, wherever it stands in the line (平潭 2015–2016, and tables run
# together as text): 2010601财政事务—行政运行1,144.57万元 | 2010301 行政运行 445.76万元 |
# 科目编码2010301-政府机构行政运行的金额为311.52万元 | 行政运行（2040401）支出1,466万元 |
# 其中行政运行（科目编码：2010301）623.72万元. The amount is the first one after it in the same clause.
_AMOUNT_AFTER = rf"\s*(?:的金额|支出决算|决算数|决算|支出|金额)?\s*为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})"
_CODE_FIRST = re.compile(rf"(?:科目编码[:：]?\s*)?(?<!\d)(?P<code>2\d{{6}})(?!\d)\s*[-—–]?\s*"
                         rf"(?P<name>[\u4e00-\u9fff()（）、\-—–]{{2,40}}?){_AMOUNT_AFTER}")
_NAME_FIRST = re.compile(rf"(?P<name>[\u4e00-\u9fff、]{{2,30}}?)\s*\((?:科目编码[:：]?)?\s*(?P<code>2\d{{6}})\)"
                         rf"{_AMOUNT_AFTER}")


def parse_coded_items(line: Line) -> list[_Parsed]:
    """Every 项 of a line written by its 7-digit code (see above)."""
    out, taken = [], set()
    for rx in (_NAME_FIRST, _CODE_FIRST):
        for m in rx.finditer(line.text):
            if m.start("code") in taken:
                continue
            taken.add(m.start("code"))
            written = line.raw[m.start("name"):m.end("name")].strip()
            written = re.sub(r"^(?:其中|\d+[.、]|[(（][一二三四五六七八九十\d]+[)）])+", "", written)
            kuan, _, xiang = written.rpartition("—") if "—" in written else written.rpartition("-")
            code = m["code"]
            out.append(_Parsed(line, ("", kuan.strip(), xiang.strip() or written), (code[:3], code[3:5], code[5:]),
                               {"amount": to_wanyuan(parse_number(m["num"]), m["unit"])}))
    return sorted(out, key=lambda p: p.line.text.find(p.digits[0] + p.digits[1] + p.digits[2]))


# 上海's budgets: 1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元，主要用于… —
# the 类, 款 and 项 names joined by dashes, the amount after 科目.
_PATH_ITEM = re.compile(
    rf'^\s*(?:\d+\s*[.、]\s*)?"?(?P<c1>[^"\-—－]+?)\s*[-—－]\s*(?P<c2>[^"\-—－]+?)\s*[-—－]\s*(?P<c3>[^"\-—－]+?)"?'
    rf"\s*科目\s*(?:支出|预算|决算)?(?:数)?为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})(?P<rest>.*)$")


def parse_item(line: Line) -> _Parsed | None:
    """One 项 line of the detail section, or None if the line is not one."""
    m = _ITEM.match(line.text)
    path = None if m else _PATH_ITEM.match(line.text)
    if not m and not path:
        return None
    found = m or path
    names = tuple(line.raw[found.start(g):found.end(g)].strip() for g in ("c1", "c2", "c3"))
    values = {"amount": to_wanyuan(parse_number(path["num"]), path["unit"])} if path else {}
    for key, rx in _STATED.items():
        v = rx.search(found["rest"])
        if v and key not in values:
            num = parse_number(v["num"])
            values[key] = num if key == "completion" else to_wanyuan(num, v["unit"])
    digits = ("", "", "") if path else tuple(m[f"d{i}"] or m[f"e{i}"] for i in (1, 2, 3))
    return _Parsed(line, names, digits, values)


# A 项 whose amount a PDF set on the next line: (六)2080505-机关事业单位基本养老保险缴费支出 / 442.44万元。…
_CODE_NAME_ONLY = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.])?\s*2\d{6}\s*[-—–]?\s*"
                             r"[\u4e00-\u9fff()（）、]{2,40}\s*$")
_AMOUNT_FIRST = re.compile(rf"^\s*{NUMBER}\s*(?:亿元|万元|元)")


def item_rows(doc: Document, sections: dict[str, Section],
              known: dict[str, str] | None = None) -> tuple[list[FunctionLine], dict[str, tuple[str, Line]]]:
    """项 rows with complete 7-digit codes where they can be completed, and each 款's name
    as the report first writes it, with that line (by completed 款 code)."""
    known = known or {}
    section = sections.get("general_budget.detail") or sections.get("general_budget")
    if section is None:
        return [], {}
    parsed = []
    lines = section_lines(doc, section)
    for i, line in enumerate(lines):
        if _CODE_NAME_ONLY.match(line.text) and i + 1 < len(lines) and _AMOUNT_FIRST.match(lines[i + 1].text):
            line = replace(line, raw=line.raw + lines[i + 1].raw, text=line.text + lines[i + 1].text)
        item = parse_item(line)
        parsed += [item] if item else parse_coded_items(line)
    # The report's own lines: a 款 name written with its code on one line completes the others.
    known_kuan = {}
    for p in parsed:
        lei = _class_code(p, known)
        if lei and len(p.digits[1]) in (2, 5):
            known_kuan[(lei, p.names[1])] = _full(lei, p.digits[1], 5)
    rows, kuan_names = [], {}
    for p in parsed:
        lei = _class_code(p, known)
        kuan = _full(lei, p.digits[1], 5) if lei and p.digits[1] else known_kuan.get((lei, p.names[1]), "")
        if lei and not kuan:
            kuan = child_code(lei, "款", p.names[1], known)
        if lei and not kuan and p.digits[2]:
            # The 项 code's own digits and name can identify its 款.
            xiang = child_code(lei, "项", p.names[2], known, suffix=p.digits[2][-2:])
            kuan = xiang[:5]
        xiang = ""
        if kuan:
            xiang = _full(kuan, p.digits[2], 7) if p.digits[2] else child_code(kuan, "项", p.names[2], known)
        rows.append(FunctionLine(
            code=xiang, level="项", name=name_of(xiang, known), name_in_source=p.names[2],
            amount=p.values.get("amount"), budget=p.values.get("budget"),
            completion=p.values.get("completion"), origin="stated",
            code_in_source="/".join(d or "?" for d in p.digits), line=p.line.number, text=p.line.stripped,
            attach=NAMED if not xiang or p.digits[2] or _named_so(p.names[2], xiang, known) else SIMILAR,
        ))
        if kuan:
            kuan_names.setdefault(kuan, (p.names[1], p.line))
    return rows, kuan_names


def _named_so(name: str, code: str, known: dict[str, str]) -> bool:
    """The name written is the code's own, as the document's tables or the classification give it."""
    name = _LEVEL_MARK.sub("", name)
    return any(same_name(name, written) for written in (known.get(code, ""), official_name(code)) if written)


def _class_code(p: _Parsed, known: dict[str, str]) -> str:
    return p.digits[0] if len(p.digits[0]) == 3 else class_code(p.names[0], known)


def _full(parent: str, digits: str, width: int) -> str:
    """A code from its parent and the digits written (2 digits, or already complete)."""
    if len(digits) == width:
        return digits
    return parent + digits[-2:].zfill(2) if parent else ""


def derived_rows(items: list[FunctionLine], classes: list[FunctionLine],
                 kuan_names: dict[str, tuple[str, Line]], known: dict[str, str] | None = None) -> list[FunctionLine]:
    """款 totals summed from their 项 (and 类 totals where the report states none).

    A 款 row's line is where its name is first written, the amount being derived."""
    out = []
    by_kuan: dict[str, list[FunctionLine]] = {}
    for row in items:
        if len(row.code) == 7:
            by_kuan.setdefault(row.code[:5], []).append(row)
    for kuan, rows in by_kuan.items():
        written, line = kuan_names[kuan]
        out.append(FunctionLine(
            code=kuan, level="款", name=name_of(kuan, known or {}), name_in_source=written,
            amount=_sum(rows, "amount"), budget=_sum(rows, "budget"), origin="derived",
            line=line.number, text=line.stripped,
        ))
    stated = {r.code for r in classes if r.origin == "stated"}  # a 类 of all funds is not the 项s' whole
    for lei in sorted({k[:3] for k in by_kuan} - stated):
        rows = [r for r in items if r.code.startswith(lei)]
        out.append(FunctionLine(code=lei, level="类", name=name_of(lei, known or {}), name_in_source="",
                                amount=_sum(rows, "amount"), origin="derived"))
    return out


def _sum(rows: list[FunctionLine], field: str) -> float | None:
    """The items' total, each 项 counted once: a report that states an item twice (its 财政拨款 and
    its 一般公共预算 sections: the same code, the same name) with one figure gives it once; with two
    figures the total is unknown."""
    by_item: dict[tuple[str, str], set] = {}
    for row in rows:
        by_item.setdefault((row.code, row.name_in_source), set()).add(getattr(row, field))
    values = [v for written in by_item.values() for v in written]
    if not values or any(v is None for v in values) or any(len(w) > 1 for w in by_item.values()):
        return None
    return round(sum(values), 6)


def extract_functions(doc: Document, sections: dict[str, Section],
                      known: dict[str, str] | None = None) -> list[FunctionLine]:
    """``known``: code → name as the document's own appendix tables write them (codes are taken
    from there first, then from the reference)."""
    classes = class_rows(doc, sections, known)
    # a page of the 具体情况 alone (一般公共服务(类)…(款)…(项):支出决算为441.72万元), no heading found: its items,
    # marked by their levels, are read as the section's — of which funds, no section says (no error rests on
    # them, nor on the 类/款 summed from them)
    whole = {"general_budget.detail": Section("general_budget.detail", "", 0, len(doc.lines))}
    items, kuan_names = item_rows(doc, sections or whole, known)
    derived = derived_rows(items, classes, kuan_names, known)
    if not sections:
        items, derived = ([replace(r, attach=UNSECTIONED) for r in rows] for rows in (items, derived))
    return sorted(classes + derived + items, key=lambda r: (r.code or "~", len(r.code)))


# 3.卫生健康支出中的…1196.48万元 / (2)… : a numbered line with an amount, as the 具体情况 lists its 项
_NUMBERED_AMOUNT = re.compile(r"^\s*(?:\d{1,2}\s*[.、．]|[(（]\d{1,2}[)）])(?!\d).*?\d\s*(?:万元|元)")


def unread_item_lines(doc: Document, sections: dict[str, Section], rows: list[FunctionLine]) -> list[int]:
    """Lines of the 具体情况 that list something as its 项 are listed (numbered, with an amount) but gave
    no 项: the items read may not be all, so their sum is not compared with certainty."""
    section = sections.get("general_budget.detail")
    if section is None:
        return []
    read = {r.line for r in rows if r.level == "项"}
    return [ln.number for ln in section_lines(doc, section)
            if ln.number not in read and _NUMBERED_AMOUNT.match(ln.text)]
