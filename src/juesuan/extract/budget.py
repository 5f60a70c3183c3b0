"""A budget (部门预算 / 单位预算) → the same tidy tables as final accounts: facts (the budget's
figures, with the base each change is stated against), 功能分类 lines, and its tables.

Budgets are not written to one template: 江苏 numbers its sections like a 决算 (一、收支预算总体情况说明 …),
上海 writes one 编制说明 and a 其他相关情况说明. The narrative is therefore read with one vocabulary
for the whole document; a change keeps the base the sentence names (上年预算 or 上年预算执行数,
facts.csv `base`), so that the two are never compared as one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..model.document import Document, Line, normalise
from ..model.numbers import MONEY, NUMBER, parse_number, signed, to_wanyuan, written_in
from ..reference import cues, find_class_code, function_alias_rows, function_codes, name_key
from .assets import asset_figures
from .clauses import SIMILAR
from .functions import (
    ITEM_LINE,
    ITEM_UNDER_CLASS,
    NAMED_ALONE,
    FunctionLine,
    class_code,
    derived_rows,
    item_rows,
    listed_classes,
    name_of,
)
from .identity import is_organisation
from .narrative import ECONOMIC, Fact, blank_matches, blank_spans, facts_in_line, staffing_facts
from .sections import Section

# phrase → metric; the longest phrase written wins (narrative._labels)
VOCABULARY: tuple[tuple[str, str], ...] = (
    ("收入、支出预算总计", "total"), ("收、支预算总计", "total"), ("收支预算总计", "total"), ("收入支出预算总计", "total"),
    ("收入预算总计", "income"), ("本年收入预算合计", "income"), ("收入预算合计", "income"), ("收入预算", "income"),
    ("收入总预算", "income"), ("支出总预算", "expenditure"),  # 2017年收入总预算501.98万元 (广西)
    ("预算总收入", "income"), ("预算总支出", "expenditure"),  # 预算总收入417.6万元，其中：经费拨款417.6万元
    # 本部门总收入4089.48万元，较上年增加259.96万元: with the carry-over or without, the words do not say (as a
    # 决算's: narrative.VOCABULARY)
    ("总收入", "income.gross"), ("总支出", "expenditure.gross"),
    # 2021年预算收入6049.98万元比2020年减少558.32万元 (孝感高中): bare words, the department's only where nothing
    # qualifies them (cues.csv: bare) — 国有资本经营预算收入 is that fund's
    ("预算收入", "income"), ("预算支出", "expenditure"),
    ("经费拨款", "income.fiscal"),  # 财政拨款's older name
    # 一般公共预算 was 公共财政预算 until 2014/15: 一般公共财政预算拨款507.37万元
    ("一般公共财政预算拨款", "income.general_budget"), ("一般公共财政预算拨款支出", "general_budget"),
    ("上年结余收入", "carryover.opening"),
    # the whole budget named by whose it is (单位预算收入5212.91万元 … 单位预算支出5212.91万元)
    *((f"{whose}预算{side}", metric) for whose in ("部门", "单位") for side, metric in (("收入", "income"), ("支出", "expenditure"))),
    # the year's opening balance, however the 结转/结余 pair is written (上年结余结(转)150万元)
    *((f"上年{pair}", "carryover.opening") for pair in ("结余结(转)", "结转(结余)", "结余(结转)", "结余结转", "结转和结余", "结余和结转")),
    ("支出预算总计", "expenditure"), ("本年支出预算合计", "expenditure"), ("支出预算合计", "expenditure"),
    ("支出预算", "expenditure"),
    ("财政拨款收入预算总计", "income.fiscal"), ("财政拨款收入", "income.fiscal"),
    # each fund's 财政拨款收入 by its 决算 name (其中，一般公共预算财政拨款收入7018.511万元，政府性基金预算财政拨款收入0万元)
    ("一般公共预算财政拨款收入", "income.general_budget"), ("政府性基金预算财政拨款收入", "income.gov_fund"),
    ("国有资本经营预算财政拨款收入", "income.state_capital"),
    ("一般公共预算收入预算", "income.general_budget"), ("一般公共预算收入", "income.general_budget"),
    # 2017年初预算收入275.72万元 … 2017年一般公共预算拨款支出226.72万元
    ("年初预算收入", "income"), ("年初预算支出", "expenditure"), ("一般公共预算拨款支出", "general_budget"),
    ("一般公共预算拨款收入", "income.general_budget"), ("一般公共预算资金", "income.general_budget"),
    ("政府性基金收入预算", "income.gov_fund"), ("政府性基金预算收入", "income.gov_fund"),
    ("政府性基金收入", "income.gov_fund"),
    ("财政专户管理资金收入预算", "income.special_account"), ("财政专户管理资金", "income.special_account"),
    ("事业收入", "income.business"), ("事业单位经营收入", "income.operating"),
    ("其他资金收入预算", "income.other"), ("其他资金", "income.other"), ("其他收入", "income.other"),
    ("其他各项收入", "income.other"),
    # 纳入财政专户的行政事业性收费拨款2917.5万元: the special account's money by its older name
    ("纳入财政专户的行政事业性收费拨款", "income.special_account"), ("纳入财政专户管理的收入", "income.special_account"),
    ("上年结转资金", "carryover.opening"),
    # 上年结转结余的一般公共预算收入0万元 (苏州): the carry-over of one fund, not that fund's income
    *((f"上年结转结余的{fund}", metric) for fund, metric in (
        ("一般公共预算收入", "carryover.opening.general_budget"), ("政府性基金预算收入", "carryover.opening.gov_fund"),
        ("国有资本经营预算收入", "carryover.opening.state_capital"),
        ("财政专户管理资金", "carryover.opening.special_account"), ("单位资金", "carryover.opening.own"))),
    ("结转下年资金", "carryover.closing"),
    ("基本支出预算数", "expenditure.basic"), ("基本支出预算", "expenditure.basic"), ("基本支出", "expenditure.basic"),
    ("项目支出预算数", "expenditure.project"), ("项目支出预算", "expenditure.project"), ("项目支出", "expenditure.project"),
    ("单位预留机动经费", "expenditure.reserve"),
    ("财政拨款收、支预算", "fiscal_total"), ("财政拨款收、支总预算", "fiscal_total"), ("财政拨款收支总预算", "fiscal_total"), ("财政拨款收支预算", "fiscal_total"), ("财政拨款收、支总计", "fiscal_total"),
    ("财政拨款支出预算", "fiscal_expenditure"), ("财政拨款预算支出", "fiscal_expenditure"),
    ("财政拨款基本支出预算", "fiscal_expenditure.basic"), ("财政拨款基本支出", "fiscal_expenditure.basic"),
    ("收支总预算", "total"), ("部门预算总额", "total"), ("一般公共预算支出", "general_budget"),
    ("一般公共预算基本支出", "general_budget.basic"),
    ("一般公共预算拨款支出预算", "general_budget"), ("一般公共预算财政拨款支出预算", "general_budget"),
    ("一般公共预算支出预算", "general_budget"), ("一般公共预算财政拨款基本支出预算", "general_budget.basic"),
    ("一般公共预算基本支出预算", "general_budget.basic"),
    ("人员经费", "general_budget.basic.personnel"), ("公用经费", "general_budget.basic.public"),
    *ECONOMIC,
    # 人员支出/公用支出: a budget writes them of all funds by use and of the 一般公共预算's 基本支出 alike — 杭州
    # 交通运输局 2026: 73,924.43 and 67,627.51 — and no line says which: figures of no whole (use.*, as the
    # 经济分类 classes are), neither added up nor held to be one figure where stated twice
    ("人员支出", "use.personnel"), ("公用支出", "use.public"), ("日常公用支出", "use.public"),
    ('"三公"经费支出预算', "three_public"), ('"三公"经费预算数', "three_public"), ('"三公"经费预算', "three_public"), ('"三公"经费', "three_public"),
    ("因公出国(境)费", "three_public.overseas"), ("公务用车购置及运行维护费", "three_public.vehicle"),
    ("公务用车购置及运行费", "three_public.vehicle"), ("公务用车购置费", "three_public.vehicle.purchase"),
    ("公务用车购置", "three_public.vehicle.purchase"),
    ("公务用车运行维护费", "three_public.vehicle.operation"), ("公务用车运行费", "three_public.vehicle.operation"),
    ("公务接待费", "three_public.reception"), ("公务招待费", "three_public.reception"), ("会议费", "meeting_fee"), ("培训费", "training_fee"),
    ("政府性基金支出预算", "gov_fund"), ("政府性基金拨款支出预算", "gov_fund"), ("政府性基金预算拨款支出预算", "gov_fund"),
    # 2026年一般公共预算当年拨款370,219.25万元，比上年执行数增加…(浙江's template: the fund's spending of the year)
    ("一般公共预算当年拨款", "general_budget"), ("政府性基金预算当年拨款", "gov_fund"),
    ("国有资本经营预算当年拨款", "state_capital"),
    ("国有资本经营预算拨款支出预算", "state_capital"), ("国有资本经营预算支出预算", "state_capital"), ("机关运行经费支出预算", "operating_cost"), ("机关运行经费预算", "operating_cost"), ("机关运行经费", "operating_cost"),
    ("政府采购预算总额", "procurement"), ("政府采购预算", "procurement"), ("政府采购支出预算总额", "procurement"),
    ("政府采购支出预算", "procurement"),
    *((f"拟{verb}{what}{spent}", metric) for what, metric in (("货物", "procurement.goods"), ("工程", "procurement.works"),
                                                                ("服务", "procurement.services"))
      for verb in ("采购", "购买") for spent in ("支出", "")),
    ("政府采购货物预算", "procurement.goods"),
    ("政府采购工程预算", "procurement.works"), ("政府采购服务预算", "procurement.services"),
    # 委托业务费安排情况 (2026's templates: 广东, 浙江, 福建): 本部门一般公共预算安排委托业务费6,018.09万元 /
    # 委托业务费财政拨款预算总额8,967.80万元 — of one fund or of all, as its own words say (never compared)
    ("委托业务费财政拨款预算总额", "commissioned"), ("委托业务费预算总额", "commissioned"), ("委托业务费", "commissioned"),
    # 2026年本部门政府采购安排283,840.81万元，其中：货物类采购预算102,713.68万元…(广州)
    ("政府采购", "procurement"), ("货物类采购预算", "procurement.goods"), ("工程类采购预算", "procurement.works"),
    ("服务类采购预算", "procurement.services"),
    # the 财政部 template's words (洛阳 2023: 收入总计4914.82万元,支出总计4914.82万元,与2022年预算相比,收支总计各增加
    # 954.86万元 … 收入合计4914.82万元,其中：一般公共预算拨款收入…): the 总计 hold the carry-over, the 合计 are the year's
    ("收入总计", "total.income"), ("支出总计", "total.expenditure"), ("收支总计", "total"), ("收、支总计", "total"),
    ("本年收入合计", "income"), ("收入合计", "income"), ("本年支出合计", "expenditure"), ("支出合计", "expenditure"),
    ("财政拨款收支总计", "fiscal_total"), ("财政拨款收入总计", "fiscal_total.income"),
    ("财政拨款支出总计", "fiscal_total.expenditure"),
)
VOCABULARY = VOCABULARY + tuple((p.replace('"', ""), m) for p, m in VOCABULARY if '"' in p)
# 其它收入25.00万元: 其它 is written for 其他 as often
VOCABULARY = VOCABULARY + tuple((p.replace("其他", "其它"), m) for p, m in VOCABULARY if "其他" in p)
# “三公”经费预算安排108.8万元: what the budget arranges, said with it
VOCABULARY = VOCABULARY + tuple((p + "安排", m) for p, m in VOCABULARY if p.endswith("预算"))
# 公务用车 written short (公务车购置及运行费, 公车购置及运行维护费) or doubled (公务车用车运行费), as tables and texts of
# 上海 and 眉山 do
VOCABULARY = VOCABULARY + tuple((p.replace("公务用车", short), m) for p, m in VOCABULARY if "公务用车" in p
                                for short in ("公务车", "公务车用车", "公车"))
# a 费 written as its 经费 (因公出国(境)经费40万元, 公务接待经费)
VOCABULARY = VOCABULARY + tuple((p[:-1] + "经费", m) for p, m in VOCABULARY if p.endswith("费") and not p.endswith("经费"))
_PHRASES = frozenset(p for p, _ in VOCABULARY)
# Where a change is stated against last year's 执行数 rather than its budget.
_EXECUTED = re.compile(r"执行数")
# (…（项）”科目43.83万元: the words between the item and its figure say what the figure is, in any order)
# (…（项）:2023年预算数为484.95万元 — 四川's 2023 template: the year before the words)
_ITEM_AMOUNT = re.compile(rf"\(\d*\s*项\)\s*[\"'”’]?\s*:?\s*(?:\d{{4}}\s*年度?)?\s*(?:科目|支出|预算|安排|金额|数|为|:)*\s*"
                          rf"(?P<num>{NUMBER})\s*(?P<unit>{MONEY})")
# (its number ends in 、 or stands in brackets: the 一 of 一般公共服务 is no number)
_CLASS_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])?\s*(?P<name>[^(（]+?)\s*\(类\)\s*$")
_NUMBERED = re.compile(r"^\s*(?:\d+\s*[.、]|[(（]\d+[)）])\s*")
_KUAN_AS_CLASS = re.compile(r"^\s*(?:\d+\s*[.、]|\(\d+\))?\s*(?P<kuan>[^()]+?)\(\d*\s*类\)(?P<rest>[^()]+\(\d*\s*项\).*)$")
# A 类 stated with its amount: 1.一般公共服务（类）支出10,271.56万元，…与上年相比增加2,444.1万元，增长31.22%。
_CLASS_LINE = re.compile(rf"^\s*(?:\d+\s*[.、]|[(（][一二三四五六七八九十\d]+[)）])?\s*(?P<name>[^()\d,;:。]{{2,20}}?)\s*"
                         rf"\(\d*\s*类\)\s*(?:支出)?(?:预算)?(?:数)?为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})")
# …or, numbered, by its name alone (2.社会保障和就业支出1890.27万元。…与上年相比增加54.05万元，增幅2.94%): the
# name must be a 类's (class_code), so that no other numbered figure is taken for one
# (1.“一般公共服务支出”科目12,789万元: the name in quotes, 科目 after it)
_CLASS_NAMED = re.compile(rf"^\s*(?:\d+\s*[.、]|[(（][一二三四五六七八九十\d]+[)）])\s*[\"'“”]?(?P<name>[^()\d,;:。\"'“”]{{2,20}}?支出)"
                          rf"[\"'“”]?\s*(?:类)?(?:科目)?(?:预算)?(?:数)?为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})")
# What a 类 or 项 line says of last year, after its amount: 2025年当年预算执行数为1,690.69万元 | 与上年相比
# 增加790.44万元，增长17.83% | 比2025年预算执行数减少1.07%.
_PRIOR = re.compile(rf"(?:上年|\d{{4}}年)(?:当年)?(?:预算)?(?:执行数|预算数|预算|数)为?\s*(?P<num>{NUMBER})\s*"
                    rf"(?P<unit>{MONEY})")
_AGAINST = re.compile(r"与上年(?:预算)?(?:数)?相?比?|比上年|较上年|同比|[比较]\d{4}年度?(?:预算|决算)?(?:数)?(?:执行数)?")
_CHANGE_AMOUNT = re.compile(rf"^[^。;%]*?(?P<word>增加|减少|下降|增长|降低)\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})")
_CHANGE_RATE = re.compile(rf"^[^。;]*?(?P<word>增长|下降|减少|增加|降低|增幅|降幅)率?为?\s*(?P<num>{NUMBER})\s*%")
# 与上年预算数一致 / 与上年相比无变化: unchanged, as 持平 says (the same length, so positions hold)
_SAME = re.compile(r"(?<=上年)(?P<w>(?:预算)?(?:数)?(?:相比)?)(?P<s>一致|无变化)")
# a numbered line that names one thing alone (二、公务接待费 / （三）机关运行经费： / 2.公务接待费)
_HEADED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[、.])\s*"
                     r"(?P<what>[^,，。;；:：\d]{2,24}?)\s*[:：]?\s*$")
# A line that totals the appropriations (2017年区级财政预算拨款合计139.38万元，其中：一般公共预算拨款139.38万元)
# lists incomes as well: the money the department receives, by fund.
_APPROPRIATED = re.compile(r"拨款(?:合计|总额|总计)")
# a line that ends opening a list of the whole budget's parts (2022年收支总预算4726.54万元…。其中:)
_LIST_OPENS = re.compile(r"其中\s*[:：]?\s*$")
_BUDGET_WHOLE = re.compile(r"收支总预算|收入预算|预算收入|收支预算|收入总预算|拨款(?:合计|总额|总计)")
# a section's heading (一、 / （一） / 第一部分): a list of incomes opened above ends there
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)")


def _headed_subject(text: str) -> str:
    """The subject a heading names and nothing else (二、公务接待费 / （三）机关运行经费): a phrase of the vocabulary."""
    m = _HEADED.match(text)
    what = m["what"].strip().strip('"') if m else ""
    return what if what and what in _PHRASES else ""


# 上年结转 written bare is the budget's carry-over in a list of its income (收入…其中…；上年结转X万元，占Y%);
# in a list of projects (物业管理服务2,520.00万元，上年结转122.31万元) it is the project's own.
# 一般公共预算拨款 written bare is an income only in a list of incomes (收入275.72万元，其中：一般公共预算拨款
# 226.72万元); elsewhere it is a share of something (项目…涉及预算拨款44,199.25万元，其中：一般公共预算拨款…).
# So is 财政拨款 (部门收入预算919543.7万元，其中：财政拨款79468.4万元，…): its spending named whole beside it.
_INCOME_LIST = VOCABULARY + tuple((p, "carryover.opening") for p in ("上年结转", "上年结转结余")) \
    + (("一般公共预算拨款", "income.general_budget"), ("财政拨款", "income.fiscal"),
       ("财政预算拨款合计", "income.fiscal"), ("财政拨款合计", "income.fiscal"),
       ("政府性基金预算拨款", "income.gov_fund"), ("国有资本经营预算拨款", "income.state_capital"),
       ("财政拨款支出", "fiscal_expenditure"), ("财政拨款项目支出", "fiscal_expenditure.project"))


def _class_match(text: str) -> re.Match | None:
    """A line that states a 类 and its amount (either form above)."""
    m = _CLASS_LINE.match(text) or _CLASS_NAMED.match(text)
    return m if m and (m.re is _CLASS_LINE or find_class_code(m["name"].strip())) else None


_AMT = rf"(?P<num>{NUMBER})\s*(?P<unit>{MONEY})"
# Statements of the 其他相关情况 a budget makes in sentences of their own: (pattern, metric, measure).
_STATEMENTS = (
    (re.compile(r"编报绩效目标的项目共?(?P<num>\d+)个"), "performance.targets", "count"),
    (re.compile(r"共?(?P<num>\d+)个项目实行绩效目标管理"), "performance.targets", "count"),
    (re.compile(r"实行绩效目标管理,共计?(?P<num>\d+)个(?:一级)?项目"), "performance.targets", "count"),  # 浙江
    # (…全面实施绩效目标管理，涉及预算拨款44,199.25万元: the central template)
    (re.compile(rf"(?:编报绩效目标的项目共?\d+个|\d+个项目实行绩效目标管理|实施绩效目标管理),"
                rf"涉及(?:项目预算资金|财政性资金|预算拨款|(?:预算)?金额)"
                rf"(?:合计)?为?{_AMT}"), "performance.targets.amount", "amount"),
    (re.compile(r"(?P<num>\d+)个预算单位开展了?[^。;]*?绩效目标编报"), "performance.targets.units", "count"),
    (re.compile(rf"面向中小企业预留的?政府采购项目预算(?:金额)?为?{_AMT}"), "procurement.reserved.sme", "amount"),
    (re.compile(rf"(?:预留给小型和微型企业|面向小微企业预留)的?政府采购项目预算(?:金额)?为?{_AMT}"),
     "procurement.reserved.small_micro", "amount"),
    (re.compile(r"(?P<num>\d+)家机关(?=[^。]*机关运行经费)"), "operating_cost.offices", "count"),
    (re.compile(r"(?P<num>\d+)家参公事业单位(?=[^。]*机关运行经费)"), "operating_cost.civil_service_units", "count"),
    # (单价在100万元以上的设备2,528台: 在 before the price, the count with its thousands; not what is to be bought)
    (re.compile(r"(?<!购置)(?:单价|单位价值)在?20万元(?:\(含\))?以上的?(?:专用)?设备(?:\(不含车辆\))?(?P<num>\d{1,3}(?:,\d{3})+|\d+)台"),
     "assets.equipment_20", "count"),
)
# The vehicles a department has, by kind (共有车辆46辆，其中，一般公务用车46辆、执法执勤用车0辆…); and those the
# budget plans to buy (预算安排购置车辆0辆，其中：…), which are not the ones it has.
_OWNED = re.compile(r"(?<!购置)(?<!报废)(?<!处置)(?<!更新)(?:共有|拥有)?车辆(?P<num>\d+)辆(?P<detail>[^。;]*)")
_PLANNED = re.compile(r"(?:预算)?安排购置车辆(?P<num>\d+)辆[^。]*")
_VEHICLE_KINDS = (("部级领导干部用车", "ministerial"), ("主要领导干部用车", "leader"), ("机要通信用车", "confidential"),
                  ("应急保障用车", "emergency"), ("执法执勤用车", "law_enforcement"), ("特种专业技术用车", "special"),
                  ("离退休干部用车", "retired"), ("一般公务用车", "general"), ("其他用车", "other"))
# Words that describe what a figure is for or why it changed: the subjects named there are not the
# sentence's (单位预留机动经费…，主要是用于弥补人员经费不足…。与上年相比增加964.35万元).
_DESCRIBED = re.compile(r"主要(?:是)?用于[^。;,]*|主要原因(?:是|为)?[^。;]*")


def statement_facts(line: Line) -> tuple[list[Fact], str]:
    """The figures of a line stated in sentences of their own (above), and the line's text with them
    blanked out, so that the subjects' reading does not take them again."""
    out, text = [], line.text

    def fact(metric, measure, value, unit):
        out.append(Fact(metric, "current", measure, value, unit, "", "部门预算", line.number, line.stripped))

    for m in _PLANNED.finditer(text):  # first: what it plans to buy is not what it has
        fact("assets.vehicles.planned_purchase", "count", float(m["num"]), "辆")
    text = blank_matches(text, _PLANNED)
    owned = []  # what the vehicles' reading took: their count and each kind's, not the rest of the sentence
    for m in _OWNED.finditer(text):
        fact("assets.vehicles", "count", float(m["num"]), "辆")
        owned.append((m.start(), m.end("num") + 1))
        for word, kind in _VEHICLE_KINDS:
            for k in re.finditer(rf"{word}(?P<n>\d+)辆", m["detail"]):
                fact(f"assets.vehicles.{kind}", "count", float(k["n"]), "辆")
                owned.append((m.start("detail") + k.start(), m.start("detail") + k.end()))
    text = blank_spans(text, owned)
    for rx, metric, measure in _STATEMENTS:
        for m in rx.finditer(text):
            if measure == "count":
                fact(metric, "count", parse_number(m["num"]), "个" if "performance" in metric else m.group()[-1])
            else:
                fact(metric, "amount", to_wanyuan(parse_number(m["num"]), m["unit"]), m["unit"])
    for rx in (*(rx for rx, _, _ in _STATEMENTS), _DESCRIBED):
        text = blank_matches(text, rx)
    held, text = asset_figures(text)
    for metric, measure, value, unit, _ in held:
        fact(metric, measure, value, unit)
    return out, text


