"""The real published disclosures of ../shared/samples/real and their hand-read truth, scored:
figures read on their page (or line), errors raised, errors the truth explains, defects found.
Used by tests/test_real.py (bounds) and benchmarks/real.py (the table in docs)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

import juesuan
from juesuan.model.document import normalise
from juesuan.model.errors import ReportError
from juesuan.reference import metrics

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
SHANGHAI = REAL / "shanghai"
PINGTAN = REAL / "pingtan"
PINGTAN_TRUTH = Path(__file__).parent / "fixtures" / "real" / "pingtan.truth.json"

# The Shanghai truth names its narrative figures in words: what each is in facts.csv.
SHANGHAI_FACTS = {
    "收入支出总计": ("total", "amount"), "收入支出总计较2023增减额": ("total", "change"),
    "收入支出总计较2023增减率%": ("total", "growth"), "本年收入合计": ("income", "amount"),
    "财政拨款收入": ("income.fiscal", "amount"), "财政拨款收入占比%": ("income.fiscal", "share"),
    "其他收入": ("income.other", "amount"), "其他收入占比%": ("income.other", "share"),
    "本年支出合计": ("expenditure", "amount"), "基本支出": ("expenditure.basic", "amount"),
    "基本支出占比%": ("expenditure.basic", "share"), "项目支出": ("expenditure.project", "amount"),
    "项目支出占比%": ("expenditure.project", "share"), "财政拨款收入支出总计": ("fiscal_total", "amount"),
    "一般公共预算财政拨款支出": ("general_budget", "amount"),
    "一般公共预算财政拨款支出占本年支出合计%": ("general_budget", "share"),
    "一般公共预算财政拨款支出较2023增减额": ("general_budget", "change"),
    "一般公共预算财政拨款支出较2023增减率%": ("general_budget", "growth"),
    "一般公共预算财政拨款支出年初预算": ("general_budget", "budget"),
    "一般公共预算财政拨款支出全年预算": ("general_budget", "budget_full"),
    "一般公共预算财政拨款支出决算(具体情况)": ("general_budget", "amount"),
    "完成年初预算%": ("general_budget", "completion"), "完成年初预算%(sic)": ("general_budget", "completion"),
    "一般公共预算财政拨款基本支出": ("general_budget.basic", "amount"),
    "人员经费": ("general_budget.basic.personnel", "amount"), "公用经费": ("general_budget.basic.public", "amount"),
    "三公经费 年初预算": ("three_public", "budget"), "三公经费 决算": ("three_public", "amount"),
    "因公出国（境）费 决算": ("three_public.overseas", "amount"),
    "公务用车购置及运行维护费 决算": ("three_public.vehicle", "amount"),
    "公务接待费 决算": ("three_public.reception", "amount"),
    "机关运行经费": ("operating_cost", "amount"), "机关运行经费较2023增减额": ("operating_cost", "change"),
    "机关运行经费较2023增减率%": ("operating_cost", "growth"), "政府采购金额": ("procurement", "amount"),
    "车辆数": ("assets.vehicles", "count"), "财政拨款收入支出总计较2023": ("fiscal_total", "change"),
    "财政拨款收入支出总计较2023增减额": ("fiscal_total", "change"),
    "财政拨款收入支出总计较2023增减率%": ("fiscal_total", "growth"), "三公 完成预算%": ("three_public", "completion"),
    "三公 较2023": ("three_public", "change"), "三公经费": ("three_public", "amount"),
    "货物采购": ("procurement.goods", "amount"), "工程采购": ("procurement.works", "amount"),
    "服务采购": ("procurement.services", "amount"), "面向中小企业预留预算金额": ("procurement.reserved.sme", "amount"),
    "面向小微企业预留预算金额": ("procurement.reserved.small_micro", "amount"),
    "中小企业预留项目中标金额": ("procurement.reserved.sme.awarded", "amount"),
    "小微企业预留项目中标金额": ("procurement.reserved.small_micro.awarded", "amount"),
    "其他项目中小企业中标金额": ("procurement.other.sme.awarded", "amount"),
    "单价100万元以上设备(台套)": ("assets.large_equipment", "count"),
    "绩效自评平均分": ("performance.self_evaluation.average", "score"),
    "一般公共预算财政拨款支出较2023增减率": ("general_budget", "growth"),
    "公务用车购置 决算": ("three_public.vehicle.purchase", "amount"),
    "公务用车运行维护 决算": ("three_public.vehicle.operation", "amount"),
    "公务接待费 完成预算%": ("three_public.reception", "completion"), "三公 较2023增减额": ("three_public", "change"),
    "三公 较2023增减率%": ("three_public", "growth"), "公务用车保有量": ("three_public.vehicle.owned", "count"),
}
# Figures the truth names as two values at once: each value the fact of its metric, on the truth's page.
SHANGHAI_PAIRS = {
    "绩效目标项目数/金额": ("performance.targets", "performance.targets.amount"),
    "公务接待 批次/人次": ("three_public.reception.batches", "three_public.reception.persons"),
}
_TABLE_KINDS = {"收入支出决算总表": "summary", "收入决算表": "income", "支出决算表": "expenditure",
                "财政拨款收入支出决算总表": "fiscal_summary", "一般公共预算财政拨款支出决算表": "gb",
                "一般公共预算财政拨款基本支出决算表": "gb_basic", "财政拨款“三公”经费支出决算表": "three_public"}


def _numbers(value) -> list[float]:
    """The numbers a text writes, 24,558.18 as one."""
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?", str(value))]


def score_shanghai(name: str) -> dict:
    """Figures of the truth read on their page; errors; errors the truth explains; defects found."""
    truth = json.loads((SHANGHAI / "truth.json").read_text(encoding="utf-8"))[name]
    result = juesuan.process(SHANGHAI / name)
    t = result.tables
    facts, functions, cells = t["facts"], t["functions"], t["appendix"]
    read = mapped = 0
    missed = []
    for f in truth["facts"]:
        values = _numbers(f["value"])
        if f["source"] == "table" and "no data" in str(f["value"]):  # a table the department states empty
            mapped += 1
            state = t["appendix_tables"]
            titles = state["title"].map(lambda x: str(x).replace('"', "").replace("“", "").replace("”", ""))
            got = any((titles == f["table"].replace("“", "").replace("”", "")) & (state["status"] == "empty_stated"))
        elif f["source"] == "table":
            kind = _TABLE_KINDS.get(f["table"])
            if "blank" in str(f["value"]):  # "0.95/blank", "blank(0)": a blank cell is 0 in the table
                values = [0.0 if part.startswith("blank") else float(part) for part in str(f["value"]).split("/")]
            if kind is None or not values:
                continue
            mapped += 1
            # a figure of several values may run over the table's pages (as truth.json lists them)
            pages = [f["page"]] if len(values) == 1 else next(p for t, p in truth["tables"] if t == f["table"])
            on_page = cells[(cells["kind"] == kind) & cells["sheet"].isin([f"第{p}页" for p in pages])]
            # a zero is read where the table is read on that page (its cell left blank, as the truth says)
            got = all(any(abs(v - x) < 0.005 for x in on_page["value"]) or (v == 0 and len(on_page)) for v in values)
        elif f["name"] in SHANGHAI_FACTS:
            metric, measure = SHANGHAI_FACTS[f["name"]]
            mapped += 1
            rows = facts[(facts["metric"] == metric) & (facts["measure"] == measure) & (facts["page"] == f["page"])]
            if str(f["value"]).startswith("无"):
                got = any(rows["unit_in_source"] == "无")
            elif f["value"] == "持平":
                got = any(rows["unit_in_source"] == "持平") or any(
                    (facts["metric"] == metric) & (facts["unit_in_source"] == "持平"))
            else:
                got = any(abs(abs(v) - abs(x)) < 0.005 for v in values for x in rows["value"])
        elif "（类）" in f["name"]:  # a 类 of the structure list: its amount, or its share
            mapped += 1
            rows = functions[(functions["level"] == "类") & (functions["page"] == f["page"])
                             & functions["name_in_source"].fillna("").str.startswith(f["name"].split("（类）")[0])]
            column = "share" if f["name"].endswith("%") else "amount"
            got = any(abs(float(x) - values[0]) < 0.005 for x in rows[column].dropna())
        elif f["name"] in SHANGHAI_PAIRS:
            mapped += 1
            got = all(any((facts["metric"] == m) & ((facts["value"] - v).abs() < 0.005) & (facts["page"] == f["page"]))
                      for m, v in zip(SHANGHAI_PAIRS[f["name"]], values))
        elif re.match(r"^\d{7}", f["name"]):  # a 项: its 年初预算 (or 全年预算) and 决算
            mapped += 1
            code = f["name"][:7]
            rows = functions[(functions["code"] == code) & (functions["page"] == f["page"])]
            want = values[:2]
            got = not rows.empty and all(any(abs(v - float(x)) < 0.005 for x in rows[["budget", "amount"]].stack())
                                         for v in want)
        else:
            continue
        read += got
        if not got:
            missed.append(f["name"])
    findings = t["findings"]
    errors = findings[findings["severity"] == "error"]
    stated = [" ".join(str(d.get("stated", "")) + " " + str(d.get("what", "")) for d in [d]) for d in truth["defects"]]
    explained = [any(_explains(e, s) for s in stated) for e in errors.itertuples()]
    material = [d for d in truth["defects"] if d["kind"] == "material" and d.get("certainty") == "certain"]
    found = [d for d in material if any(_explains(e, str(d["stated"]) + " " + d["what"]) for e in errors.itertuples())]
    warnings = findings[findings["severity"] == "warning"]
    rounding = [d for d in truth["defects"] if d["kind"].startswith("rounding")]
    said = [d for d in rounding if any(_rounds(w, d) for w in warnings.itertuples())]
    likely = [d for d in truth["defects"] if d["kind"] == "material" and d.get("certainty") == "likely"]
    likely_said = [d for d in likely if any(_says(f, d) for f in findings[findings["severity"] != "info"].itertuples())]
    wording = [d for d in truth["defects"] if d["kind"] == "text"]
    worded = [d for d in wording if any(_words(w, d) for w in findings.itertuples())]
    return {"file": name, "figures": len(truth["facts"]), "mapped": mapped, "read": read, "missed": missed,
            "errors": len(errors), "explained": sum(explained), "material": len(material), "material_found": len(found),
            "warnings": len(warnings), "rounding": len(rounding), "rounding_found": len(said),
            "text": len(wording), "text_found": len(worded), "likely": len(likely), "likely_said": len(likely_said),
            "rounding_missed": [d["what"] for d in rounding if d not in said], "meta": result.meta}


def _rounds(warning, defect: dict) -> bool:
    """A warning says a rounding defect when both its figures, the stated one and what the others
    add up to, are among the defect's (326.71 against 326.72; 2,082.85 against 2,082.86)."""
    numbers = _numbers(" ".join(str(defect.get(k, "")) for k in ("stated", "expected", "what")))
    figures = (warning.stated, warning.expected)
    return all(x is not None and x == x and any(abs(float(x) - v) < 0.005 for v in numbers) for x in figures) \
        and abs(float(warning.stated) - float(warning.expected)) >= 0.005


