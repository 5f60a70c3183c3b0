"""What a department holds, as its 国有资产占有(用)情况 paragraph states it — 流动资产448.82万元。固定资产
3149.52万元，其中：房屋14609.83平方米；…专用设备818台/套；…在建工程1项12277.73万元 — read from the lexicon
reference/assets.csv (metric, its words, the unit its count or area is given in), not from one template's
sentence. A figure is read only in a paragraph about assets, right after its words: 房屋 or 专用设备
elsewhere are other things."""

from __future__ import annotations

import re
from functools import cache

from ..model.numbers import MONEY, NUMBER, parse_number, to_wanyuan
from ..reference import asset_rows

# a paragraph about holdings says so (a 固定资产 bought in a spending sentence is not one)
_CONTEXT = re.compile(r"国有资产|资产(?:总额|总计|合计|金额|占有|占用|情况)|流动资产")
_LINK = r"(?:共计|合计|总计|总额|金额|共有|共|计|为|:)*\s*"


@cache
def _rules() -> tuple[tuple[str, re.Pattern], ...]:
    """(metric, pattern) for each of its words, longest words first, so that 其他固定资产 is not read as
    固定资产. A count (台, 项) or an area (平方米) may come first, an amount after it."""
    rules = []
    for row in asset_rows():
        counted = "|".join(re.escape(u) for u in sorted(filter(None, row["counted_in"].split("|")), key=len, reverse=True))
        count = rf"(?:(?P<count>{NUMBER})\s*(?P<counted>{counted}))?\s*" if counted else ""
        for word in row["words"].split("|"):
            # not what is bought or planned (购置车辆), nor a priced part of it (单价100万元以上专用设备)
            rules.append((len(word), row["metric"], re.compile(
                rf"(?<!购置)(?<!新增)(?<!以上){re.escape(word)}{_LINK}{count}(?:(?P<num>{NUMBER})\s*(?P<unit>{MONEY}))?")))
    return tuple((metric, rx) for _, metric, rx in sorted(rules, key=lambda r: -r[0]))


def about_assets(text: str) -> bool:
    """The text names the department's holdings (国有资产, 资产总额, 流动资产 …)."""
    return _CONTEXT.search(text) is not None


def asset_figures(text: str, in_section: bool = False) -> tuple[list[tuple[str, str, float, str, int]], str]:
    """(metric, measure, value, unit as written, position) of each holding the text states, and the text
    with them blanked (positions kept) so that nothing else reads them again. Nothing in a text that is
    not about assets: one that names them (``about_assets``), or stands in the section on them (``in_section``)."""
    if not in_section and not about_assets(text):
        return [], text
    out = []
    for metric, rx in _rules():
        for m in rx.finditer(text):
            count, amount = m.groupdict().get("count"), m["num"]
            if count is None and amount is None:
                continue
            if count is not None:
                unit = m["counted"]
                measure = "area" if unit == "平方米" else "count"
                out.append((metric, measure, parse_number(count), unit, m.start()))
            if amount is not None:
                out.append((metric, "amount", to_wanyuan(parse_number(amount), m["unit"]), m["unit"], m.start()))
            text = text[:m.start()] + "|" * (m.end() - m.start()) + text[m.end():]
    return _one_each(out), text


def _one_each(figures: list[tuple[str, str, float, str, int]]) -> list[tuple[str, str, float, str, int]]:
    """A holding stated twice with two values in one paragraph (at the year's start and its end) is of
    two dates this reader cannot tell apart: neither is kept."""
    values: dict[tuple[str, str], set[float]] = {}
    for metric, measure, value, _, _ in figures:
        values.setdefault((metric, measure), set()).add(value)
    return sorted((f for f in figures if len(values[f[0], f[1]]) == 1), key=lambda f: f[4])