_NAMED_ELSEWHERE = "某"  # a name read elsewhere (functions): still a name to the clause reader


def budget_facts(doc: Document, prior_year: int | None) -> list[Fact]:
    """Every figure the narrative states, with the base of each change and growth."""
    out: list[Fact] = []
    fund = ""  # the fund the section's heading is about (关于财政拨款收支总表的说明)
    listing = False  # the lines go on with a list of the budget's incomes opened by a line above
    headed = ""  # the subject the last heading names alone (二、公务接待费)
    for line in doc.lines:
        if m := _ABOUT_TABLE.match(line.text):
            fund = next((f for f in _FUND_SCOPED if f in m["what"]), "")
            continue
        if not line.text.strip() or ITEM_LINE.search(line.text) or ITEM_UNDER_CLASS.search(line.text) \
                or _class_match(line.text):
            continue  # a 功能分类 类 or 项: expenditure_by_function.csv
        stated, text = statement_facts(line)
        out += stated
        # 科学技术支出预算数为…: a 类's amount, not 支出预算's — and a figure after a 类 (一般公共服务支出减少
        # 108.56万元) is the 类's, not the subject's before it: the name stays a name, of nothing read here
        text = _class_names().sub(lambda m: _NAMED_ELSEWHERE * len(m[0]), text)
        text = _OTHERS_WHOLE.sub(_others_whole, text)
        line = replace(line, text=_SAME.sub(lambda m: m["w"] + ("持平" if m["s"] == "一致" else "持平了"), text))
        scoped = _scoped_parts(line.text)
        section = _HEADING.match(line.text)
        heading = section or _HEADED.match(line.text)
        if heading:
            headed = _headed_subject(line.text)
        if section:
            listing = False
        income_list = "收入" in line.text or _APPROPRIATED.search(line.text) or listing
        if _LIST_OPENS.search(line.text):  # 收支总预算4726.54万元…其中: / 一般公共预算拨款1315.26万元… on lines below
            listing = bool(_BUDGET_WHOLE.search(line.text))
        vocabulary = _INCOME_LIST if income_list else VOCABULARY
        found = facts_in_line(line, "budget", "部门预算", prior_year, vocabulary)
        if not found and headed and not heading:
            # 二、公务接待费 / 2019年预算安排12万元，较2018年年初预算下降51.22%: a sentence under a heading that
            # names its subject, and names none itself, speaks of the heading's subject
            found = facts_in_line(replace(line, text=f"{headed}，{line.text}"), "budget", "部门预算", prior_year,
                                  vocabulary)
        for f in found:
            if f.measure == "budget":  # 预算为…: in a budget, the figure itself
                f = replace(f, measure="amount")
            f = _in_scope(f, line.text, scoped)
            f = replace(f, metric=_FUND_SCOPED[fund].get(f.metric, f.metric)) if fund else f
            out.append(replace(f, base=_base(line.text, f)) if f.measure in ("change", "growth") else f)
    return out + staffing_facts(doc)  # the staff and units its 基本情况 states, as a 决算's