def _says(finding, defect: dict) -> bool:
    """A finding (error or warning) says a defect: it states the defect's figure, or the defect's words
    (持平) stand in its line and its message quotes them."""
    stated = str(defect.get("stated", ""))
    year = finding.stated if str(finding.rule).startswith("text.") and finding.stated == finding.stated else None
    if year is not None and float(year).is_integer() and 1990 <= year <= 2100:  # a year, not an amount:
        return f"{int(year)}年" in stated  # only the year the defect itself quotes
    if _numbers(stated):
        return _explains(finding, stated + " " + str(defect.get("what", "")))
    return bool(stated) and stated in str(finding.text) and stated in str(finding.message)


def _words(finding, defect: dict) -> bool:
    """A finding on the wording says a `text` defect when the words the defect quotes ('…' in its
    `what` or `stated`) stand in the line the finding is about."""
    if not str(finding.rule).startswith("text."):
        return False
    quoted = re.findall(r"'([^']{4,})'", f"{defect.get('what', '')} '{defect.get('stated', '')}'")
    plain = lambda x: re.sub(r"[\s()（）:：,，…'\"“”]", "", x)  # noqa: E731
    line = plain(str(finding.text))
    return any(q[i:i + 8] in line for q in map(plain, quoted) for i in range(0, max(1, len(q) - 7), 4))


