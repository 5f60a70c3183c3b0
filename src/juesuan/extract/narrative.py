"""Facts from the narrative's sentences → facts.csv.

Each section has a vocabulary of subject phrases. A line is read as a stream of tokens —
subject phrases, amounts, percents, 占…% shares, 持平 — and each number is attached to the
subject it follows, its measure decided by the words just before it (增加/减少 → change,
增长/下降 → growth, 完成预算 → completion; the cue words are rows of reference/cues.csv). Counts
(辆, 批次, 人次 …) have patterns of their own.

Each line first passes through the clause model (clauses.py): a figure in an explanation (主要原因…)
or a list item takes only a subject its own clause names, and every fact records how its subject was
found (``attach``), so that the checks raise errors only on figures whose subject is certain.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from ..model.document import Document, Line, normalise
from ..model.numbers import AMOUNT, MONEY, NUMBER, PERCENT, parse_number, signed, to_wanyuan, written_figures
from ..reference import count_rule_rows, cues, identity_words, metrics, staffing_words
from .assets import about_assets, asset_figures
from .clauses import NAMED, UNSECTIONED, Clauses, clauses
from .functions import ITEM_LINE
from .sections import Section, section_lines

FACT_COLUMNS = ["metric", "period", "measure", "value", "unit_in_source", "base", "section", "line", "text", "attach",
                "subject_in_source"]


@dataclass(frozen=True)
class Fact:
    metric: str
    period: str
    measure: str
    value: float
    unit_in_source: str
    base: str  # for shares: the metric the percentage is of
    section: str
    line: int
    text: str
    attach: str = NAMED  # how the subject was found (clauses.py): named | carried | cause
    subject_in_source: str = ""  # the words the text names the figure by, where its metric names a kind only

    def row(self) -> dict:
        return {c: getattr(self, c) for c in FACT_COLUMNS}


_THREE = '"三公"经费'
# The 经济分类 classes a text breaks spending into (支出预算总额658.66万元，其中：工资和福利支出562.52万元…; 基本支出
# 237.6万元（工资福利支出191.58万元…）; 工资福利支出12000元，占项目支出预算2.56%): which whole they are of — 基本支出,
# 项目支出, all spending — the sentence tells, not the name, so they are recorded as parts of no whole
# (check.statements.OF_SEVERAL_WHOLES: no two statements of one are held to be one figure)
ECONOMIC = (
    ("工资福利支出", "economic.wages"), ("工资和福利支出", "economic.wages"),
    ("商品和服务支出", "economic.goods_services"),
    ("对个人和家庭的补助支出", "economic.households"), ("对个人和家庭补助支出", "economic.households"),
    ("对个人和家庭的补助", "economic.households"), ("资本性支出", "economic.capital"),
)
VOCABULARY: dict[str, tuple[tuple[str, str], ...]] = {
    "overview": (
        ("收、支总计", "total"), ("收支总计", "total"), ("收入、支出总计", "total"), ("收入支出总计", "total"), ("本年收入合计", "income"),
        ("本年收入", "income"), ("年初结转和结余", "carryover.opening"), ("上年结转和结余", "carryover.opening"),
        ("本年支出合计", "expenditure"),
        ("本年支出", "expenditure"), ("年末结转和结余", "carryover.closing"),
        # 2018年度收入合计1723.71万元，比2017年…: the year's, as in the 收入/支出 sections (the whole with the
        # carry-over is its 总计)
        ("收入合计", "income"), ("支出合计", "expenditure"),
        ("事业基金弥补收支差额", "income.business_fund"), ("结余分配", "expenditure.surplus_distribution"),
        ("收入总计", "total.income"), ("支出总计", "total.expenditure"),
        ("年初结转结余", "carryover.opening"), ("年末结转结余", "carryover.closing"),
        # 部门决算总收入759.45万元，其中本年收入…: the whole with the year's opening balance (2014)
        ("决算总收入", "total"), ("决算总支出", "total"),
        # 2018年总收入3647.88万元。比上年增长12.16%。总支出3629.2万元: the year's income, or with the carry-over
        # (总收入581.45万元，其中本年收入390.55万元) — which, the words do not say: a figure of its own
        ("总收入", "income.gross"), ("总支出", "expenditure.gross"),
        # 2016年收入决算205.27万元,比上年收入决算221.17万元减少15.9万元 (太原 小店区): the same, said by its kind
        ("收入决算", "income.gross"), ("支出决算", "expenditure.gross"),
        # 收入总计8013.45万元，支出总计8013.45万元。收支较上年决算数减少5137.56万元 (重庆)
        ("收支", "total"),
        # 2018年收入737615447元 (鼎城): the year's, with its carry-over or not — only right after its year (cues.csv:
        # dated); bare, 收入 and 支出 are any item's
        ("收入", "income.gross"), ("支出", "expenditure.gross"),
    ),
    "income": (
        ("本年收入合计", "income"), ("收入合计", "income"), ("本年收入", "income"),
        ("一般公共预算财政拨款收入", "income.general_budget"),
        ("政府性基金预算财政拨款收入", "income.gov_fund"),
        ("国有资本经营预算财政拨款收入", "income.state_capital"),
        ("上级补助收入", "income.higher_subsidy"), ("事业收入", "income.business"),
        ("经营收入", "income.operating"), ("附属单位上缴收入", "income.affiliated"),
        ("其他收入", "income.other"), ("财政拨款收入", "income.fiscal"), ("营业收入", "income.operating"),
        ("其中政府性基金", "income.gov_fund"), ("公共财政拨款收入", "income.general_budget"),
        # each fund's 财政拨款 written short (公共预算财政拨款收入3165.33万元，政府性基金预算拨款收入16.00万元)
        ("公共预算财政拨款收入", "income.general_budget"), ("一般公共预算拨款收入", "income.general_budget"),
        ("政府性基金预算拨款收入", "income.gov_fund"), ("国有资本经营预算拨款收入", "income.state_capital"),
        ("一般公共预算收入", "income.general_budget"),
        ("本单位收入", "income"), ("本部门收入", "income"),  # 2017年度，本单位收入为1687.45万元，其中…
        # the whole with the year's opening balance, stated where the income is (本部门2020年度收入总计
        # 1262.71万元，其中年初结转和结余134.56万元…；本年收入合计1128.15万元) — its parts are not read here: the
        # change written after 年初结转和结余 is 收入总计's (永丰县人民法院 2020: 197.03 = 3,759.2 − 3,562.17)
        ("收入总计", "total.income"), ("财政拨款收入总计", "fiscal_total.income"), ("收入决算", "income.gross"),
        # 2017年总收入6628.72万元，其中：财政补助收入2339.68万元，事业收入… (总收入: see the overview's); 财政补助收入
        # is 财政拨款收入 as a hospital's (事业单位's) accounts called it before 2019
        ("总收入", "income.gross"), ("财政补助收入", "income.fiscal"),
    ),
    "expenditure": (
        ("本年支出合计", "expenditure"), ("支出合计", "expenditure"), ("本年支出", "expenditure"),
        ("基本支出", "expenditure.basic"), ("项目支出", "expenditure.project"),
        ("上缴上级支出", "expenditure.to_higher"), ("经营支出", "expenditure.operating"),
        ("对附属单位补助支出", "expenditure.affiliated_subsidy"),
        # the parts of 基本支出 of all funds (基本支出9890.31万元。其中，人员支出8659.7万元，公用支出1230.61万元);
        # 人员经费/公用经费 are the general budget's in their own section, all funds' here (基本支出649016833.71元
        # (人员经费611626653.85元,日常公用经费37390179.86元) — 鼎城 2018)
        ("人员支出", "expenditure.basic.personnel"), ("公用支出", "expenditure.basic.public"),
        ("人员经费", "expenditure.basic.personnel"), ("日常公用经费", "expenditure.basic.public"),
        ("公用经费", "expenditure.basic.public"),
        ("本单位支出", "expenditure"), ("本部门支出", "expenditure"),
        ("支出总计", "total.expenditure"), ("财政拨款支出总计", "fiscal_total.expenditure"), ("总支出", "expenditure.gross"),
        ("支出决算", "expenditure.gross"),
        *ECONOMIC,
        # 本年支出3629.2万元中，财政拨款支出2131.80万元，占本年支出的58.74% (by the source of its funds)
        ("财政拨款支出", "fiscal_expenditure"),
    ),
    "fiscal": (
        ("财政拨款收、支总计", "fiscal_total"), ("财政拨款收支总计", "fiscal_total"), ("财政拨款收入支出总计", "fiscal_total"),
        ("收入支出总计", "fiscal_total"),
        ("收、支总计", "fiscal_total"), ("收支总计", "fiscal_total"),
        ("收入总计", "fiscal_total.income"), ("支出总计", "fiscal_total.expenditure"),
        # 财政拨款收入总计1516.64万元…其中：一般公共预算财政拨款收入1486.64万元，政府性基金预算财政拨款收入30万元
        ("一般公共预算财政拨款收入", "income.general_budget"), ("政府性基金预算财政拨款收入", "income.gov_fund"),
        ("国有资本经营预算财政拨款收入", "income.state_capital"),
        # 本部门2016年度财政拨款收入6955.73万元，较上年决算数增加950.05万元…财政拨款支出6954.57万元: the year's
        # (the 总计 hold the carry-over too)
        ("财政拨款收入", "income.fiscal"), ("财政拨款支出", "fiscal_expenditure"),
        ("财政拨款收入总计", "fiscal_total.income"), ("财政拨款支出总计", "fiscal_total.expenditure"),
        # 财政拨款本年收入1205.11万元…; 一般公共预算财政拨款本年收入979.53万元: the year's, 本年 between the fund and
        # what it is
        ("财政拨款本年收入", "income.fiscal"), ("财政拨款本年支出", "fiscal_expenditure"),
        ("一般公共预算财政拨款本年收入", "income.general_budget"),
        ("政府性基金预算财政拨款本年收入", "income.gov_fund"),
        ("国有资本经营预算财政拨款本年收入", "income.state_capital"),
    ),
    # the general budget's spending by kind (（一）基本支出382.49万元 under 公共财政拨款支出)
    # 财政拨款支出 said in the 一般公共预算's sections is what it says, all the 财政拨款's spending: the same
    # figure where the department has no 政府性基金, which the section does not say (fiscal_expenditure)
    "general_budget.total": (("一般公共预算财政拨款支出", "general_budget"), ("基本支出", "general_budget.basic"),
                             ("财政拨款支出", "fiscal_expenditure")),
    "general_budget.structure": (("一般公共预算财政拨款支出", "general_budget"), ("财政拨款支出", "fiscal_expenditure")),
    "general_budget.detail": (
        ("一般公共预算财政拨款支出决算数", "general_budget"), ("一般公共预算支出决算数", "general_budget"),
        ("一般公共预算财政拨款支出", "general_budget"), ("一般公共预算支出", "general_budget"),
        # 1.基本支出1656.48万元，占一般公共预算财政拨款总支出的70.80%；2.项目支出683.20万元 (the 具体情况 by kind)
        ("基本支出", "general_budget.basic"), ("项目支出", "general_budget.project"),
        ("财政拨款支出", "fiscal_expenditure"),
    ),
    "basic": (
        ("一般公共预算财政拨款基本支出", "general_budget.basic"), ("基本支出", "general_budget.basic"),
        ("人员经费", "general_budget.basic.personnel"), ("公用经费", "general_budget.basic.public"),
        *ECONOMIC,
    ),
    "three_public.total": ((_THREE + "财政拨款支出", "three_public"), (_THREE, "three_public")),
    "three_public.detail": (
        (_THREE + "财政拨款支出", "three_public"), (_THREE, "three_public"),
        ("因公出国(境)费", "three_public.overseas"), ("因公出国(境)经费", "three_public.overseas"),
        ("因公出国(境)", "three_public.overseas"),
        ("公务用车购置及运行维护费", "three_public.vehicle"), ("公务用车购置及运行费", "three_public.vehicle"),
        ("公务用车购置费和运行费", "three_public.vehicle"), ("公务用车购置和运行维护费", "three_public.vehicle"),
        ("公务用车购置", "three_public.vehicle.purchase"),
        ("公务用车运行维护费", "three_public.vehicle.operation"), ("公务用车运行费", "three_public.vehicle.operation"),
        ("公务接待费", "three_public.reception"), ("公务招待费", "three_public.reception"),  # 招待: its older word
        ("国内公务接待", "three_public.reception.domestic"), ("外事接待", "three_public.reception.foreign"),
        ("国内接待费", "three_public.reception.domestic"), ("国(境)外接待费", "three_public.reception.foreign"),
        ("国(境)外公务接待费", "three_public.reception.foreign"),
    ),
    "gov_fund": (("政府性基金预算财政拨款支出", "gov_fund"), ("政府性基金预算支出", "gov_fund"),
                 ("政府性基金支出", "gov_fund"), ("政府基金支出", "gov_fund")),
    "state_capital": (("国有资本经营预算财政拨款支出", "state_capital"), ("国有资本经营预算支出", "state_capital")),
    "other.operating_cost": (("机关运行经费", "operating_cost"),),
    "other.procurement": (
        ("政府采购支出总额", "procurement"), ("政府采购总额", "procurement"), ("政府采购货物支出", "procurement.goods"),
        ("政府采购工程支出", "procurement.works"), ("政府采购服务支出", "procurement.services"),
        ("授予中小企业合同金额", "procurement.sme"), ("授予小微企业合同金额", "procurement.sme.small_micro"),
        ("政府采购金额", "procurement"), ("政府采购支出", "procurement"), ("货物采购金额", "procurement.goods"),
        ("工程采购金额", "procurement.works"), ("服务采购金额", "procurement.services"),
    ),
    "other.assets": (),
}
# "三公"经费 is also written without its quotes (or the PDF producer set them apart); 一般公共预算财政拨款
# was called 公共财政拨款 until 2014/15.
# A 费 is also written as its 支出 or 经费 (公务用车运行维护支出, 因公出国(境)经费 for …费); 公务用车 short
# (公车购置及运行维护费 in 眉山's 2014 notes, 公务车购置及运行费 in 上海's); 其他 written 其它.
VOCABULARY = {k: v + tuple((p.replace('"', ""), m) for p, m in v if '"' in p)
              + tuple((p.replace("一般公共预算财政拨款", "公共财政拨款"), m) for p, m in v if "一般公共预算财政拨款" in p)
              + tuple((p[:-1] + suffix, m) for p, m in v if p.endswith("费") and not p.endswith("经费")
                      for suffix in ("支出", "经费"))
              + tuple((p.replace("公务用车", short), m) for p, m in v if "公务用车" in p for short in ("公车", "公务车"))
              + tuple((p.replace("其他", "其它"), m) for p, m in v if "其他" in p)  # 其它收入: as often written
              + tuple((p[:-2] + "总决算", m) for p, m in v if p.endswith("总计"))  # 财政拨款收支总决算19170.97万元
              for k, v in VOCABULARY.items()}
# A report without sub-headings states the same things under the parent heading.
VOCABULARY["general_budget"] = VOCABULARY["general_budget.total"]
VOCABULARY["three_public"] = VOCABULARY["three_public.detail"]
# Shanghai's 总体情况 states the parts too (其中：因公出国（境）费决算为…)
VOCABULARY["three_public.total"] = VOCABULARY["three_public.detail"]
VOCABULARY["other"] = VOCABULARY["other.operating_cost"] + VOCABULARY["other.procurement"]

# What "占X%" is a share of when the sentence does not name it.
DEFAULT_BASE = {
    "income": "income", "expenditure": "expenditure", "three_public.detail": "three_public",
    "three_public": "three_public", "general_budget.structure": "general_budget",
    "other.procurement": "procurement", "other": "procurement",
}
BASE_NAMES = (
    ("本年支出合计", "expenditure"), ("支出合计", "expenditure"), ("本年收入合计", "income"),
    ("收入合计", "income"), ("政府采购支出总额", "procurement"), ("一般公共预算财政拨款支出", "general_budget"),
    ("一般公共预算财政拨款总支出", "general_budget"),
    (_THREE, "three_public"), ("三公经费", "three_public"), ("收、支总计", "total"),
    ("授予中小企业合同金额", "procurement.sme"),
)

_CLAUSE_END = re.compile(r"[,;。:]")
# the two sides of a total, and the word a clause opens with to speak of one (收入较上年…, 支出比上年…)
_SIDES = {"total": {"收入": "total.income", "支出": "total.expenditure"},
          "total.income": {"支出": "total.expenditure"}, "total.expenditure": {"收入": "total.income"},
          "fiscal_total": {"收入": "fiscal_total.income", "支出": "fiscal_total.expenditure"},
          "fiscal_total.income": {"支出": "fiscal_total.expenditure"},
          "fiscal_total.expenditure": {"收入": "fiscal_total.income"}}
_SIDE_OPENS = re.compile(r"^\s*(收入|支出)(?:决算数?)?\s*(?:较|比|同比|与)")
_SENTENCE_END = re.compile(r"[;。]")
_SHARE = re.compile(rf"占(?P<base>[^,;。:%\d]{{0,24}}?)的?(?P<num>{NUMBER})\s*%")
# 占基本支出预算%, its number left out: the words are a share's base all the same, never a subject
_EMPTY_SHARE = re.compile(r"占[^,;。:%\d]{1,24}?%")


def _cue_words(role: str) -> re.Pattern:
    return re.compile("|".join(map(re.escape, cues(role))))


_FLAT = _cue_words("flat")
_ROUGHLY = re.compile(r"(?:基本|大体|大致|总体|略)$")
_COMPLETION = re.compile(r"完成(?:年初|调整后?|全年)?预算(?:数)?的?|预算完成率为?|执行率为?")
# 完成全年预算84.82万元的73.2%: the budget's amount between the words and the rate
_COMPLETION_OF = re.compile(rf"完成(?:年初|调整后?|全年)?预算(?:数)?(?:为)?\s*{NUMBER}\s*(?:亿元|万元|元)的\s*$")
_GROWTH = _cue_words("growth")
# 增长下降21%, 下降（增长）27.78%: the template's two words both left in, one perhaps in brackets
_BOTH_WAYS = re.compile(r"(?:增长|增加|上升)[(/]?(?:下降|减少|降低)|(?:下降|减少|降低)[(/]?(?:增长|增加|上升)")
_CHANGE = _cue_words("change")
# 比预算增加0万元 / 较年初预算减少… : the difference from the budget, not from last year
_AGAINST_BUDGET = re.compile(r"(?:比|较|与|同)于?(?:年初|调整后?的?|全年)?预算(?:数)?(?:相比)?[^,;。比较与]*$")
# a 决算's 比上年预算数字下降35.45% (beside 比上年决算数字下降34.26%): against last year's budget, neither
# the change from last year's outturn nor from this year's budget (a budget's 比上年预算 is its change)
_AGAINST_PRIOR_BUDGET = re.compile(r"(?:比|较|与|同)于?(?:上年|上一年度?|去年)(?:年初)?预算(?:数)?[^,;。比较与]*$")
_VERB_BEFORE = re.compile(rf"(?:{_CHANGE.pattern})\s*$")
# 比2019年（疫情前）决算数减少24.87万元，降低28.6%: a comparison with a year other than the last is not
# the year's change — nor is the rate after it, until a comparison with last year again
_ANOTHER_YEAR = re.compile(r"(?:比|较|与|同)于?\s*(?P<year>20\d\d)\s*年")
_LAST_YEAR = re.compile(r"(?:比|较|与|同)于?(?:上年|上一年|去年)|同比")
# 比上年预算增56400元 / 比上年预算减15600元 / 比上年少9.5万元: a change word of one character, right after a
# comparison (多/少 only there, and not ending 增多/减少, whose words say it already)
_SHORT_CHANGE = re.compile(r"(?:比|较)[^,;。]{0,12}?(?P<way>增|减|(?<![增减])多|(?<![增减])少)\s*$")
_MORE = ("增", "多")
_SHORT_RATE = re.compile(r"[\s,]*(?P<way>增|减)\s*")
# … or set before the subject, its clause ended (与年初预算相比，收、支总计各增加96.21万元，增长40.63%)
_LEADS_WITH_BUDGET = re.compile(r"(?:与|同)(?:年初|调整后?的?|全年)?预算数?相比\s*[,，]?\s*$")
# 决算数大于预算数55.93万元: the outturn less the budget (budget_change), said without a change word
_BEYOND_BUDGET = re.compile(r"决算数?(?P<way>大于|多于|超过|超出|高于|小于|少于|低于)(?:年初|调整后?的?|全年)?预算数?(?:为)?$")
# 年初预算为X万元 / 全年预算数X万元 / 调整后预算为X万元 (the budget, not the outturn)
_BUDGET = re.compile(r"(?P<when>年初|全年|调整后?|)预算(?:数|金额)?(?:为|是)?$")
_MASKS = (
    re.compile(r"(?:单价|单位价值)\s*\d+\s*万元(?:\(含\))?以上(?!的?(?:专用)?设备)"),  # a threshold, not an amount
    re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"),
)

# 分别/各 lists: A、B、C分别为X、Y、Z万元; 收、支总计各是X,Y万元 (a subject naming two things at once).
_SEPARATOR = r"[、,和及与]|以及"
_SEPARATOR_ONLY = re.compile(rf"\s*(?:{_SEPARATOR})\s*(?:支出|费用?)?\s*")
_LIST_GAP = re.compile(rf"\s*(?:{_SEPARATOR})\s*(?:比上年|较上年)?(?:增长|下降|增加|减少|降低|上升)?\s*")
_RESPECTIVE = re.compile(r"分别|各(?=[是为自增减下上占达比较])")
# A run of numbers joined by separators, read once from its first digit (possessive: nothing given back),
# and the unit after it. A list's numbers may be written with thousands separators (4,125.49,4,143.91万元),
# which the separator "," makes ambiguous: a pattern that tried each way to cut such a run (NUMBER joined by
# separators, then the unit) took 4 s for twenty groups of ",234" and twice as long for each one more. A
# run ends at the same place from whichever of its numbers it is read, so it is read from its first.
_CHAIN = re.compile(rf"\d++(?:\.\d++)?+(?:\s*+(?:{_SEPARATOR})\s*+\d++(?:\.\d++)?+)*+")
_SEPARATOR_IN = re.compile(_SEPARATOR)
_UNIT_AFTER = re.compile(r"\s*(?P<unit>亿元|万元|元|%)")
_PARTS = {"total": ("total.income", "total.expenditure"),
          "fiscal_total": ("fiscal_total.income", "fiscal_total.expenditure")}

_VEHICLE_TYPES = (("轿车", "sedan"), ("越野车", "suv"), ("载客汽车", "bus"))


# between a reception's name and its counts: its amount, and 共计/累计 (…35.9万元,共计265批次)
_SPENT = rf"(?:\s*{NUMBER}\s*(?:万元|元)\s*,?)?\s*(?:共计?|累计)?"


# the persons after the batches: 265批次,3180人次 / 220批次、2929人次 / 220批次,人数2929人
_N = r"(?<![\d,])\d{1,3}(?:,\d{3})+|\d+"  # a count, written with its thousands or not (1,318辆)
_PERSONS = rf"[,、;]?\s*(?:接待)?(?:人数|人次数?|共)?\s*({_N})\s*人次?"


def _count_rules() -> list[tuple[re.Pattern, tuple[str, ...], str, bool]]:
    """(pattern, metric per group, unit, whether an amount may stand before its counts) — the counts
    reference/count_rules.csv states, each a pattern whose {N} is a count (1,318 or 1318), {SPENT} an amount
    and 共计 between a name and its counts, {PERSONS} the persons after the batches."""
    parts = {"{N}": _N, "{SPENT}": _SPENT, "{PERSONS}": _PERSONS}
    rules = []
    for row in count_rule_rows():
        pattern = row["pattern"]
        for name, part in parts.items():
            pattern = pattern.replace(name, part)
        rules.append((re.compile(pattern), tuple(row["metrics"].split("|")), row["unit"], "{SPENT}" in row["pattern"]))
    return rules


_COUNTS = _count_rules()
# The vehicles by type after "购置公务用车N辆，其中：" or "共有公务用车N辆，其中：".
_VEHICLE_DETAIL = re.compile(r"(?P<what>购置|共有|保有)公务用车\s*\d+\s*辆,?其中:(?P<detail>[^。]*)")
_VEHICLE_ITEM = re.compile(rf"(?P<type>轿车|越野车|载客汽车)\s*(?P<n>\d+)\s*辆(?:[、,]?金额(?P<amount>{NUMBER})\s*(?P<unit>万元|元))?")

# A budget's plan to buy (预算安排购置车辆N辆，其中：…；安排购置单价100万元以上设备N台), to the clause's end.
_TO_PURCHASE = re.compile(r"安排购置[^;。]*")

_NARRATIVE_SECTIONS = tuple(VOCABULARY)


# Statements with a pattern of their own, wherever they stand (Shanghai's 其他重要事项 and 绩效):
# (pattern with a `num` group and optional `unit`, metric, measure).
_AMT = rf"(?P<num>{NUMBER})\s*(?P<unit>{MONEY})"
_STATEMENTS = (
    (re.compile(rf"面向中小企业预留(?:的)?政府采购项目预算(?:金额)?为?{_AMT}"), "procurement.reserved.sme", "amount"),
    (re.compile(rf"面向小微企业预留(?:的)?政府采购项目预算(?:金额)?为?{_AMT}"), "procurement.reserved.small_micro",
     "amount"),
    (re.compile(rf"在面向中小企业预留的?政府采购项目中,由中小企业供应商中标或成交的,采购金额为?{_AMT}"),
     "procurement.reserved.sme.awarded", "amount"),
    (re.compile(rf"在?面向小微企业预留的?政府采购项目中,由小微企业供应商中标或成交的,采购金额为?{_AMT}"),
     "procurement.reserved.small_micro.awarded", "amount"),
    (re.compile(rf"在其他政府采购项目中,由中小企业供应商中标或成交的,采购金额为?{_AMT}"),
     "procurement.other.sme.awarded", "amount"),
    (re.compile(r"(?:编报|编制)绩效目标的\d{4}年度?项目(?P<num>\d+)个"), "performance.targets", "count"),
    (re.compile(rf"(?:编报|编制)绩效目标的\d{{4}}年度?项目\d+个,涉及(?:预算)?金额{_AMT}"), "performance.targets.amount",
     "amount"),
    (re.compile(rf"绩效自评的\d{{4}}年度?项目\d+个,涉及(?:预算)?金额[\d.,]+万元,平均得分(?P<num>{NUMBER})分"),
     "performance.self_evaluation.average", "score"),
    # 本年度无"三公"经费财政拨款支出: a statement that the figure is nought
    (re.compile(r"(?:年度|本年)无\"?三公\"?经费(?:财政拨款)?支出"), "three_public", "none"),
)


def statement_facts(doc: Document) -> list[Fact]:
    out = []
    for line in doc.lines:
        for rx, metric, measure in _STATEMENTS:
            for m in rx.finditer(line.text):
                if measure == "none":
                    out.append(Fact(metric, "current", "amount", 0.0, "无", "", "", line.number, line.stripped))
                elif measure in ("count", "score"):
                    out.append(Fact(metric, "current", "count" if measure == "count" else "score",
                                    parse_number(m["num"]), "个" if measure == "count" else "分", "", "",
                                    line.number, line.stripped))
                else:
                    out.append(Fact(metric, "current", "amount", to_wanyuan(parse_number(m["num"]), m["unit"]),
                                    m["unit"], "", "", line.number, line.stripped))
    return out


@cache
def _every_word() -> tuple[tuple[str, str], ...]:
    """Every section's (word, subject) pairs, each once."""
    return tuple(dict.fromkeys(pair for key in _NARRATIVE_SECTIONS for pair in VOCABULARY[key]))