# XX分局部门预算收入5,127.91万元: the whole budget of the organisation named right before it (a unit of the
# department's), not the department's own — blanked; 本单位/我局 are the department
_OTHERS_WHOLE = re.compile(r"(?P<run>[\u4e00-\u9fff（）()]{3,40})(?P<whole>(?:部门|单位)预算(?:收入|支出))")


def _others_whole(m: re.Match) -> str:
    run = m["run"]
    another = any(is_organisation(tail) and tail[0] not in "本我" for tail in (run[i:] for i in range(len(run) - 2)))
    return run + ("|" * len(m["whole"]) if another else m["whole"])


# The parts after 其中 of a fund's spending are that fund's, not the whole budget's: 一般公共预算支出X万元，
# 其中：基本支出Y万元 is the general budget's 基本支出 (a central unit's 关于一般公共预算支出表的说明).
_FUND_WHOLE = re.compile(rf"(?P<fund>一般公共预算|财政拨款)(?:财政)?(?:拨款)?支出(?:预算)?(?:数)?为?\s*(?:{NUMBER})\s*(?:亿元|万元|元)"
                         r"[^。]*?其中")
_FUND_PARTS = {"一般公共预算": {"expenditure.basic": "general_budget.basic", "expenditure.project": "general_budget.project"},
               "财政拨款": {"expenditure.basic": "fiscal_expenditure.basic", "expenditure.project": "fiscal_expenditure.project"}}