def _explains(error, defect_text: str) -> bool:
    """An error is explained by a defect that states the same figure (减少13.22% is the finding's -13.22)."""
    stated = error.stated
    return stated is not None and stated == stated and any(
        abs(abs(float(stated)) - abs(v)) < 0.005 for v in _numbers(defect_text))


def pingtan_files() -> list[Path]:
    return sorted(PINGTAN.glob("*.txt"))


def score_pingtan(path: Path, truth: dict) -> dict:
    """A 平潭 page: read or refused; year and department; its figures against the hand-read truth."""
    mine = truth["files"].get(path.name, {})
    try:
        result = juesuan.process(path)
    except ReportError as exc:
        return {"file": path.name, "kind": mine.get("kind", ""), "read": False, "why": str(exc)}
    facts = result.tables["facts"]
    known = set(metrics())  # every figure juesuan has a metric for is one it should read
    wanted = [f for f in mine.get("facts", []) if f["metric"] in known]
    hits = sum(any((facts["metric"] == f["metric"]) & (facts["measure"] == f["measure"])
                   & (facts["period"] == f["period"]) & ((facts["value"] - f["value"]).abs() < 0.005))
               for f in wanted)
    lines = result.tables["functions"]
    coded = [f for f in mine.get("functions", []) if len(str(f.get("code") or "")) == 7]
    function_hits = sum(any((lines["code"] == f["code"]) & ((lines["amount"] - f["amount"]).abs() < 0.005))
                        for f in coded)
    findings = result.tables["findings"]
    errors = findings[findings["severity"] == "error"]
    defects = [str(d.get("stated", "")) + " " + str(d.get("expected", "")) + " " + d.get("what", "")
               + " " + d.get("quote", "") for d in mine.get("defects", []) + mine.get("borderline", [])]
    explained = sum(any(_explains(e, d) for d in defects) for e in errors.itertuples())
    return {"file": path.name, "kind": mine.get("kind", ""), "read": True, "year": result.meta["year"],
            "year_ok": result.meta["year"] == mine.get("year"), "department": result.meta["department"],
            "figures": len(wanted), "hits": hits, "errors": len(errors), "explained": explained,
            "functions": len(coded), "function_hits": function_hits}