@cache
def _subjects_of_words() -> dict[str, tuple[str, ...]]:
    """Each word of every section with the subjects it names, section by section."""
    subjects: dict[str, list[str]] = defaultdict(list)
    for phrase, metric in _every_word():
        subjects[phrase].append(metric)
    return {phrase: tuple(found) for phrase, found in subjects.items()}


@cache
def _anywhere() -> tuple[tuple[str, str], ...]:
    """The words of every section that name one subject in each section they are written in (本年收入,
    事业收入, “三公”经费 …; not 基本支出 or 收支总计, whose subject depends on the section)."""
    return tuple((phrase, found[0]) for phrase, found in _subjects_of_words().items() if len(found) == 1)


def named_subjects(text: str) -> set[str]:
    """The metrics any section's words name in ``text`` (a word that names two, in two sections, gives both);
    not the bare words (支出决算, 收支: cues.csv), which a 项's line says of its 项 as well
    (人民防空03（项）： 支出决算为60.5万元)."""
    return {metric for phrase, metric, _ in _labels(normalise(text), _every_word()) if phrase not in cues("bare")}


def unsectioned_facts(lines: Iterable[Line], prior_year: int | None) -> list[Fact]:
    """A report none of whose sections is found (a page of a longer one; a template whose headings no
    signature knows) is read line by line with the words that mean one thing wherever they stand; so are
    the lines before the first section found (a page that begins in the middle of one), and those under
    headings no signature knows (_unknown_lines). Of which funds such a figure is (all, or the 财政拨款)
    is not known: its subject is not certain, and no error rests on it (check/context.uncertain)."""
    facts, last = [], None
    vocabulary = _anywhere()
    for line in lines:
        if line.text.strip() and not _is_function_line(line.text):
            line = _one_fund_blanked(line, vocabulary)
            words = vocabulary + _parts_named_after_their_whole(line.text, vocabulary)
            facts += [replace(f, attach=UNSECTIONED) if f.attach == NAMED else f
                      for f in facts_in_line(line, "", "", prior_year, words, carried=last)]
            last = _subject_at_end(line.text, vocabulary, last, prior_year)
    return facts