# A central unit's 说明 of each table under its own heading (关于财政拨款收支总表的说明): what the section
# states of 上年结转 is that fund's, not the whole budget's (上年结转106,216.39 of all funds on the 收入总表's
# page, 63,419.31 of 财政拨款 on this one).
_ABOUT_TABLE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\))?\s*关于(?P<what>[^,。;]{2,30}?)的说明\s*$")
_FUND_SCOPED = {"财政拨款": {"carryover.opening": "carryover.opening.fiscal"},
                "一般公共预算": {"carryover.opening": "carryover.opening.general_budget"}}


def _scoped_parts(text: str) -> list[tuple[int, int, dict[str, str]]]:
    """(from, to, metric → the fund's metric) for each 其中 list that follows a fund's spending."""
    out = []
    for m in _FUND_WHOLE.finditer(text):
        end = re.search(r"。", text[m.end():])  # the list's items may be set apart by ；
        out.append((m.end(), m.end() + (end.start() if end else len(text)), _FUND_PARTS[m["fund"]]))
    return out


def _in_scope(fact: Fact, text: str, scoped: list[tuple[int, int, dict[str, str]]]) -> Fact:
    if not scoped or fact.measure not in ("amount", "share"):
        return fact
    written = written_in(text).find(fact.value)
    for start, end, parts in scoped:
        if written is not None and start <= written.start() < end and fact.metric in parts:
            return replace(fact, metric=parts[fact.metric])
    return fact