BUDGET = REAL / "budget"
BUDGET_MORE_TRUTH = Path(__file__).parent / "fixtures" / "real" / "budget_more.truth.json"


def budget_truths() -> dict[str, dict]:
    """The shared truth of two budgets and this project's hand-read truth of two more."""
    truth = json.loads((BUDGET / "truth.json").read_text(encoding="utf-8"))
    return {**truth, **json.loads(BUDGET_MORE_TRUTH.read_text(encoding="utf-8"))}


BUDGET_HELDOUT_TRUTH = Path(__file__).parent / "fixtures" / "real" / "budget_heldout.truth.json"


def heldout_budget_truths() -> dict[str, dict]:
    """A budget hand-read apart from the reader (nobody who read it looked at juesuan's output):
    measured first as a held-out document (docs/REAL.md), kept as a fixture since."""
    return json.loads(BUDGET_HELDOUT_TRUTH.read_text(encoding="utf-8"))


def score_budget(name: str, truth: dict) -> dict:
    """A budget (and its tables file, where published apart), scored twice: by meaning (``read_meaning``,
    score_budget_meaning below: the record the truth's words name holds the figure on its page) and by
    value (``read``: any record of juesuan on the truth's page holds it — a cell of the tables on that
    page; a fact or 功能分类 line on that page)."""
    files = truth["files"]
    tables_file = next((f for f in files if f != name), None)
    result = juesuan.process(BUDGET / name, tables=BUDGET / tables_file if tables_file else None)
    t = result.tables
    cells, facts, functions = t["appendix"], t["facts"], t["functions"]
    read = 0
    missed = []
    for f in truth["facts"]:
        value = f["value"]
        if not isinstance(value, int | float):
            continue
        if f["source"] == "table":
            there = cells[cells["sheet"] == f"第{f['page']}页"]["value"]
            if value == 0 and len(there):  # a blank cell of a table read on that page: zero, as the truth has it
                there = [0.0]
        else:
            lines = functions[functions["page"] == f["page"]]
            there = list(facts[facts["page"] == f["page"]]["value"]) + [  # a 功能分类 line's every figure
                x for col in ("amount", "prior", "change", "growth") if col in lines for x in lines[col].dropna()]
        got = any(abs(abs(float(x)) - abs(value)) < 0.005 for x in there)
        read += got
        if not got:
            missed.append((f["name"], value, f["page"]))
    findings = t["findings"]
    meaning = score_budget_meaning(name, truth, result)
    errors = findings[findings["severity"] == "error"]
    said = findings[findings["severity"] != "info"]
    return {"file": name, "figures": sum(isinstance(f["value"], int | float) for f in truth["facts"]), "read": read,
            "missed": missed, "read_meaning": meaning["read"], "missed_meaning": meaning["missed"],
            "errors": len(errors), "explained": sum(any(_says(e, d) for d in truth["defects"]) for e in errors.itertuples()),
            "defects": len(truth["defects"]), "defects_said": sum(any(_says(f, d) or _words(f, d) for f in said.itertuples())
                                                                 for d in truth["defects"]),
            "warnings": int((findings["severity"] == "warning").sum()), "meta": result.meta}