def _parts_named_after_their_whole(text: str, vocabulary) -> tuple[tuple[str, str], ...]:
    """Read without its section, a word of several subjects (基本支出) is the part of the whole its line names
    before it, where that whole has exactly one such part (2020年本年支出合计390.26万元,其中:基本支出332.37万元 —
    本年支出's: reference/metrics.csv's parent); else it stays unread."""
    written = [(phrase, subjects, at) for phrase, subjects in _subjects_of_words().items()
               if len(subjects) > 1 and (at := text.find(phrase)) >= 0]  # words whose subject depends on the section
    wholes = _labels(text, vocabulary) if written else []
    out = []
    for phrase, subjects, at in written:
        before = {metric for _, metric, start in wholes if start < at}
        parts = {m for m in subjects if (spec := metrics().get(m)) is not None and spec.parent in before}
        if len(parts) == 1:
            out.append((phrase, parts.pop()))
    return tuple(out)


_SENTENCE = re.compile(r"[^。;]+")
# subjects of the 财政拨款 whatever the fund named before them (一般公共预算财政拨款安排的“三公”经费支出决算总额)
_FUNDS_KNOWN = ("three_public", "operating_cost", "procurement")


def _one_fund_blanked(line: Line, vocabulary) -> Line:
    """A line read without its section, less what it says of one fund alone: from a fund's name to the end
    of its sentence, unless a subject of the vocabulary is written whole there (一般公共预算财政拨款支出
    1070.67万元) or one whose funds are known whatever the fund (“三公”经费). 2018年度一般公共预算收入总计
    1085.31万元,本年支出1070.67万元 states the fund's 总计 and its 本年支出, not the department's: not
    understood, so not read."""
    text = line.text
    for sentence in _SENTENCE.finditer(line.text):
        at = min((i for f in _FUNDS if (i := sentence[0].find(f)) >= 0), default=None)
        if at is None:
            continue
        after = sentence[0][at:]
        labels = _labels(after, vocabulary)
        whole = [p for p, _, start in labels if start == 0 and re.match(r"[\s\d为是共:]", after[len(p):] or " ")]
        if not whole and not any(m.startswith(_FUNDS_KNOWN) for _, m, _ in labels):
            start = sentence.start() + at
            text = text[:start] + " " * (sentence.end() - start) + text[sentence.end():]
    return line if text == line.text else replace(line, text=text)  # (raw, quoted, stays as written)


