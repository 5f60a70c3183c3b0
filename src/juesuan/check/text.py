"""What the words say: a share without its % sign, a year mistyped in a heading, a template
placeholder left in, a sentence that contradicts its own numbers, a disclosure the template
requires that is missing. Read from the report's lines; a rule that cannot tell (ambiguous
wording) gives a warning, never an error."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..extract.identity import name_variants
from ..extract.narrative import named_subjects
from ..reference import cues, economic_codes, function_codes, same_name
from .context import Context, Finding, finding, line_of, num

# (占地面积51.16亩 is an area: 占地 is no share, and a figure with a unit of its own is none)
_SHARE_WITHOUT_SIGN = re.compile(r"占(?!地)[^，。；,;]{0,16}?(?<![\d.])(\d{1,3}\.\d{1,2})"
                                 r"(?!\s*[\d.%万元亿人个辆次批年月日项亩㎡平公米吨户床台套])")  # 93.6 %: its sign after a space
_BAD_YEAR = re.compile(r"(?<!\d)(\d{3}|\d{5,})年度")
_YEAR = re.compile(r"(?<!\d)(20\d\d)年度")
_PLACEHOLDER = re.compile(r"(?<![A-Za-z/._-])[XxＸｘ]{2,}(?![A-Za-z/._-])|×{2,}|【\s*】|〔\s*〕|\(\s*\)|（\s*）|_{3,}|＿{2,}|\*{2,}|＊{2,}|○{2,}")
# 共办理群众网上留言531件，其中领导信箱52件、…253件、…226件 (staffing and vehicles have rules of their own)
_LIST_TOTAL = re.compile(r"共(?:有|计|办理|受理|收到|处理|开展|组织|完成)?[^，。；,;:\d]{0,24}?(?P<total>\d+)(?P<unit>件|个|次|项|条|家|户|场|期|篇)"
                         r",?其中:?(?P<rest>[^。;]*)")
_LIST_PART = re.compile(r"(?<![\d.])(\d+)(件|个|次|项|条|家|户|场|期|篇|人|辆|名|%)")
# 比2026年预算增加793.14万元 in a 2026 budget: the year compared with is the report's own (last year's meant)
_OWN_YEAR = re.compile(r"(?:比|较|与|同)\s*(?P<year>20\d\d)\s*年度?(?:当年)?(?:预算执行数|预算|决算)?(?:数)?"
                       r"(?:(?:相比|比较),?[^。;,]{0,20}?)?(?:增加|减少|增长|下降|降低|上升|持平|基本持平|无变化)")
# The template's note to whoever fills it in (无…的，仍保留该表格式，并在本表下方作下述说明：), left in.
_INSTRUCTION = re.compile(r"仍保留(?:该|此|本)表格?式|无[^,，。]{2,30}的(?:部门|单位)?[,，](?:并?在本表下方)?作下述说明")
_HAS_OWN_RULE = ("编制", "实有人", "公务用车", "车辆")
# a heading naming the report itself (第三部分 XX局2023年度部门决算情况说明): its year is the report's own
_OWN_TITLE = re.compile(r"(?<!\d)(20\d\d)\s*年度?\s*(?:部门|单位)\s*(?:决算|预算)")
# 截至2023年12月31日 in a 2024 决算: the holdings it counts (车辆, 资产) are at the end of the report's year
_YEAR_END = re.compile(r"截[至止]\s*(20\d\d)\s*年\s*(?:12\s*月\s*(?:31\s*日|底|末)|末|底)")
_HEADING = re.compile(r"^\s*(?:第.{1,3}部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.])")


def rule_department_name(lines: list[tuple[int, str]], department: str) -> Iterator[Finding]:
    """The document naming itself otherwise than its cover does (extract.identity.name_variants)."""
    text = dict(lines)
    for number, written in name_variants(lines, department):
        row = {"line": number, "text": text[number].strip()[:200]}
        yield finding("text.department", "department", row, None, None,
                      f"此处部门名称写作“{written}”，与封面的“{department}”不一致，请核对。", "warning")


def text_rules(lines: list[tuple[int, str]], year: int | None, t: Context, kind: str = "部门决算") -> Iterator[Finding]:
    """``lines``: (number, normalised text) of every line of the report; ``kind``: what it says it is."""
    for number, text in lines:
        row = {"line": number, "text": text.strip()[:200]}
        for m in _SHARE_WITHOUT_SIGN.finditer(text):
            yield finding("text.percent_sign", "share", row, float(m[1]), None,
                          f"“{m[0]}”像是占比，但数字{m[1]}后没有百分号（%），请核对。", "warning")
        for m in _RATE_WITHOUT_SIGN.finditer(text):
            yield finding("text.percent_sign", "growth", row, float(m["num"]), None,
                          f"“{m[0]}”像是增减率，但数字{m['num']}后没有百分号（%）或单位，请核对。", "warning")
        if year:  # a report that states no year: its years are not held to one (extraction.NO_YEAR)
            yield from _year_rules(text, row, year, kind)
        if m := _INSTRUCTION.search(text):
            yield finding("text.instruction", "template", row, None, None,
                          f"“{text.strip()[:60]}”是模板中给编制单位的填报提示，不应出现在公开文本中，请核对。", "warning")
        if m := _ALTERNATIVE.search(text):
            yield finding("text.alternative", "template", row, None, None,
                          f"“{m[0]}”：模板给出的两种措辞都留在了文中，应只保留与数字相符的一种，请核对。", "warning")
        if m := _PLACEHOLDER.search(text):
            around = text[max(m.start() - 6, 0):m.end() + 2].strip()  # where it stands: 上海市普陀区XX局
            yield finding("text.placeholder", "placeholder", row, None, None,
                          f"“{around}”中的“{m[0]}”像是模板中未填写的占位符，请核对此处原文。", "warning")
    yield from _contradictions(lines, t)
    yield from _basic_or_project(t)
    yield from _basic_lists(t)
    yield from _purposes(t)
    yield from _required(t)
    yield from _list_counts(lines)
    yield from _repeated(lines)


_NUMBERS = re.compile(r"\d[\d,]*(?:\.\d+)?")
# 下降（增长）27.78%: the template's either-or left as it was (the change words: reference/cues.csv)
_CHANGE_WORD = "|".join(map(re.escape, cues("change")))
# 增长13.95。: a rate whose clause ends without its % (or unit)
_RATE_WITHOUT_SIGN = re.compile(rf"(?:{'|'.join(map(re.escape, cues('growth')))})(?P<num>\d{{1,3}}\.\d{{1,2}})(?=[。，；,;])")
_ALTERNATIVE = re.compile(rf"(?:{_CHANGE_WORD})[(（](?:{_CHANGE_WORD})[)）]")


_ITEM_NUMBER = re.compile(r"^(?:\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）])\s*")
_FORM_NUMBER = re.compile(r"公开\s*\d+\s*表")


def _year_rules(text: str, row: dict, year: int, kind: str) -> Iterator[Finding]:
    """The years a line writes, held to the report's own."""
    if m := _BAD_YEAR.search(text):
        yield finding("text.year", "year", row, None, None,
                      f"“{m[0]}”不是有效年份，疑为笔误（报告年度为{year}年）。", "error")
    elif _HEADING.match(text) and len(text.strip()) < 60:
        own = {m.start(1) for m in _OWN_TITLE.finditer(text)}
        for m in _YEAR.finditer(text):
            if int(m[1]) not in (year, year - 1) or (m.start(1) in own and int(m[1]) != year):
                yield finding("text.year", "year", row, float(m[1]), float(year),
                              f"标题写作“{m[0]}”，与报告年度{year}年不符。", "warning")
    if kind.endswith("决算") and (m := _YEAR_END.search(text)) and int(m[1]) != year:
        yield finding("text.year", "year", row, float(m[1]), float(year),
                      f"“{m[0]}”：{year}年度决算所述应为{year}年末的情况，请核对年份。", "warning")
    for m in _OWN_YEAR.finditer(text):
        # (a 决算 held to its own year's budget, 与2021年度预算相比, compares as it should)
        if int(m["year"]) == year and not (kind.endswith("决算") and "预算" in m[0]):
            yield finding("text.base_year", "year", row, float(m["year"]), float(year - 1),
                          f"“{m[0]}”：{year}年的数与{year}年本身相比，比较基期疑应为{year - 1}年，请核对。", "warning")


