"""The finance bureau's approval notice (批复) of a department's final accounts → its facts.

Some governments publish, instead of (or beside) the department's own 决算说明, the notice in which
the finance bureau approves the accounts (平潭 2014: "关于批复XX2014年度部门决算的通知 … 现批复如下：
一、2014年年初结转结余…，本年收入…；(一）公共预算财政拨款年初结转结余…；(二）政府性基金预算财政拨款…；
二、2014年基本支出…；三、2014年“三公”经费…"). Each numbered clause has a scope of its own: the whole
accounts, the general budget's money, the government funds', the spending by kind, 三公. A blank
amount ("…万元" with no number) is no figure.
"""

from __future__ import annotations

import re

from ..model.document import Document
from .narrative import Fact, facts_in_line

_ADDRESSEE = re.compile(r"([\u4e00-\u9fff（）()]{2,40}?)[:：]\s*你(?:部门|单位)报送的")
_TITLE = re.compile(r"关于(?:批复)?\s*([\u4e00-\u9fff（）()]{2,40}?)\s*(?:批复\s*)?20\d\d年度?(?:部门|单位)?决算的通知")

# Vocabulary of each scope: (phrase, metric). The scope is named by the clause's first words.
_CARRY = (("年初结转结余", "carryover.opening"), ("年初结转和结余", "carryover.opening"),
          ("年末结转结余", "carryover.closing"), ("年末结转和结余", "carryover.closing"))
SCOPES: dict[str, tuple[tuple[str, str], ...]] = {
    "total": (*_CARRY, ("本年收入", "income"), ("本年支出", "expenditure"),
              ("用事业基金弥补收支差额", "income.business_fund"), ("结余分配", "expenditure.surplus_distribution")),
    "general_budget": (("年初结转结余", "carryover.opening.general_budget"),
                       ("年初结转和结余", "carryover.opening.general_budget"),
                       ("本年收入", "income.general_budget"), ("本年支出", "general_budget"),
                       ("结转结余", "carryover.closing.general_budget")),
    "gov_fund": (("年初结转结余", "carryover.opening.gov_fund"), ("年初结转和结余", "carryover.opening.gov_fund"),
                 ("本年收入", "income.gov_fund"), ("本年支出", "gov_fund"), ("结转结余", "carryover.closing.gov_fund")),
    "spending": (("基本支出", "expenditure.basic"), ("项目支出", "expenditure.project"),
                 ("上缴上级支出", "expenditure.to_higher"), ("经营支出", "expenditure.operating"),
                 ("补助下级支出", "expenditure.affiliated_subsidy"),
                 ("对附属单位补助支出", "expenditure.affiliated_subsidy")),
    "three_public": (('"三公"经费', "three_public"), ("三公经费", "three_public"),
                     ("因公出国(境)费", "three_public.overseas"),
                     ("公务用车购置及运行维护费", "three_public.vehicle"), ("公务用车购置费", "three_public.vehicle.purchase"),
                     ("公务用车运行维护费", "three_public.vehicle.operation"), ("公务接待费", "three_public.reception")),
}


def approval_department(doc: Document) -> str:
    for line in doc.lines[:40]:
        m = _ADDRESSEE.search(line.text) or _TITLE.search(line.text)
        if m:
            return re.sub(r"^.*[号〕]", "", m[1]).strip()
    return ""


_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[.、])")


def _scope(text: str) -> str | None:
    """The scope a clause names by its first words, numbered or not (一、2014年年初结转结余… or
    2014年年初结转结余…)."""
    head = re.sub(r"^\s*(?:20\d\d年度?)?", "", _NUMBERED.sub("", text))[:16]
    if "三公" in head:
        return "three_public"
    if "政府性基金" in head:
        return "gov_fund"
    if "公共预算财政拨款" in head or "公共财政拨款" in head:
        return "general_budget"
    if re.match(r"基本支出|项目支出", head):
        return "spending"
    if re.match(r"年初结转|本年收入", head):
        return "total"
    return None


def _goes_on(text: str, scope: str) -> bool:
    head = _NUMBERED.sub("", text).lstrip()
    return any(head.startswith(phrase) for phrase, _ in SCOPES[scope])


def approval_facts(doc: Document, prior_year: int | None) -> list[Fact]:
    """The figures the notice approves, clause by clause (after 现批复如下)."""
    out: list[Fact] = []
    started, scope = False, None
    for line in doc.lines:
        started = started or "批复如下" in line.text
        if not started:
            continue
        # a clause's sentences may stand on lines of their own (…其中：因公出国（境）费…；
        # 公务用车购置及运行维护费…；): a line that goes on with its scope's words keeps the scope,
        # numbered or not; any other line ends it
        scope = _scope(line.text) or (scope if scope and _goes_on(line.text, scope) else None)
        if scope is not None:
            out += facts_in_line(line, f"approval.{scope}", "批复", prior_year, SCOPES[scope])
    return out