_ANY_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+\s*、|[(（][一二三四五六七八九十]+[)）])")


def opening_lines(doc: Document, sections: dict[str, Section]) -> int:
    """How many of a report's first lines no section it is known by holds: every line where none is
    found; else, a page that begins in the middle of a section, those before its first heading of any
    kind (a report's own beginning — title, 目录, 一、部门概况 — opens with none)."""
    if not any(key in sections for key in _NARRATIVE_SECTIONS):
        return len(doc.lines)
    first = min(sections[key].heading for key in _NARRATIVE_SECTIONS if key in sections)
    heading = next((ln.number for ln in doc.lines if _ANY_HEADING.match(ln.text)), first)
    return min(first, heading) - 1


def _unknown_lines(doc: Document, sections: dict[str, Section]) -> list[Line]:
    """The lines of the 决算说明 part itself, before its first section found (忻州: 第三部分 2018年度部门决算
    情况说明 / 一、2018年度部门决算收支增减情况说明 …, headings in words no signature knows): the report's
    own statements, under headings not understood."""
    part = sections.get("part.accounts")
    return section_lines(doc, part) if part is not None else []


def _uncovered_lines(doc: Document, sections: dict[str, Section]) -> list[Line]:
    """The lines after the opening that no section found holds, where no 决算说明 part holds them either (澧县
    澧阳镇中学 2016: 二、部门收支概况 / 1、收入决算:2016年决算数3181.33万元… under headings no signature knows,
    before its “三公” section): read as every unsectioned line is, never left unread."""
    if "part.accounts" in sections:
        return []  # (its lines are _unknown_lines')
    start = opening_lines(doc, sections)
    spans = [(s.heading, s.end) for s in sections.values()]
    return [ln for ln in doc.lines[start:] if not any(a <= ln.number <= b for a, b in spans)]


def extract_facts(doc: Document, sections: dict[str, Section], prior_year: int | None) -> list[Fact]:
    if not any(key in sections for key in _NARRATIVE_SECTIONS):
        return unsectioned_facts(doc.lines, prior_year) + staffing_facts(doc, sections) + evaluation_facts(doc, prior_year) \
            + statement_facts(doc) + holdings_facts(doc, sections)
    # (read last: where the report states a figure again in its section, that statement is the one found first)
    before = unsectioned_facts(doc.lines[:opening_lines(doc, sections)], prior_year) \
        + unsectioned_facts(_unknown_lines(doc, sections), prior_year) \
        + unsectioned_facts(_uncovered_lines(doc, sections), prior_year)
    facts: list[Fact] = []
    # The overview states 收入 and 支出 in their own words: where no section of their own holds them (平潭:
    # 决算收支总体情况 holds both), and where one does too (1. 财政拨款收入3629.02万元 under 收入支出情况总体说明)
    merged = VOCABULARY["income"] + VOCABULARY["expenditure"]
    for key in _NARRATIVE_SECTIONS:
        section = sections.get(key)
        if section is None:
            continue
        vocabulary = VOCABULARY[key] + merged if key == "overview" else None
        last = None  # the subject named last in the section, for a sentence that compares it
        own = {metric for _, metric in (VOCABULARY[key] if vocabulary is None else vocabulary)}
        for line in section_lines(doc, section):
            if line.text.strip() and not _is_function_line(line.text):
                found = facts_in_line(line, key, section.title, prior_year, vocabulary, carried=last)
                facts.extend(found + _also_named(line, found, own, prior_year))
                last = _subject_at_end(line.text, VOCABULARY[key] if vocabulary is None else vocabulary, last, prior_year)
    return facts + staffing_facts(doc, sections) + evaluation_facts(doc, prior_year) + statement_facts(doc) + holdings_facts(doc, sections) \
        + before


_COUNTED = re.compile(rf"({_N})\s*(?:人次|人|名|辆|个|批次|批|次|台)")


def _also_named(line: Line, found: list[Fact], own: set[str], prior_year: int | None) -> list[Fact]:
    """The figures of a section's line that another section's words name, where they mean one thing
    wherever they stand (政府性基金预算财政拨款支出52.65万元 under the 一般公共预算 heading, 上年结转和结余1万元 under
    收入决算): read as an unsectioned line's are (no error rests on them), where the section's own words
    read nothing of that figure."""
    held = {round(abs(f.value), 4) for f in found}
    written = [value for _, value in written_figures(line.text)] + [parse_number(m[1]) for m in _COUNTED.finditer(line.text)]
    if all(round(abs(v), 4) in held for v in written):
        return []  # every figure of the line read by its section's words (most lines: no second reading)
    # 公务接待费0.35万元 among a 商品和服务支出's items is that class's 款 (30217), not the 三公's whole
    classed = any(word in line.text for word, _ in ECONOMIC)
    return [f for f in unsectioned_facts([line], prior_year)
            if f.metric not in own and round(abs(f.value), 4) not in held
            and not (classed and f.metric.startswith("three_public"))]


def holdings_facts(doc: Document, sections: dict[str, Section]) -> list[Fact]:
    """What the department holds (extract/assets.py): in its 国有资产 section, or a line that names 资产.
    Vehicles and the 100万元 equipment are the count rules' (above), read from the text before these."""
    assets = sections.get("other.assets")
    out = []
    for line in doc.lines:
        about = assets is not None and assets.heading < line.number <= assets.end
        if not about and not about_assets(line.text):
            continue  # most lines: not one regex of the count rules run on them
        text = line.text
        for rx, _, _, _ in _COUNTS:
            text = blank_matches(text, rx)
        for metric, measure, value, unit, _ in asset_figures(text, about)[0]:
            out.append(Fact(metric, "current", measure, value, unit, "", assets.title if about else "", line.number,
                            line.stripped))
    return out


# The evaluation report (部门预算绩效分析) states the year's budget and its accounts again:
# 年初预算收入879.95万元，决算报表收入1050.28万元 / 年初预算支出…，决算报表支出…
_EVALUATION = re.compile(rf"(?P<what>年初预算收入|年初预算支出|决算报表收入|决算报表支出)(?:数|总额)?为?(?P<num>{NUMBER})\s*"
                         r"(?P<unit>万元|元)")
_COMPARED = re.compile(r"(?:比|较|与|同)于?(?:上一?年度?|去年|\d{4}\s*年度?)\s*$")
_EVALUATION_METRICS = {"年初预算收入": "budget.income", "年初预算支出": "budget.expenditure",
                       "决算报表收入": "income", "决算报表支出": "expenditure"}


def evaluation_facts(doc: Document, prior_year: int | None = None) -> list[Fact]:
    """The budget and the accounts as the evaluation text restates them: 决算报表收入/支出 are the
    year's 本年收入合计/本年支出合计 stated once more (compared like every figure stated twice). One
    right after a comparison is what is compared with: last year's (比2018年年初预算收入2724.44万元), or
    another year's, not read."""
    out = []
    for line in doc.lines:
        for m in _EVALUATION.finditer(line.text):
            period = "current"
            if compared := _COMPARED.search(line.text[:m.start()]):
                if not re.fullmatch(rf"(?:比|较|与|同)于?(?:{_last_year_words(prior_year)})\s*", compared[0]):
                    continue
                period = "prior"
            out.append(Fact(_EVALUATION_METRICS[m["what"]], period, "amount",
                            to_wanyuan(parse_number(m["num"]), m["unit"]), m["unit"], "", "部门预算绩效分析",
                            line.number, line.stripped))
    return out


# 编制数40个，其中行政编制数25个，参公编制2个，事业编制5个，机关工勤编制8人 / 实有人数42人，其中编制内人员35人…
_COUNT_UNIT = r"(?:个|名|人)"