_PAGE_NUMBER_RUN_IN = re.compile(r"^\d{1,3}(?=20\d\d\s*年)")


def _repeated(lines: list[tuple[int, str]]) -> Iterator[Finding]:
    """A paragraph the report repeats (部门概况 again in the evaluation report) states the same
    numbers both times: same words, other numbers is a slip in one of them."""
    first: dict[str, tuple[int, list[str], str]] = {}
    for number, text in lines:
        # a list item's own number and a form number (公开06表) are not figures the paragraph states
        words = _FORM_NUMBER.sub("公开#表", _ITEM_NUMBER.sub("", text.strip()))
        # a page's number run into the line it starts (22017年预算数… for 2 / 2017年预算数…, a text export's
        # page break) is no figure of the paragraph
        words = _PAGE_NUMBER_RUN_IN.sub("", words)
        if len(words) < 30 or "\t" in text or not _NUMBERS.search(words):
            continue
        key, numbers = _NUMBERS.sub("#", words), _NUMBERS.findall(words)
        if key not in first:
            first[key] = (number, numbers, words)
            continue
        line, before, _ = first[key]
        if any(re.fullmatch(r"\d?\.?[2]\d{6}|\d{7}", n) for n in set(numbers) ^ set(before)):
            continue  # other 功能分类 codes: two items of a list written alike, not one paragraph twice
        if numbers != before:
            diffs = [f"{a}/{b}" for a, b in zip(before, numbers) if a != b]
            yield finding("text.repeated", "paragraph", {"line": number, "text": words[:200]}, None, None,
                          f"此段与第{line}行文字相同，但数字不同（第{line}行/此处：{'、'.join(diffs)}），其中一处有误。",
                          others=({"line": line},))


