"""A table's kind from its words, by the signatures in reference/table_kinds.csv.

Each kind is a signature over four parts — the sides it shows (收支, 收入, 支出), the money it is
limited to (财政拨款, 一般公共预算 …), the part of spending it details (基本支出, 三公, 机关运行 …) and
the classification of its rows (功能, 经济) — plus the titles the templates give it. A title the
file lists is its kind; any other title, or a table's header where it has no title, is scored
against every signature of the document's family (决算 or 预算), and the best signature, if it
alone is best and fits well enough, names the kind. A new template needs a row of data, not code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

PARTS = ("sides", "scope", "part", "classification")
# (part, word written → value): the first word found gives the value
WORDS = {
    "scope": (("一般公共预算", "一般公共预算"), ("公共财政", "一般公共预算"), ("政府性基金", "政府性基金"),
              ("国有资本经营", "国有资本经营"), ("财政拨款", "财政拨款")),
    "part": (("三公", "三公"), ("机关运行", "机关运行"), ("采购", "采购"), ("绩效", "绩效"), ("基本支出", "基本支出"),
             ("项目支出", "项目支出"), ("明细", "明细")),
    "classification": (("功能", "功能"), ("经济", "经济")),
}
# what a signature gains when a part matches, and loses when the words say otherwise or say nothing
MATCH = {"sides": 1.0, "scope": 1.0, "part": 3.0, "classification": 1.0}
UNSAID = {"sides": 1.0, "scope": 1.0, "part": 2.0, "classification": 0.25}  # the kind has it, the words not
UNWANTED = {"sides": 0.5, "scope": 1.0, "part": 2.0, "classification": 0.0}  # the words have it, the kind not
CONFLICT = 2.0
ENOUGH = 1.0  # the least score that names a kind
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")


@dataclass(frozen=True)
class Signature:
    kind: str
    family: str
    parts: dict
    titles: tuple[str, ...]
    apart: tuple[str, ...]  # words of columns its 合计 does not add up (a second measure: 机关运行经费)


@cache
def signatures() -> tuple[Signature, ...]:
    text = files("juesuan.reference").joinpath("table_kinds.csv").read_text(encoding="utf-8")
    return tuple(Signature(r["kind"], r["family"], {p: r[p] for p in PARTS},
                           tuple(t for t in r["titles"].split("|") if t), tuple(w for w in r["apart"].split("|") if w))
                 for r in csv.DictReader(text.splitlines()))


def apart(kind: str) -> tuple[str, ...]:
    """The words of a kind's columns that are no part of its 合计."""
    return next((s.apart for s in signatures() if s.kind == kind), ())


def known_titles() -> dict[str, str]:
    """Every title the lexicon lists → its kind."""
    return {title: s.kind for s in signatures() for title in s.titles}


def family_of(text: str) -> str:
    """决算 or 预算, as the words say it (a fund's name 一般公共预算 says neither)."""
    text = _FUND_NAMES.sub("", text)
    return "决算" if "决算" in text else "预算" if "预算" in text else ""


def parts_of(text: str) -> dict:
    """The signature parts that words (a title, or a table's header) name."""
    out = {p: next((v for w, v in WORDS[p] if w in text), "") for p in WORDS}
    income, spending = "收入" in text or "收支" in text, "支出" in text or "收支" in text or "经费" in text
    out["sides"] = "收支" if income and spending else "收入" if income else "支出" if spending else ""
    return out


def score(signature: Signature, parts: dict) -> float:
    total = 0.0
    for p in PARTS:
        want, said = signature.parts[p], parts.get(p, "")
        if want and want == said:
            total += MATCH[p]
        elif want and said:
            total -= 0.5 if p == "sides" and "收支" in (want, said) else CONFLICT  # 收支 shows 支出 too
        elif want:
            # a table by 经济分类 says so in its title; one by 功能分类 often does not
            total -= UNSAID[p] * (2 if want == "经济" else 1)
        elif said:
            total -= UNWANTED[p]
    return total


def kind_by_words(text: str, family: str) -> str:
    """The kind whose signature the words fit best, alone and well enough; else ''."""
    return kind_by_parts(parts_of(text), family_of(text) or family)


def header_parts(header: str, codes: list[str]) -> dict:
    """The signature parts a table's header and its row codes name, where it has no title: its sides
    (收入 | 支出 side by side, or columns of income or of spending), 三公 or 机关运行 columns, 人员经费 |
    公用经费 (基本支出), and the classification of its codes (2xx 功能, 3xx 经济)."""
    parts = {**parts_of(header), "scope": ""}  # fund columns (财政拨款收入, 一般公共预算) limit no table to a fund
    if "基本支出" in header and "项目支出" in header:
        parts["part"] = ""  # columns by purpose: a table of all spending, not of one part
    elif "人员经费" in header and "公用经费" in header:
        parts["part"] = "基本支出"
    functional = sum(c.startswith("2") for c in codes)
    economic = sum(c.startswith("3") for c in codes)
    if functional != economic:
        parts["classification"] = "功能" if functional > economic else "经济"
    return parts


def kind_by_parts(parts: dict, family: str) -> str:
    """The kind whose signature the parts fit best and well enough; between equals, the most general
    (the fewest parts: a table of 支出 by 功能 with no fund named is the 支出总表 until it says more)."""
    scored = sorted(((score(s, parts), -sum(bool(v) for v in s.parts.values()), s.kind)
                     for s in signatures() if not family or s.family == family), reverse=True)
    if not scored or scored[0][0] < ENOUGH or (len(scored) > 1 and scored[1][:2] == scored[0][:2]):
        return ""
    return scored[0][2]