@cache
def _staff_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The staffing and units words of reference/staffing.csv as two patterns: a word then its count
    (行政编制24个, 编制数为40个, 退休25人), and a count then its word (内设4个科室, 共4个单位)."""
    rows = staffing_words()
    named = "|".join(re.escape(w) for w, _, order in rows if order == "named")
    bare = "|".join(re.escape(w) for w, _, order in rows if order == "bare")
    counted = "|".join(re.escape(w) for w, _, order in rows if order == "counted")
    # a short word only after a clause break, a figure, or 有/共/设/定/计 (编制8人; not 中小学编制)
    after = r"(?:(?<![\u4e00-\u9fff])|(?<=[有共设定计为])|(?<=其中))"
    first = re.compile(rf"(?:(?P<word>{named})|{after}(?P<bare>{bare}))(?:人数|数|总数)?(?:小计|合计)?(?:为|共|有|计|共计)?"
                       rf"[:：]?\s*(?P<n>{_N})\s*(?P<unit>{_COUNT_UNIT})")
    then = re.compile(rf"(?<![\d增减撤新])(?<!增加)(?<!减少)(?P<n>\d+)\s*个(?P<word>{counted})(?![\u4e00-\u9fff]*(?:费|资金))")
    return first, then


@cache
def _staff_metric() -> dict[str, str]:
    return {word: metric for word, metric, _ in staffing_words()}


def _metric_of(m: re.Match) -> str:
    """The metric of the word a staffing pattern matched ('' for a word known to name nothing read)."""
    groups = m.groupdict()
    return _staff_metric()[groups.get("word") or groups.get("bare")]


def staffing_facts(doc: Document, sections: dict[str, Section] | None = None) -> list[Fact]:
    """The staff and units a report states (部门概况 or the evaluation report), each by the word that names it
    (reference/staffing.csv): 编制数 and 实有人数 with the items a 其中 after them lists, each of its kind (a kind no
    word knows: the whole's ``.other``; check.sums adds them up only where each is one of the whole's parts);
    every other count of staff (行政编制24个, 退休25人) or of units (内设4个科室) as stated. Each statement counts. In the 预算绩效管理情况 section only a sentence about the department
    itself (本部门…, 我局…): its projects' teams are not the department's staff (区地方志编纂中心核定编制3人)."""
    named, counted = _staff_patterns()
    projects = {line.number for key, section in (sections or {}).items() if key.startswith("other.performance")
                for line in section_lines(doc, section)}
    out = []
    for line in doc.lines:
        if line.number in projects and not _SELF.search(line.text):
            continue
        taken: list[tuple[int, int]] = []
        for m in named.finditer(line.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            metric = _metric_of(m)
            if not metric:
                continue  # a word known to name nothing read (行政事业编制, 学生人数)
            if metric in ("staff.authorized", "staff.actual") and _listed(line.text, m):
                continue
            out.append(_count(metric, m, line))
            taken.append(m.span())
            parts = _parts_listed(line, m, metric) if metric in ("staff.authorized", "staff.actual") else []
            if parts:  # the list after its 其中, each item of its kind (a kind no word knows: the whole's .other);
                # check.sums adds them up to the whole only where each is one of its parts (退休 beside 在职 and
                # 聘用, 管理编制 beside 行政编制, and the whole may count them or not)
                out += [_count(name, part, line) for name, part in parts]
                taken.append((m.end(), _clause_end(line.text, m.end())))
        for m in counted.finditer(line.text):
            if metric := _metric_of(m):
                out.append(_count(metric, m, line))
                taken.append(m.span())
        out += [Fact(metric, "current", "count", parse_number(m["n"]), "个", "", "", line.number, line.stripped,
                     subject_in_source=m["word"]) for metric, m in _units_by_suffix(line.text, taken)]
    return out


# a count of units no word of staffing.csv names, by what its name ends in (15个乡镇司法所, 派出局20个, 下设2个事业机构):
# under 内设 a section, under 下设/下辖/所属/下属 an affiliate, else a unit of a kind no word knows. Not the department
# itself (本部门共6个项目), nor a count that a longer word goes on from (30个左右发展所需)
_UNIT_SUFFIX = r"(?:单位|机构|科室|处室|股室|分局|派出局|站所|台站|管理站|工作站|司法所|派出所|财政所|中心|部门)"
_UNIT_WORD = rf"(?![本我该])[\u4e00-\u9fff]{{0,10}}?{_UNIT_SUFFIX}"
_UNITS_THEN = re.compile(rf"(?<![\d增减撤新])(?<!增加)(?<!减少)(?P<n>\d+)\s*个(?P<word>{_UNIT_WORD})"
                         r"(?![\u4e00-\u9fff]*(?:费|资金|项目))")
_UNITS_FIRST = re.compile(rf"(?P<word>{_UNIT_WORD})(?:数|共|有|为)?\s*(?P<n>\d+)\s*个(?![\u4e00-\u9fff])")
_UNIT_LEAD = re.compile(r"(内设|下设|下辖|所属|下属)")
_LEAD_METRIC = {"内设": "org.sections", "下设": "org.affiliated", "下辖": "org.affiliated", "所属": "org.affiliated",
                "下属": "org.affiliated"}


def _units_by_suffix(text: str, taken: list[tuple[int, int]]) -> list[tuple[str, re.Match]]:
    """The counts of units a text states that the staffing words did not read (spans ``taken``)."""
    out = []
    for rx in (_UNITS_THEN, _UNITS_FIRST):
        for m in rx.finditer(text):
            if any(a < m.end("n") and m.start("n") < b for a, b in taken):
                continue
            taken.append(m.span())
            # the lead word within the count's words or right before them (北京市交通委员会所属行政单位18个)
            leads = _UNIT_LEAD.findall(text[max(0, m.start() - 3):m.end()])
            out.append((_LEAD_METRIC[leads[-1]] if leads else "org.other", m))
    return out


# the report's words for the department itself
_SELF = re.compile(r"(?:本|我)(?:部门|单位|局|院|校|中心|所|委|会|办|厅|站|馆)")


def _count(metric: str, m: re.Match, line: Line) -> Fact:
    return Fact(metric, "current", "count", parse_number(m["n"]), m.group()[-1], "", "", line.number, line.stripped)


def _clause_end(text: str, at: int) -> int:
    """Where a whole's 其中 list ends: the sentence, or the next headcount (年末/实有…)."""
    m = _LIST_END.search(text, at)
    return m.start() if m else len(text)


_LIST_END = re.compile(r"[。;；]|年末|实有")


def _parts_listed(line: Line, m: re.Match, metric: str) -> list[tuple[str, re.Match]]:
    """The items a 其中 right after a whole lists, each with its kind: a kind no word knows (管理编制, 事业工勤编制)
    is the whole's ``.other``; none when no 其中 follows."""
    rest = line.text[m.end():]
    if not rest.lstrip(",，").startswith("其中"):
        return []
    end = _clause_end(line.text, m.end())
    return [(_kind_named(part["name"]) or f"{metric}.other", part)
            for part in _STAFF_PART.finditer(line.text, m.end(), end)]


def _kind_named(words: str) -> str:
    """The kind of staff a list item's words begin with (参照公务员法管理的事业编制 is 参公, 在职在编人员 is 在职);
    '' when they begin with words that name none (行政在职人数: 行政's staff on post, a kind of its own)."""
    words = re.sub(r"^(?:其中|以及|及|和|[、:：,，])+", "", words)
    return next((metric for word, metric, _ in staffing_words() if metric and words.startswith(word)), "")


_STAFF_PART = re.compile(rf"(?P<name>[\u4e00-\u9fff]{{2,16}}?)数?为?\s*(?P<n>{_N})\s*{_COUNT_UNIT}")


def _listed(text: str, m: re.Match) -> bool:
    """A count stated once per category in one sentence (行政编制115人，实有人数107人；事业编制31人，实有人数26人):
    each is its category's, not the whole's."""
    start = max(text.rfind("。", 0, m.start()), 0)
    end = text.find("。", m.end())
    named, _ = _staff_patterns()
    metric = _metric_of(m)
    sentence = text[start:end if end >= 0 else len(text)]
    return sum(_metric_of(x) == metric for x in named.finditer(sentence)) > 1


def _is_function_line(text: str) -> bool:
    return ITEM_LINE.search(text) is not None


@cache
def _last_subject(prior_year: int | None) -> re.Pattern:
    """A sentence that opens with a comparison or last year and names no subject (与上年相比下降28%,
    比2015年下降308.51%, 2014年度支出1.11万元) is about the subject named last before it, on its
    line or a line before (a page's sentences may stand on lines of their own)."""
    last_year = r"上年|上一年度?|去年" + (f"|{prior_year}年度?" if prior_year else "")
    return re.compile(rf"(?:与|和|比|较)(?:{last_year}|20\d\d年度?)|同比|(?:{last_year})(?:决算数?|支出)")


# A 功能分类 项 by its code or its level mark (2010201行政运行338.89万元, 行政运行(2040401)…,
# 一般行政管理事务(项)2.6万元): the figures after it are the 项's, not the subject's (a 7-digit code,
# not an amount: no unit or decimals follow).
_ITEM = re.compile(r"(?<![\d.,])2\d{6}(?![\d.,]|\s*(?:亿|万|元|%))|\(\d*\s*项\)")
# outside the 三公's own section, a 款 whose figure follows it (会议费（款）支出66.72万元 among the 基本支出's 商品和服务
# 支出): the class's 经济分类 款, not the 三公's or the meetings' whole — its figures are that 款's, no subject's
_KUAN = re.compile(r"\(\d*\s*款\)(?=\s*(?:支出|:|为|\d))")


def _subject_at_end(text: str, vocabulary, before: str | None, prior_year: int | None = None) -> str | None:
    """The subject in force at the end of a line: its last subject phrase, none after a 项 named
    after it, ``before`` when the line names neither — unless it states a figure of something its
    section has no word for (1.上级补助收入8.38万元 where 上级补助收入 is not the section's): what follows
    is about that, not ``before``."""
    masked = _masked(text, lambda *a, **k: None)
    named = [(start, metric) for _, metric, start in _labels(masked, vocabulary)]
    named += [(m.start(), None) for m in _ITEM.finditer(masked)]
    if named:
        return max(named, key=lambda n: n[0])[1]
    marks = _Marks(masked)
    if any(not marks.about_the_last(m.start(), prior_year) for m in AMOUNT.finditer(masked)):
        return None
    return before


def _unshared(text: str, fact) -> str:
    """The line with what is not a subject's figure blanked (thresholds, dates) and its counts read
    by ``fact`` and blanked; its shares still there."""
    masked = text
    for rx in _MASKS:
        masked = blank_matches(masked, rx)
    return blank_matches(_counts(masked, fact), _VEHICLE_ITEM)


def _masked(text: str, fact) -> str:
    """``_unshared``, its shares blanked too."""
    return blank_matches(_unshared(text, fact), _SHARE)


def _prior_sentences(text: str, prior_year: int | None) -> list[tuple[int, int]]:
    """The spans of the sentences (to 。) that open with last year: 2016年度支出合计628万元… in a 2017 report."""
    if prior_year is None:
        return []
    opens = re.compile(rf"\s*(?:[(（]?[一二三四五六七八九十\d]{{1,2}}[)）、.]\s*)?{prior_year}\s*年度?(?![\d年])")
    spans, start = [], 0
    for m in re.finditer(r"。|$", text):
        if opens.match(text, start):
            spans.append((start, m.end()))
        start = m.end()
        if start >= len(text):
            break
    return spans