# ── Budgets scored by meaning ──────────────────────────────────────────────────────────────────────
# The budget truths name their figures in words ("一般公共预算收入 增长率%", "行政运行(项) 比上年增加",
# "2025年部门支出预算总表 | 基本支出"). A narrative figure is mapped to a metric of facts.csv through the
# budget reader's own vocabulary (extract/budget.py), its measure through the words after the subject;
# a 功能分类 类/项 to its row of expenditure_by_function.csv; a table figure to a cell of the table the
# truth names (its kind), in the row the truth names (by code or label), on the truth's page.
# Words the truths use for a metric that no budget sentence writes that way (the truth's shorthand):
BUDGET_TRUTH_WORDS = (
    ("政府采购货物", "procurement.goods"), ("政府采购工程", "procurement.works"), ("政府采购服务", "procurement.services"),
    ("车辆总数", "assets.vehicles"), ("一般公务用车", "assets.vehicles.general"),
    ("执法执勤用车", "assets.vehicles.law_enforcement"), ("购置车辆", "assets.vehicles.planned_purchase"),
    ("单价100万元以上设备", "assets.large_equipment"), ("单价20万元以上设备", "assets.equipment_20"),
    ("编报绩效目标的项目数", "performance.targets"), ("实行绩效目标管理的项目数", "performance.targets"),
    ("绩效目标涉及项目预算资金", "performance.targets.amount"), ("绩效目标涉及财政性资金", "performance.targets.amount"),
    ("开展绩效目标编报的预算单位数", "performance.targets.units"),
    ("面向中小企业预留", "procurement.reserved.sme"), ("预留给小型和微型企业", "procurement.reserved.small_micro"),
    ("涉及机关", "operating_cost.offices"), ("涉及参公事业单位", "operating_cost.civil_service_units"),
)
_BUDGET_SUFFIX = re.compile(r"(?:预算总额|预算总计|总预算|预算数|预算|总计)$")


def _budget_phrases() -> list[tuple[str, str]]:
    """The reader's vocabulary, each phrase also without its 预算/总计 ending (the truth's 财政拨款收支
    for 财政拨款收支预算), never shorter than four characters (收入 alone names nothing)."""
    from juesuan.extract.budget import VOCABULARY

    out = [(phrase.replace('"', "").replace("、", ""), metric) for phrase, metric in VOCABULARY]
    written = {plain for plain, _ in out}
    for plain, metric in list(out):
        bare = _BUDGET_SUFFIX.sub("", plain)
        # (a phrase the reader writes stands for itself, and a phrase cut short means what its first
        # phrase in the vocabulary means: 财政拨款支出预算 before 财政拨款支出总计)
        if bare != plain and len(bare) >= 4 and bare not in written:
            out.append((bare, metric))
            written.add(bare)
    from juesuan.reference import asset_rows  # what a 国有资产 paragraph states, in the reader's own lexicon

    out += [(word, row["metric"]) for row in asset_rows() for word in row["words"].split("|")]
    return out + list(BUDGET_TRUTH_WORDS)