@cache
def _class_names() -> re.Pattern:
    """The 功能分类 类 names (official and former), longest first: where one is written, the 支出 it
    ends with is not the budget's own 支出预算."""
    names = {official for level, official in function_codes().values() if level == "类"}
    names |= {alias for alias, code in function_alias_rows() if len(code) == 3 and alias.endswith("支出")}
    return re.compile("|".join(re.escape(normalise(n)) for n in sorted(names, key=len, reverse=True)))


def _against_last_year(text: str) -> dict:
    """What a 类/项 line states of last year after its amount: prior (上年数 as written), change, growth."""
    out = {}
    prior = _PRIOR.search(text)
    if prior:
        out["prior"] = to_wanyuan(parse_number(prior["num"]), prior["unit"])
    against = _AGAINST.search(text)
    if against:
        rest = text[against.end():]
        if _flat().match(rest):  # 比2022年预算执行数持平: no change, in 万元 and in per cent
            return out | {"change": 0.0, "growth": 0.0}
        amount, rate = _CHANGE_AMOUNT.search(rest), _CHANGE_RATE.search(rest)
        if amount:
            value = to_wanyuan(parse_number(amount["num"]), amount["unit"])
            out["change"] = signed(value, amount["word"])
        if rate:
            value = parse_number(rate["num"])
            out["growth"] = signed(value, rate["word"])
    return out