# A remark in brackets that names what a word stands for (比2022年（上一年度，下同）预算增加): no subject, no
# figure; blanked (positions kept) so that the comparison around it reads as one.
_ASIDE = re.compile(r"\([^()\d]*(?:下同|简称|以下称)[^()\d]*\)")


def facts_in_line(line: Line, section_key: str, section_title: str, prior_year: int | None = None,
                  vocabulary: tuple[tuple[str, str], ...] | None = None, carried: str | None = None) -> list[Fact]:
    """All facts one line states, read with the vocabulary of its section (or the one given);
    ``carried``: the subject named last before the line, which a comparison that names none is about."""
    text = _ASIDE.sub(lambda m: " " * len(m[0]), line.text)
    if section_key == "general_budget.structure":
        m = re.search(r"主要用于[^:]*:", text)  # the 类 list after it belongs to functions.py
        text = text[: m.start()] if m else text
    out: list[Fact] = []
    last_change: dict[str, Fact] = {}  # each subject's change stated last
    how = [NAMED]  # how the subject of the figure being read was found (clauses.attach_of)
    # a sentence that opens with last year (2016年度支出合计628万元,其中:基本支出230万元,占总支出的37%;项目支出…。 in
    # a 2017 report): every figure in it is last year's, its shares and parts too
    last_years = _prior_sentences(text, prior_year)
    at = [0]  # where the figure being read stands

    def fact(metric, measure, value, unit, base="", period="current"):
        if period == "current" and any(a <= at[0] < b for a, b in last_years):
            period = "prior"
        out.append(Fact(metric, period, measure, value, unit, base, section_title, line.number, line.stripped,
                        how[0]))
        if measure == "change":
            last_change[metric] = out[-1]

    masked = _unshared(text, fact)
    parts = Clauses(clauses(masked))
    tokens: list[tuple[int, int, str, object]] = []
    for m in _SHARE.finditer(masked):
        tokens.append((m.start(), m.end(), "share", m))
    masked = blank_matches(blank_matches(masked, _SHARE), _EMPTY_SHARE)
    for m in _ITEM.finditer(masked):
        tokens.append((m.start(), m.end(), "item", m))
    if not section_key.startswith("three_public"):
        tokens += [(m.start(), m.end(), "item", m) for m in _KUAN.finditer(masked)]
    vocabulary = VOCABULARY.get(section_key, ()) if vocabulary is None else vocabulary
    # what money is used for (主要用于…基本支出和项目支出) names no subject of the figures after it
    purposes = Clauses([c for c in parts if c.role == "purpose"])
    for phrase, metric, start in _labels(masked, vocabulary):
        if purposes.at(start) is None:
            tokens.append((start, start + len(phrase), "label", metric))
    listed = masked  # the lists' separators, for _list_ends
    pieces, cut = [], 0
    for start, end, items in _bare_lists(masked):
        tokens += items
        pieces += [masked[cut:start], "|" * (end - start)]
        cut = end
    masked = "".join(pieces) + masked[cut:]
    for m in AMOUNT.finditer(masked):
        tokens.append((m.start(), m.end(), "amount", m))
    for m in PERCENT.finditer(masked):
        tokens.append((m.start(), m.end(), "percent", m))
    for m in _FLAT.finditer(masked):
        if _ROUGHLY.search(masked[:m.start()]):
            continue  # 与上年基本持平 after its change stated: a judgement of the change, not a change of 0
        tokens.append((m.start(), m.end(), "flat", m))
    tokens.sort(key=lambda t: t[0])
    marks = _Marks(masked)
    list_ends = _list_ends(tokens, listed)

    bases: dict[str, str] = {}  # subject → what its figures are compared with now (a rate after its change)
    years: dict[str, str] = {}  # subject → the other year it is compared with (比2019年)

    def basis(subject, clause) -> str:
        """What a change or rate is against: last year, the budget, last year's budget, or another year —
        as its clause says, or as the subject's comparison before it said (较年初预算数减少4万元，下降2.2%)."""
        year = _ANOTHER_YEAR.search(clause)
        # (a budget compares with last year only: its 比2026年预算 in a 2026 budget is a slip for 2025)
        dated = year is not None and prior_year is not None and section_key != "budget"
        if dated and int(year["year"]) == prior_year + 1 and "预算" in clause[year.end():]:
            bases[subject] = "budget"  # 与2023年年初预算相比: the year's own budget
        elif dated and int(year["year"]) != prior_year:
            bases[subject], years[subject] = "other", year["year"]
        elif _AGAINST_BUDGET.search(clause):
            bases[subject] = "budget"
        elif section_key != "budget" and _AGAINST_PRIOR_BUDGET.search(clause):
            bases[subject] = "prior_budget"
        elif year or _LAST_YEAR.search(clause):
            bases[subject] = "last"
        return bases.get(subject, "last")

    def value(subject, kind, payload, clause, share_base="") -> bool:
        """One figure of ``subject``; True when it is the subject's amount (so a later one is not)."""
        against = basis(subject, clause) if kind in ("percent", "amount", "flat") else "last"

        def sign(number):  # as the clause's words say, but a minus written before the figure says a fall
            return -abs(number) if _MINUS_BEFORE.search(clause) else signed(number, clause)

        if against == "other" and (_GROWTH.search(clause) or _CHANGE.search(clause)) and not _COMPLETION.search(clause):
            # 比2019年（疫情前）减少24.87万元，降低28.6%: not the change from last year — its own measure, the
            # year it is against in `base`
            amount = kind == "amount"
            number = to_wanyuan(parse_number(payload["num"]), payload["unit"]) if amount else parse_number(payload["num"])
            fact(subject, "other_year_change" if amount else "other_year_growth", sign(number),
                 payload["unit"] if amount else "%", years.get(subject, ""))
            return False
        if kind == "share":
            # (a share naming no base in a section of none is of the part's whole where the line stated it
            # before: 本年度支出合计12638.86万元…其中：基本支出1591.79万元，占21.59%)
            whole = _whole_of(subject) if not payload["base"].strip() else ""
            base = share_base or _base_metric(payload["base"]) or DEFAULT_BASE.get(section_key, "") \
                or (whole if whole and (section_key == "budget" or any(
                    f.metric == whole and f.measure == "amount" and f.period == "current" for f in out)) else "")
            if base == subject:  # 本年支出占本年支出的58.74%: the share's own subject was not understood
                return False
            fact(subject, "share", parse_number(payload["num"]), "%", base)
        elif kind == "flat":  # 与上年持平; 与预算数持平 is no change from last year
            fact(subject, "change" if against == "last" else f"{against}_change", 0.0, "持平")
        elif kind == "percent":
            number = parse_number(payload["num"])
            if _COMPLETION.search(clause):
                fact(subject, "completion", number, "%")
            elif re.fullmatch(r"\s*\(\s*", clause) and (change := last_change.get(subject)) is not None \
                    and change.measure == "change" and change.value:  # 较上年减少18.50万元(65.37%): its rate
                fact(subject, "growth", number if change.value > 0 else -number, "%")
            elif (short := _SHORT_RATE.fullmatch(clause)) and last_change.get(subject) is not None:
                # 较2016年增加17.77万元,增97.98%: the rate of the change just stated, its word one character
                fact(subject, "growth", number if short["way"] == "增" else -number, "%")
            elif _GROWTH.search(clause) and against in ("budget", "prior_budget"):
                fact(subject, f"{against}_growth", sign(number), "%")
            elif _GROWTH.search(clause):
                if _BOTH_WAYS.search(clause):  # 增长下降21%: the words say both; the stated change decides
                    change = last_change.get(subject)
                    if change is not None and change.value:
                        fact(subject, "growth", number if change.value > 0 else -number, "%")
                    elif number == 0:  # 增长（下降）0%: no sign to decide
                        fact(subject, "growth", 0.0, "%")
                    return False
                fact(subject, "growth", sign(number), "%")
        elif kind == "amount":
            number = to_wanyuan(parse_number(payload["num"]), payload["unit"])
            unit = payload["unit"]
            budget = _BUDGET.search(clause.strip())
            beyond = _BEYOND_BUDGET.search(clause.strip())
            if beyond:
                fact(subject, "budget_change", number if beyond["way"] in ("大于", "多于", "超过", "超出", "高于")
                     else -number, unit)
            elif (short := _SHORT_CHANGE.search(clause)) and not budget:
                measure = "change" if against == "last" else f"{against}_change"
                fact(subject, measure, number if short["way"] in _MORE else -number, unit)
            elif budget:  # a budget is never the outturn: 年初预算 and 全年(调整)预算 are measures of their own
                fact(subject, "budget" if budget["when"] in ("", "年初") else "budget_full", number, unit)
            elif _CHANGE.search(clause) and against != "last":  # 比预算增加0万元: not the year's change
                fact(subject, f"{against}_change", sign(number), unit)
            elif _CHANGE.search(clause):
                fact(subject, "change", sign(number), unit)
            else:
                fact(subject, "amount", number, unit, period="prior" if _is_prior(clause, prior_year) else "current")
                return True
        return False

    subject, used, last_end, prior_subject, group, named, unnamed = None, False, 0, False, [], False, False
    verb, unnamed_at, subject_at = "", None, None
    list_prior, list_at = False, None  # a 其中 list's whole was last year's, and where the list began
    list_whole = None  # the subject a 其中 list breaks down
    whole_budget = list_budget = False  # the last amount was a budget; a 其中 list's whole was
    budget_at = 0
    skip_to = 0
    for i, (start, end, kind, payload) in enumerate(tokens):
        at[0] = start
        gap = masked[last_end:start]
        clause = _CLAUSE_END.split(gap)[-1]
        last_end = end
        if kind == "item":  # a 项 named: the figures after it are the 项's
            subject, named, group = None, True, []
            continue
        if kind != "label" and not named and carried and not unnamed and marks.about_the_last(start, prior_year):
            subject, used, named, group, subject_at = carried, True, True, [carried], None
        if kind == "amount" and not named:
            unnamed = True  # a figure of something the section has no word for: what follows is about it
        if kind == "amount" and subject is None and (unnamed_at is None or marks.sentence_ends(unnamed_at, start)):
            unnamed_at = start
        if kind == "label" and unnamed_at is not None and marks.among(unnamed_at, start) \
                and not marks.sentence_ends(unnamed_at, start) and _is_part(payload):
            # 机构运行1100000元，其中：基本支出1100000元 — the parts of a thing the section has no word for
            # (a whole of the report's own is no part of it: 总收入581.45万元，其中本年收入390.55万元)
            subject, group, named = None, [], True
            continue
        if kind != "label" and list_whole and subject_at is not None and list_at is not None \
                and subject_at >= list_at and not marks.sentence_ends_unbracketed(list_at, subject_at) \
                and marks.sentence_ends_unbracketed(subject_at, start):
            # 收入预算7018.51万元，其中，…，政府性基金预算财政拨款收入0万元。收入较上年增加2042.52万元: a sentence
            # after a 其中 list that names nothing is about the list's whole, not its last item (carried: unsure)
            subject, group, subject_at, used = list_whole, [list_whole], None, True
            list_whole = None
        if kind == "label":
            named = True
            previous = subject
            # A run of subjects joined by 、/和/及 (A、B、C分别为…) is what a 分别 list speaks of, in order.
            joined = i and tokens[i - 1][2] == "label" and _SEPARATOR_ONLY.fullmatch(gap)
            if joined:
                group.append(payload)
            else:
                group = [payload]
            subject, used = payload, False
            bases.pop(subject, None)  # a subject named again is compared afresh
            if _LEADS_WITH_BUDGET.search(_SENTENCE_END.split(gap)[-1]):
                bases[subject] = "budget"  # 与年初预算相比，收、支总计各增加96.21万元: against the budget
            subject_at = subject_at if joined else start
            # 2014年度公务接待费1.29万元: the year before the subject makes it the prior year's figure
            # 较2014年度部门决算公开“三公”经费合计16.08万元增加…: named after a comparison with last year
            own_prior = (_is_prior(clause + "为", prior_year) or _against_last(clause, prior_year)) \
                if clause.strip() else False
            # 上年度“三公”经费支出24.67万元，其中公务用车运行维护费15.48万元、公务接待费9.18万元: the parts a
            # sentence lists after 其中 are of the year its whole is of
            if _PARTS_CUE.search(gap):  # (其中: ends a clause at its colon)
                list_prior, list_at, list_whole = prior_subject, start, previous
                # “三公”经费预算为168.53万元,其中:因公出国(境)费39万元…: the parts of a budget are budgets
                list_budget, budget_at = whole_budget, start
            prior_subject = own_prior or (list_prior and not marks.sentence_ends(list_at, start))
            # 增加基本支出844.15万元: a change word just before the subject makes its amount a change
            before = _VERB_BEFORE.search(clause)
            verb = before.group() if before else ""
            continue
        if subject is None or i < skip_to:
            continue
        if kind == "share" and _UNREAD_AMOUNT.search(gap):
            # …3277.62万元,占48.53%,2019年结转3476.69万,占收入总额的51.47%: a share is of the figure right before
            # it — one not read (its subject unknown, 万 for 万元) leaves the share unread too, not the last subject's
            continue
        how[0] = parts.attach(subject_at, start, marks.ends)
        if _RESPECTIVE.search(clause) and (list_ends[i] > i or len(group) > 1):
            items = list(range(i, list_ends[i] + 1))
            skip_to = i + len(items)
            for args in _respective(tokens, items, group, subject, clause, listed,
                                    DEFAULT_BASE.get(section_key, "")):
                value(*args)
            used = True
            continue
        if kind == "amount" and _names_another(clause):
            # 主要内容是：维修费114.58万元 — the amount of something the vocabulary does not know; what
            # follows it (占…%, 同比增加…) is that thing's too, until a subject is named again — but not a
            # remark in brackets: (2016年度部门支出预算安排为8,648.07万元)
            if not marks.in_brackets(start):
                subject, group = None, []
            continue
        if kind == "amount" and subject in _SIDES and (side := _SIDE_OPENS.match(clause)):
            # 收入总计…，支出总计…。收入较上年增加…: a clause that opens with one side speaks of that side's total
            subject = _SIDES[subject].get(side[1], subject)
            group = [subject]
        if kind == "amount":
            whole_budget = bool(_BUDGET.search(clause.strip()))
        if kind != "amount":
            value(subject, kind, payload, "完成预算的" if _COMPLETION_OF.search(masked[:start]) else clause)
        elif _BUDGET.search(clause.strip()) or _CHANGE.search(clause) or _SHORT_CHANGE.search(clause) \
                or _is_prior(clause, prior_year):
            used = value(subject, kind, payload, clause) or used
        elif list_budget and not used and len(clause.strip()) <= 2 and not marks.sentence_ends(budget_at, start):
            # (a word's last character may be left before the figure: 国内公务接待|费10万元)
            value(subject, kind, payload, "预算")
            used = True
        elif verb and not used and not clause.strip():  # 增加基本支出844.15万元: a change
            fact(subject, "change", signed(to_wanyuan(parse_number(payload["num"]), payload["unit"]), verb),
                 payload["unit"])
            used = True
        elif prior_subject and not used:
            fact(subject, "amount", to_wanyuan(parse_number(payload["num"]), payload["unit"]), payload["unit"],
                 period="prior")
            used = True
        elif not used and not _SENTENCE_END.search(gap):
            used = value(subject, kind, payload, clause)
        elif "共计" in clause:
            value(subject, kind, payload, clause)
    return out