def budget_measure(name: str) -> tuple[str, str, str]:
    """(subject, measure, base) of a truth's name: the words after the subject say the measure —
    占 → share, 率/% → growth, 比…增加/减少/变化 → change, …执行数 → prior, (辆)/(台套)/(家) → count."""
    name = normalise(name).replace('"', "")
    name = re.sub(r"^\d+\.\s*", "", name)  # the truth's list number (万里街道's 34 items: "16. 职业年金(项) …")
    subject, _, qualifier = name.partition(" ")
    words = re.compile(r"占|率|%|比|增加|减少|变化|执行数|预算安排|年度预算")
    if qualifier and not words.search(qualifier):
        subject, qualifier = subject + qualifier, ""  # 政府采购 货物, 财政拨款基本支出 人员经费: a part named
    base = "上年预算执行数" if "执行数" in qualifier and "比" in qualifier else ""
    if re.search(r"\((?:辆|台套|台\(套\)|家)\)", name) or re.search(r"(?:项目|单位)数$", subject):
        measure = "count"
    elif name.endswith("(平方米)"):
        measure = "area"
    elif "占" in qualifier or "占" in subject:
        measure = "share"
    elif "率" in qualifier or name.endswith("%"):
        measure = "growth"
    elif qualifier.endswith("执行数"):
        measure = "prior"
    elif re.search(r"比|增加|减少|变化", qualifier):
        measure = "change"
    else:
        measure = "amount"
    subject = re.sub(r"\((?!类|款|项)[^()]*\)$", "", subject.split("占")[0])  # (分节), (辆): notes, not names
    return subject, measure, base


def budget_metric(subject: str) -> str:
    """The metric a subject names: of the phrases written in it, the one that ends last (the subject of
    财政拨款基本支出 人员经费 is 人员经费), the longest where two end together."""
    text = subject.replace("、", "")
    found = [(m.end(), len(p), metric) for p, metric in _budget_phrases() for m in re.finditer(re.escape(p), text)]
    return max(found)[2] if found else ""


def _function_item(subject: str) -> tuple[str, str]:
    """(level, name) of a 功能分类 类 or 项 the subject names by its level mark: 行政运行(项),
    一般公共服务(类)支出, 社会保障和就业支出(类)行政事业单位养老支出(款)行政单位离退休(项)."""
    m = re.search(r"(?:^|[)\]])(?P<name>[^()\[\]]+)\(\d*项\)", subject)
    if m:
        return "项", m["name"]
    m = re.match(r"(?P<name>[^()]+)\(\d*类\)", subject)
    return ("类", m["name"]) if m else ("", "")


def _same_item(written: str, name: str) -> bool:
    """The truth's name of a 类/项 and the document's: one holds the other (基本养老保险 in
    机关事业单位基本养老保险缴费支出; 一般公共服务 in 一般公共服务支出)."""
    written, name = str(written or "").replace("支出", ""), name.replace("支出", "")
    return len(name) >= 2 and (name in written or (len(written) >= 4 and written in name))


def _where(frame, mask: list[bool]):
    return frame[[bool(m) for m in mask]] if len(frame) else frame


def _close(a, b) -> bool:
    return a is not None and a == a and abs(abs(float(a)) - abs(b)) < 0.005