@cache
def _flat() -> re.Pattern:
    """Unchanged, in the cue words of reference/cues.csv (持平), right after the comparison: 基本持平 is not."""
    return re.compile(rf"^\s*(?:相比)?\s*(?:{'|'.join(map(re.escape, cues('flat')))})")


def _continued(doc: Document, row: FunctionLine, text: str) -> str:
    """An item's line and, where what it says of last year was set on a line of its own (a PDF's
    paragraph ended after 主要用于…。), that next line: unnumbered, no item of its own, and saying
    nothing but last year's figures."""
    if _PRIOR.search(text) or _AGAINST.search(text) or row.line >= len(doc.lines):
        return text
    after = doc.lines[row.line].text  # line numbers are 1-based: this is the next line
    if _NUMBERED.match(after) or ITEM_LINE.search(after) or ITEM_UNDER_CLASS.search(after) \
            or not re.match(r"^\s*(?:\d{4}年|上年)", after) or not (_PRIOR.search(after) or _AGAINST.search(after)):
        return text
    return text + after


def _base(text: str, fact: Fact) -> str:
    """上年预算执行数 or 上年预算: what the sentence compares this year's budget with (the words
    between the figure and the end of the clause before it)."""
    written = written_in(text).find(fact.value)
    clause = re.split(r"[;。]", text[:written.start() if written else len(text)])[-1]
    return "上年预算执行数" if _EXECUTED.search(clause) else "上年预算"