def _list_counts(lines: list[tuple[int, str]]) -> Iterator[Finding]:
    """A total and the parts listed after 其中, all counted in the same unit: two or more parts add
    up to the total (the template lists them all), a single part is not more than it."""
    for number, text in lines:
        for m in _LIST_TOTAL.finditer(text):
            if any(word in m.group() for word in _HAS_OWN_RULE):
                continue
            parts = _LIST_PART.findall(m["rest"])
            counted = [int(n) for n, unit in parts if unit == m["unit"]]
            if not counted or any(unit != m["unit"] for _n, unit in parts[:len(counted)]):
                continue  # parts in another unit (or a rate) first: not a list of this total
            whole, row = int(m["total"]), {"line": number, "text": text.strip()[:200]}
            if len(counted) >= 2 and sum(counted) != whole:
                yield finding("count.parts", "count", row, float(whole), float(sum(counted)),
                              f"共{whole}{m['unit']}，但其中所列各项{'+'.join(map(str, counted))}="
                              f"{sum(counted)}{m['unit']}，两者应一致。")
            elif len(counted) == 1 and counted[0] > whole:
                yield finding("count.parts", "count", row, float(whole), float(counted[0]),
                              f"共{whole}{m['unit']}，但其中一项即为{counted[0]}{m['unit']}。")


