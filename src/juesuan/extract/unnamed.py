"""Amounts the narrative states of something no word of the vocabulary names — a project in a list
(4.货运交通管理13,815.58万元), an item after 其中 (纯电动泥头车奖励补贴资金13,029.16万元), the change of one
(交通运输专项资金支出减少29,482.88万元) — recorded by the words the text names each by: facts.csv metric
``unnamed``, its words in ``subject_in_source``. Traceable data, not understanding: no check reads them
(check.context leaves them out) and the coverage still counts them among the figures not understood."""

from __future__ import annotations

import re
from collections import Counter

from ..model.document import Line
from ..model.numbers import AMOUNT, DECREASE_WORDS, INCREASE_WORDS, THRESHOLD_AFTER, parse_number, to_wanyuan
from .narrative import Fact

UNNAMED = "unnamed"
# where the words naming an amount begin: a clause or list mark, a list's number, the words that open a list
_BOUNDARY = re.compile(r"[,;:。()（）]|(?<=[元%])、|其中|包括|主要用于|主要是|用于|分别为|如下")  # (秀峰、横岗收费站: one name)
_NUMBERING = re.compile(r"^\s*(?:\d+\s*[.、．]|[一二三四五六七八九十]+\s*[、.]|\(?[一二三四五六七八九十\d]+\))\s*")
# a change's words after the name (较上年增加, 减少): cut, the measure a change
_CHANGE = re.compile(rf"(?:(?:较|比|与)(?:上年|上一年度?|去年|\d{{4}}年度?)[^增减]{{0,8}})?(?P<way>{'|'.join(INCREASE_WORDS + DECREASE_WORDS)})$")
# words between a thing's name and its amount that are no part of the name
_LINK = re.compile(r"(?:为|是|共计?|合计|总计|约|达到|安排|预算数?)+$")
_NAME = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff、\-—“”\"A-Za-z0-9]{2,39}$")  # 3 characters or more: 支出 alone names nothing
# the words that open an explanation or a list before the thing's name (主要原因文化建设工程结转…)
_LEAD = re.compile(r"^(?:主要原因(?:是|为)?|原因(?:是|为)|主要是|主要有|其中|包括|具体(?:为|是)|分别是)")


def unnamed_facts(lines: tuple[Line, ...], held: dict[int, Counter]) -> list[Fact]:
    """The amounts of ``lines`` that nothing read holds (``held``: line → how many records read each value
    there, rounded to 4 places: a value written three times and read twice leaves one), each with the words
    before it back to its clause's or list item's start."""
    out = []
    for line in lines:
        mine = Counter(held.get(line.number, Counter()))
        for m in AMOUNT.finditer(line.text):
            value = to_wanyuan(parse_number(m["num"]), m["unit"])
            key = round(abs(value), 4)
            if mine[key] > 0:
                mine[key] -= 1
                continue
            if THRESHOLD_AFTER.match(line.text, m.end()):
                continue
            named = _named(line.text[:m.start()])
            if named is None:
                continue
            subject, measure, sign = named
            out.append(Fact(UNNAMED, "current", measure, sign * value, m["unit"], "", "", line.number, line.stripped,
                            attach=UNNAMED, subject_in_source=subject))
    return out


def _named(before: str) -> tuple[str, str, int] | None:
    """(the words naming the amount, amount or change, the sign of a change) from the text before it; None
    where no name stands there (a figure after a list number, a year, another figure)."""
    words = _BOUNDARY.split(before)[-1]
    words = _LEAD.sub("", _NUMBERING.sub("", words).strip())
    measure, sign = "amount", 1
    if change := _CHANGE.search(words):
        measure = "change"
        sign = -1 if change["way"] in DECREASE_WORDS else 1
        words = words[:change.start()]
    words = _LINK.sub("", re.sub(r"^(?:\d{4}年度?|本年度?|当年|全年)的?", "", words.strip()))
    # a pronoun (该项目, 此项) refers to a thing named before it: no name of its own
    if not _NAME.match(words) or re.search(r"\d{4}年", words) or words.startswith(("该", "此", "其", "这")):
        return None
    return words, measure, sign