def budget_functions(doc: Document, known: dict[str, str]) -> list[FunctionLine]:
    """The 功能分类 items the narrative lists (1.一般公共服务支出（类）商贸事务（款）行政运行（项）938.99万元,
    or under a heading （一）一般公共服务支出（类）: 1.政协事务（款）行政运行（项）5,223.22万元), their budget in
    ``amount`` (a budget's figures are budgets)."""
    whole = {"general_budget": Section("general_budget", "", 0, len(doc.lines))}
    items, kuan_names = item_rows(_with_classes(doc), whole, known)
    rows = []
    for row in items:
        text = normalise(row.text)
        m = _ITEM_AMOUNT.search(text)
        if row.amount is None and m:  # the amount right after （项）, as budgets write it
            row = replace(row, amount=to_wanyuan(parse_number(m["num"]), m["unit"]))
        if m:
            rows.append(replace(row, **_against_last_year(_continued(doc, row, text[m.end():]))))
        elif row.amount is not None or row.prior is not None or row.change is not None or row.growth is not None:
            rows.append(row)
        # (an item named with no figure — the 名词解释's 八、社会保障和就业支出（类）…（项）：反映… — states no budget)
    # the 类 stated with the 支出预算总计 are of all funds, the 项 of 财政拨款: both kept, told apart by origin
    derived = derived_rows(rows, [], kuan_names, known)
    classes = class_lines(doc, known)
    lines = {r.line for r in classes}
    listed = [r for line in doc.lines if line.number not in lines for r in listed_classes(line, known)]
    taken = lines | {r.line for r in rows + listed}
    alone = [r for line in doc.lines if line.number not in taken for r in _named_alone(line, known)]
    return sorted(rows + derived + classes + listed + alone, key=lambda r: (r.code or "~", len(r.code)))


# A 款 or 项 named alone at a line's start, its amount right after (梧州: 机构运行 1100910.5 元,其中:基本支出…;
# 初中教育支出 2,065,405.42 元,其中:…): no 类 written, so its code is the reference's only 款/项 of that name,
# or none (机构运行 is a 项 of many 款). The reference is not the whole classification: a name unique in it
# may not be unique in truth (attach similar); and which of the budget's items such lines list, all or
# some, nothing says: origin ``named_alone``, neither summed into its 款 and 类 nor compared with anything.
_NAME_THEN_AMOUNT = re.compile(rf"^\s*(?:\d+\s*[.、]|\(\d+\))?\s*(?P<name>[\u4e00-\u9fff、]{{2,30}}?(?:支出)?)\s*"
                               rf"(?:预算)?(?:数)?为?\s*(?P<num>{NUMBER})\s*(?P<unit>{MONEY})")


def _named_alone(line: Line, known: dict[str, str]) -> list[FunctionLine]:
    m = _NAME_THEN_AMOUNT.match(line.text)
    if not m or ITEM_LINE.search(line.text) or ITEM_UNDER_CLASS.search(line.text) or find_class_code(m["name"]):
        return []
    named = _codes_named().get(_name_key(m["name"]))
    if not named:
        return []
    levels = {lvl for lvl, _ in named}
    level = levels.pop() if len(levels) == 1 else "项"
    code = next(iter(named))[1] if len(named) == 1 else ""
    written = line.raw[m.start("name"):m.end("name")].strip() if len(line.raw) == len(line.text) else m["name"]
    return [FunctionLine(code=code, level=level, name=name_of(code, known) if code else "", name_in_source=written,
                         amount=to_wanyuan(parse_number(m["num"]), m["unit"]), origin=NAMED_ALONE,
                         line=line.number, text=line.stripped, attach=SIMILAR)]


def _name_key(name: str) -> str:
    return name_key(name).removesuffix("支出")


@cache
def _codes_named() -> dict[str, frozenset[tuple[str, str]]]:
    """A 款 or 项 name (its trailing 支出 aside) → the (level, code) of every 款/项 of the reference so named."""
    out: dict[str, set[tuple[str, str]]] = {}
    for code, (level, official) in function_codes().items():
        if level in ("款", "项"):
            out.setdefault(_name_key(official), set()).add((level, code))
    return {name: frozenset(codes) for name, codes in out.items()}