def _contradictions(lines: list[tuple[int, str]], t: Context) -> Iterator[Finding]:
    """A sentence whose words contradict the numbers it states."""
    by_line: dict[int, list[dict]] = {}
    for r in t["facts"]:
        by_line.setdefault(int(r["line"]), []).append(r)
    for r in t["functions"]:  # a 项's completion rate, stated on its line
        if r.get("completion") is not None and r["completion"] == r["completion"] and r.get("line") == r.get("line"):
            by_line.setdefault(int(r["line"]), []).append(
                {**r, "metric": r["code"], "measure": "completion", "value": r["completion"]})
    texts = dict(lines)
    yield from _compared_with_budget(t["functions"], texts)
    for number, rows in by_line.items():
        text = texts.get(number, "")
        said_of = _said_of([r for r in rows if r["measure"] == "completion"], text)
        or_equal = _OR_EQUAL.search(text) is not None  # 决算数小于预算数（或与预算数持平）: ≤, not <
        for r in rows:
            v = float(r["value"])
            if r["measure"] == "completion" and said_of(r):
                if "决算数等于预算数" in text and abs(v - 100) > 0.005:
                    yield finding("text.contradiction", r["metric"], r, v, 100.0,
                                  f"原文称“决算数等于预算数”，但完成预算{v:g}%。")
                if "决算数大于预算数" in text and (v < 100 if or_equal else v <= 100):
                    yield finding("text.contradiction", r["metric"], r, v, None,
                                  f"原文称“决算数大于预算数”，但完成预算{v:g}%，未超过100%。")
                if "决算数小于预算数" in text and (v > 100 if or_equal else v >= 100):
                    yield finding("text.contradiction", r["metric"], r, v, None,
                                  f"原文称“决算数小于预算数”，但完成预算{v:g}%。")
                if nought := _against_nought(r, rows, text):
                    yield nought
            flat = _flat_of(r, rows) if r["measure"] == "change" and abs(v) > 0.005 else None
            if flat is not None:
                yield finding("text.contradiction", r["metric"], r, v, 0.0,
                              f"原文称与上年“持平”，但所列增减额为{v:g}。", others=(flat,))


# the template's alternative kept beside the relation: 决算数小于预算数（或与预算数持平）的主要原因
_OR_EQUAL = re.compile(r"决算数?[大小]于(?:年初)?预算数\s*[(（]?\s*或(?:与(?:年初)?预算数?)?(?:持平|相等|一致|等于)")


def _said_of(rates: list[dict], text: str) -> Callable[[dict], bool]:
    """Which of a line's completion rates its 决算数大于预算数 is said of: the subject's its clause names
    (…“三公”经费支出决算数大于预算数的主要原因), or, naming none, the line's one rate — never another
    subject's rate on the line (其中：因公出国（境）费支出决算为0元，完成预算的0%). Without those words, any."""
    m = _RELATION_SAID.search(text)
    if m is None:
        return lambda rate: True  # no words of the relation: the rules below say nothing
    start = max(text.rfind(c, 0, m.start()) for c in "。;；") + 1
    named = named_subjects(text[start:m.start()])
    alone = len({r["metric"] for r in rates}) == 1
    return lambda rate: rate["metric"] in named if named else alone


# 决算数大于预算数的主要原因 … : the relation the words state between the two figures the line gives
_RELATION = {"大于": lambda spent, budget: spent > budget, "小于": lambda spent, budget: spent < budget,
             "等于": lambda spent, budget: abs(spent - budget) < 0.005}
_RELATION_SAID = re.compile(r"决算数?(?P<word>大于|小于|等于)(?:年初)?预算数")


def _compared_with_budget(functions: list[dict], texts: dict[int, str]) -> Iterator[Finding]:
    """A 项 whose line gives its 年初预算 and its 决算 and says which is larger, where the figures say
    otherwise (年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因…). Only a line
    that states one item's two figures: the words are then about those two."""
    on_line: dict[int, list[dict]] = {}
    for r in functions:
        # (a 类 or 款 summed from its 项 stands on the 项's line, but the line does not state it)
        if line_of(r) is not None and r.get("origin") != "derived":
            on_line.setdefault(line_of(r), []).append(r)
    for number, rows in on_line.items():
        m = _RELATION_SAID.search(texts.get(number, ""))
        both = [r for r in rows if num(r.get("amount")) is not None and num(r.get("budget")) is not None]
        if m is None or len(both) != 1 or any(num(r.get("completion")) is not None for r in rows):
            continue  # a stated completion rate has its own rule (above)
        r = both[0]
        spent, budget = num(r["amount"]), num(r["budget"])
        equal = _OR_EQUAL.search(texts.get(number, "")) is not None and _RELATION["等于"](spent, budget)
        if not _RELATION[m["word"]](spent, budget) and not equal:
            yield finding("text.contradiction", r["code"], r, spent, budget,
                          f"原文称“{m[0]}”，但所列决算数{spent:,.2f}万元、年初预算数{budget:,.2f}万元，两者关系与此不符。")