def budget_narrative_read(f: dict, facts, functions, projects=None) -> tuple[bool, str]:
    """(read, where): a narrative figure of a budget truth held by the record its words name (a
    project's 年度预算: its row of performance_statements.csv)."""
    subject, measure, base = budget_measure(f["name"])
    if projects is not None and f["name"].endswith("年度预算"):
        rows = projects[(projects["measure"] == "budget") & (projects["page"] == f["page"])]
        rows = _where(rows, [str(p).startswith(subject.removesuffix("年度预算")) for p in rows["project"]])
        return any(_close(x, float(f["value"])) for x in rows["value"]), f"project {subject}"
    value = float(f["value"])
    level, item = _function_item(subject)
    if level == "项" and budget_metric(item).startswith("assets."):  # 在建工程(项): a count of holdings
        level, measure, subject = "", "count", item
    metric = "" if level else budget_metric(subject)
    if not level and not metric:  # 未归口管理的行政单位离退休 比上年增加: a 项 named without its mark
        named = _where(functions, [_same_item(w, subject) and p == f["page"]
                                   for w, p in zip(functions["name_in_source"], functions["page"])])
        level, item = ("项", subject) if len(named) else ("", "")
    if level:
        # a 类/项 row stands where its amount does; what its line says of last year may follow on the next page
        pages = [f["page"]] if measure == "amount" else [f["page"], f["page"] - 1]
        rows = functions[(functions["level"] == level) & functions["page"].isin(pages)]
        rows = _where(rows, [_same_item(a, item) or _same_item(b, item) for a, b in zip(rows["name_in_source"], rows["name"])])
        column = {"amount": "amount", "change": "change", "growth": "growth", "prior": "prior"}.get(measure)
        return column in rows and any(_close(x, value) for x in rows[column]), f"{level} {item} {measure}"
    # 收入、支出预算总计X万元: a budget's income and its spending are one total (收支平衡)
    metrics = [metric, "total"] if metric in ("income", "expenditure") and measure == "amount" else [metric]
    rows = facts[facts["metric"].isin(metrics) & (facts["page"] == f["page"])
                 & (facts["measure"] == ("amount" if measure == "prior" else measure))]
    if measure == "prior":
        rows = rows[rows["period"] == "prior"]
    if base:
        rows = rows[rows["base"] == base]
    return any(_close(x, value) for x in rows["value"]), f"{metric} {measure}"


def _truth_table_kind(title: str) -> str:
    """The kind of table a truth names: 公开05表 财政拨款支出预算表（功能科目） (单位：万元) → budget_fiscal."""
    from juesuan.extract.appendix import title_kind

    title = re.sub(r"\s*\(单位[^)]*\)$", "", title)
    title = re.sub(r"[(（](?:空表|本部门)[^)）]*[)）]$", "", title)
    return title_kind(re.sub(r"^公开\d+表\s*", "", title).strip())[0]


def _row_words(row: str) -> tuple[str, str]:
    """(code, label) of the row a truth names: 208 05 01 行政单位离退休 → (2080501, 行政单位离退休);
    一、基本支出 → ('', 基本支出); (single row), 合计 (空表) → ('', '')."""
    # the truth's notes on the row, in English: (blank), (single row), (printed 4335.3), (label wraps; …)
    row = re.sub(r"\s*\((?:blank|空表|[a-z][a-z ]*(?:[ ;][^)]*)?)\)", "", row).strip()
    m = re.match(r"^(\d{3})(?:\s*(\d{2}))?(?:\s*(\d{2}))?\s+(.*)$", row)
    if m:
        return "".join(g for g in m.groups()[:3] if g), m[4]
    parts = row.split("-")
    label = parts[0] if parts[-1] in ("小计", "合计") and len(parts) > 1 else parts[-1]  # a group's 小计 is its row
    label = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+\s*[.、．]\s*)", "", label).strip()
    return "", "" if label in ("", "合计 合计") else label


def budget_table_read(f: dict, cells, states) -> tuple[bool, str]:
    """(read, where): a table figure of a budget truth held by a cell of the table it names, in its row,
    on its page; a blank (0) where that table is read on that page; 0 of a table stated empty."""
    kind = _truth_table_kind(f["table"])
    sheet = f"第{f['page']}页"
    value = float(f["value"])
    if value == 0 and any((states["kind"] == kind) & (states["sheet"] == sheet) & states["status"].isin(["empty_stated", "empty"])):
        return True, f"{kind} stated empty"
    there = cells[(cells["kind"] == kind) & (cells["sheet"] == sheet)]
    if value == 0 and len(there):
        return True, f"{kind} blank"
    code, label = _row_words(str(f.get("row", "")))
    if code:
        there = there[there["code"].astype(str) == code]
    elif label:
        key = normalise(label).replace(" ", "")
        rows = [normalise(str(r)).replace(" ", "") if r == r and r is not None else "" for r in there["row"]]
        there = _where(there, [bool(r) and (key in r or (len(r) >= 2 and r in key)) for r in rows])
    return any(_close(x, value) for x in there["value"]), f"{kind} {code or label}"