def class_lines(doc: Document, known: dict[str, str]) -> list[FunctionLine]:
    """The 类 a budget states with its amount and its change on a line of their own (江苏:
    1.一般公共服务（类）支出10,271.56万元，…与上年相比增加2,444.1万元，增长31.22%。). They detail the
    支出预算总计 — all funds, 其他资金 too — so their origin is ``all_funds``: never compared with the
    一般公共预算 the 项 lists and tables state (政协 2019: 10,271.56 of all funds, 10,191.56 of 一般公共预算)."""
    out = []
    for line in doc.lines:
        m = _class_match(line.text)
        if not m or ITEM_LINE.search(line.text) or ITEM_UNDER_CLASS.search(line.text):
            continue
        written = line.raw[m.start("name"):m.end("name")].strip() if len(line.raw) == len(line.text) else m["name"]
        code = class_code(written, known)
        if not code:
            continue
        out.append(FunctionLine(code=code, level="类", name=name_of(code, known), name_in_source=written,
                                amount=to_wanyuan(parse_number(m["num"]), m["unit"]),
                                origin="all_funds", line=line.number, text=line.stripped,
                                share=_class_share(line.text[m.end():]), **_against_last_year(line.text[m.end():])))
    return out


# 教育支出类科目5,806,105.16元，占支出总预算82.27%，同比增加…: the share its clause states before last year's
_SHARE_OF_ALL = re.compile(rf"^\s*[,;]?\s*占[^,;。:%\d]{{0,24}}?的?\s*(?P<num>{NUMBER})\s*%")


def _class_share(text: str) -> float | None:
    m = _SHARE_OF_ALL.match(text)
    return parse_number(m["num"]) if m else None


# a 款 heading of its own under its 类's (检察（款）：2018年预算支出合计…。其中：), and an item line naming its 项 alone
_KUAN_HEADING = re.compile(r"^\s*(?:\d+\s*[.、]|\([一二三四五六七八九十\d]+\))?\s*(?P<name>[^()\d:,。;]{2,30}?)\s*\(\d*\s*款\)")
_ITEM_ONLY = re.compile(r"^\s*(?:\d+\s*[.、]|\(\d+\))\s*[^()]{2,40}?\(\d*\s*项\)")


def _with_classes(doc: Document) -> Document:
    """Items written under their 类's heading get the 类 written in front, as the other template has it;
    items under a 款's heading too, the 类 and the 款 in front."""
    lines, current, kuan = [], "", ""
    for line in doc.lines:
        heading = _CLASS_HEADING.match(line.text)
        kuan_heading = _KUAN_HEADING.match(line.text) if "项)" not in line.text else None
        if heading:
            current, kuan = line.raw[heading.start("name"):heading.end("name")].strip(), ""
        elif current and kuan_heading:  # 检察（款）：2018年预算支出合计16,444.36万元。其中：
            kuan = line.text[kuan_heading.start("name"):kuan_heading.end("name")].strip()
        elif current and kuan and _ITEM_ONLY.search(line.text) and "(款)" not in line.text and "(类)" not in line.text:
            # 1．行政运行（项）支出10,883.36万元 under that 款 and its 类
            body = line.raw[_NUMBERED.match(line.text).end() if _NUMBERED.match(line.text) else 0:]
            raw = f"{current}（类）{kuan}（款）{body}"
            line = Line(line.number, raw, normalise(raw), line.page, line.page_line)
        elif current and ITEM_UNDER_CLASS.search(line.text) and not ITEM_LINE.search(line.text):
            body = line.raw[_NUMBERED.match(line.text).end() if _NUMBERED.match(line.text) else 0:]
            raw = f"{current}（类）{body}"
            line = Line(line.number, raw, normalise(raw), line.page, line.page_line)
        elif current and (kuan := _KUAN_AS_CLASS.match(line.text)) and "(款)" not in line.text \
                and kuan["kuan"].strip() not in (current, current.removesuffix("支出")):
            # under 社会保障和就业（类）: 1.行政事业单位离退休（类）…（项） — a 款 marked as a 类
            raw = f"{current}（类）{kuan['kuan'].strip()}（款）{kuan['rest']}"
            line = Line(line.number, raw, normalise(raw), line.page, line.page_line)
        lines.append(line)
    return replace(doc, lines=tuple(lines))


# A project's own page (上海: 科技创新专项经费情况说明 … 六、年度预算安排 / 2025年度项目总预算1720.00万，其中…)
_PROJECT_TITLE = re.compile(r"^\s*(?P<name>[^\s一二三四五六七八九十、.()]\S{1,38}?)(?:项目)?经费情况说明\s*$")
_YEAR_BUDGET_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+\s*[.、]|\(\d+\))?\s*年度预算安排\s*$")
_PERIOD_PART = re.compile(r"季度|上半年|下半年|\d{1,2}月")
_PROJECT_BUDGET = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>万元|万|元)(?![\d])")


def project_budgets(doc: Document) -> list[dict]:
    """The year's budget each project page states under its 年度预算安排 heading (the first amount:
    the project's total, its parts follow) → performance_statements.csv, measure ``budget``."""
    out, project, under = [], "", False
    for line in doc.lines:
        title = _PROJECT_TITLE.match(line.text)
        if title:
            project, under = line.raw.strip().removesuffix("经费情况说明").strip(), False
            continue
        if project and _YEAR_BUDGET_HEADING.match(line.text):
            under = True
            continue
        if under:
            m = _PROJECT_BUDGET.search(line.text)
            if m and _PERIOD_PART.search(line.text[:m.start()]):
                m = None  # 第一季度用款计划25.88万元，…: a part of the year, not its budget
            if m:
                unit = "万元" if m["unit"] == "万" else m["unit"]
                out.append({"subject": "年度预算安排", "project": project, "measure": "budget",
                            "value": to_wanyuan(parse_number(m["num"]), unit), "section": "项目情况说明",
                            "line": line.number, "text": line.stripped})
            under = False
    return out