def _against_nought(r: dict, rows: list[dict], text: str) -> Finding | None:
    """完成年初预算的95.89% where the same sentence puts 年初预算 at 0: a rate of nought is no rate —
    the figure is against another budget (the 全年预算, when the sentence gives one that bears it out)."""
    if "完成年初预算" not in text.replace("的", ""):
        return None
    same = [x for x in rows if x["metric"] == r["metric"]]
    if not any(x["measure"] == "budget" and abs(float(x["value"])) < 0.005 for x in same):
        return None
    full = next((x for x in same if x["measure"] == "budget_full" and float(x["value"])), None)
    spent = next((x for x in same if x["measure"] == "amount"), None)
    why = ""
    if full is not None and spent is not None and abs(float(spent["value"]) / float(full["value"]) * 100
                                                      - float(r["value"])) < 0.01:
        why = f"；{float(r['value']):g}%是决算{float(spent['value']):g}万元对全年预算{float(full['value']):g}万元之比，应为“完成全年预算”"
    return finding("text.contradiction", r["metric"], r, float(r["value"]), None,
                   f"原文称“完成年初预算的{float(r['value']):g}%”，但年初预算为0，无从计算完成率{why}。请核对措辞。",
                   "warning")


_USED_FOR = re.compile(r"主要用于[:：]?(?P<what>[^。]*)")


def _basic_or_project(t: Context) -> Iterator[Finding]:
    """A 项 whose 主要用于 calls it 基本支出 while the 一般公共预算财政拨款支出决算表 puts all of it in 项目支出
    (or the other way round): the words and the table disagree on what kind of spending it is."""
    basic, project = (t.appendix.column("gb", name) for name in ("基本支出", "项目支出"))
    for r in t["functions"]:
        m = _USED_FOR.search(str(r.get("text") or ""))
        if r["level"] != "项" or m is None or basic is None or project is None:
            continue
        said = {w for w in ("基本支出", "项目支出") if w in m["what"]}
        if len(said) != 1:
            continue
        cells = [t.appendix.cell("gb", str(r["code"]), c) for c in (basic, project)]
        if None in cells:
            continue
        in_basic, in_project = (float(c["value"]) for c in cells)
        table_says = "项目支出" if in_basic == 0 and in_project > 0 else "基本支出" if in_project == 0 and in_basic > 0 else ""
        if table_says and table_says not in said:
            yield finding("text.basic_or_project", str(r["code"]), r, None, None,
                          f"{r['name_in_source'] or r['name']}（{r['code']}）的用途说明称“{said.pop()}”，但一般公共预算财政拨款"
                          f"支出决算表将其{in_basic + in_project:,.2f}万元全部列为{table_says}，请核对。", "warning")


def _purposes(t: Context) -> Iterator[Finding]:
    """A 项 whose 主要用于 names another 项 of another 类 and not itself (住房公积金（项）主要用于：事业单位医疗
    保险支出): the purpose of another item copied in. Only where the line states that one 项 (a line of
    several items cannot tell whose purpose is whose); names of five characters or more (行政运行 is
    every 类's)."""
    others = {code: name for code, (level, name) in function_codes().items() if level == "项" and len(name) >= 5}
    per_line: dict[int, list[dict]] = {}
    for r in t["functions"]:
        if r["level"] == "项" and r.get("line") == r.get("line") and r.get("line") is not None:
            per_line.setdefault(int(r["line"]), []).append(r)
    for rows in per_line.values():
        m = _USED_FOR.search(str(rows[0].get("text") or "")) if len(rows) == 1 else None
        if m is None:
            continue
        r, purpose = rows[0], m["what"]
        own = str(r.get("name") or "")
        if own and own in purpose:
            continue
        named = [(code, name) for code, name in others.items()
                 if name in purpose and code[:3] != str(r["code"])[:3]]
        if named:
            code, name = named[0]
            yield finding("text.purpose", str(r["code"]), r, None, None,
                          f"{r['name_in_source'] or own}（{r['code']}）的用途写作“{purpose.strip()[:40]}”，所述像是另一科目"
                          f"（{code} {name}）的用途，请核对。", "warning")