# a minus written before a change's figure says a fall, whatever the word before it: 增长-30% (the word says how
# it is measured, the sign which way), 下降-81.75% (the sign said twice)
_MINUS_BEFORE = re.compile(r"(?<![\d\-])-\s*$")
_PARTS_CUE = _cue_words("parts")
_HEADING_NUMBER = re.compile(r"(?:\d+、|\(\d+\))\s*")  # (matched where the sentence starts)
_SPACE = re.compile(r"\s*")


class _Marks:
    """Where a line's sentences end, start, and say 其中, looked up for each figure rather than found by
    cutting the line up to it again: a line of n figures was n² characters read."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.end() for m in _SENTENCE_END.finditer(text)]  # just after each ; and 。
        self._among = [m.start() for m in re.finditer("其中", text)]
        self._starts: dict[int, tuple[int, int | None]] = {}
        self._brackets: tuple[list[int], list[int]] | None = None

    def sentence_ends(self, a: int, b: int) -> bool:
        """A sentence ends (; or 。) in text[a:b]."""
        i = bisect_left(self.ends, a + 1)
        return i < len(self.ends) and self.ends[i] <= b

    def among(self, a: int, b: int) -> bool:
        """text[a:b] says 其中."""
        i = bisect_left(self._among, a)
        return i < len(self._among) and self._among[i] + 2 <= b

    def sentence_at(self, at: int) -> int:
        """Where the sentence ``at`` stands in starts: after its white space and its heading's number."""
        i = bisect_right(self.ends, at) - 1
        begins = self.ends[i] if i >= 0 else 0
        if begins not in self._starts:
            words = _SPACE.match(self.text, begins).end()
            number = _HEADING_NUMBER.match(self.text, words)
            self._starts[begins] = (words, number.end() if number else None)
        words, after = self._starts[begins]
        if words >= at:
            return at  # white space up to the figure: the sentence is empty
        if after is None:
            return words
        if after <= at:
            return after
        number = _HEADING_NUMBER.match(self.text, words, at)  # the figure inside the heading's number
        return number.end() if number else words

    def about_the_last(self, at: int, prior_year: int | None) -> bool:
        """The sentence before ``at`` opens with a comparison or last year (``_last_subject``)."""
        return _last_subject(prior_year).match(self.text, self.sentence_at(at), at) is not None

    def sentence_ends_unbracketed(self, a: int, b: int) -> bool:
        """A sentence ends in text[a:b] outside brackets (（…337.17万元，减少2.96万元。） ends no sentence of what
        stands before the bracket)."""
        opened, closed = self._counted()
        i = bisect_left(self.ends, a + 1)
        while i < len(self.ends) and self.ends[i] <= b:
            if opened[self.ends[i] - 1] <= closed[self.ends[i] - 1]:
                return True
            i += 1
        return False

    def in_brackets(self, at: int) -> bool:
        """The sentence before ``at`` has opened more brackets than it has closed."""
        opened, closed = self._counted()
        start = self.sentence_at(at)
        return opened[at] - opened[start] > closed[at] - closed[start]

    def _counted(self) -> tuple[list[int], list[int]]:
        """How many brackets open and close before each position."""
        if self._brackets is None:
            opened, closed, o, c = [0], [0], 0, 0
            for ch in self.text:
                o += ch == "("
                c += ch == ")"
                opened.append(o)
                closed.append(c)
            self._brackets = opened, closed
        return self._brackets


def _counts(masked: str, fact) -> str:
    for m in _VEHICLE_DETAIL.finditer(masked):
        owned = m["what"] != "购置"
        for item in _VEHICLE_ITEM.finditer(m["detail"]):
            kind = dict(_VEHICLE_TYPES)[item["type"]]
            if owned:
                fact(f"three_public.vehicle.owned.{kind}", "count", float(item["n"]), "辆")
            else:
                fact(f"three_public.vehicle.purchased.{kind}", "count", float(item["n"]), "辆")
                if item["amount"] is not None:
                    fact(f"three_public.vehicle.purchase.{kind}", "amount",
                         to_wanyuan(parse_number(item["amount"]), item["unit"]), item["unit"])
    purchases = [m.span() for m in _TO_PURCHASE.finditer(masked)]  # in order, apart
    starts = [a for a, _ in purchases]
    for rx, counted, unit, spent in _COUNTS:
        blanked = []
        for m in rx.finditer(masked):
            i = bisect_right(starts, m.start()) - 1
            if counted[0].startswith("assets.") and i >= 0 and m.start() < purchases[i][1]:
                blanked.append(m.span())
                continue  # what a budget plans to buy (安排购置车辆0辆，其中…) is not what is held
            for metric, group in zip(counted, [g for g in m.groups() if g is not None]):
                fact(metric, "count", parse_number(group), unit)
            # the match is no one else's — but the amount before its counts (国内接待费603万元，共计…) is read as one
            first = min(m.start(g) for g in range(1, (m.lastindex or 0) + 1) if m.start(g) >= 0) if spent else m.start()
            blanked.append((first, m.end()))
        masked = blank_spans(masked, blanked)
    return masked