def score_budget_meaning(name: str, truth: dict, result=None) -> dict:
    """Each figure of a budget truth read by meaning (above); ``result``: juesuan's, if already made."""
    if result is None:
        files = truth["files"]
        tables_file = next((f for f in files if f != name), None)
        result = juesuan.process(BUDGET / name, tables=BUDGET / tables_file if tables_file else None)
    t = result.tables
    read, missed = 0, []
    for f in truth["facts"]:
        if not isinstance(f["value"], int | float):
            continue
        if f["source"] == "table":
            got, where = budget_table_read(f, t["appendix"], t["appendix_tables"])
        else:
            got, where = budget_narrative_read(f, t["facts"], t["functions"], t["performance_statements"])
        read += got
        if not got:
            missed.append((f["name"], f["value"], f["page"], where))
    return {"file": name, "figures": sum(isinstance(f["value"], int | float) for f in truth["facts"]), "read": read,
            "missed": missed}


def budget_documents() -> list[tuple[Path, Path | None]]:
    """Every budget of the samples as juesuan reads it: (the document, its tables file or None). Jiangsu
    publishes a 说明 and its 表格 as two files of one department (the folder's prefix) and year; the
    one whose name after the year says 表 holds the tables."""
    groups: dict[tuple[str, str], list[Path]] = {}
    for path in sorted(BUDGET.glob("*.pdf")):
        prefix = path.stem.split("_")[0] if "_" in path.stem else path.stem
        year = re.search(r"20\d\d", path.stem)
        groups.setdefault((prefix, year.group(0) if year else ""), []).append(path)
    out = []
    for paths in groups.values():
        tables = [p for p in paths if "表" in p.stem[re.search(r"20\d\d", p.stem).end():]] if len(paths) == 2 else []
        if len(tables) == 1:
            out.append((next(p for p in paths if p != tables[0]), tables[0]))
        else:
            out += [(p, None) for p in paths]
    return out


# ── The ledger of errors: every error raised on every real document we hold, read on the page ──────
CITIES = REAL / "cities"
SHIPPED_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
ERROR_LEDGER = Path(__file__).parent / "fixtures" / "error_ledger.json"


def real_documents() -> list[tuple[str, Path, Path | None]]:
    """(name, the document, its tables file or None) of every real document: the Shanghai 决算 and
    their template, the 平潭 pages, the budgets (Jiangsu's pairs as one), the cities' budgets, and the
    reports shipped in data/raw with their appendix workbook."""
    out = [(p.name, p, None) for p in sorted(SHANGHAI.glob("*.pdf"))]
    out += [(p.name, p, None) for p in pingtan_files()]
    out += [(p.name, p, t) for p, t in budget_documents()]
    out += [(p.name, p, None) for p in sorted(CITIES.glob("*.pdf"))]
    for folder in sorted(p for p in SHIPPED_RAW.glob("*/*") if p.is_dir()):
        text = next((p for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html", ".docx", ".pdf")), None)
        if text is not None:
            out.append((text.name, text, None))
    return out


def ledger_key(document: str, error) -> str:
    """An error as the ledger names it: the document, the rule, the figure stated and the one expected."""
    def figure(x):
        return "" if x is None or x != x else f"{float(x):.2f}"
    return f"{document} | {error.rule} | {figure(error.stated)} | {figure(error.expected)}"


def raised_errors(name: str, path: Path, tables: Path | None) -> list[dict]:
    """The errors juesuan raises on one document (nothing for a document it refuses), each with its key."""
    try:
        findings = juesuan.process(path, tables=tables).tables["findings"] if tables else \
            juesuan.process(path).tables["findings"]
    except ReportError:
        return []
    errors = findings[findings["severity"] == "error"]
    return [{"key": ledger_key(name, e), "document": name, "rule": e.rule, "message": e.message,
             "line": None if pd.isna(e.line) else int(e.line), "quote": str(e.text)[:160]}
            for e in errors.itertuples()]


def ledger() -> dict[str, dict]:
    """key → {verdict: real | false, why (the truth's defect it matches, or what was misread), …}."""
    return {e["key"]: e for e in json.loads(ERROR_LEDGER.read_text(encoding="utf-8"))} if ERROR_LEDGER.exists() else {}