# 人员经费X万元，主要包括：基本工资、津贴补贴、…退休费；公用经费Y万元，主要包括：办公费、…
_HALVES = (("general_budget.basic.personnel", "人员经费", ("301", "303")),
           ("general_budget.basic.public", "公用经费", ("302", "310")))


def _basic_lists(t: Context) -> Iterator[Finding]:
    """The items the narrative says 人员经费 / 公用经费 mainly consist of, against the 基本支出表, where the
    list is closed (no 等 — an open list is the template's list of what the 经费 may hold, as 四川's
    is): an item listed that the table shows no spending on (blank or not listed; a written 0.00 may be
    a few 元 rounded away, so it is left), and an item the table spends on that the list leaves out.
    Items are matched by the 经济分类 names; a word that is not one is skipped."""
    names = {code: name for code, (level, name) in economic_codes().items() if level == "款"}
    if not t.appendix.has("gb_basic"):
        return
    cells = {}
    for c in t.appendix.cells["gb_basic"]:
        if c.get("level") == "款" and c.get("code"):
            cells.setdefault(str(c["code"]), c)
    for metric, word, prefixes in _HALVES:
        stated = t.facts.first(metric)
        m = re.search(rf"{word}[^;；。]*?主要包括[:：]?(?P<list>[^;；。]*)", str(stated["text"])) if stated else None
        if m is None or not any(code.startswith(prefixes) for code in cells):
            continue
        items = [i.strip() for i in m["list"].split("、") if i.strip()]
        if not items or "等" in m["list"][-3:]:
            continue
        listed = {code for item in items for code, name in names.items()
                  if code.startswith(prefixes) and same_name(item, name)}
        row = {"line": stated["line"], "text": str(stated["text"])[:200]}
        spent_none = [names[c] for c in sorted(listed) if c not in cells]  # a blank cell is not in appendix.csv
        if spent_none:
            yield finding("text.basic_list", metric, row, None, None,
                          f"{word}“主要包括”中列有{'、'.join(spent_none)}，但基本支出表中未见此项支出，请核对。", "warning")
        left_out = [c for c, cell in sorted(cells.items()) if c.startswith(prefixes) and c in names
                    and float(cell["value"]) >= 0.005 and c not in listed]
        if left_out:
            what = "、".join(f"{names[c]}{float(cells[c]['value']):,.2f}万元" for c in left_out)
            yield finding("text.basic_list", metric, row, None, None,
                          f"{word}“主要包括”未列基本支出表中有支出的{what}，请核对。", "warning")


def _flat_of(change: dict, rows: list[dict]) -> dict | None:
    """The 持平 the line says of the very subject whose change it states — by meaning: in a list
    (A持平；B持平；C减少0.15万元) each item's 持平 is its own subject's, not C's."""
    return next((r for r in rows if r["metric"] == change["metric"] and r["measure"] == "change"
                 and r.get("unit_in_source") == "持平" and r.get("period") == change.get("period")), None)


def _required(t: Context) -> Iterator[Finding]:
    """The 三公 disclosures the template requires: 国内公务接待 批次 and 人次, 公务用车保有量."""
    facts = t.facts
    if facts.first("three_public") is None:
        return  # no 三公 section read: document.incomplete says so
    reception = facts.first("three_public.reception")
    if reception is not None and float(reception["value"]) > 0:
        for metric, what in (("three_public.reception.domestic.batches", "国内公务接待批次"),
                             ("three_public.reception.domestic.persons", "国内公务接待人次")):
            whole = metric.replace(".domestic", "")  # 公务接待N批次 with 外宾 among them says it too
            if not facts.all(metric, "count") and not facts.all(whole, "count"):
                yield finding("document.required", metric, reception, None, None,
                              f"公务接待费不为0，但报告未说明{what}。", "warning")
    # 保有量 goes with vehicle spending: a report of none (Shanghai's, a unit without cars) may say nothing
    vehicle = facts.first("three_public.vehicle")
    spends = vehicle is None or float(vehicle["value"]) > 0
    if spends and not facts.all("three_public.vehicle.owned", "count"):
        yield finding("document.required", "three_public.vehicle.owned", facts.first("three_public"), None, None,
                      "报告未说明公务用车保有量（截至年末共有公务用车…辆）。", "warning")