# Words that, written right before a subject's name, make it another thing's: the catch-all under it
# (其他商品和服务支出), a region's revenue in a finance bureau's work summary (公共财政总收入, 地方总收入)
_ANOTHERS = ("其他", "财政", "地方")
_FUNDS = identity_words("fund")  # 一般公共预算, 政府性基金预算 …: a fund's name before its 财政拨款


_DATED = re.compile(r"(?:^|[^\d])20\d\d\s*年度?\s*$")


def _owned(before: str) -> bool:
    """A bare subject word (收支) is the department's own at a clause's start or after words that name no
    other thing (2023年收支, 部门收支: cues.csv's owner cues); after a thing's name (人员经费收支) it is that thing's."""
    return not before or not re.match(r"[\u4e00-\u9fff]", before[-1]) or before.endswith(cues("owner"))


def _labels(text: str, vocabulary) -> list[tuple[str, str, int]]:
    """Non-overlapping subject phrases, longest first."""
    taken = [False] * len(text)
    found = []
    for phrase, metric, rx in _phrases(tuple(vocabulary)):
        if phrase not in text:
            continue
        for m in rx.finditer(text):
            if m.start() and text[m.start() - 1] == "非":  # 非财政拨款收入 is not 财政拨款收入
                continue
            if text[max(0, m.start() - 2):m.start()] in _ANOTHERS:  # 其他商品和服务支出, 公共财政总收入: not it
                continue
            if phrase.startswith("财政拨款") and text[:m.start()].endswith(_FUNDS):  # 政府性基金预算财政拨款支出:
                continue  # one fund's 财政拨款, not all of it
            if phrase in cues("bare") and not _owned(text[:m.start()]):  # 人员经费收支减少13.25万元: that 经费's,
                continue  # not the department's 收支; 机关运行经费支出决算: not its 支出决算
            if phrase in cues("dated") and not _DATED.search(text[:m.start()]):
                continue  # 收入 alone is the year's only as 2018年收入
            if not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = [True] * len(phrase)
                found.append((phrase, metric, m.start()))
    ends = {start + len(phrase) for phrase, _, start in found}
    return [f for f in found if not (f[0] in cues("follows") and f[2] in ends)]


@cache
def _phrases(vocabulary: tuple[tuple[str, str], ...]) -> list[tuple[str, str, re.Pattern]]:
    """A vocabulary's phrases, longest first, each with its pattern (made once, not for every line)."""
    return [(phrase, metric, re.compile(re.escape(phrase)))
            for phrase, metric in sorted(vocabulary, key=lambda pm: -len(pm[0]))]


def _is_part(metric: str) -> bool:
    """A metric that is a part of another (基本支出 of 本年支出), not a whole of the report's own."""
    known = metrics().get(metric)
    return known is None or bool(known.parent)


def _base_metric(base_text: str) -> str:
    base_text = base_text.strip()
    for phrase, metric in BASE_NAMES:
        if phrase in base_text:
            return metric
    return ""


def _is_prior(clause: str, prior_year: int | None) -> bool:
    """The clause before an amount makes it last year's: 上年为, 2014年决算数为, 2014年度支出, 2014年公共财政
    拨款支出 (the subject left out: words that name nothing else between the year and the amount)."""
    words = _last_year_words(prior_year)
    if re.search(rf"(?:较|比)于?(?:{words})的?\s*$", clause.strip()):  # 比2022年2423.96万元减少… / 较2024年的2190万元
        return True
    m = re.search(rf"(?:{words})(?P<rest>[^,;。:]*)$", clause.strip())
    return m is not None and re.search(r"(?:为|是|支出|决算数?)$", m["rest"]) is not None \
        and not _names_another(m["rest"])


def _whole_of(metric: str) -> str:
    """A budget's 收入预算X万元，其中：一般公共预算拨款收入Y万元，占Z%: a share that names no base is of the
    whole its subject is a first-level part of (reference/metrics.csv) — never guessed deeper down, nor
    where a base is written that the vocabulary does not know (占本年支出预算53.59%)."""
    spec = metrics().get(metric)
    return spec.parent if spec and spec.parent and "." not in spec.parent else ""


def _against_last(clause: str, prior_year: int | None) -> bool:
    """A subject named right after a comparison with last year (较2014年度部门决算公开“三公”经费…): the
    amount that follows it is last year's."""
    return re.search(rf"(?:较|比|与|同)于?(?:{_last_year_words(prior_year)})[^,;。:]*$", clause.strip()) is not None


def _last_year_words(prior_year: int | None) -> str:
    """How a clause names last year: 上年, 上一年度, or the year itself (2014年度)."""
    return r"上年|上一年度?" + (f"|{prior_year}年度?" if prior_year else "")


# Words between a subject and its amount that do not name another thing.
_LINKING = re.compile(r"预算安排|安排|汇总|一般公共预算财政拨款|公共预算财政拨款|公共财政拨款|财政拨款|支出|收入|决算数?|预算|实际|发生|总额|金额|合计|总计|共计|累计|共|计|合|为|是|达到?|约|了|的|数|额|"
                      r"增加|减少|增长|下降|降低|上升|节约|提高|增支|减支|相较于?|较于|比于|比|较|上年|上一|同比|与|相比于?|各|分别|完成|调整后?|年初|执行|"
                      r"本年度?|当年|全年|年度|年|度|其中|主要|用于|[省市区县乡镇]级|本级|财政|按?同口径|元|万|亿|\d|"
                      r"[\s()（）\"'、]")


_OWN_SUBJECT = re.compile(r"本年(?:支出|收入)")
_UNREAD_AMOUNT = re.compile(r"\d(?:\.\d+)?\s*(?:万元?|亿元?|元)")


def _names_another(clause: str) -> bool:
    """The clause before an amount names something other than the subject: 维修费 in
    '主要内容是：维修费114.58万元', 台湾考察 in '主要是台湾考察1.25万元'."""
    if _BEYOND_BUDGET.search(clause.strip()):  # 决算数大于预算数: the subject's own budget
        return False
    if _OWN_SUBJECT.search(clause):  # 财政拨款本年收入…;本年支出1094.65万元: a subject of its own, not the收入's
        return True
    rest = _LINKING.sub("", re.sub(r"\([^()]*\)", "", clause))  # a remark in brackets names nothing
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2


def blank_matches(text: str, rx: re.Pattern) -> str:
    """Replace matches by '|' so nothing is found inside them, keeping positions."""
    return rx.sub(lambda m: "|" * len(m[0]), text)


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace the (start, end) spans by '|' so nothing is found inside them, keeping positions."""
    for start, end in spans:
        text = text[:start] + "|" * (end - start) + text[end:]
    return text


def _respective(tokens, items: list[int], group: list[str], subject: str, clause: str, listed: str,
                default_base: str) -> list[tuple]:
    """各/分别: the listed figures go to the subjects one by one — (subject, kind, payload, words, base)
    each (收、支总计各是X,Y万元: two totals; A、B分别为X、Y万元). One figure goes to every subject; a list
    that does not match the subjects in number is not guessed at (nothing)."""
    targets = group if len(group) > 1 else list(_PARTS.get(subject, (subject,)))
    if len(items) == 1:
        pairs = [(target, items[0]) for target in targets]
    elif len(items) == len(targets):
        pairs = list(zip(targets, items))
    else:
        return []
    if len(group) == 1 and subject in _PARTS and len({tokens[j][3]["num"] for j in items}) == 1:
        pairs.append((subject, items[0]))  # the two totals agree: that is the 收、支总计
    first, out, base = items[0], [], ""
    for target, j in pairs:
        _, _, kind, item = tokens[j]
        # each item's own change word (增长10%、下降5%), else the list's (分别增长10%、5%)
        own = _CLAUSE_END.split(listed[tokens[j - 1][1]:tokens[j][0]])[-1] if j != first else clause
        words = own if _GROWTH.search(own) or _COMPLETION.search(own) else clause
        if kind == "share" and not base:
            base = _base_metric(item["base"]) or default_base
        if kind == "percent" and tokens[first][2] == "share":  # 分别占60%和40%
            kind, item = "share", {"num": item["num"], "base": ""}
        out.append((target, kind, item, words, base))
    return out


def _bare_lists(masked: str) -> list[tuple[int, int, list[tuple[int, int, str, dict]]]]:
    """分别为1.2、3.4、5.6万元 / 各是4125.49,4143.91万元: numbers listed after 分别/各 with one unit at
    the end, each its own figure in that unit (a single number with thousands separators is not a list):
    (start, end, a token per number)."""
    out = []
    for m in _CHAIN.finditer(masked):
        after = _UNIT_AFTER.match(masked, m.end())
        if after is None or not _SEPARATOR_IN.search(m.group()):  # no unit, or one number alone
            continue
        if not _RESPECTIVE.search(masked[max(0, m.start() - 8):m.start()]):
            continue
        kind = "percent" if after["unit"] == "%" else "amount"
        numbers = list(re.finditer(NUMBER, m.group()))  # thousands first: 12,000元 is one number
        if len(numbers) < 2:
            continue
        out.append((m.start(), after.end(), [(m.start() + n.start(), m.start() + n.end(), kind,
                                              {"num": n[0], "unit": after["unit"]}) for n in numbers]))
    return out


def _list_ends(tokens, masked: str) -> list[int]:
    """For each token, the last of the figures listed from it on (60万元和40万元 / 占60%和40% /
    增长10%、下降5%: figures of one kind joined by 、/和/及, each perhaps with its own change word): its
    list is tokens[i:ends[i] + 1]. Read once, from the end (a list of n figures is the list of each of
    them: read from each, n² steps)."""
    figures = ("amount", "percent", "share")
    ends = list(range(len(tokens)))
    for i in range(len(tokens) - 2, -1, -1):
        kind = tokens[i + 1][2]
        if kind in figures and (kind == "amount") == (tokens[i][2] == "amount") \
                and _LIST_GAP.fullmatch(masked[tokens[i][1]:tokens[i + 1][0]]):
            ends[i] = ends[i + 1]
    return ends
